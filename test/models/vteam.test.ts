// The VTEAM device equations against hand-computed state changes for single pulses (memtorch's
// default device: kOff 5e-4 m/s, αOff 1, vOff 0.02 V; kOn −10 m/s, αOn 3, vOn −0.2 V; 3 nm; 50 Ω … 1 kΩ).
import { describe, expect, it } from "vitest";
import { applyPulse, disturbsOnRead, resistance, stateRate, VTEAM_MEMTORCH, windowValue, type VteamParams } from "../../src/models/vteam.js";

const p = VTEAM_MEMTORCH;
const withWindow = (window: VteamParams["window"]): VteamParams => ({ ...p, window });

describe("VTEAM state equation", () => {
  it("does not move between the thresholds, and says which read voltages would disturb it", () => {
    expect(stateRate(1e-9, 0.019, p)).toBe(0);
    expect(stateRate(1e-9, -0.19, p)).toBe(0);
    expect(applyPulse(1e-9, 0.01, 1, p)).toBe(1e-9);
    expect(disturbsOnRead(0.019, p)).toBe(false);
    // At a threshold itself the rate is still 0, but a read there has no margin left: reads must
    // stay strictly inside (vOn, vOff) (models.md §4), so the check counts the thresholds as disturbing.
    expect(disturbsOnRead(0.02, p)).toBe(true);
    expect(disturbsOnRead(-0.2, p)).toBe(true);
  });

  it("an OFF pulse of 0.04 V for 1 µs moves w by kOff·(0.04/0.02 − 1)·1 µs = 0.5 nm", () => {
    expect(stateRate(1e-9, 0.04, p)).toBeCloseTo(5e-4, 15);
    expect(applyPulse(1e-9, 0.04, 1e-6, p)).toBeCloseTo(1.5e-9, 20);
  });

  it("ON pulses: −0.4 V for 0.1 ns moves w by −10·1³·0.1 ns = −1 nm; −0.3 V for 0.8 ns by −10·0.5³·0.8 ns = −1 nm", () => {
    expect(applyPulse(2e-9, -0.4, 1e-10, p)).toBeCloseTo(1e-9, 20);
    expect(stateRate(2e-9, -0.3, p)).toBeCloseTo(-1.25, 12);
    expect(applyPulse(2e-9, -0.3, 8e-10, p)).toBeCloseTo(1e-9, 20);
  });

  it("clamps the state to [wOn, wOff]", () => {
    expect(applyPulse(2e-9, 0.04, 1, p)).toBe(3e-9);
    expect(applyPulse(1e-9, -0.4, 1e-6, p)).toBe(0);
  });

  it("with Joglekar's window (p = 1) follows the closed form x = (1 + tanh(atanh(2x0 − 1) + 2·k·t/D))/2", () => {
    const joglekar = withWindow({ kind: "joglekar", p: 1 });
    expect(windowValue(1.5e-9, 0.04, joglekar)).toBe(1);
    expect(windowValue(0, 0.04, joglekar)).toBe(0);
    expect(windowValue(0.75e-9, 0.04, joglekar)).toBeCloseTo(0.75, 12);
    // dy/dt = (2k/D)(1 − y²) with y = 2x − 1, k = 5e-4 m/s at 0.04 V, D = 3 nm, from y = 0 for 1 µs: y = tanh(1/3).
    const x = (1 + Math.tanh((2 * 5e-4 * 1e-6) / 3e-9)) / 2;
    expect(applyPulse(1.5e-9, 0.04, 1e-6, joglekar) / 3e-9).toBeCloseTo(x, 10);
  });

  it("Biolek's window picks its branch by the sign of the current; Prodromakis's and Kvatinsky's take their formulas", () => {
    const biolek = withWindow({ kind: "biolek", p: 1 });
    expect(windowValue(0.75e-9, 0.04, biolek)).toBeCloseTo(1 - 0.25 ** 2, 12); // x = 0.25, stp(−i) = 0
    expect(windowValue(0.75e-9, -0.4, biolek)).toBeCloseTo(1 - 0.75 ** 2, 12); // stp(−i) = 1
    const prodromakis = withWindow({ kind: "prodromakis", p: 1, j: 1 });
    expect(windowValue(1.5e-9, 0.04, prodromakis)).toBeCloseTo(0.25, 12); // 1 − (0 + 0.75)
    const kvatinsky = withWindow({ kind: "kvatinsky", aOn: 2e-9, aOff: 1.2e-9, wc: 107e-12 });
    expect(windowValue(1.2e-9, 0.04, kvatinsky)).toBeCloseTo(Math.exp(-1), 12);
    expect(windowValue(2e-9, -0.4, kvatinsky)).toBeCloseTo(Math.exp(-1), 12);
  });
});

describe("VTEAM current–voltage relation", () => {
  it("linear: R = rOn + (rOff − rOn)·x; exponential: R = rOn·(rOff/rOn)^x", () => {
    expect(resistance(0, p)).toBe(50);
    expect(resistance(3e-9, p)).toBe(1000);
    expect(resistance(1.5e-9, p)).toBeCloseTo(525, 9);
    expect(resistance(1.5e-9, { ...p, iv: "exponential" })).toBeCloseTo(50 * Math.sqrt(20), 9);
  });
});

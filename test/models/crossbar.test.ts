// The crossbar's device functions against hand-computed numbers for the Technion-derived VTEAM set
// (R_on 5 kΩ, R_off 200 kΩ, D 3 nm, k_on −10 m/s, k_off 5e-4 m/s, α_on 3, α_off 1, v_on −0.3 V, v_off 0.02 V).
import { describe, expect, it } from "vitest";
import {
  activeConductance,
  adcLevel,
  applyPulses,
  calibratePulsesPerLevel,
  conductance,
  drawDeviceFactors,
  largestLevel,
  pulseEnergy,
  pulsesFor,
  readEnergy,
  readLevel,
  stateForConductance,
  variedDevice,
} from "../../src/models/crossbar.js";
import type { VteamParams } from "../../src/models/vteam.js";
import { Rng } from "../../src/util/rng.js";

const technion: VteamParams = {
  kOn: -10,
  kOff: 5e-4,
  alphaOn: 3,
  alphaOff: 1,
  vOn: -0.3,
  vOff: 0.02,
  wOn: 0,
  wOff: 3e-9,
  rOn: 5000,
  rOff: 200000,
  window: { kind: "none" },
  iv: "linear",
};
const set = { voltage: -0.34, width: 1e-9, substeps: 10 };
const reset = { voltage: 0.05, width: 1e-9, substeps: 10 };

describe("programming pulses", () => {
  it("one SET pulse (−0.34 V, 1 ns, no window) moves w by k_on·(0.34/0.3 − 1)³·t_p = −10·(2/15)³·1 ns", () => {
    const step = -10 * (2 / 15) ** 3 * 1e-9; // −2.370370… e-11 m
    expect(applyPulses(1.5e-9, 1, set, technion)).toBeCloseTo(1.5e-9 + step, 22);
    expect(applyPulses(1.5e-9, 3, set, technion)).toBeCloseTo(1.5e-9 + 3 * step, 22);
  });

  it("one RESET pulse (0.05 V, 1 ns, no window) moves w by k_off·(0.05/0.02 − 1)·t_p = 0.75 pm", () => {
    expect(applyPulses(1.5e-9, 1, reset, technion)).toBeCloseTo(1.5e-9 + 7.5e-13, 22);
  });

  it("clamps to [wOn, wOff]", () => {
    expect(applyPulses(1e-11, 1, set, technion)).toBe(0);
    expect(applyPulses(3e-9, 5, reset, technion)).toBe(3e-9);
  });

  it("with Joglekar's window (p = 1) a SET pulse from x = 0.5 follows x = (1 + tanh(2·k·t/D))/2", () => {
    const joglekar: VteamParams = { ...technion, window: { kind: "joglekar", p: 1 } };
    const k = -10 * (2 / 15) ** 3; // m/s at −0.34 V
    const x = (1 + Math.tanh((2 * k * 1e-9) / 3e-9)) / 2;
    expect(applyPulses(1.5e-9, 1, set, joglekar) / 3e-9).toBeCloseTo(x, 10);
  });

  it("turns Δ levels into round(|Δ|·pulsesPerLevel) pulses, at most the limit", () => {
    expect(pulsesFor(2.3, 2, 64)).toBe(5); // 4.6
    expect(pulsesFor(-1.25, 2, 64)).toBe(3); // 2.5 rounds up
    expect(pulsesFor(-1.2, 2, 64)).toBe(2);
    expect(pulsesFor(40, 2, 64)).toBe(64);
    expect(pulsesFor(0.2, 2, 64)).toBe(0);
  });
});

describe("weight ↔ conductance ↔ state", () => {
  it("maps |w|/|w|max linearly onto [G_off, G_on]", () => {
    expect(activeConductance(0, technion)).toBeCloseTo(5e-6, 18);
    expect(activeConductance(1, technion)).toBeCloseTo(2e-4, 18);
    expect(activeConductance(0.5, technion)).toBeCloseTo(1.025e-4, 18);
  });

  it("inverts the linear I–V: G = 1/53 750 S is x = 0.25 (R = 5 k + 195 k·0.25)", () => {
    const { w, clamped } = stateForConductance(1 / 53750, technion);
    expect(w).toBeCloseTo(0.75e-9, 20);
    expect(clamped).toBe(false);
    expect(conductance(w, technion)).toBeCloseTo(1 / 53750, 18);
  });

  it("inverts the exponential I–V: R = 5 k·40^0.5 is x = 0.5", () => {
    const exponential: VteamParams = { ...technion, iv: "exponential" };
    const { w } = stateForConductance(1 / (5000 * Math.sqrt(40)), exponential);
    expect(w).toBeCloseTo(1.5e-9, 20);
    expect(conductance(w, exponential)).toBeCloseTo(1 / (5000 * Math.sqrt(40)), 18);
  });

  it("puts the range ends exactly on wOn and wOff and clamps beyond them", () => {
    expect(stateForConductance(1 / 5000, technion).w).toBe(0);
    expect(stateForConductance(1 / 200000, technion).w).toBe(3e-9);
    expect(stateForConductance(1 / 1000, technion)).toEqual({ w: 0, clamped: true });
    expect(stateForConductance(1 / 1e6, technion)).toEqual({ w: 3e-9, clamped: true });
  });
});

describe("ADC", () => {
  it("rounds half away from zero and clamps to ±(2^(bits−1) − 1)", () => {
    expect(largestLevel(8)).toBe(127);
    expect(adcLevel(2.5e-9, 1e-9, 8)).toBe(3);
    expect(adcLevel(-2.5e-9, 1e-9, 8)).toBe(-3);
    expect(adcLevel(2.4e-9, 1e-9, 8)).toBe(2);
    expect(adcLevel(0.49e-9, 1e-9, 8)).toBe(0);
    expect(adcLevel(200e-9, 1e-9, 8)).toBe(127);
    expect(adcLevel(-200e-9, 1e-9, 8)).toBe(-127);
    expect(adcLevel(-200e-9, 1e-9, 4)).toBe(-7);
  });

  it("reads a pair: G⁺ at ON, G⁻ at OFF, 10 mV, I_lsb = 10 mV·195 µS/100 gives level 100", () => {
    const lsb = (0.01 * (2e-4 - 5e-6)) / 100;
    expect(readLevel(0, technion, 3e-9, technion, { voltage: 0.01, adcBits: 8 }, lsb)).toBe(100);
    expect(readLevel(3e-9, technion, 0, technion, { voltage: 0.01, adcBits: 8 }, lsb)).toBe(-100);
    expect(readLevel(3e-9, technion, 3e-9, technion, { voltage: 0.01, adcBits: 8 }, lsb)).toBe(0);
  });
});

describe("calibration", () => {
  it("pulses per level at mid-range: one SET pulse from the state of G = 102.5 µS, converted by V_read/I_lsb", () => {
    // mid-range: R = 1/102.5 µS, x = (R − 5 k)/195 k; the pulse moves w by −10·(2/15)³·1 ns
    const rMid = 1 / 1.025e-4;
    const xMid = (rMid - 5000) / 195000;
    const xAfter = xMid + (-10 * (2 / 15) ** 3 * 1e-9) / 3e-9;
    const gAfter = 1 / (5000 + 195000 * xAfter);
    const lsb = (0.01 * (2e-4 - 5e-6)) / 127;
    const levelsPerPulse = (0.01 * (gAfter - 1.025e-4)) / lsb;
    expect(calibratePulsesPerLevel(technion, set, 0.01, lsb)).toBeCloseTo(1 / levelsPerPulse, 9);
  });

  it("is Infinity when the pulse does not cross its threshold", () => {
    expect(calibratePulsesPerLevel(technion, { ...set, voltage: -0.2 }, 0.01, 1e-9)).toBe(Infinity);
  });
});

describe("variation", () => {
  it("draws exp(σ·z) for R_on, R_off and k, in that order", () => {
    const z = [1, -2, 0.5];
    const fake = { nextNormal: () => z.shift() as number } as unknown as Rng;
    const f = drawDeviceFactors(fake, { rOn: 0.1, rOff: 0.2, k: 0.3 });
    expect(f.rOn).toBeCloseTo(Math.exp(0.1), 14);
    expect(f.rOff).toBeCloseTo(Math.exp(-0.4), 14);
    expect(f.k).toBeCloseTo(Math.exp(0.15), 14);
    const varied = variedDevice(technion, f);
    expect(varied.rOn).toBeCloseTo(5000 * Math.exp(0.1), 9);
    expect(varied.rOff).toBeCloseTo(200000 * Math.exp(-0.4), 7);
    expect(varied.kOn).toBeCloseTo(-10 * Math.exp(0.15), 12);
    expect(varied.kOff).toBeCloseTo(5e-4 * Math.exp(0.15), 16);
  });

  it("gives factor 1 at σ = 0 and the same draws for the same seed", () => {
    expect(drawDeviceFactors(new Rng(7), { rOn: 0, rOff: 0, k: 0 })).toEqual({ rOn: 1, rOff: 1, k: 1 });
    const a = drawDeviceFactors(Rng.derive(7, "p/0"), { rOn: 0.1, rOff: 0.1, k: 0.1 });
    const b = drawDeviceFactors(Rng.derive(7, "p/0"), { rOn: 0.1, rOff: 0.1, k: 0.1 });
    expect(a).toEqual(b);
    expect(a.rOn).not.toBe(1);
  });
});

describe("energy", () => {
  it("one read: (10 mV)²·200 µS·10 ns = 2e-16 J", () => {
    expect(readEnergy(0.01, 2e-4, 1e-8)).toBeCloseTo(2e-16, 28);
  });

  it("one SET pulse from OFF: (0.34 V)²·5 µS·1 ns = 5.78e-16 J", () => {
    expect(pulseEnergy(3e-9, set, technion)).toBeCloseTo(5.78e-16, 28);
  });
});

// The xylo-style semantics (docs/semantics-integer.md §8) computed by hand: the shift decay of
// 1000 with dash 4, the linear tail, saturation at ±2^15, a multi-spike step and the spike cap.
// Every case runs on both engines, which must agree with the hand values and with each other.
import { describe, expect, it } from "vitest";
import { emulate } from "../../src/emulator/emulator.js";
import { interpretScalar } from "../../src/emulator/scalar.js";
import { shiftDecay } from "../../src/targets/fixed.js";
import type { HwConfig } from "../../src/hw/types.js";
import { rawTrace, semanticsOf, singleCore, spikeSteps } from "./build.js";

const xylo = semanticsOf("xylo-style");
const QUIET = 32767; // a threshold no test reaches unless it means to

/** Runs both engines, checks they agree to the bit, returns the fast one's result. */
function run(config: HwConfig) {
  const fast = emulate(config);
  const slow = interpretScalar(config);
  expect(fast.recording).toEqual(slow.recording);
  expect(fast.overflow).toEqual(slow.overflow);
  expect(fast.counts).toEqual(slow.counts);
  return fast;
}

describe("shift decay (XyloSim decay)", () => {
  it("subtracts x >> dash, rounding the shift down, with a step of at least 1 toward zero", () => {
    // 1000 >> 4 = 62 → 938; 938 >> 4 = 58 → 880; 880 >> 4 = 55 → 825; 825 >> 4 = 51 → 774
    const trace = [1000];
    for (let i = 0; i < 4; i++) trace.push(shiftDecay(trace[i], 4));
    expect(trace).toEqual([1000, 938, 880, 825, 774]);
    expect([3, 2, 1, 0].map((x) => shiftDecay(x, 4))).toEqual([2, 1, 0, 0]); // the linear tail stops at 0
    // -3 >> 4 = floor(-0.1875) = -1: negative values lose 1 by the shift itself
    expect([-3, -2, -1].map((x) => shiftDecay(x, 4))).toEqual([-2, -1, 0]);
    expect(shiftDecay(-1000, 4)).toBe(-937); // -1000 >> 4 = -63
    expect(Object.is(shiftDecay(-1, 0), 0)).toBe(true); // dash 0 empties the register, never -0
  });

  it("decays a current of 1000 with dash 4 over four steps in both engines", () => {
    const config = singleCore(xylo, { compartments: [{ du: [4, 4], dv: 15, vthMant: QUIET, u0: [1000, 0] }], steps: 4 });
    expect(rawTrace(run(config), "i_syn")).toEqual([938, 880, 825, 774]);
  });

  it("runs the tail of a small current down to 0 and keeps it there", () => {
    const config = singleCore(xylo, { compartments: [{ du: [4, 4], dv: 15, vthMant: QUIET, u0: [3, -3] }], steps: 4 });
    // channel 0: 2, 1, 0, 0; channel 1: -2, -1, 0, 0 (the trace is their sum)
    expect(rawTrace(run(config), "i_syn")).toEqual([0, 0, 0, 0]);
    const positive = singleCore(xylo, { compartments: [{ du: [4, 4], dv: 15, vthMant: QUIET, u0: [3, 0] }], steps: 4 });
    expect(rawTrace(run(positive), "i_syn")).toEqual([2, 1, 0, 0]);
  });

  it("decays the voltage by the same rule (v0 = 1000, dash 4, no input)", () => {
    const config = singleCore(xylo, { compartments: [{ du: [4, 4], dv: 4, vthMant: QUIET, v0: 1000 }], steps: 3 });
    expect(rawTrace(run(config), "v")).toEqual([938, 880, 825]);
  });
});

describe("same-step input and saturation at ±2^15", () => {
  it("decays the weight delivered in a step in that same step", () => {
    // 100 << 3 = 800 arrives at step 0: u = 800 - (800 >> 4) = 750, then 750 - 46 = 704
    const config = singleCore(xylo, {
      compartments: [{ du: [4, 4], dv: 15, vthMant: QUIET }],
      lines: 1,
      synapses: [{ from: "i0", to: 0, mantissa: 100, format: { signMode: "excitatory", weightBits: 7, exponent: 3 } }],
      inputSpikes: [[0, 0]],
      steps: 2,
    });
    expect(rawTrace(run(config), "i_syn")).toEqual([750, 704]);
  });

  it("clamps u at 32767 and -32768 before the decay, and counts each clamp", () => {
    // 32000 + 127·2^7 = 48256 → 32767, minus 32767 >> 4 = 2047 → 30720;
    // -32000 - 128·2^7 = -48384 → -32768, minus -32768 >> 4 = -2048 → -30720
    const config = singleCore(xylo, {
      compartments: [{ du: [4, 4], dv: 15, vthMant: QUIET, u0: [32000, 0] }, { du: [4, 4], dv: 15, vthMant: QUIET, u0: [-32000, 0] }],
      lines: 2,
      synapses: [
        { from: "i0", to: 0, mantissa: 127, format: { signMode: "excitatory", weightBits: 7, exponent: 7 } },
        { from: "i1", to: 1, mantissa: -128, format: { signMode: "inhibitory", weightBits: 7, exponent: 7 } },
      ],
      inputSpikes: [[0, 0], [0, 1]],
      steps: 1,
    });
    const result = run(config);
    expect(rawTrace(result, "i_syn", 0)).toEqual([30720]);
    expect(rawTrace(result, "i_syn", 1)).toEqual([-30720]);
    expect(result.overflow["u.saturate"]).toBe(2);
  });

  it("leaves a value that reaches the bound exactly at the bound without counting it", () => {
    // XyloSim's safe_add sets the bound when the sum hits it exactly: the same value as adding.
    const config = singleCore(xylo, { compartments: [{ du: [15, 15], dv: 15, vthMant: QUIET, biasMant: 767, v0: 32000 }], steps: 1 });
    // v = 32000 - (32000 >> 15 = 0 → tail 1) + 767 = 32766
    const result = run(config);
    expect(rawTrace(result, "v")).toEqual([32766]);
    expect(result.overflow["v.saturate"]).toBe(0);
  });
});

describe("subtractive multi-spike reset", () => {
  it("fires while v ≥ vth, subtracting vth each time, and records the spikes as repeated entries", () => {
    // v = 0 + bias 1000 = 1000 ≥ 300: 700, 400, 100 → 3 spikes, v = 100 (compare ">=": 300 itself fires)
    const config = singleCore(xylo, { compartments: [{ du: [15, 15], dv: 15, vthMant: 300, biasMant: 1000 }, { du: [15, 15], dv: 15, vthMant: 300, biasMant: 600 }], steps: 1 });
    const result = run(config);
    expect(spikeSteps(result, 0)).toEqual([0, 0, 0]);
    expect(spikeSteps(result, 1)).toEqual([0, 0]); // 600 → 300 → 0: exactly at the threshold fires
    expect(rawTrace(result, "v", 0)).toEqual([100]);
    expect(rawTrace(result, "v", 1)).toEqual([0]);
    expect(result.counts.spikes).toBe(5);
  });

  it("stops at 31 spikes a step and keeps the rest of v", () => {
    // bias 32767, vth 1: 31 spikes, v = 32767 - 31 = 32736; the next step v stays saturated-high and fires 31 again
    const config = singleCore(xylo, { compartments: [{ du: [15, 15], dv: 15, vthMant: 1, biasMant: 32767 }], steps: 2 });
    const result = run(config);
    expect(spikeSteps(result)).toEqual([...new Array(31).fill(0), ...new Array(31).fill(1)]);
    expect(rawTrace(result, "v")).toEqual([32736, 32736]);
    expect(result.overflow["v.saturate"]).toBe(1); // step 1: 32736 - 1 + 32767 > 32767
  });

  it("delivers n spikes as n weights to the next step", () => {
    // compartment 0 fires 3 times at step 0; each carries 10 << 0 to compartment 1 at step 1:
    // u = 30 - (30 >> 15 = 0 → 1) = 29
    const config = singleCore(xylo, {
      compartments: [{ du: [15, 15], dv: 15, vthMant: 300, biasMant: 1000 }, { du: [15, 15], dv: 15, vthMant: QUIET }],
      synapses: [{ from: "n0", to: 1, mantissa: 10, format: { signMode: "excitatory", weightBits: 7, exponent: 0 } }],
      steps: 2,
    });
    const result = run(config);
    expect(rawTrace(result, "i_syn", 1)).toEqual([0, 29]);
    expect(result.counts.synapticEvents).toBe(3 + 3); // 3 spikes at step 0, 3 at step 1 (v 100 + 1000 - 1 ≥ 900)
  });
});

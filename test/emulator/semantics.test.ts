// One test per update rule of docs/semantics-integer.md, run through both the fast emulator and
// the scalar interpreter. Expected traces are worked out by hand in the comments.
import { describe, expect, it } from "vitest";
import { emulate, type EmulateOptions, type EmulationResult } from "../../src/emulator/emulator.js";
import { interpretScalar } from "../../src/emulator/scalar.js";
import type { HwConfig } from "../../src/hw/types.js";
import type { LifSemantics } from "../../src/targets/types.js";
import { rawTrace, semanticsOf, singleCore, spikeSteps } from "./build.js";

const B2L = semanticsOf("loihi-cuba-b2l");
const LAVA = semanticsOf("loihi-cuba-lava");
const LOIHI = semanticsOf("loihi-cuba");

type Runner = (config: HwConfig, options?: EmulateOptions) => EmulationResult;
const RUNNERS: [string, Runner][] = [
  ["fast emulator", emulate],
  ["scalar interpreter", interpretScalar],
];

describe.each(RUNNERS)("%s", (_name, run) => {
  const runWithPre = (config: HwConfig) => run(config, { recordPreReset: true });

  it("fires on v > threshold but not on equality with compare '>'", () => {
    // bias 32 per step, no leak, vth = 1 << 6 = 64: v = 32, 64 (equal: no spike), 96 → spike, 0 → 32, 64, 96 → spike
    const config = singleCore(LAVA, { compartments: [{ biasMant: 32, vthMant: 1 }], steps: 9 });
    const result = runWithPre(config);
    expect(spikeSteps(result)).toEqual([2, 5, 8]);
    expect(rawTrace(result, "v")).toEqual([32, 64, 0, 32, 64, 0, 32, 64, 0]);
    expect(rawTrace(result, "v_pre_reset")).toEqual([32, 64, 96, 32, 64, 96, 32, 64, 96]);
  });

  it("fires on equality with compare '>='", () => {
    const sem: LifSemantics = { ...LAVA, threshold: { ...LAVA.threshold, compare: ">=" } };
    const result = run(singleCore(sem, { compartments: [{ biasMant: 32, vthMant: 1 }], steps: 6 }));
    expect(spikeSteps(result)).toEqual([1, 3, 5]); // 32, 64 → spike, 32, 64 → spike, ...
  });

  it("resets v to zero at the spike and leaves u alone", () => {
    // Brian2Loihi: u0 = 3000 carried, du = 0 (no decay), dv = 0, vth 6400: v = 3000, 6000, 9000 → 0
    const result = runWithPre(singleCore(B2L, { compartments: [{ u0: 3000, vthMant: 100 }], steps: 4 }));
    expect(rawTrace(result, "i_syn")).toEqual([3000, 3000, 3000, 3000]);
    expect(rawTrace(result, "v")).toEqual([3000, 6000, 0, 3000]);
    expect(rawTrace(result, "v_pre_reset")).toEqual([3000, 6000, 9000, 3000]);
  });

  it.each([
    [0, 3],
    [1, 4],
    [2, 5],
    [6, 9],
  ])("holds v for %i steps after a spike (spike period %i, Brian2Loihi refractory r = hold + 1)", (hold, period) => {
    // constant drive 3000/step, dv = 0, vth 6400: three steps to cross, then `hold` held steps
    const result = run(singleCore(B2L, { compartments: [{ u0: 3000, vthMant: 100, refractory: hold }], steps: 40 }));
    const spikes = spikeSteps(result);
    expect(spikes[0]).toBe(2);
    expect(spikes.slice(1).map((s, i) => s - spikes[i])).toEqual(new Array(spikes.length - 1).fill(period));
  });

  it("keeps v at 0 and not firing while refractory, while u still takes input", () => {
    // spike at step 2 (as above), hold 3: v held at 0 on steps 3-5; an input of 64·50 arrives at step 4 into u
    const config = singleCore(B2L, {
      compartments: [{ u0: 3000, vthMant: 100, refractory: 3 }],
      lines: 1,
      inputSpikes: [[4, 0]],
      synapses: [{ from: "i0", to: 0, mantissa: 50, format: { signMode: "excitatory" } }],
      steps: 8,
    });
    const result = runWithPre(config);
    expect(rawTrace(result, "i_syn")).toEqual([3000, 3000, 3000, 3000, 6200, 6200, 6200, 6200]);
    expect(rawTrace(result, "v")).toEqual([3000, 6000, 0, 0, 0, 0, 6200, 0]); // 12400 > 6400 at step 7
    expect(rawTrace(result, "v_pre_reset")).toEqual([3000, 6000, 9000, 0, 0, 0, 6200, 12400]);
  });

  it("delivers input-line spikes at s + latency.input + delay and neuron spikes at t + latency.neuron + delay", () => {
    // line 0 fires at step 5, delay 3 → u of neuron 1 rises at step 8 (Brian2Loihi: s + delay).
    // neuron 0: u0 = 7000 carried, full decay (du 4096): fires at step 0 only; delay 2 → arrives at 0 + 1 + 2 = 3.
    const config = singleCore(B2L, {
      compartments: [{ u0: 7000, du: 4096, vthMant: 100 }, { vthMant: 1000 }],
      lines: 1,
      inputSpikes: [[5, 0]],
      synapses: [
        { from: "n0", to: 1, mantissa: 10, delay: 2 },
        { from: "i0", to: 1, mantissa: 100, delay: 3 },
      ],
      steps: 10,
    });
    const result = run(config);
    expect(spikeSteps(result, 0)).toEqual([0]);
    expect(rawTrace(result, "i_syn", 1)).toEqual([0, 0, 0, 640, 640, 640, 640, 640, 640 + 6400, 640 + 6400]);
  });

  it("takes the latencies from the target data", () => {
    // same network, latency { neuron: 3, input: 2 }: neuron spike arrives at 0 + 3 + 2 = 5, input at 5 + 2 + 3 = 10
    const sem: LifSemantics = { ...B2L, latency: { neuron: 3, input: 2 } };
    const config = singleCore(sem, {
      compartments: [{ u0: 7000, du: 4096, vthMant: 100 }, { vthMant: 1000 }],
      lines: 1,
      inputSpikes: [[5, 0]],
      synapses: [
        { from: "n0", to: 1, mantissa: 10, delay: 2 },
        { from: "i0", to: 1, mantissa: 100, delay: 3 },
      ],
      steps: 12,
    });
    expect(rawTrace(run(config), "i_syn", 1)).toEqual([0, 0, 0, 0, 0, 640, 640, 640, 640, 640, 7040, 7040]);
  });

  it("carries the initial current undecayed into step 0 with 'carry' and decays it with 'decay'", () => {
    // u0 = 1000, du = 2048, no offset: factor 1/2
    const carry = run(singleCore(B2L, { compartments: [{ u0: 1000, du: 2048, vthMant: 100000 }], steps: 3 }));
    expect(rawTrace(carry, "i_syn")).toEqual([1000, 500, 250]);
    const decayed = run(singleCore({ ...B2L, initialCurrent: "decay" }, { compartments: [{ u0: 1000, du: 2048, vthMant: 100000 }], steps: 3 }));
    expect(rawTrace(decayed, "i_syn")).toEqual([500, 250, 125]);
    // Lava: offset 1, so du = 2047 halves too; the initial v decays at step 0 as well (dv = 2048: 800 → 400, + u 500)
    const lava = run(singleCore(LAVA, { compartments: [{ u0: 1000, du: 2047, dv: 2048, v0: 800, vthMant: 100000 }], steps: 2 }));
    expect(rawTrace(lava, "i_syn")).toEqual([500, 250]);
    expect(rawTrace(lava, "v")).toEqual([900, 700]); // 400 + 500, then 450 + 250
  });

  it("adds the bias mantissa shifted by its exponent to v every step", () => {
    // Lava: 25 << 2 = 100 per step, no leak, vth 6400: v = 100, 200, …
    const result = run(singleCore(LAVA, { compartments: [{ biasMant: 25, biasExp: 2, vthMant: 100 }], steps: 66 }));
    const v = rawTrace(result, "v");
    expect(v.slice(0, 3)).toEqual([100, 200, 300]);
    expect(spikeSteps(result)).toEqual([64]); // 6500 > 6400 at step 64
    expect(v[64]).toBe(0);
  });

  it("keeps one current per channel, each with its own decay, and sums them into v", () => {
    // loihi-cuba with 2 channels (offset 1): channel 0 du 4095 → factor 0; channel 1 du 2047 → factor 1/2.
    // line 0 at step 0 feeds 10·64 = 640 into channel 0 and 20·64 = 1280 into channel 1.
    const sem: LifSemantics = { ...LOIHI, currentChannels: 2 };
    const config = singleCore(sem, {
      compartments: [{ du: [4095, 2047], vthMant: 100000 }],
      lines: 1,
      inputSpikes: [[0, 0]],
      synapses: [
        { from: "i0", to: 0, mantissa: 10, format: { signMode: "excitatory", channel: 0 } },
        { from: "i0", to: 0, mantissa: 20, format: { signMode: "excitatory", channel: 1 } },
      ],
      steps: 3,
    });
    const result = run(config);
    expect(rawTrace(result, "i_syn")).toEqual([1920, 640, 320]); // Σ_k u_k: 640 + 1280, 0 + 640, 0 + 320
    expect(rawTrace(result, "v")).toEqual([1920, 2560, 2880]); // dv = 0: v accumulates the sums
    expect(result.finalState[0].u).toEqual(Float64Array.from([0, 320]));
  });

  it("saturates v and counts every saturation", () => {
    // loihi-cuba: bias -4096 << 7 = -524288 per step; step 15 reaches -8388608 < -8388607
    const result = run(singleCore(LOIHI, { compartments: [{ biasMant: -4096, biasExp: 7, vthMant: 1 }], steps: 20 }));
    const v = rawTrace(result, "v");
    expect(v[14]).toBe(-524288 * 15);
    expect(v.slice(15)).toEqual(new Array(5).fill(-8388607));
    expect(result.overflow).toEqual({ "u.wrap": 0, "v.saturate": 5 });
  });

  it("wraps u at Lava's boundary and counts it", () => {
    // Lava: u0 = 2^23 (the largest value), du 0 → factor 4095/4096: D = 8386560;
    // input 255 << 13 = 2088960 at step 0 → 10475520 > 2^23 → 10475520 - 2^24 = -6301696
    const config = singleCore(LAVA, {
      compartments: [{ u0: 8388608, vthMant: 131071 }],
      lines: 1,
      inputSpikes: [[0, 0]],
      synapses: [{ from: "i0", to: 0, mantissa: 255, format: { signMode: "excitatory", exponent: 7 } }],
      steps: 1,
    });
    const result = run(config);
    expect(rawTrace(result, "i_syn")).toEqual([-6301696]);
    expect(result.overflow["u.wrap-once"]).toBe(1);
  });

  it("leaves values outside the nominal range alone with overflow 'none' and counts them", () => {
    // Brian2Loihi: u0 = 8388607 carried, input 2088960 at step 0 → 10477567, kept
    const config = singleCore(B2L, {
      compartments: [{ u0: 8388607, vthMant: 131071 }],
      lines: 1,
      inputSpikes: [[0, 0]],
      synapses: [{ from: "i0", to: 0, mantissa: 255, format: { signMode: "excitatory", exponent: 7 } }],
      steps: 1,
    });
    const result = run(config);
    expect(rawTrace(result, "i_syn")).toEqual([10477567]);
    expect(result.overflow).toEqual({ "u.out-of-range": 1, "v.out-of-range": 1 });
  });

  it("applies the effective weight of each synapse (mixed mode truncation, exponent flooring)", () => {
    // -77 mixed → -76·64 = -4864; +37 at exponent -8 → 0; -37 at exponent -8 → -64
    const config = singleCore(B2L, {
      compartments: [{ vthMant: 1000 }, { vthMant: 1000 }, { vthMant: 1000 }],
      lines: 1,
      inputSpikes: [[0, 0]],
      synapses: [
        { from: "i0", to: 0, mantissa: -77 },
        { from: "i0", to: 1, mantissa: 37, format: { signMode: "excitatory", exponent: -8 } },
        { from: "i0", to: 2, mantissa: -37, format: { signMode: "inhibitory", exponent: -8 } },
      ],
      steps: 1,
    });
    const result = run(config);
    expect([0, 1, 2].map((n) => rawTrace(result, "i_syn", n)[0])).toEqual([-4864, 0, -64]);
  });
});

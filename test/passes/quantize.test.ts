// Expected numbers are derived by hand in the comments (loihi-cuba: 12-bit decays, current offset 1,
// voltage offset 0, threshold mantissa << 6 with 17 bits, v.max = 2^23 - 1, weight mantissa 8 bits,
// shift 6, exponents -7..7, bias mantissa -4096..4095 with exponent 0..7).
import { describe, expect, it } from "vitest";
import { discretize } from "../../src/passes/discretize.js";
import { chooseBias, chooseDecay, planChannels, quantize, quantizeWeights, tauFromDecay } from "../../src/passes/quantize.js";
import type { Elaborated } from "../../src/ir/elaborated.js";
import type { Target } from "../../src/targets/types.js";
import type { CompileOptions } from "../../src/passes/pass.js";
import { allToAll, codes, codesAndPaths, context, elaborated, explicit, loihi, population, spikeInput, targetWith } from "./helpers.js";

/** s_v = 32767·64/15 for a 15 mV span between v_reset and v_thresh at headroom 4. */
const VOLTAGE_SCALE = (32767 * 64) / 15;
/** (dv/4096)·s_v with dv = 20 (tau_m 20 ms at dt 0.1 ms). */
const CURRENT_SCALE = (20 / 4096) * VOLTAGE_SCALE;

function run(input: Elaborated, target: Target = loihi(), options: CompileOptions = {}) {
  const { ctx, bag } = context(target, options);
  const discretized = discretize.run(input, ctx);
  const out = quantize.run(discretized, ctx);
  if (!bag.hasErrors) quantize.verify(out, ctx);
  return { out, diagnostics: bag.items };
}

/** One population 'p' (tau_m 20, reset -65, threshold -50) driven by input 'x' with the given weights. */
function driven(weights: readonly number[], options: { sign?: "excitatory" | "inhibitory"; tau?: number } = {}) {
  return elaborated({
    populations: [population("p", weights.length)],
    inputs: [spikeInput("x", [[1]])],
    projections: [explicit("x_p", "x", "p", weights.map((_, i) => [0, i] as const), { weight: [...weights], ...options })],
  });
}

describe("quantize: decays", () => {
  it("maps tau_m 20 ms at dt 0.1 ms to dv = 20 and reports the realised 20.43 ms", () => {
    // 4096·(1 - e^{-0.005}) = 20.429 → dv = 20 (voltage offset 0); realised -0.1/ln(1 - 20/4096)
    const { out, diagnostics } = run(driven([1]));
    expect(diagnostics).toEqual([]);
    const p = out.populations[0];
    expect(p.dv).toBe(20);
    const tauM = out.report.parameters.find((e) => e.parameter === "tau_m");
    expect(tauM?.realised).toBeCloseTo(-0.1 / Math.log(1 - 20 / 4096), 12);
    expect(tauM?.realised).toBeCloseTo(20.43, 2);
    expect(tauM?.relativeError).toBeCloseTo(0.43 / 20, 3);
    expect(tauM?.path).toBe("/populations/0/params/tau_m");
  });

  it("maps tau_syn 5 ms to du = 80 with the current offset of 1", () => {
    // 4096·(1 - e^{-0.02}) = 81.106 → d_eff = 81 → du = 81 - 1 = 80
    const { out } = run(driven([1], { tau: 5 }));
    expect(out.populations[0].du).toEqual([80]);
    const tauSyn = out.report.parameters.find((e) => e.parameter === "tau_syn");
    expect(tauSyn?.realised).toBeCloseTo(-0.1 / Math.log(1 - 81 / 4096), 12);
    expect(tauSyn?.path).toBe("/projections/0/synapse/tau");
  });

  it("chooseDecay gives the realisable range at this dt", () => {
    // voltage (offset 0, max 4095): d_eff from 1 to 4095, i.e. ideal in [0.5, 4095.5)
    const v = chooseDecay(20, 0.1, 12, 0, 4095);
    expect(v.maxTauMs).toBeCloseTo(-0.1 / Math.log(1 - 0.5 / 4096), 9); // ≈ 819.15 ms
    expect(v.minTauMs).toBeCloseTo(-0.1 / Math.log(0.5 / 4096), 12); // ≈ 0.0111 ms
    // current (offset 1, max 4095): d_eff up to 4096, so any short tau fits
    expect(chooseDecay(5, 0.1, 12, 1, 4095).minTauMs).toBe(0);
    expect(tauFromDecay(4096, 0.1, 12)).toBe(0);
    expect(tauFromDecay(0, 0.1, 12)).toBe(Infinity);
  });

  it("reports TP3010 for a tau_m too short for 12 bits at this dt, with the realisable range", () => {
    // 4096·(1 - e^{-10}) = 4095.81 → dv = 4096 > 4095
    const input = elaborated({ populations: [population("p", 1, { tau_m: 0.01 })] });
    const { diagnostics } = run(input);
    expect(codesAndPaths(diagnostics)).toEqual([{ code: "TP3010", path: "/populations/0/params/tau_m" }]);
    expect(diagnostics[0].message).toBe("The tau_m of population 'p' (0.01 ms) needs a 12-bit decay of 4096, outside 0 to 4095 at dt = 0.1 ms.");
    expect(diagnostics[0].hint).toBe("At dt = 0.1 ms this target realises tau_m from 0.0111 ms to 819.1 ms; change the time constant or dt.");
  });

  it("reports TP3010 for a tau_syn too long (its decay rounds below the offset)", () => {
    // 4096·(1 - e^{-1e-5}) = 0.041 → d_eff = 0 → du = -1
    const { diagnostics } = run(driven([1], { tau: 10000 }));
    expect(codesAndPaths(diagnostics)).toEqual([{ code: "TP3010", path: "/projections/0/synapse/tau" }]);
    expect(diagnostics[0].hint).toBe("At dt = 0.1 ms this target realises tau_syn from 0 ms to 819.1 ms; change the time constant or dt.");
  });
});

describe("quantize: threshold and voltage scale", () => {
  it("puts the threshold at v.max / 4 and derives s_v from it", () => {
    // floor(8388607 / 4 / 64) = 32767; s_v = 32767·64 / 15 mV
    const { out } = run(driven([1]));
    const p = out.populations[0];
    expect(p.vthMant).toBe(32767);
    expect(p.voltageScale).toBeCloseTo(VOLTAGE_SCALE, 9);
    expect(p.currentScale).toBeCloseTo(CURRENT_SCALE, 9);
    expect(out.report.scales).toEqual([{ population: "p", voltageScale: p.voltageScale, currentScale: p.currentScale }]);
  });

  it("honours the headroom option", () => {
    // headroom 2: floor(8388607 / 2 / 64) = 65535
    const { out } = run(driven([1]), loihi(), { headroom: 2 });
    expect(out.populations[0].vthMant).toBe(65535);
  });

  it("reports TP3011 when v_thresh is not above v_reset", () => {
    const { diagnostics } = run(elaborated({ populations: [population("p", 1, { v_thresh: -70 })] }));
    expect(codesAndPaths(diagnostics)).toEqual([{ code: "TP3011", path: "/populations/0/params/v_thresh" }]);
    expect(diagnostics[0].message).toBe("Population 'p' cannot be given a hardware threshold: v_thresh (-70 mV) is not above v_reset (-65 mV).");
  });

  it("reports TP3011 when the headroom leaves less than one threshold step", () => {
    // floor(8388607 / 1e6 / 64) = 0
    const { diagnostics } = run(elaborated({ populations: [population("p", 1)] }), loihi(), { headroom: 1e6 });
    expect(codes(diagnostics)).toEqual(["TP3011"]);
  });

  it("reports TP3012 and uses the largest mantissa when the register is wider than the mantissa", () => {
    // v.max = 2^27 - 1: floor(134217727 / 4 / 64) = 524287 > 2^17 - 1 = 131071
    const target = targetWith({ neuron: { v: { bits: 28, min: -134217727, max: 134217727, overflow: "saturate" } } });
    const { out, diagnostics } = run(elaborated({ populations: [population("p", 1)] }), target);
    expect(codes(diagnostics)).toEqual(["TP3012"]);
    expect(out.populations[0].vthMant).toBe(131071);
  });

  it("reports TP3018 for a headroom below 1", () => {
    const { diagnostics } = run(elaborated({ populations: [population("p", 1)] }), loihi(), { headroom: 0.5 });
    expect(codesAndPaths(diagnostics)).toEqual([{ code: "TP3018", path: "" }]);
  });
});

describe("quantize: bias", () => {
  it("maps the drive bias + v_rest - v_reset with the smallest exponent that fits", () => {
    // drive 1 mV: 682.65 → mantissa 683, exponent 0; drive 20 mV: 13652.9 → /4 = 3413.2 → 3413, exponent 2
    expect(chooseBias(1 * CURRENT_SCALE, loihi().neuron)).toEqual({ mantissa: 683, exponent: 0, fits: true });
    expect(chooseBias(20 * CURRENT_SCALE, loihi().neuron)).toEqual({ mantissa: 3413, exponent: 2, fits: true });
    // negative drive -5 mV: -3413.2 → -3413 fits the mantissa's -4096 floor
    expect(chooseBias(-5 * CURRENT_SCALE, loihi().neuron)).toEqual({ mantissa: -3413, exponent: 0, fits: true });
  });

  it("reports the realised drive of a population", () => {
    // v_rest -55, v_reset -65, bias 10: drive 20 mV → 3413·4 / 682.65 = 19.9987 mV
    const { out } = run(elaborated({ populations: [population("p", 1, { v_rest: -55, bias: 10, v_thresh: -50 })] }));
    const p = out.populations[0];
    expect([p.biasMant, p.biasExp]).toEqual([3413, 2]);
    const drive = out.report.parameters.find((e) => e.parameter === "drive");
    expect(drive?.requested).toBe(20);
    expect(drive?.realised).toBeCloseTo((3413 * 4) / CURRENT_SCALE, 9);
  });

  it("reports TP3013 when the bias needs more than mantissa << exponentMax", () => {
    // drive 1000 mV: 682645.8 / 2^7 = 5333 > 4095
    const { diagnostics } = run(elaborated({ populations: [population("p", 1, { bias: 1000 })] }));
    expect(codesAndPaths(diagnostics)).toEqual([{ code: "TP3013", path: "/populations/0/params/bias" }]);
  });
});

describe("quantize: weights", () => {
  it("chooses the smallest exponent at which the largest weight fits the mantissa", () => {
    // w = 60: 60·682.65 = 40958.75; /64 = 640 > 255, /128 = 320 > 255, /256 = 160 → exponent 2
    // w = 30: 20479.4 / 256 = 80;  w = 0.1: 68.26 / 256 = 0.27 → 0 (rounds to zero)
    const { out, diagnostics } = run(driven([60, 0.1, 30]));
    const projection = out.projections[0];
    expect(projection.format).toEqual({ signMode: "excitatory", weightBits: 8, exponent: 2, channel: 0 });
    expect(Array.from(projection.mantissa)).toEqual([160, 0, 80]);
    const report = out.report.weights[0];
    expect(report.roundedToZero).toBe(1);
    expect(report.clipped).toBe(0);
    expect(report.realisedMaxAbs).toBeCloseTo((160 * 256) / CURRENT_SCALE, 9);
    expect(report.maxRelativeError).toBe(1); // the weight that became 0
    expect(codesAndPaths(diagnostics)).toEqual([{ code: "TP3014", path: "/projections/0/weight" }]);
    expect(diagnostics[0].message).toBe("Projection 'x_p' has 1 of 3 nonzero weights that round to zero on the hardware.");
  });

  it("gives inhibitory weights one more step of range than excitatory ones", () => {
    // w = 24: 16383.5 / 64 = 255.99 → 256: fits -256..0 at exponent 0, but not 0..255
    const inhibitory = run(driven([24], { sign: "inhibitory" })).out.projections[0];
    expect(inhibitory.format.exponent).toBe(0);
    expect(Array.from(inhibitory.mantissa)).toEqual([-256]);
    const excitatory = run(driven([24])).out.projections[0];
    expect(excitatory.format.exponent).toBe(1);
    expect(Array.from(excitatory.mantissa)).toEqual([128]); // 16383.5 / 128 = 127.996
  });

  it("rounds mantissas to the nearest realisable weight", () => {
    // w = 2: 1365.29 / 64 = 21.33 → 21 → 1344; w = 2.05: 1399.42 / 64 = 21.87 → 22
    const { out } = run(driven([2, 2.05]));
    expect(Array.from(out.projections[0].mantissa)).toEqual([21, 22]);
    expect(out.report.weights[0].maxRelativeError).toBeCloseTo(Math.abs((21 * 64) / CURRENT_SCALE - 2) / 2, 12);
  });

  it("reports TP3015 when weights exceed the largest exponent", () => {
    // w = 4000: 2730583 / 2^13 = 333 > 255 even at exponent 7 → mantissa 255, clipped
    const { out, diagnostics } = run(driven([4000, 3000]));
    expect(out.projections[0].format.exponent).toBe(7);
    expect(Array.from(out.projections[0].mantissa)).toEqual([255, 250]); // 3000: 2047937.5 / 8192 = 249.99
    expect(out.report.weights[0].clipped).toBe(1);
    expect(codesAndPaths(diagnostics)).toEqual([{ code: "TP3015", path: "/projections/0/weight" }]);
  });

  it("counts a weight clipped by weight.clip", () => {
    // inhibitory -256 << 13 = -2097152 is beyond the clip 2097088
    const result = quantizeWeights(Float64Array.of(-2097152), "inhibitory", 1, 0, loihi().neuron);
    expect(result.format.exponent).toBe(7);
    expect(Array.from(result.mantissa)).toEqual([-256]);
    expect(result.report.clipped).toBe(1);
    expect(result.report.realisedMaxAbs).toBe(2097088);
  });
});

describe("quantize: channels", () => {
  it("planChannels keeps the channels with the largest Σ|w|·τ and scales merged weights by τ ratio", () => {
    expect(planChannels([5, 10], [20, 10], 1)).toEqual({ kept: [0], hardwareChannelOf: [0, 0], chargeScaleOf: [1, 2] });
    // three taus onto two channels: keep 100 ms (Σ 100) and 5 ms (Σ 20); 10 ms is nearest 5 ms in log τ
    expect(planChannels([5, 10, 100], [20, 10, 100], 2)).toEqual({ kept: [0, 2], hardwareChannelOf: [0, 0, 1], chargeScaleOf: [1, 2, 1] });
    expect(planChannels([5, 10], [1, 1], 2)).toEqual({ kept: [0, 1], hardwareChannelOf: [0, 1], chargeScaleOf: [1, 1] });
  });

  it("reports TP3016 and scales the merged projection's weights when the target has fewer channels", () => {
    // x_p: tau 5, 4 synapses of 1 (Σ|w|τ = 20); y_p: tau 10, 1 synapse of 1 (Σ = 10) → keep 5 ms
    const input = elaborated({
      populations: [population("p", 4)],
      inputs: [spikeInput("x", [[1]]), spikeInput("y", [[1]])],
      projections: [allToAll("x_p", "x", "p", { tau: 5, weight: 1 }), explicit("y_p", "y", "p", [[0, 0]], { tau: 10, weight: 1 })],
    });
    const { out, diagnostics } = run(input);
    expect(codesAndPaths(diagnostics)).toEqual([{ code: "TP3016", path: "/populations/0" }]);
    expect(diagnostics[0].message).toBe(
      "Population 'p' receives synaptic time constants 5, 10 ms but target 'loihi-cuba' has 1 current channel; they are merged into 5 ms.",
    );
    const [x, y] = out.projections;
    expect(y.chargeScale).toBe(2);
    expect(y.format.channel).toBe(0);
    // 1·682.65 → 10.67 → 11; merged 2·682.65 = 1365.3 → 21.3 → 21
    expect(Array.from(x.mantissa)).toEqual([11, 11, 11, 11]);
    expect(Array.from(y.mantissa)).toEqual([21]);
    const taus = out.report.parameters.filter((e) => e.parameter === "tau_syn");
    expect(taus.map((e) => [e.requested, e.realised])).toEqual([
      [5, taus[0].realised],
      [10, taus[0].realised],
    ]);
  });

  it("keeps two channels apart on a two-channel target", () => {
    const input = elaborated({
      populations: [population("p", 1)],
      inputs: [spikeInput("x", [[1]])],
      projections: [allToAll("a", "x", "p", { tau: 5 }), allToAll("b", "x", "p", { tau: 10 })],
    });
    const { out, diagnostics } = run(input, targetWith({ neuron: { currentChannels: 2 } }));
    expect(diagnostics).toEqual([]);
    // tau 10: 4096·(1 - e^{-0.01}) = 40.75 → 41 → du 40
    expect(out.populations[0].du).toEqual([80, 40]);
    expect(out.projections.map((p) => p.format.channel)).toEqual([0, 1]);
  });
});

describe("quantize: initial state", () => {
  it("maps the initial v and i_syn into hardware units", () => {
    // v0 = (-60 + 65)·s_v = 699029.33 → 699029; u0 = 2·682.65 = 1365.29 → 1365
    const input = elaborated({
      populations: [population("p", 1, {}, { v: -60, i_syn: 2 })],
      inputs: [spikeInput("x", [[1]])],
      projections: [allToAll("x_p", "x", "p")],
    });
    const p = run(input).out.populations[0];
    expect(Array.from(p.v0)).toEqual([699029]);
    expect(Array.from(p.u0)).toEqual([1365]);
  });

  it("leaves u0 at 0 for a population without synaptic channels, as the reference does", () => {
    const p = run(elaborated({ populations: [population("p", 1, {}, { i_syn: 2 })] })).out.populations[0];
    expect(Array.from(p.u0)).toEqual([0]);
    expect(p.du).toEqual([0]);
  });

  it("reports TP3017 for initial values outside the registers and clips them", () => {
    // v: 1065 mV·s_v ≈ 1.5e8 > 2^23 - 1; i_syn: 1e5·682.65 ≈ 6.8e7 > 2^23 - 1
    const input = elaborated({
      populations: [population("p", 2, {}, { v: { values: [1000, -65] }, i_syn: { values: [1e5, 0] } })],
      inputs: [spikeInput("x", [[1]])],
      projections: [allToAll("x_p", "x", "p")],
    });
    const { out, diagnostics } = run(input);
    expect(codesAndPaths(diagnostics)).toEqual([
      { code: "TP3017", path: "/populations/0/initial" },
      { code: "TP3017", path: "/populations/0/initial" },
    ]);
    expect(diagnostics[0].message).toBe("Initial v values of population 'p' lie outside the 24-bit register for 1 neuron and are clipped.");
    expect(Array.from(out.populations[0].v0)).toEqual([8388607, 0]);
    expect(Array.from(out.populations[0].u0)).toEqual([8388607, 0]);
  });
});

// The formats, constants, weights, deltas and tables the glia-core lowering chooses for the
// WM2021 parameters, each expectation derived in a comment from the model and the target.
import { describe, expect, it } from "vitest";
import { compileGlia } from "../../../src/passes/pipeline.js";
import { elaborate } from "../../../src/ir/elaborate.js";
import type { GliaLut } from "../../../src/hw/glia-config.js";
import { evaluateLut } from "../../../src/models/glia-lut.js";
import type { SynapseEffect } from "../../../src/ir/astro-types.js";
import { LR1994_NEST, LR1994_NEST_INITIAL } from "../../../src/ir/astro-types.js";
import { astrocyteBounds, driveBound, liRinzelIp3Cap } from "../../../src/passes/glia/formats.js";
import { gliaCore, gliaCoreWith } from "./helpers.js";
import { conductance, gliaNetwork, wmAstrocyte, wmParts } from "./networks.js";

const compiled = (parts = wmParts()) => {
  const result = compileGlia(elaborate(gliaNetwork(parts)), gliaCore(), { verifyEach: true });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; "));
  return { config: result.value, report: result.reports.quantization!, diagnostics: result.diagnostics };
};

describe("formats for WM2021's parameters on glia-core (24-bit neurons, 16-bit glutamate, 26-bit astrocytes, Q.24 constants)", () => {
  it("V and U: U's 0.2·70 + 2/(2·0.1·0.1) = 114 sets k = 7, Q.16; the current into neuron 0, 1·70 + 0.525·70 + 8 = 114.75, has its own Q.16", () => {
    const { config, report } = compiled();
    const state = report.formats.find((f) => f.variables === "v, u")!;
    // |V|core = max(65, 30, 29, |−70|) = 70; U ≤ 0.2·70 + d·1/(2·dt·a) = 14 + 2·50 = 114; the overshoot
    // 30 + 0.1·(0.04·900 + 150 + 140 + 25 (the clip) + 114) = 76.5; the fall 70 + 0.1·(16.25 + 114 + I⁻)
    // with I⁻ = (1 + 0.525)·(30 − 0) = 45.75 (V ≤ v_peak = 30 against e_rev = 0) is 87.6; so U sets it
    expect(state.bound).toBeCloseTo(114, 10);
    expect(state.reason).toBe("U: b·V plus d per reset");
    expect(state.frac).toBe(16);
    const current = report.formats.find((f) => f.variables === "i_syn")!;
    // neuron 0: input x (g = 1) and n_n's synapse 3→0 (g + ν = 0.525), driving force |0 − V| ≤ 70 (V starts at −70), plus the pattern current 8
    expect(current.bound).toBeCloseTo(114.75, 10);
    expect(current.reason).toBe("the summed input current");
    expect(current.frac).toBe(16);
    const group = config.neurons[0];
    expect([group.frac, group.iFrac]).toEqual([16, 16]);
    // c = −65 mV → −65·2^16; v_peak 30 → 30·2^16; d = 2 → 2·2^16; the square's centre vc = −62.5 mV → −62.5·2^16,
    // so dt·(140 − 0.04·vc²) = 0.1·(140 − 156.25) = −1.625 mV → −1.625·2^16 = −106496
    expect([group.cReset, group.peak, group.vCentre, group.k140, group.d]).toEqual([-65 * 65536, 30 * 65536, -62.5 * 65536, -106496, 2 * 65536]);
    // Q.24 constants: dt·0.04 = 0.004 → round(67108.864) = 67109; dt·(5 + 0.08·vc) = 0; dt = 0.1 → round(1677721.6) = 1677722; dt·a = 0.01 → 167772; b = 0.2 → 3355443
    expect([group.k004, group.k5, group.kI, group.ka, group.kb]).toEqual([67109, 0, 1677722, 167772, 3355443]);
    expect(group.inputClip).toBe(25 * 65536);
    expect(Array.from(group.v0)).toEqual([-70 * 65536, -70 * 65536, -70 * 65536, -70 * 65536]);
    // the recorded i_syn dequantizes with the current's scale
    expect(config.scales.find((x) => x.variable === "i_syn")!.scale).toBe(2 ** 16);
  });

  it("with WM2021's 40 synapses per neuron the current bound 40·(0.025 + 0.5)·70 = 1470 sets the current's k = 11, Q.12; V and U keep Q.15", () => {
    const pairs: [number, number][] = [];
    for (let pre = 0; pre < 41; pre++) for (let post = 0; post < 41; post++) if (pre !== post && pairs.filter((p) => p[1] === post).length < 40) pairs.push([pre, post]);
    const parts = { ...wmParts(), populations: [{ ...wmParts().populations![0], size: 41 }], projections: [conductance("n_n", "n", "n", pairs)], currents: [] };
    const astrocytes = [wmAstrocyte({ territory: { kind: "lists", population: "n", neurons: [[0, 1, 2, 3]] } })];
    const { config, report } = compiled({ ...parts, astrocytes });
    const current = report.formats.find((f) => f.variables === "i_syn")!;
    // neuron 0 receives 40 synapses; (0.025 + 0.5)·(|0| + max(65, 30, 29, |−70|)) each. Only
    // neurons 0..3 are in the territory, but δ = ν is requested for every synapse whose post
    // neuron has an owner; the others have δ = 0, so the bound is set by neurons 0..3.
    expect(current.bound).toBeCloseTo(40 * 0.525 * 70, 9);
    expect(current.reason).toBe("the summed input current");
    expect(current.frac).toBe(24 - 1 - 11);
    // V and U: the same synapses pull V down by at most 40·0.525·(30 − 0) = 630 mV/ms (V ≤ v_peak
    // where I_syn is formed), so one step falls to 70 + 0.1·(16.25 + 114 + 630) = 146.025 mV: k = 8, Q.15
    const state = report.formats.find((f) => f.variables === "v, u")!;
    expect(state.bound).toBeCloseTo(70 + 0.1 * (16.25 + 114 + 630), 9);
    expect(state.reason).toBe("one step's fall under the largest negative current");
    expect(state.frac).toBe(24 - 1 - 8);
    expect([config.neurons[0].frac, config.neurons[0].iFrac]).toEqual([15, 12]);
    // the clip of 25 mV/ms in the current's Q.12
    expect(config.neurons[0].inputClip).toBe(25 * 2 ** 12);
  });

  it("glutamate: releases at most every other step, so G ≤ 600/(10·(2 − 0.001)) = 30.015 µM, k = 5, Q.19 of 24 bits", () => {
    const { config, report } = compiled();
    const format = report.formats.find((f) => f.variables === "glutamate")!;
    expect(format.bound).toBeCloseTo(600 / (10 * 1.999), 12);
    expect(format.frac).toBe(24 - 5);
    // decay dt·10 = 0.001 → round(0.001·2^24 = 16777.216) = 16777; release dt·600 = 0.06 µM → round(0.06·2^19 = 31457.28) = 31457
    expect(config.neurons[0].glutamate).toEqual({ frac: 19, decay: 16777, increment: 31457, release: "at_peak" });
    const release = report.parameters.find((p) => p.parameter === "dt·release_rate")!;
    expect(release.realised).toBe(31457 / 2 ** 19);
    expect(release.relativeError).toBeCloseTo(Math.abs(31457 / 2 ** 19 - 0.06) / 0.06, 12);
  });

  it("astrocyte: IP3 ≤ 0.16 + (0.3 + 5)/0.14 = 38.02 µM above Ca ≤ 2·1.185 + 0.2/0.5 = 2.77 µM, k = 6, Q.25 of 32 bits", () => {
    const { config, report } = compiled();
    const format = report.formats.find((f) => f.variables === "ca, h, ip3")!;
    expect(format.bound).toBeCloseTo(0.16 + 5.3 / 0.14, 12);
    expect(format.reason).toBe("IP3: IP3* + (v4 + drive)/ip3_rate");
    expect(format.frac).toBe(25);
    const group = config.astrocytes[0];
    // initial Ca 0.072495 µM → round(0.072495·2^25) = round(2432528.55) = 2432529; gate threshold 0.15 → round(5033164.8) = 5033165
    expect(group.ca0[0]).toBe(Math.round(0.072495 * 2 ** 25));
    expect(group.ca0[0]).toBe(2432529);
    expect(group.gate?.caThreshold).toBe(5033165);
    // sensing: G ≥ 0.7 µM in the glutamate Q.19 → round(367001.6) = 367002; A_glu = 5 µM/s in the astrocyte's Q.25; 60 ms = 600 steps
    expect(group.sensing).toEqual({ kind: "glutamate_count", threshold: 367002, minCount: 2, amplitude: 5 * 2 ** 25, durationSteps: 600 });
    expect(group.gate).toMatchObject({ minCoincident: 2, windowSteps: 100, checkSteps: 10, holdSteps: 2500 });
  });
});

describe("the IP3 cap of the Li–Rinzel models", () => {
  it("NEST's lr1994 with spike jumps of 5 µM: IP3 capped at 100·|0.13 − 0.9434| − 0.9434 = 80.40 µM (m∞³ is within 1% from 38.74)", () => {
    expect(liRinzelIp3Cap(0.13, 0.9434)).toBeCloseTo(80.3966, 10);
    expect((0.13 * 0.99 ** (1 / 3)) / (1 - 0.99 ** (1 / 3))).toBeCloseTo(38.74, 2);
    const astrocyte = wmAstrocyte({ model: "lr1994", params: LR1994_NEST, initial: { ...LR1994_NEST_INITIAL }, sensing: { kind: "spike_jump", delta_ip3: 5, weight: 1 } } as never);
    const net = elaborate(gliaNetwork({ ...wmParts(), astrocytes: [astrocyte] }));
    // the supremum, 0.16 + 5·4 neurons/(2·1e-4 s)·7.142 s, is about 714,000 µM
    const drive = driveBound(net.astrocytes[0], net, 0.1);
    expect(drive).toBeCloseTo((5 * 4) / 2e-4, 6);
    const { ip3, ca } = astrocyteBounds(net.astrocytes[0], drive);
    expect(ip3.bound).toBeCloseTo(80.3966, 10);
    expect(ip3.reason).toBe("the IP3 where m∞³ and Q2 are within 1% of their limits (the drive could push it higher)");
    expect(ca.bound).toBeCloseTo(2 * 1.185, 12); // Ca_tot·(1 + ratio_ER_cyt)
    // k = 7 (128 > 80.4): Q.24 of 32 bits. A uniform m3 table then spans 0..128 µM in steps of at
    // least 1/8 µM, too coarse for m∞³ near d1 = 0.13 µM: with uniform tables only, the lowering
    // refuses it (TP3070); an octave table keeps the same relative step in every octave and passes.
    const uniform = compileGlia(net, gliaCoreWith({ semantics: { astrocyte: { lut: { entries: 256, bits: 16, interpolation: "linear", spacing: ["uniform"] } } } }));
    // (256 uniform entries of 1/2 µM: q2, which bends within d2 = 0.94 µM, is refused as well)
    expect(uniform.diagnostics.map((d) => `${d.code} ${d.message.split(" of ")[0]}`)).toEqual(["TP3070 Table 'm3'", "TP3070 Table 'q2'"]);
    expect(uniform.diagnostics[0].hint).toBe("The target's 256-entry table cannot follow this function at the chosen precision; a target with octave-spaced tables, a narrower input range (smaller bounds) or more entries would.");
    const result = compileGlia(net, gliaCore());
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.reports.quantization!.formats.find((f) => f.variables === "ca, h, ip3")?.frac).toBe(32 - 1 - 7);
    const m3 = result.reports.quantization!.tables.find((t) => t.table === "m3")!;
    expect(m3.spacing).toBe("octave");
    expect(m3.maxError).toBeLessThan(0.01 * 0.99); // m∞³ < 1 over the domain; its largest entry is (128/128.13)³
  });
});

describe("weights and effect deltas", () => {
  it("additive: the largest weight formed is 0.025 + 0.5, so Q.16 of 16 bits; g = 1638/2^16, ν = 2^15", () => {
    const { config, report } = compiled();
    const [modulated, input] = config.projections;
    expect(modulated.weightFrac).toBe(16); // 0.525·2^16 = 34406 fits 65535; 0.525·2^17 does not
    expect(Array.from(modulated.weight)).toEqual([1638, 1638, 1638, 1638]); // round(0.025·65536 = 1638.4)
    expect(Array.from(modulated.delta)).toEqual([32768, 32768, 32768, 32768]);
    expect(input.weightFrac).toBe(15); // weight 1: 2^16 = 65536 does not fit 65535
    expect(Array.from(input.weight)).toEqual([32768]);
    expect(report.weights[0]).toMatchObject({ projection: "n_n", weightFrac: 16, requestedMax: 0.025, realisedMax: 1638 / 65536, roundedToZero: 0 });
    expect(report.weights[0].delta).toEqual({ kind: "additive", requestedMaxAbs: 0.5, maxAbsError: 0, roundedToZero: 0 });
  });

  const withEffect = (effect: SynapseEffect) => {
    const parts = wmParts();
    return compiled({
      ...parts,
      projections: [conductance("n_n", "n", "n", [[0, 1], [1, 2]], [0.025, 0.05]), parts.projections![1]],
      tripartite: [{ ...parts.tripartite![0], effect }],
    }).config.projections[0];
  };

  it("multiplicative k = 2: δ = g·k = 0.05, 0.1; largest 0.05 + 0.1 = 0.15 → Q.18", () => {
    const projection = withEffect({ kind: "multiplicative", k: 2 });
    expect(projection.weightFrac).toBe(18); // 0.15·2^18 = 39321.6; ·2^19 = 78643 > 65535
    expect(Array.from(projection.weight)).toEqual([6554, 13107]); // round(6553.6), round(13107.2)
    expect(Array.from(projection.delta)).toEqual([13107, 26214]); // round(13107.2), round(26214.4)
  });

  it("suppressive k = 0.5: δ = −g·k = −0.0125, −0.025; largest weight 0.05 → Q.20", () => {
    const projection = withEffect({ kind: "suppressive", k: 0.5 });
    expect(projection.weightFrac).toBe(20); // 0.05·2^20 = 52428.8; ·2^21 = 104857.6 > 65535
    expect(Array.from(projection.weight)).toEqual([26214, 52429]);
    expect(Array.from(projection.delta)).toEqual([-13107, -26214]); // round(−13107.2), round(−26214.4)
  });
});

/** The table's value at raw x, linear interpolation with floor, computed here independently. */
function lookup(lut: GliaLut, x: number): number {
  const d = x - lut.x0;
  const last = lut.values.length - 1;
  if (d <= 0) return lut.values[0];
  const i = Math.floor(d / 2 ** lut.shift);
  if (i >= last) return lut.values[last];
  const r = d - i * 2 ** lut.shift;
  return lut.values[i] + Math.floor(((lut.values[i + 1] - lut.values[i]) * r) / 2 ** lut.shift);
}

describe("tables", () => {
  it("the report lists every table with its owner, domain and largest error, each under 1% of its largest value", () => {
    const { report } = compiled();
    expect(report.tables.map((t) => `${t.owner}.${t.table}`)).toEqual(["a.m3", "a.n3", "a.pump", "a.q2", "a.influx", "a.plc", "n_n.sigmoid"]);
    for (const table of report.tables) expect(table.maxError).toBeGreaterThan(0);
    // m3 is octave-spaced (it rises within d1 = 0.13 µM of a domain of tens of µM): its domain ends
    // at the IP3 bound rounded up to a power of two of the raw input, 64 µM
    const m3 = report.tables.find((t) => t.table === "m3")!;
    expect(m3.spacing).toBe("octave");
    expect(m3.domain).toEqual([0, 64]);
    for (const table of report.tables) expect((table.entries - 1) % 2 ** table.segmentBits).toBe(0);
  });

  it("a SIC table starts at its threshold and holds the largest SIC in its 16 bits, shifted left into the neuron's format", () => {
    const parts = wmParts();
    const sic = { id: "a_sic", astrocytes: "a", population: "n", effect: { kind: "sic", scale: 1, threshold: 0.2 } } as const;
    const { config, report } = compiled({ ...parts, tripartite: [...parts.tripartite!, sic] });
    const effect = config.neuronEffects.find((e) => e.id === "a_sic")!;
    const lut = config.luts[effect.sicLut];
    const f = config.astrocytes[effect.astrocytes].frac;
    const group = config.neurons.find((g) => g.offset === effect.populationOffset)!;
    expect(lut.x0).toBe(Math.floor(0.2 * 2 ** f));
    const row = report.tables.find((t) => t.owner === "a_sic")!;
    // the largest SIC is at the end of the domain, ln((end − 0.2)·1000) ≈ 8 mV/ms: in the group's
    // Q.16 it would need 2^19, so the table keeps fewer fractional bits and is not clipped
    const largest = Math.log((row.domain[1] - 0.2) * 1000);
    expect(lut.frac).toBeLessThan(group.frac);
    expect(lut.values[lut.values.length - 1]).toBe(Math.round(largest * 2 ** lut.frac));
    expect(row.maxError).toBeLessThan(0.01 * largest);
    // at Ca = 0.5 µM the unit adds ln(300) = 5.704 mV/ms, in the group's Q.frac
    const current = (evaluateLut(lut, Math.round(0.5 * 2 ** f)) * 2 ** (group.frac - lut.frac)) / 2 ** group.frac;
    expect(Math.abs(current - Math.log(300))).toBeLessThan(0.01 * largest);
  });

  it("the sigmoid's reported error is what a dense independent evaluation finds", () => {
    const { config, report } = compiled();
    const lut = config.luts[config.projections[0].sigmoid];
    const vFrac = config.neurons[0].frac;
    const end = lut.x0 + (lut.values.length - 1) * 2 ** lut.shift;
    let worst = 0;
    for (let x = lut.x0; x <= end; x += 7) worst = Math.max(worst, Math.abs(lookup(lut, x) / 2 ** lut.frac - 1 / (1 + Math.exp(-(x / 2 ** vFrac) / 0.2))));
    const reported = report.tables.find((t) => t.table === "sigmoid")!.maxError;
    expect(reported).toBe(lut.maxError);
    // the lowering samples 64 points per interval: within one output LSB of the dense maximum
    expect(Math.abs(worst - reported)).toBeLessThan(2 ** -lut.frac);
  });
});

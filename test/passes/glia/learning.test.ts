// The glia-core learning lowering (src/passes/glia/learning.ts): the learning section of the
// config and its constants, the weight format fitted to w_max, the modulation in integers, and
// the refusals (TP3080 without a learning section, TP3084, TP3097, TP3098).
import { describe, expect, it } from "vitest";
import { compileGlia } from "../../../src/passes/pipeline.js";
import type { GliaConfig } from "../../../src/hw/glia-config.js";
import type { PlasticityRule } from "../../../src/ir/plasticity-types.js";
import type { GliaTarget } from "../../../src/targets/glia-types.js";
import { codesAndPaths } from "../helpers.js";
import { gliaCore, gliaCoreWith } from "./helpers.js";
import { GATED, gliaLearning, plasticGlia } from "./learning-networks.js";

function mustCompile(rule: PlasticityRule = GATED, target: GliaTarget = gliaCore()): GliaConfig {
  const result = compileGlia(plasticGlia(rule), target, { file: "net.json" });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; "));
  return result.value;
}

const errors = (diagnostics: ReturnType<typeof gliaLearning>) => codesAndPaths(diagnostics.filter((d) => d.severity === "error"));

describe("glia-core learning: lowering", () => {
  it("lowers a gated rule: the synapses of n_n in CSR order, the format fitted to w_max, m in Q.12", () => {
    const config = mustCompile();
    const learning = config.learning!;
    expect(learning.epoch).toBe(4);
    expect(learning.semantics.astrocyteModulation).toBe(true);
    expect(learning.projections).toHaveLength(1);
    const p = learning.projections[0];
    const glia = config.projections[0];
    expect(glia.id).toBe("n_n");
    expect([p.id, p.pre, p.post, p.sign]).toEqual(["n_n", "n", "n", 1]);
    expect(Array.from(p.synapseCore)).toEqual([0, 0, 0, 0]);
    expect(Array.from(p.synapseIndex)).toEqual([0, 1, 2, 3]);
    expect(Array.from(p.synapsePre)).toEqual([0, 1, 2, 3]);
    expect(Array.from(p.synapsePost)).toEqual([1, 2, 3, 0]);
    // w_max 0.1 (plus the additive ν 0.5 of a_n_n) sets the format: the largest frac with
    // round(0.6·2^frac) ≤ 2^16 − 1 is 16 (0.6·2^16 = 39322; 2^17 would give 78643)
    expect(glia.weightFrac).toBe(16);
    expect(p.weightPerMantissa).toBe(2 ** -16);
    expect(p.magnitudeMax).toBe(Math.round(0.1 * 2 ** 16)); // 6554
    expect(p.magnitudeMin).toBe(0);
    // the initial 0.025 is inside the bounds and stays round(0.025·2^16) = 1638
    expect(Array.from(glia.weight)).toEqual([1638, 1638, 1638, 1638]);
    // 12-bit traces: all-to-all impulse 2^(12 − 4) (room for 16 spikes); τ 20 ms at dt 0.1 ms: round(2^16·(1 − e^−0.005)) = 327
    expect(p.traceImpulse).toBe(256);
    expect(p.traceDecayPre).toBe(327);
    // a_plus default 0.01: round(0.01·0.1·2^8 / (2^−16·256)) = round(65.536) = 66
    expect(p.aPlus).toBe(66);
    expect(p.modulation).toEqual({ astrocytes: 0, astrocyteOf: Int32Array.from([0, 0, 0, 0]), by: "gate", open: 4096, closed: 0, caLow: 0, caHigh: 1 });
  });

  it("gives a rule with an eligibility a format whose accumulator holds eight weight ranges", () => {
    // episode_stdp, w_max 0.6 (the SNAN agent's): fitted to w_max plus ν 0.5 of a_n_n the format would be
    // Q.15 (1.1·2^15 = 36045), where the accumulator's 2^15 mantissas hold ±1 = 1.7 R; 8 R = 4.8 must fit
    // 2^15 − 1 mantissas: round(4.8·2^12) = 19661 does, round(4.8·2^13) = 39322 does not
    const episode = { id: "episode", rule: "episode_stdp", w_max: 0.6, tau_c: 360, gate: [{ source: "n", gain: 3 }] } as unknown as PlasticityRule;
    const config = mustCompile(episode);
    const p = config.learning!.projections[0];
    expect(config.projections[0].weightFrac).toBe(12);
    expect(p.magnitudeMax).toBe(Math.round(0.6 * 2 ** 12)); // 2458
    const accumulatorMantissas = (2 ** (config.learning!.semantics.accumulator.bits - 1) - 1) / 2 ** config.learning!.semantics.accumulator.fractionBits;
    expect(accumulatorMantissas * p.weightPerMantissa).toBeGreaterThanOrEqual(8 * 0.6);
    // a plain stdp rule with the same bounds keeps the format fitted to w_max (plus ν)
    expect(mustCompile({ ...GATED, w_max: 0.6 } as PlasticityRule).projections[0].weightFrac).toBe(15);
  });

  it("lowers a Ca ramp into the astrocyte group's raw Ca and open = −1 into −2^12", () => {
    const config = mustCompile({ ...GATED, modulation: { astrocytes: "a", by: "ca", open: -1, closed: 0.5, ca_low: 0.1, ca_high: 0.4 } } as PlasticityRule);
    const frac = config.astrocytes[0].frac;
    const m = config.learning!.projections[0].modulation!;
    expect([m.by, m.open, m.closed]).toEqual(["ca", -4096, 2048]);
    expect([m.caLow, m.caHigh]).toEqual([Math.round(0.1 * 2 ** frac), Math.round(0.4 * 2 ** frac)]);
  });

  it("keeps a plastic weight's largest value in range: an initial weight above w_max is clamped", () => {
    const config = mustCompile({ ...GATED, w_max: 0.02 } as PlasticityRule);
    const p = config.learning!.projections[0];
    expect(Array.from(config.projections[0].weight)).toEqual([p.magnitudeMax, p.magnitudeMax, p.magnitudeMax, p.magnitudeMax]);
  });

  it("TP3080 on a glia-core variant without a learning section", () => {
    const { learning: _, ...bare } = gliaCore();
    const target: GliaTarget = { ...bare, capabilities: { ...bare.capabilities, plasticity: [] } };
    expect(errors(gliaLearning(GATED, undefined, target))).toEqual([{ code: "TP3080", path: "/projections/0/plasticity" }]);
  });

  it("TP3084 on a glia-core variant whose engine has no astrocyte modulation", () => {
    const target = gliaCoreWith({ learning: { astrocyteModulation: false } });
    expect(errors(gliaLearning(GATED, undefined, target))).toEqual([{ code: "TP3084", path: "/plasticity/0/modulation" }]);
  });

  it("TP3082 for nearest_pre_centred, as on the LIF family", () => {
    expect(errors(gliaLearning({ ...GATED, pairing: "nearest_pre_centred" } as PlasticityRule))).toEqual([{ code: "TP3082", path: "/plasticity/0/pairing" }]);
  });

  it("TP3097 for a multiplicative coupling on a plastic projection; an additive one lowers", () => {
    const multiplicative = (parts: Parameters<NonNullable<Parameters<typeof gliaLearning>[1]>>[0]) => ({
      ...parts,
      tripartite: [{ id: "a_n_n", astrocytes: "a", projection: "n_n", by: "post", effect: { kind: "multiplicative", k: 2 } }],
    }) as typeof parts;
    expect(errors(gliaLearning(GATED, multiplicative))).toEqual([{ code: "TP3097", path: "/projections/0/plasticity" }]);
    expect(errors(gliaLearning(GATED))).toEqual([]);
  });

  it("TP3098 for a Ca ramp narrower than one raw Ca step", () => {
    const narrow = { ...GATED, modulation: { astrocytes: "a", by: "ca", ca_low: 0.1, ca_high: 0.1 + 1e-12 } } as PlasticityRule;
    expect(errors(gliaLearning(narrow))).toEqual([{ code: "TP3098", path: "/plasticity/0/modulation" }]);
  });
});

// A hand-made learning section for the sample config of test/passes/helpers.ts, and one scenario
// per TP4023-TP4029 code (the examples of docs/diagnostics-passes.md, "The learning section").
// Sample placement on twoPerCore(): a0 a1 on core 0 (compartments 0, 1), a2 b0 on core 1 (0, 1),
// b1 on core 2 (0); inputs x0 x1 y z on lines 0..3. Routes and the core CSRs put
//   x_a (0,0) at core 0 synapse 1, (0,2) at core 1 synapse 3, (1,1) at core 0 synapse 2;
//   a_b (i,0) at core 1 synapse i and (i,1) at core 2 synapse i, for a_i = 0, 1, 2.
import type { Diagnostic } from "../../src/ir/diagnostics.js";
import { fromConfigJson, toConfigJson, type ConfigJson } from "../../src/hw/config-json.js";
import type { HwLearning } from "../../src/hw/learning-config.js";
import type { HwConfig } from "../../src/hw/types.js";
import type { LearningSemantics } from "../../src/targets/learning-types.js";
import { sampleConfig } from "../passes/helpers.js";

export const LEARNING_SEMANTICS: LearningSemantics = {
  rules: ["stdp", "reward_stdp", "episode_stdp"],
  pairings: ["all_to_all", "nearest_symmetric", "nearest_pre_centred"],
  boundExponents: [0, 1],
  astrocyteModulation: false,
  trace: { bits: 8, decayBits: 12, rounding: "stochastic" },
  epoch: { default: 4, max: 64 },
  accumulator: { bits: 16, fractionBits: 6 },
  modulator: { bits: 16, fractionBits: 8, decayBits: 12 },
  eligibility: { decayBits: 12 },
  rounding: "stochastic",
  weightBits: 8,
};

/** x_a learns by pair STDP, a_b by reward-modulated STDP with the external input z as its reward. */
export function sampleLearning(): HwLearning {
  return {
    semantics: LEARNING_SEMANTICS,
    epoch: 4,
    projections: [
      {
        id: "x_a", rule: "stdp", pairing: "all_to_all", pre: "x", post: "a", sign: 1,
        synapsePre: Int32Array.of(0, 0, 1), synapsePost: Int32Array.of(0, 2, 1),
        synapseCore: Int32Array.of(0, 1, 0), synapseIndex: Int32Array.of(1, 3, 2),
        traceImpulse: 64, traceDecayPre: 200, traceDecayPost: 205, aPlus: 12, aMinus: 13,
        muPlus: 0, muMinus: 1, magnitudeMin: 0, magnitudeMax: 40, seed: 0x9e3779b9, weightPerMantissa: 0.09375,
      },
      {
        id: "a_b", rule: "reward_stdp", pairing: "nearest_symmetric", pre: "a", post: "b", sign: 1,
        synapsePre: Int32Array.of(0, 0, 1, 1, 2, 2), synapsePost: Int32Array.of(0, 1, 0, 1, 0, 1),
        synapseCore: Int32Array.of(1, 2, 1, 2, 1, 2), synapseIndex: Int32Array.of(0, 0, 1, 1, 2, 2),
        traceImpulse: 255, traceDecayPre: 200, traceDecayPost: 200, aPlus: 3, aMinus: 3,
        muPlus: 1, muMinus: 1, magnitudeMin: 2, magnitudeMax: 200, eligibilityDecay: 4,
        reward: { decay: 20, baseline: -3, sources: [{ symbol: "z", gain: 512 }] },
        seed: 12345, weightPerMantissa: 0.046875,
      },
    ],
  };
}

/** The sample config with the learning section above. */
export const learningConfig = (): HwConfig => ({ ...sampleConfig(), learning: sampleLearning() });

/** The twin of learningConfig() after `change`, read back from config.json. */
export function editedLearningJson(change: (json: ConfigJson) => void): readonly Diagnostic[] {
  const json = JSON.parse(JSON.stringify(toConfigJson(learningConfig()))) as ConfigJson;
  change(json);
  return fromConfigJson(json, "config.json").diagnostics;
}

type Json = ConfigJson & { learning: NonNullable<ConfigJson["learning"]> };
const edit = (change: (json: Json) => void) => () => editedLearningJson((json) => change(json as Json));

/** code → the diagnostics of its documented scenario. */
export const LEARNING_CONFIG_EXAMPLES: Readonly<Record<string, () => readonly Diagnostic[]>> = {
  TP4023: edit((j) => void (j.learning.projections[1].post = "z")),
  TP4024: edit((j) => void j.learning.projections[0].synapseCore.pop()),
  TP4025: edit((j) => void (j.learning.projections[0].synapsePost[1] = 3)),
  TP4026: edit((j) => void (j.learning.projections[0].synapseIndex[1] = 2)),
  TP4027: edit((j) => void (j.learning.projections[1].synapseIndex[2] = 0)),
  TP4028: edit((j) => void (j.learning.projections[0].magnitudeMax = 300)),
  TP4029: edit((j) => void (j.learning.projections[0].rule = "episode_stdp")),
};

// One scenario per lower-plasticity code (TP3080–TP3089, TP3099) and glia-core learning code (TP3097,
// TP3098): the examples of
// docs/diagnostics-passes.md, checked by test/passes/docs.test.ts.
import type { Diagnostic } from "../../src/ir/diagnostics.js";
import type { ElaboratedPlasticity } from "../../src/ir/elaborated.js";
import type { CompileOptions } from "../../src/passes/pass.js";
import { compile } from "../../src/passes/pipeline.js";
import type { Target } from "../../src/targets/types.js";
import { allToAll, loihi, population, spikeInput, targetWith } from "./helpers.js";
import { plastic, rule } from "../emulator/learning-build.js";
import type { PlasticityRule } from "../../src/ir/plasticity-types.js";
import { GATED, gliaLearning } from "./glia/learning-networks.js";

/** x (2 lines) → p (2 neurons), all to all, weight 4 mV, rule `pair` (w_max 10) on x_p; r: a third-factor input. dt = 1 ms. */
const learning = (spec: Partial<ElaboratedPlasticity>, target: Target = loihi(), options: CompileOptions = {}): readonly Diagnostic[] =>
  compile(
    plastic(
      {
        run: { dt: 1, duration: 50, seed: 7 },
        populations: [population("p", 2)],
        inputs: [spikeInput("x", [[1, 5], [3]]), spikeInput("r", [[2]])],
        projections: [allToAll("x_p", "x", "p", { weight: 4 })],
      },
      [{ projection: "x_p", rule: { ...rule({ wMax: 10, ...spec }), id: "pair" } }],
    ),
    target,
    { file: "net.json", ...options },
  ).diagnostics;

const reward = (gain: number): Partial<ElaboratedPlasticity> => ({
  rule: "reward_stdp",
  tauCMs: 1000,
  reward: { tauNMs: 200, baseline: 0, sources: [{ kind: "input", index: 1, gain }] },
});

export const LOWER_PLASTICITY_EXAMPLES: Readonly<Record<string, () => readonly Diagnostic[]>> = {
  TP3080: () => learning({}, loihiWithoutLearning()),
  TP3081: () => learning(reward(1), targetWith({ learning: { rules: ["stdp"] } })),
  TP3082: () => learning({ pairing: "nearest_pre_centred" }),
  TP3083: () => learning({ muPlus: 0.5 }),
  TP3084: () => learning({ modulation: { astrocytes: 0, by: "gate", open: 1, closed: 0, caLow: 0, caHigh: 0, astrocyteOf: new Int32Array(2).fill(-1) } }),
  TP3085: () => learning({}, loihi(), { learningEpoch: 100 }),
  TP3086: () => learning({ aPlus: 1e-6 }),
  TP3087: () => learning({ wMin: 9.99, aPlus: 5, aMinus: 5 }),
  TP3088: () => learning(reward(5000)),
  TP3089: () => learning({ tauPlusMs: 10000 }),
  TP3099: () => learning({ ...reward(1), tauCMs: 5000 }),
  TP3097: () =>
    gliaLearning(GATED, (parts) => ({
      ...parts,
      tripartite: [{ id: "a_n_n", astrocytes: "a", projection: "n_n", by: "post", effect: { kind: "multiplicative", k: 2 } }],
    })),
  TP3098: () => gliaLearning({ ...GATED, modulation: { astrocytes: "a", by: "ca", ca_low: 0.1, ca_high: 0.1000000001 } } as PlasticityRule),
};

/** loihi-cuba as a target that learns nothing: no learning section, no plasticity listed. */
function loihiWithoutLearning(): Target {
  const { learning: _, ...bare } = loihi();
  return { ...bare, name: "loihi-cuba-static", capabilities: { ...bare.capabilities, plasticity: [] } };
}

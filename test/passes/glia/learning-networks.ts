// The small neuron–astrocyte network of networks.ts with plastic projections, for the tests of
// the glia-core learning lowering (src/passes/glia/learning.ts) and its diagnostic scenarios.
import type { Diagnostic } from "../../../src/ir/diagnostics.js";
import { elaborate } from "../../../src/ir/elaborate.js";
import type { Elaborated } from "../../../src/ir/elaborated.js";
import type { Network } from "../../../src/ir/types.js";
import type { PlasticityRule } from "../../../src/ir/plasticity-types.js";
import { compileGlia } from "../../../src/passes/pipeline.js";
import type { GliaTarget } from "../../../src/targets/glia-types.js";
import { gliaCore } from "./helpers.js";
import { gliaNetwork, wmParts } from "./networks.js";

type Parts = Partial<Omit<Network, "format">>;

/** Pair STDP on n_n gated by astrocyte "a" (changed as given). */
export const GATED: PlasticityRule = { id: "gated", rule: "stdp", w_max: 0.1, modulation: { astrocytes: "a", by: "gate" } } as PlasticityRule;

/** wmParts with `rule` on n_n (and the parts changed as given), elaborated. */
export function plasticGlia(rule: PlasticityRule = GATED, change: (parts: Parts) => Parts = (p) => p): Elaborated {
  const parts = wmParts();
  const projections = parts.projections!.map((p) => (p.id === "n_n" ? { ...p, plasticity: rule.id } : p));
  return elaborate(gliaNetwork(change({ ...parts, projections, plasticity: [rule] })));
}

/** The diagnostics of compiling plasticGlia(rule, change) for glia-core (or `target`). */
export const gliaLearning = (rule: PlasticityRule = GATED, change?: (parts: Parts) => Parts, target: GliaTarget = gliaCore()): readonly Diagnostic[] =>
  compileGlia(plasticGlia(rule, change), target, { file: "net.json" }).diagnostics;

// Compiled plastic glia-core configs (the network of test/passes/glia/learning-networks.ts: pair
// STDP on n_n, 4 synapses onto 4 neurons owned by the one astrocyte of 'a') modulated by gate and
// by Ca, and one scenario per TP4031-TP4034 code (the examples of docs/diagnostics-passes.md,
// "The learning section of a config").
import type { Diagnostic } from "../../src/ir/diagnostics.js";
import type { PlasticityRule } from "../../src/ir/plasticity-types.js";
import type { GliaConfig } from "../../src/hw/glia-config.js";
import { fromGliaConfigJson, toGliaConfigJson, type GliaConfigJson } from "../../src/hw/glia-config-json.js";
import { compileGlia } from "../../src/passes/pipeline.js";
import { gliaCore } from "../passes/glia/helpers.js";
import { GATED, plasticGlia } from "../passes/glia/learning-networks.js";

/** Pair STDP on n_n, m = open·(Ca ramp from 0.1 to 0.4 µM) + closed·(the rest). */
export const BY_CA: PlasticityRule = { ...GATED, modulation: { astrocytes: "a", by: "ca", open: 1, closed: -0.25, ca_low: 0.1, ca_high: 0.4 } } as PlasticityRule;

const compiled = new Map<PlasticityRule, GliaConfig>();

/** plasticGlia(rule) compiled for glia-core, once per rule (the scenarios only read it); throws on any error. */
export function compiledGlia(rule: PlasticityRule = GATED): GliaConfig {
  const known = compiled.get(rule);
  if (known !== undefined) return known;
  const result = compileGlia(plasticGlia(rule), gliaCore(), { file: "net.json" });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; "));
  compiled.set(rule, result.value);
  return result.value;
}

type Json = GliaConfigJson & { learning: NonNullable<GliaConfigJson["learning"]> };
type Modulation = NonNullable<Json["learning"]["projections"][number]["modulation"]>;

/** The twin of compiledGlia(rule) after `change`, read back from glia-config.json. */
export function editedGliaLearningJson(change: (json: Json) => void, rule: PlasticityRule = GATED): readonly Diagnostic[] {
  const json = JSON.parse(JSON.stringify(toGliaConfigJson(compiledGlia(rule)))) as Json;
  change(json);
  return fromGliaConfigJson(json, "glia-config.json").diagnostics;
}

const modulation = (json: Json): Modulation => json.learning.projections[0].modulation!;
const edit = (change: (json: Json) => void) => () => editedGliaLearningJson(change);

/** code → the diagnostics of its documented scenario. */
export const GLIA_LEARNING_EXAMPLES: Readonly<Record<string, () => readonly Diagnostic[]>> = {
  TP4031: edit((j) => void (j.learning.semantics.astrocyteModulation = false)),
  TP4032: edit((j) => void (modulation(j).astrocytes = 1)),
  TP4033: edit((j) => void modulation(j).astrocyteOf.pop()),
  TP4034: edit((j) => void (modulation(j).astrocyteOf[2] = 1)),
};

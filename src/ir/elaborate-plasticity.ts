/**
 * Elaboration of the `plasticity` section: each rule with its defaults read, its reward or gate
 * sources resolved to input or population indices, and its astrocyte modulation resolved to the
 * owning astrocyte of every postsynaptic neuron. One ElaboratedPlasticity per rule, shared by every
 * projection that learns by it; the modulation's astrocyteOf is the astrocyte population's own
 * ownerOf array, not a copy. Never reports user errors: the loader's rules ran before.
 */
import { assert } from "../util/assert.js";
import { EPISODE_DEFAULTS, MODULATION_DEFAULTS, REWARD_DEFAULTS, STDP_DEFAULTS, type ModulatorSource, type PlasticityRule } from "./plasticity-types.js";
import type { ElaboratedAstrocytes, ElaboratedModulatorSource, ElaboratedPlasticity, ElaboratedProjection } from "./elaborated.js";

/** Spike sources by id: populations and inputs, as a projection's `pre` resolves them. */
export type SourceIndex = ReadonlyMap<string, Pick<ElaboratedProjection["pre"], "kind" | "index">>;

export function elaboratePlasticity(
  rule: PlasticityRule,
  index: number,
  sources: SourceIndex,
  astrocytes: readonly ElaboratedAstrocytes[],
): ElaboratedPlasticity {
  const shared = {
    id: rule.id,
    index,
    rule: rule.rule,
    pairing: rule.pairing ?? STDP_DEFAULTS.pairing,
    tauPlusMs: rule.tau_plus ?? STDP_DEFAULTS.tau_plus,
    tauMinusMs: rule.tau_minus ?? STDP_DEFAULTS.tau_minus,
    aPlus: rule.a_plus ?? STDP_DEFAULTS.a_plus,
    aMinus: rule.a_minus ?? STDP_DEFAULTS.a_minus,
    muPlus: rule.mu_plus ?? STDP_DEFAULTS.mu_plus,
    muMinus: rule.mu_minus ?? STDP_DEFAULTS.mu_minus,
    wMin: rule.w_min ?? STDP_DEFAULTS.w_min,
    wMax: rule.w_max,
    ...(rule.modulation !== undefined ? { modulation: modulationOf(rule, astrocytes) } : {}),
  };
  const resolve = (list: readonly ModulatorSource[]): ElaboratedModulatorSource[] =>
    list.map((entry) => {
      const source = sources.get(entry.source);
      assert(source !== undefined, `plasticity rule '${rule.id}' names unknown source '${entry.source}'`);
      return { kind: source.kind, index: source.index, gain: entry.gain ?? 1 };
    });
  switch (rule.rule) {
    case "stdp":
      return shared;
    case "reward_stdp":
      return {
        ...shared,
        tauCMs: rule.tau_c ?? REWARD_DEFAULTS.tau_c,
        reward: { tauNMs: rule.tau_n ?? REWARD_DEFAULTS.tau_n, baseline: rule.baseline ?? REWARD_DEFAULTS.baseline, sources: resolve(rule.reward) },
      };
    case "episode_stdp":
      return {
        ...shared,
        tauCMs: rule.tau_c === null ? Infinity : (rule.tau_c ?? EPISODE_DEFAULTS.tau_c),
        gate: { sources: resolve(rule.gate) },
      };
  }
}

function modulationOf(rule: PlasticityRule, astrocytes: readonly ElaboratedAstrocytes[]): NonNullable<ElaboratedPlasticity["modulation"]> {
  const modulation = rule.modulation;
  assert(modulation !== undefined, `plasticity rule '${rule.id}' has no modulation`);
  const astro = astrocytes.find((a) => a.id === modulation.astrocytes);
  assert(astro !== undefined, `plasticity rule '${rule.id}' names unknown astrocytes '${modulation.astrocytes}'`);
  const byCa = modulation.by === "ca";
  assert(!byCa || (modulation.ca_low !== undefined && modulation.ca_high !== undefined), `plasticity rule '${rule.id}' grades by Ca without ca_low and ca_high`);
  return {
    astrocytes: astro.index,
    by: modulation.by,
    open: modulation.open ?? MODULATION_DEFAULTS.open,
    closed: modulation.closed ?? MODULATION_DEFAULTS.closed,
    caLow: byCa ? (modulation.ca_low ?? 0) : 0,
    caHigh: byCa ? (modulation.ca_high ?? 0) : 0,
    astrocyteOf: astro.ownerOf, // indexed by neuron of the territory population, which is the post population
  };
}

/**
 * The rule a projection learns by, checked against its post population: the modulation's
 * astrocyteOf is indexed by neurons of the astrocytes' territory, so the two must agree (TP2077).
 */
export function plasticityOf(
  ruleId: string,
  projectionId: string,
  postIndex: number,
  rules: ReadonlyMap<string, ElaboratedPlasticity>,
  astrocytes: readonly ElaboratedAstrocytes[],
): ElaboratedPlasticity {
  const rule = rules.get(ruleId);
  assert(rule !== undefined, `projection '${projectionId}' learns by unknown plasticity rule '${ruleId}'`);
  const modulation = rule.modulation;
  assert(
    modulation === undefined || astrocytes[modulation.astrocytes].territoryPopulation === postIndex,
    `projection '${projectionId}': the astrocytes modulating rule '${ruleId}' do not own its post population`,
  );
  return rule;
}

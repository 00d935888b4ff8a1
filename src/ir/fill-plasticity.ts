/**
 * Defaults of the `plasticity` section (docs/ir.md, "Defaults"): the STDP window and bounds,
 * the eligibility and modulator decays, source gains and the astrocyte factor. Returns new
 * objects; never changes the document.
 */
import {
  EPISODE_DEFAULTS,
  MODULATION_DEFAULTS,
  REWARD_DEFAULTS,
  STDP_DEFAULTS,
  type AstrocyteModulation,
  type ModulatorSource,
  type PlasticityRule,
} from "./plasticity-types.js";
import type { PlasticityRuleDocument } from "./document.js";

/** Every optional field of the rule written out; episode_stdp keeps an explicit tau_c null (no decay). */
export function fillPlasticityRule(rule: PlasticityRuleDocument): PlasticityRule {
  const shared = {
    id: rule.id,
    pairing: rule.pairing ?? STDP_DEFAULTS.pairing,
    tau_plus: rule.tau_plus ?? STDP_DEFAULTS.tau_plus,
    tau_minus: rule.tau_minus ?? STDP_DEFAULTS.tau_minus,
    a_plus: rule.a_plus ?? STDP_DEFAULTS.a_plus,
    a_minus: rule.a_minus ?? STDP_DEFAULTS.a_minus,
    mu_plus: rule.mu_plus ?? STDP_DEFAULTS.mu_plus,
    mu_minus: rule.mu_minus ?? STDP_DEFAULTS.mu_minus,
    w_min: rule.w_min ?? STDP_DEFAULTS.w_min,
    w_max: rule.w_max,
    ...(rule.modulation !== undefined ? { modulation: fillModulation(rule.modulation) } : {}),
  };
  switch (rule.rule) {
    case "stdp":
      return { ...shared, rule: rule.rule };
    case "reward_stdp":
      return {
        ...shared,
        rule: rule.rule,
        tau_c: rule.tau_c ?? REWARD_DEFAULTS.tau_c,
        tau_n: rule.tau_n ?? REWARD_DEFAULTS.tau_n,
        baseline: rule.baseline ?? REWARD_DEFAULTS.baseline,
        reward: rule.reward.map(fillSource),
      };
    case "episode_stdp":
      // `??` would turn the meaningful null into the default.
      return { ...shared, rule: rule.rule, tau_c: rule.tau_c === undefined ? EPISODE_DEFAULTS.tau_c : rule.tau_c, gate: rule.gate.map(fillSource) };
  }
}

function fillSource(source: ModulatorSource): ModulatorSource {
  return { source: source.source, gain: source.gain ?? 1 };
}

/** open 1, closed 0; ca_low and ca_high are carried only when written (by "ca" requires them). */
function fillModulation(modulation: AstrocyteModulation): AstrocyteModulation {
  return {
    astrocytes: modulation.astrocytes,
    by: modulation.by,
    open: modulation.open ?? MODULATION_DEFAULTS.open,
    closed: modulation.closed ?? MODULATION_DEFAULTS.closed,
    ...(modulation.ca_low !== undefined ? { ca_low: modulation.ca_low } : {}),
    ...(modulation.ca_high !== undefined ? { ca_high: modulation.ca_high } : {}),
  };
}

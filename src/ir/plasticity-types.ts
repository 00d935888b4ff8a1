/**
 * Plasticity rules of the IR (the `plasticity` section; docs/plasticity.md has the equations).
 * A projection names one rule by id in its `plasticity` field; several projections may share a
 * rule. Weights learn in magnitude: `w_min`/`w_max` bound |w| in the projection's weight unit and
 * the projection's sign is kept.
 *
 * Pair-based STDP with traces (Gütig et al. 2003, the form of NEST's stdp_synapse):
 *   x_j ← x_j·e^{−dt/τ+} (+1 or =1 on a pre spike), y_i ← y_i·e^{−dt/τ−} (+1 or =1 on a post spike)
 *   on a post spike of i:  Δw_ji = +a_plus·R·(1 − ŵ)^{μ+}·x_j
 *   on a pre spike of j:   Δw_ji = −a_minus·R·ŵ^{μ−}·y_i
 *   with R = w_max − w_min, ŵ = (|w| − w_min)/R, |w| clipped to [w_min, w_max].
 * reward_stdp sends Δ into an eligibility c (decay τ_c) and moves w by c·(n − b)·dt per step, n
 * being the modulator (decay τ_n, +gain/τ_n per spike of a reward source). episode_stdp sends Δ
 * into c and applies w += gain·c at each spike of a gate source, then clears c.
 */

export const PLASTICITY_RULES = ["stdp", "reward_stdp", "episode_stdp"] as const;
export type PlasticityRuleKind = (typeof PLASTICITY_RULES)[number];

/**
 * Which spike pairs count (Morrison, Diesmann, Gerstner 2008):
 * - all_to_all: every pre–post pair (traces add 1 per spike);
 * - nearest_symmetric: each spike pairs only with the nearest earlier spike of the other side
 *   (traces are set to 1, NEST stdp_nn_symm_synapse);
 * - nearest_pre_centred: each pre spike pairs with the nearest earlier post spike (depression);
 *   each post spike pairs with every pre spike since the synapse's previous post spike
 *   (potentiation); NEST stdp_nn_pre_centered_synapse. Its pre trace is per synapse.
 */
export const PAIRINGS = ["all_to_all", "nearest_symmetric", "nearest_pre_centred"] as const;
export type Pairing = (typeof PAIRINGS)[number];

/** The STDP window and bounds every rule shares. Times in ms, weights in the projection's weight unit. */
export interface StdpWindow {
  readonly pairing?: Pairing; // default "all_to_all"
  readonly tau_plus?: number; // ms, default 20
  readonly tau_minus?: number; // ms, default 20
  /** Potentiation per pair at Δt → 0+, as a fraction of w_max − w_min (NEST's λ). Default 0.01. */
  readonly a_plus?: number;
  /** Depression per pair at Δt → 0−, as a fraction of w_max − w_min (NEST's α·λ). Default 0.01. */
  readonly a_minus?: number;
  /** Gütig exponents: 0 additive (hard bounds), 1 multiplicative (soft bounds). Default 0. */
  readonly mu_plus?: number;
  readonly mu_minus?: number;
  readonly w_min?: number; // default 0
  readonly w_max: number;
}

/** A spike source that drives a third factor: an input (e.g. an `external` reward port) or a population. */
export interface ModulatorSource {
  readonly source: string;
  /** Per spike: the modulator n jumps by gain/τ_n (reward), or w moves by gain·c (episode gate). Default 1. */
  readonly gain?: number;
}

/**
 * Astrocyte-gated learning: every STDP increment of a synapse is multiplied by a factor m from
 * the astrocyte that owns the synapse's postsynaptic neuron (its territory):
 * - by "gate": m = open while the astrocyte's gate A is 1, closed otherwise;
 * - by "ca":   m = closed + (open − closed)·clamp((Ca − ca_low)/(ca_high − ca_low), 0, 1).
 * open = −1 turns potentiation into depression while the gate is open (a sign switch).
 * Neurons no astrocyte owns take m = closed.
 */
export interface AstrocyteModulation {
  readonly astrocytes: string;
  readonly by: "gate" | "ca";
  readonly open?: number; // default 1
  readonly closed?: number; // default 0
  readonly ca_low?: number; // µM, required for by "ca"
  readonly ca_high?: number; // µM, required for by "ca"
}

interface RuleBase extends StdpWindow {
  readonly id: string;
  readonly modulation?: AstrocyteModulation;
}

export interface StdpRule extends RuleBase {
  readonly rule: "stdp";
}

/** Izhikevich 2007 / NEST stdp_dopamine_synapse (Potjans et al. 2010). */
export interface RewardStdpRule extends RuleBase {
  readonly rule: "reward_stdp";
  readonly tau_c?: number; // eligibility decay, ms, default 1000
  readonly tau_n?: number; // modulator decay, ms, default 200
  readonly baseline?: number; // b, in the unit of n (1/ms), default 0
  readonly reward: readonly ModulatorSource[];
}

/** STDP whose eligibility is applied only when a gate source spikes (e.g. at the end of a successful episode). */
export interface EpisodeStdpRule extends RuleBase {
  readonly rule: "episode_stdp";
  readonly tau_c?: number | null; // eligibility decay, ms; default 1000; null = no decay
  readonly gate: readonly ModulatorSource[];
}

export type PlasticityRule = StdpRule | RewardStdpRule | EpisodeStdpRule;

export const STDP_DEFAULTS = {
  pairing: "all_to_all",
  tau_plus: 20,
  tau_minus: 20,
  a_plus: 0.01,
  a_minus: 0.01,
  mu_plus: 0,
  mu_minus: 0,
  w_min: 0,
} as const;

export const REWARD_DEFAULTS = { tau_c: 1000, tau_n: 200, baseline: 0 } as const;
export const EPISODE_DEFAULTS = { tau_c: 1000 } as const;
export const MODULATION_DEFAULTS = { open: 1, closed: 0 } as const;

/**
 * The SNAN network (docs/snan.md, "The SNAN agent"): a reconstruction of the spiking
 * neuron–astrocyte navigation agent of Tsybina et al. 2026 (arXiv:2604.15391; only the abstract
 * is public, models.md §1.4 and §6.3 are our reading). Built as a tripart.network/1 object in the
 * glia-core family (Izhikevich neurons, sigmoid-conductance synapses, astrocytes), so the float
 * reference and glia-core's emulator run the same network:
 *
 * - `state`: one group of `neuronsPerState` Izhikevich neurons per observation. The external port
 *   `observation` has one line per state neuron (one-to-one); the host drives the lines of the
 *   current observation during the stimulation part of a decision window.
 * - `action`: four groups of `neuronsPerAction` neurons (north, east, south, west) with
 *   inhibition between groups and none within one (a group wins as a whole, as in
 *   examples/reward-action). The external port `explore` has one line per action neuron: the
 *   agent's exploration noise, drawn from its own seeded generator.
 * - `state_to_action`: all-to-all plastic conductance synapses learning by `episode_stdp`:
 *   STDP increments collect in an eligibility that decays over `eligibilitySteps` agent steps;
 *   a spike of the `reward` port (goal reached) writes gain · c into the weights, a spike of the
 *   `clear` port (episode failed) discards c (gain 0).
 * - `avoidance` (bumpMemory): all-to-all inhibitory plastic state → action synapses, starting at
 *   0, with their own `episode_stdp` rule of a short eligibility; the host fires the `bump` port
 *   after a move that hit a wall, which writes the window's (state, chosen action) pairing into
 *   inhibition: the network's memory of walls (docs/snan.md, "Bump memory").
 * - `astrocyte` (withAstrocytes): one reduced astrocyte per observation, whose territory is that
 *   observation's state group. Each state spike raises IP3 (spike_jump), IP3 above 0 drives Ca,
 *   and Ca decays with τ_ca = `astroDecaySteps` agent steps. While the group fires and Ca is up,
 *   the gate is open and the suppressive effect scales the observation → state synapses of that
 *   group by 1 − k · clamp(Ca / caFull, 0, 1): a recently visited state drives its learned
 *   actions less, and the exploration noise decides more.
 *
 * The suppression acts on the state neurons' drive and not on the plastic synapses because
 * glia-core stores a coupling's Δg from the compiled weight and refuses a plastic projection with
 * a suppressive coupling (TP3097).
 */
import type { Action } from "./agent.js";

export const STATE_POPULATION = "state";
export const ACTION_POPULATION = "action";
export const ASTROCYTES = "astrocyte";
export const PLASTIC_PROJECTION = "state_to_action";
export const OBSERVATION_PORT = "observation";
export const EXPLORE_PORT = "explore";
export const REWARD_PORT = "reward";
export const CLEAR_PORT = "clear";
export const BUMP_PORT = "bump";
export const AVOIDANCE_PROJECTION = "avoidance";

export interface SnanNetworkOptions {
  readonly observationCount: number;
  /**
   * Neuron family: "izhikevich" (glia-core: Izhikevich neurons, conductance synapses, astrocytes)
   * or "lif" (the LIF targets: current-based LIF neurons and exponential synapses, no astrocytes).
   */
  readonly family?: "izhikevich" | "lif";
  /** Without astrocytes: the no-astrocyte ablation (the same network minus astrocytes and coupling). */
  readonly withAstrocytes?: boolean;
  readonly neuronsPerState?: number;
  readonly neuronsPerAction?: number;
  /** Simulation step (ms); glia-core takes 0.1 to 1. */
  readonly dtMs?: number;
  /** One agent step: the decision window (ms). */
  readonly decisionMs?: number;
  /** The first part of the window in which the observation is shown and actions are counted (ms). */
  readonly stimulationMs?: number;
  /** Ca decay time constant of the astrocytes, in agent steps (τ_ca = this × decisionMs). */
  readonly astroDecaySteps?: number;
  /** k of the suppressive effect: the drive of a state falls to 1 − k at full Ca. */
  readonly suppressionGain?: number;
  /** Ca (model units) at which suppression is complete; one visit's spikes raise Ca by about caPerVisit. */
  readonly caFull?: number;
  /** IP3 jump per state spike (spike_jump delta_ip3, model units). */
  readonly ip3PerSpike?: number;
  /** Eligibility decay in agent steps (τ_c = this × decisionMs): how far back a reward credits. */
  readonly eligibilitySteps?: number;
  /** w += rewardGain · c at the goal. */
  readonly rewardGain?: number;
  /** Conductances (dimensionless g, as in the authors' code). */
  readonly inputWeight?: number;
  readonly exploreWeight?: number;
  readonly inhibitionWeight?: number;
  /**
   * Excitation among the neurons of one action group (no autapses), with the inhibition between
   * groups the winner-take-all: a group whose neurons begin to fire recruits the rest of the group
   * and so inhibits the other groups for longer than one spike does. 0: none (the old network).
   */
  readonly groupExcitationWeight?: number;
  readonly initialWeight?: number;
  readonly maxWeight?: number;
  readonly aPlus?: number;
  readonly aMinus?: number;
  /**
   * Bump memory: a second plastic state → action projection, inhibitory, that learns which moves
   * hit a wall. Its own `episode_stdp` rule keeps an eligibility of about one window
   * (τ_c = decisionMs) and writes `bumpGain` · c into the inhibitory weights when the host fires
   * the `bump` port (the first step after a move that bumped), so the (state, action) just tried
   * is inhibited from then on. Under "cell" observations a bump is the agent's only sense of a wall.
   */
  readonly bumpMemory?: boolean;
  /** w_inh += bumpGain · c at a bump; below 8, which the 16-bit modulators of glia-core and loihi-cuba hold (TP3088). */
  readonly bumpGain?: number;
  /** a+ = a− of the bump memory's STDP, a fraction of its range (the credit a bump writes is bumpGain × this). */
  readonly bumpLearningRate?: number;
  /** τ_c of the bump memory's eligibility (ms): short, so that a bump credits the window's own move and hardly the moves before it. */
  readonly bumpEligibilityMs?: number;
  /** Upper bound of the avoidance (inhibitory) weights. */
  readonly maxAvoidanceWeight?: number;
  /** Record the astrocytes' Ca and gate at every step (default false: long runs would hold them all). */
  readonly recordAstrocytes?: boolean;
  /** Run length (ms): the engine adapter sets it from the episode budget. */
  readonly durationMs?: number;
  readonly seed?: number;
}

export type SnanSettings = Required<SnanNetworkOptions>;

export const SNAN_DEFAULTS: Omit<SnanSettings, "observationCount"> = {
  family: "izhikevich",
  withAstrocytes: true,
  neuronsPerState: 4,
  neuronsPerAction: 4,
  dtMs: 0.1,
  decisionMs: 60,
  stimulationMs: 20,
  astroDecaySteps: 8,
  suppressionGain: 0.9,
  caFull: 1,
  ip3PerSpike: 0.05,
  eligibilitySteps: 6,
  rewardGain: 3,
  inputWeight: 0.3,
  exploreWeight: 1.5,
  inhibitionWeight: 2,
  groupExcitationWeight: 0.75,
  initialWeight: 0.1,
  maxWeight: 0.6,
  aPlus: 0.1,
  aMinus: 0.1,
  bumpMemory: false,
  bumpGain: 5,
  bumpLearningRate: 0.2,
  bumpEligibilityMs: 20,
  maxAvoidanceWeight: 1,
  recordAstrocytes: false,
  durationMs: 1000,
  seed: 1,
};

/**
 * The LIF family's own defaults: dt 1 ms (the LIF targets' step), weights in mV of an
 * exponential current (τ 5 ms) into LIF neurons of examples/reward-action (τ_m 20 ms, 10 mV from
 * rest to threshold). No astrocytes: the LIF targets refuse them (TP3033).
 */
export const SNAN_LIF_DEFAULTS: Partial<SnanSettings> = {
  withAstrocytes: false,
  dtMs: 1,
  inputWeight: 8,
  exploreWeight: 10,
  inhibitionWeight: 10,
  groupExcitationWeight: 5,
  initialWeight: 2.5,
  maxWeight: 8,
  maxAvoidanceWeight: 10,
};

export function snanSettings(options: SnanNetworkOptions): SnanSettings {
  const base = options.family === "lif" ? { ...SNAN_DEFAULTS, ...SNAN_LIF_DEFAULTS } : SNAN_DEFAULTS;
  const settings = { ...base, ...options } as SnanSettings;
  if (settings.family === "lif" && settings.withAstrocytes) throw new RangeError("the LIF family has no astrocytes: set withAstrocytes false");
  if (!Number.isInteger(settings.observationCount) || settings.observationCount < 1) {
    throw new RangeError(`observationCount must be a positive integer, got ${settings.observationCount}`);
  }
  if (!(settings.stimulationMs > 0 && settings.stimulationMs <= settings.decisionMs)) {
    throw new RangeError(`stimulationMs must be in (0, decisionMs], got ${settings.stimulationMs}`);
  }
  return settings;
}

/** Steps of one agent step and of its stimulation part. */
export function windowSteps(settings: SnanSettings): { decision: number; stimulation: number } {
  return { decision: Math.round(settings.decisionMs / settings.dtMs), stimulation: Math.round(settings.stimulationMs / settings.dtMs) };
}

/** The action group of an action neuron. */
export const actionOf = (neuron: number, settings: SnanSettings): Action => Math.floor(neuron / settings.neuronsPerAction) as Action;

const IZHIKEVICH = { a: 0.1, b: 0.2, c: -65, d: 2, v_peak: 30 };
const LIF = { tau_m: 20, v_rest: -65, v_reset: -65, v_thresh: -55, tau_ref: 2, bias: 0 };
const CONDUCTANCE = {
  population: (id: string, size: number) => ({ id, model: "izhikevich", size, params: IZHIKEVICH, initial: { v: -70, u: 0 } }),
  excitatory: { synapse: { kind: "sigmoid_conductance", e_rev: 0, k: 0.2 } },
  inhibitory: { synapse: { kind: "sigmoid_conductance", e_rev: -90, k: 0.2 } },
};
const CURRENT = {
  population: (id: string, size: number) => ({ id, model: "lif", size, params: LIF }),
  excitatory: { synapse: { kind: "exponential", tau: 5 }, sign: "excitatory" },
  inhibitory: { synapse: { kind: "exponential", tau: 5 }, sign: "inhibitory" },
};

/** The tripart.network/1 object of the SNAN network for these options. */
export function snanNetwork(options: SnanNetworkOptions): Record<string, unknown> {
  const s = snanSettings(options);
  const states = s.observationCount * s.neuronsPerState;
  const actions = 4 * s.neuronsPerAction;
  const competition: [number, number][] = [];
  const cooperation: [number, number][] = [];
  for (let pre = 0; pre < actions; pre++) {
    for (let post = 0; post < actions; post++) {
      if (actionOf(pre, s) !== actionOf(post, s)) competition.push([pre, post]);
      else if (pre !== post) cooperation.push([pre, post]);
    }
  }
  const stepMs = s.decisionMs;
  const family = s.family === "lif" ? CURRENT : CONDUCTANCE;
  const network: Record<string, unknown> = {
    format: "tripart.network/1",
    name: s.withAstrocytes ? "snan" : "snan-no-astrocytes",
    description:
      `SNAN agent (reconstruction of Tsybina et al. 2026): ${s.observationCount} state groups of ${s.neuronsPerState} Izhikevich neurons on ` +
      `the external port '${OBSERVATION_PORT}', four action groups of ${s.neuronsPerAction} with inhibition between groups, episode-gated STDP ` +
      `on state → action` +
      (s.withAstrocytes ? `, one reduced astrocyte per state suppressing its drive (k ${s.suppressionGain}, Ca decay ${s.astroDecaySteps} agent steps).` : ", no astrocytes."),
    run: { dt: s.dtMs, duration: s.durationMs, seed: s.seed },
    populations: [family.population(STATE_POPULATION, states), family.population(ACTION_POPULATION, actions)],
    inputs: [
      { id: OBSERVATION_PORT, kind: "external", size: states },
      { id: EXPLORE_PORT, kind: "external", size: actions },
      { id: REWARD_PORT, kind: "external", size: 1 },
      { id: CLEAR_PORT, kind: "external", size: 1 },
      ...(s.bumpMemory ? [{ id: BUMP_PORT, kind: "external", size: 1 }] : []),
    ],
    projections: [
      { id: "observation_to_state", pre: OBSERVATION_PORT, post: STATE_POPULATION, connect: { rule: "one_to_one" }, weight: s.inputWeight, ...family.excitatory },
      { id: "exploration", pre: EXPLORE_PORT, post: ACTION_POPULATION, connect: { rule: "one_to_one" }, weight: s.exploreWeight, ...family.excitatory },
      {
        id: PLASTIC_PROJECTION,
        pre: STATE_POPULATION,
        post: ACTION_POPULATION,
        connect: { rule: "all_to_all" },
        weight: s.initialWeight,
        ...family.excitatory,
        plasticity: "episode",
      },
      { id: "competition", pre: ACTION_POPULATION, post: ACTION_POPULATION, connect: { rule: "explicit", pairs: competition }, weight: s.inhibitionWeight, ...family.inhibitory },
      ...(s.groupExcitationWeight > 0 && cooperation.length > 0
        ? [{ id: "cooperation", pre: ACTION_POPULATION, post: ACTION_POPULATION, connect: { rule: "explicit", pairs: cooperation }, weight: s.groupExcitationWeight, ...family.excitatory }]
        : []),
      ...(s.bumpMemory
        ? [{ id: AVOIDANCE_PROJECTION, pre: STATE_POPULATION, post: ACTION_POPULATION, connect: { rule: "all_to_all" }, weight: 0, ...family.inhibitory, plasticity: "avoid" }]
        : []),
    ],
    plasticity: [
      {
        id: "episode",
        rule: "episode_stdp",
        pairing: "all_to_all",
        tau_plus: 20,
        tau_minus: 20,
        a_plus: s.aPlus,
        a_minus: s.aMinus,
        w_min: 0,
        w_max: s.maxWeight,
        tau_c: s.eligibilitySteps * stepMs,
        gate: [
          { source: REWARD_PORT, gain: s.rewardGain },
          { source: CLEAR_PORT, gain: 0 },
        ],
      },
      ...(s.bumpMemory
        ? [
            {
              id: "avoid",
              rule: "episode_stdp",
              pairing: "all_to_all",
              tau_plus: 20,
              tau_minus: 20,
              a_plus: s.bumpLearningRate,
              a_minus: s.bumpLearningRate,
              w_min: 0,
              w_max: s.maxAvoidanceWeight,
              tau_c: s.bumpEligibilityMs,
              gate: [{ source: BUMP_PORT, gain: s.bumpGain }],
            },
          ]
        : []),
    ],
    record: [
      { population: STATE_POPULATION, spikes: true },
      { population: ACTION_POPULATION, spikes: true },
    ],
  };
  if (!s.withAstrocytes) return network;
  const tauCa = s.astroDecaySteps * stepMs;
  return {
    ...network,
    astrocytes: [
      {
        id: ASTROCYTES,
        model: "reduced",
        size: s.observationCount,
        period: s.dtMs,
        // IP3 falls back within a stimulation; Ca integrates it (gain · IP3 · τ_ip3 per jump) and decays with τ_ca
        params: { tau_ip3: s.stimulationMs, tau_ca: tauCa, ip3_rest: 0, ca_rest: 0, ip3_threshold: 0, gain: 1000 / s.stimulationMs },
        territory: {
          kind: "lists",
          population: STATE_POPULATION,
          neurons: Array.from({ length: s.observationCount }, (_, o) => Array.from({ length: s.neuronsPerState }, (_, j) => o * s.neuronsPerState + j)),
        },
        sensing: { kind: "spike_jump", delta_ip3: s.ip3PerSpike, weight: 1 },
        gate: { ca_threshold: 0.01 * s.caFull, min_coincident: 1, window: s.stimulationMs, check_period: s.dtMs, hold: s.stimulationMs },
      },
    ],
    tripartite: [
      {
        id: "suppression",
        astrocytes: ASTROCYTES,
        projection: "observation_to_state",
        by: "post",
        effect: { kind: "suppressive", k: s.suppressionGain, graded: { ca_low: 0, ca_high: s.caFull } },
      },
    ],
    ...(s.recordAstrocytes && { record: [...(network.record as unknown[]), { population: ASTROCYTES, state: ["ca", "gate"] }] }),
  };
}

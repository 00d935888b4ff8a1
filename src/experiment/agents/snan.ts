/**
 * The spiking SNAN agent (docs/snan.md, "The SNAN agent"): the network of ../snan-network.ts in
 * closed loop. Per agent step (one decision window) the lines of the current observation's state
 * group fire at every step of the stimulation part, each action neuron's exploration line fires
 * at `exploreHz` (a Bernoulli draw per step), and the action groups' spikes are counted
 * over the stimulation part; the move is the group with the most spikes, ties (and silence)
 * broken uniformly by the agent's own generator. At the goal the `reward` port fires once (the
 * eligibility of the episode's recent pairings becomes weight); an episode that ends at the step
 * budget fires `clear` instead (its eligibility is dropped). Astrocytes are not reset between
 * episodes of a world: one engine run covers them all (../snan-engine.ts drives the loop).
 */
import type { Agent, Action, Outcome, StepView } from "../agent.js";
import { Rng } from "../../util/rng.js";
import {
  ACTION_POPULATION,
  actionOf,
  CLEAR_PORT,
  EXPLORE_PORT,
  OBSERVATION_PORT,
  REWARD_PORT,
  BUMP_PORT,
  snanNetwork,
  snanSettings,
  windowSteps,
  type SnanNetworkOptions,
  type SnanSettings,
} from "../snan-network.js";

export interface SnanAgentOptions extends Omit<SnanNetworkOptions, "observationCount" | "durationMs"> {
  /** Rate of each action neuron's exploration line (Hz): a Bernoulli draw per step with p = rate · dt. */
  readonly exploreHz?: number;
  /**
   * After the count (the end of the stimulation part) the host drives the chosen group's
   * exploration lines at every step for this long (ms): the chosen action fires after its state,
   * so STDP pairs the chosen (state, action) positively whatever the noise did during the count.
   * 0: no tag (the old loop). At most decisionMs − stimulationMs.
   */
  readonly tagMs?: number;
}

export const DEFAULT_EXPLORE_HZ = 100;
export const DEFAULT_TAG_MS = 5;

/** One decision: the observation shown, the spike count of each action group, the move. */
export interface SnanDecision {
  readonly observation: number;
  readonly counts: readonly number[];
  readonly action: Action;
  /** The move was drawn among tied groups (or among all four when none fired). */
  readonly tieBroken: boolean;
}

export class SnanAgent implements Agent {
  readonly name: string;
  readonly decisions: SnanDecision[] = [];
  private readonly options: SnanAgentOptions;
  private current: SnanSettings | undefined;
  private noise = new Rng(0);
  private ties = new Rng(0);
  private readonly counts = new Int32Array(4);
  private shown = -1;
  /** The move chosen at the end of this window's count (−1: not yet). */
  private chosen = -1;
  private chosenTie = false;
  private pending: typeof REWARD_PORT | typeof CLEAR_PORT | undefined;
  /** The last move bumped and the network has a bump memory: fire `bump` in the next step. */
  private pendingBump = false;

  constructor(options: SnanAgentOptions = {}) {
    this.options = options;
    this.name = (options.withAstrocytes === false || options.family === "lif" ? "snan-no-astrocytes" : "snan") + (options.family === "lif" ? "-lif" : "");
  }

  startWorld(observationCount: number, rng: Rng): void {
    this.current = snanSettings({ ...this.options, observationCount });
    // two streams, so a tie broken differently never shifts the exploration noise
    this.noise = new Rng(rng.nextUint32());
    this.ties = new Rng(rng.nextUint32());
    this.decisions.length = 0;
    this.shown = -1;
    this.chosen = -1;
    this.pending = undefined;
    this.pendingBump = false;
    const tag = this.options.tagMs ?? DEFAULT_TAG_MS;
    const window = windowSteps(this.current);
    if (!(tag >= 0 && Math.round(tag / this.current.dtMs) <= window.decision - window.stimulation)) {
      throw new RangeError(`tagMs must be in [0, decisionMs − stimulationMs], got ${tag}`);
    }
  }

  /** The settings of the current world's network. */
  settings(): SnanSettings {
    if (this.current === undefined) throw new Error("SnanAgent: startWorld first");
    return this.current;
  }

  /** The network of the current world, to run for `durationMs`. */
  network(durationMs: number): Record<string, unknown> {
    return snanNetwork({ ...this.settings(), durationMs });
  }

  startEpisode(_episode: number): void {
    this.counts.fill(0);
  }

  /** The observation to show from the next window on (−1: nothing; the run is over). */
  present(observation: number): void {
    this.shown = observation;
    this.chosen = -1;
    this.counts.fill(0);
  }

  /** Host side, step `phase` of the window: reward or clear, observation lines, exploration noise. */
  beforeStep(phase: number, inject: (input: string, index: number) => void): void {
    const settings = this.settings();
    const window = windowSteps(settings);
    if (this.pending !== undefined) {
      inject(this.pending, 0);
      this.pending = undefined;
    }
    if (this.pendingBump) {
      inject(BUMP_PORT, 0);
      this.pendingBump = false;
    }
    const stimulating = phase < window.stimulation && this.shown >= 0;
    if (stimulating) {
      for (let j = 0; j < settings.neuronsPerState; j++) inject(OBSERVATION_PORT, this.shown * settings.neuronsPerState + j);
    }
    // one draw per exploration line and step whatever happens, so both engines see the same noise
    const p = ((this.options.exploreHz ?? DEFAULT_EXPLORE_HZ) * settings.dtMs) / 1000;
    for (let n = 0; n < 4 * settings.neuronsPerAction; n++) {
      const fires = this.noise.nextFloat() < p;
      if (fires && stimulating) inject(EXPLORE_PORT, n);
    }
    const tagSteps = Math.round((this.options.tagMs ?? DEFAULT_TAG_MS) / settings.dtMs);
    if (this.chosen >= 0 && phase >= window.stimulation && phase < window.stimulation + tagSteps) {
      for (let j = 0; j < settings.neuronsPerAction; j++) inject(EXPLORE_PORT, this.chosen * settings.neuronsPerAction + j);
    }
  }

  /** Host side: counts action spikes during the stimulation part of the window. */
  afterStep(phase: number, spikes: readonly { readonly population: string; readonly neurons: Int32Array }[]): void {
    const settings = this.settings();
    const stimulation = windowSteps(settings).stimulation;
    if (phase >= stimulation) return;
    for (const { population, neurons } of spikes) {
      if (population !== ACTION_POPULATION) continue;
      for (const n of neurons) this.counts[actionOf(n, settings)]++;
    }
    // the count is complete: choose now, so the tag can drive the chosen group in the rest of the window
    if (phase === stimulation - 1 && this.shown >= 0) this.choose();
  }

  /** The group with the most spikes; ties (and silence) broken uniformly by the agent's generator. */
  private choose(): void {
    const best = Math.max(...this.counts);
    const tied = ([0, 1, 2, 3] as const).filter((a) => this.counts[a] === best);
    this.chosen = tied.length === 1 ? tied[0] : tied[this.ties.nextInt(tied.length)];
    this.chosenTie = tied.length > 1;
  }

  act(view: StepView): Action {
    if (view.observation !== this.shown) {
      throw new Error(`SnanAgent: the window just run showed observation ${this.shown}, act() asks for ${view.observation}`);
    }
    if (this.chosen < 0) this.choose();
    const action = this.chosen as Action;
    this.decisions.push({ observation: view.observation, counts: Array.from(this.counts), action, tieBroken: this.chosenTie });
    return action;
  }

  observeOutcome(outcome: Outcome): void {
    if (outcome.bumped && this.settings().bumpMemory) this.pendingBump = true;
    this.present(outcome.observation);
  }

  endEpisode(reachedGoal: boolean, _steps: number): void {
    this.pending = reachedGoal ? REWARD_PORT : CLEAR_PORT;
  }
}

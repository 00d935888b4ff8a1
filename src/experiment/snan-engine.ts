/**
 * Runs the SNAN agent in closed loop on a spiking engine (docs/snan.md, "The SNAN agent").
 *
 * The float reference (`simulate`) and the emulators (`emulateAny`) are callback driven: each
 * runs a fixed number of steps and calls `host.beforeStep` and `host.afterStep` once per step;
 * neither can be paused and resumed. So the loop is inverted: one engine run covers
 * every episode of a world, and the world and the agent are stepped from inside `afterStep` at
 * the end of each decision window. The driver calls the agent's `Agent` methods in the order an
 * episode runner does (startWorld once; per episode startEpisode, then act / move /
 * observeOutcome until the goal or the step budget, then endEpisode), and the engine's host
 * callbacks in between. The run is sized for every episode at its budget, and the host ends it
 * (`Host.finished`) one window after the last episode ends, the window in whose first step the
 * last reward or clear lands; no idle window runs after it. `restWindows` puts that many windows
 * without observation between consecutive episodes.
 */
import type { Host } from "../hw/host.js";
import type { Recording, WeightRecording } from "../hw/recording.js";
import { loadNetwork } from "../ir/load.js";
import { elaborate } from "../ir/elaborate.js";
import type { Elaborated } from "../ir/elaborated.js";
import type { Diagnostic } from "../ir/diagnostics.js";
import { compileAny } from "../passes/pipeline.js";
import type { CompileOptions } from "../passes/pass.js";
import type { AnyTarget } from "../targets/glia-types.js";
import { simulate } from "../reference/simulator.js";
import { emulateAny } from "../emulator/any.js";
import type { EmulationCounts } from "../emulator/emulator.js";
import type { AnyConfig } from "../hw/any-config.js";
import { placementOf, type Placement } from "../energy/estimate.js";
import type { Action, Outcome } from "./agent.js";
import type { EpisodeResult } from "./episode.js";
import type { Rng } from "../util/rng.js";
import { PLASTIC_PROJECTION, windowSteps, type SnanSettings } from "./snan-network.js";
import type { SnanAgent } from "./agents/snan.js";

/** A spiking engine that runs a network for a number of steps with a host in the loop. */
export interface SnanEngine {
  /** "reference" or the target's name. */
  readonly name: string;
  run(network: Record<string, unknown>, host: Host, steps: number, weightSteps: readonly number[]): Recording;
  /** Emulators: the same run, with what an energy estimate needs (../energy: estimateEnergy). */
  runEmulated?(network: Record<string, unknown>, host: Host, steps: number, weightSteps: readonly number[]): { readonly recording: Recording; readonly emulated: EmulatedRun };
}

/** What an emulated run leaves for an energy estimate: the compiled config, the emulator's operation counts, the partition's placement. */
export interface EmulatedRun {
  readonly config: AnyConfig;
  readonly counts: EmulationCounts;
  readonly placement: Placement;
}

/** Thrown when the network does not load or compile: the diagnostics say why. */
export class SnanNetworkError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  }
}

/** Loads and elaborates a network object; throws SnanNetworkError on any error. */
export function elaborateNetwork(network: Record<string, unknown>): Elaborated {
  const loaded = loadNetwork(JSON.stringify(network));
  if (!loaded.ok) throw new SnanNetworkError(loaded.diagnostics);
  return elaborate(loaded.value);
}

/** The float64 reference (the neuron–astrocyte path for the Izhikevich family, the LIF path for LIF). */
export const referenceEngine: SnanEngine = {
  name: "reference",
  run: (network, host, steps, weightSteps) => simulate(elaborateNetwork(network), { host, steps, weightSteps }).recording,
};

/**
 * The bit-accurate emulator of `target` running the network compiled for it: glia-core for the
 * Izhikevich family (astrocytes included), a LIF target (loihi-cuba and its variants,
 * memristor-crossbar) for the LIF family. `compile` passes options to the compiler (the learning
 * epoch: `learningEpoch`).
 */
export function targetEngine(target: AnyTarget, compile: CompileOptions = {}): SnanEngine {
  const runEmulated: NonNullable<SnanEngine["runEmulated"]> = (network, host, steps, weightSteps) => {
    const compiled = compileAny(elaborateNetwork(network), target, compile);
    if (!compiled.ok) throw new SnanNetworkError(compiled.diagnostics);
    const run = emulateAny(compiled.value, { host, steps, weightSteps });
    return { recording: run.recording, emulated: { config: compiled.value, counts: run.counts, placement: placementOf(compiled) } };
  };
  return { name: target.name, run: (network, host, steps, weightSteps) => runEmulated(network, host, steps, weightSteps).recording, runEmulated };
}


/** What the driver needs of a world: the start of an episode and a move (./episode.ts EpisodeWalk has this shape). */
export interface SnanWorld {
  readonly observationCount: number;
  /** Puts the agent at the start cell of a new episode; returns its observation. */
  reset(episode: number): number;
  move(action: Action): Outcome;
  /** The episode's record (path, revisits, ...), kept per episode when the world gives one. */
  result?(): EpisodeResult;
}

export interface SnanEpisode {
  readonly reachedGoal: boolean;
  readonly steps: number;
  /** The (observation, action) of every agent step. */
  readonly trajectory: readonly { readonly observation: number; readonly action: Action }[];
  /** Simulation step at whose end the episode ended. */
  readonly endStep: number;
  /** The world's record of the episode, for ./metrics.ts (when the world keeps one). */
  readonly result?: EpisodeResult;
}

export interface SnanRun {
  readonly episodes: readonly SnanEpisode[];
  readonly recording: Recording;
  /** With `weights`: the state → action weights at the end of the first window and after every episode's reward or clear. */
  readonly weights: WeightRecording | undefined;
  /** Simulation steps run (up to one window after the last episode's end) and agent steps taken. */
  readonly steps: number;
  readonly agentSteps: number;
  /** Emulated engines: the config, operation counts and placement of the run (for its energy). */
  readonly emulated?: EmulatedRun;
}

export interface SnanRunOptions {
  readonly episodes: number;
  /** Step budget of an episode, in agent steps. */
  readonly maxSteps: number;
  /** The agent's own generator (startWorld). */
  readonly rng: Rng;
  /**
   * Keep the state → action weights at every episode's end (default false): the engine dumps
   * them at every window's end, which for long runs of large worlds takes much memory.
   */
  readonly weights?: boolean;
  /**
   * Decision windows between consecutive episodes in which the agent rests (default 0): no
   * observation is shown and nothing is decided or moved; the exploration noise runs as in any
   * window, and the previous episode's reward or clear lands in the rest's first step.
   */
  readonly restWindows?: number;
}

/**
 * Runs `options.episodes` episodes of `world` with `agent` on `engine`, in one engine run: the
 * astrocytes and weights carry over from one episode to the next (they are not reset between
 * episodes of a world). With `weights`, they are dumped at every window's end and kept at episode ends.
 */
export function runSnan(engine: SnanEngine, agent: SnanAgent, world: SnanWorld, options: SnanRunOptions): SnanRun {
  const rest = options.restWindows ?? 0;
  if (!(Number.isInteger(rest) && rest >= 0)) throw new RangeError(`restWindows must be a non-negative integer, got ${rest}`);
  agent.startWorld(world.observationCount, options.rng);
  const settings: SnanSettings = agent.settings();
  const window = windowSteps(settings);
  // every episode at its budget, the rests between them, one extra window for the last reward to land
  const steps = (options.episodes * options.maxSteps + Math.max(0, options.episodes - 1) * rest + 1) * window.decision;
  const network = agent.network(steps * settings.dtMs);
  const episodes: SnanEpisode[] = [];
  let episode = 0;
  let stepInEpisode = 0;
  let trajectory: { observation: number; action: Action }[] = [];
  let observation = -1;
  const begin = (): void => {
    agent.startEpisode(episode);
    observation = world.reset(episode);
    stepInEpisode = 0;
    trajectory = [];
    agent.present(observation);
  };
  begin();
  let agentSteps = 0;
  let resting = 0; // rest windows left before the next episode begins
  let lastStep = -1; // the step after which the run ends: one window after the last episode's end
  const host: Host = {
    beforeStep: (s, inject) => agent.beforeStep(s % window.decision, inject),
    afterStep: (s, spikes) => {
      agent.afterStep(s % window.decision, spikes);
      if (s % window.decision !== window.decision - 1 || episode >= options.episodes) return;
      if (resting > 0) {
        resting--;
        if (resting === 0) begin();
        return;
      }
      const action = agent.act({ observation, step: stepInEpisode });
      const outcome = world.move(action);
      trajectory.push({ observation, action });
      stepInEpisode++;
      agentSteps++;
      agent.observeOutcome(outcome);
      observation = outcome.observation;
      if (!outcome.reachedGoal && stepInEpisode < options.maxSteps) return;
      agent.endEpisode(outcome.reachedGoal, stepInEpisode);
      episodes.push({ reachedGoal: outcome.reachedGoal, steps: stepInEpisode, trajectory, endStep: s, ...(world.result && { result: world.result() }) });
      episode++;
      if (episode < options.episodes && rest === 0) begin();
      else agent.present(-1);
      if (episode < options.episodes) resting = rest;
      else lastStep = s + window.decision;
    },
    finished: (s) => s === lastStep,
  };
  const dumpSteps = options.weights === true ? Array.from({ length: steps / window.decision }, (_, k) => (k + 1) * window.decision - 1) : [];
  const counted = engine.runEmulated?.(network, host, steps, dumpSteps);
  const recording = counted?.recording ?? engine.run(network, host, steps, dumpSteps);
  const all = recording.weights?.find((w) => w.projection === PLASTIC_PROJECTION);
  // the reward of an episode lands in the first step after its end: keep the dump one window later
  const keep = new Set(episodes.map((e) => e.endStep + window.decision));
  const weights = options.weights === true && all !== undefined ? { ...all, snapshots: all.snapshots.filter((snapshot, k) => k === 0 || keep.has(snapshot.step)) } : undefined;
  return { episodes, recording, weights, steps: recording.steps, agentSteps, ...(counted !== undefined && { emulated: counted.emulated }) };
}

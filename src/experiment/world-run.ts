/**
 * One world of one spiking condition of the experiment (./experiment.ts): the SNAN agent plays
 * every episode of the world on one engine. A WorldTask holds plain data only (structured-clonable),
 * so the same function runs on the main thread and in a worker (./world-worker.ts); its outcome
 * depends on the task alone, never on which thread ran it or in what order.
 */
import { Rng, hash32 } from "../util/rng.js";
import type { AnyTarget } from "../targets/glia-types.js";
import { estimateEnergy } from "../energy/estimate.js";
import { EpisodeWalk, type EpisodeResult } from "./episode.js";
import type { GridWorld, ObservationMode } from "./grid-world.js";
import { SnanAgent, type SnanAgentOptions } from "./agents/snan.js";
import { referenceEngine, runSnan, targetEngine, type SnanEngine } from "./snan-engine.js";
import { windowSteps } from "./snan-network.js";

/** Everything one world run needs: the agent's options, the engine, the world and the episode settings. */
export interface WorldTask {
  readonly agentOptions: SnanAgentOptions;
  /** "reference", or the emulator of `target`. */
  readonly engine: string;
  readonly target?: AnyTarget;
  /** The emulated engines' learning epoch (the compiler's default when absent). */
  readonly learningEpoch?: number;
  readonly world: GridWorld;
  /** The world's index in its size: the agent's generator is derived from it. */
  readonly worldIndex: number;
  /** The name the agent's generator is derived from besides the world (experiment.ts noiseStream). */
  readonly noiseStream: string;
  readonly mode: ObservationMode;
  readonly budget: number;
  readonly episodes: number;
  /** The experiment's seed. */
  readonly seed: number;
  /** Estimate the run's energy from the target's table (emulated engines with one). */
  readonly energy: boolean;
}

/** The energy of one emulated world run and what it covers. */
export interface WorldEnergy {
  readonly energy: number;
  readonly decisions: number;
  readonly windows: number;
  readonly notCosted: readonly string[];
}

export interface WorldOutcome {
  readonly episodes: readonly EpisodeResult[];
  readonly energy?: WorldEnergy;
}

/** The agent's generator on world w from stream `stream`: the same for every engine, so engines are compared on the same seeds. */
export const agentRng = (seed: number, w: number, stream: string): Rng => Rng.derive(hash32(`world ${w}`, seed), `agent/${stream}`);

/** The engine a task names: the reference, or the emulator of its target compiled at its learning epoch. */
export function engineFor(task: Pick<WorldTask, "engine" | "target" | "learningEpoch">): SnanEngine {
  if (task.engine === "reference" || task.target === undefined) return referenceEngine;
  return targetEngine(task.target, task.learningEpoch !== undefined ? { learningEpoch: task.learningEpoch } : {});
}

/** Plays every episode of the task's world; throws SnanNetworkError when the network does not fit the target. */
export function runWorld(task: WorldTask): WorldOutcome {
  const engine = engineFor(task);
  const agent = new SnanAgent(task.agentOptions);
  const walk = new EpisodeWalk(task.world, task.mode, task.budget);
  const run = runSnan(engine, agent, walk, { episodes: task.episodes, maxSteps: task.budget, rng: agentRng(task.seed, task.worldIndex, task.noiseStream) });
  const episodes = run.episodes.map((episode) => {
    if (episode.result === undefined) throw new Error("runSnan: the world kept no episode record");
    return episode.result;
  });
  const table = task.energy ? task.target?.energy : undefined;
  if (table === undefined || run.emulated === undefined) return { episodes };
  const estimate = estimateEnergy(run.emulated.config, run.emulated.counts, table, run.recording, run.emulated.placement);
  const windows = run.steps / windowSteps(agent.settings()).decision;
  return { episodes, energy: { energy: estimate.energy, decisions: run.agentSteps, windows, notCosted: estimate.notCosted.energy } };
}

/**
 * Episodes (docs/snan.md, "Episodes and metrics"): an agent walks a world from the start until
 * it reaches the goal or has taken `budget` steps. Per step the runner shows the agent the
 * observation of its cell, asks for a move, applies it and tells the agent where it led.
 *
 * Counting: a step is one action, bumps included. `path[k]` is the cell after step k (path[0] the
 * start; a bump repeats the cell). A revisit is a move that is not a bump and enters a cell already
 * visited in this episode; coverage is the distinct cells visited, start included, over the cells
 * reachable from the start. Nothing is allocated per step: one path buffer, one visited map, and
 * one StepView and one Outcome object rewritten in place (agents copy fields, never keep them).
 */
import type { Action, Agent } from "./agent.js";
import { nextCell, observationCount, observationTable, type GridWorld, type ObservationMode } from "./grid-world.js";
import { Rng } from "../util/rng.js";

export interface EpisodeOptions {
  readonly mode: ObservationMode;
  /** Most steps before the episode fails. */
  readonly budget: number;
  /** The episode number passed to `agent.startEpisode`; default 0. */
  readonly episode?: number;
}

export interface EpisodeResult {
  /** Cells after each step, path[0] the start: length steps + 1. */
  readonly path: Int32Array;
  /** Actions taken (the path length; a failed episode has steps = budget). */
  readonly steps: number;
  readonly reached: boolean;
  /** Moves (not bumps) into a cell already visited in this episode. */
  readonly revisits: number;
  /** Moves that hit a wall. */
  readonly bumps: number;
  /** Distinct cells visited, the start included. */
  readonly distinct: number;
  /** distinct / reachable cells. */
  readonly coverage: number;
}

/** A mutable StepView and Outcome, reused across the steps of an episode. */
interface MutableView { observation: number; step: number }
interface MutableOutcome { action: Action; bumped: boolean; observation: number; reachedGoal: boolean }

/**
 * Runs one episode. The agent must have been given the world by `startWorld` (as `runWorld` does);
 * this calls `startEpisode`, then `act`/`observeOutcome` per step, then `endEpisode`.
 */
export function runEpisode(world: GridWorld, agent: Agent, options: EpisodeOptions): EpisodeResult {
  return episodeWith(world, agent, observationTable(world, options.mode), options.budget, options.episode ?? 0);
}

function episodeWith(world: GridWorld, agent: Agent, observations: Int32Array, budget: number, episode: number): EpisodeResult {
  if (!Number.isInteger(budget) || budget < 0) throw new RangeError(`budget must be a non-negative integer, got ${budget}`);
  const path = new Int32Array(budget + 1);
  const visited = new Uint8Array(world.width * world.height);
  const view: MutableView = { observation: 0, step: 0 };
  const outcome: MutableOutcome = { action: 0, bumped: false, observation: 0, reachedGoal: false };
  let cell = world.start;
  let steps = 0, revisits = 0, bumps = 0, distinct = 1;
  let reached = cell === world.goal;
  path[0] = cell;
  visited[cell] = 1;
  agent.startEpisode(episode);
  while (!reached && steps < budget) {
    view.observation = observations[cell];
    view.step = steps;
    const action = agent.act(view);
    if (!(action === 0 || action === 1 || action === 2 || action === 3)) {
      throw new RangeError(`agent '${agent.name}' chose action ${String(action)}, not 0–3`);
    }
    const next = nextCell(world, cell, action);
    const bumped = next === cell;
    if (bumped) bumps++;
    else if (visited[next]) revisits++;
    else {
      visited[next] = 1;
      distinct++;
    }
    cell = next;
    path[++steps] = cell;
    reached = cell === world.goal;
    outcome.action = action;
    outcome.bumped = bumped;
    outcome.observation = observations[cell];
    outcome.reachedGoal = reached;
    agent.observeOutcome(outcome);
  }
  agent.endEpisode(reached, steps);
  return {
    path: path.slice(0, steps + 1), steps, reached, revisits, bumps, distinct,
    coverage: distinct / world.reachableCells,
  };
}

export interface WorldRunOptions {
  readonly mode: ObservationMode;
  readonly budget: number;
  readonly episodes: number;
  /** Seeds the agent's generator: `Rng.derive(seed, "agent/" + agent.name)`. */
  readonly seed: number;
}

/**
 * Several episodes of one agent on one world: `startWorld` once (the agent keeps its long-term
 * memory across these episodes), then one `runEpisode` per episode number 0, 1, ….
 */
export function runWorld(world: GridWorld, agent: Agent, options: WorldRunOptions): EpisodeResult[] {
  if (!Number.isInteger(options.episodes) || options.episodes < 0) {
    throw new RangeError(`episodes must be a non-negative integer, got ${options.episodes}`);
  }
  const observations = observationTable(world, options.mode);
  agent.startWorld(observationCount(world, options.mode), Rng.derive(options.seed, `agent/${agent.name}`));
  const results: EpisodeResult[] = [];
  for (let episode = 0; episode < options.episodes; episode++) {
    results.push(episodeWith(world, agent, observations, options.budget, episode));
  }
  return results;
}

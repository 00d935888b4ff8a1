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
import type { Action, Agent, Outcome } from "./agent.js";
import { nextCell, observationCount, observationTable, type GridWorld, type ObservationMode } from "./grid-world.js";
import { hash32, Rng } from "../util/rng.js";

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

/** What the summaries and the agreement read of an episode, all that experiment-result.json keeps of it. */
export type EpisodeFigures = Pick<EpisodeResult, "steps" | "reached" | "revisits" | "coverage">;

/** A mutable StepView and Outcome, rewritten in place at every step. */
interface MutableView { observation: number; step: number }
interface MutableOutcome { action: Action; bumped: boolean; observation: number; reachedGoal: boolean }

/**
 * The world side of episodes, one step at a time, for drivers that cannot hand control to
 * `runEpisode` (a spiking engine that calls back once per simulation step): `reset` puts the
 * walker at the start, `move` applies an action and returns the outcome (one object, rewritten at
 * every move), `result` gives the episode's record so far. It has the shape of the SNAN driver's
 * world (observationCount, reset, move). Buffers are allocated once, for `budget` steps.
 */
export class EpisodeWalk {
  readonly observationCount: number;
  private readonly observations: Int32Array;
  private readonly path: Int32Array;
  private readonly visited: Uint8Array;
  private readonly outcome: MutableOutcome = { action: 0, bumped: false, observation: 0, reachedGoal: false };
  private cell = 0;
  private steps = 0;
  private revisits = 0;
  private bumps = 0;
  private distinct = 0;

  constructor(readonly world: GridWorld, readonly mode: ObservationMode, readonly budget: number) {
    if (!Number.isInteger(budget) || budget < 0) throw new RangeError(`budget must be a non-negative integer, got ${budget}`);
    this.observationCount = observationCount(world, mode);
    this.observations = observationTable(world, mode);
    this.path = new Int32Array(budget + 1);
    this.visited = new Uint8Array(world.width * world.height);
    this.reset();
  }

  /** Starts an episode at the world's start; returns the start's observation. */
  reset(_episode = 0): number {
    this.visited.fill(0);
    this.cell = this.world.start;
    this.path[0] = this.cell;
    this.visited[this.cell] = 1;
    this.steps = this.revisits = this.bumps = 0;
    this.distinct = 1;
    return this.observations[this.cell];
  }

  /** The observation of the current cell. */
  get observation(): number {
    return this.observations[this.cell];
  }

  get reachedGoal(): boolean {
    return this.cell === this.world.goal;
  }

  /** At the goal or out of budget: no more moves. */
  get done(): boolean {
    return this.cell === this.world.goal || this.steps >= this.budget;
  }

  get step(): number {
    return this.steps;
  }

  /** Applies one action; throws RangeError for an action outside 0–3 or after the episode ended. */
  move(action: Action): Outcome {
    if (!(action === 0 || action === 1 || action === 2 || action === 3)) throw new RangeError(`action ${String(action)} is not 0–3`);
    if (this.done) throw new RangeError("the episode has ended: reset before moving again");
    const next = nextCell(this.world, this.cell, action);
    const bumped = next === this.cell;
    if (bumped) this.bumps++;
    else if (this.visited[next]) this.revisits++;
    else {
      this.visited[next] = 1;
      this.distinct++;
    }
    this.cell = next;
    this.path[++this.steps] = next;
    const outcome = this.outcome;
    outcome.action = action;
    outcome.bumped = bumped;
    outcome.observation = this.observations[next];
    outcome.reachedGoal = next === this.world.goal;
    return outcome;
  }

  /** The episode so far (a copy of the path). */
  result(): EpisodeResult {
    return {
      path: this.path.slice(0, this.steps + 1), steps: this.steps, reached: this.reachedGoal,
      revisits: this.revisits, bumps: this.bumps, distinct: this.distinct,
      coverage: this.distinct / this.world.reachableCells,
    };
  }
}

/**
 * Runs one episode. The agent must have been given the world by `startWorld` (as `runWorld` does);
 * this calls `startEpisode`, then `act`/`observeOutcome` per step, then `endEpisode`.
 */
export function runEpisode(world: GridWorld, agent: Agent, options: EpisodeOptions): EpisodeResult {
  return episodeWith(new EpisodeWalk(world, options.mode, options.budget), agent, options.episode ?? 0);
}

function episodeWith(walk: EpisodeWalk, agent: Agent, episode: number): EpisodeResult {
  const view: MutableView = { observation: walk.reset(episode), step: 0 };
  agent.startEpisode(episode);
  while (!walk.done) {
    view.observation = walk.observation;
    view.step = walk.step;
    const action = agent.act(view);
    if (!(action === 0 || action === 1 || action === 2 || action === 3)) {
      throw new RangeError(`agent '${agent.name}' chose action ${String(action)}, not 0–3`);
    }
    agent.observeOutcome(walk.move(action));
  }
  agent.endEpisode(walk.reachedGoal, walk.step);
  return walk.result();
}

export interface WorldRunOptions {
  readonly mode: ObservationMode;
  readonly budget: number;
  readonly episodes: number;
  /** Seeds the agent's generator: `Rng.derive(seed, "agent/" + agent.name)`. */
  readonly seed: number;
  /** Index of the first world (runCondition): world w of the list is world firstWorld + w of the seed. */
  readonly firstWorld?: number;
}

/**
 * Several episodes of one agent on one world: `startWorld` once (the agent keeps its long-term
 * memory across these episodes), then one `runEpisode` per episode number 0, 1, ….
 */
export function runWorld(world: GridWorld, agent: Agent, options: WorldRunOptions): EpisodeResult[] {
  if (!Number.isInteger(options.episodes) || options.episodes < 0) {
    throw new RangeError(`episodes must be a non-negative integer, got ${options.episodes}`);
  }
  const walk = new EpisodeWalk(world, options.mode, options.budget);
  agent.startWorld(walk.observationCount, Rng.derive(options.seed, `agent/${agent.name}`));
  const results: EpisodeResult[] = [];
  for (let episode = 0; episode < options.episodes; episode++) results.push(episodeWith(walk, agent, episode));
  return results;
}

/** Every episode of one agent over a set of worlds, with each episode's world index (for bootstrapping by world). */
export interface ConditionRun {
  readonly agent: string;
  readonly results: readonly EpisodeResult[];
  readonly groups: Int32Array;
}

/**
 * Runs `agent` on each world in turn with `runWorld` (startWorld clears the agent's memory of the
 * previous world); world w's agent stream is seeded by hash32("world w", seed).
 */
export function runCondition(worlds: readonly GridWorld[], agent: Agent, options: WorldRunOptions): ConditionRun {
  const results: EpisodeResult[] = [];
  const groups: number[] = [];
  const first = options.firstWorld ?? 0;
  worlds.forEach((world, k) => {
    const w = first + k;
    for (const result of runWorld(world, agent, { ...options, seed: hash32(`world ${w}`, options.seed) })) {
      results.push(result);
      groups.push(w);
    }
  });
  return { agent: agent.name, results, groups: Int32Array.from(groups) };
}

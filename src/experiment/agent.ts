/**
 * The contract between grid worlds and the agents that walk them (docs/snan.md): an agent sees
 * only what the world's observation mode shows of the current cell, picks one of four moves,
 * and is told where the move led. The world, the episode runner and the metrics never look
 * inside an agent, so the spiking SNAN agent, its no-astrocyte ablation and the non-spiking
 * baselines are measured by the same code.
 */
import type { Rng } from "../util/rng.js";

/** Moves, in this order: 0 north (y − 1), 1 east (x + 1), 2 south (y + 1), 3 west (x − 1). */
export type Action = 0 | 1 | 2 | 3;
export const ACTIONS: readonly Action[] = [0, 1, 2, 3];
export const ACTION_NAMES = ["north", "east", "south", "west"] as const;

/**
 * What an agent is shown of the current cell: an observation id in [0, observationCount).
 * Runners may pass the same StepView and Outcome objects at every step, rewritten in place
 * (src/experiment/episode.ts does): read the fields during the call, never keep the object.
 */
export interface StepView {
  /** The observation of the current cell under the world's observation mode. */
  readonly observation: number;
  /** Steps taken so far in this episode. */
  readonly step: number;
}

/** What happened after a move. */
export interface Outcome {
  readonly action: Action;
  /** The move hit a wall or the border: the agent stayed where it was. */
  readonly bumped: boolean;
  /** The observation of the cell the agent is now in. */
  readonly observation: number;
  readonly reachedGoal: boolean;
}

export interface Agent {
  /** Short name for reports ("snan", "snan-no-astrocytes", "random-walk", "dual-memory"). */
  readonly name: string;
  /**
   * Called once per world before its first episode: how many distinct observations the world's
   * mode can show, and the agent's own seeded generator (the only source of randomness it may use).
   */
  startWorld(observationCount: number, rng: Rng): void;
  /** Called before each episode of the current world (episode counts from 0). */
  startEpisode(episode: number): void;
  /** The move to make from the current cell. */
  act(view: StepView): Action;
  /** Where the move led. */
  observeOutcome(outcome: Outcome): void;
  /** Called when the episode ends, at the goal or at the step budget. */
  endEpisode(reachedGoal: boolean, steps: number): void;
}

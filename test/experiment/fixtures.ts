// Shared fixtures of the experiment tests: a hand-made corridor and an agent that follows a script.
import type { Action, Agent, Outcome, StepView } from "../../src/experiment/agent.js";
import { borderWalls, makeWorld, type GridWorld } from "../../src/experiment/grid-world.js";
import type { Rng } from "../../src/util/rng.js";

/** A 1×5 east–west corridor: start at the west end (cell 0), goal at `goal`. */
export function corridor(goal = 4): GridWorld {
  return makeWorld({ kind: "maze", width: 5, height: 1, walls: borderWalls(5, 1), start: 0, goal });
}

/** Plays a fixed list of actions (cycling) and records every call it gets, copying the views. */
export class ScriptedAgent implements Agent {
  readonly name = "scripted";
  readonly calls: string[] = [];
  readonly views: { observation: number; step: number }[] = [];
  readonly outcomes: Outcome[] = [];
  private next = 0;

  constructor(private readonly script: readonly Action[]) {}

  startWorld(observationCount: number, _rng: Rng): void {
    this.calls.push(`startWorld ${observationCount}`);
  }

  startEpisode(episode: number): void {
    this.calls.push(`startEpisode ${episode}`);
    this.next = 0;
  }

  act(view: StepView): Action {
    this.views.push({ observation: view.observation, step: view.step });
    return this.script[this.next++ % this.script.length];
  }

  observeOutcome(outcome: Outcome): void {
    this.outcomes.push({ ...outcome });
  }

  endEpisode(reachedGoal: boolean, steps: number): void {
    this.calls.push(`endEpisode ${reachedGoal} ${steps}`);
  }
}

// Shared fixtures of the SNAN tests.
import type { Action, Outcome } from "../../src/experiment/agent.js";
import type { SnanWorld } from "../../src/experiment/snan-engine.js";

/** A world that ignores the moves: observations 0, 3, 1, 4, 2, ... and never a goal (no reward, no learning). */
export function scriptedWorld(observationCount: number): SnanWorld {
  let k = 0;
  return {
    observationCount,
    reset: () => ((k = 0), 0),
    move: (action: Action): Outcome => ({ action, bumped: false, observation: (++k * 3) % observationCount, reachedGoal: false }),
  };
}

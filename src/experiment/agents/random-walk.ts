/**
 * The random-walk baseline (docs/snan.md, "Baselines"): each step one of the four moves, drawn
 * uniformly from the agent's seeded generator. It remembers nothing, so walls cost it bumps and
 * every episode is a fresh walk.
 */
import type { Action, Agent } from "../agent.js";
import type { Rng } from "../../util/rng.js";
import { InternalError } from "../../util/assert.js";

export class RandomWalkAgent implements Agent {
  readonly name = "random-walk";
  private rng: Rng | undefined;

  startWorld(_observationCount: number, rng: Rng): void {
    this.rng = rng;
  }

  startEpisode(): void {}

  act(): Action {
    if (this.rng === undefined) throw new InternalError("random-walk: act before startWorld");
    return this.rng.nextInt(4) as Action;
  }

  observeOutcome(): void {}

  endEpisode(): void {}
}

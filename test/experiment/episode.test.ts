// runEpisode / runWorld on a hand-made corridor with a scripted agent: exact paths and counts.
import { describe, expect, it } from "vitest";
import { EpisodeWalk, runEpisode, runWorld } from "../../src/experiment/episode.js";
import { corridor, ScriptedAgent } from "./fixtures.js";

const N = 0, E = 1, W = 3;

describe("runEpisode", () => {
  it("follows the script to the goal: path, revisits, bumps, coverage", () => {
    // 0 →E 1 →E 2 →W 1 (revisit) →N bump at 1 →E 2 (revisit) →E 3 →E 4 goal
    const agent = new ScriptedAgent([E, E, W, N, E, E, E, E]);
    const result = runEpisode(corridor(), agent, { mode: "walls", budget: 20 });
    expect(Array.from(result.path)).toEqual([0, 1, 2, 1, 1, 2, 3, 4]);
    expect(result).toMatchObject({ steps: 7, reached: true, revisits: 2, bumps: 1, distinct: 5, coverage: 1 });
    // the agent is shown the walls id of its cell (13 west end, 5 inside, 7 east end) and the step number
    expect(agent.views).toEqual([0, 1, 2, 1, 1, 2, 3].map((cell, step) => ({ observation: [13, 5, 5, 5, 7][cell], step })));
    expect(agent.outcomes[3]).toEqual({ action: N, bumped: true, observation: 5, reachedGoal: false });
    expect(agent.outcomes[6]).toEqual({ action: E, bumped: false, observation: 7, reachedGoal: true });
    expect(agent.calls).toEqual(["startEpisode 0", "endEpisode true 7"]);
  });

  it("stops at the budget: a failed episode's path length is the budget", () => {
    const agent = new ScriptedAgent([E, W]);
    const result = runEpisode(corridor(), agent, { mode: "cell", budget: 5, episode: 3 });
    expect(Array.from(result.path)).toEqual([0, 1, 0, 1, 0, 1]);
    expect(result).toMatchObject({ steps: 5, reached: false, revisits: 4, bumps: 0, distinct: 2, coverage: 0.4 });
    expect(agent.views.map((view) => view.observation)).toEqual([0, 1, 0, 1, 0]);
    expect(agent.calls).toEqual(["startEpisode 3", "endEpisode false 5"]);
  });

  it("refuses actions outside 0–3 and a negative budget", () => {
    expect(() => runEpisode(corridor(), new ScriptedAgent([7 as never]), { mode: "walls", budget: 3 })).toThrow(/action 7/);
    expect(() => runEpisode(corridor(), new ScriptedAgent([E]), { mode: "walls", budget: -1 })).toThrow(RangeError);
  });
});

describe("runWorld", () => {
  it("calls startWorld once with the mode's observation count, then one episode each", () => {
    const agent = new ScriptedAgent([E, E, E, E]);
    const results = runWorld(corridor(), agent, { mode: "walls+goal-direction", budget: 10, episodes: 3, seed: 1 });
    expect(results.map((result) => result.steps)).toEqual([4, 4, 4]);
    expect(agent.calls).toEqual([
      "startWorld 144",
      "startEpisode 0", "endEpisode true 4",
      "startEpisode 1", "endEpisode true 4",
      "startEpisode 2", "endEpisode true 4",
    ]);
  });
});

describe("EpisodeWalk", () => {
  it("steps the world for an external driver and records the same episode as runEpisode", () => {
    const walk = new EpisodeWalk(corridor(), "walls", 20);
    expect(walk.observationCount).toBe(16);
    expect(walk.reset(0)).toBe(13);
    const outcomes = [E, E, W, N, E, E, E].map((action) => ({ ...walk.move(action as 0 | 1 | 3) }));
    expect(outcomes.map((o) => o.observation)).toEqual([5, 5, 5, 5, 5, 5, 7]);
    expect(outcomes.map((o) => o.bumped)).toEqual([false, false, false, true, false, false, false]);
    expect(walk.done).toBe(true);
    expect(() => walk.move(E)).toThrow(/ended/);
    const scripted = runEpisode(corridor(), new ScriptedAgent([E, E, W, N, E, E, E]), { mode: "walls", budget: 20 });
    expect(walk.result()).toEqual(scripted);
    walk.reset(1);
    expect(walk.result()).toMatchObject({ steps: 0, distinct: 1, revisits: 0, reached: false });
  });
});

// The baselines: the random walk, the dual-memory agent and its no-suppression ablation, alone
// and in a small experiment on 10×10 mazes (docs/snan.md, "Baselines").
import { describe, expect, it } from "vitest";
import type { Action } from "../../src/experiment/agent.js";
import { DualMemoryAgent } from "../../src/experiment/agents/dual-memory.js";
import { RandomWalkAgent } from "../../src/experiment/agents/random-walk.js";
import { runCondition, runWorld, type ConditionRun } from "../../src/experiment/episode.js";
import { generateField, generateMaze, type GridWorld, type ObservationMode } from "../../src/experiment/grid-world.js";
import { bootstrapMedianRatio, pathLengths, summarizeRun } from "../../src/experiment/metrics.js";
import { Rng } from "../../src/util/rng.js";
import { corridor } from "./fixtures.js";

describe("RandomWalkAgent", () => {
  it("draws the four moves uniformly from its seeded generator", () => {
    const agent = new RandomWalkAgent();
    agent.startWorld(16, new Rng(4));
    const counts = [0, 0, 0, 0];
    const draws = 40_000;
    for (let k = 0; k < draws; k++) counts[agent.act()]++;
    // chi-square with 3 degrees of freedom: 16.27 is its 0.999 quantile
    const chi2 = counts.reduce((sum, c) => sum + (c - draws / 4) ** 2 / (draws / 4), 0);
    expect(chi2).toBeLessThan(16.27);
    const again = new RandomWalkAgent();
    again.startWorld(16, new Rng(4));
    const first = new RandomWalkAgent();
    first.startWorld(16, new Rng(4));
    expect(Array.from({ length: 50 }, () => again.act())).toEqual(Array.from({ length: 50 }, () => first.act()));
  });
});

describe("DualMemoryAgent", () => {
  it("credits a successful episode backwards from the goal: α, α·λ, … soft-bounded", () => {
    const agent = new DualMemoryAgent({ epsilon: 0, alpha: 0.5, lambda: 0.9 });
    agent.startWorld(3, new Rng(1));
    const episode = (): Action[] => {
      agent.startEpisode(0);
      const first = agent.act({ observation: 0, step: 0 });
      agent.observeOutcome({ action: first, bumped: false, observation: 1, reachedGoal: false });
      const second = agent.act({ observation: 1, step: 1 });
      agent.observeOutcome({ action: second, bumped: false, observation: 2, reachedGoal: true });
      agent.endEpisode(true, 2);
      return [first, second];
    };
    const [a0, a1] = episode();
    expect(agent.value(1, a1)).toBeCloseTo(0.5, 12); // the move into the goal: α
    expect(agent.value(0, a0)).toBeCloseTo(0.45, 12); // one move earlier: α·λ
    expect([0, 1, 2, 3].filter((a) => a !== a0).map((a) => agent.value(0, a as Action))).toEqual([0, 0, 0]);
    // greedy (ε = 0): the reinforced moves win now; Q grows towards 1 as Q + α·λ^j·(1 − Q)
    expect(episode()).toEqual([a0, a1]);
    expect(agent.value(1, a1)).toBeCloseTo(0.75, 12);
    expect(agent.value(0, a0)).toBeCloseTo(0.45 + 0.45 * 0.55, 12);
  });

  it("leaves Q alone after a failed episode", () => {
    const agent = new DualMemoryAgent();
    agent.startWorld(2, new Rng(1));
    agent.startEpisode(0);
    const a = agent.act({ observation: 0, step: 0 });
    agent.observeOutcome({ action: a, bumped: false, observation: 1, reachedGoal: false });
    agent.endEpisode(false, 1);
    expect(agent.value(0, a)).toBe(0);
  });

  it("keeps the suppression trace: +1 per step under an observation, ×γ per step, cleared per episode", () => {
    const agent = new DualMemoryAgent({ gamma: 0.9 });
    agent.startWorld(4, new Rng(1));
    agent.startEpisode(0);
    for (let step = 0; step < 2; step++) {
      const a = agent.act({ observation: 3, step });
      agent.observeOutcome({ action: a, bumped: true, observation: 3, reachedGoal: false });
    }
    // visits at steps 0 and 1: (1·0.9 + 1) = 1.9 after the second, 1.71 one step later
    expect(agent.suppressionOf(3)).toBeCloseTo(1.71, 12);
    agent.startEpisode(1);
    expect(agent.suppressionOf(3)).toBe(0);
    const ablation = new DualMemoryAgent({ suppression: false });
    ablation.startWorld(4, new Rng(1));
    ablation.startEpisode(0);
    ablation.act({ observation: 3, step: 0 });
    expect(ablation.suppressionOf(3)).toBe(0);
    expect(ablation.name).toBe("dual-memory-no-suppression");
  });

  it("never repeats a move it remembers bumping: on the corridor each blocked (walls id, move) bumps once", () => {
    const agent = new DualMemoryAgent({ epsilon: 0.1 });
    const results = runWorld(corridor(), agent, { mode: "walls", budget: 200, episodes: 5, seed: 3 });
    // blocked: N, S, W under id 13 (west end) and N, S under id 5 (inside); id 7 is the goal
    const bumps = results.reduce((sum, result) => sum + result.bumps, 0);
    expect(bumps).toBeGreaterThan(0);
    expect(bumps).toBeLessThanOrEqual(5);
  });

  it("prefers an untried move to one remembered to lead to a recently seen observation", () => {
    // it knows only what followed its own moves: 0 →a 1, then 1 →b 0; back under 0, a (into 1) is
    // suppressed and an untried move (score 0) wins; under 1 again, b (into 0) is suppressed
    // (over 20 seeds: a tie-break that ignored suppression would pick the suppressed move 1 time in 4)
    for (let seed = 1; seed <= 20; seed++) {
      const agent = new DualMemoryAgent({ epsilon: 0 });
      agent.startWorld(3, new Rng(seed));
      agent.startEpisode(0);
      const a = agent.act({ observation: 0, step: 0 });
      agent.observeOutcome({ action: a, bumped: false, observation: 1, reachedGoal: false });
      const b = agent.act({ observation: 1, step: 1 });
      agent.observeOutcome({ action: b, bumped: false, observation: 0, reachedGoal: false });
      const c = agent.act({ observation: 0, step: 2 });
      expect(c).not.toBe(a);
      agent.observeOutcome({ action: c, bumped: false, observation: 1, reachedGoal: false });
      expect(agent.act({ observation: 1, step: 3 })).not.toBe(b);
    }
  });
});

describe("a small experiment on 10×10 perfect mazes (the default setting of docs/snan.md)", () => {
  // 12 seeded mazes, 15 episodes each, budget 2000 steps, observation "cell"
  const worlds = Array.from({ length: 12 }, (_, w) => generateMaze({ width: 10, height: 10, seed: 1000 + w }));
  const run = (agent: RandomWalkAgent | DualMemoryAgent, mode: ObservationMode = "cell", on: readonly GridWorld[] = worlds): ConditionRun =>
    runCondition(on, agent, { mode, budget: 2000, episodes: 15, seed: 11 });
  const ratio = (a: ConditionRun, b: ConditionRun) =>
    bootstrapMedianRatio(pathLengths(a.results), pathLengths(b.results), { seed: 1, resamples: 1000, groupsA: a.groups, groupsB: b.groups });
  const randomWalk = run(new RandomWalkAgent());
  const dualMemory = run(new DualMemoryAgent());
  const noSuppression = run(new DualMemoryAgent({ suppression: false }));

  it("is deterministic", () => {
    expect(run(new DualMemoryAgent()).results.map((r) => r.steps)).toEqual(dualMemory.results.map((r) => r.steps));
  });

  it("dual-memory beats the random walk on median path length and completion", () => {
    const rw = summarizeRun(randomWalk.results, { seed: 1, groups: randomWalk.groups });
    const dm = summarizeRun(dualMemory.results, { seed: 1, groups: dualMemory.groups });
    expect(dm.medianPathLength.high).toBeLessThan(rw.medianPathLength.low);
    expect(dm.completion.low).toBeGreaterThan(rw.completion.high);
    expect(ratio(dualMemory, randomWalk).high).toBeLessThan(0.5);
  });

  it("dual-memory with suppression beats it without (the dual-timescale effect)", () => {
    expect(ratio(dualMemory, noSuppression).high).toBeLessThan(1);
    const dm = summarizeRun(dualMemory.results, { seed: 1 });
    const ablation = summarizeRun(noSuppression.results, { seed: 1 });
    expect(dm.meanRevisitRate).toBeLessThan(ablation.meanRevisitRate);
  });

  it("and so on 10×10 fields at obstacle density 0.3", () => {
    const fields = Array.from({ length: 12 }, (_, w) => generateField({ width: 10, height: 10, seed: 1000 + w, obstacleDensity: 0.3 }));
    expect(ratio(run(new DualMemoryAgent(), "cell", fields), run(new DualMemoryAgent({ suppression: false }), "cell", fields)).high).toBeLessThan(1);
  });
});

describe("what the dual-memory agent's suppression needs (docs/snan.md, \"Which suppression helps\")", () => {
  it("names each variant and refuses an unknown suppression target", () => {
    expect(new DualMemoryAgent({ suppressionTarget: "current" }).name).toBe("dual-memory-current-suppression");
    expect(new DualMemoryAgent({ rememberBumps: false }).name).toBe("dual-memory-no-bump-memory");
    expect(new DualMemoryAgent({ suppression: false, rememberBumps: false }).name).toBe("dual-memory-no-suppression-no-bump-memory");
    expect(() => new DualMemoryAgent({ suppressionTarget: "next" as never })).toThrow(/suppressionTarget/);
  });

  it("without bump memory it tries a move that bumped again; with it, never while another is left", () => {
    const bumpsOf = (rememberBumps: boolean): number =>
      runWorld(corridor(), new DualMemoryAgent({ rememberBumps }), { mode: "walls", budget: 200, episodes: 5, seed: 3 }).reduce((sum, r) => sum + r.bumps, 0);
    expect(bumpsOf(true)).toBeLessThanOrEqual(5);
    expect(bumpsOf(false)).toBeGreaterThan(5);
  });

  it("suppressing the current observation explores there: a second visit in a row ignores Q", () => {
    // Q favours the first move under observation 0 after one rewarded episode; a visit just before
    // makes the next choice there uniform (β·sup ≥ 1), so over 40 seeds the other moves come up too
    let others = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const agent = new DualMemoryAgent({ epsilon: 0, suppressionTarget: "current", rememberBumps: false });
      agent.startWorld(2, new Rng(seed));
      agent.startEpisode(0);
      const learned = agent.act({ observation: 0, step: 0 });
      agent.observeOutcome({ action: learned, bumped: false, observation: 1, reachedGoal: true });
      agent.endEpisode(true);
      agent.startEpisode(1);
      expect(agent.act({ observation: 0, step: 0 })).toBe(learned); // first visit: Q decides
      agent.observeOutcome({ action: learned, bumped: true, observation: 0, reachedGoal: false });
      if (agent.act({ observation: 0, step: 1 }) !== learned) others++;
    }
    expect(others).toBeGreaterThan(20); // 30 of 40 expected under a uniform draw
  });

  // 8×8 fields of the bundled experiment (density 0.2, "cell", budget 256), 16 worlds × 8 episodes
  const fields = Array.from({ length: 16 }, (_, w) => generateField({ width: 8, height: 8, seed: 7000 + w, obstacleDensity: 0.2 }));
  const play = (params: ConstructorParameters<typeof DualMemoryAgent>[0]): ConditionRun =>
    runCondition(fields, new DualMemoryAgent(params), { mode: "cell", budget: 256, episodes: 8, seed: 2026 });
  const ratio = (a: ConditionRun, b: ConditionRun) =>
    bootstrapMedianRatio(pathLengths(a.results), pathLengths(b.results), { seed: 1, resamples: 1000, groupsA: a.groups, groupsB: b.groups });

  it("suppressing the current observation shortens paths only with a bump memory", () => {
    const current = ratio(play({ suppressionTarget: "current" }), play({ suppression: false }));
    const currentNoBumps = ratio(play({ suppressionTarget: "current", rememberBumps: false }), play({ suppression: false, rememberBumps: false }));
    expect(current.high).toBeLessThan(1);
    expect(currentNoBumps.high).toBeGreaterThan(1);
  });
});

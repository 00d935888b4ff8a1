// The two mechanism changes of the SNAN agent against the old mechanism, measured (docs/snan.md,
// "The SNAN agent"): excitation within an action group makes the winner-take-all decide (few
// tied windows), and the tag (the host drives the chosen group after the count) keeps a reward
// from lowering the final move's weights.
import { describe, expect, it } from "vitest";
import { EpisodeWalk } from "../../src/experiment/episode.js";
import { SnanAgent, type SnanAgentOptions } from "../../src/experiment/agents/snan.js";
import { referenceEngine, runSnan } from "../../src/experiment/snan-engine.js";
import { snanNetwork } from "../../src/experiment/snan-network.js";
import { Rng } from "../../src/util/rng.js";
import { corridor } from "./fixtures.js";
import { scriptedWorld } from "./snan-fixtures.js";

/** Share of tied (or silent) windows over 60 windows of the scripted world, seeds 1–3. */
function tieRate(options: SnanAgentOptions): number {
  let ties = 0;
  let windows = 0;
  for (const seed of [1, 2, 3]) {
    const agent = new SnanAgent(options);
    runSnan(referenceEngine, agent, scriptedWorld(5), { episodes: 1, maxSteps: 60, rng: new Rng(seed) });
    ties += agent.decisions.filter((d) => d.tieBroken).length;
    windows += agent.decisions.length;
  }
  return ties / windows;
}

describe("winner-take-all: excitation within an action group", () => {
  it("builds the cooperation projection within groups only, and none at weight 0", () => {
    const projections = (weight: number): { id: string; connect: { pairs?: [number, number][] } }[] =>
      snanNetwork({ observationCount: 2, groupExcitationWeight: weight }).projections as { id: string; connect: { pairs?: [number, number][] } }[];
    const cooperation = projections(0.75).find((p) => p.id === "cooperation");
    expect(cooperation?.connect.pairs?.length).toBe(4 * 4 * 3);
    for (const [pre, post] of cooperation?.connect.pairs ?? []) expect(Math.floor(pre / 4) === Math.floor(post / 4) && pre !== post).toBe(true);
    expect(projections(0).some((p) => p.id === "cooperation")).toBe(false);
  });

  it("ties in fewer windows than the network without it, with and without astrocytes", () => {
    for (const withAstrocytes of [true, false]) {
      const now = tieRate({ withAstrocytes });
      const old = tieRate({ withAstrocytes, groupExcitationWeight: 0 });
      // measured (180 windows): with astrocytes 2.8 % against 30.6 %, without 1.1 % against 15.6 %
      expect(now).toBeLessThan(0.08);
      expect(old).toBeGreaterThan(0.1);
    }
  });
});

describe("the no-astrocyte ablation", () => {
  it("is the same network minus the astrocytes and their coupling", () => {
    const withAstrocytes = snanNetwork({ observationCount: 3 });
    const without = snanNetwork({ observationCount: 3, withAstrocytes: false });
    const { astrocytes, tripartite, name, description, ...rest } = withAstrocytes;
    expect(astrocytes).toBeDefined();
    expect(tripartite).toBeDefined();
    expect([name, without.name]).toEqual(["snan", "snan-no-astrocytes"]);
    expect(typeof description).toBe("string");
    const { name: _n, description: _d, ...restWithout } = without;
    expect(restWithout).toEqual(rest);
  });
});

describe("credit: the tag of the chosen action", () => {
  /** Rewarded episodes, and those whose final (state, action) block fell at the reward, 1×5 corridor, one seed. */
  function finalMoves(options: SnanAgentOptions, seed: number): { rewarded: number; fell: number } {
    const agent = new SnanAgent(options);
    const run = runSnan(referenceEngine, agent, new EpisodeWalk(corridor(3), "cell", 30), { episodes: 16, maxSteps: 30, rng: Rng.derive(seed, `agent/${agent.name}`), weights: true });
    const weights = run.weights;
    if (weights === undefined) throw new Error("weights kept");
    const block = (k: number, observation: number, action: number): number =>
      weights.snapshots[k].values.reduce((sum, w, s) => (Math.floor(weights.pre[s] / 4) === observation && Math.floor(weights.post[s] / 4) === action ? sum + w : sum), 0);
    let rewarded = 0;
    let fell = 0;
    run.episodes.forEach((episode, e) => {
      if (!episode.reachedGoal) return;
      rewarded++;
      const last = episode.trajectory[episode.trajectory.length - 1];
      if (block(e + 1, last.observation, last.action) < block(e, last.observation, last.action) - 1e-9) fell++;
    });
    return { rewarded, fell };
  }

  // With the tag and the 60 ms window the final move's block never falls (seeds 1–3, snan-agent.test.ts);
  // measured here, seeds 1–3: the old loop fell in 0 of 12, 6 of 10, 2 of 12 rewarded episodes, the tag
  // in a 30 ms window in 1 of 7, 3 of 9, 1 of 9.
  it("the old loop (no tag, 30 ms window, no excitation within groups) lets the final move's weights fall", () => {
    const old = finalMoves({ tagMs: 0, decisionMs: 30, groupExcitationWeight: 0 }, 2);
    expect(old.rewarded).toBeGreaterThan(4);
    expect(old.fell).toBeGreaterThan(1);
  });

  it("the tag in a 30 ms window lets them fall too: the chosen action pairs with the next state's spikes", () => {
    const short = finalMoves({ decisionMs: 30 }, 2);
    expect(short.rewarded).toBeGreaterThan(4);
    expect(short.fell).toBeGreaterThan(1);
  });

  it("refuses a tag longer than the window's silent part", () => {
    expect(() => new SnanAgent({ tagMs: 41 }).startWorld(2, new Rng(1))).toThrow(/tagMs/);
    expect(() => new SnanAgent({ tagMs: 40 }).startWorld(2, new Rng(1))).not.toThrow();
  });
});

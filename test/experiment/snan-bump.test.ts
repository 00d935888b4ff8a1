// The bump memory of the SNAN network (docs/snan.md, "Bump memory"): an inhibitory plastic
// state → action projection that learns, from the `bump` port the host fires after a move hit a
// wall, to hold back that move in that state.
import { describe, expect, it } from "vitest";
import type { Action, Outcome } from "../../src/experiment/agent.js";
import { SnanAgent } from "../../src/experiment/agents/snan.js";
import { referenceEngine, runSnan, type SnanWorld } from "../../src/experiment/snan-engine.js";
import { AVOIDANCE_PROJECTION, BUMP_PORT, snanNetwork } from "../../src/experiment/snan-network.js";
import { Rng } from "../../src/util/rng.js";
import type { WeightRecording } from "../../src/hw/recording.js";

/** Two observations; every move from observation 0 bumps except `free`, which leads to 1, and every move from 1 leads back to 0. */
function roomWithOneDoor(free: Action): SnanWorld {
  let at = 0;
  return {
    observationCount: 2,
    reset: () => (at = 0),
    move: (action: Action): Outcome => {
      const bumped = at === 0 && action !== free;
      if (!bumped) at = 1 - at;
      return { action, bumped, observation: at, reachedGoal: false };
    },
  };
}

/** |w| of observation `o`'s neurons onto action group `a`, summed over the group pair (4 × 4 synapses). */
function blockWeight(dump: WeightRecording, values: Float64Array, o: number, a: number): number {
  let sum = 0;
  for (let k = 0; k < values.length; k++) if (Math.floor(dump.pre[k] / 4) === o && Math.floor(dump.post[k] / 4) === a) sum += Math.abs(values[k]);
  return sum;
}

describe("bump memory", () => {
  it("adds the bump port, the inhibitory avoidance projection and its rule only when asked", () => {
    const network = snanNetwork({ observationCount: 3, bumpMemory: true }) as {
      inputs: { id: string }[];
      projections: { id: string; weight: number; synapse: { e_rev: number }; plasticity?: string }[];
      plasticity: { id: string; tau_c: number; gate: { source: string; gain: number }[] }[];
    };
    expect(network.inputs.some((i) => i.id === BUMP_PORT)).toBe(true);
    const avoidance = network.projections.find((p) => p.id === AVOIDANCE_PROJECTION);
    expect(avoidance).toMatchObject({ weight: 0, synapse: { e_rev: -90 }, plasticity: "avoid" });
    const rule = network.plasticity.find((r) => r.id === "avoid");
    expect(rule?.tau_c).toBe(20);
    expect(rule?.gate).toEqual([{ source: BUMP_PORT, gain: 5 }]);
    const plain = snanNetwork({ observationCount: 3 }) as typeof network;
    expect(plain.projections.some((p) => p.id === AVOIDANCE_PROJECTION)).toBe(false);
    expect(plain.inputs.some((i) => i.id === BUMP_PORT)).toBe(false);
  });

  it("fires the bump port in the step after a move that bumped, and never without bump memory", () => {
    const injected = (bumpMemory: boolean): number[] => {
      const agent = new SnanAgent({ bumpMemory, bumpGain: 10 });
      const steps: number[] = [];
      const engine = {
        name: "spy",
        run: (network: Record<string, unknown>, host: Parameters<typeof referenceEngine.run>[1], count: number, dumps: readonly number[]) =>
          referenceEngine.run(network, { ...host, beforeStep: (s, inject) => host.beforeStep?.(s, (input, index) => ((input === BUMP_PORT && steps.push(s)), inject(input, index))) }, count, dumps),
      };
      const run = runSnan(engine, agent, roomWithOneDoor(1), { episodes: 1, maxSteps: 6, rng: new Rng(3) });
      const window = 600;
      const bumpedAt = run.episodes[0].trajectory.flatMap((move, k) => (move.observation === 0 && move.action !== 1 ? [(k + 1) * window] : []));
      expect(steps).toEqual(bumpMemory ? bumpedAt : []);
      return steps;
    };
    expect(injected(true).length).toBeGreaterThan(0);
    injected(false);
  });

  it("raises the inhibition of the moves that bumped in that state far above every other block", () => {
    const agent = new SnanAgent({ bumpMemory: true, withAstrocytes: false });
    const run = runSnan(referenceEngine, agent, roomWithOneDoor(1), { episodes: 1, maxSteps: 30, rng: new Rng(5), weights: true });
    const dumps = run.recording.weights?.find((w) => w.projection === AVOIDANCE_PROJECTION);
    const last = dumps?.snapshots.at(-1)?.values;
    if (dumps === undefined || last === undefined) throw new Error("no dump of the avoidance projection");
    const bumped = new Set(run.episodes[0].trajectory.filter((m) => m.observation === 0 && m.action !== 1).map((m) => m.action));
    expect(bumped.size).toBeGreaterThan(0);
    const bumpedBlocks: number[] = [];
    const otherBlocks: number[] = [];
    for (let o = 0; o < 2; o++) for (let a = 0; a < 4; a++) (o === 0 && bumped.has(a as Action) ? bumpedBlocks : otherBlocks).push(blockWeight(dumps, last, o, a));
    // measured (seed 5): bumped blocks 16.0, 16.0, 10.7 of at most 16; the door 0; observation 1's
    // blocks up to 4.1, from the long presynaptic trace of the window before a bump
    expect(blockWeight(dumps, last, 0, 1)).toBe(0);
    expect(Math.min(...bumpedBlocks)).toBeGreaterThan(2 * Math.max(...otherBlocks));
  });
});

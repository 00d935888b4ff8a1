/**
 * What the learning engines count (docs/semantics-learning.md §5), by hand: besides the updates
 * at pre and post spikes, a projection that keeps an eligibility updates every synapse whose
 * eligibility is nonzero at each gate spike (episode_stdp) and at each epoch end (reward_stdp's
 * reward product; the eligibility decay when it decays); a zero eligibility is not counted.
 * Both engines count alike.
 */
import { describe, expect, it } from "vitest";
import type { HwLearning, HwPlasticProjection } from "../../src/hw/learning-config.js";
import { LearningEngine, type LearningCounts } from "../../src/emulator/learning.js";
import { ScalarLearning } from "../../src/emulator/learning-scalar.js";
import type { SpikeLayout } from "../../src/emulator/learning-sources.js";
import { GLIA_TARGET } from "./glia/build.js";
import { engineProjection, MemoryStore } from "./learning-build.js";

/** glia-core's learning widths, with toward-zero traces and floor writes so every value is exact. */
const TARGET_LEARNING = GLIA_TARGET.learning!;
const SEMANTICS = { ...TARGET_LEARNING, trace: { ...TARGET_LEARNING.trace, rounding: "toward-zero" as const }, rounding: "floor" as const };

// Lines 0–2: input x; lines 3–4: gate input g; line 5: reward input r; units 0–1: population n.
const LAYOUT: SpikeLayout = {
  units: 2,
  lines: 6,
  symbols: [
    { id: "x", kind: "input", size: 3, global: Int32Array.from([0, 1, 2]) },
    { id: "g", kind: "input", size: 2, global: Int32Array.from([3, 4]) },
    { id: "r", kind: "input", size: 1, global: Int32Array.from([5]) },
    { id: "n", kind: "population", size: 2, global: Int32Array.from([0, 1]) },
  ],
};

/** x → n all to all: N = 3 · 2 = 6 synapses, synapse s from x[⌊s/2⌋] onto n[s mod 2]. */
const N = 6;
const EPOCH = 4;
const STEPS = 12;
const EPOCH_ENDS = STEPS / EPOCH; // ends of steps 3, 7 and 11

const EPISODE: HwPlasticProjection = engineProjection({
  rule: "episode_stdp",
  synapsePre: Int32Array.from([0, 0, 1, 1, 2, 2]),
  synapsePost: Int32Array.from([0, 1, 0, 1, 0, 1]),
  eligibilityDecay: 400,
  gate: { sources: [{ symbol: "g", gain: 4096 }] },
});
const REWARD: HwPlasticProjection = {
  ...EPISODE,
  rule: "reward_stdp",
  gate: undefined,
  reward: { decay: 200, baseline: 10, sources: [{ symbol: "r", gain: 4096 }] },
};

/** Per step: the input lines and the units of n that spike. */
type Schedule = Readonly<Record<number, { readonly lines?: readonly number[]; readonly units?: readonly number[] }>>;

/** The counts of both engines over STEPS steps of `schedule`; they must agree. */
function countBoth(projection: HwPlasticProjection, schedule: Schedule): LearningCounts {
  const learning: HwLearning = { semantics: SEMANTICS, epoch: EPOCH, projections: [projection] };
  const fast = new LearningEngine(learning, LAYOUT, new MemoryStore(new Array<number>(N).fill(1000)));
  const scalar = new ScalarLearning(learning, LAYOUT, new MemoryStore(new Array<number>(N).fill(1000)));
  for (let t = 0; t < STEPS; t++) {
    const lines = schedule[t]?.lines ?? [];
    const units = schedule[t]?.units ?? [];
    fast.step(t, Int32Array.from(units), units.length, Int32Array.from(lines), lines.length);
    scalar.step(t, (id) => {
      const symbol = LAYOUT.symbols.find((s) => s.id === id)!;
      const fired = symbol.kind === "input" ? lines : units;
      return Array.from(symbol.global.keys()).filter((e) => fired.includes(symbol.global[e]));
    });
  }
  const counts = fast.counts();
  expect({ traceUpdates: scalar.traceUpdates, synapseUpdates: scalar.synapseUpdates, weightWrites: scalar.weightWrites }).toEqual(counts);
  return counts;
}

/**
 * x[0] and x[1] spike at step 0: depression of their 4 synapses, with the post traces at 0 (Δ 0).
 * n[0] spikes at steps 1 and 5: potentiation of the 3 synapses onto it, of which those from x[0]
 * and x[1] (s = 0, 2) see a nonzero pre trace, so K = 2 eligibilities are nonzero after step 1
 * and again after step 5. Updates at spikes: 4 + 3 + 3 = 10.
 * Traces: 4 increments; x[0] and x[1] decay at steps 1–11 (2 × 11; 1024 · 0.9^11 is far from 0),
 * n[0] at steps 2–11 (10): 36.
 * A nonzero eligibility stays nonzero under the decay: elig·d / 2^12 < |elig| truncates below it.
 */
const SPIKES: Schedule = { 0: { lines: [0, 1] }, 1: { units: [0] }, 5: { units: [0] } };
const AT_SPIKES = 10;
const TRACES = 4 + 2 * 11 + 10;
const K = 2;

const merge = (a: Schedule, b: Schedule): Schedule => {
  const out: Record<number, { lines: number[]; units: number[] }> = {};
  for (const part of [a, b]) {
    for (const [t, s] of Object.entries(part)) {
      const into = (out[Number(t)] ??= { lines: [], units: [] });
      into.lines.push(...(s.lines ?? []));
      into.units.push(...(s.units ?? []));
    }
  }
  return out;
};

describe("synapse updates of the gate and epoch-end passes", () => {
  it("with every eligibility zero, gate spikes and epoch ends count nothing", () => {
    // no pre or post spike: traces, eligibilities and accumulators stay 0
    const gates: Schedule = { 1: { lines: [3] }, 6: { lines: [3, 4] } };
    expect(countBoth(EPISODE, gates)).toEqual({ traceUpdates: 0, synapseUpdates: 0, weightWrites: 0 });
    expect(countBoth(REWARD, { 2: { lines: [5] } })).toEqual({ traceUpdates: 0, synapseUpdates: 0, weightWrites: 0 });
  });

  it("episode_stdp: K per gate spike, then K decays per epoch end while the eligibilities are nonzero", () => {
    // Gate spikes at step 2, g[0] and g[1]: 2 × K updates (the eligibility is the same for both;
    // the clear after them is part of their pass). The accumulators of s = 0, 2 are then nonzero:
    // 2 writes at the end of step 3, where every eligibility is 0 (no decay). After step 5, K
    // eligibilities again: decays at the ends of steps 7 and 11, 2 × K; nothing to write.
    const counts = countBoth(EPISODE, merge(SPIKES, { 2: { lines: [3, 4] } }));
    expect(counts).toEqual({ traceUpdates: TRACES, synapseUpdates: AT_SPIKES + 2 * K + 2 * K, weightWrites: K }); // 10 + 4 + 4
    // an eligibility that never decays: the gate passes only
    const still = countBoth({ ...EPISODE, eligibilityDecay: 0 }, merge(SPIKES, { 2: { lines: [3, 4] } }));
    expect(still).toEqual({ traceUpdates: TRACES, synapseUpdates: AT_SPIKES + 2 * K, weightWrites: K });
  });

  it("reward_stdp: K reward products and K decays per epoch end", () => {
    // K eligibilities are nonzero at each of the 3 epoch ends (nothing clears them). No reward
    // spike, so nSum = −4 · baseline = −40 per epoch, and trunc(elig·(−40) / 2^12) ≠ 0 for the
    // eligibilities here (aPlus · trace ≈ 10^6): K writes per epoch end.
    const counts = countBoth(REWARD, SPIKES);
    expect(counts).toEqual({ traceUpdates: TRACES, synapseUpdates: AT_SPIKES + EPOCH_ENDS * 2 * K, weightWrites: EPOCH_ENDS * K }); // 10 + 12, 6
    const still = countBoth({ ...REWARD, eligibilityDecay: 0 }, SPIKES);
    expect(still).toEqual({ traceUpdates: TRACES, synapseUpdates: AT_SPIKES + EPOCH_ENDS * K, weightWrites: EPOCH_ENDS * K });
  });
});

/**
 * Learning on glia-core, fast emulator against scalar interpreter: random small glia configs
 * (random-config.ts) given a random learning section — every rule, both pairings, μ 0 and 1,
 * every rounding, epochs 1–6, astrocyte modulation by gate and by Ca with open/closed of either
 * sign (open = −1 among them) — must agree to the bit in spikes, traces, final state, counts
 * and every weight dump.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emulateGlia } from "../../../src/emulator/glia-emulator.js";
import { interpretGliaScalar } from "../../../src/emulator/glia-scalar.js";
import type { GliaConfig } from "../../../src/hw/glia-config.js";
import type { HwLearning, HwLearningModulation, HwModulatorSource, HwPlasticProjection } from "../../../src/hw/learning-config.js";
import type { LearningSemantics } from "../../../src/targets/learning-types.js";
import { Rng } from "../../../src/util/rng.js";
import { randomGliaConfig } from "./random-config.js";

const CASES = 80;
const TARGET = JSON.parse(readFileSync(join(import.meta.dirname, "../../../targets/glia-core.json"), "utf8")) as { learning: LearningSemantics };

/** `config` with a random learning section over some of its projections (at least one when it has any). */
export function withRandomLearning(config: GliaConfig, seed: number): GliaConfig {
  const rng = new Rng(seed * 7919 + 11);
  const int = (lo: number, hi: number) => lo + rng.nextInt(hi - lo + 1);
  const pick = <T>(xs: readonly T[]): T => xs[rng.nextInt(xs.length)];
  const chance = (p: number) => rng.nextFloat() < p;
  const weightMax = 2 ** config.semantics.synapse.weightBits - 1;
  const semantics: LearningSemantics = {
    ...TARGET.learning,
    trace: { ...TARGET.learning.trace, rounding: pick(["stochastic", "toward-zero"] as const) },
    rounding: pick(["stochastic", "nearest", "floor"] as const),
    weightBits: config.semantics.synapse.weightBits,
  };
  const F = 2 ** semantics.modulator.fractionBits;
  const symbols = [...config.neurons.map((g) => g.population), ...config.inputs.symbols.map((s) => s.id)];
  const sources = (): HwModulatorSource[] => Array.from({ length: int(1, 2) }, () => ({ symbol: pick(symbols), gain: int(-2 * F, 2 * F) }));
  const projections: HwPlasticProjection[] = [];
  config.projections.forEach((projection, index) => {
    if (projection.post.length === 0 || (projections.length > 0 && chance(0.4))) return;
    const post = config.neurons.find((g) => g.offset === projection.postOffset)!;
    const pre = projection.pre.kind === "inputs" ? config.inputs.symbols.find((s) => s.offset === projection.pre.offset)! : null;
    const preId = pre !== null ? pre.id : config.neurons.find((g) => g.offset === projection.pre.offset)!.population;
    const count = projection.post.length;
    const synapsePre = new Int32Array(count);
    for (let j = 0; j < projection.pre.size; j++) synapsePre.fill(j, projection.rowStart[j], projection.rowStart[j + 1]);
    const rule = pick(["stdp", "reward_stdp", "episode_stdp"] as const);
    const magnitudeMin = chance(0.5) ? 0 : int(0, weightMax >> 2);
    const magnitudeMax = int(magnitudeMin + 1, weightMax);
    const group = config.astrocytes.length > 0 ? int(0, config.astrocytes.length - 1) : -1;
    let modulation: HwLearningModulation | undefined;
    if (group >= 0 && chance(0.7)) {
      const astro = config.astrocytes[group];
      const caLow = int(0, 2 ** Math.max(astro.frac - 2, 0));
      const factor = () => pick([0, F, -F, int(-2 * F, 2 * F)]);
      modulation = {
        astrocytes: group,
        astrocyteOf: Int32Array.from({ length: post.size }, () => int(-1, astro.size - 1)),
        by: pick(["gate", "ca"] as const),
        open: pick([F, -F, factor()]),
        closed: factor(),
        caLow,
        caHigh: caLow + int(1, 2 ** astro.frac),
      };
    }
    projections.push({
      id: projection.id,
      rule,
      pairing: pick(["all_to_all", "nearest_symmetric"] as const),
      pre: preId,
      post: post.population,
      sign: 1,
      synapsePre,
      synapsePost: projection.post,
      synapseCore: new Int32Array(count).fill(index),
      synapseIndex: Int32Array.from({ length: count }, (_, k) => k),
      traceImpulse: pick([64, 255]),
      traceDecayPre: int(1, 800),
      traceDecayPost: int(1, 800),
      aPlus: int(0, 40000),
      aMinus: int(0, 40000),
      muPlus: pick([0, 1] as const),
      muMinus: pick([0, 1] as const),
      magnitudeMin,
      magnitudeMax,
      ...(rule !== "stdp" ? { eligibilityDecay: int(0, 300) } : {}),
      ...(rule === "reward_stdp" ? { reward: { decay: int(1, 300), baseline: int(-F >> 4, F >> 4), sources: sources() } } : {}),
      ...(rule === "episode_stdp" ? { gate: { sources: sources() } } : {}),
      ...(modulation !== undefined ? { modulation } : {}),
      seed: int(1, 0xfffffff),
      weightPerMantissa: 2 ** -projection.weightFrac,
    });
  });
  const learning: HwLearning = { semantics, epoch: int(1, 6), projections };
  return projections.length === 0 ? config : { ...config, learning };
}

describe("glia-core learning: fast emulator vs scalar interpreter", () => {
  it(`agrees to the bit on ${CASES} random plastic configs`, () => {
    const coverage = { learned: 0, gate: 0, ca: 0, negativeOpen: 0, reward: 0, episode: 0, moved: 0 };
    for (let seed = 1; seed <= CASES; seed++) {
      const config = withRandomLearning(randomGliaConfig(seed), seed);
      if (config.learning === undefined) continue;
      const weightSteps = [Math.floor(config.steps / 3), Math.floor(config.steps / 2)];
      const fast = emulateGlia(config, { weightSteps });
      const slow = interpretGliaScalar(config, { weightSteps });
      const where = `seed ${seed}`;
      expect(fast.counts, where).toEqual(slow.counts);
      expect(fast.overflow, where).toEqual(slow.overflow);
      fast.recording.populations.forEach((population, p) => {
        expect(population.spikes, `${where} ${population.id} spikes`).toEqual(slow.recording.populations[p].spikes);
        population.traces.forEach((trace, t) => expect(trace.raw, `${where} ${population.id} ${trace.variable}`).toEqual(slow.recording.populations[p].traces[t].raw));
      });
      expect(fast.glia, where).toEqual(slow.glia);
      expect(fast.recording.weights, `${where} weights`).toEqual(slow.recording.weights);
      expect(fast.recording.weights?.length, where).toBe(config.learning.projections.length);
      coverage.learned++;
      for (const p of config.learning.projections) {
        coverage.gate += p.modulation?.by === "gate" ? 1 : 0;
        coverage.ca += p.modulation?.by === "ca" ? 1 : 0;
        coverage.negativeOpen += (p.modulation?.open ?? 0) < 0 ? 1 : 0;
        coverage.reward += p.rule === "reward_stdp" ? 1 : 0;
        coverage.episode += p.rule === "episode_stdp" ? 1 : 0;
      }
      const moved = fast.recording.weights!.some((w) => {
        const first = w.snapshots[0].raw;
        const last = w.snapshots[w.snapshots.length - 1].raw;
        const initial = config.projections.find((p) => p.id === w.projection)!.weight;
        return last.some((x, s) => x !== initial[s]) || first.some((x, s) => x !== initial[s]);
      });
      coverage.moved += moved ? 1 : 0;
    }
    // the cases exercise what they claim to
    expect(coverage.learned).toBeGreaterThan(CASES / 2);
    expect(coverage.gate).toBeGreaterThan(5);
    expect(coverage.ca).toBeGreaterThan(5);
    expect(coverage.negativeOpen).toBeGreaterThan(3);
    expect(coverage.reward).toBeGreaterThan(3);
    expect(coverage.episode).toBeGreaterThan(3);
    expect(coverage.moved).toBeGreaterThan(CASES / 4);
  });
});

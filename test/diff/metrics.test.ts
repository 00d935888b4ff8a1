// Metric functions against values computed by hand and against brute-force definitions.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  countExactMatches, countMatchesWithin, firstDifference, matchedFraction, rateHz, relativeError, rowErrors, spikesByNeuron,
  vanRossumDistance,
} from "../../src/diff/metrics.js";
import { train } from "../recording/fixtures.js";

const I = (values: readonly number[]) => Int32Array.from(values);
const whole = <T extends (a: Int32Array, a0: number, a1: number, b: Int32Array, b0: number, b1: number, ...rest: number[]) => number>(
  f: T, a: readonly number[], b: readonly number[], ...rest: number[]
) => f(I(a), 0, a.length, I(b), 0, b.length, ...rest);

describe("spikesByNeuron", () => {
  it("groups a (step, neuron)-sorted train by neuron, steps ascending", () => {
    const by = spikesByNeuron(train([[0, 1], [0, 3], [2, 0], [9, 3]]), 4);
    expect(Array.from(by.start)).toEqual([0, 1, 2, 2, 4]);
    expect(Array.from(by.steps)).toEqual([2, 0, 0, 9]);
  });
});

describe("matching", () => {
  it("counts steps present on both sides", () => {
    expect(whole(countExactMatches, [1, 5, 9], [1, 6, 9])).toBe(2);
    expect(whole(countExactMatches, [], [1])).toBe(0);
  });

  it("matches one-to-one within ±k steps", () => {
    // 1↔2 and 5↔6 are one step apart; 9 and 12 are three apart.
    expect(whole(countMatchesWithin, [1, 5, 9], [2, 6, 12], 1)).toBe(2);
    expect(whole(countMatchesWithin, [1, 5, 9], [2, 6, 12], 3)).toBe(3);
    expect(whole(countMatchesWithin, [1, 5, 9], [2, 6, 12], 0)).toBe(0);
    // Pairing 5↔5 first would leave 6 alone; the greedy time-order matching finds 5↔4, 6↔5.
    expect(whole(countMatchesWithin, [5, 6], [4, 5], 1)).toBe(2);
    // One b-spike cannot serve two a-spikes.
    expect(whole(countMatchesWithin, [4, 6], [5], 1)).toBe(1);
  });

  it("the greedy ±k matching is as large as a maximum bipartite matching", () => {
    const steps = fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 9 }).map((s) => [...s].sort((x, y) => x - y));
    fc.assert(fc.property(steps, steps, fc.integer({ min: 0, max: 4 }), (a, b, k) => {
      expect(whole(countMatchesWithin, a, b, k)).toBe(maximumMatching(a, b, k));
    }), { numRuns: 300, seed: 20_260_417 });
  });

  it("finds the first step where two trains differ", () => {
    expect(whole(firstDifference, [1, 5, 9], [1, 6, 9])).toBe(5);
    expect(whole(firstDifference, [1], [1, 4])).toBe(4);
    expect(whole(firstDifference, [1, 4], [1])).toBe(4);
    expect(whole(firstDifference, [1, 4], [1, 4])).toBe(-1);
  });

  it("works on ranges of a larger array", () => {
    const a = I([7, 1, 5, 9, 7]), b = I([3, 3, 1, 6, 9]);
    expect(countExactMatches(a, 1, 4, b, 2, 5)).toBe(2);
    expect(firstDifference(a, 1, 4, b, 2, 5)).toBe(5);
  });
});

describe("van Rossum distance (one unmatched spike = 1)", () => {
  // D² = Σ_ij e^(−|a_i−a_j|/τ) + Σ_ij e^(−|b_i−b_j|/τ) − 2 Σ_ij e^(−|a_i−b_j|/τ)
  it("is 0 for identical trains", () => {
    expect(whole(vanRossumDistance, [3, 8, 20, 21], [3, 8, 20, 21], 0.1, 10)).toBe(0);
  });

  it("is 1 for one spike against none, either way round", () => {
    expect(whole(vanRossumDistance, [5], [], 0.1, 10)).toBe(1);
    expect(whole(vanRossumDistance, [], [5], 0.1, 10)).toBe(1);
  });

  it("is sqrt(2 − 2·e^(−Δ/τ)) for two single spikes Δ apart", () => {
    // Δ = 10 steps × 1 ms = τ: D = sqrt(2 − 0.7357589) = sqrt(1.2642411) = 1.1243848
    expect(whole(vanRossumDistance, [0], [10], 1, 10)).toBeCloseTo(Math.sqrt(2 - 2 / Math.E), 12);
    expect(Math.sqrt(2 - 2 / Math.E)).toBeCloseTo(1.1243848, 7);
    // Δ = 1 step of 0.1 ms, τ = 10 ms: D² = 2(1 − e^(−0.01)) = 0.019900332...
    expect(whole(vanRossumDistance, [3], [4], 0.1, 10) ** 2).toBeCloseTo(0.0199003325, 9);
    // The order of the trains does not matter.
    expect(whole(vanRossumDistance, [10], [0], 1, 10)).toBeCloseTo(Math.sqrt(2 - 2 / Math.E), 12);
  });

  it("is sqrt(2 + 2·e^(−Δ/τ)) for two spikes Δ apart against none", () => {
    // Σ_ij over a = 1 + 1 + 2e^(−1) = 2.7357588823; b is empty.
    expect(whole(vanRossumDistance, [0, 10], [], 1, 10)).toBeCloseTo(Math.sqrt(2.7357588823), 9);
  });

  it("equals (2/τ)∫(f − g)² dt integrated numerically", () => {
    const a = [0, 4, 30], b = [1, 25], dt = 1, tau = 5;
    const kernel = (spikes: number[], t: number) => spikes.reduce((s, x) => s + (t >= x * dt ? Math.exp(-(t - x * dt) / tau) : 0), 0);
    let integral = 0;
    const h = 1e-3;
    for (let t = h / 2; t < 200; t += h) integral += (kernel(a, t) - kernel(b, t)) ** 2 * h;
    expect(whole(vanRossumDistance, a, b, dt, tau)).toBeCloseTo(Math.sqrt((2 / tau) * integral), 5);
  });

  it("equals the pairwise-sum formula on random trains", () => {
    const steps = fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 12 }).map((s) => [...s].sort((x, y) => x - y));
    fc.assert(fc.property(steps, steps, fc.double({ min: 0.5, max: 50, noNaN: true }), (a, b, tau) => {
      const pair = (x: number[], y: number[]) => x.reduce((s, p) => s + y.reduce((t, q) => t + Math.exp(-Math.abs(p - q) * 0.1 / tau), 0), 0);
      const squared = pair(a, a) + pair(b, b) - 2 * pair(a, b);
      expect(whole(vanRossumDistance, a, b, 0.1, tau)).toBeCloseTo(Math.sqrt(Math.max(0, squared)), 6);
    }), { numRuns: 300, seed: 20_260_417 });
  });
});

describe("trace errors, rates and fractions", () => {
  it("sums squared errors and finds the largest", () => {
    // errors 1, −1, 2, 0: Σe² = 6, max |e| = 2 at index 2
    expect(rowErrors(Float64Array.of(0, 0, 0, 0), Float64Array.of(1, -1, 2, 0))).toEqual({ sumSquared: 6, maxAbs: 2, maxAt: 2 });
  });

  it("relative error against the reference", () => {
    expect(relativeError(5, 6)).toBeCloseTo(0.2, 15);
    expect(relativeError(0, 0)).toBe(0);
    expect(relativeError(0, 1)).toBe(Number.POSITIVE_INFINITY);
  });

  it("rate in Hz", () => {
    // 20 spikes of 4 neurons in 1000 steps of 0.5 ms = 0.5 s: 20 / (4 · 0.5) = 10 Hz
    expect(rateHz(20, 4, 1000, 0.5)).toBe(10);
  });

  it("matched fraction with and without reference spikes", () => {
    expect(matchedFraction(3, 4, 9)).toBe(0.75);
    expect(matchedFraction(0, 0, 0)).toBe(1);
    expect(matchedFraction(0, 0, 2)).toBe(0);
  });
});

/** Maximum bipartite matching by augmenting paths (Kuhn), the slow definition. */
function maximumMatching(a: readonly number[], b: readonly number[], k: number): number {
  const owner = new Array<number>(b.length).fill(-1);
  const tryMatch = (i: number, seen: boolean[]): boolean => {
    for (let j = 0; j < b.length; j++) {
      if (seen[j] || Math.abs(a[i] - b[j]) > k) continue;
      seen[j] = true;
      if (owner[j] < 0 || tryMatch(owner[j], seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  let matched = 0;
  for (let i = 0; i < a.length; i++) if (tryMatch(i, new Array<boolean>(b.length).fill(false))) matched++;
  return matched;
}

// Metrics against values worked out by hand and against published Wilson intervals.
import { describe, expect, it } from "vitest";
import type { EpisodeResult } from "../../src/experiment/episode.js";
import {
  bootstrapMedian, bootstrapMedianRatio, median, quantileSorted, summarizeRun, wilsonInterval,
} from "../../src/experiment/metrics.js";

describe("median and quantiles", () => {
  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it("interpolates between order statistics (type 7)", () => {
    expect(quantileSorted([10, 20, 30, 40, 50], 0.5)).toBe(30);
    expect(quantileSorted([10, 20, 30, 40, 50], 0.1)).toBeCloseTo(14, 12); // position 0.4 between 10 and 20
    expect(quantileSorted([10, 20, 30, 40, 50], 1)).toBe(50);
  });
});

describe("wilsonInterval", () => {
  it("8/10: p = 0.8, interval (0.4902, 0.9433)", () => {
    // centre (0.8 + 1.96²/20)/(1 + 1.96²/10) = 0.71674; half-width 1.96·√(0.016 + 1.96²/400)/1.38415 = 0.22658
    const interval = wilsonInterval(8, 10);
    expect(interval.estimate).toBe(0.8);
    expect(interval.low).toBeCloseTo(0.4902, 4);
    expect(interval.high).toBeCloseTo(0.9433, 4);
  });

  it("0/10 and 10/10 mirror each other (0, 0.2775) and (0.7225, 1)", () => {
    expect(wilsonInterval(0, 10).low).toBeCloseTo(0, 12);
    expect(wilsonInterval(0, 10).high).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval(10, 10).low).toBeCloseTo(0.7225, 4);
    expect(wilsonInterval(10, 10).high).toBeCloseTo(1, 12);
    expect(wilsonInterval(0, 0).estimate).toBeNaN();
  });
});

describe("bootstrapMedian", () => {
  const values = [12, 40, 7, 33, 25, 18, 90, 41, 5, 27, 64, 30, 22, 15, 38];

  it("is deterministic by seed, contains the estimate, and lies within the data", () => {
    const a = bootstrapMedian(values, { seed: 5, resamples: 1000 });
    expect(bootstrapMedian(values, { seed: 5, resamples: 1000 })).toEqual(a);
    expect(a.estimate).toBe(27);
    expect(a.low).toBeLessThanOrEqual(a.estimate);
    expect(a.high).toBeGreaterThanOrEqual(a.estimate);
    expect(a.low).toBeGreaterThanOrEqual(5);
    expect(a.high).toBeLessThanOrEqual(90);
    // the distribution-free interval of a median of 15 is (x(4), x(12)) = (15, 40), at 96.5 % by the
    // binomial (P[Bin(15, ½) ≤ 3] = 0.0176); the percentile bootstrap lands on the same order statistics
    expect([a.low, a.high]).toEqual([15, 40]);
  });

  it("resamples whole groups: one group gives a zero-width interval", () => {
    const one = bootstrapMedian(values, { seed: 5, resamples: 200, groups: values.map(() => 0) });
    expect(one).toEqual({ estimate: 27, low: 27, high: 27 });
    expect(bootstrapMedian([4, 4, 4], { seed: 1 })).toEqual({ estimate: 4, low: 4, high: 4 });
  });
});

describe("bootstrapMedianRatio", () => {
  const a = [10, 12, 9, 14, 11, 13, 10, 12];
  const b = [30, 35, 28, 40, 33, 31, 36, 29];

  it("estimates median(a)/median(b) with an interval around it, deterministically", () => {
    const ratio = bootstrapMedianRatio(a, b, { seed: 2, resamples: 1000 });
    expect(ratio.estimate).toBeCloseTo(11.5 / 32, 12);
    expect(ratio.low).toBeLessThanOrEqual(ratio.estimate);
    expect(ratio.high).toBeGreaterThanOrEqual(ratio.estimate);
    expect(ratio.high).toBeLessThan(1);
    expect(bootstrapMedianRatio(a, b, { seed: 2, resamples: 1000 })).toEqual(ratio);
  });

  it("pairs by group: a sample against itself has ratio exactly 1 in every resample", () => {
    const groups = [0, 0, 1, 1, 2, 2, 3, 3];
    expect(bootstrapMedianRatio(a, a, { seed: 2, resamples: 300, groupsA: groups, groupsB: groups }))
      .toEqual({ estimate: 1, low: 1, high: 1 });
    expect(() => bootstrapMedianRatio(a, a, { seed: 2, groupsA: groups })).toThrow(/both/);
  });

  it("leaves out paired resamples that leave one sample empty", () => {
    // a has values only in group 0; a resample drawing group 1 twice has no a: it is dropped, not NaN
    const ratio = bootstrapMedianRatio([10, 10], [20, 40], { seed: 4, resamples: 400, groupsA: [0, 0], groupsB: [0, 1] });
    expect(ratio.estimate).toBeCloseTo(10 / 30, 12);
    // the valid resamples draw group 0 twice (b = 20: 0.5) or once with group 1 (b = {20, 40}: 1/3)
    expect(ratio.low).toBeCloseTo(1 / 3, 12);
    expect(ratio.high).toBeCloseTo(0.5, 12);
  });
});

describe("summarizeRun", () => {
  const episode = (steps: number, reached: boolean, revisits: number, coverage: number): EpisodeResult => ({
    path: new Int32Array(steps + 1), steps, reached, revisits, bumps: 0, distinct: 1, coverage,
  });

  it("counts failures at the budget in one median and leaves them out of the other", () => {
    // budget 100: two failures ran 100 steps
    const results = [episode(10, true, 2, 0.5), episode(100, false, 50, 0.25), episode(20, true, 0, 1), episode(100, false, 10, 0.25), episode(30, true, 3, 0.5)];
    const summary = summarizeRun(results, { seed: 3, resamples: 500 });
    expect(summary.episodes).toBe(5);
    expect(summary.successes).toBe(3);
    expect(summary.completion.estimate).toBe(0.6);
    expect(summary.medianPathLength.estimate).toBe(30); // [10, 20, 30, 100, 100]
    expect(summary.medianSuccessfulPathLength.estimate).toBe(20); // [10, 20, 30]
    expect(summary.meanRevisitRate).toBeCloseTo((0.2 + 0.5 + 0 + 0.1 + 0.1) / 5, 12);
    expect(summary.meanCoverage).toBeCloseTo(0.5, 12);
  });

  it("keeps group ids aligned with the successful episodes", () => {
    // world 0 succeeds in 10 steps twice, world 1 never: the successful median resamples only world 0
    const results = [episode(10, true, 0, 1), episode(100, false, 0, 1), episode(10, true, 0, 1), episode(100, false, 0, 1)];
    const summary = summarizeRun(results, { seed: 3, resamples: 200, groups: [0, 1, 0, 1] });
    expect(summary.medianPathLength.estimate).toBe(55);
    expect(summary.medianSuccessfulPathLength.estimate).toBe(10);
    expect(summary.medianSuccessfulPathLength.low).toBe(10);
  });

  it("resamples only the worlds that hold successes for the successful median", () => {
    // worlds 0 and 2 never succeed: a resample of all three worlds could leave no success (NaN)
    const results = [episode(100, false, 0, 1), episode(12, true, 0, 1), episode(100, false, 0, 1), episode(20, true, 0, 1)];
    const summary = summarizeRun(results, { seed: 3, resamples: 500, groups: [0, 1, 2, 1] });
    expect(summary.medianSuccessfulPathLength).toEqual({ estimate: 16, low: 16, high: 16 });
  });
});

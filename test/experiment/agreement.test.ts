/**
 * The agreement of an emulated condition with the reference (src/experiment/agreement.ts): the
 * figures equal the run summary's, the paired bootstrap over worlds, and the verdicts.
 */
import { describe, expect, it } from "vitest";
import { AGREEMENT_METRICS, compareConditions, MIN_VERDICT_WORLDS, verdictOf, type EpisodeSample } from "../../src/experiment/agreement.js";
import type { EpisodeResult } from "../../src/experiment/episode.js";
import { summarizeRun } from "../../src/experiment/metrics.js";

const episode = (steps: number, reached: boolean, revisits = 0, coverage = 0.5): EpisodeResult => ({
  path: new Int32Array(steps + 1), steps, reached, revisits, bumps: 0, distinct: 1, coverage,
});

/** `worlds` worlds of `perWorld` episodes each, world w's episode e of length lengthOf(w, e). */
function sample(worlds: number, perWorld: number, lengthOf: (w: number, e: number) => number, budget = 100): EpisodeSample {
  const episodes: EpisodeResult[] = [];
  const groups: number[] = [];
  for (let w = 0; w < worlds; w++) {
    for (let e = 0; e < perWorld; e++) {
      const steps = lengthOf(w, e);
      episodes.push(episode(steps, steps < budget, Math.floor(steps / 4), Math.min(1, steps / 50)));
      groups.push(w);
    }
  }
  return { episodes, groups: Int32Array.from(groups) };
}

const byMetric = (metrics: readonly { metric: string }[]) => metrics.map((m) => m.metric);

describe("compareConditions", () => {
  const reference = sample(24, 4, (w, e) => 10 + ((w * 7 + e * 13) % 90) + (w === 3 && e === 0 ? 100 : 0));

  it("gives each metric as the run summary counts it, and the mean path", () => {
    const c = compareConditions(reference, reference, { seed: 1 });
    const summary = summarizeRun(reference.episodes, { seed: 1, groups: reference.groups });
    const figures = c.metrics.map((m) => m.reference);
    const meanSteps = reference.episodes.reduce((a, e) => a + e.steps, 0) / reference.episodes.length;
    expect(byMetric(c.metrics)).toEqual([...AGREEMENT_METRICS]);
    expect(figures).toEqual([summary.medianPathLength.estimate, meanSteps, summary.completion.estimate, summary.meanRevisitRate, summary.meanCoverage]);
    expect(c.worlds).toBe(24);
    expect(c.episodes).toBe(96);
  });

  it("finds no difference, with a zero-width interval, when both conditions ran the same episodes", () => {
    const c = compareConditions(reference, reference, { seed: 1 });
    for (const m of c.metrics) expect([m.relativeDifference, m.low, m.high, m.verdict]).toEqual([0, 0, 0, "within"]);
    expect([c.sameOutcome, c.sameLength, c.withinTolerance, c.shownWithin]).toEqual([1, 1, true, true]);
  });

  it("finds a difference beyond the tolerance when every path is 20 % longer, in every resample", () => {
    const longer = sample(24, 4, (w, e) => 1.2 * (10 + ((w * 7 + e * 13) % 90) + (w === 3 && e === 0 ? 100 : 0)), 1e9);
    const c = compareConditions(reference, longer, { seed: 1 });
    for (const metric of ["median path", "mean path"]) {
      const m = c.metrics.find((x) => x.metric === metric)!;
      expect(m.relativeDifference).toBeCloseTo(0.2, 12);
      expect(m.low).toBeCloseTo(0.2, 12);
      expect(m.high).toBeCloseTo(0.2, 12);
      expect(m.verdict).toBe("beyond");
    }
    expect(c.sameLength).toBe(0);
    expect([c.withinTolerance, c.shownWithin]).toEqual([false, false]);
  });

  it("pairs the draws by world: one world's longer paths give an interval from no difference (draws without it) upwards", () => {
    // 20 worlds of one episode; the emulated run is the same but for world 0, 120 steps longer
    const ref = sample(20, 1, () => 40);
    const emu = sample(20, 1, (w) => (w === 0 ? 160 : 40), 1e9);
    const c = compareConditions(ref, emu, { seed: 7, resamples: 4000 });
    const mean = c.metrics.find((m) => m.metric === "mean path")!;
    expect(mean.relativeDifference).toBeCloseTo(120 / 20 / 40, 12); // +15 %
    // a draw holds world 0 k times (binomial 20, 1/20): difference 15 % · k; P(k = 0) = 0.36 > 2.5 %
    expect(mean.low).toBe(0);
    expect(mean.high).toBeGreaterThan(0.15);
    expect(mean.verdict).toBe("undecided");
    const median = c.metrics.find((m) => m.metric === "median path")!;
    // the median of a draw moves only when world 0 is drawn 10 times or more: P < 10⁻⁸
    expect([median.relativeDifference, median.low, median.high, median.verdict]).toEqual([0, 0, 0, "within"]);
  });

  it("gives no verdict below MIN_VERDICT_WORLDS worlds, whatever the interval", () => {
    const few = sample(MIN_VERDICT_WORLDS - 1, 2, (w, e) => 20 + w + e);
    const c = compareConditions(few, few, { seed: 1 });
    for (const m of c.metrics) expect([m.low, m.high, m.verdict]).toEqual([0, 0, "too few worlds"]);
    expect([c.withinTolerance, c.shownWithin]).toEqual([true, false]);
  });

  it("is deterministic in its seed and changes with it", () => {
    const other = sample(24, 4, (w, e) => 10 + ((w * 5 + e * 11) % 90));
    const a = compareConditions(reference, other, { seed: 3 });
    const b = compareConditions(reference, other, { seed: 3 });
    const c = compareConditions(reference, other, { seed: 4 });
    expect(b).toEqual(a);
    expect(c.metrics.map((m) => [m.low, m.high])).not.toEqual(a.metrics.map((m) => [m.low, m.high]));
    expect(c.metrics.map((m) => m.relativeDifference)).toEqual(a.metrics.map((m) => m.relativeDifference));
  });

  it("refuses world ids that are not whole non-negative numbers, and id lists of the wrong length", () => {
    expect(() => compareConditions({ episodes: [episode(5, true)], groups: [-1] }, reference, { seed: 1 })).toThrow(/world id -1/);
    expect(() => compareConditions({ episodes: [episode(5, true)], groups: [0, 1] }, reference, { seed: 1 })).toThrow(/2 world ids for 1 episodes/);
  });
});

describe("verdictOf", () => {
  it("is within inside the tolerance (edges included), beyond wholly outside it, undecided across an edge", () => {
    expect(verdictOf(-0.05, 0.05, 0.05, 20)).toBe("within");
    expect(verdictOf(-0.01, 0.02, 0.05, 20)).toBe("within");
    expect(verdictOf(0.06, 0.3, 0.05, 20)).toBe("beyond");
    expect(verdictOf(-0.3, -0.051, 0.05, 20)).toBe("beyond");
    expect(verdictOf(0.01, 0.06, 0.05, 20)).toBe("undecided");
    expect(verdictOf(-0.2, 0.2, 0.05, 20)).toBe("undecided");
    expect(verdictOf(Number.NaN, Number.NaN, 0.05, 20)).toBe("undecided");
    expect(verdictOf(0.06, 0.3, 0.05, 19)).toBe("too few worlds");
  });
});

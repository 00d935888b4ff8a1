/**
 * Behavioural metrics of navigation runs (docs/snan.md, "Episodes and metrics"): median path
 * length with a percentile-bootstrap 95 % interval, goal-completion rate with a Wilson interval,
 * mean revisit rate and coverage, and the ratio of two agents' medians with a bootstrap interval.
 *
 * Path length is the number of steps; a failed episode ran the whole budget, so its length is the
 * budget ("counted at the budget"). `medianPathLength` uses every episode; `medianSuccessfulPathLength`
 * only those that reached the goal (NaN when none did). The bootstrap resamples whole groups (one
 * group per world, so episodes of one world, which share an agent's memory, stay together) when
 * group ids are given, single episodes otherwise; for the ratio, both agents' resamples draw the
 * same groups (paired by world). Every draw comes from `Rng.derive(seed, label)`.
 */
import type { EpisodeFigures } from "./episode.js";
import { Rng } from "../util/rng.js";

/** A point estimate with the bounds of its interval. */
export interface Interval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** The 0.975 quantile of the standard normal, for 95 % intervals. */
export const Z95 = 1.959963984540054;

/** The median (mean of the two middle values for an even count); NaN for no values. */
export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  return sortedMedian(Float64Array.from(values).sort(), values.length);
}

/** The median of the first n entries of an ascending array. */
function sortedMedian(sorted: Float64Array, n: number): number {
  const half = n >> 1;
  return n & 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

/** The q-quantile of an ascending array by linear interpolation between order statistics (R's type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

/**
 * Wilson score interval of a proportion successes/n: centre (p + z²/2n)/(1 + z²/n), half-width
 * z·√(p(1−p)/n + z²/4n²)/(1 + z²/n). The estimate is p itself; n = 0 gives NaN throughout.
 */
export function wilsonInterval(successes: number, n: number, z = Z95): Interval {
  if (n === 0) return { estimate: NaN, low: NaN, high: NaN };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface BootstrapOptions {
  readonly seed: number;
  /** Bootstrap resamples; default 2000. */
  readonly resamples?: number;
  /** Interval coverage; default 0.95. */
  readonly level?: number;
}

/** Values grouped by id (CSR), for resampling whole groups. */
export interface Grouped {
  readonly start: Int32Array;
  readonly values: Float64Array;
  readonly largest: number;
}

/** Groups `values` by `groups[i]` in [0, groupCount); without ids every value is its own group. */
export function groupValues(values: ArrayLike<number>, groups: ArrayLike<number> | undefined, groupCount: number): Grouped {
  const n = values.length;
  if (groups !== undefined && groups.length !== n) throw new RangeError(`${groups.length} group ids for ${n} values`);
  const start = new Int32Array(groupCount + 1);
  for (let i = 0; i < n; i++) start[(groups === undefined ? i : groups[i]) + 1]++;
  let largest = 0;
  for (let g = 0; g < groupCount; g++) {
    largest = Math.max(largest, start[g + 1]);
    start[g + 1] += start[g];
  }
  const cursor = start.slice(0, groupCount);
  const grouped = new Float64Array(n);
  for (let i = 0; i < n; i++) grouped[cursor[groups === undefined ? i : groups[i]]++] = values[i];
  return { start, values: grouped, largest };
}

/**
 * Percentile bootstrap: `resamples` times draw `groupCount` group ids with replacement, compute
 * `statistic(drawn)` with `drawn` the ids, and take the (1 ± level)/2 quantiles of the results.
 * Resamples whose statistic is NaN (a paired draw that left one sample empty) are left out.
 */
function percentileBootstrap(groupCount: number, options: BootstrapOptions, label: string, statistic: (drawn: Int32Array) => number): { low: number; high: number } {
  return percentileBootstrapEach(groupCount, options, label, 1, (drawn, out) => {
    out[0] = statistic(drawn);
  })[0];
}

/**
 * The same for `count` statistics computed together from each draw (`statistics(drawn, out)`
 * fills out[0 … count − 1]): one interval per statistic, all from the same draws.
 */
export function percentileBootstrapEach(
  groupCount: number, options: BootstrapOptions, label: string, count: number,
  statistics: (drawn: Int32Array, out: Float64Array) => void,
): { low: number; high: number }[] {
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must lie in (0, 1), got ${level}`);
  const rng = Rng.derive(options.seed, label);
  const drawn = new Int32Array(groupCount);
  const out = new Float64Array(count);
  const results = Array.from({ length: count }, () => new Float64Array(resamples));
  const valid = new Int32Array(count);
  for (let r = 0; r < resamples; r++) {
    for (let k = 0; k < groupCount; k++) drawn[k] = rng.nextInt(groupCount);
    statistics(drawn, out);
    for (let s = 0; s < count; s++) if (!Number.isNaN(out[s])) results[s][valid[s]++] = out[s]; // a resample that left a sample empty
  }
  return results.map((values, s) => {
    if (valid[s] === 0) return { low: NaN, high: NaN };
    const sorted = values.subarray(0, valid[s]).sort();
    return { low: quantileSorted(sorted, (1 - level) / 2), high: quantileSorted(sorted, (1 + level) / 2) };
  });
}

/** The median of the values of the drawn groups, in `scratch` (large enough for any draw). */
export function drawnMedian(grouped: Grouped, drawn: Int32Array, scratch: Float64Array): number {
  let n = 0;
  for (let k = 0; k < drawn.length; k++) {
    for (let i = grouped.start[drawn[k]], end = grouped.start[drawn[k] + 1]; i < end; i++) scratch[n++] = grouped.values[i];
  }
  if (n === 0) return NaN;
  return sortedMedian(scratch.subarray(0, n).sort(), n);
}

/**
 * Renumbers group ids 0, 1, … in ascending order of the ids any of the sets holds, together for
 * paired samples, so that no id names an empty group: the worlds with a success, or worlds
 * first … first + n − 1 of a run that starts past world 0, are as many groups as they are
 * (ids already 0 … n − 1 are kept as they are).
 */
export function compactSharedIds(sets: readonly ArrayLike<number>[], what = "group"): { readonly ids: Int32Array[]; readonly count: number } {
  const seen = new Set<number>();
  for (const ids of sets) {
    for (let i = 0; i < ids.length; i++) {
      if (!Number.isInteger(ids[i]) || ids[i] < 0) throw new RangeError(`${what} id ${ids[i]} is not a non-negative integer`);
      seen.add(ids[i]);
    }
  }
  const rank = new Map([...seen].sort((a, b) => a - b).map((id, k) => [id, k]));
  return { ids: sets.map((ids) => Int32Array.from({ length: ids.length }, (_, i) => rank.get(ids[i])!)), count: rank.size };
}

/**
 * The median with a percentile-bootstrap interval. With `groups` (one id per value, e.g. the
 * world index), whole groups are resampled: the groups that hold values, so for the median of
 * successful episodes the worlds with at least one success.
 */
export function bootstrapMedian(values: ArrayLike<number>, options: BootstrapOptions & { readonly groups?: ArrayLike<number> }): Interval {
  const estimate = median(values);
  if (values.length === 0) return { estimate, low: NaN, high: NaN };
  const compact = options.groups === undefined ? undefined : compactSharedIds([options.groups]);
  const groups = compact?.ids[0];
  const groupCount = compact?.count ?? values.length;
  const grouped = groupValues(values, groups, groupCount);
  const scratch = new Float64Array(grouped.largest * groupCount);
  return { estimate, ...percentileBootstrap(groupCount, options, "bootstrap/median", (drawn) => drawnMedian(grouped, drawn, scratch)) };
}

/**
 * The ratio median(a)/median(b) with a percentile-bootstrap interval. With group ids for both
 * (the same ids for the same worlds), each resample draws one set of groups for both samples.
 */
export function bootstrapMedianRatio(
  a: ArrayLike<number>, b: ArrayLike<number>,
  options: BootstrapOptions & { readonly groupsA?: ArrayLike<number>; readonly groupsB?: ArrayLike<number> },
): Interval {
  const estimate = median(a) / median(b);
  if (a.length === 0 || b.length === 0) return { estimate: NaN, low: NaN, high: NaN };
  const paired = options.groupsA !== undefined && options.groupsB !== undefined;
  if ((options.groupsA === undefined) !== (options.groupsB === undefined)) throw new RangeError("give group ids for both samples or for neither");
  const shared = paired ? compactSharedIds([options.groupsA!, options.groupsB!]) : undefined;
  const groupCount = shared?.count ?? 0;
  const groupedA = groupValues(a, shared?.ids[0], paired ? groupCount : a.length);
  const groupedB = groupValues(b, shared?.ids[1], paired ? groupCount : b.length);
  const scratchA = new Float64Array(groupedA.largest * (paired ? groupCount : a.length));
  const scratchB = new Float64Array(groupedB.largest * (paired ? groupCount : b.length));
  if (paired) {
    return { estimate, ...percentileBootstrap(groupCount, options, "bootstrap/ratio", (drawn) =>
      drawnMedian(groupedA, drawn, scratchA) / drawnMedian(groupedB, drawn, scratchB)) };
  }
  // unpaired: a's draw comes from the shared stream, b's from its own stream
  const rngB = Rng.derive(options.seed, "bootstrap/ratio/b");
  const drawnB = new Int32Array(b.length);
  return { estimate, ...percentileBootstrap(a.length, options, "bootstrap/ratio", (drawn) => {
    for (let k = 0; k < drawnB.length; k++) drawnB[k] = rngB.nextInt(b.length);
    return drawnMedian(groupedA, drawn, scratchA) / drawnMedian(groupedB, drawnB, scratchB);
  }) };
}

export interface RunSummary {
  readonly episodes: number;
  readonly successes: number;
  /** Goal-completion rate with its Wilson 95 % interval. */
  readonly completion: Interval;
  /** Median steps over all episodes, failures counted at the budget, with a bootstrap interval. */
  readonly medianPathLength: Interval;
  /** Median steps over the successful episodes only (NaN when none succeeded), with a bootstrap interval. */
  readonly medianSuccessfulPathLength: Interval;
  /** Mean over episodes of revisits / steps (episodes of 0 steps count 0). */
  readonly meanRevisitRate: number;
  readonly meanCoverage: number;
}

/** Path lengths of the episodes (steps; a failed episode's steps are the budget). */
export function pathLengths(results: readonly EpisodeFigures[]): Float64Array {
  return Float64Array.from(results, (result) => result.steps);
}

/**
 * Summarises one agent under one condition. `groups` gives each episode's world index (for
 * bootstrapping by world); without it episodes are resampled one by one.
 */
export function summarizeRun(
  results: readonly EpisodeFigures[],
  options: BootstrapOptions & { readonly groups?: ArrayLike<number> },
): RunSummary {
  const lengths = pathLengths(results);
  const successful: number[] = [];
  const successfulGroups: number[] = [];
  let revisitRate = 0, coverage = 0;
  results.forEach((result, i) => {
    if (result.reached) {
      successful.push(result.steps);
      if (options.groups !== undefined) successfulGroups.push(options.groups[i]);
    }
    revisitRate += result.steps > 0 ? result.revisits / result.steps : 0;
    coverage += result.coverage;
  });
  const n = results.length;
  return {
    episodes: n,
    successes: successful.length,
    completion: wilsonInterval(successful.length, n),
    medianPathLength: bootstrapMedian(lengths, options),
    medianSuccessfulPathLength: bootstrapMedian(successful, {
      ...options, groups: options.groups === undefined ? undefined : successfulGroups,
    }),
    meanRevisitRate: n > 0 ? revisitRate / n : NaN,
    meanCoverage: n > 0 ? coverage / n : NaN,
  };
}

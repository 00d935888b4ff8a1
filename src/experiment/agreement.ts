/**
 * An emulated agent against the reference agent on the same worlds and agent seeds (docs/snan.md,
 * "Agreement with the reference"). A closed loop parts for good at its first different choice,
 * and one spike more or less in a decision window is enough for that, so two runs agree in their
 * statistics, not episode by episode. Each metric is therefore given with a 95 % interval of its
 * relative difference: a paired percentile bootstrap that draws worlds with replacement and
 * computes both conditions' metric on the episodes of the same drawn worlds. The verdict says
 * whether that interval lies inside the tolerance, beyond it, or across its edge (more worlds
 * would tell); below MIN_VERDICT_WORLDS worlds it gives none.
 */
import type { EpisodeFigures } from "./episode.js";
import { compactSharedIds, drawnMedian, groupValues, percentileBootstrapEach, type Grouped } from "./metrics.js";

/** The metrics compared between an emulated engine and the reference. */
export const AGREEMENT_METRICS = ["median path", "mean path", "completion", "revisit rate", "coverage"] as const;
export type AgreementMetric = (typeof AGREEMENT_METRICS)[number];

/** The tolerance of the acceptance: each metric within 5 % of the reference's. */
export const AGREEMENT_TOLERANCE = 0.05;

/**
 * "within": the interval of the relative difference lies inside ±tolerance; "beyond": it lies
 * wholly above +tolerance or below −tolerance; "undecided": it reaches across an edge; "too few
 * worlds": fewer than MIN_VERDICT_WORLDS, whatever the interval.
 */
export type AgreementVerdict = "within" | "beyond" | "undecided" | "too few worlds";

/**
 * Below this many worlds no verdict is given: a bootstrap that can only recombine a handful of
 * worlds gives intervals too narrow to trust (with 2 worlds every draw is one of three mixtures).
 */
export const MIN_VERDICT_WORLDS = 20;

export interface MetricAgreement {
  readonly metric: AgreementMetric;
  readonly reference: number;
  readonly emulated: number;
  /** (emulated − reference) / |reference|; 0 when both are 0, ±Infinity when only the reference is. */
  readonly relativeDifference: number;
  /** 95 % paired bootstrap interval of the relative difference, resampling worlds. */
  readonly low: number;
  readonly high: number;
  readonly verdict: AgreementVerdict;
}

export interface Agreement {
  readonly agent: string;
  readonly size: number;
  readonly target: string;
  /**
   * What the target is compared with: "reference", or the control (ExperimentSpec.control), the
   * reference with one weight changed, which both sit at the same distance from the reference's
   * own luck on these worlds.
   */
  readonly against: string;
  readonly episodes: number;
  /** Worlds the episodes come from (the bootstrap's unit). */
  readonly worlds: number;
  readonly metrics: readonly MetricAgreement[];
  /** Share of episodes (same world, same episode number) that both reached the goal or both failed. */
  readonly sameOutcome: number;
  /** Share of episodes with the same number of steps. */
  readonly sameLength: number;
  /** Every metric's point estimate within the tolerance. */
  readonly withinTolerance: boolean;
  /** Every metric's interval within the tolerance (verdict "within" throughout). */
  readonly shownWithin: boolean;
}

/** The engine an agreement row names: the target, "against the control" when it is compared with the control. */
export const agreementTarget = (a: Pick<Agreement, "target" | "against">): string => (a.against === "reference" ? a.target : `${a.target} against the control`);

/** The episodes of one condition with each one's world index. */
export interface EpisodeSample {
  readonly episodes: readonly EpisodeFigures[];
  readonly groups: ArrayLike<number>;
}

export interface CompareOptions {
  /** Seeds the bootstrap's draws. */
  readonly seed: number;
  readonly tolerance?: number;
  /** Bootstrap resamples; default 2000. */
  readonly resamples?: number;
}

/** Relative difference of an emulated figure from the reference's (0 when both are 0). */
export function relativeDifference(reference: number, emulated: number): number {
  if (reference === emulated) return 0;
  return reference === 0 ? Math.sign(emulated - reference) * Number.POSITIVE_INFINITY : (emulated - reference) / Math.abs(reference);
}

/** The verdict of an interval of relative differences over `worlds` worlds against ±tolerance. */
export function verdictOf(low: number, high: number, tolerance: number, worlds: number): AgreementVerdict {
  if (worlds < MIN_VERDICT_WORLDS) return "too few worlds";
  if (low >= -tolerance && high <= tolerance) return "within";
  return low > tolerance || high < -tolerance ? "beyond" : "undecided";
}

/**
 * One condition's per-episode figures grouped by world (metrics.ts groupValues: world w's
 * episodes are start[w] … start[w + 1] − 1 of every column), so a resample gathers whole worlds
 * without allocating.
 */
class WorldTable {
  private readonly steps: Grouped;
  private readonly reached: Float64Array;
  private readonly revisitRate: Float64Array;
  private readonly coverage: Float64Array;
  /** Gathered path lengths of a draw, sorted there for the median. */
  private readonly scratch: Float64Array;

  constructor(sample: EpisodeSample, worlds: number) {
    const { episodes, groups } = sample;
    if (groups.length !== episodes.length) throw new RangeError(`${groups.length} world ids for ${episodes.length} episodes`);
    const column = (of: (e: EpisodeFigures) => number): Grouped => groupValues(Float64Array.from(episodes, of), groups, worlds);
    this.steps = column((e) => e.steps);
    this.reached = column((e) => (e.reached ? 1 : 0)).values;
    // as summarizeRun counts it: an episode of 0 steps has no revisits
    this.revisitRate = column((e) => (e.steps > 0 ? e.revisits / e.steps : 0)).values;
    this.coverage = column((e) => e.coverage).values;
    this.scratch = new Float64Array(this.steps.largest * worlds);
  }

  /** Every metric (in AGREEMENT_METRICS order) over the episodes of the drawn worlds, into `out`. */
  metrics(drawn: Int32Array, out: Float64Array): void {
    const { start, values: steps } = this.steps;
    let n = 0, sumSteps = 0, reached = 0, revisits = 0, coverage = 0;
    for (let d = 0; d < drawn.length; d++) {
      for (let k = start[drawn[d]], end = start[drawn[d] + 1]; k < end; k++, n++) {
        sumSteps += steps[k];
        reached += this.reached[k];
        revisits += this.revisitRate[k];
        coverage += this.coverage[k];
      }
    }
    out[0] = drawnMedian(this.steps, drawn, this.scratch);
    out[1] = sumSteps / n;
    out[2] = reached / n;
    out[3] = revisits / n;
    out[4] = coverage / n;
  }
}

/**
 * Compares an emulated condition with the reference condition of the same agent and worlds:
 * every metric with its relative difference, the paired bootstrap interval of that difference
 * and the verdict; and episode by episode, the shares of the same outcome and the same length.
 */
export function compareConditions(
  reference: EpisodeSample,
  emulated: EpisodeSample,
  options: CompareOptions,
): Omit<Agreement, "agent" | "size" | "target" | "against"> {
  const tolerance = options.tolerance ?? AGREEMENT_TOLERANCE;
  const { ids, count: worlds } = compactSharedIds([reference.groups, emulated.groups], "world");
  const [tableR, tableE] = [new WorldTable({ episodes: reference.episodes, groups: ids[0] }, worlds), new WorldTable({ episodes: emulated.episodes, groups: ids[1] }, worlds)];
  const count = AGREEMENT_METRICS.length;
  const [pointR, pointE] = [new Float64Array(count), new Float64Array(count)];
  const every = Int32Array.from({ length: worlds }, (_, w) => w);
  tableR.metrics(every, pointR);
  tableE.metrics(every, pointE);
  const [drawnR, drawnE] = [new Float64Array(count), new Float64Array(count)];
  const bootstrap = { seed: options.seed, ...(options.resamples !== undefined && { resamples: options.resamples }) };
  const intervals = percentileBootstrapEach(worlds, bootstrap, "agreement", count, (drawn, out) => {
    tableR.metrics(drawn, drawnR);
    tableE.metrics(drawn, drawnE);
    for (let m = 0; m < count; m++) out[m] = relativeDifference(drawnR[m], drawnE[m]);
  });
  const metrics = AGREEMENT_METRICS.map((metric, m): MetricAgreement => ({
    metric,
    reference: pointR[m],
    emulated: pointE[m],
    relativeDifference: relativeDifference(pointR[m], pointE[m]),
    ...intervals[m],
    verdict: verdictOf(intervals[m].low, intervals[m].high, tolerance, worlds),
  }));
  // the episodes of both are in the same order: world by world, episode by episode
  const n = Math.min(reference.episodes.length, emulated.episodes.length);
  let sameOutcome = 0;
  let sameLength = 0;
  for (let k = 0; k < n; k++) {
    if (reference.episodes[k].reached === emulated.episodes[k].reached) sameOutcome++;
    if (reference.episodes[k].steps === emulated.episodes[k].steps) sameLength++;
  }
  return {
    episodes: n,
    worlds,
    metrics,
    sameOutcome: n > 0 ? sameOutcome / n : Number.NaN,
    sameLength: n > 0 ? sameLength / n : Number.NaN,
    withinTolerance: metrics.every((m) => Math.abs(m.relativeDifference) <= tolerance),
    shownWithin: metrics.every((m) => m.verdict === "within"),
  };
}

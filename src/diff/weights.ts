/**
 * Learned weights of two recordings compared per plastic projection (docs/diff.md "Weights"): at
 * the last step both sides dumped, RMSE, Pearson and Spearman correlation, sign agreement, the
 * fraction of synapses at each bound per side, the largest difference and the mean change since
 * each side's first snapshot; RMSE and Pearson at every common step. A projection that cannot be
 * compared (one side only, another unit, other synapses, no common step) is a finding, never a
 * throw. Inputs were checked by checkRecording and are never changed.
 */
import type { Recording, WeightRecording, WeightSnapshot } from "../hw/recording.js";

/** Relative tolerance of "at a bound" for a side without raw units (the reference). */
export const REFERENCE_BOUND_TOLERANCE = 1e-9;

/** What one side did, at the compared step. */
export interface WeightSideSummary {
  /** Step of the side's first snapshot, the baseline of `meanAbsChange`. */
  readonly firstStep: number;
  /** Mean over synapses of |w(step) − w(firstStep)|: 0 when nothing was learned. */
  readonly meanAbsChange: number;
  /** Fractions of synapses whose |w| lies at the lower and upper bound (within the side's tolerance). */
  readonly fractionAtMin: number;
  readonly fractionAtMax: number;
  /** The tolerance used: half a raw unit (weightPerRaw / 2), else 1e-9 · (max − min). */
  readonly boundTolerance: number;
}

/** RMSE and Pearson correlation at one step both sides dumped. */
export interface WeightStepMetrics {
  readonly step: number;
  readonly rmse: number;
  readonly pearson: number | null;
}

export interface ProjectionWeightDiff {
  readonly projection: string;
  readonly unit: string;
  readonly synapses: number;
  /** The last step both sides dumped: every metric below but `perStep` is taken there. */
  readonly step: number;
  /** sqrt(mean over synapses of (b − a)²), in `unit`. */
  readonly rmse: number;
  /** Pearson r of the two weight vectors; null when either side is constant (`correlationNote` says which). */
  readonly pearson: number | null;
  /** Spearman ρ: Pearson r of the ranks, ties given their average rank; null exactly when `pearson` is. */
  readonly spearman: number | null;
  readonly correlationNote?: string;
  /** Fraction of synapses with sign(a) = sign(b), zero being a sign of its own. */
  readonly signAgreement: number;
  readonly maxAbsDifference: number;
  readonly maxAbsDifferenceAt: { readonly synapse: number; readonly pre: number; readonly post: number };
  readonly reference: WeightSideSummary;
  readonly other: WeightSideSummary;
  readonly perStep: readonly WeightStepMetrics[];
}

/** A projection that is not compared, and why. */
export interface WeightFinding {
  readonly projection: string;
  readonly reason: string;
}

export interface WeightsDiff {
  /** Projections of the reference compared, in its order. */
  readonly projections: readonly ProjectionWeightDiff[];
  readonly findings: readonly WeightFinding[];
}

// ───────────────────────────── metrics on vectors ─────────────────────────────

/** sqrt(mean (b − a)²); 0 for empty vectors. */
export function rmse(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += (b[k] - a[k]) ** 2;
  return a.length > 0 ? Math.sqrt(sum / a.length) : 0;
}

/** True when every entry equals the first (so no correlation is defined). */
export function isConstant(values: ArrayLike<number>): boolean {
  for (let k = 1; k < values.length; k++) if (values[k] !== values[0]) return false;
  return true;
}

/**
 * Pearson r = Σ(a−ā)(b−b̄) / sqrt(Σ(a−ā)² Σ(b−b̄)²), two-pass, clamped to [−1, 1] against
 * rounding; null when either side is constant (a zero variance), since r is then 0/0.
 */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  const n = a.length;
  if (n === 0 || isConstant(a) || isConstant(b)) return null;
  let meanA = 0, meanB = 0;
  for (let k = 0; k < n; k++) {
    meanA += a[k];
    meanB += b[k];
  }
  meanA /= n;
  meanB /= n;
  let ab = 0, aa = 0, bb = 0;
  for (let k = 0; k < n; k++) {
    const da = a[k] - meanA, db = b[k] - meanB;
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  if (aa === 0 || bb === 0) return null;
  return Math.max(-1, Math.min(1, ab / Math.sqrt(aa * bb)));
}

/** Ranks 1..n of `values`; tied values share the average of the ranks they span. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, k) => k).sort((x, y) => values[x] - values[y]);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1; // positions i..j hold ranks i+1..j+1
    for (let k = i; k <= j; k++) ranks[order[k]] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Spearman ρ: Pearson r of the average ranks; null when either side is constant. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  if (a.length === 0 || isConstant(a) || isConstant(b)) return null;
  return pearson(averageRanks(a), averageRanks(b));
}

/** Fraction of entries with Math.sign(a) = Math.sign(b) (−, 0, + are three signs); 1 for empty vectors. */
export function signAgreement(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let k = 0; k < a.length; k++) if (Math.sign(a[k]) === Math.sign(b[k])) same++;
  return a.length > 0 ? same / a.length : 1;
}

/** Fractions of |w| within `tolerance` of the bounds [min, max]. */
export function fractionAtBounds(values: ArrayLike<number>, bounds: readonly [number, number], tolerance: number): { atMin: number; atMax: number } {
  let atMin = 0, atMax = 0;
  for (let k = 0; k < values.length; k++) {
    const magnitude = Math.abs(values[k]);
    if (Math.abs(magnitude - bounds[0]) <= tolerance) atMin++;
    if (Math.abs(magnitude - bounds[1]) <= tolerance) atMax++;
  }
  const n = Math.max(1, values.length);
  return { atMin: atMin / n, atMax: atMax / n };
}

/** The side's "at a bound" tolerance: half a raw unit when it has one, else 1e-9 of the bound range. */
export function boundTolerance(w: WeightRecording): number {
  return w.weightPerRaw !== undefined ? w.weightPerRaw / 2 : REFERENCE_BOUND_TOLERANCE * (w.bounds[1] - w.bounds[0]);
}

/** Mean |b − a|; 0 for empty vectors. */
export function meanAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += Math.abs(b[k] - a[k]);
  return a.length > 0 ? sum / a.length : 0;
}

// ───────────────────────────── projections ─────────────────────────────

/**
 * Compares the weights of `b` against the reference `a`: every projection of `a` is compared
 * with the one of `b` of the same id, or becomes a finding; projections only `b` has are
 * findings too.
 */
export function compareWeights(a: Recording, b: Recording): WeightsDiff {
  const projections: ProjectionWeightDiff[] = [];
  const findings: WeightFinding[] = [];
  const others = new Map((b.weights ?? []).map((w) => [w.projection, w]));
  for (const wa of a.weights ?? []) {
    const wb = others.get(wa.projection);
    const compared = wb === undefined ? "recorded in the reference only" : compareProjection(wa, wb);
    if (typeof compared === "string") findings.push({ projection: wa.projection, reason: compared });
    else projections.push(compared);
  }
  const inReference = new Set((a.weights ?? []).map((w) => w.projection));
  for (const wb of b.weights ?? []) {
    if (!inReference.has(wb.projection)) findings.push({ projection: wb.projection, reason: "recorded in the other recording only" });
  }
  return { projections, findings };
}

/** The two snapshot lists' common steps, ascending, as index pairs. */
function commonSteps(a: readonly WeightSnapshot[], b: readonly WeightSnapshot[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i].step === b[j].step) out.push([i++, j++]);
    else if (a[i].step < b[j].step) i++;
    else j++;
  }
  return out;
}

/** The metrics of one projection, or the reason it cannot be compared. */
function compareProjection(wa: WeightRecording, wb: WeightRecording): ProjectionWeightDiff | string {
  if (wa.unit !== wb.unit) return `its unit is '${wa.unit}' in the reference but '${wb.unit}' in the other`;
  const n = wa.pre.length;
  if (wb.pre.length !== n) return `it has ${n} synapses in the reference but ${wb.pre.length} in the other`;
  for (let k = 0; k < n; k++) {
    if (wa.pre[k] !== wb.pre[k] || wa.post[k] !== wb.post[k]) {
      return `synapse ${k} is (${wa.pre[k]}, ${wa.post[k]}) in the reference but (${wb.pre[k]}, ${wb.post[k]}) in the other`;
    }
  }
  const common = commonSteps(wa.snapshots, wb.snapshots);
  if (common.length === 0) {
    const steps = (w: WeightRecording) => w.snapshots.map((s) => s.step).join(", ");
    return `the two recordings dump no step in common (reference ${steps(wa)}; other ${steps(wb)})`;
  }
  const perStep = common.map(([i, j]): WeightStepMetrics => ({
    step: wa.snapshots[i].step,
    rmse: rmse(wa.snapshots[i].values, wb.snapshots[j].values),
    pearson: pearson(wa.snapshots[i].values, wb.snapshots[j].values),
  }));
  const [i, j] = common[common.length - 1];
  const va = wa.snapshots[i].values, vb = wb.snapshots[j].values;
  const step = wa.snapshots[i].step;
  let worst = 0, worstAt = 0;
  for (let k = 0; k < n; k++) {
    const d = Math.abs(vb[k] - va[k]);
    if (d > worst) {
      worst = d;
      worstAt = k;
    }
  }
  const r = pearson(va, vb);
  const note = r === null ? constantNote(va, vb, wa.unit, step) : undefined;
  return {
    projection: wa.projection,
    unit: wa.unit,
    synapses: n,
    step,
    rmse: perStep[perStep.length - 1].rmse,
    pearson: r,
    spearman: spearman(va, vb),
    ...(note !== undefined ? { correlationNote: note } : {}),
    signAgreement: signAgreement(va, vb),
    maxAbsDifference: worst,
    maxAbsDifferenceAt: { synapse: worstAt, pre: wa.pre[worstAt], post: wa.post[worstAt] },
    reference: sideSummary(wa, va),
    other: sideSummary(wb, vb),
    perStep,
  };
}

/** Why the correlations are null: which side holds one value for every synapse. */
function constantNote(a: Float64Array, b: Float64Array, unit: string, step: number): string {
  const value = (v: Float64Array) => `${v[0]} ${unit}`;
  if (a.length < 2) return "a single synapse has no correlation";
  if (isConstant(a) && isConstant(b)) return `both sides hold one value for every synapse at step ${step} (reference ${value(a)}, other ${value(b)}), so no correlation is defined`;
  const side = isConstant(a) ? "the reference" : "the other side";
  return `${side} holds one value (${value(isConstant(a) ? a : b)}) for every synapse at step ${step}, so no correlation is defined`;
}

function sideSummary(w: WeightRecording, values: Float64Array): WeightSideSummary {
  const tolerance = boundTolerance(w);
  const { atMin, atMax } = fractionAtBounds(values, w.bounds, tolerance);
  return {
    firstStep: w.snapshots[0].step,
    meanAbsChange: meanAbsDifference(w.snapshots[0].values, values),
    fractionAtMin: atMin,
    fractionAtMax: atMax,
    boundTolerance: tolerance,
  };
}

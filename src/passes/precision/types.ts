/**
 * Options of quantize's precision modes (docs/precision.md): how each population's voltage scale
 * is chosen, and the measured ranges the "profile" mode uses in place of the static bounds.
 */

/**
 * "headroom" (default): the threshold sits at v.max / headroom. "static": the finest scale at
 * which the worst-case bounds of every state register fit. "profile": the finest scale at which
 * the measured ranges (CompileOptions.measuredRanges) fit.
 */
export type PrecisionMode = "headroom" | "static" | "profile";

export const PRECISION_MODES: readonly PrecisionMode[] = ["headroom", "static", "profile"];

/** A closed interval of a float quantity. */
export interface Interval {
  readonly min: number;
  readonly max: number;
}

/**
 * What one population's state did in the float reference (margin already applied), in the IR's
 * units: per requested synaptic channel (docs/semantics-float.md numbering) the current I_k, and
 * the membrane voltage relative to v_reset before the threshold and reset (v − v_reset, mV).
 */
export interface MeasuredRange {
  readonly population: string;
  readonly current: readonly Interval[];
  readonly voltage: Interval;
}

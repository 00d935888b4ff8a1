/**
 * Astrocyte metrics of one astrocyte population (docs/diff.md "Astrocytes"): per variable the
 * RMSE of each astrocyte with its maximum and mean, and the gate-interval agreement per
 * astrocyte with a summary. Trace values are the physical (dequantized) ones.
 */
import type { PopulationRecording, Trace } from "../hw/recording.js";
import type { TraceMetrics } from "./compare.js";
import { gateIntervals, jaccard, onsetShifts, openSteps, overlapSteps } from "./gates.js";

/** Summary of one variable's per-astrocyte RMSE (the values are TraceMetrics.perNeuronRmse). */
export interface AstrocyteVariableSummary {
  readonly variable: string;
  readonly unit: string;
  readonly maxRmse: number;
  readonly meanRmse: number;
  /** The astrocyte with the largest RMSE. */
  readonly worst: number;
}

export interface GateMetrics {
  /** Astrocytes whose gate both recordings trace, in the reference's order; every array below follows it. */
  readonly astrocytes: Int32Array;
  /** Open intervals per astrocyte, flattened [start, end, …] in steps, end exclusive. */
  readonly intervalsA: readonly Int32Array[];
  readonly intervalsB: readonly Int32Array[];
  readonly openStepsA: Int32Array;
  readonly openStepsB: Int32Array;
  /** Steps open in both recordings. */
  readonly overlap: Int32Array;
  /** |A ∩ B| / |A ∪ B| of the open steps (1 when neither opens). */
  readonly jaccard: Float64Array;
  /** Per astrocyte: start_b − start_a in steps of each matched interval. */
  readonly onsetShifts: readonly Int32Array[];
  readonly meanJaccard: number;
  readonly minJaccard: number;
  readonly minJaccardAstrocyte: number;
  /** Astrocytes whose gate opened at least once in the reference, in the other recording. */
  readonly openedA: number;
  readonly openedB: number;
  /** Astrocytes whose gate opened in one recording only. */
  readonly openedOnlyA: Int32Array;
  readonly openedOnlyB: Int32Array;
  /** Largest and mean |onset shift| over all matched intervals, steps (0 when none matched). */
  readonly maxOnsetShift: number;
  readonly meanAbsOnsetShift: number;
  readonly matchedIntervals: number;
}

export interface AstrocyteDiff {
  /** One summary per compared astrocyte variable other than the gate, in the reference's trace order. */
  readonly variables: readonly AstrocyteVariableSummary[];
  readonly gate?: GateMetrics;
}

/** Astrocyte metrics from the compared traces; undefined when nothing of the population was compared. */
export function compareAstrocytes(popA: PopulationRecording, popB: PopulationRecording, traces: readonly TraceMetrics[]): AstrocyteDiff | undefined {
  const variables = traces.filter((t) => t.variable !== "gate").map(summarize);
  const compared = traces.find((t) => t.variable === "gate");
  const gateA = popA.traces.find((t) => t.variable === "gate");
  const gateB = popB.traces.find((t) => t.variable === "gate");
  const gate = compared !== undefined && gateA !== undefined && gateB !== undefined ? compareGates(compared.neurons, gateA, gateB) : undefined;
  if (variables.length === 0 && gate === undefined) return undefined;
  return { variables, ...(gate !== undefined ? { gate } : {}) };
}

function summarize(trace: TraceMetrics): AstrocyteVariableSummary {
  let max = 0, sum = 0, worst = trace.neurons[0];
  trace.perNeuronRmse.forEach((rmse, k) => {
    sum += rmse;
    if (rmse > max) {
      max = rmse;
      worst = trace.neurons[k];
    }
  });
  return { variable: trace.variable, unit: trace.unit, maxRmse: max, meanRmse: sum / trace.perNeuronRmse.length, worst };
}

function compareGates(astrocytes: Int32Array, gateA: Trace, gateB: Trace): GateMetrics {
  const count = astrocytes.length;
  const intervalsA: Int32Array[] = [], intervalsB: Int32Array[] = [], shifts: Int32Array[] = [];
  const openA = new Int32Array(count), openB = new Int32Array(count), overlap = new Int32Array(count);
  const index = new Float64Array(count);
  const onlyA: number[] = [], onlyB: number[] = [];
  const rowA = rowsByIndex(gateA), rowB = rowsByIndex(gateB);
  let sum = 0, min = 1, minAt = astrocytes[0], openedA = 0, openedB = 0, maxShift = 0, shiftSum = 0, matched = 0;
  astrocytes.forEach((astrocyte, k) => {
    const a = gateIntervals(rowA.get(astrocyte) as Float64Array);
    const b = gateIntervals(rowB.get(astrocyte) as Float64Array);
    intervalsA.push(a);
    intervalsB.push(b);
    openA[k] = openSteps(a);
    openB[k] = openSteps(b);
    overlap[k] = overlapSteps(a, b);
    index[k] = jaccard(overlap[k], openA[k], openB[k]);
    const s = onsetShifts(a, b);
    shifts.push(s);
    for (const shift of s) {
      maxShift = Math.max(maxShift, Math.abs(shift));
      shiftSum += Math.abs(shift);
    }
    matched += s.length;
    sum += index[k];
    if (index[k] < min) {
      min = index[k];
      minAt = astrocyte;
    }
    if (a.length > 0) openedA++;
    if (b.length > 0) openedB++;
    if (a.length > 0 && b.length === 0) onlyA.push(astrocyte);
    if (b.length > 0 && a.length === 0) onlyB.push(astrocyte);
  });
  return {
    astrocytes, intervalsA, intervalsB, openStepsA: openA, openStepsB: openB, overlap, jaccard: index, onsetShifts: shifts,
    meanJaccard: sum / count, minJaccard: min, minJaccardAstrocyte: minAt, openedA, openedB,
    openedOnlyA: Int32Array.from(onlyA), openedOnlyB: Int32Array.from(onlyB), maxOnsetShift: maxShift, meanAbsOnsetShift: matched > 0 ? shiftSum / matched : 0,
    matchedIntervals: matched,
  };
}

/** A trace's rows by astrocyte index. */
function rowsByIndex(trace: Trace): Map<number, Float64Array> {
  return new Map(Array.from(trace.neurons, (astrocyte, k) => [astrocyte, trace.values[k]]));
}

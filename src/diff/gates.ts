/**
 * Gate-interval metrics (docs/diff.md "Astrocytes"): a gate trace becomes the half-open step
 * intervals in which the gate is open (value ≥ 0.5), and two such interval lists are compared
 * by overlap, Jaccard index and the onset shift of intervals that overlap. O(steps) per row.
 */

/** A gate counts as open at a step when its value is at least this (A ∈ {0, 1}; graded gates halfway). */
export const GATE_OPEN = 0.5;

/** Open intervals of one gate row, flattened: [start0, end0, start1, end1, …], end exclusive. */
export function gateIntervals(row: Float64Array): Int32Array {
  const bounds: number[] = [];
  let open = false;
  for (let t = 0; t < row.length; t++) {
    const now = row[t] >= GATE_OPEN;
    if (now !== open) {
      bounds.push(t);
      open = now;
    }
  }
  if (open) bounds.push(row.length);          // still open at the end: the interval ends with the run
  return Int32Array.from(bounds);
}

/** Open steps of a flattened interval list. */
export function openSteps(intervals: Int32Array): number {
  let total = 0;
  for (let k = 0; k < intervals.length; k += 2) total += intervals[k + 1] - intervals[k];
  return total;
}

/** Steps open in both lists: one merge of the two sorted, disjoint interval lists. */
export function overlapSteps(a: Int32Array, b: Int32Array): number {
  let i = 0, j = 0, total = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i], b[j]), end = Math.min(a[i + 1], b[j + 1]);
    if (end > start) total += end - start;
    if (a[i + 1] <= b[j + 1]) i += 2;
    else j += 2;
  }
  return total;
}

/** |A ∩ B| / |A ∪ B| of the open steps; 1 when neither gate ever opens. */
export function jaccard(overlap: number, openA: number, openB: number): number {
  const union = openA + openB - overlap;
  return union === 0 ? 1 : overlap / union;
}

/**
 * Onset shifts (start_b − start_a, steps) of matched intervals: a one-to-one matching of
 * intervals that overlap, made in time order — when the current two overlap they match,
 * otherwise the one that ends first has no partner left and is dropped.
 */
export function onsetShifts(a: Int32Array, b: Int32Array): Int32Array {
  const shifts: number[] = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    if (Math.min(a[i + 1], b[j + 1]) > Math.max(a[i], b[j])) {
      shifts.push(b[j] - a[i]);
      i += 2;
      j += 2;
    } else if (a[i + 1] <= b[j + 1]) i += 2;
    else j += 2;
  }
  return Int32Array.from(shifts);
}

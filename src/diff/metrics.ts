/**
 * Spike-train and trace metrics on typed arrays (docs/diff.md gives every formula). Each
 * function compares one neuron's sorted spike steps, given as a range of a larger array, in
 * O(n + m) without allocating. Inputs are trusted: recordings were checked before.
 */
import type { SpikeTrain } from "../hw/recording.js";

/** Spike steps grouped by neuron (CSR): neuron n's steps are steps[start[n] .. start[n+1]), ascending. */
export interface SpikesByNeuron {
  readonly start: Int32Array;
  readonly steps: Int32Array;
}

/**
 * Groups a train sorted by (step, neuron) by neuron with a counting sort, O(n + size). The
 * sort is stable, so each neuron's steps stay ascending.
 */
export function spikesByNeuron(train: SpikeTrain | undefined, size: number): SpikesByNeuron {
  const start = new Int32Array(size + 1);
  if (train === undefined) return { start, steps: new Int32Array(0) };
  const { step, neuron } = train;
  for (let k = 0; k < neuron.length; k++) start[neuron[k] + 1]++;
  for (let n = 0; n < size; n++) start[n + 1] += start[n];
  const cursor = start.slice(0, size);
  const steps = new Int32Array(step.length);
  for (let k = 0; k < step.length; k++) steps[cursor[neuron[k]]++] = step[k];
  return { start, steps };
}

/** Number of steps present in both non-decreasing ranges, as multisets (a step listed n times is n spikes). */
export function countExactMatches(a: Int32Array, a0: number, a1: number, b: Int32Array, b0: number, b1: number): number {
  let i = a0, j = b0, matched = 0;
  while (i < a1 && j < b1) {
    if (a[i] === b[j]) {
      matched++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return matched;
}

/**
 * Size of a largest one-to-one matching of a-spikes to b-spikes at most `k` steps apart.
 * Greedy in time order: each a-spike takes the earliest unmatched b-spike in [a−k, a+k].
 * With intervals of equal width this greedy choice is optimal (an exchange argument: any
 * matching can be rewritten to use the earliest compatible b-spike without losing a pair).
 */
export function countMatchesWithin(a: Int32Array, a0: number, a1: number, b: Int32Array, b0: number, b1: number, k: number): number {
  let i = a0, j = b0, matched = 0;
  while (i < a1 && j < b1) {
    if (b[j] < a[i] - k) j++;            // b-spike too early for this and every later a-spike
    else if (b[j] > a[i] + k) i++;       // no b-spike left in reach of this a-spike
    else {
      matched++;
      i++;
      j++;
    }
  }
  return matched;
}

/** The first step at which the two ascending ranges differ, or −1 when they are equal. */
export function firstDifference(a: Int32Array, a0: number, a1: number, b: Int32Array, b0: number, b1: number): number {
  let i = a0, j = b0;
  while (i < a1 && j < b1) {
    if (a[i] !== b[j]) return Math.min(a[i], b[j]);
    i++;
    j++;
  }
  if (i < a1) return a[i];
  if (j < b1) return b[j];
  return -1;
}

/**
 * Van Rossum distance between two ascending step ranges with an exponential kernel
 * h(t) = e^(−t/τ)·H(t), normalised so that one unmatched spike gives D = 1:
 *
 *   D² = (2/τ) ∫ (f − g)² dt = Σ_ij e^(−|a_i−a_j|/τ) + Σ_ij e^(−|b_i−b_j|/τ) − 2 Σ_ij e^(−|a_i−b_j|/τ)
 *
 * Evaluated in one merged pass in time order (a before b at equal times): with F the kernel
 * sum of earlier a-spikes minus that of earlier b-spikes, decayed to the current spike, each
 * spike adds 1 + 2·s·F to D² (s = +1 for a, −1 for b), then F += s. Every pair of spikes is
 * then counted once, so this is the pairwise sum above in O(n + m).
 */
export function vanRossumDistance(
  a: Int32Array, a0: number, a1: number, b: Int32Array, b0: number, b1: number, dtMs: number, tauMs: number,
): number {
  const stepsPerTau = dtMs / tauMs;
  let i = a0, j = b0;
  let f = 0;
  let last = 0;
  let squared = 0;
  while (i < a1 || j < b1) {
    const fromA = j >= b1 || (i < a1 && a[i] <= b[j]);
    const step = fromA ? a[i++] : b[j++];
    if (step !== last) {
      f *= Math.exp(-(step - last) * stepsPerTau);
      last = step;
    }
    if (fromA) {
      squared += 1 + 2 * f;
      f += 1;
    } else {
      squared += 1 - 2 * f;
      f -= 1;
    }
  }
  return Math.sqrt(Math.max(0, squared));
}

/** Squared-error sum and largest absolute error of b − a over one trace row. */
export interface RowErrors {
  readonly sumSquared: number;
  readonly maxAbs: number;
  /** Index of the largest absolute error (−1 for an empty row). */
  readonly maxAt: number;
}

export function rowErrors(a: Float64Array, b: Float64Array): RowErrors {
  let sumSquared = 0, maxAbs = 0, maxAt = a.length > 0 ? 0 : -1;
  for (let t = 0; t < a.length; t++) {
    const e = b[t] - a[t];
    sumSquared += e * e;
    const abs = Math.abs(e);
    if (abs > maxAbs) {
      maxAbs = abs;
      maxAt = t;
    }
  }
  return { sumSquared, maxAbs, maxAt };
}

/** |other − reference| / reference; 0 when both are 0, +∞ when only the reference is 0. */
export function relativeError(reference: number, other: number): number {
  if (reference === 0) return other === 0 ? 0 : Number.POSITIVE_INFINITY;
  return Math.abs(other - reference) / Math.abs(reference);
}

/** matched / reference count; with no reference spikes, 1 if the other side is silent too, else 0. */
export function matchedFraction(matched: number, countA: number, countB: number): number {
  if (countA === 0) return countB === 0 ? 1 : 0;
  return matched / countA;
}

/** Mean rate in Hz of `count` spikes from `neurons` neurons over `steps` steps of `dtMs`. */
export function rateHz(count: number, neurons: number, steps: number, dtMs: number): number {
  const seconds = (steps * dtMs) / 1000;
  return neurons > 0 && seconds > 0 ? count / (neurons * seconds) : 0;
}

/**
 * The working-memory readout of Gordleeva et al. 2021 (the authors' compute_memory_performance;
 * ../shared/research/wm2021-update-order.md §8): spike counts per neuron in a window after each
 * learned digit's test cue, binarised at a threshold and compared with the digit's mask.
 * Pure: reads a recording, never prints; trusts that the recording was checked before.
 */
import type { Recording } from "../hw/recording.js";

/** What to read from the recording; steps are 0-based steps of the recording. */
export interface MemoryPerformanceOptions {
  /** The population whose spikes form the recalled images. */
  readonly population: string;
  /** One mask per learned digit: mask[neuron] = 1 on the digit, 0 on the background. */
  readonly patterns: readonly Uint8Array[];
  /** Per learned digit (same order as `patterns`): the first step of its test cue's input. */
  readonly cueOnsetSteps: readonly number[];
  /** Window length in steps; the authors' be … be + impact_astro is 2501 steps. */
  readonly windowSteps?: number;
  /** Window start relative to the cue's first input step; the authors' readout starts one step before it (−1). */
  readonly startOffset?: number;
  /** Spike-count thresholds to try, in order; a neuron is "on" when its count > θ. Default 1 … 30. */
  readonly thresholds?: readonly number[];
}

export interface MemoryPerformance {
  /** The best mean similarity over the thresholds. */
  readonly performance: number;
  /** The first threshold that attains `performance`. */
  readonly bestThreshold: number;
  /** Similarity per learned digit at `bestThreshold`. */
  readonly perDigit: readonly number[];
  /** Mean similarity per threshold, in the order of `thresholds`. */
  readonly perThreshold: readonly number[];
  /** counts[d][neuron]: spikes in digit d's window (the recalled image before binarising). */
  readonly counts: readonly Int32Array[];
}

export const MEMORY_WINDOW_STEPS = 2501;
export const MEMORY_START_OFFSET = -1;
export const MEMORY_THRESHOLDS: readonly number[] = Array.from({ length: 30 }, (_, i) => i + 1);

/**
 * Similarity of a binary image with a mask: ½·(fraction of background pixels that are 0 +
 * fraction of digit pixels that are 1). A mask without background (or without digit pixels)
 * makes that fraction 0/0 = NaN, as in the authors' code.
 */
export function imageSimilarity(mask: Uint8Array, counts: Int32Array, threshold: number): number {
  let background = 0, digit = 0, backgroundRight = 0, digitRight = 0;
  for (let n = 0; n < mask.length; n++) {
    const on = counts[n] > threshold;
    if (mask[n] === 1) {
      digit++;
      if (on) digitRight++;
    } else {
      background++;
      if (!on) backgroundRight++;
    }
  }
  return (backgroundRight / background + digitRight / digit) / 2;
}

/** Counts each neuron's spikes in [first, first + length) steps, clipped to the recording. */
export function countSpikesInWindow(recording: Recording, population: string, first: number, length: number): Int32Array {
  const record = recording.populations.find((p) => p.id === population);
  if (record === undefined) throw new RangeError(`The recording has no population '${population}'.`);
  const counts = new Int32Array(record.size);
  const train = record.spikes;
  if (train === undefined) return counts;
  const end = first + length;
  // Spikes are sorted by step: binary-search the window's start.
  let lo = 0, hi = train.step.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (train.step[mid] < first) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < train.step.length && train.step[k] < end; k++) counts[train.neuron[k]]++;
  return counts;
}

/** Memory performance as the authors compute it: max over thresholds of the mean similarity. */
export function memoryPerformance(recording: Recording, options: MemoryPerformanceOptions): MemoryPerformance {
  const { population, patterns, cueOnsetSteps } = options;
  const windowSteps = options.windowSteps ?? MEMORY_WINDOW_STEPS;
  const startOffset = options.startOffset ?? MEMORY_START_OFFSET;
  const thresholds = options.thresholds ?? MEMORY_THRESHOLDS;
  if (patterns.length === 0 || patterns.length !== cueOnsetSteps.length) {
    throw new RangeError(`memoryPerformance needs one cue onset per pattern (got ${patterns.length} patterns, ${cueOnsetSteps.length} onsets).`);
  }
  if (thresholds.length === 0) throw new RangeError("memoryPerformance needs at least one threshold.");
  const counts = cueOnsetSteps.map((onset) => countSpikesInWindow(recording, population, onset + startOffset, windowSteps));
  for (const pattern of patterns) {
    if (pattern.length !== counts[0].length) throw new RangeError(`A pattern has ${pattern.length} pixels; population '${population}' has ${counts[0].length} neurons.`);
  }
  const similarityAt = (threshold: number) => patterns.map((mask, d) => imageSimilarity(mask, counts[d], threshold));
  const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const perThreshold = thresholds.map((threshold) => mean(similarityAt(threshold)));
  // MATLAB's max: the first maximum wins.
  let best = 0;
  for (let i = 1; i < perThreshold.length; i++) if (perThreshold[i] > perThreshold[best]) best = i;
  return {
    performance: perThreshold[best],
    bestThreshold: thresholds[best],
    perDigit: similarityAt(thresholds[best]),
    perThreshold,
    counts,
  };
}

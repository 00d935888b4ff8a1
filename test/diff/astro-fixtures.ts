// Hand-made recordings of a small neuron–astrocyte network for the astrocyte diff tests. Every
// metric the tests expect is worked out in the comments from these numbers.
import type { Recording, Trace } from "../../src/hw/recording.js";
import { population, recording, trace, train } from "../recording/fixtures.js";

/** 40 steps of 1 ms, so a step count is also a duration in ms. */
export const STEPS = 40;

/** A 0/1 gate row open on the given half-open step intervals. */
export function gateRow(...intervals: readonly (readonly [number, number])[]): number[] {
  const row = new Array<number>(STEPS).fill(0);
  for (const [start, end] of intervals) for (let t = start; t < end; t++) row[t] = 1;
  return row;
}

const constant = (value: number) => new Array<number>(STEPS).fill(value);
const astroTrace = (variable: string, unit: string, rows: number[][]): Trace => trace(variable, [0, 1, 2, 3], rows, { unit });

/**
 * Four astrocytes. Gates, reference vs other:
 *   a0 [10,20) vs [15,25): ∩ 5, ∪ 15, Jaccard 1/3, one matched interval, onset shift +5
 *   a1 never vs never: Jaccard 1
 *   a2 [5,8) + [30,40) vs [30,40): open 13 vs 10, ∩ 10, Jaccard 10/13; [5,8) unmatched, shift 0
 *   a3 [0,4) vs never: Jaccard 0, opened in the reference only
 * Ca (exact binary fractions, so RMSEs are exact):
 *   a0 0.125 vs 0.125 + 2^-9 at every step: RMSE 2^-9 = 0.001953125
 *   a2 0.25 vs 0.25 + 2^-5 at steps 0..9 (10 of 40): RMSE 2^-5·sqrt(10/40) = 0.015625
 *   a1, a3 equal: RMSE 0
 * IP3 equal everywhere.
 */
export function astroPair(): { a: Recording; b: Recording } {
  const caA = [constant(0.125), constant(0.2), constant(0.25), constant(0.1)];
  const caB = [constant(0.125 + 2 ** -9), constant(0.2), constant(0.25).map((v, t) => (t < 10 ? v + 2 ** -5 : v)), constant(0.1)];
  const ip3 = [constant(0.8), constant(0.8), constant(1.5), constant(0.9)];
  const gateA = [gateRow([10, 20]), gateRow(), gateRow([5, 8], [30, 40]), gateRow([0, 4])];
  const gateB = [gateRow([15, 25]), gateRow(), gateRow([30, 40]), gateRow()];
  const neurons = (pairs: [number, number][]) => population("exc", 4, train(pairs));
  // Territory spikes (map [[0, 1], [1, 2], [3], []], ±1 step):
  //   n0 5 vs 5 (exact); n1 10 vs 11 (within ±1); n2 20 vs none (lost); n3 30 vs 35, 36 (too far).
  const a = recording([
    neurons([[5, 0], [10, 1], [20, 2], [30, 3]]),
    population("astro", 4, undefined, [astroTrace("ca", "µM", caA), astroTrace("ip3", "µM", ip3), astroTrace("gate", "1", gateA)]),
  ], { dtMs: 1, steps: STEPS });
  const b = recording([
    neurons([[5, 0], [11, 1], [35, 3], [36, 3]]),
    population("astro", 4, undefined, [astroTrace("ca", "µM", caB), astroTrace("ip3", "µM", ip3), astroTrace("gate", "1", gateB)]),
  ], { dtMs: 1, steps: STEPS, source: "emulator" });
  return { a, b };
}

export const TERRITORIES = { astro: { population: "exc", neurons: [[0, 1], [1, 2], [3], []] } };

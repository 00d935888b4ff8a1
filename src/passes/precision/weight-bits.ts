/**
 * The error budget (docs/precision.md §5): per static projection, the fewest weight mantissa bits
 * whose relative RMS weight error stays within the budget. On the LIF targets a synapse format's
 * weightBits b < M drops the mantissa's low p = M − b bits (toward zero, effectiveWeight), so the
 * realisable weights are the multiples of 2^p mantissa units: the grid coarsens by 2 per bit.
 */
import type { WeightBitsChoice } from "../stages.js";

/** The weight errors of one projection quantized with a given number of bits. */
export interface WeightErrors {
  /** sqrt(Σ (w_eff − w_hw)² / Σ w_hw²) over the projection's synapses, hardware units. */
  readonly achieved: number;
  /** The uniform-rounding estimate: grid step Δ/√12 over the RMS requested weight. */
  readonly predicted: number;
}

/**
 * Tries 1, 2, … fullBits bits and keeps the first whose exact error meets `budget` (the error
 * shrinks as bits are added, but rounding may make a smaller width meet it where the estimate says
 * no, so every width is checked rather than trusting the estimate). With none meeting it, all bits.
 */
export function chooseWeightBits<R extends WeightErrors>(
  projection: string,
  fullBits: number,
  budget: number,
  quantizeWith: (bits: number) => R,
): { readonly result: R; readonly choice: WeightBitsChoice } {
  for (let bits = 1; bits < fullBits; bits++) {
    const result = quantizeWith(bits);
    if (result.achieved <= budget) return { result, choice: choiceOf(projection, fullBits, bits, result, budget) };
  }
  const result = quantizeWith(fullBits);
  return { result, choice: choiceOf(projection, fullBits, fullBits, result, budget) };
}

function choiceOf(projection: string, fullBits: number, bits: number, errors: WeightErrors, budget: number): WeightBitsChoice {
  return { projection, fullBits, bits, predicted: errors.predicted, achieved: errors.achieved, meets: errors.achieved <= budget };
}

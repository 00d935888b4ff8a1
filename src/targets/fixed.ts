/**
 * Integer arithmetic as a target does it, one named function per rounding rule, so that a
 * target file names the rule its hardware uses (docs/semantics-integer.md). Inputs are integers
 * (or exact binary fractions) held in doubles; every result is exact while magnitudes stay
 * below 2^53, which the target loader guarantees for in-range registers (rule TP2106).
 * No function here allocates except applyOverflow's small result object.
 */
import type { LifSemantics, Register, Rounding } from "./types.js";

/** Turns -0 into 0 so that results compare equal with Object.is and toEqual. */
function clean(value: number): number {
  return value === 0 ? 0 : value;
}

/** Arithmetic right shift: value / 2^shift rounded toward minus infinity (the hardware `>>`). */
export function shiftRightFloor(value: number, shift: number): number {
  return clean(Math.floor(value / 2 ** shift));
}

/** value / 2^shift rounded toward zero: the magnitude shifted, the sign put back (sign-magnitude `>>`). */
export function shiftRightTowardZero(value: number, shift: number): number {
  return clean(Math.trunc(value / 2 ** shift));
}

/** value / 2^shift rounded to nearest, ties away from zero. */
export function shiftRightHalfAway(value: number, shift: number): number {
  const magnitude = Math.floor(Math.abs(value) / 2 ** shift + 0.5);
  return clean(value < 0 ? -magnitude : magnitude);
}

/** value / 2^shift rounded per `rounding`; `shift` may be 0 and `value` an exact binary fraction. */
export function shiftRight(value: number, shift: number, rounding: Rounding): number {
  switch (rounding) {
    case "toward-zero":
      return shiftRightTowardZero(value, shift);
    case "floor":
      return shiftRightFloor(value, shift);
    case "half-away":
      return shiftRightHalfAway(value, shift);
  }
}

/**
 * Integer division truncated toward zero (C's `/`). Exact for |numerator| < 2^53 and a positive
 * integer divisor: a non-integer quotient is at least 1/divisor away from an integer, more than
 * the rounding error of the double division.
 */
export function divideTowardZero(numerator: number, divisor: number): number {
  return clean(Math.trunc(numerator / divisor));
}

/**
 * Decays `x` by the factor (2^bits - d) / 2^bits with the named rounding:
 *   "toward-zero": sign(x)·floor(|x|·(2^bits - d) / 2^bits)   (Loihi, Lava, Brian2Loihi)
 *   "floor":       floor(x·(2^bits - d) / 2^bits)
 *   "half-away":   sign(x)·floor((|x|·(2^bits - d) + 2^(bits-1)) / 2^bits)
 * `d` is the effective decay (register value plus the target's offset), 0 ≤ d ≤ 2^bits.
 */
export function decay(x: number, d: number, bits: number, rounding: Rounding): number {
  return shiftRight(x * (2 ** bits - d), bits, rounding);
}

/**
 * The shift decay of XyloSim (`decay` in XyloIAFNeuron.cpp): x - (x >> dash), where `>>` is the
 * arithmetic shift (floor) and a shift that gives 0 for a nonzero x is replaced by sign(x), so
 * that small values still reach 0, by 1 per step (the linear tail). Only a positive x below
 * 2^dash takes the tail: floor of a negative quotient is already at most -1. 0 stays 0.
 */
export function shiftDecay(x: number, dash: number): number {
  const step = Math.floor(x / 2 ** dash);
  return clean(x - (step === 0 && x !== 0 ? Math.sign(x) : step));
}

/** Clamps to [min, max]. */
export function saturate(value: number, min: number, max: number): number {
  return value > max ? max : value < min ? min : value;
}

/**
 * Wraps into [min, max] modulo m = max - min + 1: value - m·floor((value - min) / m).
 * With min = -2^23, max = 2^23 - 1 this is 24-bit two's complement; Lava's u uses
 * min = -2^23 + 1, max = 2^23 (values > 2^23 lose 2^24, values ≤ -2^23 gain 2^24).
 */
export function wrap(value: number, min: number, max: number): number {
  const modulus = max - min + 1;
  return clean(value - modulus * Math.floor((value - min) / modulus));
}

/** One correction by m = max - min + 1 toward the range (Lava's u: "u[u > max] -= m; u[u < min] += m"). */
export function wrapOnce(value: number, min: number, max: number): number {
  const modulus = max - min + 1;
  return value > max ? value - modulus : value < min ? value + modulus : value;
}

/** A value after the register's overflow rule, and whether it was outside [min, max] before. */
export interface OverflowResult {
  readonly value: number;
  readonly overflowed: boolean;
}

/**
 * Applies the register's overflow rule. `overflowed` is true when the input lay outside
* [min, max]: it was wrapped ("wrap", "wrap-once"), clamped ("saturate") or left out of range ("none").
 */
export function applyOverflow(value: number, register: Register): OverflowResult {
  const overflowed = value < register.min || value > register.max;
  if (!overflowed) return { value, overflowed };
  switch (register.overflow) {
    case "wrap":
      return { value: wrap(value, register.min, register.max), overflowed };
    case "wrap-once":
      return { value: wrapOnce(value, register.min, register.max), overflowed };
    case "saturate":
      return { value: saturate(value, register.min, register.max), overflowed };
    case "none":
      return { value, overflowed };
  }
}

/** How a synapse's stored mantissa becomes a weight (structurally a hw SynapseFormat). */
export interface WeightFormat {
  readonly signMode: "excitatory" | "inhibitory" | "mixed";
  readonly weightBits: number;
  readonly exponent: number;
}

/** Precision shift p of a format: weight.mantissaBits - weightBits, one more in mixed mode (the sign bit). */
export function precisionShift(format: WeightFormat, weight: LifSemantics["weight"]): number {
  return weight.mantissaBits - format.weightBits + (format.signMode === "mixed" ? 1 : 0);
}

/**
 * The amount one spike through a synapse adds to u (Brian2Loihi loihi_synapses.py, nengo-loihi
 * discretize):
 *   wt    = trunc_toward_zero(w / 2^p)·2^p                           (precision, p = precisionShift)
 *   w_eff = round_{weight.rounding}(wt·2^(shift + exponent) / 2^shift)·2^shift
 *   clipped to ±weight.clip.
 * With "floor" rounding a negative weight may round away from zero while its mirror rounds
 * toward it: exponent -8 maps +37 to 0 and -37 to -64.
 */
export function effectiveWeight(mantissa: number, format: WeightFormat, weight: LifSemantics["weight"]): number {
  const p = precisionShift(format, weight);
  const truncated = shiftRightTowardZero(mantissa, p) * 2 ** p;
  const scaled = truncated * 2 ** (weight.shift + format.exponent);
  const rounded = shiftRight(scaled, weight.shift, weight.rounding) * 2 ** weight.shift;
  return clean(saturate(rounded, -weight.clip, weight.clip));
}

/** Effective bias: mantissa << exponent (an arithmetic right shift for a negative exponent). */
export function bias(mantissa: number, exponent: number): number {
  return exponent >= 0 ? mantissa * 2 ** exponent : shiftRightFloor(mantissa, -exponent);
}

/** Effective threshold: mantissa << shift. */
export function threshold(mantissa: number, shift: number): number {
  return mantissa * 2 ** shift;
}

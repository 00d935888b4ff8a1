/**
 * Integer semantics of on-chip learning, stated in a target file's `learning` section and copied
 * into every config that learns (docs/semantics-learning.md has the step, operation by
 * operation). Shape of the learning engine, in the style of Loihi's (Davies et al. 2018):
 * per-neuron pre and post traces of `trace.bits` unsigned bits decayed every step with
 * `trace.decayBits`-bit factors; per-synapse accumulators of Δw in units of 2^-accumulator.fractionBits
 * of a weight mantissa LSB; weights written every `epoch` steps with the stated rounding, whose
 * stochastic form draws from a per-projection xorshift32 generator the emulator reproduces.
 */
import type { Pairing, PlasticityRuleKind } from "../ir/plasticity-types.js";

export type TraceRounding = "toward-zero" | "stochastic";

/** Spikes an all_to_all trace holds before it saturates when the target does not say (Loihi-style: impulse 2^(bits − 2)). */
export const DEFAULT_TRACE_PILE_UP = 4;
export type UpdateRounding = "stochastic" | "nearest" | "floor";

export interface LearningSemantics {
  /** Rules, pairings and Gütig exponents μ the engine computes; anything else is refused at compile time. */
  readonly rules: readonly PlasticityRuleKind[];
  readonly pairings: readonly Pairing[];
  readonly boundExponents: readonly number[]; // e.g. [0, 1]: additive and multiplicative
  readonly astrocyteModulation: boolean;
  /**
   * Traces: unsigned, saturating at 2^bits − 1; x ← x − round(x·d / 2^decayBits) every step. An
   * all_to_all spike adds 2^bits / pileUp, so `pileUp` spikes fill the trace (default
   * DEFAULT_TRACE_PILE_UP; a power of two from 2 to 2^bits).
   */
  readonly trace: { readonly bits: number; readonly decayBits: number; readonly rounding: TraceRounding; readonly pileUp?: number };
  /** Weights are written every `epoch` steps; the compiler takes `default` unless asked, at most `max`. */
  readonly epoch: { readonly default: number; readonly max: number };
  /** Per-synapse Δw accumulator (and eligibility): signed, saturating at ±(2^(bits−1) − 1). */
  readonly accumulator: { readonly bits: number; readonly fractionBits: number };
  /** The third-factor modulator n: signed, saturating, Q.fractionBits; decays like traces (toward zero). */
  readonly modulator: { readonly bits: number; readonly fractionBits: number; readonly decayBits: number };
  /** Eligibility decay factor width (applied once per epoch, toward zero). */
  readonly eligibility: { readonly decayBits: number };
  /** How an accumulated Δw becomes whole mantissa steps at the epoch's end. */
  readonly rounding: UpdateRounding;
  /** Plastic weight mantissas: at most this many bits of magnitude. */
  readonly weightBits: number;
}

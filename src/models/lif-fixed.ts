/**
 * The integer CUBA LIF compartment (docs/semantics-integer.md), in two forms:
 *  - per-value helpers (nextCurrent, nextVoltage, crossesThreshold) written straight from the
 *    equations on top of targets/fixed.ts: the scalar interpreter uses them;
 *  - updateLifCore, the allocation-free typed-array kernel the fast emulator runs per core and step.
 * The differential test holds the two equal to the bit. Per compartment c, channel k, step t:
 *   u_k = overflow_u( D(u_k, du_k + currentOffset) + acc_k )     (no D at t = 0 with "carry")
 *   if refr > 0: refr -= 1 (v held)
 *   else v = overflow_v( D(v, dv + voltageOffset) + Σ_k u_k + (biasMant << biasExp) ),
 *        spike if v > (or ≥) vthMant << shift: v = 0, refr = refractory
 *   D(x, d) = round(x·(2^bits - d) / 2^bits) per decay.rounding.
 */
import { applyOverflow, bias, decay, threshold, type OverflowResult } from "../targets/fixed.js";
import type { LifSemantics, OverflowMode, Register } from "../targets/types.js";

/** The overflow counter name of a register: "u.wrap", "v.saturate", or "u.out-of-range" for "none". */
export function overflowKey(variable: "u" | "v", register: Register): string {
  return `${variable}.${register.overflow === "none" ? "out-of-range" : register.overflow}`;
}

/** Whether the current decay is skipped at `step` (the initial current enters step 0 undecayed). */
export function skipsCurrentDecay(step: number, semantics: LifSemantics): boolean {
  return step === 0 && semantics.initialCurrent === "carry";
}

/** Step 2: one channel's current after decay and this step's synaptic input. */
export function nextCurrent(u: number, du: number, input: number, step: number, semantics: LifSemantics): OverflowResult {
  const { bits, rounding, currentOffset } = semantics.decay;
  const decayed = skipsCurrentDecay(step, semantics) ? u : decay(u, du + currentOffset, bits, rounding);
  return applyOverflow(decayed + input, semantics.u);
}

/** Step 3 (not refractory): the voltage after decay, the summed current and the bias, before the threshold. */
export function nextVoltage(
  v: number,
  dv: number,
  currentSum: number,
  biasMant: number,
  biasExp: number,
  semantics: LifSemantics,
): OverflowResult {
  const { bits, rounding, voltageOffset } = semantics.decay;
  return applyOverflow(decay(v, dv + voltageOffset, bits, rounding) + currentSum + bias(biasMant, biasExp), semantics.v);
}

/** Step 4: whether a (non-refractory) voltage fires. */
export function crossesThreshold(v: number, vthMant: number, semantics: LifSemantics): boolean {
  const vth = threshold(vthMant, semantics.threshold.shift);
  return semantics.threshold.compare === ">" ? v > vth : v >= vth;
}

/** Numeric codes of the kernel's run-time switches (resolved once per run, not per value). */
const ROUNDING_CODE = { "toward-zero": 0, floor: 1, "half-away": 2 } as const;
const OVERFLOW_CODE: Record<OverflowMode, number> = { none: 0, wrap: 1, saturate: 2 };

/** Constants of the semantics in the form the kernel reads them. */
export interface LifKernelConstants {
  readonly channels: number;
  readonly rounding: number; // ROUNDING_CODE
  readonly scale: number; // 2^-bits, exact
  readonly half: number; // 2^(bits-1), for half-away
  readonly uMode: number; // OVERFLOW_CODE
  readonly uMin: number;
  readonly uMax: number;
  readonly vMode: number;
  readonly vMin: number;
  readonly vMax: number;
  readonly strict: boolean; // compare ">"
  readonly carry: boolean; // initialCurrent "carry"
}

/** Resolves the semantics once into the kernel's constants. */
export function kernelConstants(semantics: LifSemantics): LifKernelConstants {
  return {
    channels: semantics.currentChannels,
    rounding: ROUNDING_CODE[semantics.decay.rounding],
    scale: 2 ** -semantics.decay.bits,
    half: 2 ** (semantics.decay.bits - 1),
    uMode: OVERFLOW_CODE[semantics.u.overflow],
    uMin: semantics.u.min,
    uMax: semantics.u.max,
    vMode: OVERFLOW_CODE[semantics.v.overflow],
    vMin: semantics.v.min,
    vMax: semantics.v.max,
    strict: semantics.threshold.compare === ">",
    carry: semantics.initialCurrent === "carry",
  };
}

/**
 * State and precomputed parameters of one core's compartments. Per-channel arrays are indexed
 * c·channels + k. Factors are 2^bits - d_eff, biases and thresholds already shifted.
 */
export interface LifCoreArrays {
  readonly count: number;
  readonly u: Float64Array;
  readonly v: Float64Array;
  /** The voltage compared with the threshold this step (the held value while refractory). */
  readonly vPreReset: Float64Array;
  readonly refractoryLeft: Int32Array;
  readonly uFactor: Float64Array;
  readonly vFactor: Float64Array;
  readonly bias: Float64Array;
  readonly threshold: Float64Array;
  readonly refractory: Int32Array;
}

/** Overflow counters the kernel increments: [u events, v events]. */
export type OverflowCounters = Float64Array;

/**
 * Decays x by factor/2^bits with the run's rounding. `scale` = 2^-bits, so x·factor·scale is
 * the exact quotient; Math.floor of it is the exact floor.
 */
function decayFast(x: number, factor: number, k: LifKernelConstants): number {
  if (k.rounding === 0) return x >= 0 ? Math.floor(x * factor * k.scale) : -Math.floor(-x * factor * k.scale);
  if (k.rounding === 1) return Math.floor(x * factor * k.scale);
  return x >= 0 ? Math.floor((x * factor + k.half) * k.scale) : -Math.floor((-x * factor + k.half) * k.scale);
}

/**
 * Updates every compartment of one core for one step and writes the local indices of the
 * compartments that fired into `fired`; returns how many fired. `input` holds this step's
 * accumulated weights at `inputOffset + c·channels + k`; the kernel reads and clears them.
 * Allocation-free.
 */
export function updateLifCore(
  core: LifCoreArrays,
  k: LifKernelConstants,
  input: Float64Array,
  inputOffset: number,
  step: number,
  fired: Int32Array,
  overflow: OverflowCounters,
): number {
  const { count, u, v, vPreReset, refractoryLeft, uFactor, vFactor, bias: biasArr, threshold: vth, refractory } = core;
  const channels = k.channels;
  const skipDecay = k.carry && step === 0;
  let firedCount = 0;
  for (let c = 0; c < count; c++) {
    let currentSum = 0;
    for (let j = c * channels, end = j + channels; j < end; j++) {
      let x = skipDecay ? u[j] : decayFast(u[j], uFactor[j], k);
      x += input[inputOffset + j];
      input[inputOffset + j] = 0;
      if (x < k.uMin || x > k.uMax) {
        overflow[0]++;
        if (k.uMode === 1) {
          const m = k.uMax - k.uMin + 1;
          x -= m * Math.floor((x - k.uMin) / m);
        } else if (k.uMode === 2) {
          x = x > k.uMax ? k.uMax : k.uMin;
        }
      }
      u[j] = x;
      currentSum += x;
    }
    if (refractoryLeft[c] > 0) {
      refractoryLeft[c]--;
      vPreReset[c] = v[c];
      continue;
    }
    let y = decayFast(v[c], vFactor[c], k) + currentSum + biasArr[c];
    if (y < k.vMin || y > k.vMax) {
      overflow[1]++;
      if (k.vMode === 1) {
        const m = k.vMax - k.vMin + 1;
        y -= m * Math.floor((y - k.vMin) / m);
      } else if (k.vMode === 2) {
        y = y > k.vMax ? k.vMax : k.vMin;
      }
    }
    vPreReset[c] = y;
    if (k.strict ? y > vth[c] : y >= vth[c]) {
      y = 0;
      refractoryLeft[c] = refractory[c];
      fired[firedCount++] = c;
    }
    v[c] = y;
  }
  return firedCount;
}

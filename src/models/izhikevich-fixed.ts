/**
 * The integer Izhikevich neuron unit, glutamate trace and sigmoid synapse table of glia-core
 * (docs/semantics-glia.md §A): the constants the lowering computes, and one plain function per
 * formula, which the scalar interpreter calls and the fast emulator inlines. `>>` is the target's
 * rounding of a right shift (glia-core: half up; `shr`), except the glutamate decay, which always
 * floors; every product stays below 2^53 for stateBits ≤ 24 and constantFrac ≤ 24 (loader rule TP2111).
 *   reset:  V ≥ peak: V ← cReset, U ← sat(U + d)
 *   V ← sat(V + ((k004·(((V − vCentre)·(V − vCentre)) >> f) + k5·V − kI·U) >> c) + ((kI·I) >> (c + i − f)) + k140)
 *       (V, U in Q.f; the input current I in its own Q.i, aligned into Q.f inside kI's product)
 *   U ← sat(U + ((ka·(((kb·V) >> c) − U)) >> c))       (new V)
 *   V ← min(V, peak);  spiked: V > spikeThreshold;  atPeak: V == peak
 *   G ← clamp(floor((G·(2^c − decay)) / 2^c) + (release ? increment : 0), 0, 2^bits − 1)
 */
import type { GlutamateSpec, IzhikevichParams } from "../ir/types.js";
import type { GliaRounding, GliaSemantics } from "../targets/glia-types.js";
import { buildLut, type GliaLut } from "./glia-lut.js";

/** Raw constants of one Izhikevich group (the GliaNeuronGroup fields of the same names). */
export interface IzhikevichConstants {
  readonly vCentre: number; // Q.frac: the centre vc of the completed square, −5/(2·0.04) = −62.5 mV
  readonly k004: number; // Q.c: dt·0.04
  readonly k5: number; // Q.c: dt·(5 + 0.08·vc), 0 at vc = −62.5 mV
  readonly k140: number; // Q.frac: dt·(140 − 0.04·vc²), dt·(−16.25) at vc = −62.5 mV
  readonly kI: number; // Q.c: dt
  readonly ka: number; // Q.c: dt·a
  readonly kb: number; // Q.c: b
  readonly cReset: number; // Q.frac
  readonly d: number; // Q.frac
  readonly peak: number; // Q.frac
  readonly spikeThreshold: number; // Q.frac
  readonly inputClip: number | null; // Q.iFrac (the current's format)
}

/** The centre of the completed square, mV: where 0.04·V² + 5·V has its minimum, −5/(2·0.04). */
export const IZHIKEVICH_CENTRE_MV = -5 / (2 * 0.04);

/**
 * The constants for time step dtMs (ms: the model's time unit), state format Q.frac, constants
 * Q.constantFrac, input clip in the current's Q.iFrac (default: frac). The quadratic is evaluated around vc, the realised vCentre:
 * 0.04·V² + 5·V + 140 = 0.04·(V − vc)² + (5 + 0.08·vc)·V + (140 − 0.04·vc²) for every vc. Around
 * V ≈ −60 mV the terms 0.04·V², 5·V and 140 are 144, −300 and 140 and nearly cancel, so the
 * rounding error of k004 (≈ 2e−6 relative) would cost ≈ 3e−5 mV per step; around vc the square
 * is small and k5 is 0. The centre is centreMv when given; otherwise −62.5 mV, unless Q.frac
 * realises k140 less exactly there than at vc = 0 (frac < 3 at dt = 0.1 ms: k140 = −1.625·2^frac).
 */
export function izhikevichConstants(params: IzhikevichParams, dtMs: number, frac: number, constantFrac: number, centreMv?: number, iFrac = frac): IzhikevichConstants {
  const q = (x: number) => Math.round(x * 2 ** frac);
  const k = (x: number) => Math.round(x * 2 ** constantFrac);
  const around = (vCentre: number): IzhikevichConstants => {
    const vc = vCentre / 2 ** frac; // the realised centre, so that the identity above holds exactly
    return {
      vCentre,
      k004: k(dtMs * 0.04),
      k5: k(dtMs * (5 + 0.08 * vc)),
      k140: q(dtMs * (140 - 0.04 * vc * vc)),
      kI: k(dtMs),
      ka: k(dtMs * params.a),
      kb: k(params.b),
      cReset: q(params.c),
      d: q(params.d),
      peak: q(params.v_peak),
      spikeThreshold: q(params.spike_threshold),
      inputClip: params.input_clip === null ? null : Math.round(params.input_clip * 2 ** iFrac),
    };
  };
  if (centreMv !== undefined) return around(q(centreMv));
  const centred = around(q(IZHIKEVICH_CENTRE_MV));
  const plain = around(0);
  const miss = (c: IzhikevichConstants) => Math.abs(c.k140 - dtMs * (140 - 0.04 * (c.vCentre / 2 ** frac) ** 2) * 2 ** frac);
  return miss(centred) <= miss(plain) ? centred : plain;
}

/** Raw glutamate constants: decay = dt·rate in Q.c, increment = dt·release_rate in the trace's Q.frac (dt in s). */
export function glutamateConstants(
  spec: GlutamateSpec,
  dtMs: number,
  frac: number,
  constantFrac: number,
): { readonly frac: number; readonly decay: number; readonly increment: number; readonly release: "at_peak" | "spiking" } {
  const dtS = dtMs / 1000;
  return { frac, decay: Math.round(dtS * spec.decay_rate * 2 ** constantFrac), increment: Math.round(dtS * spec.release_rate * 2 ** frac), release: spec.release };
}

/** Signed saturation to `bits` bits. */
export function saturateSigned(x: number, bits: number): number {
  const max = 2 ** (bits - 1) - 1;
  return x > max ? max : x < -max - 1 ? -max - 1 : x;
}

/** Whether saturateSigned changes x. */
export function exceedsSigned(x: number, bits: number): boolean {
  const max = 2 ** (bits - 1) - 1;
  return x > max || x < -max - 1;
}

/** What `>>` adds before flooring: 2^(s−1) when rounding half up (s ≥ 1), else 0. */
export function shiftBias(s: number, rounding: GliaRounding): number {
  return rounding === "half-up" && s > 0 ? 2 ** (s - 1) : 0;
}

/**
 * The target's `>>`: floor((x + bias) / 2^s), bias = 2^(s−1) for "half-up" (round half up: one
 * adder before the shifter, unbiased except at exact ties), 0 for "floor" (an arithmetic shift).
 * Exact while |x| + 2^(s−1) ≤ 2^53.
 */
export function shr(x: number, s: number, rounding: GliaRounding): number {
  return Math.floor((x + shiftBias(s, rounding)) / 2 ** s);
}

/**
 * The unsaturated new V (§A.4): the quadratic around vCentre, V and U in Q.frac, the input I in
 * Q.iFrac. I enters through its own product kI·I shifted by c + iFrac − frac, which aligns it into
 * V's format with one rounding and keeps its fractional bits until after the multiplication by dt;
 * the product stays below 2^(c + stateBits − 1) ≤ 2^47 whatever the two formats (aligning I into
 * Q.frac first would multiply it by 2^(frac − iFrac) before kI's product).
 */
export function izhikevichVoltage(v: number, u: number, input: number, k: IzhikevichConstants, frac: number, iFrac: number, constantFrac: number, rounding: GliaRounding): number {
  const offset = v - k.vCentre;
  const square = shr(offset * offset, frac, rounding);
  return v + shr(k.k004 * square + k.k5 * v - k.kI * u, constantFrac, rounding) + shr(k.kI * input, constantFrac + iFrac - frac, rounding) + k.k140;
}

/** The unsaturated new U from the new V (§A.5). */
export function izhikevichRecovery(u: number, vNew: number, k: IzhikevichConstants, constantFrac: number, rounding: GliaRounding): number {
  return u + shr(k.ka * (shr(k.kb * vNew, constantFrac, rounding) - u), constantFrac, rounding);
}

/**
 * The unclamped new G (§A.7). The decay multiplies G by (1 − dt·rate) and floors the product
 * whatever the target's rounding, so a positive G loses at least one LSB per step and reaches 0.
 * Rounded half up it would stall wherever G·decay ≤ 2^(c−1) (G = 1 stays 1 for any decay ≤ ½),
 * and the subtractive form G − ((decay·G) >> c) wherever decay·G < 2^c (below ~1 µM for WM2021
 * at Q.10): either way the trace would never return to 0.
 */
export function glutamateNext(g: number, release: boolean, decay: number, increment: number, constantFrac: number): number {
  return shr(g * (2 ** constantFrac - decay), constantFrac, "floor") + (release ? increment : 0);
}

/**
 * (a·b) >> s with the target's rounding, exact for all integers a, b whose result is below 2^53,
 * although a·b itself may exceed 2^53. Below 2^52 the product is exact as it stands; for
 * |a| < 2^52, |b| < 2^26, s ≤ 51, a is split at 2^26 and the two partial products are shifted
 * separately, the bias added to the low part; wider operands (32-bit astrocyte states, rare
 * outside saturation) go through BigInt.
 */
export function mulShr(a: number, b: number, s: number, rounding: GliaRounding): number {
  const bias = shiftBias(s, rounding);
  const product = a * b;
  if (product < 2 ** 52 && product > -(2 ** 52)) return Math.floor((product + bias) / 2 ** s);
  if (b >= 2 ** 26 || b <= -(2 ** 26) || a >= 2 ** 52 || a <= -(2 ** 52) || s > 51) {
    const wide = BigInt(a) * BigInt(b) + BigInt(bias);
    return Number(s >= 0 ? wide >> BigInt(s) : wide << BigInt(-s)); // BigInt >> floors
  }
  const high = Math.floor(a / 2 ** 26);
  const low = a - high * 2 ** 26; // 0 ≤ low < 2^26
  const p1 = high * b; // a·b = p1·2^26 + low·b
  const p2 = low * b + bias; // |p2| < 2^52 + 2^51
  if (s < 26) return p1 * 2 ** (26 - s) + Math.floor(p2 / 2 ** s);
  const q = Math.floor(p1 / 2 ** (s - 26));
  const r = p1 - q * 2 ** (s - 26); // 0 ≤ r < 2^(s − 26), so r·2^26 < 2^s
  return q + Math.floor((r * 2 ** 26 + p2) / 2 ** s);
}

/** The sigmoid S(V) = 1/(1 + exp(−V/k)) for slope kMv (mV). */
export const sigmoid = (kMv: number) => (v: number) => 1 / (1 + Math.exp(-v / kMv));

/**
 * The sigmoid table of a conductance synapse for V in Q.vFrac: output frac = table bits − 1
 * (S < 1 fits the signed entry), x0 = the largest raw V where S(V) still rounds to 0
 * (S < 2^−(sFrac+1)), so a presynaptic neuron below x0 sends nothing and what it drops is
 * below half an output LSB; the domain [x0, −x0] is symmetric, above it S is the last entry.
 */
export function sigmoidLut(kMv: number, vFrac: number, semantics: GliaSemantics): GliaLut {
  const { entries, bits, interpolation } = semantics.synapse.sigmoid;
  const sFrac = bits - 1;
  const fn = sigmoid(kMv);
  // S(x) < 2^−(sFrac+1)  ⇔  x < −k·ln(2^(sFrac+1) − 1)
  const edge = -kMv * Math.log(2 ** (sFrac + 1) - 1);
  const x0 = Math.floor(edge * 2 ** vFrac) / 2 ** vFrac;
  return buildLut("sigmoid", fn, x0, -x0, entries, vFrac, sFrac, interpolation, bits);
}

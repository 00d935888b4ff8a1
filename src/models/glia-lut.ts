/**
 * One-dimensional look-up tables of the glia-core target (docs/semantics-glia.md §Tables): how a
 * table is built from a function, how the hardware evaluates it on a raw integer input (clamped
 * domain, linear interpolation with a floor shift, or nearest entry), and its measured error.
 * Evaluation is integer-only and allocation-free; building is done once by the lowering.
 */

/** A function by table: y(x) for x_raw in [x0, x0 + (entries − 1)·2^shift], clamped outside. */
export interface GliaLut {
  readonly name: string; // e.g. "sigmoid", "m3", "n3", "pump", "influx", "plc", "q2", "sic"
  readonly x0: number; // raw input of entry 0
  readonly shift: number; // entry spacing 2^shift in raw input units
  readonly values: Int32Array; // raw outputs in Q.frac
  readonly frac: number; // fractional bits of the outputs
  readonly interpolation: "linear" | "nearest";
  /** Largest |table − exact| over the domain, in physical units, measured by the lowering. */
  readonly maxError: number;
}

/**
 * The table's raw output for raw input x:
 *   d = x − x0; below the domain: values[0]; at or past the last entry: values[n − 1];
 *   linear:  i = d >> shift, r = d − (i << shift), y = values[i] + (((values[i+1] − values[i])·r) >> shift)
 *   nearest: i = (d + 2^(shift−1)) >> shift (shift 0: i = d), clamped, y = values[i]
 * `>>` is floor; every product is below 2^53 for tables of ≤ 2^26-spaced, ≤ 26-bit entries.
 */
export function evaluateLut(lut: GliaLut, x: number): number {
  const values = lut.values;
  const last = values.length - 1;
  const d = x - lut.x0;
  if (d <= 0) return values[0];
  const spacing = 2 ** lut.shift;
  if (lut.interpolation === "nearest") {
    const i = lut.shift === 0 ? d : Math.floor((d + spacing / 2) / spacing);
    return values[i > last ? last : i];
  }
  const i = Math.floor(d / spacing);
  if (i >= last) return values[last];
  const r = d - i * spacing;
  const y0 = values[i];
  return y0 + Math.floor(((values[i + 1] - y0) * r) / spacing);
}

/** The largest fractional bit count whose table of ±maxAbs fits `bits` signed bits. */
export function lutOutputFrac(maxAbs: number, bits: number): number {
  const limit = 2 ** (bits - 1) - 1;
  let frac = 0;
  while (frac < 40 && Math.round(maxAbs * 2 ** (frac + 1)) <= limit) frac++;
  return frac;
}

/** Raw input of entry i. */
export function lutInput(lut: GliaLut, i: number): number {
  return lut.x0 + i * 2 ** lut.shift;
}

/**
 * Tabulates fn over [lo, hi] (physical input units) with `entries` points: x0 = floor(lo·2^inputFrac),
 * spacing the smallest power of two that reaches hi, values round(fn(x)·2^outputFrac) clamped to
 * `bits` signed bits when given. maxError is measured on up to 16 evenly spaced raw inputs per
 * interval plus every entry (physical output units).
 */
export function buildLut(
  name: string,
  fn: (x: number) => number,
  lo: number,
  hi: number,
  entries: number,
  inputFrac: number,
  outputFrac: number,
  interpolation: "linear" | "nearest",
  bits?: number,
): GliaLut {
  const x0 = Math.floor(lo * 2 ** inputFrac);
  const span = Math.ceil(hi * 2 ** inputFrac) - x0;
  let shift = 0;
  while ((entries - 1) * 2 ** shift < span) shift++;
  const limit = bits === undefined ? Infinity : 2 ** (bits - 1) - 1;
  const values = new Int32Array(entries);
  for (let i = 0; i < entries; i++) {
    const y = Math.round(fn((x0 + i * 2 ** shift) / 2 ** inputFrac) * 2 ** outputFrac);
    values[i] = y > limit ? limit : y < -limit ? -limit : y;
  }
  const table: GliaLut = { name, x0, shift, values, frac: outputFrac, interpolation, maxError: 0 };
  return { ...table, maxError: measureLutError(table, fn, inputFrac) };
}

/** Largest |table(x) − fn(x)| in physical output units over sample inputs of every interval. */
export function measureLutError(lut: GliaLut, fn: (x: number) => number, inputFrac: number): number {
  const spacing = 2 ** lut.shift;
  const samples = Math.min(16, spacing);
  let worst = 0;
  for (let i = 0; i < lut.values.length; i++) {
    const base = lut.x0 + i * spacing;
    const count = i === lut.values.length - 1 ? 1 : samples;
    for (let k = 0; k < count; k++) {
      const x = base + Math.floor((k * spacing) / samples);
      const error = Math.abs(evaluateLut(lut, x) / 2 ** lut.frac - fn(x / 2 ** inputFrac));
      if (error > worst) worst = error;
    }
  }
  return worst;
}

/**
 * evaluateLut with the spacing and its reciprocal precomputed, for the fast emulator's inner
 * loops. Scaling by a power of two is exact in binary floating point, so x·2^−shift equals
 * x / 2^shift and floors identically. Must equal evaluateLut to the bit.
 */
export class LutEvaluator {
  private readonly values: Int32Array;
  private readonly x0: number;
  private readonly last: number;
  private readonly spacing: number;
  private readonly inverse: number;
  private readonly half: number;
  private readonly linear: boolean;

  constructor(lut: GliaLut) {
    this.values = lut.values;
    this.x0 = lut.x0;
    this.last = lut.values.length - 1;
    this.spacing = 2 ** lut.shift;
    this.inverse = 2 ** -lut.shift;
    this.half = lut.shift === 0 ? 0 : this.spacing / 2;
    this.linear = lut.interpolation === "linear";
  }

  at(x: number): number {
    const values = this.values;
    const d = x - this.x0;
    if (d <= 0) return values[0];
    if (!this.linear) {
      const i = Math.floor((d + this.half) * this.inverse);
      return values[i > this.last ? this.last : i];
    }
    const i = Math.floor(d * this.inverse);
    if (i >= this.last) return values[this.last];
    const y0 = values[i];
    return y0 + Math.floor((values[i + 1] - y0) * (d - i * this.spacing) * this.inverse);
  }
}

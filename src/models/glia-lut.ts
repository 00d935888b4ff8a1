/**
 * One-dimensional look-up tables of the glia-core target (docs/semantics-glia.md §Tables): how a
 * table is built from a function, how the hardware evaluates it on a raw integer input (clamped
 * domain, uniform or octave-spaced entries, linear interpolation with a floor shift, or nearest
 * entry), and its measured error. Evaluation is integer-only and allocation-free; building is
 * done once by the lowering.
 */

/** How a table's entries are placed over its input (docs/semantics-glia.md §Tables). */
export type LutSpacing = "uniform" | "octave";

/**
 * A function by table, over d = x_raw − x0 (clamped below 0 and at the end of the domain).
 * "uniform": entry i at d = i·2^shift, the domain ends at (n − 1)·2^shift.
 * "octave" (floating-point indexing): M = 2^segmentBits entries per segment, S = (n − 1)/M
 * segments; segment 0 covers d ∈ [0, 2^(shift+segmentBits)) with spacing 2^shift, segment s ≥ 1
 * covers the octave [2^(shift+segmentBits+s−1), 2^(shift+segmentBits+s)) with spacing
 * 2^(shift+s−1); the domain ends at 2^(shift+segmentBits+S−1), the last entry.
 */
export interface GliaLut {
  readonly name: string; // e.g. "sigmoid", "m3", "n3", "pump", "influx", "plc", "q2", "sic"
  readonly x0: number; // raw input of entry 0
  readonly shift: number; // entry spacing 2^shift in raw input units (octave: that of segment 0)
  readonly values: Int32Array; // raw outputs in Q.frac
  readonly frac: number; // fractional bits of the outputs
  readonly interpolation: "linear" | "nearest";
  readonly spacing: LutSpacing;
  /** "octave": log2 of the entries per segment; "uniform": 0. */
  readonly segmentBits: number;
  /** Largest |table − exact| over the domain, in physical units, measured by the lowering. */
  readonly maxError: number;
}

/** Where a raw offset d (0 ≤ d < the domain's end) falls: its entry i, the spacing shift of its segment, and the remainder below entry i. */
interface LutPosition {
  i: number;
  shift: number;
  r: number;
}

/**
 * The plain definition of the octave index for 0 ≤ d < 2^(shift+segmentBits+S−1): the segment is
 * found by doubling a bound until it passes d (the leading-one position of d), no bit tricks.
 */
function octavePosition(lut: GliaLut, d: number, out: LutPosition): void {
  const m = lut.segmentBits;
  const low = lut.shift + m; // segment 0 covers [0, 2^low)
  let segment = 0;
  let base = 0;
  let shift = lut.shift;
  if (d >= 2 ** low) {
    let e = low; // 2^e ≤ d < 2^(e+1)
    while (d >= 2 ** (e + 1)) e++;
    segment = e - low + 1;
    base = 2 ** e;
    shift = e - m;
  }
  const j = Math.floor((d - base) / 2 ** shift);
  out.i = segment * 2 ** m + j;
  out.shift = shift;
  out.r = d - base - j * 2 ** shift;
}

/** The last raw offset d of the domain: the input of the last entry minus x0. */
export function lutSpan(lut: GliaLut): number {
  const n = lut.values.length;
  if (lut.spacing === "octave") return 2 ** (lut.shift + lut.segmentBits + (n - 1) / 2 ** lut.segmentBits - 1);
  return (n - 1) * 2 ** lut.shift;
}

const position: LutPosition = { i: 0, shift: 0, r: 0 };

/**
 * The table's raw output for raw input x:
 *   d = x − x0; at or below 0: values[0]; at or past the end of the domain: values[n − 1];
 *   uniform: i = d >> shift, r = d − (i << shift), s = shift;
 *   octave:  the segment of d (above), s its spacing shift, i = its first entry + ((d − start) >> s),
 *            r = d − start − ((i − first entry) << s);
 *   linear:  y = values[i] + (((values[i+1] − values[i])·r) >> s)
 *   nearest: i + 1 when r ≥ 2^(s−1) (s ≥ 1), else i; y = values[i]
 * `>>` is floor; every product is below 2^53 for spacings ≤ 2^26 and ≤ 26-bit entries.
 */
export function evaluateLut(lut: GliaLut, x: number): number {
  const values = lut.values;
  const last = values.length - 1;
  const d = x - lut.x0;
  if (d <= 0) return values[0];
  if (d >= lutSpan(lut)) return values[last];
  if (lut.spacing === "octave") octavePosition(lut, d, position);
  else {
    position.shift = lut.shift;
    position.i = Math.floor(d / 2 ** lut.shift);
    position.r = d - position.i * 2 ** lut.shift;
  }
  const { i, shift, r } = position;
  if (lut.interpolation === "nearest") return shift > 0 && r >= 2 ** (shift - 1) ? values[i + 1] : values[i];
  const y0 = values[i];
  return y0 + Math.floor(((values[i + 1] - y0) * r) / 2 ** shift);
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
  if (lut.spacing !== "octave") return lut.x0 + i * 2 ** lut.shift;
  const m = lut.segmentBits;
  const segment = Math.floor(i / 2 ** m);
  const j = i - segment * 2 ** m;
  if (segment === 0) return lut.x0 + j * 2 ** lut.shift;
  return lut.x0 + 2 ** (lut.shift + m + segment - 1) + j * 2 ** (lut.shift + segment - 1);
}

/**
 * Output format of a table: fixed fractional bits; "fit": the most that hold max |fn| over the
 * table's domain in `bits`; { atMost }: "fit", but no more than atMost fractional bits.
 */
export type LutOutputFrac = number | "fit" | { readonly atMost: number };

/**
 * Tabulates fn over [lo, hi] (physical input units) with `entries` uniform points: x0 = floor(lo·2^inputFrac),
 * spacing the smallest power of two that reaches hi, values round(fn(x)·2^outputFrac) clamped to
 * `bits` signed bits when given. maxError: measureLutError (physical output units).
 */
export function buildLut(
  name: string,
  fn: (x: number) => number,
  lo: number,
  hi: number,
  entries: number,
  inputFrac: number,
  outputFrac: LutOutputFrac,
  interpolation: "linear" | "nearest",
  bits?: number,
): GliaLut {
  const x0 = Math.floor(lo * 2 ** inputFrac);
  const span = Math.ceil(hi * 2 ** inputFrac) - x0;
  let shift = 0;
  while ((entries - 1) * 2 ** shift < span) shift++;
  return tabulate({ name, x0, shift, values: new Int32Array(entries), frac: 0, interpolation, spacing: "uniform", segmentBits: 0, maxError: 0 }, fn, inputFrac, outputFrac, bits);
}

/**
 * Tabulates fn over [lo, hi] as an octave table with 2^segmentBits entries per segment and at
 * most `entries` entries: as many segments as fit, segment 0 as fine as the budget allows while
 * the last octave still reaches hi (shift ≥ 0), so that relative input resolution is 2^−segmentBits
 * above segment 0. Values and maxError as buildLut.
 */
export function buildOctaveLut(
  name: string,
  fn: (x: number) => number,
  lo: number,
  hi: number,
  entries: number,
  segmentBits: number,
  inputFrac: number,
  outputFrac: LutOutputFrac,
  interpolation: "linear" | "nearest",
  bits?: number,
): GliaLut {
  const x0 = Math.floor(lo * 2 ** inputFrac);
  const span = Math.max(Math.ceil(hi * 2 ** inputFrac) - x0, 1);
  const perSegment = 2 ** segmentBits;
  const most = Math.floor((entries - 1) / perSegment);
  if (most < 1) throw new RangeError(`an octave table of 2^${segmentBits} entries per segment needs more than ${entries} entries`);
  let top = 0; // the smallest top with 2^top ≥ span
  while (2 ** top < span) top++;
  // the domain ends at 2^(shift + m + S − 1) ≥ 2^top with S ≤ most, shift ≥ 0
  const segments = Math.max(1, Math.min(most, top - segmentBits + 1));
  const shift = Math.max(0, top - segmentBits - segments + 1);
  const values = new Int32Array(segments * perSegment + 1);
  return tabulate({ name, x0, shift, values, frac: 0, interpolation, spacing: "octave", segmentBits, maxError: 0 }, fn, inputFrac, outputFrac, bits);
}

/** What a target offers one kind of table: the entries budget, spacings, output bits and interpolation. */
export interface LutShape {
  readonly entries: number;
  readonly spacing: readonly LutSpacing[];
  readonly bits: number;
  readonly interpolation: "linear" | "nearest";
}

/**
 * The table of fn over [lo, hi] with the smallest measured error among the shapes the target
 * offers: the uniform table of `entries` points, and every octave table with 2^m entries per
 * segment (m = 0 … log2(entries − 1)) within the budget. Ties keep the earlier candidate
 * (uniform first, then fewer entries per segment).
 */
export function buildBestLut(name: string, fn: (x: number) => number, lo: number, hi: number, shape: LutShape, inputFrac: number, outputFrac: LutOutputFrac): GliaLut {
  const candidates: GliaLut[] = [];
  if (shape.spacing.includes("uniform")) candidates.push(buildLut(name, fn, lo, hi, shape.entries, inputFrac, outputFrac, shape.interpolation, shape.bits));
  if (shape.spacing.includes("octave")) {
    for (let m = 0; 2 ** m <= shape.entries - 1; m++) candidates.push(buildOctaveLut(name, fn, lo, hi, shape.entries, m, inputFrac, outputFrac, shape.interpolation, shape.bits));
  }
  if (candidates.length === 0) throw new RangeError(`table '${name}': the target offers no spacing`);
  let best = candidates[0];
  for (const candidate of candidates) if (candidate.maxError < best.maxError) best = candidate;
  return best;
}

/** Fills a table's values (output format resolved) and measures its error. */
function tabulate(table: GliaLut, fn: (x: number) => number, inputFrac: number, outputFrac: LutOutputFrac, bits: number | undefined): GliaLut {
  const n = table.values.length;
  const scale = 2 ** inputFrac;
  let frac: number;
  if (typeof outputFrac !== "number") {
    if (bits === undefined) throw new RangeError(`table '${table.name}': a fitted output format needs a bit width`);
    // the largest |fn| over the whole domain, sampled finely (the domain reaches past hi)
    const start = table.x0 / scale;
    const length = lutSpan(table) / scale;
    let maxAbs = 0;
    for (let k = 0; k <= 4096; k++) maxAbs = Math.max(maxAbs, Math.abs(fn(start + (length * k) / 4096)));
    frac = lutOutputFrac(maxAbs, bits);
    if (outputFrac !== "fit") frac = Math.min(frac, outputFrac.atMost);
  } else frac = outputFrac;
  const limit = bits === undefined ? Infinity : 2 ** (bits - 1) - 1;
  const values = table.values;
  for (let i = 0; i < n; i++) {
    const y = Math.round(fn(lutInput(table, i) / scale) * 2 ** frac);
    values[i] = y > limit ? limit : y < -limit ? -limit : y;
  }
  const filled: GliaLut = { ...table, frac };
  return { ...filled, maxError: measureLutError(filled, fn, inputFrac) };
}

/**
 * Largest |table(x) − fn(x)| in physical output units: every interval between neighbouring
 * entries (uniform or octave) is sampled at up to 64 evenly spaced raw inputs (every raw input
 * when the interval is shorter), plus the last entry.
 */
export function measureLutError(lut: GliaLut, fn: (x: number) => number, inputFrac: number): number {
  let worst = 0;
  const scale = 2 ** lut.frac;
  const inputScale = 2 ** inputFrac;
  const check = (x: number) => {
    const error = Math.abs(evaluateLut(lut, x) / scale - fn(x / inputScale));
    if (error > worst) worst = error;
  };
  const last = lut.values.length - 1;
  for (let i = 0; i < last; i++) {
    const base = lutInput(lut, i);
    const spacing = lutInput(lut, i + 1) - base;
    const samples = Math.min(64, spacing);
    for (let k = 0; k < samples; k++) check(base + Math.floor((k * spacing) / samples));
  }
  check(lutInput(lut, last));
  return worst;
}

/**
 * evaluateLut with every spacing and reciprocal precomputed, for the fast emulator's inner loops.
 * Scaling by a power of two is exact in binary floating point, so x·2^−s equals x / 2^s and
 * floors identically. The octave segment comes from the leading-one position of d:
 * 31 − Math.clz32(d) while d < 2^32; above, 63 − Math.clz32(floor(d / 2^32)) (d < 2^53, so the
 * high word is exact). Must equal evaluateLut to the bit.
 */
export class LutEvaluator {
  private readonly values: Int32Array;
  private readonly x0: number;
  private readonly last: number;
  private readonly end: number;
  private readonly spacing: number;
  private readonly inverse: number;
  private readonly linear: boolean;
  private readonly octave: boolean;
  /** Octave: segment 0 ends at 2^low. */
  private readonly lowEnd: number;
  /** Octave, by leading-one position e: the first entry of e's segment, 2^e, 2^(e−m), 2^−(e−m). */
  private readonly first: Float64Array;
  private readonly start: Float64Array;
  private readonly step: Float64Array;
  private readonly stepInverse: Float64Array;

  constructor(lut: GliaLut) {
    this.values = lut.values;
    this.x0 = lut.x0;
    this.last = lut.values.length - 1;
    this.end = lutSpan(lut);
    this.spacing = 2 ** lut.shift;
    this.inverse = 2 ** -lut.shift;
    this.linear = lut.interpolation === "linear";
    this.octave = lut.spacing === "octave";
    const m = lut.segmentBits;
    const low = lut.shift + m;
    this.lowEnd = this.octave ? 2 ** low : Infinity;
    const tops = this.octave ? Math.max(low + (this.last >> m), 0) : 0;
    this.first = new Float64Array(tops);
    this.start = new Float64Array(tops);
    this.step = new Float64Array(tops);
    this.stepInverse = new Float64Array(tops);
    for (let e = low; e < tops; e++) {
      this.first[e] = (e - low + 1) * 2 ** m;
      this.start[e] = 2 ** e;
      this.step[e] = 2 ** (e - m);
      this.stepInverse[e] = 2 ** -(e - m);
    }
  }

  at(x: number): number {
    const values = this.values;
    const d = x - this.x0;
    if (d <= 0) return values[0];
    if (d >= this.end) return values[this.last];
    let i: number;
    let r: number;
    let spacing: number;
    let inverse: number;
    if (d < this.lowEnd) {
      spacing = this.spacing;
      inverse = this.inverse;
      i = Math.floor(d * inverse);
      r = d - i * spacing;
    } else {
      const e = d < 4294967296 ? 31 - Math.clz32(d) : 63 - Math.clz32(Math.floor(d / 4294967296));
      spacing = this.step[e];
      inverse = this.stepInverse[e];
      const j = Math.floor((d - this.start[e]) * inverse);
      i = this.first[e] + j;
      r = d - this.start[e] - j * spacing;
    }
    if (!this.linear) return r + r >= spacing && r > 0 ? values[i + 1] : values[i];
    const y0 = values[i];
    return y0 + Math.floor((values[i + 1] - y0) * r * inverse);
  }
}

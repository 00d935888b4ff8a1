/**
 * The integer astrocyte units of glia-core (docs/semantics-glia.md §C): raw constants and tables
 * for each model, one plain function per flux (the scalar interpreter's definition), and the
 * fused increment kernels the fast emulator runs. Forward Euler at the astrocyte period P; state
 * Ca, h, IP3 in Q.f, constants in Q.c, `>>` is the target's rounding of a right shift (shr: half up
 * in glia-core; tables interpolate with floor, glia-lut.ts). Every product of two raw values is
 * formed exactly by mulShr, also beyond 2^53 (32-bit states: h·h, a Q.c rate times a state).
 *
 * Li–Rinzel family (ullah2006, lr1994), per update with the old Ca, h, IP3 of this astrocyte:
 *   h3 = (((h·h) >> f)·h) >> f;  open = (((m3(IP3)·n3(Ca)) >> Ln)·h3) >> f          [Q.Lm]
 *   force = c0 − ((c1p·Ca) >> c)                                                     [Q.f]
 *   ΔCa  = (((kv1·open) >> Lm)·force >> c) − (kP·pump(Ca) >> (c+Lp−f)) + (kv2·force >> c)
 *          [+ (kP·influx(IP3) >> (c+Li−f)) − (kk1·Ca >> c)] + (kdCa·lapCa >> c)
 *   Δh   = (ka2·(((q2(IP3)·(2^f − h)) >> Lq) − ((Ca·h) >> f))) >> c
 *   ΔIP3 = (kTr·(ip3Star − IP3) >> c) [+ (kP·plc(Ca) >> (c+Lpl−f))] + (kDrive·drive >> c) + (kdIp3·lapIp3 >> c)
 * reduced: ΔIP3 = (kIp3·(ip3Rest − IP3) >> c) + (kDrive·drive >> c) + diffusion;
 * kP is the period in the model's time unit; kDrive the period in s (every drive is in µM/s).
 *          ΔCa  = (kCa·(caRest − Ca) >> c) + (kGain·max(IP3 − ip3Threshold, 0) >> c) + diffusion; h fixed.
 */
import type { Lr1994Params, ReducedParams, UllahParams } from "../ir/astro-types.js";
import { buildBestLut, evaluateLut, LutEvaluator, type GliaLut, type LutSpacing } from "./glia-lut.js";
import { mulShr, shiftBias } from "./izhikevich-fixed.js";
import type { GliaRounding } from "../targets/glia-types.js";
import { InternalError } from "../util/assert.js";

export type AstroModelName = "ullah2006" | "lr1994" | "reduced";

/** Table shape and input domains (physical units, from 0) for the model's nonlinearities. */
export interface AstroLutSpec {
  readonly entries: number; // the budget per table
  readonly spacing: readonly LutSpacing[]; // what the target offers; each table takes the one that misses least
  readonly bits: number;
  readonly interpolation: "linear" | "nearest";
  readonly caMax: number; // µM
  readonly ip3Max: number; // µM
}

/** What the lowering stores in a GliaAstroGroup: raw constants by name and tables by name. */
export interface AstroFixed {
  readonly constants: Readonly<Record<string, number>>;
  readonly luts: Readonly<Record<string, GliaLut>>;
}

const cube = (x: number) => x * x * x;

/**
 * Constants and tables of one astrocyte group for update period periodS (s), state Q.frac and
 * constants Q.constantFrac. Rates are multiplied by the period in the model's time unit
 * (ullah2006: s; lr1994, reduced τ: ms, as their parameters are).
 */
export function astroConstants(
  model: AstroModelName,
  params: UllahParams | Lr1994Params | ReducedParams,
  periodS: number,
  frac: number,
  constantFrac: number,
  lutSpec: AstroLutSpec,
): AstroFixed {
  const k = (x: number) => Math.round(x * 2 ** constantFrac);
  const q = (x: number) => Math.round(x * 2 ** frac);
  // Each table over [0, hi] in the offered spacing that misses its function least (glia-lut.ts
  // buildBestLut); the Hill functions rise within their constant d (0.13 µM for m3) of a domain
  // up to tens of µM, which octave spacing resolves and uniform spacing does not. The output
  // format holds the function over the whole domain, which reaches past hi.
  const table = (name: string, fn: (x: number) => number, hi: number): GliaLut => buildBestLut(name, fn, 0, hi, lutSpec, frac, "fit");
  const { caMax, ip3Max } = lutSpec;
  if (model === "ullah2006") {
    const p = params as UllahParams;
    const luts: Record<string, GliaLut> = {
      m3: table("m3", (x) => cube(x / (x + p.d1)), ip3Max),
      n3: table("n3", (x) => cube(x / (x + p.d5)), caMax),
      pump: table("pump", (x) => (p.v3 * x * x) / (x * x + p.k3 * p.k3), caMax),
      q2: table("q2", (x) => (p.d2 * (x + p.d1)) / (x + p.d3), ip3Max),
    };
    if (p.membrane_fluxes) luts.influx = table("influx", (x) => (p.v6 * x * x) / (p.k2 * p.k2 + x * x), ip3Max);
    if (p.plc_delta) luts.plc = table("plc", (x) => (p.v4 * (x + (1 - p.alpha) * p.k4)) / (x + p.k4), caMax);
    const constants = {
      kP: k(periodS),
      kDrive: k(periodS),
      kv1: k(p.v1 * periodS),
      kv2: k(p.v2 * periodS),
      kk1: k(p.k1 * periodS),
      kTr: k(p.ip3_rate * periodS),
      ka2: k(p.a2 * periodS),
      c0: q(p.c0),
      c1p: k(1 + p.c1),
      ip3Star: q(p.ip3_star),
      membraneFluxes: p.membrane_fluxes ? 1 : 0,
      plcDelta: p.plc_delta ? 1 : 0,
    };
    return { constants, luts };
  }
  if (model === "lr1994") {
    const p = params as Lr1994Params;
    const periodMs = periodS * 1000;
    const r = p.ratio_ER_cyt;
    // r·(Ca_ER − Ca) = (1 + r)·(Ca_tot − Ca): one force for channel and leak, c1p = 1
    const luts: Record<string, GliaLut> = {
      m3: table("m3", (x) => cube(x / (x + p.Kd_IP3_1)), ip3Max),
      n3: table("n3", (x) => cube(x / (x + p.Kd_act)), caMax),
      pump: table("pump", (x) => (p.rate_SERCA * x * x) / (p.Km_SERCA * p.Km_SERCA + x * x), caMax),
      q2: table("q2", (x) => (p.Kd_inh * (x + p.Kd_IP3_1)) / (x + p.Kd_IP3_2), ip3Max),
    };
    const constants = {
      kP: k(periodMs),
      kDrive: k(periodS),
      kv1: k(p.rate_IP3R * (1 + r) * periodMs),
      kv2: k(p.rate_L * (1 + r) * periodMs),
      kk1: 0,
      kTr: k(periodMs / p.tau_IP3),
      ka2: k(p.k_IP3R * periodMs),
      c0: q(p.Ca_tot),
      c1p: k(1),
      ip3Star: q(p.IP3_0),
      membraneFluxes: 0,
      plcDelta: 0,
    };
    return { constants, luts };
  }
  const p = params as ReducedParams;
  const periodMs = periodS * 1000;
  return {
    constants: {
      kDrive: k(periodS),
      kIp3: k(periodMs / p.tau_ip3),
      kCa: k(periodMs / p.tau_ca),
      kGain: k(p.gain * periodS),
      ip3Rest: q(p.ip3_rest),
      caRest: q(p.ca_rest),
      ip3Threshold: q(p.ip3_threshold),
    },
    luts: {},
  };
}

// ---------------------------------------------------------------------------------------------
// The Li–Rinzel family, one function per formula (the scalar interpreter's definition)

/** Raw constants and tables of a Li–Rinzel group, resolved once from a GliaAstroGroup. */
export interface LiRinzelKernel {
  readonly f: number;
  readonly c: number;
  readonly rounding: GliaRounding;
  readonly kP: number;
  readonly kDrive: number;
  readonly kv1: number;
  readonly kv2: number;
  readonly kk1: number;
  readonly kTr: number;
  readonly ka2: number;
  readonly c0: number;
  readonly c1p: number;
  readonly ip3Star: number;
  readonly m3: GliaLut;
  readonly n3: GliaLut;
  readonly pump: GliaLut;
  readonly q2: GliaLut;
  readonly influx: GliaLut | undefined; // present iff membrane fluxes are on
  readonly plc: GliaLut | undefined; // present iff PLCδ is on
}

/** h³ by two multiplications [Q.f]. */
export function hCubed(h: number, f: number, rounding: GliaRounding): number {
  return mulShr(mulShr(h, h, f, rounding), h, f, rounding);
}

/** m∞³·n∞³·h³ [Q of the m3 table]. */
export function openFraction(ca: number, h: number, ip3: number, k: LiRinzelKernel): number {
  const mn = mulShr(evaluateLut(k.m3, ip3), evaluateLut(k.n3, ca), k.n3.frac, k.rounding);
  return mulShr(mn, hCubed(h, k.f, k.rounding), k.f, k.rounding);
}

/** c0 − (1 + c1)·Ca [Q.f]. */
export function erForce(ca: number, k: LiRinzelKernel): number {
  return k.c0 - mulShr(k.c1p, ca, k.c, k.rounding);
}

/** P·J_ER [Q.f]. */
export function erFlux(ca: number, h: number, ip3: number, k: LiRinzelKernel): number {
  return mulShr(mulShr(k.kv1, openFraction(ca, h, ip3, k), k.m3.frac, k.rounding), erForce(ca, k), k.c, k.rounding);
}

/** P·J_leak [Q.f]. */
export function leakFlux(ca: number, k: LiRinzelKernel): number {
  return mulShr(k.kv2, erForce(ca, k), k.c, k.rounding);
}

/** P·y for a table value y of a flux in µM per time unit [Q.f]. */
export function tableFlux(lut: GliaLut, x: number, k: LiRinzelKernel): number {
  return mulShr(k.kP, evaluateLut(lut, x), k.c + lut.frac - k.f, k.rounding);
}

/** P·J_out [Q.f]. */
export function effluxFlux(ca: number, k: LiRinzelKernel): number {
  return mulShr(k.kk1, ca, k.c, k.rounding);
}

/** P·d·Laplacian [Q.f]. */
export function diffusionFlux(kd: number, laplacian: number, c: number, rounding: GliaRounding): number {
  return mulShr(kd, laplacian, c, rounding);
}

/** ΔCa of one Euler step, unsaturated sum of the fluxes. */
export function caIncrement(ca: number, h: number, ip3: number, lapCa: number, kdCa: number, k: LiRinzelKernel): number {
  let sum = erFlux(ca, h, ip3, k) - tableFlux(k.pump, ca, k) + leakFlux(ca, k);
  if (k.influx !== undefined) sum = sum + tableFlux(k.influx, ip3, k) - effluxFlux(ca, k);
  return sum + diffusionFlux(kdCa, lapCa, k.c, k.rounding);
}

/** Δh = P·a2·(q2·(1 − h) − Ca·h). */
export function hIncrement(ca: number, h: number, ip3: number, k: LiRinzelKernel): number {
  const recovery = mulShr(evaluateLut(k.q2, ip3), 2 ** k.f - h, k.q2.frac, k.rounding);
  return mulShr(k.ka2, recovery - mulShr(ca, h, k.f, k.rounding), k.c, k.rounding);
}

/** ΔIP3 = P·((IP3* − IP3)·rate + J_PLC + drive) + diffusion. */
export function ip3Increment(ca: number, ip3: number, drive: number, lapIp3: number, kdIp3: number, k: LiRinzelKernel): number {
  let sum = mulShr(k.kTr, k.ip3Star - ip3, k.c, k.rounding);
  if (k.plc !== undefined) sum += tableFlux(k.plc, ca, k);
  return sum + mulShr(k.kDrive, drive, k.c, k.rounding) + diffusionFlux(kdIp3, lapIp3, k.c, k.rounding);
}

/**
 * The fused form of caIncrement, hIncrement and ip3Increment for the fast emulator, with every
 * table evaluator, power-of-two reciprocal and rounding bias resolved once. Products are scaled
 * by 2^−s instead of divided by 2^s (exact for binary floating point); one past 2^52 goes to
 * mulShr (mulShift). Must equal the three functions above to the bit (the differential test
 * holds it there).
 */
export class LiRinzelFast {
  private readonly m3: LutEvaluator;
  private readonly n3: LutEvaluator;
  private readonly pump: LutEvaluator;
  private readonly q2: LutEvaluator;
  private readonly influx: LutEvaluator | undefined;
  private readonly plc: LutEvaluator | undefined;
  private readonly invF: number;
  private readonly invC: number;
  private readonly invN3: number;
  private readonly invM3: number;
  private readonly invQ2: number;
  private readonly invPump: number;
  private readonly invInflux: number;
  private readonly invPlc: number;
  // what `>>` adds before flooring, per shift (shiftBias)
  private readonly biasF: number;
  private readonly biasC: number;
  private readonly biasN3: number;
  private readonly biasM3: number;
  private readonly biasQ2: number;
  private readonly biasPump: number;
  private readonly biasInflux: number;
  private readonly biasPlc: number;
  private readonly one: number;

  constructor(private readonly k: LiRinzelKernel) {
    const r = k.rounding;
    this.m3 = new LutEvaluator(k.m3);
    this.n3 = new LutEvaluator(k.n3);
    this.pump = new LutEvaluator(k.pump);
    this.q2 = new LutEvaluator(k.q2);
    this.influx = k.influx !== undefined ? new LutEvaluator(k.influx) : undefined;
    this.plc = k.plc !== undefined ? new LutEvaluator(k.plc) : undefined;
    this.invF = 2 ** -k.f;
    this.invC = 2 ** -k.c;
    this.invN3 = 2 ** -k.n3.frac;
    this.invM3 = 2 ** -k.m3.frac;
    this.invQ2 = 2 ** -k.q2.frac;
    this.invPump = 2 ** -(k.c + k.pump.frac - k.f);
    this.invInflux = k.influx !== undefined ? 2 ** -(k.c + k.influx.frac - k.f) : 0;
    this.invPlc = k.plc !== undefined ? 2 ** -(k.c + k.plc.frac - k.f) : 0;
    this.biasF = shiftBias(k.f, r);
    this.biasC = shiftBias(k.c, r);
    this.biasN3 = shiftBias(k.n3.frac, r);
    this.biasM3 = shiftBias(k.m3.frac, r);
    this.biasQ2 = shiftBias(k.q2.frac, r);
    this.biasPump = shiftBias(k.c + k.pump.frac - k.f, r);
    this.biasInflux = k.influx !== undefined ? shiftBias(k.c + k.influx.frac - k.f, r) : 0;
    this.biasPlc = k.plc !== undefined ? shiftBias(k.c + k.plc.frac - k.f, r) : 0;
    this.one = 2 ** k.f;
  }

  /** Writes [ΔCa, Δh, ΔIP3] into out[0..2]. */
  increments(ca: number, h: number, ip3: number, drive: number, lapCa: number, lapIp3: number, kdCa: number, kdIp3: number, out: Float64Array): void {
    const k = this.k;
    const r = k.rounding;
    const f = k.f;
    const c = k.c;
    const invF = this.invF;
    const invC = this.invC;
    const bF = this.biasF;
    const bC = this.biasC;
    const h3 = mulShift(mulShift(h, h, bF, invF, f, r), h, bF, invF, f, r);
    const open = mulShift(mulShift(this.m3.at(ip3), this.n3.at(ca), this.biasN3, this.invN3, k.n3.frac, r), h3, bF, invF, f, r);
    const force = k.c0 - mulShift(k.c1p, ca, bC, invC, c, r);
    let dCa =
      mulShift(mulShift(k.kv1, open, this.biasM3, this.invM3, k.m3.frac, r), force, bC, invC, c, r) -
      mulShift(k.kP, this.pump.at(ca), this.biasPump, this.invPump, c + k.pump.frac - f, r) +
      mulShift(k.kv2, force, bC, invC, c, r);
    if (this.influx !== undefined) {
      dCa = dCa + mulShift(k.kP, this.influx.at(ip3), this.biasInflux, this.invInflux, c + (k.influx as GliaLut).frac - f, r) - mulShift(k.kk1, ca, bC, invC, c, r);
    }
    out[0] = dCa + mulShift(kdCa, lapCa, bC, invC, c, r);
    const recovery = mulShift(this.q2.at(ip3), this.one - h, this.biasQ2, this.invQ2, k.q2.frac, r);
    out[1] = mulShift(k.ka2, recovery - mulShift(ca, h, bF, invF, f, r), bC, invC, c, r);
    let dIp3 = mulShift(k.kTr, k.ip3Star - ip3, bC, invC, c, r);
    if (this.plc !== undefined) dIp3 += mulShift(k.kP, this.plc.at(ca), this.biasPlc, this.invPlc, c + (k.plc as GliaLut).frac - f, r);
    out[2] = dIp3 + mulShift(k.kDrive, drive, bC, invC, c, r) + mulShift(kdIp3, lapIp3, bC, invC, c, r);
  }
}

/**
 * mulShr(a, b, s) for the fast engines with the bias shiftBias(s) and 2^−s resolved by the caller:
 * below 2^52 the product and its biased sum are exact and scale exactly; beyond it, mulShr.
 */
export function mulShift(a: number, b: number, bias: number, inverse: number, s: number, rounding: GliaRounding): number {
  const product = a * b;
  return product < 2 ** 52 && product > -(2 ** 52) ? Math.floor((product + bias) * inverse) : mulShr(a, b, s, rounding);
}

// ---------------------------------------------------------------------------------------------
// The reduced model

/** Raw constants of a reduced group. */
export interface ReducedKernel {
  readonly c: number;
  readonly rounding: GliaRounding;
  readonly kDrive: number;
  readonly kIp3: number;
  readonly kCa: number;
  readonly kGain: number;
  readonly ip3Rest: number;
  readonly caRest: number;
  readonly ip3Threshold: number;
}

/** ΔIP3 of the reduced model. */
export function reducedIp3Increment(ip3: number, drive: number, lapIp3: number, kdIp3: number, k: ReducedKernel): number {
  return mulShr(k.kIp3, k.ip3Rest - ip3, k.c, k.rounding) + mulShr(k.kDrive, drive, k.c, k.rounding) + diffusionFlux(kdIp3, lapIp3, k.c, k.rounding);
}

/** ΔCa of the reduced model (old IP3). */
export function reducedCaIncrement(ca: number, ip3: number, lapCa: number, kdCa: number, k: ReducedKernel): number {
  const excess = ip3 > k.ip3Threshold ? ip3 - k.ip3Threshold : 0;
  return mulShr(k.kCa, k.caRest - ca, k.c, k.rounding) + mulShr(k.kGain, excess, k.c, k.rounding) + diffusionFlux(kdCa, lapCa, k.c, k.rounding);
}

/** Resolves a group's named constants and tables into a kernel record (once per run). */
export function liRinzelKernel(constants: Readonly<Record<string, number>>, luts: Readonly<Record<string, GliaLut>>, f: number, c: number, rounding: GliaRounding): LiRinzelKernel {
  const need = (name: string): GliaLut => {
    const lut = luts[name];
    if (lut === undefined) throw new InternalError(`astrocyte table '${name}' is missing`);
    return lut;
  };
  const value = (name: string): number => namedConstant(constants, name);
  return {
    f,
    c,
    rounding,
    kP: value("kP"),
    kDrive: value("kDrive"),
    kv1: value("kv1"),
    kv2: value("kv2"),
    kk1: value("kk1"),
    kTr: value("kTr"),
    ka2: value("ka2"),
    c0: value("c0"),
    c1p: value("c1p"),
    ip3Star: value("ip3Star"),
    m3: need("m3"),
    n3: need("n3"),
    pump: need("pump"),
    q2: need("q2"),
    influx: value("membraneFluxes") !== 0 ? need("influx") : undefined,
    plc: value("plcDelta") !== 0 ? need("plc") : undefined,
  };
}

/** A named raw constant of an astrocyte group; the lowering writes every one the kernels read. */
function namedConstant(constants: Readonly<Record<string, number>>, name: string): number {
  const v = constants[name];
  if (v === undefined) throw new InternalError(`astrocyte constant '${name}' is missing`);
  return v;
}

/** Resolves a reduced group's named constants (once per run). */
export function reducedKernel(constants: Readonly<Record<string, number>>, c: number, rounding: GliaRounding): ReducedKernel {
  const value = (name: string): number => namedConstant(constants, name);
  return {
    c,
    rounding,
    kDrive: value("kDrive"),
    kIp3: value("kIp3"),
    kCa: value("kCa"),
    kGain: value("kGain"),
    ip3Rest: value("ip3Rest"),
    caRest: value("caRest"),
    ip3Threshold: value("ip3Threshold"),
  };
}

/**
 * Each glia-core formula against integers derived by hand (derivations in the comments), with the
 * target's half-up shifts and, where they differ, floor shifts; the exact wide multiply against
 * BigInt; and the tables' evaluation rules. Constants: c = 24.
 */
import { describe, expect, it } from "vitest";
import { buildBestLut, buildLut, buildOctaveLut, evaluateLut, LutEvaluator, lutInput, lutSpan, type GliaLut } from "../../../src/models/glia-lut.js";
import {
  glutamateConstants,
  glutamateNext,
  IZHIKEVICH_CENTRE_MV,
  izhikevichConstants,
  izhikevichRecovery,
  izhikevichVoltage,
  mulShr,
  shr,
  sigmoidLut,
} from "../../../src/models/izhikevich-fixed.js";
import { mulShift, reducedCaIncrement, reducedIp3Increment, hCubed, type ReducedKernel } from "../../../src/models/astro-fixed.js";
import { Rng } from "../../../src/util/rng.js";
import { SEMANTICS, WM_NEURON } from "./build.js";

const C = 24;

describe("the target's right shift", () => {
  it("rounds half up, ties upward, or floors", () => {
    // 1.5 → 2, −1.5 → −1 (the tie goes up), −1.25 → −1, −1.75 → −2; floor: −1.25 → −2
    expect(shr(3, 1, "half-up")).toBe(2);
    expect(shr(-3, 1, "half-up")).toBe(-1);
    expect(shr(-5, 2, "half-up")).toBe(-1);
    expect(shr(-7, 2, "half-up")).toBe(-2);
    expect(shr(-5, 2, "floor")).toBe(-2);
    expect(shr(7, 0, "half-up")).toBe(7);
  });
});

describe("Izhikevich unit", () => {
  // dt = 0.1 ms, frac 4: vCentre = −62.5·16 = −1000, k004 = round(0.004·2^24) = 67109,
  // k5 = round(0.1·(5 + 0.08·(−62.5))·2^24) = 0, k140 = round(0.1·(140 − 0.04·62.5²)·16) = round(−1.625·16) = −26,
  // kI = round(0.1·2^24) = 1677722, ka = round(0.01·2^24) = 167772,
  // kb = round(0.2·2^24) = 3355443, cReset = −1040, d = 32, peak = 480, threshold = 464, clip = 400
  const k = izhikevichConstants(WM_NEURON, 0.1, 4, C);

  it("computes the raw constants", () => {
    expect(k).toEqual({ vCentre: -1000, k004: 67109, k5: 0, k140: -26, kI: 1677722, ka: 167772, kb: 3355443, cReset: -1040, d: 32, peak: 480, spikeThreshold: 464, inputClip: 400 });
  });

  it("completes the square exactly for any centre", () => {
    // 0.04·V² + 5·V + 140 = 0.04·(V − vc)² + (5 + 0.08·vc)·V + (140 − 0.04·vc²): at vc = −62.5 the
    // constant is 140 − 156.25 = −16.25 mV/ms and the linear term vanishes
    expect(IZHIKEVICH_CENTRE_MV).toBe(-62.5);
    for (const vc of [IZHIKEVICH_CENTRE_MV, -70, 0]) {
      for (const v of [-80, -62.5, -60, 0, 30]) expect(0.04 * (v - vc) ** 2 + (5 + 0.08 * vc) * v + (140 - 0.04 * vc * vc)).toBeCloseTo(0.04 * v * v + 5 * v + 140, 9);
    }
  });

  it("steps V and U from rest by hand", () => {
    // V = −70 mV = −1120, U = 0, I = 0: V − vc = −120, 14400 >> 4 = (14400 + 8) / 16 → 900;
    // 67109·900 = 60398100, / 2^24 = 3.6000073 → 4; V' = −1120 + 4 − 26 = −1142
    // (float: −70 + 0.1·(196 − 350 + 140) = −71.4 mV = −1142.4 raw)
    const v = izhikevichVoltage(-1120, 0, 0, k, 4, 4, C, "half-up");
    expect(v).toBe(-1142);
    // kb·V' = 3355443·(−1142), / 2^24 = −228.39999 → −228; ka·(−228 − 0) = −38252016, / 2^24 = −2.27999 → −2
    expect(izhikevichRecovery(0, v, k, C, "half-up")).toBe(-2);
    // the same with floor shifts: 3.6 → 3, V' = −1143; −228.4 → −229, ka·(−229) / 2^24 = −2.29 → −3
    expect(izhikevichVoltage(-1120, 0, 0, k, 4, 4, C, "floor")).toBe(-1143);
    expect(izhikevichRecovery(0, -1143, k, C, "floor")).toBe(-3);
  });

  it("includes the input current against U, through its own product", () => {
    // V = −1120, U = 16 (1.0), I = 160 (10.0), the current in V's Q.4:
    // 67109·900 − kI·16 = 60398100 − 26843552 = 33554548 = 2·2^24 + 116 → 2;
    // kI·160 = 268435520 = 16·2^24 + 64, >> (24 + 4 − 4) → 16;
    // V' = −1120 + 2 + 16 − 26 = −1128 (float: −70 + 0.1·(−14 + 9) = −70.5 mV = −1128 raw)
    expect(izhikevichVoltage(-1120, 16, 160, k, 4, 4, C, "half-up")).toBe(-1128);
  });

  it("aligns a current in its own format into V's inside kI's product, with one rounding", () => {
    // coarser, Q.2: I = 10.0 mV/ms = 40; kI·40 = 67108880 = 16·2^22 + 16, >> (24 + 2 − 4 = 22) → 16: V' = −1128 as above
    expect(izhikevichVoltage(-1120, 16, 40, k, 4, 2, C, "half-up")).toBe(-1128);
    // finer, Q.8: I = 10.5 mV/ms = 2688; kI·2688 = 4509716736 = 16·2^28 + 214749440, >> 28 = 16.8 → 17 half up
    // (float: dt·I = 1.05 mV = 16.8 raw); V' = −1120 + 2 + 17 − 26 = −1127; with floor shifts 16 and −1128
    expect(izhikevichVoltage(-1120, 16, 2688, k, 4, 8, C, "half-up")).toBe(-1127);
    expect(izhikevichVoltage(-1120, 16, 2688, k, 4, 8, C, "floor")).toBe(-1128);
    // the clip is in the current's format: 25 mV/ms in Q.8 is 6400
    expect(izhikevichConstants(WM_NEURON, 0.1, 4, C, undefined, 8).inputClip).toBe(25 * 256);
  });
});

describe("glutamate trace", () => {
  // dt = 0.1 ms = 1e-4 s, frac 14: decay = round(1e-3·2^24) = 16777, increment = round(0.06·2^14) = 983
  const g = glutamateConstants({ decay_rate: 10, release_rate: 600, release: "at_peak" }, 0.1, 14, C);
  it("releases at the peak and decays multiplicatively, floored whatever the target's rounding", () => {
    expect(g).toEqual({ frac: 14, decay: 16777, increment: 983, release: "at_peak" });
    expect(glutamateNext(0, true, g.decay, g.increment, C)).toBe(983);
    // 983·(2^24 − 16777) / 2^24 = 983 − 0.98297 = 982.017 → 982: at least one LSB goes every step
    expect(glutamateNext(983, false, g.decay, g.increment, C)).toBe(982);
    // 20000 − 335540000 / 2^24 = 20000 − 19.99998 → 19980
    expect(glutamateNext(20000, false, g.decay, g.increment, C)).toBe(19980);
    // a lone LSB decays to 0: 1·(2^24 − 16777) < 2^24
    expect(glutamateNext(1, false, g.decay, g.increment, C)).toBe(0);
    // rounded half up it would stay 1 forever: 1·(2^24 − 16777) ≥ 2^23
    expect(shr(2 ** 24 - g.decay, C, "half-up")).toBe(1);
  });
});

describe("tables", () => {
  const lut: GliaLut = { name: "t", x0: 10, shift: 2, values: Int32Array.from([0, 8, 12, 100]), frac: 0, interpolation: "linear", spacing: "uniform", segmentBits: 0, maxError: 0 };
  it("interpolates with a floor shift and clamps the domain", () => {
    expect(evaluateLut(lut, 5)).toBe(0); // below x0
    expect(evaluateLut(lut, 10)).toBe(0);
    expect(evaluateLut(lut, 13)).toBe(6); // i 0, r 3: 0 + (8·3) >> 2 = 6
    expect(evaluateLut(lut, 15)).toBe(9); // i 1, r 1: 8 + (4·1) >> 2 = 9
    expect(evaluateLut(lut, 21)).toBe(78); // i 2, r 3: 12 + (88·3) >> 2 = 12 + 66
    expect(evaluateLut(lut, 22)).toBe(100); // last entry
    expect(evaluateLut(lut, 1000)).toBe(100);
    const falling: GliaLut = { ...lut, values: Int32Array.from([9, 0, 0, 0]) };
    expect(evaluateLut(falling, 11)).toBe(6); // 9 + (−9·1) >> 2 = 9 + floor(−2.25) = 6
  });
  it("picks the nearest entry, ties upward", () => {
    const nearest = { ...lut, interpolation: "nearest" as const };
    expect(evaluateLut(nearest, 11)).toBe(0); // (1 + 2) >> 2 = 0
    expect(evaluateLut(nearest, 12)).toBe(8); // (2 + 2) >> 2 = 1
    expect(evaluateLut(nearest, 30)).toBe(100);
  });
  it("LutEvaluator equals evaluateLut everywhere", () => {
    const built = buildLut("sq", (x) => x * x - 3 * x, -2, 5, 33, 6, 8, "linear", 16);
    for (const table of [built, { ...built, interpolation: "nearest" as const }]) {
      const fast = new LutEvaluator(table);
      for (let x = -200; x < 400; x++) expect(fast.at(x)).toBe(evaluateLut(table, x));
    }
  });
  it("measures its error and covers the domain", () => {
    // x² − 3x on [−2, 5] with 33 points: spacing 2^3 raw = 1/8; linear error ≤ h²/8·|f''| = (1/64)/8·2 ≈ 0.004, plus rounding 2^−9
    const built = buildLut("sq", (x) => x * x - 3 * x, -2, 5, 33, 6, 8, "linear", 16);
    expect(built.x0).toBe(-128);
    expect(built.shift).toBe(4); // 32 intervals of 2^4 = 512 ≥ 448 raw
    expect(built.maxError).toBeGreaterThan(0);
    expect(built.maxError).toBeLessThan(0.25 / 8 + 2 ** -9);
  });
  // x0 10, shift 1, 2 entries per segment, 3 segments: entries at d = 0, 2 | 4, 6 | 8, 12 | 16 (end)
  const octave: GliaLut = { name: "o", x0: 10, shift: 1, values: Int32Array.from([0, 4, 8, 20, 40, 50, 100]), frac: 0, interpolation: "linear", spacing: "octave", segmentBits: 1, maxError: 0 };
  it("indexes an octave table by the leading one of d = x − x0", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => lutInput(octave, i))).toEqual([10, 12, 14, 16, 18, 22, 26]);
    expect(lutSpan(octave)).toBe(16);
    expect(evaluateLut(octave, 9)).toBe(0); // below x0
    expect(evaluateLut(octave, 11)).toBe(2); // d 1 < 2^2: segment 0, i 0, r 1, s 1: 0 + (4·1) >> 1
    expect(evaluateLut(octave, 15)).toBe(14); // d 5: leading one 2^2, segment 1, s 1, i 2, r 1: 8 + (12·1) >> 1
    expect(evaluateLut(octave, 17)).toBe(30); // d 7: i 3, r 1: 20 + (20·1) >> 1
    expect(evaluateLut(octave, 21)).toBe(47); // d 11: leading one 2^3, segment 2, s 2, i 4, r 3: 40 + (10·3) >> 2 = 40 + 7
    expect(evaluateLut(octave, 23)).toBe(62); // d 13: i 5, r 1: 50 + (50·1) >> 2
    expect(evaluateLut(octave, 25)).toBe(87); // d 15: i 5, r 3: 50 + 150 >> 2
    expect(evaluateLut(octave, 26)).toBe(100); // the end entry
    expect(evaluateLut(octave, 1e6)).toBe(100);
    const falling: GliaLut = { ...octave, values: Int32Array.from([0, 4, 8, 20, 40, 50, 49]) };
    expect(evaluateLut(falling, 25)).toBe(49); // 50 + (−1·3) >> 2 = 50 + floor(−0.75)
    const nearest: GliaLut = { ...octave, interpolation: "nearest" };
    expect([11, 17, 23, 24].map((x) => evaluateLut(nearest, x))).toEqual([4, 40, 50, 100]); // r ≥ 2^(s−1) takes the next entry
  });
  it("LutEvaluator equals evaluateLut on octave tables, also past 2^32", () => {
    const rng = new Rng(7);
    const small = buildOctaveLut("log", (x) => Math.log1p(x), 0, 3000, 65, 3, 0, 8, "linear", 16);
    const wide = buildOctaveLut("log", (x) => Math.log1p(x), 0, 2 ** 40, 257, 4, 0, 8, "linear", 16);
    expect(wide.shift).toBe(21); // 16 segments of 16 entries: 2^(21 + 4 + 15) = 2^40
    for (const base of [octave, small, wide]) {
      for (const table of [base, { ...base, interpolation: "nearest" as const }]) {
        const fast = new LutEvaluator(table);
        const end = table.x0 + lutSpan(table);
        const xs: number[] = [];
        for (let k = 0; k < 2000; k++) xs.push(table.x0 - 2 + Math.floor(rng.nextFloat() * (end - table.x0 + 4)));
        for (let e = 0; 2 ** e <= end; e++) xs.push(table.x0 + 2 ** e - 1, table.x0 + 2 ** e, table.x0 + 2 ** e + 1);
        for (const x of xs) expect(fast.at(x), `${table.name} at ${x}`).toBe(evaluateLut(table, x));
      }
    }
  });
  it("measures an octave table's error within 3% of the exhaustive maximum", () => {
    // m3 of WM2021 (d1 = 0.13 µM) over [0, 38] µM at Q.12: every raw input is evaluated
    const fn = (x: number) => (x / (x + 0.13)) ** 3;
    for (const table of [buildOctaveLut("m3", fn, 0, 38, 1024, 5, 12, 14, "linear", 16), buildLut("m3", fn, 0, 38, 1024, 12, 14, "linear", 16)]) {
      let exhaustive = 0;
      for (let x = 0; x <= lutSpan(table); x++) exhaustive = Math.max(exhaustive, Math.abs(evaluateLut(table, x) / 2 ** 14 - fn(x / 2 ** 12)));
      expect(table.maxError).toBeLessThanOrEqual(exhaustive);
      expect(table.maxError).toBeGreaterThanOrEqual(0.97 * exhaustive);
    }
  });
  it("keeps m3 within 1% by octave spacing where uniform spacing misses", () => {
    // m3 rises to (0.13/0.26)³ = 1/8 within d1 = 0.13 µM of a 38 µM domain: 1023 uniform steps of
    // 2^−6 µM (Q.19, 2^13 raw) leave ~8 steps there; 2^5 entries per octave keep 3% relative steps
    const fn = (x: number) => (x / (x + 0.13)) ** 3;
    const shape = { entries: 1024, bits: 16, interpolation: "linear" as const };
    const uniform = buildBestLut("m3", fn, 0, 38, { ...shape, spacing: ["uniform"] }, 19, "fit");
    const best = buildBestLut("m3", fn, 0, 38, { ...shape, spacing: ["uniform", "octave"] }, 19, "fit");
    expect(uniform.spacing).toBe("uniform");
    expect(uniform.maxError).toBeGreaterThan(0.005);
    expect(best.spacing).toBe("octave");
    expect(best.values.length).toBeLessThanOrEqual(1024);
    expect((best.values.length - 1) % 2 ** best.segmentBits).toBe(0);
    expect(best.maxError).toBeLessThan(0.01 * 0.99);
    expect(best.maxError).toBeLessThan(uniform.maxError / 4);
  });
  it("puts the sigmoid's x0 where S rounds to 0", () => {
    // k = 0.2 mV, sFrac = 15: x0 = floor(−0.2·ln(2^16 − 1)·2^15) / 2^15; S(x0) < 2^−16 and S one raw step above ≥ it
    const lut = sigmoidLut(0.2, 15, SEMANTICS);
    expect(lut.frac).toBe(15);
    const s = (v: number) => 1 / (1 + Math.exp(-v / 0.2));
    expect(s(lut.x0 / 2 ** 15)).toBeLessThan(2 ** -16);
    expect(s((lut.x0 + 2) / 2 ** 15)).toBeGreaterThanOrEqual(2 ** -16);
    expect(lut.values[0]).toBe(0);
    expect(lut.values[lut.values.length - 1]).toBe(2 ** 15 - 1); // S ≈ 1 clamps to the largest signed 16-bit entry
  });
});

describe("exact wide multiply-shift", () => {
  it("equals BigInt (a·b) >> s, floored or rounded half up, beyond 2^53", () => {
    const rng = new Rng(7);
    let wide = 0;
    for (let i = 0; i < 20000; i++) {
      const a = (rng.nextInt(2) === 0 ? -1 : 1) * Math.floor(rng.nextFloat() * 2 ** rng.nextInt(51));
      const b = (rng.nextInt(2) === 0 ? -1 : 1) * Math.floor(rng.nextFloat() * 2 ** rng.nextInt(26));
      const s = rng.nextInt(50);
      const product = BigInt(a) * BigInt(b);
      const floor = product >> BigInt(s); // BigInt >> floors
      const halfUp = s === 0 ? product : (product + (1n << BigInt(s - 1))) >> BigInt(s);
      if (floor > BigInt(2 ** 52) || floor < -BigInt(2 ** 52)) continue;
      if (Math.abs(a * b) >= 2 ** 53) wide++;
      expect(mulShr(a, b, s, "floor") + 0).toBe(Number(floor)); // + 0: −0 and 0 are the same integer
      expect(mulShr(a, b, s, "half-up") + 0).toBe(Number(halfUp));
    }
    expect(wide).toBeGreaterThan(1000);
  });

  it("stays exact for two 32-bit operands (32-bit astrocyte states), in mulShr and the fast engines' mulShift", () => {
    const rng = new Rng(11);
    let wide = 0;
    for (let i = 0; i < 20000; i++) {
      const a = (rng.nextInt(2) === 0 ? -1 : 1) * Math.floor(rng.nextFloat() * 2 ** rng.nextInt(33));
      const b = (rng.nextInt(2) === 0 ? -1 : 1) * Math.floor(rng.nextFloat() * 2 ** rng.nextInt(33));
      const s = 10 + rng.nextInt(30);
      const product = BigInt(a) * BigInt(b);
      const halfUp = Number((product + (1n << BigInt(s - 1))) >> BigInt(s));
      if (Math.abs(a * b) >= 2 ** 53) wide++;
      expect(mulShr(a, b, s, "half-up") + 0).toBe(halfUp);
      expect(mulShr(a, b, s, "floor") + 0).toBe(Number(product >> BigInt(s)));
      expect(mulShift(a, b, 2 ** (s - 1), 2 ** -s, s, "half-up") + 0).toBe(halfUp);
    }
    expect(wide).toBeGreaterThan(500); // about 800 of the pairs pass 2^53
  });
});

describe("astrocyte formulas", () => {
  it("forms h³ with two shifts", () => {
    // f = 4, h = 13 (0.8125), exact h³ = 0.536 = 8.58/16. Half up: 169 / 16 = 10.56 → 11; 143 / 16 = 8.94 → 9.
    // Floor: 169 >> 4 = 10; 130 >> 4 = 8
    expect(hCubed(13, 4, "half-up")).toBe(9);
    expect(hCubed(13, 4, "floor")).toBe(8);
  });
  it("steps the reduced model by hand", () => {
    // c = 24; kIp3 = 0.25, kCa = 0.125, kGain = 0.5, kDrive = 0.001 (Q.24 rounded: 16777)
    const k: ReducedKernel = { c: C, rounding: "half-up", kDrive: 16777, kIp3: 2 ** 22, kCa: 2 ** 21, kGain: 2 ** 23, ip3Rest: 100, caRest: 50, ip3Threshold: 300 };
    const floor: ReducedKernel = { ...k, rounding: "floor" };
    // ΔIP3 = (0.25·(100 − 500)) + 16777·1000/2^24 = −100 + 0.99997: → 1 half up, → 0 floored
    expect(reducedIp3Increment(500, 1000, 0, 0, k)).toBe(-99);
    expect(reducedIp3Increment(500, 1000, 0, 0, floor)).toBe(-100);
    // ΔCa = 0.125·(50 − 210) + 0.5·(500 − 300) = −20 + 100 = 80
    expect(reducedCaIncrement(210, 500, 0, 0, k)).toBe(80);
    // below the threshold the gain term is 0; a Laplacian of −7 with d = 0.5: −3.5 → −3 half up (the tie goes up), −4 floored
    expect(reducedCaIncrement(50, 200, -7, 2 ** 23, k)).toBe(-3);
    expect(reducedCaIncrement(50, 200, -7, 2 ** 23, floor)).toBe(-4);
  });
});

describe("astroConstants", () => {
  it("gives the WM2021 Ullah constants and uniform tables at P = 0.1 ms, Q.19", async () => {
    const { astroConstants } = await import("../../../src/models/astro-fixed.js");
    const { ULLAH_WM2021 } = await import("../../../src/ir/astro-types.js");
    const fixed = astroConstants("ullah2006", ULLAH_WM2021, 1e-4, 19, C, { entries: 1024, bits: 16, interpolation: "linear", spacing: ["uniform"], caMax: 2, ip3Max: 16 });
    // Q.24 of rate·1e-4: v1 6 → 10066.33 → 10066; v2 0.11 → 184.55 → 185; k1 0.5 → 838.86 → 839;
    // ip3_rate and a2 0.14 → 234.88 → 235; kP = kDrive = 1677.72 → 1678; c1p = 1.185·2^24 = 19881000.96 → 19881001;
    // Q.19: c0 = 2·2^19 = 1048576, ip3Star = 0.16·2^19 = 83886.08 → 83886
    expect(fixed.constants).toEqual({
      kP: 1678, kDrive: 1678, kv1: 10066, kv2: 185, kk1: 839, kTr: 235, ka2: 235, c0: 1048576, c1p: 19881001, ip3Star: 83886, membraneFluxes: 1, plcDelta: 1,
    });
    // domains: IP3 tables cover 16 µM = 2^23 raw with 1023 steps of 2^14 raw, so they reach 31.97 µM;
    // Ca tables cover 2 µM = 2^20 raw with steps of 2^11, reaching 3.996 µM.
    // output fracs, the largest f with round(max·2^f) ≤ 32767 over that whole domain:
    // m3 ≤ (31.97/32.10)³ = 0.988 → 15; n3 ≤ (3.996/4.078)³ = 0.941 → 15; pump ≤ 2.2·15.97/15.98 = 2.199 → 13;
    // q2 ≤ 1.049·32.10/32.91 = 1.023 → 14 (1.023·2^15 = 33526 is too many); influx ≤ 0.2·1022/1023 = 0.1998 → 17;
    // plc ≤ 0.3·(3.996 + 0.22)/5.096 = 0.2482 → 17 (32532)
    const fracs = Object.fromEntries(Object.entries(fixed.luts).map(([name, lut]) => [name, lut.frac]));
    expect(fracs).toEqual({ m3: 15, n3: 15, pump: 13, q2: 14, influx: 17, plc: 17 });
    // linear interpolation errs by at most h²/8·max|f''| (h the spacing), entries by ½ LSB, the floor by 1 LSB
    const p = ULLAH_WM2021;
    const fns: Record<string, (x: number) => number> = {
      m3: (x) => (x / (x + p.d1)) ** 3,
      n3: (x) => (x / (x + p.d5)) ** 3,
      pump: (x) => (p.v3 * x * x) / (x * x + p.k3 * p.k3),
      q2: (x) => (p.d2 * (x + p.d1)) / (x + p.d3),
      influx: (x) => (p.v6 * x * x) / (p.k2 * p.k2 + x * x),
      plc: (x) => (p.v4 * (x + (1 - p.alpha) * p.k4)) / (x + p.k4),
    };
    for (const [name, lut] of Object.entries(fixed.luts)) {
      expect(lut.values.length).toBe(1024);
      const h = 2 ** lut.shift / 2 ** 19;
      const hi = lut.x0 / 2 ** 19 + 1023 * h;
      let curvature = 0;
      for (let x = h; x < hi - h; x += h / 4) curvature = Math.max(curvature, Math.abs(fns[name](x + h / 4) - 2 * fns[name](x) + fns[name](x - h / 4)) / (h / 4) ** 2);
      // the first interval from 0, where some curvatures peak, is sampled from its midpoint
      curvature = Math.max(curvature, Math.abs(fns[name](h) - 2 * fns[name](h / 2) + fns[name](0)) / (h / 2) ** 2);
      expect(lut.maxError, name).toBeLessThanOrEqual((h * h * curvature) / 8 + 1.5 * 2 ** -lut.frac);
    }
  });
});

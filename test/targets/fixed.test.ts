// One test per arithmetic rule of docs/semantics-integer.md; every expected value is worked out
// by hand in the comment next to it (or quoted from the loihi-golden-sample README).
import { describe, expect, it } from "vitest";
import {
  applyOverflow,
  bias,
  decay,
  divideTowardZero,
  effectiveWeight,
  precisionShift,
  saturate,
  wrapOnce,
  shiftRight,
  shiftRightFloor,
  shiftRightHalfAway,
  shiftRightTowardZero,
  threshold,
  wrap,
  type WeightFormat,
} from "../../src/targets/fixed.js";
import type { LifSemantics, Register } from "../../src/targets/types.js";

const LOIHI_WEIGHT: LifSemantics["weight"] = { mantissaBits: 8, exponentMin: -8, exponentMax: 7, shift: 6, rounding: "floor", clip: 2097088 };
const mixed = (exponent: number, weightBits = 8): WeightFormat => ({ signMode: "mixed", weightBits, exponent });
const excitatory = (exponent: number, weightBits = 8): WeightFormat => ({ signMode: "excitatory", weightBits, exponent });
const inhibitory = (exponent: number, weightBits = 8): WeightFormat => ({ signMode: "inhibitory", weightBits, exponent });

describe("shifts and division", () => {
  it("shiftRightFloor rounds toward minus infinity", () => {
    expect(shiftRightFloor(7, 1)).toBe(3); // 3.5 → 3
    expect(shiftRightFloor(-7, 1)).toBe(-4); // -3.5 → -4
    expect(shiftRightFloor(-1, 12)).toBe(-1); // -1/4096 → -1
  });

  it("shiftRightTowardZero drops the fraction of the magnitude", () => {
    expect(shiftRightTowardZero(7, 1)).toBe(3);
    expect(shiftRightTowardZero(-7, 1)).toBe(-3);
    expect(Object.is(shiftRightTowardZero(-1, 12), 0)).toBe(true); // never -0
  });

  it("shiftRightHalfAway rounds ties away from zero", () => {
    expect(shiftRightHalfAway(6, 2)).toBe(2); // 1.5 → 2
    expect(shiftRightHalfAway(-6, 2)).toBe(-2); // -1.5 → -2
    expect(shiftRightHalfAway(5, 2)).toBe(1); // 1.25 → 1
    expect(shiftRight(-6, 2, "half-away")).toBe(-2);
  });

  it("divideTowardZero truncates like C's /", () => {
    expect(divideTowardZero(-77, 2)).toBe(-38);
    expect(divideTowardZero(77, 2)).toBe(38);
    // 2^53 - 1 over 3 = 3002399751580330.33…: exact despite the double division
    expect(divideTowardZero(2 ** 53 - 1, 3)).toBe(3002399751580330);
  });
});

describe("decay", () => {
  // Factor 4095/4096 (Brian2Loihi du = 1, Lava du = 0 with offset 1): README "Rounding of negative values".
  it("truncates toward zero for negatives: -1 → 0, -5 → -4, -4097 → -4095", () => {
    expect(decay(-1, 1, 12, "toward-zero")).toBe(0); // -4095/4096 = -0.9998 → 0
    expect(decay(-5, 1, 12, "toward-zero")).toBe(-4); // -20475/4096 = -4.9988 → -4
    expect(decay(-4097, 1, 12, "toward-zero")).toBe(-4095); // -(4096² - 1)/4096 = -4095.9998 → -4095
    expect(decay(4097, 1, 12, "toward-zero")).toBe(4095); // the mirror image
  });

  it("floor mode keeps negatives one lower: -1 stays -1, -5 → -5, -4097 → -4096", () => {
    expect(decay(-1, 1, 12, "floor")).toBe(-1);
    expect(decay(-5, 1, 12, "floor")).toBe(-5);
    expect(decay(-4097, 1, 12, "floor")).toBe(-4096);
    expect(decay(4097, 1, 12, "floor")).toBe(4095);
  });

  it("half-away rounds the scaled value to nearest", () => {
    expect(decay(3, 2048, 12, "half-away")).toBe(2); // 3·2048/4096 = 1.5 → 2
    expect(decay(-3, 2048, 12, "half-away")).toBe(-2);
    expect(decay(3, 2048, 12, "toward-zero")).toBe(1);
  });

  it("d = 0 keeps the value and d = 2^bits clears it", () => {
    expect(decay(-8388607, 0, 12, "toward-zero")).toBe(-8388607);
    expect(decay(-8388607, 4096, 12, "toward-zero")).toBe(0);
  });

  it("reproduces the first steps of b2l_syn_01 (du = dv = 1024)", () => {
    expect(decay(7936, 1024, 12, "toward-zero")).toBe(5952); // 7936·3072/4096
    expect(decay(-7490, 1024, 12, "toward-zero")).toBe(-5617); // -5617.5 → -5617 (expected u[51])
  });
});

describe("overflow", () => {
  const twos: Register = { bits: 24, min: -8388608, max: 8388607, overflow: "wrap" };
  const lava: Register = { bits: 24, min: -8388607, max: 8388608, overflow: "wrap-once" };
  const clip: Register = { bits: 24, min: -8388607, max: 8388607, overflow: "saturate" };
  const none: Register = { bits: 24, min: -8388608, max: 8388607, overflow: "none" };

  it("wraps in 24-bit two's complement at both boundaries", () => {
    expect(wrap(8388608, twos.min, twos.max)).toBe(-8388608); // 2^23 → -2^23
    expect(wrap(-8388609, twos.min, twos.max)).toBe(8388607); // -2^23 - 1 → 2^23 - 1
    expect(wrap(8388607, twos.min, twos.max)).toBe(8388607);
    expect(wrap(3 * 2 ** 24 + 5, twos.min, twos.max)).toBe(5); // several periods at once
  });

  it("wraps at Lava's off-by-one boundary: (-2^23, 2^23]", () => {
    expect(wrap(8388608, lava.min, lava.max)).toBe(8388608); // +2^23 stays
    expect(wrap(8388609, lava.min, lava.max)).toBe(-8388607); // > 2^23 loses 2^24
    expect(wrap(-8388608, lava.min, lava.max)).toBe(8388608); // ≤ -2^23 gains 2^24
    expect(wrap(-8388607, lava.min, lava.max)).toBe(-8388607);
    for (const x of [8388608, 8388609, -8388608, -8388607]) expect(wrapOnce(x, lava.min, lava.max)).toBe(wrap(x, lava.min, lava.max));
  });

  it("wrap-once corrects by 2^24 once, as Lava does, and may stay out of range beyond ±3·2^23", () => {
    // 3·2^23 + 64 = 25165888 → -2^24 → 8388672, still above 2^23; modular wrap would give -8388544.
    expect(applyOverflow(25165888, lava)).toEqual({ value: 8388672, overflowed: true });
    expect(wrap(25165888, lava.min, lava.max)).toBe(-8388544);
    // -3·2^23 = -25165824 → +2^24 → -8388608, still ≤ -2^23.
    expect(applyOverflow(-25165824, lava)).toEqual({ value: -8388608, overflowed: true });
  });

  it("saturates to ±(2^23 - 1)", () => {
    expect(saturate(9000000, clip.min, clip.max)).toBe(8388607);
    expect(saturate(-9000000, clip.min, clip.max)).toBe(-8388607);
    expect(applyOverflow(-8388608, clip)).toEqual({ value: -8388607, overflowed: true });
  });

  it("flags an out-of-range value under every rule and leaves it alone under 'none'", () => {
    expect(applyOverflow(8388607, twos)).toEqual({ value: 8388607, overflowed: false });
    expect(applyOverflow(8388608, twos)).toEqual({ value: -8388608, overflowed: true });
    expect(applyOverflow(69000000, none)).toEqual({ value: 69000000, overflowed: true });
  });
});

describe("effective weight", () => {
  it("precision shift is 8 - weightBits, plus 1 in mixed mode", () => {
    expect(precisionShift(mixed(0), LOIHI_WEIGHT)).toBe(1);
    expect(precisionShift(excitatory(0, 6), LOIHI_WEIGHT)).toBe(2);
  });

  it("truncates the mantissa toward zero in mixed mode: -77 → -76, 201 → 200, -1 → 0", () => {
    expect(effectiveWeight(-77, mixed(0), LOIHI_WEIGHT)).toBe(-76 * 64);
    expect(effectiveWeight(201, mixed(0), LOIHI_WEIGHT)).toBe(200 * 64);
    expect(Object.is(effectiveWeight(-1, mixed(0), LOIHI_WEIGHT), 0)).toBe(true);
    expect(effectiveWeight(-77, inhibitory(0), LOIHI_WEIGHT)).toBe(-77 * 64); // 8 bits, not mixed: unchanged
  });

  it("truncates toward zero at fewer weight bits", () => {
    // 6 bits excitatory: p = 2, trunc(203/4)·4 = 200; inhibitory -203 → -200
    expect(effectiveWeight(203, excitatory(0, 6), LOIHI_WEIGHT)).toBe(200 * 64);
    expect(effectiveWeight(-203, inhibitory(0, 6), LOIHI_WEIGHT)).toBe(-200 * 64);
  });

  it("floors the scaled weight to a multiple of 64: exponent -8 maps +37 to 0 and -37 to -64", () => {
    expect(effectiveWeight(37, excitatory(-8), LOIHI_WEIGHT)).toBe(0); // floor(37/256) = 0
    expect(effectiveWeight(-37, inhibitory(-8), LOIHI_WEIGHT)).toBe(-64); // floor(-37/256) = -1
    expect(effectiveWeight(124, excitatory(0), LOIHI_WEIGHT)).toBe(7936); // b2l_syn_01
    expect(effectiveWeight(100, excitatory(3), LOIHI_WEIGHT)).toBe(100 * 8 * 64);
  });

  it("clips to ±2097088: -256·2^13 = -2097152 → -2097088", () => {
    expect(effectiveWeight(-256, inhibitory(7), LOIHI_WEIGHT)).toBe(-2097088);
    expect(effectiveWeight(255, excitatory(7), LOIHI_WEIGHT)).toBe(255 * 2 ** 13); // 2088960, inside
  });

  it("rounds per the target: toward zero maps -37·2^-8 to 0", () => {
    expect(effectiveWeight(-37, inhibitory(-8), { ...LOIHI_WEIGHT, rounding: "toward-zero" })).toBe(0);
    expect(effectiveWeight(-37, inhibitory(-2), { ...LOIHI_WEIGHT, rounding: "half-away" })).toBe(-9 * 64); // -9.25 → -9
  });
});

describe("bias and threshold", () => {
  it("shifts the bias mantissa left by its exponent", () => {
    expect(bias(25, 2)).toBe(100); // lava_bias_01
    expect(bias(-4096, 7)).toBe(-524288);
    expect(bias(-3, -1)).toBe(-2); // a negative exponent is an arithmetic right shift: floor(-1.5)
  });

  it("shifts the threshold mantissa left by 6", () => {
    expect(threshold(100, 6)).toBe(6400);
    expect(threshold(131071, 6)).toBe(8388544);
  });
});

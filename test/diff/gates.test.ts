// Gate intervals: hand-worked cases and a brute-force check on random gate rows.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gateIntervals, jaccard, onsetShifts, openSteps, overlapSteps } from "../../src/diff/gates.js";

const row = (values: readonly number[]) => Float64Array.from(values);
const list = (...bounds: number[]) => Int32Array.from(bounds);

describe("gateIntervals", () => {
  it("turns open runs into half-open step intervals", () => {
    expect(Array.from(gateIntervals(row([0, 1, 1, 0, 1])))).toEqual([1, 3, 4, 5]);   // the last stays open to the end
    expect(Array.from(gateIntervals(row([1, 1, 1])))).toEqual([0, 3]);
    expect(Array.from(gateIntervals(row([0, 0])))).toEqual([]);
    expect(Array.from(gateIntervals(row([])))).toEqual([]);
  });

  it("counts a value ≥ 0.5 as open (a graded gate halfway)", () => {
    expect(Array.from(gateIntervals(row([0.49, 0.5, 0.7, 0.2])))).toEqual([1, 3]);
  });
});

describe("overlap, Jaccard and onset shifts", () => {
  it("[10,20) against [15,25): overlap 5, union 15, Jaccard 1/3, onset +5", () => {
    const a = list(10, 20), b = list(15, 25);
    expect(overlapSteps(a, b)).toBe(5);
    expect(jaccard(5, openSteps(a), openSteps(b))).toBe(1 / 3);
    expect(Array.from(onsetShifts(a, b))).toEqual([5]);
  });

  it("two gates that never open agree completely", () => {
    expect(jaccard(overlapSteps(list(), list()), 0, 0)).toBe(1);
    expect(Array.from(onsetShifts(list(), list()))).toEqual([]);
  });

  it("disjoint intervals overlap nowhere and match no interval", () => {
    expect(overlapSteps(list(0, 5), list(5, 9))).toBe(0);                // half-open: [0,5) and [5,9) do not touch
    expect(jaccard(0, 5, 4)).toBe(0);
    expect(Array.from(onsetShifts(list(0, 5), list(5, 9)))).toEqual([]);
  });

  it("matches intervals one to one in time order", () => {
    // a: [0,10) [12,20) [30,35); b: [8,14) [31,40). [0,10) takes [8,14) (shift 8); [12,20) then
    // meets [31,40), ends first and stays unmatched; [30,35) takes [31,40) (shift 1).
    const a = list(0, 10, 12, 20, 30, 35), b = list(8, 14, 31, 40);
    expect(Array.from(onsetShifts(a, b))).toEqual([8, 1]);
    // overlap: [8,10) 2 + [12,14) 2 + [31,35) 4 = 8
    expect(overlapSteps(a, b)).toBe(8);
  });

  it("equal the set computation on random gate rows", () => {
    const gate = fc.array(fc.constantFrom(0, 1), { minLength: 0, maxLength: 60 });
    fc.assert(fc.property(gate, gate, (x, y) => {
      const n = Math.min(x.length, y.length);
      const ra = row(x.slice(0, n)), rb = row(y.slice(0, n));
      let both = 0, either = 0, inA = 0, inB = 0;
      for (let t = 0; t < n; t++) {
        both += ra[t] === 1 && rb[t] === 1 ? 1 : 0;
        either += ra[t] === 1 || rb[t] === 1 ? 1 : 0;
        inA += ra[t];
        inB += rb[t];
      }
      const a = gateIntervals(ra), b = gateIntervals(rb);
      expect(openSteps(a)).toBe(inA);
      expect(openSteps(b)).toBe(inB);
      expect(overlapSteps(a, b)).toBe(both);
      expect(jaccard(both, inA, inB)).toBe(either === 0 ? 1 : both / either);
      // Each matched pair overlaps, so no more pairs than intervals on either side.
      expect(onsetShifts(a, b).length).toBeLessThanOrEqual(Math.min(a.length, b.length) / 2);
    }), { numRuns: 300, seed: 20_261_127 });
  });
});

// diffRecordings on astrocyte populations: per-astrocyte RMSE, gate intervals, territories and
// the astrocyte criteria, on the hand-made pair of ./astro-fixtures.ts (values derived there).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffRecordings, diffVerdict, type DiffReport } from "../../src/diff/compare.js";
import { ASTROCYTE_DEFAULTS, DEFAULT_CRITERIA, makeCriteria, parseCriteria, thresholdsFor, type Criteria } from "../../src/diff/criteria.js";
import { territoriesOf, type Territories } from "../../src/diff/territories.js";
import type { ElaboratedNetwork } from "../../src/ir/elaborated.js";
import type { Recording } from "../../src/hw/recording.js";
import { population, recording, trace } from "../recording/fixtures.js";
import { astroPair, TERRITORIES } from "./astro-fixtures.js";

function mustDiff(a: Recording, b: Recording, criteria: Criteria = DEFAULT_CRITERIA, territories?: Territories): DiffReport {
  const result = diffRecordings(a, b, criteria, territories !== undefined ? { territories } : {});
  expect(result.diagnostics).toEqual([]);
  if (!result.ok) throw new Error("diff failed");
  return result.value;
}
const criteria = (input: Parameters<typeof makeCriteria>[0]): Criteria => {
  const result = makeCriteria(input);
  if (!result.ok) throw new Error("bad criteria");
  return result.value;
};

const { a, b } = astroPair();

describe("per-astrocyte traces and gates", () => {
  const report = mustDiff(a, b);
  const astro = report.populations[1];

  it("summarise each variable's per-astrocyte RMSE (max, mean, worst)", () => {
    expect(Array.from(astro.traces[0].perNeuronRmse)).toEqual([2 ** -9, 0, 2 ** -6, 0]);
    expect(astro.astrocytes?.variables).toEqual([
      { variable: "ca", unit: "µM", maxRmse: 2 ** -6, meanRmse: (2 ** -9 + 2 ** -6) / 4, worst: 2 },
      { variable: "ip3", unit: "µM", maxRmse: 0, meanRmse: 0, worst: 0 },
    ]);
  });

  it("find the gate intervals, overlaps, Jaccard indices and onset shifts", () => {
    const g = astro.astrocytes!.gate!;
    expect(g.intervalsA.map((x) => Array.from(x))).toEqual([[10, 20], [], [5, 8, 30, 40], [0, 4]]);
    expect(g.intervalsB.map((x) => Array.from(x))).toEqual([[15, 25], [], [30, 40], []]);
    expect(Array.from(g.openStepsA)).toEqual([10, 0, 13, 4]);
    expect(Array.from(g.openStepsB)).toEqual([10, 0, 10, 0]);
    expect(Array.from(g.overlap)).toEqual([5, 0, 10, 0]);
    expect(Array.from(g.jaccard)).toEqual([1 / 3, 1, 10 / 13, 0]);
    expect(g.onsetShifts.map((x) => Array.from(x))).toEqual([[5], [], [0], []]);
    expect(g.meanJaccard).toBeCloseTo((1 / 3 + 1 + 10 / 13 + 0) / 4, 12);
    // two matched intervals, shifts +5 and 0: mean |shift| 2.5
    expect(g).toMatchObject({ minJaccard: 0, minJaccardAstrocyte: 3, openedA: 3, openedB: 2, maxOnsetShift: 5, meanAbsOnsetShift: 2.5, matchedIntervals: 2 });
    expect(Array.from(g.openedOnlyA)).toEqual([3]);
    expect(Array.from(g.openedOnlyB)).toEqual([]);
  });

  it("judge the means by default: Ca and IP3 pass, the gates (mean J 0.526 < 0.8) fail", () => {
    expect(astro.verdicts).toEqual([
      { criterion: "maxMeanAstrocyteRmse", population: "astro", variable: "ca", measured: (2 ** -9 + 2 ** -6) / 4, threshold: 0.02, comparison: "<=", pass: true },
      { criterion: "maxMeanAstrocyteRmse", population: "astro", variable: "ip3", measured: 0, threshold: 0.5, comparison: "<=", pass: true },
      { criterion: "minMeanGateJaccard", population: "astro", measured: astro.astrocytes!.gate!.meanJaccard, threshold: 0.8, comparison: ">=", pass: false },
    ]);
    expect(report.pass).toBe(false);
  });

  it("leave neuron populations and the overall spike metrics as before", () => {
    expect(report.populations[0].astrocytes).toBeUndefined();
    expect(report.overall).toMatchObject({ countA: 4, countB: 4, withinFraction: 0.5 });
    expect(report.territories).toBeUndefined();
  });
});

describe("astrocyte criteria", () => {
  it("pass when the bounds allow the measured values", () => {
    const loose = criteria({ maxAstrocyteRmse: { ca: 2 ** -6 }, minMeanGateJaccard: 0.5, perPopulation: { exc: { minMatchedFraction: 0.5 } } });
    const report = mustDiff(a, b, loose);
    expect(report.verdicts.filter((v) => !v.pass)).toEqual([]);
    expect(diffVerdict(diffRecordings(a, b, loose))).toBe("pass");
  });

  it("bound the worst astrocyte only when maxAstrocyteRmse is set", () => {
    const report = mustDiff(a, b, criteria({ maxAstrocyteRmse: { ca: 0.01 } }));
    expect(report.verdicts.find((v) => v.criterion === "maxAstrocyteRmse")).toMatchObject({ variable: "ca", measured: 2 ** -6, threshold: 0.01, pass: false });
  });

  it("check the least Jaccard index only when minGateJaccard is set", () => {
    const report = mustDiff(a, b, criteria({ minGateJaccard: 0.1 }));
    expect(report.verdicts.find((v) => v.criterion === "minGateJaccard")).toMatchObject({ measured: 0, threshold: 0.1, pass: false });
  });

  it("give identical astrocyte recordings Jaccard 1 everywhere and pass the defaults", () => {
    const report = mustDiff(a, a);
    expect(Array.from(report.populations[1].astrocytes!.gate!.jaccard)).toEqual([1, 1, 1, 1]);
    expect(report.pass).toBe(true);
    expect(report.populations[1].verdicts.map((v) => [v.criterion, v.variable ?? "", v.pass])).toEqual([
      ["maxMeanAstrocyteRmse", "ca", true], ["maxMeanAstrocyteRmse", "ip3", true], ["minMeanGateJaccard", "", true],
    ]);
  });

  it("fail a bound whose trace cannot be compared, as 'not measured'", () => {
    const noGate: Recording = { ...b, populations: [b.populations[0], { ...b.populations[1], traces: b.populations[1].traces.slice(0, 2) }] };
    const result = diffRecordings(a, noGate);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["TP4076"]);
    expect(result.value?.verdicts.find((v) => v.criterion === "minMeanGateJaccard")).toMatchObject({ measured: undefined, pass: false });
  });

  it("read from a criteria file, merge per variable and per population", () => {
    const file = parseCriteria(JSON.stringify({
      format: "tripart.criteria/1", maxMeanAstrocyteRmse: { ca: 0.001 }, maxAstrocyteRmse: { ca: 0.02 }, minMeanGateJaccard: 0.7,
      perPopulation: { astro: { maxAstrocyteRmse: { ip3: 0.05 }, minGateJaccard: 0.5 } },
    }));
    if (!file.ok) throw new Error("bad criteria");
    expect(thresholdsFor(file.value, "astro")).toMatchObject({
      maxMeanAstrocyteRmse: { ca: 0.001 }, maxAstrocyteRmse: { ca: 0.02, ip3: 0.05 }, minMeanGateJaccard: 0.7, minGateJaccard: 0.5,
    });
    // the file's mean bound on ca replaces the default; ip3 keeps the default 0.5
    const verdicts = mustDiff(a, b, file.value).populations[1].verdicts;
    expect(verdicts.map((v) => [v.criterion, v.variable ?? "", v.threshold])).toEqual([
      ["maxMeanAstrocyteRmse", "ca", 0.001], ["maxMeanAstrocyteRmse", "ip3", 0.5], ["maxAstrocyteRmse", "ca", 0.02], ["maxAstrocyteRmse", "ip3", 0.05],
      ["minMeanGateJaccard", "", 0.7], ["minGateJaccard", "", 0.5],
    ]);
  });

  it("refuse out-of-range astrocyte bounds with TP1204", () => {
    const bad = makeCriteria({ minMeanGateJaccard: 1.5, maxAstrocyteRmse: { ca: -1 } });
    expect(bad.diagnostics.map((d) => [d.code, d.path])).toEqual([["TP1204", "/minMeanGateJaccard"], ["TP1204", "/maxAstrocyteRmse/ca"]]);
  });

  it("keep the documented defaults apart from DEFAULT_CRITERIA, so LIF reports do not change", () => {
    expect(ASTROCYTE_DEFAULTS).toEqual({ maxMeanAstrocyteRmse: { ca: 0.02, ip3: 0.5, h: 0.01 }, minMeanGateJaccard: 0.8 });
    expect(Object.keys(DEFAULT_CRITERIA)).toEqual(["matchWithin", "minMatchedFraction", "maxRateError", "vanRossumTauMs"]);
  });
});

describe("territories", () => {
  const report = mustDiff(a, b, DEFAULT_CRITERIA, TERRITORIES);

  it("sum the spike metrics of each territory's neurons", () => {
    const [t] = report.territories!;
    expect(t).toMatchObject({ astrocytes: "astro", population: "exc", matchWithin: 1, meanWithinFraction: 0.625, minWithinFraction: 0, worstTerritory: 2 });
    expect(Array.from(t.size)).toEqual([2, 2, 1, 0]);
    expect(Array.from(t.countA)).toEqual([2, 2, 1, 0]);
    expect(Array.from(t.countB)).toEqual([2, 1, 2, 0]);
    expect(Array.from(t.withinMatched)).toEqual([2, 1, 0, 0]);
    expect(Array.from(t.withinFraction)).toEqual([1, 0.5, 0, 1]);
    // 2 spikes of 2 neurons in 0.04 s = 25 Hz; 1 of 2 = 12.5 Hz; 2 of 1 = 50 Hz; no neurons = 0
    expect(Array.from(t.rateAHz)).toEqual([25, 25, 25, 0]);
    expect(Array.from(t.rateBHz)).toEqual([25, 12.5, 50, 0]);
  });

  it("use the neuron population's ±k", () => {
    const wide = mustDiff(a, b, criteria({ perPopulation: { exc: { matchWithin: 6 } } }), TERRITORIES).territories![0];
    // ±6: n3's 30 now matches 35 (one of 35, 36): territory 2 matches 1 of 1
    expect(Array.from(wide.withinFraction)).toEqual([1, 0.5, 1, 1]);
  });

  it("are still computed when per-neuron arrays are left out of the report", () => {
    const result = diffRecordings(a, b, DEFAULT_CRITERIA, { territories: TERRITORIES, perNeuron: false });
    expect(result.value?.populations[0].spikes?.perNeuron).toBeUndefined();
    expect(result.value?.territories?.[0].meanWithinFraction).toBe(0.625);
  });

  it("come from an elaborated network's CSR territories", () => {
    const net = {
      populations: [{ id: "exc" }],
      astrocytes: [{ id: "astro", size: 4, territoryPopulation: 0, territory: { rowStart: Int32Array.from([0, 2, 4, 5, 5]), neuron: Int32Array.from([0, 1, 1, 2, 3]) } }],
    } as unknown as ElaboratedNetwork;
    expect(territoriesOf(net)).toEqual(TERRITORIES);
  });
});

describe("on random astrocyte recordings", () => {
  it("keep every Jaccard index in 0..1, the mean between the least and 1, and matched shifts within the run", () => {
    const rows = (count: number, steps: number) => fc.array(fc.array(fc.constantFrom(0, 1), { minLength: steps, maxLength: steps }), { minLength: count, maxLength: count });
    const pair = fc.record({ count: fc.integer({ min: 1, max: 6 }), steps: fc.integer({ min: 0, max: 30 }) })
      .chain(({ count, steps }) => fc.tuple(fc.constant(steps), rows(count, steps), rows(count, steps)));
    fc.assert(fc.property(pair, ([steps, gatesA, gatesB]) => {
      const rec = (gates: number[][], source: Recording["source"]): Recording => recording([population("glia", gates.length, undefined, [
        trace("gate", gates.map((_, k) => k), gates, { unit: "1" })])], { steps, source });
      const report = mustDiff(rec(gatesA, "reference"), rec(gatesB, "emulator"));
      const g = report.populations[0].astrocytes!.gate!;
      for (const j of g.jaccard) expect(j >= 0 && j <= 1).toBe(true);
      expect(g.minJaccard).toBeLessThanOrEqual(g.meanJaccard + 1e-12);
      expect(g.meanJaccard).toBeLessThanOrEqual(1 + 1e-12);
      expect(g.maxOnsetShift).toBeLessThan(Math.max(1, steps));
      expect(g.openedOnlyA.length).toBeLessThanOrEqual(g.openedA);
    }), { numRuns: 200, seed: 20_261_128 });
  });
});

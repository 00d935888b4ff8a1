// Learned weights in the diff: each metric on small vectors computed by hand, the comparison of
// two hand-made weight recordings (metrics, per-step series, findings), the weight criteria, and
// the weights sections of the text and HTML reports.
import { describe, expect, it } from "vitest";
import { diffRecordings } from "../../src/diff/compare.js";
import { DEFAULT_CRITERIA, parseCriteria, type Criteria } from "../../src/diff/criteria.js";
import { renderHtml, renderTable, reportToJson } from "../../src/diff/report.js";
import { histogram } from "../../src/diff/report-format.js";
import {
  averageRanks, boundTolerance, compareWeights, fractionAtBounds, meanAbsDifference, pearson, rmse, signAgreement, spearman,
} from "../../src/diff/weights.js";
import type { Recording, WeightRecording } from "../../src/hw/recording.js";
import { population, recording, train, weightRecording } from "../recording/fixtures.js";
import { htmlProblems } from "./html-check.js";

describe("metrics on vectors", () => {
  it("Spearman of [1,2,3,4] against [10,20,40,30] is 1 − 6·Σd²/(n(n²−1)) = 1 − 6·2/60 = 0.8", () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 40, 30])).toBeCloseTo(0.8, 12);
  });

  it("Pearson of [1,2,3,4] against [10,20,40,30] is 40 / sqrt(5·500) = 0.8", () => {
    expect(pearson([1, 2, 3, 4], [10, 20, 40, 30])).toBeCloseTo(0.8, 12);
  });

  it("Pearson of [1,2,3] against [1,2,4] is 3 / sqrt(2·14/3) = sqrt(27/28), Spearman 1 (same order)", () => {
    expect(pearson([1, 2, 3], [1, 2, 4])).toBeCloseTo(Math.sqrt(27 / 28), 12);
    expect(spearman([1, 2, 3], [1, 2, 4])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it("ties share the average of their ranks", () => {
    expect(Array.from(averageRanks([5, 1, 5, 3]))).toEqual([3.5, 1, 3.5, 2]);
    expect(Array.from(averageRanks([7, 7, 7]))).toEqual([2, 2, 2]);
  });

  it("Spearman with a tie: ranks [1, 2.5, 2.5, 4] against [1,2,3,4] give 4.5 / sqrt(4.5·5) = sqrt(0.9)", () => {
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(Math.sqrt(0.9), 12);
  });

  it("a constant side has no correlation: null, not 0 or NaN", () => {
    expect(pearson([2, 2, 2], [1, 2, 3])).toBeNull();
    expect(spearman([1, 2, 3], [0.1, 0.1, 0.1])).toBeNull();
    expect(pearson([1], [1])).toBeNull();
    // 0.1 three times has a mean that is not exactly 0.1; the constant test is on the values.
    expect(pearson([0.1, 0.1, 0.1], [1, 2, 3])).toBeNull();
  });

  it("sign agreement counts zero as a sign of its own", () => {
    // (−,−) (0,0) (+,−) (+,0) (−,−): 3 of 5 agree.
    expect(signAgreement([-1, 0, 2, 3, -0.5], [-2, 0, -1, 0, -0.1])).toBeCloseTo(0.6, 15);
    expect(signAgreement([-0, 0], [0, -0])).toBe(1);
  });

  it("fraction at bounds: half a raw unit for an emulated side, on |w|", () => {
    const emulated = weightRecording("p", [0], [0], [[0, [0]]], { weightPerRaw: 0.0625 });
    const tolerance = boundTolerance(emulated);
    expect(tolerance).toBe(0.03125);
    // |w| 0 and 0.03 at min; 0.97, 1 and |−1| at max; 0.04, 0.5 and 0.9687 (0.0313 away) at neither.
    expect(fractionAtBounds([0, 0.03, 0.04, 0.97, 1, -1, 0.5, 0.9687], [0, 1], tolerance)).toEqual({ atMin: 2 / 8, atMax: 3 / 8 });
  });

  it("fraction at bounds: 1e-9 of the bound range for the reference", () => {
    const reference = weightRecording("p", [0], [0], [[0, [0]]], { bounds: [0, 1] });
    expect(boundTolerance(reference)).toBe(1e-9);
    expect(fractionAtBounds([0, 1e-10, 1 - 5e-10, 1e-8, 1], [0, 1], 1e-9)).toEqual({ atMin: 2 / 5, atMax: 2 / 5 });
  });

  it("RMSE and mean absolute difference", () => {
    expect(rmse([1, 2, 3, 4], [1, 2, 4, 3])).toBeCloseTo(Math.sqrt(0.5), 15);
    expect(meanAbsDifference([0.5, 0.5, 0.5, 0.5], [1, 2, 3, 4])).toBe(2);
  });

  it("histogram bins put the top edge in the last bin", () => {
    expect(Array.from(histogram([0, 0.25, 0.5, 1], 0, 1, 2))).toEqual([2, 2]);
  });
});

// ───────────────────────────── two recordings ─────────────────────────────

const SYNAPSES = { pre: [0, 0, 1, 1], post: [0, 1, 0, 1] };

/** Reference: p learns from 0.5 everywhere to [1,2,3,4] by step 5 (dumped at 0, 5, 9), bounds [0, 4]. */
const referenceWeights = (): WeightRecording =>
  weightRecording("p", SYNAPSES.pre, SYNAPSES.post, [[0, [0.5, 0.5, 0.5, 0.5]], [5, [1, 2, 3, 4]], [9, [1, 2, 3, 4]]], { bounds: [0, 4] });

/** Emulator: raw units of 0.5, dumped at 0, 5, 7; synapses 2 and 3 swapped at step 5. */
const emulatorWeights = (): WeightRecording =>
  weightRecording("p", SYNAPSES.pre, SYNAPSES.post, [[0, [0.5, 0.5, 0.5, 0.5], [1, 1, 1, 1]], [5, [1, 2, 4, 3], [2, 4, 8, 6]], [7, [1, 1, 1, 1], [2, 2, 2, 2]]], {
    bounds: [0, 4], weightPerRaw: 0.5,
  });

const pair = (a: WeightRecording[], b: WeightRecording[]): { a: Recording; b: Recording } => ({
  a: recording([population("exc", 2, train([]))], { weights: a }),
  b: recording([population("exc", 2, train([]))], { source: "emulator", weights: b }),
});

describe("compareWeights", () => {
  const { a, b } = pair([referenceWeights()], [emulatorWeights()]);
  const diff = compareWeights(a, b);
  const p = diff.projections[0];

  it("compares at the last step both dumped (5: the reference's 9 and the emulator's 7 are theirs alone)", () => {
    expect(diff.findings).toEqual([]);
    expect(p).toMatchObject({ projection: "p", unit: "mV (R·I)", synapses: 4, step: 5 });
  });

  it("RMSE sqrt(2/4), Pearson and Spearman 0.8, every sign the same", () => {
    expect(p.rmse).toBeCloseTo(Math.sqrt(0.5), 15);
    expect(p.pearson).toBeCloseTo(0.8, 12);
    expect(p.spearman).toBeCloseTo(0.8, 12);
    expect(p.signAgreement).toBe(1);
    expect(p.correlationNote).toBeUndefined();
  });

  it("names the synapse of the largest difference (the first of the tie: synapse 2, pre 1, post 0)", () => {
    expect(p.maxAbsDifference).toBe(1);
    expect(p.maxAbsDifferenceAt).toEqual({ synapse: 2, pre: 1, post: 0 });
  });

  it("per side: fraction at each bound and mean change since the first snapshot", () => {
    // Reference: only |w| = 4 is at a bound (tolerance 4e-9); the change is |0.5|, 1.5, 2.5, 3.5 → 2.
    expect(p.reference).toEqual({ firstStep: 0, meanAbsChange: 2, fractionAtMin: 0, fractionAtMax: 0.25, boundTolerance: 4e-9 });
    // Emulator: tolerance a quarter (half of 0.5); 4 is at max, nothing within 0.25 of 0.
    expect(p.other).toEqual({ firstStep: 0, meanAbsChange: 2, fractionAtMin: 0, fractionAtMax: 0.25, boundTolerance: 0.25 });
  });

  it("RMSE and Pearson at each common step, Pearson null at step 0 where both sides are constant", () => {
    expect(p.perStep.map((s) => s.step)).toEqual([0, 5]);
    expect(p.perStep[0]).toEqual({ step: 0, rmse: 0, pearson: null });
    expect(p.perStep[1].pearson).toBeCloseTo(0.8, 12);
  });

  it("nothing learned on either side shows as a mean change of 0 on both, and null correlations with the reason", () => {
    const still = (source: number[]) => weightRecording("q", [0, 1], [0, 0], [[0, source], [4, source]]);
    const r = compareWeights(...Object.values(pair([still([0.25, 0.25])], [still([0.25, 0.25])])) as [Recording, Recording]).projections[0];
    expect([r.reference.meanAbsChange, r.other.meanAbsChange]).toEqual([0, 0]);
    expect([r.pearson, r.spearman]).toEqual([null, null]);
    expect(r.correlationNote).toBe(
      "both sides hold one value for every synapse at step 4 (reference 0.25 mV (R·I), other 0.25 mV (R·I)), so no correlation is defined",
    );
    const one = compareWeights(...Object.values(pair([still([0.25, 0.25])], [still([0.25, 0.5])])) as [Recording, Recording]).projections[0];
    expect(one.correlationNote).toBe("the reference holds one value (0.25 mV (R·I)) for every synapse at step 4, so no correlation is defined");
  });

  it("projections on one side only, in another unit, with other synapses or without a common step are findings", () => {
    const ref = referenceWeights();
    const cases: [WeightRecording[], WeightRecording[], string][] = [
      [[ref], [], "recorded in the reference only"],
      [[], [ref], "recorded in the other recording only"],
      [[ref], [{ ...ref, unit: "mV" }], "its unit is 'mV (R·I)' in the reference but 'mV' in the other"],
      [[ref], [{ ...ref, pre: Int32Array.of(0, 0, 1), post: Int32Array.of(0, 1, 0) }], "it has 4 synapses in the reference but 3 in the other"],
      [[ref], [{ ...ref, post: Int32Array.of(0, 1, 1, 0) }], "synapse 2 is (1, 0) in the reference but (1, 1) in the other"],
      [[ref], [{ ...ref, snapshots: [{ step: 2, values: Float64Array.of(1, 1, 1, 1) }] }], "the two recordings dump no step in common (reference 0, 5, 9; other 2)"],
    ];
    for (const [wa, wb, reason] of cases) {
      const { a: ra, b: rb } = pair(wa, wb);
      expect(compareWeights(ra, rb), reason).toEqual({ projections: [], findings: [{ projection: "p", reason }] });
    }
  });
});

// ───────────────────────────── in the diff ─────────────────────────────

const diffWith = (criteria: Criteria, a = pair([referenceWeights()], [emulatorWeights()])) => {
  const result = diffRecordings(a.a, a.b, criteria);
  expect(result.diagnostics).toEqual([]);
  return result.value!;
};

describe("weight criteria", () => {
  it("without weight bounds there is no weight verdict, but the weights section is there", () => {
    const report = diffWith(DEFAULT_CRITERIA);
    expect(report.verdicts.some((v) => v.projection !== undefined)).toBe(false);
    expect(report.weights?.projections).toHaveLength(1);
  });

  it("minWeightCorrelation compares Pearson at the last common step: 0.8 passes 0.75 and fails 0.85", () => {
    const pass = diffWith({ ...DEFAULT_CRITERIA, minWeightCorrelation: 0.75 });
    expect(pass.verdicts.find((v) => v.criterion === "minWeightCorrelation")).toMatchObject({ population: "p", projection: "p", comparison: ">=", pass: true });
    expect(pass.pass).toBe(true);
    const fail = diffWith({ ...DEFAULT_CRITERIA, minWeightCorrelation: 0.85 });
    expect(fail.pass).toBe(false);
  });

  it("maxWeightRmse in the projection's unit: sqrt(0.5) ≈ 0.707 passes 0.71 and fails 0.7; perProjection overrides the top level", () => {
    expect(diffWith({ ...DEFAULT_CRITERIA, maxWeightRmse: 0.71 }).pass).toBe(true);
    expect(diffWith({ ...DEFAULT_CRITERIA, maxWeightRmse: 0.7 }).pass).toBe(false);
    const overridden = diffWith({ ...DEFAULT_CRITERIA, maxWeightRmse: 0.7, perProjection: { p: { maxWeightRmse: 0.75 } } });
    expect(overridden.verdicts.find((v) => v.criterion === "maxWeightRmse")).toMatchObject({ threshold: 0.75, pass: true });
  });

  it("a correlation that is undefined, or a projection the other side lacks, fails its bound as not measured", () => {
    const still = weightRecording("p", [0, 1], [0, 0], [[0, [0.25, 0.25]]]);
    const constant = diffWith({ ...DEFAULT_CRITERIA, minWeightCorrelation: -1 }, pair([still], [still]));
    expect(constant.verdicts.at(-1)).toMatchObject({ criterion: "minWeightCorrelation", measured: undefined, pass: false });
    const missing = diffWith({ ...DEFAULT_CRITERIA, maxWeightRmse: 1 }, pair([referenceWeights()], []));
    expect(missing.verdicts.at(-1)).toMatchObject({ criterion: "maxWeightRmse", measured: undefined, pass: false });
    expect(missing.weights?.findings).toEqual([{ projection: "p", reason: "recorded in the reference only" }]);
  });

  it("perProjection naming a projection the reference lacks is a finding", () => {
    const report = diffWith({ ...DEFAULT_CRITERIA, perProjection: { ghost: { maxWeightRmse: 1 } } });
    expect(report.weights?.findings).toEqual([{ projection: "ghost", reason: "the criteria name it, but the reference records no weights for it" }]);
  });

  it("the criteria file reads the weight bounds at the top level and per projection, and refuses them elsewhere", () => {
    const good = parseCriteria('{"format": "tripart.criteria/1", "minWeightCorrelation": 0.9, "perProjection": {"p": {"maxWeightRmse": 0.05}}}');
    expect(good.diagnostics).toEqual([]);
    expect(good.value).toMatchObject({ minWeightCorrelation: 0.9, perProjection: { p: { maxWeightRmse: 0.05 } } });
    const codes = (text: string) => parseCriteria(text).diagnostics.map((d) => [d.code, d.path]);
    expect(codes('{"format": "tripart.criteria/1", "minWeightCorrelation": 1.5}')).toEqual([["TP1204", "/minWeightCorrelation"]]);
    expect(codes('{"format": "tripart.criteria/1", "maxWeightRmse": -1}')).toEqual([["TP1204", "/maxWeightRmse"]]);
    expect(codes('{"format": "tripart.criteria/1", "perProjection": {"p": {"maxRateError": 1}}}')).toEqual([["TP1203", "/perProjection/p/maxRateError"]]);
    expect(codes('{"format": "tripart.criteria/1", "perPopulation": {"exc": {"maxWeightRmse": 1}}}')).toEqual([["TP1203", "/perPopulation/exc/maxWeightRmse"]]);
  });
});

describe("reports", () => {
  const report = diffWith({ ...DEFAULT_CRITERIA, minWeightCorrelation: 0.75, maxWeightRmse: 0.7 });
  const { a, b } = pair([referenceWeights()], [emulatorWeights()]);

  it("the text table has a weights section with the row and the verdicts", () => {
    const text = renderTable(report);
    expect(text).toContain("\nweights\n");
    const row = text.split("\n").find((line) => line.startsWith("p "))!;
    expect(row.split(/\s{2,}/)).toEqual(["p", "5", "4", "0.707 mV (R·I)", "0.800", "0.800", "100.0%", "0.0% / 0.0%", "25.0% / 25.0%", "2 / 2", "1 (1, 0)", "fail"]);
    expect(text).toMatch(/pass {2}p {4}Pearson r of the weights at step 5 +0\.800 ≥ 0\.750\n/);
    expect(text).toMatch(/FAIL {2}p {4}RMSE of the weights at step 5 +0\.707 mV \(R·I\) ≤ 0\.7 mV \(R·I\)\n/);
  });

  it("the JSON report carries the weights, with null for an undefined correlation", () => {
    const still = weightRecording("p", [0, 1], [0, 0], [[0, [0.25, 0.25]]]);
    const json = reportToJson(diffWith(DEFAULT_CRITERIA, pair([still], [still]))) as { weights: { projections: { pearson: unknown; spearman: unknown }[] } };
    expect(json.weights.projections[0]).toMatchObject({ pearson: null, spearman: null });
    expect(JSON.stringify(json)).toContain('"correlationNote"');
  });

  it("the HTML page has a weights section with a scatter (identity line) and a histogram, self-contained and well formed", () => {
    const html = renderHtml(report, a, b);
    expect(html).toContain("<h2>Weights</h2>");
    expect(html).toContain('aria-label="p: emu against ref"');
    expect(html).toContain('<line class="identity"');
    expect(html).toContain('aria-label="p: weights (mV (R·I))"');
    expect(htmlProblems(html)).toEqual([]);
    expect(html).not.toMatch(/https?:|<script|<link/);
    // Four scatter points, one per synapse, at (ref, emu) = (1,1) (2,2) (3,4) (4,3).
    expect((/<path d="((?:M[\d.]+ [\d.]+h0)+)"/.exec(html)?.[1].match(/M/g) ?? []).length).toBe(4);
  });

  it("findings appear in both reports", () => {
    const onlyOther = diffWith(DEFAULT_CRITERIA, pair([], [referenceWeights()]));
    expect(renderTable(onlyOther)).toContain("p: not compared: recorded in the other recording only");
    expect(renderHtml(onlyOther, ...Object.values(pair([], [referenceWeights()])) as [Recording, Recording])).toContain("No plastic projection is compared.");
  });

  it("a report without weights has no weights section", () => {
    const plain = recording([population("exc", 2, train([]))]);
    const none = diffRecordings(plain, plain).value!;
    expect(none.weights).toBeUndefined();
    expect(renderTable(none)).not.toContain("weights");
    expect(renderHtml(none, plain, plain)).not.toContain("<h2>Weights</h2>");
  });
});

it("docs/diff.md: the weight criteria example is a valid criteria file", async () => {
  const { readFileSync } = await import("node:fs");
  const doc = readFileSync(new URL("../../docs/diff.md", import.meta.url), "utf8");
  const example = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes('"minWeightCorrelation"'))!;
  const parsed = parseCriteria(example);
  expect(parsed.diagnostics).toEqual([]);
  expect(parsed.value).toMatchObject({ minWeightCorrelation: 0.9, maxWeightRmse: 0.05, perProjection: { exc_exc: { minWeightCorrelation: 0.8 } } });
});

// Criteria: defaults, files, flags over files, per-population overrides.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_CRITERIA, loadCriteriaFile, makeCriteria, parseCriteria, thresholdsFor } from "../../src/diff/criteria.js";

const dir = mkdtempSync(join(tmpdir(), "tripart-criteria-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILE = `{
  "format": "tripart.criteria/1",
  "matchWithin": 2,
  "maxVanRossum": 0.3,
  "maxTraceRmse": { "v": 0.5 },
  "perPopulation": {
    "inh": { "maxRateError": 0.2, "maxTraceRmse": { "i_syn": 1 } }
  }
}`;

describe("criteria", () => {
  it("have the documented defaults", () => {
    expect(DEFAULT_CRITERIA).toEqual({ matchWithin: 1, minMatchedFraction: 0.95, maxRateError: 0.1, vanRossumTauMs: 10 });
  });

  it("a file sets what it names; defaults fill the rest", async () => {
    const path = join(dir, "criteria.json");
    writeFileSync(path, FILE);
    const result = await loadCriteriaFile(path);
    expect(result.ok && result.value).toEqual({
      matchWithin: 2, minMatchedFraction: 0.95, maxRateError: 0.1, vanRossumTauMs: 10, maxVanRossum: 0.3,
      maxTraceRmse: { v: 0.5 }, perPopulation: { inh: { maxRateError: 0.2, maxTraceRmse: { i_syn: 1 } } },
    });
  });

  it("per-population overrides win over the top level and merge trace bounds", () => {
    const result = parseCriteria(FILE);
    if (!result.ok) throw new Error("bad criteria");
    expect(thresholdsFor(result.value, "inh")).toEqual({
      matchWithin: 2, minMatchedFraction: 0.95, maxRateError: 0.2, vanRossumTauMs: 10, maxVanRossum: 0.3,
      maxTraceRmse: { v: 0.5, i_syn: 1 },
    });
    expect(thresholdsFor(result.value, "exc").maxRateError).toBe(0.1);
  });

  it("flags override a file's top level but not its per-population overrides", () => {
    const file = parseCriteria(FILE);
    if (!file.ok) throw new Error("bad criteria");
    const merged = makeCriteria({ maxRateError: 0.05, matchWithin: undefined }, file.value);
    expect(merged.ok && merged.value).toMatchObject({ maxRateError: 0.05, matchWithin: 2 });
    expect(merged.ok && thresholdsFor(merged.value, "inh").maxRateError).toBe(0.2);
  });

  it("reports every bad field at once, each with its pointer and line", () => {
    const result = parseCriteria(`{
  "format": "tripart.criteria/1",
  "matchWithin": 1.5,
  "maxRateError": -1,
  "maxTraceRmse": { "v": "small" },
  "tolerance": 3
}`, "c.json");
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.path, d.line])).toEqual([
      ["TP1204", "/matchWithin", 3], ["TP1204", "/maxRateError", 4], ["TP1204", "/maxTraceRmse/v", 5], ["TP1203", "/tolerance", 6],
    ]);
    expect(result.diagnostics.every((d) => d.file === "c.json")).toBe(true);
  });

  it("refuse a fraction outside 0..1 and a non-positive tau from flags", () => {
    expect(makeCriteria({ minMatchedFraction: -0.1, vanRossumTauMs: 0 }).diagnostics.map((d) => d.path)).toEqual(["/minMatchedFraction", "/vanRossumTauMs"]);
  });
});

describe("names that are also Object.prototype keys", () => {
  it("a criterion named 'constructor' is unknown, not a crash", () => {
    expect(parseCriteria('{"format": "tripart.criteria/1", "constructor": 1, "toString": 2}').diagnostics.map((d) => [d.code, d.path]))
      .toEqual([["TP1203", "/constructor"], ["TP1203", "/toString"]]);
  });

  it("a population named 'constructor' gets the top-level thresholds", () => {
    expect(thresholdsFor({ ...DEFAULT_CRITERIA, perPopulation: { exc: { maxRateError: 1 } } }, "constructor")).toEqual({
      ...DEFAULT_CRITERIA, perPopulation: { exc: { maxRateError: 1 } },
    });
  });
});

it("random criteria values never throw: accepted, or refused with an error", () => {
  const thresholds = fc.dictionary(
    fc.constantFrom("matchWithin", "minMatchedFraction", "maxRateError", "vanRossumTauMs", "maxVanRossum", "maxTraceRmse", "perPopulation", "__proto__", "x"),
    fc.jsonValue({ maxDepth: 3 }),
  );
  fc.assert(fc.property(thresholds, (value) => {
    const result = parseCriteria(JSON.stringify({ format: "tripart.criteria/1", ...value }));
    if (!result.ok) expect(result.diagnostics.some((d) => d.severity === "error")).toBe(true);
    else expect(makeCriteria(result.value, result.value).ok).toBe(true);
  }), { numRuns: 300, seed: 20_260_417 });
});

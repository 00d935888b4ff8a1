// The target loader: the bundled targets load clean; each TP11xx/TP21xx code is reported for
// one bad input, exactly (no missing and no extra findings), with a pointer and line:col.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TARGET_CODES } from "../../src/ir/codes/target.js";
import { listTargets, loadTarget, loadTargetFile, resolveTarget, resolveTargetPath, TARGET_RULES } from "../../src/targets/load.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BASE_TEXT = readFileSync(join(ROOT, "targets", "loihi-cuba.json"), "utf8");

/** loihi-cuba.json with one change applied to its parsed form. */
function variant(change: (target: any) => void): string {
  const target = JSON.parse(BASE_TEXT);
  change(target);
  return JSON.stringify(target, null, 2);
}

const found = (text: string) => loadTarget(text, { file: "t.json" }).diagnostics.map(({ code, path }) => ({ code, path }));

describe("bundled targets", () => {
  it("lists the seven bundled targets", () => {
    expect(listTargets()).toEqual(["glia-core", "loihi-cuba", "loihi-cuba-b2l", "loihi-cuba-board", "loihi-cuba-lava", "memristor-crossbar", "xylo-style"]);
  });

  it.each(["loihi-cuba", "loihi-cuba-b2l", "loihi-cuba-board", "loihi-cuba-lava"])("loads %s without any diagnostic", async (name) => {
    const result = await resolveTarget(name);
    expect(result.diagnostics).toEqual([]);
    expect(result.ok && result.value.name).toBe(name);
  });

  it("expresses the two emulators' conventions as data", async () => {
    const b2l = await resolveTarget("loihi-cuba-b2l");
    const lava = await resolveTarget("loihi-cuba-lava");
    if (!b2l.ok || !lava.ok) throw new Error("bundled target failed to load");
    expect(b2l.value.neuron.u.overflow).toBe("none");
    expect(b2l.value.neuron.initialCurrent).toBe("carry");
    expect(b2l.value.neuron.decay).toMatchObject({ currentOffset: 0, maxCurrent: 4096, maxVoltage: 4096 });
    expect(b2l.value.neuron.refractory).toEqual({ supported: true, maxSteps: 63 });
    expect(lava.value.neuron.u).toEqual({ bits: 24, min: -8388607, max: 8388608, overflow: "wrap-once" });
    expect(lava.value.neuron.v).toEqual({ bits: 24, min: -8388607, max: 8388607, overflow: "saturate" });
    expect(lava.value.neuron.initialCurrent).toBe("decay");
    expect(lava.value.neuron.refractory.supported).toBe(false);
  });

  it("resolves a path as well as a name", async () => {
    const path = join(ROOT, "targets", "loihi-cuba-lava.json");
    expect(resolveTargetPath("loihi-cuba-lava")).toBe(path);
    expect(resolveTargetPath(path)).toBe(path);
    const result = await resolveTarget(path);
    expect(result.ok).toBe(true);
  });
});

describe("file and schema diagnostics (TP11xx)", () => {
  it("reports TP1101 with line and column for malformed JSON", () => {
    const result = loadTarget('{\n  "format": "tripart.target/1",\n  "name": }', { file: "t.json" });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: "TP1101", path: "", line: 3, column: 11, file: "t.json" });
    expect(result.diagnostics[0].message).toMatch(/^The target file is not valid JSON: a value is expected at line 3, column 11\.$/);
  });

  it("reports TP1102 for a value out of its schema range, at its line", () => {
    const text = variant((t) => (t.neuron.decay.bits = 30));
    const result = loadTarget(text, { file: "t.json" });
    expect(result.diagnostics.map(({ code, path }) => ({ code, path }))).toEqual([{ code: "TP1102", path: "/neuron/decay/bits" }]);
    const line = text.split("\n").findIndex((l) => l.includes('"bits": 30')) + 1;
    expect(result.diagnostics[0]).toMatchObject({ line, message: "Field 'neuron.decay.bits' must be ≤ 24; it is 30." });
  });

  it("reports TP1102 for a wrong enum value, naming the allowed ones", () => {
    const result = loadTarget(variant((t) => (t.neuron.u.overflow = "clamp")));
    expect(result.diagnostics[0].message).toBe(`Field 'neuron.u.overflow' must be one of "wrap", "wrap-once", "saturate", "none"; it is "clamp".`);
  });

  it("reports TP1103 for a missing field and TP1104 for an unknown one", () => {
    expect(found(variant((t) => delete t.neuron.latency))).toEqual([{ code: "TP1103", path: "/neuron/latency" }]);
    expect(found(variant((t) => (t.neuron.weight.exponentMinimum = -7)))).toEqual([{ code: "TP1104", path: "/neuron/weight/exponentMinimum" }]);
  });

  it("reports TP1105 for another format version, before the schema", () => {
    expect(found(variant((t) => ((t.format = "tripart.target/2"), delete t.neuron)))).toEqual([{ code: "TP1105", path: "/format" }]);
  });

  it("reports TP1106 for a file that cannot be read", async () => {
    const result = await loadTargetFile(join(ROOT, "targets", "missing.json"));
    expect(result.diagnostics.map((d) => d.code)).toEqual(["TP1106"]);
    expect(result.diagnostics[0].message).toMatch(/cannot be read: no such file or folder\.$/);
  });

  it("reports TP1107 for a name that is neither bundled nor a file, listing the bundled names", async () => {
    const result = await resolveTarget("loihi-cuba-3");
    expect(result.diagnostics.map((d) => d.code)).toEqual(["TP1107"]);
    expect(result.diagnostics[0].hint).toContain("loihi-cuba-b2l");
  });
});

describe("semantic diagnostics (TP21xx)", () => {
  const cases: [string, (t: any) => void, { code: string; path: string }[]][] = [
    ["TP2101 weight exponent range inverted", (t) => (t.neuron.weight.exponentMin = 8), [{ code: "TP2101", path: "/neuron/weight/exponentMin" }]],
    ["TP2101 register min above max", (t) => ((t.neuron.v.min = 10), (t.neuron.v.max = -10)), [{ code: "TP2101", path: "/neuron/v/min" }]],
    ["TP2101 bias mantissa range inverted", (t) => (t.neuron.bias.mantissaMin = 5000), [{ code: "TP2101", path: "/neuron/bias/mantissaMin" }]],
    ["TP2102 bits too few for the range", (t) => (t.neuron.u.bits = 16), [{ code: "TP2102", path: "/neuron/u" }]],
    ["TP2103 range without zero", (t) => (t.neuron.u.min = 1), [{ code: "TP2103", path: "/neuron/u" }]],
    ["TP2104 maxCurrent + offset above 2^bits", (t) => (t.neuron.decay.maxCurrent = 4096), [{ code: "TP2104", path: "/neuron/decay/maxCurrent" }]],
    ["TP2105 neuron latency 0", (t) => (t.neuron.latency.neuron = 0), [{ code: "TP2105", path: "/neuron/latency/neuron" }]],
    ["TP2106 register too wide for exact decay", (t) => (t.neuron.u.bits = 45), [{ code: "TP2106", path: "/neuron/u/bits" }]],
    ["TP2107 unsupported refractory with steps", (t) => ((t.neuron.refractory.supported = false), (t.neuron.refractory.maxSteps = 5)), [{ code: "TP2107", path: "/neuron/refractory/maxSteps" }]],
    ["TP2110 fixed time step outside its bounds", (t) => (t.timeStep = { fixedMs: 2, maxMs: 1 }), [{ code: "TP2110", path: "/timeStep/fixedMs" }]],
    ["TP2101 time step bounds inverted", (t) => (t.timeStep = { minMs: 2, maxMs: 1 }), [{ code: "TP2101", path: "/timeStep/minMs" }]],
  ];

  it.each(cases)("%s", (_name, change, expected) => {
    const result = loadTarget(variant(change), { file: "t.json" });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map(({ code, path }) => ({ code, path }))).toEqual(expected);
    expect(result.diagnostics.every((d) => d.line !== undefined && d.line > 1 && d.message.endsWith("."))).toBe(true);
  });

  it("reports every finding at once", () => {
    const text = variant((t) => {
      t.neuron.latency.neuron = 0;
      t.neuron.decay.maxVoltage = 5000;
    });
    expect(found(text)).toEqual([
      { code: "TP2104", path: "/neuron/decay/maxVoltage" },
      { code: "TP2105", path: "/neuron/latency/neuron" },
    ]);
  });

  it("warns (TP2108, TP2109) but still returns the target", () => {
    const result = loadTarget(variant((t) => ((t.neuron.threshold.mantissaBits = 20), (t.neuron.weight.clip = 9000000))));
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map(({ code, severity }) => ({ code, severity }))).toEqual([
      { code: "TP2108", severity: "warning" },
      { code: "TP2109", severity: "warning" },
    ]);
    // (2^20 - 1)·64 = 67108800 > 8388607
    expect(result.diagnostics[0].message).toBe("The largest threshold 67108800 exceeds the voltage register maximum 8388607; thresholds above it can never be crossed.");
  });

  it("accepts Lava's off-by-one u range: 2^24 values in 24 bits", () => {
    expect(found(variant((t) => (t.neuron.u = { bits: 24, min: -8388607, max: 8388608, overflow: "wrap" })))).toEqual([]);
  });
});

describe("catalogue", () => {
  const docs = readFileSync(join(ROOT, "docs", "diagnostics-target.md"), "utf8");
  it.each(Object.keys(TARGET_CODES))("%s has an entry with an example in docs/diagnostics-target.md", (code) => {
    expect(docs).toMatch(new RegExp(`^## ${code}\\b`, "m"));
  });

  it("names every semantic rule uniquely", () => {
    const names = TARGET_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

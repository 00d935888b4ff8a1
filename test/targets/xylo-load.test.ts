// The xylo-style target loads, and each of its rules (TP2140–TP2142, the layout's TP2170–TP2173)
// fires on a violating copy with the message docs/diagnostics-target.md quotes.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { listTargets, loadTarget } from "../../src/targets/load.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const text = readFileSync(join(ROOT, "targets", "xylo-style.json"), "utf8");
const base = JSON.parse(text) as {
  neuron: Record<string, unknown> & { decay: Record<string, unknown>; refractory: Record<string, unknown> };
  layout: Record<string, unknown> & { output: Record<string, unknown> };
};
const docs = readFileSync(join(ROOT, "docs", "diagnostics-target.md"), "utf8");

function codesOf(change: (t: typeof base) => void): string[] {
  const copy = structuredClone(base);
  change(copy);
  const result = loadTarget(JSON.stringify(copy));
  return result.diagnostics.map((d) => d.code);
}

describe("xylo-style target", () => {
  it("loads without findings", () => {
    const result = loadTarget(text);
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([]);
  });

  it("TP2140: several spikes a step with a reset to zero", () => {
    expect(codesOf((t) => (t.neuron.reset = "zero"))).toContain("TP2140");
  });

  it("TP2141: a subtractive reset with a refractory hold", () => {
    expect(codesOf((t) => (t.neuron.refractory = { supported: true, maxSteps: 2 }))).toEqual(["TP2141"]);
  });

  it("TP2142: a shift decay with an offset", () => {
    expect(codesOf((t) => (t.neuron.decay.currentOffset = 1))).toEqual(["TP2142"]);
  });

  it("rejects an unknown decay form and a spike cap of 0 in the schema", () => {
    expect(loadTarget(JSON.stringify({ ...base, neuron: { ...base.neuron, decay: { ...base.neuron.decay, form: "divide" } } })).ok).toBe(false);
    expect(loadTarget(JSON.stringify({ ...base, neuron: { ...base.neuron, spikesPerStep: 0 } })).ok).toBe(false);
  });

  it("states Xylo's layout: 16 input lines, 1000 hidden and 8 output neurons of one channel and one spike a step", () => {
    const { core, layout } = JSON.parse(text);
    expect(core).toMatchObject({ maxNeurons: 1008, maxFanOut: 1, maxInputAxons: 1024, maxOutputAxons: 1008 });
    expect(layout).toEqual({ maxInputLines: 16, maxHiddenNeurons: 1000, maxSynapsesPerPair: 1, output: { maxNeurons: 8, currentChannels: 1, spikesPerStep: 1 } });
  });

  const layoutCases: [string, (t: typeof base) => void][] = [
    ["TP2170", (t) => (t.layout.maxHiddenNeurons = 1004)],
    ["TP2171", (t) => (t.layout.output.spikesPerStep = 40)],
    ["TP2172", (t) => (t.layout.output.currentChannels = 3)],
    ["TP2173", (t) => (t.layout.maxInputLines = 2048)],
  ];
  it.each(layoutCases)("%s: the layout rule fires alone, with the documented message, hint and pointer", (code, change) => {
    const copy = structuredClone(base);
    change(copy);
    const [found, ...rest] = loadTarget(JSON.stringify(copy)).diagnostics;
    expect(rest).toEqual([]);
    expect(found.code).toBe(code);
    expect(docs).toContain(`error ${code}: ${found.message}\n  hint: ${found.hint}\n  at ${found.path}\n`);
  });

  it("is the only bundled target with a layout section", () => {
    const withLayout = listTargets().filter((name) => JSON.parse(readFileSync(join(ROOT, "targets", `${name}.json`), "utf8")).layout !== undefined);
    expect(withLayout).toEqual(["xylo-style"]);
  });
});

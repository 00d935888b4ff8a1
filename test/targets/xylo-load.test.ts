// The xylo-style target loads, and each of its new rules (TP2140–TP2142) fires on a violating copy.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadTarget } from "../../src/targets/load.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const text = readFileSync(join(ROOT, "targets", "xylo-style.json"), "utf8");
const base = JSON.parse(text) as { neuron: Record<string, unknown> & { decay: Record<string, unknown>; refractory: Record<string, unknown> } };

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
});

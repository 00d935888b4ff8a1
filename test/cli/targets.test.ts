// `tripart targets`: every bundled target of both families in one table with a row per
// capability, grouped, no line beyond 120 columns; --json gives capabilitiesOf of each.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { capabilitiesOf, listTargets, resolveTarget } from "../../src/index.js";
import { tripart, useTempDir } from "./helpers.js";

const temp = useTempDir();

const ROWS = [
  "family", "version", "neuron models", "synapse kinds", "astrocyte models", "astrocyte effects", "current channels",
  "plasticity rules", "pairings", "bound exponents μ", "astrocyte-gated", "epoch",
  "weights", "plastic weights", "weight store", "state widths (bits)",
  "time step", "largest delay", "refractory",
  "cores per chip", "neurons per core", "synapses per core", "fan-in per neuron", "fan-out per neuron", "astrocytes per core", "neurons per chip",
  "input lines per core", "hidden neurons per core", "output neurons per core", "synapses per pair",
];

/** The cells of the one-line row `label`: the text after the label, split at runs of 2+ spaces. */
const cells = (out: string, label: string): string[] => {
  const line = out.split("\n").find((l) => l.startsWith(`${label} `));
  expect(line, label).toBeDefined();
  return line!.slice(label.length).trim().split(/\s{2,}/);
};

describe("tripart targets", () => {
  it("shows every capability of both families side by side within 120 columns", async () => {
    const run = await tripart(temp.path, "targets");
    expect(run.code, run.err).toBe(0);
    for (const line of run.out.split("\n")) expect(line.length, line).toBeLessThanOrEqual(120);
    for (const label of ROWS) expect(run.out).toMatch(new RegExp(`^${label.replace(/[()]/g, "\\$&")}\\s`, "m"));
    for (const section of ["network constructs", "learning", "precision", "timing", "capacity"]) expect(run.out).toMatch(new RegExp(`^${section}$`, "m"));
    const targets = await Promise.all(listTargets().map(async (name) => {
      const result = await resolveTarget(name);
      if (!result.ok) throw new Error(name);
      return result.value;
    }));
    expect(cells(run.out, "family")).toEqual(targets.map((t) => capabilitiesOf(t).family));
    expect(cells(run.out, "neurons per core")).toEqual(targets.map((t) => String(t.core.maxNeurons)));
    expect(cells(run.out, "largest delay")).toEqual(targets.map((t) => (capabilitiesOf(t).maxDelaySteps > 0 ? `≤ ${capabilitiesOf(t).maxDelaySteps} steps` : "none")));
    expect(cells(run.out, "astrocyte-gated")).toEqual(targets.map((t) => (t.learning?.astrocyteModulation ? "yes" : "no")));
    // the layout rows: a number only where the target states the limit (xylo-style), else "—"
    expect(cells(run.out, "input lines per core")).toEqual(targets.map((t) => String(("layout" in t ? t.layout?.maxInputLines : undefined) ?? "—")));
  });

  it("gives each target's capabilities as data with --json", async () => {
    const run = await tripart(temp.path, "targets", "--json");
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.out);
    expect(listed.map((t: { name: string }) => t.name)).toEqual(listTargets());
    for (const entry of listed) {
      const target = await resolveTarget(entry.name);
      expect(target.ok && JSON.parse(JSON.stringify(capabilitiesOf(target.value)))).toEqual(entry.capabilities);
      expect(entry.version).toBe("1.0.0");
    }
    const glia = listed.find((t: { name: string }) => t.name === "glia-core");
    expect(glia.capabilities.astrocyteModels).toEqual(["ullah2006", "lr1994", "reduced"]);
  });
});

describe("tripart targets --markdown", () => {
  it("prints the capability matrix docs/targets.md carries, row for row", async () => {
    const run = await tripart(temp.path, "targets", "--markdown");
    expect(run.code, run.err).toBe(0);
    const docs = readFileSync(new URL("../../docs/targets.md", import.meta.url), "utf8");
    const block = /<!-- capability-matrix:start -->\n([\s\S]*?)<!-- capability-matrix:end -->/.exec(docs);
    expect(block, "docs/targets.md has the capability-matrix markers").not.toBeNull();
    // On a difference: run `npx tripart targets --markdown` and paste its output between the markers.
    expect(block![1]).toBe(run.out);
    const header = run.out.split("\n")[0];
    for (const name of listTargets()) expect(header).toContain(`\`${name}\``);
  });
});

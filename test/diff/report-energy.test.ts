// The energy section of the HTML report (src/diff/energy-report.ts): absent without an estimate;
// with one, the totals, one bar per operation kind that occurred (longest for the largest
// energy), a row per population, the cost table with its sources, all escaped and self-contained;
// a table that prices nothing (xylo-style) says so. The figures are the estimate's own.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffRecordings } from "../../src/diff/compare.js";
import { renderHtml } from "../../src/diff/report.js";
import { engineering, type EnergySection } from "../../src/diff/energy-report.js";
import { compileAny, elaborate, emulateAny, energyTableOf, estimateEnergy, loadNetwork, resolveTarget, simulate, type AnyConfig, type EnergyTable } from "../../src/index.js";
import type { Recording } from "../../src/hw/recording.js";
import { example } from "../cli/helpers.js";
import { htmlProblems } from "./html-check.js";
import { population, recording, train } from "../recording/fixtures.js";

const a = recording([population("p", 2, train([[3, 0]]))]);
const b = recording([population("p", 2, train([[4, 0]]))], { source: "emulator" });
const report = (x: Recording, y: Recording) => {
  const result = diffRecordings(x, y);
  if (!result.ok) throw new Error("diff failed");
  return result.value;
};

/** An estimate built by hand: 2 kinds occurred, one of them not costed; a population named with markup. */
const ESTIMATE: EnergySection = {
  target: { name: "chip<1>", version: "1.0.0" },
  steps: 10,
  dtMs: 0.1,
  energy: 3e-9,
  kinds: [
    { kind: "synapticOp", count: 100, energyPerOp: 10e-12, timePerOp: 1e-9, basis: "published", energy: 1e-9 },
    { kind: "neuronUpdate", count: 20, energyPerOp: 100e-12, timePerOp: 2e-9, basis: "estimate", energy: 2e-9 },
    { kind: "spike", count: 4, energy: 0 },
    { kind: "routerHop", count: 0, energy: 0 },
  ],
  populations: [
    { id: "<exc>", kind: "population", energy: 2.5e-9, counts: { synapticOp: 50, neuronUpdate: 20, spike: 4, routerHop: 0, astrocyteUpdate: 0, traceUpdate: 0, synapseUpdate: 0, weightWrite: 0, deviceRead: 0, devicePulse: 0 } },
    { id: "x", kind: "input", energy: 0.5e-9, counts: { synapticOp: 50, neuronUpdate: 0, spike: 0, routerHop: 0, astrocyteUpdate: 0, traceUpdate: 0, synapseUpdate: 0, weightWrite: 0, deviceRead: 0, devicePulse: 0 } },
    { id: "(not attributed)", kind: "not attributed", energy: 0, counts: { synapticOp: 0, neuronUpdate: 0, spike: 0, routerHop: 0, astrocyteUpdate: 0, traceUpdate: 0, synapseUpdate: 0, weightWrite: 0, deviceRead: 0, devicePulse: 0 } },
  ],
  coreStepTimes: [1.4e-8],
  stepTime: 1.4e-8,
  time: 1.4e-7,
  realTimeFactor: 1e-4 / 1.4e-8,
  fasterThanRealTime: true,
  notCosted: { energy: ["spike"], time: ["spike"] },
  notes: ["a note & more"],
};
const TABLE: EnergyTable = {
  notes: "covers two operations",
  operations: {
    synapticOp: { energy: 10e-12, time: 1e-9, basis: "published", sources: ["Paper A, Table 2", "Reading <B>"] },
    neuronUpdate: { energy: 100e-12, time: 2e-9, basis: "estimate", sources: ["derived from Paper A"] },
  },
};

describe("renderHtml energy section", () => {
  it("is absent without an estimate, so the page is what it was", () => {
    const plain = renderHtml(report(a, b), a, b);
    expect(plain).not.toContain("<h2>Energy</h2>");
    expect(renderHtml(report(a, b), a, b, {})).toBe(plain);
  });

  const page = renderHtml(report(a, b), a, b, { energy: { estimate: ESTIMATE, table: TABLE } });
  const section = page.slice(page.indexOf("<h2>Energy</h2>"));

  it("stays one well-formed, self-contained page with every name escaped", () => {
    expect(htmlProblems(page)).toEqual([]);
    expect(page).not.toMatch(/<script|<link|<img|src=|href=|url\(/i);
    expect(section).toContain("chip&lt;1&gt;");
    expect(section).toContain("&lt;exc&gt;");
    expect(section).toContain("Reading &lt;B&gt;");
    expect(section).not.toMatch(/<exc>|<B>|chip<1>/);
  });

  it("states total energy and time, per step and against real time", () => {
    expect(section).toContain("<strong>3.00 nJ</strong> for the run (300 pJ per step)");
    expect(section).toContain("<strong>140 ns</strong> on the chip (14.0 ns per step, 7.14e+3× faster than real time, 1 core in parallel)");
    expect(section).toContain("Not costed (no energy in the target's table, counted as 0 J): spike.");
  });

  it("draws one bar per operation kind that occurred, scaled to the largest energy", () => {
    const chart = /<svg[^>]*aria-label="energy per operation kind">([\s\S]*?)<\/svg>/.exec(section)![1];
    const widths = [...chart.matchAll(/<rect x="130" y="\d+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([250, 500, 0]); // synaptic op 1 nJ, neuron update 2 nJ (the largest), spike not costed; router hop never occurred
    expect(chart).toContain("1.00 nJ (33.3 %), 100 ops × 10.0 pJ");
    expect(chart).toContain("4 ops, not costed");
  });

  it("has a row per population with the counts of each kind that occurred, and skips an empty not-attributed row", () => {
    const rows = [...section.matchAll(/<tr><td>([^<]*)<\/td><td class="text">(population|input|not attributed)<\/td>((?:<td>[^<]*<\/td>)*)<\/tr>/g)];
    expect(rows.map((r) => r[1])).toEqual(["&lt;exc&gt;", "x"]);
    expect([...rows[0][3].matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1])).toEqual(["50", "20", "4", "2.50 nJ", "83.3 %"]);
  });

  it("names each cost's basis and sources, and the table's notes", () => {
    expect(section).toContain("<td class=\"text\">published</td><td class=\"text\">Paper A, Table 2; Reading &lt;B&gt;</td>");
    expect(section).toContain("<td class=\"text\">derived from Paper A</td>");
    expect(section).toMatch(/<td>spike<\/td><td>–<\/td><td>–<\/td><td class="text">–<\/td><td class="text">not in the target's table<\/td>/);
    expect(section).toContain("<li>Target table: covers two operations</li><li>a note &amp; more</li>");
  });
});

async function compiled(path: string, targetName: string): Promise<{ config: AnyConfig; reference: Recording; table: EnergyTable }> {
  const network = loadNetwork(readFileSync(path, "utf8"));
  const target = await resolveTarget(targetName);
  if (!network.ok || !target.ok) throw new Error("example or target does not load");
  const elaborated = elaborate(network.value);
  const result = compileAny(elaborated, target.value);
  const table = energyTableOf(target.value);
  if (!result.ok || !table.ok) throw new Error("does not compile or has no energy table");
  return { config: result.value, reference: simulate(elaborated).recording, table: table.value };
}

describe("renderHtml energy section on emulated runs", () => {
  it("shows the estimate of single-neuron on loihi-cuba: its total, and its sources from the target file", async () => {
    const { config, reference, table } = await compiled(example("single-neuron"), "loihi-cuba");
    const run = emulateAny(config);
    const estimate = estimateEnergy(config, run.counts, table, run.recording);
    const page = renderHtml(report(reference, run.recording), reference, run.recording, { energy: { estimate, table } });
    expect(htmlProblems(page)).toEqual([]);
    expect(page).toContain(`<strong>${engineering(estimate.energy, "J")}</strong> for the run`);
    for (const source of table.operations.synapticOp!.sources) expect(page).toContain(source.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;"));
  });

  it("says so when the target prices no operation (xylo-style): every kind that occurred is not costed", async () => {
    const { config, reference, table } = await compiled(example("closed-loop"), "xylo-style");
    expect(table.operations).toEqual({});
    const run = emulateAny(config);
    const estimate = estimateEnergy(config, run.counts, table, run.recording);
    const page = renderHtml(report(reference, run.recording), reference, run.recording, { energy: { estimate, table } });
    expect(page).toContain("<strong>0 J</strong> for the run");
    expect(page).toContain("Not costed (no energy in the target's table, counted as 0 J): neuron update");
    expect(page).toContain("not in the target's table");
  });
});

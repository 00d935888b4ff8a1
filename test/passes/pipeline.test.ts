import { describe, expect, it, vi } from "vitest";
import { compile, isPassName, PASSES, PIPELINE, stageToJson } from "../../src/passes/pipeline.js";
import { discretize } from "../../src/passes/discretize.js";
import { quantize } from "../../src/passes/quantize.js";
import { lowerPlasticity } from "../../src/passes/lower-plasticity.js";
import { lowerCrossbar } from "../../src/passes/lower-crossbar.js";
import { partition } from "../../src/passes/partition.js";
import { route } from "../../src/passes/route.js";
import { emit } from "../../src/passes/emit.js";
import { toConfigJson } from "../../src/hw/config-json.js";
import { allToAll, codes, elaborated, loihi, population, spikeInput, targetWith } from "./helpers.js";

const small = () =>
  elaborated({
    populations: [population("a", 3), population("b", 2)],
    inputs: [spikeInput("x", [[1], [2]])],
    projections: [allToAll("x_a", "x", "a"), allToAll("a_b", "a", "b", { tau: 10 })],
  });

describe("compile", () => {
  it("runs exactly the passes of PIPELINE, in order", () => {
    const started: string[] = [];
    const result = compile(small(), loihi(), { verifyEach: true, onPassStart: (name) => started.push(name) });
    expect(result.ok).toBe(true);
    expect(started).toEqual([...PIPELINE]);
    expect(result.timings.map((t) => t.pass)).toEqual([...PIPELINE]);
    expect(result.timings.every((t) => t.ms >= 0)).toBe(true);
    expect(PASSES.map((p) => p.name)).toEqual([...PIPELINE]);
    expect([discretize, quantize, lowerPlasticity, partition, route, emit, lowerCrossbar].map((p) => p.name)).toEqual([...PIPELINE]);
  });

  it("returns the reports and per-pass stats", () => {
    const result = compile(small(), loihi());
    expect(result.reports.quantization?.weights.map((w) => w.projection)).toEqual(["x_a", "a_b"]);
    expect(result.reports.utilisation?.coresUsed).toBe(1);
    expect(result.stats.partition).toMatchObject({ cores: 1, neurons: 5, synapses: 2 * 3 + 3 * 2 });
    expect(result.stats.route).toMatchObject({ axons: 5, routes: 5 });
    expect(result.stats.quantize).toMatchObject({ synapses: 12, populations: 2 });
  });

  it("stops after the first pass that reports an error", () => {
    const result = compile(small(), targetWith({ timeStep: { fixedMs: 1 } }));
    expect(result.ok).toBe(false);
    expect(codes(result.diagnostics)).toEqual(["TP3001"]);
    expect(result.timings.map((t) => t.pass)).toEqual(["discretize"]);
    expect(result.reports).toEqual({});
  });

  it("keeps both reports when the network does not fit", () => {
    const result = compile(small(), targetWith({ chip: { cores: 1 }, core: { maxNeurons: 2 } }));
    expect(result.ok).toBe(false);
    expect(codes(result.diagnostics)).toEqual(["TP3021"]);
    expect(result.timings.map((t) => t.pass)).toEqual(["discretize", "quantize", "lower-plasticity", "partition"]);
    expect(result.reports.utilisation?.coresUsed).toBe(3);
    expect(result.reports.quantization).toBeDefined();
  });

  it("continues past warnings and returns them with the config", () => {
    const input = elaborated({
      populations: [population("a", 1)],
      inputs: [spikeInput("x", [[1]])],
      projections: [allToAll("x_a", "x", "a", { tau: 5 }), allToAll("x_a2", "x", "a", { tau: 10 })],
    });
    const result = compile(input, loihi());
    expect(result.ok).toBe(true);
    expect(codes(result.diagnostics)).toEqual(["TP3016"]);
  });

  it("puts the file name on every diagnostic", () => {
    const result = compile(small(), targetWith({ timeStep: { fixedMs: 1 } }), { file: "net.json" });
    expect(result.diagnostics[0].file).toBe("net.json");
  });

  it("dumps the stage after the named pass as JSON, without the previous stage", () => {
    const dumps: [string, unknown][] = [];
    compile(small(), loihi(), { dumpAfter: "quantize", onDump: (name, json) => dumps.push([name, json]) });
    expect(dumps.map(([name]) => name)).toEqual(["quantize"]);
    const json = dumps[0][1] as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(["populations", "projections", "report"]);
    const projections = json.projections as { mantissa: unknown }[];
    expect(Array.isArray(projections[0].mantissa)).toBe(true);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it("dumps the config after emit as its JSON twin", () => {
    let dumped: unknown;
    const result = compile(small(), loihi(), { dumpAfter: "emit", onDump: (_, json) => (dumped = json) });
    expect(result.ok && dumped).toEqual(result.ok ? toConfigJson(result.value) : undefined);
    expect(stageToJson("emit", result.value)).toEqual(dumped);
  });

  it("calls each pass's verifier only with verifyEach", () => {
    const spies = [discretize, quantize, partition, route, emit].map((pass) => vi.spyOn(pass, "verify"));
    compile(small(), loihi(), { verifyEach: false });
    expect(spies.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0, 0, 0]);
    compile(small(), loihi(), { verifyEach: true });
    expect(spies.map((spy) => spy.mock.calls.length)).toEqual([1, 1, 1, 1, 1]);
    for (const spy of spies) spy.mockRestore();
  });

  it("lets an internal error escape instead of turning it into a diagnostic", () => {
    const spy = vi.spyOn(partition, "verify").mockImplementation(() => {
      throw new Error("broken invariant");
    });
    expect(() => compile(small(), loihi(), { verifyEach: true })).toThrow("broken invariant");
    spy.mockRestore();
  });

  it("recognises pass names", () => {
    expect(isPassName("route")).toBe(true);
    expect(isPassName("elaborate")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { compile, compileAny, compileGlia, GLIA_PASSES, GLIA_PIPELINE } from "../../../src/passes/pipeline.js";
import { elaborate } from "../../../src/ir/elaborate.js";
import { validateGliaConfig } from "../../../src/hw/glia-validate.js";
import { decodeGliaConfig, encodeGliaConfig } from "../../../src/hw/glia-codec.js";
import { decodeAnyConfig } from "../../../src/hw/any-config.js";
import { GLIA_CONFIG_FORMAT, type GliaConfig } from "../../../src/hw/glia-config.js";
import { emulateGlia } from "../../../src/emulator/glia-emulator.js";
import { gliaDiscretize } from "../../../src/passes/glia/discretize.js";
import { gliaQuantize } from "../../../src/passes/glia/quantize.js";
import { gliaPartition } from "../../../src/passes/glia/partition.js";
import { gliaEmit } from "../../../src/passes/glia/emit.js";
import { loihi, population } from "../helpers.js";
import { gliaCore } from "./helpers.js";
import { gliaNetwork, wmParts } from "./networks.js";

const wm = () => elaborate(gliaNetwork({ ...wmParts(), record: [{ population: "n", spikes: true, state: ["v"] }, { population: "a", state: ["ca", "ip3"] }] }));

function mustGlia(result: ReturnType<typeof compileGlia>): GliaConfig {
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.path} ${d.message}`).join("; "));
  return result.value;
}

describe("compileGlia", () => {
  it("runs exactly GLIA_PIPELINE with the instrumented runner and returns a valid config", () => {
    const started: string[] = [];
    const result = compileGlia(wm(), gliaCore(), { verifyEach: true, onPassStart: (name) => started.push(name) });
    const config = mustGlia(result);
    expect(result.diagnostics).toEqual([]);
    expect(started).toEqual([...GLIA_PIPELINE]);
    expect(result.timings.map((t) => t.pass)).toEqual([...GLIA_PIPELINE]);
    expect(GLIA_PASSES.map((p) => p.name)).toEqual([...GLIA_PIPELINE]);
    expect([gliaDiscretize, gliaQuantize, gliaPartition, gliaEmit].map((p) => p.name)).toEqual([...GLIA_PIPELINE]);
    expect(config.format).toBe(GLIA_CONFIG_FORMAT);
    expect(validateGliaConfig(config)).toEqual([]);
    expect(result.stats.partition).toMatchObject({ cores: 1, "split-territories": 0 });
    expect(result.reports.utilisation?.cores[0]).toMatchObject({ neurons: { used: 4 }, synapses: { used: 5 }, astrocytes: { used: 1 }, boundBy: "end" });
  });

  it("round-trips its config through glia-config.pb, also through decodeAnyConfig", () => {
    const config = mustGlia(compileGlia(wm(), gliaCore()));
    expect(decodeGliaConfig(encodeGliaConfig(config)).value).toEqual(config);
    expect(decodeAnyConfig(encodeGliaConfig(config)).value).toEqual(config);
  });

  it("numbers groups globally and emits a scale for every variable", () => {
    const config = mustGlia(compileGlia(wm(), gliaCore()));
    expect(config.neurons.map((g) => [g.population, g.offset, g.size])).toEqual([["n", 0, 4]]);
    expect(config.astrocytes.map((g) => [g.id, g.offset, g.size])).toEqual([["a", 0, 1]]);
    expect(config.inputs.symbols).toEqual([{ id: "x", offset: 0, size: 1, external: false }]);
    // spike at 0.5 ms = step 5 on line 0
    expect([...config.inputs.spikeSteps, ...config.inputs.spikeLines]).toEqual([5, 0]);
    expect(config.scales.map((s) => `${s.population}.${s.variable}`)).toEqual(["n.v", "n.u", "n.i_syn", "n.glutamate", "a.ca", "a.h", "a.ip3", "a.gate", "a.drive"]);
    expect(config.scales.find((s) => s.variable === "gate")?.scale).toBe(2 ** gliaCore().semantics.effects.gainBits);
    expect(config.record.map((r) => [r.population, r.spikes, r.state])).toEqual([["n", true, ["v"]], ["a", false, ["ca", "ip3"]]]);
    const modulated = config.projections[0];
    expect(Array.from(modulated.astrocyte)).toEqual([0, 0, 0, 0]);
    expect(config.projections[1].sigmoid).toBe(-1);
    expect(config.luts[modulated.sigmoid].name).toBe("sigmoid");
  });

  it("dumps the glia stages like the LIF ones: without the previous stage, the emit dump as the JSON twin", () => {
    const dumps: [string, unknown][] = [];
    compileGlia(wm(), gliaCore(), { dumpAfter: "quantize", onDump: (name, json) => dumps.push([name, json]) });
    expect(dumps.map(([name]) => name)).toEqual(["quantize"]);
    const json = dumps[0][1] as Record<string, unknown>;
    expect(Object.keys(json)).not.toContain("discretized");
    expect(Object.keys(json)).toContain("report");
    const emitted: unknown[] = [];
    compileGlia(wm(), gliaCore(), { dumpAfter: "emit", onDump: (_name, value) => emitted.push(value) });
    expect((emitted[0] as { format: string }).format).toBe(GLIA_CONFIG_FORMAT);
  });

  it("runs in the glia emulator", () => {
    const config = mustGlia(compileGlia(wm(), gliaCore()));
    const result = emulateGlia(config);
    expect(result.recording).toBeDefined();
    expect(result.finalState).toBeDefined();
  });
});

describe("compileAny", () => {
  it("dispatches on the target family", () => {
    const glia = compileAny(wm(), gliaCore());
    expect(glia.ok && glia.value.format).toBe(GLIA_CONFIG_FORMAT);
    const lif = compileAny(elaborate(gliaNetwork({ populations: [population("p", 2)] })), loihi());
    expect(lif.ok && lif.value.format).toBe("tripart.hwconfig/1");
    expect(compileAny(wm(), loihi()).diagnostics.map((d) => d.code)).toEqual(compile(wm(), loihi()).diagnostics.map((d) => d.code));
  });
});

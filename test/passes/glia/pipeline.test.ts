import { describe, expect, it } from "vitest";
import { compile, compileAny, compileGlia, GLIA_PASSES, GLIA_PIPELINE } from "../../../src/passes/pipeline.js";
import { elaborate } from "../../../src/ir/elaborate.js";
import { validateGliaConfig } from "../../../src/hw/glia-validate.js";
import { decodeGliaConfig, encodeGliaConfig } from "../../../src/hw/glia-codec.js";
import { decodeAnyConfig } from "../../../src/hw/any-config.js";
import { GLIA_CONFIG_FORMAT, type GliaConfig } from "../../../src/hw/glia-config.js";
import { emulateGlia } from "../../../src/emulator/glia-emulator.js";
import { simulateGlia } from "../../../src/reference/glia-simulator.js";
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

  it("runs in the glia emulator without a saturation, spiking as the float reference does", () => {
    // All four neurons driven by 10 mV/ms for 150 ms of a 200 ms run: they fire repeatedly, the
    // recurrent synapses and the input spike act, glutamate and the astrocyte (updated every 1 ms) evolve.
    const parts = {
      ...wmParts(),
      run: { dt: 0.1, duration: 200, seed: 3 },
      currents: [{ id: "drive", kind: "steps" as const, population: "n", segments: [{ start: 0, stop: 150, value: 10 }] }],
      record: [{ population: "n", spikes: true }, { population: "a", state: ["ip3" as const] }],
    };
    const net = elaborate(gliaNetwork(parts));
    const result = compileGlia(net, gliaCore(), { verifyEach: true });
    const config = mustGlia(result);
    expect(result.diagnostics).toEqual([]);
    const emulated = emulateGlia(config);
    const reference = simulateGlia(net);
    // the formats are suprema of the model: nothing saturates
    expect(Object.values(emulated.overflow).every((count) => count === 0)).toBe(true);
    const spikesOf = (recording: typeof emulated.recording) => recording.populations.find((p) => p.id === "n")!.spikes!;
    const [hw, ref] = [spikesOf(emulated.recording), spikesOf(reference.recording)];
    expect(hw.step.length).toBeGreaterThan(40);
    // Measured: the first spike of every neuron on the reference's step (142), then interspike
    // intervals of 76 to 81 steps in both engines, 18 action potentials per neuron in each. A V that
    // lands between spike_threshold (29) and v_peak (30) spikes again the next step, at v_peak; both
    // engines show such doublets, at different places (the emulator 3 over the 4 neurons, the
    // reference 1), so the counts compare action potentials: spikes not on the step after the
    // neuron's previous one. Required: each neuron's first spike within one step, its action
    // potentials within 10%.
    const trains = (train: typeof hw, neuron: number) => Array.from(train.step).filter((_, k) => train.neuron[k] === neuron);
    const potentials = (steps: number[]) => steps.filter((step, k) => k === 0 || steps[k - 1] !== step - 1).length;
    for (let neuron = 0; neuron < 4; neuron++) {
      const [a, b] = [trains(hw, neuron), trains(ref, neuron)];
      expect(Math.abs(a[0] - b[0]), `first spike of neuron ${neuron}`).toBeLessThanOrEqual(1);
      expect(Math.abs(potentials(a) - potentials(b)), `action potentials of neuron ${neuron}`).toBeLessThanOrEqual(0.1 * potentials(b));
    }
    // IP3 before any drive (step 1000 = 100 updates): each update's floor terms lose at most 2
    // units of 2^−19 µM, so at most 200·2^−19 = 0.00038 µM, 0.05% of IP3 ≈ 0.82 µM.
    const ip3Of = (recording: typeof emulated.recording) => recording.populations.find((p) => p.id === "a")!.traces.find((t) => t.variable === "ip3")!.values[0];
    const [hwIp3, refIp3] = [ip3Of(emulated.recording), ip3Of(reference.recording)];
    expect(Math.abs(hwIp3[1000] - refIp3[1000])).toBeLessThan(200 * 2 ** -19);
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

// The emulator's API around the semantics: incremental stepping, closed-loop hosts, progress,
// recordings (raw and physical values, input spikes), counts, and its internal assertions.
import { describe, expect, it } from "vitest";
import { Emulator, emulate } from "../../src/emulator/emulator.js";
import { interpretScalar } from "../../src/emulator/scalar.js";
import type { HwConfig } from "../../src/hw/types.js";
import { InternalError } from "../../src/util/assert.js";
import { rawTrace, semanticsOf, singleCore, spikeSteps } from "./build.js";

const B2L = semanticsOf("loihi-cuba-b2l");
const LAVA = semanticsOf("loihi-cuba-lava");

/** Neuron 0 is driven by input line 0 (scheduled) and line 1 (external); neuron 1 listens to neuron 0. */
function network(steps: number): HwConfig {
  return singleCore(B2L, {
    compartments: [{ vthMant: 100, du: 4096 }, { vthMant: 1000, du: 0 }],
    lines: 2,
    externalLines: 1,
    inputSpikes: [[1, 0], [1, 0], [4, 0]],
    synapses: [
      { from: "i0", to: 0, mantissa: 110, format: { signMode: "excitatory" } }, // 7040 > 6400: fires at once
      { from: "i1", to: 0, mantissa: 110, format: { signMode: "excitatory" } },
      { from: "n0", to: 1, mantissa: 3 }, // mixed: 3 → 2 → 128
    ],
    steps,
  });
}

describe("emulate", () => {
  it("fires a scheduled line once even when the schedule lists it twice in a step", () => {
    const result = emulate(network(6));
    // u of neuron 0 = 7040 at steps 1 and 4 (full decay otherwise); it fires at both
    expect(rawTrace(result, "i_syn")).toEqual([0, 7040, 0, 0, 7040, 0]);
    expect(spikeSteps(result, 0)).toEqual([1, 4]);
    // neuron 1 receives 128 at 2 and 5 (latency 1) and keeps it (du 0)
    expect(rawTrace(result, "i_syn", 1)).toEqual([0, 0, 128, 128, 128, 256]);
  });

  it("counts steps, compartment updates, synaptic events and spikes", () => {
    const result = emulate(network(6));
    // events: line 0 twice (1 synapse each), neuron 0 twice (1 synapse each) = 4
    expect(result.counts).toEqual({ steps: 6, neuronUpdates: 12, synapticEvents: 4, spikes: 2 });
  });

  it("records input-line spikes of recorded inputs and dequantizes traces with the config's scales", () => {
    const result = emulate(network(6));
    const stim = result.recording.populations.find((p) => p.id === "stim");
    expect(Array.from(stim?.spikes?.step ?? [])).toEqual([1, 4]);
    const trace = result.recording.populations.find((p) => p.id === "pop")?.traces.find((t) => t.variable === "v");
    expect(trace?.unit).toBe("mV");
    expect(trace?.scale).toBe(64);
    // physical = offset + raw / scale = -65 + raw / 64
    expect(Array.from(trace?.values[1] ?? [])).toEqual(Array.from(trace?.raw?.[1] ?? [], (raw) => -65 + raw / 64));
    expect(result.recording.source).toBe("emulator");
    expect(result.recording.steps).toBe(6);
    expect(result.recording.dtMs).toBe(0.5);
  });

  it("lets a host inject external lines and shows it every step's spikes", () => {
    const seen: string[] = [];
    const result = emulate(network(6), {
      host: {
        beforeStep: (step, inject) => {
          if (step === 3) inject("ext", 0);
        },
        afterStep: (step, spikes) => {
          for (const { population, neurons } of spikes) if (neurons.length > 0) seen.push(`${step} ${population} ${Array.from(neurons).join(",")}`);
        },
      },
    });
    expect(spikeSteps(result, 0)).toEqual([1, 3, 4]);
    expect(seen).toEqual(["1 pop 0", "3 pop 0", "4 pop 0"]);
  });

  it("rejects an injection into an input that is not external", () => {
    const host = { beforeStep: (_step: number, inject: (input: string, index: number) => void) => inject("stim", 0) };
    expect(() => emulate(network(2), { host })).toThrow(RangeError);
    expect(() => interpretScalar(network(2), { host })).toThrow(RangeError);
    const outOfRange = { beforeStep: (_step: number, inject: (input: string, index: number) => void) => inject("ext", 1) };
    expect(() => emulate(network(2), { host: outOfRange })).toThrow(/outside external input 'ext'/);
  });

  it("reports progress up to the last step", () => {
    const calls: [number, number][] = [];
    emulate(network(250), { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.at(-1)).toEqual([250, 250]);
    expect(calls.length).toBe(125); // every 2 steps (250 / 100 rounded down)
    expect(calls.every(([done], i) => i === 0 || done > calls[i - 1][0])).toBe(true);
  });
});

describe("Emulator (incremental)", () => {
  it("stepped by hand equals emulate(), and exposes the state it reached", () => {
    const config = network(6);
    const emulator = new Emulator(config);
    for (let t = 0; t < 6; t++) emulator.step();
    expect(emulator.stepsDone).toBe(6);
    expect(emulator.result()).toEqual(emulate(config));
    expect(emulator.current(0, 1)).toBe(256);
    expect(emulator.current(0, 1, 0)).toBe(256);
    expect(emulator.voltage(0, 0)).toBe(0);
    expect(emulator.refractoryLeft(0, 0)).toBe(0);
  });

  it("keeps recording past the step count it was built for", () => {
    const config = network(3);
    const emulator = new Emulator(config, { steps: 2 });
    for (let t = 0; t < 9; t++) emulator.step();
    const recording = emulator.recording();
    expect(recording.steps).toBe(9);
    expect(rawTrace({ recording }, "i_syn")).toEqual([0, 7040, 0, 0, 7040, 0, 0, 0, 0]);
    expect(emulator.result()).toEqual(emulate(config, { steps: 9 }));
  });

  it("returns copies of its state", () => {
    const emulator = new Emulator(singleCore(LAVA, { compartments: [{ biasMant: 1 }], steps: 1 }));
    emulator.step();
    const state = emulator.state();
    state[0].v[0] = 99;
    expect(emulator.voltage(0, 0)).toBe(1);
  });
});

describe("internal invariants", () => {
  it("throws InternalError when a synapse targets a missing compartment", () => {
    const config = network(2);
    const core = config.cores[0];
    const broken: HwConfig = { ...config, cores: [{ ...core, synapses: { ...core.synapses, target: Int32Array.from([0, 0, 7]) } }] };
    expect(() => new Emulator(broken)).toThrow(InternalError);
  });

  it("throws InternalError when the routes do not cover every source", () => {
    const config = network(2);
    expect(() => new Emulator({ ...config, routes: { ...config.routes, sourceCount: 3 } })).toThrow(InternalError);
  });
});

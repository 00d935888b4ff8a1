// A small hand-built HwConfig for unit tests: one core, compartments listed one by one,
// synapses listed one by one (each source routes to its own axon), input spikes as pairs.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { HWCONFIG_FORMAT, type HwConfig, type SynapseFormat } from "../../src/hw/types.js";
import type { LifSemantics, Target } from "../../src/targets/types.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A bundled target's semantics, read from its file. */
export function semanticsOf(name: "loihi-cuba" | "loihi-cuba-b2l" | "loihi-cuba-lava" | "xylo-style"): LifSemantics {
  return (JSON.parse(readFileSync(join(ROOT, "targets", `${name}.json`), "utf8")) as Target).neuron;
}

export interface CompartmentSpec {
  readonly du?: number | readonly number[]; // one per channel
  readonly dv?: number;
  readonly vthMant?: number;
  readonly biasMant?: number;
  readonly biasExp?: number;
  readonly refractory?: number;
  readonly u0?: number | readonly number[];
  readonly v0?: number;
}

export interface SynapseSpec {
  /** "n3" = compartment 3, "i1" = input line 1. */
  readonly from: `n${number}` | `i${number}`;
  readonly to: number;
  readonly mantissa: number;
  readonly format?: Partial<SynapseFormat>;
  readonly delay?: number;
}

/** One core, every compartment in population "pop" (neuron i = compartment i), all recorded. */
export function singleCore(
  semantics: LifSemantics,
  spec: {
    readonly compartments: readonly CompartmentSpec[];
    readonly synapses?: readonly SynapseSpec[];
    readonly lines?: number;
    readonly inputSpikes?: readonly (readonly [number, number])[];
    readonly externalLines?: number; // the last lines form the external input "ext"
    readonly steps: number;
  },
): HwConfig {
  const k = semantics.currentChannels;
  const n = spec.compartments.length;
  const lines = spec.lines ?? 0;
  const perChannel = (value: number | readonly number[] | undefined) =>
    typeof value === "number" || value === undefined ? new Array<number>(k).fill(value ?? 0) : [...value];
  const formats: SynapseFormat[] = [];
  const formatOf = (partial: Partial<SynapseFormat> = {}) => {
    const format: SynapseFormat = { signMode: "mixed", weightBits: 8, exponent: 0, channel: 0, ...partial };
    const found = formats.findIndex((f) => JSON.stringify(f) === JSON.stringify(format));
    if (found >= 0) return found;
    formats.push(format);
    return formats.length - 1;
  };
  const sources = n + lines;
  const synapses = (spec.synapses ?? []).map((s) => ({
    axon: s.from.startsWith("n") ? Number(s.from.slice(1)) : n + Number(s.from.slice(1)),
    target: s.to,
    mantissa: s.mantissa,
    format: formatOf(s.format),
    delay: s.delay ?? 0,
  }));
  synapses.sort((a, b) => a.axon - b.axon);
  const rowStart = new Int32Array(sources + 1);
  for (const s of synapses) rowStart[s.axon + 1]++;
  for (let a = 0; a < sources; a++) rowStart[a + 1] += rowStart[a];
  const spikes = [...(spec.inputSpikes ?? [])].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const external = spec.externalLines ?? 0;
  const scheduled = lines - external;
  const c = spec.compartments;
  return {
    format: HWCONFIG_FORMAT,
    target: { name: "test", version: "0" },
    network: { name: "test", hash: "test" },
    semantics,
    dtMs: 0.5,
    steps: spec.steps,
    seed: 0,
    cores: [
      {
        index: 0,
        compartments: {
          count: n,
          du: Int32Array.from(c.flatMap((x) => perChannel(x.du))),
          dv: Int32Array.from(c, (x) => x.dv ?? 0),
          vthMant: Int32Array.from(c, (x) => x.vthMant ?? 100),
          biasMant: Int32Array.from(c, (x) => x.biasMant ?? 0),
          biasExp: Int32Array.from(c, (x) => x.biasExp ?? 0),
          refractory: Int32Array.from(c, (x) => x.refractory ?? 0),
          u0: Int32Array.from(c.flatMap((x) => perChannel(x.u0))),
          v0: Int32Array.from(c, (x) => x.v0 ?? 0),
        },
        formats,
        synapses: {
          axonCount: sources,
          rowStart,
          target: Int32Array.from(synapses, (s) => s.target),
          mantissa: Int32Array.from(synapses, (s) => s.mantissa),
          format: Uint8Array.from(synapses, (s) => s.format),
          delay: Uint8Array.from(synapses, (s) => s.delay),
        },
      },
    ],
    routes: {
      sourceCount: sources,
      rowStart: Int32Array.from({ length: sources + 1 }, (_, i) => i),
      core: new Int32Array(sources),
      axon: Int32Array.from({ length: sources }, (_, i) => i),
    },
    inputs: { lineCount: lines, spikeSteps: Int32Array.from(spikes, (s) => s[0]), spikeLines: Int32Array.from(spikes, (s) => s[1]) },
    symbols: [
      { id: "pop", kind: "population", size: n, core: new Int32Array(n), local: all },
      { id: "stim", kind: "input", size: scheduled, core: new Int32Array(scheduled).fill(-1), local: Int32Array.from({ length: scheduled }, (_, i) => i) },
      { id: "ext", kind: "input", size: external, core: new Int32Array(external).fill(-1), local: Int32Array.from({ length: external }, (_, i) => scheduled + i), external: true },
    ],
    scales: [
      { population: "pop", variable: "v", unit: "mV", scale: 64, offset: -65 },
      { population: "pop", variable: "i_syn", unit: "mV (R·I)", scale: 32, offset: 0 },
    ],
    record: [
      { population: "pop", spikes: true, state: ["v", "i_syn"], neurons: all },
      { population: "stim", spikes: true, state: [], neurons: new Int32Array(0) },
    ],
  };
}

/** Raw trace of one neuron of "pop" (variable "v", "i_syn" or "v_pre_reset"). */
export function rawTrace(result: { recording: { populations: readonly { id: string; traces: readonly { variable: string; neurons: Int32Array; raw?: readonly Float64Array[] }[] }[] } }, variable: string, neuron = 0): number[] {
  const trace = result.recording.populations.find((p) => p.id === "pop")?.traces.find((t) => t.variable === variable);
  const k = trace === undefined ? -1 : Array.from(trace.neurons).indexOf(neuron);
  if (trace?.raw === undefined || k < 0) throw new Error(`no ${variable} trace of neuron ${neuron}`);
  return Array.from(trace.raw[k]);
}

/** Spike steps of one neuron of "pop". */
export function spikeSteps(result: { recording: { populations: readonly { id: string; spikes?: { step: Int32Array; neuron: Int32Array } }[] } }, neuron = 0): number[] {
  const train = result.recording.populations.find((p) => p.id === "pop")?.spikes;
  if (train === undefined) throw new Error("no spikes recorded");
  return Array.from(train.step).filter((_, i) => train.neuron[i] === neuron);
}

/**
 * What the glia-core engines (glia-emulator.ts, glia-scalar.ts) share besides semantics: the
 * result type, the overflow counter names, and the recorder that samples raw state into
 * traces and builds the Recording. It reads state through callbacks and never changes it.
 */
import type { GliaConfig } from "../hw/glia-config.js";
import type { StateVariable } from "../ir/types.js";
import { GLIA_STATE_UNITS, RECORDING_FORMAT, type PopulationRecording, type Recording, type Trace } from "../hw/recording.js";
import { SpikeBuffer } from "../hw/spike-buffer.js";
import type { EmulationCounts, EmulationResult } from "./emulator.js";
import { assert } from "../util/assert.js";

/** Saturation counters, in report order; every run reports all of them. */
export const GLIA_OVERFLOW_KEYS = [
  "v.saturate",
  "u.saturate",
  "i.saturate",
  "i_syn.saturate",
  "glutamate.saturate",
  "acc.saturate",
  "weight.saturate",
  "ca.saturate",
  "h.saturate",
  "ip3.saturate",
] as const;
export type GliaOverflowKey = (typeof GLIA_OVERFLOW_KEYS)[number];
export const OVERFLOW_INDEX: Readonly<Record<GliaOverflowKey, number>> = Object.fromEntries(GLIA_OVERFLOW_KEYS.map((key, i) => [key, i])) as Record<GliaOverflowKey, number>;

/** Final raw state of all units (global indices), beyond what EmulationResult's LIF-shaped finalState holds. */
export interface GliaFinalState {
  readonly v: Float64Array;
  readonly u: Float64Array;
  readonly iSyn: Float64Array;
  readonly glutamate: Float64Array;
  readonly ca: Float64Array;
  readonly h: Float64Array;
  readonly ip3: Float64Array;
  readonly gate: Float64Array; // A per astrocyte, raw Q.gainBits
}

/** An EmulationResult (finalState: one entry per neuron group, u and v raw) plus the full glia state. */
export interface GliaEmulationResult extends EmulationResult {
  readonly glia: GliaFinalState;
}

/** Reads one raw value of a recorded variable: global neuron or astrocyte index → raw integer. */
export type RawReader = (variable: StateVariable, global: number) => number;

interface TraceSlot {
  readonly variable: StateVariable;
  readonly neurons: Int32Array;
  readonly base: number; // global index of element 0
  readonly raw: Float64Array[];
  readonly scale: number;
  readonly offset: number;
  readonly unit: string;
}

interface Recorded {
  readonly id: string;
  readonly size: number;
  readonly spikes?: SpikeBuffer;
  readonly traces: TraceSlot[];
}

const NEURON_VARIABLES: readonly StateVariable[] = ["v", "u", "i_syn", "glutamate"];
const ASTRO_VARIABLES: readonly StateVariable[] = ["ca", "h", "ip3", "gate", "drive"];


/** Samples what config.record asks for, step by step; one instance per run. */
export class GliaRecorder {
  private readonly recorded: Recorded[] = [];
  /** Per global neuron: the spike buffer of its group, or undefined when not recorded. */
  readonly neuronSpikes: (SpikeBuffer | undefined)[];
  readonly lineSpikes: (SpikeBuffer | undefined)[];
  private readonly neuronLocal: Int32Array;
  private readonly lineLocal: Int32Array;
  private readonly traces: TraceSlot[] = [];

  constructor(
    private readonly config: GliaConfig,
    private readonly steps: number,
  ) {
    const neuronTotal = config.neurons.reduce((n, g) => n + g.size, 0);
    this.neuronSpikes = new Array<SpikeBuffer | undefined>(neuronTotal).fill(undefined);
    this.lineSpikes = new Array<SpikeBuffer | undefined>(config.inputs.lineCount).fill(undefined);
    this.neuronLocal = new Int32Array(neuronTotal);
    this.lineLocal = new Int32Array(config.inputs.lineCount);
    for (const spec of config.record) {
      const group = config.neurons.find((g) => g.population === spec.population);
      const astro = config.astrocytes.find((a) => a.id === spec.population);
      const line = config.inputs.symbols.find((i) => i.id === spec.population);
      const owner = group ?? astro ?? line;
      assert(owner !== undefined, `record names unknown population '${spec.population}'`);
      const size = owner.size;
      const offset = owner.offset;
      const spikes = spec.spikes && astro === undefined ? new SpikeBuffer() : undefined;
      if (spikes !== undefined) {
        for (let j = 0; j < size; j++) {
          if (group !== undefined) ((this.neuronSpikes[offset + j] = spikes), (this.neuronLocal[offset + j] = j));
          else ((this.lineSpikes[offset + j] = spikes), (this.lineLocal[offset + j] = j));
        }
      }
      const allowed = group !== undefined ? NEURON_VARIABLES : astro !== undefined ? ASTRO_VARIABLES : [];
      const traces: TraceSlot[] = [];
      for (const variable of spec.state) {
        assert(allowed.includes(variable), `'${spec.population}' has no state variable '${variable}'`);
        const { scale, offset: zero, unit } = this.scaleOf(spec.population, variable);
        const neurons = spec.neurons.length > 0 ? Int32Array.from(spec.neurons) : Int32Array.from({ length: size }, (_, j) => j);
        const slot: TraceSlot = {
          variable,
          neurons,
          base: offset,
          raw: Array.from(neurons, () => new Float64Array(steps)),
          scale,
          offset: zero,
          unit,
        };
        traces.push(slot);
        this.traces.push(slot);
      }
      this.recorded.push({ id: spec.population, size, ...(spikes !== undefined ? { spikes } : {}), traces });
    }
  }

  /** Records a spike of a global neuron in step `step` (call in ascending neuron order within a step). */
  neuronSpike(step: number, global: number): void {
    const buffer = this.neuronSpikes[global];
    if (buffer !== undefined) buffer.push(step, this.neuronLocal[global]);
  }

  /** Records a spike of an input line in step `step`. */
  lineSpike(step: number, line: number): void {
    const buffer = this.lineSpikes[line];
    if (buffer !== undefined) buffer.push(step, this.lineLocal[line]);
  }

  /** Ends step `step`: sorts its line spikes and samples every trace. */
  endStep(step: number, read: RawReader): void {
    for (const r of this.recorded) if (r.spikes !== undefined) r.spikes.sortStep();
    for (const trace of this.traces) {
      for (let k = 0; k < trace.neurons.length; k++) trace.raw[k][step] = read(trace.variable, trace.base + trace.neurons[k]);
    }
  }

  /** The recording of `stepsRun` steps. */
  recording(stepsRun: number, overflow: Readonly<Record<string, number>>): Recording {
    const populations: PopulationRecording[] = this.recorded.map((r) => ({
      id: r.id,
      size: r.size,
      ...(r.spikes !== undefined ? { spikes: r.spikes.toTrain() } : {}),
      traces: r.traces.map((t): Trace => {
        const raw = t.raw.map((values) => (stepsRun === this.steps ? values : values.slice(0, stepsRun)));
        return {
          variable: t.variable,
          unit: t.unit,
          neurons: t.neurons,
          values: raw.map((values) => values.map((x) => t.offset + x / t.scale)),
          raw,
          scale: t.scale,
          offset: t.offset,
        };
      }),
    }));
    return { format: RECORDING_FORMAT, source: "emulator", dtMs: this.config.dtMs, steps: stepsRun, populations, overflow };
  }

  /** The config's scale of a variable, else the raw format's own (2^frac, i_syn 2^iFrac, gate 2^gainBits). */
  private scaleOf(population: string, variable: StateVariable): { scale: number; offset: number; unit: string } {
    const given = this.config.scales.find((s) => s.population === population && s.variable === variable);
    if (given !== undefined) return { scale: given.scale, offset: given.offset, unit: given.unit };
    const group = this.config.neurons.find((g) => g.population === population);
    const astro = this.config.astrocytes.find((a) => a.id === population);
    let frac = 0;
    if (variable === "glutamate") frac = group?.glutamate?.frac ?? 0;
    else if (variable === "gate") frac = this.config.semantics.effects.gainBits;
    else if (variable === "i_syn") frac = group?.iFrac ?? 0;
    else frac = group?.frac ?? astro?.frac ?? 0;
    return { scale: 2 ** frac, offset: 0, unit: GLIA_STATE_UNITS[variable] };
  }
}

/** Overflow counters as a record with every key. */
export function overflowRecord(counters: Float64Array): Record<string, number> {
  return Object.fromEntries(GLIA_OVERFLOW_KEYS.map((key, i) => [key, counters[i]]));
}

/** Builds the result both engines return. */
export function gliaResult(
  config: GliaConfig,
  recorder: GliaRecorder,
  stepsRun: number,
  counters: Float64Array,
  counts: EmulationCounts,
  glia: GliaFinalState,
): GliaEmulationResult {
  const overflow = overflowRecord(counters);
  const finalState = config.neurons.map((g) => ({
    u: glia.u.slice(g.offset, g.offset + g.size),
    v: glia.v.slice(g.offset, g.offset + g.size),
    refractoryLeft: new Int32Array(g.size),
  }));
  return { recording: recorder.recording(stepsRun, overflow), counts, overflow, finalState, glia };
}

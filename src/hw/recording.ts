/**
 * A recording: spikes and state traces of one run, from the reference, the emulator or a chip.
 * Format "tripart.recording/1" (schemas/recording.proto; JSON and CSV forms in docs/recording.md).
 * Traces carry physical values; emulator and chip traces also carry the raw hardware integers
 * and the scale used (physical = offset + raw / scale).
 */
import type { StateVariable } from "../ir/types.js";

export const RECORDING_FORMAT = "tripart.recording/1";

export interface SpikeTrain {
  /** Parallel arrays sorted by step, then neuron. */
  readonly step: Int32Array;
  readonly neuron: Int32Array;
}

/**
 * Units producers write for the known state variables (docs/recording.md). Neuron currents and
 * u are in the population's current unit, which depends on the model (LIF "mV (R·I)",
 * Izhikevich "mV/ms"), so they are not listed. Readers accept any variable and unit as written.
 */
export const STATE_UNITS = {
  v: "mV",
  glutamate: "µM",
  ca: "µM",
  ip3: "µM",
  h: "1",
  gate: "1",
  drive: "µM/s",
} as const;

/** Units of every variable the neuron–astrocyte engines trace (Izhikevich currents are in the mV/ms of dV/dt). */
export const GLIA_STATE_UNITS = { ...STATE_UNITS, u: "mV/ms", i_syn: "mV/ms" } as const satisfies Record<StateVariable, string>;

/** Variables only astrocyte populations trace; a population with one of them and no spikes is an astrocyte population. */
export const ASTROCYTE_STATE = ["ca", "ip3", "h", "gate"] as const;

/** True for an astrocyte population: it traces Ca, IP3, h or the gate and records no spikes. */
export function isAstrocytePopulation(pop: PopulationRecording): boolean {
  return pop.spikes === undefined && pop.traces.some((trace) => (ASTROCYTE_STATE as readonly string[]).includes(trace.variable));
}

export interface Trace {
  readonly variable: string; // "v", "i_syn", "u", "glutamate"; astrocytes "ca", "h", "ip3", "gate", "drive"
  readonly unit: string; // "mV", "mV (R·I)"
  readonly neurons: Int32Array;
  /** values[k][t]: physical value of neurons[k] at the end of step t. */
  readonly values: readonly Float64Array[];
  readonly raw?: readonly Float64Array[];
  readonly scale?: number;
  readonly offset?: number;
}

/** A population of neurons or of astrocytes (astrocytes have traces and no spikes). */
export interface PopulationRecording {
  readonly id: string;
  readonly size: number; // neurons or astrocytes
  readonly spikes?: SpikeTrain;
  readonly traces: readonly Trace[];
}

/**
 * Weights of one plastic projection over a run: synapses in the projection's elaborated CSR
 * order, one snapshot per dumped step (taken at the end of that step).
 */
export interface WeightRecording {
  readonly projection: string;
  readonly unit: string; // the projection's weight unit, e.g. "mV (R·I)"
  readonly pre: Int32Array;
  readonly post: Int32Array;
  /** Bounds of |w| the rule keeps (for the fraction at bounds). */
  readonly bounds: readonly [number, number];
  /** Emulator and chip: physical |w| of one raw unit. */
  readonly weightPerRaw?: number;
  readonly snapshots: readonly WeightSnapshot[];
}

export interface WeightSnapshot {
  readonly step: number;
  /** Signed physical weights, one per synapse. */
  readonly values: Float64Array;
  /** Emulator and chip: the stored integers (mantissas or ADC levels), physical = raw · weightPerRaw. */
  readonly raw?: Float64Array;
}

export interface Recording {
  readonly format: typeof RECORDING_FORMAT;
  readonly source: "reference" | "emulator" | "chip";
  readonly dtMs: number;
  readonly steps: number;
  readonly populations: readonly PopulationRecording[];
  /** Overflow events per variable (emulator only), e.g. { "u.wrap": 3, "v.saturate": 0 }. */
  readonly overflow?: Readonly<Record<string, number>>;
  /** Weights of plastic projections at the dumped steps (./recording.ts WeightRecording). */
  readonly weights?: readonly WeightRecording[];
}

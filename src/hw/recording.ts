/**
 * A recording: spikes and state traces of one run, from the reference, the emulator or a chip.
 * Format "tripart.recording/1" (schemas/recording.proto; JSON and CSV forms in docs/recording.md).
 * Traces carry physical values; emulator and chip traces also carry the raw hardware integers
 * and the scale used (physical = offset + raw / scale).
 */
export const RECORDING_FORMAT = "tripart.recording/1";

export interface SpikeTrain {
  /** Parallel arrays sorted by step, then neuron. */
  readonly step: Int32Array;
  readonly neuron: Int32Array;
}

export interface Trace {
  readonly variable: string; // "v", "i_syn"
  readonly unit: string; // "mV", "mV (R·I)"
  readonly neurons: Int32Array;
  /** values[k][t]: physical value of neurons[k] at the end of step t. */
  readonly values: readonly Float64Array[];
  readonly raw?: readonly Float64Array[];
  readonly scale?: number;
  readonly offset?: number;
}

export interface PopulationRecording {
  readonly id: string;
  readonly size: number;
  readonly spikes?: SpikeTrain;
  readonly traces: readonly Trace[];
}

export interface Recording {
  readonly format: typeof RECORDING_FORMAT;
  readonly source: "reference" | "emulator" | "chip";
  readonly dtMs: number;
  readonly steps: number;
  readonly populations: readonly PopulationRecording[];
  /** Overflow events per variable (emulator only), e.g. { "u.wrap": 3, "v.saturate": 0 }. */
  readonly overflow?: Readonly<Record<string, number>>;
}

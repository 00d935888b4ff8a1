// Small recordings built by hand for the recording and diff tests.
import { RECORDING_FORMAT, type PopulationRecording, type Recording, type SpikeTrain, type Trace, type WeightRecording } from "../../src/hw/recording.js";

/** A spike train from [step, neuron] pairs, kept in the order given. */
export function train(pairs: readonly (readonly [number, number])[]): SpikeTrain {
  return { step: Int32Array.from(pairs, (p) => p[0]), neuron: Int32Array.from(pairs, (p) => p[1]) };
}

/** A trace of `variable` from rows of values per neuron. */
export function trace(
  variable: string, neurons: readonly number[], rows: readonly (readonly number[])[],
  extra: Omit<Partial<Trace>, "raw"> & { raw?: readonly (readonly number[])[] } = {},
): Trace {
  const { raw, ...rest } = extra;
  return {
    variable, unit: "mV", neurons: Int32Array.from(neurons), values: rows.map((row) => Float64Array.from(row)),
    ...(raw !== undefined ? { raw: raw.map((row) => Float64Array.from(row)) } : {}),
    ...rest,
  };
}

export function population(id: string, size: number, spikes?: SpikeTrain, traces: Trace[] = []): PopulationRecording {
  return { id, size, ...(spikes !== undefined ? { spikes } : {}), traces };
}

export function recording(populations: PopulationRecording[], header: Partial<Recording> = {}): Recording {
  return { format: RECORDING_FORMAT, source: "reference", dtMs: 0.1, steps: 10, populations, ...header };
}

/** A recording with every optional feature: traces with raw values, scale and offset, overflow, a silent population. */
export function richRecording(): Recording {
  return recording(
    [
      population("exc", 4, train([[0, 1], [0, 3], [2, 0], [9, 3]]), [
        trace("v", [2, 0], [
          [-65, -64.5, -64.25, -64.125, -64, -63.5, -63, -62.5, -62, 0.1],
          [-65, -65, -65, -65, -65, -65, -65, -65, -65, -65],
        ], { raw: [[0, 8, 12, 14, 16, 24, 32, 40, 48, 1041.6], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]], scale: 16, offset: -65 }),
        trace("i_syn", [1], [[0, 1e-300, 2.5, -3.75, 1e20, 0, 0, 0, 0, 1]], { unit: "mV (R·I)" }),
      ]),
      population("inh, \"quoted\"", 2, train([]), []),
      population("#input", 3, undefined, []),
    ],
    { source: "emulator", overflow: { "u.wrap": 3, "v.saturate": 0 } },
  );
}

/** A weight recording from (step, values[, raw]) snapshots; bounds [0, 1] unless given. */
export function weightRecording(
  projection: string, pre: readonly number[], post: readonly number[],
  snapshots: readonly (readonly [number, readonly number[], (readonly number[])?])[],
  extra: Partial<Omit<WeightRecording, "projection" | "pre" | "post" | "snapshots">> = {},
): WeightRecording {
  return {
    projection, unit: "mV (R·I)", pre: Int32Array.from(pre), post: Int32Array.from(post), bounds: [0, 1],
    snapshots: snapshots.map(([step, values, raw]) => ({ step, values: Float64Array.from(values), ...(raw !== undefined ? { raw: Float64Array.from(raw) } : {}) })),
    ...extra,
  };
}

/** An emulator recording with two plastic projections: one with raw mantissas, one inhibitory without. */
export function learnedRecording(): Recording {
  return recording([population("exc", 2, train([[1, 0]]))], {
    source: "emulator",
    weights: [
      weightRecording("x_exc", [0, 0, 1], [0, 1, 1], [[3, [0.25, 0.5, 0.75], [4, 8, 12]], [7, [0.3125, 0.5, 1], [5, 8, 16]]], { weightPerRaw: 0.0625 }),
      weightRecording("exc, \"inh\"", [1], [0], [[9, [-0.5]]], { unit: "mV", bounds: [0.125, 2] }),
    ],
  });
}

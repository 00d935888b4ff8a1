/**
 * What the reference simulator records, and the buffers it records into: one plan per recorded
 * population or input, merged over every record spec that names it. Buffers are preallocated
 * (traces) or grow by doubling (spikes), so recording allocates nothing per step on average.
 * Relies on the loader: record specs name existing populations or inputs.
 */
import { mergeRecordSpecs, tracedElements } from "../ir/record-merge.js";
import { isLifVariable } from "../ir/types.js";
import type { Elaborated } from "../ir/elaborated.js";
import { assert } from "../util/assert.js";
import { RECORDING_FORMAT, type Recording } from "../hw/recording.js";
import { SpikeBuffer } from "../hw/spike-buffer.js";

/** Units of the recorded state variables. */
export const TRACE_UNITS = { v: "mV", i_syn: "mV (R·I)" } as const;

export type TraceVariable = keyof typeof TRACE_UNITS;

export interface TraceBuffer {
  readonly variable: TraceVariable;
  readonly neurons: Int32Array;
  readonly values: readonly Float64Array[];
}

/** Everything recorded for one population or input. */
export interface RecordPlan {
  readonly id: string;
  readonly kind: "population" | "input";
  readonly index: number; // into net.populations or net.inputs
  readonly size: number;
  readonly spikes?: SpikeBuffer;
  readonly traces: readonly TraceBuffer[];
}

/**
 * Merges the record specs: spikes are recorded when any spec naming the id leaves `spikes`
 * unset or true; a variable is traced for the union of the neurons its specs list (all neurons
 * when one of them lists none). Inputs have spikes only; a `state` on an input is ignored.
 * Plans come in order of first appearance in network.record.
 */
export function planRecording(net: Elaborated, steps: number): RecordPlan[] {
  return mergeRecordSpecs(net.network.record).map(({ id, spikes, traced }) => {
    const population = net.populations.find((p) => p.id === id);
    const input = net.inputs.find((i) => i.id === id);
    const target = population ?? input;
    assert(target !== undefined, `record spec names unknown population or input '${id}'`);
    const traces: TraceBuffer[] = [];
    if (population !== undefined) {
      for (const [variable, chosen] of traced) {
        if (!isLifVariable(variable)) continue;
        const neurons = tracedElements(chosen, population.size, id);
        traces.push({ variable, neurons, values: Array.from(neurons, () => new Float64Array(steps)) });
      }
    }
    return {
      id,
      kind: population !== undefined ? "population" : "input",
      index: target.index,
      size: target.size,
      spikes: spikes ? new SpikeBuffer() : undefined,
      traces,
    };
  });
}

/** The Recording of a finished run of `steps` steps (traces cut there when a host ended the run early). */
export function finishRecording(plans: readonly RecordPlan[], dtMs: number, steps: number): Recording {
  return {
    format: RECORDING_FORMAT,
    source: "reference",
    dtMs,
    steps,
    populations: plans.map((plan) => ({
      id: plan.id,
      size: plan.size,
      spikes: plan.spikes?.toTrain(),
      traces: plan.traces.map((trace) => ({
        variable: trace.variable,
        unit: TRACE_UNITS[trace.variable],
        neurons: trace.neurons,
        values: trace.values.map((values) => (values.length === steps ? values : values.slice(0, steps))),
      })),
    })),
  };
}

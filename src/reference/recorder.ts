/**
 * What the reference simulator records, and the buffers it records into: one plan per recorded
 * population or input, merged over every record spec that names it. Buffers are preallocated
 * (traces) or grow by doubling (spikes), so recording allocates nothing per step on average.
 * Relies on the loader: record specs name existing populations or inputs.
 */
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
  interface Draft {
    spikes: boolean;
    neurons: Map<TraceVariable, Set<number> | "all">;
  }
  const drafts = new Map<string, Draft>();
  for (const spec of net.network.record) {
    const draft = drafts.get(spec.population) ?? { spikes: false, neurons: new Map() };
    drafts.set(spec.population, draft);
    draft.spikes ||= spec.spikes ?? true;
    for (const variable of (spec.state ?? []).filter(isLifVariable)) {
      const previous = draft.neurons.get(variable) ?? new Set<number>();
      if (previous === "all" || spec.neurons === undefined) {
        draft.neurons.set(variable, "all");
      } else {
        for (const neuron of spec.neurons) previous.add(neuron);
        draft.neurons.set(variable, previous);
      }
    }
  }
  return [...drafts].map(([id, draft]) => {
    const population = net.populations.find((p) => p.id === id);
    const input = net.inputs.find((i) => i.id === id);
    const target = population ?? input;
    assert(target !== undefined, `record spec names unknown population or input '${id}'`);
    const traces: TraceBuffer[] = [];
    if (population !== undefined) {
      for (const [variable, chosen] of draft.neurons) {
        const neurons =
          chosen === "all" ? Int32Array.from({ length: population.size }, (_, i) => i) : Int32Array.from([...chosen].sort((a, b) => a - b));
        for (const neuron of neurons) {
          assert(neuron >= 0 && neuron < population.size, `record spec of '${id}' names neuron ${neuron} outside [0, ${population.size})`);
        }
        traces.push({ variable, neurons, values: Array.from(neurons, () => new Float64Array(steps)) });
      }
    }
    return {
      id,
      kind: population !== undefined ? "population" : "input",
      index: target.index,
      size: target.size,
      spikes: draft.spikes ? new SpikeBuffer() : undefined,
      traces,
    };
  });
}

/** The Recording of a finished run. */
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
        values: trace.values,
      })),
    })),
  };
}

/**
 * What the neuron–astrocyte reference records, and the buffers it records into: one plan per
 * recorded neuron population, astrocyte population or input, merged over every record spec that
 * names it (the LIF recorder's merge rules). Trace buffers are preallocated; spike buffers grow
 * by doubling, so recording allocates nothing per step on average.
 * Relies on the loader: record specs name existing ids and variables that exist for the model.
 */
import { mergeRecordSpecs, tracedElements } from "../ir/record-merge.js";
import type { Elaborated } from "../ir/elaborated.js";
import type { AstrocyteVariable, NeuronVariable, StateVariable } from "../ir/types.js";
import { GLIA_STATE_UNITS, RECORDING_FORMAT, type Recording } from "../hw/recording.js";
import { SpikeBuffer } from "../hw/spike-buffer.js";
import { assert } from "../util/assert.js";

/** Units of the recorded variables (Izhikevich currents are in the mV/ms of dV/dt). */
export const GLIA_TRACE_UNITS = GLIA_STATE_UNITS;

/** Unit of a conductance synapse's weight g: dimensionless, as in the authors' code (docs/ir.md). */
export const CONDUCTANCE_UNIT = "1";

const NEURON_VARIABLES: readonly StateVariable[] = ["v", "u", "i_syn", "glutamate"] satisfies NeuronVariable[];
const ASTROCYTE_VARIABLES: readonly StateVariable[] = ["ca", "h", "ip3", "gate", "drive"] satisfies AstrocyteVariable[];

export interface GliaTraceBuffer {
  readonly variable: StateVariable;
  readonly elements: Int32Array; // neuron or astrocyte indices, ascending
  readonly values: readonly Float64Array[]; // values[k][t]
}

/** Everything recorded for one neuron population, astrocyte population or input. */
export interface GliaRecordPlan {
  readonly id: string;
  readonly kind: "population" | "astrocytes" | "input";
  readonly index: number; // into net.populations, net.astrocytes or net.inputs
  readonly size: number;
  readonly spikes?: SpikeBuffer;
  readonly traces: readonly GliaTraceBuffer[];
}

/**
 * Merges the record specs: spikes when any spec naming a neuron population or input leaves
 * `spikes` unset or true (astrocytes have none); a variable is traced for the union of the
 * elements its specs list (all when one lists none). Variables the element kind does not have
 * are ignored. Plans come in order of first appearance in network.record.
 */
export function planGliaRecording(net: Elaborated, steps: number): GliaRecordPlan[] {
  return mergeRecordSpecs(net.network.record).map(({ id, spikes, traced }): GliaRecordPlan => {
    const population = net.populations.find((p) => p.id === id);
    const astrocytes = net.astrocytes.find((a) => a.id === id);
    const input = net.inputs.find((i) => i.id === id);
    const kind = population !== undefined ? "population" : astrocytes !== undefined ? "astrocytes" : "input";
    const target = population ?? astrocytes ?? input;
    assert(target !== undefined, `record spec names unknown population, astrocytes or input '${id}'`);
    const allowed = kind === "population" ? NEURON_VARIABLES : kind === "astrocytes" ? ASTROCYTE_VARIABLES : [];
    const traces: GliaTraceBuffer[] = [];
    for (const [variable, chosen] of traced) {
      if (!allowed.includes(variable)) continue;
      const elements = tracedElements(chosen, target.size, id);
      traces.push({ variable, elements, values: Array.from(elements, () => new Float64Array(steps)) });
    }
    return {
      id,
      kind,
      index: target.index,
      size: target.size,
      spikes: spikes && kind !== "astrocytes" ? new SpikeBuffer() : undefined,
      traces,
    };
  });
}

/** Writes `source[elements[k]]` into the trace at step t. */
export function recordTrace(trace: GliaTraceBuffer, source: ArrayLike<number>, t: number): void {
  const { elements, values } = trace;
  for (let k = 0; k < elements.length; k++) values[k][t] = source[elements[k]];
}

/** The Recording of a finished run of `steps` steps (traces cut there when a host ended the run early). */
export function finishGliaRecording(plans: readonly GliaRecordPlan[], dtMs: number, steps: number): Recording {
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
        unit: GLIA_TRACE_UNITS[trace.variable],
        neurons: trace.elements,
        values: trace.values.map((values) => (values.length === steps ? values : values.slice(0, steps))),
      })),
    })),
  };
}

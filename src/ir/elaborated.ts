/**
 * The elaborated network: every synapse explicit, in CSR by presynaptic index, every seeded
 * draw made. Shared by the reference simulator and the compiler. Memory per synapse:
 * 4 (post) + 8 (weight) + 2 (delay) bytes, plus the row offsets.
 */
import type { Checked, LifParams } from "./types.js";
import type { Stage } from "./stage.js";

export interface ElaboratedPopulation {
  readonly id: string;
  readonly index: number; // position in network.populations
  readonly model: "lif";
  readonly size: number;
  readonly params: LifParams;
  readonly initialV: Float64Array; // mV
  readonly initialI: Float64Array; // current unit
}

export interface ElaboratedInput {
  readonly id: string;
  readonly index: number; // position in network.inputs
  readonly kind: "spike_times" | "poisson" | "external";
  readonly size: number;
  /** Spikes generated before the run (none for external ports), sorted by step then source. */
  readonly spikeSteps: Int32Array;
  readonly spikeSources: Int32Array;
}

/** Synapses of one projection: CSR rows are presynaptic indices. */
export interface Csr {
  readonly rowStart: Int32Array; // length preSize + 1
  readonly post: Int32Array;
  readonly weight: Float64Array; // signed: inhibitory weights are negative
  readonly delay: Uint16Array; // steps
}

export interface ElaboratedProjection {
  readonly id: string;
  readonly index: number; // position in network.projections
  readonly pre: { readonly kind: "population" | "input"; readonly index: number; readonly size: number };
  readonly post: number; // population index
  readonly tauSyn: number; // ms
  readonly sign: "excitatory" | "inhibitory";
  readonly synapses: Csr;
}

export interface ElaboratedNetwork {
  readonly network: Checked;
  readonly steps: number; // round(duration / dt)
  readonly populations: readonly ElaboratedPopulation[];
  readonly inputs: readonly ElaboratedInput[];
  readonly projections: readonly ElaboratedProjection[];
}

export type Elaborated = Stage<"elaborated", ElaboratedNetwork>;

export const synapseCount = (net: ElaboratedNetwork): number =>
  net.projections.reduce((sum, p) => sum + p.synapses.post.length, 0);

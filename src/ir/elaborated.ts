/**
 * The elaborated network: every synapse explicit, in CSR by presynaptic index, every seeded
 * draw made. Shared by the reference simulator and the compiler. Memory per synapse:
 * 4 (post) + 8 (weight) + 2 (delay) bytes, plus the row offsets.
 */
import type { Checked, GlutamateSpec, Grid, IzhikevichParams, LifParams } from "./types.js";
import type { AstrocyteModel, Coupling, GateOwner, GateSpec, NeuronEffect, Sensing, SynapseEffect } from "./astro-types.js";
import type { Stage } from "./stage.js";
import type { Pairing, PlasticityRuleKind } from "./plasticity-types.js";
import { InternalError } from "../util/assert.js";

export interface ElaboratedLif {
  readonly id: string;
  readonly index: number; // position in network.populations
  readonly model: "lif";
  readonly size: number;
  readonly grid?: Grid;
  readonly params: LifParams;
  readonly initialV: Float64Array; // mV
  readonly initialI: Float64Array; // current unit
  readonly glutamate?: GlutamateSpec;
}

export interface ElaboratedIzhikevich {
  readonly id: string;
  readonly index: number;
  readonly model: "izhikevich";
  readonly size: number;
  readonly grid?: Grid;
  readonly params: IzhikevichParams; // defaults filled
  readonly initialV: Float64Array; // mV
  readonly initialU: Float64Array;
  readonly glutamate?: GlutamateSpec;
}

export type ElaboratedPopulation = ElaboratedLif | ElaboratedIzhikevich;

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
  /** "exponential": current synapse with tauSyn; "sigmoid_conductance": weights are conductances g ≥ 0. */
  readonly kind: "exponential" | "sigmoid_conductance";
  readonly tauSyn: number; // ms (exponential only; 0 for conductance synapses)
  readonly sign: "excitatory" | "inhibitory"; // conductance synapses: excitatory
  /** Conductance synapses: reversal potential (mV) and sigmoid slope k (mV). */
  readonly conductance?: { readonly eRev: number; readonly k: number };
  readonly synapses: Csr;
  /** The projection's learning rule, resolved; absent = static weights. */
  readonly plasticity?: ElaboratedPlasticity;
}

/** A third-factor spike source, resolved to an input or population index. */
export interface ElaboratedModulatorSource {
  readonly kind: "population" | "input";
  readonly index: number;
  readonly gain: number;
}

/**
 * A plasticity rule with every default filled and the references resolved (./plasticity-types.ts
 * has the equations). Times stay in ms; the engines derive their per-step factors from run.dt.
 */
export interface ElaboratedPlasticity {
  readonly id: string; // the rule's id
  readonly index: number; // position in network.plasticity
  readonly rule: PlasticityRuleKind;
  readonly pairing: Pairing;
  readonly tauPlusMs: number;
  readonly tauMinusMs: number;
  readonly aPlus: number; // fraction of wMax − wMin
  readonly aMinus: number;
  readonly muPlus: number;
  readonly muMinus: number;
  readonly wMin: number; // bounds of |w|, weight unit
  readonly wMax: number;
  /** reward_stdp and episode_stdp: eligibility decay; Infinity = none (episode tau_c null). */
  readonly tauCMs?: number;
  /** reward_stdp: modulator decay, baseline b (1/ms) and the reward sources. */
  readonly reward?: { readonly tauNMs: number; readonly baseline: number; readonly sources: readonly ElaboratedModulatorSource[] };
  /** episode_stdp: the gate sources. */
  readonly gate?: { readonly sources: readonly ElaboratedModulatorSource[] };
  /**
   * Astrocyte-gated learning. astrocyteOf: per postsynaptic neuron, the astrocyte whose gate
   * or Ca scales its synapses' increments (−1 = none: factor `closed`).
   */
  readonly modulation?: {
    readonly astrocytes: number; // astrocyte population index
    readonly by: "gate" | "ca";
    readonly open: number;
    readonly closed: number;
    readonly caLow: number; // µM (by "gate": 0)
    readonly caHigh: number;
    readonly astrocyteOf: Int32Array;
  };
}

/**
 * An injected current, as change points: from step[k] on, neuron[k] of the population receives
 * value[k] from this input (until its next change point). Sorted by step, then neuron; values
 * already resolve overlaps ("set" within one input).
 */
export interface ElaboratedCurrent {
  readonly id: string;
  readonly index: number; // position in network.currents: the order of the current sum
  readonly population: number; // population index
  readonly step: Int32Array;
  readonly neuron: Int32Array;
  readonly value: Float64Array;
}

/** Neighbour lists in CSR, per astrocyte in the summation order (grid: up, down, left, right). */
export interface NeighbourCsr {
  readonly rowStart: Int32Array; // size + 1
  readonly neighbour: Int32Array;
}

/** Sensing, gate and durations converted to steps of run.dt. */
export interface ElaboratedGate extends GateSpec {
  readonly windowSteps: number; // the check looks at steps s − windowSteps … s
  readonly checkSteps: number; // checks when (s + 1) % checkSteps === 0
  readonly holdSteps: number; // A = 1 on steps s … s + holdSteps
}

export type ElaboratedSensing = Sensing & { readonly durationSteps?: number }; // glutamate_count: drive on steps s … s + durationSteps − 1

export type ElaboratedAstrocytes = AstrocyteModel & {
  readonly id: string;
  readonly index: number; // position in network.astrocytes
  readonly size: number;
  readonly grid?: Grid;
  readonly periodSteps: number; // updates in steps s with (s + 1) % periodSteps === 0
  readonly initialCa: Float64Array;
  readonly initialH: Float64Array;
  readonly initialIp3: Float64Array;
  /** Update order: grid = row-major (row outer, column inner), else index order. */
  readonly sweep: Int32Array;
  readonly coupling?: Coupling & { readonly neighbours: NeighbourCsr };
  /** The territory population and, per astrocyte, its neurons (CSR, ascending). */
  readonly territoryPopulation: number;
  readonly territory: { readonly rowStart: Int32Array; readonly neuron: Int32Array };
  /** Per neuron of the territory population: the astrocyte whose gate it takes, −1 = none. */
  readonly ownerOf: Int32Array;
  readonly ownerRule: GateOwner;
  readonly sensing?: ElaboratedSensing;
  readonly gate?: ElaboratedGate;
};

export type ElaboratedTripartite =
  | {
      readonly id: string;
      readonly index: number;
      readonly target: "synapses";
      readonly astrocytes: number; // astrocyte population index
      readonly projection: number;
      /** Per synapse of the projection (CSR order): its astrocyte, −1 = unmodulated. */
      readonly astrocyteOf: Int32Array;
      readonly effect: SynapseEffect;
    }
  | {
      readonly id: string;
      readonly index: number;
      readonly target: "neurons";
      readonly astrocytes: number;
      readonly population: number;
      readonly effect: NeuronEffect;
    };

export interface ElaboratedNetwork {
  readonly network: Checked;
  readonly steps: number; // round(duration / dt)
  readonly populations: readonly ElaboratedPopulation[];
  readonly inputs: readonly ElaboratedInput[];
  readonly projections: readonly ElaboratedProjection[];
  readonly currents: readonly ElaboratedCurrent[];
  readonly astrocytes: readonly ElaboratedAstrocytes[];
  readonly tripartite: readonly ElaboratedTripartite[];
}

/** True when the network needs the neuron–astrocyte engines (not the LIF-only path). */
export const usesGliaPath = (net: ElaboratedNetwork): boolean =>
  net.astrocytes.length > 0 ||
  net.currents.length > 0 ||
  net.populations.some((p) => p.model !== "lif") ||
  net.projections.some((p) => p.kind !== "exponential") ||
  net.projections.some((p) => p.plasticity?.modulation !== undefined);

export type Elaborated = Stage<"elaborated", ElaboratedNetwork>;

export const synapseCount = (net: ElaboratedNetwork): number =>
  net.projections.reduce((sum, p) => sum + p.synapses.post.length, 0);

/** The LIF path's view of a population; the compiler refuses other models before it gets here. */
export function asLif(population: ElaboratedPopulation): ElaboratedLif {
  if (population.model !== "lif") throw new InternalError(`population '${population.id}' (${population.model}) reached the LIF-only path`);
  return population;
}

/**
 * The network IR, format "tripart.network/1". One name per concept: the schema
 * (schemas/network.schema.json), these types and docs/ir.md use the same field names.
 * Units: time in ms, voltage in mV, rates in Hz. Currents are in the "mV" current unit:
 * the current times the membrane resistance (R·I), i.e. the steady-state depolarisation it
 * would cause. A weight is the jump of the synaptic current per spike, in that unit.
 * Astrocyte sections ("astrocytes", "tripartite") and injected currents ("currents") are typed in
 * ./astro-types.ts. Their units follow the astrocyte papers: concentrations in µM, rates in 1/s,
 * fluxes in µM/s; durations and periods stay in ms like the rest of the IR.
 * Learning rules ("plasticity") are typed in ./plasticity-types.ts.
 */
import type { Stage } from "./stage.js";
import type { AstrocytePopulation, CurrentInput, Tripartite } from "./astro-types.js";
import type { PlasticityRule } from "./plasticity-types.js";

export const NETWORK_FORMAT = "tripart.network/1";

/** A number, or a seeded draw, or one value per element. */
export type ValueSpec =
  | number
  | { readonly uniform: readonly [number, number] }
  | { readonly normal: { readonly mean: number; readonly std: number; readonly min?: number; readonly max?: number } }
  | { readonly values: readonly number[] };

/** Current-based leaky integrate-and-fire parameters (all required after loading). */
export interface LifParams {
  readonly tau_m: number; // ms, membrane time constant
  readonly v_rest: number; // mV, leak reversal
  readonly v_reset: number; // mV, after a spike
  readonly v_thresh: number; // mV, spike when v > v_thresh
  readonly tau_ref: number; // ms, v held at v_reset after a spike (0 = none)
  readonly bias: number; // mV current unit, constant input current (R·I_bias)
}

/** A 2-D arrangement of a population: element index = row + rows·col (column-major, as MATLAB). */
export type Grid = readonly [rows: number, cols: number];

export interface LifPopulation {
  readonly id: string;
  readonly model: "lif";
  readonly size: number;
  readonly grid?: Grid;
  readonly params: LifParams;
  /** Initial membrane voltage (mV) and synaptic current (mV current unit). */
  readonly initial?: { readonly v?: ValueSpec; readonly i_syn?: ValueSpec };
  readonly glutamate?: GlutamateSpec;
}

/**
 * Izhikevich (2003) neuron, time in ms: dV/dt = 0.04V² + 5V + 140 − U + I, dU/dt = a(bV − U).
 * Stepped as the Gordleeva et al. 2021 code does (docs/astrocytes.md): forward Euler, U from the
 * new V, V clamped at v_peak, reset (V ← c, U ← U + d) at the start of the next step.
 */
export interface IzhikevichParams {
  readonly a: number;
  readonly b: number;
  readonly c: number; // mV, reset voltage
  readonly d: number; // U increment at reset
  readonly v_peak: number; // mV, clamp and reset condition (V ≥ v_peak); default 30
  /** mV: a neuron "spikes" in a step when the new V > spike_threshold; default v_peak − 1 (the authors' V > 29). */
  readonly spike_threshold: number;
  /** Upper clip of the summed input current (the authors' I_input_thr = 25); null = none. Default null. */
  readonly input_clip: number | null;
}

export interface IzhikevichPopulation {
  readonly id: string;
  readonly model: "izhikevich";
  readonly size: number;
  readonly grid?: Grid;
  readonly params: IzhikevichParams;
  /** Initial V (mV, default c) and U (default 0: the authors' code starts U at 0, not b·V). */
  readonly initial?: { readonly v?: ValueSpec; readonly u?: ValueSpec };
  readonly glutamate?: GlutamateSpec;
}

/**
 * Per-neuron glutamate trace G (µM): dG/dt = −decay_rate·G + release_rate·δ, stepped by forward
 * Euler G ← G − dt·(decay_rate·G − release_rate·δ) with dt in s. δ = 1 in a step where the
 * neuron releases: "at_peak" = the new (clamped) V equals v_peak (WM2021), "spiking" = it spiked.
 */
export interface GlutamateSpec {
  readonly decay_rate: number; // 1/s (WM2021: 10)
  readonly release_rate: number; // µM/s (WM2021: 600)
  readonly release: "at_peak" | "spiking"; // default "at_peak" (izhikevich), "spiking" (lif)
}

export type Population = LifPopulation | IzhikevichPopulation;

/** Spike sources: their "neurons" are indices 0..size-1 of the input. */
export type Input =
  | {
      readonly id: string;
      readonly kind: "spike_times";
      readonly size: number;
      /** times[i] = spike times in ms of source neuron i (sorted ascending). */
      readonly times: readonly (readonly number[])[];
    }
  | {
      readonly id: string;
      readonly kind: "poisson";
      readonly size: number;
      readonly rate: number; // Hz
      readonly start?: number; // ms, default 0
      readonly stop?: number; // ms, default run.duration
      readonly seed?: number; // default: derived from run.seed and the input id
    }
  | { readonly id: string; readonly kind: "external"; readonly size: number };

export type Connectivity =
  | { readonly rule: "all_to_all"; readonly autapses?: boolean }
  | { readonly rule: "one_to_one" }
  | { readonly rule: "fixed_probability"; readonly p: number; readonly autapses?: boolean }
  | { readonly rule: "fixed_indegree"; readonly indegree: number; readonly autapses?: boolean }
  | { readonly rule: "explicit"; readonly pairs: readonly (readonly [number, number])[] }
  /**
   * The WM2021 topology on grids (pre and post populations need the same grid): for each
   * presynaptic neuron, offsets (trunc(R·cos φ), trunc(R·sin φ)) with R exponential of mean
   * `mean_distance` (in grid cells) and φ uniform are drawn up to `candidates` times; repeats are
   * dropped (first kept) and the first `outdegree` offsets that land inside the grid and are not
   * (0, 0) become its targets, in draw order. Fewer than outdegree targets is allowed (documented).
   */
  | { readonly rule: "grid_distance"; readonly outdegree: number; readonly mean_distance: number; readonly candidates?: number };

export interface ExponentialSynapse {
  readonly kind: "exponential";
  readonly tau: number; // ms
}

/**
 * The astrocyte papers' synapse: I_post += g·S(V_pre)·(e_rev − V_post), S(V) = 1/(1 + exp(−V/k)),
 * recomputed every step from the new voltages (no state of its own). g is the projection's weight
 * (dimensionless, as in the authors' code). Presynaptic inputs (spike sources) have S = 1 in a
 * step where they spike, else 0. Delays must be 0.
 */
export interface SigmoidConductanceSynapse {
  readonly kind: "sigmoid_conductance";
  readonly e_rev: number; // mV (0 excitatory, −90 inhibitory in SAM2023)
  readonly k: number; // mV (WM2021: 0.2)
}

export type Synapse = ExponentialSynapse | SigmoidConductanceSynapse;

export interface Projection {
  readonly id: string;
  /** A population or input id. */
  readonly pre: string;
  /** A population id. */
  readonly post: string;
  readonly connect: Connectivity;
  /** Weight magnitude in the current unit; the sign comes from `sign`. `values` = one per synapse in connection order. */
  readonly weight: ValueSpec;
  /** Integer delay in time steps, ≥ 0. */
  readonly delay?: number | { readonly values: readonly number[] } | { readonly uniform: readonly [number, number] };
  readonly synapse: Synapse;
  /** Required for exponential synapses; conductance synapses take their sign from e_rev and need none. */
  readonly sign?: "excitatory" | "inhibitory";
  readonly seed?: number;
  /** Id of a rule in the network's `plasticity` section; absent = static weights. */
  readonly plasticity?: string;
}

/** Traceable variables: neurons (lif: v, i_syn; izhikevich: v, u, i_syn, glutamate) and astrocytes. */
export type NeuronVariable = "v" | "u" | "i_syn" | "glutamate";
export type AstrocyteVariable = "ca" | "h" | "ip3" | "gate" | "drive";
export type StateVariable = NeuronVariable | AstrocyteVariable;

export interface RecordSpec {
  /** A population id, an astrocyte population id (traces only), or an input id (spikes only). */
  readonly population: string;
  readonly spikes?: boolean;
  /** State variables to trace; which ones exist depends on the model (docs/ir.md). */
  readonly state?: readonly StateVariable[];
  /** Neuron indices to trace; default all. Spikes are recorded for all neurons. */
  readonly neurons?: readonly number[];
}

export interface RunSettings {
  readonly dt: number; // ms
  readonly duration: number; // ms
  readonly seed: number;
}

export interface Network {
  readonly format: typeof NETWORK_FORMAT;
  readonly name?: string;
  readonly description?: string;
  readonly run: RunSettings;
  readonly populations: readonly Population[];
  readonly inputs: readonly Input[];
  readonly projections: readonly Projection[];
  /** Currents injected straight into populations (pattern pulses, noise impulses). Default []. */
  readonly currents: readonly CurrentInput[];
  readonly astrocytes: readonly AstrocytePopulation[];
  readonly tripartite: readonly Tripartite[];
  /** Learning rules projections refer to (./plasticity-types.ts). Default []. */
  readonly plasticity: readonly PlasticityRule[];
  readonly record: readonly RecordSpec[];
}

/** A network that passed parsing, the schema and every semantic rule, with defaults filled. */
export type Checked = Stage<"checked", Network>;

export const LIF_DEFAULTS: Readonly<Partial<LifParams>> = { tau_ref: 0, bias: 0 };

/** Defaults filled by the loader; spike_threshold defaults to v_peak − 1. */
export const IZHIKEVICH_DEFAULTS = { v_peak: 30, input_clip: null } as const;

/** The variables a LIF population can trace; the loader rejects the others for LIF populations. */
export const LIF_VARIABLES = ["v", "i_syn"] as const;
export type LifVariable = (typeof LIF_VARIABLES)[number];
export const isLifVariable = (variable: StateVariable): variable is LifVariable => (LIF_VARIABLES as readonly string[]).includes(variable);

/**
 * The network IR, format "tripart.network/1". One name per concept: the schema
 * (schemas/network.schema.json), these types and docs/ir.md use the same field names.
 * Units: time in ms, voltage in mV, rates in Hz. Currents are in the "mV" current unit:
 * the current times the membrane resistance (R·I), i.e. the steady-state depolarisation it
 * would cause. A weight is the jump of the synaptic current per spike, in that unit.
 * Reserved top-level sections for later formats of version 1: "astrocytes", "tripartite",
 * "plasticity" (absent or empty in this version).
 */
import type { Stage } from "./stage.js";

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

export interface Population {
  readonly id: string;
  readonly model: "lif";
  readonly size: number;
  readonly params: LifParams;
  /** Initial membrane voltage (mV) and synaptic current (mV current unit). */
  readonly initial?: { readonly v?: ValueSpec; readonly i_syn?: ValueSpec };
}

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
  | { readonly rule: "explicit"; readonly pairs: readonly (readonly [number, number])[] };

export interface ExponentialSynapse {
  readonly kind: "exponential";
  readonly tau: number; // ms
}

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
  readonly synapse: ExponentialSynapse;
  readonly sign: "excitatory" | "inhibitory";
  readonly seed?: number;
}

export interface RecordSpec {
  /** A population id (or an input id for spikes only). */
  readonly population: string;
  readonly spikes?: boolean;
  /** State variables to trace: "v" (mV) and/or "i_syn" (current unit). */
  readonly state?: readonly ("v" | "i_syn")[];
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
  readonly record: readonly RecordSpec[];
}

/** A network that passed parsing, the schema and every semantic rule, with defaults filled. */
export type Checked = Stage<"checked", Network>;

export const LIF_DEFAULTS: Readonly<Partial<LifParams>> = { tau_ref: 0, bias: 0 };

/**
 * IR sections for astrocytes, tripartite couplings and injected currents (format
 * "tripart.network/1"). Units: concentrations in µM, rates in 1/s, fluxes in µM/s, durations and
 * periods in ms. The lr_1994 model keeps NEST's names and NEST's ms-based units so NEST users can
 * paste their parameter dictionaries. Equations, defaults and sources: docs/astrocytes.md.
 */
import type { Grid, ValueSpec } from "./types.js";

// ---------------------------------------------------------------------------------------------
// Injected currents

/**
 * Currents injected into a population, in the population's current unit (Izhikevich: the I of
 * dV/dt, mV/ms). Within one input a later segment or pulse overwrites an earlier one where they
 * overlap ("set", as the authors' code fills its arrays); different inputs add. Order of the sum
 * (bit-exact with WM2021): I = ((first current input + I_syn) + second) + third …
 * A time t maps to step round(t/dt); a window [start, stop) covers steps start_step … stop_step − 1.
 */
export type CurrentInput = CurrentSteps | CurrentPulses | CurrentImpulses;

/** Piecewise-constant currents: each segment sets one value per neuron (`values`) or one for all (`value`). */
export interface CurrentSteps {
  readonly id: string;
  readonly kind: "steps";
  readonly population: string;
  readonly segments: readonly {
    readonly start: number; // ms
    readonly stop: number; // ms
    readonly value?: number;
    readonly values?: readonly number[]; // one per neuron of the population
  }[];
}

/** Explicit rectangular pulses, columnar: pulse k drives neuron[k] with amplitude[k] from start[k] for duration[k]. */
export interface CurrentPulses {
  readonly id: string;
  readonly kind: "pulses";
  readonly population: string;
  readonly neuron: readonly number[];
  readonly start: readonly number[]; // ms
  readonly duration: readonly number[]; // ms
  readonly amplitude: readonly number[];
}

/**
 * Seeded noise impulses (the WM2021 background): per neuron `count` impulses; the first starts at
 * a draw of `first` (ms), each next one an exponential interval of mean `mean_interval` (ms)
 * later; each lasts `duration` ms with an amplitude drawn from `amplitude`.
 */
export interface CurrentImpulses {
  readonly id: string;
  readonly kind: "impulses";
  readonly population: string;
  readonly count: number;
  readonly first: ValueSpec; // ms
  readonly mean_interval: number; // ms
  readonly duration: number; // ms
  readonly amplitude: ValueSpec;
  readonly seed?: number;
}

// ---------------------------------------------------------------------------------------------
// Astrocyte models

/** Ullah et al. 2006 Li–Rinzel-type model as in the Gordleeva et al. 2021 code (models.md §2.5). */
export interface UllahParams {
  readonly c0: number; // µM, total Ca
  readonly c1: number; // ER/cytosol volume ratio
  readonly v1: number; // 1/s, IP3R flux
  readonly v2: number; // 1/s, ER leak
  readonly v3: number; // µM/s, SERCA max
  readonly v4: number; // µM/s, PLCδ max
  readonly v6: number; // µM/s, plasma-membrane influx max
  readonly k1: number; // 1/s, plasma-membrane efflux
  readonly k2: number; // µM
  readonly k3: number; // µM
  readonly k4: number; // µM
  readonly d1: number; // µM
  readonly d2: number; // µM
  readonly d3: number; // µM
  readonly d5: number; // µM
  readonly a2: number; // 1/(µM·s)
  readonly ip3_star: number; // µM, IP3 baseline
  readonly ip3_rate: number; // 1/s, IP3 relaxation rate (the code's Tr = 0.14)
  readonly alpha: number; // PLCδ Ca dependence
  /** Include J_in and J_out (plasma-membrane influx/efflux); default true. */
  readonly membrane_fluxes: boolean;
  /** Include the Ca-dependent PLCδ IP3 production; default true. */
  readonly plc_delta: boolean;
}

/** NEST astrocyte_lr_1994, parameter names and units exactly as NEST's (ms, µM). */
export interface Lr1994Params {
  readonly Ca_tot: number;
  readonly IP3_0: number;
  readonly Kd_IP3_1: number;
  readonly Kd_IP3_2: number;
  readonly Kd_act: number;
  readonly Kd_inh: number;
  readonly Km_SERCA: number;
  readonly ratio_ER_cyt: number;
  readonly delta_IP3: number; // µM per unit of summed spike weight
  readonly k_IP3R: number; // 1/(µM·ms)
  readonly rate_IP3R: number; // 1/ms
  readonly rate_L: number; // 1/ms
  readonly rate_SERCA: number; // µM/ms
  readonly tau_IP3: number; // ms
}

/**
 * The reduced, hardware-friendly astrocyte: a leaky-integrator cascade with a threshold.
 *   dIP3/dt = (ip3_rest − IP3)/tau_ip3 + drive
 *   dCa/dt  = (ca_rest − Ca)/tau_ca + gain·max(IP3 − ip3_threshold, 0)
 * h stays at 1. Fitted to a full model by the calibration pass (docs/astrocytes.md).
 */
export interface ReducedParams {
  readonly tau_ip3: number; // ms
  readonly tau_ca: number; // ms
  readonly ip3_rest: number; // µM
  readonly ca_rest: number; // µM
  readonly ip3_threshold: number; // µM
  readonly gain: number; // 1/s
}

export type AstrocyteModel =
  | { readonly model: "ullah2006"; readonly params: UllahParams }
  | { readonly model: "lr1994"; readonly params: Lr1994Params }
  | { readonly model: "reduced"; readonly params: ReducedParams };

// ---------------------------------------------------------------------------------------------
// Territories: which neurons each astrocyte senses and (through its gate) owns

export type Territory =
  /** Patch (ar, ac) covers neuron rows ar·stride[0] … +size[0]−1 and columns ac·stride[1] … +size[1]−1 (WM2021: 4×4, stride 3). Needs both grids. */
  | { readonly kind: "grid_patches"; readonly population: string; readonly size: readonly [number, number]; readonly stride: readonly [number, number] }
  /** neurons[a] = the neuron indices of astrocyte a. */
  | { readonly kind: "lists"; readonly population: string; readonly neurons: readonly (readonly number[])[] }
  /**
   * NEST-style pools: each neuron is paired, with probability p, with one astrocyte drawn from its
   * pool of pool_size astrocytes ("random": drawn without replacement per neuron; "block": the
   * astrocytes are split evenly over the neurons, in order).
   */
  | {
      readonly kind: "pool";
      readonly population: string;
      readonly pool_type: "random" | "block";
      readonly pool_size: number;
      readonly p: number;
      readonly seed?: number;
    };

/**
 * Which astrocyte's gate a neuron takes when several territories cover it: "last" (the last in
 * sweep order; WM2021's overwrite order), "first", or "max" (any covering gate that is on).
 */
export type GateOwner = "last" | "first" | "max";

/** How the astrocyte senses its territory; the drive enters dIP3/dt (µM/s) or jumps IP3. */
export type Sensing =
  /** WM2021: count of territory neurons with G ≥ threshold; count ≥ min_count opens a rectangular drive of `amplitude` µM/s for `duration` ms (retriggerable). */
  | { readonly kind: "glutamate_count"; readonly threshold: number; readonly min_count: number; readonly amplitude: number; readonly duration: number }
  /** AM2022: drive = gain·ΣG over the territory when ΣG ≥ min_sum, else 0 (µM/s). */
  | { readonly kind: "glutamate_sum"; readonly min_sum: number; readonly gain: number }
  /** NEST: IP3 += delta_ip3 · weight · (territory neurons that spiked this step). */
  | { readonly kind: "spike_jump"; readonly delta_ip3: number; readonly weight: number };

/**
 * The gliotransmission gate A ∈ {0, 1}: every check_period, if Ca > ca_threshold and some step in
 * the last `window` ms (inclusive: window/dt + 1 steps) had ≥ min_coincident territory neurons
 * spiking, A = 1 from this step for hold/dt + 1 steps; a new trigger extends it.
 */
export interface GateSpec {
  readonly ca_threshold: number; // µM
  readonly min_coincident: number; // default 1
  readonly window: number; // ms
  readonly check_period: number; // ms, a multiple of the astrocyte period
  readonly hold: number; // ms
}

/** Gap-junction diffusion: ΔX = Σ_neighbours (X_k − X), dCa += d_ca·ΔCa, dIP3 += d_ip3·ΔIP3. */
export interface Coupling {
  /** "grid": 4 nearest neighbours, no-flux borders, summed up, down, left, right. "pairs": an explicit undirected list. */
  readonly kind: "grid" | "pairs";
  readonly pairs?: readonly (readonly [number, number])[];
  readonly d_ca: number; // 1/s
  readonly d_ip3: number; // 1/s
  /** "gauss-seidel": in place in sweep order (WM2021); "jacobi": all from the previous step's values. Default "gauss-seidel". */
  readonly order: "gauss-seidel" | "jacobi";
}

export type AstrocytePopulation = AstrocyteModel & {
  readonly id: string;
  readonly size: number;
  readonly grid?: Grid;
  /** Update period in ms, a multiple of run.dt (default run.dt); the reference steps RK4 with it. */
  readonly period: number;
  readonly initial?: { readonly ca?: ValueSpec; readonly h?: ValueSpec; readonly ip3?: ValueSpec };
  readonly coupling?: Coupling;
  readonly territory: Territory;
  readonly owner: GateOwner; // default "last"
  readonly sensing?: Sensing;
  readonly gate?: GateSpec;
};

// ---------------------------------------------------------------------------------------------
// Tripartite couplings: what an astrocyte population does

/** Optional Ca grading: A is replaced by A·clamp((Ca − ca_low)/(ca_high − ca_low), 0, 1). */
export interface Grading {
  readonly ca_low: number; // µM
  readonly ca_high: number; // µM
}

/** Effects on synaptic efficacy g of the coupled projection's synapses. */
export type SynapseEffect =
  | { readonly kind: "additive"; readonly nu: number; readonly graded?: Grading } // g + ν·A
  | { readonly kind: "multiplicative"; readonly k: number; readonly graded?: Grading } // g·(1 + k·A)
  | { readonly kind: "suppressive"; readonly k: number; readonly graded?: Grading }; // g·(1 − k·A)

/** Effects on the neurons an astrocyte owns (its gate's owner map). */
export type NeuronEffect =
  /** NEST SIC: I += scale·ln(y) if y = (Ca − threshold)·1000 > 1, else 0 (independent of the gate). */
  | { readonly kind: "sic"; readonly scale: number; readonly threshold: number }
  /** I += amplitude while A = 1. */
  | { readonly kind: "current"; readonly amplitude: number };

/**
 * A coupling of an astrocyte population with a projection (synapse effect) or a population
 * (neuron effect). For synapse effects, `by` picks each synapse's astrocyte: the owner of its
 * postsynaptic neuron ("post", WM2021), of its presynaptic neuron ("pre"; pre must be the
 * territory's population), or a NEST-style pool draw per synapse ("pool").
 */
export type Tripartite =
  | {
      readonly id: string;
      readonly astrocytes: string;
      readonly projection: string;
      readonly by: "post" | "pre" | "pool";
      readonly pool?: { readonly pool_type: "random" | "block"; readonly pool_size: number; readonly p: number; readonly seed?: number };
      readonly effect: SynapseEffect;
    }
  | {
      readonly id: string;
      readonly astrocytes: string;
      readonly population: string;
      readonly effect: NeuronEffect;
    };

/** Default parameter sets, from the authors' code (WM2021) and NEST 3.6. */
export const ULLAH_WM2021: UllahParams = {
  c0: 2.0, c1: 0.185, v1: 6.0, v2: 0.11, v3: 2.2, v4: 0.3, v6: 0.2, k1: 0.5, k2: 1.0, k3: 0.1, k4: 1.1,
  d1: 0.13, d2: 1.049, d3: 0.9434, d5: 0.082, a2: 0.14, ip3_star: 0.16, ip3_rate: 0.14, alpha: 0.8,
  membrane_fluxes: true, plc_delta: true,
};
export const ULLAH_WM2021_INITIAL = { ca: 0.072495, h: 0.886314, ip3: 0.820204 } as const;

export const LR1994_NEST: Lr1994Params = {
  Ca_tot: 2.0, IP3_0: 0.16, Kd_IP3_1: 0.13, Kd_IP3_2: 0.9434, Kd_act: 0.08234, Kd_inh: 1.049, Km_SERCA: 0.1,
  ratio_ER_cyt: 0.185, delta_IP3: 5.0, k_IP3R: 0.0002, rate_IP3R: 0.006, rate_L: 0.00011, rate_SERCA: 0.0009, tau_IP3: 7142.0,
};
export const LR1994_NEST_INITIAL = { ca: 0.073, h: 0.793, ip3: 0.16 } as const;

/**
 * The glia-core hardware configuration, format "tripart.glia-config/1": what would be loaded onto
 * a glia-core chip, plus the symbol map and scales for dequantizing recordings. The emulator
 * reads this and nothing else. Integer semantics, step by step: docs/semantics-glia.md.
 *
 * Conventions. Every raw value is an integer held in a JS number (exact below 2^53). `>>` below
 * means the target's rounding of a right shift (semantics.rounding: half up for glia-core, i.e.
 * floor((x + 2^(s−1)) / 2^s); "floor" is the plain arithmetic shift). A constant "in Q.c" is
 * round(x·2^c) with c = semantics.constantFrac. Neurons, astrocytes and input lines have global
 * indices (neuron groups in population order, astrocyte groups in astrocyte-population order).
 */
import type { GliaSemantics, GliaCoreLimits } from "../targets/glia-types.js";
import type { HwRecordSpec, HwScale } from "./types.js";
import type { GliaLut } from "../models/glia-lut.js";
import type { HwLearning } from "./learning-config.js";

export const GLIA_CONFIG_FORMAT = "tripart.glia-config/1";

/** A function by table (definition and evaluation: models/glia-lut.ts). */
export type { GliaLut } from "../models/glia-lut.js";

/**
 * One Izhikevich population. V and U are raw in Q.frac (physical = raw / 2^frac); the input
 * current (I_syn, injected currents, neuron effects and their sum I) in Q.iFrac, chosen from the
 * current's own bound: in hardware the input accumulator is a separate adder, and the summed
 * current's bound (thousands of mV/ms) would otherwise cost V its fine bits.
 * Per step, with c = constantFrac, sat() = saturate to semantics.neuron.stateBits (signed; the
 * current register has the same width):
 *   reset: if V ≥ peak: V ← c_reset, U ← sat(U + d)
 *   I = min(sat(Σ currents), inputClip)                  (raw Q.iFrac; see GliaConfig.currents for the order)
 *   V ← sat(V + ((k004·(((V − vCentre)·(V − vCentre)) >> frac) + k5·V − kI·U) >> c)
 *           + ((kI·I) >> (c + iFrac − frac)) + k140)
 *       (I is aligned into V's format inside its own product with dt, once per step: one rounding,
 *       and kI·I < 2^(c + stateBits − 1) whatever frac − iFrac is)
 *       (the quadratic completed around vCentre = −62.5 mV, where k5 = 0: at rest 0.04·V², 5·V and
 *       140 nearly cancel, and k004's rounding error would be multiplied by 0.04·V² ≈ 144 mV/ms)
 *   U ← sat(U + ((ka·(((kb·V) >> c) − U)) >> c))         (new V)
 *   V ← min(V, peak) ; spiked = V > spikeThreshold ; atPeak = V == peak
 */
export interface GliaNeuronGroup {
  readonly population: string;
  readonly offset: number; // global index of neuron 0
  readonly size: number;
  readonly frac: number;
  readonly iFrac: number; // fractional bits of the input current (I_syn, currents, effects, inputClip)
  readonly vCentre: number; // Q.frac: vc, −62.5 mV
  readonly k004: number; // Q.c: dt·0.04
  readonly k5: number; // Q.c: dt·(5 + 0.08·vc)
  readonly k140: number; // Q.frac: dt·(140 − 0.04·vc²)
  readonly kI: number; // Q.c: dt
  readonly ka: number; // Q.c: dt·a
  readonly kb: number; // Q.c: b
  readonly cReset: number; // Q.frac
  readonly d: number; // Q.frac
  readonly peak: number; // Q.frac
  readonly spikeThreshold: number; // Q.frac
  readonly inputClip: number | null; // Q.iFrac
  readonly v0: Int32Array;
  readonly u0: Int32Array;
  /** G ← floor(G·(2^c − decay) / 2^c) + (release ? increment : 0), saturated to [0, 2^glutamate.bits − 1] (floored whatever the rounding, so G reaches 0); G, increment in Q.frac (µM), decay in Q.c (dt·rate). */
  readonly glutamate?: { readonly frac: number; readonly decay: number; readonly increment: number; readonly release: "at_peak" | "spiking" };
}

/**
 * Conductance synapses of one projection, CSR by presynaptic element. Event-driven: after all
 * neuron updates of a step, every presynaptic neuron with V ≥ lut.x0 (or an input line that
 * spiked: S = 2^sFrac) sends S = sigmoid(V) (raw Q.sFrac) along its row:
 *   w = clamp(weight[k] + ((delta[k]·A[astrocyte[k]]) >> gainBits), 0, 2^weightBits − 1)
 *       (A raw in Q.gainBits; astrocyte −1 or no delta: w = weight[k])
 *   acc[post] ← sat_acc(acc[post] + w·S)          (exact, saturated to accumulatorBits signed)
 * then for every postsynaptic neuron:  I_syn += (acc·(eRev − V)) >> (weightFrac + sFrac + frac − iFrac), acc ← 0,
 * (eRev − V in the post group's Q.frac, I_syn in its Q.iFrac; a negative shift is an exact left shift)
 * formed exactly (the product may exceed 2^53; docs/semantics-glia.md), summed over the
 * projections onto the population in config order starting from 0, saturated to stateBits.
 * A here is the gate factor of the astrocyte as it stood at the end of the previous step.
 */
export interface GliaProjection {
  readonly id: string;
  readonly pre: { readonly kind: "neurons" | "inputs"; readonly offset: number; readonly size: number };
  readonly postOffset: number; // global index of the post population's neuron 0
  readonly postSize: number;
  readonly eRev: number; // Q.frac of the post group
  readonly sigmoid: number; // index into GliaConfig.luts (−1 for input sources)
  readonly sFrac: number; // fractional bits of S: luts[sigmoid].frac, or of S = 1.0 for input lines
  readonly weightFrac: number;
  readonly rowStart: Int32Array;
  readonly post: Int32Array; // local index in the post population
  readonly weight: Int32Array; // Q.weightFrac
  readonly astrocyte: Int32Array; // global astrocyte index or −1 (empty when the projection is unmodulated)
  readonly delta: Int32Array; // Q.weightFrac, per synapse (empty when unmodulated)
}

/** Injected currents of one input as change points in raw units of the population's Q.iFrac. */
export interface GliaCurrent {
  readonly id: string;
  readonly populationOffset: number;
  readonly size: number;
  readonly step: Int32Array;
  readonly neuron: Int32Array; // local index
  readonly value: Int32Array;
}

/**
 * One astrocyte population. State Ca, h, IP3 raw in Q.frac. Updated in steps s with
 * (s + 1) % periodSteps == 0, in `sweep` order, by forward Euler with the constants below
 * (docs/semantics-glia.md gives each model's integer right-hand side). `constants` holds raw
 * model constants named as in that document; `luts` the model's tables by name.
 */
export interface GliaAstroGroup {
  readonly id: string;
  readonly model: "ullah2006" | "lr1994" | "reduced";
  readonly offset: number; // global index of astrocyte 0
  readonly size: number;
  readonly frac: number;
  readonly periodSteps: number;
  readonly constants: Readonly<Record<string, number>>;
  readonly luts: Readonly<Record<string, number>>; // name → index into GliaConfig.luts
  readonly ca0: Int32Array;
  readonly h0: Int32Array;
  readonly ip30: Int32Array;
  readonly sweep: Int32Array; // local indices
  readonly diffusion?: {
    readonly order: "gauss-seidel" | "jacobi";
    readonly dCa: number; // Q.c: d_ca · period (s)
    readonly dIp3: number; // Q.c
    readonly rowStart: Int32Array;
    readonly neighbour: Int32Array; // local indices, summation order
  };
  readonly territory: {
    readonly populationOffset: number;
    readonly rowStart: Int32Array;
    readonly neuron: Int32Array; // local neuron indices
    readonly ownerOf: Int32Array; // per neuron of the population: local astrocyte index or −1
    readonly ownerRule: "last" | "first" | "max";
  };
  /**
   * Sensing, evaluated in update steps (docs/semantics-glia.md §C.0, §C.1). G values and thresholds
   * are raw in the territory group's glutamate Q.frac; the drive is raw Q.frac of this group in
   * µM/s for every model; `gain` is Q.c; `jump` is raw Q.frac of IP3 per spiking neuron (summed
   * since the last update, added before the sweep).
   */
  readonly sensing?:
    | { readonly kind: "glutamate_count"; readonly threshold: number; readonly minCount: number; readonly amplitude: number; readonly durationSteps: number }
    | { readonly kind: "glutamate_sum"; readonly minSum: number; readonly gain: number }
    | { readonly kind: "spike_jump"; readonly jump: number };
  /** caThreshold raw Q.frac; checked in steps with (s + 1) % checkSteps == 0 (a multiple of periodSteps); A on for steps s … s + holdSteps. */
  readonly gate?: { readonly caThreshold: number; readonly minCoincident: number; readonly windowSteps: number; readonly checkSteps: number; readonly holdSteps: number };
  /**
   * Ca grading of the gate factor, raw Ca bounds; reciprocal = round(2^(c + gainBits) / (caHigh − caLow)):
   * A = gate · clamp(((Ca − caLow)·reciprocal) >> c, 0, 2^gainBits).
   */
  readonly grading?: { readonly caLow: number; readonly caHigh: number; readonly reciprocal: number };
}

/**
 * Astrocyte → neuron effects: current added to the owned neurons' input (Q.iFrac of the group),
 * after the currents and I_syn, in config order, from the owner's A and Ca at the end of the
 * previous step: "current": amplitude while the gate is on (ungraded); "sic": luts[sicLut](Ca) << (iFrac − table frac)
 * (table frac ≤ the group's iFrac, TP4022). Owner rule "max": the largest value over the astrocytes whose territory holds
 * the neuron, instead of territory.ownerOf's.
 */
export interface GliaNeuronEffect {
  readonly id: string;
  readonly astrocytes: number; // index into GliaConfig.astrocytes
  readonly populationOffset: number;
  readonly size: number;
  readonly kind: "sic" | "current";
  readonly amplitude: number; // "current": raw current while the gate is on
  readonly sicLut: number; // "sic": index into luts, Ca raw → current raw (−1 otherwise)
}

export interface GliaConfig {
  readonly format: typeof GLIA_CONFIG_FORMAT;
  readonly target: { readonly name: string; readonly version: string };
  readonly network: { readonly name: string; readonly hash: string };
  readonly semantics: GliaSemantics;
  readonly limits: GliaCoreLimits;
  readonly dtMs: number;
  readonly steps: number;
  readonly seed: number;
  readonly neurons: readonly GliaNeuronGroup[];
  readonly projections: readonly GliaProjection[];
  /** Summation order (WM2021): I = ((currents[0] + I_syn) + currents[1]) + … per population. */
  readonly currents: readonly GliaCurrent[];
  readonly astrocytes: readonly GliaAstroGroup[];
  readonly neuronEffects: readonly GliaNeuronEffect[];
  readonly luts: readonly GliaLut[];
  /** Spike sources (IR inputs): S = 1 in steps they spike. */
  readonly inputs: { readonly lineCount: number; readonly spikeSteps: Int32Array; readonly spikeLines: Int32Array; readonly symbols: readonly { readonly id: string; readonly offset: number; readonly size: number; readonly external: boolean }[] };
  readonly scales: readonly HwScale[];
  readonly record: readonly HwRecordSpec[];
  /**
   * On-chip learning (docs/semantics-learning.md; §7 for astrocyte modulation), absent when no
   * projection is plastic. A plastic synapse's synapseCore is its GliaConfig.projections index
   * and synapseIndex its CSR entry there; weights are unsigned (sign 1), mantissas of Q.weightFrac.
   */
  readonly learning?: HwLearning;
}

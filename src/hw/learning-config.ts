/**
 * The learning section of a hardware config (HwConfig.learning): the integer parameters of every
 * plastic projection and where its synapses live, so the emulator can run the learning engine
 * from the config alone (docs/semantics-learning.md). Units: traces in trace LSBs, Δw in
 * accumulator units (2^-fractionBits of a mantissa LSB), the modulator in Q.fractionBits.
 */
import type { Pairing, PlasticityRuleKind } from "../ir/plasticity-types.js";
import type { LearningSemantics } from "../targets/learning-types.js";

/** A spike source of a third factor: its symbol (input or population) and integer gain per spike. */
export interface HwModulatorSource {
  readonly symbol: string;
  readonly gain: number;
}

/** The factor m of astrocyte-gated learning, in integers. */
export interface HwLearningModulation {
  /** Index of the astrocyte group (GliaConfig.astrocytes). */
  readonly astrocytes: number;
  /** Per post neuron of the projection: the local index of its owning astrocyte, or −1 (m = closed). */
  readonly astrocyteOf: Int32Array;
  /** "gate": m = open while the owner's gate is on, else closed; "ca": the Ca ramp between caLow and caHigh. */
  readonly by: "gate" | "ca";
  /** m while open and closed, signed, in Q.modulator.fractionBits. */
  readonly open: number;
  readonly closed: number;
  /** "ca": the ramp's ends, raw Ca of the astrocyte group (its Q.frac); caHigh > caLow. */
  readonly caLow: number;
  readonly caHigh: number;
}

export interface HwPlasticProjection {
  readonly id: string; // the IR projection's id
  readonly rule: PlasticityRuleKind;
  readonly pairing: Pairing;
  readonly pre: string; // symbol id: a population or an input
  readonly post: string; // symbol id: a population
  /** −1 for inhibitory projections: learning moves the magnitude, the stored mantissa keeps this sign. */
  readonly sign: 1 | -1;
  /** Per synapse, in the projection's elaborated CSR order: pre and post element, and where it is stored. */
  readonly synapsePre: Int32Array;
  readonly synapsePost: Int32Array;
  readonly synapseCore: Int32Array;
  readonly synapseIndex: Int32Array; // index into that core's synapses arrays
  /** Added to a trace on a spike (all_to_all), or written into it (nearest pairings). */
  readonly traceImpulse: number;
  /** d of x ← x − round(x·d / 2^trace.decayBits), per step. */
  readonly traceDecayPre: number;
  readonly traceDecayPost: number;
  /** Δ per trace LSB, in accumulator units: potentiation +aPlus·x, depression −aMinus·y (times the bound factor). */
  readonly aPlus: number;
  readonly aMinus: number;
  /** 0: additive; 1: Δ·(max − |m|)/(max − min) and Δ·(|m| − min)/(max − min), integer division toward zero. */
  readonly muPlus: 0 | 1;
  readonly muMinus: 0 | 1;
  /** Bounds of the mantissa's magnitude. */
  readonly magnitudeMin: number;
  readonly magnitudeMax: number;
  /** reward_stdp, episode_stdp: eligibility decay d per epoch (0 = none), of width eligibility.decayBits. */
  readonly eligibilityDecay?: number;
  /** reward_stdp: modulator decay d per step, baseline b (Q.modulator.fractionBits per step) and the reward sources. */
  readonly reward?: { readonly decay: number; readonly baseline: number; readonly sources: readonly HwModulatorSource[] };
  /** episode_stdp: gate sources; a gate spike moves the accumulator by eligibility·gain / 2^modulator.fractionBits. */
  readonly gate?: { readonly sources: readonly HwModulatorSource[] };
  /**
   * Astrocyte-gated learning (glia-core, docs/semantics-learning.md §7): every STDP increment Δ of
   * a synapse becomes trunc(Δ·m / 2^modulator.fractionBits), m from the astrocyte owning its post
   * neuron as the astrocytes stood at the end of the previous step.
   */
  readonly modulation?: HwLearningModulation;
  /** Initial xorshift32 state of this projection's generator (nonzero). */
  readonly seed: number;
  /** Physical |w| (IR weight unit) of one mantissa LSB: for weight dumps. */
  readonly weightPerMantissa: number;
}

export interface HwLearning {
  readonly semantics: LearningSemantics;
  /** Weights are written at the end of steps t with (t + 1) % epoch === 0. */
  readonly epoch: number;
  readonly projections: readonly HwPlasticProjection[];
}

/**
 * What a target can hold, in the terms a user compares targets by, for both families. Only what
 * the semantics cannot say is stated in a target file's `capabilities` object (the neuron models
 * and synapse kinds it offers, and two lists the loader checks against the semantics); everything
 * else here is read off the semantics and limits, so no number exists twice.
 */
import type { Target } from "./types.js";
import { isGliaTarget, type AnyTarget, type GliaTarget } from "./glia-types.js";

export interface Capabilities {
  readonly family: "lif" | "glia-core";
  readonly neuronModels: readonly string[];
  readonly synapseKinds: readonly string[];
  readonly astrocyteModels: readonly string[];
  /** Effects of astrocytes: "synapse:additive", "neuron:sic", "graded", … (empty without astrocytes). */
  readonly astrocyteEffects: readonly string[];
  readonly plasticity: {
    readonly rules: readonly string[];
    readonly pairings: readonly string[];
    /** Gütig exponents μ of the weight bounds (0 additive, 1 multiplicative). */
    readonly boundExponents: readonly number[];
    readonly astrocyteGated: boolean;
    readonly maxEpochSteps?: number;
  };
  /** Largest synaptic delay in steps, on top of the spike latency (0: no delays). */
  readonly maxDelaySteps: number;
  readonly refractoryMaxSteps: number;
  /** Synaptic current registers (time constants) per neuron. */
  readonly currentChannels: number;
  readonly weight: {
    /** Bits of a weight's magnitude (LIF: mantissa; crossbar: ADC output). */
    readonly bits: number;
    readonly signed: boolean;
    /** LIF: the shared exponent range of a projection's weights. */
    readonly exponent?: { readonly min: number; readonly max: number };
    /** Bits of a weight that learning writes. */
    readonly plasticBits?: number;
    /** Weights held in memristive crossbar tiles rather than digital memory. */
    readonly crossbar?: { readonly tiles: number; readonly rows: number; readonly columns: number };
  };
  /** Widths of the state registers, by name. */
  readonly stateBits: Readonly<Record<string, number>>;
  readonly limits: {
    readonly coresPerChip: number;
    readonly neuronsPerCore: number;
    readonly synapsesPerCore: number;
    readonly maxFanIn: number;
    readonly maxFanOut: number;
    readonly astrocytesPerCore: number;
    readonly neuronsPerChip: number;
    /** The chip's tile mesh and the board's chips, where the target states them. */
    readonly mesh?: { readonly columns: number; readonly rows: number; readonly coresPerTile: number };
    readonly chips: number;
    /** A core's layout where the target states it (xylo-style); absent = no separate limit. */
    readonly inputLinesPerCore?: number;
    readonly hiddenNeuronsPerCore?: number;
    /** Synapses one source makes onto one neuron per current channel (1: dense matrices). */
    readonly synapsesPerPair?: number;
    readonly output?: { readonly neuronsPerCore: number; readonly currentChannels: number; readonly spikesPerStep: number };
  };
  readonly timeStep: { readonly fixedMs?: number; readonly minMs?: number; readonly maxMs?: number };
}

/** The capabilities of a target of either family, from its semantics, limits and `capabilities`. */
export function capabilitiesOf(target: AnyTarget): Capabilities {
  return isGliaTarget(target) ? gliaCapabilities(target) : lifCapabilities(target);
}

function plasticityOf(target: AnyTarget): Capabilities["plasticity"] {
  const learning = target.learning;
  if (learning === undefined) return { rules: [], pairings: [], boundExponents: [], astrocyteGated: false };
  return {
    rules: learning.rules,
    pairings: learning.pairings,
    boundExponents: learning.boundExponents,
    astrocyteGated: learning.astrocyteModulation,
    maxEpochSteps: learning.epoch.max,
  };
}

const traceBits = (target: AnyTarget): Record<string, number> => (target.learning !== undefined ? { "learning trace": target.learning.trace.bits } : {});

function lifCapabilities(target: Target): Capabilities {
  const n = target.neuron;
  const crossbar = target.crossbar;
  return {
    family: "lif",
    neuronModels: target.capabilities.models,
    synapseKinds: target.capabilities.synapses,
    astrocyteModels: [],
    astrocyteEffects: [],
    plasticity: plasticityOf(target),
    maxDelaySteps: n.maxDelay,
    refractoryMaxSteps: n.refractory.supported ? n.refractory.maxSteps : 0,
    currentChannels: n.currentChannels,
    weight: {
      // a crossbar's weight is the ADC's signed output: one bit of it is the sign
      bits: crossbar !== undefined ? crossbar.read.adcBits - 1 : n.weight.mantissaBits,
      signed: true,
      exponent: { min: n.weight.exponentMin, max: n.weight.exponentMax },
      ...(target.learning !== undefined ? { plasticBits: target.learning.weightBits } : {}),
      ...(crossbar !== undefined ? { crossbar: { tiles: crossbar.maxTiles, rows: crossbar.tile.rows, columns: crossbar.tile.columns } } : {}),
    },
    stateBits: { "current u": n.u.bits, "voltage v": n.v.bits, threshold: n.threshold.mantissaBits + n.threshold.shift, ...traceBits(target) },
    limits: { ...limitsOf(target, 0), ...layoutOf(target) },
    timeStep: target.timeStep,
  };
}

/** The optional layout limits of a LIF core, only those the target states. */
function layoutOf(target: Target): Partial<Capabilities["limits"]> {
  const { maxInputLines, maxHiddenNeurons, maxSynapsesPerPair, output } = target.layout ?? {};
  return {
    ...(maxInputLines !== undefined ? { inputLinesPerCore: maxInputLines } : {}),
    ...(maxHiddenNeurons !== undefined ? { hiddenNeuronsPerCore: maxHiddenNeurons } : {}),
    ...(maxSynapsesPerPair !== undefined ? { synapsesPerPair: maxSynapsesPerPair } : {}),
    ...(output !== undefined ? { output: { neuronsPerCore: output.maxNeurons, currentChannels: output.currentChannels, spikesPerStep: output.spikesPerStep } } : {}),
  };
}

/** Per-core and per-chip limits, the same fields in both families. */
function limitsOf(target: AnyTarget, astrocytesPerCore: number): Capabilities["limits"] {
  const { core, chip } = target;
  return {
    coresPerChip: chip.cores,
    neuronsPerCore: core.maxNeurons,
    synapsesPerCore: core.maxSynapses,
    maxFanIn: core.maxFanIn,
    maxFanOut: core.maxFanOut,
    astrocytesPerCore,
    neuronsPerChip: chip.cores * core.maxNeurons,
    ...("mesh" in chip && chip.mesh !== undefined ? { mesh: { ...chip.mesh } } : {}),
    chips: "board" in target && target.board !== undefined ? target.board.chips : 1,
  };
}

function gliaCapabilities(target: GliaTarget): Capabilities {
  const s = target.semantics;
  const hasAstrocytes = s.astrocyte.models.length > 0;
  const effects = [...s.effects.synapse.map((e) => `synapse:${e}`), ...s.effects.neuron.map((e) => `neuron:${e}`), ...(s.effects.graded ? ["graded"] : [])];
  return {
    family: "glia-core",
    neuronModels: target.capabilities.models,
    synapseKinds: target.capabilities.synapses,
    astrocyteModels: s.astrocyte.models,
    astrocyteEffects: hasAstrocytes ? effects : [],
    plasticity: plasticityOf(target),
    maxDelaySteps: s.synapse.maxDelay,
    refractoryMaxSteps: 0, // an Izhikevich unit resets instead of holding
    currentChannels: 1,
    weight: {
      bits: s.synapse.weightBits,
      signed: false, // a conductance; its sign is the reversal potential's
      ...(target.learning !== undefined ? { plasticBits: target.learning.weightBits } : {}),
    },
    stateBits: {
      "neuron V, U": s.neuron.stateBits,
      glutamate: s.glutamate.bits,
      "synaptic sum": s.synapse.accumulatorBits,
      ...(hasAstrocytes ? { "astrocyte Ca, h, IP3": s.astrocyte.stateBits } : {}),
      ...traceBits(target),
    },
    limits: limitsOf(target, hasAstrocytes ? target.core.maxAstrocytes : 0),
    timeStep: target.timeStep,
  };
}

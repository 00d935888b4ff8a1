/**
 * The branded stages of the glia-core pipeline: Elaborated → GliaDiscretized → GliaQuantized →
 * GliaPartitioned → GliaConfig. Each keeps its predecessor by reference under the same key
 * names as the LIF stages (elaborated, discretized, quantized), so the runner's dumps leave it out.
 * Global numbering: population p's neuron i is neuronOffset[p] + i, astrocyte population a's
 * astrocyte j is astrocyteOffset[a] + j, input k's element e is line lineBase[k] + e.
 */
import type { Stage } from "../../ir/stage.js";
import type { Elaborated } from "../../ir/elaborated.js";
import type { GliaAstroGroup, GliaCurrent, GliaLut, GliaNeuronEffect, GliaNeuronGroup, GliaProjection } from "../../hw/glia-config.js";
import type { ParameterReport } from "../stages.js";
import type { HwLearning } from "../../hw/learning-config.js";

// ---------------------------------------------------------------------------------------------
// discretize

export interface GliaDiscretizedNetwork {
  readonly elaborated: Elaborated;
  readonly dtMs: number;
  readonly steps: number;
  /** Per astrocyte population: its update period in s (periodSteps·dt). */
  readonly astrocytePeriodS: readonly number[];
  /** Per projection: the index of the synapse coupling that modulates it, or −1. */
  readonly modulatedBy: readonly number[];
}

export type GliaDiscretized = Stage<"glia-discretized", GliaDiscretizedNetwork>;

// ---------------------------------------------------------------------------------------------
// quantize

/** The fixed-point format chosen for a group of registers, and why. */
export interface FormatReport {
  readonly owner: string; // population or astrocyte population id
  readonly variables: string; // "v, u, i_syn", "glutamate", "ca, h, ip3"
  readonly bits: number;
  readonly frac: number;
  /** The largest magnitude the registers must hold (physical units) and what sets it. */
  readonly bound: number;
  readonly unit: string;
  readonly reason: string;
}

/** One table: its shape and its largest error against the exact function. */
export interface TableReport {
  readonly owner: string;
  readonly table: string;
  readonly entries: number;
  /** Entry placement; "octave" with 2^segmentBits entries per segment (0 for "uniform"). */
  readonly spacing: "uniform" | "octave";
  readonly segmentBits: number;
  readonly frac: number;
  /** Input domain in physical units. */
  readonly domain: readonly [number, number];
  readonly maxError: number;
  readonly unit: string;
}

/** Weight (and effect delta) quantization of one projection. */
export interface GliaWeightReport {
  readonly projection: string;
  readonly synapses: number;
  readonly weightFrac: number;
  readonly requestedMax: number;
  readonly realisedMax: number;
  /** Largest |realised − requested| over the synapses, in weight units. */
  readonly maxAbsError: number;
  readonly roundedToZero: number;
  /** Per-synapse astrocyte effect delta (additive ν, multiplicative g·k, suppressive −g·k). */
  readonly delta?: { readonly kind: string; readonly requestedMaxAbs: number; readonly maxAbsError: number; readonly roundedToZero: number };
}

/** Every parameter requested vs realised, the formats and why, weights and tables with their errors. */
export interface GliaQuantizationReport {
  readonly parameters: readonly ParameterReport[];
  readonly formats: readonly FormatReport[];
  readonly weights: readonly GliaWeightReport[];
  readonly tables: readonly TableReport[];
}

export interface GliaQuantizedNetwork {
  readonly discretized: GliaDiscretized;
  readonly neuronOffset: Int32Array; // populations + 1
  readonly astrocyteOffset: Int32Array; // astrocyte populations + 1
  readonly lineBase: Int32Array; // inputs + 1
  readonly neurons: readonly GliaNeuronGroup[];
  readonly projections: readonly GliaProjection[];
  readonly currents: readonly GliaCurrent[];
  readonly astrocytes: readonly GliaAstroGroup[];
  readonly neuronEffects: readonly GliaNeuronEffect[];
  readonly luts: readonly GliaLut[];
  /** Plastic projections lowered for the learning engine (glia/learning.ts); absent without plasticity. */
  readonly learning?: HwLearning;
  readonly report: GliaQuantizationReport;
}

export type GliaQuantized = Stage<"glia-quantized", GliaQuantizedNetwork>;

// ---------------------------------------------------------------------------------------------
// partition

export type GliaCoreResource = "neurons" | "synapses" | "astrocytes";

export interface GliaCoreUtilisation {
  readonly core: number;
  readonly neurons: { readonly used: number; readonly limit: number; readonly percent: number };
  readonly synapses: { readonly used: number; readonly limit: number; readonly percent: number };
  readonly astrocytes: { readonly used: number; readonly limit: number; readonly percent: number };
  /** The limit that closed this core's neurons, or "end" for the core that holds the last neuron. */
  readonly boundBy: GliaCoreResource | "end";
}

export interface GliaUtilisationReport {
  readonly chipCores: number;
  /** Cores of the whole system: glia-core targets are one chip, so chipCores. */
  readonly systemCores: number;
  readonly coresUsed: number;
  readonly cores: readonly GliaCoreUtilisation[];
  /** Astrocytes whose territory lies on more than one core, or not on their own core. */
  readonly splitTerritories: number;
}

export interface GliaPartitionedNetwork {
  readonly quantized: GliaQuantized;
  /** Core c holds global neurons coreStart[c] .. coreStart[c+1]−1 (cores without neurons hold only astrocytes). */
  readonly coreStart: Int32Array;
  readonly neuronCore: Int32Array;
  readonly astrocyteCore: Int32Array;
  readonly utilisation: GliaUtilisationReport;
}

export type GliaPartitioned = Stage<"glia-partitioned", GliaPartitionedNetwork>;

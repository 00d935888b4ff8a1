/**
 * The branded stage types between the passes: Elaborated → Discretized → Quantized →
 * Partitioned → Routed → HwConfig. Each stage keeps its predecessor by reference (never copies
 * or mutates its typed arrays) and adds only what its pass computed.
 * Global neuron numbering, used from partition on: population p's neuron i is
 * populationOffset[p] + i; input line numbering: input k's element j is lineBase[k] + j.
 */
import type { ChipMesh } from "../targets/types.js";
import type { Stage } from "../ir/stage.js";
import type { Elaborated } from "../ir/elaborated.js";
import type { LifParams } from "../ir/types.js";
import type { HwRoutes, HwSynapses, SynapseFormat } from "../hw/types.js";
import type { HwPlasticProjection } from "../hw/learning-config.js";
import type { LearningSemantics } from "../targets/learning-types.js";

// ---------------------------------------------------------------------------------------------
// discretize

export interface DiscretizedPopulation {
  readonly id: string;
  readonly index: number;
  readonly size: number;
  readonly params: LifParams;
  /** β = exp(-dt/τ_m). */
  readonly beta: number;
  /** R = round(tau_ref/dt): steps v is held after a spike. */
  readonly refractorySteps: number;
  /** The requested synaptic channels: distinct taus of incoming projections, first-appearance order. */
  readonly channelTausMs: readonly number[];
  /** α_k = exp(-dt/τ_k) per requested channel. */
  readonly channelAlphas: readonly number[];
}

export interface DiscretizedProjection {
  readonly id: string;
  readonly index: number;
  /** The requested channel of its post population that it feeds. */
  readonly channel: number;
  /**
   * Hardware delay = IR delay + delayOffset. The IR delivers a neuron spike at t + 1 + d and an
   * input spike at s + d; the hardware at t + latency + delay, so the offset is
   * 1 - latency.neuron for population sources and -latency.input for inputs.
   */
  readonly delayOffset: number;
}

export interface DiscretizedNetwork {
  readonly elaborated: Elaborated;
  readonly dtMs: number;
  readonly steps: number;
  readonly populations: readonly DiscretizedPopulation[];
  readonly projections: readonly DiscretizedProjection[];
}

export type Discretized = Stage<"discretized", DiscretizedNetwork>;

// ---------------------------------------------------------------------------------------------
// quantize

export interface QuantizedPopulation {
  readonly id: string;
  readonly index: number;
  readonly size: number;
  /** s_v: hardware voltage units per mV; hardware v = (v - v_reset)·s_v. */
  readonly voltageScale: number;
  /** (dv_eff/2^bits)·s_v: hardware current units per current unit (mV of R·I). */
  readonly currentScale: number;
  /** Taus of the hardware channels in use (after any merge), ms. */
  readonly channelTausMs: readonly number[];
  /** Requested channel k feeds hardware channel hardwareChannelOf[k]. */
  readonly hardwareChannelOf: readonly number[];
  /** Per requested channel: weights are multiplied by τ_requested/τ_kept (1 when not merged). */
  readonly chargeScaleOf: readonly number[];
  /** Per hardware channel: weights are multiplied by this too (same-step input: 1/f, see quantize). */
  readonly inputGainOf: readonly number[];
  /** du per hardware channel of the target (unused channels: 0). */
  readonly du: readonly number[];
  readonly dv: number;
  readonly vthMant: number;
  readonly biasMant: number;
  readonly biasExp: number;
  readonly refractory: number;
  /** Initial u per neuron and hardware channel: u0[i * channels + k]. */
  readonly u0: Int32Array;
  readonly v0: Int32Array;
}

export interface QuantizedProjection {
  readonly id: string;
  readonly index: number;
  /** Format of every synapse of the projection (its channel is the hardware channel). */
  readonly format: SynapseFormat;
  /** One mantissa per synapse, parallel to the elaborated CSR arrays. */
  readonly mantissa: Int32Array;
  /** τ_requested/τ_kept when its channel was merged, else 1. */
  readonly chargeScale: number;
}

/** One parameter as requested in the IR and as the hardware realises it. */
export interface ParameterReport {
  readonly owner: string; // population id
  readonly parameter: string; // "tau_m", "tau_syn[5]", "v_thresh", "drive", "tau_ref"
  readonly unit: string;
  readonly requested: number;
  readonly realised: number;
  /** |realised - requested| / |requested|; 0 when both are 0, Infinity when only requested is 0. */
  readonly relativeError: number;
  /** JSON pointer into the network file. */
  readonly path: string;
}

/** Weight quantization of one projection. */
export interface WeightReport {
  readonly projection: string;
  readonly synapses: number;
  readonly exponent: number;
  readonly channel: number;
  readonly chargeScale: number;
  /** Largest |w| requested (after any merge scaling) and realised, current unit. */
  readonly requestedMaxAbs: number;
  readonly realisedMaxAbs: number;
  /** Over nonzero requested weights: largest and mean relative error of the realised weight. */
  readonly maxRelativeError: number;
  readonly meanRelativeError: number;
  readonly roundedToZero: number;
  readonly clipped: number;
}

export interface ScaleReport {
  readonly population: string;
  readonly voltageScale: number;
  readonly currentScale: number;
}

/** Every parameter requested vs realised, per projection weight statistics, and the scales. */
export interface QuantizationReport {
  readonly parameters: readonly ParameterReport[];
  readonly weights: readonly WeightReport[];
  readonly scales: readonly ScaleReport[];
  /** Precision "static" or "profile", or an error budget: bounds, scales and weight bits chosen (docs/precision.md). */
  readonly precision?: PrecisionReport;
}

export interface QuantizedNetwork {
  readonly discretized: Discretized;
  readonly populations: readonly QuantizedPopulation[];
  readonly projections: readonly QuantizedProjection[];
  readonly report: QuantizationReport;
  /** Added by lower-plasticity when the network learns: everything of HwConfig.learning but placement. */
  readonly learning?: LoweredLearning;
}

// ---------------------------------------------------------------------------------------------
// lower-plasticity (a Quantized stage with `learning` added)

/** A plastic projection's integer parameters; emit adds where its synapses landed. */
export type LoweredPlasticProjection = Omit<HwPlasticProjection, "synapseCore" | "synapseIndex"> & {
  /** The elaborated projection's index. */
  readonly index: number;
};

export interface LoweredLearning {
  readonly semantics: LearningSemantics;
  readonly epoch: number;
  readonly projections: readonly LoweredPlasticProjection[];
}

export type Quantized = Stage<"quantized", QuantizedNetwork>;

// ---------------------------------------------------------------------------------------------
// partition

/** Per-core resources, named as in the target's CoreLimits. */
export type CoreResource = "neurons" | "synapses" | "inputAxons" | "outputAxons";

export const CORE_RESOURCES: readonly CoreResource[] = ["neurons", "synapses", "inputAxons", "outputAxons"];

export interface Usage {
  readonly used: number;
  readonly limit: number;
  readonly percent: number;
}

export interface CoreUtilisation {
  readonly core: number;
  /** The populations (or parts) on this core: neurons [first, first + count) of each. */
  readonly populations: readonly { readonly id: string; readonly first: number; readonly count: number }[];
  readonly neurons: Usage;
  readonly synapses: Usage;
  readonly inputAxons: Usage;
  readonly outputAxons: Usage;
  /**
   * Contiguous placement: the limit that closed this core, or "end" for the core that holds the
   * last neuron. Traffic placement: the resource this core uses the largest share of.
   */
  readonly boundBy: CoreResource | "end";
  /** Where the core sits (targets/mesh.ts): its system slot, chip and tile coordinates. */
  readonly position: CorePosition;
  /** Predicted messages per second this core's neurons send to other cores, and receive from them. */
  readonly messagesOut: number;
  readonly messagesIn: number;
}

export interface CorePosition {
  readonly slot: number;
  readonly chip: number;
  readonly x: number;
  readonly y: number;
}

/** How neurons were given cores: in IR order ("contiguous") or by predicted traffic ("traffic"). */
export type PartitionStrategy = "contiguous" | "traffic";

/** Spike messages between cores predicted from per-neuron rates, over a placement. */
export interface TrafficSummary {
  /** Messages per second that leave their core (one per spike and destination core). */
  readonly interCore: number;
  /** Of those, messages per second that cross to another chip. */
  readonly interChip: number;
  /** Σ messages/s × router hops, and Σ messages/s × chip links crossed. */
  readonly hopTraffic: number;
  readonly linkTraffic: number;
  /** hopTraffic / interCore (0 without inter-core traffic). */
  readonly meanHops: number;
}

/** One line of a core's routing table: the cores its neurons' spikes go to. */
export interface RoutingEntry {
  readonly from: number;
  readonly to: number;
  /** Router hops and chip-to-chip links on the dimension-order path (0 for the core itself). */
  readonly hops: number;
  readonly links: number;
  /** Neurons of `from` with at least one synapse on `to`, and their predicted messages per second. */
  readonly sources: number;
  readonly messagesPerSecond: number;
}

export interface TrafficReport {
  /** Where the per-neuron rates came from: measured per population, or 1 spike/s assumed. */
  readonly rates: "measured" | "assumed";
  readonly placed: TrafficSummary;
  /** The same network placed contiguously, for comparison (traffic strategy only). */
  readonly contiguous?: TrafficSummary;
  readonly routing: readonly RoutingEntry[];
}

export interface UtilisationReport {
  readonly chipCores: number;
  readonly coresUsed: number;
  /** The neuron limit in force (the target's, or the smaller maxNeuronsPerCore option). */
  readonly neuronsPerCore: number;
  readonly cores: readonly CoreUtilisation[];
  /** How many cores each resource closed (traffic placement: bound most). */
  readonly boundCounts: Readonly<Record<CoreResource | "end", number>>;
  /** The placement used: "traffic" only when it costs the routers less than IR order. */
  readonly strategy: PartitionStrategy;
  /** The placement asked for (option partitioner or the target's default). */
  readonly requested: PartitionStrategy;
  /** Cores of the whole system (all chips) and chips used. */
  readonly systemCores: number;
  readonly chipsUsed: number;
  /** The chip's tile mesh (a single row of one-core tiles when the target states none). */
  readonly mesh: ChipMesh;
  readonly traffic: TrafficReport;
}

export interface PartitionedNetwork {
  readonly quantized: Quantized;
  readonly neuronCount: number;
  /** populationOffset[p] = global index of population p's neuron 0; length populations + 1. */
  readonly populationOffset: Int32Array;
  /** lineBase[k] = first line of input k; length inputs + 1 (last = line count). */
  readonly lineBase: Int32Array;
  /**
   * Compartments in core order: core c holds compartments coreStart[c] .. coreStart[c+1]-1;
   * length cores + 1. Compartment k is global neuron compartmentNeuron[k] (the identity when
   * placement is contiguous); within a core, neurons keep their global order.
   */
  readonly coreStart: Int32Array;
  readonly compartmentNeuron: Int32Array;
  /** Core of each global neuron, and its compartment index within that core. */
  readonly neuronCore: Int32Array;
  readonly neuronLocal: Int32Array;
  /** Per global neuron: synapses onto it, distinct presynaptic sources, distinct destination cores. */
  readonly fanIn: Int32Array;
  readonly sourcesIn: Int32Array;
  readonly destinationCores: Int32Array;
  readonly utilisation: UtilisationReport;
}

export type Partitioned = Stage<"partitioned", PartitionedNetwork>;

// ---------------------------------------------------------------------------------------------
// route

export interface RoutedCore {
  readonly index: number;
  readonly formats: readonly SynapseFormat[];
  readonly synapses: HwSynapses;
}

export interface RoutedNetwork {
  readonly partitioned: Partitioned;
  readonly cores: readonly RoutedCore[];
  /** Sources: compartments 0..N-1 in core order (compartmentNeuron maps them to global neurons), then input lines. */
  readonly routes: HwRoutes;
}

export type Routed = Stage<"routed", RoutedNetwork>;

// ---------------------------------------------------------------------------------------------
// quantize: precision modes and error budget (docs/precision.md)

/** One state register of a population: the range it must hold and the register's own range, hardware units. */
export interface RegisterRange {
  /** "u[h]" (hardware current channel h) or "v" (before the threshold and reset). */
  readonly variable: string;
  /** "static" (worst-case bound) or "profile" (measured range × margin). */
  readonly source: "static" | "profile";
  /** The range the register must hold; ±Infinity when no scale bounds it (no decay). */
  readonly lowest: number;
  readonly highest: number;
  readonly registerMin: number;
  readonly registerMax: number;
  /** floor(log2(limit / bound)) on the tighter side: bits to spare, negative when bits short. */
  readonly spareBits: number;
}

export interface PopulationPrecision {
  readonly population: string;
  /** v.max / threshold: the headroom chosen (the default mode keeps the `headroom` option). */
  readonly headroom: number;
  readonly thresholdMantissa: number;
  /** Every register fits its range at the chosen scale. */
  readonly fits: boolean;
  readonly registers: readonly RegisterRange[];
}

/** An error budget's choice for one projection: the fewest weight bits whose relative RMS error meets it. */
export interface WeightBitsChoice {
  readonly projection: string;
  readonly fullBits: number;
  readonly bits: number;
  /** Relative RMS weight error: the uniform-rounding estimate Δ/√12/rms(w) and the exact one, at `bits`. */
  readonly predicted: number;
  readonly achieved: number;
  readonly meets: boolean;
}

export interface PrecisionReport {
  readonly mode: "headroom" | "static" | "profile";
  /** Absent in the "headroom" mode (only an error budget asked for this report). */
  readonly populations?: readonly PopulationPrecision[];
  readonly errorBudget?: number;
  /** Static projections under an error budget. */
  readonly weightBits?: readonly WeightBitsChoice[];
}

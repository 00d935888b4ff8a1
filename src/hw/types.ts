/**
 * The hardware configuration, format "tripart.hwconfig/1": what would be loaded onto the chip,
 * plus the symbol map and scales that let any recording in hardware units be dequantized.
 * Binary form: schemas/hwconfig.proto (config.pb); readable twin: config.json.
 * The emulator reads this and nothing else.
 */
import type { Board, ChipMesh, CoreLimits, LifSemantics } from "../targets/types.js";
import type { StateVariable } from "../ir/types.js";
import type { HwLearning } from "./learning-config.js";

export const HWCONFIG_FORMAT = "tripart.hwconfig/1";

/** A synapse format (Loihi "synapse config"): how stored mantissas become effective weights. */
export interface SynapseFormat {
  readonly signMode: "excitatory" | "inhibitory" | "mixed";
  readonly weightBits: number; // ≤ semantics.weight.mantissaBits; mixed mode loses one more bit
  readonly exponent: number; // weight exponent of this format
  readonly channel: number; // which current register of the target compartment it feeds
}

/** Compartment parameters, one entry per compartment of the core (structure of arrays). */
export interface HwCompartments {
  readonly count: number;
  readonly du: Int32Array; // per channel: du[c * channels + k]
  readonly dv: Int32Array;
  readonly vthMant: Int32Array;
  readonly biasMant: Int32Array;
  readonly biasExp: Int32Array;
  readonly refractory: Int32Array; // steps v is held after the spike step
  readonly u0: Int32Array; // per channel, like du
  readonly v0: Int32Array;
}

/** Synapses of one core in CSR by input axon. */
export interface HwSynapses {
  readonly axonCount: number;
  readonly rowStart: Int32Array; // axonCount + 1
  readonly target: Int32Array; // local compartment index
  readonly mantissa: Int32Array;
  readonly format: Uint8Array; // index into core.formats
  readonly delay: Uint8Array; // steps, before the semantics' latency is added
}

export interface HwCore {
  readonly index: number;
  readonly compartments: HwCompartments;
  readonly formats: readonly SynapseFormat[];
  readonly synapses: HwSynapses;
}

/**
 * Where the spikes of each source go. Sources are numbered: all compartments in core order
 * (core 0 local 0.., then core 1 ..), then the input lines. CSR over sources of (core, axon).
 */
export interface HwRoutes {
  readonly sourceCount: number;
  readonly rowStart: Int32Array;
  readonly core: Int32Array;
  readonly axon: Int32Array;
}

/** Input lines: spike generators whose spikes the host sends (explicit, per step). */
export interface HwInputs {
  readonly lineCount: number;
  readonly spikeSteps: Int32Array; // sorted by step
  readonly spikeLines: Int32Array;
}

/** One IR population or input and where its elements live. */
export interface HwSymbol {
  readonly id: string;
  readonly kind: "population" | "input";
  readonly size: number;
  /** Populations: core and local compartment per neuron. Inputs: line per element (core = -1). */
  readonly core: Int32Array;
  readonly local: Int32Array;
  /** Inputs: "external" lines are fed by a host program step by step. */
  readonly external?: boolean;
}

/** Physical value = offset + raw / scale, per population and variable. */
export interface HwScale {
  readonly population: string;
  readonly variable: StateVariable;
  readonly unit: string;
  readonly scale: number;
  readonly offset: number;
}

export interface HwRecordSpec {
  readonly population: string;
  readonly spikes: boolean;
  readonly state: readonly StateVariable[];
  readonly neurons: Int32Array;
}

export interface HwConfig {
  readonly format: typeof HWCONFIG_FORMAT;
  readonly target: { readonly name: string; readonly version: string };
  readonly network: { readonly name: string; readonly hash: string };
  readonly semantics: LifSemantics;
  readonly dtMs: number;
  readonly steps: number;
  readonly seed: number;
  readonly cores: readonly HwCore[];
  readonly routes: HwRoutes;
  readonly inputs: HwInputs;
  readonly symbols: readonly HwSymbol[];
  readonly scales: readonly HwScale[];
  readonly record: readonly HwRecordSpec[];
  /** The per-core limits of the target it was compiled for (for inspection; optional). */
  readonly limits?: CoreLimits;
  /** On-chip learning: present when the network has plastic projections (./learning-config.ts). */
  readonly learning?: HwLearning;
  readonly crossbar?: import("./crossbar-config.js").HwCrossbar; // weights in memristor crossbars (./crossbar-config.ts)
  /** Where each core sits; present when the target states a mesh or a board. */
  readonly placement?: HwPlacement;
}

/**
 * The machine the config was placed on and each core's slot in it; slots are numbered as in
 * src/targets/mesh.ts (systemLayout gives tile coordinates, hops and chip links from these).
 */
export interface HwPlacement {
  readonly chipCores: number;
  readonly mesh?: ChipMesh;
  readonly board?: Board;
  /** System slot of each core, one per entry of `cores`. */
  readonly slot: Int32Array;
}

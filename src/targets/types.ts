/**
 * A hardware target, format "tripart.target/1" (schemas/target.schema.json). Everything the
 * compiler and the emulator need to know about a chip is data here; the emulator reads the
 * `neuron` semantics from the emitted config, which copies them from the target.
 */
import type { LearningSemantics } from "./learning-types.js";
import type { CrossbarSemantics } from "./crossbar-types.js";
import type { EnergyTable } from "./energy-types.js";

export const TARGET_FORMAT = "tripart.target/1";

/**
 * How a value that leaves [min, max] is brought back: wrapped modulo m = max - min + 1 ("wrap"),
 * shifted by m once ("wrap-once": Lava's single correction, which leaves a value beyond
 * min - m or max + m out of range), clamped ("saturate"), or left alone ("none").
 */
export type OverflowMode = "wrap" | "wrap-once" | "saturate" | "none";

/** A state register: its representable range and what happens outside it. */
export interface Register {
  readonly bits: number;
  readonly min: number;
  readonly max: number;
  readonly overflow: OverflowMode;
}

/** How a register decays per step: by a multiplication, or by a right shift (docs/semantics-integer.md §8). */
export type DecayForm = "multiply" | "shift";

/** Rounding of a scaled product: toward zero on the magnitude (sign-magnitude), or floor. */
export type Rounding = "toward-zero" | "floor" | "half-away";

export interface CoreLimits {
  readonly maxNeurons: number; // compartments per core
  readonly maxSynapses: number; // synapse entries per core
  readonly maxFanIn: number; // synapses onto one neuron
  readonly maxFanOut: number; // routes (core, axon) out of one neuron
  readonly maxInputAxons: number; // distinct presynaptic sources per core
  readonly maxOutputAxons: number; // distinct (core) destinations per core's neurons
}

/**
 * How one core's compartments and inputs are laid out beyond the totals of CoreLimits (Xylo: 16
 * input lines, 1000 hidden and 8 output neurons, dense matrices); every field optional, absent =
 * no such limit. A section of its own, not part of `core`, because emit copies `core` into every
 * config. A population is an output population when neurons feed it, no input line feeds it and it
 * feeds no population (`outputPopulations` in src/passes/layout-rules.ts).
 */
export interface CoreLayout {
  readonly maxInputLines?: number; // input lines (external channels) one core receives
  readonly maxHiddenNeurons?: number; // compartments for neurons outside output populations
  readonly maxSynapsesPerPair?: number; // per (source, compartment, current channel); 1 = dense matrices
  readonly output?: {
    readonly maxNeurons: number; // per core
    readonly currentChannels: number; // synaptic current channels of one output neuron
    readonly spikesPerStep: number; // most spikes one output neuron emits in a step
  };
}

/** Integer semantics of the CUBA LIF compartment, exactly as the emulator computes them. */
export interface LifSemantics {
  readonly u: Register; // synaptic current
  readonly v: Register; // membrane voltage
  readonly decay: {
    /**
     * "multiply" (absent): x·(2^bits - d_eff)/2^bits rounded per `rounding`. "shift" (Xylo):
     * x - (x >> d), at least 1 toward zero when the shift gives 0; du and dv are then the shifts
     * ("dash"), `rounding` and the offsets play no part.
     */
    readonly form?: DecayForm;
    readonly bits: number; // 12: factor (2^bits - d_eff) / 2^bits
    readonly rounding: Rounding; // of the decayed magnitude
    readonly currentOffset: number; // d_eff = du + offset (Lava: 1)
    readonly voltageOffset: number;
    readonly maxCurrent: number; // largest du the register holds
    readonly maxVoltage: number;
  };
  readonly threshold: {
    readonly mantissaBits: number; // unsigned
    readonly shift: number; // vth = mant << shift
    readonly compare: ">" | ">=";
  };
  /** "zero": v = 0 after a spike. "subtract": v -= vth per spike, up to `spikesPerStep` spikes a step. */
  readonly reset: "zero" | "subtract";
  /** Most spikes one compartment emits in a step (absent = 1); more than 1 needs reset "subtract". */
  readonly spikesPerStep?: number;
  /**
   * "next-step" (absent): u = D(u) + input, a weight starts decaying in the step after it arrives.
   * "same-step" (Xylo): u = D(u + input), the weight delivered in a step is decayed in that step.
   */
  readonly inputTiming?: "next-step" | "same-step";
  readonly refractory: { readonly supported: boolean; readonly maxSteps: number };
  readonly bias: {
    readonly mantissaMin: number;
    readonly mantissaMax: number;
    readonly exponentMax: number; // bias = mant << exp (exp 0..max)
  };
  readonly weight: {
    readonly mantissaBits: number; // 8
    readonly exponentMin: number;
    readonly exponentMax: number;
    readonly shift: number; // 6: w_eff = round(mant * 2^(shift + exp))
    readonly rounding: Rounding; // of the scaled weight to a multiple of 2^shift
    readonly clip: number; // |w_eff| ≤ clip
  };
  /** Steps between a spike and its arrival, added to the synapse delay. */
  readonly latency: { readonly neuron: number; readonly input: number };
  readonly maxDelay: number;
  /** "decay": u(-1), v(-1) are decayed at step 0 (Lava). "carry": initial u enters step 0 undecayed (Brian2Loihi). */
  readonly initialCurrent: "decay" | "carry";
  /** Independent synaptic current registers (time constants) per compartment. */
  readonly currentChannels: number;
}

/**
 * How the cores of a chip sit on its network-on-chip: `columns × rows` tiles, each with one
 * router and `coresPerTile` cores; a spike crosses one hop per tile boundary, routed first along
 * the row, then along the column (dimension order). columns · rows · coresPerTile = chip.cores.
 */
export interface ChipMesh {
  readonly columns: number;
  readonly rows: number;
  readonly coresPerTile: number;
}

/** Chips on a board, `columns × rows`, neighbours joined by one link each way (dimension-order routing). */
export interface Board {
  readonly chips: number;
  readonly columns: number;
  readonly rows: number;
}

export interface Target {
  readonly format: typeof TARGET_FORMAT;
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly sources: readonly string[]; // citations of the public documentation followed
  readonly timeStep: { readonly fixedMs?: number; readonly minMs?: number; readonly maxMs?: number };
  readonly chip: { readonly cores: number; readonly mesh?: ChipMesh };
  /** Several chips joined by links (docs/targets.md, "Boards"); absent = one chip. */
  readonly board?: Board;
  readonly core: CoreLimits;
  readonly neuron: LifSemantics;
  /** A core's layout limits (input lines, hidden and output neurons); absent = none (docs/targets.md). */
  readonly layout?: CoreLayout;
  /** On-chip learning; absent = the target learns nothing (plastic projections are refused). */
  readonly learning?: LearningSemantics;
  /** Weights held in a memristive crossbar instead of synapse memory; absent = digital synapses. */
  readonly crossbar?: CrossbarSemantics;
  /** Energy and time per operation with citations (docs/energy.md); absent = no estimate. */
  readonly energy?: EnergyTable;
  readonly capabilities: {
    readonly models: readonly string[];
    readonly synapses: readonly string[];
    readonly astrocytes: boolean;
    readonly plasticity: readonly string[];
  };
}

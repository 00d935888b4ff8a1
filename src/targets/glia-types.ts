/**
 * The glia-core target family: Tripart's documented reference design of a digital neuromorphic
 * core with native astrocyte units (targets/glia-core.json, docs/targets.md "glia-core").
 * Izhikevich neuron units, event-driven sigmoid-conductance synapses, glutamate traces, and
 * astrocyte units with fixed-point Ca, h and IP3, look-up tables for the Hill functions, the gate
 * logic, and effects applied to the synaptic input of the territory.
 * All arithmetic is on integers; a product of two raw values is formed exactly and then shifted
 * right with the stated rounding (glia-core: half up). The emulator (src/emulator/glia*.ts) implements this and the
 * scalar interpreter is its plain definition.
 */
import type { EnergyTable } from "./energy-types.js";
import type { Target } from "./types.js";
import type { LearningSemantics } from "./learning-types.js";

export const GLIA_FAMILY = "glia-core";

/**
 * Rounding of a right shift by s: "floor" (an arithmetic shift) or "half-up" (2^(s−1) added before
 * the shift: round to nearest, ties upward). Its own type: LIF targets (types.ts Rounding) take neither.
 */
export type GliaRounding = "floor" | "half-up";

export interface GliaCoreLimits {
  readonly maxNeurons: number; // neuron units per core
  readonly maxSynapses: number; // synapse entries per core
  readonly maxFanIn: number;
  readonly maxFanOut: number;
  readonly maxAstrocytes: number; // astrocyte units per core
  readonly maxTerritory: number; // neurons one astrocyte senses
  readonly maxNeighbours: number; // gap-junction partners per astrocyte
}

export interface GliaSemantics {
  /** Right shift of products (glia-core: "half-up"; the glutamate decay floors either way, docs/semantics-glia.md §A.7). */
  readonly rounding: GliaRounding;
  /** Fractional bits of every multiplier constant (κ·0.04, decay factors, rates · dt …). */
  readonly constantFrac: number;
  readonly neuron: {
    readonly models: readonly ("izhikevich")[];
    readonly stateBits: number; // signed width of V and U (one format Q.frac) and of the input current register (its own Q.iFrac)
    readonly overflow: "saturate";
  };
  readonly glutamate: { readonly bits: number }; // unsigned G register
  readonly synapse: {
    readonly weightBits: number; // unsigned conductance mantissa
    readonly accumulatorBits: number; // Σ g·S per postsynaptic neuron
    /** S(V) by table: `entries` points over [x0, −x0] (x0: where S drops below half an LSB), clamped above. */
    readonly sigmoid: { readonly entries: number; readonly bits: number; readonly interpolation: "linear" | "nearest" };
    readonly maxDelay: number; // 0: conductance synapses have no delay
  };
  readonly astrocyte: {
    readonly models: readonly ("ullah2006" | "lr1994" | "reduced")[];
    readonly stateBits: number; // Ca, h, IP3: signed, saturating; ≤ 32 (products beyond 2^53 go through mulShr)
    readonly integrator: "euler"; // forward Euler at the astrocyte period
    readonly minPeriodSteps: number;
    /**
     * Astrocyte and SIC tables: at most `entries` points each, in any of the offered `spacing`s
     * ("uniform", or "octave": segments by the input's leading-one position, docs/semantics-glia.md §Tables).
     */
    readonly lut: { readonly entries: number; readonly bits: number; readonly interpolation: "linear" | "nearest"; readonly spacing: readonly ("uniform" | "octave")[] };
    readonly diffusion: readonly ("gauss-seidel" | "jacobi")[];
    readonly sensing: readonly ("glutamate_count" | "glutamate_sum" | "spike_jump")[];
    readonly maxHoldSteps: number;
    readonly maxWindowSteps: number;
  };
  readonly effects: {
    readonly synapse: readonly ("additive" | "multiplicative" | "suppressive")[];
    readonly graded: boolean;
    readonly neuron: readonly ("sic" | "current")[];
    readonly gainBits: number; // fractional bits of the gate factor A (1.0 = 2^gainBits)
  };
}

export interface GliaTarget {
  readonly format: "tripart.target/1";
  readonly family: typeof GLIA_FAMILY;
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly sources: readonly string[];
  readonly timeStep: { readonly fixedMs?: number; readonly minMs?: number; readonly maxMs?: number };
  readonly chip: { readonly cores: number };
  readonly core: GliaCoreLimits;
  readonly semantics: GliaSemantics;
  readonly capabilities: {
    readonly models: readonly string[];
    readonly synapses: readonly string[];
    readonly astrocytes: boolean;
    readonly plasticity: readonly string[];
  };
  /** On-chip learning (docs/semantics-learning.md, §7 for astrocyte modulation); absent = learns nothing. */
  readonly learning?: LearningSemantics;
  /** Energy and time per operation with citations (docs/energy.md); absent = no estimate. */
  readonly energy?: EnergyTable;
}

/** Either target family: LIF (Loihi-like, src/targets/types.ts) or glia-core. */
export type AnyTarget = Target | GliaTarget;

/** True for a glia-core target. */
export const isGliaTarget = (target: AnyTarget): target is GliaTarget => (target as { family?: string }).family === GLIA_FAMILY;

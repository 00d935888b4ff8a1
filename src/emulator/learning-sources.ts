/**
 * Where the learning engines (learning.ts, learning-scalar.ts) find what they read, for either
 * chip family: per symbol of a plastic projection or third factor, the global index of each
 * element among the engine's spiking units (LIF compartments, glia neurons) or input lines, and,
 * for astrocyte-gated learning, the astrocytes' gate and Ca as the engine holds them.
 */
import type { HwConfig } from "../hw/types.js";
import type { GliaConfig } from "../hw/glia-config.js";
import { assert } from "../util/assert.js";

/** One spike source: a population (elements are units) or an input (elements are lines). */
export interface LearningSymbol {
  readonly id: string;
  readonly kind: "population" | "input";
  readonly size: number;
  /** Per element: its global unit index (population) or line index (input). */
  readonly global: Int32Array;
}

export interface SpikeLayout {
  /** Global spiking units (LIF: compartments over all cores; glia: neurons). */
  readonly units: number;
  readonly lines: number;
  readonly symbols: readonly LearningSymbol[];
}

/**
 * The astrocytes of a glia config as learning reads them, per global astrocyte: whether its gate
 * is on (0/1) and its raw Ca. The arrays are the engine's own, read when learning runs (before
 * the step's astrocyte update: the values at the end of the previous step).
 */
export interface AstrocyteView {
  readonly gateOn: ArrayLike<number>;
  readonly ca: ArrayLike<number>;
  /** Global index of astrocyte 0 of each group (GliaConfig.astrocytes order). */
  readonly groupOffset: readonly number[];
}

/** The symbol named `id` of a layout. */
export function symbolOf(layout: SpikeLayout, id: string): LearningSymbol {
  const symbol = layout.symbols.find((s) => s.id === id);
  assert(symbol !== undefined, `learning names unknown symbol '${id}'`);
  return symbol;
}

/** Global index of compartment 0 of every core, plus the total at the end. */
export function coreBaseOf(config: HwConfig): Int32Array {
  const base = new Int32Array(config.cores.length + 1);
  config.cores.forEach((core, c) => (base[c + 1] = base[c] + core.compartments.count));
  return base;
}

/** LIF configs: a population element is compartment coreBase[core] + local; an input element is its line. */
export function lifSpikeLayout(config: HwConfig, coreBase: Int32Array): SpikeLayout {
  return {
    units: coreBase[coreBase.length - 1],
    lines: config.inputs.lineCount,
    symbols: config.symbols.map((symbol) => ({
      id: symbol.id,
      kind: symbol.kind === "population" ? ("population" as const) : ("input" as const),
      size: symbol.size,
      global: Int32Array.from({ length: symbol.size }, (_, i) => (symbol.kind === "population" ? coreBase[symbol.core[i]] + symbol.local[i] : symbol.local[i])),
    })),
  };
}

/** Glia configs: a population element is neuron group.offset + i; an input element is line offset + i. */
export function gliaSpikeLayout(config: GliaConfig): SpikeLayout {
  const range = (offset: number, size: number) => Int32Array.from({ length: size }, (_, i) => offset + i);
  return {
    units: config.neurons.reduce((n, g) => n + g.size, 0),
    lines: config.inputs.lineCount,
    symbols: [
      ...config.neurons.map((g) => ({ id: g.population, kind: "population" as const, size: g.size, global: range(g.offset, g.size) })),
      ...config.inputs.symbols.map((s) => ({ id: s.id, kind: "input" as const, size: s.size, global: range(s.offset, s.size) })),
    ],
  };
}

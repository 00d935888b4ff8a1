/**
 * What `tripart inspect` shows about a config, as data: totals, per-core resource use against
 * the limits the config carries, where each population lives, the weight exponents in use and
 * the scales. Computed from the config alone (never the IR); never prints.
 */
import type { HwConfig, HwScale } from "./types.js";

/** A resource count, with its limit and share when the config carries limits. */
export interface ResourceUse {
  readonly used: number;
  readonly limit?: number;
  readonly percent?: number;
}

export interface CoreSummary {
  readonly core: number;
  readonly compartments: ResourceUse;
  readonly synapses: ResourceUse;
  readonly inputAxons: ResourceUse;
  /** Routes leaving the core's compartments (one per destination core of each compartment). */
  readonly outputAxons: ResourceUse;
  readonly formats: number;
}

export interface SymbolSummary {
  readonly id: string;
  readonly kind: "population" | "input";
  readonly size: number;
  /** The cores it occupies, ascending (empty for inputs). */
  readonly cores: readonly number[];
  readonly external: boolean;
}

export interface ConfigSummary {
  readonly format: string;
  readonly target: { readonly name: string; readonly version: string };
  readonly network: { readonly name: string; readonly hash: string };
  readonly dtMs: number;
  readonly steps: number;
  readonly durationMs: number;
  readonly seed: number;
  readonly totals: {
    readonly cores: number;
    readonly compartments: number;
    readonly synapses: number;
    readonly inputAxons: number;
    readonly routes: number;
    readonly formats: number;
    readonly inputLines: number;
    readonly inputSpikes: number;
  };
  readonly cores: readonly CoreSummary[];
  readonly symbols: readonly SymbolSummary[];
  /** Synapses per weight exponent, ascending by exponent. */
  readonly weightExponents: readonly { readonly exponent: number; readonly synapses: number }[];
  readonly scales: readonly HwScale[];
}

const use = (used: number, limit: number | undefined): ResourceUse =>
  limit === undefined ? { used } : { used, limit, percent: limit > 0 ? (100 * used) / limit : 0 };

/** Summarises a (valid) config. Linear in its size. */
export function inspectConfig(config: HwConfig): ConfigSummary {
  const { limits, routes } = config;
  const exponents = new Map<number, number>();
  let source = 0;
  const cores = config.cores.map((core): CoreSummary => {
    const { compartments, synapses, formats } = core;
    const perFormat = new Array<number>(formats.length).fill(0);
    for (let k = 0; k < synapses.format.length; k++) perFormat[synapses.format[k]]++;
    formats.forEach((format, f) => exponents.set(format.exponent, (exponents.get(format.exponent) ?? 0) + perFormat[f]));
    const first = source;
    source += compartments.count;
    const outputAxons = routes.rowStart[source] - routes.rowStart[first];
    return {
      core: core.index,
      compartments: use(compartments.count, limits?.maxNeurons),
      synapses: use(synapses.target.length, limits?.maxSynapses),
      inputAxons: use(synapses.axonCount, limits?.maxInputAxons),
      outputAxons: use(outputAxons, limits?.maxOutputAxons),
      formats: formats.length,
    };
  });
  const sum = (pick: (core: CoreSummary) => number) => cores.reduce((total, core) => total + pick(core), 0);
  const symbols = config.symbols.map(
    (symbol): SymbolSummary => ({
      id: symbol.id,
      kind: symbol.kind,
      size: symbol.size,
      cores: symbol.kind === "population" ? [...new Set(symbol.core)].sort((a, b) => a - b) : [],
      external: symbol.external === true,
    }),
  );
  return {
    format: config.format,
    target: config.target,
    network: config.network,
    dtMs: config.dtMs,
    steps: config.steps,
    durationMs: config.steps * config.dtMs,
    seed: config.seed,
    totals: {
      cores: cores.length,
      compartments: sum((core) => core.compartments.used),
      synapses: sum((core) => core.synapses.used),
      inputAxons: sum((core) => core.inputAxons.used),
      routes: routes.core.length,
      formats: sum((core) => core.formats),
      inputLines: config.inputs.lineCount,
      inputSpikes: config.inputs.spikeSteps.length,
    },
    cores,
    symbols,
    weightExponents: [...exponents.entries()].sort((a, b) => a[0] - b[0]).map(([exponent, synapses]) => ({ exponent, synapses })),
    scales: config.scales,
  };
}

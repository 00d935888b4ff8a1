/**
 * What `tripart inspect` shows about a glia-core config, as data: totals, the neuron and
 * astrocyte groups with their formats, the projections, every look-up table with its measured
 * error, and the scales. Computed from the config alone; never prints.
 */
import type { GliaConfig } from "./glia-config.js";
import type { HwScale } from "./types.js";

export interface GliaConfigSummary {
  readonly format: string;
  readonly target: { readonly name: string; readonly version: string };
  readonly network: { readonly name: string; readonly hash: string };
  readonly dtMs: number;
  readonly steps: number;
  readonly durationMs: number;
  readonly seed: number;
  readonly totals: {
    readonly neurons: number;
    readonly synapses: number;
    readonly modulatedSynapses: number;
    readonly astrocytes: number;
    readonly tables: number;
    readonly inputLines: number;
    readonly inputSpikes: number;
    readonly currentChanges: number;
  };
  readonly neurons: readonly { readonly population: string; readonly size: number; readonly frac: number; readonly glutamate: boolean }[];
  readonly projections: readonly { readonly id: string; readonly synapses: number; readonly modulated: boolean; readonly weightFrac: number }[];
  readonly astrocytes: readonly { readonly id: string; readonly model: string; readonly size: number; readonly frac: number; readonly periodSteps: number; readonly gate: boolean }[];
  readonly tables: readonly { readonly name: string; readonly entries: number; readonly spacing: string; readonly frac: number; readonly interpolation: string; readonly maxError: number }[];
  readonly scales: readonly HwScale[];
}

export function inspectGliaConfig(config: GliaConfig): GliaConfigSummary {
  const synapses = config.projections.reduce((n, p) => n + p.post.length, 0);
  const modulated = config.projections.reduce((n, p) => n + p.astrocyte.reduce((m, a) => m + (a >= 0 ? 1 : 0), 0), 0);
  return {
    format: config.format,
    target: config.target,
    network: config.network,
    dtMs: config.dtMs,
    steps: config.steps,
    durationMs: config.steps * config.dtMs,
    seed: config.seed,
    totals: {
      neurons: config.neurons.reduce((n, g) => n + g.size, 0),
      synapses,
      modulatedSynapses: modulated,
      astrocytes: config.astrocytes.reduce((n, g) => n + g.size, 0),
      tables: config.luts.length,
      inputLines: config.inputs.lineCount,
      inputSpikes: config.inputs.spikeSteps.length,
      currentChanges: config.currents.reduce((n, c) => n + c.step.length, 0),
    },
    neurons: config.neurons.map((g) => ({ population: g.population, size: g.size, frac: g.frac, glutamate: g.glutamate !== undefined })),
    projections: config.projections.map((p) => ({ id: p.id, synapses: p.post.length, modulated: p.astrocyte.length > 0, weightFrac: p.weightFrac })),
    astrocytes: config.astrocytes.map((a) => ({ id: a.id, model: a.model, size: a.size, frac: a.frac, periodSteps: a.periodSteps, gate: a.gate !== undefined })),
    tables: config.luts.map((t) => ({ name: t.name, entries: t.values.length, spacing: t.spacing === "octave" ? `octave/${2 ** t.segmentBits}` : "uniform", frac: t.frac, interpolation: t.interpolation, maxError: t.maxError })),
    scales: config.scales,
  };
}

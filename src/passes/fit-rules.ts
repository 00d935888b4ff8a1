/**
 * Target fit checks as named lists of rules, run inside partition and route. Every rule reports
 * all of its findings (one diagnostic per violated limit and population, never one per neuron)
 * and no rule stops the others: a user sees everything that does not fit in one run.
 */
import { pointer, ROOT } from "../ir/pointer.js";
import { plural } from "../ir/rules.js";
import { MAX_FORMATS_PER_CORE } from "../hw/validate.js";
import type { PassContext } from "./pass.js";
import { systemCores } from "../targets/mesh.js";
import type { CoreResource, PartitionedNetwork, RoutedNetwork } from "./stages.js";
import { LAYOUT_RULES } from "./layout-rules.js";

/** Resource names as words, for messages. */
const RESOURCE_WORDS: Readonly<Record<CoreResource, string>> = {
  neurons: "neurons",
  synapses: "synapses",
  inputAxons: "input axons",
  outputAxons: "output axons",
};


export interface FitRule<S> {
  /** Shown by `tripart check --explain` and docs/passes.md. */
  readonly name: string;
  /** What the rule checks, in one line. */
  readonly summary: string;
  check(stage: S, ctx: PassContext): void;
}

/** Runs every rule of `rules`; each reports through ctx. */
export function checkFit<S>(rules: readonly FitRule<S>[], stage: S, ctx: PassContext): void {
  for (const rule of rules) rule.check(stage, ctx);
}

/**
 * Per population, the neurons whose `values` exceed `limit`: how many and the largest value.
 * Calls `found` once per population that has any.
 */
function overLimitByPopulation(
  net: PartitionedNetwork,
  values: Int32Array,
  limit: number,
  found: (population: { id: string; index: number }, count: number, largest: number) => void,
): void {
  net.quantized.populations.forEach((population, p) => {
    let count = 0;
    let largest = 0;
    for (let g = net.populationOffset[p]; g < net.populationOffset[p + 1]; g++) {
      if (values[g] > limit) {
        count++;
        largest = Math.max(largest, values[g]);
      }
    }
    if (count > 0) found(population, count, largest);
  });
}

const total = (values: Int32Array): number => values.reduce((sum, x) => sum + x, 0);

/** Rules checked on the placement: per-neuron limits, then the chip's capacity. */
export const PARTITION_RULES: readonly FitRule<PartitionedNetwork>[] = [
  {
    name: "fan-in-per-neuron",
    summary: "No neuron receives more synapses than target.core.maxFanIn.",
    check(net, ctx) {
      const limit = ctx.target.core.maxFanIn;
      overLimitByPopulation(net, net.fanIn, limit, (population, count, needed) =>
        ctx.report("TP3022", pointer("populations", population.index), { count: plural(count, "neuron"), population: population.id, needed, target: ctx.target.name, limit }),
      );
    },
  },
  {
    name: "neuron-synapses-per-core",
    summary: "Each neuron's incoming synapses fit one core (target.core.maxSynapses).",
    check(net, ctx) {
      const limit = ctx.target.core.maxSynapses;
      overLimitByPopulation(net, net.fanIn, limit, (population, count, needed) =>
        ctx.report("TP3023", pointer("populations", population.index), {
          count: plural(count, "neuron"),
          population: population.id,
          needed,
          resource: "synapses",
          limit,
          what: "fan-in",
        }),
      );
    },
  },
  {
    name: "neuron-input-axons-per-core",
    summary: "Each neuron's distinct presynaptic sources fit one core's input axons (target.core.maxInputAxons).",
    check(net, ctx) {
      const limit = ctx.target.core.maxInputAxons;
      overLimitByPopulation(net, net.sourcesIn, limit, (population, count, needed) =>
        ctx.report("TP3023", pointer("populations", population.index), {
          count: plural(count, "neuron"),
          population: population.id,
          needed,
          resource: "input axons",
          limit,
          what: "number of distinct presynaptic sources",
        }),
      );
    },
  },
  {
    name: "neuron-output-axons-per-core",
    summary: "Each neuron's destination cores fit one core's output axons (target.core.maxOutputAxons).",
    check(net, ctx) {
      const limit = ctx.target.core.maxOutputAxons;
      overLimitByPopulation(net, net.destinationCores, limit, (population, count, needed) =>
        ctx.report("TP3023", pointer("populations", population.index), {
          count: plural(count, "neuron"),
          population: population.id,
          needed,
          resource: "output axons",
          limit,
          what: "number of cores its targets span",
        }),
      );
    },
  },
  {
    name: "fan-out-per-neuron",
    summary: "No neuron sends to more cores than target.core.maxFanOut routes.",
    check(net, ctx) {
      const limit = ctx.target.core.maxFanOut;
      overLimitByPopulation(net, net.destinationCores, limit, (population, count, needed) =>
        ctx.report("TP3024", pointer("populations", population.index), { count: plural(count, "neuron"), population: population.id, needed, target: ctx.target.name, limit }),
      );
    },
  },
  {
    name: "chip-neurons",
    summary: "All neurons fit the chip: Σ neurons ≤ cores × neurons per core.",
    check(net, ctx) {
      const limit = net.utilisation.neuronsPerCore;
      reportChipTotal("neurons", net.neuronCount, limit, ctx);
    },
  },
  {
    name: "chip-synapses",
    summary: "All synapses fit the chip: Σ synapses ≤ cores × target.core.maxSynapses.",
    check(net, ctx) {
      reportChipTotal("synapses", total(net.fanIn), ctx.target.core.maxSynapses, ctx);
    },
  },
  {
    name: "cores-per-chip",
    summary: "The placement needs no more cores than the target has (chip.cores × board.chips; reported when no total above explains it).",
    check(net, ctx) {
      const cores = systemCores(ctx.target);
      const { utilisation } = net;
      const explained =
        net.neuronCount > cores * utilisation.neuronsPerCore || total(net.fanIn) > cores * ctx.target.core.maxSynapses;
      if (utilisation.coresUsed <= cores || explained) return;
      const counts = Object.entries(utilisation.boundCounts).filter(([resource, n]) => resource !== "end" && n > 0);
      counts.sort((a, b) => b[1] - a[1]);
      const binding =
        counts.length > 0
          ? `Cores are closed by: ${counts.map(([resource, n]) => `${RESOURCE_WORDS[resource as CoreResource]} (${n} of ${utilisation.coresUsed})`).join(", ")}`
          : "Every core is full";
      ctx.report("TP3020", ROOT, { needed: utilisation.coresUsed, target: ctx.target.name, available: cores, binding });
    },
  },
  // input lines, hidden and output neurons, dense matrices: only for targets that state them
  ...LAYOUT_RULES,
];

function reportChipTotal(resource: "neurons" | "synapses", needed: number, limit: number, ctx: PassContext): void {
  const cores = systemCores(ctx.target);
  const available = cores * limit;
  if (needed <= available) return;
  ctx.report("TP3021", ROOT, {
    needed,
    resource,
    cores: plural(cores, "core"),
    target: ctx.target.name,
    available,
    limit,
    excess: needed - available,
    coresNeeded: Math.ceil(needed / limit),
  });
}

/** Rules checked on the routed cores. */
export const ROUTE_RULES: readonly FitRule<RoutedNetwork>[] = [
  {
    name: "formats-per-core",
    summary: `Each core needs at most ${MAX_FORMATS_PER_CORE} synapse formats (distinct sign, exponent and channel).`,
    check(net, ctx) {
      for (const core of net.cores) {
        if (core.formats.length > MAX_FORMATS_PER_CORE) {
          ctx.report("TP3026", ROOT, { core: core.index, needed: core.formats.length, limit: MAX_FORMATS_PER_CORE });
        }
      }
    },
  },
];

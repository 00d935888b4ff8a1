/**
 * Fit rules of a core's optional layout limits (target.layout: maxInputLines, maxHiddenNeurons,
 * maxSynapsesPerPair, output): Xylo's 16 input channels, 1000 hidden and 8 output neurons, dense
 * weight matrices and single-synapse readout (docs/targets.md, xylo-style). Each rule returns at
 * once when its limit is absent, so other targets are checked exactly as before. Part of
 * PARTITION_RULES; they read the placement and never change it.
 */
import { pointer } from "../ir/pointer.js";
import { plural } from "../ir/rules.js";
import { makeDiagnostic, type Diagnostic } from "../ir/diagnostics.js";
import type { ElaboratedNetwork } from "../ir/elaborated.js";
import type { Recording } from "../hw/recording.js";
import type { Target } from "../targets/types.js";
import type { FitRule } from "./fit-rules.js";
import type { PartitionedNetwork } from "./stages.js";

/**
 * Per population, whether it is an output (readout) population: one or more projections feed it,
 * all from populations, and no projection leaves it. Xylo's input weights reach hidden neurons
 * only and its output neurons feed nothing on the chip, so everything else is hidden; a
 * population fed by input lines stays hidden wherever its spikes go (docs/targets.md).
 */
export function outputPopulations(net: ElaboratedNetwork): boolean[] {
  const fed = net.populations.map(() => false);
  const fedByLine = net.populations.map(() => false);
  const sends = net.populations.map(() => false);
  for (const projection of net.projections) {
    fed[projection.post] = true;
    if (projection.pre.kind === "input") fedByLine[projection.post] = true;
    else sends[projection.pre.index] = true;
  }
  return net.populations.map((_, p) => fed[p] && !fedByLine[p] && !sends[p]);
}

/** Per core, the populations (indices) with neurons on it, and how many output and hidden neurons it holds. */
function layoutPerCore(net: PartitionedNetwork, isOutput: readonly boolean[]) {
  const cores = net.coreStart.length - 1;
  const perCore = Array.from({ length: cores }, () => ({ output: 0, hidden: 0, outputPopulations: [] as number[] }));
  isOutput.forEach((output, p) => {
    for (let g = net.populationOffset[p]; g < net.populationOffset[p + 1]; g++) {
      const core = perCore[net.neuronCore[g]];
      if (!output) core.hidden++;
      else {
        core.output++;
        if (core.outputPopulations.at(-1) !== p) core.outputPopulations.push(p);
      }
    }
  });
  return perCore;
}

const elaboratedOf = (net: PartitionedNetwork): ElaboratedNetwork => net.quantized.discretized.elaborated;
const idsOf = (net: PartitionedNetwork, populations: readonly number[]) => populations.map((p) => `'${net.quantized.populations[p].id}'`).join(", ");

/** The layout rules, in order; each reports every finding. */
export const LAYOUT_RULES: readonly FitRule<PartitionedNetwork>[] = [
  {
    name: "input-lines-per-core",
    summary: "Each core receives at most target.layout.maxInputLines input lines (when stated).",
    check(net, ctx) {
      const limit = ctx.target.layout?.maxInputLines;
      if (limit === undefined) return;
      const elaborated = elaboratedOf(net);
      const cores = net.coreStart.length - 1;
      const seen = new Set<number>(); // line · cores + core, once per (line, core) pair
      const perCore = new Array<number>(cores).fill(0);
      const inputsOf: Set<number>[] = Array.from({ length: cores }, () => new Set());
      for (const projection of elaborated.projections) {
        if (projection.pre.kind !== "input") continue;
        const base = net.populationOffset[projection.post];
        const { rowStart, post } = projection.synapses;
        for (let row = 0; row < projection.pre.size; row++) {
          const line = net.lineBase[projection.pre.index] + row;
          for (let k = rowStart[row]; k < rowStart[row + 1]; k++) {
            const core = net.neuronCore[base + post[k]];
            if (seen.has(line * cores + core)) continue;
            seen.add(line * cores + core);
            perCore[core]++;
            inputsOf[core].add(projection.pre.index);
          }
        }
      }
      perCore.forEach((needed, core) => {
        if (needed <= limit) return;
        const inputs = [...inputsOf[core]].map((k) => `'${elaborated.inputs[k].id}' (${elaborated.inputs[k].size})`).join(", ");
        ctx.report("TP3130", pointer("inputs"), { core, needed, inputs, target: ctx.target.name, limit });
      });
    },
  },
  {
    name: "hidden-neurons-per-core",
    summary: "Each core holds at most target.layout.maxHiddenNeurons neurons outside output populations (when stated).",
    check(net, ctx) {
      const limit = ctx.target.layout?.maxHiddenNeurons;
      if (limit === undefined) return;
      const isOutput = ctx.target.layout?.output !== undefined ? outputPopulations(elaboratedOf(net)) : net.quantized.populations.map(() => false);
      layoutPerCore(net, isOutput).forEach(({ hidden }, core) => {
        if (hidden > limit) ctx.report("TP3131", pointer("populations"), { core, needed: hidden, target: ctx.target.name, limit });
      });
    },
  },
  {
    name: "output-neurons-per-core",
    summary: "Each core holds at most target.layout.output.maxNeurons neurons of output populations (when stated).",
    check(net, ctx) {
      const output = ctx.target.layout?.output;
      if (output === undefined) return;
      layoutPerCore(net, outputPopulations(elaboratedOf(net))).forEach(({ output: needed, outputPopulations: populations }, core) => {
        if (needed <= output.maxNeurons) return;
        ctx.report("TP3132", pointer("populations", populations[0]), { core, needed, populations: idsOf(net, populations), target: ctx.target.name, limit: output.maxNeurons });
      });
    },
  },
  {
    name: "output-current-channels",
    summary: "An output population uses at most target.layout.output.currentChannels synaptic current channels (when stated).",
    check(net, ctx) {
      const output = ctx.target.layout?.output;
      if (output === undefined) return;
      outputPopulations(elaboratedOf(net)).forEach((isOutput, p) => {
        const taus = net.quantized.populations[p].channelTausMs;
        if (!isOutput || taus.length <= output.currentChannels) return;
        ctx.report("TP3133", pointer("populations", p), {
          population: net.quantized.populations[p].id,
          needed: taus.length,
          taus: taus.join(", "),
          target: ctx.target.name,
          limit: plural(output.currentChannels, "channel"),
        });
      });
    },
  },
  {
    name: "synapses-per-pair",
    summary: "No neuron receives more than target.layout.maxSynapsesPerPair synapses from one source on one current channel (when stated).",
    check(net, ctx) {
      const limit = ctx.target.layout?.maxSynapsesPerPair;
      if (limit === undefined) return;
      const elaborated = elaboratedOf(net);
      elaborated.populations.forEach((population, q) => {
        const counts = new Map<number, number>();
        const over = new Uint8Array(population.size);
        let largest = 0;
        elaborated.projections.forEach((projection, j) => {
          if (projection.post !== q) return;
          const channel = net.quantized.projections[j].format.channel;
          const sourceBase = projection.pre.kind === "population" ? net.populationOffset[projection.pre.index] : net.neuronCount + net.lineBase[projection.pre.index];
          const { rowStart, post } = projection.synapses;
          for (let row = 0; row < projection.pre.size; row++) {
            for (let k = rowStart[row]; k < rowStart[row + 1]; k++) {
              // (source, neuron, channel) as one exact integer: sources < 2^31, size·channels small
              const key = ((sourceBase + row) * population.size + post[k]) * 16 + channel;
              const n = (counts.get(key) ?? 0) + 1;
              counts.set(key, n);
              if (n > limit) {
                over[post[k]] = 1;
                largest = Math.max(largest, n);
              }
            }
          }
        });
        const count = over.reduce((sum, x) => sum + x, 0);
        if (count > 0) ctx.report("TP3134", pointer("populations", q), { population: population.id, count: plural(count, "neuron"), needed: largest, target: ctx.target.name, limit });
      });
    },
  },
];

/**
 * The output neurons' spike cap (target.layout.output.spikesPerStep), which a config cannot carry:
 * one `spikesPerStep` caps every compartment, so the emulator lets an output neuron fire up to
 * that many times in a step where the chip's fires at most the output cap. Checked on a run:
 * one TP3135 warning per recorded output population that went over, with how often and by how
 * much. A population without recorded spikes is not checked.
 */
export function outputSpikeCapFindings(net: ElaboratedNetwork, recording: Recording, target: Target, file?: string): Diagnostic[] {
  const output = target.layout?.output;
  if (output === undefined) return [];
  const cap = output.spikesPerStep;
  const findings: Diagnostic[] = [];
  outputPopulations(net).forEach((isOutput, p) => {
    const train = isOutput ? recording.populations.find((r) => r.id === net.populations[p].id)?.spikes : undefined;
    if (train === undefined) return;
    let steps = 0;
    let largest = 0;
    let excess = 0;
    // a neuron firing n times in a step is listed n times in a row (the train is sorted by step, then neuron)
    for (let k = 0; k < train.step.length; ) {
      let n = 1;
      while (k + n < train.step.length && train.step[k + n] === train.step[k] && train.neuron[k + n] === train.neuron[k]) n++;
      if (n > cap) {
        steps++;
        largest = Math.max(largest, n);
        excess += n - cap;
      }
      k += n;
    }
    if (steps === 0) return;
    findings.push(
      makeDiagnostic(
        "TP3135",
        pointer("populations", p),
        { population: net.populations[p].id, times: plural(steps, "time"), largest: plural(largest, "spike"), cap: plural(cap, "spike"), target: target.name, excess: plural(excess, "spike"), compartmentCap: target.neuron.spikesPerStep ?? 1 },
        file !== undefined ? { file } : {},
      ),
    );
  });
  return findings;
}

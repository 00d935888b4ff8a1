/**
 * partition: places neurons onto cores, contiguous in IR order (population 0's neurons first),
 * closing a core when the next neuron would break any per-core limit of the target. Reports the
 * utilisation of every core and, through the fit rules, every limit the network breaks.
 * Works on typed arrays only (no per-synapse objects): a few linear passes over the synapses.
 */
import { ROOT } from "../ir/pointer.js";
import { asStage } from "../ir/stage.js";
import { assert } from "../util/assert.js";
import type { ElaboratedNetwork } from "../ir/elaborated.js";
import type { CoreLimits } from "../targets/types.js";
import { neuronsPerCore, type Pass, type PassContext } from "./pass.js";
import { checkFit, PARTITION_RULES } from "./fit-rules.js";
import {
  CORE_RESOURCES,
  type CoreResource,
  type CoreUtilisation,
  type Partitioned,
  type Quantized,
  type Usage,
  type UtilisationReport,
} from "./stages.js";

/**
 * Placements allowed to bring every core under its output-axon limit. Each round raises at least
 * one estimate; in practice two or three rounds settle. Exceeding this is a Tripart bug.
 */
const MAX_OUTPUT_AXON_ROUNDS = 1000;

export const partition: Pass<Quantized, Partitioned> = {
  name: "partition",
  summary: "Place neurons onto cores in IR order within every per-core limit; report utilisation and what does not fit.",
  run(input, ctx) {
    const elaborated = input.discretized.elaborated;
    const limits = ctx.target.core;
    const capacity = checkedNeuronsPerCore(ctx);
    const graph = buildGraph(elaborated);

    // Greedy placement. A core's output axons depend on where the targets of its neurons land,
    // which is known only after placing: place, count, raise the estimates of the neurons of any
    // core over its limit, place again. Estimates only grow, so this ends.
    const estimate = new Int32Array(graph.neuronCount);
    let placement = place(graph, limits, capacity, estimate);
    let outputs = countDestinations(graph, elaborated, placement);
    for (let round = 1; raiseEstimates(placement, outputs, limits.maxOutputAxons, estimate); round++) {
      assert(round <= MAX_OUTPUT_AXON_ROUNDS, `partition: output axons still over the limit after ${MAX_OUTPUT_AXON_ROUNDS} placements`);
      placement = place(graph, limits, capacity, estimate);
      outputs = countDestinations(graph, elaborated, placement);
      ctx.stats.add("output-axon-rounds");
    }

    const utilisation = utilisationReport(input, graph, placement, outputs.perCore, limits, capacity, ctx.target.chip.cores);
    const stage = asStage("partitioned", {
      quantized: input,
      neuronCount: graph.neuronCount,
      populationOffset: graph.populationOffset,
      lineBase: graph.lineBase,
      coreStart: placement.coreStart,
      neuronCore: placement.neuronCore,
      fanIn: graph.fanIn,
      sourcesIn: graph.sourcesIn,
      destinationCores: outputs.perNeuron,
      utilisation,
    });
    checkFit(PARTITION_RULES, stage, ctx);
    ctx.stats.set("cores", utilisation.coresUsed);
    ctx.stats.set("neurons", graph.neuronCount);
    ctx.stats.set("synapses", graph.sources.length);
    return stage;
  },
  verify(output, ctx) {
    const { coreStart, neuronCore, utilisation } = output;
    const cores = coreStart.length - 1;
    assert(coreStart[0] === 0 && coreStart[cores] === output.neuronCount, "partition: cores cover every neuron");
    for (let c = 0; c < cores; c++) {
      assert(coreStart[c + 1] > coreStart[c], `partition: core ${c} is not empty`);
      for (let g = coreStart[c]; g < coreStart[c + 1]; g++) assert(neuronCore[g] === c, `partition: neuron ${g} on core ${c}`);
    }
    assert(cores <= ctx.target.chip.cores, "partition: within the chip's cores");
    for (const core of utilisation.cores) {
      for (const resource of CORE_RESOURCES) assert(core[resource].used <= core[resource].limit, `partition: core ${core.core} within its ${resource} limit`);
    }
  },
};

function checkedNeuronsPerCore(ctx: PassContext): number {
  const cap = ctx.options.maxNeuronsPerCore;
  if (cap !== undefined && !(Number.isInteger(cap) && cap > 0)) {
    ctx.report("TP3025", ROOT, { value: String(cap), limit: ctx.target.core.maxNeurons });
  }
  return neuronsPerCore(ctx.target.core, ctx.options);
}

// ---------------------------------------------------------------------------------------------
// The synapse graph in global numbering

/** Synapses by postsynaptic neuron (CSC) in global numbering: neurons 0..N-1, then input lines. */
export interface SynapseGraph {
  readonly neuronCount: number;
  readonly lineCount: number;
  readonly populationOffset: Int32Array;
  readonly lineBase: Int32Array;
  readonly fanIn: Int32Array;
  /** Presynaptic source ids of neuron g: sources[sourceStart[g] .. sourceStart[g+1]). */
  readonly sourceStart: Int32Array;
  readonly sources: Int32Array;
  readonly sourcesIn: Int32Array;
  /** Projections whose presynaptic side is population p, in IR order. */
  readonly outgoing: readonly (readonly number[])[];
}

/** Global numbering offsets of populations and input lines, with a closing total. */
export function offsets(sizes: readonly number[]): Int32Array {
  const offset = new Int32Array(sizes.length + 1);
  sizes.forEach((size, i) => (offset[i + 1] = offset[i] + size));
  return offset;
}

export function buildGraph(net: ElaboratedNetwork): SynapseGraph {
  const populationOffset = offsets(net.populations.map((p) => p.size));
  const lineBase = offsets(net.inputs.map((input) => input.size));
  const neuronCount = populationOffset[net.populations.length];
  const lineCount = lineBase[net.inputs.length];
  const sourceBase = (pre: ElaboratedNetwork["projections"][number]["pre"]): number =>
    pre.kind === "population" ? populationOffset[pre.index] : neuronCount + lineBase[pre.index];

  const fanIn = new Int32Array(neuronCount);
  for (const projection of net.projections) {
    const base = populationOffset[projection.post];
    const { post } = projection.synapses;
    for (let k = 0; k < post.length; k++) fanIn[base + post[k]]++;
  }
  const sourceStart = new Int32Array(neuronCount + 1);
  for (let g = 0; g < neuronCount; g++) sourceStart[g + 1] = sourceStart[g] + fanIn[g];
  const sources = new Int32Array(sourceStart[neuronCount]);
  const cursor = sourceStart.slice(0, neuronCount);
  for (const projection of net.projections) {
    const postBase = populationOffset[projection.post];
    const preBase = sourceBase(projection.pre);
    const { rowStart, post } = projection.synapses;
    for (let row = 0; row < projection.pre.size; row++) {
      for (let k = rowStart[row], end = rowStart[row + 1]; k < end; k++) sources[cursor[postBase + post[k]]++] = preBase + row;
    }
  }
  const sourcesIn = new Int32Array(neuronCount);
  const stamp = new Int32Array(neuronCount + lineCount).fill(-1);
  for (let g = 0; g < neuronCount; g++) {
    let distinct = 0;
    for (let k = sourceStart[g]; k < sourceStart[g + 1]; k++) {
      if (stamp[sources[k]] !== g) {
        stamp[sources[k]] = g;
        distinct++;
      }
    }
    sourcesIn[g] = distinct;
  }
  const outgoing: number[][] = net.populations.map(() => []);
  for (const projection of net.projections) if (projection.pre.kind === "population") outgoing[projection.pre.index].push(projection.index);
  return { neuronCount, lineCount, populationOffset, lineBase, fanIn, sourceStart, sources, sourcesIn, outgoing };
}

// ---------------------------------------------------------------------------------------------
// Greedy contiguous placement

interface Placement {
  readonly coreStart: Int32Array;
  readonly neuronCore: Int32Array;
  readonly synapses: readonly number[];
  readonly inputAxons: readonly number[];
  readonly boundBy: readonly (CoreResource | "end")[];
}

/**
 * Walks the neurons in global order and keeps adding to the current core until the next neuron
 * would exceed its neurons, synapses, input axons or (estimated) output axons. A neuron that
 * alone exceeds a limit still gets a core of its own; the fit rules report it.
 */
function place(graph: SynapseGraph, limits: CoreLimits, capacity: number, estimate: Int32Array): Placement {
  const { neuronCount, fanIn, sourceStart, sources, sourcesIn } = graph;
  const coreStamp = new Int32Array(neuronCount + graph.lineCount).fill(-1);
  const neuronStamp = new Int32Array(neuronCount + graph.lineCount).fill(-1);
  const neuronCore = new Int32Array(neuronCount);
  const coreStart = [0];
  const synapsesPerCore: number[] = [];
  const inputAxonsPerCore: number[] = [];
  const boundBy: (CoreResource | "end")[] = [];
  let core = 0;
  let neurons = 0;
  let synapses = 0;
  let inputAxons = 0;
  let outputAxons = 0;
  for (let g = 0; g < neuronCount; g++) {
    let fresh = 0;
    for (let k = sourceStart[g]; k < sourceStart[g + 1]; k++) {
      const s = sources[k];
      if (coreStamp[s] !== core && neuronStamp[s] !== g) {
        neuronStamp[s] = g;
        fresh++;
      }
    }
    const bound: CoreResource | undefined =
      neurons + 1 > capacity
        ? "neurons"
        : synapses + fanIn[g] > limits.maxSynapses
          ? "synapses"
          : inputAxons + fresh > limits.maxInputAxons
            ? "inputAxons"
            : outputAxons + estimate[g] > limits.maxOutputAxons
              ? "outputAxons"
              : undefined;
    if (bound !== undefined && neurons > 0) {
      synapsesPerCore.push(synapses);
      inputAxonsPerCore.push(inputAxons);
      boundBy.push(bound);
      coreStart.push(g);
      core++;
      neurons = 0;
      synapses = 0;
      inputAxons = 0;
      outputAxons = 0;
      fresh = sourcesIn[g];
    }
    for (let k = sourceStart[g]; k < sourceStart[g + 1]; k++) coreStamp[sources[k]] = core;
    neuronCore[g] = core;
    neurons++;
    synapses += fanIn[g];
    inputAxons += fresh;
    outputAxons += estimate[g];
  }
  if (neuronCount > 0) {
    synapsesPerCore.push(synapses);
    inputAxonsPerCore.push(inputAxons);
    boundBy.push("end");
    coreStart.push(neuronCount);
  }
  return { coreStart: Int32Array.from(coreStart), neuronCore, synapses: synapsesPerCore, inputAxons: inputAxonsPerCore, boundBy };
}

interface Destinations {
  /** Distinct destination cores of each neuron (= its routes, one axon per core). */
  readonly perNeuron: Int32Array;
  /** Output axons of each core: Σ over its neurons of their destination cores. */
  readonly perCore: Int32Array;
}

function countDestinations(graph: SynapseGraph, net: ElaboratedNetwork, placement: Placement): Destinations {
  const { neuronCore } = placement;
  const cores = placement.coreStart.length - 1;
  const perNeuron = new Int32Array(graph.neuronCount);
  const perCore = new Int32Array(cores);
  const stamp = new Int32Array(cores).fill(-1);
  net.populations.forEach((population, p) => {
    const projections = graph.outgoing[p].map((j) => net.projections[j]);
    for (let i = 0; i < population.size; i++) {
      const g = graph.populationOffset[p] + i;
      let count = 0;
      for (const projection of projections) {
        const { rowStart, post } = projection.synapses;
        const base = graph.populationOffset[projection.post];
        for (let k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
          const c = neuronCore[base + post[k]];
          if (stamp[c] !== g) {
            stamp[c] = g;
            count++;
          }
        }
      }
      perNeuron[g] = count;
      perCore[neuronCore[g]] += count;
    }
  });
  return { perNeuron, perCore };
}

/**
 * When some core of two or more neurons is over its output-axon limit, raises every neuron's
 * estimate to the destination count it has now (never lowers one) and returns true, asking for
 * another placement. Raising all neurons, not only those of the violating cores, lets the next
 * placement see almost every true count at once, so random networks settle in a few rounds.
 * (When no estimate is below the actual count, the greedy kept every core within its limit.)
 */
function raiseEstimates(placement: Placement, outputs: Destinations, limit: number, estimate: Int32Array): boolean {
  const { coreStart } = placement;
  let violated = false;
  for (let c = 0; c + 1 < coreStart.length && !violated; c++) {
    violated = outputs.perCore[c] > limit && coreStart[c + 1] - coreStart[c] > 1;
  }
  if (!violated) return false;
  let raised = false;
  for (let g = 0; g < estimate.length; g++) {
    if (outputs.perNeuron[g] > estimate[g]) {
      estimate[g] = outputs.perNeuron[g];
      raised = true;
    }
  }
  return raised;
}

// ---------------------------------------------------------------------------------------------
// Utilisation

const usage = (used: number, limit: number): Usage => ({ used, limit, percent: limit > 0 ? (100 * used) / limit : 0 });

function utilisationReport(
  input: Quantized,
  graph: SynapseGraph,
  placement: Placement,
  outputAxons: Int32Array,
  limits: CoreLimits,
  capacity: number,
  chipCores: number,
): UtilisationReport {
  const { coreStart } = placement;
  const populations = input.populations;
  const boundCounts: Record<CoreResource | "end", number> = { neurons: 0, synapses: 0, inputAxons: 0, outputAxons: 0, end: 0 };
  const cores: CoreUtilisation[] = [];
  for (let c = 0; c + 1 < coreStart.length; c++) {
    const first = coreStart[c];
    const last = coreStart[c + 1];
    const onCore = populations.flatMap((population, p) => {
      const from = Math.max(first, graph.populationOffset[p]);
      const to = Math.min(last, graph.populationOffset[p + 1]);
      return to > from ? [{ id: population.id, first: from - graph.populationOffset[p], count: to - from }] : [];
    });
    boundCounts[placement.boundBy[c]]++;
    cores.push({
      core: c,
      populations: onCore,
      neurons: usage(last - first, capacity),
      synapses: usage(placement.synapses[c], limits.maxSynapses),
      inputAxons: usage(placement.inputAxons[c], limits.maxInputAxons),
      outputAxons: usage(outputAxons[c], limits.maxOutputAxons),
      boundBy: placement.boundBy[c],
    });
  }
  return { chipCores, coresUsed: cores.length, neuronsPerCore: capacity, cores, boundCounts };
}

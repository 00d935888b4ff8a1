/**
 * partition: places neurons onto cores. First contiguously in IR order (population 0's neurons
 * first), closing a core when the next neuron would break any per-core limit of the target; with
 * the "traffic" strategy (the default on boards of chips) that placement is the starting point of
 * a traffic-aware one (placement/traffic-placement.ts) that puts neurons which exchange spikes on
 * the same core, tile and chip. Reports the utilisation of every core, where it sits, the spike
 * traffic predicted between cores with each core's routing table, and, through the fit rules,
 * every limit the network breaks. Typed arrays only: a few linear passes over the synapses.
 */
import { ROOT } from "../ir/pointer.js";
import { asStage } from "../ir/stage.js";
import { assert } from "../util/assert.js";
import type { ElaboratedNetwork } from "../ir/elaborated.js";
import type { CoreLimits } from "../targets/types.js";
import { systemCores, systemLayout, type SystemLayout } from "../targets/mesh.js";
import { neuronsPerCore, type Pass, type PassContext } from "./pass.js";
import { trafficOrder } from "./placement/traffic-placement.js";
import { routingTable, trafficOf } from "./placement/traffic-report.js";
import { checkFit, PARTITION_RULES } from "./fit-rules.js";
import {
  CORE_RESOURCES,
  type CoreResource,
  type CoreUtilisation,
  type PartitionStrategy,
  type Partitioned,
  type TrafficSummary,
  type Quantized,
  type TrafficReport,
  type Usage,
  type UtilisationReport,
} from "./stages.js";

/**
 * Placements allowed to bring every core under its output-axon limit. Each round raises at least
 * one estimate; in practice two or three rounds settle. Exceeding this is a Tripart bug.
 */
const MAX_OUTPUT_AXON_ROUNDS = 1000;

/** Orderings the traffic strategy tries, each on the slot count the previous packing needed. */
const TRAFFIC_ROUNDS = 4;

/** A packing that needs this many times its slots stops the rounds. */
const SPREAD_LIMIT = 1.5;

/** Fill share (largest of neurons, synapses, input axons) from which a core ends at a slot boundary. */
const SLOT_BREAK_FILL = 0.8;

export const partition: Pass<Quantized, Partitioned> = {
  name: "partition",
  summary: "Place neurons onto cores (in IR order, or by predicted spike traffic onto the mesh) within every per-core limit; report utilisation, traffic and what does not fit.",
  run(input, ctx) {
    const elaborated = input.discretized.elaborated;
    const limits = ctx.target.core;
    const capacity = checkedNeuronsPerCore(ctx);
    const graph = buildGraph(elaborated);
    const layout = systemLayout(ctx.target);
    const { rate, measured } = neuronRates(elaborated, graph, ctx);

    const identity = Int32Array.from({ length: graph.neuronCount }, (_, g) => g);
    const first = placeInOrder(graph, elaborated, identity, undefined, limits, capacity, ctx);
    const contiguous = placedFrom(first.placement, first.outputs);
    // The traffic strategy's candidates compete with IR order on the messages they put through
    // routers (a random network has no structure to exploit, and packing it by traffic only
    // spreads it); the cheapest placement wins.
    const requested = strategyOf(ctx);
    const contiguousTraffic = trafficOf(graph, contiguous, rate, layout, ctx.target);
    let best = { placed: contiguous, traffic: contiguousTraffic, cost: routingCost(contiguousTraffic), strategy: "contiguous" as PartitionStrategy };
    if (requested === "traffic" && contiguous.coreSlot.length > 1) {
      // Each round re-packs on the cores the last one needed; the cheapest of all is kept.
      for (const candidate of placeByTraffic(graph, elaborated, layout, rate, first, limits, capacity, ctx)) {
        const traffic = trafficOf(graph, candidate, rate, layout, ctx.target);
        const cost = routingCost(traffic);
        if (cost < best.cost) best = { placed: candidate, traffic, cost, strategy: "traffic" };
      }
    }
    const { placed } = best;
    const routing = routingTable(graph, placed, rate, layout, ctx.target);
    const trafficReport: TrafficReport = {
      rates: measured ? "measured" : "assumed",
      placed: best.traffic,
      ...(requested === "traffic" ? { contiguous: contiguousTraffic } : {}),
      routing,
    };
    const utilisation = utilisationReport(input, graph, placed, limits, capacity, layout, best.strategy, requested, trafficReport, ctx);
    const stage = asStage("partitioned", {
      quantized: input,
      neuronCount: graph.neuronCount,
      populationOffset: graph.populationOffset,
      lineBase: graph.lineBase,
      coreStart: placed.coreStart,
      compartmentNeuron: placed.compartmentNeuron,
      neuronCore: placed.neuronCore,
      neuronLocal: placed.neuronLocal,
      fanIn: graph.fanIn,
      sourcesIn: graph.sourcesIn,
      destinationCores: placed.destinations,
      utilisation,
    });
    checkFit(PARTITION_RULES, stage, ctx);
    ctx.stats.set("cores", utilisation.coresUsed);
    ctx.stats.set("neurons", graph.neuronCount);
    ctx.stats.set("synapses", graph.sources.length);
    return stage;
  },
  verify(output, ctx) {
    const { coreStart, neuronCore, neuronLocal, compartmentNeuron, utilisation } = output;
    const cores = coreStart.length - 1;
    assert(coreStart[0] === 0 && coreStart[cores] === output.neuronCount, "partition: cores cover every neuron");
    for (let c = 0; c < cores; c++) {
      assert(coreStart[c + 1] > coreStart[c], `partition: core ${c} is not empty`);
      for (let k = coreStart[c]; k < coreStart[c + 1]; k++) {
        const g = compartmentNeuron[k];
        assert(neuronCore[g] === c && neuronLocal[g] === k - coreStart[c], `partition: compartment ${k} is neuron ${g} on core ${c}`);
      }
    }
    assert(cores <= systemCores(ctx.target), "partition: within the system's cores");
    for (const core of utilisation.cores) {
      for (const resource of CORE_RESOURCES) assert(core[resource].used <= core[resource].limit, `partition: core ${core.core} within its ${resource} limit`);
    }
  },
};

/**
 * The traffic strategy: order the neurons by the multilevel bisection onto as many slots as
 * the last packing needed, pack them with a core break at every slot boundary, and repeat while
 * packing needed more cores than slots (a slot's neurons overflowed one core). Rounds are few:
 * each raises the slot count to what packing showed it needs.
 */
function* placeByTraffic(
  graph: SynapseGraph,
  net: ElaboratedNetwork,
  layout: SystemLayout,
  rate: Float64Array,
  first: { placement: Placement; outputs: Destinations },
  limits: CoreLimits,
  capacity: number,
  ctx: PassContext,
): Generator<Placed> {
  let slots = first.placement.coreStart.length - 1;
  for (let round = 0; round < TRAFFIC_ROUNDS && slots <= layout.cores; round++) {
    const { order, slotStart, chunks } = trafficOrder({ graph, limits, capacity, layout, rate, destinations: first.outputs.perNeuron, slots, seed: net.network.run.seed });
    const breaks = new Uint8Array(graph.neuronCount);
    for (let s = 1; s < slots; s++) if (slotStart[s] < graph.neuronCount) breaks[slotStart[s]] = 1;
    const { placement, outputs } = placeInOrder(graph, net, order, breaks, limits, capacity, ctx);
    ctx.stats.set("chunks", chunks);
    ctx.stats.add("traffic-rounds");
    yield placedFrom(placement, outputs);
    const cores = placement.coreStart.length - 1;
    // Done when the slots held the packing; a packing far beyond them is spreading, not settling.
    if (cores <= slots || cores > SPREAD_LIMIT * slots) return;
    slots = cores;
  }
}

/**
 * What a placement costs the routers: Σ over routes between cores of messages/s × (1 + hops),
 * one for leaving the core and one per router crossed (chip links count as hops).
 */
const routingCost = (traffic: TrafficSummary): number => traffic.interCore + traffic.hopTraffic;

/** The partitioner asked for, or the target's default: by traffic on boards of chips, else contiguous. */
function strategyOf(ctx: PassContext): PartitionStrategy {
  return ctx.options.partitioner ?? (ctx.target.board !== undefined ? "traffic" : "contiguous");
}

/**
 * Spikes per second of every neuron for the traffic estimates: the population's measured rate
 * (option populationRates, e.g. from a reference run), else 1 spike/s for every neuron.
 */
function neuronRates(net: ElaboratedNetwork, graph: SynapseGraph, ctx: PassContext): { rate: Float64Array; measured: boolean } {
  const rates = ctx.options.populationRates;
  const rate = new Float64Array(graph.neuronCount).fill(1);
  if (rates === undefined) return { rate, measured: false };
  net.populations.forEach((population, p) => {
    const value = rates[population.id];
    if (value !== undefined && Number.isFinite(value) && value >= 0) rate.fill(value, graph.populationOffset[p], graph.populationOffset[p + 1]);
  });
  return { rate, measured: true };
}

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
// Greedy placement in a given order

interface Placement {
  /** The walk order: position k holds neuron order[k]; core c holds positions coreStart[c] .. coreStart[c+1]-1. */
  readonly order: Int32Array;
  readonly coreStart: Int32Array;
  readonly neuronCore: Int32Array;
  readonly synapses: readonly number[];
  readonly inputAxons: readonly number[];
  readonly boundBy: readonly (CoreResource | "end")[];
}

/**
 * Walks the neurons in `order` and keeps adding to the current core until the next neuron
 * would exceed its neurons, synapses, input axons or (estimated) output axons. A neuron that
 * alone exceeds a limit still gets a core of its own; the fit rules report it.
 */
function place(graph: SynapseGraph, order: Int32Array, breaks: Uint8Array | undefined, limits: CoreLimits, capacity: number, estimate: Int32Array): Placement {
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
  for (let position = 0; position < neuronCount; position++) {
    const g = order[position];
    let fresh = 0;
    for (let k = sourceStart[g]; k < sourceStart[g + 1]; k++) {
      const s = sources[k];
      if (coreStamp[s] !== core && neuronStamp[s] !== g) {
        neuronStamp[s] = g;
        fresh++;
      }
    }
    const bound: CoreResource | "end" | undefined =
      breaks !== undefined && breaks[position] === 1 && nearlyFull(neurons / capacity, synapses / limits.maxSynapses, inputAxons / limits.maxInputAxons)
        ? "end"
        : neurons + 1 > capacity
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
      coreStart.push(position);
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
  return { order, coreStart: Int32Array.from(coreStart), neuronCore, synapses: synapsesPerCore, inputAxons: inputAxonsPerCore, boundBy };
}

/** A core this full closes at a slot boundary rather than take the next slot's neurons. */
const nearlyFull = (...shares: number[]): boolean => Math.max(...shares) >= SLOT_BREAK_FILL;

/**
 * Greedy placement in `order`. A core's output axons depend on where the targets of its neurons
 * land, which is known only after placing: place, count, raise the estimates of the neurons of
 * any core over its limit, place again. Estimates only grow, so this ends.
 */
function placeInOrder(
  graph: SynapseGraph,
  net: ElaboratedNetwork,
  order: Int32Array,
  breaks: Uint8Array | undefined,
  limits: CoreLimits,
  capacity: number,
  ctx: PassContext,
): { placement: Placement; outputs: Destinations } {
  const estimate = new Int32Array(graph.neuronCount);
  let placement = place(graph, order, breaks, limits, capacity, estimate);
  let outputs = countDestinations(graph, net, placement.neuronCore, placement.coreStart.length - 1);
  for (let round = 1; raiseEstimates(placement, outputs, limits.maxOutputAxons, estimate); round++) {
    assert(round <= MAX_OUTPUT_AXON_ROUNDS, `partition: output axons still over the limit after ${MAX_OUTPUT_AXON_ROUNDS} placements`);
    placement = place(graph, order, breaks, limits, capacity, estimate);
    outputs = countDestinations(graph, net, placement.neuronCore, placement.coreStart.length - 1);
    ctx.stats.add("output-axon-rounds");
  }
  return { placement, outputs };
}

interface Destinations {
  /** Distinct destination cores of each neuron (= its routes, one axon per core). */
  readonly perNeuron: Int32Array;
  /** Output axons of each core: Σ over its neurons of their destination cores. */
  readonly perCore: Int32Array;
}

function countDestinations(graph: SynapseGraph, net: ElaboratedNetwork, neuronCore: Int32Array, cores: number): Destinations {
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
// The placement either way, and its utilisation

/** A finished placement in the shape the stage and the report need. */
interface Placed {
  readonly coreStart: Int32Array;
  readonly compartmentNeuron: Int32Array;
  readonly neuronCore: Int32Array;
  readonly neuronLocal: Int32Array;
  /** System slot of each core (targets/mesh.ts). */
  readonly coreSlot: Int32Array;
  readonly destinations: Int32Array;
  readonly use: Readonly<Record<CoreResource, ArrayLike<number>>>;
  readonly boundBy: readonly (CoreResource | "end")[];
}

/**
 * Cores numbered in placement order sit on system slots in the same order (slot order is
 * locality order, targets/mesh.ts). Within a core, compartments follow the global neuron order.
 */
function placedFrom(placement: Placement, outputs: Destinations): Placed {
  const { order, coreStart, neuronCore } = placement;
  const cores = coreStart.length - 1;
  const compartmentNeuron = order.slice();
  const neuronLocal = new Int32Array(order.length);
  const neurons = new Int32Array(cores);
  for (let c = 0; c < cores; c++) {
    compartmentNeuron.subarray(coreStart[c], coreStart[c + 1]).sort();
    neurons[c] = coreStart[c + 1] - coreStart[c];
  }
  for (let k = 0; k < compartmentNeuron.length; k++) neuronLocal[compartmentNeuron[k]] = k - coreStart[neuronCore[compartmentNeuron[k]]];
  return {
    coreStart,
    compartmentNeuron,
    neuronCore,
    neuronLocal,
    coreSlot: Int32Array.from({ length: cores }, (_, c) => c),
    destinations: outputs.perNeuron,
    use: { neurons, synapses: placement.synapses, inputAxons: placement.inputAxons, outputAxons: outputs.perCore },
    boundBy: placement.boundBy,
  };
}

const usage = (used: number, limit: number): Usage => ({ used, limit, percent: limit > 0 ? (100 * used) / limit : 0 });

function utilisationReport(
  input: Quantized,
  graph: SynapseGraph,
  placed: Placed,
  limits: CoreLimits,
  capacity: number,
  layout: SystemLayout,
  strategy: PartitionStrategy,
  requested: PartitionStrategy,
  traffic: TrafficReport,
  ctx: PassContext,
): UtilisationReport {
  const { coreStart, compartmentNeuron } = placed;
  const populations = input.populations;
  const boundCounts: Record<CoreResource | "end", number> = { neurons: 0, synapses: 0, inputAxons: 0, outputAxons: 0, end: 0 };
  const cores: CoreUtilisation[] = [];
  const chips = new Set<number>();
  const messagesOut = new Float64Array(placed.coreSlot.length);
  const messagesIn = new Float64Array(placed.coreSlot.length);
  for (const entry of traffic.routing) {
    if (entry.from === entry.to) continue;
    messagesOut[entry.from] += entry.messagesPerSecond;
    messagesIn[entry.to] += entry.messagesPerSecond;
  }
  let p = 0;
  for (let c = 0; c + 1 < coreStart.length; c++) {
    // Runs of consecutive neurons of one population, in compartment order.
    const onCore: { id: string; first: number; count: number }[] = [];
    for (let k = coreStart[c]; k < coreStart[c + 1]; k++) {
      const g = compartmentNeuron[k];
      while (g >= graph.populationOffset[p + 1]) p++;
      while (g < graph.populationOffset[p]) p--;
      const i = g - graph.populationOffset[p];
      const last = onCore[onCore.length - 1];
      if (last !== undefined && last.id === populations[p].id && last.first + last.count === i) onCore[onCore.length - 1] = { ...last, count: last.count + 1 };
      else onCore.push({ id: populations[p].id, first: i, count: 1 });
    }
    boundCounts[placed.boundBy[c]]++;
    const slot = placed.coreSlot[c];
    const inSystem = slot < layout.cores;
    if (inSystem) chips.add(layout.chip[slot]);
    cores.push({
      core: c,
      populations: onCore,
      neurons: usage(placed.use.neurons[c], capacity),
      synapses: usage(placed.use.synapses[c], limits.maxSynapses),
      inputAxons: usage(placed.use.inputAxons[c], limits.maxInputAxons),
      outputAxons: usage(placed.use.outputAxons[c], limits.maxOutputAxons),
      boundBy: placed.boundBy[c],
      position: inSystem ? { slot, chip: layout.chip[slot], x: layout.x[slot], y: layout.y[slot] } : { slot, chip: -1, x: -1, y: -1 },
      messagesOut: messagesOut[c],
      messagesIn: messagesIn[c],
    });
  }
  return {
    chipCores: ctx.target.chip.cores,
    coresUsed: cores.length,
    neuronsPerCore: capacity,
    cores,
    boundCounts,
    strategy,
    requested,
    systemCores: layout.cores,
    chipsUsed: chips.size,
    mesh: ctx.target.chip.mesh ?? { columns: ctx.target.chip.cores, rows: 1, coresPerTile: 1 },
    traffic,
  };
}

/**
 * Traffic-aware placement: neurons go to cores so that the spikes predicted to cross between
 * cores, and above all between chips, are few, and every core stays within its limits.
 *
 * 1. Chunks: each population is cut into runs of consecutive neurons, a few per core, smaller
 *    where a run alone would take much of a core's synapses, input axons or output axons.
 * 2. Traffic graph: chunk a → chunk b weighs Σ rate(n) over the neurons n of a with a synapse
 *    into b (one message per spike and destination, as the routes carry them).
 * 3. Recursive bisection onto the machine: the run of system slots that a first, contiguous
 *    placement needed (bisection order, see targets/mesh.ts) is cut at a chip, then a tile
 *    boundary, and the chunk graph is bisected in the same proportion by the multilevel
 *    partitioner, down to single slots. Reading the chunks slot by slot gives a neuron order in
 *    which heavily connected chunks are close: on one core, else one tile, else one chip.
 * 4. The partition pass then packs neurons onto cores in that order with the exact per-core
 *    checks of its greedy placement (neurons, synapses, distinct input axons, output axons), so
 *    every core fits by construction, and numbers cores in slot order.
 *
 * Why order-then-pack rather than bisecting straight into cores: a core's input axons are its
 * distinct presynaptic sources, which depend on which chunks share it (two half columns need
 * far more than one whole column), so no vertex weight can stand for them; the packer counts them.
 */
import { Rng } from "../../util/rng.js";
import type { CoreLimits } from "../../targets/types.js";
import { splitPoint, type SystemLayout } from "../../targets/mesh.js";
import type { SynapseGraph } from "../partition.js";
import { bisect } from "./bisect.js";
import { graphFromEdges, inducedSubgraph, type WeightedGraph } from "./weighted-graph.js";

/** Chunks per core aimed at: enough freedom for the partitioner, few enough to stay fast. */
const CHUNKS_PER_CORE = 16;
/** A chunk alone may take at most this share of any per-core resource. */
const CHUNK_SHARE = 0.25;
/**
 * At most this many chunks from the cutting (before halving oversized ones), and at most this
 * many incoming edges kept per chunk (the heaviest): a network of thousands of cores with random
 * connectivity would otherwise give a dense chunk graph of millions of edges, with no structure
 * for the bisection to find in them.
 */
const MAX_CHUNKS = 8192;
const MAX_EDGES_PER_CHUNK = 64;
/** Relative imbalance allowed between the two sides of a bisection. */
const TOLERANCE = 0.03;

export interface TrafficOrderInput {
  readonly graph: SynapseGraph;
  readonly limits: CoreLimits;
  /** Neurons per core in force (the target's or the maxNeuronsPerCore option). */
  readonly capacity: number;
  readonly layout: SystemLayout;
  /** Predicted spikes per second of every neuron. */
  readonly rate: Float64Array;
  /** Destination cores per neuron under a first placement: the output-axon estimate. */
  readonly destinations: Int32Array;
  /** System slots the order is laid over (the cores a packing needed). */
  readonly slots: number;
  readonly seed: number;
}

export interface TrafficOrder {
  /** Every neuron once; position k holds neuron order[k]. */
  readonly order: Int32Array;
  /** Slot s's neurons are at positions slotStart[s] .. slotStart[s+1]-1 (length slots + 1). */
  readonly slotStart: Int32Array;
  readonly chunks: number;
}

/** Runs of consecutive neurons [start, end) inside one population. */
interface Chunks {
  readonly start: Int32Array;
  readonly end: Int32Array;
}

export function trafficOrder(input: TrafficOrderInput): TrafficOrder {
  const chunks = makeChunks(input);
  const chunkGraph = trafficGraph(input, chunks);
  const chunkCount = chunks.start.length;
  const all = Int32Array.from({ length: chunkCount }, (_, c) => c);
  const slots = Math.min(input.layout.cores, Math.max(1, input.slots));
  const chunkSlot = new Int32Array(chunkCount);
  assignToSlots(chunkGraph, all, 0, slots, input.layout, chunkSlot, new Int32Array(chunkCount), Rng.derive(input.seed, "placement"));
  // Chunks by slot (stable: chunks of one slot keep their IR order), then their neurons.
  const bySlot = groupByCore(chunkSlot, slots);
  const order = new Int32Array(input.graph.neuronCount);
  const slotStart = new Int32Array(slots + 1);
  let at = 0;
  for (let slot = 0; slot < slots; slot++) {
    slotStart[slot] = at;
    for (let m = bySlot.start[slot]; m < bySlot.start[slot + 1]; m++) {
      const c = bySlot.neurons[m];
      for (let g = chunks.start[c]; g < chunks.end[c]; g++) order[at++] = g;
    }
  }
  slotStart[slots] = at;
  return { order, slotStart, chunks: chunkCount };
}

// ---------------------------------------------------------------------------------------------
// Chunks and the traffic graph

function makeChunks(input: TrafficOrderInput): Chunks {
  const { graph, limits, capacity } = input;
  const wanted = Math.floor(graph.neuronCount / (input.slots * CHUNKS_PER_CORE));
  const size = Math.max(1, Math.ceil(graph.neuronCount / MAX_CHUNKS), Math.min(Math.floor(capacity * CHUNK_SHARE), wanted));
  const stamp = new Int32Array(graph.neuronCount + graph.lineCount).fill(-1);
  let stampId = 0;
  const tooBig = (first: number, end: number): boolean => {
    let synapses = 0;
    let outputs = 0;
    let axons = 0;
    const id = stampId++;
    for (let g = first; g < end; g++) {
      synapses += graph.fanIn[g];
      outputs += input.destinations[g];
      for (let k = graph.sourceStart[g]; k < graph.sourceStart[g + 1]; k++) {
        if (stamp[graph.sources[k]] !== id) {
          stamp[graph.sources[k]] = id;
          axons++;
        }
      }
    }
    return synapses > CHUNK_SHARE * limits.maxSynapses || axons > CHUNK_SHARE * limits.maxInputAxons || outputs > CHUNK_SHARE * limits.maxOutputAxons;
  };
  const start: number[] = [];
  const end: number[] = [];
  const cut = (first: number, last: number): void => {
    if (last - first > 1 && tooBig(first, last)) {
      const mid = first + ((last - first) >> 1);
      cut(first, mid);
      cut(mid, last);
    } else {
      start.push(first);
      end.push(last);
    }
  };
  const offset = graph.populationOffset;
  for (let p = 0; p + 1 < offset.length; p++) {
    for (let first = offset[p]; first < offset[p + 1]; first += size) cut(first, Math.min(offset[p + 1], first + size));
  }
  return { start: Int32Array.from(start), end: Int32Array.from(end) };
}

/**
 * Chunk a → b weighs the spikes per second a sends into b: Σ rate(n) over neurons n of a with at
 * least one synapse onto b. Vertex weight: the largest share of a core's neurons, synapses or
 * (estimated) output axons the chunk takes, so that balanced sides need the same cores.
 */
function trafficGraph(input: TrafficOrderInput, chunks: Chunks): WeightedGraph {
  const { graph, limits, capacity, rate } = input;
  const count = chunks.start.length;
  const chunkOf = new Int32Array(graph.neuronCount);
  const vertexWeight = new Float64Array(count);
  for (let c = 0; c < count; c++) {
    let synapses = 0;
    let outputs = 0;
    for (let g = chunks.start[c]; g < chunks.end[c]; g++) {
      chunkOf[g] = c;
      synapses += graph.fanIn[g];
      outputs += input.destinations[g];
    }
    const neurons = chunks.end[c] - chunks.start[c];
    vertexWeight[c] = Math.max(neurons / capacity, synapses / limits.maxSynapses, outputs / limits.maxOutputAxons);
  }
  const stamp = new Int32Array(graph.neuronCount).fill(-1);
  const accumulated = new Float64Array(count);
  const touched = new Int32Array(count);
  const scratch = new Float64Array(count);
  const edges = new EdgeList();
  for (let b = 0; b < count; b++) {
    let touchedCount = 0;
    for (let g = chunks.start[b]; g < chunks.end[b]; g++) {
      for (let k = graph.sourceStart[g]; k < graph.sourceStart[g + 1]; k++) {
        const s = graph.sources[k];
        if (s >= graph.neuronCount || stamp[s] === b) continue;
        stamp[s] = b;
        const a = chunkOf[s];
        if (accumulated[a] === 0) touched[touchedCount++] = a;
        accumulated[a] += rate[s] > 0 ? rate[s] : Number.MIN_VALUE;
      }
    }
    const threshold = touchedCount > MAX_EDGES_PER_CHUNK ? kthLargest(touched, touchedCount, accumulated, MAX_EDGES_PER_CHUNK, scratch) : 0;
    let kept = 0;
    for (let t = 0; t < touchedCount; t++) {
      const a = touched[t];
      if (accumulated[a] >= threshold && kept < MAX_EDGES_PER_CHUNK) {
        edges.push(a, b, accumulated[a]);
        kept++;
      }
    }
    for (let t = 0; t < touchedCount; t++) accumulated[touched[t]] = 0;
  }
  return graphFromEdges(count, edges.from(), edges.to(), edges.weights(), vertexWeight);
}

/** The k-th largest of weight[ids[0..n)] (quickselect on a copy in scratch). */
function kthLargest(ids: Int32Array, n: number, weight: Float64Array, k: number, scratch: Float64Array): number {
  for (let i = 0; i < n; i++) scratch[i] = weight[ids[i]];
  let lo = 0;
  let hi = n - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = scratch[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (scratch[i] > pivot) i++;
      while (scratch[j] < pivot) j--;
      if (i <= j) {
        const t = scratch[i];
        scratch[i] = scratch[j];
        scratch[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return scratch[target];
}

/** A growable list of directed weighted edges in typed arrays. */
class EdgeList {
  private fromIds = new Int32Array(1024);
  private toIds = new Int32Array(1024);
  private weight = new Float64Array(1024);
  private length = 0;

  push(a: number, b: number, w: number): void {
    if (this.length === this.fromIds.length) {
      const grow = <T extends Int32Array | Float64Array>(array: T, make: (n: number) => T): T => {
        const next = make(array.length * 2);
        next.set(array);
        return next;
      };
      this.fromIds = grow(this.fromIds, (n) => new Int32Array(n));
      this.toIds = grow(this.toIds, (n) => new Int32Array(n));
      this.weight = grow(this.weight, (n) => new Float64Array(n));
    }
    this.fromIds[this.length] = a;
    this.toIds[this.length] = b;
    this.weight[this.length++] = w;
  }

  from(): Int32Array {
    return this.fromIds.subarray(0, this.length);
  }

  to(): Int32Array {
    return this.toIds.subarray(0, this.length);
  }

  weights(): Float64Array {
    return this.weight.subarray(0, this.length);
  }
}

// ---------------------------------------------------------------------------------------------
// Recursive bisection onto the machine

function assignToSlots(
  graph: WeightedGraph,
  members: Int32Array,
  lo: number,
  hi: number,
  layout: SystemLayout,
  chunkSlot: Int32Array,
  scratch: Int32Array,
  rng: Rng,
): void {
  if (hi - lo <= 1 || members.length <= 1) {
    for (const c of members) chunkSlot[c] = lo;
    return;
  }
  const mid = splitPoint(layout, lo, hi);
  const sub = inducedSubgraph(graph, members, scratch);
  const side = bisect(sub, { fraction: (mid - lo) / (hi - lo), tolerance: TOLERANCE }, rng);
  let left = 0;
  for (let i = 0; i < side.length; i++) if (side[i] === 0) left++;
  const leftMembers = new Int32Array(left);
  const rightMembers = new Int32Array(members.length - left);
  let l = 0;
  let r = 0;
  for (let i = 0; i < side.length; i++) {
    if (side[i] === 0) leftMembers[l++] = members[i];
    else rightMembers[r++] = members[i];
  }
  assignToSlots(graph, leftMembers, lo, mid, layout, chunkSlot, scratch, rng);
  assignToSlots(graph, rightMembers, mid, hi, layout, chunkSlot, scratch, rng);
}

// ---------------------------------------------------------------------------------------------

/** Neurons grouped by core (counting sort), each group in increasing neuron order. */
export function groupByCore(neuronCore: Int32Array, cores: number): { start: Int32Array; neurons: Int32Array } {
  const start = new Int32Array(cores + 1);
  for (let g = 0; g < neuronCore.length; g++) start[neuronCore[g] + 1]++;
  for (let c = 0; c < cores; c++) start[c + 1] += start[c];
  const neurons = new Int32Array(neuronCore.length);
  const fill = start.slice(0, cores);
  for (let g = 0; g < neuronCore.length; g++) neurons[fill[neuronCore[g]]++] = g;
  return { start, neurons };
}

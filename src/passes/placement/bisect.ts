/**
 * Multilevel graph bisection: coarsen by heavy-edge matching until the graph is small, split the
 * coarsest graph by greedy graph growing (best of a few seeds), then project the split back level
 * by level, refining it at each level with Fiduccia–Mattheyses moves (Fiduccia & Mattheyses 1982;
 * the scheme of METIS, Karypis & Kumar 1998). Side 0 receives about `fraction` of the vertex
 * weight, within `tolerance`; the refinement lowers the weight of the edges cut.
 */
import type { Rng } from "../../util/rng.js";
import { coarsen, cutWeight, type WeightedGraph } from "./weighted-graph.js";

/** Coarsening stops at this many vertices, or when a level shrinks the graph by less than 10 %. */
const COARSEST = 48;
/** Greedy-growing starts tried on the coarsest graph. */
const SEEDS = 4;
/** Refinement passes per level; a pass that gains nothing ends them early. */
const PASSES = 4;

export interface BisectOptions {
  /** Share of the total vertex weight side 0 should get, in (0, 1). */
  readonly fraction: number;
  /** Allowed relative excess of either side over its share (e.g. 0.03). */
  readonly tolerance: number;
}

/** Side (0 or 1) of every vertex. */
export function bisect(graph: WeightedGraph, options: BisectOptions, rng: Rng): Uint8Array {
  const total = graph.vertexWeight.reduce((a, b) => a + b, 0);
  const limits = sideLimits(graph, total, options);
  const levels: { graph: WeightedGraph; coarseOf: Int32Array }[] = [];
  let current = graph;
  const maxVertexWeight = Math.max(Math.min(limits[0], limits[1]) / 4, maxOf(graph.vertexWeight));
  while (current.vertices > COARSEST) {
    const next = coarsen(current, maxVertexWeight, rng);
    if (next.graph.vertices > 0.9 * current.vertices) break;
    levels.push({ graph: current, coarseOf: next.coarseOf });
    current = next.graph;
  }
  let side = initialSplit(current, limits, options.fraction * total, rng);
  for (let level = levels.length - 1; level >= 0; level--) {
    const { graph: fine, coarseOf } = levels[level];
    const projected = new Uint8Array(fine.vertices);
    for (let v = 0; v < fine.vertices; v++) projected[v] = side[coarseOf[v]];
    side = projected;
    refine(fine, side, limits);
  }
  return side;
}

function maxOf(values: Float64Array): number {
  let max = 0;
  for (const x of values) max = Math.max(max, x);
  return max;
}

/** The most weight each side may hold: its share plus the tolerance, and at least half the largest vertex. */
function sideLimits(graph: WeightedGraph, total: number, options: BisectOptions): [number, number] {
  const slack = Math.max(options.tolerance * total, maxOf(graph.vertexWeight) / 2);
  return [options.fraction * total + slack, (1 - options.fraction) * total + slack];
}

/** Greedy graph growing from a few random seeds: side 0 grows by its most connected neighbour. */
function initialSplit(graph: WeightedGraph, limits: [number, number], want: number, rng: Rng): Uint8Array {
  const n = graph.vertices;
  let best: Uint8Array | undefined;
  let bestCut = Infinity;
  for (let attempt = 0; attempt < Math.min(SEEDS, Math.max(1, n)); attempt++) {
    const side = new Uint8Array(n).fill(1);
    const connection = new Float64Array(n);
    let weight0 = 0;
    let next = n > 0 ? rng.nextInt(n) : -1;
    while (next >= 0 && weight0 + graph.vertexWeight[next] / 2 <= want) {
      side[next] = 0;
      weight0 += graph.vertexWeight[next];
      for (let k = graph.start[next]; k < graph.start[next + 1]; k++) connection[graph.adjacency[k]] += graph.edgeWeight[k];
      next = -1;
      let bestConnection = -1;
      for (let v = 0; v < n; v++) {
        if (side[v] === 1 && connection[v] > bestConnection) {
          bestConnection = connection[v];
          next = v;
        }
      }
    }
    refine(graph, side, limits);
    const cut = cutWeight(graph, side);
    if (cut < bestCut) {
      bestCut = cut;
      best = side;
    }
  }
  return best ?? new Uint8Array(n);
}

/**
 * Fiduccia–Mattheyses passes: move the unlocked vertex of highest gain whose move keeps its new
 * side within limits (or relieves a side over its limit), lock it, and keep the best prefix of
 * moves. Gains live in a max-heap with lazy deletion (stale entries are skipped when popped).
 */
function refine(graph: WeightedGraph, side: Uint8Array, limits: [number, number]): void {
  const n = graph.vertices;
  if (n < 2) return;
  const gain = new Float64Array(n);
  const locked = new Uint8Array(n);
  const moved = new Int32Array(n);
  const heap = new GainHeap(4 * n + 16);
  const weight = [0, 0];
  for (let v = 0; v < n; v++) weight[side[v]] += graph.vertexWeight[v];
  const excess = (): number => Math.max(0, weight[0] - limits[0]) + Math.max(0, weight[1] - limits[1]);
  for (let pass = 0; pass < PASSES; pass++) {
    locked.fill(0);
    heap.clear();
    for (let v = 0; v < n; v++) {
      let g = 0;
      for (let k = graph.start[v]; k < graph.start[v + 1]; k++) g += side[graph.adjacency[k]] !== side[v] ? graph.edgeWeight[k] : -graph.edgeWeight[k];
      gain[v] = g;
      heap.push(v, g);
    }
    let moves = 0;
    let total = 0;
    let bestTotal = 0;
    let bestExcess = excess();
    let bestMoves = 0;
    let sinceBest = 0;
    const patience = Math.max(50, n >> 4);
    while (heap.size > 0 && sinceBest < patience) {
      const v = heap.pop(gain, locked);
      if (v < 0) break;
      const from = side[v];
      const to = 1 - from;
      const w = graph.vertexWeight[v];
      const relieves = weight[from] > limits[from] && weight[to] + w <= Math.max(limits[to], weight[from] - w);
      if (weight[to] + w > limits[to] && !relieves) {
        locked[v] = 1;
        continue;
      }
      side[v] = to;
      locked[v] = 1;
      weight[from] -= w;
      weight[to] += w;
      total += gain[v];
      moved[moves++] = v;
      for (let k = graph.start[v]; k < graph.start[v + 1]; k++) {
        const u = graph.adjacency[k];
        if (locked[u]) continue;
        gain[u] += side[u] === to ? -2 * graph.edgeWeight[k] : 2 * graph.edgeWeight[k];
        heap.push(u, gain[u]);
      }
      const e = excess();
      if (e < bestExcess - 1e-12 || (e <= bestExcess + 1e-12 && total > bestTotal + 1e-12)) {
        bestExcess = e;
        bestTotal = total;
        bestMoves = moves;
        sinceBest = 0;
      } else sinceBest++;
    }
    for (let m = moves - 1; m >= bestMoves; m--) {
      const v = moved[m];
      const from = side[v];
      side[v] = 1 - from;
      weight[from] -= graph.vertexWeight[v];
      weight[1 - from] += graph.vertexWeight[v];
    }
    if (bestMoves === 0) break;
  }
}

/** A binary max-heap of (vertex, gain) entries; an entry whose gain is no longer current is stale. */
class GainHeap {
  private vertex: Int32Array;
  private key: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.vertex = new Int32Array(capacity);
    this.key = new Float64Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  push(v: number, key: number): void {
    if (this.size === this.vertex.length) this.grow();
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.key[parent] >= key) break;
      this.vertex[i] = this.vertex[parent];
      this.key[i] = this.key[parent];
      i = parent;
    }
    this.vertex[i] = v;
    this.key[i] = key;
  }

  /** The unlocked vertex with the highest current gain, or -1. */
  pop(gain: Float64Array, locked: Uint8Array): number {
    while (this.size > 0) {
      const v = this.vertex[0];
      const key = this.key[0];
      this.removeTop();
      if (!locked[v] && key === gain[v]) return v;
    }
    return -1;
  }

  private removeTop(): void {
    const last = --this.size;
    const v = this.vertex[last];
    const key = this.key[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.key[child + 1] > this.key[child]) child++;
      if (this.key[child] <= key) break;
      this.vertex[i] = this.vertex[child];
      this.key[i] = this.key[child];
      i = child;
    }
    this.vertex[i] = v;
    this.key[i] = key;
  }

  private grow(): void {
    const vertex = new Int32Array(this.vertex.length * 2);
    const key = new Float64Array(this.key.length * 2);
    vertex.set(this.vertex);
    key.set(this.key);
    this.vertex = vertex;
    this.key = key;
  }
}

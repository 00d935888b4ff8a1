/**
 * Undirected graphs with weighted vertices and edges in CSR, and the two operations a multilevel
 * partitioner needs on them: the subgraph a vertex subset induces, and one level of coarsening by
 * heavy-edge matching (Karypis & Kumar 1998, "A fast and high quality multilevel scheme for
 * partitioning irregular graphs", SIAM J. Sci. Comput. 20(1)). Typed arrays only.
 */
import type { Rng } from "../../util/rng.js";

export interface WeightedGraph {
  readonly vertices: number;
  /** Neighbours of v: adjacency[start[v] .. start[v+1]) with edge weights in the same slots. */
  readonly start: Int32Array;
  readonly adjacency: Int32Array;
  readonly edgeWeight: Float64Array;
  readonly vertexWeight: Float64Array;
}

/** Builds a graph from directed weighted edges: both directions merged, self-loops dropped. */
export function graphFromEdges(vertices: number, from: Int32Array, to: Int32Array, weight: Float64Array, vertexWeight: Float64Array): WeightedGraph {
  const degree = new Int32Array(vertices + 1);
  for (let e = 0; e < from.length; e++) {
    if (from[e] === to[e]) continue;
    degree[from[e] + 1]++;
    degree[to[e] + 1]++;
  }
  for (let v = 0; v < vertices; v++) degree[v + 1] += degree[v];
  const rawAdjacency = new Int32Array(degree[vertices]);
  const rawWeight = new Float64Array(degree[vertices]);
  const fill = degree.slice(0, vertices);
  for (let e = 0; e < from.length; e++) {
    const a = from[e];
    const b = to[e];
    if (a === b) continue;
    rawAdjacency[fill[a]] = b;
    rawWeight[fill[a]++] = weight[e];
    rawAdjacency[fill[b]] = a;
    rawWeight[fill[b]++] = weight[e];
  }
  return mergeParallel(vertices, degree, rawAdjacency, rawWeight, vertexWeight);
}

/** Sums the weights of parallel edges (one accumulator slot per vertex, reset per row). */
function mergeParallel(vertices: number, start: Int32Array, adjacency: Int32Array, weight: Float64Array, vertexWeight: Float64Array): WeightedGraph {
  const slot = new Int32Array(vertices).fill(-1);
  const outStart = new Int32Array(vertices + 1);
  const outAdjacency = new Int32Array(adjacency.length);
  const outWeight = new Float64Array(adjacency.length);
  let at = 0;
  for (let v = 0; v < vertices; v++) {
    const rowStart = at;
    for (let k = start[v]; k < start[v + 1]; k++) {
      const u = adjacency[k];
      if (slot[u] >= rowStart) outWeight[slot[u]] += weight[k];
      else {
        slot[u] = at;
        outAdjacency[at] = u;
        outWeight[at++] = weight[k];
      }
    }
    outStart[v + 1] = at;
  }
  return { vertices, start: outStart, adjacency: outAdjacency.slice(0, at), edgeWeight: outWeight.slice(0, at), vertexWeight };
}

/** The subgraph induced by `members` (vertex ids of `graph`); vertex i of it is members[i]. */
export function inducedSubgraph(graph: WeightedGraph, members: Int32Array, scratch: Int32Array): WeightedGraph {
  // scratch[v] = local id + 1 of members, 0 elsewhere; cleared again before returning.
  for (let i = 0; i < members.length; i++) scratch[members[i]] = i + 1;
  const start = new Int32Array(members.length + 1);
  for (let i = 0; i < members.length; i++) {
    const v = members[i];
    let degree = 0;
    for (let k = graph.start[v]; k < graph.start[v + 1]; k++) if (scratch[graph.adjacency[k]] > 0) degree++;
    start[i + 1] = start[i] + degree;
  }
  const adjacency = new Int32Array(start[members.length]);
  const edgeWeight = new Float64Array(start[members.length]);
  const vertexWeight = new Float64Array(members.length);
  for (let i = 0; i < members.length; i++) {
    const v = members[i];
    vertexWeight[i] = graph.vertexWeight[v];
    let at = start[i];
    for (let k = graph.start[v]; k < graph.start[v + 1]; k++) {
      const local = scratch[graph.adjacency[k]];
      if (local > 0) {
        adjacency[at] = local - 1;
        edgeWeight[at++] = graph.edgeWeight[k];
      }
    }
  }
  for (let i = 0; i < members.length; i++) scratch[members[i]] = 0;
  return { vertices: members.length, start, adjacency, edgeWeight, vertexWeight };
}

export interface Coarsened {
  readonly graph: WeightedGraph;
  /** Coarse vertex of each fine vertex. */
  readonly coarseOf: Int32Array;
}

/**
 * One level of heavy-edge matching: vertices in a seeded random order each pair with the
 * unmatched neighbour joined by the heaviest edge, as long as the pair weighs at most
 * `maxVertexWeight` (so that no coarse vertex is too big to balance a bisection).
 */
export function coarsen(graph: WeightedGraph, maxVertexWeight: number, rng: Rng): Coarsened {
  const n = graph.vertices;
  const order = new Int32Array(n);
  for (let v = 0; v < n; v++) order[v] = v;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const match = new Int32Array(n).fill(-1);
  for (const v of order) {
    if (match[v] >= 0) continue;
    let best = -1;
    let bestWeight = -1;
    for (let k = graph.start[v]; k < graph.start[v + 1]; k++) {
      const u = graph.adjacency[k];
      if (match[u] >= 0 || graph.vertexWeight[u] + graph.vertexWeight[v] > maxVertexWeight) continue;
      if (graph.edgeWeight[k] > bestWeight) {
        bestWeight = graph.edgeWeight[k];
        best = u;
      }
    }
    match[v] = best >= 0 ? best : v;
    if (best >= 0) match[best] = v;
  }
  const coarseOf = new Int32Array(n).fill(-1);
  let coarse = 0;
  for (let v = 0; v < n; v++) {
    if (coarseOf[v] >= 0) continue;
    coarseOf[v] = coarse;
    coarseOf[match[v]] = coarse;
    coarse++;
  }
  const vertexWeight = new Float64Array(coarse);
  for (let v = 0; v < n; v++) vertexWeight[coarseOf[v]] += graph.vertexWeight[v];
  // Coarse edges: group fine vertices by coarse vertex, then merge their rows.
  const memberStart = new Int32Array(coarse + 1);
  for (let v = 0; v < n; v++) memberStart[coarseOf[v] + 1]++;
  for (let c = 0; c < coarse; c++) memberStart[c + 1] += memberStart[c];
  const members = new Int32Array(n);
  const cursor = memberStart.slice(0, coarse);
  for (let v = 0; v < n; v++) members[cursor[coarseOf[v]]++] = v;
  const start = new Int32Array(coarse + 1);
  for (let c = 0; c < coarse; c++) {
    let degree = 0;
    for (let m = memberStart[c]; m < memberStart[c + 1]; m++) degree += graph.start[members[m] + 1] - graph.start[members[m]];
    start[c + 1] = start[c] + degree;
  }
  const adjacency = new Int32Array(start[coarse]);
  const edgeWeight = new Float64Array(start[coarse]);
  const fill = start.slice(0, coarse);
  for (let c = 0; c < coarse; c++) {
    for (let m = memberStart[c]; m < memberStart[c + 1]; m++) {
      const v = members[m];
      for (let k = graph.start[v]; k < graph.start[v + 1]; k++) {
        adjacency[fill[c]] = coarseOf[graph.adjacency[k]];
        edgeWeight[fill[c]++] = graph.edgeWeight[k];
      }
    }
  }
  // Edges inside a matched pair become self-loops; drop them while merging parallel edges.
  const merged = mergeParallel(coarse, start, adjacency, edgeWeight, vertexWeight);
  return { graph: dropSelfLoops(merged), coarseOf };
}

function dropSelfLoops(graph: WeightedGraph): WeightedGraph {
  const start = new Int32Array(graph.vertices + 1);
  const adjacency = new Int32Array(graph.adjacency.length);
  const edgeWeight = new Float64Array(graph.adjacency.length);
  let at = 0;
  for (let v = 0; v < graph.vertices; v++) {
    for (let k = graph.start[v]; k < graph.start[v + 1]; k++) {
      if (graph.adjacency[k] === v) continue;
      adjacency[at] = graph.adjacency[k];
      edgeWeight[at++] = graph.edgeWeight[k];
    }
    start[v + 1] = at;
  }
  return { vertices: graph.vertices, start, adjacency: adjacency.slice(0, at), edgeWeight: edgeWeight.slice(0, at), vertexWeight: graph.vertexWeight };
}

/** Total weight of the edges whose ends lie on different sides. */
export function cutWeight(graph: WeightedGraph, side: Uint8Array): number {
  let cut = 0;
  for (let v = 0; v < graph.vertices; v++) {
    for (let k = graph.start[v]; k < graph.start[v + 1]; k++) if (side[graph.adjacency[k]] !== side[v]) cut += graph.edgeWeight[k];
  }
  return cut / 2;
}

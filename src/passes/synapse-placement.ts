/**
 * Where route put each synapse of a projection: its core and its index in that core's synapse
 * arrays. Route fills every core's CSR in one walk (sources in order: populations, then inputs;
 * per source element its projections in network order; per projection its CSR row), so the same
 * walk, counting per core, finds every entry again. emit checks each answer against the routed
 * arrays (target compartment and mantissa), so the two walks cannot drift apart unnoticed.
 */
import type { Routed } from "./stages.js";

export interface Placement {
  readonly core: Int32Array;
  readonly index: Int32Array;
}

/** Placements of the projections in `wanted` (elaborated indices), in their CSR order. */
export function placeSynapses(routed: Routed, wanted: readonly number[]): Map<number, Placement> {
  const partitioned = routed.partitioned;
  const net = partitioned.quantized.discretized.elaborated;
  const { neuronCore, populationOffset } = partitioned;
  const placements = new Map<number, Placement>();
  for (const j of wanted) {
    const count = net.projections[j].synapses.post.length;
    placements.set(j, { core: new Int32Array(count), index: new Int32Array(count) });
  }
  const fill = new Int32Array(routed.cores.length);
  const sources = [
    ...net.populations.map((population, p) => ({ size: population.size, kind: "population" as const, index: p })),
    ...net.inputs.map((input, k) => ({ size: input.size, kind: "input" as const, index: k })),
  ];
  for (const source of sources) {
    const leaving = net.projections.filter((j) => j.pre.kind === source.kind && j.pre.index === source.index);
    for (let i = 0; i < source.size; i++) {
      for (const projection of leaving) {
        const placement = placements.get(projection.index);
        const postBase = populationOffset[projection.post];
        const { rowStart, post } = projection.synapses;
        for (let k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
          const c = neuronCore[postBase + post[k]];
          const at = fill[c]++;
          if (placement !== undefined) {
            placement.core[k] = c;
            placement.index[k] = at;
          }
        }
      }
    }
  }
  return placements;
}

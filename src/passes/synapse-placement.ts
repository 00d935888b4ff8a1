/**
 * Where route put each synapse of a projection: its core and its index in that core's synapse
 * arrays. Route fills every core's CSR in one walk (sources in source-order.ts's order; per
 * source its projections in network order; per projection its CSR row), so the same
 * walk, counting per core, finds every entry again. emit checks each answer against the routed
 * arrays (target compartment and mantissa), so the two walks cannot drift apart unnoticed.
 */
import type { Routed } from "./stages.js";
import { sourceOrder } from "./source-order.js";

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
  const { groups, sourceGroup, sourceRow } = sourceOrder(partitioned);
  for (let s = 0; s < sourceGroup.length; s++) {
    const i = sourceRow[s];
    for (const projection of groups[sourceGroup[s]]) {
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
  return placements;
}

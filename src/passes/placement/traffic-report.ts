/**
 * The spike traffic a placement implies: for every pair of cores (a, b), the neurons of a with a
 * synapse on b and the messages per second they send there (one message per spike per
 * destination core, as routes carry them), with the router hops and chip links of the path.
 * One pass over the synapses grouped by destination core; one accumulator slot per source core.
 */
import { hopsBetween, linksBetween, type SystemLayout } from "../../targets/mesh.js";
import type { Target } from "../../targets/types.js";
import type { SynapseGraph } from "../partition.js";
import type { RoutingEntry, TrafficSummary } from "../stages.js";
import { groupByCore } from "./traffic-placement.js";

export interface PlacementView {
  readonly neuronCore: Int32Array;
  readonly coreSlot: Int32Array;
}

export function routingTable(graph: SynapseGraph, placement: PlacementView, rate: Float64Array, layout: SystemLayout, target: Pick<Target, "chip">): RoutingEntry[] {
  const { neuronCore, coreSlot } = placement;
  const cores = coreSlot.length;
  const byCore = groupByCore(neuronCore, cores);
  const stamp = new Int32Array(graph.neuronCount).fill(-1);
  const messages = new Float64Array(cores);
  const sources = new Int32Array(cores);
  const touched = new Int32Array(cores);
  const entries: RoutingEntry[] = [];
  for (let to = 0; to < cores; to++) {
    let touchedCount = 0;
    for (let m = byCore.start[to]; m < byCore.start[to + 1]; m++) {
      const g = byCore.neurons[m];
      for (let k = graph.sourceStart[g]; k < graph.sourceStart[g + 1]; k++) {
        const s = graph.sources[k];
        if (s >= graph.neuronCount || stamp[s] === to) continue;
        stamp[s] = to;
        const from = neuronCore[s];
        if (sources[from] === 0) touched[touchedCount++] = from;
        sources[from]++;
        messages[from] += rate[s];
      }
    }
    for (let t = 0; t < touchedCount; t++) {
      const from = touched[t];
      const a = coreSlot[from];
      const b = coreSlot[to];
      entries.push({ from, to, hops: hopsBetween(layout, a, b), links: linksBetween(layout, a, b, target), sources: sources[from], messagesPerSecond: messages[from] });
      sources[from] = 0;
      messages[from] = 0;
    }
  }
  entries.sort((x, y) => x.from - y.from || x.to - y.to);
  return entries;
}

export function summarise(routing: readonly RoutingEntry[], layout: SystemLayout, coreSlot: Int32Array): TrafficSummary {
  let interCore = 0;
  let interChip = 0;
  let hopTraffic = 0;
  let linkTraffic = 0;
  for (const entry of routing) {
    if (entry.from === entry.to) continue;
    interCore += entry.messagesPerSecond;
    if (layout.chip[coreSlot[entry.from]] !== layout.chip[coreSlot[entry.to]]) interChip += entry.messagesPerSecond;
    hopTraffic += entry.messagesPerSecond * entry.hops;
    linkTraffic += entry.messagesPerSecond * entry.links;
  }
  return { interCore, interChip, hopTraffic, linkTraffic, meanHops: interCore > 0 ? hopTraffic / interCore : 0 };
}

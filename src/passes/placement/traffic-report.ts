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

/**
 * Calls `visit` once per pair of cores (from, to) joined by at least one synapse, with the
 * number of neurons of `from` that have a synapse on `to` and their messages per second.
 */
function walkRoutes(graph: SynapseGraph, placement: PlacementView, rate: Float64Array, visit: (from: number, to: number, sources: number, messages: number) => void): void {
  const { neuronCore, coreSlot } = placement;
  const cores = coreSlot.length;
  const byCore = groupByCore(neuronCore, cores);
  const stamp = new Int32Array(graph.neuronCount).fill(-1);
  const messages = new Float64Array(cores);
  const sources = new Int32Array(cores);
  const touched = new Int32Array(cores);
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
      visit(from, to, sources[from], messages[from]);
      sources[from] = 0;
      messages[from] = 0;
    }
  }
}

/** Every core's routing table: the cores its neurons send to, with hops, links and traffic. */
export function routingTable(graph: SynapseGraph, placement: PlacementView, rate: Float64Array, layout: SystemLayout, target: Pick<Target, "chip">): RoutingEntry[] {
  const { coreSlot } = placement;
  const inSystem = (slot: number) => slot < layout.cores;
  const entries: RoutingEntry[] = [];
  walkRoutes(graph, placement, rate, (from, to, sources, messagesPerSecond) => {
    const a = coreSlot[from];
    const b = coreSlot[to];
    const known = inSystem(a) && inSystem(b);
    entries.push({ from, to, hops: known ? hopsBetween(layout, a, b) : 0, links: known ? linksBetween(layout, a, b, target) : 0, sources, messagesPerSecond });
  });
  entries.sort((x, y) => x.from - y.from || x.to - y.to);
  return entries;
}

/** The traffic summary of a placement straight from the synapses, without building its tables. */
export function trafficOf(graph: SynapseGraph, placement: PlacementView, rate: Float64Array, layout: SystemLayout, target: Pick<Target, "chip">): TrafficSummary {
  const totals = new TrafficTotals(layout, placement.coreSlot);
  walkRoutes(graph, placement, rate, (from, to, _sources, messages) => {
    const a = placement.coreSlot[from];
    const b = placement.coreSlot[to];
    const known = a < layout.cores && b < layout.cores;
    totals.add(from, to, messages, known ? hopsBetween(layout, a, b) : 0, known ? linksBetween(layout, a, b, target) : 0);
  });
  return totals.summary();
}

/** Sums of messages between cores and chips, and weighted by hops and links. */
class TrafficTotals {
  private interCore = 0;
  private interChip = 0;
  private hopTraffic = 0;
  private linkTraffic = 0;

  constructor(
    private readonly layout: SystemLayout,
    private readonly coreSlot: Int32Array,
  ) {}

  add(from: number, to: number, messages: number, hops: number, links: number): void {
    if (from === to) return;
    this.interCore += messages;
    const a = this.coreSlot[from];
    const b = this.coreSlot[to];
    if (a < this.layout.cores && b < this.layout.cores && this.layout.chip[a] !== this.layout.chip[b]) this.interChip += messages;
    this.hopTraffic += messages * hops;
    this.linkTraffic += messages * links;
  }

  summary(): TrafficSummary {
    const { interCore, interChip, hopTraffic, linkTraffic } = this;
    return { interCore, interChip, hopTraffic, linkTraffic, meanHops: interCore > 0 ? hopTraffic / interCore : 0 };
  }
}

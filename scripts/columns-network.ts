/**
 * A generated network of cortical-style columns for placement at scale: each column an
 * excitatory and an inhibitory population wired densely inside, and its excitatory neurons
 * sending a few synapses to the columns next to it on a ring. The columns are listed in a
 * shuffled order, so that IR order says nothing about who talks to whom: a placement that keeps
 * traffic local has to find the columns itself. Every neuron receives `indegree` synapses.
 */
import { Rng } from "../src/util/rng.js";

export interface ColumnsOptions {
  readonly columns: number;
  readonly neuronsPerColumn: number;
  /** Synapses onto every neuron (default 100). */
  readonly indegree?: number;
  /** Share of an excitatory neuron's synapses from the two neighbouring columns on each side (default 0.2). */
  readonly longRange?: number;
  /** Poisson drive: lines per column (default 0 = no inputs). */
  readonly inputsPerColumn?: number;
  readonly durationMs?: number;
  readonly seed?: number;
  /** Record every population's spikes (default false: compile-only networks record nothing). */
  readonly record?: boolean;
}

const PARAMS = { tau_m: 20, v_rest: -65, v_reset: -65, v_thresh: -50, tau_ref: 2, bias: 0 };
const SYNAPSE = { kind: "exponential", tau: 5 };

/** The network as tripart.network/1 JSON text. */
export function columnsNetwork(options: ColumnsOptions): string {
  const { columns, neuronsPerColumn } = options;
  const indegree = options.indegree ?? 100;
  const longRange = options.longRange ?? 0.2;
  const inputs = options.inputsPerColumn ?? 0;
  const exc = Math.round(neuronsPerColumn * 0.8);
  const inh = neuronsPerColumn - exc;
  const fromInh = Math.max(1, Math.round(indegree * 0.2));
  const fromNeighbours = Math.round(indegree * longRange);
  const perNeighbour = Math.max(1, Math.floor(fromNeighbours / 4));
  const fromOwnExc = indegree - fromInh - 4 * perNeighbour;
  const order = shuffled(columns, new Rng(options.seed ?? 11));
  const populations: unknown[] = [];
  const projections: unknown[] = [];
  const inputList: unknown[] = [];
  const connect = (indegree: number) => ({ rule: "fixed_indegree", indegree, autapses: false });
  for (const c of order) {
    populations.push({ id: `c${c}e`, model: "lif", size: exc, params: PARAMS });
    populations.push({ id: `c${c}i`, model: "lif", size: inh, params: PARAMS });
  }
  for (const c of order) {
    const e = `c${c}e`;
    const i = `c${c}i`;
    projections.push({ id: `${e}_${e}`, pre: e, post: e, connect: connect(fromOwnExc), weight: 0.5, delay: 1, synapse: SYNAPSE, sign: "excitatory" });
    projections.push({ id: `${i}_${e}`, pre: i, post: e, connect: connect(fromInh), weight: 2, delay: 1, synapse: SYNAPSE, sign: "inhibitory" });
    projections.push({ id: `${e}_${i}`, pre: e, post: i, connect: connect(indegree - fromInh), weight: 0.5, delay: 1, synapse: SYNAPSE, sign: "excitatory" });
    projections.push({ id: `${i}_${i}`, pre: i, post: i, connect: connect(fromInh), weight: 2, delay: 1, synapse: SYNAPSE, sign: "inhibitory" });
    for (const step of [-2, -1, 1, 2]) {
      const other = `c${(c + step + columns) % columns}e`;
      if (columns > 2 * Math.abs(step)) projections.push({ id: `${other}_${e}`, pre: other, post: e, connect: connect(perNeighbour), weight: 0.5, delay: 2, synapse: SYNAPSE, sign: "excitatory" });
    }
    if (inputs > 0) {
      inputList.push({ id: `d${c}`, kind: "poisson", size: inputs, rate: 20 });
      projections.push({ id: `d${c}_${e}`, pre: `d${c}`, post: e, connect: { rule: "fixed_probability", p: 0.5, autapses: true }, weight: 25, delay: 0, synapse: SYNAPSE, sign: "excitatory" });
    }
  }
  return JSON.stringify({
    format: "tripart.network/1",
    name: `columns-${columns}x${neuronsPerColumn}`,
    run: { dt: 1, duration: options.durationMs ?? 10, seed: options.seed ?? 11 },
    populations,
    inputs: inputList,
    projections,
    record: options.record === true ? order.flatMap((c) => [`c${c}e`, `c${c}i`].map((population) => ({ population, spikes: true }))) : [],
  });
}

function shuffled(n: number, rng: Rng): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

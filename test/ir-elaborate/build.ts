// Builders of small checked networks for the elaboration and reference tests, plus CSR checks.
import { expect } from "vitest";
import { asStage } from "../../src/ir/stage.js";
import type { Csr } from "../../src/ir/elaborated.js";
import {
  NETWORK_FORMAT,
  type Checked,
  type Connectivity,
  type Input,
  type LifParams,
  type Network,
  type Population,
  type Projection,
} from "../../src/ir/types.js";

/** A quiet neuron: rest 0 mV, threshold far away, no refractoriness, no bias. */
export const QUIET: LifParams = { tau_m: 10, v_rest: 0, v_reset: 0, v_thresh: 1e6, tau_ref: 0, bias: 0 };

export function network(parts: Partial<Network>): Checked {
  return asStage("checked", {
    format: NETWORK_FORMAT,
    run: { dt: 1, duration: 50, seed: 1 },
    populations: [],
    inputs: [],
    projections: [],
    currents: [],
    astrocytes: [],
    tripartite: [],
    plasticity: [],
    record: [],
    ...parts,
  } satisfies Network);
}

export function population(id: string, size: number, params: Partial<LifParams> = {}, initial?: Population["initial"]): Population {
  return { id, model: "lif", size, params: { ...QUIET, ...params }, ...(initial ? { initial } : {}) };
}

export function spikeTimes(id: string, times: number[][]): Input {
  return { id, kind: "spike_times", size: times.length, times };
}

/** An excitatory projection of weight 1, delay 0 and synaptic tau 5 ms unless overridden. */
export function projection(
  id: string,
  pre: string,
  post: string,
  connect: Connectivity,
  extra: Partial<Omit<Projection, "id" | "pre" | "post" | "connect">> = {},
): Projection {
  return {
    id,
    pre,
    post,
    connect,
    weight: 1,
    delay: 0,
    synapse: { kind: "exponential", tau: 5 },
    sign: "excitatory",
    ...extra,
  };
}

/** The pairs (pre, post) of a CSR, in CSR order. */
export function pairsOf(csr: Csr): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < csr.rowStart.length; i++) {
    for (let k = csr.rowStart[i]; k < csr.rowStart[i + 1]; k++) pairs.push([i, csr.post[k]]);
  }
  return pairs;
}

/** rowStart starts at 0, never decreases, ends at the synapse count; rows hold posts ascending. */
export function expectCsrInvariants(csr: Csr, preSize: number, postSize: number): void {
  const count = csr.post.length;
  expect(csr.rowStart.length).toBe(preSize + 1);
  expect(csr.rowStart[0]).toBe(0);
  expect(csr.rowStart[preSize]).toBe(count);
  expect(csr.weight.length).toBe(count);
  expect(csr.delay.length).toBe(count);
  let badRows = 0;
  let badPosts = 0;
  for (let i = 0; i < preSize; i++) {
    if (csr.rowStart[i + 1] < csr.rowStart[i]) badRows++;
    for (let k = csr.rowStart[i]; k < csr.rowStart[i + 1]; k++) {
      if (csr.post[k] < 0 || csr.post[k] >= postSize) badPosts++;
      if (k > csr.rowStart[i] && csr.post[k] < csr.post[k - 1]) badPosts++;
    }
  }
  expect(badRows).toBe(0);
  expect(badPosts).toBe(0);
}

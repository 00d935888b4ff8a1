#!/usr/bin/env node
/**
 * Writes network.json: astrocyte-gated pair STDP. Sixteen Izhikevich "pre" neurons driven at
 * different rates excite two "post" neurons, biased just below rheobase, through plastic
 * sigmoidal conductance synapses; one Ullah astrocyte senses the glutamate of all ten and owns
 * them. The synapses learn by additive pair STDP only while the astrocyte's gate is open
 * (modulation by gate, open 1, closed 0). makeNetwork({ closed: 1 }) gives the control: the same
 * rule learning all the time.
 *
 *   node examples/astro-gated-stdp/make-network.mjs [output-directory]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const PRE = 16;
const POST = 2;
/** Drive of pre neuron j (Izhikevich current units): 3.8 (silent) to 11.3 (about 150 Hz). */
const PRE_DRIVE = Array.from({ length: PRE }, (_, j) => Number((3.8 + 0.5 * j).toFixed(2)));
const POST_BIAS = 3.8;

export function makeNetwork({ closed = 0 } = {}) {
  const cells = PRE + POST;
  const pairs = [];
  for (let j = 0; j < PRE; j++) for (let i = 0; i < POST; i++) pairs.push([j, PRE + i]);
  return {
    format: "tripart.network/1",
    name: closed === 0 ? "astro-gated-stdp" : "astro-gated-stdp-control",
    description:
      `Astrocyte-gated pair STDP: ${PRE} Izhikevich neurons driven at 0-150 Hz for 1.5 s excite ${POST} neurons biased just below ` +
      "rheobase through plastic sigmoidal conductance synapses (g = 0.03, w_max 0.12). One Ullah astrocyte senses the glutamate of all " +
      "of them and opens its gate for 250 ms at a time once Ca exceeds 0.15 µM; the synapses learn by additive pair STDP only while " +
      `the gate is open (modulation by gate, open 1, closed ${closed}). Written by make-network.mjs.`,
    run: { dt: 0.1, duration: 2000, seed: 1 },
    populations: [
      {
        id: "cells",
        model: "izhikevich",
        size: cells,
        params: { a: 0.1, b: 0.2, c: -65, d: 2, v_peak: 30, input_clip: 25 },
        initial: { v: -70, u: 0 },
        glutamate: { decay_rate: 10, release_rate: 600, release: "at_peak" },
      },
    ],
    inputs: [],
    projections: [
      {
        id: "learned",
        pre: "cells",
        post: "cells",
        connect: { rule: "explicit", pairs },
        weight: 0.03,
        synapse: { kind: "sigmoid_conductance", e_rev: 0, k: 0.2 },
        plasticity: "gated",
      },
    ],
    currents: [
      {
        id: "drive",
        kind: "steps",
        population: "cells",
        segments: [
          { start: 0, stop: 1500, values: [...PRE_DRIVE, ...Array(POST).fill(POST_BIAS)] },
          { start: 1500, stop: 2000, values: [...Array(PRE).fill(0), ...Array(POST).fill(POST_BIAS)] },
        ],
      },
    ],
    astrocytes: [
      {
        id: "astrocyte",
        model: "ullah2006",
        size: 1,
        period: 0.1,
        params: {
          c0: 2.0, c1: 0.185, v1: 6.0, v2: 0.11, v3: 2.2, v4: 0.3, v6: 0.2, k1: 0.5, k2: 1.0, k3: 0.1, k4: 1.1,
          d1: 0.13, d2: 1.049, d3: 0.9434, d5: 0.082, a2: 0.14, ip3_star: 0.16, ip3_rate: 0.14, alpha: 0.8,
          membrane_fluxes: true, plc_delta: true,
        },
        initial: { ca: 0.072495, h: 0.886314, ip3: 0.820204 },
        territory: { kind: "lists", population: "cells", neurons: [Array.from({ length: cells }, (_, n) => n)] },
        owner: "last",
        sensing: { kind: "glutamate_count", threshold: 0.5, min_count: 1, amplitude: 5, duration: 60 },
        gate: { ca_threshold: 0.15, min_coincident: 1, window: 10, check_period: 1, hold: 250 },
      },
    ],
    tripartite: [],
    plasticity: [
      {
        id: "gated",
        rule: "stdp",
        pairing: "all_to_all",
        tau_plus: 20,
        tau_minus: 20,
        a_plus: 0.006,
        a_minus: 0.003,
        w_min: 0,
        w_max: 0.12,
        modulation: { astrocytes: "astrocyte", by: "gate", open: 1, closed },
      },
    ],
    record: [
      { population: "cells", spikes: true },
      { population: "astrocyte", state: ["ca", "ip3", "gate"] },
    ],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ?? HERE;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "network.json"), JSON.stringify(makeNetwork(), undefined, 2) + "\n");
}

#!/usr/bin/env node
/**
 * Writes the four tripartite-synapse networks (one per astrocyte effect). They share everything
 * but the "tripartite" section: neuron 0 (pre) drives neuron 1 (post) through one sigmoidal
 * conductance synapse; one astrocyte senses both neurons and owns both.
 *
 *   node examples/tripartite-synapse/make-networks.mjs [output-directory]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));

const EFFECTS = {
  additive: { projection: "synapse", by: "post", effect: { kind: "additive", nu: 0.5 } },
  multiplicative: { projection: "synapse", by: "post", effect: { kind: "multiplicative", k: 2 } },
  suppressive: { projection: "synapse", by: "post", effect: { kind: "suppressive", k: 0.9 } },
  // NEST's SIC threshold (astrocyte_lr_1994's SIC_th); the scale keeps the current near 0.65 at Ca ≈ 0.9 µM.
  sic: { population: "pair", effect: { kind: "sic", scale: 0.1, threshold: 0.19669 } },
};

function network(name, tripartite) {
  return {
    format: "tripart.network/1",
    name: `tripartite-${name}`,
    description:
      `One tripartite synapse (${name}): Izhikevich neuron 0 fires at about 130 Hz for 1.5 s and drives neuron 1 (biased just below ` +
      "rheobase) through a sigmoidal conductance synapse; one Ullah astrocyte senses the glutamate of both and, once its Ca exceeds " +
      "0.15 µM while one of them fires, opens its gate for 250 ms at a time. Written by make-networks.mjs.",
    run: { dt: 0.1, duration: 3000, seed: 1 },
    populations: [
      {
        id: "pair",
        model: "izhikevich",
        size: 2,
        params: { a: 0.1, b: 0.2, c: -65, d: 2, v_peak: 30, input_clip: 25 },
        initial: { v: -70, u: 0 },
        glutamate: { decay_rate: 10, release_rate: 600, release: "at_peak" },
      },
    ],
    inputs: [],
    projections: [
      {
        id: "synapse",
        pre: "pair",
        post: "pair",
        connect: { rule: "explicit", pairs: [[0, 1]] },
        weight: 0.2,
        synapse: { kind: "sigmoid_conductance", e_rev: 0, k: 0.2 },
      },
    ],
    currents: [
      {
        id: "drive",
        kind: "steps",
        population: "pair",
        segments: [
          { start: 0, stop: 1500, values: [10, 3.5] },
          { start: 1500, stop: 3000, values: [0, 3.5] },
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
        territory: { kind: "lists", population: "pair", neurons: [[0, 1]] },
        owner: "last",
        sensing: { kind: "glutamate_count", threshold: 0.5, min_count: 1, amplitude: 5, duration: 60 },
        gate: { ca_threshold: 0.15, min_coincident: 1, window: 10, check_period: 1, hold: 250 },
      },
    ],
    tripartite: [{ id: name, astrocytes: "astrocyte", ...tripartite }],
    record: [
      { population: "pair", spikes: true, state: ["v", "i_syn", "glutamate"] },
      { population: "astrocyte", state: ["ca", "ip3", "gate"] },
    ],
  };
}

const outDir = process.argv[2] ?? HERE;
mkdirSync(outDir, { recursive: true });
for (const [name, tripartite] of Object.entries(EFFECTS)) {
  writeFileSync(join(outDir, `network-${name}.json`), JSON.stringify(network(name, tripartite), undefined, 2) + "\n");
}

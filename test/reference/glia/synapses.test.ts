// The synaptic-current loop against a plain CSR-order re-computation: several projections onto
// one population (network order), many synapses per neuron, synapses of one post owned by
// different astrocytes, an input source, and two couplings on one projection.
import { describe, expect, it } from "vitest";
import { simulateGlia } from "../../../src/reference/glia-simulator.js";
import type { ElaboratedProjection } from "../../../src/ir/elaborated.js";
import { Rng } from "../../../src/util/rng.js";
import { conductance, current, FROZEN, gliaNetwork, spikeInput, synapseEffect, trace } from "./build.js";

const SIZE = 12;
const STEPS = 300;
const rng = new Rng(7);
const triples = (preSize: number, count: number): [number, number, number][] =>
  Array.from({ length: count }, () => [rng.nextInt(preSize), rng.nextInt(SIZE), 0.01 + 0.05 * rng.nextFloat()]);

const recurrent = conductance("rec", 0, { kind: "population", index: 0, size: SIZE }, 0, triples(SIZE, 60), 0, 0.2);
const inhibitory = conductance("inh", 1, { kind: "population", index: 0, size: SIZE }, 0, triples(SIZE, 30), -90, 0.5);
const external = conductance("ext", 2, { kind: "input", index: 0, size: 3 }, 0, triples(3, 10), 0, 0.2);
const ownerA = Array.from(recurrent.synapses.post, () => rng.nextInt(3) - 1); // −1 … 1
const ownerB = Array.from(recurrent.synapses.post, () => rng.nextInt(2));

function run(couplings: "none" | "one" | "two") {
  const tripartite =
    couplings === "none"
      ? []
      : couplings === "one"
        ? [synapseEffect("t0", 0, 0, 0, ownerA, { kind: "additive", nu: 0.3 })]
        : [
            synapseEffect("t0", 0, 0, 0, ownerA, { kind: "additive", nu: 0.3 }),
            synapseEffect("t1", 1, 0, 0, ownerB, { kind: "suppressive", k: 0.5 }),
          ];
  const net = gliaNetwork({
    steps: STEPS,
    populations: [{ id: "n", size: SIZE }],
    inputs: [spikeInput("in", 0, 3, [[5, 0], [5, 2], [40, 1], [41, 1], [200, 0]])],
    projections: [recurrent, inhibitory, external],
    currents: [current("drive", 0, 0, Array.from({ length: SIZE }, (_, n) => [0, n, 6 + n] as const))],
    astrocytes: [
      {
        id: "a",
        model: { model: "reduced", params: { ...FROZEN, ca_rest: 0.3 } },
        size: 2,
        initial: { ca: 0.3, h: 1, ip3: 0 },
        territory: [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]],
        populationSize: SIZE,
        gate: { ca_threshold: 0.15, min_coincident: 1, windowSteps: 20, checkSteps: 10, holdSteps: 30 },
      },
    ],
    tripartite,
    record: [{ population: "n", state: ["v", "i_syn"] }, { population: "a", state: ["gate"] }, { population: "in" }],
  });
  return simulateGlia(net).recording;
}

/** I_syn of step s recomputed in CSR order, projection by projection. */
function expectedCurrent(
  v: Float64Array[],
  gate: Float64Array[],
  inputSpikes: Set<string>,
  s: number,
  couplings: "none" | "one" | "two",
): number[] {
  const current = new Array<number>(SIZE).fill(0);
  const projections: [ElaboratedProjection, number][] = [[recurrent, 0], [inhibitory, 1], [external, 2]];
  for (const [projection, p] of projections) {
    const { rowStart, post, weight } = projection.synapses;
    const { eRev, k } = projection.conductance!;
    for (let pre = 0; pre < rowStart.length - 1; pre++) {
      const S = p === 2 ? (inputSpikes.has(`${s}:${pre}`) ? 1 : 0) : 1 / (1 + Math.exp(-v[pre][s] / k));
      for (let c = rowStart[pre]; c < rowStart[pre + 1]; c++) {
        let g = weight[c];
        const A = (a: number) => (a < 0 || s === 0 ? 0 : gate[a][s - 1]);
        if (p === 0 && couplings !== "none") g = g + 0.3 * A(ownerA[c]);
        if (p === 0 && couplings === "two") g = g * (1 - 0.5 * A(ownerB[c]));
        current[post[c]] += g * S * (eRev - v[post[c]][s]);
      }
    }
  }
  return current;
}

describe.each(["none", "one", "two"] as const)("synaptic currents with %s coupling(s)", (couplings) => {
  it("equal the CSR-order sum in every step, to the bit", () => {
    const recording = run(couplings);
    const v = Array.from({ length: SIZE }, (_, n) => trace(recording, "n", "v", n));
    const iSyn = Array.from({ length: SIZE }, (_, n) => trace(recording, "n", "i_syn", n));
    const gate = [0, 1].map((a) => trace(recording, "a", "gate", a));
    const train = recording.populations.find((p) => p.id === "in")?.spikes;
    expect(Array.from(train?.step ?? [])).toEqual([5, 5, 40, 41, 200]);
    const inputSpikes = new Set(Array.from(train?.step ?? [], (s, i) => `${s}:${train?.neuron[i]}`));
    if (couplings !== "none") expect(gate.some((g) => g.some((x) => x === 1))).toBe(true);
    for (let s = 0; s < STEPS; s++) {
      const expected = expectedCurrent(v, gate, inputSpikes, s, couplings);
      for (let n = 0; n < SIZE; n++) expect(iSyn[n][s]).toBe(expected[n]);
    }
  });
});

describe("determinism", () => {
  it("two runs of the same network give the same bits", () => {
    const first = run("two");
    const second = run("two");
    for (let n = 0; n < SIZE; n++) expect(trace(second, "n", "i_syn", n)).toEqual(trace(first, "n", "i_syn", n));
    expect(second.populations[0].spikes).toEqual(first.populations[0].spikes);
  });
});

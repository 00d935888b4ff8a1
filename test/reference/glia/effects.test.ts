// Tripartite effects in the reference: each synapse effect changes the postsynaptic current by
// exactly its formula with the gate and Ca from the end of the previous step; neuron effects
// (NEST's SIC, a constant current) enter the owned neurons' input of the next step.
import { describe, expect, it } from "vitest";
import { simulateGlia } from "../../../src/reference/glia-simulator.js";
import type { SynapseEffect } from "../../../src/ir/astro-types.js";
import { conductance, current, FROZEN, gliaNetwork, neuronEffect, referenceNeuron, synapseEffect, trace, type AstrocyteSpec } from "./build.js";

const STEPS = 1200;
const G = 0.025;
const CA = 0.3;

/** Neuron 0 spikes once per 400 steps (a 25-unit pulse), and that opens the gate of the astrocyte covering both. */
const PULSES = [0, 400, 800].flatMap((start) => [[start, 0, 25], [start + 40, 0, 0]] as const);

const gatedAstrocyte = (ca = CA): AstrocyteSpec => ({
  id: "a",
  model: { model: "reduced", params: { ...FROZEN, ca_rest: ca } },
  size: 1,
  initial: { ca, h: 1, ip3: 0 },
  territory: [[0, 1]],
  populationSize: 2,
  gate: { ca_threshold: 0.15, min_coincident: 1, windowSteps: 100, checkSteps: 10, holdSteps: 50 },
});

function runSynapse(effect: SynapseEffect) {
  const net = gliaNetwork({
    steps: STEPS,
    populations: [{ id: "n", size: 2 }],
    projections: [conductance("syn", 0, { kind: "population", index: 0, size: 2 }, 0, [[0, 1, G]])],
    currents: [current("pulse", 0, 0, PULSES)],
    astrocytes: [gatedAstrocyte()],
    tripartite: [synapseEffect("t", 0, 0, 0, [0], effect)],
    record: [{ population: "n", state: ["v", "i_syn"] }, { population: "a", state: ["gate", "ca"] }],
  });
  const recording = simulateGlia(net).recording;
  return {
    vPre: trace(recording, "n", "v", 0),
    vPost: trace(recording, "n", "v", 1),
    iPost: trace(recording, "n", "i_syn", 1),
    iPre: trace(recording, "n", "i_syn", 0),
    gate: trace(recording, "a", "gate"),
    ca: trace(recording, "a", "ca"),
  };
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v / 0.2));

const EFFECTS: [string, SynapseEffect, (a: number, ca: number) => number][] = [
  ["additive (WM2021: (0.025 + 0.5·A)·S·(0 − V))", { kind: "additive", nu: 0.5 }, (a) => G + 0.5 * a],
  ["multiplicative g·(1 + k·A)", { kind: "multiplicative", k: 2 }, (a) => G * (1 + 2 * a)],
  ["suppressive g·(1 − k·A)", { kind: "suppressive", k: 0.8 }, (a) => G * (1 - 0.8 * a)],
  [
    "graded additive g + ν·A·clamp((Ca − low)/(high − low), 0, 1)",
    { kind: "additive", nu: 0.5, graded: { ca_low: 0.2, ca_high: 0.5 } },
    (a, ca) => G + 0.5 * (a * Math.min(1, Math.max(0, (ca - 0.2) / (0.5 - 0.2)))),
  ],
  [
    "graded multiplicative, Ca above the high bound: factor 1 + k·A",
    { kind: "multiplicative", k: 2, graded: { ca_low: 0.1, ca_high: 0.2 } },
    (a) => G * (1 + 2 * a),
  ],
];

describe.each(EFFECTS)("synapse effect %s", (_name, effect, gEff) => {
  const run = runSynapse(effect);

  it("the gate both opens and closes during the run", () => {
    expect(run.gate.some((x) => x === 1)).toBe(true);
    expect(run.gate.some((x) => x === 0)).toBe(true);
  });

  it("I_syn[post] = (g_eff(A, Ca of the previous step)·S(V_pre))·(e_rev − V_post), exactly", () => {
    for (let s = 0; s < STEPS; s++) {
      const a = s === 0 ? 0 : run.gate[s - 1];
      const ca = s === 0 ? CA : run.ca[s - 1];
      expect(run.iPost[s]).toBe(gEff(a, ca) * sigmoid(run.vPre[s]) * (0 - run.vPost[s]));
    }
    expect(run.iPre.every((x) => x === 0)).toBe(true);
  });

  it("uses last step's gate: at the opening step the current still has A = 0", () => {
    const opening = Array.from(run.gate).findIndex((x) => x === 1);
    expect(run.iPost[opening]).toBe(gEff(0, CA) * sigmoid(run.vPre[opening]) * (0 - run.vPost[opening]));
    if (gEff(1, CA) !== gEff(0, CA)) {
      expect(run.iPost[opening + 1]).toBe(gEff(1, CA) * sigmoid(run.vPre[opening + 1]) * (0 - run.vPost[opening + 1]));
    }
  });
});

describe("neuron effects", () => {
  it("SIC: I += scale·ln((Ca − threshold)·1000) from the next step on, with the owner's Ca", () => {
    const ca = 0.25;
    const net = gliaNetwork({
      steps: 600,
      populations: [{ id: "n", size: 2 }],
      astrocytes: [{ ...gatedAstrocyte(ca), gate: undefined }],
      tripartite: [neuronEffect("sic", 0, 0, 0, { kind: "sic", scale: 1.5, threshold: 0.19669 })],
      record: [{ population: "n", state: ["v"] }],
    });
    const v = trace(simulateGlia(net).recording, "n", "v", 1);
    const sic = Math.log((ca - 0.19669) * 1000) * 1.5;
    expect(sic).toBeCloseTo(1.5 * Math.log(53.31), 12);
    expect(Array.from(v)).toEqual(referenceNeuron(600, (s) => (s === 0 ? 0 : sic)).v);
  });

  it("SIC is 0 while (Ca − threshold)·1000 ≤ 1", () => {
    const net = gliaNetwork({
      steps: 300,
      populations: [{ id: "n", size: 2 }],
      astrocytes: [{ ...gatedAstrocyte(0.19669 + 0.0009), gate: undefined }],
      tripartite: [neuronEffect("sic", 0, 0, 0, { kind: "sic", scale: 1, threshold: 0.19669 })],
      record: [{ population: "n", state: ["v"] }],
    });
    expect(Array.from(trace(simulateGlia(net).recording, "n", "v", 1))).toEqual(referenceNeuron(300, () => 0).v);
  });

  it("current: I += amplitude in the steps after those where the owner's gate is open", () => {
    const net = gliaNetwork({
      steps: STEPS,
      populations: [{ id: "n", size: 2 }],
      currents: [current("pulse", 0, 0, PULSES)],
      astrocytes: [gatedAstrocyte()],
      tripartite: [neuronEffect("inject", 0, 0, 0, { kind: "current", amplitude: 3 })],
      record: [{ population: "n", state: ["v"] }, { population: "a", state: ["gate"] }],
    });
    const recording = simulateGlia(net).recording;
    const gate = trace(recording, "a", "gate");
    expect(gate.some((x) => x === 1)).toBe(true);
    const expected = referenceNeuron(STEPS, (s) => (s > 0 && gate[s - 1] === 1 ? 3 : 0));
    expect(Array.from(trace(recording, "n", "v", 1))).toEqual(expected.v);
  });
});

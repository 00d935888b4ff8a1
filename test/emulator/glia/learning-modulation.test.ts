/**
 * Astrocyte-modulated learning (docs/semantics-learning.md §7) computed by hand, on both learning
 * engines: one input line onto two post neurons, neuron 0 owned by astrocyte 0 (by Ca), neuron 1
 * by none (m = closed). Toward-zero traces, floor writes, epoch 1, so every number is exact.
 */
import { describe, expect, it } from "vitest";
import type { HwLearning, HwPlasticProjection } from "../../../src/hw/learning-config.js";
import type { LearningSemantics } from "../../../src/targets/learning-types.js";
import { LearningEngine } from "../../../src/emulator/learning.js";
import { ScalarLearning } from "../../../src/emulator/learning-scalar.js";
import type { SpikeLayout } from "../../../src/emulator/learning-sources.js";
import { engineProjection, MemoryStore } from "../learning-build.js";

const SEMANTICS: LearningSemantics = {
  rules: ["stdp"],
  pairings: ["all_to_all"],
  boundExponents: [0, 1],
  astrocyteModulation: true,
  trace: { bits: 12, decayBits: 16, rounding: "toward-zero" },
  epoch: { default: 1, max: 64 },
  accumulator: { bits: 24, fractionBits: 8 },
  modulator: { bits: 16, fractionBits: 12, decayBits: 12 },
  eligibility: { decayBits: 12 },
  rounding: "floor",
  weightBits: 16,
};

const PROJECTION: HwPlasticProjection = engineProjection({
  synapsePre: Int32Array.from([0, 0]),
  synapsePost: Int32Array.from([0, 1]),
  // m = closed + trunc((open − closed)·clamp(Ca − caLow, 0, 2000) / 2000), Q.12
  modulation: { astrocytes: 0, astrocyteOf: Int32Array.from([0, -1]), by: "ca", open: 4096, closed: -2000, caLow: 1000, caHigh: 3000 },
});
const LEARNING: HwLearning = { semantics: SEMANTICS, epoch: 1, projections: [PROJECTION] };
const LAYOUT: SpikeLayout = {
  units: 2,
  lines: 1,
  symbols: [
    { id: "x", kind: "input", size: 1, global: Int32Array.from([0]) },
    { id: "n", kind: "population", size: 2, global: Int32Array.from([0, 1]) },
  ],
};

const memory = () => new MemoryStore([100, 2000]);

/** Steps 0–2: pre spike, post spikes of both neurons (Ca 2500 µM raw), pre spike (Ca 500). */
function run(step: (t: number, pre: boolean, post: boolean) => void, ca: Float64Array, store: MemoryStore): number[][] {
  const after: number[][] = [];
  ca[0] = 2500;
  step(0, true, false);
  after.push([...store.m]);
  step(1, false, true);
  after.push([...store.m]);
  ca[0] = 500;
  step(2, true, false);
  after.push([...store.m]);
  return after;
}

// Step 0: x = 1024 after the spike; nothing pairs.
// Step 1: x decays to 1024 − floor(1024·6554/2^16) = 922. Post spikes, Δ = 1000·922 = 922000;
//   neuron 0: m = −2000 + trunc(6096·1500/2000) = 2572, Δ' = trunc(922000·2572/4096) = 578951,
//   write floor(578951/256) = 2261: 100 → 2361; neuron 1 (no owner): m = −2000,
//   Δ' = trunc(−450195.3) = −450195 (floor would give −450196), write floor(−1758.6) = −1759: 2000 → 241.
// Step 2: y decays to 922, Ca below caLow: m = closed = −2000 for both; a pre spike depresses by
//   Δ = 600·922 = 553200, Δ' = trunc(553200·−2000/4096) = −270117, so acc = +270117: a negative
//   factor turns depression into potentiation, write floor(270117/256) = 1055: 2361 → 3416, 241 → 1296.
const EXPECTED = [
  [100, 2000],
  [2361, 241],
  [3416, 1296],
];

describe("astrocyte-modulated learning by hand", () => {
  it("the fast engine", () => {
    const store = memory();
    const ca = new Float64Array(1);
    const engine = new LearningEngine(LEARNING, LAYOUT, store, { gateOn: new Float64Array(1), ca, groupOffset: [0] });
    const units = Int32Array.from([0, 1]);
    const lines = Int32Array.from([0]);
    expect(run((t, pre, post) => engine.step(t, units, post ? 2 : 0, lines, pre ? 1 : 0), ca, store)).toEqual(EXPECTED);
  });

  it("the scalar engine", () => {
    const store = memory();
    const ca = new Float64Array(1);
    const engine = new ScalarLearning(LEARNING, LAYOUT, store, { gateOn: new Float64Array(1), ca, groupOffset: [0] });
    expect(run((t, pre, post) => engine.step(t, (id) => (id === "x" ? (pre ? [0] : []) : post ? [0, 1] : [])), ca, store)).toEqual(EXPECTED);
  });

  it("by gate: open while the gate is on, closed otherwise", () => {
    const byGate: HwLearning = { ...LEARNING, projections: [{ ...PROJECTION, modulation: { ...PROJECTION.modulation!, by: "gate", open: -4096, closed: 0 } }] };
    const store = memory();
    const gateOn = new Float64Array([1]);
    const engine = new LearningEngine(byGate, LAYOUT, store, { gateOn, ca: new Float64Array(1), groupOffset: [0] });
    const units = Int32Array.from([0, 1]);
    const lines = Int32Array.from([0]);
    engine.step(0, units, 0, lines, 1);
    engine.step(1, units, 2, lines, 0);
    // neuron 0, gate on, open = −1: Δ' = −922000, floor(−922000/256) = −3602 (100 → clamped at 0);
    // neuron 1 (no owner): closed = 0, nothing moves
    expect(store.m).toEqual([0, 2000]);
  });
});

// Learning inside the neuron–astrocyte engine: astrocyte-modulated STDP reads the gate and Ca the
// engine holds when learning runs (those of the end of the previous step), and the conductances
// formed in a step already carry that step's learning (docs/semantics-float.md "Learning").
// Post spike times come from the recording; every expected weight is the all_to_all additive
// closed form Σ_pairs ±a·R·m·e^{−|Δt|·dt/τ}, with m read off the recorded gate or Ca traces.
import { describe, expect, it } from "vitest";
import type { ElaboratedPlasticity } from "../../src/ir/elaborated.js";
import { simulate } from "../../src/reference/simulator.js";
import type { Recording } from "../../src/hw/recording.js";
import { conductance, current, FROZEN, gliaNetwork, spikeInput, spikeSteps, trace } from "./glia/build.js";
import { rule } from "./plasticity-build.js";

const DT = 0.1;
const STEPS = 600;
const A = 0.02; // a± with bounds [0, 1]: R = 1
const PRE_STEPS = [20, 150, 320, 470]; // input spikes

/** The closed form of additive all_to_all STDP for one synapse; m(t) scales the pairs completed at step t. */
function closedForm(w0: number, pre: readonly number[], post: readonly number[], m: (t: number) => number): number {
  let w = w0;
  for (const q of post) for (const p of pre) if (p < q) w += A * m(q) * Math.exp(-((q - p) * DT) / 20);
  for (const p of pre) for (const q of post) if (q < p) w -= A * m(p) * Math.exp(-((p - q) * DT) / 20);
  return w;
}

const finalWeights = (recording: Recording): Float64Array => {
  const snapshots = recording.weights![0].snapshots;
  return snapshots[snapshots.length - 1].values;
};

describe("astrocyte-modulated learning in the neuron–astrocyte engine", () => {
  // Neurons 0 and 1 under a constant 25 mV/ms current spike regularly. Astrocyte 0 owns neuron 0;
  // its Ca (0.3) is always above the gate threshold, so its gate opens at the end of neuron 0's
  // first spike step and holds. Neuron 1 has no astrocyte: m = closed.
  function gated(modulation: { open: number; closed: number }) {
    const plasticity: ElaboratedPlasticity = rule({
      aPlus: A,
      aMinus: A,
      modulation: { astrocytes: 0, by: "gate", ...modulation, caLow: 0, caHigh: 0, astrocyteOf: Int32Array.from([0, -1]) },
    });
    const net = gliaNetwork({
      steps: STEPS,
      populations: [{ id: "n", size: 2 }],
      inputs: [spikeInput("pre", 0, 1, PRE_STEPS.map((s) => [s, 0] as const))],
      projections: [{ ...conductance("learn", 0, { kind: "input", index: 0, size: 1 }, 0, [[0, 0, 0.5], [0, 1, 0.5]]), plasticity }],
      currents: [current("drive", 0, 0, [[0, 0, 25], [0, 1, 25]])],
      astrocytes: [
        {
          id: "a",
          model: { model: "reduced", params: { ...FROZEN, ca_rest: 0.3 } },
          size: 1,
          initial: { ca: 0.3, h: 1, ip3: 0 },
          territory: [[0]],
          populationSize: 2,
          gate: { ca_threshold: 0.15, min_coincident: 1, windowSteps: 0, checkSteps: 1, holdSteps: 100_000 },
        },
      ],
      record: [{ population: "n", state: ["v", "i_syn"] }, { population: "a", state: ["gate"] }],
    });
    return { net, recording: simulate(net, { weightSteps: PRE_STEPS }).recording };
  }

  it("the scenario has post spikes before and after the gate opens, and pre spikes on both sides", () => {
    const { recording } = gated({ open: 1, closed: 0 });
    const post = spikeSteps(recording, "n", 0);
    const gate = trace(recording, "a", "gate");
    const opened = gate.indexOf(1);
    expect(opened).toBe(post[0]);
    expect(post.length).toBeGreaterThan(3);
    expect(post.filter((q) => q > opened).length).toBeGreaterThan(2);
    expect(PRE_STEPS.some((p) => p < post[0])).toBe(true);
    expect(PRE_STEPS.some((p) => p > opened + 1)).toBe(true);
  });

  for (const modulation of [
    { open: 1, closed: 0 },
    { open: -1, closed: 0.5 },
  ]) {
    it(`by gate (open ${modulation.open}, closed ${modulation.closed}): m is open from the step after the gate opened`, () => {
      const { recording } = gated(modulation);
      const gate = trace(recording, "a", "gate");
      const m0 = (t: number) => (t > 0 && gate[t - 1] === 1 ? modulation.open : modulation.closed);
      const weights = finalWeights(recording);
      expect(weights[0]).toBeCloseTo(closedForm(0.5, PRE_STEPS, spikeSteps(recording, "n", 0), m0), 13);
      expect(weights[1]).toBeCloseTo(closedForm(0.5, PRE_STEPS, spikeSteps(recording, "n", 1), () => modulation.closed), 13);
    });
  }

  it("the conductances formed in a step carry that step's learning", () => {
    // At a pre spike step p the input's S is 1, so I_syn[n][p] = g(p)·(e_rev − V[p]) with e_rev = 0
    // and g(p) the weight dumped at the end of p (after p's depression).
    const { recording } = gated({ open: 1, closed: 0.5 });
    const snapshots = recording.weights![0].snapshots;
    for (const neuron of [0, 1]) {
      const v = trace(recording, "n", "v", neuron);
      const iSyn = trace(recording, "n", "i_syn", neuron);
      for (const p of PRE_STEPS) {
        const g = snapshots.find((s) => s.step === p)!.values[neuron];
        expect(iSyn[p]).toBeCloseTo(g * (0 - v[p]), 12);
      }
    }
    // …and the depression at p did move g (a post spike came before every pre spike after 20).
    expect(snapshots[1].values[1]).not.toBe(snapshots[0].values[1]);
  });

  it("by ca: m ramps linearly between ca_low and ca_high", () => {
    // Three frozen astrocytes at Ca 0.05, 0.15 and 0.35 own neurons 0, 1, 2; neuron 3 has none.
    // ca_low 0.1, ca_high 0.3, closed 0.2, open 1: m = 0.2, 0.2 + 0.8·0.25, 1 and 0.2.
    const plasticity = rule({
      aPlus: A,
      aMinus: A,
      modulation: { astrocytes: 0, by: "ca", open: 1, closed: 0.2, caLow: 0.1, caHigh: 0.3, astrocyteOf: Int32Array.from([0, 1, 2, -1]) },
    });
    const net = gliaNetwork({
      steps: STEPS,
      populations: [{ id: "n", size: 4 }],
      inputs: [spikeInput("pre", 0, 1, PRE_STEPS.map((s) => [s, 0] as const))],
      projections: [{ ...conductance("learn", 0, { kind: "input", index: 0, size: 1 }, 0, [0, 1, 2, 3].map((n) => [0, n, 0.5] as const)), plasticity }],
      currents: [current("drive", 0, 0, [0, 1, 2, 3].map((n) => [0, n, 25] as const))],
      astrocytes: [
        {
          id: "a",
          model: { model: "reduced", params: FROZEN },
          size: 3,
          initial: { ca: [0.05, 0.15, 0.35], h: 1, ip3: 0 },
          territory: [[0], [1], [2]],
          populationSize: 4,
        },
      ],
      record: [{ population: "n" }, { population: "a", state: ["ca"] }],
    });
    const recording = simulate(net).recording;
    expect([0, 1, 2].map((a) => trace(recording, "a", "ca", a)[STEPS - 1])).toEqual([0.05, 0.15, 0.35]);
    const weights = finalWeights(recording);
    const m = [0.2, 0.2 + 0.8 * 0.25, 1, 0.2];
    m.forEach((factor, neuron) => {
      const post = spikeSteps(recording, "n", neuron);
      expect(post.length).toBeGreaterThan(2);
      expect(weights[neuron]).toBeCloseTo(closedForm(0.5, PRE_STEPS, post, () => factor), 13);
    });
    expect(recording.weights![0].unit).toBe("1");
  });

  it("leaves the elaborated conductances untouched and repeats itself", () => {
    const { net, recording } = gated({ open: -1, closed: 0.5 });
    expect(Array.from(net.projections[0].synapses.weight)).toEqual([0.5, 0.5]);
    expect(simulate(net, { weightSteps: PRE_STEPS }).recording).toEqual(recording);
    expect(finalWeights(recording)[0]).not.toBe(0.5);
  });

  it("dumps pre and post in CSR order", () => {
    const { recording } = gated({ open: 1, closed: 0 });
    expect(Array.from(recording.weights![0].pre)).toEqual([0, 0]);
    expect(Array.from(recording.weights![0].post)).toEqual([0, 1]);
  });
});

// One Izhikevich neuron in the neuron–astrocyte reference: the authors' arithmetic bit for bit,
// spikes, reset, the input clip and the glutamate trace (docs/semantics-float.md §6, stage A).
import { describe, expect, it } from "vitest";
import { simulateGlia } from "../../../src/reference/glia-simulator.js";
import { current, gliaNetwork, referenceNeuron, spikeSteps, trace } from "./build.js";

const STEPS = 400;

function run(amplitude: number, clip: number | null = 25) {
  const net = gliaNetwork({
    steps: STEPS,
    populations: [{ id: "n", size: 1, params: { input_clip: clip } }],
    currents: [current("drive", 0, 0, [[0, 0, amplitude]])],
    record: [{ population: "n", state: ["v", "u", "glutamate", "i_syn"] }],
  });
  return simulateGlia(net).recording;
}

describe("an Izhikevich neuron under constant current", () => {
  const recording = run(10);
  const v = trace(recording, "n", "v");
  const u = trace(recording, "n", "u");
  const g = trace(recording, "n", "glutamate");
  const expected = referenceNeuron(STEPS, () => 10);

  it("reproduces the authors' V and U bit for bit", () => {
    expect(Array.from(v)).toEqual(expected.v);
    expect(Array.from(u)).toEqual(expected.u);
  });

  it("computes the first step by hand: V = −70 + 0.1·((((0.04·4900) − 350) + 140) + 10 − 0)", () => {
    // 196 − 350 + 140 + 10 = −4, so V = −70 − 0.4; U = 0 + 0.010000000000000002·(0.2·V − 0)
    expect(v[0]).toBe(-70 + 0.1 * (0.04 * (-70 * -70) + 5 * -70 + 140 + 10 - 0));
    expect(v[0]).toBeCloseTo(-70.4, 12);
    expect(u[0]).toBe(0.010000000000000002 * (0.2 * v[0]));
  });

  it("peaks: V sits at 30 for exactly one step, then V = c and U grows by d", () => {
    const peaks = Array.from(v).flatMap((x, s) => (x === 30 ? [s] : []));
    expect(peaks.length).toBeGreaterThan(1);
    for (const s of peaks) {
      expect(v[s + 1]).not.toBe(30);
      // the reset step: V from c = −65 and U + d, then the update (I = 10 < 25, no synapses)
      const uReset = u[s] + 2;
      const vNext = -65 + 0.1 * (0.04 * (-65 * -65) + 5 * -65 + 140 + 10 - uReset);
      expect(v[s + 1]).toBe(vNext);
      expect(u[s + 1]).toBe(uReset + 0.010000000000000002 * (0.2 * vNext - uReset));
    }
  });

  it("spikes are the authors' mask V > 29, which also counts a step just below the peak", () => {
    const spikes = spikeSteps(recording, "n");
    expect(spikes).toEqual(Array.from(v).flatMap((x, s) => (x > 29 ? [s] : [])));
    // with I = 10 the upswing passes 29 < V < 30 one step before the peak
    expect(spikes.some((s) => v[s] < 30)).toBe(true);
  });

  it("releases 0.06 µM of glutamate at the peak step and decays by (1 − 1e-4·10) per step", () => {
    const [first, second] = Array.from(v).flatMap((x, s) => (x === 30 ? [s] : []));
    expect(g[first - 1]).toBe(0);
    expect(g[first]).toBeCloseTo(0.06, 15);
    expect(g[first]).toBe(0 - 1e-4 * (10 * 0 - 600));
    for (let s = first + 1; s < second; s++) expect(g[s]).toBe(g[s - 1] - 1e-4 * (10 * g[s - 1]));
    expect(g[second - 1] / g[first]).toBeCloseTo((1 - 1e-3) ** (second - 1 - first), 12);
    expect(Array.from(g)).toEqual(expected.g);
  });

  it("i_syn stays 0 without synapses", () => {
    expect(trace(recording, "n", "i_syn").every((x) => x === 0)).toBe(true);
  });
});

describe("the input clip", () => {
  it("clips the summed input at input_clip: I = 40 behaves as I = 25", () => {
    const clipped = trace(run(40), "n", "v");
    const at25 = trace(run(25), "n", "v");
    expect(Array.from(clipped)).toEqual(Array.from(at25));
    const unclipped = trace(run(40, null), "n", "v");
    expect(Array.from(unclipped)).not.toEqual(Array.from(at25));
    expect(Array.from(unclipped)).toEqual(referenceNeuron(STEPS, () => 40, { a: 0.1, b: 0.2, c: -65, d: 2, v_peak: 30, spike_threshold: 29, input_clip: null }).v);
  });
});

describe("current inputs", () => {
  it("apply at their change point's step and sum in network order with I_syn", () => {
    const net = gliaNetwork({
      steps: 50,
      populations: [{ id: "n", size: 2 }],
      currents: [
        current("a", 0, 0, [[10, 1, 3.5], [20, 1, 0]]),
        current("b", 1, 0, [[15, 1, 1.25]]),
      ],
      record: [{ population: "n", state: ["v"], neurons: [1] }],
    });
    const v = trace(simulateGlia(net).recording, "n", "v", 1);
    const expected = referenceNeuron(50, (s) => ((s >= 10 && s < 20 ? 3.5 : 0) + 0) + (s >= 15 ? 1.25 : 0));
    expect(Array.from(v)).toEqual(expected.v);
  });
});

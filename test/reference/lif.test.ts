// The LIF float step against closed forms: bias-driven threshold crossing, reset, refractory hold.
import { describe, expect, it } from "vitest";
import { elaborate } from "../../src/ir/elaborate.js";
import { refractorySteps, synapticChannels } from "../../src/models/lif.js";
import { simulate } from "../../src/reference/simulator.js";
import type { LifParams } from "../../src/ir/types.js";
import { network, population, projection, spikeTimes } from "../ir-elaborate/build.js";

/** One neuron with `params`, its spikes and v trace over `steps` steps of 1 ms. */
function runNeuron(params: Partial<LifParams>, steps: number) {
  const { recording } = simulate(
    elaborate(
      network({
        run: { dt: 1, duration: steps, seed: 1 },
        populations: [population("n", 1, params)],
        record: [{ population: "n", state: ["v"] }],
      }),
    ),
  );
  const [neuron] = recording.populations;
  return { spikes: Array.from(neuron.spikes!.step), v: neuron.traces[0].values[0] };
}

describe("constant bias", () => {
  // tau_m = 10 ms, dt = 1 ms: β = e^-0.1. With u = v - v_rest, u[t] = β·u[t-1] + (1-β)·20.
  // From u = 0: u[t] = 20(1 - β^(t+1)) > 10 first when (t+1)/10 > ln 2, so t + 1 = 7 (u[6] = 10.07).
  // After the reset to v_reset = -70 (u = -5) and R = 2 held steps, k updates give
  // u = 20 - 25β^k > 10 first at k/10 > ln 2.5 = 0.916, so k = 10: period 2 + 10 = 12 steps.
  const params = { tau_m: 10, v_rest: -65, v_reset: -70, v_thresh: -55, bias: 20, tau_ref: 2 };

  it("spikes at the steps the closed form gives", () => {
    expect(runNeuron(params, 50).spikes).toEqual([6, 18, 30, 42]);
  });

  it("follows v_rest + bias·(1 - β^(t+1)) before the first spike", () => {
    const { v } = runNeuron(params, 50);
    for (let t = 0; t < 6; t++) {
      expect(v[t]).toBeCloseTo(-65 + 20 * (1 - Math.exp(-(t + 1) / 10)), 12);
    }
  });

  it("records v after the reset in the spike step and holds it for R steps", () => {
    const { v } = runNeuron(params, 50);
    expect([v[6], v[7], v[8]]).toEqual([-70, -70, -70]);
    expect(v[9]).toBeCloseTo(-65 + 20 - 25 * Math.exp(-0.1), 12);
    expect(v[17]).toBeCloseTo(-65 + 20 - 25 * Math.exp(-0.9), 12); // k = 9: still below threshold
    expect(v[18]).toBe(-70);
  });
});

describe("refractory period", () => {
  // bias 1000 with threshold 1 above rest: (1-β)·1000 = 95 ≫ 1, so the neuron spikes on every
  // step it is not held. With R held steps the spikes are 1 + R steps apart.
  const strong = { tau_m: 10, v_rest: 0, v_reset: -1, v_thresh: 1, bias: 1000 };

  it("holds R = round(tau_ref/dt) steps", () => {
    expect(refractorySteps(3.2, 1)).toBe(3);
    expect(refractorySteps(2.5, 1)).toBe(3); // halves round up
    expect(refractorySteps(5, 0.1)).toBe(50);
    expect(runNeuron({ ...strong, tau_ref: 3.2 }, 13).spikes).toEqual([0, 4, 8, 12]);
  });

  it("spikes on consecutive steps when tau_ref is 0", () => {
    expect(runNeuron({ ...strong, tau_ref: 0 }, 5).spikes).toEqual([0, 1, 2, 3, 4]);
  });

  it("keeps v at v_reset exactly during the hold", () => {
    const { v } = runNeuron({ ...strong, tau_ref: 3.2 }, 13);
    expect(Array.from(v.subarray(0, 5))).toEqual([-1, -1, -1, -1, -1]);
  });
});

describe("synaptic channels", () => {
  it("numbers distinct taus per population in order of first appearance", () => {
    const net = elaborate(
      network({
        populations: [population("a", 1), population("b", 1)],
        inputs: [spikeTimes("in", [[]])],
        projections: [
          projection("p0", "in", "b", { rule: "all_to_all" }, { synapse: { kind: "exponential", tau: 10 } }),
          projection("p1", "in", "a", { rule: "all_to_all" }, { synapse: { kind: "exponential", tau: 5 } }),
          projection("p2", "in", "b", { rule: "all_to_all" }, { synapse: { kind: "exponential", tau: 2 } }),
          projection("p3", "a", "b", { rule: "all_to_all" }, { synapse: { kind: "exponential", tau: 10 } }),
        ],
      }),
    );
    expect(synapticChannels(net)).toEqual({ tausMs: [[5], [10, 2]], channelOf: [0, 0, 1, 0] });
  });
});

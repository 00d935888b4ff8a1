// Synaptic responses against closed forms: one input spike, two channels, initial current, latencies.
import { describe, expect, it } from "vitest";
import { elaborate } from "../../src/ir/elaborate.js";
import { simulate } from "../../src/reference/simulator.js";
import type { Network } from "../../src/ir/types.js";
import { network, population, projection, spikeTimes } from "../ir-elaborate/build.js";

/** v and i_syn traces of neuron 0 of population `id` (dt = 1 ms unless `parts.run` says otherwise). */
function traces(parts: Partial<Network>, id = "n") {
  const { recording } = simulate(elaborate(network({ ...parts, record: [{ population: id, state: ["v", "i_syn"] }] })));
  const [recorded] = recording.populations;
  const [v, iSyn] = recorded.traces;
  expect([v.variable, iSyn.variable]).toEqual(["v", "i_syn"]);
  return { v: v.values[0], iSyn: iSyn.values[0], spikes: Array.from(recorded.spikes!.step) };
}

/** Relative closeness for values that may be large or tiny. */
function expectClose(actual: number, expected: number, relative = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected) + 1e-300);
}

describe("one input spike", () => {
  // Spike at t = 5 ms → step 5, delay 2 → arrival step 7, weight 3, τ_syn = 5, τ_m = 10, dt = 1.
  // α = e^-0.2, β = e^-0.1. I[7 + m] = 3α^m. With v_rest = 0 and v[6] = 0,
  // v[7 + m] = (1-β)·Σ_{j≤m} β^(m-j)·3α^j = 3(1-β)(β^(m+1) - α^(m+1))/(β - α).
  const alpha = Math.exp(-0.2);
  const beta = Math.exp(-0.1);
  const parts = (sign: "excitatory" | "inhibitory"): Partial<Network> => ({
    populations: [population("n", 1)],
    inputs: [spikeTimes("in", [[5]])],
    projections: [projection("p", "in", "n", { rule: "all_to_all" }, { weight: 3, delay: 2, sign })],
  });

  it("gives the exponential current 3α^(t-7) from the arrival step on", () => {
    const { iSyn } = traces(parts("excitatory"));
    expect(Array.from(iSyn.subarray(0, 7))).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(iSyn[7]).toBe(3);
    for (let m = 1; m < 43; m++) expectClose(iSyn[7 + m], 3 * alpha ** m, 1e-13);
  });

  it("gives the membrane response 3(1-β)(β^(m+1) - α^(m+1))/(β - α)", () => {
    const { v } = traces(parts("excitatory"));
    expect(Array.from(v.subarray(0, 7))).toEqual([0, 0, 0, 0, 0, 0, 0]);
    for (let m = 0; m < 43; m++) expectClose(v[7 + m], (3 * (1 - beta) * (beta ** (m + 1) - alpha ** (m + 1))) / (beta - alpha));
  });

  it("mirrors the response for an inhibitory synapse", () => {
    const { v, iSyn } = traces(parts("inhibitory"));
    expect(iSyn[7]).toBe(-3);
    for (let m = 0; m < 43; m++) expectClose(v[7 + m], (-3 * (1 - beta) * (beta ** (m + 1) - alpha ** (m + 1))) / (beta - alpha));
  });
});

describe("two channels", () => {
  // Channel 0: τ = 5 from `fast` (spike at step 2, weight 2); channel 1: τ = 10 from `slow`
  // (spike at step 4, weight 1, inhibitory). i_syn[t] = 2e^-(t-2)/5 [t ≥ 2] - e^-(t-4)/10 [t ≥ 4].
  const parts: Partial<Network> = {
    populations: [population("n", 1)],
    inputs: [spikeTimes("fast", [[2]]), spikeTimes("slow", [[4]])],
    projections: [
      projection("f", "fast", "n", { rule: "all_to_all" }, { weight: 2 }),
      projection("s", "slow", "n", { rule: "all_to_all" }, { weight: 1, sign: "inhibitory", synapse: { kind: "exponential", tau: 10 } }),
    ],
  };

  it("decays each channel with its own tau and records their sum", () => {
    const { iSyn } = traces(parts);
    expect([iSyn[0], iSyn[1], iSyn[2]]).toEqual([0, 0, 2]);
    expectClose(iSyn[3], 2 * Math.exp(-1 / 5));
    for (let t = 4; t < 50; t++) expectClose(iSyn[t], 2 * Math.exp(-(t - 2) / 5) - Math.exp(-(t - 4) / 10), 1e-11);
  });

  it("drives the membrane with the summed current", () => {
    const { v } = traces(parts);
    const oneMinusBeta = 1 - Math.exp(-0.1);
    expect(v[2]).toBe(oneMinusBeta * 2); // v[1] = v_rest = 0
    // Step 4: I = 2α₅² - 1, v[4] = β·v[3] + (1-β)·I with v[3] = β·v[2] + (1-β)·2α₅.
    const v3 = Math.exp(-0.1) * oneMinusBeta * 2 + oneMinusBeta * 2 * Math.exp(-0.2);
    expectClose(v[4], Math.exp(-0.1) * v3 + oneMinusBeta * (2 * Math.exp(-0.4) - 1));
  });

  it("puts the initial i_syn into channel 0, which decays from step 0 on", () => {
    const { iSyn } = traces({ ...parts, populations: [population("n", 1, {}, { i_syn: 4 })] });
    expectClose(iSyn[0], 4 * Math.exp(-1 / 5));
    expectClose(iSyn[1], 4 * Math.exp(-2 / 5));
    expectClose(iSyn[2], 4 * Math.exp(-3 / 5) + 2);
  });
});

describe("latency", () => {
  // `driver` spikes at steps 6 and 18 (the constant-bias neuron of lif.test.ts).
  const driver = population("driver", 1, { tau_m: 10, v_rest: -65, v_reset: -70, v_thresh: -55, bias: 20, tau_ref: 2 });
  const firstNonzero = (values: Float64Array) => values.findIndex((x) => x !== 0);

  it("delivers a neuron spike of step t through delay d at step t + 1 + d", () => {
    for (const delay of [0, 3]) {
      const { iSyn } = traces({
        populations: [driver, population("n", 1)],
        projections: [projection("p", "driver", "n", { rule: "all_to_all" }, { delay })],
      });
      expect(firstNonzero(iSyn)).toBe(6 + 1 + delay);
      expect(iSyn[7 + delay]).toBe(1);
    }
  });

  it("delivers an input spike of step s through delay d at step s + d", () => {
    for (const delay of [0, 2]) {
      const { iSyn } = traces({
        populations: [population("n", 1)],
        inputs: [spikeTimes("in", [[4]])],
        projections: [projection("p", "in", "n", { rule: "all_to_all" }, { delay })],
      });
      expect(firstNonzero(iSyn)).toBe(4 + delay);
    }
  });
});

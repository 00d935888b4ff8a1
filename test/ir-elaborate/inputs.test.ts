// Input spikes drawn at elaboration: spike_times → steps, Poisson Bernoulli draws, external ports.
import { describe, expect, it } from "vitest";
import { elaborate } from "../../src/ir/elaborate.js";
import type { Input } from "../../src/ir/types.js";
import { network, spikeTimes } from "./build.js";

const inputsOf = (inputs: Input[], run = { dt: 0.1, duration: 1000, seed: 1 }) => elaborate(network({ run, inputs })).inputs;

describe("spike_times", () => {
  it("maps times to round(t/dt), drops steps past the run, sorts and merges same-step spikes", () => {
    // dt 0.1 ms, 10 steps: 0.04→0, 0.31→3, 0.29→3 (merged), 0.96→10 and 1.2→12 (dropped); 0.12→1, 0.33→3.
    const [input] = inputsOf([spikeTimes("in", [[0.04, 0.31, 0.29, 0.96, 1.2], [0.12, 0.33]])], { dt: 0.1, duration: 1, seed: 1 });
    expect(Array.from(input.spikeSteps)).toEqual([0, 1, 3, 3]);
    expect(Array.from(input.spikeSources)).toEqual([0, 1, 0, 1]);
  });
});

describe("poisson", () => {
  it("draws a spike count within 5 sigma of rate·duration·size", () => {
    // 100 sources, 10 000 steps, p = 50·0.1/1000 = 0.005: mean 5000, sd sqrt(1e6·0.005·0.995) = 70.5.
    const [input] = inputsOf([{ id: "drive", kind: "poisson", size: 100, rate: 50 }]);
    expect(Math.abs(input.spikeSteps.length - 5000)).toBeLessThan(5 * 70.5);
  });

  it("spikes only in [start, stop), sorted by step then source", () => {
    const [input] = inputsOf([{ id: "drive", kind: "poisson", size: 100, rate: 50, start: 200, stop: 700 }]);
    expect(Math.min(...input.spikeSteps)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...input.spikeSteps)).toBeLessThan(7000);
    // 5000 steps: mean 2500, sd sqrt(5e5·0.005·0.995) = 49.9.
    expect(Math.abs(input.spikeSteps.length - 2500)).toBeLessThan(5 * 49.9);
    let unsorted = 0;
    for (let k = 1; k < input.spikeSteps.length; k++) {
      const order = input.spikeSteps[k] - input.spikeSteps[k - 1] || input.spikeSources[k] - input.spikeSources[k - 1];
      if (order <= 0) unsorted++;
    }
    expect(unsorted).toBe(0);
  });

  it("draws from its own stream: another input or its own seed changes only itself", () => {
    const drive: Input = { id: "drive", kind: "poisson", size: 20, rate: 40 };
    const alone = inputsOf([drive])[0];
    const withOther = inputsOf([{ id: "other", kind: "poisson", size: 5, rate: 10 }, drive])[1];
    expect(withOther.spikeSteps).toEqual(alone.spikeSteps);
    expect(withOther.spikeSources).toEqual(alone.spikeSources);
    expect(inputsOf([{ ...drive, seed: 5 }])[0].spikeSteps).not.toEqual(alone.spikeSteps);
  });
});

describe("external", () => {
  it("has no spikes before the run", () => {
    const [input] = inputsOf([{ id: "port", kind: "external", size: 4 }]);
    expect(input.spikeSteps.length + input.spikeSources.length).toBe(0);
  });
});

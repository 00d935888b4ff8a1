// Run options of the neuron–astrocyte reference: steps and progress, and the counts it returns.
import { describe, expect, it } from "vitest";
import { simulateGlia } from "../../../src/reference/glia-simulator.js";
import { conductance, current, gliaNetwork, trace } from "./build.js";

const net = gliaNetwork({
  steps: 250,
  populations: [{ id: "n", size: 3 }],
  projections: [conductance("syn", 0, { kind: "population", index: 0, size: 3 }, 0, [[0, 1, 0.02], [0, 2, 0.02], [1, 2, 0.03]])],
  currents: [current("drive", 0, 0, [[0, 0, 12]])],
  record: [{ population: "n", state: ["v"] }],
});

describe("simulateGlia options", () => {
  it("runs options.steps steps, reports progress up to the total, and counts the work", () => {
    const progress: [number, number][] = [];
    const result = simulateGlia(net, { steps: 120, onProgress: (done, total) => progress.push([done, total]) });
    expect(result.recording.steps).toBe(120);
    expect(trace(result.recording, "n", "v").length).toBe(120);
    expect(progress[progress.length - 1]).toEqual([120, 120]);
    expect(progress.every(([done], i) => i === 0 || done > progress[i - 1][0])).toBe(true);
    expect(result.counts).toEqual({
      steps: 120,
      neuronUpdates: 120 * 3,
      synapticEvents: 120 * 3,
      spikes: result.recording.populations[0].spikes?.step.length,
    });
  });

  it("a shorter run is a prefix of the longer one", () => {
    const long = trace(simulateGlia(net).recording, "n", "v", 2);
    const short = trace(simulateGlia(net, { steps: 100 }).recording, "n", "v", 2);
    expect(Array.from(short)).toEqual(Array.from(long.subarray(0, 100)));
  });

  it("refuses a step count that is not a non-negative integer", () => {
    expect(() => simulateGlia(net, { steps: -1 })).toThrow(RangeError);
    expect(() => simulateGlia(net, { steps: 1.5 })).toThrow(RangeError);
  });
});

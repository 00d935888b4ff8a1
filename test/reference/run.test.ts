// Whole runs: determinism, event counts, what gets recorded, the closed-loop host and progress.
import { describe, expect, it } from "vitest";
import { elaborate } from "../../src/ir/elaborate.js";
import { simulate } from "../../src/reference/simulator.js";
import type { Network } from "../../src/ir/types.js";
import { network, population, projection, spikeTimes } from "../ir-elaborate/build.js";

/** A small E/I network driven by Poisson input: 160 + 40 neurons, p = 0.1. */
function eiNetwork(seed: number): Partial<Network> {
  const params = { tau_m: 20, v_rest: -49, v_reset: -60, v_thresh: -50, tau_ref: 5 };
  const initial = { v: { uniform: [-60, -50] as [number, number] } };
  return {
    run: { dt: 0.1, duration: 200, seed },
    populations: [population("exc", 160, params, initial), population("inh", 40, params, initial)],
    inputs: [{ id: "drive", kind: "poisson", size: 50, rate: 20 }],
    projections: [
      projection("d_e", "drive", "exc", { rule: "fixed_probability", p: 0.2 }, { weight: 2 }),
      projection("e_e", "exc", "exc", { rule: "fixed_probability", p: 0.1 }, { weight: 1.62, delay: { uniform: [0, 5] } }),
      projection("e_i", "exc", "inh", { rule: "fixed_probability", p: 0.1 }, { weight: 1.62 }),
      projection("i_e", "inh", "exc", { rule: "fixed_probability", p: 0.1 }, { weight: 9, sign: "inhibitory", synapse: { kind: "exponential", tau: 10 } }),
    ],
    record: [
      { population: "exc", state: ["v", "i_syn"], neurons: [0, 5] },
      { population: "inh" },
      { population: "drive" },
    ],
  };
}

describe("determinism", () => {
  it("gives the same bits for the same seed", () => {
    const first = simulate(elaborate(network(eiNetwork(3))));
    const second = simulate(elaborate(network(eiNetwork(3))));
    expect(first.counts.spikes).toBeGreaterThan(0);
    expect(second).toEqual(first);
  });

  it("gives another run for another seed", () => {
    const first = simulate(elaborate(network(eiNetwork(3))));
    const other = simulate(elaborate(network(eiNetwork(4))));
    expect(other.recording.populations[0].spikes).not.toEqual(first.recording.populations[0].spikes);
  });
});

describe("counts", () => {
  it("counts steps, neuron updates, traversed synapses and neuron spikes", () => {
    // Input spikes at steps 1 and 3 onto 4 neurons (8 events); `driver` spikes at steps 6 and 18
    // onto the same 4 neurons (8 events); the 4 targets stay below threshold.
    const driver = population("driver", 1, { tau_m: 10, v_rest: -65, v_reset: -70, v_thresh: -55, bias: 20, tau_ref: 2 });
    const { counts } = simulate(
      elaborate(
        network({
          run: { dt: 1, duration: 25, seed: 1 },
          populations: [driver, population("n", 4)],
          inputs: [spikeTimes("in", [[1, 3]])],
          projections: [
            projection("a", "in", "n", { rule: "all_to_all" }),
            projection("b", "driver", "n", { rule: "all_to_all" }),
          ],
        }),
      ),
    );
    expect(counts).toEqual({ steps: 25, neuronUpdates: 25 * 5, synapticEvents: 16, spikes: 2 });
  });
});

describe("recording", () => {
  const result = simulate(elaborate(network(eiNetwork(3))));
  const [exc, inh, drive] = result.recording.populations;

  it("records spikes of every named population or input and traces of the chosen neurons", () => {
    expect(result.recording).toMatchObject({ format: "tripart.recording/1", source: "reference", dtMs: 0.1, steps: 2000 });
    expect([exc.id, inh.id, drive.id]).toEqual(["exc", "inh", "drive"]);
    expect(exc.traces.map((trace) => [trace.variable, trace.unit, Array.from(trace.neurons)])).toEqual([
      ["v", "mV", [0, 5]],
      ["i_syn", "mV (R·I)", [0, 5]],
    ]);
    expect(exc.traces[0].values.map((values) => values.length)).toEqual([2000, 2000]);
    expect(inh.traces).toEqual([]);
    expect(inh.spikes!.step.length).toBeGreaterThan(0);
  });

  it("records input spikes exactly as elaborated", () => {
    const input = elaborate(network(eiNetwork(3))).inputs[0];
    expect(drive.spikes).toEqual({ step: input.spikeSteps, neuron: input.spikeSources });
  });

  it("sorts spikes by step, then neuron, and counts them", () => {
    let unsorted = 0;
    for (const { spikes } of [exc, inh]) {
      for (let k = 1; k < spikes!.step.length; k++) {
        if ((spikes!.step[k] - spikes!.step[k - 1] || spikes!.neuron[k] - spikes!.neuron[k - 1]) <= 0) unsorted++;
      }
    }
    expect(unsorted).toBe(0);
    expect(exc.spikes!.step.length + inh.spikes!.step.length).toBe(result.counts.spikes);
  });

  it("leaves spikes out when a spec says spikes: false and merges specs naming one population", () => {
    const { recording } = simulate(
      elaborate(
        network({
          populations: [population("n", 10)],
          record: [
            { population: "n", spikes: false, state: ["v"], neurons: [7, 2] },
            { population: "n", spikes: false, state: ["v", "i_syn"], neurons: [2, 4] },
          ],
        }),
      ),
    );
    const [n] = recording.populations;
    expect(n.spikes).toBeUndefined();
    expect(n.traces.map((trace) => [trace.variable, Array.from(trace.neurons)])).toEqual([
      ["v", [2, 4, 7]],
      ["i_syn", [2, 4]],
    ]);
  });

  it("runs options.steps steps instead of the network's", () => {
    const { recording, counts } = simulate(elaborate(network(eiNetwork(3))), { steps: 300 });
    expect([recording.steps, counts.steps, recording.populations[0].traces[0].values[0].length]).toEqual([300, 300, 300]);
    expect(recording.populations[0].traces[0].values[0]).toEqual(exc.traces[0].values[0].subarray(0, 300));
  });
});

describe("closed loop", () => {
  const parts: Partial<Network> = {
    populations: [population("n", 1), population("driver", 1, { tau_m: 10, v_rest: -65, v_reset: -70, v_thresh: -55, bias: 20, tau_ref: 2 })],
    inputs: [{ id: "port", kind: "external", size: 2 }, spikeTimes("fixed", [[]])],
    projections: [projection("p", "port", "n", { rule: "all_to_all" }, { delay: 1 })],
    record: [{ population: "n", state: ["i_syn"] }, { population: "port" }],
  };

  it("routes injected spikes like input spikes of that step and records them once per source", () => {
    const { recording } = simulate(elaborate(network(parts)), {
      host: {
        beforeStep(step, inject) {
          if (step !== 3) return;
          inject("port", 1);
          inject("port", 0);
          inject("port", 1);
        },
      },
    });
    const [n, port] = recording.populations;
    // Both sources reach n with weight 1 and delay 1: arrival at step 3 + 1.
    expect([n.traces[0].values[0][3], n.traces[0].values[0][4]]).toEqual([0, 2]);
    expect(port.spikes).toEqual({ step: Int32Array.from([3, 3]), neuron: Int32Array.from([0, 1]) });
  });

  it("shows the host every step's spikes of every population", () => {
    const seen: string[] = [];
    simulate(elaborate(network(parts)), {
      host: {
        afterStep(step, spikes) {
          for (const { population, neurons } of spikes) if (neurons.length > 0) seen.push(`${step}:${population}:${Array.from(neurons)}`);
        },
      },
    });
    expect(seen).toEqual(["6:driver:0", "18:driver:0", "30:driver:0", "42:driver:0"]);
  });

  it("rejects an injection into an unknown, non-external or out-of-range source", () => {
    const run = (id: string, source: number) => () =>
      simulate(elaborate(network(parts)), { host: { beforeStep: (_step, inject) => inject(id, source) } });
    expect(run("nope", 0)).toThrow(RangeError);
    expect(run("fixed", 0)).toThrow(RangeError);
    expect(run("port", 2)).toThrow(RangeError);
  });
});

describe("progress", () => {
  it("reports about every 1 % of the steps and ends at the total", () => {
    const calls: [number, number][] = [];
    simulate(elaborate(network({ run: { dt: 1, duration: 1000, seed: 1 }, populations: [population("n", 1)] })), {
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls.length).toBe(100);
    expect(calls[0]).toEqual([10, 1000]);
    expect(calls[99]).toEqual([1000, 1000]);
  });
});

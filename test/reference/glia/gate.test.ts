// The gliotransmission gate in the reference: Ca > threshold AND a coincident patch spike count
// in the window, checked every checkSteps; A = 1 on steps s … s + holdSteps; re-triggers extend
// (docs/semantics-float.md §6, stage C). Ca is held constant by a frozen reduced astrocyte.
import { describe, expect, it } from "vitest";
import { simulateGlia } from "../../../src/reference/glia-simulator.js";
import type { Recording } from "../../../src/hw/recording.js";
import { current, FROZEN, gliaNetwork, trace } from "./build.js";

interface Case {
  readonly ca: number;
  readonly windowSteps: number;
  readonly minCoincident?: number;
  readonly driven: readonly number[]; // neurons of the 2-neuron territory that get the pulse
}

const STEPS = 400;
const HOLD = 50;
const CHECK = 10;

function run(c: Case): Recording {
  // a 25-unit pulse on steps 0 … 39 makes a neuron spike once, at step 30
  const changes = c.driven.flatMap((n) => [[0, n, 25], [40, n, 0]] as const);
  const net = gliaNetwork({
    steps: STEPS,
    populations: [{ id: "n", size: 2 }],
    currents: [current("pulse", 0, 0, changes)],
    astrocytes: [
      {
        id: "a",
        model: { model: "reduced", params: { ...FROZEN, ca_rest: c.ca } },
        size: 1,
        initial: { ca: c.ca, h: 1, ip3: 0 },
        territory: [[0, 1]],
        populationSize: 2,
        gate: { ca_threshold: 0.15, min_coincident: c.minCoincident ?? 1, windowSteps: c.windowSteps, checkSteps: CHECK, holdSteps: HOLD },
      },
    ],
    record: [{ population: "a", state: ["gate", "ca"] }, { population: "n" }],
  });
  return simulateGlia(net).recording;
}

/** The gate recomputed from the recorded spikes and Ca, straight from the rule. */
function expectedGate(recording: Recording, c: Case): number[] {
  const train = recording.populations.find((p) => p.id === "n")?.spikes;
  const ca = trace(recording, "a", "ca");
  const counts = new Array<number>(STEPS).fill(0);
  train?.step.forEach((s) => counts[s]++);
  let end = -1;
  return counts.map((_, s) => {
    if ((s + 1) % CHECK === 0 && ca[s] > 0.15) {
      const recent = counts.slice(Math.max(0, s - c.windowSteps), s + 1);
      if (Math.max(...recent) >= (c.minCoincident ?? 1)) end = s + HOLD;
    }
    return s <= end ? 1 : 0;
  });
}

const openSteps = (gate: Float64Array) => Array.from(gate).flatMap((x, s) => (x === 1 ? [s] : []));

describe("the astrocyte gate", () => {
  it("opens at the first check that sees the spike and holds for holdSteps + 1 steps", () => {
    const c: Case = { ca: 0.3, windowSteps: 9, driven: [0] };
    const recording = run(c);
    const gate = trace(recording, "a", "gate");
    expect(recording.populations.find((p) => p.id === "n")?.spikes?.step).toEqual(Int32Array.from([30]));
    expect(openSteps(gate)).toEqual(Array.from({ length: HOLD + 1 }, (_, i) => 39 + i));
    expect(Array.from(gate)).toEqual(expectedGate(recording, c));
  });

  it("re-triggers while the spike stays in the window, extending the hold", () => {
    const c: Case = { ca: 0.3, windowSteps: 100, driven: [0] };
    const recording = run(c);
    const open = openSteps(trace(recording, "a", "gate"));
    // checks at 39, 49, …, 129 all see the spike at 30; the last one holds to 129 + 50
    expect(open[0]).toBe(39);
    expect(open[open.length - 1]).toBe(129 + HOLD);
    expect(open.length).toBe(129 + HOLD - 39 + 1);
    expect(Array.from(trace(recording, "a", "gate"))).toEqual(expectedGate(recording, c));
  });

  it("stays closed when Ca is not above the threshold", () => {
    expect(openSteps(trace(run({ ca: 0.15, windowSteps: 100, driven: [0, 1] }), "a", "gate"))).toEqual([]);
  });

  it("stays closed without territory spikes", () => {
    expect(openSteps(trace(run({ ca: 0.3, windowSteps: 100, driven: [] }), "a", "gate"))).toEqual([]);
  });

  it("needs min_coincident neurons spiking in the same step", () => {
    expect(openSteps(trace(run({ ca: 0.3, windowSteps: 100, minCoincident: 2, driven: [0] }), "a", "gate"))).toEqual([]);
    const both: Case = { ca: 0.3, windowSteps: 100, minCoincident: 2, driven: [0, 1] };
    const recording = run(both);
    expect(openSteps(trace(recording, "a", "gate")).length).toBeGreaterThan(0);
    expect(Array.from(trace(recording, "a", "gate"))).toEqual(expectedGate(recording, both));
  });
});

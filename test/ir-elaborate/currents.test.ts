// Currents → change points: overwrite within one input, minimal change points, impulse counts.
// Expected change points are worked out by hand from the windows in each case.
import { describe, expect, it } from "vitest";
import { elaborate } from "../../src/ir/elaborate.js";
import type { CurrentInput } from "../../src/ir/astro-types.js";
import type { ElaboratedCurrent } from "../../src/ir/elaborated.js";
import { network, population } from "./build.js";

/** Elaborates one current into a 3-neuron population; run: dt 0.5 ms, 20 ms = 40 steps. */
function changes(current: CurrentInput): ElaboratedCurrent {
  const net = elaborate(network({ run: { dt: 0.5, duration: 20, seed: 5 }, populations: [population("p", 3)], currents: [current] }));
  return net.currents[0];
}
const points = (c: ElaboratedCurrent) => Array.from(c.step, (step, k) => [step, c.neuron[k], c.value[k]]);

describe("steps", () => {
  it("maps [start, stop) to steps round(start/dt) … round(stop/dt) − 1 and returns to 0 after", () => {
    const c = changes({ id: "c", kind: "steps", population: "p", segments: [{ start: 1, stop: 2.5, value: 4 }] });
    expect(points(c)).toEqual([
      [2, 0, 4], [2, 1, 4], [2, 2, 4],
      [5, 0, 0], [5, 1, 0], [5, 2, 0],
    ]);
  });

  it("lets a later segment overwrite an earlier one where they overlap, and emits no point where the value stays", () => {
    // segment 0: steps 0-9 value 1 (all); segment 1: steps 4-5 values [1, 2, 0]
    const c = changes({
      id: "c",
      kind: "steps",
      population: "p",
      segments: [
        { start: 0, stop: 5, value: 1 },
        { start: 2, stop: 3, values: [1, 2, 0] },
      ],
    });
    expect(points(c)).toEqual([
      [0, 0, 1], [0, 1, 1], [0, 2, 1],
      [4, 1, 2], [4, 2, 0], // neuron 0 keeps 1: no point
      [6, 1, 1], [6, 2, 1],
      [10, 0, 0], [10, 1, 0], [10, 2, 0],
    ]);
  });

  it("drops what lies after the run and emits nothing for a zero current", () => {
    // steps 38-59 clipped to the run's 40 steps: no off point at step 40, which never runs
    expect(points(changes({ id: "c", kind: "steps", population: "p", segments: [{ start: 19, stop: 30, value: 2 }] }))).toEqual([
      [38, 0, 2], [38, 1, 2], [38, 2, 2],
    ]);
    expect(points(changes({ id: "c", kind: "steps", population: "p", segments: [{ start: 1, stop: 5, value: 0 }] }))).toEqual([]);
  });
});

describe("pulses", () => {
  it("covers round(start/dt) for round(duration/dt) steps; a later pulse overwrites an earlier one", () => {
    const c = changes({ id: "c", kind: "pulses", population: "p", neuron: [1, 1, 0], start: [1, 2, 3], duration: [3, 0.5, 1], amplitude: [5, 7, -1] });
    // neuron 1: steps 2-7 at 5, step 4 overwritten by 7; neuron 0: steps 6-7 at -1
    expect(points(c)).toEqual([
      [2, 1, 5],
      [4, 1, 7],
      [5, 1, 5],
      [6, 0, -1],
      [8, 0, 0], [8, 1, 0],
    ]);
  });
});

describe("impulses", () => {
  const impulses = (count: number, first: number | { uniform: [number, number] }, seed?: number): CurrentInput => ({
    id: "noise",
    kind: "impulses",
    population: "p",
    count,
    first,
    mean_interval: 1000,
    duration: 1,
    amplitude: { uniform: [1, 2] },
    ...(seed !== undefined ? { seed } : {}),
  });

  it("starts a neuron's single impulse at `first` for round(duration/dt) steps", () => {
    const c = changes(impulses(1, 3));
    // one impulse per neuron: on at step 6, off at step 8, amplitudes in [1, 2)
    expect(Array.from(c.step)).toEqual([6, 6, 6, 8, 8, 8]);
    expect(Array.from(c.value.subarray(0, 3)).every((v) => v >= 1 && v < 2)).toBe(true);
    expect(Array.from(c.value.subarray(3))).toEqual([0, 0, 0]);
  });

  it("drops impulses that start at or after the end of the run", () => {
    expect(points(changes(impulses(3, 20)))).toEqual([]);
  });

  it("lets the latest of overlapping impulses win: one on point, one off point per neuron", () => {
    const c = changes({ ...impulses(4, 0), mean_interval: 0.001, duration: 10 } as CurrentInput);
    // all four start within a few µs of 0: step 0, overlapping; the last one's value holds for 20 steps
    for (let n = 0; n < 3; n++) {
      const own = points(c).filter(([, neuron]) => neuron === n);
      expect(own).toHaveLength(2);
      expect(own[0][0]).toBe(0);
      expect(own.at(-1)).toEqual([20, n, 0]);
    }
  });

  it("is deterministic per seed and changes with it", () => {
    const a = changes(impulses(2, { uniform: [0, 10] }, 1));
    expect(points(changes(impulses(2, { uniform: [0, 10] }, 1)))).toEqual(points(a));
    expect(points(changes(impulses(2, { uniform: [0, 10] }, 2)))).not.toEqual(points(a));
  });

  it("sorts change points by step, then neuron", () => {
    const c = changes(impulses(3, { uniform: [0, 15] }, 9));
    for (let k = 1; k < c.step.length; k++) {
      expect(c.step[k] > c.step[k - 1] || (c.step[k] === c.step[k - 1] && c.neuron[k] > c.neuron[k - 1])).toBe(true);
    }
  });
});

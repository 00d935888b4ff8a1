// A single astrocyte in the reference: RK4 of the Ullah right-hand side at its period, the IP3
// drive of glutamate_count sensing, and the multi-rate schedule (docs/semantics-float.md §6, stage C).
import { describe, expect, it } from "vitest";
import { simulateGlia } from "../../../src/reference/glia-simulator.js";
import type { ElaboratedAstrocytes } from "../../../src/ir/elaborated.js";
import { current, gliaNetwork, rk4, trace, ULLAH, ULLAH_REST, ullahRhs, type AstrocyteSpec } from "./build.js";

function single(steps: number, extra: Partial<AstrocyteSpec> = {}, sensing?: ElaboratedAstrocytes["sensing"]) {
  const net = gliaNetwork({
    steps,
    populations: [{ id: "n", size: 1 }],
    astrocytes: [
      {
        id: "a",
        model: { model: "ullah2006", params: ULLAH },
        size: 1,
        initial: ULLAH_REST,
        territory: [[0]],
        populationSize: 1,
        ...(sensing !== undefined ? { sensing } : {}),
        ...extra,
      },
    ],
    record: [{ population: "a", state: ["ca", "h", "ip3", "drive", "gate"] }, { population: "n", state: ["glutamate"] }],
  });
  return simulateGlia(net).recording;
}

describe("an Ullah astrocyte at rest", () => {
  const recording = single(3);
  const ca = trace(recording, "a", "ca");
  const h = trace(recording, "a", "h");
  const ip3 = trace(recording, "a", "ip3");

  it("steps as classical RK4 of the right-hand side with dt = 1e-4 s", () => {
    let x: [number, number, number] = [ULLAH_REST.ca, ULLAH_REST.h, ULLAH_REST.ip3];
    for (let s = 0; s < 3; s++) {
      x = rk4(x, 1e-4, (y) => ullahRhs(y[0], y[1], y[2], 0, 0, 0));
      expect([ca[s], h[s], ip3[s]]).toEqual(x);
    }
  });

  it("moves: the published initial state is not a fixed point with the default fluxes", () => {
    expect(ip3[0]).not.toBe(ULLAH_REST.ip3);
    expect(Math.abs(ip3[0] - ULLAH_REST.ip3)).toBeLessThan(1e-4);
  });

  it("has no drive and a closed gate", () => {
    expect(trace(recording, "a", "drive").every((x) => x === 0)).toBe(true);
    expect(trace(recording, "a", "gate").every((x) => x === 0)).toBe(true);
  });
});

describe("the IP3 drive", () => {
  it("5 µM/s for 600 steps (60 ms) raises IP3 by about 5·0.06 = 0.3 µM over the undriven run", () => {
    // threshold −1: every step counts the neuron as active, so the drive is on throughout
    const driven = single(600, {}, { kind: "glutamate_count", threshold: -1, min_count: 1, amplitude: 5, duration: 60, durationSteps: 600 });
    const quiet = single(600);
    const rise = trace(driven, "a", "ip3")[599] - trace(quiet, "a", "ip3")[599];
    expect(rise).toBeGreaterThan(0.29);
    expect(rise).toBeLessThan(0.301);
    expect(trace(driven, "a", "drive").every((x) => x === 5)).toBe(true);
  });

  it("opens at the first step with enough active neurons and stays on durationSteps after the last", () => {
    // one neuron that fires a few spikes: G crosses 0.05 µM at its peaks and decays below it
    const net = gliaNetwork({
      steps: 3000,
      populations: [{ id: "n", size: 1 }],
      currents: [current("kick", 0, 0, [[0, 0, 10], [300, 0, 0]])],
      astrocytes: [
        {
          id: "a",
          model: { model: "ullah2006", params: ULLAH },
          size: 1,
          initial: ULLAH_REST,
          territory: [[0]],
          populationSize: 1,
          sensing: { kind: "glutamate_count", threshold: 0.05, min_count: 1, amplitude: 5, duration: 60, durationSteps: 600 },
        },
      ],
      record: [{ population: "a", state: ["drive"] }, { population: "n", state: ["glutamate"] }],
    });
    const recording = simulateGlia(net).recording;
    const g = trace(recording, "n", "glutamate");
    const drive = trace(recording, "a", "drive");
    const active = Array.from(g).flatMap((x, s) => (x >= 0.05 ? [s] : []));
    expect(active.length).toBeGreaterThan(0);
    const first = active[0];
    const last = active[active.length - 1];
    expect(last + 600).toBeLessThan(3000);
    const expected = Array.from(drive, (_, s) => (s >= first && s <= last + 599 ? 5 : 0));
    expect(Array.from(drive)).toEqual(expected);
  });
});

describe("multi-rate astrocytes", () => {
  it("with period 10 steps update only when (s + 1) % 10 == 0, by one RK4 step of 1 ms", () => {
    const recording = single(40, { periodSteps: 10 });
    const ca = trace(recording, "a", "ca");
    const h = trace(recording, "a", "h");
    const ip3 = trace(recording, "a", "ip3");
    let x: [number, number, number] = [ULLAH_REST.ca, ULLAH_REST.h, ULLAH_REST.ip3];
    for (let s = 0; s < 40; s++) {
      if ((s + 1) % 10 === 0) x = rk4(x, (10 * 0.1) / 1000, (y) => ullahRhs(y[0], y[1], y[2], 0, 0, 0));
      expect([ca[s], h[s], ip3[s]]).toEqual(x);
    }
    expect(ca[8]).toBe(ULLAH_REST.ca);
    expect(ca[9]).not.toBe(ULLAH_REST.ca);
  });
});

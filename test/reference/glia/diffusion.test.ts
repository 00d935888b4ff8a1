// Gap-junction diffusion in the reference: Gauss–Seidel (in place, sweep order; WM2021) against
// Jacobi (all from the values before the sweep), on three frozen reduced astrocytes in a chain,
// whose only dynamics is the coupling (docs/semantics-float.md §6, stage C).
import { describe, expect, it } from "vitest";
import { simulateGlia } from "../../../src/reference/glia-simulator.js";
import { FROZEN, gliaNetwork, trace } from "./build.js";

const IP3 = [1, 0, 0.5];
const CA = [0.3, 0.1, 0.2];
const NEIGHBOURS = [[1], [0, 2], [1]];
const D_CA = 50;
const D_IP3 = 100;

function run(order: "gauss-seidel" | "jacobi", steps: number) {
  const net = gliaNetwork({
    steps,
    populations: [{ id: "n", size: 1 }],
    astrocytes: [
      {
        id: "a",
        model: { model: "reduced", params: FROZEN },
        size: 3,
        initial: { ca: CA, h: 1, ip3: IP3 },
        territory: [[], [], []],
        populationSize: 1,
        coupling: { kind: "pairs", d_ca: D_CA, d_ip3: D_IP3, order, neighbours: NEIGHBOURS },
      },
    ],
    record: [{ population: "a", state: ["ca", "ip3"] }],
  });
  const recording = simulateGlia(net).recording;
  return { ca: [0, 1, 2].map((a) => trace(recording, "a", "ca", a)), ip3: [0, 1, 2].map((a) => trace(recording, "a", "ip3", a)) };
}

/** One RK4 step with a constant derivative c: X + (h/6)·(((c + 2c) + 2c) + c). */
const step = (x: number, c: number) => x + (1e-4 / 6) * (c + 2 * c + 2 * c + c);
const laplacian = (x: readonly number[], a: number) => NEIGHBOURS[a].reduce((sum, b, i) => (i === 0 ? x[b] : sum + x[b]), 0) - NEIGHBOURS[a].length * x[a];

describe("diffusion between astrocytes", () => {
  it("Jacobi: every astrocyte sees the values from before the sweep", () => {
    const { ip3, ca } = run("jacobi", 1);
    for (let a = 0; a < 3; a++) {
      expect(ip3[a][0]).toBe(step(IP3[a], D_IP3 * laplacian(IP3, a)));
      expect(ca[a][0]).toBe(step(CA[a], D_CA * laplacian(CA, a)));
    }
  });

  it("Gauss–Seidel: an astrocyte sees the neighbours already updated in this sweep", () => {
    const { ip3 } = run("gauss-seidel", 1);
    const x = [...IP3];
    for (let a = 0; a < 3; a++) x[a] = step(x[a], D_IP3 * laplacian(x, a));
    expect([ip3[0][0], ip3[1][0], ip3[2][0]]).toEqual(x);
  });

  it("the two orders differ, and Jacobi conserves Σ X for pure diffusion", () => {
    const jacobi = run("jacobi", 200);
    const gaussSeidel = run("gauss-seidel", 200);
    expect(jacobi.ip3[1][199]).not.toBe(gaussSeidel.ip3[1][199]);
    expect(Math.abs(jacobi.ip3[1][199] - gaussSeidel.ip3[1][199])).toBeGreaterThan(1e-6);
    const total = (x: Float64Array[], s: number) => x[0][s] + x[1][s] + x[2][s];
    for (const s of [0, 50, 199]) {
      expect(total(jacobi.ip3, s)).toBeCloseTo(1.5, 13);
      expect(total(jacobi.ca, s)).toBeCloseTo(0.6, 13);
    }
    // and the chain relaxes towards the mean
    expect(Math.abs(jacobi.ip3[0][199] - 0.5)).toBeLessThan(Math.abs(IP3[0] - 0.5));
  });
});

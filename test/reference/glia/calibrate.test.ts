// Calibration of the reduced astrocyte: the fit beats its starting guess on the full Ullah
// model, recovers the parameters of a reduced model from that model's own response, and its
// error measures and search behave as defined.
import { describe, expect, it } from "vitest";
import {
  calibrateReduced,
  fitError,
  nelderMead,
  protocolDrive,
  standardProtocol,
} from "../../../src/models/astro-calibrate.js";
import type { ReducedParams } from "../../../src/ir/astro-types.js";
import { ULLAH, ULLAH_REST } from "./build.js";

// A coarse protocol keeps the tests fast: 5 ms steps, three trains, 20 s rests.
const PROTOCOL = standardProtocol({ ratesHz: [2, 5, 10], restMs: 20_000, stepMs: 5 });

describe("standardProtocol", () => {
  it("lays out one train per rate with pulses of the sensing duration", () => {
    const p = standardProtocol({ ratesHz: [2, 5], trainMs: 1000, restMs: 4000, pulseMs: 60, stepMs: 1 });
    expect(p.trainStarts).toEqual([0, 5000]);
    expect(p.steps).toBe(10_000);
    expect(p.pulses.filter(([first]) => first < 5000)).toEqual([[0, 60], [500, 60]]);
    expect(p.pulses.filter(([first]) => first >= 5000).map(([first]) => first)).toEqual([5000, 5200, 5400, 5600, 5800]);
    const drive = protocolDrive(p);
    expect(drive.reduce((sum, x) => sum + x, 0)).toBe(5 * 60 * 7);
    expect(drive[59]).toBe(5);
    expect(drive[60]).toBe(0);
  });
});

describe("fitError", () => {
  it("measures RMSE, the largest train peak difference and the Jaccard of the supra-threshold steps", () => {
    const reference = Float64Array.of(0.1, 0.2, 0.3, 0.1, 0.1, 0.4);
    const candidate = Float64Array.of(0.1, 0.3, 0.1, 0.1, 0.2, 0.2);
    const error = fitError(reference, candidate, [0, 3], 0.15);
    // squares: 0, 0.01, 0.04, 0, 0.01, 0.04 → mean 0.1/6
    expect(error.caRmse).toBeCloseTo(Math.sqrt(0.1 / 6), 14);
    // peaks: train 0: 0.3 vs 0.3; train 1: 0.4 vs 0.2
    expect(error.peakError).toBeCloseTo(0.2, 14);
    // above 0.15: reference {1, 2, 5}, candidate {1, 4, 5} → 2 / 4
    expect(error.gateJaccard).toBe(0.5);
    expect(fitError(reference, reference, [0], 0.15)).toEqual({ caRmse: 0, peakError: 0, gateJaccard: 1 });
  });
});

describe("nelderMead", () => {
  it("finds the minimum of a shifted quadratic and is deterministic", () => {
    const f = (x: readonly number[]) => (x[0] - 1) ** 2 + 3 * (x[1] + 2) ** 2 + 1;
    const first = nelderMead(f, [0, 0], [0.5, 0.5], 200);
    expect(first.x[0]).toBeCloseTo(1, 6);
    expect(first.x[1]).toBeCloseTo(-2, 6);
    expect(first.value).toBeCloseTo(1, 10);
    expect(nelderMead(f, [0, 0], [0.5, 0.5], 200)).toEqual(first);
  });
});

describe("calibrateReduced", () => {
  it("beats its starting guess on the Ullah model in RMSE, peak error and gate Jaccard", () => {
    const result = calibrateReduced({ model: "ullah2006", params: ULLAH }, { initial: ULLAH_REST, caThreshold: 0.15, protocol: PROTOCOL, settleMs: 60_000, iterations: 120 });
    expect(result.error.caRmse).toBeLessThan(result.initialError.caRmse / 3);
    expect(result.error.peakError).toBeLessThan(result.initialError.peakError);
    expect(result.error.gateJaccard).toBeGreaterThan(result.initialError.gateJaccard);
    // the rests are the full model's resting state (IP3* + J_PLC/Tr with the PLCδ term on)
    expect(result.params.ip3_rest).toBeGreaterThan(0.6);
    expect(result.params.ip3_rest).toBeLessThan(0.8);
    expect(result.rest.ca).toBe(result.params.ca_rest);
    // same inputs, same bits
    const again = calibrateReduced({ model: "ullah2006", params: ULLAH }, { initial: ULLAH_REST, caThreshold: 0.15, protocol: PROTOCOL, settleMs: 60_000, iterations: 120 });
    expect(again.params).toEqual(result.params);
  });

  it("recovers the parameters of a reduced model from its own response", () => {
    const truth: ReducedParams = { tau_ip3: 2500, tau_ca: 800, ip3_rest: 0.3, ca_rest: 0.07, ip3_threshold: 0.5, gain: 0.4 };
    const result = calibrateReduced(
      { model: "reduced", params: truth },
      { initial: { ca: truth.ca_rest, h: 1, ip3: truth.ip3_rest }, caThreshold: 0.15, protocol: PROTOCOL, settleMs: 1000, iterations: 400, guess: { tau_ip3: 5000, tau_ca: 2000, gain: 1, ip3_threshold: 0.35 } },
    );
    expect(result.initialError.caRmse).toBeGreaterThan(0.05);
    expect(result.error.caRmse).toBeLessThan(1e-4);
    expect(result.params.tau_ip3).toBeCloseTo(truth.tau_ip3, -1);
    expect(result.params.tau_ca).toBeCloseTo(truth.tau_ca, -1);
    expect(result.params.gain).toBeCloseTo(truth.gain, 2);
    expect(result.params.ip3_threshold).toBeCloseTo(truth.ip3_threshold, 2);
    expect(result.params.ip3_rest).toBe(truth.ip3_rest);
    expect(result.params.ca_rest).toBe(truth.ca_rest);
  });
});

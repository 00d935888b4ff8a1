/**
 * Calibration of the reduced astrocyte against a full one (Ullah 2006 or lr1994): fits tau_ip3,
 * tau_ca, gain and ip3_threshold so that the reduced model's Ca follows the full model's Ca under
 * a standard IP3-drive protocol; ip3_rest and ca_rest are the full model's resting state.
 * Pure and deterministic: a Nelder–Mead search with a fixed iteration count, no randomness.
 * Both models are integrated with the reference's RK4 (astro-rk4.ts) at the protocol's step.
 * docs/astrocytes.md "Calibration of the reduced model" gives the protocol and the error measures.
 */
import type { AstrocyteModel, ReducedParams } from "../ir/astro-types.js";
import { assert } from "../util/assert.js";
import { astroFloatModel } from "./astro-model.js";
import { createRk4Scratch, rk4Advance, rk4Step, type AstroFloatModel } from "./astro-rk4.js";
import { ReducedFloat } from "./astro-reduced.js";

/** Rectangular IP3 drive pulses on a grid of `steps` steps of `stepMs`. */
export interface DriveProtocol {
  readonly stepMs: number;
  readonly steps: number;
  readonly amplitude: number; // µM/s while a pulse is on
  /** Pulses as [first step, step count]. */
  readonly pulses: readonly (readonly [number, number])[];
  /** Start steps of the pulse trains; the peak error compares the Ca peak between consecutive starts. */
  readonly trainStarts: readonly number[];
}

export interface StandardProtocolOptions {
  readonly amplitude?: number; // µM/s, default 5 (WM2021's sensing)
  readonly pulseMs?: number; // default 60 (WM2021's drive duration)
  readonly ratesHz?: readonly number[]; // pulse rates of the trains, default 1, 2, 5, 10
  readonly trainMs?: number; // default 1000
  readonly restMs?: number; // default 30 000: IP3 (τ ≈ 7 s) and Ca relax between trains
  readonly stepMs?: number; // default 1
}

/** One train of pulses per rate, each followed by a rest: Ca rises to different heights and decays. */
export function standardProtocol(options: StandardProtocolOptions = {}): DriveProtocol {
  const { amplitude = 5, pulseMs = 60, ratesHz = [1, 2, 5, 10], trainMs = 1000, restMs = 30_000, stepMs = 1 } = options;
  const toSteps = (ms: number) => Math.round(ms / stepMs);
  const pulses: [number, number][] = [];
  const trainStarts: number[] = [];
  let start = 0;
  for (const rate of ratesHz) {
    trainStarts.push(start);
    const periodSteps = toSteps(1000 / rate);
    for (let t = 0; t < toSteps(trainMs); t += periodSteps) pulses.push([start + t, toSteps(pulseMs)]);
    start += toSteps(trainMs) + toSteps(restMs);
  }
  return { stepMs, steps: start, amplitude, pulses, trainStarts };
}

/** The drive of every step of the protocol (µM/s); overlapping pulses do not add. */
export function protocolDrive(protocol: DriveProtocol): Float64Array {
  const drive = new Float64Array(protocol.steps);
  for (const [first, count] of protocol.pulses) drive.fill(protocol.amplitude, first, Math.min(protocol.steps, first + count));
  return drive;
}

export interface AstroPoint {
  readonly ca: number;
  readonly h: number;
  readonly ip3: number;
}

/** Integrates one astrocyte under `drive` (µM/s per step of stepMs) from `initial`; returns the Ca after each step. */
export function respond(model: AstroFloatModel, initial: AstroPoint, drive: Float64Array, stepMs: number): { ca: Float64Array; final: AstroPoint } {
  const state = { ca: Float64Array.of(initial.ca), h: Float64Array.of(initial.h), ip3: Float64Array.of(initial.ip3) };
  const step = rk4Step(stepMs / (1000 * model.secondsPerUnit));
  const scratch = createRk4Scratch();
  const ca = new Float64Array(drive.length);
  for (let s = 0; s < drive.length; s++) {
    rk4Advance(model, state, 0, step, drive[s] * model.secondsPerUnit, 0, 0, scratch);
    ca[s] = state.ca[0];
  }
  return { ca, final: { ca: state.ca[0], h: state.h[0], ip3: state.ip3[0] } };
}

/** How far a candidate Ca trace is from the reference. */
export interface FitError {
  readonly caRmse: number; // µM
  /** Largest |peak difference| over the protocol's trains (µM). */
  readonly peakError: number;
  /** |A ∩ B| / |A ∪ B| of the steps with Ca > caThreshold in the two traces (1 when both are empty). */
  readonly gateJaccard: number;
}

/** The three error measures of `candidate` against `reference`. */
export function fitError(reference: Float64Array, candidate: Float64Array, trainStarts: readonly number[], caThreshold: number): FitError {
  assert(reference.length === candidate.length, `traces of ${reference.length} and ${candidate.length} steps`);
  let squares = 0;
  let both = 0;
  let either = 0;
  for (let s = 0; s < reference.length; s++) {
    const difference = candidate[s] - reference[s];
    squares += difference * difference;
    const r = reference[s] > caThreshold;
    const c = candidate[s] > caThreshold;
    if (r && c) both++;
    if (r || c) either++;
  }
  let peakError = 0;
  trainStarts.forEach((start, i) => {
    const end = i + 1 < trainStarts.length ? trainStarts[i + 1] : reference.length;
    let peakReference = -Infinity;
    let peakCandidate = -Infinity;
    for (let s = start; s < end; s++) {
      if (reference[s] > peakReference) peakReference = reference[s];
      if (candidate[s] > peakCandidate) peakCandidate = candidate[s];
    }
    peakError = Math.max(peakError, Math.abs(peakCandidate - peakReference));
  });
  return { caRmse: Math.sqrt(squares / reference.length), peakError, gateJaccard: either === 0 ? 1 : both / either };
}

/** Minimises `f` from `start` by Nelder–Mead with the given initial steps, for exactly `iterations` iterations. */
export function nelderMead(f: (x: readonly number[]) => number, start: readonly number[], steps: readonly number[], iterations: number): { x: number[]; value: number } {
  const n = start.length;
  const simplex: number[][] = [start.slice()];
  for (let i = 0; i < n; i++) {
    const vertex = start.slice();
    vertex[i] += steps[i];
    simplex.push(vertex);
  }
  const values = simplex.map(f);
  const along = (from: readonly number[], to: readonly number[], t: number) => from.map((x, i) => x + t * (to[i] - x));
  for (let iteration = 0; iteration < iterations; iteration++) {
    // Sort by value; ties keep the earlier vertex first (a stable sort), so the run is deterministic.
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const sorted = order.map((i) => simplex[i]);
    const sortedValues = order.map((i) => values[i]);
    simplex.splice(0, simplex.length, ...sorted);
    values.splice(0, values.length, ...sortedValues);
    const centroid = new Array<number>(n).fill(0);
    for (let v = 0; v < n; v++) for (let i = 0; i < n; i++) centroid[i] += simplex[v][i] / n;
    const worst = simplex[n];
    const reflected = along(centroid, worst, -1);
    const reflectedValue = f(reflected);
    if (reflectedValue < values[0]) {
      const expanded = along(centroid, worst, -2);
      const expandedValue = f(expanded);
      if (expandedValue < reflectedValue) {
        simplex[n] = expanded;
        values[n] = expandedValue;
      } else {
        simplex[n] = reflected;
        values[n] = reflectedValue;
      }
    } else if (reflectedValue < values[n - 1]) {
      simplex[n] = reflected;
      values[n] = reflectedValue;
    } else {
      const outside = reflectedValue < values[n];
      const contracted = along(centroid, worst, outside ? -0.5 : 0.5);
      const contractedValue = f(contracted);
      if (contractedValue < (outside ? reflectedValue : values[n])) {
        simplex[n] = contracted;
        values[n] = contractedValue;
      } else {
        for (let v = 1; v <= n; v++) {
          simplex[v] = along(simplex[0], simplex[v], 0.5);
          values[v] = f(simplex[v]);
        }
      }
    }
  }
  let best = 0;
  for (let v = 1; v <= n; v++) if (values[v] < values[best]) best = v;
  return { x: simplex[best], value: values[best] };
}

export interface CalibrationOptions {
  /** The full model's state before settling (e.g. ULLAH_WM2021_INITIAL). */
  readonly initial: AstroPoint;
  /** The gate's Ca threshold, for the interval Jaccard. */
  readonly caThreshold: number;
  readonly protocol?: DriveProtocol; // default standardProtocol()
  /** Undriven time to reach the resting state, default 120 000 ms. */
  readonly settleMs?: number;
  readonly iterations?: number; // Nelder–Mead iterations, default 300
  /** Starting point of the search; default: tau_ip3 from the full model's IP3 decay, tau_ca 1 s, gain 1/s, threshold at rest. */
  readonly guess?: Partial<Pick<ReducedParams, "tau_ip3" | "tau_ca" | "gain" | "ip3_threshold">>;
}

export interface CalibrationResult {
  readonly params: ReducedParams;
  readonly error: FitError;
  /** The error of the starting guess, for comparison. */
  readonly initialError: FitError;
  readonly rest: AstroPoint;
  readonly evaluations: number;
}

/** The full model's IP3 decay time (ms) when it has one, for the default guess. */
function ip3DecayMs(full: AstrocyteModel): number {
  switch (full.model) {
    case "ullah2006":
      return 1000 / full.params.ip3_rate;
    case "lr1994":
      return full.params.tau_IP3;
    case "reduced":
      return full.params.tau_ip3;
  }
}

/** Fits the reduced model to `full`'s Ca response under the protocol. Pure and deterministic. */
export function calibrateReduced(full: AstrocyteModel, options: CalibrationOptions): CalibrationResult {
  const protocol = options.protocol ?? standardProtocol();
  const iterations = options.iterations ?? 300;
  const settleSteps = Math.round((options.settleMs ?? 120_000) / protocol.stepMs);
  const fullModel = astroFloatModel(full);
  const rest = respond(fullModel, options.initial, new Float64Array(settleSteps), protocol.stepMs).final;
  const drive = protocolDrive(protocol);
  const reference = respond(fullModel, rest, drive, protocol.stepMs).ca;

  // Search space: logarithms of the positive parameters, the threshold as an offset from rest.
  const toParams = (x: readonly number[]): ReducedParams => ({
    tau_ip3: Math.exp(x[0]),
    tau_ca: Math.exp(x[1]),
    gain: Math.exp(x[2]),
    ip3_threshold: rest.ip3 + x[3],
    ip3_rest: rest.ip3,
    ca_rest: rest.ca,
  });
  const candidateCa = (params: ReducedParams) => respond(new ReducedFloat(params), { ca: rest.ca, h: 1, ip3: rest.ip3 }, drive, protocol.stepMs).ca;
  let evaluations = 0;
  const objective = (x: readonly number[]): number => {
    evaluations++;
    const error = fitError(reference, candidateCa(toParams(x)), protocol.trainStarts, options.caThreshold).caRmse;
    return Number.isFinite(error) ? error : Number.MAX_VALUE;
  };
  const guess = options.guess ?? {};
  const start = [
    Math.log(guess.tau_ip3 ?? ip3DecayMs(full)),
    Math.log(guess.tau_ca ?? 1000),
    Math.log(guess.gain ?? 1),
    (guess.ip3_threshold ?? rest.ip3) - rest.ip3,
  ];
  const initialError = fitError(reference, candidateCa(toParams(start)), protocol.trainStarts, options.caThreshold);
  const best = nelderMead(objective, start, [0.7, 0.7, 0.7, 0.1], iterations);
  const params = toParams(best.x);
  return {
    params,
    error: fitError(reference, candidateCa(params), protocol.trainStarts, options.caThreshold),
    initialError,
    rest,
    evaluations,
  };
}

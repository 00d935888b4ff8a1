/**
 * The calibration pass over a network: every astrocyte population with a full model (Ullah or
 * lr1994) gets a fitted reduced model (./astro-calibrate.ts), driven by the protocol its own
 * sensing implies (the drive amplitude and pulse length of a glutamate_count sensing, else the
 * WM2021 defaults) and scored at its own gate threshold. Pure; the CLI writes the results.
 */
import type { Checked } from "../ir/types.js";
import type { AstrocytePopulation, ReducedParams } from "../ir/astro-types.js";
import { calibrateReduced, standardProtocol, type CalibrationResult } from "./astro-calibrate.js";

/** Gate threshold used to score gate intervals when a population has no gate (WM2021's). */
export const DEFAULT_CALIBRATION_CA_THRESHOLD = 0.15;

export interface PopulationCalibration {
  readonly astrocytes: string;
  readonly index: number; // position in network.astrocytes
  readonly model: "ullah2006" | "lr1994";
  readonly caThreshold: number;
  readonly protocol: { readonly amplitude: number; readonly pulseMs: number };
  readonly result: CalibrationResult;
}

/** Fits a reduced model to each full-model astrocyte population of `network` (or only `only`). */
export function calibrateNetwork(network: Checked, options: { readonly only?: string; readonly iterations?: number } = {}): PopulationCalibration[] {
  return network.astrocytes.flatMap((population, index): PopulationCalibration[] => {
    if (population.model === "reduced") return [];
    if (options.only !== undefined && population.id !== options.only) return [];
    const sensing = population.sensing;
    const amplitude = sensing?.kind === "glutamate_count" ? sensing.amplitude : 5;
    const pulseMs = sensing?.kind === "glutamate_count" ? sensing.duration : 60;
    const caThreshold = population.gate?.ca_threshold ?? DEFAULT_CALIBRATION_CA_THRESHOLD;
    const result = calibrateReduced(
      population.model === "ullah2006" ? { model: "ullah2006", params: population.params } : { model: "lr1994", params: population.params },
      {
        initial: initialPoint(population),
        caThreshold,
        protocol: standardProtocol({ amplitude, pulseMs }),
        ...(options.iterations !== undefined ? { iterations: options.iterations } : {}),
      },
    );
    return [{ astrocytes: population.id, index, model: population.model, caThreshold, protocol: { amplitude, pulseMs }, result }];
  });
}

/** The population's initial state as one point: a number, or the first of a list or the mean of a draw. */
function initialPoint(population: AstrocytePopulation): { ca: number; h: number; ip3: number } {
  const pick = (spec: unknown, fallback: number): number => {
    if (typeof spec === "number") return spec;
    if (typeof spec === "object" && spec !== null) {
      if ("values" in spec && Array.isArray(spec.values) && typeof spec.values[0] === "number") return spec.values[0];
      if ("uniform" in spec && Array.isArray(spec.uniform)) return (Number(spec.uniform[0]) + Number(spec.uniform[1])) / 2;
      if ("normal" in spec && typeof spec.normal === "object" && spec.normal !== null && "mean" in spec.normal) return Number(spec.normal.mean);
    }
    return fallback;
  };
  const initial = population.initial ?? {};
  return { ca: pick(initial.ca, 0.07), h: pick(initial.h, 0.8), ip3: pick(initial.ip3, 0.16) };
}

/** A reduced model's parameters rounded for a readable network file (6 significant digits). */
export function readableParams(params: ReducedParams): ReducedParams {
  const r = (x: number) => Number(x.toPrecision(6));
  return {
    tau_ip3: r(params.tau_ip3),
    tau_ca: r(params.tau_ca),
    ip3_rest: r(params.ip3_rest),
    ca_rest: r(params.ca_rest),
    ip3_threshold: r(params.ip3_threshold),
    gain: r(params.gain),
  };
}

/**
 * Builders of small glia-core configs for the tests: the bundled target's semantics, one
 * Izhikevich group from physical parameters, and a config with everything else empty.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { GliaConfig, GliaNeuronGroup } from "../../../src/hw/glia-config.js";
import { GLIA_CONFIG_FORMAT } from "../../../src/hw/glia-config.js";
import type { GliaSemantics, GliaTarget } from "../../../src/targets/glia-types.js";
import { izhikevichConstants } from "../../../src/models/izhikevich-fixed.js";
import type { IzhikevichParams } from "../../../src/ir/types.js";

export const REPO = join(import.meta.dirname, "../../..");
export const GLIA_TARGET = JSON.parse(readFileSync(join(REPO, "targets/glia-core.json"), "utf8")) as GliaTarget;
export const SEMANTICS: GliaSemantics = GLIA_TARGET.semantics;

export const WM_NEURON: IzhikevichParams = { a: 0.1, b: 0.2, c: -65, d: 2, v_peak: 30, spike_threshold: 29, input_clip: 25 };

/** One Izhikevich group with the WM2021 parameters (or `params`), all neurons at v0 (mV), U = 0; the current in Q.iFrac (default: V's Q.frac). */
export function neuronGroup(
  population: string,
  offset: number,
  size: number,
  options: { frac?: number; iFrac?: number; dtMs?: number; v0?: number; params?: IzhikevichParams; glutamate?: GliaNeuronGroup["glutamate"] } = {},
): GliaNeuronGroup {
  const frac = options.frac ?? 15;
  const iFrac = options.iFrac ?? frac;
  const k = izhikevichConstants(options.params ?? WM_NEURON, options.dtMs ?? 0.1, frac, SEMANTICS.constantFrac, undefined, iFrac);
  return {
    population,
    offset,
    size,
    frac,
    iFrac,
    ...k,
    v0: new Int32Array(size).fill(Math.round((options.v0 ?? -70) * 2 ** frac)),
    u0: new Int32Array(size),
    ...(options.glutamate !== undefined ? { glutamate: options.glutamate } : {}),
  };
}

/** A config with the given parts and nothing else. */
export function gliaConfig(parts: Partial<GliaConfig> & { steps: number }): GliaConfig {
  return {
    format: GLIA_CONFIG_FORMAT,
    target: { name: GLIA_TARGET.name, version: GLIA_TARGET.version },
    network: { name: "test", hash: "0" },
    semantics: SEMANTICS,
    limits: GLIA_TARGET.core,
    dtMs: 0.1,
    seed: 1,
    neurons: [],
    projections: [],
    currents: [],
    astrocytes: [],
    neuronEffects: [],
    luts: [],
    inputs: { lineCount: 0, spikeSteps: new Int32Array(0), spikeLines: new Int32Array(0), symbols: [] },
    scales: [],
    record: [],
    ...parts,
  };
}

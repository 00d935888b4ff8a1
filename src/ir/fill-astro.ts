/**
 * Defaults of the neuron–astrocyte parts of a network (docs/ir.md, "Defaults"): Izhikevich
 * parameters and initial state, glutamate release, astrocyte parameters, initial state, period,
 * owner rule, coupling order and gate. Returns new objects; never changes the document.
 */
import type { GlutamateSpec, IzhikevichPopulation, Population, ValueSpec } from "./types.js";
import { IZHIKEVICH_DEFAULTS } from "./types.js";
import {
  LR1994_NEST,
  LR1994_NEST_INITIAL,
  ULLAH_WM2021,
  ULLAH_WM2021_INITIAL,
  type AstrocyteModel,
  type AstrocytePopulation,
  type CurrentInput,
  type Tripartite,
} from "./astro-types.js";
import type { AstrocyteDocument, GlutamateDocument, IzhikevichPopulationDocument } from "./document.js";

/** Release rule when the file gives none: the WM2021 peak rule for Izhikevich, spikes for LIF. */
export function fillGlutamate(glutamate: GlutamateDocument, model: Population["model"]): GlutamateSpec {
  return {
    decay_rate: glutamate.decay_rate,
    release_rate: glutamate.release_rate,
    release: glutamate.release ?? (model === "izhikevich" ? "at_peak" : "spiking"),
  };
}

/** v_peak 30, spike_threshold v_peak − 1, input_clip null; initial V = c and U = 0. */
export function fillIzhikevich(population: IzhikevichPopulationDocument): IzhikevichPopulation {
  const { a, b, c, d } = population.params;
  const vPeak = population.params.v_peak ?? IZHIKEVICH_DEFAULTS.v_peak;
  return {
    id: population.id,
    model: "izhikevich",
    size: population.size,
    ...(population.grid !== undefined ? { grid: population.grid } : {}),
    params: {
      a,
      b,
      c,
      d,
      v_peak: vPeak,
      spike_threshold: population.params.spike_threshold ?? vPeak - 1,
      input_clip: population.params.input_clip === undefined ? IZHIKEVICH_DEFAULTS.input_clip : population.params.input_clip,
    },
    initial: { v: population.initial?.v ?? c, u: population.initial?.u ?? 0 },
    ...(population.glutamate !== undefined ? { glutamate: fillGlutamate(population.glutamate, "izhikevich") } : {}),
  };
}

/** The model's parameters with every field written out, and its default initial state. */
function fillModel(astrocyte: AstrocyteDocument): { model: AstrocyteModel; initial: { ca: number; h: number; ip3: number } } {
  switch (astrocyte.model) {
    case "ullah2006":
      return { model: { model: "ullah2006", params: { ...ULLAH_WM2021, ...astrocyte.params } }, initial: { ...ULLAH_WM2021_INITIAL } };
    case "lr1994": {
      const params = { ...LR1994_NEST, ...astrocyte.params };
      // NEST starts IP3 at the IP3_0 parameter, so a changed IP3_0 moves the initial IP3 with it.
      return { model: { model: "lr1994", params }, initial: { ca: LR1994_NEST_INITIAL.ca, h: LR1994_NEST_INITIAL.h, ip3: params.IP3_0 } };
    }
    case "reduced":
      return { model: { model: "reduced", params: { ...astrocyte.params } }, initial: { ca: astrocyte.params.ca_rest, h: 1, ip3: astrocyte.params.ip3_rest } };
  }
}

/** period = run.dt, owner "last", coupling order "gauss-seidel", gate min_coincident 1, initial state per model. */
export function fillAstrocytes(astrocyte: AstrocyteDocument, dt: number): AstrocytePopulation {
  const { model, initial } = fillModel(astrocyte);
  const given: { ca?: ValueSpec; h?: ValueSpec; ip3?: ValueSpec } = astrocyte.initial ?? {};
  return {
    id: astrocyte.id,
    ...model,
    size: astrocyte.size,
    ...(astrocyte.grid !== undefined ? { grid: astrocyte.grid } : {}),
    period: astrocyte.period ?? dt,
    initial: { ca: given.ca ?? initial.ca, h: given.h ?? initial.h, ip3: given.ip3 ?? initial.ip3 },
    ...(astrocyte.coupling !== undefined ? { coupling: { ...astrocyte.coupling, order: astrocyte.coupling.order ?? "gauss-seidel" } } : {}),
    territory: astrocyte.territory,
    owner: astrocyte.owner ?? "last",
    ...(astrocyte.sensing !== undefined ? { sensing: astrocyte.sensing } : {}),
    ...(astrocyte.gate !== undefined ? { gate: { ...astrocyte.gate, min_coincident: astrocyte.gate.min_coincident ?? 1 } } : {}),
  } as AstrocytePopulation; // TS cannot see through the spread that model and params stay paired
}

/** Currents have no defaults; copied so the checked network shares nothing with the document. */
export const fillCurrent = (current: CurrentInput): CurrentInput => structuredClone(current);

/** Tripartite couplings have no defaults; copied like currents. */
export const fillTripartite = (coupling: Tripartite): Tripartite => structuredClone(coupling);

// A small neuron–astrocyte network in the IR (WM2021's model and parameters, four neurons, one
// astrocyte) and variants of it, for the refusal and lowering tests.
import { asStage } from "../../../src/ir/stage.js";
import { NETWORK_FORMAT, type Checked, type IzhikevichParams, type Network, type Population, type Projection } from "../../../src/ir/types.js";
import { ULLAH_WM2021, ULLAH_WM2021_INITIAL, type AstrocytePopulation, type CurrentInput, type Tripartite } from "../../../src/ir/astro-types.js";

/** WM2021's Izhikevich parameters (models.md §2.1). */
export const WM2021_IZHIKEVICH: IzhikevichParams = { a: 0.1, b: 0.2, c: -65, d: 2, v_peak: 30, spike_threshold: 29, input_clip: 25 };

export const izhikevich = (id: string, size: number, extra: Partial<Population> = {}): Population =>
  ({ id, model: "izhikevich", size, params: WM2021_IZHIKEVICH, initial: { v: -70, u: 0 }, ...extra }) as Population;

export const conductance = (id: string, pre: string, post: string, pairs: readonly (readonly [number, number])[], weight: number | readonly number[] = 0.025): Projection => ({
  id,
  pre,
  post,
  connect: { rule: "explicit", pairs },
  weight: typeof weight === "number" ? weight : { values: weight },
  synapse: { kind: "sigmoid_conductance", e_rev: 0, k: 0.2 },
});

/**
 * One WM2021 astrocyte sensing neurons 0..3 of "n" (glutamate count ≥ 2, gate as the authors),
 * updated every 1 ms: at WM2021's every-step update glia-core's IP3 relaxation is under 10
 * register units per update (TP3077).
 */
export const wmAstrocyte = (extra: Partial<AstrocytePopulation> = {}): AstrocytePopulation =>
  ({
    id: "a",
    model: "ullah2006",
    params: ULLAH_WM2021,
    size: 1,
    period: 1,
    initial: { ...ULLAH_WM2021_INITIAL },
    territory: { kind: "lists", population: "n", neurons: [[0, 1, 2, 3]] },
    owner: "last",
    sensing: { kind: "glutamate_count", threshold: 0.7, min_count: 2, amplitude: 5, duration: 60 },
    gate: { ca_threshold: 0.15, min_coincident: 2, window: 10, check_period: 1, hold: 250 },
    ...extra,
  }) as AstrocytePopulation;

export const PATTERN: CurrentInput = { id: "pattern", kind: "steps", population: "n", segments: [{ start: 0, stop: 5, value: 8 }] };

export const ADDITIVE: Tripartite = { id: "a_n_n", astrocytes: "a", projection: "n_n", by: "post", effect: { kind: "additive", nu: 0.5 } };

type Parts = Partial<Omit<Network, "format">>;

/** The full small network: neurons with glutamate, a recurrent and an input projection, a current, an astrocyte, a coupling. */
export function wmParts(): Parts {
  return {
    populations: [izhikevich("n", 4, { glutamate: { decay_rate: 10, release_rate: 600, release: "at_peak" } } as Partial<Population>)],
    inputs: [{ id: "x", kind: "spike_times", size: 1, times: [[0.5]] }],
    projections: [
      conductance("n_n", "n", "n", [[0, 1], [1, 2], [2, 3], [3, 0]]),
      conductance("x_n", "x", "n", [[0, 0]], 1),
    ],
    currents: [PATTERN],
    astrocytes: [wmAstrocyte()],
    tripartite: [ADDITIVE],
  };
}

/** A checked network built by hand (the loader's rules are the caller's responsibility). */
export function gliaNetwork(parts: Parts): Checked {
  return asStage("checked", {
    format: NETWORK_FORMAT,
    name: "glia-test",
    run: { dt: 0.1, duration: 10, seed: 7 },
    populations: [],
    inputs: [],
    projections: [],
    currents: [],
    astrocytes: [],
    tripartite: [],
    plasticity: [],
    record: [],
    ...parts,
  } satisfies Network);
}

// Builders of small elaborated neuron–astrocyte networks, made directly in code (no loader), and
// independent re-computations of the model arithmetic for the expected values of the tests.
import { asStage } from "../../../src/ir/stage.js";
import type {
  Elaborated,
  ElaboratedAstrocytes,
  ElaboratedCurrent,
  ElaboratedInput,
  ElaboratedIzhikevich,
  ElaboratedProjection,
  ElaboratedTripartite,
} from "../../../src/ir/elaborated.js";
import { NETWORK_FORMAT, type GlutamateSpec, type IzhikevichParams, type Network, type RecordSpec } from "../../../src/ir/types.js";
import type { AstrocyteModel, Coupling, GateOwner, NeuronEffect, ReducedParams, SynapseEffect, UllahParams } from "../../../src/ir/astro-types.js";
import type { Recording, Trace } from "../../../src/hw/recording.js";

/** WM2021's neuron (models.md §2.1): a = 0.1, b = 0.2, c = −65, d = 2, peak 30, spikes above 29, clip 25. */
export const WM_NEURON: IzhikevichParams = { a: 0.1, b: 0.2, c: -65, d: 2, v_peak: 30, spike_threshold: 29, input_clip: 25 };
export const WM_GLUTAMATE: GlutamateSpec = { decay_rate: 10, release_rate: 600, release: "at_peak" };

export interface PopulationSpec {
  readonly id: string;
  readonly size: number;
  readonly params?: Partial<IzhikevichParams>;
  readonly v0?: number;
  readonly u0?: number;
  readonly glutamate?: GlutamateSpec | null; // default WM2021's; null = none
}

export function izhikevich(spec: PopulationSpec, index: number): ElaboratedIzhikevich {
  return {
    id: spec.id,
    index,
    model: "izhikevich",
    size: spec.size,
    params: { ...WM_NEURON, ...spec.params },
    initialV: new Float64Array(spec.size).fill(spec.v0 ?? -70),
    initialU: new Float64Array(spec.size).fill(spec.u0 ?? 0),
    ...(spec.glutamate === null ? {} : { glutamate: spec.glutamate ?? WM_GLUTAMATE }),
  };
}

/** A conductance projection from explicit [pre, post, g] triples (sorted here into CSR order, stable). */
export function conductance(
  id: string,
  index: number,
  pre: ElaboratedProjection["pre"],
  post: number,
  triples: readonly (readonly [number, number, number])[],
  eRev = 0,
  k = 0.2,
): ElaboratedProjection {
  const sorted = [...triples].sort((x, y) => x[0] - y[0]);
  const rowStart = new Int32Array(pre.size + 1);
  for (const [p] of sorted) rowStart[p + 1]++;
  for (let i = 0; i < pre.size; i++) rowStart[i + 1] += rowStart[i];
  return {
    id,
    index,
    pre,
    post,
    kind: "sigmoid_conductance",
    tauSyn: 0,
    sign: "excitatory",
    conductance: { eRev, k },
    synapses: {
      rowStart,
      post: Int32Array.from(sorted, (t) => t[1]),
      weight: Float64Array.from(sorted, (t) => t[2]),
      delay: new Uint16Array(sorted.length),
    },
  };
}

/** A current input from [step, neuron, value] change points. */
export function current(id: string, index: number, population: number, changes: readonly (readonly [number, number, number])[]): ElaboratedCurrent {
  const sorted = [...changes].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return {
    id,
    index,
    population,
    step: Int32Array.from(sorted, (c) => c[0]),
    neuron: Int32Array.from(sorted, (c) => c[1]),
    value: Float64Array.from(sorted, (c) => c[2]),
  };
}

export function spikeInput(id: string, index: number, size: number, spikes: readonly (readonly [number, number])[]): ElaboratedInput {
  const sorted = [...spikes].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return { id, index, kind: "spike_times", size, spikeSteps: Int32Array.from(sorted, (s) => s[0]), spikeSources: Int32Array.from(sorted, (s) => s[1]) };
}

export interface AstrocyteSpec {
  readonly id: string;
  readonly model: AstrocyteModel;
  readonly size: number;
  readonly initial: { readonly ca: number | readonly number[]; readonly h: number | readonly number[]; readonly ip3: number | readonly number[] };
  readonly periodSteps?: number;
  readonly territoryPopulation?: number;
  readonly territory: readonly (readonly number[])[]; // per astrocyte
  readonly populationSize: number; // of the territory population
  readonly owner?: GateOwner;
  readonly ownerOf?: readonly number[];
  readonly sweep?: readonly number[];
  readonly coupling?: Omit<Coupling, "pairs"> & { readonly neighbours: readonly (readonly number[])[] };
  readonly sensing?: ElaboratedAstrocytes["sensing"];
  readonly gate?: { readonly ca_threshold: number; readonly min_coincident: number; readonly windowSteps: number; readonly checkSteps: number; readonly holdSteps: number };
}

const fill = (value: number | readonly number[], size: number): Float64Array =>
  typeof value === "number" ? new Float64Array(size).fill(value) : Float64Array.from(value);

function csr<T extends number>(rows: readonly (readonly T[])[]): { rowStart: Int32Array; items: Int32Array } {
  const rowStart = new Int32Array(rows.length + 1);
  rows.forEach((row, i) => (rowStart[i + 1] = rowStart[i] + row.length));
  return { rowStart, items: Int32Array.from(rows.flat()) };
}

export function astrocytes(spec: AstrocyteSpec, index: number): ElaboratedAstrocytes {
  const territory = csr(spec.territory);
  const ownerOf = new Int32Array(spec.populationSize).fill(-1);
  if (spec.ownerOf !== undefined) ownerOf.set(spec.ownerOf);
  else spec.territory.forEach((neurons, a) => neurons.forEach((n) => (ownerOf[n] = a))); // "last"
  const dtMs = 0.1;
  return {
    ...spec.model,
    id: spec.id,
    index,
    size: spec.size,
    periodSteps: spec.periodSteps ?? 1,
    initialCa: fill(spec.initial.ca, spec.size),
    initialH: fill(spec.initial.h, spec.size),
    initialIp3: fill(spec.initial.ip3, spec.size),
    sweep: Int32Array.from(spec.sweep ?? Array.from({ length: spec.size }, (_, i) => i)),
    ...(spec.coupling !== undefined
      ? (() => {
          const { neighbours, ...rest } = spec.coupling;
          const c = csr(neighbours);
          return { coupling: { ...rest, neighbours: { rowStart: c.rowStart, neighbour: c.items } } };
        })()
      : {}),
    territoryPopulation: spec.territoryPopulation ?? 0,
    territory: { rowStart: territory.rowStart, neuron: territory.items },
    ownerOf,
    ownerRule: spec.owner ?? "last",
    ...(spec.sensing !== undefined ? { sensing: spec.sensing } : {}),
    ...(spec.gate !== undefined
      ? {
          gate: {
            ...spec.gate,
            window: spec.gate.windowSteps * dtMs,
            check_period: spec.gate.checkSteps * dtMs,
            hold: spec.gate.holdSteps * dtMs,
          },
        }
      : {}),
  };
}

export function synapseEffect(id: string, index: number, astro: number, projection: number, astrocyteOf: readonly number[], effect: SynapseEffect): ElaboratedTripartite {
  return { id, index, target: "synapses", astrocytes: astro, projection, astrocyteOf: Int32Array.from(astrocyteOf), effect };
}

export function neuronEffect(id: string, index: number, astro: number, population: number, effect: NeuronEffect): ElaboratedTripartite {
  return { id, index, target: "neurons", astrocytes: astro, population, effect };
}

export interface NetworkSpec {
  readonly steps: number;
  readonly dtMs?: number;
  readonly populations: readonly PopulationSpec[];
  readonly inputs?: readonly ElaboratedInput[];
  readonly projections?: readonly ElaboratedProjection[];
  readonly currents?: readonly ElaboratedCurrent[];
  readonly astrocytes?: readonly AstrocyteSpec[];
  readonly tripartite?: readonly ElaboratedTripartite[];
  readonly record: readonly RecordSpec[];
}

/** An elaborated network; net.network carries only what the reference reads (run, record). */
export function gliaNetwork(spec: NetworkSpec): Elaborated {
  const dt = spec.dtMs ?? 0.1;
  const network = asStage("checked", {
    format: NETWORK_FORMAT,
    run: { dt, duration: spec.steps * dt, seed: 1 },
    populations: [],
    inputs: [],
    projections: [],
    currents: [],
    astrocytes: [],
    tripartite: [],
    plasticity: [],
    record: spec.record,
  } satisfies Network);
  return asStage("elaborated", {
    network,
    steps: spec.steps,
    populations: spec.populations.map(izhikevich),
    inputs: spec.inputs ?? [],
    projections: spec.projections ?? [],
    currents: spec.currents ?? [],
    astrocytes: (spec.astrocytes ?? []).map(astrocytes),
    tripartite: spec.tripartite ?? [],
  });
}

export const ULLAH: UllahParams = {
  c0: 2.0, c1: 0.185, v1: 6.0, v2: 0.11, v3: 2.2, v4: 0.3, v6: 0.2, k1: 0.5, k2: 1.0, k3: 0.1, k4: 1.1,
  d1: 0.13, d2: 1.049, d3: 0.9434, d5: 0.082, a2: 0.14, ip3_star: 0.16, ip3_rate: 0.14, alpha: 0.8,
  membrane_fluxes: true, plc_delta: true,
};
export const ULLAH_REST = { ca: 0.072495, h: 0.886314, ip3: 0.820204 };

/** A reduced astrocyte whose Ca and IP3 never move on their own: pure coupling and drive. */
export const FROZEN: ReducedParams = { tau_ip3: Infinity, tau_ca: Infinity, ip3_rest: 0, ca_rest: 0, ip3_threshold: 1e9, gain: 0 };

/** The trace of `variable` of `id`, element `element`. */
export function trace(recording: Recording, id: string, variable: string, element = 0): Float64Array {
  const population = recording.populations.find((p) => p.id === id);
  const found: Trace | undefined = population?.traces.find((t) => t.variable === variable);
  const k = found === undefined ? -1 : Array.from(found.neurons).indexOf(element);
  if (found === undefined || k < 0) throw new Error(`no trace ${variable}[${element}] of '${id}'`);
  return found.values[k];
}

/** Steps at which neuron `neuron` of `id` spiked. */
export function spikeSteps(recording: Recording, id: string, neuron = 0): number[] {
  const train = recording.populations.find((p) => p.id === id)?.spikes;
  if (train === undefined) throw new Error(`no spikes of '${id}'`);
  return Array.from(train.step).filter((_, i) => train.neuron[i] === neuron);
}

// ---------------------------------------------------------------------------------------------
// Independent re-computations (written from the step as docs/semantics-float.md §6 states it, not from src/)

/** One neuron of WM2021 stepped for `steps` steps with input current I(s) (before the clip). */
export function referenceNeuron(
  steps: number,
  current: (s: number) => number,
  p: IzhikevichParams = WM_NEURON,
  v0 = -70,
  u0 = 0,
): { v: number[]; u: number[]; g: number[] } {
  let V = v0;
  let U = u0;
  let G = 0;
  const kappa = 0.1;
  const ka = kappa * p.a;
  const out = { v: [] as number[], u: [] as number[], g: [] as number[] };
  for (let s = 0; s < steps; s++) {
    if (V >= p.v_peak) {
      V = p.c;
      U = U + p.d;
    }
    let I = current(s);
    if (p.input_clip !== null) I = Math.min(I, p.input_clip);
    V = V + kappa * (((((0.04 * (V * V)) + 5 * V) + 140) + I) - U);
    U = U + ka * (p.b * V - U);
    V = Math.min(V, p.v_peak);
    const delta = V === p.v_peak ? 1 : 0;
    G = G - 1e-4 * (10 * G - 600 * delta);
    out.v.push(V);
    out.u.push(U);
    out.g.push(G);
  }
  return out;
}

/** The Ullah right-hand side exactly as §6 C.3 brackets it, with J_glu and the diffusion terms. */
export function ullahRhs(ca: number, h: number, ip3: number, drive: number, diffCa: number, diffIp3: number, q: UllahParams = ULLAH): [number, number, number] {
  const M = ip3 / (ip3 + q.d1);
  const N = ca / (ca + q.d5);
  const jEr = ((((q.c1 * q.v1) * M ** 3) * N ** 3) * h ** 3) * ((q.c0 - ca) / q.c1 - ca);
  const jLeak = (q.c1 * q.v2) * ((q.c0 - ca) / q.c1 - ca);
  const jPump = (q.v3 * ca ** 2) / (ca ** 2 + q.k3 ** 2);
  const jIn = q.membrane_fluxes ? q.v6 * (ip3 ** 2 / (q.k2 ** 2 + ip3 ** 2)) : 0;
  const jOut = q.membrane_fluxes ? q.k1 * ca : 0;
  const dCa = ((((jEr - jPump) + jLeak) + jIn) - jOut) + diffCa;
  const Q2 = q.d2 * ((ip3 + q.d1) / (ip3 + q.d3));
  const hInf = Q2 / (Q2 + ca);
  const tauH = 1 / (q.a2 * (Q2 + ca));
  const jPlc = q.plc_delta ? q.v4 * ((ca + (1 - q.alpha) * q.k4) / (ca + q.k4)) : 0;
  const dIp3 = ((((q.ip3_star - ip3) * q.ip3_rate) + jPlc) + drive) + diffIp3;
  return [dCa, (hInf - h) / tauH, dIp3];
}

/** Classical RK4 of `f` over step `dt` with the §6 C.3 combination order. */
export function rk4(x: readonly [number, number, number], dt: number, f: (x: readonly number[]) => readonly number[]): [number, number, number] {
  const half = dt / 2;
  const sixth = dt / 6;
  const k1 = f(x);
  const k2 = f(x.map((xi, i) => xi + half * k1[i]));
  const k3 = f(x.map((xi, i) => xi + half * k2[i]));
  const k4 = f(x.map((xi, i) => xi + dt * k3[i]));
  return x.map((xi, i) => xi + sixth * (((k1[i] + 2 * k2[i]) + 2 * k3[i]) + k4[i])) as [number, number, number];
}

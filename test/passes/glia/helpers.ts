// Hand-built glia-core targets, networks and configs for the glia pass and codec tests.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isGliaTarget, type GliaTarget } from "../../../src/targets/glia-types.js";
import { loadTarget } from "../../../src/targets/load.js";
import { REPO } from "../helpers.js";
import { GLIA_CONFIG_FORMAT, type GliaConfig } from "../../../src/hw/glia-config.js";

type DeepPartial<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

function merge<T>(base: T, changes: DeepPartial<T>): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(changes)) {
    const current = out[key];
    out[key] =
      value !== null && typeof value === "object" && !Array.isArray(value) && current !== null && typeof current === "object"
        ? merge(current, value as DeepPartial<typeof current>)
        : value;
  }
  return out as T;
}

/** A glia-core target with round numbers that the tests derive their expectations from. */
export function gliaTarget(changes: DeepPartial<GliaTarget> = {}): GliaTarget {
  const base: GliaTarget = {
    format: "tripart.target/1",
    family: "glia-core",
    name: "glia-test",
    version: "0.0.1",
    description: "glia-core test target",
    sources: [],
    timeStep: {},
    chip: { cores: 16 },
    core: { maxNeurons: 256, maxSynapses: 8192, maxFanIn: 256, maxFanOut: 256, maxAstrocytes: 64, maxTerritory: 32, maxNeighbours: 4 },
    semantics: {
      rounding: "floor",
      constantFrac: 16,
      neuron: { models: ["izhikevich"], stateBits: 24, overflow: "saturate" },
      glutamate: { bits: 16 },
      synapse: { weightBits: 12, accumulatorBits: 32, sigmoid: { entries: 256, bits: 12, interpolation: "linear" }, maxDelay: 0 },
      astrocyte: {
        models: ["ullah2006", "lr1994", "reduced"],
        stateBits: 24,
        integrator: "euler",
        minPeriodSteps: 1,
        lut: { entries: 256, bits: 16, interpolation: "linear", spacing: ["uniform", "octave"] },
        diffusion: ["gauss-seidel", "jacobi"],
        sensing: ["glutamate_count", "glutamate_sum", "spike_jump"],
        maxHoldSteps: 4096,
        maxWindowSteps: 256,
      },
      effects: { synapse: ["additive", "multiplicative", "suppressive"], graded: true, neuron: ["sic", "current"], gainBits: 8 },
    },
    capabilities: { models: ["izhikevich"], synapses: ["sigmoid_conductance"], astrocytes: true, plasticity: [] },
  };
  return merge(base, changes);
}

const i32 = (values: readonly number[]) => Int32Array.from(values);

/**
 * A small valid glia-core config with every kind of part: 3 neurons, 2 input lines, a modulated
 * neuron→neuron projection and an input projection, one current, 2 coupled astrocytes with
 * sensing, gate and grading, one neuron effect, two tables.
 */
export function sampleGliaConfig(): GliaConfig {
  const target = gliaTarget();
  return {
    format: GLIA_CONFIG_FORMAT,
    target: { name: target.name, version: target.version },
    network: { name: "sample", hash: "sha256:00" },
    semantics: target.semantics,
    limits: target.core,
    dtMs: 0.1,
    steps: 100,
    seed: 7,
    neurons: [
      {
        population: "n",
        offset: 0,
        size: 3,
        frac: 16,
        iFrac: 13, // the input current's own format: currents, the clip and effects below are in Q.13
        vCentre: 0, // the plain polynomial (any centre is exact algebra; the lowering uses −62.5 mV)
        k004: 262,
        k5: 32768,
        k140: 917504,
        kI: 6554,
        ka: 655,
        kb: 13107,
        cReset: -4259840,
        d: 131072,
        peak: 1966080,
        spikeThreshold: 1900544,
        inputClip: 204800, // 25 mV/ms
        v0: i32([-4587520, -4587520, -4259840]),
        u0: i32([0, 0, -65536]),
        glutamate: { frac: 12, decay: 66, increment: 246, release: "at_peak" },
      },
    ],
    projections: [
      {
        id: "n_n",
        pre: { kind: "neurons", offset: 0, size: 3 },
        postOffset: 0,
        postSize: 3,
        eRev: 0,
        sigmoid: 0,
        sFrac: 12,
        weightFrac: 12,
        rowStart: i32([0, 2, 3, 3]),
        post: i32([1, 2, 0]),
        weight: i32([102, 102, 205]),
        astrocyte: i32([0, 1, -1]),
        delta: i32([2048, 2048, 0]),
      },
      {
        id: "x_n",
        pre: { kind: "inputs", offset: 0, size: 2 },
        postOffset: 0,
        postSize: 3,
        eRev: 0,
        sigmoid: -1,
        sFrac: 12,
        weightFrac: 12,
        rowStart: i32([0, 1, 2]),
        post: i32([0, 2]),
        weight: i32([4095, 1000]),
        astrocyte: i32([]),
        delta: i32([]),
      },
    ],
    currents: [{ id: "pulse", populationOffset: 0, size: 3, step: i32([0, 10, 20]), neuron: i32([0, 1, 0]), value: i32([81920, 81920, 0]) }],
    astrocytes: [
      {
        id: "a",
        model: "ullah2006",
        offset: 0,
        size: 2,
        frac: 17,
        periodSteps: 10,
        constants: { c0: 262144, c1v1: 145490 },
        luts: { m3: 1 },
        ca0: i32([9502, 9502]),
        h0: i32([116171, 116171]),
        ip30: i32([107506, 107506]),
        sweep: i32([0, 1]),
        diffusion: { order: "gauss-seidel", dCa: 3, dIp3: 7, rowStart: i32([0, 1, 2]), neighbour: i32([1, 0]) },
        territory: { populationOffset: 0, rowStart: i32([0, 2, 3]), neuron: i32([0, 1, 2]), ownerOf: i32([0, 0, 1]), ownerRule: "last" },
        sensing: { kind: "glutamate_count", threshold: 2867, minCount: 1, amplitude: 655360, durationSteps: 600 },
        gate: { caThreshold: 19661, minCoincident: 1, windowSteps: 100, checkSteps: 10, holdSteps: 2500 },
        grading: { caLow: 19661, caHigh: 39322, reciprocal: 854 },
      },
    ],
    neuronEffects: [{ id: "boost", astrocytes: 0, populationOffset: 0, size: 3, kind: "current", amplitude: 8192, sicLut: -1 }],
    luts: [
      { name: "sigmoid", x0: -327680, shift: 12, values: i32([0, 1, 2048, 4095, 4096]), frac: 12, interpolation: "linear", spacing: "uniform", segmentBits: 0, maxError: 0.0003 },
      { name: "m3", x0: 0, shift: 14, values: i32([0, 100, 5000, 30000]), frac: 16, interpolation: "linear", spacing: "octave", segmentBits: 0, maxError: 0.00001 },
    ],
    inputs: { lineCount: 2, spikeSteps: i32([1, 1, 5]), spikeLines: i32([0, 1, 1]), symbols: [{ id: "x", offset: 0, size: 2, external: false }] },
    scales: [
      { population: "n", variable: "v", unit: "mV", scale: 65536, offset: 0 },
      { population: "a", variable: "ca", unit: "µM", scale: 131072, offset: 0 },
    ],
    record: [{ population: "n", spikes: true, state: ["v"], neurons: i32([0, 2]) }],
  };
}

/** The bundled glia-core target, through the real loader. */
export function gliaCore(): GliaTarget {
  const result = loadTarget(readFileSync(join(REPO, "targets/glia-core.json"), "utf8"));
  if (!result.ok || !isGliaTarget(result.value)) throw new Error(`glia-core.json does not load as a glia-core target: ${result.diagnostics.map((d) => d.message).join(" ")}`);
  return result.value;
}

/** The bundled glia-core target with some fields changed. */
export const gliaCoreWith = (changes: DeepPartial<GliaTarget>): GliaTarget => merge(gliaCore(), changes);

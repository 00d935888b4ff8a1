/**
 * emit: assembles the HwConfig from the routed stage: per-core compartment arrays, formats and
 * synapses, routes, input-line spikes, the symbol map, the dequantization scales, the record
 * specs, and the target's semantics and limits copied in. Adds no decision of its own; the
 * result must pass validateConfig (checked by verify).
 */
import { createHash } from "node:crypto";
import { assert } from "../util/assert.js";
import type { Checked } from "../ir/types.js";
import { asLif, type ElaboratedNetwork } from "../ir/elaborated.js";
import { HWCONFIG_FORMAT, type HwCompartments, type HwConfig, type HwCore, type HwInputs, type HwPlacement, type HwRecordSpec, type HwScale, type HwSymbol } from "../hw/types.js";
import { validateConfig } from "../hw/validate.js";
import type { Pass } from "./pass.js";
import type { Target } from "../targets/types.js";
import type { HwLearning } from "../hw/learning-config.js";
import type { PartitionedNetwork, QuantizedPopulation, Routed } from "./stages.js";
import { placeSynapses } from "./synapse-placement.js";

/** The unit of the dequantized synaptic current: a current times the membrane resistance. */
export const CURRENT_UNIT = "mV (R·I)";

export const emit: Pass<Routed, HwConfig> = {
  name: "emit",
  summary: "Assemble the hardware config: cores, routes, input spikes, symbols, scales, record specs and the target's semantics.",
  run(input, ctx) {
    const { partitioned } = input;
    const { quantized } = partitioned;
    const { discretized } = quantized;
    const net = discretized.elaborated;
    const { network } = net;
    const semantics = ctx.target.neuron;

    const cores = input.cores.map(
      (core): HwCore => ({
        index: core.index,
        compartments: compartmentsOf(core.index, partitioned, quantized.populations, semantics.currentChannels),
        formats: core.formats,
        synapses: core.synapses,
      }),
    );
    const config: HwConfig = {
      format: HWCONFIG_FORMAT,
      target: { name: ctx.target.name, version: ctx.target.version },
      network: { name: network.name ?? "network", hash: ctx.options.networkHash ?? networkHash(network) },
      semantics,
      dtMs: discretized.dtMs,
      steps: discretized.steps,
      seed: network.run.seed,
      cores,
      routes: input.routes,
      inputs: inputLines(net, partitioned.lineBase),
      symbols: symbolsOf(net, partitioned),
      scales: quantized.populations.flatMap((population): HwScale[] => [
        { population: population.id, variable: "v", unit: "mV", scale: population.voltageScale, offset: asLif(net.populations[population.index]).params.v_reset },
        { population: population.id, variable: "i_syn", unit: CURRENT_UNIT, scale: population.currentScale, offset: 0 },
      ]),
      record: recordSpecs(net),
      limits: ctx.target.core,
      ...(quantized.learning !== undefined ? { learning: learningOf(input) } : {}),
      ...(ctx.target.chip.mesh !== undefined || ctx.target.board !== undefined ? { placement: placementOf(partitioned, ctx.target) } : {}),
    };
    ctx.stats.set("cores", cores.length);
    ctx.stats.set("input-spikes", config.inputs.spikeSteps.length);
    return config;
  },
  verify(output) {
    checkPlacements(output);
    const diagnostics = validateConfig(output);
    assert(diagnostics.length === 0, `emit: the config fails validation: ${diagnostics.map((d) => `${d.code} ${d.path} ${d.message}`).join("; ")}`);
  },
};

/** The lowered learning with every plastic synapse's place (core, index) filled in. */
function learningOf(routed: Routed): HwLearning {
  const learning = routed.partitioned.quantized.learning!;
  const placements = placeSynapses(routed, learning.projections.map((p) => p.index));
  return {
    semantics: learning.semantics,
    epoch: learning.epoch,
    projections: learning.projections.map(({ index, ...projection }) => {
      const placement = placements.get(index)!;
      return { ...projection, synapseCore: placement.core, synapseIndex: placement.index };
    }),
  };
}

/** Every plastic synapse's entry holds its post compartment and a mantissa of its sign within its bounds. */
function checkPlacements(config: HwConfig): void {
  for (const p of config.learning?.projections ?? []) {
    const post = config.symbols.find((s) => s.id === p.post);
    assert(post !== undefined, `emit: plastic projection '${p.id}' names unknown post '${p.post}'`);
    for (let s = 0; s < p.synapsePre.length; s++) {
      const core = config.cores[p.synapseCore[s]];
      const at = p.synapseIndex[s];
      const target = core?.synapses.target[at];
      const m = core?.synapses.mantissa[at] ?? NaN;
      const i = p.synapsePost[s];
      if (!(post.core[i] === p.synapseCore[s] && target === post.local[i] && Math.abs(m) >= p.magnitudeMin && Math.abs(m) <= p.magnitudeMax && m * p.sign >= 0)) {
        assert(false, `emit: synapse ${s} of '${p.id}' is not where placement says`);
      }
    }
  }
}

/** The machine and each core's slot, for targets that state a mesh or a board. */
function placementOf(partitioned: PartitionedNetwork, target: Target): HwPlacement {
  return {
    chipCores: target.chip.cores,
    ...(target.chip.mesh !== undefined ? { mesh: { ...target.chip.mesh } } : {}),
    ...(target.board !== undefined ? { board: { ...target.board } } : {}),
    slot: Int32Array.from(partitioned.utilisation.cores, (core) => core.position.slot),
  };
}

/** Compartment arrays of one core: the quantized parameters of each neuron placed on it. */
function compartmentsOf(core: number, partitioned: PartitionedNetwork, populations: readonly QuantizedPopulation[], channels: number): HwCompartments {
  const first = partitioned.coreStart[core];
  const count = partitioned.coreStart[core + 1] - first;
  const du = new Int32Array(count * channels);
  const u0 = new Int32Array(count * channels);
  const dv = new Int32Array(count);
  const vthMant = new Int32Array(count);
  const biasMant = new Int32Array(count);
  const biasExp = new Int32Array(count);
  const refractory = new Int32Array(count);
  const v0 = new Int32Array(count);
  const offset = partitioned.populationOffset;
  let p = 0;
  for (let local = 0; local < count; local++) {
    const g = partitioned.compartmentNeuron[first + local];
    while (g >= offset[p + 1]) p++;
    while (g < offset[p]) p--;
    const population = populations[p];
    const i = g - offset[p];
    for (let k = 0; k < channels; k++) {
      du[local * channels + k] = population.du[k];
      u0[local * channels + k] = population.u0[i * channels + k];
    }
    dv[local] = population.dv;
    vthMant[local] = population.vthMant;
    biasMant[local] = population.biasMant;
    biasExp[local] = population.biasExp;
    refractory[local] = population.refractory;
    v0[local] = population.v0[i];
  }
  return { count, du, dv, vthMant, biasMant, biasExp, refractory, u0, v0 };
}

/** All input spikes on their lines, sorted by step, then line. */
function inputLines(net: ElaboratedNetwork, lineBase: Int32Array): HwInputs {
  const lineCount = lineBase[lineBase.length - 1];
  const total = net.inputs.reduce((sum, input) => sum + input.spikeSteps.length, 0);
  const keys = new Float64Array(total);
  let at = 0;
  net.inputs.forEach((input, k) => {
    for (let e = 0; e < input.spikeSteps.length; e++) keys[at++] = input.spikeSteps[e] * lineCount + lineBase[k] + input.spikeSources[e];
  });
  keys.sort();
  const spikeSteps = new Int32Array(total);
  const spikeLines = new Int32Array(total);
  for (let e = 0; e < total; e++) {
    spikeSteps[e] = Math.floor(keys[e] / lineCount);
    spikeLines[e] = keys[e] - spikeSteps[e] * lineCount;
  }
  return { lineCount, spikeSteps, spikeLines };
}

/** Where each population's neurons and each input's elements live. */
function symbolsOf(net: ElaboratedNetwork, partitioned: PartitionedNetwork): HwSymbol[] {
  const populations = net.populations.map((population, p): HwSymbol => {
    const core = partitioned.neuronCore.slice(partitioned.populationOffset[p], partitioned.populationOffset[p + 1]);
    const local = partitioned.neuronLocal.slice(partitioned.populationOffset[p], partitioned.populationOffset[p + 1]);
    return { id: population.id, kind: "population", size: population.size, core, local };
  });
  const inputs = net.inputs.map((input, k): HwSymbol => {
    const local = new Int32Array(input.size);
    for (let j = 0; j < input.size; j++) local[j] = partitioned.lineBase[k] + j;
    return { id: input.id, kind: "input", size: input.size, core: new Int32Array(input.size).fill(-1), local, external: input.kind === "external" };
  });
  return [...populations, ...inputs];
}

/** The network's record section with its defaults made explicit (spikes on, no state, all neurons). */
function recordSpecs(net: ElaboratedNetwork): HwRecordSpec[] {
  const sizes = new Map<string, number>();
  for (const population of net.populations) sizes.set(population.id, population.size);
  for (const input of net.inputs) sizes.set(input.id, input.size);
  return net.network.record.map((spec) => {
    const size = sizes.get(spec.population);
    assert(size !== undefined, `emit: record names unknown '${spec.population}'`);
    const neurons = spec.neurons !== undefined ? Int32Array.from(spec.neurons) : Int32Array.from({ length: size }, (_, i) => i);
    return { population: spec.population, spikes: spec.spikes ?? true, state: [...(spec.state ?? [])], neurons };
  });
}

/**
 * "sha256:" + the SHA-256 of the checked network as canonical JSON (object keys sorted, no
 * whitespace). Elaboration is a pure function of it, so equal hashes mean equal synapses.
 */
export function networkHash(network: Checked): string {
  return "sha256:" + createHash("sha256").update(canonicalJson(withoutEmptySections(network))).digest("hex");
}

/** Sections added after version 1.0 hash only when used, so older networks keep their hash. */
const LATER_SECTIONS = ["currents", "astrocytes", "tripartite", "plasticity"] as const;

function withoutEmptySections(network: Checked): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...network };
  for (const key of LATER_SECTIONS) if ((network[key]?.length ?? 0) === 0) delete copy[key];
  return copy;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * emit (glia-core): assembles the GliaConfig from the partitioned stage: the quantized groups,
 * projections, currents, effects and tables, the input spikes on their lines, the input
 * symbols, the dequantization scales (physical = offset + raw/scale) of every recordable
 * variable, the record specs, and the target's semantics and limits. Adds no decision of its
 * own; the result must pass validateGliaConfig (checked by verify).
 */
import { assert } from "../../util/assert.js";
import type { ElaboratedNetwork } from "../../ir/elaborated.js";
import type { GliaTarget } from "../../targets/glia-types.js";
import { GLIA_CONFIG_FORMAT, type GliaConfig } from "../../hw/glia-config.js";
import type { HwRecordSpec, HwScale } from "../../hw/types.js";
import { validateGliaConfig } from "../../hw/glia-validate.js";
import { networkHash } from "../emit.js";
import type { Pass } from "../pass.js";
import type { GliaPartitioned, GliaQuantized } from "./stages.js";

/** The unit of Izhikevich currents and U: they enter dV/dt directly. */
export const IZHIKEVICH_CURRENT_UNIT = "mV/ms";

export const gliaEmit: Pass<GliaPartitioned, GliaConfig, GliaTarget> = {
  name: "emit",
  summary: "Assemble the glia-core config: groups, projections, currents, effects, tables, input spikes and symbols, scales, record specs and the target's semantics.",
  run(input, ctx) {
    const quantized = input.quantized;
    const { discretized } = quantized;
    const net = discretized.elaborated;
    const { network } = net;
    const config: GliaConfig = {
      format: GLIA_CONFIG_FORMAT,
      target: { name: ctx.target.name, version: ctx.target.version },
      network: { name: network.name ?? "network", hash: ctx.options.networkHash ?? networkHash(network) },
      semantics: ctx.target.semantics,
      limits: ctx.target.core,
      dtMs: discretized.dtMs,
      steps: discretized.steps,
      seed: network.run.seed,
      neurons: quantized.neurons,
      projections: quantized.projections,
      currents: quantized.currents,
      astrocytes: quantized.astrocytes,
      neuronEffects: quantized.neuronEffects,
      luts: quantized.luts,
      ...(quantized.learning !== undefined ? { learning: quantized.learning } : {}),
      inputs: inputLines(net, quantized.lineBase),
      scales: scalesOf(quantized, ctx.target),
      record: recordSpecs(net),
    };
    ctx.stats.set("input-spikes", config.inputs.spikeSteps.length);
    ctx.stats.set("tables", config.luts.length);
    return config;
  },
  verify(output) {
    const diagnostics = validateGliaConfig(output);
    assert(diagnostics.length === 0, `emit: the glia config fails validation: ${diagnostics.map((d) => `${d.code} ${d.path} ${d.message}`).join("; ")}`);
  },
};

/** All input spikes on their lines, sorted by step, then line; one symbol per input. */
function inputLines(net: ElaboratedNetwork, lineBase: Int32Array): GliaConfig["inputs"] {
  const lineCount = lineBase[lineBase.length - 1];
  const pairs: [number, number][] = [];
  net.inputs.forEach((input, k) => {
    for (let e = 0; e < input.spikeSteps.length; e++) pairs.push([input.spikeSteps[e], lineBase[k] + input.spikeSources[e]]);
  });
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    lineCount,
    spikeSteps: Int32Array.from(pairs, (p) => p[0]),
    spikeLines: Int32Array.from(pairs, (p) => p[1]),
    symbols: net.inputs.map((input, k) => ({ id: input.id, offset: lineBase[k], size: input.size, external: input.kind === "external" })),
  };
}

/**
 * Scales: v, u in the group's Q.frac, i_syn in its current format Q.iFrac, glutamate in its own; ca, h, ip3 in the astrocyte
 * group's Q.frac, the gate factor A in Q.gainBits, the IP3 drive in the group's Q.frac per s
 * (per ms for lr1994, whose rates are per ms).
 */
function scalesOf(quantized: GliaQuantized, target: GliaTarget): HwScale[] {
  const scales: HwScale[] = [];
  for (const group of quantized.neurons) {
    const scale = 2 ** group.frac;
    scales.push({ population: group.population, variable: "v", unit: "mV", scale, offset: 0 });
    scales.push({ population: group.population, variable: "u", unit: IZHIKEVICH_CURRENT_UNIT, scale, offset: 0 });
    scales.push({ population: group.population, variable: "i_syn", unit: IZHIKEVICH_CURRENT_UNIT, scale: 2 ** group.iFrac, offset: 0 });
    if (group.glutamate !== undefined) scales.push({ population: group.population, variable: "glutamate", unit: "µM", scale: 2 ** group.glutamate.frac, offset: 0 });
  }
  for (const group of quantized.astrocytes) {
    const scale = 2 ** group.frac;
    scales.push({ population: group.id, variable: "ca", unit: "µM", scale, offset: 0 });
    scales.push({ population: group.id, variable: "h", unit: "1", scale, offset: 0 });
    scales.push({ population: group.id, variable: "ip3", unit: "µM", scale, offset: 0 });
    scales.push({ population: group.id, variable: "gate", unit: "1", scale: 2 ** target.semantics.effects.gainBits, offset: 0 });
    scales.push({ population: group.id, variable: "drive", unit: group.model === "lr1994" ? "µM/ms" : "µM/s", scale, offset: 0 });
  }
  return scales;
}

/** The network's record section with its defaults made explicit (spikes on for neurons and inputs, all elements). */
function recordSpecs(net: ElaboratedNetwork): HwRecordSpec[] {
  const sizes = new Map<string, { size: number; spikes: boolean }>();
  for (const population of net.populations) sizes.set(population.id, { size: population.size, spikes: true });
  for (const input of net.inputs) sizes.set(input.id, { size: input.size, spikes: true });
  for (const astrocytes of net.astrocytes) sizes.set(astrocytes.id, { size: astrocytes.size, spikes: false });
  return net.network.record.map((spec) => {
    const known = sizes.get(spec.population);
    assert(known !== undefined, `emit: record names unknown '${spec.population}'`);
    const neurons = spec.neurons !== undefined ? Int32Array.from(spec.neurons) : Int32Array.from({ length: known.size }, (_, i) => i);
    return { population: spec.population, spikes: (spec.spikes ?? true) && known.spikes, state: [...(spec.state ?? [])], neurons };
  });
}

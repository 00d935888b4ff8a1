/**
 * quantize (glia-core): chooses every fixed-point format from bounds derived from the model
 * (formats.ts), rounds every constant with the model's own constant functions
 * (models/izhikevich-fixed.ts, models/astro-fixed.ts), builds every table and measures its error,
 * rounds weights and effect deltas, and reports each parameter requested vs realised. Never
 * changes its input; rounding to zero, clipping and poor tables are reported, never hidden.
 */
import { pointer, type JsonPointer } from "../../ir/pointer.js";
import { plural } from "../../ir/rules.js";
import { asStage } from "../../ir/stage.js";
import { assert } from "../../util/assert.js";
import type { ElaboratedAstrocytes, ElaboratedIzhikevich, ElaboratedNetwork, ElaboratedTripartite } from "../../ir/elaborated.js";
import type { GliaTarget } from "../../targets/glia-types.js";
import { glutamateConstants, izhikevichConstants } from "../../models/izhikevich-fixed.js";
import { astroConstants } from "../../models/astro-fixed.js";
import { buildBestLut, lutSpan } from "../../models/glia-lut.js";
import type { GliaAstroGroup, GliaCurrent, GliaLut, GliaNeuronEffect, GliaNeuronGroup } from "../../hw/glia-config.js";
import type { Pass, PassContext } from "../pass.js";
import type { ParameterReport } from "../stages.js";
import { relativeError } from "../quantize.js";
import { offsets } from "../partition.js";
import { astrocyteBounds, driveBound, glutamateBound, neuronBound, signedFrac, unsignedFrac, type CurrentTerms } from "./formats.js";
import { quantizeProjections, requestedDeltas } from "./weights.js";
import { lowerGliaLearning } from "./learning.js";
import type { FormatReport, GliaDiscretized, GliaQuantized, TableReport } from "./stages.js";

/** Tables whose error exceeds this share of the function's largest |value| are refused (TP3070). */
export const TABLE_ERROR_LIMIT = 0.01;
/** Constants realised more than this far off (relative) are reported (TP3072). */
export const CONSTANT_WARNING = 0.01;
/** Astrocyte registers with fewer fractional bits cannot resolve µM-scale thresholds (TP3053). */
export const MIN_ASTROCYTE_FRAC = 8;
/** Neuron registers with fewer fractional bits cannot resolve the millivolt (TP3055). */
export const MIN_NEURON_FRAC = 4;
/** Precision used to recover a constant's exact (requested) value from the model's constant function. */
const EXACT_FRAC = 40;

/** Everything the pass accumulates besides the config parts. */
interface Reports {
  readonly parameters: ParameterReport[];
  readonly formats: FormatReport[];
  readonly tables: TableReport[];
  readonly luts: GliaLut[];
}

export const gliaQuantize: Pass<GliaDiscretized, GliaQuantized, GliaTarget> = {
  name: "quantize",
  summary: "Choose fixed-point formats from the model's bounds, round constants, weights and effect deltas, build every table and measure its error.",
  run(input, ctx) {
    const net = input.elaborated;
    const reports: Reports = { parameters: [], formats: [], tables: [], luts: [] };
    const neuronOffset = offsets(net.populations.map((p) => p.size));
    const astrocyteOffset = offsets(net.astrocytes.map((a) => a.size));
    const lineBase = offsets(net.inputs.map((i) => i.size));
    const deltas = requestedDeltas(net, input.modulatedBy);

    const glutamateFracs = net.populations.map((population) => glutamateFormat(population, input.dtMs, ctx, reports));
    const astroFormats = net.astrocytes.map((astrocytes) => astrocyteFormat(astrocytes, net, input.dtMs, ctx, reports));
    const izhikevich = net.populations.filter((p): p is ElaboratedIzhikevich => p.model === "izhikevich");
    assert(izhikevich.length === net.populations.length, "quantize: discretize refused every other model");
    // two formats per population: V and U share Q.frac; the input current (I_syn, injected
    // currents, effects, their sum and the clip) has Q.iFrac from its own bound
    const neuronFormats = izhikevich.map((population) => {
      const terms = currentTerms(net, population.index, deltas, astroFormats.map((f) => f.caBound));
      const bounds = neuronBound(population, terms, eRevInto(net, population.index), input.dtMs, input.steps);
      const bits = ctx.target.semantics.neuron.stateBits;
      const formats = [
        { variables: "v, u", register: "V and U", unit: "mV", bound: bounds.state },
        { variables: "i_syn", register: "input current", unit: "mV/ms", bound: bounds.current },
      ].map((f) => ({ ...f, frac: signedFrac(f.bound.bound, bits) }));
      for (const f of formats) reports.formats.push({ owner: population.id, variables: f.variables, bits, frac: f.frac, bound: f.bound.bound, unit: f.unit, reason: f.bound.reason });
      // one TP3055 per population: the current's register first, whose bound usually sets the other's too
      const refused = [formats[1], formats[0]].find((f) => !(f.frac >= MIN_NEURON_FRAC));
      if (refused !== undefined) {
        ctx.report("TP3055", pointer("populations", population.index), {
          population: population.id,
          register: refused.register,
          needed: Number(refused.bound.bound.toPrecision(4)),
          unit: refused.unit,
          reason: refused.bound.reason,
          bits,
        });
      }
      return { frac: Math.max(formats[0].frac, 0), iFrac: Math.max(formats[1].frac, 0) };
    });
    const neuronFracs = neuronFormats.map((f) => f.frac);
    const currentFracs = neuronFormats.map((f) => f.iFrac);

    const neurons = izhikevich.map((population, p) => neuronGroup(population, neuronOffset[p], neuronFormats[p], glutamateFracs[p], input.dtMs, ctx, reports));
    neurons.forEach((group, p) => checkGlutamateDecay(group, p, net, ctx));
    const astrocytes = net.astrocytes.map((astrocytes, a) =>
      astroGroup(astrocytes, astrocyteOffset[a], astroFormats[a], input.astrocytePeriodS[a], neuronOffset, glutamateFracs, net, ctx, reports),
    );
    astrocytes.forEach((group, a) => checkRelaxation(group, a, ctx));
    const quantizedProjections = quantizeProjections(net, input.modulatedBy, deltas, { neuronOffset, astrocyteOffset, lineBase, neuronFracs }, ctx, (table) => addLut(table, reports));
    const { weights } = quantizedProjections;
    const { projections, learning } = lowerGliaLearning(net, input.dtMs, quantizedProjections.projections, astrocytes, ctx, reports.parameters);
    const currents = net.currents.map((current) => currentOf(current, neuronOffset, currentFracs, net, ctx));
    const neuronEffects = net.tripartite.flatMap((coupling) => neuronEffect(coupling, neuronOffset, currentFracs, astroFormats, ctx, reports));

    ctx.stats.set("tables", reports.luts.length);
    ctx.stats.set("synapses", projections.reduce((sum, p) => sum + p.post.length, 0));
    return asStage("glia-quantized", {
      discretized: input,
      neuronOffset,
      astrocyteOffset,
      lineBase,
      neurons,
      projections,
      currents,
      astrocytes,
      neuronEffects,
      luts: reports.luts,
      ...(learning !== undefined ? { learning } : {}),
      report: { parameters: reports.parameters, formats: reports.formats, weights, tables: reports.tables },
    });
  },
  verify(output, ctx) {
    const s = ctx.target.semantics;
    for (const group of output.neurons) {
      assert(group.frac >= 0 && group.frac < s.neuron.stateBits, `quantize: frac of '${group.population}' within the register`);
      assert(group.iFrac >= 0 && group.iFrac < s.neuron.stateBits, `quantize: iFrac of '${group.population}' within the register`);
      assert(group.v0.length === group.size && group.u0.length === group.size, `quantize: initial state of '${group.population}'`);
    }
    for (const projection of output.projections) {
      const limit = 2 ** s.synapse.weightBits - 1;
      for (let k = 0; k < projection.weight.length; k++) assert(projection.weight[k] >= 0 && projection.weight[k] <= limit, `quantize: weight ${k} of '${projection.id}' in range`);
      assert(projection.sigmoid < output.luts.length, `quantize: sigmoid table of '${projection.id}'`);
    }
    for (const group of output.astrocytes) {
      for (const index of Object.values(group.luts)) assert(index >= 0 && index < output.luts.length, `quantize: tables of '${group.id}'`);
    }
  },
};

// ---------------------------------------------------------------------------------------------
// Reports of single values

/** Records a realised parameter and reports a constant that rounds to zero (TP3071) or far off (TP3072). */
function record(
  reports: Reports,
  ctx: PassContext<GliaTarget>,
  owner: string,
  parameter: string,
  unit: string,
  requested: number,
  realised: number,
  path: JsonPointer,
  bits: number,
): void {
  const error = relativeError(requested, realised);
  reports.parameters.push({ owner, parameter, unit, requested, realised, relativeError: error, path });
  if (requested !== 0 && realised === 0) {
    ctx.report("TP3071", path, { parameter, owner, requested: Number(requested.toPrecision(6)), bits, smallest: Number((2 ** -(bits + 1)).toPrecision(3)) });
  } else if (error > CONSTANT_WARNING) {
    ctx.report("TP3072", path, { parameter, owner, requested: Number(requested.toPrecision(6)), realised: Number(realised.toPrecision(6)), percent: Number((error * 100).toPrecision(3)), bits });
  }
}

/** Adds a table to the config's list, reports its error, and refuses it when it misses by more than TABLE_ERROR_LIMIT. */
function addLut(entry: { readonly lut: GliaLut; readonly owner: string; readonly unit: string; readonly inputFrac: number; readonly path: JsonPointer; readonly ctx: PassContext<GliaTarget> }, reports: Reports): number {
  const { lut, owner, unit, inputFrac, path, ctx } = entry;
  const index = reports.luts.length;
  reports.luts.push(lut);
  const scale = 2 ** lut.frac;
  let peak = 0;
  for (const value of lut.values) peak = Math.max(peak, Math.abs(value) / scale);
  const domain: readonly [number, number] = [lut.x0 / 2 ** inputFrac, (lut.x0 + lutSpan(lut)) / 2 ** inputFrac];
  reports.tables.push({ owner, table: lut.name, entries: lut.values.length, spacing: lut.spacing, segmentBits: lut.segmentBits, frac: lut.frac, domain, maxError: lut.maxError, unit });
  const limit = TABLE_ERROR_LIMIT * peak;
  if (lut.maxError > limit) {
    const entries = lut.values.length;
    ctx.report("TP3070", path, {
      table: lut.name,
      owner,
      error: Number(lut.maxError.toPrecision(3)),
      limit: Number(limit.toPrecision(3)),
      unit: unit === "1" ? "" : ` ${unit}`,
      percent: TABLE_ERROR_LIMIT * 100,
      entries,
      advice:
        lut.interpolation === "nearest"
          ? "a target with linear interpolation or more entries would."
          : !lut.name.startsWith("sigmoid") && !ctx.target.semantics.astrocyte.lut.spacing.includes("octave")
            ? "a target with octave-spaced tables, a narrower input range (smaller bounds) or more entries would."
            : "a narrower input range (smaller bounds) or more entries would.",
    });
  }
  return index;
}

// ---------------------------------------------------------------------------------------------
// Neurons

function glutamateFormat(population: ElaboratedNetwork["populations"][number], dtMs: number, ctx: PassContext<GliaTarget>, reports: Reports): number {
  const bits = ctx.target.semantics.glutamate.bits;
  if (population.glutamate === undefined) return 0;
  const { bound, reason } = glutamateBound(population.glutamate, dtMs, population.model);
  const frac = unsignedFrac(bound, bits);
  reports.formats.push({ owner: population.id, variables: "glutamate", bits, frac, bound, unit: "µM", reason });
  return frac;
}

function neuronGroup(
  population: ElaboratedIzhikevich,
  offset: number,
  format: { readonly frac: number; readonly iFrac: number },
  glutamateFrac: number,
  dtMs: number,
  ctx: PassContext<GliaTarget>,
  reports: Reports,
): GliaNeuronGroup {
  const s = ctx.target.semantics;
  const c = s.constantFrac;
  const p = population.index;
  const { frac, iFrac } = format;
  const raw = izhikevichConstants(population.params, dtMs, frac, c, undefined, iFrac);
  // requested: the same polynomial around the same (realised) centre, to 40 bits
  const exact = izhikevichConstants(population.params, dtMs, EXACT_FRAC, EXACT_FRAC, raw.vCentre / 2 ** frac);
  const param = (name: string) => pointer("populations", p, "params", name);
  const dt = pointer("run", "dt");
  const rows: [keyof typeof raw, string, string, number, JsonPointer][] = [
    ["vCentre", "vc (centre of the square)", "mV", frac, pointer("populations", p)],
    ["k004", "dt·0.04", "1/mV", c, dt],
    ["k5", "dt·(5 + 0.08·vc)", "1", c, dt],
    ["k140", "dt·(140 − 0.04·vc²)", "mV", frac, dt],
    ["kI", "dt", "ms", c, dt],
    ["ka", "dt·a", "1", c, param("a")],
    ["kb", "b", "1", c, param("b")],
    ["cReset", "c", "mV", frac, param("c")],
    ["d", "d", "mV/ms", frac, param("d")],
    ["peak", "v_peak", "mV", frac, param("v_peak")],
    ["spikeThreshold", "spike_threshold", "mV", frac, param("spike_threshold")],
  ];
  for (const [key, parameter, unit, q, path] of rows) {
    record(reports, ctx, population.id, parameter, unit, (exact[key] as number) / 2 ** EXACT_FRAC, (raw[key] as number) / 2 ** q, path, q);
  }
  if (raw.inputClip !== null) record(reports, ctx, population.id, "input_clip", "mV/ms", population.params.input_clip!, raw.inputClip / 2 ** iFrac, param("input_clip"), iFrac);
  const bits = s.neuron.stateBits;
  const v0 = initialState(population.initialV, frac, bits);
  const u0 = initialState(population.initialU, frac, bits);
  for (const [variable, state] of [["v", v0], ["u", u0]] as const) {
    if (state.clipped > 0) reportClipped(ctx, population.id, variable, state.clipped, bits, frac, pointer("populations", p, "initial"));
  }
  let glutamate: GliaNeuronGroup["glutamate"];
  if (population.glutamate !== undefined) {
    glutamate = glutamateConstants(population.glutamate, dtMs, glutamateFrac, c);
    const spec = population.glutamate;
    const gp = (name: string) => pointer("populations", p, "glutamate", name);
    record(reports, ctx, population.id, "dt·decay_rate", "1", ((dtMs / 1000) * spec.decay_rate), glutamate.decay / 2 ** c, gp("decay_rate"), c);
    record(reports, ctx, population.id, "dt·release_rate", "µM", (dtMs / 1000) * spec.release_rate, glutamate.increment / 2 ** glutamateFrac, gp("release_rate"), glutamateFrac);
  }
  ctx.stats.add("neurons", population.size);
  return { population: population.id, offset, size: population.size, frac, iFrac, ...raw, v0: v0.values, u0: u0.values, ...(glutamate !== undefined ? { glutamate } : {}) };
}

function initialState(values: Float64Array, frac: number, bits: number): { values: Int32Array; clipped: number } {
  const max = 2 ** (bits - 1) - 1;
  const out = new Int32Array(values.length);
  let clipped = 0;
  for (let i = 0; i < values.length; i++) {
    const raw = Math.round(values[i] * 2 ** frac);
    out[i] = raw > max ? max : raw < -max - 1 ? -max - 1 : raw;
    if (out[i] !== raw) clipped++;
  }
  return { values: out, clipped };
}

function reportClipped(ctx: PassContext<GliaTarget>, owner: string, variable: string, count: number, bits: number, frac: number, path: JsonPointer): void {
  const max = (2 ** (bits - 1) - 1) / 2 ** frac;
  ctx.report("TP3074", path, { variable, owner, bits, count: plural(count, "element"), min: Number((-max).toPrecision(6)), max: Number(max.toPrecision(6)) });
}

/** Below this many register units per update, one unit lost to the floor is a bias above 10%: worth a warning. */
export const MIN_UNITS_PER_UPDATE = 10;

/**
 * The glutamate trace decays by G − ((G·(2^c − decay)) >> c) per step, ≈ decay·G/2^c register
 * units; the floor adds up to one unit. At the lowest glutamate_count threshold sensing this
 * population, fewer than MIN_UNITS_PER_UPDATE units per step is reported (TP3076).
 */
function checkGlutamateDecay(group: GliaNeuronGroup, p: number, net: ElaboratedNetwork, ctx: PassContext<GliaTarget>): void {
  const glutamate = group.glutamate;
  if (glutamate === undefined || glutamate.decay <= 0) return;
  let threshold = Infinity;
  for (const astrocytes of net.astrocytes) {
    const sensing = astrocytes.sensing;
    if (astrocytes.territoryPopulation === p && sensing?.kind === "glutamate_count") threshold = Math.min(threshold, sensing.threshold);
  }
  if (!Number.isFinite(threshold) || threshold <= 0) return;
  const units = (glutamate.decay * threshold * 2 ** glutamate.frac) / 2 ** ctx.target.semantics.constantFrac;
  if (units < MIN_UNITS_PER_UPDATE) {
    ctx.report("TP3076", pointer("populations", p, "glutamate"), {
      population: group.population,
      units: Number(units.toPrecision(3)),
      bits: ctx.target.semantics.glutamate.bits,
      threshold,
      percent: Number(Math.min(100, 100 / units).toPrecision(3)),
    });
  }
}

/**
 * IP3 relaxes by (k·(rest − IP3)) >> c per update; at the initial state that is `units` register
 * units, and each shift of the update is off by up to one of them (floor) or half of one (half
 * up). Reported (TP3077) below MIN_UNITS_PER_UPDATE units.
 */
function checkRelaxation(group: GliaAstroGroup, a: number, ctx: PassContext<GliaTarget>): void {
  const rate = group.constants.kTr ?? group.constants.kIp3;
  const rest = group.constants.ip3Star ?? group.constants.ip3Rest;
  if (rate === undefined || rest === undefined || group.ip30.length === 0) return;
  let mean = 0;
  for (const x of group.ip30) mean += x / group.ip30.length;
  const units = (rate * Math.abs(rest - mean)) / 2 ** ctx.target.semantics.constantFrac;
  if (units > 0 && units < MIN_UNITS_PER_UPDATE) {
    ctx.report("TP3077", pointer("astrocytes", a, "period"), {
      astrocytes: group.id,
      units: Number(units.toPrecision(3)),
      percent: Number(Math.min(100, (ctx.target.semantics.rounding === "half-up" ? 50 : 100) / units).toPrecision(3)),
      steps: plural(group.periodSteps, "step"),
    });
  }
}

/** The largest |e_rev| of the conductance projections onto population p. */
function eRevInto(net: ElaboratedNetwork, p: number): number {
  let m = 0;
  for (const projection of net.projections) if (projection.post === p && projection.conductance !== undefined) m = Math.max(m, Math.abs(projection.conductance.eRev));
  return m;
}

/** The current terms of population p's bound (formats.ts). */
function currentTerms(net: ElaboratedNetwork, p: number, deltas: readonly (Float64Array | undefined)[], caBounds: readonly number[]): CurrentTerms {
  const population = net.populations[p] as ElaboratedIzhikevich;
  // The driving force |e_rev − V| with V in the core range of formats.ts (c, v_peak, the initial V).
  let vCore = Math.max(Math.abs(population.params.c), Math.abs(population.params.v_peak));
  for (const v of population.initialV) vCore = Math.max(vCore, Math.abs(v));
  // The negative current: V − e_rev > 0 only up to V_top (V ≤ v_peak where I_syn is formed).
  let vTop = population.params.v_peak;
  for (const v of population.initialV) vTop = Math.max(vTop, v);
  const perNeuron = new Float64Array(population.size);
  const negativePerNeuron = new Float64Array(population.size);
  net.projections.forEach((projection, j) => {
    if (projection.post !== p || projection.conductance === undefined) return;
    const force = Math.abs(projection.conductance.eRev) + vCore;
    const reverse = Math.max(vTop - projection.conductance.eRev, 0);
    const { post, weight } = projection.synapses;
    const delta = deltas[j];
    const wMax = projection.plasticity?.wMax ?? 0; // a plastic weight may learn up to w_max
    for (let k = 0; k < post.length; k++) {
      const g = Math.max(Math.abs(weight[k]), wMax) + Math.max(delta?.[k] ?? 0, 0);
      perNeuron[post[k]] += g * force;
      negativePerNeuron[post[k]] += g * reverse;
    }
  });
  let synaptic = 0;
  for (const value of perNeuron) synaptic = Math.max(synaptic, value);
  let negative = 0;
  for (const value of negativePerNeuron) negative = Math.max(negative, value);
  let injected = 0;
  for (const current of net.currents) {
    if (current.population !== p) continue;
    let m = 0;
    let below = 0;
    for (const value of current.value) ((m = Math.max(m, Math.abs(value))), (below = Math.max(below, -value)));
    injected += m;
    negative += below;
  }
  let effects = 0;
  for (const coupling of net.tripartite) {
    if (coupling.target !== "neurons" || coupling.population !== p) continue;
    const bound = neuronEffectBound(coupling.effect, caBounds[coupling.astrocytes]);
    effects += bound;
    // a current effect is negative with its amplitude, a SIC with its scale (ln(1000·(Ca − threshold)) > 0 where it is not 0)
    if ((coupling.effect.kind === "current" ? coupling.effect.amplitude : coupling.effect.scale) < 0) negative += bound;
  }
  return { synaptic, injected, effects, negative };
}

/** The largest current a neuron effect adds: its amplitude, or the SIC at the largest Ca. */
function neuronEffectBound(effect: Extract<ElaboratedTripartite, { target: "neurons" }>["effect"], caBound: number): number {
  if (effect.kind === "current") return Math.abs(effect.amplitude);
  const y = (caBound - effect.threshold) * 1000;
  return y > 1 ? Math.abs(effect.scale * Math.log(y)) : 0;
}

/** The current's change points in the population's current format Q.iFrac; they are part of its bound, so only a refused format (TP3055) saturates them. */
function currentOf(current: ElaboratedNetwork["currents"][number], neuronOffset: Int32Array, currentFracs: readonly number[], net: ElaboratedNetwork, ctx: PassContext<GliaTarget>): GliaCurrent {
  const frac = currentFracs[current.population];
  const max = 2 ** (ctx.target.semantics.neuron.stateBits - 1) - 1;
  const value = new Int32Array(current.value.length);
  for (let k = 0; k < value.length; k++) {
    const raw = Math.round(current.value[k] * 2 ** frac);
    value[k] = raw > max ? max : raw < -max - 1 ? -max - 1 : raw;
  }
  return { id: current.id, populationOffset: neuronOffset[current.population], size: net.populations[current.population].size, step: current.step, neuron: current.neuron, value };
}

// ---------------------------------------------------------------------------------------------
// Astrocytes

interface AstroFormat {
  readonly frac: number;
  readonly caBound: number;
  readonly ip3Bound: number;
}

function astrocyteFormat(astrocytes: ElaboratedAstrocytes, net: ElaboratedNetwork, dtMs: number, ctx: PassContext<GliaTarget>, reports: Reports): AstroFormat {
  const bits = ctx.target.semantics.astrocyte.stateBits;
  const bounds = astrocyteBounds(astrocytes, driveBound(astrocytes, net, dtMs));
  const top = bounds.ca.bound >= bounds.ip3.bound ? { variable: "Ca", ...bounds.ca } : { variable: "IP3", ...bounds.ip3 };
  const bound = Math.max(top.bound, 1); // h ∈ [0, 1]
  const frac = signedFrac(bound, bits);
  reports.formats.push({ owner: astrocytes.id, variables: "ca, h, ip3", bits, frac, bound, unit: "µM", reason: `${top.variable}: ${top.reason}` });
  if (!(frac >= MIN_ASTROCYTE_FRAC)) {
    ctx.report("TP3053", pointer("astrocytes", astrocytes.index), { astrocytes: astrocytes.id, variable: top.variable, needed: Number(bound.toPrecision(4)), bits });
  }
  return { frac: Math.max(frac, 0), caBound: bounds.ca.bound, ip3Bound: bounds.ip3.bound };
}

/** The unit of a model table's output, by name. */
function tableUnit(model: string, name: string): string {
  if (name === "q2") return "µM";
  if (name === "pump" || name === "influx" || name === "plc") return model === "lr1994" ? "µM/ms" : "µM/s";
  return "1";
}

function astroGroup(
  astrocytes: ElaboratedAstrocytes,
  offset: number,
  format: AstroFormat,
  periodS: number,
  neuronOffset: Int32Array,
  glutamateFracs: readonly number[],
  net: ElaboratedNetwork,
  ctx: PassContext<GliaTarget>,
  reports: Reports,
): GliaAstroGroup {
  const s = ctx.target.semantics;
  const c = s.constantFrac;
  const { frac } = format;
  const a = astrocytes.index;
  const lutSpec = { ...s.astrocyte.lut, caMax: format.caBound, ip3Max: format.ip3Bound };
  const fixed = astroConstants(astrocytes.model, astrocytes.params, periodS, frac, c, lutSpec);
  const exact = astroConstants(astrocytes.model, astrocytes.params, periodS, EXACT_FRAC, EXACT_FRAC, { ...lutSpec, entries: 2 });
  const params = pointer("astrocytes", a, "params");
  for (const [name, raw] of Object.entries(fixed.constants)) {
    if (exact.constants[name] === raw) {
      // An unscaled switch (membraneFluxes, plcDelta): stored as requested.
      reports.parameters.push({ owner: astrocytes.id, parameter: name, unit: "switch", requested: raw, realised: raw, relativeError: 0, path: params });
      continue;
    }
    const requested = exact.constants[name] / 2 ** EXACT_FRAC;
    // A constant is in Q.c or in the state's Q.frac: the one whose rounding reproduces it.
    const q = Math.round(requested * 2 ** c) === raw ? c : frac;
    record(reports, ctx, astrocytes.id, name, "", requested, raw / 2 ** q, params, q);
  }
  const luts: Record<string, number> = {};
  for (const [name, lut] of Object.entries(fixed.luts)) {
    luts[name] = addLut({ lut, owner: astrocytes.id, unit: tableUnit(astrocytes.model, name), inputFrac: frac, path: params, ctx }, reports);
  }
  const bits = s.astrocyte.stateBits;
  const states = { ca: initialState(astrocytes.initialCa, frac, bits), h: initialState(astrocytes.initialH, frac, bits), ip3: initialState(astrocytes.initialIp3, frac, bits) };
  for (const [variable, state] of Object.entries(states)) {
    if (state.clipped > 0) reportClipped(ctx, astrocytes.id, variable, state.clipped, bits, frac, pointer("astrocytes", a, "initial"));
  }
  const q = (x: number) => Math.round(x * 2 ** frac);
  const k = (x: number) => Math.round(x * 2 ** c);
  const coupling = astrocytes.coupling;
  let diffusion: GliaAstroGroup["diffusion"];
  if (coupling !== undefined) {
    diffusion = { order: coupling.order, dCa: k(coupling.d_ca * periodS), dIp3: k(coupling.d_ip3 * periodS), rowStart: coupling.neighbours.rowStart, neighbour: coupling.neighbours.neighbour };
    const cp = (name: string) => pointer("astrocytes", a, "coupling", name);
    record(reports, ctx, astrocytes.id, "d_ca·period", "1", coupling.d_ca * periodS, diffusion.dCa / 2 ** c, cp("d_ca"), c);
    record(reports, ctx, astrocytes.id, "d_ip3·period", "1", coupling.d_ip3 * periodS, diffusion.dIp3 / 2 ** c, cp("d_ip3"), c);
  }
  const sensing = sensingOf(astrocytes, frac, glutamateFracs[astrocytes.territoryPopulation], c, (name, unit, requested, realised, bitsUsed) =>
    record(reports, ctx, astrocytes.id, name, unit, requested, realised, pointer("astrocytes", a, "sensing"), bitsUsed),
  );
  const gate = astrocytes.gate;
  if (gate !== undefined) record(reports, ctx, astrocytes.id, "gate.ca_threshold", "µM", gate.ca_threshold, q(gate.ca_threshold) / 2 ** frac, pointer("astrocytes", a, "gate", "ca_threshold"), frac);
  const graded = net.tripartite.find((t) => t.target === "synapses" && t.astrocytes === a && t.effect.graded !== undefined);
  const grading = graded !== undefined && graded.target === "synapses" ? graded.effect.graded : undefined;
  ctx.stats.add("astrocytes", astrocytes.size);
  return {
    id: astrocytes.id,
    model: astrocytes.model,
    offset,
    size: astrocytes.size,
    frac,
    periodSteps: astrocytes.periodSteps,
    constants: fixed.constants,
    luts,
    ca0: states.ca.values,
    h0: states.h.values,
    ip30: states.ip3.values,
    sweep: astrocytes.sweep,
    ...(diffusion !== undefined ? { diffusion } : {}),
    territory: {
      populationOffset: neuronOffset[astrocytes.territoryPopulation],
      rowStart: astrocytes.territory.rowStart,
      neuron: astrocytes.territory.neuron,
      ownerOf: astrocytes.ownerOf,
      ownerRule: astrocytes.ownerRule,
    },
    ...(sensing !== undefined ? { sensing } : {}),
    ...(gate !== undefined
      ? { gate: { caThreshold: q(gate.ca_threshold), minCoincident: gate.min_coincident, windowSteps: gate.windowSteps, checkSteps: gate.checkSteps, holdSteps: gate.holdSteps } }
      : {}),
    ...(grading !== undefined
      ? { grading: { caLow: q(grading.ca_low), caHigh: q(grading.ca_high), reciprocal: Math.round(2 ** (c + s.effects.gainBits) / (q(grading.ca_high) - q(grading.ca_low))) } }
      : {}),
  };
}

/** The raw sensing of one astrocyte population (units: glia-config.ts, GliaAstroGroup.sensing). */
function sensingOf(
  astrocytes: ElaboratedAstrocytes,
  frac: number,
  glutamateFrac: number,
  c: number,
  record: (name: string, unit: string, requested: number, realised: number, bits: number) => void,
): GliaAstroGroup["sensing"] {
  const sensing = astrocytes.sensing;
  if (sensing === undefined) return undefined;
  const q = (x: number, f: number) => Math.round(x * 2 ** f);
  switch (sensing.kind) {
    case "glutamate_count": {
      assert(sensing.durationSteps !== undefined, "quantize: elaboration gives glutamate_count its duration in steps");
      const threshold = q(sensing.threshold, glutamateFrac);
      const amplitude = q(sensing.amplitude, frac);
      record("sensing.threshold", "µM", sensing.threshold, threshold / 2 ** glutamateFrac, glutamateFrac);
      record("sensing.amplitude", "µM/s", sensing.amplitude, amplitude / 2 ** frac, frac);
      return { kind: "glutamate_count", threshold, minCount: sensing.min_count, amplitude, durationSteps: sensing.durationSteps };
    }
    case "glutamate_sum": {
      const minSum = q(sensing.min_sum, glutamateFrac);
      const gain = q(sensing.gain, c);
      record("sensing.min_sum", "µM", sensing.min_sum, minSum / 2 ** glutamateFrac, glutamateFrac);
      record("sensing.gain", "1/s", sensing.gain, gain / 2 ** c, c);
      return { kind: "glutamate_sum", minSum, gain };
    }
    case "spike_jump": {
      const requested = sensing.delta_ip3 * sensing.weight;
      const jump = q(requested, frac);
      record("sensing.delta_ip3·weight", "µM", requested, jump / 2 ** frac, frac);
      return { kind: "spike_jump", jump };
    }
  }
}

function neuronEffect(
  coupling: ElaboratedTripartite,
  neuronOffset: Int32Array,
  currentFracs: readonly number[],
  astroFormats: readonly AstroFormat[],
  ctx: PassContext<GliaTarget>,
  reports: Reports,
): GliaNeuronEffect[] {
  if (coupling.target !== "neurons") return [];
  const population = coupling.population;
  const size = neuronOffset[population + 1] - neuronOffset[population];
  const frac = currentFracs[population]; // effects add to the input current, in its Q.iFrac
  const base = { id: coupling.id, astrocytes: coupling.astrocytes, populationOffset: neuronOffset[population], size };
  const path = pointer("tripartite", coupling.index, "effect");
  const { effect } = coupling;
  if (effect.kind === "current") {
    const amplitude = Math.round(effect.amplitude * 2 ** frac);
    record(reports, ctx, coupling.id, "amplitude", "mV/ms", effect.amplitude, amplitude / 2 ** frac, path, frac);
    return [{ ...base, kind: "current", amplitude, sicLut: -1 }];
  }
  const format = astroFormats[coupling.astrocytes];
  const fn = (ca: number) => {
    const y = (ca - effect.threshold) * 1000;
    return y > 1 ? effect.scale * Math.log(y) : 0;
  };
  // The table starts at the threshold (below it the SIC is 0, values[0]), so that an octave
  // table resolves ln(Ca − threshold) finely just above it, where it changes fastest. Its output
  // format holds the largest SIC in the table's bits, at most the group's current Q.iFrac; the unit
  // shifts the output left into Q.iFrac (a table in the group's own format clipped the SIC at
  // 2^(bits − 1 − iFrac) mV/ms, 2 mV/ms for 16-bit tables and Q.14).
  const lo = Math.min(Math.max(effect.threshold, 0), format.caBound);
  const lut = buildBestLut("sic", fn, lo, format.caBound, ctx.target.semantics.astrocyte.lut, format.frac, { atMost: frac });
  const sicLut = addLut({ lut, owner: coupling.id, unit: "mV/ms", inputFrac: format.frac, path, ctx }, reports);
  return [{ ...base, kind: "sic", amplitude: 0, sicLut }];
}

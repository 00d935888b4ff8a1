/**
 * quantize: the float → integer mapping of docs/passes.md. Picks one voltage scale per
 * population (threshold at v.max / headroom; with precision "static" or "profile" the finest
 * scale at which every register's bound fits, docs/precision.md), 12-bit decays, bias and weight mantissas with
 * exponents, merges synaptic channels the target lacks, and reports every parameter as
 * requested vs realised. Uses only the target's numbers; never changes its input; every
 * rounding, clipping or merge is reported, never hidden.
 */
import { asLif } from "../ir/elaborated.js";
import { pointer, ROOT, type JsonPointer } from "../ir/pointer.js";
import { asStage } from "../ir/stage.js";
import { plural } from "../ir/rules.js";
import { assert } from "../util/assert.js";
import type { LifSemantics, Register } from "../targets/types.js";
import { bias, effectiveWeight, shiftRightHalfAway, threshold } from "../targets/fixed.js";
import type { SynapseFormat } from "../hw/types.js";
import { mantissaRange } from "../hw/validate.js";
import { DEFAULT_HEADROOM, type CompileOptions, type Pass, type PassContext } from "./pass.js";
import { chooseShift } from "./shift-decay.js";
import { chooseLevelShift } from "./lower-crossbar.js";
import { largestLevel } from "../models/crossbar.js";
import { spikeCap } from "../models/lif-fixed.js";
import { addProjectionDrive, decayEnvelope, emptyDrive, overRatio, populationRanges, staticBounds, trainGain, type PopulationBounds } from "./precision/bounds.js";
import { chooseThreshold, type ScaleChoice, type ScaleTrial } from "./precision/scale.js";
import { chooseWeightBits } from "./precision/weight-bits.js";
import { checkedPrecision, precisionReport, reportBudgetMissed, reportOverflowRisk, type Precision } from "./precision/options.js";
import type { MeasuredRange } from "./precision/types.js";
import type {
  Discretized,
  DiscretizedPopulation,
  DiscretizedProjection,
  ParameterReport,
  PopulationPrecision,
  RegisterRange,
  WeightBitsChoice,
  Quantized,
  QuantizedPopulation,
  QuantizedProjection,
  ScaleReport,
  WeightReport,
} from "./stages.js";

export const quantize: Pass<Discretized, Quantized> = {
  name: "quantize",
  summary: "Pick a voltage scale per population and round decays, threshold, bias and weights to the target's integers.",
  run(input, ctx) {
    const headroom = checkedHeadroom(ctx);
    const precision = checkedPrecision(ctx);
    const { elaborated } = input;
    const parameters: ParameterReport[] = [];
    const weightTau = chargePerChannel(input);
    const tauPaths = channelTauPaths(input);
    const incoming = incomingProjections(input);
    const populationPrecision: PopulationPrecision[] = [];

    const quantizers: PopulationQuantizer[] = input.populations.map((population) => {
      const channels = { chargeWeight: weightTau[population.index], tauPaths: tauPaths[population.index] };
      const elaboratedPopulation = asLif(elaborated.populations[population.index]);
      return (vthMant, at, into) => {
        const quantized = quantizePopulation(population, channels, input.dtMs, vthMant, at, into);
        return { ...quantized, ...quantizeInitialState(population, quantized, elaboratedPopulation.initialV, elaboratedPopulation.initialI, at) };
      };
    });
    const choices = precision.mode === "headroom" ? undefined : chooseScales(input, precision, headroom, incoming, quantizers, ctx);

    const populations = input.populations.map((population, p) => {
      if (choices === undefined) return quantizers[p](() => chooseThresholdMantissa(population, headroom, ctx), ctx, parameters);
      const choice = choices[p];
      const quantized = quantizers[p](() => choice.mantissa, ctx, parameters);
      const result = populationPrecisionOf(quantized, choice, ctx);
      populationPrecision.push(result);
      reportOverflowRisk(result, population.index, ctx);
      return quantized;
    });

    const weights: WeightReport[] = [];
    const weightBits: WeightBitsChoice[] = [];
    const projections = input.projections.map((projection): QuantizedProjection => {
      const post = populations[elaborated.projections[projection.index].post];
      const { result, chargeScale, bits } = quantizeProjection(projection, post, input, precision.errorBudget, ctx.target);
      const report: WeightReport = { projection: projection.id, channel: result.format.channel, chargeScale, ...result.report };
      weights.push(report);
      reportWeights(report, projection.index, result, ctx);
      if (bits !== undefined) {
        weightBits.push(bits);
        if (!bits.meets) reportBudgetMissed(bits, projection.index, precision.errorBudget!, ctx);
      }
      ctx.stats.add("synapses", report.synapses);
      ctx.stats.add("weights-rounded-to-zero", report.roundedToZero);
      ctx.stats.add("weights-clipped", report.clipped);
      return { id: projection.id, index: projection.index, format: result.format, mantissa: result.mantissa, chargeScale };
    });

    const scales: ScaleReport[] = populations.map((p) => ({ population: p.id, voltageScale: p.voltageScale, currentScale: p.currentScale }));
    const report = { parameters, weights, scales, ...precisionReport(precision, populationPrecision, weightBits) };
    return asStage("quantized", { discretized: input, populations, projections, report });
  },
  verify(output, ctx) {
    const semantics = ctx.target.neuron;
    const channels = semantics.currentChannels;
    for (const population of output.populations) {
      const what = `quantize: population '${population.id}'`;
      assert(population.du.length === channels, `${what}: one du per hardware channel`);
      for (const du of population.du) assert(Number.isInteger(du) && du >= 0 && du <= semantics.decay.maxCurrent, `${what}: du in range`);
      assert(population.dv >= 0 && population.dv <= semantics.decay.maxVoltage, `${what}: dv in range`);
      assert(population.vthMant >= 1 && population.vthMant < 2 ** semantics.threshold.mantissaBits, `${what}: threshold mantissa in range`);
      assert(population.biasMant >= semantics.bias.mantissaMin && population.biasMant <= semantics.bias.mantissaMax, `${what}: bias mantissa`);
      assert(population.biasExp >= 0 && population.biasExp <= semantics.bias.exponentMax, `${what}: bias exponent`);
      assert(population.u0.length === population.size * channels && population.v0.length === population.size, `${what}: initial state sizes`);
      assert(population.channelTausMs.length <= channels, `${what}: at most ${channels} hardware channels`);
    }
    for (const projection of output.projections) {
      const synapses = output.discretized.elaborated.projections[projection.index].synapses;
      assert(projection.mantissa.length === synapses.post.length, `quantize: one mantissa per synapse of '${projection.id}'`);
      const [low, high] = mantissaRange(projection.format.signMode, semantics.weight.mantissaBits);
      for (let k = 0; k < projection.mantissa.length; k++) {
        const m = projection.mantissa[k];
        if (m < low || m > high) assert(false, `quantize: mantissa ${m} of '${projection.id}' outside [${low}, ${high}]`);
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------
// Rounding of requested values to stored integers: to nearest, halves away from zero.

/** Rounds to the nearest integer, halves away from zero (symmetric for negative values). */
export const roundHalfAway = (x: number): number => shiftRightHalfAway(x, 0);

/** Relative error of a realised value; 0 when both are 0, Infinity when only the request is 0. */
export function relativeError(requested: number, realised: number): number {
  if (requested === 0) return realised === 0 ? 0 : Infinity;
  return Math.abs(realised - requested) / Math.abs(requested);
}

// ---------------------------------------------------------------------------------------------
// Decays

export interface DecayChoice {
  /** The stored decay (du or dv). */
  readonly decay: number;
  /** d_eff = decay + offset: the register decays by (2^bits - d_eff)/2^bits per step. */
  readonly effective: number;
  readonly realisedTauMs: number;
  /** False when the stored decay falls outside 0..max or d_eff < 1 (an infinite time constant). */
  readonly fits: boolean;
  /** The time constants this register realises at this dt, ms. */
  readonly minTauMs: number;
  readonly maxTauMs: number;
}

/**
 * d = round(2^bits·(1 - exp(-dt/τ))) - offset, and the time constant it realises,
 * -dt / ln(1 - d_eff/2^bits). d_eff must be at least 1: with 0 the register never decays.
 */
export function chooseDecay(tauMs: number, dtMs: number, bits: number, offset: number, max: number): DecayChoice {
  const full = 2 ** bits;
  const ideal = -Math.expm1(-dtMs / tauMs) * full;
  const effective = Math.round(ideal);
  const decay = effective - offset;
  // round(ideal) ∈ [max(offset, 1), max + offset] ⇔ ideal ∈ [max(offset, 1) - ½, max + offset + ½)
  const lowest = Math.max(offset, 1) - 0.5;
  const highest = max + offset + 0.5;
  return {
    decay,
    effective,
    realisedTauMs: tauFromDecay(effective, dtMs, bits),
    fits: decay >= 0 && decay <= max && effective >= 1,
    minTauMs: highest >= full ? 0 : -dtMs / Math.log1p(-highest / full),
    maxTauMs: -dtMs / Math.log1p(-lowest / full),
  };
}

/** The time constant that an effective decay realises: -dt / ln(1 - d_eff/2^bits), ms. */
export function tauFromDecay(effective: number, dtMs: number, bits: number): number {
  const full = 2 ** bits;
  if (effective >= full) return 0;
  if (effective <= 0) return Infinity;
  return -dtMs / Math.log1p(-effective / full);
}

// ---------------------------------------------------------------------------------------------
// Channels

export interface ChannelPlan {
  /** Requested channels kept as hardware channels, ascending (first-appearance order kept). */
  readonly kept: readonly number[];
  readonly hardwareChannelOf: readonly number[];
  readonly chargeScaleOf: readonly number[];
}

/**
 * Keeps the `available` requested channels with the largest Σ|w|·τ (ties: the earlier one);
 * every other channel feeds the kept channel nearest in log τ, its weights scaled by
 * τ_requested/τ_kept, so that each spike injects the same total charge (∫ w·e^{-t/τ} dt = w·τ).
 */
export function planChannels(tausMs: readonly number[], chargeWeight: readonly number[], available: number): ChannelPlan {
  const all = tausMs.map((_, k) => k);
  if (tausMs.length <= available) return { kept: all, hardwareChannelOf: all, chargeScaleOf: all.map(() => 1) };
  const kept = [...all]
    .sort((a, b) => chargeWeight[b] - chargeWeight[a] || a - b)
    .slice(0, available)
    .sort((a, b) => a - b);
  const hardwareChannelOf: number[] = [];
  const chargeScaleOf: number[] = [];
  for (let k = 0; k < tausMs.length; k++) {
    let best = 0;
    for (let h = 1; h < kept.length; h++) {
      if (Math.abs(Math.log(tausMs[k] / tausMs[kept[h]])) < Math.abs(Math.log(tausMs[k] / tausMs[kept[best]]))) best = h;
    }
    hardwareChannelOf.push(best);
    chargeScaleOf.push(tausMs[k] / tausMs[kept[best]]);
  }
  return { kept, hardwareChannelOf, chargeScaleOf };
}

/** Σ|w|·τ per population and requested channel, over all synapses onto it. */
function chargePerChannel(input: Discretized): number[][] {
  const charge = input.populations.map((p) => p.channelTausMs.map(() => 0));
  for (const projection of input.projections) {
    const source = input.elaborated.projections[projection.index];
    const weight = source.synapses.weight;
    let sum = 0;
    for (let k = 0; k < weight.length; k++) sum += Math.abs(weight[k]);
    charge[source.post][projection.channel] += sum * source.tauSyn;
  }
  return charge;
}

/** Per population and requested channel: the synapse tau of the first projection that feeds it. */
function channelTauPaths(input: Discretized): JsonPointer[][] {
  const paths: JsonPointer[][] = input.populations.map(() => []);
  for (const projection of input.projections) {
    const post = input.elaborated.projections[projection.index].post;
    paths[post][projection.channel] ??= pointer("projections", projection.index, "synapse", "tau");
  }
  return paths;
}

// ---------------------------------------------------------------------------------------------
// Populations

type PopulationParameters = Omit<QuantizedPopulation, "u0" | "v0">;

function quantizePopulation(
  population: DiscretizedPopulation,
  channels: { readonly chargeWeight: readonly number[]; readonly tauPaths: readonly JsonPointer[] },
  dtMs: number,
  chooseVthMant: () => number,
  ctx: PassContext,
  parameters: ParameterReport[],
): PopulationParameters {
  const semantics = ctx.target.neuron;
  const { decay } = semantics;
  const { params } = population;
  const p = population.index;
  const owner = population.id;
  const record = (parameter: string, unit: string, requested: number, realised: number, path: string) =>
    parameters.push({ owner, parameter, unit, requested, realised, relativeError: relativeError(requested, realised), path });

  // Membrane decay dv, then the voltage scale from the threshold.
  const membrane = chooseRegisterDecay(params.tau_m, dtMs, decay, "voltage");
  if (!membrane.fits) reportDecay("tau_m", params.tau_m, membrane, decay.maxVoltage, dtMs, pointer("populations", p, "params", "tau_m"), owner, ctx);
  record("tau_m", "ms", params.tau_m, membrane.realisedTauMs, pointer("populations", p, "params", "tau_m"));

  const vthMant = chooseVthMant();
  const span = params.v_thresh - params.v_reset;
  const voltageScale = span > 0 ? (vthMant * 2 ** semantics.threshold.shift) / span : 1;
  record("v_thresh", "mV", params.v_thresh, params.v_reset + (vthMant * 2 ** semantics.threshold.shift) / voltageScale, pointer("populations", p, "params", "v_thresh"));
  const currentScale = (Math.max(membrane.effective, 0) / 2 ** decay.bits) * voltageScale;

  // Synaptic channels: merge what the target lacks, then one du per kept channel.
  const plan = planChannels(population.channelTausMs, channels.chargeWeight, semantics.currentChannels);
  if (plan.kept.length < population.channelTausMs.length) {
    ctx.report("TP3016", pointer("populations", p), {
      population: owner,
      requested: population.channelTausMs.join(", "),
      target: ctx.target.name,
      channels: plural(semantics.currentChannels, "current channel"),
      kept: plan.kept.map((k) => population.channelTausMs[k]).join(", "),
    });
    ctx.stats.add("channels-merged", population.channelTausMs.length - plan.kept.length);
  }
  const channelTausMs = plan.kept.map((k) => population.channelTausMs[k]);
  const du = new Array<number>(semantics.currentChannels).fill(0);
  const realisedTau = channelTausMs.map((tau, h) => {
    const choice = chooseRegisterDecay(tau, dtMs, decay, "current");
    if (!choice.fits) reportDecay("tau_syn", tau, choice, decay.maxCurrent, dtMs, channels.tauPaths[plan.kept[h]], owner, ctx);
    du[h] = Math.min(Math.max(choice.decay, 0), decay.maxCurrent);
    return choice.realisedTauMs;
  });
  population.channelTausMs.forEach((tau, k) => {
    record("tau_syn", "ms", tau, realisedTau[plan.hardwareChannelOf[k]], channels.tauPaths[k]);
  });

  // Bias: the constant drive bias + v_rest - v_reset in hardware units, mantissa << exponent.
  const driveMv = params.bias + params.v_rest - params.v_reset;
  const bias = chooseBias(driveMv * currentScale, semantics);
  if (!bias.fits) {
    ctx.report("TP3013", pointer("populations", p, "params", "bias"), {
      population: owner,
      needed: roundHalfAway(driveMv * currentScale),
      largest: (driveMv < 0 ? -semantics.bias.mantissaMin : semantics.bias.mantissaMax) * 2 ** semantics.bias.exponentMax,
      exponentMax: semantics.bias.exponentMax,
      driveMv,
    });
  }
  const realisedDrive = currentScale > 0 ? (bias.mantissa * 2 ** bias.exponent) / currentScale : 0;
  record("drive", "mV", driveMv, realisedDrive, pointer("populations", p, "params", "bias"));

  const refractory = population.refractorySteps;
  record("tau_ref", "ms", params.tau_ref, refractory * dtMs, pointer("populations", p, "params", "tau_ref"));

  ctx.stats.add("populations");
  return {
    id: owner,
    index: p,
    size: population.size,
    voltageScale,
    currentScale,
    channelTausMs,
    hardwareChannelOf: plan.hardwareChannelOf,
    chargeScaleOf: plan.chargeScaleOf,
    inputGainOf: inputGains(realisedTau, dtMs, semantics, ctx.options),
    du,
    dv: Math.min(Math.max(membrane.decay, 0), decay.maxVoltage),
    vthMant,
    biasMant: bias.mantissa,
    biasExp: bias.exponent,
    refractory: Math.min(refractory, semantics.refractory.supported ? semantics.refractory.maxSteps : 0),
  };
}

/** The decay of the voltage or a current register in the target's decay form (multiplied or shifted). */
function chooseRegisterDecay(tauMs: number, dtMs: number, decay: LifSemantics["decay"], register: "voltage" | "current"): DecayChoice {
  const max = register === "voltage" ? decay.maxVoltage : decay.maxCurrent;
  if (decay.form === "shift") return chooseShift(tauMs, dtMs, max, decay.bits);
  return chooseDecay(tauMs, dtMs, decay.bits, register === "voltage" ? decay.voltageOffset : decay.currentOffset, max);
}

function reportDecay(
  parameter: string,
  tauMs: number,
  choice: DecayChoice,
  max: number,
  dtMs: number,
  path: JsonPointer,
  population: string,
  ctx: PassContext,
): void {
  if (ctx.target.neuron.decay.form === "shift") {
    ctx.report("TP3100", path, { parameter, population, tauMs, dash: max, realisedMs: formatMs(choice.maxTauMs), dt: dtMs, minMs: formatMs(choice.minTauMs) });
    return;
  }
  ctx.report("TP3010", path, {
    parameter,
    population,
    tauMs,
    bits: ctx.target.neuron.decay.bits,
    decay: choice.decay,
    max,
    dt: dtMs,
    minMs: formatMs(choice.minTauMs),
    maxMs: formatMs(choice.maxTauMs),
  });
}

const formatMs = (ms: number): string => (ms === 0 ? "0" : Number(ms.toPrecision(4)).toString());

/**
 * The largest threshold mantissa whose threshold (mant << shift) does not exceed v.max/headroom,
 * capped at the mantissa's width. The voltage scale then makes v_thresh map exactly onto it.
 */
function chooseThresholdMantissa(population: DiscretizedPopulation, headroom: number, ctx: PassContext): number {
  const { threshold, v } = ctx.target.neuron;
  const { params } = population;
  const path = pointer("populations", population.index, "params", "v_thresh");
  const mantissaMax = 2 ** threshold.mantissaBits - 1;
  if (!(params.v_thresh > params.v_reset)) {
    ctx.report("TP3011", path, {
      population: population.id,
      reason: `v_thresh (${params.v_thresh} mV) is not above v_reset (${params.v_reset} mV)`,
    });
    return 1;
  }
  const wanted = Math.floor(v.max / headroom / 2 ** threshold.shift);
  if (wanted < 1) {
    ctx.report("TP3011", path, {
      population: population.id,
      reason: `a threshold of ${v.max}/${headroom} is below one mantissa step of ${2 ** threshold.shift}`,
    });
    return 1;
  }
  if (wanted > mantissaMax) {
    ctx.report("TP3012", path, {
      population: population.id,
      wanted,
      bits: threshold.mantissaBits,
      used: mantissaMax,
      fraction: Number(((mantissaMax * 2 ** threshold.shift) / v.max).toPrecision(3)),
      headroom,
    });
    return mantissaMax;
  }
  return wanted;
}

/** The smallest exponent whose rounded mantissa fits, so that the bias keeps the most bits. */
export function chooseBias(hardware: number, semantics: LifSemantics): { mantissa: number; exponent: number; fits: boolean } {
  const { mantissaMin, mantissaMax, exponentMax } = semantics.bias;
  for (let exponent = 0; exponent <= exponentMax; exponent++) {
    const mantissa = roundHalfAway(hardware / 2 ** exponent);
    if (mantissa >= mantissaMin && mantissa <= mantissaMax) return { mantissa, exponent, fits: true };
  }
  const mantissa = Math.min(Math.max(roundHalfAway(hardware / 2 ** exponentMax), mantissaMin), mantissaMax);
  return { mantissa, exponent: exponentMax, fits: false };
}

/** v0 = round((v_init - v_reset)·s_v), u0 = round(i_init·scale) on channel 0's hardware channel. */
function quantizeInitialState(
  population: DiscretizedPopulation,
  quantized: PopulationParameters,
  initialV: Float64Array,
  initialI: Float64Array,
  ctx: PassContext,
): { u0: Int32Array; v0: Int32Array } {
  const { u, v, currentChannels } = ctx.target.neuron;
  const { size, params } = population;
  const v0 = new Int32Array(size);
  const u0 = new Int32Array(size * currentChannels);
  let clippedV = 0;
  for (let i = 0; i < size; i++) {
    const raw = roundHalfAway((initialV[i] - params.v_reset) * quantized.voltageScale);
    v0[i] = clampToRegister(raw, v);
    if (v0[i] !== raw) clippedV++;
  }
  let clippedI = 0;
  // The reference starts requested channel 0 at the initial i_syn; with no channel there is none.
  if (population.channelTausMs.length > 0) {
    const channel = quantized.hardwareChannelOf[0];
    const scale = quantized.currentScale * quantized.chargeScaleOf[0];
    for (let i = 0; i < size; i++) {
      const raw = roundHalfAway(initialI[i] * scale);
      const value = clampToRegister(raw, u);
      u0[i * currentChannels + channel] = value;
      if (value !== raw) clippedI++;
    }
  }
  const path = pointer("populations", population.index, "initial");
  if (clippedV > 0) ctx.report("TP3017", path, { count: plural(clippedV, "neuron"), variable: "v", population: population.id, bits: v.bits });
  if (clippedI > 0) ctx.report("TP3017", path, { count: plural(clippedI, "neuron"), variable: "i_syn", population: population.id, bits: u.bits });
  return { u0, v0 };
}

const clampToRegister = (x: number, register: Register): number => Math.min(Math.max(x, register.min), register.max);

// ---------------------------------------------------------------------------------------------
// Weights

interface WeightResult {
  readonly format: SynapseFormat;
  readonly mantissa: Int32Array;
  readonly report: Omit<WeightReport, "projection" | "channel" | "chargeScale">;
  /** Smallest nonzero and largest weight magnitude the chosen format realises, current unit. */
  readonly smallest: number;
  readonly largest: number;
  /** Relative RMS weight error, exact and as the uniform-rounding estimate (precision/weight-bits.ts). */
  readonly achieved: number;
  readonly predicted: number;
}

/**
 * One format per projection: the sign mode of the projection, all mantissa bits, and the
 * smallest exponent at which the largest |w_hw| rounds into the mantissa range. Exponents below 0
 * never help: the effective weight is a multiple of 2^shift either way, with half the range.
 * Mantissas round to the nearest realisable weight. `fit` (plastic projections) names the
 * largest |w| the format must hold instead of the largest weight, and a smaller mantissa reach.
 * `weightBits` below the mantissa's width (an error budget) rounds each weight to the nearest
 * multiple of 2^p mantissa units, p = mantissaBits − weightBits: the weights the format realises
 * once the hardware drops the low p bits (effectiveWeight); the exponent is chosen against the
 * largest such multiple the mantissa holds.
 */
export function quantizeWeights(
  weight: Float64Array,
  signMode: "excitatory" | "inhibitory",
  scale: number,
  channel: number,
  semantics: LifSemantics,
  fit?: { readonly largest: number; readonly reach: number },
  weightBits = semantics.weight.mantissaBits,
): WeightResult {
  const { mantissaBits, exponentMin, exponentMax, shift, clip } = semantics.weight;
  const [fullLow, fullHigh] = mantissaRange(signMode, mantissaBits);
  const dropped = 2 ** (mantissaBits - weightBits); // mantissa units per realisable step
  const low = -Math.floor(-fullLow / dropped) * dropped;
  const high = Math.floor(fullHigh / dropped) * dropped;
  const unclippedSemantics = { ...semantics.weight, clip: Infinity };
  const reach = Math.min(signMode === "excitatory" ? high : -low, fit?.reach ?? Infinity);
  let requestedMaxAbs = 0;
  for (let k = 0; k < weight.length; k++) requestedMaxAbs = Math.max(requestedMaxAbs, Math.abs(weight[k]));
  const largestHardware = (fit?.largest ?? requestedMaxAbs) * scale;

  let exponent = Math.min(Math.max(0, exponentMin), exponentMax);
  while (exponent < exponentMax && roundHalfAway(largestHardware / 2 ** (shift + exponent)) > reach) exponent++;
  const format: SynapseFormat = { signMode, weightBits, exponent, channel };

  const stride = 2 ** Math.max(-exponent, 0); // mantissa units per 2^shift (exponent < 0)
  const grid = Math.max(stride, dropped); // mantissa units between realisable weights
  const gridStep = 2 ** (shift + exponent) * grid; // hardware units between realisable weights
  // The weight each mantissa delivers before the final clip, computed once per mantissa.
  const delivered = new Float64Array(fullHigh - fullLow + 1);
  for (let m = low; m <= high; m++) delivered[m - fullLow] = effectiveWeight(m, format, unclippedSemantics);
  const mantissa = new Int32Array(weight.length);
  let realisedMaxAbs = 0;
  let maxRelativeError = 0;
  let sumRelativeError = 0;
  let nonzero = 0;
  let roundedToZero = 0;
  let clipped = 0;
  let squaredError = 0;
  let squaredWeight = 0;
  for (let k = 0; k < weight.length; k++) {
    const hardware = weight[k] * scale;
    const ideal = roundHalfAway(hardware / gridStep) * grid;
    const m = ideal < low ? low : ideal > high ? high : ideal;
    mantissa[k] = m;
    const unclipped = delivered[m - fullLow];
    const effective = unclipped > clip ? clip : unclipped < -clip ? -clip : unclipped;
    const isClipped = m !== ideal || effective !== unclipped;
    squaredError += (effective - hardware) ** 2;
    squaredWeight += hardware ** 2;
    if (isClipped) clipped++;
    const realised = effective / scale;
    realisedMaxAbs = Math.max(realisedMaxAbs, Math.abs(realised));
    if (weight[k] !== 0) {
      nonzero++;
      if (effective === 0 && !isClipped) roundedToZero++;
      const error = relativeError(weight[k], realised);
      sumRelativeError += error;
      if (error > maxRelativeError) maxRelativeError = error;
    }
  }
  const smallestMantissa = signMode === "excitatory" ? grid : -grid;
  return {
    format,
    mantissa,
    report: {
      synapses: weight.length,
      exponent,
      requestedMaxAbs,
      realisedMaxAbs,
      maxRelativeError,
      meanRelativeError: nonzero > 0 ? sumRelativeError / nonzero : 0,
      roundedToZero,
      clipped,
    },
    smallest: Math.abs(effectiveWeight(smallestMantissa, format, semantics.weight)) / scale,
    largest: Math.abs(effectiveWeight(signMode === "excitatory" ? high : low, format, semantics.weight)) / scale,
    achieved: squaredWeight > 0 ? Math.sqrt(squaredError / squaredWeight) : 0,
    predicted: squaredWeight > 0 ? gridStep / Math.sqrt(12) / Math.sqrt(squaredWeight / weight.length) : 0,
  };
}

function reportWeights(report: WeightReport, index: number, result: WeightResult, ctx: PassContext): void {
  const path = pointer("projections", index, "weight");
  const total = report.synapses;
  if (report.roundedToZero > 0) {
    ctx.report("TP3014", path, {
      count: report.roundedToZero,
      total,
      projection: report.projection,
      smallest: Number(result.smallest.toPrecision(4)),
      bits: ctx.target.neuron.weight.mantissaBits,
    });
  }
  if (report.clipped > 0) {
    ctx.report("TP3015", path, {
      count: report.clipped,
      total,
      projection: report.projection,
      largest: Number(result.largest.toPrecision(4)),
      requestedMax: Number(report.requestedMaxAbs.toPrecision(4)),
    });
  }
}

function checkedHeadroom(ctx: PassContext): number {
  const headroom = ctx.options.headroom ?? DEFAULT_HEADROOM;
  if (Number.isFinite(headroom) && headroom >= 1) return headroom;
  ctx.report("TP3018", ROOT, { value: String(headroom) });
  return DEFAULT_HEADROOM;
}

// ---------------------------------------------------------------------------------------------
// Precision modes and error budget (docs/precision.md)

/** A context whose reports and stats go nowhere: the scale search's trial quantizations. */
function silentContext(ctx: PassContext): PassContext {
  return { ...ctx, report: () => undefined, stats: { add: () => undefined, set: () => undefined } };
}

/** The incoming projections of every population. */
function incomingProjections(input: Discretized): DiscretizedProjection[][] {
  const incoming: DiscretizedProjection[][] = input.populations.map(() => []);
  for (const projection of input.projections) incoming[input.elaborated.projections[projection.index].post].push(projection);
  return incoming;
}

/** The finest threshold mantissa the registers allow (headroom 1, capped at the mantissa's width); TP3011 as the default. */
function finestThresholdMantissa(population: DiscretizedPopulation, ctx: PassContext): number {
  const { threshold, v } = ctx.target.neuron;
  const finest = Math.min(2 ** threshold.mantissaBits - 1, Math.floor(v.max / 2 ** threshold.shift));
  if (finest < 1 || !(population.params.v_thresh > population.params.v_reset)) return chooseThresholdMantissa(population, 1, ctx);
  return finest;
}

/** The default mode's mantissa for `headroom`, without its reports. */
function headroomMantissa(headroom: number, ctx: PassContext): number {
  const { threshold, v } = ctx.target.neuron;
  return Math.min(Math.max(Math.floor(v.max / headroom / 2 ** threshold.shift), 1), 2 ** threshold.mantissaBits - 1);
}

/**
 * Per hardware channel, the factor weights are multiplied by so that each spike delivers the
 * reference's charge. With "same-step" input (xylo-style) a weight is decayed once in the step it
 * arrives, u = D(u + w), so it delivers w·f, w·f², ... where the reference (and "next-step" input)
 * delivers w, w·f, ...: dividing by the channel's realised decay factor f = e^(−dt/τ_realised)
 * gives the same trajectory. Option compensateSameStepDecay: false keeps the weights as they are.
 */
function inputGains(realisedTauMs: readonly number[], dtMs: number, semantics: LifSemantics, options: CompileOptions): number[] {
  const compensate = semantics.inputTiming === "same-step" && options.compensateSameStepDecay !== false;
  return Array.from({ length: semantics.currentChannels }, (_, h) => {
    const tau = realisedTauMs[h];
    return compensate && tau !== undefined && Number.isFinite(tau) && tau > 0 ? Math.exp(dtMs / tau) : 1;
  });
}

/** One projection quantized for its post population, with the error budget's weight bits when one is set. */
function quantizeProjection(
  projection: DiscretizedProjection,
  post: QuantizedPopulation,
  input: Discretized,
  errorBudget: number | undefined,
  target: PassContext["target"],
): { readonly result: WeightResult; readonly chargeScale: number; readonly bits?: WeightBitsChoice } {
  const source = input.elaborated.projections[projection.index];
  const hardwareChannel = post.hardwareChannelOf[projection.channel];
  const chargeScale = post.chargeScaleOf[projection.channel] * post.inputGainOf[hardwareChannel];
  // A plastic projection's format is chosen for w_max (where learning may take it), not for its initial weights.
  const plastic = source.plasticity;
  const fit = plastic !== undefined ? { largest: plastic.wMax, reach: 2 ** (target.learning?.weightBits ?? target.neuron.weight.mantissaBits) - 1 } : undefined;
  const at = (bits?: number) => quantizeWeights(source.synapses.weight, source.sign, post.currentScale * chargeScale, hardwareChannel, target.neuron, fit, bits);
  // Plastic projections keep every bit: learning writes whole mantissa steps.
  if (errorBudget === undefined || plastic !== undefined) return { result: at(), chargeScale };
  const { result, choice } = chooseWeightBits(projection.id, target.neuron.weight.mantissaBits, errorBudget, at);
  return { result, chargeScale, bits: choice };
}

/** Quantizes one population with the threshold mantissa `vthMant` gives, reporting through `at` into `into`. */
type PopulationQuantizer = (vthMant: () => number, at: PassContext, into: ParameterReport[]) => QuantizedPopulation;

/** Rounds of the spike-count refinement (chooseScales); each costs one scale search per population. */
const SPIKE_COUNT_ROUNDS = 6;

/**
 * The scale of every population (docs/precision.md §3). A source fires at most `spikesPerStep`
 * times a step, and under a subtractive reset at most ⌊y_max/vth⌋ times, a count its own bounds
 * give: the first round assumes spikesPerStep for every population; each further round lowers
 * every source's count to what its bounds imply. A round is kept only when every count it assumed
 * is at least what its bounds imply (the first always is), so the bounds kept are proven.
 */
function chooseScales(
  input: Discretized,
  precision: Precision,
  headroom: number,
  incoming: readonly DiscretizedProjection[][],
  quantizers: readonly PopulationQuantizer[],
  ctx: PassContext,
): ScaleChoice<PrecisionTrial>[] {
  const semantics = ctx.target.neuron;
  const starts = input.populations.map((population) => finestThresholdMantissa(population, ctx));
  const fallback = headroomMantissa(headroom, ctx);
  const silent = silentContext(ctx);
  let counts = input.populations.map(() => spikeCap(semantics));
  let proven: ScaleChoice<PrecisionTrial>[] | undefined;
  for (let round = 0; round < SPIKE_COUNT_ROUNDS; round++) {
    const assumed = counts;
    const choices = input.populations.map((_, p) =>
      chooseThreshold(starts[p], (m) => precisionTrial(quantizers[p](() => m, silent, []), incoming[p], input, precision, assumed, silent), fallback),
    );
    // n crossings of vth leave y − n·vth ≥ 0, so n ≤ ⌊y_max/vth⌋ (and never more than spikesPerStep)
    const implied = choices.map((choice, p) => Math.min(spikeCap(semantics), Math.floor(choice.trial.bounds.v.upper / threshold(choice.mantissa, semantics.threshold.shift))));
    const holds = implied.every((n, p) => n <= assumed[p]);
    if (holds) proven = choices;
    if (precision.mode !== "static" || semantics.reset !== "subtract" || implied.every((n, p) => n === assumed[p])) break;
    counts = holds ? implied : implied.map((n, p) => Math.max(n, assumed[p]));
  }
  return proven!;
}

/** A trial of the scale search: the bounds of every register at one threshold mantissa. */
interface PrecisionTrial extends ScaleTrial {
  readonly bounds: PopulationBounds;
  readonly source: RegisterRange["source"];
}

/**
 * Quantizes the projections onto `population` as the final pass will, adds their worst one-step
 * input per neuron and channel, and bounds every register: from that input ("static"), or from
 * the measured ranges ("profile", when the population has one).
 */
function precisionTrial(
  population: QuantizedPopulation,
  incoming: readonly DiscretizedProjection[],
  input: Discretized,
  precision: Precision,
  spikeCounts: readonly number[],
  ctx: PassContext,
): PrecisionTrial {
  const semantics = ctx.target.neuron;
  const channels = semantics.currentChannels;
  const drive = emptyDrive(population.size, channels);
  let usable = true;
  for (const projection of incoming) {
    const source = input.elaborated.projections[projection.index];
    const { result } = quantizeProjection(projection, population, input, precision.errorBudget, ctx.target);
    if (result.report.requestedMaxAbs > 0 && result.report.realisedMaxAbs === 0) usable = false;
    const largest = largestDelivered(result, source.plasticity !== undefined, ctx);
    const { factor } = decayEnvelope(population.du[result.format.channel], semantics.decay.currentOffset, semantics);
    const perStep = source.pre.kind === "population" ? spikeCounts[source.pre.index] : 1; // a line fires once a step
    const perSpike = perStep * trainGain(factor, sourceHold(source.pre, input, semantics));
    addProjectionDrive(drive, channels, source.synapses.post, result.mantissa, result.format, perSpike, semantics, largest);
  }
  const state = {
    size: population.size,
    du: population.du,
    dv: population.dv,
    threshold: threshold(population.vthMant, semantics.threshold.shift),
    bias: bias(population.biasMant, population.biasExp),
    u0: population.u0,
    v0: population.v0,
  };
  const measured = precision.mode === "profile" ? precision.measured.get(population.id) : undefined;
  const bounds = measured !== undefined ? measuredBounds(measured, population, semantics) : staticBounds(state, drive, semantics);
  const ratio = Math.max(...bounds.u.slice(0, Math.max(population.channelTausMs.length, 1)).map((b) => overRatio(b, semantics.u)), overRatio(bounds.v, semantics.v));
  return { ratio, usable, bounds, source: measured !== undefined ? "profile" : "static" };
}

/** Steps a source is held after each spike (its refractory steps on the target; 0 for an input line). */
function sourceHold(pre: { readonly kind: "population" | "input"; readonly index: number }, input: Discretized, semantics: LifSemantics): number {
  if (pre.kind === "input" || !semantics.refractory.supported) return 0;
  return Math.min(input.populations[pre.index].refractorySteps, semantics.refractory.maxSteps);
}

/**
 * The largest |w| one synapse of the projection may deliver when its weights are not fixed: a
 * plastic projection's format maximum (learning may take it there); on a crossbar the ADC's full
 * scale at the level shift lower-crossbar will choose (device variation may read any level).
 */
function largestDelivered(result: WeightResult, plastic: boolean, ctx: PassContext): number | undefined {
  const { weight } = ctx.target.neuron;
  const formatLargest = Math.abs(effectiveWeight(result.format.signMode === "excitatory" ? 2 ** weight.mantissaBits - 1 : -(2 ** weight.mantissaBits), result.format, weight));
  const crossbar = ctx.target.crossbar;
  if (crossbar === undefined) return plastic ? formatLargest : undefined;
  let largestMantissa = 0;
  for (let k = 0; k < result.mantissa.length; k++) if (Math.abs(result.mantissa[k]) > Math.abs(largestMantissa)) largestMantissa = result.mantissa[k];
  const digitalLargest = plastic ? formatLargest : Math.abs(effectiveWeight(largestMantissa, result.format, weight));
  const floor = plastic ? Math.max(0, weight.shift + result.format.exponent) : 0;
  const levelShift = chooseLevelShift(digitalLargest, crossbar.read.adcBits, floor);
  return Math.min(weight.clip, largestLevel(crossbar.read.adcBits) * 2 ** levelShift);
}

/** The bounds a measured range gives (docs/precision.md §4): the currents per hardware channel, v before the reset. */
function measuredBounds(range: MeasuredRange, population: QuantizedPopulation, semantics: LifSemantics): PopulationBounds {
  const channels = semantics.currentChannels;
  const stored = Array.from({ length: channels }, () => ({ upper: 0, lower: 0 }));
  range.current.forEach((interval, k) => {
    const h = population.hardwareChannelOf[k];
    if (h === undefined) return;
    const scale = population.currentScale * population.chargeScaleOf[k];
    stored[h] = { upper: stored[h].upper + Math.max(interval.max, 0) * scale, lower: stored[h].lower + Math.max(-interval.min, 0) * scale };
  });
  // Same-step input: the register holds u + a, of which the stored current is the decayed part (u = D(u + a) ≈ f·(u + a)).
  const u = stored.map((b, h) => {
    if (semantics.inputTiming !== "same-step") return b;
    const { factor } = decayEnvelope(population.du[h], semantics.decay.currentOffset, semantics);
    return factor > 0 ? { upper: b.upper / factor, lower: b.lower / factor } : b;
  });
  // A subtractive reset keeps up to one threshold of v that the reference's reset to v_reset drops.
  const residual = semantics.reset === "subtract" ? threshold(population.vthMant, semantics.threshold.shift) : 0;
  const v = { upper: Math.max(range.voltage.max, 0) * population.voltageScale + residual, lower: Math.max(-range.voltage.min, 0) * population.voltageScale };
  return { u, uStored: stored, v };
}

/** The report of one population's precision at the chosen scale. */
function populationPrecisionOf(population: QuantizedPopulation, choice: ScaleChoice<PrecisionTrial>, ctx: PassContext): PopulationPrecision {
  const { threshold: th, v } = ctx.target.neuron;
  const registers = populationRanges(choice.trial.bounds, Math.max(population.channelTausMs.length, 1), choice.trial.source, ctx.target.neuron);
  return {
    population: population.id,
    headroom: v.max / threshold(population.vthMant, th.shift),
    thresholdMantissa: population.vthMant,
    fits: registers.every((r) => r.spareBits >= 0),
    registers,
  };
}

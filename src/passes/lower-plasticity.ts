/**
 * lower-plasticity: checks that every plastic projection fits the target's learning engine
 * (TP3080–TP3089) and turns its rule into the integers of docs/semantics-learning.md: trace
 * impulse and decays, learning rates in accumulator units per trace LSB, magnitude bounds,
 * third-factor gains, the eligibility decay per epoch and the generator's seed. Initial
 * magnitudes are clamped into the bounds, as the rule keeps them. Every constant is reported as
 * requested vs realised next to quantize's. Never changes its input; without plastic
 * projections it returns it as is.
 */
import type { ElaboratedNetwork, ElaboratedPlasticity, ElaboratedProjection, ElaboratedModulatorSource } from "../ir/elaborated.js";
import { pointer, ROOT } from "../ir/pointer.js";
import type { Reporter } from "../ir/diagnostics.js";
import { asStage } from "../ir/stage.js";
import { DEFAULT_TRACE_PILE_UP, type LearningSemantics } from "../targets/learning-types.js";
import type { HwModulatorSource } from "../hw/learning-config.js";
import { Rng } from "../util/rng.js";
import { assert } from "../util/assert.js";
import type { Pass, PassContext } from "./pass.js";
import { relativeError, roundHalfAway, tauFromDecay } from "./quantize.js";
import { CURRENT_UNIT } from "./emit.js";
import type { LoweredPlasticProjection, ParameterReport, Quantized, QuantizedProjection } from "./stages.js";

export const lowerPlasticity: Pass<Quantized, Quantized> = {
  name: "lower-plasticity",
  summary: "Check plastic projections against the target's learning engine and quantize their rules: traces, rates, bounds, third factors, epoch.",
  run(input, ctx) {
    const net = input.discretized.elaborated;
    const plastic = net.projections.filter((projection) => projection.plasticity !== undefined);
    if (plastic.length === 0) return input;
    const learning = ctx.target.learning;
    if (learning === undefined) {
      refusePlasticity(net, ctx.target.name, ctx.report);
      return input;
    }
    const fits = plastic.map((projection) => checkRule(projection.plasticity!, net, learning, ctx.target.name, ctx.report)).every(Boolean);
    const epoch = checkedEpoch(learning, ctx.options.learningEpoch, ctx.target.name, ctx.report);
    if (!fits || epoch === undefined) return input;

    const parameters: ParameterReport[] = [...input.report.parameters];
    const projections: QuantizedProjection[] = [...input.projections];
    const lowered = plastic.map((projection) => {
      const result = lowerProjection(projection, input, learning, epoch, ctx, parameters);
      projections[projection.index] = { ...input.projections[projection.index], mantissa: result.mantissa };
      return result.lowered;
    });
    ctx.stats.set("plastic-projections", lowered.length);
    ctx.stats.set("plastic-synapses", lowered.reduce((n, p) => n + p.synapsePre.length, 0));
    ctx.stats.set("epoch", epoch);
    return asStage("quantized", {
      ...input,
      projections,
      report: { ...input.report, parameters },
      learning: { semantics: configSemantics(learning), epoch, projections: lowered },
    });
  },
  verify(output, ctx) {
    const learning = output.learning;
    if (learning === undefined) return;
    const semantics = ctx.target.learning;
    assert(semantics !== undefined, "lower-plasticity: learning on a target without a learning engine");
    assert(learning.epoch >= 1 && learning.epoch <= semantics.epoch.max, "lower-plasticity: epoch in range");
    const accMax = 2 ** (semantics.accumulator.bits - 1) - 1;
    for (const p of learning.projections) {
      const what = `lower-plasticity: '${p.id}'`;
      assert(p.magnitudeMin >= 0 && p.magnitudeMin < p.magnitudeMax && p.magnitudeMax <= 2 ** semantics.weightBits - 1, `${what}: magnitude bounds`);
      assert(p.aPlus >= 0 && p.aPlus <= accMax && p.aMinus >= 0 && p.aMinus <= accMax, `${what}: rates fit the accumulator`);
      assert(p.seed >= 1 && p.seed <= 0xffffffff && Number.isInteger(p.seed), `${what}: nonzero 32-bit seed`);
      const mantissa = output.projections[p.index].mantissa;
      for (let s = 0; s < mantissa.length; s++) {
        const m = Math.abs(mantissa[s]);
        if (!(m >= p.magnitudeMin && m <= p.magnitudeMax)) assert(false, `${what}: initial magnitude ${m} outside its bounds`);
      }
    }
  },
};

/** TP3080 for every plastic projection of `net`: for targets without a learning section. */
export function refusePlasticity(net: ElaboratedNetwork, targetName: string, report: Reporter): void {
  for (const projection of net.projections) {
    if (projection.plasticity !== undefined) {
      report("TP3080", pointer("projections", projection.index, "plasticity"), { projection: projection.id, rule: projection.plasticity.id, target: targetName });
    }
  }
}

/** Reports every way `rule` does not fit the engine (TP3081–TP3084); true when it fits. Both families. */
export function checkRule(rule: ElaboratedPlasticity, net: ElaboratedNetwork, learning: LearningSemantics, target: string, report: Reporter): boolean {
  const at = (field: string) => pointer("plasticity", rule.index, field);
  let fits = true;
  if (!learning.rules.includes(rule.rule)) {
    report("TP3081", at("rule"), { id: rule.id, rule: rule.rule, target, rules: learning.rules.join(", ") });
    fits = false;
  }
  if (!learning.pairings.includes(rule.pairing)) {
    const advice = rule.pairing === "nearest_pre_centred"
      ? "Its pre trace is per synapse; this engine keeps traces per neuron. Use nearest_symmetric, the nearest pairing it has."
      : `Use one of: ${learning.pairings.join(", ")}.`;
    report("TP3082", at("pairing"), { id: rule.id, pairing: rule.pairing, target, pairings: learning.pairings.join(", "), advice });
    fits = false;
  }
  for (const [field, value] of [["mu_plus", rule.muPlus], ["mu_minus", rule.muMinus]] as const) {
    if (!learning.boundExponents.includes(value) || (value !== 0 && value !== 1)) {
      report("TP3083", at(field), { id: rule.id, field, value, target, exponents: learning.boundExponents.join(", ") });
      fits = false;
    }
  }
  if (rule.modulation !== undefined && !learning.astrocyteModulation) {
    const astrocytes = net.network.astrocytes?.[rule.modulation.astrocytes]?.id ?? String(rule.modulation.astrocytes);
    report("TP3084", at("modulation"), { id: rule.id, astrocytes, target });
    fits = false;
  }
  return fits;
}

/** The epoch in force (the option or the target's default), or undefined after TP3085. Both families. */
export function checkedEpoch(learning: LearningSemantics, option: number | undefined, target: string, report: Reporter): number | undefined {
  const epoch = option ?? learning.epoch.default;
  if (Number.isInteger(epoch) && epoch >= 1 && epoch <= learning.epoch.max) return epoch;
  report("TP3085", ROOT, { epoch: String(epoch), min: 1, max: learning.epoch.max, default: learning.epoch.default, target });
  return undefined;
}

/** d = round(2^bits·(1 − e^{−period/τ})): the per-period decay of x ← x − x·d/2^bits. */
export function decayFactor(tauMs: number, periodMs: number, bits: number): number {
  return tauMs === Infinity ? 0 : Math.round(-Math.expm1(-periodMs / tauMs) * 2 ** bits);
}

/**
 * The target's learning semantics as a config carries them: without the trace's pile-up, a
 * compile-time choice that every projection's traceImpulse records (the emulator reads that).
 */
export function configSemantics(learning: LearningSemantics): LearningSemantics {
  const { pileUp: _, ...trace } = learning.trace;
  return { ...learning, trace };
}

/**
 * The trace impulse: 2^bits / pileUp added per all_to_all spike (room for `pileUp` spikes before
 * the trace saturates, learning.trace.pileUp), or 2^bits − 1 written (nearest pairings).
 */
export function traceImpulse(pairing: ElaboratedPlasticity["pairing"], trace: LearningSemantics["trace"]): number {
  return pairing === "all_to_all" ? 2 ** trace.bits / (trace.pileUp ?? DEFAULT_TRACE_PILE_UP) : 2 ** trace.bits - 1;
}

/** TP3099 above this relative error of the realised τ_c (the eligibility decays once per epoch, so its factor is coarse). */
export const TAU_C_TOLERANCE = 0.05;

/**
 * The learning epoch that realises τ_c best: the smallest from 1 to the target's maximum within
 * 1 %, else the one with the smallest error (the smallest of equals).
 */
export function bestEpoch(tauCMs: number, dtMs: number, learning: LearningSemantics): { readonly epoch: number; readonly tau: number } {
  let best = { epoch: 1, tau: NaN, error: Infinity };
  for (let epoch = 1; epoch <= learning.epoch.max; epoch++) {
    const d = decayFactor(tauCMs, epoch * dtMs, learning.eligibility.decayBits);
    if (d === 0) continue;
    const tau = tauFromDecay(d, epoch * dtMs, learning.eligibility.decayBits);
    const error = relativeError(tauCMs, tau);
    if (error <= 0.01) return { epoch, tau };
    if (error < best.error) best = { epoch, tau, error };
  }
  return best;
}

/** The longest time constant a `bits`-bit decay factor realises over `periodMs` (factor 1 at ½ rounding up). */
const longestTau = (periodMs: number, bits: number): number => -periodMs / Math.log1p(-0.5 / 2 ** bits);

const precise = (x: number): number => Number(x.toPrecision(4));

/** What a rule's constants are quantized against, and where their reports go (both families). */
export interface RuleQuantization {
  readonly rule: ElaboratedPlasticity;
  /** The projection's id: the owner of every reported parameter. */
  readonly owner: string;
  readonly net: ElaboratedNetwork;
  readonly dtMs: number;
  readonly learning: LearningSemantics;
  readonly epoch: number;
  /** |w| of one mantissa LSB, in the projection's weight unit. */
  readonly weightPerMantissa: number;
  /** The unit of w_min and w_max in the parameter report. */
  readonly weightUnit: string;
  readonly report: Reporter;
  readonly parameters: ParameterReport[];
}

/** The integers of docs/semantics-learning.md §1 that depend on the rule alone, not on where its synapses live. */
export type RuleConstants = Pick<
  LoweredPlasticProjection,
  "traceImpulse" | "traceDecayPre" | "traceDecayPost" | "aPlus" | "aMinus" | "magnitudeMin" | "magnitudeMax" | "eligibilityDecay" | "reward" | "gate"
>;

/** Quantizes a modulator-format constant: round(requested·toRealised), TP3088 beyond the register; reports it. */
export type ModulatorQuantizer = (parameter: string, field: string, requested: number, unit: string, toRealised: number) => number;

/** The modulator quantizer of one rule (Q.modulator.fractionBits values: gains, baselines, modulation factors). */
export function modulatorQuantizer(q: RuleQuantization): ModulatorQuantizer {
  const { rule, owner, learning } = q;
  const modMax = 2 ** (learning.modulator.bits - 1) - 1;
  const at = (field: string) => pointer("plasticity", rule.index, field);
  return (parameter, field, requested, unit, toRealised) => {
    const value = roundHalfAway(requested * toRealised);
    if (Math.abs(value) > modMax) {
      q.report("TP3088", at(field), {
        parameter, id: rule.id, value, projection: owner, bits: learning.modulator.bits, register: "modulator", max: modMax,
        advice: `Lower ${parameter}: at most about ${precise(modMax / toRealised)} fits.`,
      });
    }
    q.parameters.push({ owner, parameter, unit, requested, realised: value / toRealised, relativeError: relativeError(requested, value / toRealised), path: at(field) });
    return Math.min(Math.max(value, -modMax), modMax);
  };
}

/**
 * The rule's constants (docs/semantics-learning.md §1): bounds as mantissas (TP3087), trace
 * impulse and decays (TP3089), rates (TP3086, TP3088) and third factors, each reported as
 * requested vs realised.
 */
export function quantizeRule(q: RuleQuantization): RuleConstants {
  const { rule, owner, net, learning, epoch, weightPerMantissa } = q;
  const dt = q.dtMs;
  const at = (field: string) => pointer("plasticity", rule.index, field);
  const record = (parameter: string, unit: string, requested: number, realised: number, field: string) =>
    q.parameters.push({ owner, parameter, unit, requested, realised, relativeError: relativeError(requested, realised), path: at(field) });
  const { trace, accumulator, modulator, eligibility } = learning;
  const F = accumulator.fractionBits;
  const accMax = 2 ** (accumulator.bits - 1) - 1;

  const reach = 2 ** learning.weightBits - 1;
  const magnitudeMax = Math.min(roundHalfAway(rule.wMax / weightPerMantissa), reach);
  const magnitudeMin = Math.min(Math.max(roundHalfAway(rule.wMin / weightPerMantissa), 0), reach);
  record("w_min", q.weightUnit, rule.wMin, magnitudeMin * weightPerMantissa, "w_min");
  record("w_max", q.weightUnit, rule.wMax, magnitudeMax * weightPerMantissa, "w_max");
  if (magnitudeMin >= magnitudeMax) {
    q.report("TP3087", at("w_max"), { id: rule.id, wMin: rule.wMin, wMax: rule.wMax, mantissa: magnitudeMax, projection: owner, step: precise(weightPerMantissa) });
  }

  // Traces.
  const impulse = traceImpulse(rule.pairing, trace);
  const traceDecay = (field: "tau_plus" | "tau_minus", tauMs: number): number => {
    const d = decayFactor(tauMs, dt, trace.decayBits);
    if (d === 0) {
      q.report("TP3089", at(field), { parameter: field, id: rule.id, tau: tauMs, bits: trace.decayBits, period: dt, what: "trace", longest: precise(longestTau(dt, trace.decayBits)) });
    }
    record(field, "ms", tauMs, tauFromDecay(d, dt, trace.decayBits), field);
    return d;
  };
  const traceDecayPre = traceDecay("tau_plus", rule.tauPlusMs);
  const traceDecayPost = traceDecay("tau_minus", rule.tauMinusMs);

  // Rates: Δ per pair at Δt → 0 is a·R, in accumulator units per trace LSB.
  const range = rule.wMax - rule.wMin;
  const perTraceLsb = (2 ** F) / (weightPerMantissa * impulse);
  const rate = (field: "a_plus" | "a_minus", requested: number): number => {
    const value = roundHalfAway(requested * range * perTraceLsb);
    if (value === 0 && requested !== 0) {
      q.report("TP3086", at(field), { parameter: field, id: rule.id, requested, projection: owner, smallest: precise(0.5 / (range * perTraceLsb)) });
    }
    if (value > accMax) {
      q.report("TP3088", at(field), {
        parameter: field, id: rule.id, value, projection: owner, bits: accumulator.bits, register: "accumulator", max: accMax,
        advice: `Lower ${field}: at most about ${precise(accMax / (range * perTraceLsb))} fits.`,
      });
    }
    record(field, "1", requested, value / (range * perTraceLsb), field);
    return Math.min(value, accMax);
  };
  const aPlus = rate("a_plus", rule.aPlus);
  const aMinus = rate("a_minus", rule.aMinus);

  // Third factors, in Q.modulator.fractionBits.
  const modulatorValue = modulatorQuantizer(q);
  const symbolOf = (source: ElaboratedModulatorSource): string => (source.kind === "population" ? net.populations[source.index].id : net.inputs[source.index].id);
  const fraction = 2 ** modulator.fractionBits;
  let reward: LoweredPlasticProjection["reward"];
  let gate: LoweredPlasticProjection["gate"];
  let eligibilityDecay: number | undefined;
  if (rule.reward !== undefined || rule.gate !== undefined) {
    const tauC = rule.tauCMs ?? Infinity;
    eligibilityDecay = decayFactor(tauC, epoch * dt, eligibility.decayBits);
    if (eligibilityDecay === 0 && tauC !== Infinity) {
      q.report("TP3089", at("tau_c"), { parameter: "tau_c", id: rule.id, tau: tauC, bits: eligibility.decayBits, period: epoch * dt, what: "eligibility", longest: precise(longestTau(epoch * dt, eligibility.decayBits)) });
    }
    const realisedTauC = tauC === Infinity ? Infinity : tauFromDecay(eligibilityDecay, epoch * dt, eligibility.decayBits);
    record("tau_c", "ms", tauC, realisedTauC, "tau_c");
    if (eligibilityDecay !== 0 && relativeError(tauC, realisedTauC) > TAU_C_TOLERANCE) {
      const better = bestEpoch(tauC, dt, learning);
      q.report("TP3099", at("tau_c"), {
        id: rule.id, tau: tauC, realised: precise(realisedTauC), error: precise(100 * relativeError(tauC, realisedTauC)), epoch, bits: eligibility.decayBits,
        better: better.epoch, betterTau: precise(better.tau),
      });
    }
  }
  if (rule.reward !== undefined) {
    const { tauNMs } = rule.reward;
    const decay = decayFactor(tauNMs, dt, modulator.decayBits);
    if (decay === 0) {
      q.report("TP3089", at("tau_n"), { parameter: "tau_n", id: rule.id, tau: tauNMs, bits: modulator.decayBits, period: dt, what: "modulator", longest: precise(longestTau(dt, modulator.decayBits)) });
    }
    record("tau_n", "ms", tauNMs, tauFromDecay(decay, dt, modulator.decayBits), "tau_n");
    const baseline = modulatorValue("baseline", "baseline", rule.reward.baseline, "1/ms", dt * fraction);
    const sources: HwModulatorSource[] = rule.reward.sources.map((source, k) => ({
      symbol: symbolOf(source),
      gain: modulatorValue(`reward[${k}].gain`, "reward", source.gain, "1", (dt / tauNMs) * fraction),
    }));
    reward = { decay, baseline, sources };
  }
  if (rule.gate !== undefined) {
    gate = { sources: rule.gate.sources.map((source, k) => ({ symbol: symbolOf(source), gain: modulatorValue(`gate[${k}].gain`, "gate", source.gain, "1", fraction) })) };
  }
  return {
    traceImpulse: impulse,
    traceDecayPre,
    traceDecayPost,
    aPlus,
    aMinus,
    magnitudeMin,
    magnitudeMax,
    ...(eligibilityDecay !== undefined ? { eligibilityDecay } : {}),
    ...(reward !== undefined ? { reward } : {}),
    ...(gate !== undefined ? { gate } : {}),
  };
}

/** Per synapse its pre element, from the projection's CSR rows. */
export function synapsePreOf(rowStart: Int32Array, count: number): Int32Array {
  const synapsePre = new Int32Array(count);
  for (let j = 0; j + 1 < rowStart.length; j++) synapsePre.fill(j, rowStart[j], rowStart[j + 1]);
  return synapsePre;
}

/** Initial magnitudes clamped into [min, max] with the projection's sign (a copy), and how many moved. */
export function clampMagnitudes(mantissa: Int32Array, sign: 1 | -1, magnitudeMin: number, magnitudeMax: number): { mantissa: Int32Array; clamped: number } {
  const out = Int32Array.from(mantissa);
  let clamped = 0;
  for (let s = 0; s < out.length; s++) {
    const m = Math.abs(out[s]);
    const inBounds = Math.min(Math.max(m, magnitudeMin), magnitudeMax);
    if (inBounds !== m) clamped++;
    out[s] = inBounds === 0 ? 0 : sign * inBounds;
  }
  return { mantissa: out, clamped };
}

/**
 * The fields of a plastic projection that its rule, its constants and the network decide, the
 * same on every target; where the synapses live and the weight unit are the family's to add.
 */
export function ruleFields(net: ElaboratedNetwork, projection: ElaboratedProjection, rule: ElaboratedPlasticity, constants: RuleConstants) {
  return {
    id: projection.id,
    rule: rule.rule,
    pairing: rule.pairing,
    pre: projection.pre.kind === "population" ? net.populations[projection.pre.index].id : net.inputs[projection.pre.index].id,
    post: net.populations[projection.post].id,
    traceImpulse: constants.traceImpulse,
    traceDecayPre: constants.traceDecayPre,
    traceDecayPost: constants.traceDecayPost,
    aPlus: constants.aPlus,
    aMinus: constants.aMinus,
    muPlus: rule.muPlus === 1 ? (1 as const) : (0 as const),
    muMinus: rule.muMinus === 1 ? (1 as const) : (0 as const),
    magnitudeMin: constants.magnitudeMin,
    magnitudeMax: constants.magnitudeMax,
    ...(constants.eligibilityDecay !== undefined ? { eligibilityDecay: constants.eligibilityDecay } : {}),
    ...(constants.reward !== undefined ? { reward: constants.reward } : {}),
    ...(constants.gate !== undefined ? { gate: constants.gate } : {}),
    seed: plasticSeed(net, projection),
  };
}

/** The projection's generator seed: derived from the run's seed and its id, never 0. */
export const plasticSeed = (net: ElaboratedNetwork, projection: ElaboratedProjection): number =>
  Rng.derive(net.network.run.seed, `plasticity/${projection.id}`).nextUint32() || 1;

function lowerProjection(
  projection: ElaboratedProjection,
  input: Quantized,
  learning: LearningSemantics,
  epoch: number,
  ctx: PassContext,
  parameters: ParameterReport[],
): { lowered: LoweredPlasticProjection; mantissa: Int32Array } {
  const rule = projection.plasticity!;
  const net = input.discretized.elaborated;
  const quantized = input.projections[projection.index];
  const post = input.populations[projection.post];
  const owner = projection.id;

  // One mantissa LSB in the projection's weight unit: the format's exponent is ≥ 0 (quantize).
  const semantics = ctx.target.neuron.weight;
  assert(quantized.format.exponent >= 0, `lower-plasticity: '${owner}' has a negative weight exponent`);
  const weightPerMantissa = 2 ** (semantics.shift + quantized.format.exponent) / (post.currentScale * quantized.chargeScale);
  const constants = quantizeRule({
    rule, owner, net, dtMs: input.discretized.dtMs, learning, epoch, weightPerMantissa, weightUnit: CURRENT_UNIT, report: ctx.report, parameters,
  });

  // Synapses in the projection's CSR order; initial magnitudes clamped into the bounds.
  const { rowStart, post: postOf } = projection.synapses;
  const sign = projection.sign === "excitatory" ? 1 : -1;
  const { mantissa, clamped } = clampMagnitudes(quantized.mantissa, sign, constants.magnitudeMin, constants.magnitudeMax);
  ctx.stats.add("initial-weights-clamped", clamped);

  const lowered: LoweredPlasticProjection = {
    index: projection.index,
    ...ruleFields(net, projection, rule, constants),
    sign,
    synapsePre: synapsePreOf(rowStart, postOf.length),
    synapsePost: postOf,
    weightPerMantissa,
  };
  return { lowered, mantissa };
}

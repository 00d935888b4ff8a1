/**
 * Conductances and astrocyte effect deltas of the glia-core projections. One weight format per
 * projection: the largest fractional bit count at which the largest weight the hardware ever
 * forms, max(g + max(δ, 0)), still fits the unsigned weight mantissa, so it uses the top bit and
 * a modulated weight is never clamped. A plastic projection whose rule keeps an eligibility takes
 * no finer a format than the one at which the learning accumulator holds ELIGIBILITY_HEADROOM
 * weight ranges. δ per synapse: additive ν, multiplicative g·k, suppressive −g·k
 * (GliaProjection.delta), rounded to the same format; errors are reported.
 */
import { pointer, type JsonPointer } from "../../ir/pointer.js";
import { assert } from "../../util/assert.js";
import type { ElaboratedNetwork, ElaboratedPlasticity } from "../../ir/elaborated.js";
import type { GliaTarget } from "../../targets/glia-types.js";
import type { LearningSemantics } from "../../targets/learning-types.js";
import { sigmoidLut } from "../../models/izhikevich-fixed.js";
import type { GliaLut, GliaProjection } from "../../hw/glia-config.js";
import type { PassContext } from "../pass.js";
import type { GliaWeightReport } from "./stages.js";

/** The search for a weight frac stops here: larger fracs only serve weights below 2^(weightBits − 30). */
const MAX_WEIGHT_FRAC = 30;

/**
 * How many weight ranges R = w_max − w_min the eligibility of a reward_stdp or episode_stdp
 * projection must hold (docs/semantics-learning.md §1, "Eligibility headroom"). The eligibility
 * lives in the accumulator's register, 2^(bits − 1 − fractionBits) mantissa steps wide: 2^15 on
 * glia-core, half of what a 16-bit format fitted to w_max spans, so it clipped near R/2 (0.83 R
 * for the SNAN agent's w_max 0.6) while the float eligibility it stands for integrates pairings
 * over τ_c to several R (up to 6.7 R measured in that agent). Eight ranges cost three bits of
 * weight resolution and still leave R at least 2^11 mantissa steps.
 */
export const ELIGIBILITY_HEADROOM = 8;

/** The finest weight frac at which `learning`'s accumulator holds ±ELIGIBILITY_HEADROOM·R; undefined for a rule without an eligibility. */
export function eligibilityFrac(plasticity: ElaboratedPlasticity | undefined, learning: LearningSemantics | undefined): number | undefined {
  if (plasticity === undefined || learning === undefined || (plasticity.rule !== "reward_stdp" && plasticity.rule !== "episode_stdp")) return undefined;
  const { bits, fractionBits } = learning.accumulator;
  return weightFrac(ELIGIBILITY_HEADROOM * (plasticity.wMax - plasticity.wMin), bits - 1 - fractionBits);
}

/** Per projection: the requested δ of every synapse (0 where no astrocyte acts), or undefined when unmodulated. */
export function requestedDeltas(net: ElaboratedNetwork, modulatedBy: readonly number[]): (Float64Array | undefined)[] {
  return net.projections.map((projection, j) => {
    const t = modulatedBy[j];
    if (t < 0) return undefined;
    const coupling = net.tripartite[t];
    assert(coupling.target === "synapses", "weights: a projection is modulated by a synapse coupling");
    const { weight } = projection.synapses;
    const delta = new Float64Array(weight.length);
    const { effect, astrocyteOf } = coupling;
    for (let k = 0; k < weight.length; k++) {
      if (astrocyteOf[k] < 0) continue;
      const g = Math.abs(weight[k]);
      delta[k] = effect.kind === "additive" ? effect.nu : effect.kind === "multiplicative" ? g * effect.k : -g * effect.k;
    }
    return delta;
  });
}

/** The largest frac with round(largest·2^frac) ≤ 2^bits − 1. */
export function weightFrac(largest: number, bits: number): number {
  if (!(largest > 0)) return Math.min(bits, MAX_WEIGHT_FRAC);
  let frac = MAX_WEIGHT_FRAC;
  while (frac > -MAX_WEIGHT_FRAC && Math.round(largest * 2 ** frac) > 2 ** bits - 1) frac--;
  return frac;
}

interface Numbering {
  readonly neuronOffset: Int32Array;
  readonly astrocyteOffset: Int32Array;
  readonly lineBase: Int32Array;
  readonly neuronFracs: readonly number[];
}

type AddLut = (entry: { lut: GliaLut; owner: string; unit: string; inputFrac: number; path: JsonPointer; ctx: PassContext<GliaTarget> }) => number;

/** Every projection as a GliaProjection, with its weight report; sigmoid tables are shared per (k, V format). */
export function quantizeProjections(
  net: ElaboratedNetwork,
  modulatedBy: readonly number[],
  deltas: readonly (Float64Array | undefined)[],
  numbering: Numbering,
  ctx: PassContext<GliaTarget>,
  addLut: AddLut,
): { projections: GliaProjection[]; weights: GliaWeightReport[] } {
  const s = ctx.target.semantics;
  const sigmoids = new Map<string, { readonly index: number; readonly frac: number }>();
  const weights: GliaWeightReport[] = [];
  const projections = net.projections.map((projection, j): GliaProjection => {
    assert(projection.conductance !== undefined, "weights: discretize refused every other synapse kind");
    const { eRev, k } = projection.conductance;
    const postFrac = numbering.neuronFracs[projection.post];
    const fromNeurons = projection.pre.kind === "population";
    let sigmoid = -1;
    let sFrac = s.synapse.sigmoid.bits - 1; // S = 1.0 of an input line, in a table's format
    if (fromNeurons) {
      const vFrac = numbering.neuronFracs[projection.pre.index];
      const key = `${k}:${vFrac}`;
      let table = sigmoids.get(key);
      if (table === undefined) {
        const lut = sigmoidLut(k, vFrac, s);
        table = { index: addLut({ lut, owner: projection.id, unit: "1", inputFrac: vFrac, path: pointer("projections", j, "synapse", "k"), ctx }), frac: lut.frac };
        sigmoids.set(key, table);
      }
      sigmoid = table.index;
      sFrac = table.frac;
    }
    const { weight: requested } = projection.synapses;
    const delta = deltas[j];
    // a plastic weight may learn up to w_max: the format must hold it (and its effect delta)
    const wMax = projection.plasticity?.wMax ?? 0;
    let largest = 0;
    for (let n = 0; n < requested.length; n++) largest = Math.max(largest, Math.max(Math.abs(requested[n]), wMax) + Math.max(delta?.[n] ?? 0, 0));
    const fitted = weightFrac(largest, s.synapse.weightBits);
    const eligibility = eligibilityFrac(projection.plasticity, ctx.target.learning);
    const frac = eligibility !== undefined && eligibility < fitted ? eligibility : fitted;
    if (frac < fitted) ctx.stats.add("formats-widened-for-eligibility", 1);
    const scale = 2 ** frac;
    const limit = 2 ** s.synapse.weightBits - 1;
    const weight = new Int32Array(requested.length);
    let maxAbsError = 0;
    let realisedMax = 0;
    let requestedMax = 0;
    let roundedToZero = 0;
    for (let n = 0; n < requested.length; n++) {
      const w = Math.abs(requested[n]);
      const raw = Math.min(Math.round(w * scale), limit);
      weight[n] = raw;
      requestedMax = Math.max(requestedMax, w);
      realisedMax = Math.max(realisedMax, raw / scale);
      maxAbsError = Math.max(maxAbsError, Math.abs(raw / scale - w));
      if (w !== 0 && raw === 0) roundedToZero++;
    }
    const report: { -readonly [K in keyof GliaWeightReport]: GliaWeightReport[K] } = { projection: projection.id, synapses: requested.length, weightFrac: frac, requestedMax, realisedMax, maxAbsError, roundedToZero };
    if (roundedToZero > 0) reportZeros(ctx, projection.id, j, "weights", roundedToZero, requested, 1 / scale, largest, s.synapse.weightBits);
    let astrocyte = new Int32Array(0);
    let rawDelta = new Int32Array(0);
    const t = modulatedBy[j];
    if (delta !== undefined && t >= 0) {
      const coupling = net.tripartite[t];
      assert(coupling.target === "synapses", "weights: a synapse coupling");
      astrocyte = new Int32Array(requested.length);
      rawDelta = new Int32Array(requested.length);
      const base = numbering.astrocyteOffset[coupling.astrocytes];
      let deltaError = 0;
      let deltaMax = 0;
      let deltaZeros = 0;
      for (let n = 0; n < requested.length; n++) {
        const local = coupling.astrocyteOf[n];
        astrocyte[n] = local < 0 ? -1 : base + local;
        const raw = Math.round(delta[n] * scale);
        rawDelta[n] = raw;
        deltaMax = Math.max(deltaMax, Math.abs(delta[n]));
        deltaError = Math.max(deltaError, Math.abs(raw / scale - delta[n]));
        if (delta[n] !== 0 && raw === 0) deltaZeros++;
      }
      report.delta = { kind: coupling.effect.kind, requestedMaxAbs: deltaMax, maxAbsError: deltaError, roundedToZero: deltaZeros };
      if (deltaZeros > 0) reportZeros(ctx, projection.id, j, "effect deltas", deltaZeros, delta, 1 / scale, largest, s.synapse.weightBits);
    }
    weights.push(report);
    ctx.stats.add("synapses-rounded-to-zero", roundedToZero);
    const pre = fromNeurons
      ? { kind: "neurons" as const, offset: numbering.neuronOffset[projection.pre.index], size: projection.pre.size }
      : { kind: "inputs" as const, offset: numbering.lineBase[projection.pre.index], size: projection.pre.size };
    return {
      id: projection.id,
      pre,
      postOffset: numbering.neuronOffset[projection.post],
      postSize: numbering.neuronOffset[projection.post + 1] - numbering.neuronOffset[projection.post],
      eRev: Math.round(eRev * 2 ** postFrac),
      sigmoid,
      sFrac,
      weightFrac: frac,
      rowStart: projection.synapses.rowStart,
      post: projection.synapses.post,
      weight,
      astrocyte,
      delta: rawDelta,
    };
  });
  return { projections, weights };
}

function reportZeros(ctx: PassContext<GliaTarget>, projection: string, j: number, what: string, count: number, values: Float64Array, smallest: number, largest: number, bits: number): void {
  let total = 0;
  for (const value of values) if (value !== 0) total++;
  ctx.report("TP3073", pointer("projections", j, "weight"), {
    projection,
    count,
    total,
    what,
    bits,
    smallest: Number(smallest.toPrecision(4)),
    largest: Number(largest.toPrecision(4)),
  });
}

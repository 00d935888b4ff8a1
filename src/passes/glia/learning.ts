/**
 * Learning on glia-core (part of quantize): checks every plastic projection against the target's
 * learning section (TP3080–TP3089 as on the LIF family, TP3097–TP3098 for what only glia-core
 * cannot do) and lowers its rule to the integers of docs/semantics-learning.md with the LIF
 * lowering's own constant quantization (lower-plasticity.ts). A glia-core weight is an unsigned
 * conductance mantissa in its projection's Q.weightFrac, so one mantissa step is 2^−weightFrac;
 * the synapse table is per projection, so a plastic synapse lives at (projection, CSR index).
 * Astrocyte modulation (§7 there) lowers open/closed to Q.modulator.fractionBits and the Ca ramp
 * to raw Ca of the astrocyte group.
 */
import type { ElaboratedNetwork, ElaboratedProjection } from "../../ir/elaborated.js";
import { pointer } from "../../ir/pointer.js";
import type { GliaAstroGroup, GliaProjection } from "../../hw/glia-config.js";
import type { HwLearning, HwLearningModulation, HwPlasticProjection } from "../../hw/learning-config.js";
import type { GliaTarget } from "../../targets/glia-types.js";
import type { LearningSemantics } from "../../targets/learning-types.js";
import type { PassContext } from "../pass.js";
import type { ParameterReport } from "../stages.js";
import { relativeError } from "../quantize.js";
import {
  checkedEpoch,
  checkRule,
  configSemantics,
  clampMagnitudes,
  modulatorQuantizer,
  ruleFields,
  quantizeRule,
  refusePlasticity,
  synapsePreOf,
  type RuleQuantization,
} from "../lower-plasticity.js";

/** Glia conductances are dimensionless (the reference's CONDUCTANCE_UNIT). */
const CONDUCTANCE_UNIT = "1";

/** The learning section of the config and the projections with plastic initial weights clamped into their bounds. */
export interface GliaLearningLowering {
  readonly learning?: HwLearning;
  readonly projections: readonly GliaProjection[];
}

/**
 * Lowers the plastic projections of `net`; without any it returns `projections` as they are.
 * Errors leave `learning` undefined (the runner stops after the pass).
 */
export function lowerGliaLearning(
  net: ElaboratedNetwork,
  dtMs: number,
  projections: readonly GliaProjection[],
  astrocytes: readonly GliaAstroGroup[],
  ctx: PassContext<GliaTarget>,
  parameters: ParameterReport[],
): GliaLearningLowering {
  const plastic = net.projections.filter((projection) => projection.plasticity !== undefined);
  if (plastic.length === 0) return { projections };
  const learning = ctx.target.learning;
  if (learning === undefined) {
    refusePlasticity(net, ctx.target.name, ctx.report);
    return { projections };
  }
  const fits = plastic.map((projection) => checkRule(projection.plasticity!, net, learning, ctx.target.name, ctx.report) && fitsGlia(projection, net, ctx)).every(Boolean);
  const epoch = checkedEpoch(learning, ctx.options.learningEpoch, ctx.target.name, ctx.report);
  if (!fits || epoch === undefined) return { projections };

  const lowered = [...projections];
  const plasticProjections = plastic.map((projection): HwPlasticProjection => {
    const glia = projections[projection.index];
    const rule = projection.plasticity!;
    const q: RuleQuantization = {
      rule,
      owner: projection.id,
      net,
      dtMs,
      learning,
      epoch,
      weightPerMantissa: 2 ** -glia.weightFrac,
      weightUnit: CONDUCTANCE_UNIT,
      report: ctx.report,
      parameters,
    };
    const constants = quantizeRule(q);
    const { mantissa, clamped } = clampMagnitudes(glia.weight, 1, constants.magnitudeMin, constants.magnitudeMax);
    ctx.stats.add("initial-weights-clamped", clamped);
    lowered[projection.index] = { ...glia, weight: mantissa };
    const count = glia.post.length;
    const modulation = rule.modulation === undefined ? undefined : lowerModulation(q, astrocytes[rule.modulation.astrocytes], learning, ctx);
    return {
      ...ruleFields(net, projection, rule, constants),
      sign: 1,
      synapsePre: synapsePreOf(glia.rowStart, count),
      synapsePost: glia.post,
      synapseCore: new Int32Array(count).fill(projection.index),
      synapseIndex: Int32Array.from({ length: count }, (_, k) => k),
      ...(modulation !== undefined ? { modulation } : {}),
      weightPerMantissa: q.weightPerMantissa,
    };
  });
  ctx.stats.set("plastic-projections", plasticProjections.length);
  ctx.stats.set("epoch", epoch);
  return { learning: { semantics: configSemantics(learning), epoch, projections: plasticProjections }, projections: lowered };
}

/**
 * TP3097: a scaling synapse coupling on a plastic projection. glia-core stores the coupling's
 * Δg = ±g·k per synapse from the compiled g, while the reference scales the learned g.
 */
function fitsGlia(projection: ElaboratedProjection, net: ElaboratedNetwork, ctx: PassContext<GliaTarget>): boolean {
  let fits = true;
  for (const coupling of net.tripartite) {
    if (coupling.target !== "synapses" || coupling.projection !== projection.index || coupling.effect.kind === "additive") continue;
    ctx.report("TP3097", pointer("projections", projection.index, "plasticity"), {
      projection: projection.id,
      rule: projection.plasticity!.id,
      coupling: coupling.id,
      kind: coupling.effect.kind,
    });
    fits = false;
  }
  return fits;
}

/** The integer factor of astrocyte-gated learning: open/closed in Q.modulator.fractionBits, the Ca ramp in raw Ca (TP3098). */
function lowerModulation(q: RuleQuantization, group: GliaAstroGroup, learning: LearningSemantics, ctx: PassContext<GliaTarget>): HwLearningModulation {
  const modulation = q.rule.modulation!;
  const quantize = modulatorQuantizer(q);
  const fraction = 2 ** learning.modulator.fractionBits;
  const open = quantize("modulation.open", "modulation", modulation.open, "1", fraction);
  const closed = quantize("modulation.closed", "modulation", modulation.closed, "1", fraction);
  const caScale = 2 ** group.frac;
  const caLow = modulation.by === "ca" ? Math.round(modulation.caLow * caScale) : 0;
  const caHigh = modulation.by === "ca" ? Math.round(modulation.caHigh * caScale) : 1;
  if (modulation.by === "ca") {
    const at = pointer("plasticity", q.rule.index, "modulation");
    q.parameters.push({ owner: q.owner, parameter: "modulation.ca_low", unit: "µM", requested: modulation.caLow, realised: caLow / caScale, relativeError: relativeError(modulation.caLow, caLow / caScale), path: at });
    q.parameters.push({ owner: q.owner, parameter: "modulation.ca_high", unit: "µM", requested: modulation.caHigh, realised: caHigh / caScale, relativeError: relativeError(modulation.caHigh, caHigh / caScale), path: at });
    if (caHigh <= caLow) {
      ctx.report("TP3098", at, { id: q.rule.id, caLow: modulation.caLow, caHigh: modulation.caHigh, astrocytes: group.id, step: Number((1 / caScale).toPrecision(4)) });
    }
  }
  return { astrocytes: modulation.astrocytes, astrocyteOf: Int32Array.from(modulation.astrocyteOf), by: modulation.by, open, closed, caLow, caHigh };
}

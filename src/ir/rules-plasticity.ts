/**
 * Semantic rules of the `plasticity` section and of the projections that learn by it. Same
 * contract as ./rules.ts: every finding is reported, nothing stops at the first, the document is
 * never changed. What the schema already says (positive time constants, a required `reward` or
 * `gate` list with at least one source, ca_low and ca_high for modulation by "ca", tau_c null only
 * on episode_stdp) is not repeated here.
 */
import { pointer } from "./pointer.js";
import type { Projection, ValueSpec } from "./types.js";
import type { NetworkDocument, PlasticityRuleDocument } from "./document.js";
import { STDP_DEFAULTS, MODULATION_DEFAULTS, type ModulatorSource } from "./plasticity-types.js";
import { didYouMean, formatNumber, plural, type NetworkRule } from "./rule-kit.js";

const rulesOf = (net: NetworkDocument): readonly PlasticityRuleDocument[] => net.plasticity ?? [];
const projectionsOf = (net: NetworkDocument): readonly Projection[] => net.projections ?? [];

/** Rules by id, the first of a repeated id winning (as scopeOf does for the other sections). */
function rulesById(net: NetworkDocument): Map<string, PlasticityRuleDocument> {
  const byId = new Map<string, PlasticityRuleDocument>();
  for (const rule of rulesOf(net)) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  return byId;
}

/** Calls `visit` for each projection whose `plasticity` names a known rule (unknown names are TP2071's). */
function forEachLearningProjection(
  net: NetworkDocument,
  visit: (projection: ReturnType<typeof projectionsOf>[number], index: number, rule: PlasticityRuleDocument) => void,
): void {
  const rules = rulesById(net);
  projectionsOf(net).forEach((projection, i) => {
    const rule = projection.plasticity !== undefined ? rules.get(projection.plasticity) : undefined;
    if (rule !== undefined) visit(projection, i, rule);
  });
}

/** The third-factor sources of a rule, with the field they sit in. */
function sourcesOf(rule: PlasticityRuleDocument): { field: "reward" | "gate"; sources: readonly ModulatorSource[] } | undefined {
  if (rule.rule === "reward_stdp") return { field: "reward", sources: rule.reward };
  if (rule.rule === "episode_stdp") return { field: "gate", sources: rule.gate };
  return undefined;
}

const SOURCE_EFFECT = {
  reward: "raises the reward modulator n by gain/tau_n",
  gate: "applies the eligibility to the weights (w += gain·c)",
} as const;

export const PLASTICITY_NETWORK_RULES: readonly NetworkRule[] = [
  {
    name: "unique-plasticity-ids",
    summary: "Plasticity rule ids are unique among rules (only projections refer to them, so they have their own id space, like projections).",
    check(net, _scope, report) {
      const first = new Map<string, number>();
      rulesOf(net).forEach((rule, i) => {
        const earlier = first.get(rule.id);
        if (earlier === undefined) first.set(rule.id, i);
        else
          report("TP2070", pointer("plasticity", i, "id"), { id: rule.id, first: earlier, second: i }, {
            related: [{ path: pointer("plasticity", earlier, "id"), message: "first use of the id" }],
          });
      });
    },
  },
  {
    name: "plasticity-references",
    summary: "A projection's 'plasticity' names a rule; reward and gate sources are inputs or populations; modulation names an astrocyte population.",
    check(net, scope, report) {
      const rules = rulesById(net);
      const ruleIds = [...rules.keys()];
      projectionsOf(net).forEach((projection, i) => {
        const name = projection.plasticity;
        if (name === undefined || rules.has(name)) return;
        report("TP2071", pointer("projections", i, "plasticity"), {
          projection: projection.id,
          name,
          known: ruleIds.length === 0 ? "the section is empty" : `rules: ${ruleIds.map((id) => `'${id}'`).join(", ")}`,
          suggestion: didYouMean(name, ruleIds),
        });
      });
      rulesOf(net).forEach((rule, i) => {
        const third = sourcesOf(rule);
        third?.sources.forEach((source, k) => {
          if (scope.nodes.has(source.source)) return;
          report("TP2074", pointer("plasticity", i, third.field, k, "source"), {
            rule: rule.id,
            field: third.field,
            name: source.source,
            effect: SOURCE_EFFECT[third.field],
            suggestion: scope.astrocytes.has(source.source)
              ? ` '${source.source}' is an astrocyte population, and astrocytes do not spike; scale learning by their gate or Ca with 'modulation'.`
              : didYouMean(source.source, [...scope.nodes.keys()]),
          });
        });
        const modulation = rule.modulation;
        if (modulation !== undefined && !scope.astrocytes.has(modulation.astrocytes)) {
          report("TP2075", pointer("plasticity", i, "modulation", "astrocytes"), {
            rule: rule.id,
            name: modulation.astrocytes,
            suggestion: didYouMean(modulation.astrocytes, [...scope.astrocytes.keys()]),
          });
        }
      });
    },
  },
  {
    name: "plasticity-bounds",
    summary: "w_min lies below w_max; a modulation graded by Ca has ca_high above ca_low.",
    check(net, _scope, report) {
      rulesOf(net).forEach((rule, i) => {
        const wMin = rule.w_min ?? STDP_DEFAULTS.w_min;
        if (!(wMin < rule.w_max)) report("TP2072", pointer("plasticity", i, "w_min"), { rule: rule.id, w_min: wMin, w_max: rule.w_max });
        const modulation = rule.modulation;
        if (modulation?.by === "ca" && modulation.ca_low !== undefined && modulation.ca_high !== undefined && !(modulation.ca_high > modulation.ca_low)) {
          report("TP2076", pointer("plasticity", i, "modulation", "ca_high"), { rule: rule.id, low: modulation.ca_low, high: modulation.ca_high });
        }
      });
    },
  },
  {
    name: "plastic-initial-weights",
    summary: "A plastic projection's initial weights lie inside its rule's [w_min, w_max] (warning: the first update clips them).",
    check(net, _scope, report) {
      forEachLearningProjection(net, (projection, i, rule) => {
        const wMin = rule.w_min ?? STDP_DEFAULTS.w_min;
        if (!(wMin < rule.w_max)) return; // TP2072
        const outside = weightsOutside(projection.weight, wMin, rule.w_max);
        if (outside === undefined) return;
        report("TP2073", pointer("projections", i, "weight"), { projection: projection.id, what: outside, w_min: wMin, w_max: rule.w_max, rule: rule.id });
      });
    },
  },
  {
    name: "plasticity-modulation",
    summary: "Modulating astrocytes own the post population of every projection that learns by the rule, have a gate when modulating by it, and take no Ca range when gating.",
    check(net, scope, report) {
      forEachLearningProjection(net, (projection, i, rule) => {
        const astrocytes = rule.modulation !== undefined ? scope.astrocytes.get(rule.modulation.astrocytes) : undefined;
        if (astrocytes === undefined) return; // TP2075
        const territory = astrocytes.territory.population;
        if (!scope.populations.has(territory) || !scope.populations.has(projection.post) || territory === projection.post) return;
        report("TP2077", pointer("projections", i, "plasticity"), {
          projection: projection.id,
          rule: rule.id,
          astrocytes: astrocytes.id,
          territory,
          post: projection.post,
        });
      });
      rulesOf(net).forEach((rule, i) => {
        const modulation = rule.modulation;
        if (modulation?.by !== "gate") return;
        const astrocytes = scope.astrocytes.get(modulation.astrocytes);
        if (astrocytes !== undefined && astrocytes.gate === undefined) {
          report("TP2079", pointer("plasticity", i, "modulation", "astrocytes"), {
            rule: rule.id,
            astrocytes: astrocytes.id,
            closed: modulation.closed ?? MODULATION_DEFAULTS.closed,
          });
        }
        const given = (["ca_low", "ca_high"] as const).filter((field) => modulation[field] !== undefined);
        if (given.length > 0) {
          report("TP2080", pointer("plasticity", i, "modulation", given[0]), { rule: rule.id, fields: given.join(" and ") });
        }
      });
    },
  },
  {
    name: "plasticity-use",
    summary: "Every plasticity rule is named by some projection (warning).",
    check(net, _scope, report) {
      const used = new Set(projectionsOf(net).map((projection) => projection.plasticity));
      const seen = new Set<string>();
      rulesOf(net).forEach((rule, i) => {
        const repeated = seen.has(rule.id); // a repeated id is TP2070's
        seen.add(rule.id);
        if (!repeated && !used.has(rule.id)) report("TP2078", pointer("plasticity", i, "id"), { rule: rule.id });
      });
    },
  },
];

/**
 * Words for the initial weights of `spec` that lie outside [wMin, wMax], naming the one farthest
 * out; undefined when all lie inside. A draw is judged by the ends it can reach: a uniform range
 * by its two ends, a normal by its min and max (its mean when a side is unbounded), so a normal
 * whose unbounded tail crosses a bound is not flagged.
 */
export function weightsOutside(spec: ValueSpec, wMin: number, wMax: number): string | undefined {
  const excess = (w: number): number => Math.max(wMin - w, w - wMax, 0);
  const farthest = (ws: readonly number[]): number => ws.reduce((best, w) => (excess(w) > excess(best) ? w : best));
  const direction = (w: number): string => (w > wMax ? "up to" : "down to");
  if (typeof spec === "number") return excess(spec) > 0 ? `weight ${formatNumber(spec)}` : undefined;
  if ("values" in spec) {
    const offenders = spec.values.filter((w) => excess(w) > 0);
    if (offenders.length === 0) return undefined;
    return `${offenders.length} of its ${plural(spec.values.length, "weight")} (farthest out: ${formatNumber(farthest(offenders))})`;
  }
  if ("uniform" in spec) {
    const worst = farthest(spec.uniform);
    return excess(worst) > 0 ? `weights drawn ${direction(worst)} ${formatNumber(worst)}` : undefined;
  }
  const { mean, min, max } = spec.normal;
  if (excess(mean) > 0) return `weights drawn around ${formatNumber(mean)}`;
  const worst = farthest([min ?? mean, max ?? mean]);
  return excess(worst) > 0 ? `weights drawn ${direction(worst)} ${formatNumber(worst)}` : undefined;
}


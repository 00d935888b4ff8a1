/**
 * Pooling the parts of a split run (docs/snan.md, "Splitting a long run"): parts of one spec that
 * play consecutive ranges of worlds (`scale.firstWorld`) pool into the result of the whole range.
 * Each condition's episodes are laid end to end in world order, so the summaries, the headline
 * and the agreement are those a single run over all the worlds gives, to the bit; energies are
 * summed part by part, so they may differ from a single run's in the last digit.
 */
import { makeDiagnostic, type Diagnostic, type Result } from "../ir/diagnostics.js";
import { pointer } from "../ir/pointer.js";
import type { EpisodeFigures } from "./episode.js";
import { experimentResultOf, firstWorldOf, runScale, type AblationCondition, type ConditionResult, type DecisionEnergy, type ExperimentResult, type ExperimentScale, type ExperimentSpec } from "./experiment.js";
import { summarizeRun } from "./metrics.js";
import type { StoredCondition, StoredExperiment } from "./result-file.js";

export interface ResultPart {
  readonly file: string;
  readonly stored: StoredExperiment;
}

/** The worlds one part played. */
export interface PartRange {
  readonly file: string;
  readonly firstWorld: number;
  readonly worlds: number;
}

export interface MergedExperiment {
  readonly result: ExperimentResult;
  /** The parts in world order. */
  readonly parts: readonly PartRange[];
}

const scaleOf = (part: ResultPart): ExperimentScale => runScale(part.stored.spec, part.stored.quick);

const rangeOf = (part: ResultPart): PartRange => ({ file: part.file, firstWorld: firstWorldOf(scaleOf(part)), worlds: scaleOf(part).worlds });

/** The spec without what parts may differ in: the world range, the description and the control. */
function pooledFields(spec: ExperimentSpec): Record<string, unknown> {
  const { description: _description, control: _control, scale, quick, ...rest } = spec as ExperimentSpec & { description?: string };
  const sameScale = ({ firstWorld: _first, worlds: _worlds, ...kept }: ExperimentScale) => kept;
  return { ...rest, scale: sameScale(scale), quick: sameScale(quick) };
}

/** Stable JSON of a value, keys sorted, to compare specs field by field. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

/** The first top-level field in which two specs differ beyond what parts may differ in, if any. */
function differingField(a: ExperimentSpec, b: ExperimentSpec): string | undefined {
  const [x, y] = [pooledFields(a), pooledFields(b)];
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].sort().find((key) => canonical(x[key]) !== canonical(y[key]));
}

const conditionKey = (c: StoredCondition): string => `${c.agent} on ${c.engine}, ${c.size}×${c.size}`;
const ablationKey = (c: StoredCondition & { parameter: string; value: number }): string => `${conditionKey(c)} with ${c.parameter} ${c.value}`;
const energyKey = (e: DecisionEnergy): string => `energy of ${e.agent} on ${e.engine}, ${e.size}×${e.size}`;

/**
 * Pools parts of one spec that cover consecutive world ranges. Errors (TP1332) when the parts'
 * specs differ in anything but the world range, the description or the control, when one is a
 * --quick run and another not, or when their ranges overlap or leave a gap; a condition that is
 * not in every part (a control added to one part only) is left out with a warning (TP1333).
 */
export function mergeExperimentResults(parts: readonly ResultPart[]): Result<MergedExperiment> {
  if (parts.length === 0) throw new RangeError("mergeExperimentResults needs at least one part");
  const ordered = [...parts].sort((a, b) => rangeOf(a).firstWorld - rangeOf(b).firstWorld);
  const problems: Diagnostic[] = [];
  const cannotPool = (part: ResultPart, other: ResultPart, reason: string, at = pointer()) =>
    problems.push(makeDiagnostic("TP1332", at, { file: part.file, other: other.file, reason }, { file: part.file }));
  const [head] = ordered;
  for (const part of ordered.slice(1)) {
    if (part.stored.quick !== head.stored.quick) cannotPool(part, head, "one is a --quick run and the other is not", pointer("quick"));
    const field = differingField(head.stored.spec, part.stored.spec);
    if (field !== undefined) cannotPool(part, head, `their specs differ in ${field}`, pointer("spec", field));
  }
  for (const part of ordered) {
    const { firstWorld, worlds } = rangeOf(part);
    const outside = [...part.stored.conditions, ...part.stored.ablation].find((c) => c.worlds.some((w) => w < firstWorld || w >= firstWorld + worlds));
    if (outside !== undefined) {
      problems.push(makeDiagnostic("TP1331", pointer("conditions"), { file: part.file, reason: `${conditionKey(outside)} holds worlds outside its spec's range ${firstWorld}–${firstWorld + worlds - 1}` }, { file: part.file }));
    }
  }
  const rangeField = pointer("spec", head.stored.quick ? "quick" : "scale", "firstWorld");
  for (let k = 1; k < ordered.length; k++) {
    const [before, after] = [rangeOf(ordered[k - 1]), rangeOf(ordered[k])];
    const end = before.firstWorld + before.worlds;
    if (after.firstWorld < end) cannotPool(ordered[k], ordered[k - 1], `both play worlds ${after.firstWorld}–${Math.min(end, after.firstWorld + after.worlds) - 1}`, rangeField);
    else if (after.firstWorld > end) cannotPool(ordered[k], ordered[k - 1], `worlds ${end}–${after.firstWorld - 1} are in neither part, so the pooled worlds would not be one range`, rangeField);
  }
  if (problems.length > 0) return { ok: false, diagnostics: problems };

  const warnings: Diagnostic[] = [];
  /** The entries every part has (by key), in world order per entry, in the order parts first name them. */
  const common = <T>(of: (s: StoredExperiment) => readonly T[], key: (t: T) => string): T[][] => {
    const names = [...new Set(ordered.flatMap((part) => of(part.stored).map(key)))];
    return names.flatMap((name) => {
      const found = ordered.map((part) => of(part.stored).find((t) => key(t) === name));
      const missing = ordered.find((_, k) => found[k] === undefined);
      if (missing === undefined) return [found as T[]];
      warnings.push(makeDiagnostic("TP1333", pointer(), { condition: name, file: missing.file }, { file: missing.file }));
      return [];
    });
  };

  const spec = pooledSpec(ordered);
  const pooled = (pieces: readonly StoredCondition[]): ConditionResult => {
    const episodes: EpisodeFigures[] = pieces.flatMap((p) => p.episodes);
    const groups = Int32Array.from(pieces.flatMap((p) => Array.from(p.worlds)));
    const [first] = pieces;
    return { agent: first.agent, engine: first.engine, size: first.size, budget: first.budget, episodes, groups, summary: summarizeRun(episodes, { seed: spec.seed, groups }) };
  };
  const conditions = common((s) => s.conditions, conditionKey).map(pooled);
  const ablation = common((s) => s.ablation, ablationKey).map((pieces): AblationCondition => {
    const { parameter, value, base } = pieces[0];
    return { ...pooled(pieces), parameter, value, base };
  });
  const energy = common((s) => s.energy, energyKey).map((pieces): DecisionEnergy => {
    const sum = (of: (e: DecisionEnergy) => number) => pieces.reduce((total, e) => total + of(e), 0);
    const [joules, decisions, windows] = [sum((e) => e.energy), sum((e) => e.decisions), sum((e) => e.windows)];
    return { ...pieces[0], energy: joules, decisions, windows, energyPerDecision: joules / decisions, energyPerWindow: joules / windows, notCosted: [...new Set(pieces.flatMap((e) => e.notCosted))] };
  });
  const quick = head.stored.quick;
  return { ok: true, value: { result: experimentResultOf(spec, quick, { conditions, ablation, energy }), parts: ordered.map(rangeOf) }, diagnostics: warnings };
}

/** The first part's spec over every part's worlds; the control only when every part ran the same one. */
function pooledSpec(ordered: readonly ResultPart[]): ExperimentSpec {
  const head = ordered[0].stored;
  const worlds = ordered.reduce((n, part) => n + rangeOf(part).worlds, 0);
  const key = head.quick ? "quick" : "scale";
  const { control, ...rest } = head.spec;
  const sameControl = control !== undefined && ordered.every((part) => part.stored.spec.control === control);
  return { ...rest, [key]: { ...head.spec[key], firstWorld: rangeOf(ordered[0]).firstWorld, worlds }, ...(sameControl && { control }) };
}

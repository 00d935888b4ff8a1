/**
 * Diff criteria: the thresholds a comparison must meet, from CLI flags or a criteria file
 * (format "tripart.criteria/1", docs/diff.md). Bad fields become TP12xx diagnostics with a
 * JSON pointer; nothing here throws on user input. Defaults live in DEFAULT_CRITERIA only.
 */
import { readFile } from "node:fs/promises";
import { fail, makeDiagnostic, ok, type Diagnostic, type DiagnosticArgs, type Result } from "../ir/diagnostics.js";
import type { DiagnosticCode } from "../ir/codes.js";
import { parseJsonSource, withPositions } from "../ir/json-source.js";
import { pointer, ROOT, type JsonPointer } from "../ir/pointer.js";
import { describeIoError } from "../util/io-errors.js";

export const CRITERIA_FORMAT = "tripart.criteria/1";

/** Thresholds that apply to one population. */
export interface Thresholds {
  /** Spikes of the two sides at most this many steps apart can match (one-to-one). */
  readonly matchWithin: number;
  /** Least fraction of the reference's spikes matched within ±matchWithin steps. */
  readonly minMatchedFraction: number;
  /** Largest relative error of the population's mean rate, |r_b − r_a| / r_a. */
  readonly maxRateError: number;
  /** Time constant of the van Rossum kernel, ms. */
  readonly vanRossumTauMs: number;
  /** Largest normalised van Rossum distance of the population (docs/diff.md); unchecked if absent. */
  readonly maxVanRossum?: number;
  /** Largest trace RMSE per variable, in the trace's physical unit; unchecked if absent. */
  readonly maxTraceRmse?: Readonly<Record<string, number>>;
  /** Astrocyte populations: largest mean over astrocytes of the per-astrocyte RMSE, per variable; ASTROCYTE_DEFAULTS fill absent variables. */
  readonly maxMeanAstrocyteRmse?: Readonly<Record<string, number>>;
  /** Astrocyte populations: largest RMSE of any one astrocyte, per variable; unchecked if absent. */
  readonly maxAstrocyteRmse?: Readonly<Record<string, number>>;
  /** Astrocyte populations: least mean gate Jaccard index over the astrocytes; ASTROCYTE_DEFAULTS when absent. */
  readonly minMeanGateJaccard?: number;
  /** Astrocyte populations: least gate Jaccard index of any one astrocyte; unchecked if absent. */
  readonly minGateJaccard?: number;
}

/** Bounds on the learned weights of a plastic projection (./weights.ts), at the last step both sides dumped; unchecked if absent. */
export interface WeightThresholds {
  /** Least Pearson correlation of the two weight vectors; a correlation that is undefined (a constant side) fails. */
  readonly minWeightCorrelation?: number;
  /** Largest RMSE of the two weight vectors, in the projection's weight unit. */
  readonly maxWeightRmse?: number;
}

/** Thresholds for every population, with overrides per population id; weight bounds for every plastic projection, with overrides per projection id. */
export interface Criteria extends Thresholds, WeightThresholds {
  readonly perPopulation?: Readonly<Record<string, Partial<Thresholds>>>;
  readonly perProjection?: Readonly<Record<string, WeightThresholds>>;
}

/** Partial criteria as flags or a file give them; missing fields fall back to a base. */
export type CriteriaInput = Partial<Thresholds> & WeightThresholds & {
  readonly perPopulation?: Readonly<Record<string, Partial<Thresholds>>>;
  readonly perProjection?: Readonly<Record<string, WeightThresholds>>;
};

/** The weight bounds that apply to `projection`: its overrides on top of the top level. */
export function weightThresholdsFor(criteria: Criteria, projection: string): WeightThresholds {
  const per = criteria.perProjection;
  const override = per !== undefined && Object.hasOwn(per, projection) ? per[projection] : {};
  const merged = { minWeightCorrelation: criteria.minWeightCorrelation, maxWeightRmse: criteria.maxWeightRmse, ...override };
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined));
}

export const DEFAULT_CRITERIA: Criteria = {
  matchWithin: 1,
  minMatchedFraction: 0.95,
  maxRateError: 0.1,
  vanRossumTauMs: 10,
};

/**
 * Astrocyte thresholds used where the criteria leave them out. They bound means over the
 * astrocytes, since a network whose spikes diverge (any chaotic one, quantized or not) moves a
 * few astrocytes far; docs/diff.md gives the measurement behind each value.
 */
export const ASTROCYTE_DEFAULTS = {
  maxMeanAstrocyteRmse: { ca: 0.02, ip3: 0.5, h: 0.01 },
  minMeanGateJaccard: 0.8,
} as const satisfies Pick<Thresholds, "maxMeanAstrocyteRmse" | "minMeanGateJaccard">;

/** Per-variable bounds of a base and an override, merged per variable; undefined when neither has any. */
function mergeBounds(
  base: Readonly<Record<string, number>> | undefined, over: Readonly<Record<string, number>> | undefined,
): Readonly<Record<string, number>> | undefined {
  return base !== undefined || over !== undefined ? { ...base, ...over } : undefined;
}

/** The thresholds that apply to `population`: its overrides on top of the top level. */
export function thresholdsFor(criteria: Criteria, population: string): Thresholds {
  const per = criteria.perPopulation;
  const override = per !== undefined && Object.hasOwn(per, population) ? per[population] : undefined;
  if (override === undefined) return criteria;
  const { perPopulation: _ignored, ...top } = criteria;
  const maxTraceRmse = mergeBounds(top.maxTraceRmse, override.maxTraceRmse);
  const maxMeanAstrocyteRmse = mergeBounds(top.maxMeanAstrocyteRmse, override.maxMeanAstrocyteRmse);
  const maxAstrocyteRmse = mergeBounds(top.maxAstrocyteRmse, override.maxAstrocyteRmse);
  return {
    ...top, ...override,
    ...(maxTraceRmse !== undefined ? { maxTraceRmse } : {}),
    ...(maxMeanAstrocyteRmse !== undefined ? { maxMeanAstrocyteRmse } : {}),
    ...(maxAstrocyteRmse !== undefined ? { maxAstrocyteRmse } : {}),
  };
}

/** One number-valued threshold: its range as a predicate and as words for the message. */
interface Rule {
  readonly expected: string;
  readonly holds: (value: number) => boolean;
}

/** Threshold fields that hold an object of variable → RMSE bound. */
const BOUND_FIELDS = ["maxTraceRmse", "maxMeanAstrocyteRmse", "maxAstrocyteRmse"] as const;

const RULES: Readonly<Record<Exclude<keyof Thresholds, (typeof BOUND_FIELDS)[number]>, Rule>> = {
  matchWithin: { expected: "an integer number of steps ≥ 0", holds: (v) => Number.isInteger(v) && v >= 0 && v <= 2 ** 31 - 1 },
  minMatchedFraction: { expected: "a fraction in 0..1", holds: (v) => v >= 0 && v <= 1 },
  maxRateError: { expected: "a relative error ≥ 0", holds: (v) => Number.isFinite(v) && v >= 0 },
  vanRossumTauMs: { expected: "a positive time in ms", holds: (v) => Number.isFinite(v) && v > 0 },
  maxVanRossum: { expected: "a distance ≥ 0", holds: (v) => Number.isFinite(v) && v >= 0 },
  minMeanGateJaccard: { expected: "a fraction in 0..1", holds: (v) => v >= 0 && v <= 1 },
  minGateJaccard: { expected: "a fraction in 0..1", holds: (v) => v >= 0 && v <= 1 },
};

const describe = (value: unknown): string =>
  value === undefined ? "nothing" : typeof value === "number" || typeof value === "boolean" || value === null
    ? String(value) : typeof value === "string" ? JSON.stringify(value) : Array.isArray(value) ? "an array" : "an object";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The weight bounds: allowed at the top level and inside perProjection only. */
const WEIGHT_RULES: Readonly<Record<keyof WeightThresholds, Rule>> = {
  minWeightCorrelation: { expected: "a correlation in -1..1", holds: (v) => v >= -1 && v <= 1 },
  maxWeightRmse: { expected: "an RMSE ≥ 0 in the projection's weight unit", holds: (v) => Number.isFinite(v) && v >= 0 },
};

/** Reads the weight bounds of one perProjection entry; anything else in it is TP1203. */
function readWeightThresholds(
  value: Record<string, unknown>, base: JsonPointer, report: (code: DiagnosticCode, path: JsonPointer, args: DiagnosticArgs) => void,
): WeightThresholds {
  const out: Record<string, number> = {};
  for (const [key, field] of Object.entries(value)) {
    const path = (base + pointer(key)) as JsonPointer;
    if (!Object.hasOwn(WEIGHT_RULES, key)) {
      report("TP1203", path, { field: key });
      continue;
    }
    const rule = WEIGHT_RULES[key as keyof WeightThresholds];
    if (typeof field !== "number" || !rule.holds(field)) report("TP1204", path, { field: key, expected: rule.expected, found: describe(field) });
    else out[key] = field;
  }
  return out;
}

/** Reads a thresholds object at `base`; `topLevel` admits "format", "perPopulation", the weight bounds and "perProjection". */
function readThresholds(
  value: Record<string, unknown>, base: JsonPointer, report: (code: DiagnosticCode, path: JsonPointer, args: DiagnosticArgs) => void, topLevel: boolean,
): CriteriaInput {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const path = (base + pointer(key)) as JsonPointer;
    if (Object.hasOwn(RULES, key)) {
      const rule = RULES[key as keyof typeof RULES];
      if (typeof field !== "number" || !rule.holds(field)) report("TP1204", path, { field: key, expected: rule.expected, found: describe(field) });
      else out[key] = field;
    } else if ((BOUND_FIELDS as readonly string[]).includes(key)) {
      if (!isRecord(field)) {
        report("TP1204", path, { field: key, expected: "an object of variable → RMSE", found: describe(field) });
        continue;
      }
      const bounds: Record<string, number> = {};
      for (const [variable, bound] of Object.entries(field)) {
        if (typeof bound !== "number" || !Number.isFinite(bound) || bound < 0) {
          report("TP1204", (path + pointer(variable)) as JsonPointer, { field: `${key}/${variable}`, expected: "an RMSE ≥ 0 in the trace's unit", found: describe(bound) });
        } else bounds[variable] = bound;
      }
      out[key] = bounds;
    } else if (topLevel && Object.hasOwn(WEIGHT_RULES, key)) {
      const rule = WEIGHT_RULES[key as keyof WeightThresholds];
      if (typeof field !== "number" || !rule.holds(field)) report("TP1204", path, { field: key, expected: rule.expected, found: describe(field) });
      else out[key] = field;
    } else if (topLevel && key === "perProjection") {
      if (!isRecord(field)) {
        report("TP1204", path, { field: key, expected: "an object of projection id → weight bounds", found: describe(field) });
        continue;
      }
      const per: Record<string, WeightThresholds> = {};
      for (const [projection, bounds] of Object.entries(field)) {
        const at = (path + pointer(projection)) as JsonPointer;
        if (!isRecord(bounds)) report("TP1204", at, { field: `perProjection/${projection}`, expected: "an object of weight bounds", found: describe(bounds) });
        else per[projection] = readWeightThresholds(bounds, at, report);
      }
      out[key] = per;
    } else if (topLevel && key === "perPopulation") {
      if (!isRecord(field)) {
        report("TP1204", path, { field: key, expected: "an object of population id → thresholds", found: describe(field) });
        continue;
      }
      const per: Record<string, CriteriaInput> = {};
      for (const [population, thresholds] of Object.entries(field)) {
        const at = (path + pointer(population)) as JsonPointer;
        if (!isRecord(thresholds)) report("TP1204", at, { field: `perPopulation/${population}`, expected: "an object of thresholds", found: describe(thresholds) });
        else per[population] = readThresholds(thresholds, at, report, false);
      }
      out[key] = per;
    } else if (!(topLevel && key === "format")) {
      report("TP1203", path, { field: key });
    }
  }
  return out as CriteriaInput;
}

/**
 * Validates criteria given as an object (from flags, say) and fills the rest from `base`.
 * Values set here override the base's top level; the base's per-population overrides stay.
 */
export function makeCriteria(input: CriteriaInput | Record<string, unknown> = {}, base: Criteria = DEFAULT_CRITERIA): Result<Criteria> {
  const diagnostics: Diagnostic[] = [];
  const read = readThresholds(
    Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)), ROOT,
    (code, path, args) => diagnostics.push(makeDiagnostic(code, path, args)), true,
  );
  if (diagnostics.length > 0) return fail(diagnostics);
  return ok(merge(base, read));
}

function merge(base: Criteria, input: CriteriaInput): Criteria {
  const perPopulation = { ...base.perPopulation, ...input.perPopulation };
  const perProjection = { ...base.perProjection, ...input.perProjection };
  const maxTraceRmse = mergeBounds(base.maxTraceRmse, input.maxTraceRmse);
  const maxMeanAstrocyteRmse = mergeBounds(base.maxMeanAstrocyteRmse, input.maxMeanAstrocyteRmse);
  const maxAstrocyteRmse = mergeBounds(base.maxAstrocyteRmse, input.maxAstrocyteRmse);
  return {
    ...base,
    ...input,
    ...(maxTraceRmse !== undefined ? { maxTraceRmse } : {}),
    ...(maxMeanAstrocyteRmse !== undefined ? { maxMeanAstrocyteRmse } : {}),
    ...(maxAstrocyteRmse !== undefined ? { maxAstrocyteRmse } : {}),
    ...(Object.keys(perPopulation).length > 0 ? { perPopulation } : {}),
    ...(Object.keys(perProjection).length > 0 ? { perProjection } : {}),
  };
}

/** Parses a criteria file's text: strict JSON, format "tripart.criteria/1", known fields only. */
export function parseCriteria(text: string, file?: string, base: Criteria = DEFAULT_CRITERIA): Result<Criteria> {
  const parsed = parseJsonSource(text, file, "TP1201");
  if (!parsed.ok) return fail(parsed.diagnostics);
  const diagnostics: Diagnostic[] = [];
  const report = (code: DiagnosticCode, path: JsonPointer, args: DiagnosticArgs): void => {
    diagnostics.push(makeDiagnostic(code, path, args, file !== undefined ? { file } : {}));
  };
  const value = parsed.source.value;
  if (!isRecord(value)) {
    report("TP1204", ROOT, { field: "(the document)", expected: "an object", found: describe(value) });
  } else if (!("format" in value)) {
    report("TP1205", ROOT, { field: "format" });
  } else if (value.format !== CRITERIA_FORMAT) {
    report("TP1202", pointer("format"), { found: typeof value.format === "string" ? value.format : describe(value.format), expected: CRITERIA_FORMAT });
  } else {
    const read = readThresholds(value, ROOT, report, true);
    if (diagnostics.length === 0) return ok(merge(base, read));
  }
  return fail(withPositions(diagnostics, parsed.source));
}

/** Reads and checks a criteria file (docs/diff.md); defaults fill what it leaves out. */
export async function loadCriteriaFile(path: string, base: Criteria = DEFAULT_CRITERIA): Promise<Result<Criteria>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    return fail([makeDiagnostic("TP1206", ROOT, { file: path, reason: describeIoError(error) }, { file: path })]);
  }
  return parseCriteria(text, path, base);
}

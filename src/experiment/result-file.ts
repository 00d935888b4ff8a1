/**
 * experiment-result.json (docs/snan.md, "Running the experiment"): the stored form of an
 * ExperimentResult, written by `tripart experiment` and read back to pool the parts of a split
 * run (./merge.ts). Per condition it keeps every episode's figures (EpisodeFigures) and world,
 * which is all that the summaries, the headline and the agreement read.
 */
import { makeDiagnostic, type Diagnostic, type Result } from "../ir/diagnostics.js";
import { pointer, type JsonPointer } from "../ir/pointer.js";
import type { EpisodeFigures } from "./episode.js";
import { ABLATION_PARAMETERS, type AblationParameter, type ConditionResult, type DecisionEnergy, type ExperimentResult, type ExperimentSpec } from "./experiment.js";
import { parseExperimentSpec } from "./spec.js";

export const RESULT_FORMAT = "tripart.experiment-result/1";

/** One condition as stored: its episodes' figures column by column, with each episode's world. */
export interface StoredCondition {
  readonly agent: string;
  readonly engine: string;
  readonly size: number;
  readonly budget: number;
  readonly episodes: readonly EpisodeFigures[];
  readonly worlds: Int32Array;
}

export interface StoredAblation extends StoredCondition {
  readonly parameter: AblationParameter;
  readonly value: number;
  readonly base: number;
}

/** What pooling reads of a result file. */
export interface StoredExperiment {
  readonly spec: ExperimentSpec;
  readonly quick: boolean;
  readonly conditions: readonly StoredCondition[];
  readonly ablation: readonly StoredAblation[];
  readonly energy: readonly DecisionEnergy[];
}

const conditionJson = (c: ConditionResult) => ({
  agent: c.agent, engine: c.engine, size: c.size, budget: c.budget, summary: c.summary,
  steps: c.episodes.map((e) => e.steps), reached: c.episodes.map((e) => e.reached), worlds: Array.from(c.groups),
  revisits: c.episodes.map((e) => e.revisits), coverage: c.episodes.map((e) => e.coverage),
});

/** The result as experiment-result.json holds it; `parts` names the files a pooled result came from. */
export function experimentResultJson(result: ExperimentResult, parts?: readonly { readonly file: string; readonly firstWorld: number; readonly worlds: number }[]): unknown {
  const shown = result.shown;
  return {
    format: RESULT_FORMAT,
    spec: result.spec,
    quick: result.quick,
    ...(parts !== undefined && { parts }),
    headline: result.headline,
    conditions: result.conditions.map(conditionJson),
    agreement: result.agreement,
    energy: result.energy,
    ablation: result.ablation.map((a) => ({ parameter: a.parameter, value: a.value, base: a.base, ...conditionJson(a) })),
    ...(shown !== undefined && {
      shown: { agent: shown.agent, engine: shown.engine, size: shown.size, world: shown.worldIndex, episode: 0, steps: shown.steps, calcium: shown.calcium.map((f) => ({ step: f.step, values: Array.from(f.values) })) },
    }),
  };
}

type Json = Record<string, unknown>;

/** Reads the fields pooling needs; every problem is one TP1331 at its JSON pointer. */
class ResultReader {
  readonly problems: Diagnostic[] = [];

  constructor(private readonly file: string) {}

  wrong(path: JsonPointer, reason: string): void {
    this.problems.push(makeDiagnostic("TP1331", path, { file: this.file, reason: `${path === "" ? "the file" : path} ${reason}` }, { file: this.file }));
  }

  object(value: unknown, path: JsonPointer): Json | undefined {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Json;
    this.wrong(path, "is not an object");
    return undefined;
  }

  array(value: unknown, path: JsonPointer): unknown[] {
    if (Array.isArray(value)) return value;
    this.wrong(path, "is not a list");
    return [];
  }

  string(value: unknown, path: JsonPointer): string {
    if (typeof value === "string") return value;
    this.wrong(path, "is not a string");
    return "";
  }

  number(value: unknown, path: JsonPointer, integer = false): number {
    if (typeof value === "number" && Number.isFinite(value) && (!integer || Number.isInteger(value))) return value;
    this.wrong(path, integer ? "is not a whole number" : "is not a number");
    return 0;
  }

  /** A list of `n` items (n from the condition's `steps`), each checked by `item`. */
  column<T>(value: unknown, path: JsonPointer, n: number, item: (v: unknown) => T | undefined, what: string): T[] {
    const list = this.array(value, path);
    if (list.length !== n) {
      this.wrong(path, `has ${list.length} entries where steps has ${n}`);
      return [];
    }
    const out: T[] = [];
    for (let k = 0; k < list.length; k++) {
      const v = item(list[k]);
      if (v === undefined) {
        this.wrong(pointer(...keys(path), k), `is not ${what}`);
        return [];
      }
      out.push(v);
    }
    return out;
  }

  condition(value: unknown, path: JsonPointer): StoredCondition | undefined {
    const o = this.object(value, path);
    if (o === undefined) return undefined;
    const at = (key: string) => pointer(...keys(path), key);
    const count = Array.isArray(o.steps) ? o.steps.length : 0;
    const whole = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined);
    const share = (v: unknown) => (typeof v === "number" && v >= 0 && v <= 1 ? v : undefined);
    const steps = this.column(o.steps, at("steps"), count, whole, "a whole number of steps");
    const reached = this.column(o.reached, at("reached"), count, (v) => (typeof v === "boolean" ? v : undefined), "true or false");
    const worlds = this.column(o.worlds, at("worlds"), count, whole, "a world index");
    const revisits = this.column(o.revisits, at("revisits"), count, whole, "a whole number of revisits");
    const coverage = this.column(o.coverage, at("coverage"), count, share, "a share from 0 to 1");
    const episodes = steps.map((s, k): EpisodeFigures => ({ steps: s, reached: reached[k], revisits: revisits[k], coverage: coverage[k] }));
    return {
      agent: this.string(o.agent, at("agent")), engine: this.string(o.engine, at("engine")),
      size: this.number(o.size, at("size"), true), budget: this.number(o.budget, at("budget"), true),
      episodes, worlds: Int32Array.from(worlds),
    };
  }

  energy(value: unknown, path: JsonPointer): DecisionEnergy | undefined {
    const o = this.object(value, path);
    if (o === undefined) return undefined;
    const at = (key: string) => pointer(...keys(path), key);
    const [energy, decisions, windows] = [this.number(o.energy, at("energy")), this.number(o.decisions, at("decisions"), true), this.number(o.windows, at("windows"))];
    const notCosted = this.array(o.notCosted, at("notCosted")).map((v, i) => this.string(v, pointer(...keys(at("notCosted")), i)));
    return {
      agent: this.string(o.agent, at("agent")), engine: this.string(o.engine, at("engine")), size: this.number(o.size, at("size"), true),
      energy, decisions, windows, energyPerDecision: energy / decisions, energyPerWindow: energy / windows, notCosted,
    };
  }
}

const keys = (path: JsonPointer): string[] => (path === "" ? [] : path.slice(1).split("/"));

/** Reads `text` (the contents of `file`) as an experiment result, or says why it is not one. */
export function readExperimentResult(text: string, file: string): Result<StoredExperiment> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, diagnostics: [makeDiagnostic("TP1331", pointer(), { file, reason: `it is not JSON (${(error as Error).message})` }, { file })] };
  }
  const r = new ResultReader(file);
  const o = r.object(value, pointer()) ?? {};
  if (o.format !== RESULT_FORMAT) {
    r.wrong(pointer("format"), `is ${JSON.stringify(o.format) ?? "missing"}, not "${RESULT_FORMAT}"`);
    return { ok: false, diagnostics: r.problems };
  }
  const spec = parseExperimentSpec(JSON.stringify(o.spec ?? null), file);
  for (const d of spec.diagnostics) r.wrong(pointer("spec", ...keys(d.path)), `does not read as an experiment spec: ${d.message.replace(/\.$/, "")}`);
  if (typeof o.quick !== "boolean") r.wrong(pointer("quick"), "is not true or false");
  const conditions = r.array(o.conditions, pointer("conditions")).map((c, i) => r.condition(c, pointer("conditions", i)));
  const ablation = r.array(o.ablation, pointer("ablation")).map((a, i): StoredAblation | undefined => {
    const condition = r.condition(a, pointer("ablation", i));
    const x = a as Json;
    if (condition === undefined) return undefined;
    const parameter = x.parameter as AblationParameter;
    if (!ABLATION_PARAMETERS.includes(parameter)) r.wrong(pointer("ablation", i, "parameter"), `is not one of ${ABLATION_PARAMETERS.join(", ")}`);
    return { ...condition, parameter, value: r.number(x.value, pointer("ablation", i, "value")), base: r.number(x.base, pointer("ablation", i, "base")) };
  });
  const energy = r.array(o.energy, pointer("energy")).map((e, i) => r.energy(e, pointer("energy", i)));
  if (r.problems.length > 0 || !spec.ok) return { ok: false, diagnostics: r.problems };
  return {
    ok: true,
    value: { spec: spec.value, quick: o.quick as boolean, conditions: conditions as StoredCondition[], ablation: ablation as StoredAblation[], energy: energy as DecisionEnergy[] },
    diagnostics: [],
  };
}

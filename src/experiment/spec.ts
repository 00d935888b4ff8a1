/**
 * Reads an experiment spec (examples/snan-navigation/experiment.json; docs/snan.md, "Running the
 * experiment"): every field checked, every problem one TP1330 with its JSON pointer, what was
 * found and what is expected. Never throws on user input.
 */
import { makeDiagnostic, type Diagnostic, type Result } from "../ir/diagnostics.js";
import { pointer, type JsonPointer } from "../ir/pointer.js";
import { OBSERVATION_MODES, type ObservationMode } from "./grid-world.js";
import { ABLATION_PARAMETERS, AGENT_NAMES, type AblationSpec, type AblationValues, type AgentName, type ExperimentScale, type ExperimentSpec } from "./experiment.js";
import type { SnanAgentOptions } from "./agents/snan.js";

type Json = Record<string, unknown>;

class SpecReader {
  readonly problems: Diagnostic[] = [];

  constructor(private readonly file: string) {}

  wrong(path: JsonPointer, value: unknown, expected: string): void {
    this.problems.push(makeDiagnostic("TP1330", path, { field: path, value: JSON.stringify(value) ?? "nothing", expected }, { file: this.file }));
  }

  object(value: unknown, path: JsonPointer): Json | undefined {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Json;
    this.wrong(path, value, "an object");
    return undefined;
  }

  string(value: unknown, path: JsonPointer): string {
    if (typeof value === "string" && value.length > 0) return value;
    this.wrong(path, value, "a non-empty string");
    return "";
  }

  integer(value: unknown, path: JsonPointer, min: number, max: number): number {
    if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return value;
    this.wrong(path, value, `a whole number from ${min} to ${max}`);
    return min;
  }

  number(value: unknown, path: JsonPointer, min: number, max: number): number {
    if (typeof value === "number" && Number.isFinite(value) && value >= min && value <= max) return value;
    this.wrong(path, value, `a number from ${min} to ${max}`);
    return min;
  }

  oneOf<T extends string>(value: unknown, path: JsonPointer, allowed: readonly T[]): T {
    if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
    this.wrong(path, value, `one of ${allowed.map((a) => `"${a}"`).join(", ")}`);
    return allowed[0];
  }

  list<T>(value: unknown, path: JsonPointer, item: (v: unknown, p: JsonPointer) => T): T[] {
    if (!Array.isArray(value) || value.length === 0) {
      this.wrong(path, value, "a non-empty list");
      return [];
    }
    return value.map((v, i) => item(v, pointer(...pathParts(path), i)));
  }

  scale(value: unknown, path: JsonPointer): ExperimentScale {
    const o = this.object(value, path);
    if (o === undefined) return { sizes: [], worlds: 1, episodes: 1 }; // reported once, not per field
    return {
      sizes: this.sizes(o.sizes, pointer(...pathParts(path), "sizes")),
      worlds: this.integer(o.worlds, pointer(...pathParts(path), "worlds"), 1, 1000),
      episodes: this.integer(o.episodes, pointer(...pathParts(path), "episodes"), 1, 10000),
    };
  }

  /** World sizes: cells on a side. */
  sizes(value: unknown, path: JsonPointer): number[] {
    return this.list(value, path, (v, p) => this.integer(v, p, 5, 60));
  }

  /** Per ablation parameter a list of values in its range; `quick` (top level only) the same for --quick. */
  ablation(value: unknown, path: JsonPointer, top: boolean): AblationSpec {
    const o = this.object(value, path);
    if (o === undefined) return {};
    const known = [...ABLATION_PARAMETERS, "sizes", ...(top ? ["quick"] : [])];
    for (const key of Object.keys(o)) if (!known.includes(key)) this.wrong(pointer(...pathParts(path), key), o[key], `no such field: the fields are ${known.join(", ")}`);
    const values: Record<string, readonly number[]> = {};
    for (const parameter of ABLATION_PARAMETERS) {
      if (o[parameter] === undefined) continue;
      const [min, max] = ABLATION_RANGES[parameter];
      values[parameter] = this.list(o[parameter], pointer(...pathParts(path), parameter), (v, p) => this.number(v, p, min, max));
    }
    return {
      ...(values as AblationValues),
      ...(o.sizes !== undefined ? { sizes: this.sizes(o.sizes, pointer(...pathParts(path), "sizes")) } : {}),
      ...(top && o.quick !== undefined ? { quick: this.ablation(o.quick, pointer(...pathParts(path), "quick"), false) } : {}) };
  }
}

/** The range each ablation value must lie in: τ_ca in agent steps (positive), the gain k of 1 − k·Ca (0 to 1). */
const ABLATION_RANGES = { astroDecaySteps: [0.1, 1000], suppressionGain: [0, 1] } as const;

const pathParts = (path: JsonPointer): string[] => (path === "" ? [] : path.slice(1).split("/"));

const KNOWN = new Set(["name", "kind", "loops", "obstacleDensity", "mode", "budgetPerCell", "agents", "engines", "seed", "scale", "quick", "snan", "emulatedSizes", "ablation", "$schema", "description"]);

/** The spec in `text` (the file's contents), or every problem found. */
export function parseExperimentSpec(text: string, file: string): Result<ExperimentSpec> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, diagnostics: [makeDiagnostic("TP1330", pointer(), { field: "(the file)", value: "text that is not JSON", expected: `JSON (${(error as Error).message})` }, { file })] };
  }
  const r = new SpecReader(file);
  const o = r.object(value, pointer()) ?? {};
  for (const key of Object.keys(o)) if (!KNOWN.has(key)) r.wrong(pointer(key), o[key], `no such field: the fields are ${[...KNOWN].filter((k) => !k.startsWith("$")).join(", ")}`);
  const kind = r.oneOf(o.kind, pointer("kind"), ["maze", "field"] as const);
  const spec: ExperimentSpec = {
    name: r.string(o.name, pointer("name")),
    kind,
    ...(o.loops !== undefined ? { loops: r.number(o.loops, pointer("loops"), 0, 1) } : {}),
    ...(o.obstacleDensity !== undefined ? { obstacleDensity: r.number(o.obstacleDensity, pointer("obstacleDensity"), 0, 0.6) } : {}),
    mode: r.oneOf<ObservationMode>(o.mode, pointer("mode"), OBSERVATION_MODES),
    budgetPerCell: r.number(o.budgetPerCell, pointer("budgetPerCell"), 0.5, 1000),
    agents: r.list(o.agents, pointer("agents"), (v, p) => r.oneOf<AgentName>(v, p, AGENT_NAMES)),
    engines: o.engines === undefined ? ["reference"] : r.list(o.engines, pointer("engines"), (v, p) => r.string(v, p)),
    seed: r.integer(o.seed, pointer("seed"), 0, 2 ** 32 - 1),
    scale: r.scale(o.scale, pointer("scale")),
    quick: r.scale(o.quick, pointer("quick")),
    ...(o.snan !== undefined ? { snan: (r.object(o.snan, pointer("snan")) ?? {}) as SnanAgentOptions } : {}),
    ...(o.emulatedSizes !== undefined ? { emulatedSizes: r.sizes(o.emulatedSizes, pointer("emulatedSizes")) } : {}),
    ...(o.ablation !== undefined ? { ablation: r.ablation(o.ablation, pointer("ablation"), true) } : {}),
  };
  return r.problems.length > 0 ? { ok: false, diagnostics: r.problems } : { ok: true, value: spec, diagnostics: [] };
}

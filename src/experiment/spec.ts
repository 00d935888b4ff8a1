/**
 * Reads an experiment spec (examples/snan-navigation/experiment.json; docs/snan.md, "Running the
 * experiment"): every field checked, every problem one TP1330 with its JSON pointer, what was
 * found and what is expected. Never throws on user input.
 */
import { makeDiagnostic, type Diagnostic, type Result } from "../ir/diagnostics.js";
import { pointer, type JsonPointer } from "../ir/pointer.js";
import { OBSERVATION_MODES, type ObservationMode } from "./grid-world.js";
import { ABLATION_PARAMETERS, AGENT_NAMES, NOISE_MODES, type AblationParameter, type AblationSpec, type AblationValues, type AgentName, type ExperimentScale, type ExperimentSpec } from "./experiment.js";
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

  /** ε of the control: above 0 (leave the field out for no control), at most a 10 % change of the input weight. */
  control(value: unknown, path: JsonPointer): number {
    if (typeof value === "number" && value > 0 && value <= 0.1) return value;
    this.wrong(path, value, "a number above 0 and at most 0.1: the relative change of the control's input weight (leave the field out for no control)");
    return 0.1;
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
    for (const key of Object.keys(o)) if (!SCALE_FIELDS.includes(key)) this.wrong(pointer(...pathParts(path), key), o[key], `no such field: the fields are ${SCALE_FIELDS.join(", ")}`);
    return {
      sizes: this.sizes(o.sizes, pointer(...pathParts(path), "sizes")),
      worlds: this.integer(o.worlds, pointer(...pathParts(path), "worlds"), 1, MAX_WORLDS),
      episodes: this.integer(o.episodes, pointer(...pathParts(path), "episodes"), 1, 10000),
      ...(o.firstWorld !== undefined && { firstWorld: this.integer(o.firstWorld, pointer(...pathParts(path), "firstWorld"), 0, MAX_FIRST_WORLD) }),
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
    const known = [...ABLATION_PARAMETERS, "sizes", "engines", ...(top ? ["quick"] : [])];
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
      ...(o.engines !== undefined ? { engines: this.list(o.engines, pointer(...pathParts(path), "engines"), (v, p) => this.string(v, p)) } : {}),
      ...(top && o.quick !== undefined ? { quick: this.ablation(o.quick, pointer(...pathParts(path), "quick"), false) } : {}) };
  }

  /** Per target name a learning epoch in steps (the target's own limit is checked when it compiles, TP3085). */
  epochs(value: unknown, path: JsonPointer): Record<string, number> {
    const o = this.object(value, path);
    if (o === undefined) return {};
    return Object.fromEntries(Object.entries(o).map(([name, v]) => [name, this.integer(v, pointer(...pathParts(path), name), 1, 1 << 16)]));
  }

  /** The SNAN agent's options: each a known field of the right type and range (the driver sets observationCount and durationMs). */
  snan(value: unknown, path: JsonPointer): SnanAgentOptions {
    const o = this.object(value, path);
    if (o === undefined) return {};
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(o)) {
      const at = pointer(...pathParts(path), key);
      const field = SNAN_FIELDS[key];
      if (field === undefined) {
        this.wrong(at, v, `no such field: the fields are ${Object.keys(SNAN_FIELDS).join(", ")}`);
      } else if (field === "boolean") {
        if (typeof v === "boolean") out[key] = v;
        else this.wrong(at, v, "true or false");
      } else if (typeof field[0] === "string") {
        out[key] = this.oneOf(v, at, field as readonly string[]);
      } else {
        const [min, max, whole] = field as readonly [number, number, boolean?];
        out[key] = whole === true ? this.integer(v, at, min, max) : this.number(v, at, min, max);
      }
    }
    return out as SnanAgentOptions;
  }
}

/**
 * The SNAN options a spec may set (docs/snan.md, "Parameters"), each with its type: "boolean", a
 * list of allowed strings, or [min, max, whole number?]. Ranges are what the network and loop can
 * run with, not what is sensible; the network's own checks (stimulation within the window, the
 * tag within the rest) still apply when the run starts.
 */
type SnanField = "boolean" | readonly string[] | readonly [number, number, boolean?];
// keyed by every option of SnanAgentOptions, so an option added there must be added here to compile
const SNAN_FIELDS: Readonly<Record<string, SnanField>> & Readonly<Record<keyof SnanAgentOptions, SnanField>> = {
  family: ["izhikevich", "lif"],
  withAstrocytes: "boolean",
  neuronsPerState: [1, 64, true],
  neuronsPerAction: [1, 64, true],
  dtMs: [0.01, 1],
  decisionMs: [1, 10000],
  stimulationMs: [0.1, 10000],
  tagMs: [0, 10000],
  exploreHz: [0, 10000],
  astroDecaySteps: [0.1, 1000],
  suppressionGain: [0, 1],
  caFull: [1e-6, 1e6],
  ip3PerSpike: [0, 1e6],
  eligibilitySteps: [0.1, 1000],
  rewardGain: [0, 1000],
  inputWeight: [0, 1e6],
  exploreWeight: [0, 1e6],
  inhibitionWeight: [0, 1e6],
  groupExcitationWeight: [0, 1e6],
  initialWeight: [0, 1e6],
  maxWeight: [0, 1e6],
  aPlus: [0, 1],
  aMinus: [0, 1],
  bumpMemory: "boolean",
  bumpGain: [0, 1000],
  bumpLearningRate: [0, 1],
  bumpEligibilityMs: [0.1, 10000],
  maxAvoidanceWeight: [0, 1e6],
  recordAstrocytes: "boolean",
  seed: [0, 2 ** 32 - 1, true],
};

/**
 * The range each ablation value must lie in: τ_ca in agent steps (positive), the gain k of
 * 1 − k·Ca (0 to 1), the bump memory's gain (0: it never learns), τ_c of the reward's credit in
 * agent steps (positive). Each is the range of the same option under `snan`.
 */
const ABLATION_RANGES = Object.fromEntries(ABLATION_PARAMETERS.map((p) => [p, SNAN_FIELDS[p] as readonly [number, number]])) as Record<AblationParameter, readonly [number, number]>;

const SCALE_FIELDS = ["sizes", "worlds", "episodes", "firstWorld"];
/** World seeds are hashed from the index, so any index works; this keeps indices exact in JSON and in Int32Array groups. */
export const MAX_FIRST_WORLD = 1_000_000_000;
export const MAX_WORLDS = 100_000;

const pathParts = (path: JsonPointer): string[] => (path === "" ? [] : path.slice(1).split("/"));

const KNOWN = new Set(["name", "kind", "loops", "obstacleDensity", "mode", "budgetPerCell", "agents", "engines", "seed", "scale", "quick", "snan", "emulatedSizes", "learningEpoch", "ablation", "noise", "control", "$schema", "description"]);

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
    ...(o.snan !== undefined ? { snan: r.snan(o.snan, pointer("snan")) } : {}),
    ...(o.emulatedSizes !== undefined ? { emulatedSizes: r.sizes(o.emulatedSizes, pointer("emulatedSizes")) } : {}),
    ...(o.learningEpoch !== undefined ? { learningEpoch: r.epochs(o.learningEpoch, pointer("learningEpoch")) } : {}),
    ...(o.ablation !== undefined ? { ablation: r.ablation(o.ablation, pointer("ablation"), true) } : {}),
    ...(o.noise !== undefined ? { noise: r.oneOf(o.noise, pointer("noise"), NOISE_MODES) } : {}),
    ...(o.control !== undefined ? { control: r.control(o.control, pointer("control")) } : {}),
  };
  // the ablation runs on engines the run already resolves
  for (const [values, at] of [[spec.ablation, ["ablation"]], [spec.ablation?.quick, ["ablation", "quick"]]] as const) {
    values?.engines?.forEach((engine, i) => {
      if (!spec.engines.includes(engine)) r.wrong(pointer(...at, "engines", i), engine, `one of the spec's engines (${spec.engines.map((e) => `"${e}"`).join(", ")})`);
    });
  }
  return r.problems.length > 0 ? { ok: false, diagnostics: r.problems } : { ok: true, value: spec, diagnostics: [] };
}

/**
 * Loading a network file: text → JSON with positions → format check → JSON Schema → semantic
 * rules → defaults filled → Checked. Every problem the file has is reported in one go, each as
 * a diagnostic with file, JSON pointer and line:column; nothing here throws on user input.
 *
 * Stages and when they stop:
 *   1. JSON syntax (TP1001): a file that does not parse stops here (one diagnostic, the first
 *      syntax error).
 *   2. Format (TP1010-TP1012): a file that is not a JSON object, or names another format or
 *      version, stops here; its other fields mean something else. A missing "format" is
 *      reported and the checks go on, since the rest is usually a network that lacks the line.
 *   3. Schema (TP1002-TP1009, TP1013, TP1014): every place that breaks the schema.
 *   4. Rules (TP20xx, src/ir/rules.ts): only when the schema passed, because the rules rely on
 *      the types the schema guarantees.
 * Diagnostics come back sorted by their position in the file.
 */
import { readFile } from "node:fs/promises";
import { fail, hasErrors, makeDiagnostic, ok, type Diagnostic, type Result } from "./diagnostics.js";
import { parseJsonSource, withPositions, type JsonSource } from "./json-source.js";
import { pointer, ROOT } from "./pointer.js";
import { asStage } from "./stage.js";
import { validateNetworkSchema, short } from "./schema.js";
import { checkNetworkRules } from "./rules.js";
import type { NetworkDocument, PopulationDocument } from "./document.js";
import { fillAstrocytes, fillCurrent, fillGlutamate, fillIzhikevich, fillTripartite } from "./fill-astro.js";
import {
  LIF_DEFAULTS,
  NETWORK_FORMAT,
  type Checked,
  type Connectivity,
  type Input,
  type Network,
  type Population,
  type Projection,
  type RecordSpec,
} from "./types.js";
import { GRID_DISTANCE_CANDIDATES } from "./grid-distance.js";
import { fillPlasticityRule } from "./fill-plasticity.js";
import { describeIoError } from "../util/io-errors.js";

export interface LoadOptions {
  /** Named in every diagnostic; used only for messages. */
  readonly file?: string;
}

/** Deeper JSON than this is refused before parsing: a network needs about 6 levels. */
const MAX_NESTING = 256;

/** Parses, checks and completes a network from its JSON text. */
export function loadNetwork(text: string, options: LoadOptions = {}): Result<Checked> {
  const file = options.file;
  const where = file !== undefined ? { file } : {};
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a UTF-8 byte-order mark is not content

  const tooDeep = nestingProblem(body);
  if (tooDeep !== undefined) {
    return fail([{ ...makeDiagnostic("TP1001", ROOT, { reason: tooDeep.reason }, where), line: tooDeep.line, column: tooDeep.column }]);
  }
  const parsed = parseJsonSource(body, file, "TP1001");
  if (!parsed.ok) return fail(parsed.diagnostics);
  const source = parsed.source;
  const value = source.value;

  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const found = Array.isArray(value) ? "an array" : value === null ? "null" : `the ${typeof value} ${short(value)}`;
    return finish([makeDiagnostic("TP1012", ROOT, { found }, where)], source);
  }
  const object = value as Record<string, unknown>;
  const diagnostics: Diagnostic[] = [];
  if (!Object.hasOwn(object, "format")) {
    diagnostics.push(makeDiagnostic("TP1011", ROOT, { expected: NETWORK_FORMAT }, where));
  } else if (object.format !== NETWORK_FORMAT) {
    const found = typeof object.format === "string" ? object.format : short(object.format);
    const hint = formatHint(object.format);
    return finish([makeDiagnostic("TP1010", pointer("format"), { found, expected: NETWORK_FORMAT }, { ...where, ...(hint !== undefined ? { hint } : {}) })], source);
  }

  // The schema also requires "format"; a missing one is already TP1011, so check as if it were there.
  const schemaFindings = validateNetworkSchema({ ...object, format: NETWORK_FORMAT }, file);
  diagnostics.push(...schemaFindings);
  if (schemaFindings.length > 0) return finish(diagnostics, source);

  const document = { ...object, format: NETWORK_FORMAT } as unknown as NetworkDocument;
  diagnostics.push(...checkNetworkRules(document, file));
  const positioned = sortByPosition(withPositions(diagnostics, source));
  if (hasErrors(positioned)) return fail(positioned);
  return ok(asStage("checked", deepFreeze(fillDefaults(document))), positioned);
}

/** Reads and loads a network file; an unreadable file is a TP1000 diagnostic, not a throw. */
export async function loadNetworkFile(path: string): Promise<Result<Checked>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    return fail([makeDiagnostic("TP1000", ROOT, { file: path, reason: describeIoError(error) }, { file: path })]);
  }
  return loadNetwork(text, { file: path });
}

/**
 * The network with every default written out (docs/ir.md, "Defaults"), as new objects:
 * run.seed 0; inputs, projections and record []; tau_ref and bias 0; initial v = v_rest and
 * initial i_syn = 0; Poisson start 0 and stop = run.duration; delay 0; autapses true for the
 * rules that have the option; grid_distance candidates 40,000; a record entry's spikes true (false
 * for astrocytes) and state []; currents, astrocytes, tripartite and plasticity []; the neuron–astrocyte
 * defaults of ./fill-astro.ts and the learning-rule defaults of ./fill-plasticity.ts. "$comment" and
 * "metadata" are not carried over.
 */
export function fillDefaults(document: NetworkDocument): Network {
  const { dt, duration, seed } = document.run;
  const populationIds = new Set(document.populations.map((p) => p.id));
  const astrocyteIds = new Set((document.astrocytes ?? []).map((a) => a.id).filter((id) => !populationIds.has(id)));
  return {
    format: NETWORK_FORMAT,
    ...(document.name !== undefined ? { name: document.name } : {}),
    ...(document.description !== undefined ? { description: document.description } : {}),
    run: { dt, duration, seed: seed ?? 0 },
    populations: document.populations.map(fillPopulation),
    inputs: (document.inputs ?? []).map((input) => fillInput(input, duration)),
    projections: (document.projections ?? []).map(fillProjection),
    currents: (document.currents ?? []).map(fillCurrent),
    astrocytes: (document.astrocytes ?? []).map((astrocyte) => fillAstrocytes(astrocyte, dt)),
    tripartite: (document.tripartite ?? []).map(fillTripartite),
    plasticity: (document.plasticity ?? []).map(fillPlasticityRule),
    record: (document.record ?? []).map((entry) => fillRecord(entry, astrocyteIds)),
  };
}

function fillPopulation(population: PopulationDocument): Population {
  if (population.model === "izhikevich") return fillIzhikevich(population);
  const { tau_m, v_rest, v_reset, v_thresh, tau_ref, bias } = population.params;
  return {
    id: population.id,
    model: population.model,
    size: population.size,
    ...(population.grid !== undefined ? { grid: population.grid } : {}),
    params: {
      tau_m,
      v_rest,
      v_reset,
      v_thresh,
      tau_ref: tau_ref ?? LIF_DEFAULTS.tau_ref ?? 0,
      bias: bias ?? LIF_DEFAULTS.bias ?? 0,
    },
    initial: { v: population.initial?.v ?? v_rest, i_syn: population.initial?.i_syn ?? 0 },
    ...(population.glutamate !== undefined ? { glutamate: fillGlutamate(population.glutamate, "lif") } : {}),
  };
}

function fillInput(input: Input, duration: number): Input {
  switch (input.kind) {
    case "spike_times":
      return { id: input.id, kind: input.kind, size: input.size, times: input.times };
    case "poisson":
      return {
        id: input.id,
        kind: input.kind,
        size: input.size,
        rate: input.rate,
        start: input.start ?? 0,
        stop: input.stop ?? duration,
        ...(input.seed !== undefined ? { seed: input.seed } : {}),
      };
    case "external":
      return { id: input.id, kind: input.kind, size: input.size };
  }
}

function fillConnect(connect: Connectivity): Connectivity {
  switch (connect.rule) {
    case "all_to_all":
      return { rule: connect.rule, autapses: connect.autapses ?? true };
    case "one_to_one":
      return { rule: connect.rule };
    case "fixed_probability":
      return { rule: connect.rule, p: connect.p, autapses: connect.autapses ?? true };
    case "fixed_indegree":
      return { rule: connect.rule, indegree: connect.indegree, autapses: connect.autapses ?? true };
    case "explicit":
      return { rule: connect.rule, pairs: connect.pairs };
    case "grid_distance":
      return { rule: connect.rule, outdegree: connect.outdegree, mean_distance: connect.mean_distance, candidates: connect.candidates ?? GRID_DISTANCE_CANDIDATES };
  }
}

function fillProjection(projection: Projection): Projection {
  return {
    id: projection.id,
    pre: projection.pre,
    post: projection.post,
    connect: fillConnect(projection.connect),
    weight: projection.weight,
    delay: projection.delay ?? 0,
    synapse: projection.synapse.kind === "exponential" ? { kind: "exponential", tau: projection.synapse.tau } : { ...projection.synapse },
    ...(projection.sign !== undefined ? { sign: projection.sign } : {}),
    ...(projection.seed !== undefined ? { seed: projection.seed } : {}),
    ...(projection.plasticity !== undefined ? { plasticity: projection.plasticity } : {}),
  };
}

/** Astrocytes do not spike, so their entries default to spikes false. */
function fillRecord(entry: RecordSpec, astrocyteIds: ReadonlySet<string>): RecordSpec {
  return {
    population: entry.population,
    spikes: entry.spikes ?? !astrocyteIds.has(entry.population),
    state: entry.state ?? [],
    ...(entry.neurons !== undefined ? { neurons: entry.neurons } : {}),
  };
}

/** Freezes a tree of plain objects and arrays, so no later stage can change the checked network. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) if (typeof child === "object") deepFreeze(child);
  }
  return value;
}

/** Adds positions and sorts; the result of every failing stage goes through here. */
function finish(diagnostics: readonly Diagnostic[], source: JsonSource): Result<Checked> {
  return fail(sortByPosition(withPositions(diagnostics, source)));
}

/** Orders by line, then column; diagnostics at the same place keep their order (sort is stable). */
function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** A hint for a file that names another format: another version of ours, another Tripart file, or neither. */
function formatHint(format: unknown): string | undefined {
  if (typeof format !== "string") return undefined;
  const version = /^tripart\.network\/(.+)$/.exec(format);
  if (version !== null) {
    return `This Tripart reads version 1 of the network format; the file says version ${version[1]}. Use a Tripart release that reads it, or rewrite the file for version 1 (docs/ir.md).`;
  }
  if (format.startsWith("tripart.")) return `This is a '${format}' file, not a network; pass it where that kind of file is expected.`;
  return undefined;
}

/**
 * The first place where arrays and objects nest deeper than MAX_NESTING, found by a scan that
 * skips strings. The JSON parser recurses per level, so refusing early keeps a hostile file
 * from exhausting the stack.
 */
function nestingProblem(text: string): { reason: string; line: number; column: number } | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_NESTING) {
        const column = i - lineStart + 1;
        return { reason: `arrays and objects nest deeper than ${MAX_NESTING} levels at line ${line}, column ${column}`, line, column };
      }
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return undefined;
}

/**
 * The JSON Schema check of a network file (schemas/network.schema.json, draft 2020-12), and the
 * one mapper that turns ajv's errors into TP10xx diagnostics whose messages name the element by
 * its id ("Field 'params.tau_m' of population 'exc' is 0, but it must be > 0.").
 *
 * The schema is compiled once, when this module loads. ajv runs with allErrors so that every
 * place is reported in one go; the schema discriminates inputs, connectivity rules and
 * plasticity rules with an enum on "kind"/"rule" plus one if/then per value rather than oneOf,
 * so one mistake yields one error (an unknown value: one enum error listing the known ones).
 */
// The named export: under NodeNext the default import of this CommonJS module types as the namespace.
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject } from "ajv";
import schema from "../../schemas/network.schema.json" with { type: "json" };
import { makeDiagnostic, type Diagnostic, type DiagnosticArgs } from "./diagnostics.js";
import type { DiagnosticCode } from "./codes.js";
import { pointer, pointerKeys, type JsonPointer } from "./pointer.js";
import { closestName } from "./rules.js";

const ajv = new Ajv2020({
  allErrors: true, // every problem in one run, not the first one only
  verbose: true, // errors carry the offending data and their parent schema (allowed fields)
  strict: true, // a typo in the schema itself fails at module load, not silently
  strictTypes: false, // branch schemas under if/then rely on the parent's "type": "object"
  allowUnionTypes: true, // value specs are ["number", "object"]
  logger: false, // the library never prints
});

const validate = ajv.compile(schema);

/** The network schema as a JSON value (for docs and tools). */
export const NETWORK_SCHEMA: unknown = schema;

/** Checks `document` against the network schema; an empty list means it conforms. */
export function validateNetworkSchema(document: unknown, file?: string): Diagnostic[] {
  if (validate(document)) return [];
  return fromSchemaErrors(validate.errors ?? [], document, file);
}

/**
 * Maps ajv's errors to TP10xx diagnostics. ajv's instancePath already is a JSON Pointer; the
 * document is needed to name the element ("population 'exc'") and to describe wrong values.
 * Errors that repeat another (an if/then wrapper, the same place twice) are dropped.
 */
export function fromSchemaErrors(errors: readonly ErrorObject[], document: unknown, file?: string): Diagnostic[] {
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const error of errors) {
    const diagnostic = mapError(error, document, file);
    if (diagnostic === undefined) continue;
    const key = `${diagnostic.code} ${diagnostic.path} ${diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

function mapError(error: ErrorObject, document: unknown, file: string | undefined): Diagnostic | undefined {
  const path = error.instancePath as JsonPointer;
  const keys = pointerKeys(path);
  const make = (code: DiagnosticCode, at: JsonPointer, args: DiagnosticArgs, hint?: string): Diagnostic =>
    makeDiagnostic(code, at, args, { ...(file !== undefined ? { file } : {}), ...(hint !== undefined ? { hint } : {}) });
  const params = error.params as Record<string, unknown>;
  const subject = subjectOf(placeOf(document, keys));
  const data: unknown = error.data;

  switch (error.keyword) {
    case "if":
      return undefined; // "must match then schema": the errors inside the branch say what is wrong
    case "required": {
      const missing = String(params.missingProperty);
      const place = placeOf(document, [...keys, missing]);
      return make("TP1003", pointer(...keys, missing), { owner: capitalise(place.owner ?? "the network"), field: place.field });
    }
    case "additionalProperties": {
      const extra = String(params.additionalProperty);
      const place = placeOf(document, [...keys, extra]);
      const allowed = Object.keys(propertiesOf(error.parentSchema));
      const guess = closestName(extra, allowed);
      const hint =
        (guess !== undefined ? `Did you mean '${guess}'? ` : "") +
        (allowed.length > 0 ? `Allowed here: ${allowed.join(", ")}.` : "No fields are allowed here.");
      return make("TP1004", pointer(...keys, extra), { owner: capitalise(place.owner ?? "the network"), field: place.field }, hint);
    }
    case "type": {
      const types = Array.isArray(params.type) ? params.type.map(String) : String(params.type).split(",");
      return make("TP1005", path, { subject, expected: orList(types.map(typeName)), found: describeFound(data, types) }, typeHint(keys, data));
    }
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      const comparison = { ">=": "≥", "<=": "≤", ">": ">", "<": "<" }[String(params.comparison)] ?? String(params.comparison);
      return make("TP1006", path, { subject, value: short(data), bound: `${comparison} ${String(params.limit)}` }, rangeHint(keys));
    }
    case "enum":
    case "const": {
      const allowed = error.keyword === "enum" ? (params.allowedValues as unknown[]) : [params.allowedValue];
      const guess = typeof data === "string" ? closestName(data, allowed.filter((a): a is string => typeof a === "string")) : undefined;
      const allowedText = allowed.length <= 2 ? orList(allowed.map(short)) : `one of ${orList(allowed.map(short))}`;
      return make("TP1007", path, { subject, value: short(data), allowed: allowedText }, guess !== undefined ? `Did you mean '${guess}'?` : undefined);
    }
    case "minItems":
    case "maxItems": {
      const limit = Number(params.limit);
      const count = Array.isArray(data) ? data.length : 0;
      const bound = `${error.keyword === "minItems" ? "at least" : "at most"} ${items(limit)}`;
      return make("TP1008", path, { subject, count: items(count), bound }, itemsHint(keys));
    }
    case "minProperties":
    case "maxProperties": {
      const allowed = Object.keys(propertiesOf(error.parentSchema)).map((name) => `'${name}'`);
      return make("TP1009", path, { subject, allowed: orList(allowed) });
    }
    case "pattern":
      return make("TP1013", path, { subject, value: short(data) });
    case "uniqueItems": {
      const i = Number(params.i);
      const j = Number(params.j);
      const value = Array.isArray(data) ? short(data[i]) : "a value";
      return make("TP1014", path, { subject, value, first: Math.min(i, j), second: Math.max(i, j) });
    }
    default:
      return make("TP1002", path, { subject, problem: error.message ?? "is invalid" });
  }
}

interface Place {
  /** The element the path lies in, e.g. "population 'exc'"; undefined outside the id'd lists. */
  readonly owner?: string;
  /** The path inside the owner (or from the root), e.g. "params.tau_m" or "times[0][3]". */
  readonly field: string;
}

/** The schema's id pattern: an element is named by its id only when the id is a valid one. */
const ID_PATTERN = new RegExp(schema.$defs.id.pattern);

const LISTS: Readonly<Record<string, string>> = {
  populations: "population",
  inputs: "input",
  projections: "projection",
  currents: "current",
  astrocytes: "astrocyte population",
  tripartite: "tripartite coupling",
  plasticity: "plasticity rule",
  record: "record entry",
};

/** Names the place `keys` points to in words, using the ids found in `document`. */
function placeOf(document: unknown, keys: readonly string[]): Place {
  let owner: string | undefined;
  let rest = keys;
  let container: unknown = document;
  const list = keys.length >= 2 ? LISTS[keys[0]] : undefined;
  const listValue = isObject(document) ? document[keys[0]] : undefined;
  if (list !== undefined && Array.isArray(listValue) && /^\d+$/.test(keys[1])) {
    const index = Number(keys[1]);
    const element: unknown = listValue[index];
    const id = isObject(element) ? element.id : undefined;
    owner =
      list === "record entry"
        ? `record entry ${index}`
        : typeof id === "string" && ID_PATTERN.test(id)
          ? `${list} '${id}'`
          : `${keys[0]}[${index}]`;
    rest = keys.slice(2);
    container = element;
  }
  let field = "";
  for (const key of rest) {
    field += Array.isArray(container) ? `[${key}]` : field === "" ? key : `.${key}`;
    container = Array.isArray(container) ? container[Number(key)] : isObject(container) ? container[key] : undefined;
  }
  return owner !== undefined ? { owner, field } : { field };
}

function subjectOf(place: Place): string {
  if (place.owner !== undefined) return place.field !== "" ? `Field '${place.field}' of ${place.owner}` : capitalise(place.owner);
  return place.field !== "" ? `Field '${place.field}'` : "The network";
}

/** A hint for a range error, chosen by the field's name. */
function rangeHint(keys: readonly string[]): string | undefined {
  const last = keys.filter((key) => !/^\d+$/.test(key)).at(-1) ?? "";
  if (keys.includes("delay")) return "Delays are whole time steps from 0 to 4095; the target's own limit is checked when compiling.";
  if (keys.includes("weight")) return "Weights are magnitudes; make a projection inhibitory with \"sign\": \"inhibitory\".";
  if (keys.includes("territory") && (last === "size" || last === "stride")) return "Patch sizes and strides are whole numbers of neurons, at least 1.";
  if (keys[0] !== "run" && last === "duration") return "Durations are in ms and cannot be negative.";
  const hints: Readonly<Record<string, string>> = {
    tau_m: "Time constants are in ms and must be positive.",
    tau: "Time constants are in ms and must be positive.",
    tau_ref: "tau_ref is in ms; 0 means no refractory period.",
    dt: "run.dt is the time step in ms.",
    duration: "run.duration is the simulated time in ms.",
    p: "p is a connection probability between 0 and 1.",
    rate: "Rates are in Hz.",
    times: "Spike times are in ms from the start of the run.",
    start: "Times are in ms from the start of the run.",
    stop: "Times are in ms from the start of the run.",
    std: "A standard deviation cannot be negative.",
    size: "A population or input has from 1 to 2147483647 neurons (indices are 32-bit).",
    seed: "Seeds are integers from 0 to 4294967295.",
    neurons: "Neuron indices start at 0.",
    pairs: "Neuron indices start at 0.",
    indegree: "indegree is the number of synapses onto each post neuron.",
    outdegree: "outdegree is the most targets one presynaptic neuron gets.",
    mean_distance: "mean_distance is the mean connection distance in grid cells and must be positive.",
    candidates: "candidates is the number of offsets drawn per presynaptic neuron.",
    period: "An astrocyte period is in ms, a positive multiple of run.dt.",
    check_period: "check_period is in ms, a positive multiple of the astrocyte period.",
    window: "Durations are in ms and cannot be negative.",
    hold: "Durations are in ms and cannot be negative.",
    mean_interval: "mean_interval is the mean time between impulse starts, in ms.",
    pool_size: "pool_size is the number of astrocytes in each neuron's pool.",
    min_coincident: "min_coincident counts territory neurons spiking in one step.",
    min_count: "min_count counts territory neurons with glutamate above the threshold.",
    d_ca: "Coupling strengths are rates in 1/s and cannot be negative.",
    d_ip3: "Coupling strengths are rates in 1/s and cannot be negative.",
    k: "k is the slope of the presynaptic sigmoid in mV and must be positive.",
    decay_rate: "Rates are in 1/s and cannot be negative.",
    release_rate: "release_rate is in µM/s and cannot be negative.",
    tau_plus: "Time constants are in ms and must be positive.",
    tau_minus: "Time constants are in ms and must be positive.",
    tau_c: "tau_c is the eligibility decay in ms and must be positive (episode_stdp: null for no decay).",
    tau_n: "Time constants are in ms and must be positive.",
    a_plus: "a_plus is the potentiation per pair as a fraction of w_max − w_min and cannot be negative.",
    a_minus: "a_minus is the depression per pair as a fraction of w_max − w_min and cannot be negative.",
    mu_plus: "The Gütig exponents cannot be negative: 0 is additive (hard bounds), 1 multiplicative (soft bounds).",
    mu_minus: "The Gütig exponents cannot be negative: 0 is additive (hard bounds), 1 multiplicative (soft bounds).",
    w_min: "w_min and w_max bound the weight magnitude |w|; the projection's sign is kept.",
    w_max: "w_min and w_max bound the weight magnitude |w|; the projection's sign is kept.",
    ca_low: "Concentrations are in µM and cannot be negative.",
    ca_high: "Concentrations are in µM and cannot be negative.",
  };
  return hints[last];
}

/** A hint for a type error where the wrong type is a known confusion. */
function typeHint(keys: readonly string[], data: unknown): string | undefined {
  if (keys[0] === "plasticity" && keys.at(-1) === "tau_c" && data === null) {
    return "Only episode_stdp may keep its eligibility without decay (tau_c null); give reward_stdp a decay time in ms (default 1000).";
  }
  return undefined;
}

function itemsHint(keys: readonly string[]): string | undefined {
  if (keys.includes("uniform")) return "A uniform range is [low, high].";
  if (keys.includes("pairs")) return "Each pair is [pre index, post index].";
  if (keys.length === 1 && keys[0] === "populations") return "A network needs at least one population.";
  if (keys.includes("values")) return "Give at least one value, or use a plain number.";
  if (keys[0] === "plasticity" && (keys.at(-1) === "reward" || keys.at(-1) === "gate")) {
    return `Give at least one {"source": ...} whose spikes deliver the ${keys.at(-1)}; use "rule": "stdp" for learning without a third factor.`;
  }
  return undefined;
}

function typeName(type: string): string {
  const names: Readonly<Record<string, string>> = {
    number: "a number",
    integer: "an integer",
    string: "a string",
    boolean: "true or false",
    object: "an object",
    array: "an array",
    null: "null",
  };
  return names[type] ?? type;
}

/** How a wrong value looks in a type message: "the string \"3\"", "2.5", "an array". */
function describeFound(value: unknown, expected: readonly string[]): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${short(value)}`;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "a number too large to represent";
    return expected.includes("integer") && !Number.isInteger(value) ? `${value}, which has a fraction` : String(value);
  }
  return String(value);
}

/** A value as JSON, cut to a readable length. */
export function short(value: unknown): string {
  if (typeof value === "number" && !Number.isFinite(value)) return "a number too large to represent";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

const items = (n: number): string => (n === 1 ? "1 item" : `${n} items`);

/** "a", "a or b", "a, b or c". */
function orList(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const propertiesOf = (schemaNode: unknown): Record<string, unknown> =>
  isObject(schemaNode) && isObject(schemaNode.properties) ? schemaNode.properties : {};

/**
 * Recordings on disk: protobuf binary (.pb), JSON (.json) and CSV (.csv + .traces.csv + .weights.csv), format
 * "tripart.recording/1" (docs/recording.md). Every reader returns a Result: malformed input of
 * any kind becomes TP405x-TP408x diagnostics with the file, a JSON pointer (CSV: the line) and a
 * hint, never a throw. All three forms go through one semantic checker, so they accept exactly
 * the same recordings; the writers refuse a recording that checker rejects.
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";
import { fail, hasErrors, makeDiagnostic, ok, type Diagnostic, type DiagnosticArgs, type Result } from "../ir/diagnostics.js";
import type { DiagnosticCode } from "../ir/codes.js";
import { parseJsonSource, withPositions } from "../ir/json-source.js";
import { pointer, ROOT, type JsonPointer } from "../ir/pointer.js";
import { InternalError } from "../util/assert.js";
import {
  RECORDING_FORMAT, type PopulationRecording, type Recording, type SpikeTrain, type Trace, type WeightRecording, type WeightSnapshot,
} from "./recording.js";
import { describeIoError } from "../util/io-errors.js";

/** The three on-disk forms of a recording. */
export type RecordingForm = "pb" | "json" | "csv";

/** The CSV form: the spikes file and, when the recording has them, the traces file and the weights file. */
export interface RecordingCsv {
  readonly spikes: string;
  readonly traces?: string;
  readonly weights?: string;
}

const SOURCES: readonly Recording["source"][] = ["reference", "emulator", "chip"];
const INT32_MAX = 2 ** 31 - 1;
/** Row-level CSV problems reported per file before the reader gives up on that file. */
const MAX_ROW_ERRORS = 20;

/** The form a path's extension names, or undefined (".traces.csv" is the CSV form too). */
export function recordingFormOf(path: string): RecordingForm | undefined {
  const ext = extname(path).toLowerCase();
  return ext === ".pb" ? "pb" : ext === ".json" ? "json" : ext === ".csv" ? "csv" : undefined;
}

// ───────────────────────────── diagnostics plumbing ─────────────────────────────

/** Where a finding is: a pointer into the JSON form, a CSV line when there is one, and a label. */
interface Place {
  readonly path: JsonPointer;
  readonly line?: number;
  readonly label: string;
}

class Sink {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly file?: string) {}

  report(code: DiagnosticCode, place: Place | JsonPointer, args: DiagnosticArgs = {}, hint?: string): void {
    const where = typeof place === "string" ? { path: place, line: undefined } : place;
    const extra = { ...(this.file !== undefined ? { file: this.file } : {}), ...(hint !== undefined ? { hint } : {}) };
    const diagnostic = makeDiagnostic(code, where.path, args, extra);
    if (where.line === undefined) {
      this.diagnostics.push(diagnostic);
      return;
    }
    // CSV findings name their line in the message too, since a pointer means little there.
    const message = /\bline \d/i.test(diagnostic.message) ? diagnostic.message : `Line ${where.line}: ${diagnostic.message}`;
    this.diagnostics.push({ ...diagnostic, message, line: where.line, column: 1 });
  }

  get hasErrors(): boolean {
    return hasErrors(this.diagnostics);
  }

  result<T>(value: T | undefined): Result<T> {
    return value === undefined || this.hasErrors ? fail(this.diagnostics) : ok(value, this.diagnostics);
  }
}

/** A short description of a found value for "found ..." in messages. */
function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? value.slice(0, 37) + "..." : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "an array";
  return "an object";
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// ───────────────────────────── the semantic checker (all forms) ─────────────────────────────

/** Maps places in a recording to pointers (JSON form) or lines (CSV form). */
interface Locator {
  field(name: string): Place;
  population(p: number, ...keys: (string | number)[]): Place;
  /** Spike k of population p; `array` is the parallel array the finding is about. */
  spike(p: number, k: number, array: "step" | "neuron"): Place;
  trace(p: number, j: number, ...keys: (string | number)[]): Place;
  /** Weight recording w; keys as in the JSON form ("pre", k; "snapshots", j, "values"; ...). */
  weight(w: number, ...keys: (string | number)[]): Place;
}

const POINTER_LOCATOR: Locator = {
  field: (name) => ({ path: pointer(name), label: name }),
  population: (p, ...keys) => ({ path: pointer("populations", p, ...keys), label: `population ${p}` }),
  spike: (p, k, array) => ({ path: pointer("populations", p, "spikes", array, k), label: `spike ${k}` }),
  trace: (p, j, ...keys) => ({ path: pointer("populations", p, "traces", j, ...keys), label: `trace ${j}` }),
  weight: (w, ...keys) => ({
    path: pointer("weights", w, ...keys),
    label: keys[0] === "snapshots" && typeof keys[1] === "number" ? `snapshot ${keys[1]}` : typeof keys[1] === "number" ? `synapse ${keys[1]}` : `weights ${w}`,
  }),
};

/** Checks the recording-level fields whose types are already right. */
function checkHeader(rec: Pick<Recording, "source" | "dtMs" | "steps" | "overflow">, at: Locator, sink: Sink): void {
  if (!SOURCES.includes(rec.source)) {
    sink.report("TP4056", at.field("source"), { field: "source", expected: "one of " + SOURCES.join(", "), found: describe(rec.source) });
  }
  if (!(Number.isFinite(rec.dtMs) && rec.dtMs > 0)) {
    sink.report("TP4056", at.field("dtMs"), { field: "dtMs", expected: "a positive number of milliseconds", found: describe(rec.dtMs) });
  }
  if (!(Number.isInteger(rec.steps) && rec.steps >= 0 && rec.steps <= INT32_MAX)) {
    sink.report("TP4056", at.field("steps"), { field: "steps", expected: `an integer in 0..${INT32_MAX}`, found: describe(rec.steps) });
  }
  for (const [key, count] of Object.entries(rec.overflow ?? {})) {
    if (!(Number.isInteger(count) && count >= 0)) {
      sink.report("TP4056", { path: pointer("overflow", key), label: key }, { field: `overflow/${key}`, expected: "a count (an integer ≥ 0)", found: describe(count) });
    }
  }
}

/**
 * Checks one population whose types are right: size, spike order and ranges, trace shapes.
 * `steps` is undefined when the recording's own `steps` was unusable (then lengths are not checked).
 */
function checkPopulation(pop: PopulationRecording, p: number, steps: number | undefined, at: Locator, sink: Sink): void {
  const population = pop.id;
  if (population.length === 0) {
    sink.report("TP4056", at.population(p, "id"), { field: "id", expected: "a non-empty string", found: describe(population) });
  }
  const sizeOk = Number.isInteger(pop.size) && pop.size >= 1 && pop.size <= INT32_MAX;
  if (!sizeOk) {
    sink.report("TP4056", at.population(p, "size"), { field: "size", expected: `an integer in 1..${INT32_MAX}`, found: describe(pop.size) });
  }
  if (pop.spikes !== undefined && sizeOk) checkSpikes(pop.spikes, p, population, pop.size, steps, at, sink);
  const seen = new Set<string>();
  pop.traces.forEach((trace, j) => {
    if (seen.has(trace.variable)) sink.report("TP4068", at.trace(p, j, "variable"), { population, variable: trace.variable });
    seen.add(trace.variable);
    if (sizeOk) checkTrace(trace, p, j, population, pop.size, steps, at, sink);
  });
}

/** Spikes: parallel arrays, neurons in range, steps in range, sorted by (step, neuron) without repeats. */
function checkSpikes(spikes: SpikeTrain, p: number, population: string, size: number, steps: number | undefined, at: Locator, sink: Sink): void {
  const { step, neuron } = spikes;
  if (step.length !== neuron.length) {
    sink.report("TP4059", at.population(p, "spikes"), { population, steps: step.length, neurons: neuron.length });
    return;
  }
  let badNeuron = 0, firstBadNeuron = -1;
  let badStep = 0, firstBadStep = -1;
  let unordered = 0, firstUnordered = -1;
  const lastStep = steps === undefined ? INT32_MAX : steps - 1;
  for (let k = 0; k < step.length; k++) {
    const s = step[k], n = neuron[k];
    if (n < 0 || n >= size) {
      if (badNeuron++ === 0) firstBadNeuron = k;
    }
    if (s < 0 || s > lastStep) {
      if (badStep++ === 0) firstBadStep = k;
    }
    // A repeated (step, neuron) row is a neuron that spiked several times in one step, as
    // multi-spike cores do (xylo-style, semantics-integer.md §8.3); only a step or neuron going
    // backwards is out of order.
    if (k > 0 && (s < step[k - 1] || (s === step[k - 1] && n < neuron[k - 1]))) {
      if (unordered++ === 0) firstUnordered = k;
    }
  }
  if (badNeuron > 0) {
    const place = at.spike(p, firstBadNeuron, "neuron");
    sink.report("TP4060", place, { count: badNeuron, population, max: size - 1, where: place.label, neuron: neuron[firstBadNeuron] });
  }
  if (badStep > 0) {
    const place = at.spike(p, firstBadStep, "step");
    sink.report("TP4062", place, { count: badStep, population, max: lastStep, where: place.label, step: step[firstBadStep] });
  }
  if (unordered > 0) {
    const place = at.spike(p, firstUnordered, "step");
    sink.report("TP4061", place, { count: unordered, population, where: place.label, step: step[firstUnordered], neuron: neuron[firstUnordered] });
  }
}

/** Traces: neurons in range and distinct, one row per neuron, one finite value per step, raw alike. */
function checkTrace(trace: Trace, p: number, j: number, population: string, size: number, steps: number | undefined, at: Locator, sink: Sink): void {
  const { variable } = trace;
  if (variable.length === 0) {
    sink.report("TP4056", at.trace(p, j, "variable"), { field: "variable", expected: "a non-empty string", found: describe(variable) });
  }
  const seen = new Set<number>();
  for (let k = 0; k < trace.neurons.length; k++) {
    const n = trace.neurons[k];
    if (n < 0 || n >= size || seen.has(n)) {
      sink.report("TP4063", at.trace(p, j, "neurons", k), { variable, population, neuron: n, max: size - 1 });
      break;
    }
    seen.add(n);
  }
  if (trace.values.length !== trace.neurons.length) {
    sink.report("TP4064", at.trace(p, j, "values"), { variable, population, found: trace.values.length, expected: trace.neurons.length });
    return;
  }
  for (let k = 0; k < trace.values.length; k++) {
    const row = trace.values[k];
    if (steps !== undefined && row.length !== steps) {
      sink.report("TP4065", at.trace(p, j, "values", k), { variable, population, found: row.length, expected: steps, reason: `one per step for neuron ${trace.neurons[k]}` });
      return;
    }
    const t = firstNonFinite(row);
    if (t >= 0) {
      sink.report("TP4067", at.trace(p, j, "values", k, t), { variable, population, where: `neuron ${trace.neurons[k]}, step ${t}` });
      return;
    }
  }
  if (trace.raw !== undefined) {
    const raw = trace.raw;
    if (raw.length !== trace.values.length || raw.some((row, k) => row.length !== trace.values[k].length)) {
      sink.report("TP4066", at.trace(p, j, "raw"), { variable, population });
      return;
    }
    for (let k = 0; k < raw.length; k++) {
      const t = firstNonFinite(raw[k]);
      if (t >= 0) {
        sink.report("TP4067", at.trace(p, j, "raw", k, t), { variable, population, where: `raw value of neuron ${trace.neurons[k]}, step ${t}` });
        return;
      }
    }
  }
  if (trace.scale !== undefined && !(Number.isFinite(trace.scale) && trace.scale !== 0)) {
    sink.report("TP4056", at.trace(p, j, "scale"), { field: "scale", expected: "a finite number other than 0", found: describe(trace.scale) });
  }
  if (trace.offset !== undefined && !Number.isFinite(trace.offset)) {
    sink.report("TP4056", at.trace(p, j, "offset"), { field: "offset", expected: "a finite number", found: describe(trace.offset) });
  }
}

function firstNonFinite(row: ArrayLike<number>): number {
  for (let t = 0; t < row.length; t++) if (!Number.isFinite(row[t])) return t;
  return -1;
}

function checkPopulations(populations: readonly PopulationRecording[], steps: number | undefined, at: Locator, sink: Sink): void {
  const ids = new Set<string>();
  populations.forEach((pop, p) => {
    if (ids.has(pop.id)) sink.report("TP4058", at.population(p, "id"), { population: pop.id });
    ids.add(pop.id);
    checkPopulation(pop, p, steps, at, sink);
  });
}

// Weights: one recording per plastic projection (./recording.ts WeightRecording).

/** Ids once each, then each projection's shape (TP4105-TP4109; TP4056 for plain field values). */
function checkWeights(weights: readonly WeightRecording[], steps: number | undefined, at: Locator, sink: Sink): void {
  const ids = new Set<string>();
  weights.forEach((w, i) => {
    if (w.projection.length === 0) {
      sink.report("TP4056", at.weight(i, "projection"), { field: `weights/${i}/projection`, expected: "a non-empty string", found: describe(w.projection) });
    } else if (ids.has(w.projection)) {
      sink.report("TP4056", at.weight(i, "projection"), { field: `weights/${i}/projection`, expected: "an id no other weight recording has", found: describe(w.projection) });
    }
    ids.add(w.projection);
    checkWeightRecording(w, i, steps, at, sink);
  });
}

/** The first entry of `values` below 0, or −1. */
function firstNegative(values: Int32Array): number {
  for (let k = 0; k < values.length; k++) if (values[k] < 0) return k;
  return -1;
}

function checkWeightRecording(w: WeightRecording, i: number, steps: number | undefined, at: Locator, sink: Sink): void {
  const { projection } = w;
  const n = w.pre.length;
  if (w.post.length !== n) {
    sink.report("TP4105", at.weight(i, "post"), { projection, reason: `'pre' has ${n} entries but 'post' has ${w.post.length}` });
    return;
  }
  if (n === 0) {
    sink.report("TP4056", at.weight(i, "pre"), { field: `weights/${i}/pre`, expected: "at least one synapse", found: "an empty array" });
  }
  for (const side of ["pre", "post"] as const) {
    const k = firstNegative(w[side]);
    if (k >= 0) {
      const place = at.weight(i, side, k);
      sink.report("TP4106", place, { projection, side, where: place.label, value: w[side][k] });
    }
  }
  const [min, max] = w.bounds;
  const boundsProblem = !(Number.isFinite(min) && Number.isFinite(max)) ? "which are not both finite numbers"
    : min < 0 ? "but |w| has no negative bound"
    : min > max ? "so min exceeds max"
    : undefined;
  if (boundsProblem !== undefined) sink.report("TP4109", at.weight(i, "bounds"), { projection, min: String(min), max: String(max), problem: boundsProblem });
  if (w.weightPerRaw !== undefined && !(Number.isFinite(w.weightPerRaw) && w.weightPerRaw > 0)) {
    sink.report("TP4056", at.weight(i, "weightPerRaw"), { field: `weights/${i}/weightPerRaw`, expected: "a positive finite number", found: describe(w.weightPerRaw) });
  }
  if (w.snapshots.length === 0) {
    sink.report("TP4056", at.weight(i, "snapshots"), { field: `weights/${i}/snapshots`, expected: "at least one snapshot", found: "an empty array" });
  }
  const last = steps === undefined ? INT32_MAX : steps - 1;
  let orderReported = false, rangeReported = false;
  w.snapshots.forEach((snapshot, j) => {
    const { step } = snapshot;
    const place = at.weight(i, "snapshots", j, "step");
    if (!rangeReported && !(Number.isInteger(step) && step >= 0 && step <= last)) {
      rangeReported = true;
      sink.report("TP4108", place, { projection, where: place.label, step, max: last });
    }
    const previous = j > 0 ? w.snapshots[j - 1].step : undefined;
    if (!orderReported && previous !== undefined && !(step > previous)) {
      orderReported = true;
      sink.report("TP4107", place, { projection, where: place.label, step, previous });
    }
    for (const key of ["values", "raw"] as const) {
      const array = snapshot[key];
      if (array === undefined) continue;
      if (array.length !== n) {
        const what = key === "raw" ? "raw values" : "values";
        sink.report("TP4105", at.weight(i, "snapshots", j, key), { projection, reason: `the snapshot at step ${step} holds ${array.length} ${what} for ${n} synapses` });
        continue;
      }
      const k = firstNonFinite(array);
      if (k >= 0) {
        sink.report("TP4056", at.weight(i, "snapshots", j, key, k), { field: `weights/${i}/snapshots/${j}/${key}/${k}`, expected: "a finite number", found: describe(array[k]) });
      }
    }
  });
}

/**
 * Checks an in-memory recording with the rules every reader applies (sorted spikes in range,
 * trace shapes, finite values). Paths point into the recording's JSON form.
 */
export function checkRecording(rec: Recording, file?: string): Diagnostic[] {
  const sink = new Sink(file);
  if (rec.format !== RECORDING_FORMAT) {
    sink.report("TP4052", pointer("format"), { found: String(rec.format), expected: RECORDING_FORMAT });
    return sink.diagnostics;
  }
  checkHeader(rec, POINTER_LOCATOR, sink);
  checkPopulations(rec.populations, rec.steps, POINTER_LOCATOR, sink);
  checkWeights(rec.weights ?? [], rec.steps, POINTER_LOCATOR, sink);
  return sink.diagnostics;
}

// ───────────────────────────── JSON form ─────────────────────────────

/** Reads the JSON form. Positions (line:col) are added to every diagnostic. */
export function decodeRecordingJson(text: string, file?: string): Result<Recording> {
  const parsed = parseJsonSource(text, file, "TP4051");
  if (!parsed.ok) return fail(parsed.diagnostics);
  const sink = new Sink(file);
  const recording = recordingFromJson(parsed.source.value, sink);
  const diagnostics = withPositions(sink.diagnostics, parsed.source);
  return recording === undefined || hasErrors(diagnostics) ? fail(diagnostics) : ok(recording, diagnostics);
}

const ROOT_FIELDS = ["format", "source", "dtMs", "steps", "populations", "overflow", "weights"];
const WEIGHT_FIELDS = ["projection", "unit", "pre", "post", "bounds", "weightPerRaw", "snapshots"];
const SNAPSHOT_FIELDS = ["step", "values", "raw"];
const POPULATION_FIELDS = ["id", "size", "spikes", "traces"];
const SPIKE_FIELDS = ["step", "neuron"];
const TRACE_FIELDS = ["variable", "unit", "neurons", "values", "raw", "scale", "offset"];

/** Type-checks the JSON value into a Recording, then runs the semantic checker. */
function recordingFromJson(value: unknown, sink: Sink): Recording | undefined {
  if (!isRecord(value)) {
    sink.report("TP4056", ROOT, { field: "(the document)", expected: "an object", found: describe(value) });
    return undefined;
  }
  if (!("format" in value)) {
    sink.report("TP4055", ROOT, { field: "format" });
    return undefined;
  }
  if (value.format !== RECORDING_FORMAT) {
    sink.report("TP4052", pointer("format"), { found: typeof value.format === "string" ? value.format : describe(value.format), expected: RECORDING_FORMAT });
    return undefined;
  }
  warnUnknown(value, ROOT_FIELDS, ROOT, sink);
  const source = requireField(value, "source", ROOT, sink, "a string", (v): v is string => typeof v === "string");
  const dtMs = requireField(value, "dtMs", ROOT, sink, "a number", isNumber);
  const steps = requireField(value, "steps", ROOT, sink, "a number", isNumber);
  const populationsValue = requireField(value, "populations", ROOT, sink, "an array", Array.isArray);
  let overflow: Record<string, number> | undefined;
  if (value.overflow !== undefined) {
    if (isRecord(value.overflow) && Object.values(value.overflow).every(isNumber)) overflow = value.overflow as Record<string, number>;
    else sink.report("TP4056", pointer("overflow"), { field: "overflow", expected: "an object of counts", found: describe(value.overflow) });
  }
  // Placeholders for fields already reported, so that each problem is reported once.
  checkHeader({ source: (source ?? "reference") as Recording["source"], dtMs: dtMs ?? 1, steps: steps ?? 0, overflow }, POINTER_LOCATOR, sink);
  const stepsKnown = steps !== undefined && Number.isInteger(steps) && steps >= 0 && steps <= INT32_MAX ? steps : undefined;

  const populations: PopulationRecording[] = [];
  const ids = new Set<string>();
  (populationsValue ?? []).forEach((entry: unknown, p: number) => {
    const population = populationFromJson(entry, p, sink);
    if (population === undefined) return;
    if (ids.has(population.id)) sink.report("TP4058", pointer("populations", p, "id"), { population: population.id });
    ids.add(population.id);
    checkPopulation(population, p, stepsKnown, POINTER_LOCATOR, sink);
    populations.push(population);
  });
  let weights: WeightRecording[] | undefined;
  if (value.weights !== undefined) {
    if (!Array.isArray(value.weights)) {
      sink.report("TP4056", pointer("weights"), { field: "weights", expected: "an array", found: describe(value.weights) });
    } else {
      const read = value.weights.map((entry: unknown, i: number) => weightsFromJson(entry, i, sink));
      if (read.every((w): w is WeightRecording => w !== undefined)) {
        weights = read;
        checkWeights(weights, stepsKnown, POINTER_LOCATOR, sink);
      }
    }
  }
  if (sink.hasErrors || source === undefined || dtMs === undefined || steps === undefined || populationsValue === undefined) return undefined;
  return {
    format: RECORDING_FORMAT,
    source: source as Recording["source"],
    dtMs,
    steps,
    populations,
    ...(overflow !== undefined ? { overflow } : {}),
    ...(weights !== undefined ? { weights } : {}),
  };
}

/** An array of numbers, or undefined after reporting the first offending entry. */
function numbersFromJson(value: unknown, path: JsonPointer, field: string, sink: Sink): Float64Array | undefined {
  if (!Array.isArray(value)) {
    sink.report("TP4056", path, { field, expected: "an array of numbers", found: describe(value) });
    return undefined;
  }
  const out = new Float64Array(value.length);
  for (let k = 0; k < value.length; k++) {
    const v: unknown = value[k];
    if (typeof v !== "number") {
      sink.report("TP4056", (path + pointer(k)) as JsonPointer, { field: `${field}/${k}`, expected: "a number", found: describe(v) });
      return undefined;
    }
    out[k] = v;
  }
  return out;
}

/** One entry of "weights", type-checked; its shape is checkWeights' job. */
function weightsFromJson(entry: unknown, i: number, sink: Sink): WeightRecording | undefined {
  const base = pointer("weights", i);
  if (!isRecord(entry)) {
    sink.report("TP4056", base, { field: `weights/${i}`, expected: "an object", found: describe(entry) });
    return undefined;
  }
  warnUnknown(entry, WEIGHT_FIELDS, base, sink);
  const isString = (v: unknown): v is string => typeof v === "string";
  const projection = requireField(entry, "projection", base, sink, "a string", isString);
  const unit = requireField(entry, "unit", base, sink, "a string", isString);
  const preValue = requireField(entry, "pre", base, sink, "an array", Array.isArray);
  const postValue = requireField(entry, "post", base, sink, "an array", Array.isArray);
  const pre = preValue && intArrayFromJson(preValue, (base + "/pre") as JsonPointer, `weights/${i}/pre`, sink);
  const post = postValue && intArrayFromJson(postValue, (base + "/post") as JsonPointer, `weights/${i}/post`, sink);
  const boundsValue = requireField(entry, "bounds", base, sink, "an array", Array.isArray);
  const bounds = boundsValue && numbersFromJson(boundsValue, (base + "/bounds") as JsonPointer, `weights/${i}/bounds`, sink);
  if (bounds && bounds.length !== 2) {
    sink.report("TP4056", (base + "/bounds") as JsonPointer, { field: `weights/${i}/bounds`, expected: "two numbers [min, max]", found: `${bounds.length} numbers` });
  }
  const weightPerRaw = entry.weightPerRaw === undefined ? undefined : requireField(entry, "weightPerRaw", base, sink, "a number", isNumber);
  const snapshotsValue = requireField(entry, "snapshots", base, sink, "an array", Array.isArray);
  const snapshots: WeightSnapshot[] = [];
  let snapshotsOk = snapshotsValue !== undefined;
  (snapshotsValue ?? []).forEach((item: unknown, j: number) => {
    const at = pointer("weights", i, "snapshots", j);
    if (!isRecord(item)) {
      sink.report("TP4056", at, { field: `weights/${i}/snapshots/${j}`, expected: "an object", found: describe(item) });
      snapshotsOk = false;
      return;
    }
    warnUnknown(item, SNAPSHOT_FIELDS, at, sink);
    const step = requireField(item, "step", at, sink, "an integer", (v): v is number => Number.isInteger(v));
    const valuesValue = requireField(item, "values", at, sink, "an array", Array.isArray);
    const values = valuesValue && numbersFromJson(valuesValue, (at + "/values") as JsonPointer, `weights/${i}/snapshots/${j}/values`, sink);
    const raw = item.raw === undefined ? undefined : numbersFromJson(item.raw, (at + "/raw") as JsonPointer, `weights/${i}/snapshots/${j}/raw`, sink);
    if (step === undefined || !values || (item.raw !== undefined && !raw)) {
      snapshotsOk = false;
      return;
    }
    snapshots.push({ step, values, ...(raw !== undefined ? { raw } : {}) });
  });
  if (projection === undefined || unit === undefined || !pre || !post || !bounds || bounds.length !== 2 || !snapshotsOk) return undefined;
  if (entry.weightPerRaw !== undefined && weightPerRaw === undefined) return undefined;
  return {
    projection, unit, pre, post, bounds: [bounds[0], bounds[1]],
    ...(weightPerRaw !== undefined ? { weightPerRaw } : {}),
    snapshots,
  };
}

const isNumber = (v: unknown): v is number => typeof v === "number";

function warnUnknown(value: Record<string, unknown>, allowed: readonly string[], base: JsonPointer, sink: Sink): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) sink.report("TP4057", (base + pointer(key)) as JsonPointer, { field: key });
  }
}

function requireField<T>(
  value: Record<string, unknown>, field: string, base: JsonPointer, sink: Sink, expected: string, is: (v: unknown) => v is T,
): T | undefined {
  if (!(field in value)) {
    sink.report("TP4055", base, { field });
    return undefined;
  }
  const found = value[field];
  if (!is(found)) {
    sink.report("TP4056", (base + pointer(field)) as JsonPointer, { field, expected, found: describe(found) });
    return undefined;
  }
  return found;
}

/** An array of 32-bit integers, or undefined after reporting the first offending entry. */
function intArrayFromJson(value: unknown, path: JsonPointer, field: string, sink: Sink): Int32Array | undefined {
  if (!Array.isArray(value)) {
    sink.report("TP4056", path, { field, expected: "an array of integers", found: describe(value) });
    return undefined;
  }
  const out = new Int32Array(value.length);
  for (let k = 0; k < value.length; k++) {
    const v: unknown = value[k];
    if (typeof v !== "number" || !Number.isInteger(v) || v < -(2 ** 31) || v > INT32_MAX) {
      sink.report("TP4056", (path + pointer(k)) as JsonPointer, { field: `${field}/${k}`, expected: "a 32-bit integer", found: describe(v) });
      return undefined;
    }
    out[k] = v;
  }
  return out;
}

/** An array of number rows (values[k][t]), or undefined after reporting the first offending entry. */
function rowsFromJson(value: unknown, path: JsonPointer, field: string, sink: Sink): Float64Array[] | undefined {
  if (!Array.isArray(value)) {
    sink.report("TP4056", path, { field, expected: "an array of arrays of numbers", found: describe(value) });
    return undefined;
  }
  const rows: Float64Array[] = [];
  for (let k = 0; k < value.length; k++) {
    const row: unknown = value[k];
    if (!Array.isArray(row)) {
      sink.report("TP4056", (path + pointer(k)) as JsonPointer, { field: `${field}/${k}`, expected: "an array of numbers", found: describe(row) });
      return undefined;
    }
    const out = new Float64Array(row.length);
    for (let t = 0; t < row.length; t++) {
      const v: unknown = row[t];
      if (typeof v !== "number") {
        sink.report("TP4056", (path + pointer(k, t)) as JsonPointer, { field: `${field}/${k}/${t}`, expected: "a number", found: describe(v) });
        return undefined;
      }
      out[t] = v;
    }
    rows.push(out);
  }
  return rows;
}

function populationFromJson(entry: unknown, p: number, sink: Sink): PopulationRecording | undefined {
  const base = pointer("populations", p);
  if (!isRecord(entry)) {
    sink.report("TP4056", base, { field: `populations/${p}`, expected: "an object", found: describe(entry) });
    return undefined;
  }
  warnUnknown(entry, POPULATION_FIELDS, base, sink);
  const id = requireField(entry, "id", base, sink, "a string", (v): v is string => typeof v === "string");
  const size = requireField(entry, "size", base, sink, "a number", isNumber);
  let spikes: SpikeTrain | undefined;
  let spikesOk = true;
  if (entry.spikes !== undefined) {
    const spikesBase = (base + pointer("spikes")) as JsonPointer;
    if (!isRecord(entry.spikes)) {
      sink.report("TP4056", spikesBase, { field: "spikes", expected: "an object with arrays 'step' and 'neuron'", found: describe(entry.spikes) });
      spikesOk = false;
    } else {
      warnUnknown(entry.spikes, SPIKE_FIELDS, spikesBase, sink);
      const stepValue = requireField(entry.spikes, "step", spikesBase, sink, "an array", Array.isArray);
      const neuronValue = requireField(entry.spikes, "neuron", spikesBase, sink, "an array", Array.isArray);
      const step = stepValue && intArrayFromJson(stepValue, (spikesBase + "/step") as JsonPointer, "step", sink);
      const neuron = neuronValue && intArrayFromJson(neuronValue, (spikesBase + "/neuron") as JsonPointer, "neuron", sink);
      if (step && neuron) spikes = { step, neuron };
      else spikesOk = false;
    }
  }
  const traces: Trace[] = [];
  let tracesOk = true;
  if (entry.traces !== undefined) {
    if (!Array.isArray(entry.traces)) {
      sink.report("TP4056", (base + "/traces") as JsonPointer, { field: "traces", expected: "an array", found: describe(entry.traces) });
      tracesOk = false;
    } else {
      entry.traces.forEach((value: unknown, j: number) => {
        const trace = traceFromJson(value, pointer("populations", p, "traces", j), sink);
        if (trace) traces.push(trace);
        else tracesOk = false;
      });
    }
  }
  if (id === undefined || size === undefined || !spikesOk || !tracesOk) return undefined;
  return { id, size, ...(spikes !== undefined ? { spikes } : {}), traces };
}

function traceFromJson(value: unknown, base: JsonPointer, sink: Sink): Trace | undefined {
  if (!isRecord(value)) {
    sink.report("TP4056", base, { field: "traces entry", expected: "an object", found: describe(value) });
    return undefined;
  }
  warnUnknown(value, TRACE_FIELDS, base, sink);
  const variable = requireField(value, "variable", base, sink, "a string", (v): v is string => typeof v === "string");
  const unit = requireField(value, "unit", base, sink, "a string", (v): v is string => typeof v === "string");
  const neuronsValue = requireField(value, "neurons", base, sink, "an array", Array.isArray);
  const valuesValue = requireField(value, "values", base, sink, "an array", Array.isArray);
  const neurons = neuronsValue && intArrayFromJson(neuronsValue, (base + "/neurons") as JsonPointer, "neurons", sink);
  const values = valuesValue && rowsFromJson(valuesValue, (base + "/values") as JsonPointer, "values", sink);
  const raw = value.raw === undefined ? undefined : rowsFromJson(value.raw, (base + "/raw") as JsonPointer, "raw", sink);
  const scale = value.scale === undefined ? undefined : requireField(value, "scale", base, sink, "a number", isNumber);
  const offset = value.offset === undefined ? undefined : requireField(value, "offset", base, sink, "a number", isNumber);
  if (variable === undefined || unit === undefined || !neurons || !values) return undefined;
  if ((value.raw !== undefined && !raw) || (value.scale !== undefined && scale === undefined) || (value.offset !== undefined && offset === undefined)) return undefined;
  return {
    variable, unit, neurons, values,
    ...(raw !== undefined ? { raw } : {}),
    ...(scale !== undefined ? { scale } : {}),
    ...(offset !== undefined ? { offset } : {}),
  };
}

/**
 * The recording as a plain message, shared by the JSON and protobuf writers; `rows` gives each
 * trace's per-neuron rows their on-disk shape (kept as rows in JSON, flattened in protobuf).
 */
function recordingContent(rec: Recording, rows: (rows: readonly Float64Array[]) => unknown) {
  return {
    format: rec.format,
    source: rec.source,
    dtMs: rec.dtMs,
    steps: rec.steps,
    populations: rec.populations.map((pop) => ({
      id: pop.id,
      size: pop.size,
      ...(pop.spikes !== undefined ? { spikes: { step: pop.spikes.step, neuron: pop.spikes.neuron } } : {}),
      traces: pop.traces.map((trace) => ({
        variable: trace.variable,
        unit: trace.unit,
        neurons: trace.neurons,
        values: rows(trace.values),
        ...(trace.raw !== undefined ? { raw: rows(trace.raw) } : {}),
        ...(trace.scale !== undefined ? { scale: trace.scale } : {}),
        ...(trace.offset !== undefined ? { offset: trace.offset } : {}),
      })),
    })),
    ...(rec.overflow !== undefined ? { overflow: rec.overflow } : {}),
    ...(rec.weights !== undefined ? { weights: rec.weights.map(weightsContent) } : {}),
  };
}

/** One weight recording as a plain message (JSON and protobuf share the field names). */
function weightsContent(w: WeightRecording) {
  return {
    projection: w.projection,
    unit: w.unit,
    pre: w.pre,
    post: w.post,
    bounds: [w.bounds[0], w.bounds[1]],
    ...(w.weightPerRaw !== undefined ? { weightPerRaw: w.weightPerRaw } : {}),
    snapshots: w.snapshots.map((snapshot) => ({ step: snapshot.step, values: snapshot.values, ...(snapshot.raw !== undefined ? { raw: snapshot.raw } : {}) })),
  };
}

/**
 * Writes the JSON form: objects indented, each number array on one line (spikes and trace
 * rows stay compact and a diff tool can still read the file).
 */
export function encodeRecordingJson(rec: Recording): string {
  const json = recordingContent(rec, (rows) => rows);
  return stringifyCompact(json, "") + "\n";
}

function stringifyCompact(value: unknown, indent: string): string {
  if (ArrayBuffer.isView(value)) return "[" + Array.prototype.join.call(value, ",") + "]";
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === "number")) return "[" + value.map((v) => JSON.stringify(v)).join(",") + "]";
    if (value.length === 0) return "[]";
    const inner = indent + "  ";
    return "[\n" + value.map((v) => inner + stringifyCompact(v, inner)).join(",\n") + "\n" + indent + "]";
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const inner = indent + "  ";
    return "{\n" + entries.map(([k, v]) => inner + JSON.stringify(k) + ": " + stringifyCompact(v, inner)).join(",\n") + "\n" + indent + "}";
  }
  return JSON.stringify(value);
}

// ───────────────────────────── protobuf form ─────────────────────────────

let recordingMessage: protobuf.Type | undefined;

/** The Recording message type, loaded once from schemas/recording.proto beside the package. */
function recordingType(): protobuf.Type {
  if (recordingMessage === undefined) {
    recordingMessage = protobuf.loadSync(protoPath()).lookupType("tripart.recording.Recording");
  }
  return recordingMessage;
}

/** Finds schemas/recording.proto from this module's location (src/hw/ or dist/src/hw/). */
function protoPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth++) {
    const candidate = join(dir, "schemas", "recording.proto");
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new InternalError("schemas/recording.proto is missing from the installed package");
}

/** Top-level fields of the Recording message: number → wire type. */
const TOP_WIRE_TYPES: Readonly<Record<number, number>> = { 1: 2, 2: 2, 3: 1, 4: 0, 5: 2, 6: 2, 7: 2, 15: 0 };

/**
 * Walks the top-level fields of the message. protobufjs decodes a cut-off string or packed
 * array without complaint, so a length that runs past the end is caught here.
 */
function checkWire(bytes: Uint8Array): string | undefined {
  let pos = 0;
  const varint = (): number | undefined => {
    let result = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (pos >= bytes.length) return undefined;
      const byte = bytes[pos++];
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
    }
    return undefined;
  };
  while (pos < bytes.length) {
    const start = pos;
    const tag = varint();
    if (tag === undefined) return `the field tag at byte ${start} runs past the end of the data`;
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 0) return `byte ${start} holds field number 0, which protobuf does not allow`;
    const expected = TOP_WIRE_TYPES[field];
    if (expected !== undefined && expected !== wire) return `field ${field} at byte ${start} has wire type ${wire}; the schema gives ${expected}`;
    if (wire === 0) {
      if (varint() === undefined) return `field ${field} at byte ${start} runs past the end of the data`;
    } else if (wire === 1 || wire === 5) {
      pos += wire === 1 ? 8 : 4;
    } else if (wire === 2) {
      const length = varint();
      if (length === undefined) return `field ${field} at byte ${start} runs past the end of the data`;
      pos += length;
    } else {
      return `field ${field} at byte ${start} has wire type ${wire}, which a recording never uses`;
    }
    if (pos > bytes.length) return `field ${field} at byte ${start} runs past the end of the data`;
  }
  return undefined;
}

interface PbTrace {
  variable: string; unit: string; neurons: number[]; values: number[]; raw: number[];
  scale?: number | null; offset?: number | null;
}
interface PbPopulation { id: string; size: number; spikes?: { step: number[]; neuron: number[] } | null; traces: PbTrace[] }
interface PbSnapshot { step: number; values: number[]; raw: number[] }
interface PbWeights {
  projection: string; unit: string; pre: number[]; post: number[]; bounds: number[]; weightPerRaw?: number | null; snapshots: PbSnapshot[];
}
interface PbRecording {
  format: string; source: string; dtMs: number; steps: number; populations: PbPopulation[];
  overflow: Record<string, number>; weights: PbWeights[]; populationCount?: number | null;
}

/** Reads the protobuf form. Pointers name the JSON form's fields (docs/recording.md). */
export function decodeRecordingPb(bytes: Uint8Array, file?: string): Result<Recording> {
  const sink = new Sink(file);
  const wireProblem = checkWire(bytes);
  if (wireProblem !== undefined) {
    sink.report("TP4054", ROOT, { reason: wireProblem });
    return sink.result<Recording>(undefined);
  }
  let message: PbRecording;
  try {
    message = recordingType().decode(bytes) as unknown as PbRecording;
  } catch (error) {
    sink.report("TP4054", ROOT, { reason: error instanceof Error ? error.message.replace(/\.$/, "") : String(error) });
    return sink.result<Recording>(undefined);
  }
  if (message.format !== RECORDING_FORMAT) {
    sink.report("TP4052", pointer("format"), { found: message.format, expected: RECORDING_FORMAT });
    return sink.result<Recording>(undefined);
  }
  if (message.populationCount === null || message.populationCount === undefined) {
    sink.report("TP4054", ROOT, { reason: "the population count that closes every recording is missing, so it was probably cut short" });
    return sink.result<Recording>(undefined);
  }
  if (message.populationCount !== message.populations.length) {
    sink.report("TP4054", pointer("populations"), {
      reason: `it holds ${message.populations.length} populations but declares ${message.populationCount}, so it was probably cut short`,
    });
    return sink.result<Recording>(undefined);
  }
  const steps = message.steps;
  const populations = message.populations.map((pop, p): PopulationRecording => ({
    id: pop.id,
    size: pop.size,
    ...(pop.spikes ? { spikes: { step: Int32Array.from(pop.spikes.step), neuron: Int32Array.from(pop.spikes.neuron) } } : {}),
    traces: pop.traces.map((trace, j) => traceFromPb(trace, p, j, pop.id, steps, sink)),
  }));
  const overflow = Object.keys(message.overflow).length > 0 ? { ...message.overflow } : undefined;
  const weights = message.weights.length > 0 ? message.weights.map((w, i) => weightsFromPb(w, i, sink)) : undefined;
  const rec: Recording = {
    format: RECORDING_FORMAT,
    source: message.source as Recording["source"],
    dtMs: message.dtMs,
    steps,
    populations,
    ...(overflow !== undefined ? { overflow } : {}),
    ...(weights !== undefined ? { weights } : {}),
  };
  if (sink.hasErrors) return sink.result<Recording>(undefined);
  checkHeader(rec, POINTER_LOCATOR, sink);
  checkPopulations(populations, steps, POINTER_LOCATOR, sink);
  checkWeights(rec.weights ?? [], steps, POINTER_LOCATOR, sink);
  return sink.result(rec);
}

/** A protobuf weight recording; an empty `raw` means the snapshot has none. */
function weightsFromPb(w: PbWeights, i: number, sink: Sink): WeightRecording {
  if (w.bounds.length !== 2) {
    sink.report("TP4056", pointer("weights", i, "bounds"), { field: `weights/${i}/bounds`, expected: "two numbers [min, max]", found: `${w.bounds.length} numbers` });
  }
  return {
    projection: w.projection,
    unit: w.unit,
    pre: Int32Array.from(w.pre),
    post: Int32Array.from(w.post),
    bounds: [w.bounds[0] ?? 0, w.bounds[1] ?? 0],
    ...(w.weightPerRaw !== null && w.weightPerRaw !== undefined ? { weightPerRaw: w.weightPerRaw } : {}),
    snapshots: w.snapshots.map((snapshot) => ({
      step: snapshot.step,
      values: Float64Array.from(snapshot.values),
      ...(snapshot.raw.length > 0 ? { raw: Float64Array.from(snapshot.raw) } : {}),
    })),
  };
}

/** Splits the neuron-major flat arrays of a protobuf trace into one row per neuron. */
function traceFromPb(trace: PbTrace, p: number, j: number, population: string, steps: number, sink: Sink): Trace {
  const { variable } = trace;
  const count = trace.neurons.length;
  const split = (flat: readonly number[]): Float64Array[] => {
    const all = Float64Array.from(flat);
    return Array.from({ length: count }, (_, k) => all.slice(k * steps, (k + 1) * steps));
  };
  let values: Float64Array[] = [];
  if (trace.values.length !== count * steps) {
    sink.report("TP4065", pointer("populations", p, "traces", j, "values"), {
      variable, population, found: trace.values.length, expected: count * steps, reason: `neurons × steps = ${count} × ${steps}`,
    });
  } else {
    values = split(trace.values);
  }
  let raw: Float64Array[] | undefined;
  if (trace.raw.length > 0) {
    if (trace.raw.length !== trace.values.length) sink.report("TP4066", pointer("populations", p, "traces", j, "raw"), { variable, population });
    else raw = split(trace.raw);
  }
  return {
    variable,
    unit: trace.unit,
    neurons: Int32Array.from(trace.neurons),
    values,
    ...(raw !== undefined ? { raw } : {}),
    ...(trace.scale !== null && trace.scale !== undefined ? { scale: trace.scale } : {}),
    ...(trace.offset !== null && trace.offset !== undefined ? { offset: trace.offset } : {}),
  };
}

/** Writes the protobuf form (schemas/recording.proto); trace rows are stored neuron-major. */
export function encodeRecordingPb(rec: Recording): Uint8Array {
  const flat = (rows: readonly Float64Array[]): Float64Array => {
    const out = new Float64Array(rows.reduce((n, row) => n + row.length, 0));
    let at = 0;
    for (const row of rows) {
      out.set(row, at);
      at += row.length;
    }
    return out;
  };
  const message = { ...recordingContent(rec, flat), populationCount: rec.populations.length };
  return recordingType().encode(message).finish();
}

// ───────────────────────────── CSV form ─────────────────────────────

/** One CSV record: its first line, and either its fields or the text of a '#' line. */
type CsvRecord = { readonly line: number; readonly fields: string[] } | { readonly line: number; readonly directive: string };

/**
 * Splits CSV text into records (RFC 4180 quoting: "a,b" and "" inside quotes). A line whose
 * first character is '#' is a directive or comment; blank lines are skipped.
 */
function parseCsv(text: string, sink: Sink): CsvRecord[] | undefined {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;      // a byte-order mark is not data
  let line = 1;
  while (i < n) {
    const start = line;
    const ch = text.charCodeAt(i);
    if (ch === 10 || ch === 13) {            // blank line
      i += ch === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
      continue;
    }
    if (ch === 35) {                          // '#'
      let end = text.indexOf("\n", i);
      if (end < 0) end = n;
      records.push({ line: start, directive: text.slice(i + 1, end).replace(/\r$/, "") });
      i = end + 1;
      line++;
      continue;
    }
    const fields: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === 34) {        // quoted field
        let value = "";
        let j = i + 1;
        for (;;) {
          const close = text.indexOf('"', j);
          if (close < 0) {
            sink.report("TP4086", { path: ROOT, line: start, label: `line ${start}` }, { line: start, reason: "the closing quote is missing" });
            return undefined;
          }
          const chunk = text.slice(j, close);
          for (let k = 0; k < chunk.length; k++) if (chunk.charCodeAt(k) === 10) line++;
          value += chunk;
          if (text.charCodeAt(close + 1) === 34) {
            value += '"';
            j = close + 2;
          } else {
            i = close + 1;
            break;
          }
        }
        fields.push(value);
        const next = i < n ? text.charCodeAt(i) : 10;
        if (next !== 44 && next !== 10 && next !== 13) {
          sink.report("TP4086", { path: ROOT, line, label: `line ${line}` }, { line, reason: "text follows the closing quote" });
          return undefined;
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      if (i < n && text.charCodeAt(i) === 44) {
        i++;
        continue;
      }
      if (i < n && text.charCodeAt(i) === 13) i++;
      if (i < n && text.charCodeAt(i) === 10) i++;
      line++;
      break;
    }
    records.push({ line: start, fields });
  }
  return records;
}

/** Parses `key=value` pairs of a '#' line; a value is a bare token or a JSON string. */
function parseDirective(text: string): { keyword: string; pairs: Map<string, string> } | string {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  const keyword = space < 0 ? trimmed : trimmed.slice(0, space);
  let rest = space < 0 ? "" : trimmed.slice(space).trim();
  const pairs = new Map<string, string>();
  while (rest.length > 0) {
    const match = /^([A-Za-z_][\w.-]*)=("(?:[^"\\]|\\.)*"|[^\s"]+)(?:\s+|$)/.exec(rest);
    if (!match) return `'${rest.split(/\s/)[0]}' is not a key=value pair`;
    let value = match[2];
    if (value.startsWith('"')) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        return `the quoted value of '${match[1]}' is not a valid JSON string`;
      }
    }
    if (pairs.has(match[1])) return `'${match[1]}' is given twice`;
    pairs.set(match[1], value);
    rest = rest.slice(match[0].length);
  }
  return { keyword, pairs };
}

const quoteDirectiveValue = (value: string): string => (/^[^\s"=]+$/.test(value) ? value : JSON.stringify(value));
const quoteCsvField = (value: string): string => (/[",\r\n]|^#|^\s|\s$|^$/.test(value) ? '"' + value.replaceAll('"', '""') + '"' : value);

const SPIKES_HEADER = "population,neuron,step";
const TRACES_HEADER = "population,variable,neuron,step,value";
const TRACES_HEADER_RAW = TRACES_HEADER + ",raw";
const WEIGHTS_HEADER = "projection,step,pre,post,value";
const WEIGHTS_HEADER_RAW = WEIGHTS_HEADER + ",raw";

/**
 * Writes the CSV form. `tracesFile` and `weightsFile` are the names the spikes file gives for the
 * traces file (default "traces.csv") and the weights file (default "weights.csv"); each is
 * written only when the recording has traces or weights.
 */
export function encodeRecordingCsv(rec: Recording, tracesFile = "traces.csv", weightsFile = "weights.csv"): RecordingCsv {
  const plain = encodeSpikesAndTraces(rec, tracesFile, rec.weights !== undefined ? weightsFile : undefined);
  return rec.weights !== undefined ? { ...plain, weights: encodeWeightsCsv(rec.weights) } : plain;
}

/**
 * The weights file: a '# weights' line per projection (id, unit, bounds, weightPerRaw), then one
 * row per synapse and snapshot, snapshot by snapshot, synapses in the projection's order.
 */
function encodeWeightsCsv(weights: readonly WeightRecording[]): string {
  const anyRaw = weights.some((w) => w.snapshots.some((snapshot) => snapshot.raw !== undefined));
  const lines = [`# ${RECORDING_FORMAT} part=weights`];
  for (const w of weights) {
    const perRaw = w.weightPerRaw !== undefined ? ` weightPerRaw=${w.weightPerRaw}` : "";
    lines.push(`# weights projection=${quoteDirectiveValue(w.projection)} unit=${quoteDirectiveValue(w.unit)} min=${w.bounds[0]} max=${w.bounds[1]}${perRaw}`);
  }
  lines.push(anyRaw ? WEIGHTS_HEADER_RAW : WEIGHTS_HEADER);
  for (const w of weights) {
    const id = quoteCsvField(w.projection);
    for (const snapshot of w.snapshots) {
      for (let k = 0; k < snapshot.values.length; k++) {
        const raw = anyRaw ? "," + (snapshot.raw !== undefined ? String(snapshot.raw[k]) : "") : "";
        lines.push(`${id},${snapshot.step},${w.pre[k]},${w.post[k]},${snapshot.values[k]}${raw}`);
      }
    }
  }
  return lines.join("\n") + "\n";
}

function encodeSpikesAndTraces(rec: Recording, tracesFile: string, weightsFile: string | undefined): RecordingCsv {
  const hasTraces = rec.populations.some((pop) => pop.traces.length > 0);
  const head = [`# ${RECORDING_FORMAT} source=${quoteDirectiveValue(rec.source)} dtMs=${rec.dtMs} steps=${rec.steps}`];
  for (const pop of rec.populations) {
    head.push(`# population id=${quoteDirectiveValue(pop.id)} size=${pop.size}${pop.spikes === undefined ? " spikes=none" : ""}`);
  }
  const overflow = Object.entries(rec.overflow ?? {});
  if (overflow.length > 0) head.push("# overflow " + overflow.map(([k, v]) => `${quoteDirectiveValue(k)}=${v}`).join(" "));
  if (hasTraces) head.push(`# traces file=${quoteDirectiveValue(tracesFile)}`);
  if (weightsFile !== undefined) head.push(`# weights file=${quoteDirectiveValue(weightsFile)}`);
  head.push(SPIKES_HEADER);
  const rows: string[] = [];
  for (const pop of rec.populations) {
    if (pop.spikes === undefined) continue;
    const id = quoteCsvField(pop.id);
    const { step, neuron } = pop.spikes;
    for (let k = 0; k < step.length; k++) rows.push(`${id},${neuron[k]},${step[k]}`);
  }
  const spikes = head.join("\n") + "\n" + rows.map((row) => row + "\n").join("");
  if (!hasTraces) return { spikes };

  const anyRaw = rec.populations.some((pop) => pop.traces.some((trace) => trace.raw !== undefined));
  const traceLines = [`# ${RECORDING_FORMAT} part=traces`];
  for (const pop of rec.populations) {
    for (const trace of pop.traces) {
      const scale = trace.scale !== undefined ? ` scale=${trace.scale}` : "";
      const offset = trace.offset !== undefined ? ` offset=${trace.offset}` : "";
      traceLines.push(`# trace population=${quoteDirectiveValue(pop.id)} variable=${quoteDirectiveValue(trace.variable)} unit=${quoteDirectiveValue(trace.unit)}${scale}${offset}`);
    }
  }
  traceLines.push(anyRaw ? TRACES_HEADER_RAW : TRACES_HEADER);
  for (const pop of rec.populations) {
    const id = quoteCsvField(pop.id);
    for (const trace of pop.traces) {
      const prefix = id + "," + quoteCsvField(trace.variable) + ",";
      trace.values.forEach((row, k) => {
        const rawRow = trace.raw?.[k];
        for (let t = 0; t < row.length; t++) {
          const rawField = anyRaw ? "," + (rawRow !== undefined ? String(rawRow[t]) : "") : "";
          traceLines.push(`${prefix}${trace.neurons[k]},${t},${row[t]}${rawField}`);
        }
      });
    }
  }
  return { spikes, traces: traceLines.join("\n") + "\n" };
}

/** Lines of one projection in the weights file: its '# weights' line, each snapshot's first row, the first snapshot's rows. */
interface WeightLines {
  readonly directive: number;
  readonly snapshots: readonly number[];
  readonly synapses: readonly number[];
}

/** A CSV locator: spikes, traces and weights map to the lines they came from. */
function csvLocator(
  spikeLines: readonly (Int32Array | undefined)[], traceLines: readonly (readonly number[])[], weightLines: readonly WeightLines[] = [],
): Locator {
  const at = (line: number | undefined): Place =>
    line === undefined ? { path: ROOT, label: "the file" } : { path: ROOT, line, label: `line ${line}` };
  return {
    field: () => at(1),
    population: () => at(undefined),
    spike: (p, k) => at(spikeLines[p]?.[k]),
    trace: (p, j) => at(traceLines[p]?.[j]),
    weight: (w, key, index) => {
      const lines = weightLines[w];
      if (lines === undefined) return at(undefined);
      if (key === "snapshots" && typeof index === "number") return at(lines.snapshots[index] ?? lines.directive);
      if ((key === "pre" || key === "post") && typeof index === "number") return at(lines.synapses[index] ?? lines.directive);
      return at(lines.directive);
    },
  };
}

interface CsvHeader {
  readonly values: Map<string, string>;
  readonly line: number;
}

/** Checks the '# tripart.recording/1 ...' line that opens every CSV file of a recording. */
function csvFormatLine(records: readonly CsvRecord[], sink: Sink): CsvHeader | undefined {
  const firstAny = records[0];
  if (firstAny === undefined || !("directive" in firstAny)) {
    sink.report("TP4055", { path: ROOT, line: 1, label: "line 1" }, { field: "format" },
      `Start the file with a line '# ${RECORDING_FORMAT} source=... dtMs=... steps=...' (docs/recording.md).`);
    return undefined;
  }
  const parsed = parseDirective(firstAny.directive);
  const keyword = typeof parsed === "string" ? firstAny.directive.trim().split(/\s/)[0] : parsed.keyword;
  if (keyword !== RECORDING_FORMAT) {
    if (keyword.startsWith("tripart.")) {
      sink.report("TP4052", { path: pointer("format"), line: firstAny.line, label: `line ${firstAny.line}` }, { found: keyword, expected: RECORDING_FORMAT });
    } else {
      sink.report("TP4055", { path: ROOT, line: 1, label: "line 1" }, { field: "format" },
        `Start the file with a line '# ${RECORDING_FORMAT} source=... dtMs=... steps=...' (docs/recording.md).`);
    }
    return undefined;
  }
  if (typeof parsed === "string") {
    sink.report("TP4085", { path: ROOT, line: firstAny.line, label: `line ${firstAny.line}` }, { line: firstAny.line, reason: parsed });
    return undefined;
  }
  return { values: parsed.pairs, line: firstAny.line };
}

interface CsvPopulation {
  readonly id: string;
  readonly size: number;
  readonly hasSpikes: boolean;
  readonly line: number;
  steps: number[];
  neurons: number[];
  lines: number[];
}

interface CsvTrace {
  readonly population: string;
  readonly variable: string;
  readonly unit: string;
  readonly scale?: number;
  readonly offset?: number;
  readonly line: number;
  readonly rows: Map<number, { values: Float64Array; raw: Float64Array | undefined; filled: Uint8Array }>;
  hasRaw: boolean | undefined;
  rawMismatch: boolean;
}

/**
 * Reads the CSV form. `csv.traces` is the text of the traces file named by the spikes file's
 * '# traces file=...' line; `tracesFile` names it in diagnostics.
 */
export function decodeRecordingCsv(csv: RecordingCsv, file?: string, tracesFile?: string, weightsFile?: string): Result<Recording> {
  const sink = new Sink(file);
  const records = parseCsv(csv.spikes, sink);
  if (records === undefined) return sink.result<Recording>(undefined);
  const header = csvFormatLine(records, sink);
  if (header === undefined) return sink.result<Recording>(undefined);
  const here = (line: number): Place => ({ path: ROOT, line, label: `line ${line}` });

  const number = (key: string, expected: string, is: (v: number) => boolean): number | undefined => {
    const text = header.values.get(key);
    if (text === undefined) {
      sink.report("TP4055", here(header.line), { field: key });
      return undefined;
    }
    const value = Number(text);
    if (text.trim() === "" || !is(value)) {
      sink.report("TP4056", here(header.line), { field: key, expected, found: describe(text) });
      return undefined;
    }
    return value;
  };
  const source = header.values.get("source");
  if (source === undefined) sink.report("TP4055", here(header.line), { field: "source" });
  else if (!SOURCES.includes(source as Recording["source"])) {
    sink.report("TP4056", here(header.line), { field: "source", expected: "one of " + SOURCES.join(", "), found: describe(source) });
  }
  const dtMs = number("dtMs", "a positive number of milliseconds", (v) => Number.isFinite(v) && v > 0);
  const steps = number("steps", `an integer in 0..${INT32_MAX}`, (v) => Number.isInteger(v) && v >= 0 && v <= INT32_MAX);
  for (const key of header.values.keys()) {
    if (!["source", "dtMs", "steps"].includes(key)) sink.report("TP4057", here(header.line), { field: key });
  }

  const populations = new Map<string, CsvPopulation>();
  const overflow: Record<string, number> = {};
  let hasOverflow = false;
  let tracesName: string | undefined;
  let weightsName: string | undefined;
  let columnsSeen = false;
  let rowErrors = 0;
  const rowError = (code: DiagnosticCode, line: number, args: DiagnosticArgs): void => {
    rowErrors++;
    sink.report(code, here(line), { line, ...args });
  };
  for (const record of records.slice(1)) {
    if (rowErrors >= MAX_ROW_ERRORS) break;
    if ("directive" in record) {
      if (columnsSeen) continue;                   // '#' lines after the header are comments
      const parsed = parseDirective(record.directive);
      const keyword = typeof parsed === "string" ? record.directive.trim().split(/\s/)[0] : parsed.keyword;
      if (!["population", "overflow", "traces", "weights"].includes(keyword)) continue;   // a comment
      if (typeof parsed === "string") {
        rowError("TP4085", record.line, { reason: parsed });
        continue;
      }
      directive(keyword, parsed.pairs, record.line);
      continue;
    }
    if (!columnsSeen) {
      const found = record.fields.map((field) => field.trim()).join(",");
      if (found !== SPIKES_HEADER) {
        sink.report("TP4082", here(record.line), { found, expected: SPIKES_HEADER });
        return sink.result<Recording>(undefined);
      }
      columnsSeen = true;
      continue;
    }
    spikeRow(record.fields, record.line);
  }

  function directive(keyword: string, pairs: Map<string, string>, line: number): void {
    if (keyword === "population") {
      const id = pairs.get("id");
      const sizeText = pairs.get("size");
      if (id === undefined || sizeText === undefined) {
        rowError("TP4085", line, { reason: `a '# population' line needs id=... and size=...` });
        return;
      }
      const size = Number(sizeText);
      if (!(Number.isInteger(size) && size >= 1 && size <= INT32_MAX)) {
        sink.report("TP4056", here(line), { field: "size", expected: `an integer in 1..${INT32_MAX}`, found: describe(sizeText) });
        return;
      }
      const spikesValue = pairs.get("spikes");
      if (spikesValue !== undefined && spikesValue !== "none") {
        rowError("TP4085", line, { reason: `spikes=${spikesValue} is not understood; only spikes=none is` });
        return;
      }
      if (populations.has(id)) {
        sink.report("TP4058", here(line), { population: id });
        return;
      }
      populations.set(id, { id, size, hasSpikes: spikesValue === undefined, line, steps: [], neurons: [], lines: [] });
    } else if (keyword === "overflow") {
      for (const [key, value] of pairs) {
        const count = Number(value);
        if (!(Number.isInteger(count) && count >= 0)) {
          sink.report("TP4056", here(line), { field: `overflow/${key}`, expected: "a count (an integer ≥ 0)", found: describe(value) });
        } else {
          overflow[key] = count;
          hasOverflow = true;
        }
      }
    } else if (keyword === "weights") {
      weightsName = pairs.get("file");
      if (weightsName === undefined) rowError("TP4085", line, { reason: "a '# weights' line needs file=..." });
    } else {
      tracesName = pairs.get("file");
      if (tracesName === undefined) rowError("TP4085", line, { reason: "a '# traces' line needs file=..." });
    }
  }

  function spikeRow(fields: readonly string[], line: number): void {
    if (fields.length !== 3) {
      rowError("TP4080", line, { found: fields.length, expected: 3 });
      return;
    }
    const pop = populations.get(fields[0]);
    if (pop === undefined) {
      rowError("TP4083", line, { what: `population '${fields[0]}'`, directive: "population" });
      return;
    }
    if (!pop.hasSpikes) {
      rowError("TP4083", line, { what: `a spike of population '${fields[0]}' (declared spikes=none)`, directive: "population" });
      return;
    }
    const neuron = parseInteger(fields[1]);
    const step = parseInteger(fields[2]);
    if (neuron === undefined) {
      rowError("TP4081", line, { value: fields[1], column: "neuron", expected: "a 32-bit integer" });
      return;
    }
    if (step === undefined) {
      rowError("TP4081", line, { value: fields[2], column: "step", expected: "a 32-bit integer" });
      return;
    }
    pop.neurons.push(neuron);
    pop.steps.push(step);
    pop.lines.push(line);
  }

  if (!columnsSeen && !sink.hasErrors) sink.report("TP4082", here(records[records.length - 1]?.line ?? 1), { found: "(none)", expected: SPIKES_HEADER });
  if (source === undefined || dtMs === undefined || steps === undefined || sink.hasErrors) return sink.result<Recording>(undefined);

  // Spike rows may come in any order; sort each population by (step, neuron), keeping lines.
  const popList = [...populations.values()];
  const spikeLines: (Int32Array | undefined)[] = [];
  const recPopulations: PopulationRecording[] = popList.map((pop) => {
    const count = pop.steps.length;
    const order = Array.from({ length: count }, (_, k) => k);
    const sorted = order.every((k) => k === 0 || pop.steps[k - 1] < pop.steps[k] || (pop.steps[k - 1] === pop.steps[k] && pop.neurons[k - 1] < pop.neurons[k]));
    if (!sorted) order.sort((x, y) => pop.steps[x] - pop.steps[y] || pop.neurons[x] - pop.neurons[y] || x - y);
    const step = new Int32Array(count), neuron = new Int32Array(count), lines = new Int32Array(count);
    order.forEach((from, k) => {
      step[k] = pop.steps[from];
      neuron[k] = pop.neurons[from];
      lines[k] = pop.lines[from];
    });
    spikeLines.push(lines);
    return { id: pop.id, size: pop.size, ...(pop.hasSpikes ? { spikes: { step, neuron } } : {}), traces: [] as Trace[] };
  });

  // Traces from the second file, if the spikes file names one.
  const traceLines: number[][] = popList.map(() => []);
  if (tracesName !== undefined) {
    const tracesLabel = tracesFile ?? tracesName;
    if (csv.traces === undefined) {
      sink.report("TP4050", ROOT, { file: tracesLabel, reason: "the spikes file names it but it was not given" });
      return sink.result<Recording>(undefined);
    }
    const traceSink = new Sink(tracesLabel);
    const traces = decodeTracesCsv(csv.traces, populations, steps, traceSink);
    sink.diagnostics.push(...traceSink.diagnostics);
    if (traces === undefined || traceSink.hasErrors) return sink.result<Recording>(undefined);
    for (const trace of traces) {
      const p = popList.findIndex((pop) => pop.id === trace.population);
      (recPopulations[p].traces as Trace[]).push(trace.trace);
      traceLines[p].push(trace.line);
    }
  }
  // Weights from the third file, if the spikes file names one.
  let weights: { weights: WeightRecording[]; lines: WeightLines[] } | undefined;
  if (weightsName !== undefined) {
    const weightsLabel = weightsFile ?? weightsName;
    if (csv.weights === undefined) {
      sink.report("TP4050", ROOT, { file: weightsLabel, reason: "the spikes file names it but it was not given" });
      return sink.result<Recording>(undefined);
    }
    const weightSink = new Sink(weightsLabel);
    weights = decodeWeightsCsv(csv.weights, weightSink);
    sink.diagnostics.push(...weightSink.diagnostics);
    if (weights === undefined || weightSink.hasErrors) return sink.result<Recording>(undefined);
  }
  const rec: Recording = {
    format: RECORDING_FORMAT,
    source: source as Recording["source"],
    dtMs,
    steps,
    populations: recPopulations,
    ...(hasOverflow ? { overflow } : {}),
    ...(weights !== undefined ? { weights: weights.weights } : {}),
  };
  // The semantic checks name CSV lines; trace findings name the traces file's '# trace' line.
  const spikesOnly = new Sink(file);
  checkPopulations(rec.populations.map((pop) => ({ ...pop, traces: [] })), steps, csvLocator(spikeLines, traceLines), spikesOnly);
  sink.diagnostics.push(...spikesOnly.diagnostics);
  const tracesOnly = new Sink(tracesFile ?? tracesName);
  rec.populations.forEach((pop, p) => pop.traces.forEach((trace, j) => checkTrace(trace, p, j, pop.id, pop.size, steps, csvLocator(spikeLines, traceLines), tracesOnly)));
  sink.diagnostics.push(...tracesOnly.diagnostics);
  if (weights !== undefined) {
    const weightsOnly = new Sink(weightsFile ?? weightsName);
    checkWeights(weights.weights, steps, csvLocator(spikeLines, traceLines, weights.lines), weightsOnly);
    sink.diagnostics.push(...weightsOnly.diagnostics);
  }
  return sink.result(rec);
}

interface CsvWeights {
  readonly projection: string;
  readonly unit: string;
  readonly bounds: readonly [number, number];
  readonly weightPerRaw?: number;
  readonly line: number;
  readonly pre: number[];
  readonly post: number[];
  readonly synapseLines: number[];
  readonly snapshots: { step: number; line: number; values: number[]; raw: (number | undefined)[] }[];
}

/** How one CSV side file (traces, weights) is read: its directive keyword, column header and handlers. */
interface SideTable {
  readonly keyword: string;
  readonly header: string;
  readonly headerRaw: string;
  readonly directive: (pairs: Map<string, string>, line: number) => void;
  readonly row: (fields: readonly string[], line: number, columns: number) => void;
  readonly rowError: (code: DiagnosticCode, line: number, args: DiagnosticArgs) => void;
  /** True once too many row errors were reported to go on. */
  readonly stop: () => boolean;
}

/**
 * Reads the records after the format line of a side file: '# <keyword> k=v…' directives up to
 * the column header (other directives are skipped), the header (plain or with ",raw"), then one
 * row per record. Returns the number of columns, undefined when no header came, or false when
 * the header is not the expected one (TP4082): nothing after it can be read.
 */
function readSideTable(records: ReturnType<typeof parseCsv> & object, table: SideTable, here: (line: number) => Place, sink: Sink): number | undefined | false {
  let columns: number | undefined;
  for (const record of records) {
    if (table.stop()) break;
    if ("directive" in record) {
      if (columns !== undefined) continue;
      const parsed = parseDirective(record.directive);
      const keyword = typeof parsed === "string" ? record.directive.trim().split(/\s/)[0] : parsed.keyword;
      if (keyword !== table.keyword) continue;
      if (typeof parsed === "string") table.rowError("TP4085", record.line, { reason: parsed });
      else table.directive(parsed.pairs, record.line);
      continue;
    }
    if (columns === undefined) {
      const found = record.fields.map((field) => field.trim()).join(",");
      if (found !== table.header && found !== table.headerRaw) {
        sink.report("TP4082", here(record.line), { found, expected: table.header + "[,raw]" });
        return false;
      }
      columns = record.fields.length;
      continue;
    }
    table.row(record.fields, record.line, columns);
  }
  return columns;
}

/**
 * Reads the weights file of the CSV form. The rows of a projection's first step define its
 * synapses (pre, post) and their order; every later step lists the same synapses in the same
 * order (TP4105 otherwise). Step order, ranges and bounds are left to checkWeights.
 */
function decodeWeightsCsv(text: string, sink: Sink): { weights: WeightRecording[]; lines: WeightLines[] } | undefined {
  const records = parseCsv(text, sink);
  if (records === undefined) return undefined;
  const header = csvFormatLine(records, sink);
  if (header === undefined) return undefined;
  const here = (line: number): Place => ({ path: ROOT, line, label: `line ${line}` });
  const projections = new Map<string, CsvWeights>();
  let rowErrors = 0;
  const rowError = (code: DiagnosticCode, line: number, args: DiagnosticArgs): void => {
    rowErrors++;
    sink.report(code, here(line), { line, ...args });
  };
  const read = readSideTable(records.slice(1), {
    keyword: "weights", header: WEIGHTS_HEADER, headerRaw: WEIGHTS_HEADER_RAW,
    directive: weightsDirective, row: weightRow, rowError, stop: () => rowErrors >= MAX_ROW_ERRORS,
  }, here, sink);
  if (read === false) return undefined;
  const columns = read;

  function weightsDirective(pairs: Map<string, string>, line: number): void {
    const projection = pairs.get("projection"), unit = pairs.get("unit");
    const minText = pairs.get("min"), maxText = pairs.get("max");
    if (projection === undefined || unit === undefined || minText === undefined || maxText === undefined) {
      rowError("TP4085", line, { reason: "a '# weights' line needs projection=..., unit=..., min=... and max=..." });
      return;
    }
    if (projections.has(projection)) {
      sink.report("TP4056", here(line), { field: "projection", expected: "an id no other weight recording has", found: describe(projection) });
      return;
    }
    const numeric = (name: string, text: string | undefined): number | undefined | null => {
      if (text === undefined) return undefined;
      const value = parseNumber(text);
      if (value === undefined) {
        sink.report("TP4056", here(line), { field: name, expected: "a number", found: describe(text) });
        return null;
      }
      return value;
    };
    const min = numeric("min", minText), max = numeric("max", maxText), weightPerRaw = numeric("weightPerRaw", pairs.get("weightPerRaw"));
    if (min == null || max == null || weightPerRaw === null) return;
    projections.set(projection, {
      projection, unit, bounds: [min, max], ...(weightPerRaw !== undefined ? { weightPerRaw } : {}),
      line, pre: [], post: [], synapseLines: [], snapshots: [],
    });
  }

  function weightRow(fields: readonly string[], line: number, columnCount: number): void {
    if (fields.length !== columnCount) {
      rowError("TP4080", line, { found: fields.length, expected: columnCount });
      return;
    }
    const [projection, stepText, preText, postText, valueText] = fields;
    const w = projections.get(projection);
    if (w === undefined) {
      rowError("TP4083", line, { what: `projection '${projection}'`, directive: "weights" });
      return;
    }
    const integers = [["step", stepText], ["pre", preText], ["post", postText]].map(([column, text]) => {
      const value = parseInteger(text);
      if (value === undefined) rowError("TP4081", line, { value: text, column, expected: "a 32-bit integer" });
      return value;
    });
    const [step, pre, post] = integers;
    if (step === undefined || pre === undefined || post === undefined) return;
    const value = parseNumber(valueText);
    if (value === undefined || !Number.isFinite(value)) {
      rowError("TP4081", line, { value: valueText, column: "value", expected: "a finite number" });
      return;
    }
    const rawText = columnCount === 6 ? fields[5] : "";
    const raw = rawText.trim() === "" ? undefined : parseNumber(rawText);
    if (rawText.trim() !== "" && (raw === undefined || !Number.isFinite(raw))) {
      rowError("TP4081", line, { value: rawText, column: "raw", expected: "a finite number or nothing" });
      return;
    }
    let snapshot = w.snapshots[w.snapshots.length - 1];
    if (snapshot === undefined || snapshot.step !== step) {
      snapshot = { step, line, values: [], raw: [] };
      w.snapshots.push(snapshot);
    }
    const k = snapshot.values.length;
    if (w.snapshots.length === 1) {
      w.pre.push(pre);
      w.post.push(post);
      w.synapseLines.push(line);
    } else if (k >= w.pre.length || w.pre[k] !== pre || w.post[k] !== post) {
      const first = w.snapshots[0].step;
      const reason = k >= w.pre.length
        ? `line ${line} adds synapse ${k} to step ${step}, but step ${first} lists ${w.pre.length} synapses`
        : `line ${line} lists synapse (${pre}, ${post}) at position ${k} of step ${step}, where step ${first} lists (${w.pre[k]}, ${w.post[k]})`;
      rowError("TP4105", line, { projection, reason });
      return;
    }
    snapshot.values.push(value);
    snapshot.raw.push(raw);
  }

  if (columns === undefined && !sink.hasErrors) sink.report("TP4082", here(records[records.length - 1]?.line ?? 1), { found: "(none)", expected: WEIGHTS_HEADER + "[,raw]" });
  if (sink.hasErrors) return undefined;
  const weights: WeightRecording[] = [];
  const lines: WeightLines[] = [];
  for (const w of projections.values()) {
    const snapshots: WeightSnapshot[] = [];
    for (const snapshot of w.snapshots) {
      const withRaw = snapshot.raw.filter((raw) => raw !== undefined).length;
      const problem = snapshot.values.length !== w.pre.length
        ? `step ${snapshot.step} lists ${snapshot.values.length} synapses, but step ${w.snapshots[0].step} lists ${w.pre.length}`
        : withRaw !== 0 && withRaw !== snapshot.raw.length ? `some rows of step ${snapshot.step} have a raw value and some do not` : undefined;
      if (problem !== undefined) {
        sink.report("TP4105", here(snapshot.line), { projection: w.projection, reason: problem });
        continue;
      }
      snapshots.push({
        step: snapshot.step,
        values: Float64Array.from(snapshot.values),
        ...(withRaw > 0 ? { raw: Float64Array.from(snapshot.raw as number[]) } : {}),
      });
    }
    weights.push({
      projection: w.projection, unit: w.unit, pre: Int32Array.from(w.pre), post: Int32Array.from(w.post), bounds: w.bounds,
      ...(w.weightPerRaw !== undefined ? { weightPerRaw: w.weightPerRaw } : {}),
      snapshots,
    });
    lines.push({ directive: w.line, snapshots: w.snapshots.map((snapshot) => snapshot.line), synapses: w.synapseLines });
  }
  return sink.hasErrors ? undefined : { weights, lines };
}

function parseInteger(text: string): number | undefined {
  if (!/^\s*[-+]?\d+\s*$/.test(text)) return undefined;
  const value = Number(text);
  return value >= -(2 ** 31) && value <= INT32_MAX ? value : undefined;
}

/** Reads the traces file of the CSV form into traces grouped by population, in file order. */
function decodeTracesCsv(
  text: string, populations: ReadonlyMap<string, CsvPopulation>, steps: number, sink: Sink,
): { population: string; trace: Trace; line: number }[] | undefined {
  const records = parseCsv(text, sink);
  if (records === undefined) return undefined;
  const header = csvFormatLine(records, sink);
  if (header === undefined) return undefined;
  const here = (line: number): Place => ({ path: ROOT, line, label: `line ${line}` });
  const traces = new Map<string, CsvTrace>();
  const key = (population: string, variable: string) => population + "\u0000" + variable;
  let rowErrors = 0;
  const rowError = (code: DiagnosticCode, line: number, args: DiagnosticArgs): void => {
    rowErrors++;
    sink.report(code, here(line), { line, ...args });
  };
  const read = readSideTable(records.slice(1), {
    keyword: "trace", header: TRACES_HEADER, headerRaw: TRACES_HEADER_RAW,
    directive: traceDirective, row: traceRow, rowError, stop: () => rowErrors >= MAX_ROW_ERRORS,
  }, here, sink);
  if (read === false) return undefined;
  const columns = read;

  function traceDirective(pairs: Map<string, string>, line: number): void {
    const population = pairs.get("population");
    const variable = pairs.get("variable");
    const unit = pairs.get("unit");
    if (population === undefined || variable === undefined || unit === undefined) {
      rowError("TP4085", line, { reason: "a '# trace' line needs population=..., variable=... and unit=..." });
      return;
    }
    if (!populations.has(population)) {
      rowError("TP4083", line, { what: `population '${population}'`, directive: "population" });
      return;
    }
    if (traces.has(key(population, variable))) {
      sink.report("TP4068", here(line), { population, variable });
      return;
    }
    const numeric = (name: string): number | undefined | null => {
      const text = pairs.get(name);
      if (text === undefined) return undefined;
      const value = Number(text);
      if (text.trim() === "" || !Number.isFinite(value)) {
        sink.report("TP4056", here(line), { field: name, expected: "a finite number", found: describe(text) });
        return null;
      }
      return value;
    };
    const scale = numeric("scale");
    const offset = numeric("offset");
    if (scale === null || offset === null) return;
    traces.set(key(population, variable), {
      population, variable, unit, line, rows: new Map(), hasRaw: undefined, rawMismatch: false,
      ...(scale !== undefined ? { scale } : {}),
      ...(offset !== undefined ? { offset } : {}),
    });
  }

  function traceRow(fields: readonly string[], line: number, columnCount: number): void {
    if (fields.length !== columnCount) {
      rowError("TP4080", line, { found: fields.length, expected: columnCount });
      return;
    }
    const [population, variable, neuronText, stepText, valueText] = fields;
    const trace = traces.get(key(population, variable));
    if (trace === undefined) {
      rowError("TP4083", line, { what: `trace '${variable}' of population '${population}'`, directive: "trace" });
      return;
    }
    const size = populations.get(population)?.size ?? 0;
    const neuron = parseInteger(neuronText);
    if (neuron === undefined) {
      rowError("TP4081", line, { value: neuronText, column: "neuron", expected: "a 32-bit integer" });
      return;
    }
    if (neuron < 0 || neuron >= size) {
      rowErrors++;
      sink.report("TP4063", here(line), { variable, population, neuron, max: size - 1 });
      return;
    }
    const step = parseInteger(stepText);
    if (step === undefined || step < 0 || step >= steps) {
      rowError("TP4081", line, { value: stepText, column: "step", expected: `an integer in 0..${steps - 1}` });
      return;
    }
    const value = parseNumber(valueText);
    if (value === undefined) {
      rowError("TP4081", line, { value: valueText, column: "value", expected: "a number" });
      return;
    }
    if (!Number.isFinite(value)) {
      rowErrors++;
      sink.report("TP4067", here(line), { variable, population, where: `line ${line}` });
      return;
    }
    const rawText = columnCount === 6 ? fields[5] : "";
    const hasRaw = rawText.trim() !== "";
    if (trace.hasRaw === undefined) trace.hasRaw = hasRaw;
    else if (trace.hasRaw !== hasRaw) trace.rawMismatch = true;
    const raw = hasRaw ? parseNumber(rawText) : 0;
    if (raw === undefined || !Number.isFinite(raw)) {
      rowError("TP4081", line, { value: rawText, column: "raw", expected: "a finite number or nothing" });
      return;
    }
    let row = trace.rows.get(neuron);
    if (row === undefined) {
      row = {
        values: new Float64Array(steps),
        raw: trace.hasRaw ? new Float64Array(steps) : undefined,
        filled: new Uint8Array(steps),
      };
      trace.rows.set(neuron, row);
    }
    if (row.filled[step] === 1) {
      rowError("TP4084", line, { step, variable, neuron, population });
      return;
    }
    row.filled[step] = 1;
    row.values[step] = value;
    if (row.raw !== undefined) row.raw[step] = raw;
  }

  if (columns === undefined && !sink.hasErrors) sink.report("TP4082", here(records[records.length - 1]?.line ?? 1), { found: "(none)", expected: TRACES_HEADER + "[,raw]" });
  if (sink.hasErrors) return undefined;

  const out: { population: string; trace: Trace; line: number }[] = [];
  for (const trace of traces.values()) {
    if (trace.rawMismatch) {
      sink.report("TP4066", here(trace.line), { variable: trace.variable, population: trace.population });
      continue;
    }
    const neurons = [...trace.rows.keys()];
    const rows = [...trace.rows.values()];
    const missing = rows.findIndex((row) => row.filled.includes(0));
    if (missing >= 0) {
      const found = rows[missing].filled.reduce((n, f) => n + f, 0);
      sink.report("TP4065", here(trace.line), {
        variable: trace.variable, population: trace.population, found, expected: steps, reason: `one per step for neuron ${neurons[missing]}`,
      });
      continue;
    }
    out.push({
      population: trace.population,
      line: trace.line,
      trace: {
        variable: trace.variable,
        unit: trace.unit,
        neurons: Int32Array.from(neurons),
        values: rows.map((row) => row.values),
        ...(trace.hasRaw === true ? { raw: rows.map((row) => row.raw ?? new Float64Array(steps)) } : {}),
        ...(trace.scale !== undefined ? { scale: trace.scale } : {}),
        ...(trace.offset !== undefined ? { offset: trace.offset } : {}),
      },
    });
  }
  return out;
}

/** A decimal number as JavaScript writes doubles, plus "Infinity"/"NaN" so they can be refused. */
function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^[-+]?Infinity$|^NaN$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

// ───────────────────────────── files ─────────────────────────────

/** The traces file written beside a CSV spikes file: run.csv → run.traces.csv. */
export function tracesPathFor(csvPath: string): string {
  const ext = extname(csvPath);
  return join(dirname(csvPath), basename(csvPath, ext) + ".traces" + (ext || ".csv"));
}

/** The weights file written beside a CSV spikes file: run.csv → run.weights.csv. */
export function weightsPathFor(csvPath: string): string {
  const ext = extname(csvPath);
  return join(dirname(csvPath), basename(csvPath, ext) + ".weights" + (ext || ".csv"));
}

/** The file a '# <keyword> file=...' line of a CSV spikes file names, undefined when none, null when its quoting is broken. */
function namedFile(text: string, keyword: "traces" | "weights"): string | undefined | null {
  const named = new RegExp(`^#\\s*${keyword}\\s+file=("(?:[^"\\\\]|\\\\.)*"|\\S+)`, "m").exec(text);
  if (named === null) return undefined;
  try {
    return named[1].startsWith('"') ? (JSON.parse(named[1]) as string) : named[1];
  } catch {
    return null;
  }
}

/**
 * Reads a recording, choosing the form from the extension (.pb, .json, .csv) unless `form`
 * is given. A CSV spikes file's '# traces file=...' is read relative to its folder.
 */
export async function readRecordingFile(path: string, form?: RecordingForm): Promise<Result<Recording>> {
  const chosen = form ?? recordingFormOf(path);
  if (chosen === undefined) return fail([makeDiagnostic("TP4053", ROOT, { file: path }, { file: path })]);
  const failed = (file: string, error: unknown): Result<Recording> =>
    fail([makeDiagnostic("TP4050", ROOT, { file, reason: describeIoError(error) }, { file })]);
  if (chosen === "pb") {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch (error) {
      return failed(path, error);
    }
    return decodeRecordingPb(bytes, path);
  }
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    return failed(path, error);
  }
  if (chosen === "json") return decodeRecordingJson(text, path);
  const tracesName = namedFile(text, "traces");
  const weightsName = namedFile(text, "weights");
  // A broken '# traces' or '# weights' line is reported by the decoder.
  if (tracesName === null || weightsName === null) return decodeRecordingCsv({ spikes: text }, path);
  const parts: { traces?: string; weights?: string } = {};
  const paths: { traces?: string; weights?: string } = {};
  for (const [key, name] of [["traces", tracesName], ["weights", weightsName]] as const) {
    if (name === undefined) continue;
    const partPath = join(dirname(path), name);
    try {
      parts[key] = await readFile(partPath, "utf8");
    } catch (error) {
      return failed(partPath, error);
    }
    paths[key] = partPath;
  }
  return decodeRecordingCsv({ spikes: text, ...parts }, path, paths.traces, paths.weights);
}

/**
 * Writes a recording in the form the extension names (or `form`). The CSV form also writes
 * `<name>.traces.csv` when there are traces and `<name>.weights.csv` when there are weights. Returns the files written. A recording that
 * checkRecording() rejects is not written.
 */
export async function writeRecording(rec: Recording, path: string, form?: RecordingForm): Promise<Result<readonly string[]>> {
  const chosen = form ?? recordingFormOf(path);
  if (chosen === undefined) return fail([makeDiagnostic("TP4053", ROOT, { file: path }, { file: path })]);
  const problems = checkRecording(rec);
  if (hasErrors(problems)) return fail(problems);
  const files: [string, string | Uint8Array][] = [];
  if (chosen === "pb") files.push([path, encodeRecordingPb(rec)]);
  else if (chosen === "json") files.push([path, encodeRecordingJson(rec)]);
  else {
    const tracesPath = tracesPathFor(path);
    const weightsPath = weightsPathFor(path);
    const csv = encodeRecordingCsv(rec, basename(tracesPath), basename(weightsPath));
    files.push([path, csv.spikes]);
    if (csv.traces !== undefined) files.push([tracesPath, csv.traces]);
    if (csv.weights !== undefined) files.push([weightsPath, csv.weights]);
  }
  for (const [file, data] of files) {
    try {
      await writeFile(file, data);
    } catch (error) {
      return fail([makeDiagnostic("TP4090", ROOT, { file, reason: describeIoError(error) }, { file })]);
    }
  }
  return ok(files.map(([file]) => file));
}

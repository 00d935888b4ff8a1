/**
 * Recordings in hardware addresses ("hardware CSV", docs/recording.md): what a chip reports —
 * spikes and states by (core, compartment) in raw register units — turned into a Tripart
 * recording (source "chip") through the config's symbol map and scales:
 *
 *   (core, compartment) → (population, neuron)        via HwSymbol.core / HwSymbol.local
 *   physical = offset + raw / scale                   via HwScale ("v" → v, "u" → i_syn)
 *
 * Every reader returns a Result; malformed input is a diagnostic (TP4091-TP4099), never a throw.
 */
import { readFile } from "node:fs/promises";
import type { DiagnosticCode } from "../ir/codes.js";
import { fail, hasErrors, makeDiagnostic, ok, type Diagnostic, type DiagnosticArgs, type Result } from "../ir/diagnostics.js";
import { ROOT } from "../ir/pointer.js";
import { describeIoError } from "../util/io-errors.js";
import { RECORDING_FORMAT, type PopulationRecording, type Recording, type Trace } from "./recording.js";
import type { HwConfig, HwScale } from "./types.js";

export const HW_RECORDING_FORMAT = "tripart.hwrecording/1";
export const HW_SPIKES_HEADER = "core,compartment,step";
export const HW_STATES_HEADER = "core,compartment,variable,step,raw";

/** Row errors reported per file before the reader stops looking. */
const MAX_ROW_ERRORS = 20;
const INT32_MAX = 2 ** 31 - 1;

/** Where one compartment's neuron lives in the IR: population index (into symbols) and neuron. */
interface Owner {
  readonly symbol: number;
  readonly neuron: number;
}

/** Diagnostics of one file: every message names the file and its line. */
class FileSink {
  errors = 0;
  constructor(readonly file: string, readonly diagnostics: Diagnostic[]) {}

  report(code: DiagnosticCode, line: number, args: DiagnosticArgs): void {
    this.errors++;
    const diagnostic = makeDiagnostic(code, ROOT, { file: this.file, line, ...args }, { file: this.file });
    this.diagnostics.push({ ...diagnostic, line, column: 1 });
  }

  get full(): boolean {
    return this.errors >= MAX_ROW_ERRORS;
  }
}

interface Row {
  readonly line: number;
  readonly fields: string[];
}

/** '#' lines before the header, the header, then the data rows; blank lines are skipped. */
function splitCsv(text: string): { comments: Row[]; header?: Row; rows: Row[] } {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split("\n");
  const comments: Row[] = [];
  const rows: Row[] = [];
  let header: Row | undefined;
  lines.forEach((raw, i) => {
    const content = raw.replace(/\r$/, "");
    const line = i + 1;
    if (content.trim() === "") return;
    if (content.startsWith("#")) {
      if (header === undefined) comments.push({ line, fields: [content.slice(1)] });
      return;                                              // '#' lines after the header are comments
    }
    const fields = content.split(",").map((f) => f.trim());
    if (header === undefined) header = { line, fields };
    else rows.push({ line, fields });
  });
  return { comments, ...(header !== undefined ? { header } : {}), rows };
}

function parseInteger(text: string): number | undefined {
  if (!/^[-+]?\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= -(2 ** 31) && value <= INT32_MAX ? value : undefined;
}

/** The header and the '# steps=N' line of one file; undefined after a bad header. */
function readHead(text: string, expected: string, sink: FileSink): { rows: Row[]; steps?: number } | undefined {
  const { comments, header, rows } = splitCsv(text);
  if (header === undefined || header.fields.join(",") !== expected) {
    const line = header?.line ?? comments.length + 1;
    sink.report("TP4091", line, { found: header === undefined ? "(none)" : header.fields.join(","), expected });
    return undefined;
  }
  let steps: number | undefined;
  for (const comment of comments) {
    const match = /(?:^|\s)steps=(\S*)/.exec(comment.fields[0]);
    if (match === null) continue;
    const value = parseInteger(match[1]);
    if (value === undefined || value < 0) {
      sink.report("TP4092", comment.line, { value: match[1], column: "steps", expected: "a whole number of steps" });
      continue;
    }
    steps = value;
  }
  return { rows, ...(steps !== undefined ? { steps } : {}) };
}

/** The integer fields of a row, or undefined after reporting the first bad one. */
function integers(row: Row, columns: readonly string[], skip: number, sink: FileSink): number[] | undefined {
  if (row.fields.length !== columns.length) {
    sink.report("TP4099", row.line, { found: row.fields.length, expected: columns.length });
    return undefined;
  }
  const values: number[] = [];
  for (let k = 0; k < columns.length; k++) {
    if (k === skip) {
      values.push(0);
      continue;
    }
    const value = parseInteger(row.fields[k]);
    if (value === undefined) {
      sink.report("TP4092", row.line, { value: row.fields[k], column: columns[k], expected: "an integer" });
      return undefined;
    }
    values.push(value);
  }
  return values;
}

/** Maps (core, compartment) to its owner, or reports why there is none. */
function ownerLookup(config: HwConfig): (core: number, compartment: number, line: number, sink: FileSink) => Owner | undefined {
  const owners = config.cores.map((core) => new Array<Owner | undefined>(core.compartments.count).fill(undefined));
  config.symbols.forEach((symbol, s) => {
    if (symbol.kind !== "population") return;
    for (let i = 0; i < symbol.size; i++) {
      const row = owners[symbol.core[i]];
      if (row !== undefined && symbol.local[i] >= 0 && symbol.local[i] < row.length) row[symbol.local[i]] = { symbol: s, neuron: i };
    }
  });
  return (core, compartment, line, sink) => {
    const row = owners[core];
    const owner = row?.[compartment];
    if (owner !== undefined) return owner;
    const reason =
      row === undefined
        ? `the config has ${config.cores.length} core${config.cores.length === 1 ? "" : "s"} (0..${config.cores.length - 1}), so core ${core} does not exist`
        : compartment < 0 || compartment >= row.length
          ? `core ${core} has ${row.length} compartment${row.length === 1 ? "" : "s"} (0..${row.length - 1})`
          : `core ${core} has ${row.length} compartment${row.length === 1 ? "" : "s"}, but compartment ${compartment} belongs to no population`;
    sink.report("TP4093", line, { core, compartment, reason });
    return undefined;
  };
}

/** The scale of `variable` ("v" or "i_syn") of a population; i_syn falls back to "u". */
function scaleOf(config: HwConfig, population: string, variable: "v" | "i_syn"): HwScale | undefined {
  const wanted = variable === "i_syn" ? ["i_syn", "u"] : ["v"];
  for (const name of wanted) {
    const found = config.scales.find((s) => s.population === population && s.variable === name);
    if (found !== undefined) return found;
  }
  return undefined;
}

interface StateSamples {
  readonly core: number;
  readonly compartment: number;
  readonly firstLine: number;
  readonly raw: Float64Array;
  readonly seen: Uint8Array;
}

/**
 * Turns a chip's recording in hardware addresses into a Tripart recording (source "chip").
 * `files` names the two files in diagnostics (default "spikes.csv" and "states.csv").
 */
export function recordingFromHardware(
  config: HwConfig,
  spikesCsv: string,
  statesCsv: string | undefined,
  files: { spikes?: string; states?: string } = {},
): Result<Recording> {
  const diagnostics: Diagnostic[] = [];
  const spikesSink = new FileSink(files.spikes ?? "spikes.csv", diagnostics);
  const statesSink = new FileSink(files.states ?? "states.csv", diagnostics);
  const spikesHead = readHead(spikesCsv, HW_SPIKES_HEADER, spikesSink);
  const statesHead = statesCsv !== undefined ? readHead(statesCsv, HW_STATES_HEADER, statesSink) : undefined;
  if (spikesHead === undefined || (statesCsv !== undefined && statesHead === undefined)) return fail(diagnostics);
  const steps = spikesHead.steps ?? statesHead?.steps ?? config.steps;
  const owner = ownerLookup(config);

  // Spikes: one key per (symbol, neuron, step).
  const spikes = new Map<number, { step: number; neuron: number }[]>();
  // Rows per (core, compartment, step): up to the config's spike cap (multi-spike cores list a spike per row).
  const seenSpikes = new Map<string, number>();
  const cap = config.semantics.spikesPerStep ?? 1;
  const stepInRange = (step: number, line: number, sink: FileSink): boolean => {
    if (step >= 0 && step < steps) return true;
    sink.report("TP4094", line, { step, max: steps - 1 });
    return false;
  };
  for (const row of spikesHead.rows) {
    if (spikesSink.full) break;
    const values = integers(row, ["core", "compartment", "step"], -1, spikesSink);
    if (values === undefined) continue;
    const [core, compartment, step] = values;
    const found = owner(core, compartment, row.line, spikesSink);
    if (found === undefined || !stepInRange(step, row.line, spikesSink)) continue;
    const key = `${core},${compartment},${step}`;
    const seen = seenSpikes.get(key) ?? 0;
    if (seen >= cap) {
      spikesSink.report("TP4095", row.line, { core, compartment, step, cap });
      continue;
    }
    seenSpikes.set(key, seen + 1);
    const list = spikes.get(found.symbol) ?? [];
    list.push({ step, neuron: found.neuron });
    spikes.set(found.symbol, list);
  }

  // States: samples per (symbol, variable, neuron).
  const states = new Map<string, StateSamples>();
  const traced = new Map<number, Map<"v" | "i_syn", Set<number>>>();
  const COLUMNS = ["core", "compartment", "variable", "step", "raw"];
  for (const row of statesHead?.rows ?? []) {
    if (statesSink.full) break;
    const values = integers(row, COLUMNS, 2, statesSink);
    if (values === undefined) continue;
    const [core, compartment, , step, raw] = values;
    const hwVariable = row.fields[2];
    if (hwVariable !== "v" && hwVariable !== "u") {
      statesSink.report("TP4098", row.line, { variable: hwVariable });
      continue;
    }
    const variable = hwVariable === "v" ? "v" : "i_syn";
    const found = owner(core, compartment, row.line, statesSink);
    if (found === undefined || !stepInRange(step, row.line, statesSink)) continue;
    const key = `${found.symbol}/${variable}/${found.neuron}`;
    let samples = states.get(key);
    if (samples === undefined) {
      samples = { core, compartment, firstLine: row.line, raw: new Float64Array(steps), seen: new Uint8Array(steps) };
      states.set(key, samples);
      const byVariable = traced.get(found.symbol) ?? new Map<"v" | "i_syn", Set<number>>();
      byVariable.set(variable, (byVariable.get(variable) ?? new Set<number>()).add(found.neuron));
      traced.set(found.symbol, byVariable);
    }
    if (samples.seen[step] === 1) {
      statesSink.report("TP4097", row.line, { step, variable: hwVariable, core, compartment });
      continue;
    }
    samples.seen[step] = 1;
    samples.raw[step] = raw;
  }
  for (const [key, samples] of states) {
    if (statesSink.full) break;
    let missing = 0;
    let first = -1;
    for (let t = 0; t < steps; t++) {
      if (samples.seen[t] === 1) continue;
      missing++;
      if (first < 0) first = t;
    }
    if (missing > 0) {
      const variable = key.split("/")[1] === "v" ? "v" : "u";
      statesSink.report("TP4096", samples.firstLine, { variable, core: samples.core, compartment: samples.compartment, count: missing, steps, step: first });
    }
  }
  if (hasErrors(diagnostics)) return fail(diagnostics);

  // The populations: those the config records, and any the files name.
  const recorded = new Map(config.record.map((spec) => [spec.population, spec] as const));
  const populations: PopulationRecording[] = [];
  config.symbols.forEach((symbol, s) => {
    if (symbol.kind !== "population") return;
    const spec = recorded.get(symbol.id);
    const list = spikes.get(s);
    const variables = traced.get(s);
    if (spec === undefined && list === undefined && variables === undefined) return;
    const traces: Trace[] = [];
    for (const variable of ["v", "i_syn"] as const) {
      const neurons = variables?.get(variable);
      if (neurons === undefined) continue;
      const scale = scaleOf(config, symbol.id, variable);
      if (scale === undefined) continue;                     // compile always emits both scales
      const sorted = Int32Array.from([...neurons].sort((a, b) => a - b));
      const raw = Array.from(sorted, (neuron) => states.get(`${s}/${variable}/${neuron}`)!.raw);
      const values = raw.map((r) => r.map((x) => scale.offset + x / scale.scale));
      traces.push({ variable, unit: scale.unit, neurons: sorted, values, raw, scale: scale.scale, offset: scale.offset });
    }
    const hasSpikes = spec?.spikes === true || list !== undefined;
    const sortedSpikes = (list ?? []).sort((a, b) => a.step - b.step || a.neuron - b.neuron);
    populations.push({
      id: symbol.id,
      size: symbol.size,
      ...(hasSpikes
        ? { spikes: { step: Int32Array.from(sortedSpikes, (x) => x.step), neuron: Int32Array.from(sortedSpikes, (x) => x.neuron) } }
        : {}),
      traces,
    });
  });
  return ok({ format: RECORDING_FORMAT, source: "chip", dtMs: config.dtMs, steps, populations }, diagnostics);
}

/** Reads the spikes file (and the states file, if named) and converts them. */
export async function readHardwareRecordingFiles(config: HwConfig, spikesPath: string, statesPath?: string): Promise<Result<Recording>> {
  const read = async (file: string): Promise<string | Diagnostic> => {
    try {
      return await readFile(file, "utf8");
    } catch (error) {
      return makeDiagnostic("TP4050", ROOT, { file, reason: describeIoError(error) }, { file });
    }
  };
  const [spikes, states] = await Promise.all([read(spikesPath), statesPath !== undefined ? read(statesPath) : undefined]);
  const problems = [spikes, states].filter((x): x is Diagnostic => typeof x === "object");
  if (problems.length > 0) return fail(problems);
  return recordingFromHardware(config, spikes as string, states as string | undefined, {
    spikes: spikesPath,
    ...(statesPath !== undefined ? { states: statesPath } : {}),
  });
}

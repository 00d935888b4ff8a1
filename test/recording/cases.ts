// One malformed input per diagnostic code of the recording area (TP405x-TP409x, TP12xx), shared
// by codes.test.ts (exact {code, path} lists) and docs.test.ts (the messages quoted in
// docs/diagnostics-recording.md). Files go to a temporary folder that the caller removes.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Diagnostic } from "../../src/ir/diagnostics.js";
import {
  decodeRecordingCsv, decodeRecordingJson, decodeRecordingPb, encodeRecordingJson, encodeRecordingPb,
  readRecordingFile, writeRecording,
} from "../../src/hw/recording-io.js";
import { diffRecordings } from "../../src/diff/compare.js";
import { DEFAULT_CRITERIA, loadCriteriaFile, makeCriteria, parseCriteria } from "../../src/diff/criteria.js";
import { learnedRecording, population, recording, richRecording, trace, train } from "./fixtures.js";
import type { WeightRecording } from "../../src/hw/recording.js";
import { recordingFromHardware } from "../../src/hw/hardware-recording.js";
import { chipRun } from "../hw/hardware-csv.js";
import { astroPair } from "../diff/astro-fixtures.js";

/** The temporary folder the file cases use; docs show it as "runs/". */
export const dir = mkdtempSync(join(tmpdir(), "tripart-codes-"));

export const ROW = [-65, -64, -63, -62, -61, -60, -59, -58, -57, -56];
export const base = () => recording([population("exc", 3, train([[0, 1], [2, 0]]), [trace("v", [0], [ROW])])]);

/** The JSON form of the base recording after `mutate` changed its parsed value. */
function json(mutate: (value: any) => void): string {
  const value = JSON.parse(encodeRecordingJson(base()));
  mutate(value);
  return JSON.stringify(value);
}

export const CSV_HEAD = "# tripart.recording/1 source=chip dtMs=1 steps=5\n# population id=p size=3\n";
export const CSV_TRACES_SPIKES = CSV_HEAD + "# traces file=t.csv\npopulation,neuron,step\n";
export const TRACES_HEAD = "# tripart.recording/1 part=traces\n# trace population=p variable=v unit=mV\npopulation,variable,neuron,step,value\n";
const fullTrace = (neuron: number) => [0, 1, 2, 3, 4].map((t) => `p,v,${neuron},${t},${t * 0.5}\n`).join("");

export interface Case {
  readonly name: string;
  readonly expected: readonly { code: string; path?: string; line?: number }[];
  readonly run: () => readonly Diagnostic[] | Promise<readonly Diagnostic[]>;
}

const diagnosticsOf = (result: { diagnostics: readonly Diagnostic[] }) => result.diagnostics;

/** Hardware CSV (the single-neuron example's config): spikes rows, optional states rows. */
export const HW_SPIKES = "# tripart.hwrecording/1\ncore,compartment,step\n";
export const HW_STATES = "# tripart.hwrecording/1\ncore,compartment,variable,step,raw\n";
const hardware = async (spikes: string, states?: string) => diagnosticsOf(recordingFromHardware((await chipRun()).config, spikes, states));
const diffOf = (a: Parameters<typeof diffRecordings>[0], b: Parameters<typeof diffRecordings>[1], criteria = DEFAULT_CRITERIA) =>
  diagnosticsOf(diffRecordings(a, b, criteria));

export const CASES: Case[] = [
  { name: "a missing file", expected: [{ code: "TP4050", path: "" }], run: async () => diagnosticsOf(await readRecordingFile(join(dir, "none.json"))) },
  { name: "a CSV whose traces file is missing", expected: [{ code: "TP4050", path: "" }],
    run: async () => {
      writeFileSync(join(dir, "lonely.csv"), CSV_TRACES_SPIKES);
      return diagnosticsOf(await readRecordingFile(join(dir, "lonely.csv")));
    } },
  { name: "JSON with a syntax error", expected: [{ code: "TP4051", path: "" }], run: () => diagnosticsOf(decodeRecordingJson('{"format": ')) },
  { name: "JSON of another version", expected: [{ code: "TP4052", path: "/format" }],
    run: () => diagnosticsOf(decodeRecordingJson(json((v) => (v.format = "tripart.recording/2")))) },
  { name: "protobuf of another format", expected: [{ code: "TP4052", path: "/format" }],
    run: () => diagnosticsOf(decodeRecordingPb(encodeRecordingPb({ ...base(), format: "tripart.hwconfig/1" as never }))) },
  { name: "CSV of another version", expected: [{ code: "TP4052", path: "/format", line: 1 }],
    run: () => diagnosticsOf(decodeRecordingCsv({ spikes: "# tripart.recording/9 source=chip dtMs=1 steps=5\npopulation,neuron,step\n" })) },
  { name: "an unknown extension on read", expected: [{ code: "TP4053", path: "" }], run: async () => diagnosticsOf(await readRecordingFile("run.txt")) },
  { name: "an unknown extension on write", expected: [{ code: "TP4053", path: "" }], run: async () => diagnosticsOf(await writeRecording(base(), join(dir, "run.txt"))) },
  { name: "truncated protobuf", expected: [{ code: "TP4054", path: "" }],
    run: () => { const bytes = encodeRecordingPb(richRecording()); return diagnosticsOf(decodeRecordingPb(bytes.subarray(0, bytes.length - 7))); } },
  { name: "protobuf cut at a field boundary (population count differs)", expected: [{ code: "TP4054", path: "/populations" }],
    run: () => {
      const one = encodeRecordingPb(recording([population("a", 1)]));
      const two = encodeRecordingPb(recording([population("a", 1), population("b", 1)]));
      // Both messages end in the population count (field 15, one byte tag + one byte value);
      // splicing the one-population count onto the two-population body mimics a lost tail.
      const spliced = new Uint8Array([...two.subarray(0, two.length - 2), ...one.subarray(one.length - 2)]);
      return diagnosticsOf(decodeRecordingPb(spliced));
    } },
  { name: "JSON without dtMs", expected: [{ code: "TP4055", path: "" }], run: () => diagnosticsOf(decodeRecordingJson(json((v) => delete v.dtMs))) },
  { name: "CSV without the format line", expected: [{ code: "TP4055", path: "", line: 1 }],
    run: () => diagnosticsOf(decodeRecordingCsv({ spikes: "population,neuron,step\np,0,0\n" })) },
  { name: "a negative dt", expected: [{ code: "TP4056", path: "/dtMs" }], run: () => diagnosticsOf(decodeRecordingJson(json((v) => (v.dtMs = -0.1)))) },
  { name: "a population of the wrong shape (spikes is an array)", expected: [{ code: "TP4056", path: "/populations/0/spikes" }],
    run: () => diagnosticsOf(decodeRecordingJson(json((v) => (v.populations[0].spikes = [[0, 1]])))) },
  { name: "an unknown field (warning only)", expected: [{ code: "TP4057", path: "/populations/0/colour" }],
    run: () => diagnosticsOf(decodeRecordingJson(json((v) => (v.populations[0].colour = "red")))) },
  { name: "a population listed twice", expected: [{ code: "TP4058", path: "/populations/1/id" }],
    run: () => diagnosticsOf(decodeRecordingJson(json((v) => v.populations.push(v.populations[0])))) },
  { name: "spike arrays of different lengths", expected: [{ code: "TP4059", path: "/populations/0/spikes" }],
    run: () => diagnosticsOf(decodeRecordingJson(json((v) => v.populations[0].spikes.step.push(3)))) },
  { name: "a negative neuron index", expected: [{ code: "TP4060", path: "/populations/0/spikes/neuron/1" }],
    run: () => diagnosticsOf(decodeRecordingJson(json((v) => (v.populations[0].spikes.neuron[1] = -1)))) },
  { name: "a neuron index equal to the size", expected: [{ code: "TP4060", path: "/populations/0/spikes/neuron/0" }],
    run: () => diagnosticsOf(decodeRecordingPb(encodeRecordingPb(recording([population("exc", 3, train([[0, 3]]))])))) },
  { name: "unsorted spikes", expected: [{ code: "TP4061", path: "/populations/0/spikes/step/1" }],
    run: () => diagnosticsOf(decodeRecordingJson(json((v) => (v.populations[0].spikes = { step: [2, 0], neuron: [0, 1] })))) },
  { name: "a spike at step = steps", expected: [{ code: "TP4062", path: "/populations/0/spikes/step/1" }],
    run: () => diagnosticsOf(decodeRecordingJson(json((v) => (v.populations[0].spikes.step[1] = 10)))) },
  { name: "a spike step out of range in CSV", expected: [{ code: "TP4062", path: "", line: 4 }],
    run: () => diagnosticsOf(decodeRecordingCsv({ spikes: CSV_HEAD + "population,neuron,step\np,0,5\n" })) },
  { name: "a traced neuron out of range", expected: [{ code: "TP4063", path: "/populations/0/traces/0/neurons/0" }],
    run: () => diagnosticsOf(decodeRecordingJson(json((v) => (v.populations[0].traces[0].neurons = [7])))) },
  { name: "fewer value rows than traced neurons", expected: [{ code: "TP4064", path: "/populations/0/traces/0/values" }],
    run: () => diagnosticsOf(decodeRecordingJson(json((v) => (v.populations[0].traces[0].neurons = [0, 1])))) },
  { name: "a trace of the wrong length", expected: [{ code: "TP4065", path: "/populations/0/traces/0/values/0" }],
    run: () => diagnosticsOf(decodeRecordingJson(json((v) => v.populations[0].traces[0].values[0].pop()))) },
  { name: "a protobuf trace of the wrong length", expected: [{ code: "TP4065", path: "/populations/0/traces/0/values" }],
    run: () => diagnosticsOf(decodeRecordingPb(encodeRecordingPb({ ...base(), steps: 9, populations: [population("exc", 3, undefined, [trace("v", [0], [ROW])])] }))) },
  { name: "raw values of another shape", expected: [{ code: "TP4066", path: "/populations/0/traces/0/raw" }],
    run: () => diagnosticsOf(decodeRecordingJson(json((v) => (v.populations[0].traces[0].raw = [[1, 2]])))) },
  { name: "a value that overflows a double", expected: [{ code: "TP4067", path: "/populations/0/traces/0/values/0/3" }],
    run: () => diagnosticsOf(decodeRecordingJson(json((v) => (v.populations[0].traces[0].values[0][3] = 1)).replace(/,1,-61/, ",1e999,-61"))) },
  { name: "two traces of one variable", expected: [{ code: "TP4068", path: "/populations/0/traces/1/variable" }],
    run: () => diagnosticsOf(decodeRecordingJson(json((v) => v.populations[0].traces.push({ ...v.populations[0].traces[0], neurons: [1] })))) },
  { name: "a population missing from the other side", expected: [{ code: "TP4070", path: "/populations/0" }],
    run: () => diffOf(base(), recording([])) },
  { name: "a population of another size", expected: [{ code: "TP4071", path: "/populations/0/size" }],
    run: () => diffOf(base(), recording([population("exc", 4, train([]), [trace("v", [0], [ROW])])])) },
  { name: "another time step", expected: [{ code: "TP4072", path: "/dtMs" }], run: () => diffOf(base(), { ...base(), dtMs: 1 }) },
  { name: "another length", expected: [{ code: "TP4073", path: "/steps" }],
    run: () => diffOf(base(), recording([population("exc", 3, train([]), [trace("v", [0], [ROW.slice(0, 9)])])], { steps: 9 })) },
  { name: "a population only the other side has (warning)", expected: [{ code: "TP4074", path: "/populations/1" }],
    run: () => diffOf(base(), { ...base(), populations: [...base().populations, population("extra", 1)] }) },
  { name: "spikes recorded only in the reference", expected: [{ code: "TP4075", path: "/populations/0/spikes" }],
    run: () => diffOf(base(), recording([population("exc", 3, undefined, [trace("v", [0], [ROW])])])) },
  { name: "a trace the other side lacks (warning)", expected: [{ code: "TP4076", path: "/populations/0/traces/0" }],
    run: () => diffOf(base(), recording([population("exc", 3, train([[0, 1], [2, 0]]))])) },
  { name: "a CSV row with four fields", expected: [{ code: "TP4080", path: "", line: 4 }],
    run: () => diagnosticsOf(decodeRecordingCsv({ spikes: CSV_HEAD + "population,neuron,step\np,0,1,2\n" })) },
  { name: "a CSV neuron that is not an integer", expected: [{ code: "TP4081", path: "", line: 5 }],
    run: () => diagnosticsOf(decodeRecordingCsv({ spikes: CSV_HEAD + "population,neuron,step\np,0,1\np,1.5,2\n" })) },
  { name: "a CSV with other columns", expected: [{ code: "TP4082", path: "", line: 3 }],
    run: () => diagnosticsOf(decodeRecordingCsv({ spikes: CSV_HEAD + "neuron,time\n" })) },
  { name: "a CSV row of an undeclared population", expected: [{ code: "TP4083", path: "", line: 4 }],
    run: () => diagnosticsOf(decodeRecordingCsv({ spikes: CSV_HEAD + "population,neuron,step\nq,0,1\n" })) },
  { name: "a CSV trace that repeats a step", expected: [{ code: "TP4084", path: "", line: 9 }],
    run: () => diagnosticsOf(decodeRecordingCsv({ spikes: CSV_TRACES_SPIKES, traces: TRACES_HEAD + fullTrace(0) + "p,v,0,2,9\n" }, "s.csv", "t.csv")) },
  { name: "a CSV trace missing a step", expected: [{ code: "TP4065", path: "", line: 2 }],
    run: () => diagnosticsOf(decodeRecordingCsv({ spikes: CSV_TRACES_SPIKES, traces: TRACES_HEAD + fullTrace(0).split("\n").slice(1).join("\n") })) },
  { name: "a malformed '#' line", expected: [{ code: "TP4085", path: "", line: 3 }],
    run: () => diagnosticsOf(decodeRecordingCsv({ spikes: CSV_HEAD + "# population id=q size\npopulation,neuron,step\n" })) },
  { name: "an unclosed quote", expected: [{ code: "TP4086", path: "", line: 4 }],
    run: () => diagnosticsOf(decodeRecordingCsv({ spikes: CSV_HEAD + 'population,neuron,step\n"p,0,1\n' })) },
  { name: "writing into a missing folder", expected: [{ code: "TP4090", path: "" }],
    run: async () => diagnosticsOf(await writeRecording(base(), join(dir, "no", "such", "run.json"))) },
  { name: "a hardware CSV with other columns", expected: [{ code: "TP4091", path: "", line: 2 }],
    run: () => hardware("# tripart.hwrecording/1\ncore,neuron,step\n") },
  { name: "a hardware CSV step that is not an integer", expected: [{ code: "TP4092", path: "", line: 3 }],
    run: () => hardware(HW_SPIKES + "0,0,1.5\n") },
  { name: "a hardware address that maps to no population", expected: [{ code: "TP4093", path: "", line: 3 }],
    run: () => hardware(HW_SPIKES + "0,7,1\n") },
  { name: "a hardware CSV step out of range", expected: [{ code: "TP4094", path: "", line: 3 }],
    run: () => hardware(HW_SPIKES + "0,0,200\n") },
  { name: "a hardware CSV spike given twice", expected: [{ code: "TP4095", path: "", line: 4 }],
    run: () => hardware(HW_SPIKES + "0,0,4\n0,0,4\n") },
  { name: "a hardware CSV state with missing steps", expected: [{ code: "TP4096", path: "", line: 3 }],
    run: () => hardware(HW_SPIKES, HW_STATES + "0,0,v,0,5\n0,0,v,1,6\n") },
  { name: "a hardware CSV state sample given twice", expected: [{ code: "TP4097", path: "", line: 4 }],
    run: () => hardware("# tripart.hwrecording/1 steps=1\ncore,compartment,step\n", HW_STATES + "0,0,v,0,5\n0,0,v,0,6\n") },
  { name: "a hardware CSV state of an unknown variable", expected: [{ code: "TP4098", path: "", line: 3 }],
    run: () => hardware(HW_SPIKES, HW_STATES + "0,0,w,0,5\n") },
  { name: "a hardware CSV row with two fields", expected: [{ code: "TP4099", path: "", line: 3 }],
    run: () => hardware(HW_SPIKES + "0,0\n") },
  { name: "a criteria file with a syntax error", expected: [{ code: "TP1201", path: "" }], run: () => diagnosticsOf(parseCriteria("{,}")) },
  { name: "a criteria file of another format", expected: [{ code: "TP1202", path: "/format" }],
    run: () => diagnosticsOf(parseCriteria('{"format": "tripart.criteria/2"}')) },
  { name: "a misspelled criterion", expected: [{ code: "TP1203", path: "/perPopulation/exc/maxRateErr" }],
    run: () => diagnosticsOf(parseCriteria('{"format": "tripart.criteria/1", "perPopulation": {"exc": {"maxRateErr": 0.2}}}')) },
  { name: "a fraction above 1", expected: [{ code: "TP1204", path: "/minMatchedFraction" }],
    run: () => diagnosticsOf(parseCriteria('{"format": "tripart.criteria/1", "minMatchedFraction": 1.5}')) },
  { name: "a flag that is not a number", expected: [{ code: "TP1204", path: "/matchWithin" }],
    run: () => diagnosticsOf(makeCriteria({ matchWithin: Number.NaN })) },
  { name: "a criteria file without a format", expected: [{ code: "TP1205", path: "" }], run: () => diagnosticsOf(parseCriteria('{"maxRateError": 0.2}')) },
  { name: "a missing criteria file", expected: [{ code: "TP1206", path: "" }], run: async () => diagnosticsOf(await loadCriteriaFile(join(dir, "none.json"))) },
  { name: "criteria for an unknown population (warning)", expected: [{ code: "TP1207", path: "/perPopulation/inh" }],
    run: () => diffOf(base(), base(), { ...DEFAULT_CRITERIA, perPopulation: { inh: { maxRateError: 1 } } }) },
  { name: "an RMSE bound on an untraced variable (warning)", expected: [{ code: "TP1208", path: "/maxTraceRmse/u" }],
    run: () => diffOf(base(), base(), { ...DEFAULT_CRITERIA, maxTraceRmse: { u: 1 } }) },
  { name: "territories over a population the reference lacks (warning)", expected: [{ code: "TP4100", path: "/territories/astro/population" }],
    run: () => territoryDiff({ population: "inh", neurons: [[0], [1], [2], [3]] }) },
  { name: "a territory naming a neuron outside its population", expected: [{ code: "TP4101", path: "/territories/astro/neurons/2/1" }],
    run: () => territoryDiff({ population: "exc", neurons: [[0], [1], [2, 4], [3]] }) },
  { name: "a territory map with fewer territories than astrocytes", expected: [{ code: "TP4102", path: "/territories/astro/neurons" }],
    run: () => territoryDiff({ population: "exc", neurons: [[0, 1], [2, 3]] }) },
  { name: "a per-astrocyte RMSE bound on an untraced variable (warning)", expected: [{ code: "TP4103", path: "/maxMeanAstrocyteRmse/h" }],
    run: () => { const { a, b } = astroPair(); return diffOf(a, b, { ...DEFAULT_CRITERIA, maxMeanAstrocyteRmse: { h: 0.01 } }); } },
  { name: "a gate bound without gate traces (warning)", expected: [{ code: "TP4104", path: "/minMeanGateJaccard" }],
    run: () => diffOf(base(), base(), { ...DEFAULT_CRITERIA, minMeanGateJaccard: 0.9 }) },
  { name: "a weight snapshot with a value missing", expected: [{ code: "TP4105", path: "/weights/0/snapshots/1/values" }],
    run: () => weightsJson((w) => void w.snapshots[1].values.pop()) },
  { name: "a negative pre element of a synapse", expected: [{ code: "TP4106", path: "/weights/0/pre/2" }],
    run: () => weightsJson((w) => void (w.pre[2] = -1)) },
  { name: "weight snapshots out of order", expected: [{ code: "TP4107", path: "/weights/0/snapshots/1/step" }],
    run: () => weightsJson((w) => void (w.snapshots[1].step = 2)) },
  { name: "a weight snapshot past the run", expected: [{ code: "TP4108", path: "/weights/0/snapshots/1/step" }],
    run: () => weightsJson((w) => void (w.snapshots[1].step = 10)) },
  { name: "inverted weight bounds", expected: [{ code: "TP4109", path: "/weights/0/bounds" }],
    run: () => weightsJson((w) => void (w.bounds = [1, 0.5])) },
];

type WeightsJson = { -readonly [K in keyof WeightRecording]: K extends "pre" | "post" ? number[] : K extends "snapshots" ? { step: number; values: number[] }[] : WeightRecording[K] };

/** The JSON form of learnedRecording() after `mutate` changed its first weight recording. */
function weightsJson(mutate: (w: WeightsJson) => void): readonly Diagnostic[] {
  const value = JSON.parse(encodeRecordingJson(learnedRecording()));
  mutate(value.weights[0]);
  return decodeRecordingJson(JSON.stringify(value)).diagnostics;
}

/** The astrocyte pair of test/diff/astro-fixtures.ts diffed with one territory map for its 4 astrocytes. */
function territoryDiff(map: { population: string; neurons: number[][] }): readonly Diagnostic[] {
  const { a, b } = astroPair();
  return diagnosticsOf(diffRecordings(a, b, DEFAULT_CRITERIA, { territories: { astro: map } }));
}


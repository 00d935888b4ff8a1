/**
 * Tripart's public library API. The CLI imports from here and nowhere else. Everything below is
 * either a re-export or a thin entry function that joins library pieces over files.
 */
import { access, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join, extname } from "node:path";
import { fail, makeDiagnostic, ok, type Diagnostic, type Result } from "./ir/diagnostics.js";
import { pointer, ROOT } from "./ir/pointer.js";
import { readRecordingFile } from "./hw/recording-io.js";
import { parseJsonSource } from "./ir/json-source.js";
import type { Checked } from "./ir/types.js";
import type { Elaborated } from "./ir/elaborated.js";
import type { AnyTarget } from "./targets/glia-types.js";
import { elaborate } from "./ir/elaborate.js";
import { loadNetworkFile } from "./ir/load.js";
import { listTargets, resolveTarget } from "./targets/load.js";
import { compileAny, type CompileResult, type GliaCompileResult } from "./passes/pipeline.js";
import type { MeasuredRange } from "./passes/precision/types.js";
import { measureStateRanges } from "./reference/ranges.js";
import { isGliaTarget } from "./targets/glia-types.js";
import type { CompileOptions } from "./passes/pass.js";
import { learningRefusals } from "./passes/learning-refusals.js";
import { encodeConfig } from "./hw/codec.js";
import { formatConfigJson, fromConfigJson } from "./hw/config-json.js";
import { decodeAnyConfig, isGliaConfig, type AnyConfig } from "./hw/any-config.js";
import { encodeGliaConfig } from "./hw/glia-codec.js";
import { formatGliaConfigJson, fromGliaConfigJson } from "./hw/glia-config-json.js";
import { GLIA_CONFIG_FORMAT } from "./hw/glia-config.js";
import { simulate, type ReferenceResult } from "./reference/simulator.js";
import type { EmulationResult } from "./emulator/emulator.js";
import { emulateAny } from "./emulator/any.js";
import { diffRecordings, type DiffReport } from "./diff/compare.js";
import { territoriesOf } from "./diff/territories.js";
import { DEFAULT_CRITERIA, loadCriteriaFile, type Criteria } from "./diff/criteria.js";
import type { Progress } from "./hw/host.js";
import { describeIoError } from "./util/io-errors.js";
import { energyMatrixOf, type MatrixCell, type MatrixNetwork } from "./energy/matrix.js";
import { outputSpikeCapFindings } from "./passes/layout-rules.js";
import { readableParams, type PopulationCalibration } from "./models/astro-calibrate-network.js";
import { experimentReport, recordEpisode, runExperiment, runScale, type ExperimentResult } from "./experiment/experiment.js";
import { parseExperimentSpec } from "./experiment/spec.js";
import { renderExperimentHtml } from "./experiment/report-html.js";
import { experimentResultJson, readExperimentResult, type StoredExperiment } from "./experiment/result-file.js";
import { mergeExperimentResults, type PartRange, type ResultPart } from "./experiment/merge.js";
import { SnanNetworkError } from "./experiment/snan-engine.js";

export const VERSION = "0.1.0";

export type { Diagnostic, Result, Severity } from "./ir/diagnostics.js";
export { hasErrors, makeDiagnostic } from "./ir/diagnostics.js";
export { pointer } from "./ir/pointer.js";
export { Rng } from "./util/rng.js";
export { DIAGNOSTICS, type DiagnosticCode } from "./ir/codes.js";
export type { Checked, Network } from "./ir/types.js";
export type { Elaborated } from "./ir/elaborated.js";
export type { Target } from "./targets/types.js";
export type { LearningSemantics } from "./targets/learning-types.js";
export type { CrossbarSemantics } from "./targets/crossbar-types.js";
export type { VteamParams, VteamWindow } from "./targets/vteam-types.js";
export type { HwLearning, HwPlasticProjection } from "./hw/learning-config.js";
export type { HwCrossbar } from "./hw/crossbar-config.js";
export type { AnyTarget, GliaTarget } from "./targets/glia-types.js";
export { isGliaTarget } from "./targets/glia-types.js";
export type { HwConfig } from "./hw/types.js";
export type { GliaConfig } from "./hw/glia-config.js";
export { isGliaConfig, decodeAnyConfig, type AnyConfig } from "./hw/any-config.js";
export { encodeGliaConfig, decodeGliaConfig } from "./hw/glia-codec.js";
export { toGliaConfigJson, fromGliaConfigJson, formatGliaConfigJson } from "./hw/glia-config-json.js";
export type { Recording, WeightRecording, WeightSnapshot } from "./hw/recording.js";
export type { Host, Progress } from "./hw/host.js";
export { loadNetwork, loadNetworkFile } from "./ir/load.js";
export { elaborate } from "./ir/elaborate.js";
export { loadTarget, loadTargetFile, resolveTarget, listTargets } from "./targets/load.js";
export { capabilitiesOf, type Capabilities } from "./targets/capabilities.js";
export {
  compile,
  compileGlia,
  compileAny,
  PIPELINE,
  PASSES,
  GLIA_PIPELINE,
  GLIA_PASSES,
  isPassName,
  type CompileResult,
  type GliaCompileResult,
  type PassName,
} from "./passes/pipeline.js";
export type { CompileOptions } from "./passes/pass.js";
export type { CompileReports, GliaCompileReports } from "./passes/pipeline.js";
export type { QuantizationReport, RoutingEntry, TrafficReport, TrafficSummary, UtilisationReport } from "./passes/stages.js";
export type { PrecisionReport, PopulationPrecision, RegisterRange, WeightBitsChoice } from "./passes/stages.js";
export { PRECISION_MODES, type MeasuredRange, type PrecisionMode } from "./passes/precision/types.js";
export { measureStateRanges, type StateRanges } from "./reference/ranges.js";
export { encodeConfig, decodeConfig } from "./hw/codec.js";
export { toConfigJson, fromConfigJson, formatConfigJson } from "./hw/config-json.js";
export { inspectConfig, type ConfigSummary } from "./hw/inspect.js";
export { inspectGliaConfig, type GliaConfigSummary } from "./hw/glia-inspect.js";
export { simulate, type ReferenceResult } from "./reference/simulator.js";
export { emulate, Emulator, type EmulationResult } from "./emulator/emulator.js";
export { interpretScalar } from "./emulator/scalar.js";
export { emulateGlia } from "./emulator/glia-emulator.js";
export { interpretGliaScalar } from "./emulator/glia-scalar.js";
export { emulateAny, interpretAny } from "./emulator/any.js";
export { simulateGlia } from "./reference/glia-simulator.js";
export { calibrateReduced, standardProtocol, fitError, type CalibrationResult } from "./models/astro-calibrate.js";
export { calibrateNetwork, readableParams, type PopulationCalibration } from "./models/astro-calibrate-network.js";
export { readRecordingFile, writeRecording, recordingFormOf, tracesPathFor, weightsPathFor } from "./hw/recording-io.js";
export { recordingFromHardware, readHardwareRecordingFiles } from "./hw/hardware-recording.js";
export { diffRecordings, type DiffReport } from "./diff/compare.js";
export { territoriesOf } from "./diff/territories.js";
export { compareWeights, pearson, spearman, type WeightsDiff, type ProjectionWeightDiff } from "./diff/weights.js";
export { memoryPerformance, type MemoryPerformance, type MemoryPerformanceOptions } from "./diff/memory-performance.js";
export { DEFAULT_CRITERIA, loadCriteriaFile, makeCriteria, type Criteria, type CriteriaInput } from "./diff/criteria.js";
export { renderTable, renderHtml, reportToJson, type HtmlExtras, type Paint, type PaintStyle } from "./diff/report.js";
export { energyHtml, engineering, OPERATION_LABELS, share, speedText, type EnergySection } from "./diff/energy-report.js";
export { renderPlacementHtml } from "./diff/placement-report.js";
export {
  estimateEnergy,
  estimateFromActivity,
  activityOf,
  placementOf,
  type Placement,
  gatingAblation,
  estimateNetworkText,
  withoutGating,
  energyTableOf,
  energyMatrixOf,
  type MatrixCell,
  type MatrixNetwork,
  type EnergyEstimate,
  type KindEstimate,
  type PopulationEstimate,
  type GatingAblation,
  type EnergyRun,
  type Activity,
  type ActivityRow,
  type OperationCounts,
} from "./energy/index.js";
export { OPERATION_KINDS, type OperationKind, type OperationCost, type EnergyTable, type CostBasis } from "./targets/energy-types.js";

/** Reads a hardware config of either family written by `compile` (config.pb or its config.json twin). */
export async function readConfigFile(path: string): Promise<Result<AnyConfig>> {
  const kind = extname(path).toLowerCase();
  if (kind !== ".pb" && kind !== ".json") return fail([makeDiagnostic("TP1304", ROOT, { file: path }, { file: path })]);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return fail([makeDiagnostic("TP1301", ROOT, { file: path, reason: describeIoError(error) }, { file: path })]);
  }
  if (kind === ".pb") return decodeAnyConfig(new Uint8Array(bytes), path);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    return fail([makeDiagnostic("TP4001", ROOT, { reason: `it is not valid JSON (${(error as Error).message})` }, { file: path })]);
  }
  const isGlia = typeof value === "object" && value !== null && (value as { format?: unknown }).format === GLIA_CONFIG_FORMAT;
  return isGlia ? fromGliaConfigJson(value, path) : fromConfigJson(value, path);
}

/** The files `compile` writes for a config: the binary and its readable twin. */
export function configFiles(config: AnyConfig): Record<string, string | Uint8Array> {
  if (isGliaConfig(config)) return { "config.pb": encodeGliaConfig(config), "config.json": formatGliaConfigJson(config) };
  return {
    "config.pb": encodeConfig(config),
    "config.json": formatConfigJson(config),
  };
}

/** Refuses to touch existing files unless `force`; reports every one that is in the way. */
export async function checkWritable(paths: readonly string[], force: boolean): Promise<Diagnostic[]> {
  if (force) return [];
  const existing = await Promise.all(paths.map(async (path) => ((await exists(path)) ? path : undefined)));
  return existing.filter((p): p is string => p !== undefined).map((file) => makeDiagnostic("TP1302", ROOT, { file }, { file }));
}

/** Writes `files` into `dir` (created if missing), never overwriting without `force`. */
export async function writeOutputFiles(dir: string, files: Record<string, string | Uint8Array>, force: boolean): Promise<Result<string[]>> {
  const paths = Object.keys(files).map((name) => join(dir, name));
  const blocked = await checkWritable(paths, force);
  if (blocked.length > 0) return fail(blocked);
  try {
    await mkdir(dir, { recursive: true });
    for (const [name, data] of Object.entries(files)) await writeFile(join(dir, name), data);
  } catch (error) {
    return fail([makeDiagnostic("TP1303", ROOT, { file: dir, reason: describeIoError(error) }, { file: dir })]);
  }
  return ok(paths);
}

/** Loads, elaborates and compiles a network file for a target (a bundled name or a file). */
export async function compileFiles(
  networkPath: string,
  targetRef: string,
  options: CompileOptions = {},
): Promise<{ network?: Checked; elaborated?: Elaborated; target?: AnyTarget; result: CompileResult | GliaCompileResult | Result<never> }> {
  const [network, target] = await Promise.all([loadNetworkFile(networkPath), resolveTarget(targetRef)]);
  const loadProblems = [...network.diagnostics, ...target.diagnostics];
  if (!network.ok || !target.ok) return { result: fail(loadProblems) };
  const elaborated = elaborate(network.value);
  const result = compileAny(elaborated, target.value, { file: networkPath, ...withMeasuredRanges(elaborated, target.value, options) });
  const located = await locateInFile(result.diagnostics, networkPath);
  return {
    network: network.value,
    elaborated,
    target: target.value,
    result: { ...result, diagnostics: [...loadProblems, ...located] },
  };
}

/**
 * Spikes per second per neuron of every population a recording holds spikes of (e.g. the
 * reference's), for the traffic estimates of placement (CompileOptions.populationRates).
 * TP1320 when it holds no spike train at all.
 */
export async function populationRatesFromFile(recordingPath: string): Promise<Result<Record<string, number>>> {
  const read = await readRecordingFile(recordingPath);
  if (!read.ok) return read;
  const recording = read.value;
  const seconds = (recording.steps * recording.dtMs) / 1000;
  const rates: Record<string, number> = {};
  for (const population of recording.populations) {
    if (population.spikes === undefined || population.size === 0 || seconds <= 0) continue;
    rates[population.id] = population.spikes.step.length / (population.size * seconds);
  }
  if (Object.keys(rates).length === 0) return fail([makeDiagnostic("TP1320", ROOT, { file: recordingPath }, { file: recordingPath })]);
  return { ok: true, value: rates, diagnostics: read.diagnostics };
}

/** The default of CompileOptions.profileMargin: measured ranges are widened by half. */
export const DEFAULT_PROFILE_MARGIN = 1.5;

/**
 * The ranges of the network's float state on its own inputs (the reference's run), each end
 * multiplied by `margin` (≥ 1), as CompileOptions.measuredRanges for precision "profile".
 */
export function measureRanges(elaborated: Elaborated, margin: number = DEFAULT_PROFILE_MARGIN): MeasuredRange[] {
  if (!(Number.isFinite(margin) && margin >= 1)) throw new RangeError(`the profile margin must be a number ≥ 1, got ${margin}`);
  const widen = ({ min, max }: { min: number; max: number }) => ({ min: min * margin, max: max * margin });
  return measureStateRanges(elaborated).map((r) => ({ population: r.population, current: r.current.map(widen), voltage: widen(r.voltage) }));
}

/** Precision "profile" without ranges on a LIF network and target: the options with the ranges measured. */
function withMeasuredRanges(elaborated: Elaborated, target: AnyTarget, options: CompileOptions): CompileOptions {
  if (options.precision !== "profile" || options.measuredRanges !== undefined || isGliaTarget(target)) return options;
  if (!elaborated.populations.every((p) => p.model === "lif")) return options; // the target refuses it (TP303x)
  return { ...options, measuredRanges: measureRanges(elaborated, options.profileMargin ?? DEFAULT_PROFILE_MARGIN) };
}

/** How one target takes a network: it fits (on `coresUsed` cores), or every error that refuses it. */
export interface TargetFit {
  /** The target's name (for a target file: the name inside it). */
  readonly target: string;
  readonly version: string;
  readonly fits: boolean;
  readonly coresUsed?: number;
  /** Cores the target has: one chip's, or all chips' on a board. */
  readonly targetCores?: number;
  /** Error diagnostics, each with a JSON pointer and line:col into the network file. */
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

export interface PortabilityReport {
  readonly network: string;
  /** Warnings of loading the network itself (the same for every target). */
  readonly warnings: readonly Diagnostic[];
  readonly targets: readonly TargetFit[];
}

export interface PortabilityOptions extends CompileOptions {
  /** Called before each target is compiled, for progress output. */
  readonly onTarget?: (target: string, index: number, total: number) => void;
}

/**
 * Compiles a network in memory for each target ("all": every bundled one) and reports which
 * take it. Fails (bad input) only when the network or a target cannot be loaded; a refusal is
 * a TargetFit with its errors, not a failure.
 */
export async function checkPortability(networkPath: string, targetRefs: readonly string[] | "all", options: PortabilityOptions = {}): Promise<Result<PortabilityReport>> {
  const refs = targetRefs === "all" ? listTargets() : targetRefs;
  const [network, ...targets] = await Promise.all([loadNetworkFile(networkPath), ...refs.map((ref) => resolveTarget(ref))]);
  const loadProblems = [network, ...targets].flatMap((r) => r.diagnostics);
  if (!network.ok || targets.some((t) => !t.ok)) return fail(loadProblems);
  const elaborated = elaborate(network.value);
  const { onTarget, ...compileOptions } = options;
  const fits: TargetFit[] = [];
  for (const [index, loaded] of targets.entries()) {
    const target = (loaded as { value: AnyTarget }).value;
    onTarget?.(target.name, index, targets.length);
    const result = compileAny(elaborated, target, { ...compileOptions, file: networkPath });
    // a refused compilation stopped at its first failing pass: add the learning refusals it did not reach
    const unreached = result.ok ? [] : learningRefusals(elaborated, target, networkPath).filter((d) => !result.diagnostics.some((r) => r.code === d.code && r.path === d.path));
    const located = await locateInFile([...result.diagnostics, ...unreached], networkPath);
    const utilisation = result.reports.utilisation;
    fits.push({
      target: target.name,
      version: target.version,
      fits: result.ok,
      ...(result.ok && utilisation !== undefined ? { coresUsed: utilisation.coresUsed, targetCores: utilisation.systemCores } : {}),
      errors: located.filter((d) => d.severity === "error"),
      warnings: located.filter((d) => d.severity !== "error"),
    });
  }
  return ok({ network: networkPath, warnings: network.diagnostics, targets: fits }, loadProblems);
}

/**
 * The energy matrix of network files on targets ("all": every bundled one): per cell the estimate
 * of the emulated run or the codes that refuse it (src/energy/matrix.ts). Rows are labelled by
 * `labelOf(path)` (default: the path). Fails when a file or target does not load.
 */
export async function energyMatrix(
  networkPaths: readonly string[],
  targetRefs: readonly string[] | "all",
  options: { readonly labelOf?: (path: string) => string; readonly onCell?: (network: string, target: string) => void } = {},
): Promise<Result<MatrixCell[]>> {
  const refs = targetRefs === "all" ? listTargets() : targetRefs;
  const targets = await Promise.all(refs.map((ref) => resolveTarget(ref)));
  const texts: MatrixNetwork[] = [];
  const problems = targets.flatMap((t) => (t.ok ? [] : t.diagnostics));
  for (const path of networkPaths) {
    try {
      texts.push({ label: options.labelOf?.(path) ?? path, text: await readFile(path, "utf8"), file: path });
    } catch (error) {
      problems.push(makeDiagnostic("TP1000", ROOT, { file: path, reason: describeIoError(error) }, { file: path }));
    }
  }
  if (problems.length > 0) return fail(problems);
  return energyMatrixOf(texts, targets.map((t) => (t as { value: AnyTarget }).value), options.onCell !== undefined ? { onCell: options.onCell } : {});
}

/** Adds line:col to diagnostics that point into `path` (the compiler reports pointers only). */
async function locateInFile(diagnostics: readonly Diagnostic[], path: string): Promise<readonly Diagnostic[]> {
  if (diagnostics.every((d) => d.line !== undefined || d.file !== path)) return diagnostics;
  try {
    const parsed = parseJsonSource(await readFile(path, "utf8"), path, "TP1001");
    if (!parsed.ok) return diagnostics;
    return diagnostics.map((d) => (d.line === undefined && d.file === path ? { ...d, ...parsed.source.locate(d.path) } : d));
  } catch {
    return diagnostics;
  }
}

export interface VerifyOptions {
  /** Criteria file; default: criteria.json beside the network file when present, else the defaults. */
  readonly criteriaPath?: string;
  readonly compile?: CompileOptions;
  readonly onProgress?: (phase: "simulate" | "emulate", done: number, total: number) => void;
  /** Steps (besides the last) at whose end both engines dump the weights of plastic projections. */
  readonly weightSteps?: readonly number[];
}

export interface VerifyOutcome {
  readonly config: AnyConfig;
  readonly compile: CompileResult | GliaCompileResult;
  readonly reference: ReferenceResult;
  readonly emulation: EmulationResult;
  readonly criteria: Criteria;
  readonly criteriaPath?: string;
  readonly diff: DiffReport;
  readonly seconds: { readonly compile: number; readonly simulate: number; readonly emulate: number; readonly diff: number };
}

/** compile + simulate + emulate + diff: the main job. Diagnostics cover every input file. */
export async function verifyFiles(networkPath: string, targetRef: string, options: VerifyOptions = {}): Promise<Result<VerifyOutcome>> {
  const criteriaPath = options.criteriaPath ?? (await criteriaBeside(networkPath));
  const criteria = criteriaPath === undefined ? ok(DEFAULT_CRITERIA) : await loadCriteriaFile(criteriaPath);
  let clock = performance.now();
  const lap = () => {
    const now = performance.now();
    const seconds = (now - clock) / 1000;
    clock = now;
    return seconds;
  };
  const compiled = await compileFiles(networkPath, targetRef, options.compile);
  const early = [...criteria.diagnostics, ...compiled.result.diagnostics, ...(await locateInFile(silentExternalPorts(compiled.network, networkPath), networkPath))];
  if (!criteria.ok || !compiled.result.ok || compiled.elaborated === undefined) return fail(early);
  const compileSeconds = lap();
  const config = compiled.result.value;
  const progress = (phase: "simulate" | "emulate"): Progress | undefined =>
    options.onProgress ? (done, total) => options.onProgress?.(phase, done, total) : undefined;
  const weightSteps = options.weightSteps?.filter((step) => step < compiled.elaborated!.steps);
  const dumps = weightSteps !== undefined ? { weightSteps } : {};
  const reference = simulate(compiled.elaborated, { onProgress: progress("simulate"), ...dumps });
  const simulateSeconds = lap();
  const emulation = emulateAny(config, { onProgress: progress("emulate"), ...dumps });
  const emulateSeconds = lap();
  const target = compiled.target;
  const capped = target !== undefined && !isGliaTarget(target) ? await locateInFile(outputSpikeCapFindings(compiled.elaborated, emulation.recording, target, networkPath), networkPath) : [];
  const territories = territoriesOf(compiled.elaborated);
  const diff = diffRecordings(reference.recording, emulation.recording, criteria.value, { territories });
  if (!diff.ok) return fail([...early, ...capped, ...diff.diagnostics]);
  return ok(
    {
      config,
      compile: compiled.result as CompileResult | GliaCompileResult,
      reference,
      emulation,
      criteria: criteria.value,
      ...(criteriaPath !== undefined ? { criteriaPath } : {}),
      diff: diff.value,
      seconds: { compile: compileSeconds, simulate: simulateSeconds, emulate: emulateSeconds, diff: lap() },
    },
    [...early, ...capped, ...diff.diagnostics],
  );
}

/**
 * The steps at whose end weights are dumped every `everyMs` of a run of `steps` steps of `dtMs`:
 * n − 1, 2n − 1, … with n = round(everyMs / dtMs); undefined when everyMs is shorter than half a step.
 */
export function weightDumpSteps(everyMs: number, dtMs: number, steps: number): number[] | undefined {
  const every = Math.round(everyMs / dtMs);
  if (!(every >= 1)) return undefined;
  const dumps: number[] = [];
  for (let step = every - 1; step < steps; step += every) dumps.push(step);
  return dumps;
}

/** Loads a network to run without a host program: external inputs get a warning (TP1306). */
export async function loadNetworkForRun(path: string): Promise<Result<Checked>> {
  const loaded = await loadNetworkFile(path);
  if (!loaded.ok) return loaded;
  return ok(loaded.value, [...loaded.diagnostics, ...(await locateInFile(silentExternalPorts(loaded.value, path), path))]);
}

/** A warning per external input: without a host program (as on the command line) it never fires. */
function silentExternalPorts(network: Checked | undefined, file: string): Diagnostic[] {
  if (network === undefined) return [];
  return network.inputs.flatMap((input, index) =>
    input.kind === "external" ? [makeDiagnostic("TP1306", pointer("inputs", index), { input: input.id }, { file })] : [],
  );
}

async function criteriaBeside(networkPath: string): Promise<string | undefined> {
  const candidate = join(networkPath, "..", "criteria.json");
  return (await exists(candidate)) ? candidate : undefined;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}


/**
 * The network file with each calibrated astrocyte population switched to the reduced model and
 * its fitted parameters (initial state left to the reduced model's rest). Everything else in the
 * file is kept as written.
 */
export async function reducedNetworkText(networkPath: string, calibrations: readonly PopulationCalibration[]): Promise<Result<string>> {
  let document: { astrocytes?: Record<string, unknown>[] };
  try {
    document = JSON.parse(await readFile(networkPath, "utf8")) as typeof document;
  } catch (error) {
    return fail([makeDiagnostic("TP1301", ROOT, { file: networkPath, reason: describeIoError(error) }, { file: networkPath })]);
  }
  for (const calibration of calibrations) {
    const population = document.astrocytes?.[calibration.index];
    if (population === undefined) continue;
    population.model = "reduced";
    population.params = readableParams(calibration.result.params);
    delete population.initial;
  }
  return ok(JSON.stringify(document, null, 2) + "\n");
}

// ---------------------------------------------------------------------------------------------
// The navigation experiment (docs/snan.md)

export {
  AGENT_NAMES, controlEngine, experimentReport, runExperiment, worldsOf,
  type AblationCondition, type AgentName, type DecisionEnergy, type ExperimentResult, type ExperimentSpec,
} from "./experiment/experiment.js";
export { AGREEMENT_METRICS, AGREEMENT_TOLERANCE, MIN_VERDICT_WORLDS, agreementTarget, compareConditions, type Agreement, type AgreementVerdict, type MetricAgreement } from "./experiment/agreement.js";
export { MAX_FIRST_WORLD, MAX_WORLDS, parseExperimentSpec } from "./experiment/spec.js";
export { mergeExperimentResults, type MergedExperiment, type PartRange, type ResultPart } from "./experiment/merge.js";
export { RESULT_FORMAT, experimentResultJson, readExperimentResult, type StoredExperiment } from "./experiment/result-file.js";
export { InjectionLog, loggingHost, perturbedReference, replayHost, replayWorld, type ReplayComparison, type ReplayTask, type ReplayWeights } from "./experiment/replay.js";
export { worldWorkerAvailable } from "./experiment/world-pool.js";
export { joules, renderExperimentHtml, type ExperimentReport } from "./experiment/report-html.js";
export { generateMaze, generateField, type GridWorld, type ObservationMode } from "./experiment/grid-world.js";
export type { Agent, Action } from "./experiment/agent.js";

export interface ExperimentRun {
  readonly result: ExperimentResult;
  /** The report page (renderExperimentHtml). */
  readonly html: string;
  /** The results as data: per condition its summary and every episode's steps and outcome. */
  readonly json: unknown;
}

/** The text of a file, or TP1301 naming it and why it does not read. */
async function readTextFile(file: string): Promise<Result<string>> {
  try {
    return ok(await readFile(file, "utf8"));
  } catch (error) {
    return fail([makeDiagnostic("TP1301", ROOT, { file, reason: describeIoError(error) }, { file })]);
  }
}

/** The target of each engine name other than "reference", looked up by name, or the diagnostics of the first that does not load. */
async function engineTargets(engines: readonly string[]): Promise<Result<(name: string) => AnyTarget | undefined>> {
  const targets = new Map<string, AnyTarget>();
  for (const engine of engines.filter((e) => e !== "reference")) {
    const target = await resolveTarget(engine);
    if (!target.ok) return fail(target.diagnostics);
    targets.set(engine, target.value);
  }
  return ok((name) => targets.get(name));
}

/**
 * Runs the experiment of `path`: an experiment.json, or a folder holding one. Every problem of
 * the file is a diagnostic (TP1301 unreadable, TP1330 a wrong field, target diagnostics for an
 * engine that does not load, the compiler's when the agent's network does not fit a target).
 */
export async function runExperimentFile(
  path: string,
  options: {
    readonly quick?: boolean;
    readonly jobs?: number;
    /** Replaces the scale's (with `quick` the quick setting's) firstWorld and worlds: one part of a split run. */
    readonly worlds?: { readonly firstWorld?: number; readonly worlds?: number };
    readonly onProgress?: (done: number, total: number, label: string) => void;
  } = {},
): Promise<Result<ExperimentRun>> {
  const file = (await stat(path).catch(() => undefined))?.isDirectory() === true ? join(path, "experiment.json") : path;
  const text = await readTextFile(file);
  if (!text.ok) return fail(text.diagnostics);
  const read = parseExperimentSpec(text.value, file);
  if (!read.ok) return read;
  const key = options.quick === true ? "quick" : "scale";
  const parsed = { ...read, value: { ...read.value, [key]: { ...read.value[key], ...options.worlds } } };
  const targets = await engineTargets(parsed.value.engines);
  if (!targets.ok) return fail(targets.diagnostics);
  try {
    const result = await runExperiment(parsed.value, {
      quick: options.quick === true,
      targets: targets.value,
      ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
      ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    });
    const json = experimentResultJson(result);
    return ok({ result, html: renderExperimentHtml(experimentReport(result)), json });
  } catch (error) {
    if (error instanceof SnanNetworkError) return fail([...error.diagnostics]);
    if (error instanceof RangeError) return fail([makeDiagnostic("TP1330", pointer("engines"), { field: "/engines", value: "(see below)", expected: error.message }, { file })]);
    throw error;
  }
}

/**
 * Pools the experiment-result.json files of a run split by `scale.firstWorld` (docs/snan.md,
 * "Splitting a long run") into the result of all their worlds: TP1301 for a file that does not
 * read, TP1331 for one that is not a result, TP1332 for parts that do not pool, a TP1333 warning
 * for each condition left out because some part lacks it. The recorded episode of the report is
 * recorded again (the parts do not keep it), so the pooled result is that of a single run.
 */
export async function mergeExperimentFiles(paths: readonly string[]): Promise<Result<ExperimentRun & { readonly parts: readonly PartRange[] }>> {
  const parts: ResultPart[] = [];
  const problems: Diagnostic[] = [];
  for (const file of paths) {
    const text = await readTextFile(file);
    const stored = text.ok ? readExperimentResult(text.value, file) : fail<StoredExperiment>(text.diagnostics);
    if (stored.ok) parts.push({ file, stored: stored.value });
    else problems.push(...stored.diagnostics);
  }
  if (problems.length > 0) return fail(problems);
  const merged = mergeExperimentResults(parts);
  if (!merged.ok) return fail(merged.diagnostics);
  const pooled = merged.value.result;
  // the parts do not keep the recorded episode; it is one episode, so it is recorded again
  let result = pooled;
  if (pooled.spec.agents.includes("snan")) {
    const targets = await engineTargets(pooled.spec.engines.slice(0, 1));
    if (!targets.ok) return fail(targets.diagnostics);
    result = { ...pooled, shown: recordEpisode(pooled.spec, runScale(pooled.spec, pooled.quick), { targets: targets.value }) };
  }
  return ok({ result, parts: merged.value.parts, html: renderExperimentHtml(experimentReport(result)), json: experimentResultJson(result, merged.value.parts) }, merged.diagnostics);
}

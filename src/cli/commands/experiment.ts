import { availableParallelism } from "node:os";
import { join } from "node:path";
import { AGREEMENT_TOLERANCE, MAX_FIRST_WORLD, MAX_WORLDS, MIN_VERDICT_WORLDS, agreementTarget, checkWritable, controlEngine, joules, mergeExperimentFiles, runExperimentFile, worldWorkerAvailable, writeOutputFiles, type ExperimentResult } from "../../index.js";
import type { CliIo } from "../io.js";
import { ExitCode } from "../exit-codes.js";
import { painter, table } from "../format.js";
import { optionError, printDiagnostics, printJson, progressFor } from "./shared.js";

export interface ExperimentFlags {
  out: string;
  quick?: boolean;
  force?: boolean;
  quiet?: boolean;
  json?: boolean;
  /** Worker threads for the spiking agents' worlds; default one per core (1 when the sources run untranspiled). */
  jobs?: number;
  /** Override the scale's (or with --quick the quick setting's) firstWorld and worlds: one part of a split run. */
  firstWorld?: number;
  worlds?: number;
}

const RESULT_FILE = "experiment-result.json";
const REPORT_FILE = "report.html";

/** `tripart experiment <folder|experiment.json>`: run every agent on every world, print and write the results. */
export async function runExperimentCommand(path: string, flags: ExperimentFlags, io: CliIo): Promise<ExitCode> {
  if (flags.jobs !== undefined && !(Number.isInteger(flags.jobs) && flags.jobs >= 1)) {
    return optionError("--jobs", String(flags.jobs), "it must be a positive whole number of worker threads", "experiment", io);
  }
  if (flags.firstWorld !== undefined && !(Number.isInteger(flags.firstWorld) && flags.firstWorld >= 0 && flags.firstWorld <= MAX_FIRST_WORLD)) {
    return optionError("--first-world", String(flags.firstWorld), `it must be a whole number from 0 to ${MAX_FIRST_WORLD}`, "experiment", io);
  }
  if (flags.worlds !== undefined && !(Number.isInteger(flags.worlds) && flags.worlds >= 1 && flags.worlds <= MAX_WORLDS)) {
    return optionError("--worlds", String(flags.worlds), `it must be a whole number from 1 to ${MAX_WORLDS}`, "experiment", io);
  }
  const jobs = flags.jobs ?? (worldWorkerAvailable() ? availableParallelism() : 1);
  const outputs = [join(flags.out, RESULT_FILE), join(flags.out, REPORT_FILE)];
  const blocked = await checkWritable(outputs, flags.force === true);
  if (blocked.length > 0) return printDiagnostics(blocked, io);
  const bar = progressFor(io, "experiment", flags.quiet === true || flags.json === true);
  const worlds = { ...(flags.firstWorld !== undefined && { firstWorld: flags.firstWorld }), ...(flags.worlds !== undefined && { worlds: flags.worlds }) };
  const run = await runExperimentFile(path, { quick: flags.quick === true, jobs, worlds, onProgress: (done, total) => bar.update(done, total) });
  bar.stop();
  if (!run.ok) return printDiagnostics(run.diagnostics, io);
  const written = await writeOutputFiles(flags.out, { [RESULT_FILE]: JSON.stringify(run.value.json, null, 1) + "\n", [REPORT_FILE]: run.value.html }, true);
  if (!written.ok) return printDiagnostics(written.diagnostics, io);
  if (flags.json) {
    printJson(run.value.json, io);
    return ExitCode.Ok;
  }
  io.writeOut(summaryText(run.value.result, io) + `\nresults → ${outputs[0]}, report → ${outputs[1]}\n`);
  return ExitCode.Ok;
}

export interface ExperimentMergeFlags {
  out: string;
  force?: boolean;
  json?: boolean;
}

/** `tripart experiment-merge <result files…>`: pool the parts of a split run, print and write the pooled results. */
export async function runExperimentMergeCommand(files: readonly string[], flags: ExperimentMergeFlags, io: CliIo): Promise<ExitCode> {
  const outputs = [join(flags.out, RESULT_FILE), join(flags.out, REPORT_FILE)];
  const blocked = await checkWritable(outputs, flags.force === true);
  if (blocked.length > 0) return printDiagnostics(blocked, io);
  const merged = await mergeExperimentFiles(files);
  if (!merged.ok) return printDiagnostics(merged.diagnostics, io);
  printDiagnostics(merged.diagnostics, io);
  const written = await writeOutputFiles(flags.out, { [RESULT_FILE]: JSON.stringify(merged.value.json, null, 1) + "\n", [REPORT_FILE]: merged.value.html }, true);
  if (!written.ok) return printDiagnostics(written.diagnostics, io);
  if (flags.json) {
    printJson(merged.value.json, io);
    return ExitCode.Ok;
  }
  const parts = merged.value.parts.map((p) => `${p.file} (worlds ${p.firstWorld}–${p.firstWorld + p.worlds - 1})`).join(", ");
  io.writeOut(`pooled ${parts}\n` + summaryText(merged.value.result, io) + `\nresults → ${outputs[0]}, report → ${outputs[1]}\n`);
  return ExitCode.Ok;
}

const interval = (i: { estimate: number; low: number; high: number }, scale = 1, digits = 0): string =>
  Number.isFinite(i.estimate) ? `${(scale * i.estimate).toFixed(digits)} [${(scale * i.low).toFixed(digits)}, ${(scale * i.high).toFixed(digits)}]` : "—";

function summaryText(result: ExperimentResult, io: CliIo): string {
  const rows = result.conditions.map((c) => [
    c.agent,
    c.engine,
    `${c.size}×${c.size}`,
    String(c.summary.episodes),
    interval(c.summary.medianPathLength),
    `${interval(c.summary.completion, 100)} %`,
    `${(100 * c.summary.meanRevisitRate).toFixed(0)} %`,
    `${(100 * c.summary.meanCoverage).toFixed(0)} %`,
  ]);
  const lines = [
    `${result.spec.name}${result.quick ? " (quick)" : ""}: median path counts a failure at the budget; 95 % intervals (bootstrap over worlds; Wilson)`,
    table(["agent", "engine", "world", "episodes", "median path", "completion", "revisits", "coverage"], rows, painter(io.color)),
  ];
  for (const h of result.headline) lines.push(`median path, snan / snan-no-astrocytes on ${h.size}×${h.size} (${h.engine}): ${interval(h.ratio, 1, 2)}`);
  const paint = painter(io.color);
  if (result.agreement.length > 0) {
    lines.push(
      "",
      `emulated against the reference, same seeds: relative difference with its 95 % interval (paired bootstrap over worlds); ` +
        `verdict against ±${100 * AGREEMENT_TOLERANCE} %: within, beyond, or undecided (the interval crosses the edge; none below ${MIN_VERDICT_WORLDS} worlds):`,
    );
    const rows = result.agreement.flatMap((a) => a.metrics.map((m) => [
      a.agent,
      `${a.size}×${a.size}`,
      agreementTarget(a),
      m.metric,
      `${figure(m.metric, m.reference)} → ${figure(m.metric, m.emulated)}`,
      `${signedPercent(m.relativeDifference)} [${signedPercent(m.low)}, ${signedPercent(m.high)}]`,
      m.verdict,
    ]));
    lines.push(table(["agent", "world", "target", "metric", "reference → emulated", "difference [95 %]", "verdict"], rows, paint));
    if (result.spec.control !== undefined) {
      lines.push(
        `${controlEngine(result.spec.control)} is the control: the reference with its input weight changed by that factor; the closed loop amplifies it as it amplifies an engine's difference, ` +
          `so its rows are the floor to read the engines' against, and "against the control" compares an engine with it (columns reference → emulated: control → engine)`,
      );
    }
    for (const a of result.agreement) {
      lines.push(`${a.agent} ${a.size}×${a.size} on ${agreementTarget(a)}: ${a.worlds} worlds, ${a.episodes} episodes; same outcome ${(100 * a.sameOutcome).toFixed(0)} %, same length ${(100 * a.sameLength).toFixed(0)} %; ` +
        `every metric within ${100 * AGREEMENT_TOLERANCE} %: ${a.withinTolerance ? "yes" : "no"}, shown by every interval: ${a.shownWithin ? "yes" : "no"}`);
    }
  }
  for (const e of result.energy) {
    lines.push(`energy per decision, ${e.agent} ${e.size}×${e.size} on ${e.engine}: ${joules(e.energyPerDecision)} (${joules(e.energy)} over ${e.decisions} decisions in ${e.windows} windows; ${joules(e.energyPerWindow)} per window)`);
  }
  if (result.ablation.length > 0) {
    lines.push("", "ablation: snan with one parameter changed at a time (base value marked *):");
    const rows = result.ablation.map((a) => [a.parameter, `${a.value}${a.value === a.base ? "*" : ""}`, `${a.size}×${a.size}`, a.engine, interval(a.summary.medianPathLength), `${interval(a.summary.completion, 100)} %`, `${(100 * a.summary.meanRevisitRate).toFixed(0)} %`]);
    lines.push(table(["parameter", "value", "world", "engine", "median path", "completion", "revisits"], rows, paint));
  }
  return lines.join("\n");
}

const signedPercent = (x: number): string => (Number.isFinite(x) ? `${x >= 0 ? "+" : ""}${(100 * x).toFixed(1)} %` : "—");
const figure = (metric: string, x: number): string => (metric === "median path" ? String(x) : metric === "mean path" ? x.toFixed(1) : `${(100 * x).toFixed(0)} %`);

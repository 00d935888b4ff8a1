import { join } from "node:path";
import {
  checkWritable,
  configFiles,
  energyTableOf,
  estimateEnergy,
  isGliaConfig,
  placementOf,
  loadNetworkFile,
  renderHtml,
  renderTable,
  reportToJson,
  resolveTarget,
  verifyFiles,
  weightDumpSteps,
  writeOutputFiles,
  writeRecording,
  type EnergyEstimate,
  type EnergyTable,
  type VerifyOutcome,
} from "../../index.js";
import type { CliIo } from "../io.js";
import { noteStage } from "../crash.js";
import { ExitCode } from "../exit-codes.js";
import { count } from "../format.js";
import { optionError, printDiagnostics, printJson, progressFor, reportPaint, writeReportFile } from "./shared.js";
import { positiveDuration } from "./recording-out.js";
import { energySummary } from "./energy-format.js";
import { estimateJson } from "./energy.js";

export interface VerifyFlags {
  target: string;
  criteria?: string;
  out?: string;
  html?: string;
  learningEpoch?: number;
  weightsEvery?: number;
  force?: boolean;
  quiet?: boolean;
  json?: boolean;
}

const OUTPUT_FILES = ["config.pb", "config.json", "reference.json", "emulator.json", "diff.json"];

export async function runVerify(networkPath: string, flags: VerifyFlags, io: CliIo): Promise<ExitCode> {
  const outputs = [...(flags.out !== undefined ? OUTPUT_FILES.map((f) => join(flags.out as string, f)) : []), ...(flags.html ? [flags.html] : [])];
  const blocked = await checkWritable(outputs, flags.force === true);
  if (blocked.length > 0) return printDiagnostics(blocked, io);

  if (flags.learningEpoch !== undefined && !(Number.isInteger(flags.learningEpoch) && flags.learningEpoch >= 1)) {
    return optionError("--learning-epoch", String(flags.learningEpoch), "it must be a positive whole number of steps", "verify", io);
  }
  if (!positiveDuration(flags.weightsEvery, "--weights-every", "verify", io)) return ExitCode.BadInput;
  const weightSteps = flags.weightsEvery !== undefined ? await weightStepsOfNetwork(networkPath, flags.weightsEvery) : undefined;
  if (weightSteps === null) {
    return optionError("--weights-every", String(flags.weightsEvery), "it is shorter than half the network's time step", "verify", io);
  }
  const quiet = flags.quiet === true || flags.json === true;
  const bars = { simulate: progressFor(io, "simulate", quiet), emulate: progressFor(io, "emulate", quiet) };
  const result = await verifyFiles(networkPath, flags.target, {
    ...(flags.criteria !== undefined ? { criteriaPath: flags.criteria } : {}),
    compile: { onPassStart: (pass) => noteStage(`pass ${pass}`), ...(flags.learningEpoch !== undefined ? { learningEpoch: flags.learningEpoch } : {}) },
    ...(weightSteps !== undefined ? { weightSteps } : {}),
    onProgress: (phase, done, total) => {
      noteStage(phase);
      bars[phase].update(done, total);
      if (done === total) bars[phase].stop();
    },
  });
  bars.simulate.stop();
  bars.emulate.stop();
  const code = printDiagnostics(result.diagnostics, io);
  if (!result.ok) return code;
  const outcome = result.value;
  const priced = await energyOf(outcome, flags.target);
  const energy = priced?.estimate;
  if (flags.out !== undefined) {
    const diffJson = { ...(reportToJson(outcome.diff) as Record<string, unknown>), ...(energy !== undefined ? { energy: estimateJson(energy) } : {}) };
    const written = await writeOutputFiles(flags.out, { ...configFiles(outcome.config), "diff.json": JSON.stringify(diffJson, null, 1) + "\n" }, flags.force === true);
    if (!written.ok) return printDiagnostics(written.diagnostics, io);
    for (const [name, recording] of [["reference.json", outcome.reference.recording], ["emulator.json", outcome.emulation.recording]] as const) {
      const saved = await writeRecording(recording, join(flags.out, name));
      if (!saved.ok) return printDiagnostics(saved.diagnostics, io);
    }
  }
  if (flags.html !== undefined) {
    const saved = await writeReportFile(flags.html, renderHtml(outcome.diff, outcome.reference.recording, outcome.emulation.recording, priced !== undefined ? { energy: priced } : {}), io);
    if (saved !== ExitCode.Ok) return saved;
  }
  if (flags.json) printJson({ ...summaryJson(outcome), ...(energy !== undefined ? { energy: estimateJson(energy) } : {}) }, io);
  else io.writeOut(summaryText(networkPath, outcome, io) + (energy !== undefined ? "\n" + energySummary(energy) : ""));
  return outcome.diff.pass ? ExitCode.Ok : ExitCode.Failed;
}

/** The emulated run priced by the target's energy table, with the table; undefined for a target without one. */
async function energyOf(outcome: VerifyOutcome, targetRef: string): Promise<{ estimate: EnergyEstimate; table: EnergyTable } | undefined> {
  const target = await resolveTarget(targetRef);
  const table = target.ok ? energyTableOf(target.value) : undefined;
  if (table === undefined || !table.ok) return undefined;
  return { estimate: estimateEnergy(outcome.config, outcome.emulation.counts, table.value, outcome.emulation.recording, placementOf(outcome.compile)), table: table.value };
}

function summaryJson(outcome: VerifyOutcome) {
  return {
    pass: outcome.diff.pass,
    target: outcome.config.target,
    criteria: outcome.criteriaPath ?? "defaults",
    seconds: outcome.seconds,
    reference: outcome.reference.counts,
    emulator: { ...outcome.emulation.counts, overflow: outcome.emulation.overflow },
    diff: reportToJson(outcome.diff),
  };
}

function summaryText(networkPath: string, outcome: VerifyOutcome, io: CliIo): string {
  const { reference, emulation, seconds, config } = outcome;
  const overflow = Object.entries(emulation.overflow).filter(([, n]) => n > 0);
  return (
    `verify ${networkPath} on ${config.target.name} ${config.target.version} ` +
    `(${isGliaConfig(config) ? count(config.neurons.reduce((n, g) => n + g.size, 0), "neuron") + ", " + count(config.astrocytes.reduce((n, g) => n + g.size, 0), "astrocyte") : count(config.cores.length, "core")}, ` +
    `${count(config.steps, "step")} of ${config.dtMs} ms; criteria: ${outcome.criteriaPath ?? "defaults"})\n` +
    `  compile ${seconds.compile.toFixed(2)} s · reference ${seconds.simulate.toFixed(2)} s (${count(reference.counts.spikes, "spike")}) · ` +
    `emulator ${seconds.emulate.toFixed(2)} s (${count(emulation.counts.spikes, "spike")}) · overflow ${overflow.length === 0 ? "none" : overflow.map(([k, n]) => `${k} ${n}`).join(", ")}\n\n` +
    renderTable(outcome.diff, { paint: reportPaint(io.color) })
  );
}

/**
 * Dump steps for --weights-every from the network's run settings; undefined when the network
 * does not load (verify reports why), null when the interval is shorter than half a step.
 */
async function weightStepsOfNetwork(networkPath: string, everyMs: number): Promise<number[] | null | undefined> {
  const network = await loadNetworkFile(networkPath);
  if (!network.ok) return undefined;
  const { dt, duration } = network.value.run;
  return weightDumpSteps(everyMs, dt, Math.round(duration / dt)) ?? null;
}

import { emulateAny, readConfigFile, recordingFormOf, weightDumpSteps, writeRecording, type EmulationResult } from "../../index.js";
import type { CliIo } from "../io.js";
import { noteStage } from "../crash.js";
import { ExitCode } from "../exit-codes.js";
import { count } from "../format.js";
import { optionError, printDiagnostics, printJson, progressFor } from "./shared.js";
import { checkRecordingTarget, positiveDuration, positiveInteger } from "./recording-out.js";
import type { RunFlags } from "./simulate.js";

export async function runEmulate(configPath: string, flags: RunFlags, io: CliIo): Promise<ExitCode> {
  if (!positiveInteger(flags.steps, "--steps", "emulate", io)) return ExitCode.BadInput;
  if (!positiveDuration(flags.weightsEvery, "--weights-every", "emulate", io)) return ExitCode.BadInput;
  const blocked = await checkRecordingTarget(flags.out, flags.force === true, "emulate", io);
  if (blocked !== ExitCode.Ok) return blocked;
  const config = await readConfigFile(configPath);
  const loadCode = printDiagnostics(config.diagnostics, io);
  if (!config.ok) return loadCode;
  const steps = flags.steps ?? config.value.steps;
  const weightSteps = flags.weightsEvery !== undefined ? weightDumpSteps(flags.weightsEvery, config.value.dtMs, steps) : undefined;
  if (flags.weightsEvery !== undefined && weightSteps === undefined) {
    return optionError("--weights-every", String(flags.weightsEvery), `it is shorter than half a time step (dt = ${config.value.dtMs} ms)`, "emulate", io);
  }
  const bar = progressFor(io, "emulate", flags.quiet === true || flags.json === true);
  const started = performance.now();
  noteStage("emulate");
  const result = emulateAny(config.value, { ...(flags.steps ? { steps: flags.steps } : {}), ...(weightSteps ? { weightSteps } : {}), onProgress: bar.update });
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  const written = await writeRecording(result.recording, flags.out, recordingFormOf(flags.out));
  if (!written.ok) return printDiagnostics(written.diagnostics, io);
  if (flags.json) {
    printJson({ ok: true, files: written.value, counts: result.counts, overflow: result.overflow, ...(result.overflowByPopulation ? { overflowByPopulation: result.overflowByPopulation } : {}), seconds }, io);
    return ExitCode.Ok;
  }
  const overflow = Object.entries(result.overflow).filter(([, n]) => n > 0);
  io.writeOut(
    `emulator: ${count(result.counts.steps, "step")}, ${count(result.counts.spikes, "spike")}, ${count(result.counts.synapticEvents, "synaptic event")} ` +
      `in ${seconds.toFixed(2)} s → ${written.value.join(", ")}\n` +
      `overflow: ${overflow.length === 0 ? "none" : overflow.map(([k, n]) => `${k} ${n}`).join(", ")}\n` +
      populationOverflowLines(result.overflowByPopulation) +
      learningLine(result.counts),
  );
  return ExitCode.Ok;
}

/** One line per population whose registers overflowed ("  exc: u.wrap 12, v.saturate 3"), none when all are zero. */
function populationOverflowLines(byPopulation: EmulationResult["overflowByPopulation"]): string {
  if (byPopulation === undefined) return "";
  return Object.entries(byPopulation)
    .map(([population, counts]) => [population, Object.entries(counts).filter(([, n]) => n > 0)] as const)
    .filter(([, counts]) => counts.length > 0)
    .map(([population, counts]) => `  ${population}: ${counts.map(([k, n]) => `${k} ${n}`).join(", ")}\n`)
    .join("");
}

/** On-chip learning and crossbar work of a run, when there was any. */
function learningLine(counts: EmulationResult["counts"]): string {
  const lines: string[] = [];
  if (counts.weightWrites !== undefined) {
    lines.push(`learning: ${count(counts.learningSynapseUpdates ?? 0, "synapse update")}, ${count(counts.weightWrites, "weight write")}, ${count(counts.learningTraceUpdates ?? 0, "trace update")}`);
  }
  const c = counts.crossbar;
  if (c !== undefined) {
    lines.push(
      `crossbar: ${count(c.rowReads, "row read")}, ${count(c.conversions, "ADC conversion")}, ${count(c.setPulses, "SET pulse")}, ${count(c.resetPulses, "RESET pulse")}; ` +
        `energy ${joules(c.readEnergy)} read + ${joules(c.adcEnergy)} ADC + ${joules(c.writeEnergy)} write = ${joules(c.energy)}`,
    );
  }
  return lines.map((line) => line + "\n").join("");
}

const joules = (j: number): string => (j === 0 ? "0 J" : `${j.toPrecision(3)} J`);

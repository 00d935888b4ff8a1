import { isGliaConfig, makeDiagnostic, pointer, readConfigFile, readHardwareRecordingFiles, recordingFormOf, writeRecording } from "../../index.js";
import type { CliIo } from "../io.js";
import { ExitCode } from "../exit-codes.js";
import { count } from "../format.js";
import { printDiagnostics, printJson } from "./shared.js";
import { checkRecordingTarget } from "./recording-out.js";

export interface DequantizeFlags {
  states?: string;
  out: string;
  force?: boolean;
  json?: boolean;
}

/** `tripart dequantize <config> <spikes.csv> [--states <states.csv>]`: hardware CSV → recording. */
export async function runDequantize(configPath: string, spikesPath: string, flags: DequantizeFlags, io: CliIo): Promise<ExitCode> {
  const blocked = await checkRecordingTarget(flags.out, flags.force === true, "dequantize", io);
  if (blocked !== ExitCode.Ok) return blocked;
  const config = await readConfigFile(configPath);
  const loadCode = printDiagnostics(config.diagnostics, io);
  if (!config.ok) return loadCode === ExitCode.Ok ? ExitCode.BadInput : loadCode;
  if (isGliaConfig(config.value)) return printDiagnostics([makeDiagnostic("TP1307", pointer(), { file: configPath }, { file: configPath })], io);
  const recording = await readHardwareRecordingFiles(config.value, spikesPath, flags.states);
  printDiagnostics(recording.diagnostics, io);
  if (!recording.ok) return ExitCode.BadInput;
  const written = await writeRecording(recording.value, flags.out, recordingFormOf(flags.out));
  if (!written.ok) return printDiagnostics(written.diagnostics, io);
  const spikes = recording.value.populations.reduce((n, p) => n + (p.spikes?.step.length ?? 0), 0);
  const traces = recording.value.populations.reduce((n, p) => n + p.traces.length, 0);
  if (flags.json) {
    printJson({ ok: true, files: written.value, steps: recording.value.steps, spikes, traces }, io);
    return ExitCode.Ok;
  }
  io.writeOut(`chip: ${count(recording.value.steps, "step")}, ${count(spikes, "spike")}, ${count(traces, "trace")} → ${written.value.join(", ")}\n`);
  return ExitCode.Ok;
}

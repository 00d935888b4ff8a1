import { emulateAny, readConfigFile, recordingFormOf, weightDumpSteps, writeRecording } from "../../index.js";
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
    printJson({ ok: true, files: written.value, counts: result.counts, overflow: result.overflow, seconds }, io);
    return ExitCode.Ok;
  }
  const overflow = Object.entries(result.overflow).filter(([, n]) => n > 0);
  io.writeOut(
    `emulator: ${count(result.counts.steps, "step")}, ${count(result.counts.spikes, "spike")}, ${count(result.counts.synapticEvents, "synaptic event")} ` +
      `in ${seconds.toFixed(2)} s → ${written.value.join(", ")}\n` +
      `overflow: ${overflow.length === 0 ? "none" : overflow.map(([k, n]) => `${k} ${n}`).join(", ")}\n`,
  );
  return ExitCode.Ok;
}

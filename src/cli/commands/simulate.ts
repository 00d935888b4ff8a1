import { elaborate, loadNetworkForRun, simulate, weightDumpSteps, writeRecording, recordingFormOf } from "../../index.js";
import type { CliIo } from "../io.js";
import { noteStage } from "../crash.js";
import { ExitCode } from "../exit-codes.js";
import { count } from "../format.js";
import { optionError, printDiagnostics, printJson, progressFor } from "./shared.js";
import { checkRecordingTarget, positiveDuration, positiveInteger } from "./recording-out.js";

export interface RunFlags {
  out: string;
  steps?: number;
  weightsEvery?: number;
  force?: boolean;
  quiet?: boolean;
  json?: boolean;
}

export async function runSimulate(networkPath: string, flags: RunFlags, io: CliIo): Promise<ExitCode> {
  if (!positiveInteger(flags.steps, "--steps", "simulate", io)) return ExitCode.BadInput;
  if (!positiveDuration(flags.weightsEvery, "--weights-every", "simulate", io)) return ExitCode.BadInput;
  const blocked = await checkRecordingTarget(flags.out, flags.force === true, "simulate", io);
  if (blocked !== ExitCode.Ok) return blocked;
  const network = await loadNetworkForRun(networkPath);
  const loadCode = printDiagnostics(network.diagnostics, io);
  if (!network.ok) return loadCode;
  const bar = progressFor(io, "simulate", flags.quiet === true || flags.json === true);
  const started = performance.now();
  noteStage("simulate");
  const elaborated = elaborate(network.value);
  const steps = flags.steps ?? elaborated.steps;
  const weightSteps = flags.weightsEvery !== undefined ? weightDumpSteps(flags.weightsEvery, network.value.run.dt, steps) : undefined;
  if (flags.weightsEvery !== undefined && weightSteps === undefined) {
    bar.stop();
    return optionError("--weights-every", String(flags.weightsEvery), `it is shorter than half a time step (dt = ${network.value.run.dt} ms)`, "simulate", io);
  }
  const result = simulate(elaborated, { ...(flags.steps ? { steps: flags.steps } : {}), ...(weightSteps ? { weightSteps } : {}), onProgress: bar.update });
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  const written = await writeRecording(result.recording, flags.out, recordingFormOf(flags.out));
  if (!written.ok) return printDiagnostics(written.diagnostics, io);
  if (flags.json) printJson({ ok: true, files: written.value, counts: result.counts, seconds }, io);
  else
    io.writeOut(
      `reference: ${count(result.counts.steps, "step")}, ${count(result.counts.spikes, "spike")}, ${count(result.counts.synapticEvents, "synaptic event")} ` +
        `in ${seconds.toFixed(2)} s → ${written.value.join(", ")}\n`,
    );
  return ExitCode.Ok;
}

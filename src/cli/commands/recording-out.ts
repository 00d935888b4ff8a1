/** Checks of a recording output path before a long run, so no work is lost at the end. */
import { checkWritable, recordingFormOf, tracesPathFor, weightsPathFor } from "../../index.js";
import type { CliIo } from "../io.js";
import { ExitCode } from "../exit-codes.js";
import { optionError, printDiagnostics } from "./shared.js";

/** `command` names the command in the hint of a bad --out (`tripart help <command>`). */
export async function checkRecordingTarget(path: string, force: boolean, command: string, io: CliIo): Promise<ExitCode> {
  if (recordingFormOf(path) === undefined) {
    return optionError("--out", path, "it must end in .json, .pb or .csv (the recording's form)", command, io);
  }
  const paths = path.toLowerCase().endsWith(".csv") ? [path, tracesPathFor(path), weightsPathFor(path)] : [path];
  const blocked = await checkWritable(paths, force);
  return blocked.length > 0 ? printDiagnostics(blocked, io) : ExitCode.Ok;
}

export function positiveInteger(value: number | undefined, option: string, command: string, io: CliIo): boolean {
  if (value === undefined || (Number.isInteger(value) && value > 0)) return true;
  optionError(option, String(value), "it must be a positive whole number of steps", command, io);
  return false;
}

export function positiveDuration(value: number | undefined, option: string, command: string, io: CliIo): boolean {
  if (value === undefined || (Number.isFinite(value) && value > 0)) return true;
  optionError(option, String(value), "it must be a positive duration in ms", command, io);
  return false;
}

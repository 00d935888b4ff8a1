/** Small pieces every command uses: printing diagnostics, JSON output, paint adapters. */
import type { CliIo } from "../io.js";
import { formatDiagnostics, painter } from "../format.js";
import { exitCodeFor, ExitCode } from "../exit-codes.js";
import { basename, dirname } from "node:path";
import { makeDiagnostic, writeOutputFiles, type Diagnostic, type Paint as ReportPaint } from "../../index.js";

/** Prints diagnostics on stderr; returns the exit code they call for (0 if only warnings). */
export function printDiagnostics(diagnostics: readonly Diagnostic[], io: CliIo): ExitCode {
  if (diagnostics.length > 0) io.writeErr(formatDiagnostics(diagnostics, painter(io.color)));
  return exitCodeFor(diagnostics);
}

export function printJson(value: unknown, io: CliIo): void {
  io.writeOut(JSON.stringify(value, null, 2) + "\n");
}

/** The diff renderer's paint styles on the CLI's colours. */
export function reportPaint(color: boolean): ReportPaint {
  const paint = painter(color);
  return (text, style) => {
    switch (style) {
      case "pass":
        return paint("ok", text);
      case "fail":
        return paint("error", text);
      case "warn":
        return paint("warning", text);
      default:
        return paint(style, text);
    }
  };
}

/** A progress callback that drives one bar, unless quiet. */
export function progressFor(io: CliIo, label: string, quiet: boolean) {
  const bar = quiet ? undefined : io.progress(label);
  return {
    update: (done: number, total: number) => bar?.update(done, total),
    stop: () => bar?.stop(),
  };
}

export const failed = (code: ExitCode): boolean => code !== ExitCode.Ok;

/** A bad option value as a TP1305 diagnostic (exit code 2). */
export function optionError(option: string, value: string, expected: string, command: string, io: CliIo): ExitCode {
  printDiagnostics([makeDiagnostic("TP1305", "" as Diagnostic["path"], { option, value, expected, command })], io);
  return ExitCode.BadInput;
}

/**
 * Writes one report file (the caller has already refused to overwrite), creating its folder like
 * `-o` does. A file-system failure is a TP1303 diagnostic (exit 2), never an internal error.
 */
export async function writeReportFile(path: string, text: string, io: CliIo): Promise<ExitCode> {
  const written = await writeOutputFiles(dirname(path), { [basename(path)]: text }, true);
  return written.ok ? ExitCode.Ok : printDiagnostics(written.diagnostics, io);
}

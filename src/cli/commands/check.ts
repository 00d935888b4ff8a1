/**
 * `tripart check <network>`: which targets take the network. A thin shell over
 * checkPortability: one block per target, "fits" with its cores or every error that refuses it.
 * Exit 0 when every requested target fits, 1 when at least one refuses, 2 on bad input.
 */
import { checkPortability, type Diagnostic, type TargetFit } from "../../index.js";
import type { CliIo } from "../io.js";
import { ExitCode } from "../exit-codes.js";
import { count, formatDiagnostics, painter, type Paint } from "../format.js";
import { printDiagnostics, printJson, progressFor } from "./shared.js";

export interface CheckFlags {
  target: string;
  json?: boolean;
  verbose?: boolean;
  quiet?: boolean;
}

export async function runCheck(networkPath: string, flags: CheckFlags, io: CliIo): Promise<ExitCode> {
  const progress = progressFor(io, "check", flags.quiet === true || flags.json === true);
  const report = await checkPortability(networkPath, flags.target === "all" ? "all" : [flags.target], {
    onTarget: (_target, index, total) => progress.update(index, total),
  });
  progress.stop();
  if (!report.ok) return printDiagnostics(report.diagnostics, io);
  const { targets, warnings } = report.value;
  const allFit = targets.every((t) => t.fits);
  if (flags.json) {
    printJson({ network: networkPath, ok: allFit, warnings, targets }, io);
  } else {
    const paint = painter(io.color);
    printDiagnostics(warnings, io);
    const fitting = targets.filter((t) => t.fits).length;
    io.writeOut(`${networkPath}: fits ${fitting} of ${count(targets.length, "target")}\n\n`);
    io.writeOut(targets.map((t) => describeFit(t, flags.verbose === true, paint)).join("\n"));
  }
  return allFit ? ExitCode.Ok : ExitCode.Failed;
}

function describeFit(fit: TargetFit, verbose: boolean, paint: Paint): string {
  const warned = fit.warnings.length === 0 ? "" : verbose ? `, ${count(fit.warnings.length, "warning")}:` : `, ${count(fit.warnings.length, "warning")} (--verbose lists them)`;
  const verdict = fit.fits
    ? `${paint("ok", "fits")} on ${fit.coresUsed ?? 0} of ${fit.targetCores ?? 0} cores`
    : `${paint("error", "refused")}: ${count(fit.errors.length, "error")}`;
  const head = `${paint("bold", fit.target)} ${fit.version}: ${verdict}${warned}\n`;
  return head + indent(fit.errors, paint) + (verbose ? indent(fit.warnings, paint) : "");
}

const indent = (diagnostics: readonly Diagnostic[], paint: Paint): string =>
  formatDiagnostics(diagnostics, paint).replace(/^(?=.)/gm, "  ");

import {
  checkWritable,
  DEFAULT_CRITERIA,
  diffRecordings,
  loadCriteriaFile,
  makeCriteria,
  readRecordingFile,
  renderHtml,
  renderTable,
  reportToJson,
  type Criteria,
  type Result,
} from "../../index.js";
import type { CliIo } from "../io.js";
import { ExitCode } from "../exit-codes.js";
import { printDiagnostics, printJson, reportPaint, writeReportFile } from "./shared.js";

export interface CriteriaFlags {
  criteria?: string;
  matchWithin?: number;
  minMatched?: number;
  maxRateError?: number;
}

/** Criteria from a file (or the defaults), then the flags on top. */
export async function criteriaFrom(flags: CriteriaFlags, fallbackFile?: string): Promise<Result<Criteria>> {
  const file = flags.criteria ?? fallbackFile;
  const base = file !== undefined ? await loadCriteriaFile(file) : { ok: true as const, value: DEFAULT_CRITERIA, diagnostics: [] };
  if (!base.ok) return base;
  return makeCriteria({ matchWithin: flags.matchWithin, minMatchedFraction: flags.minMatched, maxRateError: flags.maxRateError }, base.value);
}

export async function runDiff(
  pathA: string,
  pathB: string,
  flags: CriteriaFlags & { html?: string; force?: boolean; json?: boolean },
  io: CliIo,
): Promise<ExitCode> {
  const [a, b, criteria] = await Promise.all([readRecordingFile(pathA), readRecordingFile(pathB), criteriaFrom(flags)]);
  const loadCode = printDiagnostics([...a.diagnostics, ...b.diagnostics, ...criteria.diagnostics], io);
  if (!a.ok || !b.ok || !criteria.ok) return loadCode === ExitCode.Ok ? ExitCode.BadInput : ExitCode.BadInput;
  if (flags.html !== undefined) {
    const blocked = await checkWritable([flags.html], flags.force === true);
    if (blocked.length > 0) return printDiagnostics(blocked, io);
  }
  const result = diffRecordings(a.value, b.value, criteria.value, { files: { reference: pathA, other: pathB, ...(flags.criteria ? { criteria: flags.criteria } : {}) } });
  printDiagnostics(result.diagnostics, io);
  if (!result.ok) return ExitCode.BadInput;
  if (flags.html !== undefined) {
    const saved = await writeReportFile(flags.html, renderHtml(result.value, a.value, b.value), io);
    if (saved !== ExitCode.Ok) return saved;
  }
  if (flags.json) printJson(reportToJson(result.value), io);
  else io.writeOut(renderTable(result.value, { paint: reportPaint(io.color) }));
  return result.value.pass ? ExitCode.Ok : ExitCode.Failed;
}

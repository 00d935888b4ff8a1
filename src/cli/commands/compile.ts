import { join } from "node:path";
import { compileFiles, configFiles, isPassName, PIPELINE, writeOutputFiles, type CompileResult } from "../../index.js";
import type { CliIo } from "../io.js";
import { noteStage } from "../crash.js";
import { ExitCode } from "../exit-codes.js";
import { count, painter, table } from "../format.js";
import { optionError, printDiagnostics, printJson } from "./shared.js";
import { quantizationRows, utilisationRows } from "./reports.js";

export interface CompileFlags {
  target: string;
  out: string;
  dumpAfter?: string;
  headroom?: number;
  timings?: boolean;
  force?: boolean;
  json?: boolean;
}

export async function runCompile(networkPath: string, flags: CompileFlags, io: CliIo): Promise<ExitCode> {
  if (flags.dumpAfter !== undefined && !isPassName(flags.dumpAfter)) {
    return optionError("--dump-after", flags.dumpAfter, `it must name a pass: ${PIPELINE.join(", ")}`, "compile", io);
  }
  if (flags.headroom !== undefined && !(flags.headroom >= 1)) {
    return optionError("--headroom", String(flags.headroom), "it must be a number ≥ 1", "compile", io);
  }
  const dumps: Record<string, string> = {};
  const { result } = await compileFiles(networkPath, flags.target, {
    ...(flags.dumpAfter !== undefined && isPassName(flags.dumpAfter) ? { dumpAfter: flags.dumpAfter } : {}),
    ...(flags.headroom !== undefined ? { headroom: flags.headroom } : {}),
    onPassStart: (pass) => noteStage(`pass ${pass}`),
    onDump: (name, stage) => void (dumps[`${name}.dump.json`] = JSON.stringify(stage, null, 1) + "\n"),
  });
  const code = printDiagnostics(result.diagnostics, io);
  if (!result.ok) {
    if (flags.json) printJson({ ok: false, diagnostics: result.diagnostics }, io);
    return code;
  }
  const compiled = result as CompileResult & { ok: true };
  const written = await writeOutputFiles(flags.out, { ...configFiles(compiled.value), ...dumps }, flags.force === true);
  if (!written.ok) return printDiagnostics(written.diagnostics, io);
  if (flags.json) {
    printJson({ ok: true, files: written.value, timings: compiled.timings, reports: compiled.reports, diagnostics: result.diagnostics }, io);
    return ExitCode.Ok;
  }
  const paint = painter(io.color);
  io.writeOut(`compiled ${networkPath} for ${compiled.value.target.name} ${compiled.value.target.version}: ` +
    `${count(compiled.value.cores.length, "core")} → ${join(flags.out, "config.pb")} (+ config.json)\n\n`);
  const util = utilisationRows(compiled.reports);
  if (util) io.writeOut("resource use per core\n" + table(util.header, util.rows, paint) + "\n");
  const quant = quantizationRows(compiled.reports);
  if (quant) io.writeOut("quantization: requested → realised\n" + table(quant.header, quant.rows, paint) + "\n");
  if (flags.timings) {
    io.writeOut(table(["pass", "ms"], compiled.timings.map((t) => [t.pass, t.ms.toFixed(1)]), paint));
  }
  return ExitCode.Ok;
}

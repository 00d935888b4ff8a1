import { join } from "node:path";
import { compileFiles, configFiles, populationRatesFromFile, isGliaConfig, isPassName, PIPELINE, writeOutputFiles, type CompileResult, type GliaCompileResult } from "../../index.js";
import type { CliIo } from "../io.js";
import { noteStage } from "../crash.js";
import { ExitCode } from "../exit-codes.js";
import { count, painter, table } from "../format.js";
import { optionError, printDiagnostics, printJson } from "./shared.js";
import { checkPrecisionFlags, precisionOptions, precisionRows } from "./precision.js";
import { crossbarRows, placementFiles, trafficLines, gliaQuantizationRows, gliaTableRows, gliaUtilisationRows, quantizationRows, utilisationRows } from "./reports.js";

export interface CompileFlags {
  target: string;
  out: string;
  dumpAfter?: string;
  headroom?: number;
  learningEpoch?: number;
  precision?: string;
  profileMargin?: number;
  errorBudget?: number;
  partitioner?: string;
  rates?: string;
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
  if (flags.learningEpoch !== undefined && !(Number.isInteger(flags.learningEpoch) && flags.learningEpoch >= 1)) {
    return optionError("--learning-epoch", String(flags.learningEpoch), "it must be a positive whole number of steps", "compile", io);
  }
  const precision = checkPrecisionFlags(flags, io);
  if (precision !== ExitCode.Ok) return precision;
  if (flags.partitioner !== undefined && flags.partitioner !== "contiguous" && flags.partitioner !== "traffic") {
    return optionError("--partitioner", flags.partitioner, "it must be contiguous or traffic", "compile", io);
  }
  const rates = flags.rates !== undefined ? await populationRatesFromFile(flags.rates) : undefined;
  if (rates !== undefined && !rates.ok) return printDiagnostics(rates.diagnostics, io);
  const dumps: Record<string, string> = {};
  const { result } = await compileFiles(networkPath, flags.target, {
    ...(flags.dumpAfter !== undefined && isPassName(flags.dumpAfter) ? { dumpAfter: flags.dumpAfter } : {}),
    ...(flags.headroom !== undefined ? { headroom: flags.headroom } : {}),
    ...(flags.learningEpoch !== undefined ? { learningEpoch: flags.learningEpoch } : {}),
    ...precisionOptions(flags),
    ...(flags.partitioner === "contiguous" || flags.partitioner === "traffic" ? { partitioner: flags.partitioner } : {}),
    ...(rates?.ok ? { populationRates: rates.value } : {}),
    onPassStart: (pass) => noteStage(`pass ${pass}`),
    onDump: (name, stage) => void (dumps[`${name}.dump.json`] = JSON.stringify(stage, null, 1) + "\n"),
  });
  const code = printDiagnostics(result.diagnostics, io);
  if (!result.ok) {
    if (flags.json) printJson({ ok: false, diagnostics: result.diagnostics }, io);
    return code;
  }
  const compiled = result as (CompileResult | GliaCompileResult) & { ok: true };
  const placement = isGliaConfig(compiled.value)
    ? undefined
    : placementFiles((compiled as CompileResult).reports, `Tripart placement: ${compiled.value.network.name} on ${compiled.value.target.name}`);
  const written = await writeOutputFiles(flags.out, { ...configFiles(compiled.value), ...dumps, ...placement }, flags.force === true);
  if (!written.ok) return printDiagnostics(written.diagnostics, io);
  if (flags.json) {
    printJson({ ok: true, files: written.value, timings: compiled.timings, reports: compiled.reports, diagnostics: result.diagnostics }, io);
    return ExitCode.Ok;
  }
  const paint = painter(io.color);
  const config = compiled.value;
  const cores = isGliaConfig(config) ? ((compiled as GliaCompileResult).reports.utilisation?.coresUsed ?? 0) : config.cores.length;
  io.writeOut(`compiled ${networkPath} for ${config.target.name} ${config.target.version}: ` +
    `${count(cores, "core")} → ${join(flags.out, "config.pb")} (+ config.json)\n\n`);
  const rows = isGliaConfig(config)
    ? { util: gliaUtilisationRows((compiled as GliaCompileResult).reports), quant: gliaQuantizationRows((compiled as GliaCompileResult).reports), tables: gliaTableRows((compiled as GliaCompileResult).reports) }
    : { util: utilisationRows((compiled as CompileResult).reports), quant: quantizationRows((compiled as CompileResult).reports), tables: undefined };
  if (rows.util) io.writeOut("resource use per core\n" + table(rows.util.header, rows.util.rows, paint) + "\n");
  const traffic = isGliaConfig(config) ? undefined : trafficLines((compiled as CompileResult).reports);
  if (traffic) io.writeOut(traffic + (placement ? `routing tables → ${join(flags.out, "placement.json")}, map → ${join(flags.out, "placement.html")}\n` : "") + "\n");
  if (rows.quant) io.writeOut("quantization: requested → realised\n" + table(rows.quant.header, rows.quant.rows, paint) + "\n");
  const precisionTables = isGliaConfig(config) ? [] : precisionRows((compiled as CompileResult).reports);
  for (const rowsOf of precisionTables) io.writeOut(rowsOf.title + "\n" + table(rowsOf.header, rowsOf.rows, paint) + "\n");
  if (rows.tables) io.writeOut("look-up tables: largest error against the exact function\n" + table(rows.tables.header, rows.tables.rows, paint) + "\n");
  const crossbar = isGliaConfig(config) ? undefined : crossbarRows((compiled as CompileResult).reports);
  if (crossbar) io.writeOut(crossbar.title + "\n" + table(crossbar.header, crossbar.rows, paint) + "\n");
  if (flags.timings) {
    io.writeOut(table(["pass", "ms"], compiled.timings.map((t) => [t.pass, t.ms.toFixed(1)]), paint));
  }
  return ExitCode.Ok;
}

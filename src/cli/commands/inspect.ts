import { inspectConfig, readConfigFile } from "../../index.js";
import type { CliIo } from "../io.js";
import { ExitCode } from "../exit-codes.js";
import { count, painter, table } from "../format.js";
import { printDiagnostics, printJson } from "./shared.js";

export async function runInspect(path: string, flags: { json?: boolean }, io: CliIo): Promise<ExitCode> {
  const config = await readConfigFile(path);
  const code = printDiagnostics(config.diagnostics, io);
  if (!config.ok) return code;
  const s = inspectConfig(config.value);
  if (flags.json) {
    printJson(s, io);
    return ExitCode.Ok;
  }
  const paint = painter(io.color);
  const use = (r: { used: number; limit?: number; percent?: number }) =>
    r.limit === undefined ? String(r.used) : `${r.used}/${r.limit} (${(r.percent ?? 0).toFixed(0)}%)`;
  const t = s.totals;
  io.writeOut(
    `${path}: ${s.format} for ${s.target.name} ${s.target.version}\n` +
      `network ${s.network.name} (${s.network.hash})\n` +
      `${s.steps} steps of ${s.dtMs} ms (${s.durationMs} ms), seed ${s.seed}\n` +
      `${count(t.cores, "core")}, ${count(t.compartments, "compartment")}, ${count(t.synapses, "synapse")}, ${count(t.inputAxons, "input axon")}, ` +
      `${count(t.routes, "route")}, ${count(t.formats, "synapse format")}, ${count(t.inputLines, "input line")} (${count(t.inputSpikes, "scheduled spike")})\n\n` +
      table(
        ["core", "compartments", "synapses", "input axons", "output axons"],
        s.cores.map((c) => [String(c.core), use(c.compartments), use(c.synapses), use(c.inputAxons), use(c.outputAxons)]),
        paint,
      ) +
      "\n" +
      table(
        ["symbol", "kind", "size", "cores"],
        s.symbols.map((sym) => [sym.id, sym.kind, String(sym.size), sym.cores.join(",")]),
        paint,
      ) +
      "\n" +
      table(
        ["scale", "unit", "raw per unit", "offset"],
        s.scales.map((sc) => [`${sc.population}.${sc.variable}`, sc.unit, Number(sc.scale.toPrecision(6)).toString(), String(sc.offset)]),
        paint,
      ),
  );
  return ExitCode.Ok;
}

import { inspectConfig, inspectGliaConfig, isGliaConfig, readConfigFile, type ConfigSummary, type GliaConfig } from "../../index.js";
import type { CliIo } from "../io.js";
import { ExitCode } from "../exit-codes.js";
import { count, painter, table, type Paint } from "../format.js";
import { printDiagnostics, printJson } from "./shared.js";

export async function runInspect(path: string, flags: { json?: boolean }, io: CliIo): Promise<ExitCode> {
  const config = await readConfigFile(path);
  const code = printDiagnostics(config.diagnostics, io);
  if (!config.ok) return code;
  if (isGliaConfig(config.value)) return inspectGlia(path, config.value, flags, io);
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
      scaleTable(s.scales, paint),
  );
  return ExitCode.Ok;
}

function inspectGlia(path: string, config: GliaConfig, flags: { json?: boolean }, io: CliIo): ExitCode {
  const s = inspectGliaConfig(config);
  if (flags.json) {
    printJson(s, io);
    return ExitCode.Ok;
  }
  const paint = painter(io.color);
  const t = s.totals;
  io.writeOut(
    `${path}: ${s.format} for ${s.target.name} ${s.target.version}\n` +
      `network ${s.network.name} (${s.network.hash})\n` +
      `${s.steps} steps of ${s.dtMs} ms (${s.durationMs} ms), seed ${s.seed}\n` +
      `${count(t.neurons, "neuron")}, ${count(t.synapses, "synapse")} (${t.modulatedSynapses} modulated), ${count(t.astrocytes, "astrocyte")}, ` +
      `${count(t.tables, "table")}, ${count(t.inputLines, "input line")} (${count(t.inputSpikes, "scheduled spike")}), ${count(t.currentChanges, "current change")}\n\n` +
      table(["neurons", "size", "format", "glutamate"], s.neurons.map((g) => [g.population, String(g.size), `Q.${g.frac}`, g.glutamate ? "yes" : "no"]), paint) +
      "\n" +
      table(["projection", "synapses", "weights", "astrocyte effect"], s.projections.map((p) => [p.id, String(p.synapses), `Q.${p.weightFrac}`, p.modulated ? "yes" : "no"]), paint) +
      "\n" +
      table(
        ["astrocytes", "model", "size", "format", "period", "gate"],
        s.astrocytes.map((a) => [a.id, a.model, String(a.size), `Q.${a.frac}`, count(a.periodSteps, "step"), a.gate ? "yes" : "no"]),
        paint,
      ) +
      "\n" +
      table(["table", "entries", "spacing", "format", "interpolation", "max error"], s.tables.map((l) => [l.name, String(l.entries), l.spacing, `Q.${l.frac}`, l.interpolation, l.maxError.toExponential(2)]), paint) +
      "\n" +
      scaleTable(s.scales, paint),
  );
  return ExitCode.Ok;
}

/** How to read raw values back: one row per population variable. */
function scaleTable(scales: ConfigSummary["scales"], paint: Paint): string {
  return table(
    ["scale", "unit", "raw per unit", "offset"],
    scales.map((sc) => [`${sc.population}.${sc.variable}`, sc.unit, Number(sc.scale.toPrecision(6)).toString(), String(sc.offset)]),
    paint,
  );
}

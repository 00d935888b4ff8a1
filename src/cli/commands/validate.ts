import { loadNetworkFile } from "../../index.js";
import type { CliIo } from "../io.js";
import { ExitCode } from "../exit-codes.js";
import { count } from "../format.js";
import { printDiagnostics, printJson } from "./shared.js";

export async function runValidate(path: string, flags: { json?: boolean }, io: CliIo): Promise<ExitCode> {
  const result = await loadNetworkFile(path);
  if (flags.json) {
    printJson({ ok: result.ok, diagnostics: result.diagnostics }, io);
    return result.ok ? ExitCode.Ok : ExitCode.BadInput;
  }
  const code = printDiagnostics(result.diagnostics, io);
  if (!result.ok) return code;
  const net = result.value;
  const neurons = net.populations.reduce((sum, p) => sum + p.size, 0);
  const astrocytes = net.astrocytes.reduce((sum, a) => sum + a.size, 0);
  // Sections a LIF network does not use stay out of its summary.
  const glia = [
    ...(net.currents.length > 0 ? [count(net.currents.length, "current input")] : []),
    ...(net.astrocytes.length > 0 ? [`${count(net.astrocytes.length, "astrocyte population")} (${count(astrocytes, "astrocyte")})`] : []),
    ...(net.tripartite.length > 0 ? [count(net.tripartite.length, "tripartite coupling")] : []),
  ].map((part) => part + ", ");
  io.writeOut(
    `${path}: ok — ${count(net.populations.length, "population")} (${count(neurons, "neuron")}), ${count(net.inputs.length, "input")}, ` +
      `${count(net.projections.length, "projection")}, ${glia.join("")}${net.run.duration} ms at dt ${net.run.dt} ms.\n`,
  );
  return ExitCode.Ok;
}

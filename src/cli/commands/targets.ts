import { listTargets, resolveTarget, type Target } from "../../index.js";
import type { CliIo } from "../io.js";
import { ExitCode } from "../exit-codes.js";
import { painter, table } from "../format.js";
import { printDiagnostics, printJson } from "./shared.js";

export async function runTargets(flags: { json?: boolean }, io: CliIo): Promise<ExitCode> {
  const targets: Target[] = [];
  for (const name of listTargets()) {
    const result = await resolveTarget(name);
    if (!result.ok) return printDiagnostics(result.diagnostics, io);
    targets.push(result.value);
  }
  if (flags.json) {
    printJson(targets, io);
    return ExitCode.Ok;
  }
  const row = (label: string, cell: (t: Target) => string) => [label, ...targets.map(cell)];
  const reg = (r: Target["neuron"]["u"]) => `${r.bits}-bit ${r.overflow}`;
  io.writeOut(
    table(
      ["", ...targets.map((t) => t.name)],
      [
        row("version", (t) => t.version),
        row("models", (t) => t.capabilities.models.join(", ")),
        row("synapses", (t) => t.capabilities.synapses.join(", ")),
        row("astrocytes", (t) => (t.capabilities.astrocytes ? "yes" : "no")),
        row("plasticity", (t) => t.capabilities.plasticity.join(", ") || "none"),
        row("cores per chip", (t) => String(t.chip.cores)),
        row("neurons per core", (t) => String(t.core.maxNeurons)),
        row("synapses per core", (t) => String(t.core.maxSynapses)),
        row("u register", (t) => reg(t.neuron.u)),
        row("v register", (t) => reg(t.neuron.v)),
        row("decay", (t) => `${t.neuron.decay.bits}-bit, ${t.neuron.decay.rounding}, u offset ${t.neuron.decay.currentOffset}`),
        row("weights", (t) => `${t.neuron.weight.mantissaBits}-bit mantissa, exp ${t.neuron.weight.exponentMin}..${t.neuron.weight.exponentMax}`),
        row("threshold", (t) => `v ${t.neuron.threshold.compare} mant << ${t.neuron.threshold.shift}`),
        row("refractory", (t) => (t.neuron.refractory.supported ? `≤ ${t.neuron.refractory.maxSteps} steps` : "no")),
        row("delays", (t) => `≤ ${t.neuron.maxDelay} steps`),
        row("current channels", (t) => String(t.neuron.currentChannels)),
        row("initial current", (t) => t.neuron.initialCurrent),
      ],
      painter(io.color),
    ),
  );
  return ExitCode.Ok;
}

import { isGliaTarget, listTargets, resolveTarget, type AnyTarget, type GliaTarget, type Target } from "../../index.js";
import type { CliIo } from "../io.js";
import { ExitCode } from "../exit-codes.js";
import { painter, table } from "../format.js";
import { printDiagnostics, printJson } from "./shared.js";

type Rows = readonly (readonly [label: string, cell: string])[];

export async function runTargets(flags: { json?: boolean }, io: CliIo): Promise<ExitCode> {
  const targets: AnyTarget[] = [];
  for (const name of listTargets()) {
    const result = await resolveTarget(name);
    if (!result.ok) return printDiagnostics(result.diagnostics, io);
    targets.push(result.value);
  }
  if (flags.json) {
    printJson(targets, io);
    return ExitCode.Ok;
  }
  // Targets of one family share their rows, so each family gets its own side-by-side table.
  const lif = targets.filter((t): t is Target => !isGliaTarget(t));
  const glia = targets.filter(isGliaTarget);
  const paint = painter(io.color);
  const render = <T extends AnyTarget>(group: readonly T[], rows: (t: T) => Rows): string => {
    if (group.length === 0) return "";
    const described = group.map(rows);
    return table(["", ...group.map((t) => t.name)], described[0].map(([label], r) => [label, ...described.map((d) => d[r][1])]), paint);
  };
  io.writeOut([render(lif, lifRows), render(glia, gliaRows)].filter((text) => text !== "").join("\n"));
  return ExitCode.Ok;
}

function commonRows(t: AnyTarget): Rows {
  return [
    ["version", t.version],
    ["models", t.capabilities.models.join(", ")],
    ["synapses", t.capabilities.synapses.join(", ")],
    ["astrocytes", t.capabilities.astrocytes ? "yes" : "no"],
    ["plasticity", t.capabilities.plasticity.join(", ") || "none"],
    ["cores per chip", String(t.chip.cores)],
    ["neurons per core", String(t.core.maxNeurons)],
    ["synapses per core", String(t.core.maxSynapses)],
  ];
}

function lifRows(t: Target): Rows {
  const reg = (r: Target["neuron"]["u"]) => `${r.bits}-bit ${r.overflow}`;
  const n = t.neuron;
  return [
    ...commonRows(t),
    ["u register", reg(n.u)],
    ["v register", reg(n.v)],
    ["decay", `${n.decay.bits}-bit, ${n.decay.rounding}, u offset ${n.decay.currentOffset}`],
    ["weights", `${n.weight.mantissaBits}-bit mantissa, exp ${n.weight.exponentMin}..${n.weight.exponentMax}`],
    ["threshold", `v ${n.threshold.compare} mant << ${n.threshold.shift}`],
    ["refractory", n.refractory.supported ? `≤ ${n.refractory.maxSteps} steps` : "no"],
    ["delays", `≤ ${n.maxDelay} steps`],
    ["current channels", String(n.currentChannels)],
    ["initial current", n.initialCurrent],
  ];
}

function gliaRows(t: GliaTarget): Rows {
  const s = t.semantics;
  const a = s.astrocyte;
  return [
    ...commonRows(t),
    ["astrocytes per core", String(t.core.maxAstrocytes)],
    ["neuron state", `${s.neuron.stateBits}-bit ${s.neuron.overflow}, shifts ${s.rounding}`],
    ["weights", `${s.synapse.weightBits}-bit, ${s.synapse.accumulatorBits}-bit accumulators`],
    ["sigmoid table", `${s.synapse.sigmoid.entries} × ${s.synapse.sigmoid.bits}-bit, ${s.synapse.sigmoid.interpolation}`],
    ["astrocyte models", a.models.join(", ")],
    ["astrocyte state", `${a.stateBits}-bit, ${a.integrator}, period ≥ ${a.minPeriodSteps} step(s)`],
    ["astrocyte tables", `${a.lut.entries} × ${a.lut.bits}-bit, ${a.lut.interpolation}`],
    ["diffusion", a.diffusion.join(", ")],
    ["sensing", a.sensing.join(", ")],
    ["synapse effects", [...s.effects.synapse, ...(s.effects.graded ? ["graded"] : [])].join(", ")],
    ["neuron effects", s.effects.neuron.join(", ")],
  ];
}

import { capabilitiesOf, listTargets, resolveTarget, type AnyTarget, type Capabilities } from "../../index.js";
import type { CliIo } from "../io.js";
import { ExitCode } from "../exit-codes.js";
import { painter } from "../format.js";
import { wrappedTable, type TableRow } from "../wrapped-table.js";
import { printDiagnostics, printJson } from "./shared.js";

/** One row: its label and how a target's capabilities read in it. */
type Row = readonly [label: string, cell: (c: Capabilities, t: AnyTarget) => string] | { readonly section: string };

const list = (items: readonly (string | number)[]): string => (items.length > 0 ? items.join(", ") : "none");
const steps = (n: number): string => (n > 0 ? `≤ ${n} steps` : "none");

function timeStep({ fixedMs, minMs, maxMs }: Capabilities["timeStep"]): string {
  if (fixedMs !== undefined) return `${fixedMs} ms`;
  if (minMs === undefined && maxMs === undefined) return "any";
  return `${minMs ?? 0}–${maxMs ?? "∞"} ms`;
}

function weight(w: Capabilities["weight"]): string {
  const exponent = w.exponent !== undefined ? `, exp ${w.exponent.min}..${w.exponent.max}` : "";
  return `${w.bits}-bit ${w.signed ? "signed" : "unsigned"}${exponent}`;
}

/** A core's optional layout limit; "—" where the target has no separate one. */
const orDash = (n: number | undefined): string => (n !== undefined ? String(n) : "—");
const outputNeurons = (o: NonNullable<Capabilities["limits"]["output"]>): string =>
  `${o.neuronsPerCore} (${o.currentChannels} channel${o.currentChannels === 1 ? "" : "s"}, ≤ ${o.spikesPerStep} spike${o.spikesPerStep === 1 ? "" : "s"}/step)`;

/** Every capability, in groups; both families share the rows. */
const ROWS: readonly Row[] = [
  ["family", (c) => c.family],
  ["version", (_, t) => t.version],
  { section: "network constructs" },
  ["neuron models", (c) => list(c.neuronModels)],
  ["synapse kinds", (c) => list(c.synapseKinds)],
  ["astrocyte models", (c) => list(c.astrocyteModels)],
  ["astrocyte effects", (c) => list(c.astrocyteEffects)],
  ["current channels", (c) => String(c.currentChannels)],
  { section: "learning" },
  ["plasticity rules", (c) => list(c.plasticity.rules)],
  ["pairings", (c) => list(c.plasticity.pairings)],
  ["bound exponents μ", (c) => list(c.plasticity.boundExponents)],
  ["astrocyte-gated", (c) => (c.plasticity.astrocyteGated ? "yes" : "no")],
  ["epoch", (c) => (c.plasticity.maxEpochSteps !== undefined ? `≤ ${c.plasticity.maxEpochSteps} steps` : "none")],
  { section: "precision" },
  ["weights", (c) => weight(c.weight)],
  ["plastic weights", (c) => (c.weight.plasticBits !== undefined ? `${c.weight.plasticBits}-bit` : "none")],
  ["weight store", (c) => (c.weight.crossbar !== undefined ? `crossbar: ${c.weight.crossbar.tiles} tiles of ${c.weight.crossbar.rows}×${c.weight.crossbar.columns}` : "digital")],
  ["state widths (bits)", (c) => Object.entries(c.stateBits).map(([name, bits]) => `${name} ${bits}`).join(", ")],
  { section: "timing" },
  ["time step", (c) => timeStep(c.timeStep)],
  ["largest delay", (c) => steps(c.maxDelaySteps)],
  ["refractory", (c) => steps(c.refractoryMaxSteps)],
  { section: "capacity" },
  ["cores per chip", (c) => String(c.limits.coresPerChip)],
  ["neurons per core", (c) => String(c.limits.neuronsPerCore)],
  ["synapses per core", (c) => String(c.limits.synapsesPerCore)],
  ["fan-in per neuron", (c) => String(c.limits.maxFanIn)],
  ["fan-out per neuron", (c) => String(c.limits.maxFanOut)],
  ["astrocytes per core", (c) => String(c.limits.astrocytesPerCore)],
  ["neurons per chip", (c) => String(c.limits.neuronsPerChip)],
  ["tile mesh", (c) => (c.limits.mesh !== undefined ? `${c.limits.mesh.columns} × ${c.limits.mesh.rows} tiles of ${c.limits.mesh.coresPerTile} cores` : "—")],
  ["chips", (c) => String(c.limits.chips)],
  ["input lines per core", (c) => orDash(c.limits.inputLinesPerCore)],
  ["hidden neurons per core", (c) => orDash(c.limits.hiddenNeuronsPerCore)],
  ["output neurons per core", (c) => (c.limits.output !== undefined ? outputNeurons(c.limits.output) : "—")],
  ["synapses per pair", (c) => (c.limits.synapsesPerPair !== undefined ? `≤ ${c.limits.synapsesPerPair} per channel` : "any")],
];

/** The capability table as Markdown (docs/targets.md keeps a copy that a test compares with this). */
function markdownTable(targets: readonly AnyTarget[], capabilities: readonly Capabilities[]): string {
  const escape = (text: string): string => text.replace(/\|/g, "\\|");
  const lines = [`| | ${targets.map((t) => `\`${t.name}\``).join(" | ")} |`, `| --- |${targets.map(() => " --- |").join("")}`];
  for (const row of ROWS) {
    if ("section" in row) lines.push(`| **${row.section}** |${targets.map(() => " |").join("")}`);
    else lines.push(`| ${escape(row[0])} | ${targets.map((t, i) => escape(row[1](capabilities[i], t))).join(" | ")} |`);
  }
  return lines.join("\n") + "\n";
}

export async function runTargets(flags: { json?: boolean; markdown?: boolean }, io: CliIo): Promise<ExitCode> {
  const targets: AnyTarget[] = [];
  for (const name of listTargets()) {
    const result = await resolveTarget(name);
    if (!result.ok) return printDiagnostics(result.diagnostics, io);
    targets.push(result.value);
  }
  const capabilities = targets.map(capabilitiesOf);
  if (flags.json) {
    printJson(targets.map((t, i) => ({ name: t.name, version: t.version, description: t.description, capabilities: capabilities[i] })), io);
    return ExitCode.Ok;
  }
  if (flags.markdown) {
    io.writeOut(markdownTable(targets, capabilities));
    return ExitCode.Ok;
  }
  const rows: TableRow[] = ROWS.map((row) => ("section" in row ? row : [row[0], ...targets.map((t, i) => row[1](capabilities[i], t))]));
  io.writeOut(wrappedTable(["", ...targets.map((t) => t.name)], rows, painter(io.color)));
  return ExitCode.Ok;
}

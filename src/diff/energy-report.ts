/**
 * The energy section of the HTML report: total energy and time of the run, a bar chart of the
 * energy per operation kind, a table per population, and the cost table with its sources. Takes
 * the estimate as plain data (src/energy/ computes it; the diff layer does not import it) and the
 * target's energy table for the sources. Inline SVG only: the page stays self-contained.
 */
import { OPERATION_KINDS, type EnergyEstimate, type EnergyTable, type OperationKind } from "../targets/energy-types.js";
import { escapeHtml, num } from "./report-format.js";

/** Operation kinds in words, for tables and charts. */
export const OPERATION_LABELS: Readonly<Record<OperationKind, string>> = {
  synapticOp: "synaptic op",
  neuronUpdate: "neuron update",
  spike: "spike",
  routerHop: "router hop",
  astrocyteUpdate: "astrocyte update",
  traceUpdate: "trace update",
  synapseUpdate: "synapse update",
  weightWrite: "weight write",
  deviceRead: "device read",
  devicePulse: "device pulse",
};

/** The estimate the section shows (src/energy/estimate.ts computes it). */
export type EnergySection = EnergyEstimate;

/** A value in engineering units: 3.4e-9 s → "3.40 ns". */
export function engineering(value: number, unit: string): string {
  if (value === 0) return `0 ${unit}`;
  if (!Number.isFinite(value)) return `∞ ${unit}`;
  const prefixes: readonly [number, string][] = [[1, ""], [1e-3, "m"], [1e-6, "µ"], [1e-9, "n"], [1e-12, "p"], [1e-15, "f"]];
  const magnitude = Math.abs(value);
  const [scale, prefix] = prefixes.find(([s]) => magnitude >= s) ?? prefixes[prefixes.length - 1];
  return `${(value / scale).toPrecision(3)} ${prefix}${unit}`;
}

/** "12.5 %" of the whole, or "–" when the whole is 0. */
export const share = (part: number, whole: number): string => (whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : "–");

/** How the run's speed compares with real time, in words. */
export function speedText(e: EnergySection): string {
  if (e.stepTime === 0) return "no timed work";
  return e.fasterThanRealTime ? `${e.realTimeFactor.toPrecision(3)}× faster than real time` : `${(1 / e.realTimeFactor).toPrecision(3)}× slower than real time`;
}

/** The HTML section; `table` is the target's energy table, which names each cost's sources. */
export function energyHtml(e: EnergySection, table?: EnergyTable): string {
  const summary =
    `<p>On ${escapeHtml(e.target.name)} ${escapeHtml(e.target.version)}, ${e.steps} steps of ${e.dtMs} ms: ` +
    `<strong>${engineering(e.energy, "J")}</strong> for the run (${engineering(e.energy / Math.max(1, e.steps), "J")} per step), ` +
    `<strong>${engineering(e.time, "s")}</strong> on the chip (${engineering(e.stepTime, "s")} per step, ${escapeHtml(speedText(e))}, ` +
    `${e.coreStepTimes.length} core${e.coreStepTimes.length === 1 ? "" : "s"} in parallel). An estimate from the emulator's event counts and the target's costs per operation (docs/energy.md), not a measurement.</p>`;
  const notCosted = e.notCosted.energy.length > 0
    ? `<p>Not costed (no energy in the target's table, counted as 0 J): ${escapeHtml(e.notCosted.energy.map((k) => OPERATION_LABELS[k]).join(", "))}.</p>`
    : "";
  return `<h2>Energy</h2>${summary}${notCosted}${kindBars(e)}<h3>Per population</h3>${populationTable(e)}<h3>Costs and their sources</h3>${sourcesTable(e, table)}${notesList(e, table)}`;
}

/** Horizontal bars of the energy of each operation kind that occurred, with count and share. */
function kindBars(e: EnergySection): string {
  const kinds = e.kinds.filter((k) => k.count > 0);
  if (kinds.length === 0) return "<p>No operation occurred.</p>";
  const most = Math.max(0, ...kinds.map((k) => k.energy));
  const left = 130, barWidth = 500, row = 22;
  const height = kinds.length * row + 10;
  const bars = kinds.map((k, i) => {
    const y = 5 + i * row;
    const width = most > 0 ? (k.energy / most) * barWidth : 0;
    const label = k.energyPerOp === undefined ? `${k.count} ops, not costed` : `${engineering(k.energy, "J")} (${share(k.energy, e.energy)}), ${k.count} ops × ${engineering(k.energyPerOp, "J")}`;
    return `<text x="4" y="${y + 13}" font-size="12">${escapeHtml(OPERATION_LABELS[k.kind])}</text>` +
      `<rect x="${left}" y="${y}" width="${num(width)}" height="16" fill="#6a51a3"/>` +
      `<text x="${num(left + width + 4)}" y="${y + 13}" font-size="11">${escapeHtml(label)}</text>`;
  }).join("");
  return `<svg width="${left + barWidth + 300}" height="${height}" role="img" aria-label="energy per operation kind">${bars}</svg>`;
}

/** One row per population (and the not-attributed rest): the counts of each kind that occurred, energy, share. */
function populationTable(e: EnergySection): string {
  const shown = OPERATION_KINDS.filter((kind) => e.populations.some((p) => p.counts[kind] !== 0));
  const rows = e.populations.filter((p) => p.kind !== "not attributed" || p.energy !== 0);
  const header = ["population", "kind", ...shown.map((k) => `${OPERATION_LABELS[k]}s`), "energy", "share"];
  return `<table><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>` +
    rows.map((p) => `<tr><td>${escapeHtml(p.id)}</td><td class="text">${escapeHtml(p.kind)}</td>` +
      shown.map((k) => `<td>${Math.round(p.counts[k])}</td>`).join("") +
      `<td>${engineering(p.energy, "J")}</td><td>${share(p.energy, e.energy)}</td></tr>`).join("") +
    `</table>`;
}

/** Per operation kind in the table or in the run: J/op, s/op, basis and the cited sources. */
function sourcesTable(e: EnergySection, table: EnergyTable | undefined): string {
  const kinds = OPERATION_KINDS.filter((kind) => table?.operations[kind] !== undefined || e.kinds.some((k) => k.kind === kind && k.count > 0));
  if (kinds.length === 0) return "<p>The target's table prices no operation.</p>";
  return `<table><tr><th>operation</th><th>J/op</th><th>s/op</th><th>basis</th><th>sources</th></tr>` +
    kinds.map((kind) => {
      const cost = table?.operations[kind];
      const sources = cost === undefined ? "not in the target's table" : cost.sources.join("; ");
      return `<tr><td>${escapeHtml(OPERATION_LABELS[kind])}</td>` +
        `<td>${cost?.energy !== undefined ? engineering(cost.energy, "J") : "–"}</td>` +
        `<td>${cost?.time !== undefined ? engineering(cost.time, "s") : "–"}</td>` +
        `<td class="text">${escapeHtml(cost?.basis ?? "–")}</td><td class="text">${escapeHtml(sources)}</td></tr>`;
    }).join("") +
    `</table>`;
}

/** The table's own notes and the estimate's. */
function notesList(e: EnergySection, table: EnergyTable | undefined): string {
  const notes = [...(table?.notes !== undefined ? [`Target table: ${table.notes}`] : []), ...e.notes];
  return notes.length === 0 ? "" : `<ul>${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>`;
}

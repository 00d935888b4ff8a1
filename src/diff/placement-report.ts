/**
 * placement.html: one self-contained page that shows where a placement put every core. The used
 * chips are drawn as their grids of tiles, each tile split into its cores, each core shaded by
 * the largest share of any resource it uses (hover for its populations and use); lines join the
 * tiles that exchange the most predicted messages, thicker for more. Below: the traffic summary
 * (placed vs IR order) and the table of cores.
 */
import type { RoutingEntry, TrafficSummary, UtilisationReport } from "../passes/stages.js";
import { escapeHtml } from "./report-format.js";

/** Lines drawn for the heaviest tile-to-tile routes, at most. */
const MAX_LINES = 300;
const TILE = 44;
const GAP = 6;

export function renderPlacementHtml(report: UtilisationReport, title: string): string {
  const { traffic } = report;
  const summary = (label: string, t: TrafficSummary) =>
    `<tr><td>${escapeHtml(label)}</td><td>${fmt(t.interCore)}</td><td>${fmt(t.interChip)}</td><td>${fmt(t.hopTraffic)}</td><td>${t.meanHops.toFixed(2)}</td></tr>`;
  const basis = traffic.rates === "measured" ? "at the populations' measured rates" : "at 1 spike/s per neuron (no rates were given)";
  const rows = report.cores
    .map((c) => {
      const pops = c.populations.map((p) => `${p.id}[${p.first}..${p.first + p.count - 1}]`).join(" ");
      return `<tr><td>${c.core}</td><td>${c.position.chip} (${c.position.x},${c.position.y})</td><td class="text">${escapeHtml(pops)}</td>` +
        `<td>${use(c.neurons)}</td><td>${use(c.synapses)}</td><td>${use(c.inputAxons)}</td><td>${use(c.outputAxons)}</td><td>${c.boundBy}</td>` +
        `<td>${fmt(c.messagesOut)}</td><td>${fmt(c.messagesIn)}</td></tr>`;
    })
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}
th{background:#f4f4f4}td:first-child,td.text{text-align:left}svg{background:#fff;border:1px solid #ddd;margin:4px}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>${report.coresUsed} cores on ${report.chipsUsed} chip${report.chipsUsed === 1 ? "" : "s"}, placed ${report.strategy === "traffic" ? "by predicted spike traffic" : "in IR order"}${report.requested === "traffic" && report.strategy === "contiguous" ? " (placing by traffic put more messages through the routers)" : ""}.
A core's shade is the largest share of its neurons, synapses, input axons or output axons in use; a line joins two tiles that exchange messages, its width growing with their number.</p>
${meshSvg(report)}
<h2>Predicted messages per second</h2><p>${escapeHtml(basis)}</p>
<table><tr><th>placement</th><th>between cores</th><th>between chips</th><th>hop-weighted</th><th>mean hops</th></tr>
${summary(report.strategy === "traffic" ? "by traffic" : "in IR order", traffic.placed)}${traffic.contiguous && report.strategy === "traffic" ? summary("in IR order", traffic.contiguous) : ""}</table>
<h2>Cores</h2>
<table><tr><th>core</th><th>chip (tile x,y)</th><th>populations</th><th>neurons</th><th>synapses</th><th>input axons</th><th>output axons</th><th>bound by</th><th>messages/s out</th><th>messages/s in</th></tr>${rows}</table>
</body></html>
`;
}

const fmt = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(0));
const use = (u: { used: number; limit: number; percent: number }): string => `${u.used}/${u.limit} (${u.percent.toFixed(0)}%)`;

/** The tiles of the chips in use on one SVG, cores shaded, heaviest tile-to-tile routes drawn. */
function meshSvg(report: UtilisationReport): string {
  const { cores } = report;
  const geometry = { tileColumns: report.mesh.columns, tileRows: report.mesh.rows, coresPerTile: report.mesh.coresPerTile };
  if (cores.length === 0) return "<p>No cores.</p>";
  const maxX = Math.max(...cores.map((c) => c.position.x));
  const maxY = Math.max(...cores.map((c) => c.position.y));
  // Draw whole chips: round the extent up to chip boundaries.
  const columns = (Math.floor(maxX / geometry.tileColumns) + 1) * geometry.tileColumns;
  const rows = (Math.floor(maxY / geometry.tileRows) + 1) * geometry.tileRows;
  const step = TILE + GAP;
  const width = columns * step + GAP;
  const height = rows * step + GAP;
  const tileAt = (x: number, y: number): [number, number] => [GAP + x * step, GAP + y * step];
  const perRow = Math.ceil(Math.sqrt(geometry.coresPerTile));
  const cell = (TILE - 4) / perRow;
  const slotInTile = new Map<number, number>();
  const parts: string[] = [];
  for (let x = 0; x < columns; x++) {
    for (let y = 0; y < rows; y++) {
      const [px, py] = tileAt(x, y);
      parts.push(`<rect x="${px}" y="${py}" width="${TILE}" height="${TILE}" fill="#fafafa" stroke="#ccc"/>`);
    }
  }
  for (let cx = 0; cx * geometry.tileColumns < columns; cx++) {
    for (let cy = 0; cy * geometry.tileRows < rows; cy++) {
      const [px, py] = tileAt(cx * geometry.tileColumns, cy * geometry.tileRows);
      parts.push(`<rect x="${px - GAP / 2}" y="${py - GAP / 2}" width="${geometry.tileColumns * step}" height="${geometry.tileRows * step}" fill="none" stroke="#888" stroke-dasharray="4 3"/>`);
    }
  }
  for (const core of cores) {
    const key = core.position.x * 1e6 + core.position.y;
    const k = slotInTile.get(key) ?? 0;
    slotInTile.set(key, k + 1);
    const [px, py] = tileAt(core.position.x, core.position.y);
    const share = Math.max(core.neurons.percent, core.synapses.percent, core.inputAxons.percent, core.outputAxons.percent) / 100;
    const label = `core ${core.core} (chip ${core.position.chip}): ${core.populations.map((p) => `${p.id}[${p.first}..${p.first + p.count - 1}]`).join(" ")}; ` +
      `neurons ${use(core.neurons)}, synapses ${use(core.synapses)}, input axons ${use(core.inputAxons)}, output axons ${use(core.outputAxons)}; bound by ${core.boundBy}`;
    parts.push(
      `<rect class="core" x="${(px + 2 + (k % perRow) * cell).toFixed(1)}" y="${(py + 2 + Math.floor(k / perRow) * cell).toFixed(1)}" width="${(cell - 1).toFixed(1)}" height="${(cell - 1).toFixed(1)}" ` +
        `fill="${shade(share)}"><title>${escapeHtml(label)}</title></rect>`,
    );
  }
  parts.push(...routeLines(report, tileAt));
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="cores on the mesh">${parts.join("")}</svg>`;
}

/** Lines between tile centres for the heaviest tile pairs (messages summed over their cores). */
function routeLines(report: UtilisationReport, tileAt: (x: number, y: number) => [number, number]): string[] {
  const pairs = new Map<string, { a: [number, number]; b: [number, number]; messages: number }>();
  const positionOf = (entry: RoutingEntry, end: "from" | "to") => report.cores[entry[end]].position;
  for (const entry of report.traffic.routing) {
    const a = positionOf(entry, "from");
    const b = positionOf(entry, "to");
    if (a.x === b.x && a.y === b.y) continue;
    const [first, second] = a.x < b.x || (a.x === b.x && a.y < b.y) ? [a, b] : [b, a];
    const key = `${first.x},${first.y}-${second.x},${second.y}`;
    const pair = pairs.get(key) ?? { a: [first.x, first.y], b: [second.x, second.y], messages: 0 };
    pair.messages += entry.messagesPerSecond;
    pairs.set(key, pair);
  }
  const heaviest = [...pairs.values()].sort((p, q) => q.messages - p.messages).slice(0, MAX_LINES);
  const top = heaviest[0]?.messages ?? 0;
  return heaviest.map((pair) => {
    const [x1, y1] = tileAt(...pair.a).map((v) => v + TILE / 2);
    const [x2, y2] = tileAt(...pair.b).map((v) => v + TILE / 2);
    const widthPx = 0.5 + 4 * (pair.messages / top);
    return `<line class="route" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#d33" stroke-opacity="0.45" stroke-width="${widthPx.toFixed(2)}"><title>${fmt(pair.messages)} messages/s</title></line>`;
  });
}

/** White (idle) to dark blue (full). */
function shade(share: number): string {
  const t = Math.min(1, Math.max(0, share));
  const channel = (from: number, to: number) => Math.round(from + (to - from) * t);
  return `rgb(${channel(235, 20)},${channel(242, 70)},${channel(250, 160)})`;
}

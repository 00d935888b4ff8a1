/**
 * The navigation experiment's report as one self-contained HTML page (inline SVG, no scripts):
 * the summary table with confidence intervals, path-length distributions per agent, completion
 * curves, one episode's trajectory on its world, the astrocytes' calcium over the grid at a few
 * moments, a spike raster, and the agreement of emulated agents with the reference.
 */
import type { GridWorld } from "./grid-world.js";
import type { Interval, RunSummary } from "./metrics.js";

export interface AgentResult {
  /** The agent ("snan", "snan-no-astrocytes", "dual-memory", "random-walk", ...). */
  readonly agent: string;
  /** Where it ran: "reference", a target name, or "host" for non-spiking agents. */
  readonly engine: string;
  readonly summary: RunSummary;
  /** Steps of every episode (a failed episode counts the budget). */
  readonly pathLengths: ArrayLike<number>;
  /** Whether each episode reached the goal. */
  readonly reached: ArrayLike<boolean | number>;
}

export interface CalciumFrame {
  /** Agent step of the snapshot. */
  readonly step: number;
  /** Per cell of the world: the calcium of the astrocyte of the state observed there, µM. */
  readonly values: ArrayLike<number>;
}

export interface RasterRow {
  readonly label: string;
  /** Simulation steps at which this row's neurons spiked. */
  readonly steps: ArrayLike<number>;
}

export interface AgreementRow {
  readonly metric: string;
  readonly target: string;
  readonly reference: number;
  readonly emulated: number;
}

export interface ExperimentReport {
  readonly title: string;
  /** Settings shown in a table: world sizes, seeds, timescales, ... */
  readonly settings: Readonly<Record<string, string | number>>;
  readonly budget: number;
  readonly results: readonly AgentResult[];
  readonly episode?: { readonly agent: string; readonly world: GridWorld; readonly path: ArrayLike<number>; readonly raster?: { readonly steps: number; readonly rows: readonly RasterRow[] } };
  readonly calcium?: { readonly world: GridWorld; readonly frames: readonly CalciumFrame[] };
  readonly agreement?: readonly AgreementRow[];
}

const COLORS = ["#1f5fbf", "#d0442c", "#2e8b57", "#8a4fbf", "#c08a00", "#3a9fbf", "#7a7a7a"];
const colorOf = (i: number): string => COLORS[i % COLORS.length];

const escape = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const num = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : "—");
const interval = (i: Interval, digits = 1): string => `${num(i.estimate, digits)} [${num(i.low, digits)}, ${num(i.high, digits)}]`;
const label = (r: AgentResult): string => (r.engine === "host" ? r.agent : `${r.agent} (${r.engine})`);

export function renderExperimentHtml(report: ExperimentReport): string {
  const settings = Object.entries(report.settings).map(([k, v]) => `<tr><td>${escape(k)}</td><td>${escape(String(v))}</td></tr>`).join("");
  const rows = report.results
    .map((r) => {
      const s = r.summary;
      return `<tr><td>${escape(label(r))}</td><td>${s.episodes}</td><td>${interval(s.medianPathLength)}</td><td>${interval(s.medianSuccessfulPathLength)}</td>` +
        `<td>${interval({ estimate: 100 * s.completion.estimate, low: 100 * s.completion.low, high: 100 * s.completion.high })} %</td>` +
        `<td>${num(100 * s.meanRevisitRate)} %</td><td>${num(100 * s.meanCoverage)} %</td></tr>`;
    })
    .join("");
  const legend = report.results.map((r, i) => `<span style="color:${colorOf(i)}">■</span> ${escape(label(r))}`).join(" &nbsp; ");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(report.title)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}
th{background:#f4f4f4}td:first-child{text-align:left}svg{background:#fff;border:1px solid #ddd;margin:4px}.plots{display:flex;flex-wrap:wrap;align-items:flex-start}
</style></head><body>
<h1>${escape(report.title)}</h1>
<table>${settings}</table>
<h2>Summary</h2>
<p>Median path length counts a failed episode at the budget (${report.budget} steps); 95 % intervals: bootstrap for medians, Wilson for completion.</p>
<table><tr><th>agent</th><th>episodes</th><th>median path</th><th>median path (successful)</th><th>completion</th><th>revisits</th><th>coverage</th></tr>${rows}</table>
<h2>Path lengths</h2><p>${legend}</p>${pathLengthSvg(report)}
<h2>Completion</h2><p>Share of episodes at the goal by each step.</p>${completionSvg(report)}
${report.episode !== undefined ? `<h2>One episode: ${escape(report.episode.agent)}</h2><div class="plots">${trajectorySvg(report.episode.world, report.episode.path)}${report.episode.raster !== undefined ? rasterSvg(report.episode.raster) : ""}</div>` : ""}
${report.calcium !== undefined && report.calcium.frames.length > 0 ? `<h2>Astrocyte calcium over the grid</h2><p>Calcium of the astrocyte of the state seen in each cell, at agent steps ${report.calcium.frames.map((f) => f.step).join(", ")}; darker is higher (scale shared).</p><div class="plots">${calciumSvgs(report.calcium.world, report.calcium.frames)}</div>` : ""}
${report.agreement !== undefined && report.agreement.length > 0 ? agreementTable(report.agreement) : ""}
</body></html>
`;
}

/** Per agent a row: box from the quartiles, whiskers to min and max, every episode as a dot. */
function pathLengthSvg(report: ExperimentReport): string {
  const left = 10;
  const width = 640;
  const rowHeight = 28;
  const height = report.results.length * rowHeight + 30;
  const x = (steps: number): number => left + (width - 2 * left) * Math.min(1, steps / Math.max(1, report.budget));
  const parts: string[] = [];
  report.results.forEach((r, i) => {
    const sorted = Array.from(r.pathLengths).sort((a, b) => a - b);
    if (sorted.length === 0) return;
    const q = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1) + 0.5))];
    const y = 10 + i * rowHeight;
    const c = colorOf(i);
    parts.push(`<line x1="${x(sorted[0])}" y1="${y + 10}" x2="${x(sorted[sorted.length - 1])}" y2="${y + 10}" stroke="${c}"/>`);
    parts.push(`<rect x="${x(q(0.25))}" y="${y + 3}" width="${Math.max(1, x(q(0.75)) - x(q(0.25)))}" height="14" fill="${c}" fill-opacity="0.25" stroke="${c}"/>`);
    parts.push(`<line x1="${x(q(0.5))}" y1="${y + 1}" x2="${x(q(0.5))}" y2="${y + 19}" stroke="${c}" stroke-width="3"><title>${escape(label(r))}: median ${q(0.5)}</title></line>`);
    sorted.forEach((steps, k) => parts.push(`<circle cx="${x(steps).toFixed(1)}" cy="${y + 4 + ((k * 7) % 13)}" r="1.6" fill="${c}" fill-opacity="0.6"/>`));
  });
  const axisY = height - 14;
  parts.push(`<line x1="${left}" y1="${axisY}" x2="${width - left}" y2="${axisY}" stroke="#888"/>`);
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    const steps = Math.round(t * report.budget);
    parts.push(`<text x="${x(steps)}" y="${height - 2}" font-size="10" text-anchor="middle">${steps}</text>`);
  }
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="path lengths">${parts.join("")}</svg>`;
}

/** Fraction of episodes that reached the goal within s steps, for s = 0 .. budget. */
function completionSvg(report: ExperimentReport): string {
  const width = 640;
  const height = 240;
  const pad = 30;
  const x = (steps: number): number => pad + (width - 2 * pad) * (steps / Math.max(1, report.budget));
  const y = (share: number): number => height - pad - (height - 2 * pad) * share;
  const parts: string[] = [];
  report.results.forEach((r, i) => {
    const reachedSteps = Array.from(r.pathLengths).filter((_, k) => Boolean(r.reached[k])).sort((a, b) => a - b);
    const n = Math.max(1, r.pathLengths.length);
    const points = [`${x(0)},${y(0)}`];
    reachedSteps.forEach((steps, k) => points.push(`${x(steps).toFixed(1)},${y(k / n).toFixed(1)}`, `${x(steps).toFixed(1)},${y((k + 1) / n).toFixed(1)}`));
    points.push(`${x(report.budget)},${y(reachedSteps.length / n).toFixed(1)}`);
    parts.push(`<polyline fill="none" stroke="${colorOf(i)}" stroke-width="2" points="${points.join(" ")}"><title>${escape(label(r))}</title></polyline>`);
  });
  parts.push(`<line x1="${pad}" y1="${y(0)}" x2="${width - pad}" y2="${y(0)}" stroke="#888"/><line x1="${pad}" y1="${y(0)}" x2="${pad}" y2="${y(1)}" stroke="#888"/>`);
  parts.push(`<text x="${pad - 4}" y="${y(1) + 4}" font-size="10" text-anchor="end">1</text><text x="${pad - 4}" y="${y(0)}" font-size="10" text-anchor="end">0</text>`);
  parts.push(`<text x="${width - pad}" y="${height - 8}" font-size="10" text-anchor="end">${report.budget} steps</text>`);
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="completion curves">${parts.join("")}</svg>`;
}

const CELL = 14;

/** The world's walls and obstacles as SVG lines and rects, with start and goal. */
function worldParts(world: GridWorld, cell: number): string[] {
  const parts: string[] = [];
  for (let c = 0; c < world.width * world.height; c++) {
    const cx = (c % world.width) * cell;
    const cy = Math.floor(c / world.width) * cell;
    if (world.blocked[c] === 1) parts.push(`<rect x="${cx}" y="${cy}" width="${cell}" height="${cell}" fill="#555"/>`);
    const w = world.walls[c];
    if (w & 1) parts.push(`<line x1="${cx}" y1="${cy}" x2="${cx + cell}" y2="${cy}" stroke="#222"/>`);
    if (w & 8) parts.push(`<line x1="${cx}" y1="${cy}" x2="${cx}" y2="${cy + cell}" stroke="#222"/>`);
    if ((w & 2) && c % world.width === world.width - 1) parts.push(`<line x1="${cx + cell}" y1="${cy}" x2="${cx + cell}" y2="${cy + cell}" stroke="#222"/>`);
    if ((w & 4) && Math.floor(c / world.width) === world.height - 1) parts.push(`<line x1="${cx}" y1="${cy + cell}" x2="${cx + cell}" y2="${cy + cell}" stroke="#222"/>`);
  }
  const centre = (c: number): [number, number] => [(c % world.width) * cell + cell / 2, Math.floor(c / world.width) * cell + cell / 2];
  const [sx, sy] = centre(world.start);
  const [gx, gy] = centre(world.goal);
  parts.push(`<circle cx="${sx}" cy="${sy}" r="${cell / 3}" fill="#2e8b57"><title>start</title></circle>`);
  parts.push(`<rect x="${gx - cell / 3}" y="${gy - cell / 3}" width="${(2 * cell) / 3}" height="${(2 * cell) / 3}" fill="#d0442c"><title>goal</title></rect>`);
  return parts;
}

function trajectorySvg(world: GridWorld, path: ArrayLike<number>): string {
  const width = world.width * CELL;
  const height = world.height * CELL;
  const points = Array.from(path, (c) => `${(c % world.width) * CELL + CELL / 2},${Math.floor(c / world.width) * CELL + CELL / 2}`).join(" ");
  const parts = [...worldParts(world, CELL), `<polyline fill="none" stroke="#1f5fbf" stroke-opacity="0.6" stroke-width="2" points="${points}"><title>${path.length - 1} steps</title></polyline>`];
  return `<svg width="${width + 2}" height="${height + 2}" viewBox="-1 -1 ${width + 2} ${height + 2}" role="img" aria-label="trajectory">${parts.join("")}</svg>`;
}

function rasterSvg(raster: { readonly steps: number; readonly rows: readonly RasterRow[] }): string {
  const width = 640;
  const rowHeight = 8;
  const left = 90;
  const height = raster.rows.length * rowHeight + 10;
  const parts: string[] = [];
  raster.rows.forEach((row, i) => {
    const y = 5 + i * rowHeight;
    parts.push(`<text x="${left - 4}" y="${y + rowHeight - 1}" font-size="8" text-anchor="end">${escape(row.label)}</text>`);
    for (let k = 0; k < row.steps.length; k++) {
      const x = left + ((width - left - 5) * row.steps[k]) / Math.max(1, raster.steps);
      parts.push(`<line x1="${x.toFixed(1)}" y1="${y}" x2="${x.toFixed(1)}" y2="${y + rowHeight - 2}" stroke="#222"/>`);
    }
  });
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="spike raster">${parts.join("")}</svg>`;
}

function calciumSvgs(world: GridWorld, frames: readonly CalciumFrame[]): string {
  let top = 0;
  for (const frame of frames) for (let c = 0; c < frame.values.length; c++) top = Math.max(top, frame.values[c]);
  const cell = Math.max(6, Math.min(CELL, Math.floor(220 / Math.max(world.width, world.height))));
  return frames
    .map((frame) => {
      const parts: string[] = [];
      for (let c = 0; c < world.width * world.height; c++) {
        const share = top > 0 ? frame.values[c] / top : 0;
        const shade = Math.round(250 - 200 * share);
        parts.push(`<rect x="${(c % world.width) * cell}" y="${Math.floor(c / world.width) * cell}" width="${cell}" height="${cell}" fill="rgb(${shade},${shade},255)"/>`);
      }
      parts.push(...worldParts(world, cell));
      const width = world.width * cell;
      const height = world.height * cell;
      return `<svg width="${width + 2}" height="${height + 16}" viewBox="-1 -1 ${width + 2} ${height + 16}" role="img" aria-label="calcium at step ${frame.step}">${parts.join("")}` +
        `<text x="0" y="${height + 12}" font-size="10">step ${frame.step}</text></svg>`;
    })
    .join("");
}

function agreementTable(rows: readonly AgreementRow[]): string {
  const body = rows
    .map((r) => {
      const diff = r.reference !== 0 ? (100 * (r.emulated - r.reference)) / Math.abs(r.reference) : Number.NaN;
      return `<tr><td>${escape(r.metric)}</td><td>${escape(r.target)}</td><td>${num(r.reference, 3)}</td><td>${num(r.emulated, 3)}</td><td>${num(diff)} %</td></tr>`;
    })
    .join("");
  return `<h2>Emulated against the reference</h2><table><tr><th>metric</th><th>target</th><th>reference</th><th>emulated</th><th>difference</th></tr>${body}</table>`;
}

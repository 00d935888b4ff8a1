/**
 * The navigation experiment's report as one self-contained HTML page (inline SVG, no scripts):
 * the summary table with confidence intervals, path-length distributions per agent, completion
 * curves, one episode's trajectory on its world, the astrocytes' calcium over the grid at a few
 * moments, a spike raster, the agreement of emulated agents with the reference, the energy per
 * decision on emulated targets, and the ablation over the astrocyte parameters.
 */
import { MIN_VERDICT_WORLDS } from "./agreement.js";
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
  /** What was compared, e.g. "snan 5×5". */
  readonly condition?: string;
  readonly metric: string;
  readonly target: string;
  readonly reference: number;
  readonly emulated: number;
  /** The 95 % interval of the relative difference (a share), and whether it lies within the tolerance. */
  readonly low?: number;
  readonly high?: number;
  readonly verdict?: string;
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
  /** Episode by episode on the same seeds: shares with the same outcome and the same length. */
  readonly episodeAgreement?: readonly { readonly condition: string; readonly target: string; readonly episodes: number; readonly sameOutcome: number; readonly sameLength: number }[];
  /** Relative differences beyond this (a share) are marked in the agreement table. */
  readonly tolerance?: number;
  /** The control's target name in the agreement rows (ExperimentSpec.control), when the run has one. */
  readonly control?: string;
  readonly energy?: readonly EnergyRow[];
  readonly ablation?: readonly AblationPoint[];
}

export interface EnergyRow {
  readonly condition: string;
  readonly target: string;
  readonly decisions: number;
  readonly windows: number;
  /** J. */
  readonly energy: number;
  readonly energyPerDecision: number;
  readonly energyPerWindow: number;
}

/** One condition of the ablation: a parameter at one value, on one world size. */
export interface AblationPoint {
  readonly parameter: string;
  readonly value: number;
  /** The value every other condition uses. */
  readonly base: number;
  readonly size: number;
  /** Where it ran (default: the reference). */
  readonly engine?: string;
  readonly medianPath: Interval;
  readonly completion: Interval;
  readonly budget: number;
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
${report.agreement !== undefined && report.agreement.length > 0 ? agreementTable(report.agreement, report.tolerance, report.control) : ""}
${report.episodeAgreement !== undefined && report.episodeAgreement.length > 0 ? episodeAgreementTable(report.episodeAgreement) : ""}
${report.energy !== undefined && report.energy.length > 0 ? energyTable(report.energy) : ""}
${report.ablation !== undefined && report.ablation.length > 0 ? ablationSection(report.ablation) : ""}
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

function agreementTable(rows: readonly AgreementRow[], tolerance: number | undefined, control: string | undefined): string {
  const intervals = rows.some((r) => r.low !== undefined);
  const body = rows
    .map((r) => {
      const diff = r.reference !== 0 ? (r.emulated - r.reference) / Math.abs(r.reference) : r.emulated === 0 ? 0 : Number.NaN;
      const beyond = tolerance !== undefined && !(Math.abs(diff) <= tolerance);
      const interval = intervals ? `<td>${r.low !== undefined && r.high !== undefined ? `[${num(100 * r.low)}, ${num(100 * r.high)}] %` : ""}</td><td>${escape(r.verdict ?? "")}</td>` : "";
      return `<tr><td>${escape(r.condition ?? "")}</td><td>${escape(r.metric)}</td><td>${escape(r.target)}</td><td>${num(r.reference, 3)}</td><td>${num(r.emulated, 3)}</td><td${beyond ? ' style="color:#d0442c"' : ""}>${num(100 * diff)} %</td>${interval}</tr>`;
    })
    .join("");
  const note = tolerance !== undefined
    ? `<p>The same worlds and agent seeds on both. Differences beyond ${num(100 * tolerance, 0)} % in red; a closed loop parts at its first different choice, so only the statistics can agree.` +
      (intervals ? ` The interval is a paired bootstrap over worlds (95 %); the verdict says whether it lies within ±${num(100 * tolerance, 0)} %, wholly beyond, or across the edge (undecided: more worlds would tell); with fewer than ${MIN_VERDICT_WORLDS} worlds none is given.` : "") +
      (control !== undefined ? ` The target ${escape(control)} is the control: the reference itself with its input weight changed by that factor. The closed loop amplifies that change as it amplifies an engine's, so its rows are the floor to read the engines' against; the rows "against the control" compare an engine with it (its figures in the reference column).` : "") +
      "</p>"
    : "";
  const head = `<tr><th>condition</th><th>metric</th><th>target</th><th>reference</th><th>emulated</th><th>difference</th>${intervals ? "<th>95 % interval</th><th>verdict</th>" : ""}</tr>`;
  return `<h2>Emulated against the reference</h2>${note}<table>${head}${body}</table>`;
}

function episodeAgreementTable(rows: NonNullable<ExperimentReport["episodeAgreement"]>): string {
  const body = rows
    .map((r) => `<tr><td>${escape(r.condition)}</td><td>${escape(r.target)}</td><td>${r.episodes}</td><td>${num(100 * r.sameOutcome, 0)} %</td><td>${num(100 * r.sameLength, 0)} %</td></tr>`)
    .join("");
  return `<p>Episode by episode (same world, same episode number):</p><table><tr><th>condition</th><th>target</th><th>episodes</th><th>same outcome</th><th>same length</th></tr>${body}</table>`;
}

/** J with an SI prefix. */
export function joules(value: number): string {
  if (!Number.isFinite(value)) return "—";
  const [factor, unit] = value >= 1 ? [1, "J"] : value >= 1e-3 ? [1e3, "mJ"] : value >= 1e-6 ? [1e6, "µJ"] : value >= 1e-9 ? [1e9, "nJ"] : [1e12, "pJ"];
  return `${(value * factor).toPrecision(3)} ${unit}`;
}

function energyTable(rows: readonly EnergyRow[]): string {
  const body = rows
    .map((r) => `<tr><td>${escape(r.condition)}</td><td>${escape(r.target)}</td><td>${r.decisions}</td><td>${r.windows}</td><td>${joules(r.energy)}</td><td>${joules(r.energyPerDecision)}</td><td>${joules(r.energyPerWindow)}</td></tr>`)
    .join("");
  return `<h2>Energy per decision</h2><p>Estimated from the emulator's operation counts and the target's energy table (docs/energy.md): the energy of every world's run over the agent steps taken. A world's run ends one window after its last episode (where the last reward or clear lands), so the windows run are the decisions plus one per world (and any rest windows between episodes).</p>` +
    `<table><tr><th>condition</th><th>target</th><th>decisions</th><th>windows</th><th>energy</th><th>per decision</th><th>per window</th></tr>${body}</table>`;
}

/** Per parameter: a table and two plots against the value (median path, completion), one line per world size, 95 % intervals as bars. */
function ablationSection(points: readonly AblationPoint[]): string {
  const parameters = [...new Set(points.map((p) => p.parameter))];
  const rows = points
    .map((p) => `<tr><td>${escape(p.parameter)}</td><td>${p.value}${p.value === p.base ? " (base)" : ""}</td><td>${p.size}×${p.size}</td><td>${escape(p.engine ?? "reference")}</td><td>${interval(p.medianPath)}</td><td>${interval({ estimate: 100 * p.completion.estimate, low: 100 * p.completion.low, high: 100 * p.completion.high }, 0)} %</td></tr>`)
    .join("");
  const plots = parameters
    .map((parameter) => {
      const own = points.filter((p) => p.parameter === parameter);
      const budget = Math.max(...own.map((p) => p.budget));
      return `<div class="plots">${ablationSvg(own, parameter, "median path", (p) => p.medianPath, budget)}${ablationSvg(own, parameter, "completion", (p) => p.completion, 1)}</div>`;
    })
    .join("");
  return `<h2>Ablation: astrocyte timescale, suppression gain and bump memory</h2><p><code>snan</code> with one parameter changed at a time, the others at their base values (shown in the summary as <code>snan</code>); one line per world size and engine; 95 % intervals.</p>` +
    `<table><tr><th>parameter</th><th>value</th><th>world</th><th>engine</th><th>median path</th><th>completion</th></tr>${rows}</table>${plots}`;
}

function ablationSvg(points: readonly AblationPoint[], parameter: string, metric: string, of: (p: AblationPoint) => Interval, top: number): string {
  const width = 320;
  const height = 200;
  const pad = 36;
  const values = points.map((p) => p.value);
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const x = (v: number): number => pad + (width - 2 * pad) * (hi > lo ? (v - lo) / (hi - lo) : 0.5);
  const y = (v: number): number => height - pad - (height - 2 * pad) * Math.min(1, Math.max(0, v / Math.max(1e-12, top)));
  const parts: string[] = [];
  const lineOf = (p: AblationPoint): string => `${p.size}×${p.size}${p.engine !== undefined && p.engine !== "reference" ? ` ${p.engine}` : ""}`;
  [...new Set(points.map(lineOf))].forEach((line, i) => {
    const own = points.filter((p) => lineOf(p) === line).sort((a, b) => a.value - b.value);
    const c = colorOf(i);
    parts.push(`<polyline fill="none" stroke="${c}" stroke-width="2" points="${own.map((p) => `${x(p.value).toFixed(1)},${y(of(p).estimate).toFixed(1)}`).join(" ")}"><title>${escape(line)}</title></polyline>`);
    for (const p of own) {
      const i95 = of(p);
      parts.push(`<line x1="${x(p.value).toFixed(1)}" y1="${y(i95.low).toFixed(1)}" x2="${x(p.value).toFixed(1)}" y2="${y(i95.high).toFixed(1)}" stroke="${c}"/>`);
      parts.push(`<circle cx="${x(p.value).toFixed(1)}" cy="${y(i95.estimate).toFixed(1)}" r="3" fill="${c}"><title>${escape(parameter)} ${p.value}, ${escape(line)}: ${interval(i95, 2)}</title></circle>`);
    }
    parts.push(`<text x="${width - pad}" y="${14 + 12 * i}" font-size="10" text-anchor="end" fill="${c}">${escape(line)}</text>`);
  });
  parts.push(`<line x1="${pad}" y1="${y(0)}" x2="${width - pad}" y2="${y(0)}" stroke="#888"/><line x1="${pad}" y1="${y(0)}" x2="${pad}" y2="${y(top)}" stroke="#888"/>`);
  parts.push(`<text x="${pad - 4}" y="${y(top) + 4}" font-size="10" text-anchor="end">${num(top, top < 10 ? 1 : 0)}</text><text x="${pad - 4}" y="${y(0)}" font-size="10" text-anchor="end">0</text>`);
  for (const v of [...new Set(values)]) parts.push(`<text x="${x(v).toFixed(1)}" y="${height - pad + 14}" font-size="10" text-anchor="middle">${v}</text>`);
  parts.push(`<text x="${width / 2}" y="${height - 6}" font-size="11" text-anchor="middle">${escape(parameter)}</text><text x="4" y="12" font-size="11">${escape(metric)}</text>`);
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="ablation ${escape(metric)} against ${escape(parameter)}">${parts.join("")}</svg>`;
}

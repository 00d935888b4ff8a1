/**
 * Renders a DiffReport: plain JSON data, an aligned text table (colours through a `paint`
 * function the caller supplies, so the library never imports a terminal colour package), and one
 * self-contained HTML page with inline SVG plots (no external assets, no scripts).
 */
import type { Recording, Trace } from "../hw/recording.js";
import type { DiffReport, PopulationDiff, Verdict } from "./compare.js";
import { astrocyteHtml, astrocyteTableLines } from "./astrocyte-report.js";
import { weightsHtml, weightsTableLines } from "./weights-report.js";
import { energyHtml, type EnergySection } from "./energy-report.js";
import type { EnergyTable } from "../targets/energy-types.js";
import {
  alignTable, COLOR_A, DIMENSIONLESS, COLOR_B, escapeHtml, fixed, htmlTable, num, overlaySvg, percent, sideLabels, significant, type Paint, type TableRow,
} from "./report-format.js";

export type { Paint, PaintStyle } from "./report-format.js";

/** What the HTML page adds beside the diff: the run's energy estimate and the cost table it used. */
export interface HtmlExtras {
  readonly energy?: { readonly estimate: EnergySection; readonly table?: EnergyTable };
}

// ───────────────────────────── JSON ─────────────────────────────

/**
 * The report as plain JSON data: typed arrays become arrays, and non-finite numbers (a rate
 * error against a silent reference is +∞) become null.
 */
export function reportToJson(report: DiffReport): unknown {
  return toPlain(report);
}

function toPlain(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, (v) => (Number.isFinite(v) ? v : null));
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}

// ───────────────────────────── shared wording ─────────────────────────────

function unitOf(report: DiffReport, verdict: Verdict): string {
  if (verdict.projection !== undefined) return report.weights?.projections.find((p) => p.projection === verdict.projection)?.unit ?? "";
  const pop = report.populations.find((p) => p.id === verdict.population);
  return pop?.traces.find((t) => t.variable === verdict.variable)?.unit ?? "";
}

/** What a verdict checks, in words: "matched within ±1 steps". */
export function describeCriterion(report: DiffReport, verdict: Verdict): string {
  switch (verdict.criterion) {
    case "minMatchedFraction": {
      const k = report.populations.find((p) => p.id === verdict.population)?.spikes?.matchWithin ?? report.criteria.matchWithin;
      return `spikes matched within ±${k} steps`;
    }
    case "maxRateError":
      return "relative rate error";
    case "maxVanRossum":
      return "van Rossum distance";
    case "maxTraceRmse":
      return `RMSE of ${verdict.variable ?? "?"}`;
    case "maxMeanAstrocyteRmse":
      return `mean per-astrocyte RMSE of ${verdict.variable ?? "?"}`;
    case "maxAstrocyteRmse":
      return `largest per-astrocyte RMSE of ${verdict.variable ?? "?"}`;
    case "minMeanGateJaccard":
      return "mean gate Jaccard index";
    case "minGateJaccard":
      return "least gate Jaccard index";
    case "minWeightCorrelation":
    case "maxWeightRmse": {
      const step = report.weights?.projections.find((p) => p.projection === verdict.projection)?.step;
      const what = verdict.criterion === "minWeightCorrelation" ? "Pearson r of the weights" : "RMSE of the weights";
      return step !== undefined ? `${what} at step ${step}` : `${what} (not compared)`;
    }
  }
}

/** Measured and threshold values of a verdict, formatted alike: ["99.2%", "95.0%"]. */
export function formatVerdictValues(report: DiffReport, verdict: Verdict): [string, string] {
  const format = (value: number): string => {
    switch (verdict.criterion) {
      case "minMatchedFraction":
      case "maxRateError":
        return percent(value);
      case "maxVanRossum":
      case "minMeanGateJaccard":
      case "minGateJaccard":
      case "minWeightCorrelation":
        return fixed(value, 3);
      case "maxWeightRmse":
      case "maxTraceRmse":
      case "maxMeanAstrocyteRmse":
      case "maxAstrocyteRmse": {
        const unit = unitOf(report, verdict);
        return significant(value) + (unit && unit !== DIMENSIONLESS ? " " + unit : "");
      }
    }
  };
  return [verdict.measured === undefined ? "not measured" : format(verdict.measured), format(verdict.threshold)];
}

/** The neuron populations' table; astrocyte populations have their own (astrocyte-report.ts). */
function summaryRows(report: DiffReport): { header: string[]; rows: TableRow[] } {
  const [la, lb] = sideLabels(report);
  const k = report.criteria.matchWithin;
  const header = ["population", `spikes ${la}`, `spikes ${lb}`, `rate ${la} (Hz)`, `rate ${lb} (Hz)`, "rate err", "exact",
    `±${k} match`, "first divergence", "van Rossum", "trace RMSE", "verdict"];
  const populationRow = (pop: PopulationDiff): TableRow => {
    const s = pop.spikes;
    const divergence = s?.firstDivergence ? `step ${s.firstDivergence.step} n${s.firstDivergence.neuron}` : s ? "none" : "-";
    const rmse = pop.traces.map((t) => `${t.variable} ${significant(t.rmse)}${t.unit ? " " + t.unit : ""}`).join(", ") || "-";
    return {
      cells: [
        pop.id,
        s ? String(s.countA) : "-",
        s ? String(s.countB) : "-",
        s ? fixed(s.rateAHz, 2) : "-",
        s ? fixed(s.rateBHz, 2) : "-",
        s ? percent(s.rateError) : "-",
        s ? percent(s.exactFraction) : "-",
        s ? percent(s.withinFraction) + (s.matchWithin !== k ? ` (±${s.matchWithin})` : "") : "-",
        divergence,
        s ? fixed(s.vanRossum, 3) : "-",
        rmse,
        pop.verdicts.length === 0 ? "-" : pop.pass ? "pass" : "fail",
      ],
      verdict: pop.verdicts.length === 0 ? "-" : pop.pass ? "pass" : "fail",
    };
  };
  const neurons = report.populations.filter((pop) => pop.astrocytes === undefined);
  const rows = neurons.map(populationRow);
  if (neurons.length > 1) {
    const o = report.overall;
    const first = o.firstDivergence ? `step ${o.firstDivergence.step} ${o.firstDivergence.population}[${o.firstDivergence.neuron}]` : "none";
    rows.push({
      cells: ["all", String(o.countA), String(o.countB), fixed(o.rateAHz, 2), fixed(o.rateBHz, 2), percent(o.rateError),
        percent(o.exactFraction), percent(o.withinFraction), first, fixed(o.vanRossum, 3), "", report.pass ? "pass" : "fail"],
      verdict: report.pass ? "pass" : "fail",
    });
  }
  return { header, rows };
}

// ───────────────────────────── text table ─────────────────────────────

/**
 * An aligned plain-text table, one row per population (and "all"), then one line per
 * criterion and the overall verdict. `paint` colours words; the default leaves them plain.
 */
export function renderTable(report: DiffReport, options: { readonly paint?: Paint } = {}): string {
  const paint = options.paint ?? ((text: string) => text);
  const { header, rows } = summaryRows(report);
  const numeric = (column: number) => column >= 1 && column <= 7 || column === 9;
  const lines: string[] = rows.length > 0 || report.populations.length === 0 ? [...alignTable(header, rows, numeric, paint), ""] : [];
  lines.push(...astrocyteTableLines(report, paint));
  lines.push(...weightsTableLines(report, paint));
  if (report.verdicts.length > 0) {
    const items = report.verdicts.map((v) => {
      const [measured, threshold] = formatVerdictValues(report, v);
      return { v, population: v.population, what: describeCriterion(report, v), measured, rule: `${v.comparison === ">=" ? "≥" : "≤"} ${threshold}` };
    });
    const wp = Math.max(...items.map((i) => i.population.length));
    const ww = Math.max(...items.map((i) => i.what.length));
    const wm = Math.max(...items.map((i) => i.measured.length));
    lines.push(paint("criteria", "bold"));
    for (const item of items) {
      const mark = item.v.pass ? paint("pass", "pass") : paint("FAIL", "fail");
      lines.push(`  ${mark}  ${item.population.padEnd(wp)}  ${item.what.padEnd(ww)}  ${item.measured.padStart(wm)} ${item.rule}`);
    }
    lines.push("");
  }
  const failed = report.verdicts.filter((v) => !v.pass).length;
  lines.push(report.pass
    ? paint(`PASS: ${report.verdicts.length} of ${report.verdicts.length} criteria met`, "pass")
    : paint(`FAIL: ${failed} of ${report.verdicts.length} criteria not met`, "fail"));
  return lines.join("\n") + "\n";
}

// ───────────────────────────── HTML ─────────────────────────────

/** Spike marks drawn per side and population before the raster shows every s-th neuron only. */
const MAX_RASTER_SPIKES = 20_000;
const TRACE_NEURONS = 4;


/**
 * One self-contained HTML page: summary and criteria tables, a raster of both recordings
 * overlaid per population (reference ticks above, other below each neuron's row), rate bars,
 * and trace overlays for up to four neurons per compared trace; with `extras.energy`, the
 * energy section (./energy-report.ts). `a` is the reference.
 */
export function renderHtml(report: DiffReport, a: Recording, b: Recording, extras: HtmlExtras = {}): string {
  const [la, lb] = sideLabels(report);
  const { header, rows } = summaryRows(report);
  const table = rows.length > 0 || report.populations.length === 0 ? htmlTable(header, rows) : "<p>No neuron population is compared.</p>";
  const criteria = report.verdicts.length === 0 ? "<p>No criterion applies.</p>" :
    `<table><tr><th>population</th><th>criterion</th><th>measured</th><th>threshold</th><th>verdict</th></tr>` +
    report.verdicts.map((v) => {
      const [measured, threshold] = formatVerdictValues(report, v);
      const verdict = v.pass ? "pass" : "fail";
      return `<tr><td>${escapeHtml(v.population)}</td><td class="text">${escapeHtml(describeCriterion(report, v))}</td><td>${escapeHtml(measured)}</td>` +
        `<td>${v.comparison === ">=" ? "≥" : "≤"} ${escapeHtml(threshold)}</td><td class="${verdict}">${verdict}</td></tr>`;
    }).join("") + `</table>`;
  const legend = `<p class="legend"><span style="color:${COLOR_A}">■</span> ${escapeHtml(la)} (${escapeHtml(report.sources.reference)}) ` +
    `<span style="color:${COLOR_B}">■</span> ${escapeHtml(lb)} (${escapeHtml(report.sources.other)})</p>`;
  const rasters = report.populations.map((pop) => rasterSvg(pop, a, b, report)).join("");
  const traces = report.populations.filter((pop) => pop.astrocytes === undefined).flatMap((pop) => pop.traces.map((t) => traceSvgs(pop.id, t.variable, t.unit, t.neurons, a, b, report))).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tripart diff: ${report.pass ? "pass" : "fail"}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}
th{background:#f4f4f4}td:first-child,td.text{text-align:left}.pass{color:#080}.fail{color:#c00;font-weight:bold}
svg{background:#fff;border:1px solid #ddd;margin:4px}.plots{display:flex;flex-wrap:wrap}.legend{margin:0}
</style></head><body>
<h1>Tripart diff: <span class="${report.pass ? "pass" : "fail"}">${report.pass ? "PASS" : "FAIL"}</span></h1>
<p>The ${escapeHtml(report.sources.other)} recording against the ${escapeHtml(report.sources.reference)} recording (the reference); dt ${report.dtMs} ms, ${report.steps} steps (${num(report.durationMs)} ms).</p>
<h2>Summary</h2>${table}
<h2>Criteria</h2>${criteria}
<h2>Spike rasters</h2>${legend}${rasters || "<p>No spikes were recorded.</p>"}
<h2>Rates</h2>${rateBars(report, la, lb)}
<h2>Traces</h2>${traces ? legend + `<div class="plots">${traces}</div>` : "<p>No trace is compared.</p>"}
${astrocyteHtml(report, a, b)}${weightsHtml(report, a, b)}${extras.energy !== undefined ? energyHtml(extras.energy.estimate, extras.energy.table) : ""}</body></html>
`;
}

/** Raster of one population: each shown neuron gets a row; reference ticks in its upper half. */
function rasterSvg(pop: PopulationDiff, a: Recording, b: Recording, report: DiffReport): string {
  const trainA = a.populations.find((p) => p.id === pop.id)?.spikes;
  const trainB = b.populations.find((p) => p.id === pop.id)?.spikes;
  if (pop.spikes === undefined || trainA === undefined || trainB === undefined) return "";
  const most = Math.max(trainA.step.length, trainB.step.length);
  const stride = Math.max(1, Math.ceil(most / MAX_RASTER_SPIKES));
  const shown = Math.ceil(pop.size / stride);
  const width = 900, left = 40, plotWidth = width - left - 10;
  const rowHeight = Math.max(1, Math.min(8, 400 / shown));
  const height = Math.ceil(shown * rowHeight) + 30;
  const x = (step: number) => left + ((step + 0.5) / Math.max(1, report.steps)) * plotWidth;
  const ticks = (train: { step: Int32Array; neuron: Int32Array }, lower: boolean): string => {
    const parts: string[] = [];
    const tick = Math.max(0.5, rowHeight / 2);
    for (let k = 0; k < train.step.length; k++) {
      const n = train.neuron[k];
      if (n % stride !== 0) continue;
      const y = 5 + (n / stride) * rowHeight + (lower ? rowHeight / 2 : 0);
      parts.push(`M${num(x(train.step[k]))} ${num(y)}v${num(tick)}`);
    }
    return parts.join("");
  };
  const note = stride > 1 ? ` (every ${stride}th neuron)` : "";
  return `<h3>${escapeHtml(pop.id)}${escapeHtml(note)}</h3>` +
    `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="spike raster of ${escapeHtml(pop.id)}">` +
    `<path d="${ticks(trainA, false)}" stroke="${COLOR_A}" stroke-width="1"/>` +
    `<path d="${ticks(trainB, true)}" stroke="${COLOR_B}" stroke-width="1"/>` +
    `<text x="${left}" y="${height - 8}" font-size="11">0 ms</text>` +
    `<text x="${width - 10}" y="${height - 8}" font-size="11" text-anchor="end">${num(report.durationMs)} ms</text>` +
    `<text x="4" y="14" font-size="11">n0</text></svg>`;
}

/** Horizontal bars of the mean rate of each population on both sides. */
function rateBars(report: DiffReport, la: string, lb: string): string {
  const pops = report.populations.filter((p) => p.spikes !== undefined);
  if (pops.length === 0) return "<p>No spikes were recorded.</p>";
  const most = Math.max(1e-9, ...pops.flatMap((p) => [p.spikes?.rateAHz ?? 0, p.spikes?.rateBHz ?? 0]));
  const left = 120, barWidth = 600, row = 36;
  const height = pops.length * row + 10;
  const bars = pops.map((p, i) => {
    const s = p.spikes!;
    const y = 5 + i * row;
    const wa = (s.rateAHz / most) * barWidth, wb = (s.rateBHz / most) * barWidth;
    return `<text x="4" y="${y + 20}" font-size="12">${escapeHtml(p.id)}</text>` +
      `<rect x="${left}" y="${y}" width="${num(wa)}" height="14" fill="${COLOR_A}"/>` +
      `<text x="${num(left + wa + 4)}" y="${y + 11}" font-size="11">${fixed(s.rateAHz, 2)} Hz ${escapeHtml(la)}</text>` +
      `<rect x="${left}" y="${y + 15}" width="${num(wb)}" height="14" fill="${COLOR_B}"/>` +
      `<text x="${num(left + wb + 4)}" y="${y + 26}" font-size="11">${fixed(s.rateBHz, 2)} Hz ${escapeHtml(lb)}</text>`;
  }).join("");
  return `<svg width="${left + barWidth + 140}" height="${height}" role="img" aria-label="mean rates">${bars}</svg>`;
}

/** One small plot per neuron (at most four) overlaying a compared trace of both sides. */
function traceSvgs(population: string, variable: string, unit: string, neurons: Int32Array, a: Recording, b: Recording, report: DiffReport): string {
  const find = (rec: Recording): Trace | undefined => rec.populations.find((p) => p.id === population)?.traces.find((t) => t.variable === variable);
  const traceA = find(a), traceB = find(b);
  if (traceA === undefined || traceB === undefined) return "";
  return Array.from(neurons.subarray(0, TRACE_NEURONS), (neuron) => {
    const rowA = traceA.values[traceA.neurons.indexOf(neuron)];
    const rowB = traceB.values[traceB.neurons.indexOf(neuron)];
    return overlaySvg(rowA, rowB, report, `${population}[${neuron}] ${variable}${unit ? " (" + unit + ")" : ""}`);
  }).join("");
}

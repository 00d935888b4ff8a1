/**
 * The astrocyte parts of the diff report: the "astrocytes" and "territories" tables (text and
 * HTML) and the HTML plots — Ca of both recordings for the astrocytes with the largest Ca error,
 * a gate raster, and a histogram of the gate Jaccard indices. Self-contained SVG, no scripts.
 */
import type { Recording } from "../hw/recording.js";
import type { DiffReport, PopulationDiff } from "./compare.js";
import {
  alignTable, COLOR_A, COLOR_B, DIMENSIONLESS, escapeHtml, fixed, htmlTable, num, overlaySvg, percent, sideLabels, significant, type Paint, type TableRow,
} from "./report-format.js";

/** Astrocytes whose Ca is plotted per population, largest RMSE first. */
const CA_PLOTS = 4;
const HISTOGRAM_BINS = 10;
const MAX_RASTER_ROWS = 400;

/** Populations with astrocyte metrics, in the report's order. */
export const astrocytePopulations = (report: DiffReport): PopulationDiff[] => report.populations.filter((pop) => pop.astrocytes !== undefined);

/** "mean / max" of a variable's per-astrocyte RMSE, with its unit. */
const rmseCell = (pop: PopulationDiff, variable: string): string => {
  const summary = pop.astrocytes?.variables.find((v) => v.variable === variable);
  if (summary === undefined) return "-";
  return `${significant(summary.meanRmse)} / ${significant(summary.maxRmse)}` + (summary.unit && summary.unit !== DIMENSIONLESS ? " " + summary.unit : "");
};

function astrocyteRows(report: DiffReport): { header: string[]; rows: TableRow[] } {
  const [la, lb] = sideLabels(report);
  const header = ["population", "astrocytes", "Ca RMSE mean / max", "IP3 RMSE mean / max", "h RMSE mean / max", "gate Jaccard mean", "min",
    `opened ${la}`, `opened ${lb}`, "one side only", "onset Δ max", "verdict"];
  const rows = astrocytePopulations(report).map((pop): TableRow => {
    const g = pop.astrocytes?.gate;
    const verdict = pop.verdicts.length === 0 ? "-" : pop.pass ? "pass" : "fail";
    return {
      cells: [
        pop.id, String(pop.size), rmseCell(pop, "ca"), rmseCell(pop, "ip3"), rmseCell(pop, "h"),
        g ? fixed(g.meanJaccard, 3) : "-",
        g ? `${fixed(g.minJaccard, 3)} a${g.minJaccardAstrocyte}` : "-",
        g ? String(g.openedA) : "-",
        g ? String(g.openedB) : "-",
        g ? String(g.openedOnlyA.length + g.openedOnlyB.length) : "-",
        g ? `${num(g.maxOnsetShift * report.dtMs)} ms` : "-",
        verdict,
      ],
      verdict,
    };
  });
  return { header, rows };
}

function territoryRows(report: DiffReport): { header: string[]; rows: TableRow[] } {
  const [la, lb] = sideLabels(report);
  const header = ["astrocytes", "neurons of", "territories", `mean rate ${la} (Hz)`, `mean rate ${lb} (Hz)`, "±k match mean", "min"];
  // Territories may overlap, so spikes are not summed over them; their rates are averaged.
  const mean = (array: Float64Array) => (array.length > 0 ? array.reduce((total, v) => total + v, 0) / array.length : 0);
  const rows = (report.territories ?? []).map((t): TableRow => ({
    cells: [t.astrocytes, t.population, String(t.size.length), fixed(mean(t.rateAHz), 2), fixed(mean(t.rateBHz), 2),
      `${percent(t.meanWithinFraction)} (±${t.matchWithin})`, t.size.length > 0 ? `${percent(t.minWithinFraction)} t${t.worstTerritory}` : "-"],
    verdict: "-",
  }));
  return { header, rows };
}

/** Text lines of the astrocyte and territory tables, each followed by a blank line; none for a report without them. */
export function astrocyteTableLines(report: DiffReport, paint: Paint): string[] {
  const lines: string[] = [];
  const astro = astrocyteRows(report);
  if (astro.rows.length > 0) {
    lines.push(paint("astrocytes", "bold"), ...alignTable(astro.header, astro.rows, (c) => c >= 1 && c <= 10, paint), "");
  }
  const territories = territoryRows(report);
  if (territories.rows.length > 0) {
    lines.push(paint("territories", "bold"), ...alignTable(territories.header, territories.rows, (c) => c >= 2, paint), "");
  }
  return lines;
}

/** The HTML "Astrocytes" section (tables and plots); empty for a report without astrocytes or territories. */
export function astrocyteHtml(report: DiffReport, a: Recording, b: Recording): string {
  const astro = astrocyteRows(report);
  const territories = territoryRows(report);
  if (astro.rows.length === 0 && territories.rows.length === 0) return "";
  const [la, lb] = sideLabels(report);
  const legend = `<p class="legend"><span style="color:${COLOR_A}">■</span> ${escapeHtml(la)} (${escapeHtml(report.sources.reference)}) ` +
    `<span style="color:${COLOR_B}">■</span> ${escapeHtml(lb)} (${escapeHtml(report.sources.other)})</p>`;
  const plots = astrocytePopulations(report).map((pop) =>
    `<h3>${escapeHtml(pop.id)}</h3>${legend}<div class="plots">${caPlots(pop, a, b, report)}</div>${gateRaster(pop, report)}${jaccardHistogram(pop)}`).join("");
  return `<h2>Astrocytes</h2>` +
    (astro.rows.length > 0 ? htmlTable(astro.header, astro.rows) : "") +
    (territories.rows.length > 0 ? `<h3>Territories</h3>${htmlTable(territories.header, territories.rows)}` : "") +
    plots + "\n";
}

/** Ca of both recordings for the astrocytes with the largest Ca RMSE (at most four). */
function caPlots(pop: PopulationDiff, a: Recording, b: Recording, report: DiffReport): string {
  const metrics = pop.traces.find((t) => t.variable === "ca");
  const traceA = a.populations.find((p) => p.id === pop.id)?.traces.find((t) => t.variable === "ca");
  const traceB = b.populations.find((p) => p.id === pop.id)?.traces.find((t) => t.variable === "ca");
  if (metrics === undefined || traceA === undefined || traceB === undefined) return "";
  const order = Array.from(metrics.neurons.keys()).sort((i, j) => metrics.perNeuronRmse[j] - metrics.perNeuronRmse[i]).slice(0, CA_PLOTS);
  return order.map((k) => {
    const astrocyte = metrics.neurons[k];
    const rowA = traceA.values[traceA.neurons.indexOf(astrocyte)];
    const rowB = traceB.values[traceB.neurons.indexOf(astrocyte)];
    return overlaySvg(rowA, rowB, report, `${pop.id}[${astrocyte}] Ca (${traceA.unit}), RMSE ${significant(metrics.perNeuronRmse[k])}`);
  }).join("");
}

/** One row per astrocyte: reference open intervals in its upper half, the other's in the lower half. */
function gateRaster(pop: PopulationDiff, report: DiffReport): string {
  const [la, lb] = sideLabels(report);
  const gate = pop.astrocytes?.gate;
  if (gate === undefined) return "";
  // Above 400 astrocytes only every s-th gets a row, so a row stays at least one pixel high.
  const stride = Math.max(1, Math.ceil(gate.astrocytes.length / MAX_RASTER_ROWS));
  const count = Math.ceil(gate.astrocytes.length / stride);
  const width = 900, left = 40, plotWidth = width - left - 10;
  const rowHeight = Math.max(1, Math.min(10, MAX_RASTER_ROWS / count));
  const top = 22;
  const height = top + Math.ceil(count * rowHeight) + 25;
  const x = (step: number) => left + (step / Math.max(1, report.steps)) * plotWidth;
  const bars = (intervals: readonly Int32Array[], lower: boolean): string => intervals.map((row, k) => {
    if (k % stride !== 0) return "";
    const parts: string[] = [];
    const y = top + (k / stride) * rowHeight + (lower ? rowHeight / 2 : 0);
    for (let i = 0; i < row.length; i += 2) {
      parts.push(`M${num(x(row[i]))} ${num(y)}H${num(x(row[i + 1]))}V${num(y + rowHeight / 2)}H${num(x(row[i]))}Z`);
    }
    return parts.join("");
  }).join("");
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="gate raster of ${escapeHtml(pop.id)}">` +
    `<text x="${left}" y="14" font-size="12">gate open per astrocyte${stride > 1 ? ` (one row per ${stride} astrocytes)` : ""}: ` +
    `${escapeHtml(la)} in the upper half of each row, ${escapeHtml(lb)} in the lower</text>` +
    `<path d="${bars(gate.intervalsA, false)}" fill="${COLOR_A}"/>` +
    `<path d="${bars(gate.intervalsB, true)}" fill="${COLOR_B}"/>` +
    `<text x="${left}" y="${height - 8}" font-size="11">0 ms</text>` +
    `<text x="${width - 10}" y="${height - 8}" font-size="11" text-anchor="end">${num(report.durationMs)} ms</text>` +
    `<text x="4" y="${top + 9}" font-size="11">a${gate.astrocytes[0]}</text></svg>`;
}

/** Counts of gate Jaccard indices in ten bins [0, 0.1) … [0.9, 1]. */
export function jaccardBins(values: Float64Array): Int32Array {
  const bins = new Int32Array(HISTOGRAM_BINS);
  for (const v of values) bins[Math.min(HISTOGRAM_BINS - 1, Math.floor(v * HISTOGRAM_BINS))]++;
  return bins;
}

function jaccardHistogram(pop: PopulationDiff): string {
  const gate = pop.astrocytes?.gate;
  if (gate === undefined) return "";
  const bins = jaccardBins(gate.jaccard);
  const most = Math.max(1, ...bins);
  const left = 40, barWidth = 40, plotH = 120, top = 34;
  const width = left + HISTOGRAM_BINS * barWidth + 10, height = top + plotH + 30;
  const bars = Array.from(bins, (n, i) => {
    const h = (n / most) * plotH, x = left + i * barWidth;
    return `<rect x="${x + 2}" y="${num(top + plotH - h)}" width="${barWidth - 4}" height="${num(h)}" fill="${COLOR_A}"/>` +
      `<text x="${x + barWidth / 2}" y="${num(top + plotH - h - 3)}" font-size="10" text-anchor="middle">${n}</text>` +
      `<text x="${x + barWidth / 2}" y="${top + plotH + 14}" font-size="10" text-anchor="middle">${(i / HISTOGRAM_BINS).toFixed(1)}</text>`;
  }).join("");
  return `<svg width="${width}" height="${height}" role="img" aria-label="gate Jaccard histogram of ${escapeHtml(pop.id)}">` +
    `<text x="${left}" y="12" font-size="12">astrocytes per gate Jaccard index (bins of 0.1; the last holds 1)</text>${bars}` +
    `<text x="${left - 4}" y="${top + plotH + 14}" font-size="10" text-anchor="end">J</text></svg>`;
}

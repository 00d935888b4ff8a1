/**
 * The weights part of the diff report: one table row per compared plastic projection (text and
 * HTML), the findings for projections that could not be compared, and the HTML plots — a scatter
 * of the other side's weights against the reference's with the identity line, and a histogram of
 * both sides' weights, at the compared step. Self-contained SVG, no scripts.
 */
import type { Recording } from "../hw/recording.js";
import type { DiffReport } from "./compare.js";
import type { ProjectionWeightDiff, WeightSideSummary } from "./weights.js";
import {
  alignTable, COLOR_A, COLOR_B, escapeHtml, fixed, histogramSvg, htmlTable, percent, scatterSvg, sideLabels, significant, type Paint, type TableRow,
} from "./report-format.js";

const correlation = (r: number | null): string => (r === null ? "null" : fixed(r, 3));

/** The mean change since the side's first snapshot, or "-" when that snapshot is the compared one (nothing to compare with). */
function changeSince(side: WeightSideSummary, step: number): string {
  return side.firstStep === step ? "-" : significant(side.meanAbsChange);
}

function weightRows(report: DiffReport): { header: string[]; rows: TableRow[] } {
  const [la, lb] = sideLabels(report);
  const header = ["projection", "step", "synapses", "RMSE", "Pearson", "Spearman", "same sign", `at min ${la}/${lb}`, `at max ${la}/${lb}`,
    `mean change ${la}/${lb}`, "largest |Δw| (pre, post)", "verdict"];
  const rows = (report.weights?.projections ?? []).map((p): TableRow => {
    const verdicts = report.verdicts.filter((v) => v.projection === p.projection);
    const verdict = verdicts.length === 0 ? "-" : verdicts.every((v) => v.pass) ? "pass" : "fail";
    return {
      cells: [
        p.projection, String(p.step), String(p.synapses), `${significant(p.rmse)} ${p.unit}`, correlation(p.pearson), correlation(p.spearman),
        percent(p.signAgreement),
        `${percent(p.reference.fractionAtMin)} / ${percent(p.other.fractionAtMin)}`,
        `${percent(p.reference.fractionAtMax)} / ${percent(p.other.fractionAtMax)}`,
        `${changeSince(p.reference, p.step)} / ${changeSince(p.other, p.step)}`,
        `${significant(p.maxAbsDifference)} (${p.maxAbsDifferenceAt.pre}, ${p.maxAbsDifferenceAt.post})`,
        verdict,
      ],
      verdict,
    };
  });
  return { header, rows };
}

/** Notes under the table: why a correlation is null, and every finding. */
function notes(report: DiffReport): string[] {
  const weights = report.weights;
  if (weights === undefined) return [];
  return [
    ...weights.projections.filter((p) => p.correlationNote !== undefined).map((p) => `${p.projection}: correlation null: ${p.correlationNote}`),
    ...weights.findings.map((f) => `${f.projection}: not compared: ${f.reason}`),
  ];
}

/** Text lines of the weights table and its notes, followed by a blank line; none for a report without weights. */
export function weightsTableLines(report: DiffReport, paint: Paint): string[] {
  if (report.weights === undefined) return [];
  const { header, rows } = weightRows(report);
  const lines = [paint("weights", "bold")];
  if (rows.length > 0) lines.push(...alignTable(header, rows, (c) => c >= 1 && c <= 10, paint));
  for (const note of notes(report)) lines.push(paint(note, "warn"));
  lines.push("");
  return lines;
}

/** The HTML "Weights" section: table, notes, and per projection a scatter and a histogram; empty for a report without weights. */
export function weightsHtml(report: DiffReport, a: Recording, b: Recording): string {
  if (report.weights === undefined) return "";
  const [la, lb] = sideLabels(report);
  const { header, rows } = weightRows(report);
  const table = rows.length > 0 ? htmlTable(header, rows) : "<p>No plastic projection is compared.</p>";
  const list = notes(report);
  const noteHtml = list.length > 0 ? `<ul class="weight-notes">${list.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>` : "";
  const legend = `<p class="legend"><span style="color:${COLOR_A}">■</span> ${escapeHtml(la)} (${escapeHtml(report.sources.reference)}) ` +
    `<span style="color:${COLOR_B}">■</span> ${escapeHtml(lb)} (${escapeHtml(report.sources.other)})</p>`;
  const plots = report.weights.projections.map((p) => projectionPlots(p, a, b, la, lb)).join("");
  return `<h2>Weights</h2>${table}${noteHtml}${plots ? legend + plots : ""}`;
}

/** The scatter and the histogram of one projection at its compared step. */
function projectionPlots(p: ProjectionWeightDiff, a: Recording, b: Recording, la: string, lb: string): string {
  const at = (rec: Recording) => rec.weights?.find((w) => w.projection === p.projection)?.snapshots.find((s) => s.step === p.step)?.values;
  const va = at(a), vb = at(b);
  if (va === undefined || vb === undefined) return "";
  const unit = p.unit ? ` (${p.unit})` : "";
  return `<h3>${escapeHtml(p.projection)} at step ${p.step}</h3><div class="plots">` +
    scatterSvg(va, vb, `${p.projection}: ${lb} against ${la}`, { x: `${la}${unit}`, y: `${lb}${unit}` }) +
    histogramSvg(va, vb, `${p.projection}: weights${unit}`) + `</div>`;
}

/**
 * Wording and drawing helpers shared by the report renderers (report.ts, astrocyte-report.ts,
 * weights-report.ts): number formats, HTML escaping, the two sides' colours and labels, the
 * aligned text table, and the inline SVG plots (overlay, scatter, two-sided histogram).
 */
import type { DiffReport } from "./compare.js";

/** Styles a table renderer asks `paint` for. */
export type PaintStyle = "pass" | "fail" | "warn" | "dim" | "bold";
export type Paint = (text: string, style: PaintStyle) => string;

export const percent = (value: number): string => (Number.isFinite(value) ? (100 * value).toFixed(1) + "%" : "∞");
export const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : "∞");
export const significant = (value: number): string => (Number.isFinite(value) ? Number(value.toPrecision(3)).toString() : "∞");

/** The unit of dimensionless variables (h, gate); not printed after a number. */
export const DIMENSIONLESS = "1";

export const COLOR_A = "#1f77b4";
export const COLOR_B = "#e6550d";

export const escapeHtml = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
export const num = (value: number): string => (Math.round(value * 10) / 10).toString();

/** Short column labels of the two sides: "ref"/"emu"/"chip", told apart when both are the same. */
export function sideLabels(report: DiffReport): [string, string] {
  const short = { reference: "ref", emulator: "emu", chip: "chip" } as const;
  const a = short[report.sources.reference], b = short[report.sources.other];
  return a === b ? [a + " a", b + " b"] : [a, b];
}

export interface TableRow {
  readonly cells: string[];
  readonly verdict: "pass" | "fail" | "-";
}

/**
 * Aligned text lines: the header in bold, then one line per row with its last cell painted by
 * the row's verdict. Numeric columns align right. Padding stays outside the painted text, so
 * colour codes never count towards a width.
 */
export function alignTable(header: readonly string[], rows: readonly TableRow[], numeric: (column: number) => boolean, paint: Paint): string[] {
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => row.cells[c].length)));
  const pad = (text: string, c: number, painted = text) => {
    const fill = " ".repeat(widths[c] - text.length);
    return numeric(c) ? fill + painted : painted + fill;
  };
  const lines = [paint(header.map((title, c) => pad(title, c)).join("  ").trimEnd(), "bold")];
  for (const row of rows) {
    const last = row.cells.length - 1;
    lines.push(row.cells.map((cell, c) => pad(cell, c, c === last && row.verdict !== "-" ? paint(cell, row.verdict) : cell)).join("  ").trimEnd());
  }
  return lines;
}

/** An HTML table of the same rows; the last cell carries the verdict's class. */
export function htmlTable(header: readonly string[], rows: readonly TableRow[]): string {
  return `<table><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>` +
    rows.map((row) => `<tr>${row.cells.map((c, i) => `<td class="${i === row.cells.length - 1 ? row.verdict : ""}">${escapeHtml(c)}</td>`).join("")}</tr>`).join("") +
    `</table>`;
}

/** Points per trace polyline before steps are thinned. */
const MAX_TRACE_POINTS = 1_000;

/** One small plot overlaying a trace of both sides (reference solid, the other dashed), over the whole run. */
export function overlaySvg(rowA: Float64Array, rowB: Float64Array, report: DiffReport, label: string): string {
  const width = 440, height = 150, left = 50, top = 22, plotW = width - left - 10, plotH = height - top - 22;
  let lo = Infinity, hi = -Infinity;
  for (const row of [rowA, rowB]) for (const v of row) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!(hi > lo)) { hi = lo + 1; lo -= 1; }
  const stride = Math.max(1, Math.ceil(rowA.length / MAX_TRACE_POINTS));
  const points = (row: Float64Array): string => {
    const out: string[] = [];
    for (let t = 0; t < row.length; t += stride) {
      out.push(`${num(left + (t / Math.max(1, report.steps - 1)) * plotW)},${num(top + (1 - (row[t] - lo) / (hi - lo)) * plotH)}`);
    }
    return out.join(" ");
  };
  return `<svg width="${width}" height="${height}" role="img" aria-label="${escapeHtml(label)}">` +
    `<text x="${left}" y="14" font-size="12">${escapeHtml(label)}</text>` +
    `<text x="${left - 4}" y="${top + 8}" font-size="10" text-anchor="end">${significant(hi)}</text>` +
    `<text x="${left - 4}" y="${top + plotH}" font-size="10" text-anchor="end">${significant(lo)}</text>` +
    `<text x="${left}" y="${height - 6}" font-size="10">0 ms</text>` +
    `<text x="${width - 10}" y="${height - 6}" font-size="10" text-anchor="end">${num(report.durationMs)} ms</text>` +
    `<polyline points="${points(rowA)}" fill="none" stroke="${COLOR_A}" stroke-width="1.5"/>` +
    `<polyline points="${points(rowB)}" fill="none" stroke="${COLOR_B}" stroke-width="1" stroke-dasharray="4 2"/></svg>`;
}

/** Points drawn per scatter plot before every s-th point is kept. */
const MAX_SCATTER_POINTS = 5_000;

/** A value range that is never empty: a constant range is widened by 1 on each side. */
function rangeOf(...arrays: ArrayLike<number>[]): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const values of arrays) for (let k = 0; k < values.length; k++) { lo = Math.min(lo, values[k]); hi = Math.max(hi, values[k]); }
  if (!Number.isFinite(lo)) return [-1, 1];
  return hi > lo ? [lo, hi] : [lo - 1, hi + 1];
}

/**
 * A square scatter plot of y against x (reference on x, the other side on y) on one common scale,
 * with the identity line y = x dashed: points on it agree.
 */
export function scatterSvg(x: ArrayLike<number>, y: ArrayLike<number>, label: string, axes: { readonly x: string; readonly y: string }): string {
  const size = 260, left = 46, top = 22, plot = size - left - 12;
  const [lo, hi] = rangeOf(x, y);
  const px = (v: number) => num(left + ((v - lo) / (hi - lo)) * plot);
  const py = (v: number) => num(top + (1 - (v - lo) / (hi - lo)) * plot);
  const stride = Math.max(1, Math.ceil(x.length / MAX_SCATTER_POINTS));
  const dots: string[] = [];
  for (let k = 0; k < x.length; k += stride) dots.push(`M${px(x[k])} ${py(y[k])}h0`);
  const height = top + plot + 34;
  return `<svg width="${size}" height="${height}" role="img" aria-label="${escapeHtml(label)}">` +
    `<text x="${left}" y="14" font-size="12">${escapeHtml(label)}</text>` +
    `<rect x="${left}" y="${top}" width="${plot}" height="${plot}" fill="none" stroke="#ccc"/>` +
    `<line class="identity" x1="${px(lo)}" y1="${py(lo)}" x2="${px(hi)}" y2="${py(hi)}" stroke="#999" stroke-dasharray="4 3"/>` +
    `<path d="${dots.join("")}" stroke="${COLOR_B}" stroke-width="4" stroke-linecap="round" stroke-opacity="0.6"/>` +
    `<text x="${left - 4}" y="${top + 8}" font-size="10" text-anchor="end">${significant(hi)}</text>` +
    `<text x="${left - 4}" y="${top + plot}" font-size="10" text-anchor="end">${significant(lo)}</text>` +
    `<text x="${left}" y="${top + plot + 12}" font-size="10">${significant(lo)}</text>` +
    `<text x="${left + plot}" y="${top + plot + 12}" font-size="10" text-anchor="end">${significant(hi)}</text>` +
    `<text x="${left + plot / 2}" y="${top + plot + 28}" font-size="11" text-anchor="middle">${escapeHtml(axes.x)}</text>` +
    `<text x="10" y="${top + plot / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 10 ${top + plot / 2})">${escapeHtml(axes.y)}</text></svg>`;
}

/** Counts of `values` in `bins` equal bins over [lo, hi] (the top edge falls in the last bin). */
export function histogram(values: ArrayLike<number>, lo: number, hi: number, bins: number): Int32Array {
  const counts = new Int32Array(bins);
  for (let k = 0; k < values.length; k++) {
    const bin = Math.floor(((values[k] - lo) / (hi - lo)) * bins);
    counts[Math.max(0, Math.min(bins - 1, bin))]++;
  }
  return counts;
}

/** A histogram of both sides' values on common bins: reference bars on the left half of each bin, the other side's on the right. */
export function histogramSvg(a: ArrayLike<number>, b: ArrayLike<number>, label: string, bins = 20): string {
  const width = 440, height = 160, left = 40, top = 22, plotW = width - left - 10, plotH = height - top - 24;
  const [lo, hi] = rangeOf(a, b);
  const countsA = histogram(a, lo, hi, bins), countsB = histogram(b, lo, hi, bins);
  const most = Math.max(1, ...countsA, ...countsB);
  const barW = plotW / bins / 2;
  const bars = (counts: Int32Array, offset: number, color: string) => Array.from(counts, (count, i) => {
    const h = (count / most) * plotH;
    return count === 0 ? "" : `<rect x="${num(left + i * 2 * barW + offset)}" y="${num(top + plotH - h)}" width="${num(barW)}" height="${num(h)}" fill="${color}"/>`;
  }).join("");
  return `<svg width="${width}" height="${height}" role="img" aria-label="${escapeHtml(label)}">` +
    `<text x="${left}" y="14" font-size="12">${escapeHtml(label)}</text>` +
    bars(countsA, 0, COLOR_A) + bars(countsB, barW, COLOR_B) +
    `<text x="${left - 4}" y="${top + 8}" font-size="10" text-anchor="end">${most}</text>` +
    `<text x="${left}" y="${height - 6}" font-size="10">${significant(lo)}</text>` +
    `<text x="${width - 10}" y="${height - 6}" font-size="10" text-anchor="end">${significant(hi)}</text></svg>`;
}

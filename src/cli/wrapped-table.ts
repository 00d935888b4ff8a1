/**
 * A side-by-side table whose value columns share a terminal width: cells (and headers) longer
 * than their column are wrapped at spaces, commas and hyphens, so `tripart targets` stays
 * readable on 120 columns however many targets there are. Section rows name groups of rows.
 */
import type { Paint } from "./format.js";

export type TableRow = readonly [label: string, ...cells: string[]] | { readonly section: string };

const GAP = "  ";
const MIN_COLUMN = 8;

/** Splits `text` into lines of at most `width` characters, breaking after " ", ",", ":", "_" or "-". */
export function wrapText(text: string, width: number): string[] {
  const pieces = text.match(/[^ ,:_-]+[,:_-]?\s*|[ ,:_-]+/g) ?? [""];
  const lines: string[] = [];
  let line = "";
  for (let piece of pieces) {
    if ((line + piece).trimEnd().length > width && line !== "") {
      lines.push(line.trimEnd());
      line = "";
      piece = piece.trimStart();
    }
    while (piece.trimEnd().length > width) {
      lines.push(piece.slice(0, width));
      piece = piece.slice(width);
    }
    line += piece;
  }
  lines.push(line.trimEnd());
  return lines;
}

export function wrappedTable(header: readonly string[], rows: readonly TableRow[], paint: Paint, maxWidth = 120): string {
  const body = rows.filter((r): r is readonly [string, ...string[]] => Array.isArray(r));
  const labelWidth = Math.max(header[0].length, ...body.map((r) => r[0].length));
  const columns = header.length - 1;
  const share = Math.max(MIN_COLUMN, Math.floor((maxWidth - labelWidth - GAP.length * columns) / columns));
  const widths = header.slice(1).map((h, i) => Math.min(share, Math.max(h.length, ...body.map((r) => (r[i + 1] ?? "").length))));
  const render = (cells: readonly string[]): string => {
    const wrapped = cells.slice(1).map((cell, i) => wrapText(cell, widths[i]));
    const height = Math.max(1, ...wrapped.map((w) => w.length));
    let text = "";
    for (let k = 0; k < height; k++) {
      const label = k === 0 ? cells[0] : "";
      text += [label.padEnd(labelWidth), ...wrapped.map((w, i) => (w[k] ?? "").padEnd(widths[i]))].join(GAP).trimEnd() + "\n";
    }
    return text;
  };
  return (
    paint("bold", render(header)) +
    rows.map((row) => (Array.isArray(row) ? render(row as readonly string[]) : paint("bold", `${(row as { section: string }).section}\n`))).join("")
  );
}

/** Diagnostics and tables as terminal text; colour through chalk only here in the CLI. */
import { Chalk } from "chalk";
import type { Diagnostic } from "../index.js";

export type Paint = (style: "error" | "warning" | "info" | "ok" | "dim" | "bold", text: string) => string;

export function painter(color: boolean): Paint {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  return (style, text) => {
    switch (style) {
      case "error":
        return chalk.red(text);
      case "warning":
        return chalk.yellow(text);
      case "info":
        return chalk.cyan(text);
      case "ok":
        return chalk.green(text);
      case "dim":
        return chalk.dim(text);
      case "bold":
        return chalk.bold(text);
    }
  };
}

/** `file:line:col: error TP2004: message` + pointer + hint, one block per diagnostic. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], paint: Paint): string {
  return diagnostics.map((d) => formatDiagnostic(d, paint)).join("");
}

function formatDiagnostic(d: Diagnostic, paint: Paint): string {
  const place = [d.file, d.line, d.column].filter((x) => x !== undefined).join(":");
  const head = `${place ? place + ": " : ""}${paint(d.severity, d.severity)} ${paint("bold", d.code)}: ${d.message}\n`;
  const at = d.path ? paint("dim", `  at ${d.path}\n`) : "";
  const hint = d.hint ? `  ${paint("info", "hint")}: ${d.hint}\n` : "";
  const related = (d.related ?? []).map((r) => paint("dim", `  see ${r.path}: ${r.message}\n`)).join("");
  return head + at + hint + related;
}

/** "1 core", "2 cores": a count with its (regular) noun in the right number. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** A left/right aligned text table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], paint: Paint): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => visibleLength(r[i] ?? ""))));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? padEnd(c, widths[i]) : padStart(c, widths[i]))).join("  ").trimEnd() + "\n";
  return paint("bold", line(header)) + rows.map(line).join("");
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const visibleLength = (text: string) => text.replace(ANSI, "").length;
const padEnd = (text: string, width: number) => text + " ".repeat(Math.max(0, width - visibleLength(text)));
const padStart = (text: string, width: number) => " ".repeat(Math.max(0, width - visibleLength(text))) + text;

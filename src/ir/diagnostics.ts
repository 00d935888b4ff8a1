/**
 * Diagnostics are data: a stable code, a one-sentence message, a JSON pointer into the input,
 * and, where known, the file and a hint. The library never prints; the CLI formats them.
 */
import { DIAGNOSTICS, type CodeInfo, type DiagnosticCode } from "./codes.js";
import type { JsonPointer } from "./pointer.js";

export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly path: JsonPointer;
  readonly file?: string;
  /** 1-based line and column of `path` in `file`, filled by loaders that have the text. */
  readonly line?: number;
  readonly column?: number;
  readonly hint?: string;
  readonly related?: readonly { readonly path: JsonPointer; readonly message: string }[];
}

export type DiagnosticArgs = Readonly<Record<string, string | number | boolean>>;

/** Fills `{name}` placeholders of a template from `args`; unknown names stay visible. */
export function fillTemplate(template: string, args: DiagnosticArgs): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in args ? String(args[name]) : whole));
}

/** Makes a diagnostic from the catalogue entry of `code`. */
export function makeDiagnostic(
  code: DiagnosticCode,
  path: JsonPointer,
  args: DiagnosticArgs = {},
  extra: { file?: string; hint?: string; related?: Diagnostic["related"] } = {},
): Diagnostic {
  const info: CodeInfo = DIAGNOSTICS[code];
  const hint = extra.hint ?? (info.hint !== undefined ? fillTemplate(info.hint, args) : undefined);
  return {
    severity: info.severity,
    code,
    message: fillTemplate(info.template, args),
    path,
    ...(extra.file !== undefined ? { file: extra.file } : {}),
    ...(hint !== undefined ? { hint } : {}),
    ...(extra.related !== undefined ? { related: extra.related } : {}),
  };
}

/** A report function as passes and rules receive it. */
export type Reporter = (code: DiagnosticCode, path: JsonPointer, args?: DiagnosticArgs, extra?: { hint?: string }) => void;

/** Collects diagnostics; `hasErrors` decides whether a stage may continue. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  constructor(private readonly file?: string) {}

  readonly report: Reporter = (code, path, args = {}, extra = {}) => {
    this.items.push(makeDiagnostic(code, path, args, { ...extra, ...(this.file !== undefined ? { file: this.file } : {}) }));
  };

  add(...diagnostics: readonly Diagnostic[]): void {
    this.items.push(...diagnostics);
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean => diagnostics.some((d) => d.severity === "error");

/** The result of anything that reads user input: a value, or the reasons there is none. */
export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly value?: never; readonly diagnostics: readonly Diagnostic[] };

export const ok = <T>(value: T, diagnostics: readonly Diagnostic[] = []): Result<T> => ({ ok: true, value, diagnostics });
export const fail = <T>(diagnostics: readonly Diagnostic[]): Result<T> => ({ ok: false, diagnostics });

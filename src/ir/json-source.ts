/**
 * JSON text with positions: parses once, keeps the syntax tree so that any JSON pointer can be
 * turned into file:line:col for a diagnostic. Used by every loader of user files.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { pointerKeys, ROOT } from "./pointer.js";
import { makeDiagnostic, type Diagnostic } from "./diagnostics.js";
import type { DiagnosticCode } from "./codes.js";

export interface JsonSource {
  readonly value: unknown;
  readonly file?: string;
  /** 1-based line and column of the value at `path`, or of its nearest existing ancestor. */
  locate(path: string): { line: number; column: number };
}

/** Parses strict JSON (no comments, no trailing commas); a syntax error becomes `code` at its line:col. */
export function parseJsonSource(
  text: string,
  file: string | undefined,
  code: DiagnosticCode,
): { ok: true; source: JsonSource } | { ok: false; diagnostics: Diagnostic[] } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const lineStarts = computeLineStarts(text);
  const position = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
  };
  if (errors.length > 0 || tree === undefined) {
    const first = errors[0];
    const where = first ? position(first.offset) : { line: 1, column: 1 };
    const reason = first ? describeParseError(printParseErrorCode(first.error)) : "the file is empty";
    const diagnostic = makeDiagnostic(code, ROOT, { reason: `${reason} at line ${where.line}, column ${where.column}` }, file !== undefined ? { file } : {});
    return { ok: false, diagnostics: [{ ...diagnostic, ...where }] };
  }
  const value: unknown = JSON.parse(text);
  const locate = (path: string) => {
    const keys = pointerKeys(path);
    for (let depth = keys.length; depth >= 0; depth--) {
      const node = findNode(tree, keys.slice(0, depth));
      if (node) return position(node.parent?.type === "property" ? node.parent.offset : node.offset);
    }
    return { line: 1, column: 1 };
  };
  return { ok: true, source: { value, ...(file !== undefined ? { file } : {}), locate } };
}

/** Adds line and column to diagnostics whose path points into `source`. */
export function withPositions(diagnostics: readonly Diagnostic[], source: JsonSource): Diagnostic[] {
  return diagnostics.map((d) => (d.line !== undefined ? d : { ...d, ...source.locate(d.path) }));
}

function findNode(tree: Node, keys: readonly string[]): Node | undefined {
  const segments = keys.map((key) => (/^(0|[1-9]\d*)$/.test(key) ? Number(key) : key));
  return segments.length === 0 ? tree : findNodeAtLocation(tree, segments);
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: "unexpected character",
    InvalidNumberFormat: "malformed number",
    PropertyNameExpected: "a property name in double quotes is expected",
    ValueExpected: "a value is expected",
    ColonExpected: "':' is expected",
    CommaExpected: "',' is expected",
    CloseBraceExpected: "'}' is expected",
    CloseBracketExpected: "']' is expected",
    EndOfFileExpected: "text after the end of the document",
    InvalidCommentToken: "comments are not allowed in JSON",
    UnexpectedEndOfComment: "unterminated comment",
    UnexpectedEndOfString: "unterminated string",
    UnexpectedEndOfNumber: "unterminated number",
    InvalidUnicode: "invalid unicode escape",
    InvalidEscapeCharacter: "invalid escape character",
    InvalidCharacter: "invalid character in string",
  };
  return words[code] ?? code;
}

/**
 * Maps ajv's JSON Schema errors on a target file to TP11xx diagnostics (STYLE §9 ex. 4).
 * ajv's instancePath already is a JSON Pointer; the offending value is looked up in the parsed
 * document so that the message can name it. Never throws on any ajv error shape.
 */
import type { ErrorObject } from "ajv";
import { makeDiagnostic, type Diagnostic } from "../ir/diagnostics.js";
import { child, pointerKeys, type JsonPointer } from "../ir/pointer.js";

/** Maps ajv's errors to TP1102/TP1103/TP1104, one diagnostic per (code, path). */
export function targetSchemaDiagnostics(errors: readonly ErrorObject[], document: unknown, file?: string): Diagnostic[] {
  const extra = file !== undefined ? { file } : {};
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const error of errors) {
    const diagnostic = toDiagnostic(error, document, extra);
    const key = `${diagnostic.code} ${diagnostic.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(diagnostic);
  }
  return out;
}

function toDiagnostic(error: ErrorObject, document: unknown, extra: { file?: string }): Diagnostic {
  const path = error.instancePath as JsonPointer;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required": {
      const field = String(params.missingProperty);
      return makeDiagnostic("TP1103", child(path, field), { field: dotted(child(path, field)) }, extra);
    }
    case "additionalProperties": {
      const field = String(params.additionalProperty);
      return makeDiagnostic("TP1104", child(path, field), { field: dotted(child(path, field)) }, extra);
    }
    default:
      return makeDiagnostic("TP1102", path, { detail: describe(error, valueAt(document, path)) }, extra);
  }
}

function describe(error: ErrorObject, value: unknown): string {
  const params = error.params as Record<string, unknown>;
  const where = error.instancePath === "" ? "The target" : `Field '${dotted(error.instancePath)}'`;
  const found = `it is ${show(value)}`;
  switch (error.keyword) {
    case "type":
      return `${where} must be ${article(String(params.type))}; ${found}.`;
    case "enum":
      return `${where} must be one of ${(params.allowedValues as unknown[]).map(show).join(", ")}; ${found}.`;
    case "const":
      return `${where} must be ${show(params.allowedValue)}; ${found}.`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      const relation = { minimum: "≥", maximum: "≤", exclusiveMinimum: ">", exclusiveMaximum: "<" }[error.keyword];
      return `${where} must be ${relation} ${String(params.limit)}; ${found}.`;
    }
    case "pattern":
      return `${where} must match ${String(params.pattern)}; ${found}.`;
    case "minLength":
      return `${where} must not be empty.`;
    default:
      return `${where} ${error.message ?? "is invalid"}.`;
  }
}

/** "/neuron/decay/bits" → "neuron.decay.bits". */
function dotted(path: string): string {
  return pointerKeys(path).join(".");
}

function valueAt(document: unknown, path: string): unknown {
  let node = document;
  for (const key of pointerKeys(path)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function show(value: unknown): string {
  if (value === undefined) return "missing";
  if (Array.isArray(value)) return "an array";
  if (value !== null && typeof value === "object") return "an object";
  return JSON.stringify(value);
}

function article(type: string): string {
  return type === "integer" || type === "object" || type === "array" ? `an ${type}` : `a ${type}`;
}

/**
 * What the semantic rules share: the rule and scope types and the helpers that word their
 * findings. Imported by ./rules.ts, ./rules-astro.ts and ./rules-plasticity.ts; imports none of them.
 */
import type { Diagnostic, DiagnosticArgs } from "./diagnostics.js";
import type { DiagnosticCode } from "./codes.js";
import type { JsonPointer } from "./pointer.js";
import type { Projection } from "./types.js";
import type { AstrocyteDocument, NetworkDocument, PopulationDocument } from "./document.js";

/** Reports one finding; `related` points at the other half of a conflict. */
export type RuleReporter = (
  code: DiagnosticCode,
  path: JsonPointer,
  args?: DiagnosticArgs,
  extra?: { readonly hint?: string; readonly related?: Diagnostic["related"] },
) => void;

/** What the rules share, computed once: ids resolved to their element, the number of steps. */
export interface RuleScope {
  /** Population and input ids; the first element with an id wins when ids repeat. */
  readonly nodes: ReadonlyMap<string, { readonly kind: "population" | "input"; readonly size: number }>;
  /** Populations, astrocyte populations and projections by id (first wins). */
  readonly populations: ReadonlyMap<string, PopulationDocument>;
  readonly astrocytes: ReadonlyMap<string, AstrocyteDocument>;
  readonly projections: ReadonlyMap<string, Projection>;
  readonly populationIds: readonly string[];
  readonly dt: number;
  /** round(duration / dt), as the simulators count them. */
  readonly steps: number;
}

export interface NetworkRule {
  /** Kebab-case name, shown in docs/diagnostics-network.md. */
  readonly name: string;
  readonly summary: string;
  check(net: NetworkDocument, scope: RuleScope, report: RuleReporter): void;
}

/** The count and first place of indices ≥ size in `indices`. */
export function firstOutside(indices: readonly number[], size: number): { index: number; value: number; count: number } | undefined {
  let first: { index: number; value: number } | undefined;
  let count = 0;
  indices.forEach((value, index) => {
    if (value < size) return;
    count++;
    first ??= { index, value };
  });
  return first === undefined ? undefined : { ...first, count };
}

/** Relative tolerance for "is a whole number of steps": absorbs the rounding of decimal dt such as 0.1. */
export const GRID_TOLERANCE = 1e-9;

/** "1 pair", "3 pairs": a count with its noun. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** A computed number for a message: 12 significant digits, so 0.1·3 prints as 0.3. */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** " Did you mean 'x'?" when a close name exists, else "". */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const guess = closestName(name, candidates);
  return guess !== undefined ? ` Did you mean '${guess}'?` : "";
}

/**
 * The candidate nearest to `name` by edit distance (ignoring case, '-', '_' and '.'), if it is
 * close enough to be a likely typo: at most one edit per three characters.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const normalise = (text: string): string => text.toLowerCase().replace(/[-_. ]/g, "");
  const target = normalise(name);
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const other = normalise(candidate);
    if (Math.abs(other.length - target.length) >= bestDistance) continue;
    const distance = editDistance(target, other);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance with one reused row. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

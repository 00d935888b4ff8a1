/**
 * The catalogue of diagnostic codes: the single source for messages, docs/diagnostics.md and
 * the one-test-per-code suite. Codes are stable forever; retire a code, never reuse it.
 *   TP1xxx  input files (JSON, schema, format versions): networks 10xx, targets 11xx,
 *           criteria and CLI inputs 12xx-13xx
 *   TP2xxx  semantic rules of a network or target
 *   TP3xxx  target fit and quantization findings of the passes
 *   TP4xxx  hardware configs (40xx) and recordings (405x-409x)
 * Each area keeps its entries in its own file under ./codes/ so that areas evolve apart.
 */
import type { Severity } from "./diagnostics.js";
import { NETWORK_CODES } from "./codes/network.js";
import { TARGET_CODES } from "./codes/target.js";
import { PASS_CODES } from "./codes/passes.js";
import { CONFIG_CODES } from "./codes/config.js";
import { RECORDING_CODES } from "./codes/recording.js";
import { CLI_CODES } from "./codes/cli.js";

export interface CodeInfo {
  readonly severity: Severity;
  /** One sentence, present tense, ends with a period; {name} placeholders. */
  readonly template: string;
  /** How to fix it; may use the same placeholders. */
  readonly hint?: string;
}

export const DIAGNOSTICS = {
  ...NETWORK_CODES,
  ...TARGET_CODES,
  ...PASS_CODES,
  ...CONFIG_CODES,
  ...RECORDING_CODES,
  ...CLI_CODES,
} as const satisfies Record<`TP${number}`, CodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;

/** Diagnostic codes of this area: TP3xxx (fit and quantization). See ../codes.ts for the numbering. */
import type { CodeInfo } from "../codes.js";

export const PASS_CODES = {
} as const satisfies Record<`TP${number}`, CodeInfo>;

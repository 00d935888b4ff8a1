/** Diagnostic codes of this area: TP11xx (target file), TP21xx (target semantics). See ../codes.ts for the numbering. */
import type { CodeInfo } from "../codes.js";

export const TARGET_CODES = {
} as const satisfies Record<`TP${number}`, CodeInfo>;

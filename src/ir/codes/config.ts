/** Diagnostic codes of this area: TP40xx (hardware config files). See ../codes.ts for the numbering. */
import type { CodeInfo } from "../codes.js";

export const CONFIG_CODES = {
} as const satisfies Record<`TP${number}`, CodeInfo>;

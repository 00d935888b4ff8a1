/** Diagnostic codes of this area: TP405x-TP409x (recordings), TP12xx (diff criteria). See ../codes.ts for the numbering. */
import type { CodeInfo } from "../codes.js";

export const RECORDING_CODES = {
} as const satisfies Record<`TP${number}`, CodeInfo>;

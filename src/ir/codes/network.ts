/** Diagnostic codes of this area: TP10xx (network file), TP20xx (network semantics). See ../codes.ts for the numbering. */
import type { CodeInfo } from "../codes.js";

export const NETWORK_CODES = {
} as const satisfies Record<`TP${number}`, CodeInfo>;

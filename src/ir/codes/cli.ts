/** Diagnostic codes of this area: TP13xx (command-line input). See ../codes.ts for the numbering. */
import type { CodeInfo } from "../codes.js";

export const CLI_CODES = {
  TP1301: { severity: "error", template: "Cannot read '{file}': {reason}.", hint: "Check the path and its permissions." },
} as const satisfies Record<`TP${number}`, CodeInfo>;

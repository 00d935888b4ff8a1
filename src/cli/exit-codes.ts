/** Exit codes of every command: the only place they are defined. */
import type { Diagnostic } from "../index.js";

export const ExitCode = {
  Ok: 0,
  /** The diff failed its criteria, or the network does not fit the target. */
  Failed: 1,
  BadInput: 2,
  Internal: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Target-fit errors (TP3xxx) mean "does not fit" (1); any other error is bad input (2). */
export function exitCodeFor(diagnostics: readonly Diagnostic[]): ExitCode {
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length === 0) return ExitCode.Ok;
  return errors.every((d) => d.code.startsWith("TP3")) ? ExitCode.Failed : ExitCode.BadInput;
}

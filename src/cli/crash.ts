/** Internal errors: a short message, exit code 3, and a reproducer file that never overwrites anything. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ExitCode } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { VERSION } from "../index.js";

export function reportInternalError(error: unknown, argv: readonly string[], io: CliIo): ExitCode {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = join(io.cwd, `tripart-crash-${stamp}.json`);
  const detail = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { message: String(error) };
  const reproducer = { tripart: VERSION, node: process.version, argv, cwd: io.cwd, error: detail };
  let where = "";
  try {
    writeFileSync(file, JSON.stringify(reproducer, null, 2) + "\n", { flag: "wx" });
    where = ` A reproducer is in ${file}; please attach it to a bug report.`;
  } catch {
    where = " (The reproducer file could not be written.)";
  }
  io.writeErr(`internal error: ${detail.message}. This is a bug in Tripart, not in your input.${where}\n`);
  return ExitCode.Internal;
}

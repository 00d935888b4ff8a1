/**
 * Internal errors: a short message, exit code 3, and a reproducer file that never overwrites
 * anything. Commands note the stage they are in (`noteStage`), so the reproducer says which
 * pass or engine was running; input files named in argv are fingerprinted (size and sha256)
 * so a bug report can be matched to the exact inputs.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ExitCode } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { VERSION } from "../index.js";

let lastStage: string | undefined;

/** Records what is running now ("pass quantize", "emulate"); read only by the crash report. */
export function noteStage(stage: string): void {
  lastStage = stage;
}

export function reportInternalError(error: unknown, argv: readonly string[], io: CliIo): ExitCode {
  const detail = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { message: String(error) };
  const reproducer = {
    tripart: VERSION,
    node: process.version,
    argv,
    cwd: io.cwd,
    lastStage: lastStage ?? "none",
    inputs: fingerprints(argv, io.cwd),
    error: detail,
  };
  const file = writeUnique(io.cwd, JSON.stringify(reproducer, null, 2) + "\n");
  const where = file ? ` A reproducer is in ${file}; please attach it and the input files to a bug report.` : " (The reproducer file could not be written.)";
  io.writeErr(`internal error: ${detail.message}. This is a bug in Tripart, not in your input.${where}\n`);
  return ExitCode.Internal;
}

/** Writes beside the others with a fresh name: never replaces an existing file. */
function writeUnique(dir: string, text: string): string | undefined {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  for (let attempt = 0; attempt < 100; attempt++) {
    const file = join(dir, `tripart-crash-${stamp}${attempt === 0 ? "" : "-" + attempt}.json`);
    try {
      writeFileSync(file, text, { flag: "wx" });
      return file;
    } catch (error) {
      if ((error as { code?: unknown }).code !== "EEXIST") return undefined;
    }
  }
  return undefined;
}

function fingerprints(argv: readonly string[], cwd: string): { path: string; bytes: number; sha256: string }[] {
  return argv.flatMap((arg) => {
    const path = resolve(cwd, arg);
    try {
      if (arg.startsWith("-") || !existsSync(path) || !statSync(path).isFile()) return [];
      const data = readFileSync(path);
      return [{ path: arg, bytes: data.length, sha256: createHash("sha256").update(data).digest("hex") }];
    } catch {
      return [];
    }
  });
}

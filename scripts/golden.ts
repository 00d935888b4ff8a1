/**
 * `npm run golden -- <folder>`: replays every golden case (*.json) of a folder through the
 * emulator and prints one line per case, then "N passed, N failed". Exit 0 when every case
 * passes, 1 when one fails, 2 when the folder is unreadable or missing from the arguments.
 * Only this script prints; the replay itself is src/emulator/golden.ts.
 */
import { pathToFileURL } from "node:url";
import { formatGoldenLine, replayGoldenFolder } from "../src/emulator/golden.js";

export interface GoldenIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Runs the replay on argv[0]; returns the exit code. `--scalar` replays with the scalar interpreter. */
export async function main(argv: readonly string[], io: GoldenIo): Promise<number> {
  const scalar = argv.includes("--scalar");
  const folders = argv.filter((arg) => arg !== "--scalar");
  if (folders.length !== 1) {
    io.err("usage: npm run golden -- <folder> [--scalar]");
    return 2;
  }
  const replay = await replayGoldenFolder(folders[0], { interpreter: scalar ? "scalar" : "fast" });
  if (!replay.ok) {
    io.err(`golden: ${replay.reason}`);
    return 2;
  }
  let passed = 0;
  let failed = 0;
  for (const result of replay.files) {
    if (result.kind === "skipped") {
      io.err(formatGoldenLine(result));
      continue;
    }
    io.out(formatGoldenLine(result));
    if (result.kind === "case" && result.outcome.passed) passed++;
    else failed++;
  }
  io.out(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2), {
    out: (line) => process.stdout.write(line + "\n"),
    err: (line) => process.stderr.write(line + "\n"),
  });
}

// Shared pieces of the CLI tests: a fresh temp folder per test, an in-process `tripart` run with
// a memory io whose cwd is that folder, the example paths, and the checks every error output
// must pass (a diagnostic code, the place, no stack trace). Paths handed to main are absolute:
// the commands resolve relative paths against process.cwd(), not io.cwd.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect } from "vitest";
import { main } from "../../src/cli/main.js";
import { memoryIo } from "../../src/cli/io.js";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const EXAMPLES = ["single-neuron", "ei-network", "cuba"] as const;
export const example = (name: string): string => join(REPO, "examples", name, "network.json");
export const SINGLE = example("single-neuron");
export const EI = example("ei-network");
export const CUBA = example("cuba");
export const TARGET_FILE = join(REPO, "targets", "loihi-cuba.json");

export interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** A fresh temp folder for each test of the calling file, removed afterwards. */
export function useTempDir(): { readonly path: string; file(name: string): string } {
  let current = "";
  beforeEach(() => {
    current = mkdtempSync(join(tmpdir(), "tripart-cli-"));
  });
  afterEach(() => {
    rmSync(current, { recursive: true, force: true });
  });
  return {
    get path() {
      return current;
    },
    file: (name: string) => join(current, name),
  };
}

/** `tripart ...argv` in process, with the temp folder as the io's cwd. */
export async function tripart(cwd: string, ...argv: string[]): Promise<Run> {
  const io = memoryIo(cwd);
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

const STACK_FRAME = /\n\s+at .*\(.*:\d+:\d+\)/;
const ERROR_DUMP = /\b[A-Z]\w*Error:|^Error:/m;

/** Neither stream carries a stack frame or an `XxxError:` class dump. */
export function expectNoStackTrace(run: Run): void {
  for (const text of [run.out, run.err]) {
    expect(text).not.toMatch(STACK_FRAME);
    expect(text).not.toMatch(ERROR_DUMP);
  }
}

/**
 * The run failed with `code`, and stderr names the file (and `place`: a pointer or line:col)
 * and carries the diagnostic code `diagnostic` (a full code or a prefix such as "TP40").
 */
export function expectDiagnostic(run: Run, code: number, diagnostic: string, places: readonly string[] = []): void {
  expect(run.code, `stderr:\n${run.err}`).toBe(code);
  expect(run.err).toMatch(new RegExp(`\\b${diagnostic}\\d*:`));
  for (const place of places) expect(run.err).toContain(place);
  expectNoStackTrace(run);
}

/** The codes in stderr, in order. */
export const codesIn = (text: string): string[] => [...text.matchAll(/\b(TP\d{4}):/g)].map((m) => m[1]);

/** The single-neuron network as an object, for variants written into the temp folder. */
export function singleNeuron(): Record<string, any> {
  return JSON.parse(readFileSync(SINGLE, "utf8"));
}

export function writeJson(path: string, value: unknown, indent = 2): string {
  writeFileSync(path, JSON.stringify(value, null, indent) + "\n");
  return path;
}

/** A copy of the loihi-cuba target with `edit` applied, written as `name` into `dir`. */
export function writeTarget(dir: string, name: string, edit: (target: Record<string, any>) => void): string {
  const target = JSON.parse(readFileSync(TARGET_FILE, "utf8"));
  edit(target);
  return writeJson(join(dir, name), target);
}

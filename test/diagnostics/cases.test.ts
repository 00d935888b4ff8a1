// Each cases/bad-*.network.json has a bad-*.expect.json listing [{code, path}] in report order
// (sorted by position in the file). The test fails on any missing or extra diagnostic.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadNetwork } from "../../src/ir/load.js";
import { NETWORK_CODES } from "../../src/ir/codes/network.js";

const CASES_DIR = join(dirname(fileURLToPath(import.meta.url)), "cases");
const cases = readdirSync(CASES_DIR).filter((name) => name.endsWith(".network.json")).sort();

interface Expected {
  readonly code: string;
  readonly path: string;
}
const expectationOf = (name: string): Expected[] =>
  JSON.parse(readFileSync(join(CASES_DIR, name.replace(".network.json", ".expect.json")), "utf8")) as Expected[];

describe.each(cases)("%s", (name) => {
  const text = readFileSync(join(CASES_DIR, name), "utf8");
  const expected = expectationOf(name);
  const result = loadNetwork(text, { file: name });

  it("reports exactly the expected diagnostics, no more and no fewer", () => {
    expect(result.diagnostics.map(({ code, path }) => ({ code, path }))).toEqual(expected);
  });

  it("fails exactly when an expected diagnostic is an error", () => {
    const anyError = expected.some(({ code }) => NETWORK_CODES[code as keyof typeof NETWORK_CODES].severity === "error");
    expect(result.ok).toBe(!anyError);
  });

  it("places every diagnostic in the file, with a one-sentence message", () => {
    for (const d of result.diagnostics) {
      expect(d.file).toBe(name);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.message).toMatch(/^[A-Z'].*[.]$/s);
      expect(d.message).not.toMatch(/\{\w+\}/); // every template placeholder was filled
      if (d.hint !== undefined) expect(d.hint).not.toMatch(/\{\w+\}/);
    }
  });
});

it("every network code is exercised by a case, except those that need no file text", () => {
  // TP1000 (unreadable file) is tested in test/ir/load-file.test.ts; TP1002 is the mapper's
  // fallback for schema keywords the network schema does not use, tested in test/ir/schema.test.ts.
  const notFromText = new Set(["TP1000", "TP1002"]);
  const exercised = new Set(cases.flatMap((name) => expectationOf(name).map(({ code }) => code)));
  const missing = Object.keys(NETWORK_CODES).filter((code) => !exercised.has(code) && !notFromText.has(code));
  expect(missing).toEqual([]);
});

// `tripart validate`: every example passes; each kind of bad input gives exit 2 with its code,
// the file, and a JSON pointer or line:col; --json prints { ok, diagnostics }.
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { example, EXAMPLES, expectDiagnostic, expectNoStackTrace, singleNeuron, SINGLE, tripart, useTempDir, writeJson } from "./helpers.js";

const temp = useTempDir();

/** "line:col" (1-based) of the first occurrence of `needle` in `text`. */
function lineColOf(text: string, needle: string): string {
  const index = text.indexOf(needle);
  expect(index, `'${needle}' in the test input`).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, index);
  return `${before.split("\n").length}:${index - before.lastIndexOf("\n")}`;
}

describe("tripart validate", () => {
  it.each(EXAMPLES)("accepts examples/%s/network.json with exit 0", async (name) => {
    const run = await tripart(temp.path, "validate", example(name));
    expect(run.code, run.err).toBe(0);
    expect(run.err).toBe("");
    expect(run.out).toContain(`${example(name)}: ok`);
    expectNoStackTrace(run);
  });

  it("says '1 population (1 neuron)' in the singular", async () => {
    const run = await tripart(temp.path, "validate", SINGLE);
    expect(run.out).toContain("ok — 1 population (1 neuron), 2 inputs, 2 projections, 200 ms at dt 1 ms.");
  });

  it("reports TP1001 at the line:col where a truncated file's open string starts", async () => {
    const text = readFileSync(SINGLE, "utf8");
    const start = text.indexOf('"One LIF');
    const file = temp.file("truncated.json");
    writeFileSync(file, text.slice(0, start + 8)); // cut inside the description string
    const run = await tripart(temp.path, "validate", file);
    expectDiagnostic(run, 2, "TP1001", [`${file}:${lineColOf(text, '"One LIF')}: error TP1001`]);
  });

  it("reports TP1001 with a line:col inside the file for cuts at many places", async () => {
    const text = readFileSync(SINGLE, "utf8");
    for (const cut of [1, 40, 333, 777, text.length - 3]) {
      const file = temp.file(`cut-${cut}.json`);
      writeFileSync(file, text.slice(0, cut));
      const run = await tripart(temp.path, "validate", file);
      expectDiagnostic(run, 2, "TP1001");
      const [, line] = run.err.match(new RegExp(`${file}:(\\d+):(\\d+): error TP1001`)) ?? [];
      expect(Number(line), run.err).toBeGreaterThanOrEqual(1);
      expect(Number(line)).toBeLessThanOrEqual(text.slice(0, cut).split("\n").length);
    }
  });

  it("reports a wrong type (TP1005) with its pointer and line:col", async () => {
    const network = singleNeuron();
    network.populations[0].size = "one";
    const file = writeJson(temp.file("wrong-type.json"), network);
    const run = await tripart(temp.path, "validate", file);
    const text = readFileSync(file, "utf8");
    expectDiagnostic(run, 2, "TP1005", [`${file}:${lineColOf(text, '"size"')}: error TP1005`, "at /populations/0/size"]);
  });

  it("reports an unknown field (TP1004) with its pointer and the allowed fields", async () => {
    const network = singleNeuron();
    network.populations[0].colour = "red";
    const file = writeJson(temp.file("unknown-field.json"), network);
    const run = await tripart(temp.path, "validate", file);
    const text = readFileSync(file, "utf8");
    expectDiagnostic(run, 2, "TP1004", [`${file}:${lineColOf(text, '"colour"')}: error TP1004`, "at /populations/0/colour", "'colour'"]);
  });

  it("reports every schema problem at once, not only the first", async () => {
    const network = singleNeuron();
    network.populations[0].size = "one";
    network.projections[1].colour = "blue";
    const run = await tripart(temp.path, "validate", writeJson(temp.file("two.json"), network));
    expectDiagnostic(run, 2, "TP1", ["at /populations/0/size", "at /projections/1/colour"]);
  });

  it("reports a projection whose pre names no population or input (TP2003)", async () => {
    const network = singleNeuron();
    network.projections[0].pre = "nobody";
    const file = writeJson(temp.file("dangling.json"), network);
    const run = await tripart(temp.path, "validate", file);
    const text = readFileSync(file, "utf8");
    expectDiagnostic(run, 2, "TP2003", [`${file}:`, "at /projections/0/pre", "'nobody'"]);
    expect(run.err).toContain(`${file}:${lineColOf(text, '"pre": "nobody"')}`);
  });

  it("reports a missing file (TP1000) by name", async () => {
    const file = temp.file("no-such-network.json");
    const run = await tripart(temp.path, "validate", file);
    expectDiagnostic(run, 2, "TP1000", [`${file}: error TP1000`]);
  });

  it("prints { ok: true, diagnostics: [] } with --json for a good network", async () => {
    const run = await tripart(temp.path, "validate", SINGLE, "--json");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toEqual({ ok: true, diagnostics: [] });
  });

  it("prints every diagnostic with code, pointer, file and line with --json for a bad one", async () => {
    const network = singleNeuron();
    network.projections[0].pre = "nobody";
    const file = writeJson(temp.file("dangling.json"), network);
    const run = await tripart(temp.path, "validate", file, "--json");
    expect(run.code).toBe(2);
    const parsed = JSON.parse(run.out);
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ severity: "error", code: "TP2003", path: "/projections/0/pre", file, line: expect.any(Number), column: expect.any(Number) })]);
  });
});

// `tripart diff`: identical recordings pass; recordings of different networks are exit 2 with a
// TP40xx code; criteria flags can make a diff fail (exit 1); --json and --html; a criteria file
// with a bad field is exit 2 naming the field.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { codesIn, EI, expectDiagnostic, expectNoStackTrace, singleNeuron, SINGLE, tripart, useTempDir, writeJson } from "./helpers.js";

const temp = useTempDir();
let reference = "";

beforeEach(async () => {
  reference = temp.file("reference.json");
  const run = await tripart(temp.path, "simulate", SINGLE, "-o", reference);
  expect(run.code, run.err).toBe(0);
});

/** Simulates a variant of single-neuron into the temp folder; returns the recording's path. */
async function simulateVariant(name: string, edit: (network: Record<string, any>) => void): Promise<string> {
  const network = singleNeuron();
  edit(network);
  const out = temp.file(`${name}.json`);
  const run = await tripart(temp.path, "simulate", writeJson(temp.file(`${name}.network.json`), network), "-o", out);
  expect(run.code, run.err).toBe(0);
  return out;
}

describe("tripart diff", () => {
  it("passes identical recordings with exit 0 and PASS", async () => {
    const copy = temp.file("copy.json");
    writeFileSync(copy, readFileSync(reference));
    const run = await tripart(temp.path, "diff", reference, copy);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/^population\s+spikes/);
    expect(run.out).toContain("PASS: 2 of 2 criteria met");
    expectNoStackTrace(run);
  });

  it("reports a population of another size (TP4071) with exit 2", async () => {
    const other = await simulateVariant("two-neurons", (n) => {
      n.populations[0].size = 2;
      n.record = [{ population: "neuron", spikes: true, state: ["v", "i_syn"], neurons: [0] }];
    });
    const run = await tripart(temp.path, "diff", reference, other);
    expectDiagnostic(run, 2, "TP4071", [`${other}: error TP4071`, "in the reference recording but 2 in the other", "at /populations/0"]);
  });

  it("reports a population missing from the other recording (TP4070) and one only there (TP4074)", async () => {
    const other = await simulateVariant("renamed", (n) => {
      n.populations[0].id = "cell";
      for (const p of n.projections) p.post = "cell";
      n.record[0].population = "cell";
    });
    const run = await tripart(temp.path, "diff", reference, other);
    expectDiagnostic(run, 2, "TP4070", [other, "Population 'neuron' of the reference recording is missing"]);
    expect(codesIn(run.err)).toEqual(["TP4070", "TP4074"]);
    expect(run.err).toContain("warning TP4074");
  });

  it("reports recordings of another network entirely: dt, length and populations (TP4072, TP4073, TP4070)", async () => {
    const other = temp.file("ei.json");
    expect((await tripart(temp.path, "simulate", EI, "-o", other, "-q")).code).toBe(0);
    const run = await tripart(temp.path, "diff", reference, other);
    expectDiagnostic(run, 2, "TP407", [other, "at /dtMs", "at /steps"]);
    expect(codesIn(run.err).filter((c) => !c.startsWith("TP4074"))).toEqual(["TP4072", "TP4073", "TP4070"]);
  });

  it("fails with exit 1 when criteria flags ask for more than the run gives", async () => {
    // ei-network's emulator matches its reference within ±1 step almost always, exactly less often:
    // the defaults (±1 step, 95 %) pass; exact matching of every spike fails.
    const compiled = await tripart(temp.path, "compile", EI, "-o", temp.file("ei"));
    expect(compiled.code, compiled.err).toBe(0);
    const [ref, emu] = [temp.file("ei-ref.json"), temp.file("ei-emu.json")];
    expect((await tripart(temp.path, "simulate", EI, "-o", ref, "-q")).code).toBe(0);
    expect((await tripart(temp.path, "emulate", temp.file("ei/config.pb"), "-o", emu, "-q")).code).toBe(0);
    const lenient = await tripart(temp.path, "diff", ref, emu);
    expect(lenient.code, lenient.out).toBe(0);
    const strict = await tripart(temp.path, "diff", ref, emu, "--match-within", "0", "--min-matched", "1", "--max-rate-error", "0");
    expect(strict.code, strict.err).toBe(1);
    expect(strict.out).toMatch(/FAIL: \d+ of \d+ criteria not met/);
    expect(strict.out).toMatch(/FAIL\s+exc\s+spikes matched within ±0 steps/);
    expectNoStackTrace(strict);
  });

  it("prints a tripart.diff/1 report with --json", async () => {
    const run = await tripart(temp.path, "diff", reference, reference, "--json");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out);
    expect(report.format).toBe("tripart.diff/1");
    expect(report.pass).toBe(true);
    expect(report.populations.map((p: { id: string }) => p.id)).toEqual(["neuron"]);
  });

  it("writes an HTML report with plots with --html, and refuses to overwrite it", async () => {
    const html = temp.file("report.html");
    const run = await tripart(temp.path, "diff", reference, reference, "--html", html);
    expect(run.code, run.err).toBe(0);
    expect(readFileSync(html, "utf8")).toContain("<svg");
    const again = await tripart(temp.path, "diff", reference, reference, "--html", html);
    expectDiagnostic(again, 2, "TP1302", [html]);
    expect((await tripart(temp.path, "diff", reference, reference, "--html", html, "--force")).code).toBe(0);
  });

  it("reports an --html path that cannot be written (TP1303), not an internal error", async () => {
    const blocker = temp.file("a-file");
    writeFileSync(blocker, "");
    const html = `${blocker}/report.html`;
    const run = await tripart(temp.path, "diff", reference, reference, "--html", html);
    expectDiagnostic(run, 2, "TP1303", [blocker]);
    expect(readdirSync(temp.path).some((name) => name.startsWith("tripart-crash-"))).toBe(false);
  });

  it("creates a missing folder for --html, as -o does", async () => {
    const html = temp.file("reports/today/report.html");
    const run = await tripart(temp.path, "diff", reference, reference, "--html", html);
    expect(run.code, run.err).toBe(0);
    expect(existsSync(html)).toBe(true);
  });

  it("reports a criteria file with a misspelt field (TP1203) naming the field, with line:col", async () => {
    const criteria = writeJson(temp.file("criteria.json"), { format: "tripart.criteria/1", maxRateErrr: 0.1 });
    const run = await tripart(temp.path, "diff", reference, reference, "-c", criteria);
    expectDiagnostic(run, 2, "TP1203", [`${criteria}:3:`, "'maxRateErrr'", "at /maxRateErrr"]);
  });

  it("reports a criteria field of the wrong type (TP1204) naming the field", async () => {
    const criteria = writeJson(temp.file("criteria.json"), { format: "tripart.criteria/1", minMatchedFraction: "lots" });
    const run = await tripart(temp.path, "diff", reference, reference, "-c", criteria);
    expectDiagnostic(run, 2, "TP1204", [criteria, "'minMatchedFraction'", "at /minMatchedFraction"]);
  });

  it.each([
    ["--min-matched", "1.5"],
    ["--match-within", "1.5"],
    ["--match-within", "-1"],
    ["--max-rate-error", "lots"],
  ])("reports a criteria flag %s %s out of range (TP1204)", async (flag, value) => {
    const run = await tripart(temp.path, "diff", reference, reference, flag, value);
    expectDiagnostic(run, 2, "TP1204");
  });

  it("reports a missing recording (TP4050) and a file that is no recording (TP4053)", async () => {
    const missing = temp.file("gone.json");
    expectDiagnostic(await tripart(temp.path, "diff", reference, missing), 2, "TP4050", [missing]);
    const text = temp.file("notes.txt");
    writeFileSync(text, "hello");
    expectDiagnostic(await tripart(temp.path, "diff", text, reference), 2, "TP4053", [text]);
  });
});

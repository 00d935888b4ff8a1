// `tripart verify`: compile + simulate + emulate + diff on every example (cuba once, quietly);
// --out writes the five artefacts, --json reports pass, an unmeetable criteria file is exit 1.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CUBA, EI, expectDiagnostic, expectNoStackTrace, SINGLE, tripart, useTempDir, writeJson } from "./helpers.js";

const temp = useTempDir();

/** The agreement table's header and the verdict line, as renderTable prints them. */
function expectAgreementTable(out: string): void {
  expect(out).toMatch(/population\s+spikes ref\s+spikes emu\s+rate ref \(Hz\)\s+rate emu \(Hz\)\s+rate err\s+exact\s+±1 match/);
  expect(out).toContain("criteria\n");
  expect(out).toMatch(/PASS: (\d+) of \1 criteria met/);
}

describe("tripart verify", () => {
  it.each([
    ["single-neuron", SINGLE, "1 core, 200 steps of 1 ms; criteria: defaults"],
    ["ei-network", EI, "1 core, 2000 steps of 0.5 ms; criteria: defaults"],
  ])("passes %s with exit 0 and prints the agreement table", async (_name, network, header) => {
    const run = await tripart(temp.path, "verify", network);
    expect(run.code, run.err + run.out).toBe(0);
    expect(run.err).toBe("");
    expect(run.out).toContain(`verify ${network} on loihi-cuba 1.0.0 (${header})`);
    expectAgreementTable(run.out);
    expectNoStackTrace(run);
  });

  it("passes cuba with --quiet against its own criteria.json, with the merged-channel warnings", async () => {
    const run = await tripart(temp.path, "verify", CUBA, "--quiet");
    expect(run.code, run.err + run.out).toBe(0);
    expect(run.out).toContain(`criteria: ${CUBA.replace("network.json", "criteria.json")})`);
    expect(run.out).toMatch(/exc\s+\d+\s+\d+/);
    expectAgreementTable(run.out);
    // CUBA's E and I synapses have tau 5 and 10 ms; the target has one current channel (TP3016).
    expect(run.err.match(/warning TP3016/g)).toHaveLength(2);
    expectNoStackTrace(run);
  });

  it("writes config.pb, config.json, reference.json, emulator.json and diff.json with --out", async () => {
    const out = temp.file("verify-out");
    const run = await tripart(temp.path, "verify", SINGLE, "-o", out, "-q");
    expect(run.code, run.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["config.json", "config.pb", "diff.json", "emulator.json", "reference.json"]);
    const diffJson = JSON.parse(readFileSync(`${out}/diff.json`, "utf8"));
    expect(diffJson).toMatchObject({ format: "tripart.diff/1", pass: true });
    expect(diffJson.energy.target.name).toBe("loihi-cuba"); // the estimate rides along with the diff
    expect(diffJson.energy.energy).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(`${out}/emulator.json`, "utf8")).source).toBe("emulator");
    expect(JSON.parse(readFileSync(`${out}/reference.json`, "utf8")).source).toBe("reference");
    // The written artefacts agree with the separate commands: inspect and diff accept them.
    expect((await tripart(temp.path, "inspect", `${out}/config.pb`)).code).toBe(0);
    expect((await tripart(temp.path, "diff", `${out}/reference.json`, `${out}/emulator.json`)).code).toBe(0);
  });

  it("refuses to overwrite any of the --out files without --force (TP1302), before running", async () => {
    const out = temp.file("verify-out");
    expect((await tripart(temp.path, "verify", SINGLE, "-o", out, "-q")).code).toBe(0);
    writeFileSync(`${out}/diff.json`, "keep me");
    const run = await tripart(temp.path, "verify", SINGLE, "-o", out, "-q");
    expectDiagnostic(run, 2, "TP1302", [`${out}/config.pb`, `${out}/diff.json`]);
    expect(readFileSync(`${out}/diff.json`, "utf8")).toBe("keep me");
    expect(run.out).toBe("");
    expect((await tripart(temp.path, "verify", SINGLE, "-o", out, "-q", "--force")).code).toBe(0);
  });

  it("prints { pass: true, ... } with --json", async () => {
    const run = await tripart(temp.path, "verify", SINGLE, "--json");
    expect(run.code, run.err).toBe(0);
    const summary = JSON.parse(run.out);
    expect(summary.pass).toBe(true);
    expect(summary.target).toEqual({ name: "loihi-cuba", version: "1.0.0" });
    expect(summary.criteria).toBe("defaults");
    expect(summary.diff.format).toBe("tripart.diff/1");
    expect(summary.emulator.overflow).toBeTypeOf("object");
  });

  it("fails with exit 1 under a criteria file that cannot be met", async () => {
    // Exact timing of every spike and no rate error at all: ei-network's emulator is close, not equal.
    const criteria = writeJson(temp.file("strict.json"), { format: "tripart.criteria/1", matchWithin: 0, minMatchedFraction: 1, maxRateError: 0 });
    const run = await tripart(temp.path, "verify", EI, "-c", criteria, "-q");
    expect(run.code, run.err).toBe(1);
    expect(run.out).toContain(`criteria: ${criteria})`);
    expect(run.out).toMatch(/FAIL: \d+ of \d+ criteria not met/);
    expectNoStackTrace(run);
  });

  it("writes an HTML report with --html, and reports an unwritable one (TP1303) instead of crashing", async () => {
    const html = temp.file("verify.html");
    expect((await tripart(temp.path, "verify", SINGLE, "--html", html, "-q")).code).toBe(0);
    expect(readFileSync(html, "utf8")).toContain("<svg");
    const blocker = temp.file("a-file");
    writeFileSync(blocker, "");
    const run = await tripart(temp.path, "verify", SINGLE, "--html", `${blocker}/verify.html`, "-q");
    expectDiagnostic(run, 2, "TP1303", [blocker]);
  });

  it("reports a bad criteria file (TP1203) and a missing network (TP1000) with exit 2", async () => {
    const criteria = writeJson(temp.file("criteria.json"), { format: "tripart.criteria/1", minMatched: 0.5 });
    expectDiagnostic(await tripart(temp.path, "verify", SINGLE, "-c", criteria), 2, "TP1203", [criteria, "'minMatched'"]);
    const missing = temp.file("missing.json");
    expectDiagnostic(await tripart(temp.path, "verify", missing), 2, "TP1000", [missing]);
  });
});

describe("tripart verify with an external port", () => {
  it("warns (TP1306) that no host program feeds it, with file:line:col, and still runs", async () => {
    const network = SINGLE.replace("single-neuron", "closed-loop");
    const run = await tripart(temp.path, "verify", network, "--quiet");
    expect(run.code).toBe(0);
    expect(run.err).toContain(`${network}:15:5: warning TP1306: Input 'sensor' is an external port`);
    expect(run.err).toContain("at /inputs/0");
    expectNoStackTrace(run);
  });
});

// `tripart check`: one block per target ("fits" with its cores, or every error with its code,
// pointer and line:col), exit 0 when every requested target fits, 1 when one refuses, 2 on bad
// input (a diagnostic, never a stack trace); --json carries the same as data; --verbose lists
// warnings. Which example fits which target is checked in full in test/examples/portability.test.ts.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { listTargets } from "../../src/index.js";
import { codesIn, CUBA, example, expectDiagnostic, expectNoStackTrace, TARGET_FILE, tripart, useTempDir } from "./helpers.js";

const temp = useTempDir();
const STDP = example("stdp-pattern");
const ASTRO_GATED = example("astro-gated-stdp");
const WORKING_MEMORY = example("working-memory");

/** The block of `target` in a text report: from its head line to the next blank line. */
const block = (out: string, target: string): string => {
  const start = out.indexOf(`\n${target} `);
  expect(start, `no block for ${target}`).toBeGreaterThanOrEqual(0);
  const end = out.indexOf("\n\n", start + 1);
  return out.slice(start + 1, end < 0 ? undefined : end).trimEnd();
};

describe("tripart check", () => {
  it("checks every bundled target by default: stdp-pattern fits loihi-cuba and the crossbar, loihi-cuba-lava refuses its refractory period and learning", async () => {
    const run = await tripart(temp.path, "check", STDP);
    expect(run.code, run.err).toBe(1);
    const targets = listTargets();
    for (const target of targets) expect(run.out).toContain(`\n${target} `);
    expect(block(run.out, "loihi-cuba")).toBe("loihi-cuba 1.0.0: fits on 1 of 128 cores");
    expect(block(run.out, "memristor-crossbar")).toBe("memristor-crossbar 1.0.0: fits on 1 of 128 cores");
    expect(block(run.out, "loihi-cuba-board")).toBe("loihi-cuba-board 1.0.0: fits on 1 of 4096 cores");
    const lava = block(run.out, "loihi-cuba-lava");
    expect(lava).toMatch(/^loihi-cuba-lava 1\.0\.0: refused: 2 errors/);
    expect(codesIn(lava)).toEqual(["TP3006", "TP3080"]);
    expect(lava).toContain(`${STDP}:1:384: error TP3006`);
    expect(lava).toContain("at /populations/0/params/tau_ref");
    expect(lava).toContain("at /projections/0/plasticity");
    expect(lava).toContain("has no learning engine");
    expect(run.out).toContain(`${STDP}: fits 4 of ${targets.length} targets`);
    expectNoStackTrace(run);
  });

  it("refuses working-memory on every LIF target before any pass (TP3030 at /populations/0/model) and fits it on glia-core", async () => {
    const run = await tripart(temp.path, "check", WORKING_MEMORY);
    expect(run.code, run.err).toBe(1);
    const cuba = block(run.out, "loihi-cuba");
    expect(cuba).toContain(`${WORKING_MEMORY}:13:7: error TP3030`);
    expect(cuba).toContain("at /populations/0/model");
    expect(block(run.out, "glia-core")).toMatch(/^glia-core 1\.0\.0: fits on 11 of 128 cores, 1 warning \(--verbose lists them\)$/);
  });

  it("fits astro-gated-stdp only on glia-core; the LIF targets with learning name the astrocyte gate (TP3084)", async () => {
    const run = await tripart(temp.path, "check", ASTRO_GATED);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`${ASTRO_GATED}: fits 1 of ${listTargets().length} targets`);
    expect(block(run.out, "glia-core")).toBe("glia-core 1.0.0: fits on 1 of 128 cores");
    expect(codesIn(block(run.out, "loihi-cuba"))).toEqual(["TP3030", "TP3035", "TP3031", "TP3032", "TP3033", "TP3084"]);
  });

  it("exits 0 when every requested target fits, by name or by file, and lists warnings with --verbose", async () => {
    const run = await tripart(temp.path, "check", CUBA, "--target", "loihi-cuba");
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain("loihi-cuba 1.0.0: fits on 5 of 128 cores, 2 warnings (--verbose lists them)");
    expect(codesIn(run.out)).toEqual([]);
    const verbose = await tripart(temp.path, "check", CUBA, "-t", TARGET_FILE, "--verbose");
    expect(verbose.code).toBe(0);
    expect(verbose.out).toContain("loihi-cuba 1.0.0: fits on 5 of 128 cores, 2 warnings:");
    expect(codesIn(verbose.out)).toEqual(["TP3016", "TP3016"]);
    expect(verbose.out).toContain("at /populations/0");
  });

  it("gives the report as data with --json", async () => {
    const run = await tripart(temp.path, "check", STDP, "--json");
    expect(run.code).toBe(1);
    const report = JSON.parse(run.out);
    expect(report).toMatchObject({ network: STDP, ok: false, warnings: [] });
    expect(report.targets.map((t: { target: string }) => t.target)).toEqual(listTargets());
    const cuba = report.targets.find((t: { target: string }) => t.target === "loihi-cuba");
    expect(cuba).toEqual({ target: "loihi-cuba", version: "1.0.0", fits: true, coresUsed: 1, targetCores: 128, errors: [], warnings: [] });
    const lava = report.targets.find((t: { target: string }) => t.target === "loihi-cuba-lava");
    expect(lava.fits).toBe(false);
    expect(lava.errors.map((d: { code: string; path: string; line: number; column: number }) => [d.code, d.path, d.line, d.column])).toEqual([
      ["TP3006", "/populations/0/params/tau_ref", 1, 384],
      ["TP3080", "/projections/0/plasticity", 1, 400462],
    ]);
    expect(lava.errors[0]).toMatchObject({ severity: "error", file: STDP, message: expect.stringContaining("refractory") });
    const fits = await tripart(temp.path, "check", CUBA, "-t", "memristor-crossbar", "--json");
    expect(fits.code).toBe(0);
    expect(JSON.parse(fits.out)).toMatchObject({ ok: true, targets: [{ target: "memristor-crossbar", fits: true, coresUsed: 5 }] });
  });

  it("exits 2 with a diagnostic and writes nothing for a missing network or an unknown target", async () => {
    expectDiagnostic(await tripart(temp.path, "check", temp.file("missing.json")), 2, "TP1000", [temp.file("missing.json")]);
    expectDiagnostic(await tripart(temp.path, "check", CUBA, "--target", "no-such-chip"), 2, "TP1107", ["no-such-chip"]);
    const json = await tripart(temp.path, "check", temp.file("missing.json"), "--json");
    expect(json.code).toBe(2);
    expect(json.out).toBe("");
    expect(readdirSync(temp.path)).toEqual([]);
  });
});

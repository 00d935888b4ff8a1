// `tripart calibrate`: the reduced astrocyte model fitted to a network's Ullah population, the
// fitted network written on request (never over an existing file without --force), and the
// option errors. Also the validate summary of a neuron–astrocyte network.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { codesIn, expectNoStackTrace, REPO, tripart, useTempDir } from "./helpers.js";

const temp = useTempDir();
const ADDITIVE = join(REPO, "examples", "tripartite-synapse", "network-additive.json");

describe("tripart calibrate", () => {
  it("fits the reduced model, lowers the Ca error below the starting guess's, and writes a loadable reduced network", async () => {
    const out = temp.file("reduced.json");
    const run = await tripart(temp.path, "calibrate", ADDITIVE, "--out", out, "--json");
    expect(run.code, run.err).toBe(0);
    const report = JSON.parse(run.out);
    expect(report.written).toBe(out);
    expect(report.calibrations).toHaveLength(1);
    const [fit] = report.calibrations;
    expect(fit.astrocytes).toBe("astrocyte");
    expect(fit.model).toBe("ullah2006");
    expect(fit.error.caRmse).toBeLessThan(fit.initialError.caRmse);
    for (const value of Object.values(fit.params) as number[]) expect(Number.isFinite(value)).toBe(true);
    const written = JSON.parse(readFileSync(out, "utf8"));
    expect(written.astrocytes[0].model).toBe("reduced");
    expect(written.astrocytes[0].params.tau_ip3).toBeCloseTo(fit.params.tau_ip3, 2);
    expect(written.astrocytes[0].initial).toBeUndefined();
    const validated = await tripart(temp.path, "validate", out);
    expect(validated.code, validated.err).toBe(0);
    expect(validated.out).toContain("1 astrocyte population (1 astrocyte), 1 tripartite coupling");
  });

  it("refuses to overwrite an existing output file (TP1302) before any fitting", async () => {
    const out = temp.file("taken.json");
    writeFileSync(out, "keep me\n");
    const run = await tripart(temp.path, "calibrate", ADDITIVE, "--out", out);
    expect(run.code).toBe(2);
    expect(codesIn(run.err)).toEqual(["TP1302"]);
    expect(readFileSync(out, "utf8")).toBe("keep me\n");
    expectNoStackTrace(run);
  });

  it("names the populations it can calibrate when --astrocytes names another", async () => {
    const run = await tripart(temp.path, "calibrate", ADDITIVE, "--astrocytes", "glia");
    expect(run.code).toBe(2);
    expect(run.err).toContain("--astrocytes");
    expect(run.err).toContain("one of: astrocyte");
    expectNoStackTrace(run);
  });

  it("says so when a network has nothing to calibrate", async () => {
    const run = await tripart(temp.path, "calibrate", join(REPO, "examples", "single-neuron", "network.json"));
    expect(run.code).toBe(0);
    expect(run.out).toContain("no Ullah or lr1994 astrocyte population to calibrate");
  });
});

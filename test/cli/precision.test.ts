// tripart compile --precision / --profile-margin / --error-budget, and the per-population
// overflow lines of tripart emulate.
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EI, SINGLE, expectDiagnostic, tripart, useTempDir } from "./helpers.js";
import { adversarial, exampleNetwork } from "../passes/precision-networks.js";

describe("tripart compile: precision flags", () => {
  const temp = useTempDir();

  it.each([
    { flags: ["--precision", "fast"], option: "--precision", words: "one of headroom, static, profile" },
    { flags: ["--precision", "profile", "--profile-margin", "0.5"], option: "--profile-margin", words: "a factor ≥ 1" },
    { flags: ["--precision", "profile", "--profile-margin", "wide"], option: "--profile-margin", words: "NaN" },
    { flags: ["--profile-margin", "2"], option: "--profile-margin", words: "only with --precision profile" },
    { flags: ["--error-budget", "0"], option: "--error-budget", words: "a relative error above 0" },
    { flags: ["--error-budget", "1%"], option: "--error-budget", words: "NaN" },
  ])("refuses $flags (TP1305 naming $option, no stack trace)", async ({ flags, option, words }) => {
    const run = await tripart(temp.path, "compile", SINGLE, "-o", temp.file("out"), ...flags);
    expectDiagnostic(run, 2, "TP1305", [option, words]);
  });

  it("--precision static prints each population's register ranges and puts them in --json", async () => {
    const run = await tripart(temp.path, "compile", EI, "-o", temp.file("out"), "--precision", "static");
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain("precision (static): the range each register must hold");
    expect(run.out).toMatch(/\bexc\s+v\s+-\d+ … \d+\s+static bound/);
    const json = await tripart(temp.path, "compile", EI, "-o", temp.file("json"), "--precision", "static", "--error-budget", "0.05", "--json");
    const report = JSON.parse(json.out).reports.precision;
    expect(report.mode).toBe("static");
    expect(report.populations.map((p: { population: string }) => p.population)).toEqual(["exc", "inh"]);
    expect(report.populations.every((p: { fits: boolean }) => p.fits)).toBe(true);
    expect(report.weightBits.every((w: { achieved: number; meets: boolean }) => w.meets && w.achieved <= 0.05)).toBe(true);
  });

  it("--precision profile measures the ranges in the reference (margin 2 gives a coarser scale than 1)", async () => {
    const headroomAt = async (margin: string) => {
      const run = await tripart(temp.path, "compile", EI, "-o", temp.file(`m${margin}`), "--precision", "profile", "--profile-margin", margin, "--json");
      expect(run.code, run.err).toBe(0);
      const [exc] = JSON.parse(run.out).reports.precision.populations;
      expect(exc.registers.every((r: { source: string }) => r.source === "profile")).toBe(true);
      return exc.headroom as number;
    };
    const [one, two] = [await headroomAt("1"), await headroomAt("2")];
    expect(two / one).toBeCloseTo(2, 1);
  });
});

describe("tripart emulate: overflow per population", () => {
  const temp = useTempDir();

  it("lists the populations whose registers overflowed, and none when static precision prevents it", async () => {
    const network = temp.file("adversarial.json");
    writeFileSync(network, JSON.stringify(adversarial(exampleNetwork("ei-network", 40))));
    expect((await tripart(temp.path, "compile", network, "-o", temp.file("default"))).code).toBe(0);
    const saturating = await tripart(temp.path, "emulate", temp.file("default/config.pb"), "-o", temp.file("default.json"));
    expect(saturating.code, saturating.err).toBe(0);
    expect(saturating.out).toMatch(/^ {2}exc: .*v\.saturate [1-9]\d*/m);
    expect((await tripart(temp.path, "compile", network, "-o", temp.file("static"), "--precision", "static")).code).toBe(0);
    const clean = await tripart(temp.path, "emulate", temp.file("static/config.pb"), "-o", temp.file("static.json"), "--json");
    const result = JSON.parse(clean.out);
    expect(result.overflowByPopulation).toEqual({ exc: { "u.wrap": 0, "v.saturate": 0 }, inh: { "u.wrap": 0, "v.saturate": 0 } });
  });
});

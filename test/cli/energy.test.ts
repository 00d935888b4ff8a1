// `tripart energy`: prices a config (emulating it, or a given recording) or a network; --json
// shapes; --no-gating on a small glia network; bad input is exit 2 without a stack trace.
import { writeFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { engineering } from "../../src/index.js";
import { expectDiagnostic, expectNoStackTrace, REPO, SINGLE, tripart, useTempDir } from "./helpers.js";

const temp = useTempDir();
const TRIPARTITE = `${REPO}/examples/tripartite-synapse/network-additive.json`;
let configPb = "";

beforeEach(async () => {
  const out = temp.file("out");
  const run = await tripart(temp.path, "compile", SINGLE, "-o", out);
  expect(run.code, run.err).toBe(0);
  configPb = `${out}/config.pb`;
});

describe("tripart energy", () => {
  it("emulates a config and prints totals, the per-kind and the per-population tables", async () => {
    const run = await tripart(temp.path, "energy", configPb, "--quiet");
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain("loihi-cuba 1.0.0, 200 steps of 1 ms");
    expect(run.out).toMatch(/^energy 17\.0 nJ on loihi-cuba/m);
    expect(run.out).toMatch(/faster than real time/);
    expect(run.out).toMatch(/synaptic op\s+28\s+23\.6 pJ\s+3\.50 ns\s+published/);
    expect(run.out).toMatch(/exc_in\s+input\s+23/);
    expectNoStackTrace(run);
  });

  it("--json: totals, kinds, populations, latency", async () => {
    const run = await tripart(temp.path, "energy", configPb, "--json");
    expect(run.code, run.err).toBe(0);
    const e = JSON.parse(run.out);
    expect(e).toMatchObject({ target: { name: "loihi-cuba" }, steps: 200, dtMs: 1, fasterThanRealTime: true });
    expect(e.energy).toBeCloseTo(200 * 81e-12 + 28 * 23.6e-12 + 5 * 1.7e-12 + 28 * 3e-12, 20);
    expect(e.kinds.map((k: { kind: string }) => k.kind)).toContain("synapticOp");
    expect(e.populations.map((p: { id: string }) => p.id)).toEqual(["neuron", "exc_in", "inh_in", "(not attributed)"]);
    expect(e.coreStepTimes).toHaveLength(1);
  });

  it("prices a given recording instead of emulating", async () => {
    const rec = temp.file("emulator.json");
    expect((await tripart(temp.path, "emulate", configPb, "-o", rec, "--quiet")).code).toBe(0);
    const run = await tripart(temp.path, "energy", configPb, "--recording", rec, "--json");
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out).notes.join(" ")).toContain("no emulator counts");
  });

  it("compiles a network for --target", async () => {
    const run = await tripart(temp.path, "energy", SINGLE, "--target", "loihi-cuba", "--json");
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out).target.name).toBe("loihi-cuba");
  });

  it("--no-gating runs a glia network with and without its tripartite couplings", async () => {
    const run = await tripart(temp.path, "energy", TRIPARTITE, "--target", "glia-core", "--no-gating", "--json");
    expect(run.code, run.err).toBe(0);
    const a = JSON.parse(run.out);
    expect(a.saved.energy).toBeCloseTo(a.ungated.energy - a.gated.energy, 20);
    expect(a.gated.kinds.find((k: { kind: string }) => k.kind === "astrocyteUpdate").count).toBeGreaterThan(0);
    // additive gating adds release: the pair fires more with it than without
    expect(a.saved.spikes).toBeLessThan(0);
    const text = await tripart(temp.path, "energy", TRIPARTITE, "--target", "glia-core", "--no-gating", "--quiet");
    expect(text.out).toContain("what gating saves");
    expect(text.out).toContain("astrocyte units:");
  }, 60_000);

  it("verify prints the estimate and puts it in --json", async () => {
    const text = await tripart(temp.path, "verify", SINGLE, "--quiet");
    expect(text.out).toMatch(/^energy \S+ \S*J on loihi-cuba/m);
    const json = await tripart(temp.path, "verify", SINGLE, "--json");
    expect(JSON.parse(json.out).energy).toMatchObject({ target: { name: "loihi-cuba" }, steps: 200 });
  });

  it("verify --html adds the energy section with the same total as --out's diff.json", async () => {
    const html = temp.file("report.html");
    const out = temp.file("run");
    const run = await tripart(temp.path, "verify", SINGLE, "--quiet", "--html", html, "--out", out);
    expect(run.code, run.err).toBe(0);
    const page = (await import("node:fs")).readFileSync(html, "utf8");
    const energy = JSON.parse((await import("node:fs")).readFileSync(`${out}/diff.json`, "utf8")).energy;
    expect(page).toContain("<h2>Energy</h2>");
    expect(page).toContain(`<strong>${engineering(energy.energy, "J")}</strong> for the run`);
    expect(page).toContain('aria-label="energy per operation kind"');
    expect(page).toContain("Davies et al. 2018");
  });

  it.each([
    ["a missing file", () => ["energy", "missing.json"], "TP1"],
    ["--no-gating on a config", () => ["energy", configPb, "--no-gating"], "TP1305"],
    ["--recording with a network", () => ["energy", SINGLE, "--recording", "x.json"], "TP1305"],
    ["a missing recording", () => ["energy", configPb, "--recording", "nope.json"], "TP4050"],
    ["an unknown target", () => ["energy", configPb, "--target", "no-such-chip"], "TP1"],
  ])("%s: exit 2 with a diagnostic, no stack trace", async (_name, argv, code) => {
    const run = await tripart(temp.path, ...argv());
    expectDiagnostic(run, 2, code);
  });

  it("a target without an energy section: TP2163, exit 2", async () => {
    const target = JSON.parse((await import("node:fs")).readFileSync(`${REPO}/targets/loihi-cuba.json`, "utf8"));
    delete target.energy;
    const path = temp.file("bare.json");
    writeFileSync(path, JSON.stringify(target));
    expectDiagnostic(await tripart(temp.path, "energy", configPb, "--target", path), 2, "TP2163");
  });
});

// `tripart verify` on glia-core: the small working-memory network (the acceptance run)
// exits 0 against its criteria.json and prints spike, trace and gate agreement; a LIF target
// refuses the same network construct by construct; compile + inspect show the glia-core config.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { codesIn, expectNoStackTrace, REPO, tripart, useTempDir } from "./helpers.js";

const temp = useTempDir();
const SMALL = join(REPO, "examples", "working-memory", "network-small.json");
const GLIA_TARGET = join(REPO, "targets", "glia-core.json");
const SUPPRESSIVE = join(REPO, "examples", "tripartite-synapse", "network-suppressive.json");

describe("tripart verify on glia-core", () => {
  it("passes the small working-memory network with exit 0 and prints spike, astrocyte and territory agreement", async () => {
    const run = await tripart(temp.path, "verify", SMALL, "--target", GLIA_TARGET, "--quiet");
    expect(run.code, run.err + run.out).toBe(0);
    expect(run.out).toContain(`verify ${SMALL} on glia-core`);
    expect(run.out).toContain("961 neurons, 100 astrocytes, 42000 steps of 0.1 ms");
    expect(run.out).toMatch(/population\s+spikes ref\s+spikes emu/);
    expect(run.out).toMatch(/astrocytes\n.*Ca RMSE mean \/ max.*gate Jaccard mean/);
    expect(run.out).toContain("territories\n");
    expect(run.out).toMatch(/pass\s+astrocytes\s+mean gate Jaccard index/);
    expect(run.out).toMatch(/PASS: (\d+) of \1 criteria met/);
    expectNoStackTrace(run);
  }, 120_000);

  it("refuses the network on loihi-cuba with one TP303x error per construct, exit 1", async () => {
    const run = await tripart(temp.path, "verify", SUPPRESSIVE, "--quiet");
    expect(run.code).toBe(1);
    const codes = codesIn(run.err);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(code).toMatch(/^TP303\d$/);
    for (const code of ["TP3030", "TP3031", "TP3032", "TP3033", "TP3034"]) expect(codes).toContain(code);
    expectNoStackTrace(run);
  });

  it("compiles to a glia-core config that inspect summarises, with the table errors", async () => {
    const out = join(temp.path, "glia");
    const compiled = await tripart(temp.path, "compile", SUPPRESSIVE, "--target", "glia-core", "-o", out);
    expect(compiled.code, compiled.err).toBe(0);
    expect(compiled.out).toContain("look-up tables: largest error against the exact function");
    const inspected = await tripart(temp.path, "inspect", join(out, "config.pb"));
    expect(inspected.code, inspected.err).toBe(0);
    expect(inspected.out).toContain("tripart.glia-config/1 for glia-core");
    expect(inspected.out).toMatch(/2 neurons, 1 synapse \(1 modulated\), 1 astrocyte/);
    const emulated = await tripart(temp.path, "emulate", join(out, "config.json"), "-o", join(out, "emu.json"), "--quiet");
    expect(emulated.code, emulated.err).toBe(0);
    expect(emulated.out).toContain("overflow: none");
  });
});

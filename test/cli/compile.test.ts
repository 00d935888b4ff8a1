// `tripart compile`: writes config.pb and config.json and prints the utilisation and quantization
// tables; never overwrites without --force; --dump-after; a network that does not fit the target
// gets exit 1 and one TP3xxx diagnostic per violated limit; bad options and targets give exit 2.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { codesIn, EI, expectDiagnostic, expectNoStackTrace, SINGLE, tripart, useTempDir, writeJson, writeTarget } from "./helpers.js";

const temp = useTempDir();

describe("tripart compile", () => {
  it("writes config.pb and config.json into -o and prints the utilisation and quantization tables", async () => {
    const out = temp.file("out");
    const run = await tripart(temp.path, "compile", SINGLE, "-o", out);
    expect(run.code, run.err).toBe(0);
    expect(run.err).toBe("");
    expect(readdirSync(out).sort()).toEqual(["config.json", "config.pb"]);
    expect(JSON.parse(readFileSync(`${out}/config.json`, "utf8")).format).toBe("tripart.hwconfig/1");
    expect(run.out).toContain(`compiled ${SINGLE} for loihi-cuba 1.0.0: 1 core → ${out}/config.pb (+ config.json)`);
    expect(run.out).toContain("resource use per core");
    expect(run.out).toMatch(/core\s+populations\s+neurons\s+synapses\s+input axons\s+output axons\s+bound by/);
    expect(run.out).toMatch(/0\s+neuron\[0\.\.0\]\s+1\/1024 \(0%\)\s+2\/65536 \(0%\)/);
    expect(run.out).toContain("quantization: requested → realised");
    // tau_m = 10 ms at dt 1 ms: dv = round(4096·(1 - e^-0.1)) = 390 realises -1/ln(1 - 390/4096) = 9.994 ms
    expect(run.out).toMatch(/neuron\.tau_m\s+10 ms\s+9\.994 ms\s+0\.06%/);
    expect(run.out).toMatch(/exc\.weight \(max, 1 syn, exp \d\)/);
    expectNoStackTrace(run);
  });

  it("prints the crossbar table for the memristor crossbar and takes --learning-epoch", async () => {
    const out = temp.file("out");
    const run = await tripart(temp.path, "compile", SINGLE, "-t", "memristor-crossbar", "--learning-epoch", "8", "-o", out);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/crossbar: 2 of 1024 tiles/); // one tile per projection: exc and inh
    expect(run.out).toMatch(/exc\s+1\s+\S+\s+\d+\s+[\d.]+, [\d.]+/);
    const bad = await tripart(temp.path, "compile", SINGLE, "--learning-epoch", "0", "-o", temp.file("out2"));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--learning-epoch");
    expectNoStackTrace(bad);
  });

  it("prints the files, reports and timings with --json", async () => {
    const out = temp.file("out");
    const run = await tripart(temp.path, "compile", SINGLE, "-o", out, "--json");
    expect(run.code, run.err).toBe(0);
    const parsed = JSON.parse(run.out);
    expect(parsed.ok).toBe(true);
    expect(parsed.files).toEqual([`${out}/config.pb`, `${out}/config.json`]);
    expect(parsed.timings.map((t: { pass: string }) => t.pass)).toEqual(["discretize", "quantize", "lower-plasticity", "partition", "route", "emit", "lower-crossbar"]);
  });

  it("refuses to overwrite existing outputs without --force (TP1302) and leaves their bytes alone", async () => {
    const out = temp.file("out");
    expect((await tripart(temp.path, "compile", SINGLE, "-o", out)).code).toBe(0);
    const marker = new Uint8Array([1, 2, 3, 4, 5]);
    writeFileSync(`${out}/config.pb`, marker);
    const jsonBefore = readFileSync(`${out}/config.json`);
    const run = await tripart(temp.path, "compile", SINGLE, "-o", out);
    expectDiagnostic(run, 2, "TP1302", [`${out}/config.pb: error TP1302`, `${out}/config.json: error TP1302`, "--force"]);
    expect(new Uint8Array(readFileSync(`${out}/config.pb`))).toEqual(marker);
    expect(readFileSync(`${out}/config.json`)).toEqual(jsonBefore);
  });

  it("overwrites existing outputs with --force", async () => {
    const out = temp.file("out");
    expect((await tripart(temp.path, "compile", SINGLE, "-o", out)).code).toBe(0);
    const original = readFileSync(`${out}/config.pb`);
    writeFileSync(`${out}/config.pb`, "stale");
    const run = await tripart(temp.path, "compile", SINGLE, "-o", out, "--force");
    expect(run.code, run.err).toBe(0);
    expect(readFileSync(`${out}/config.pb`)).toEqual(original);
  });

  it("writes quantize.dump.json with --dump-after quantize", async () => {
    const out = temp.file("out");
    const run = await tripart(temp.path, "compile", SINGLE, "-o", out, "--dump-after", "quantize");
    expect(run.code, run.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["config.json", "config.pb", "quantize.dump.json"]);
    const dump = JSON.parse(readFileSync(`${out}/quantize.dump.json`, "utf8"));
    expect(dump).toBeTypeOf("object");
    expect(JSON.stringify(dump)).toContain('"vthMant"');
  });

  it("rejects --dump-after with a name that is no pass (TP1305), listing the passes", async () => {
    const out = temp.file("out");
    const run = await tripart(temp.path, "compile", SINGLE, "-o", out, "--dump-after", "nosuchpass");
    expectDiagnostic(run, 2, "TP1305", ["--dump-after", "nosuchpass", "discretize, quantize, lower-plasticity, partition, route, emit, lower-crossbar"]);
    expect(existsSync(out)).toBe(false);
  });

  it("rejects --headroom below 1 (TP1305)", async () => {
    const run = await tripart(temp.path, "compile", SINGLE, "-o", temp.file("out"), "--headroom", "0.5");
    expectDiagnostic(run, 2, "TP1305", ["--headroom"]);
  });

  it("rejects an unknown target name (TP1107) and names the bundled ones", async () => {
    const run = await tripart(temp.path, "compile", SINGLE, "-o", temp.file("out"), "-t", "loihi-9000");
    expectDiagnostic(run, 2, "TP1107", ["'loihi-9000'", "loihi-cuba"]);
    expect(existsSync(temp.file("out"))).toBe(false);
  });

  it("reports a missing network file (TP1000) by name", async () => {
    const file = temp.file("nowhere.json");
    const run = await tripart(temp.path, "compile", file, "-o", temp.file("out"));
    expectDiagnostic(run, 2, "TP1000", [file]);
  });

  it("reports a folder -o that is a file (TP1303) instead of crashing", async () => {
    const blocker = temp.file("a-file");
    writeFileSync(blocker, "");
    const run = await tripart(temp.path, "compile", SINGLE, "-o", blocker);
    expectDiagnostic(run, 2, "TP1303", [blocker]);
  });

  it("gives exit 1 and one TP3xxx diagnostic per violated limit when the network does not fit", async () => {
    // ei-network: 200 neurons (160 exc + 40 inh) and 6769 synapses; in-degrees up to 45 (exc) and 40 (inh).
    // A chip of 2 cores × 64 neurons × 2000 synapses, fan-in 5, violates four limits:
    // total neurons (200 > 128), total synapses (6769 > 4000), and the fan-in of each population.
    const target = writeTarget(temp.path, "tiny.json", (t) => {
      t.name = "tiny";
      t.chip.cores = 2;
      t.core.maxNeurons = 64;
      t.core.maxSynapses = 2000;
      t.core.maxFanIn = 5;
    });
    const out = temp.file("out");
    const run = await tripart(temp.path, "compile", EI, "-t", target, "-o", out);
    expectDiagnostic(run, 1, "TP3", [`${EI}:7:5: error TP3022`, `${EI}:14:5: error TP3022`]);
    expect(codesIn(run.err).sort()).toEqual(["TP3021", "TP3021", "TP3022", "TP3022"]);
    expect(run.err).toContain("The network has 200 neurons but the 2 cores of target 'tiny' hold 128 (64 per core).");
    expect(run.err).toContain("The network has 6769 synapses but the 2 cores of target 'tiny' hold 4000 (2000 per core).");
    expect(run.err).toContain("Population 'exc' has 160 neurons with a fan-in up to");
    expect(run.err).toContain("at /populations/0");
    expect(run.err).toContain("Population 'inh' has 40 neurons with a fan-in up to");
    expect(run.err).toContain("at /populations/1");
    expect(existsSync(out)).toBe(false);
  });

  it("gives exit 1 with TP3021 when a 3000-neuron network exceeds a 2-core chip", async () => {
    const network = {
      format: "tripart.network/1",
      name: "big",
      run: { dt: 1, duration: 10, seed: 1 },
      populations: [{ id: "p", model: "lif", size: 3000, params: { tau_m: 10, v_rest: -65, v_reset: -65, v_thresh: -55, tau_ref: 2, bias: 0 } }],
      inputs: [],
      projections: [],
    };
    const file = writeJson(temp.file("big.network.json"), network);
    const target = writeTarget(temp.path, "two-cores.json", (t) => {
      t.name = "two-cores";
      t.chip.cores = 2;
    });
    const run = await tripart(temp.path, "compile", file, "-t", target, "-o", temp.file("out"), "--json");
    expect(run.code, run.err).toBe(1);
    expect(codesIn(run.err)).toEqual(["TP3021"]);
    expect(run.err).toContain("3000 neurons but the 2 cores of target 'two-cores' hold 2048 (1024 per core)");
    expect(JSON.parse(run.out)).toEqual({ ok: false, diagnostics: [expect.objectContaining({ code: "TP3021", file })] });
    expectNoStackTrace(run);
  });
});

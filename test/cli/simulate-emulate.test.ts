// `tripart simulate` and `tripart emulate`: recordings in all three forms, --steps, no overwrite
// without --force, and exit 2 with a code for a bad --out or --steps.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { example, expectDiagnostic, expectNoStackTrace, SINGLE, tripart, useTempDir } from "./helpers.js";

const temp = useTempDir();

describe("tripart simulate", () => {
  it.each(["json", "pb", "csv"])("writes a .%s recording of the network's 200 steps", async (form) => {
    const out = temp.file(`reference.${form}`);
    const run = await tripart(temp.path, "simulate", SINGLE, "-o", out);
    expect(run.code, run.err).toBe(0);
    expect(run.err).toBe("");
    expect(run.out).toMatch(/^reference: 200 steps, \d+ spikes?, \d+ synaptic events in \d+\.\d\d s → /);
    expect(existsSync(out)).toBe(true);
    if (form === "csv") {
      expect(run.out).toContain(`${out}, ${temp.file("reference.traces.csv")}`);
      expect(existsSync(temp.file("reference.traces.csv"))).toBe(true);
    }
    if (form === "json") {
      const recording = JSON.parse(readFileSync(out, "utf8"));
      expect([recording.format, recording.source, recording.steps, recording.dtMs]).toEqual(["tripart.recording/1", "reference", 200, 1]);
    }
  });

  it("writes the same recording in every form (diff of the forms passes)", async () => {
    for (const form of ["json", "pb", "csv"]) expect((await tripart(temp.path, "simulate", SINGLE, "-o", temp.file(`r.${form}`))).code).toBe(0);
    for (const other of ["r.pb", "r.csv"]) {
      const run = await tripart(temp.path, "diff", temp.file("r.json"), temp.file(other));
      expect(run.code, run.err).toBe(0);
      expect(run.out).toContain("PASS");
    }
  });

  it("runs --steps steps instead of the network's duration", async () => {
    const out = temp.file("short.json");
    const run = await tripart(temp.path, "simulate", SINGLE, "-o", out, "--steps", "50", "--json");
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ ok: true, files: [out], counts: { steps: 50 } });
    expect(JSON.parse(readFileSync(out, "utf8")).steps).toBe(50);
  });

  it("refuses to overwrite an existing recording without --force (TP1302), and overwrites with it", async () => {
    const out = temp.file("reference.json");
    writeFileSync(out, "keep me");
    const run = await tripart(temp.path, "simulate", SINGLE, "-o", out);
    expectDiagnostic(run, 2, "TP1302", [`${out}: error TP1302`]);
    expect(readFileSync(out, "utf8")).toBe("keep me");
    const forced = await tripart(temp.path, "simulate", SINGLE, "-o", out, "--force");
    expect(forced.code, forced.err).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).format).toBe("tripart.recording/1");
  });

  it("refuses when the CSV's traces file exists, though the spikes file does not", async () => {
    const traces = temp.file("run.traces.csv");
    writeFileSync(traces, "keep me");
    const run = await tripart(temp.path, "simulate", SINGLE, "-o", temp.file("run.csv"));
    expectDiagnostic(run, 2, "TP1302", [traces]);
    expect(existsSync(temp.file("run.csv"))).toBe(false);
  });

  it("rejects an --out without a recording extension (TP1305), pointing at `tripart help simulate`", async () => {
    const run = await tripart(temp.path, "simulate", SINGLE, "-o", temp.file("reference.txt"));
    expectDiagnostic(run, 2, "TP1305", ["--out", "reference.txt", "tripart help simulate"]);
  });

  it.each(["0", "-3", "1.5", "10abc", "many"])("rejects --steps %s (TP1305)", async (steps) => {
    const run = await tripart(temp.path, "simulate", SINGLE, "-o", temp.file("r.json"), "--steps", steps);
    expectDiagnostic(run, 2, "TP1305", ["--steps"]);
    expect(existsSync(temp.file("r.json"))).toBe(false);
  });

  it("reports an --out in a missing folder (TP4090), not an internal error", async () => {
    const out = temp.file("missing/folder/r.json");
    const run = await tripart(temp.path, "simulate", SINGLE, "-o", out);
    expectDiagnostic(run, 2, "TP4090", [out]);
  });
});

describe("tripart emulate", () => {
  let pb = "";
  beforeEach(async () => {
    const run = await tripart(temp.path, "compile", SINGLE, "-o", temp.file("out"));
    expect(run.code, run.err).toBe(0);
    pb = temp.file("out/config.pb");
  });

  it.each(["json", "pb", "csv"])("writes a .%s recording and the overflow counts", async (form) => {
    const out = temp.file(`emulator.${form}`);
    const run = await tripart(temp.path, "emulate", pb, "-o", out);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/^emulator: 200 steps, \d+ spikes?, \d+ synaptic events in \d+\.\d\d s → /);
    expect(run.out).toContain("overflow: none");
    expect(existsSync(out)).toBe(true);
    expectNoStackTrace(run);
  });

  it("gives the same recording from config.pb and its config.json twin", async () => {
    expect((await tripart(temp.path, "emulate", pb, "-o", temp.file("a.json"))).code).toBe(0);
    expect((await tripart(temp.path, "emulate", temp.file("out/config.json"), "-o", temp.file("b.json"))).code).toBe(0);
    expect(readFileSync(temp.file("b.json"), "utf8")).toBe(readFileSync(temp.file("a.json"), "utf8"));
  });

  it("runs --steps steps", async () => {
    const out = temp.file("short.json");
    const run = await tripart(temp.path, "emulate", pb, "-o", out, "--steps", "20", "--json");
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ ok: true, files: [out], counts: { steps: 20 }, overflow: expect.any(Object) });
    expect(JSON.parse(readFileSync(out, "utf8")).steps).toBe(20);
  });

  it("refuses to overwrite an existing recording without --force (TP1302)", async () => {
    const out = temp.file("emulator.pb");
    writeFileSync(out, "keep me");
    const run = await tripart(temp.path, "emulate", pb, "-o", out);
    expectDiagnostic(run, 2, "TP1302", [out]);
    expect(readFileSync(out, "utf8")).toBe("keep me");
    expect((await tripart(temp.path, "emulate", pb, "-o", out, "-f")).code).toBe(0);
  });

  it("rejects a bad --out extension (TP1305), pointing at `tripart help emulate`", async () => {
    const run = await tripart(temp.path, "emulate", pb, "-o", temp.file("emulator.bin"));
    expectDiagnostic(run, 2, "TP1305", ["--out", "emulator.bin", "tripart help emulate"]);
  });

  it("rejects --steps 0 (TP1305), pointing at `tripart help emulate`", async () => {
    const run = await tripart(temp.path, "emulate", pb, "-o", temp.file("e.json"), "--steps", "0");
    expectDiagnostic(run, 2, "TP1305", ["--steps", "tripart help emulate"]);
  });

  it("rejects a config that is no config: a network (TP4002), a .txt (TP1304), a missing file (TP1301)", async () => {
    expectDiagnostic(await tripart(temp.path, "emulate", SINGLE, "-o", temp.file("a.json")), 2, "TP4002", [SINGLE]);
    const text = temp.file("config.txt");
    writeFileSync(text, "");
    expectDiagnostic(await tripart(temp.path, "emulate", text, "-o", temp.file("b.json")), 2, "TP1304", [text]);
    const missing = temp.file("gone.pb");
    expectDiagnostic(await tripart(temp.path, "emulate", missing, "-o", temp.file("c.json")), 2, "TP1301", [missing]);
  });
});

describe("weights of plastic projections (--weights-every)", () => {
  const PATTERN = example("stdp-pattern"); // 30 s at dt 1 ms, one plastic projection of 200 synapses

  it("simulate and emulate dump them every 10 s, and at the last step, in each engine's recording", async () => {
    const compiled = await tripart(temp.path, "compile", PATTERN, "-o", temp.file("cfg"));
    expect(compiled.code, compiled.err).toBe(0);
    const runs = [
      await tripart(temp.path, "simulate", PATTERN, "--weights-every", "10000", "-o", temp.file("ref.json"), "-q"),
      await tripart(temp.path, "emulate", temp.file("cfg/config.pb"), "--weights-every", "10000", "-o", temp.file("emu.json"), "-q"),
    ];
    for (const [run, file] of [[runs[0], "ref.json"], [runs[1], "emu.json"]] as const) {
      expect(run.code, run.err).toBe(0);
      const weights = JSON.parse(readFileSync(temp.file(file), "utf8")).weights;
      expect(weights.map((w: { projection: string }) => w.projection)).toEqual(["afferents_to_detector"]);
      expect(weights[0].snapshots.map((s: { step: number }) => s.step)).toEqual([9999, 19999, 29999]);
    }
  });

  it("emulate prints the learning work and, on the crossbar, reads, pulses and energy", async () => {
    expect((await tripart(temp.path, "compile", PATTERN, "-t", "memristor-crossbar", "-o", temp.file("xbar"))).code).toBe(0);
    const run = await tripart(temp.path, "emulate", temp.file("xbar/config.pb"), "-o", temp.file("x.json"), "-q");
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/^learning: [\d,]+ synapse updates, [\d,]+ weight writes, [\d,]+ trace updates$/m);
    expect(run.out).toMatch(/^crossbar: [\d,]+ row reads, [\d,]+ ADC conversions, [\d,]+ SET pulses, [\d,]+ RESET pulses; energy \S+ J read \+ \S+ J ADC \+ \S+ J write = \S+ J$/m);
  });

  it.each([["simulate", "0"], ["simulate", "-5"], ["emulate", "0.2"]])("%s refuses --weights-every %s with exit 2", async (command, value) => {
    let input = PATTERN;
    if (command === "emulate") {
      expect((await tripart(temp.path, "compile", PATTERN, "-o", temp.file("cfg2"))).code).toBe(0);
      input = temp.file("cfg2/config.pb");
    }
    const run = await tripart(temp.path, command, input, "--weights-every", value, "-o", temp.file("w.json"));
    expect(run.code).toBe(2);
    expect(run.err).toContain("--weights-every");
    expect(existsSync(temp.file("w.json"))).toBe(false);
    expectNoStackTrace(run);
  });
});

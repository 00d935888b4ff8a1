// `tripart dequantize`: the emulator's run written as a hardware CSV (standing in for a chip)
// becomes a recording equal to the emulator's; `diff` of the reference against it passes;
// bad input is exit 2 with a TP409x code naming the file and line; the output is checked first.
import { readFileSync, writeFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { readConfigFile, readRecordingFile } from "../../src/index.js";
import { hardwareCsv } from "../hw/hardware-csv.js";
import { expectDiagnostic, expectNoStackTrace, SINGLE, tripart, useTempDir } from "./helpers.js";

const temp = useTempDir();
let config = "";
let spikes = "";
let states = "";

beforeEach(async () => {
  const compiled = await tripart(temp.path, "compile", SINGLE, "-o", temp.path, "-f");
  expect(compiled.code, compiled.err).toBe(0);
  config = temp.file("config.pb");
  const emulated = await tripart(temp.path, "emulate", config, "-o", temp.file("emulator.json"));
  expect(emulated.code, emulated.err).toBe(0);
  const csv = hardwareCsv((await readConfigFile(config)).value!, (await readRecordingFile(temp.file("emulator.json"))).value!);
  spikes = temp.file("spikes.csv");
  states = temp.file("states.csv");
  writeFileSync(spikes, csv.spikes);
  writeFileSync(states, csv.states);
});

describe("tripart dequantize", () => {
  it("turns the hardware CSV into the emulator's recording (source chip), and diff against the reference passes", async () => {
    const out = temp.file("chip.json");
    const run = await tripart(temp.path, "dequantize", config, spikes, "--states", states, "-o", out);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/^chip: 200 steps, \d+ spikes, 2 traces → /);
    const chip = (await readRecordingFile(out)).value!;
    const emulator = (await readRecordingFile(temp.file("emulator.json"))).value!;
    expect(chip.source).toBe("chip");
    expect(chip.populations.map((p) => p.spikes)).toEqual(emulator.populations.map((p) => p.spikes));
    const v = (rec: typeof chip) => rec.populations[0].traces.find((t) => t.variable === "v")!.values;
    expect(v(chip)).toEqual(v(emulator));

    const reference = temp.file("reference.json");
    expect((await tripart(temp.path, "simulate", SINGLE, "-o", reference)).code).toBe(0);
    const diff = await tripart(temp.path, "diff", reference, out);
    expect(diff.code, diff.err).toBe(0);
    expect(diff.out).toContain("PASS");
  });

  it("--json reports the files; .csv output works too", async () => {
    const run = await tripart(temp.path, "dequantize", config, spikes, "--states", states, "-o", temp.file("chip.csv"), "--json");
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ ok: true, files: [temp.file("chip.csv"), temp.file("chip.traces.csv")], steps: 200, traces: 2 });
  });

  it("a bad row is exit 2 with its code, file and line", async () => {
    writeFileSync(spikes, readFileSync(spikes, "utf8") + "0,99,3\n");
    const lines = readFileSync(spikes, "utf8").trimEnd().split("\n").length;
    const run = await tripart(temp.path, "dequantize", config, spikes, "-o", temp.file("chip.json"));
    expectDiagnostic(run, 2, "TP4093", [spikes, `Line ${lines}`, "core 0, compartment 99"]);
  });

  it("a missing states file is TP4050", async () => {
    const run = await tripart(temp.path, "dequantize", config, spikes, "--states", temp.file("none.csv"), "-o", temp.file("chip.json"));
    expectDiagnostic(run, 2, "TP4050", [temp.file("none.csv")]);
  });

  it("refuses to overwrite the output before reading anything, and a bad extension is exit 2", async () => {
    writeFileSync(temp.file("chip.json"), "{}");
    const blocked = await tripart(temp.path, "dequantize", config, temp.file("none.csv"), "-o", temp.file("chip.json"));
    expectDiagnostic(blocked, 2, "TP1302");
    const bad = await tripart(temp.path, "dequantize", config, spikes, "-o", temp.file("chip.txt"));
    expect(bad.code).toBe(2);
    expectNoStackTrace(bad);
  });
});

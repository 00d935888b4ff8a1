// recordingFromHardware: a chip's recording in hardware addresses (here the emulator's, written
// as a hardware CSV by hand) becomes the emulator's own recording again, and every malformed
// input is a diagnostic with the file and line in its message.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CRITERIA, diffRecordings, readHardwareRecordingFiles, recordingFromHardware, simulate, elaborate, loadNetworkFile } from "../../src/index.js";
import { chipRun, SINGLE, type ChipRun } from "./hardware-csv.js";

let run: ChipRun;
beforeAll(async () => {
  run = await chipRun();
});

const HEAD = "# tripart.hwrecording/1\ncore,compartment,step\n";
const STATES_HEAD = "# tripart.hwrecording/1\ncore,compartment,variable,step,raw\n";
const codes = (result: { diagnostics: readonly { code: string }[] }) => result.diagnostics.map((d) => d.code);

describe("recordingFromHardware", () => {
  it("gives back the emulator's spikes and its physical v and i_syn, exactly", () => {
    const result = recordingFromHardware(run.config, run.spikes, run.states);
    expect(result.diagnostics).toEqual([]);
    const chip = result.value!;
    expect(chip.source).toBe("chip");
    expect(chip.steps).toBe(run.emulated.steps);
    expect(chip.dtMs).toBe(run.emulated.dtMs);
    for (const pop of run.emulated.populations) {
      const mine = chip.populations.find((p) => p.id === pop.id)!;
      expect(mine.spikes).toEqual(pop.spikes);
      expect(pop.spikes!.step.length).toBeGreaterThan(0);
      for (const trace of pop.traces) {
        const other = mine.traces.find((t) => t.variable === trace.variable)!;
        expect(other.neurons).toEqual(trace.neurons);
        expect(other.values).toEqual(trace.values);
        expect(other.raw).toEqual(trace.raw);
        expect({ unit: other.unit, scale: other.scale, offset: other.offset }).toEqual({ unit: trace.unit, scale: trace.scale, offset: trace.offset });
      }
    }
  });

  it("without a states file gives spikes only; '# steps=N' shortens the recording", () => {
    const spikesOnly = recordingFromHardware(run.config, run.spikes, undefined);
    expect(spikesOnly.ok).toBe(true);
    expect(spikesOnly.value!.populations.every((p) => p.traces.length === 0)).toBe(true);
    const short = recordingFromHardware(run.config, "# tripart.hwrecording/1 steps=5\ncore,compartment,step\n0,0,4\n", undefined);
    expect(short.diagnostics).toEqual([]);
    expect(short.value!.steps).toBe(5);
  });

  it("sorts spikes by step whatever the file's order", () => {
    const result = recordingFromHardware(run.config, HEAD + "0,0,9\n0,0,3\n", undefined);
    expect(Array.from(result.value!.populations[0].spikes!.step)).toEqual([3, 9]);
  });

  it("the reference diffed against it passes as the emulator does", async () => {
    const network = await loadNetworkFile(SINGLE);
    const reference = simulate(elaborate(network.value!)).recording;
    const chip = recordingFromHardware(run.config, run.spikes, run.states).value!;
    const viaChip = diffRecordings(reference, chip, DEFAULT_CRITERIA);
    const viaEmulator = diffRecordings(reference, run.emulated, DEFAULT_CRITERIA);
    expect(viaChip.ok).toBe(true);
    expect(viaChip.value!.pass).toBe(true);
    expect(viaChip.value!.pass).toBe(viaEmulator.value!.pass);
  });
});

describe("diagnostics (TP4091-TP4099)", () => {
  const check = (spikes: string, states: string | undefined, code: string, line: number, file = "spikes.csv") => {
    const result = recordingFromHardware(run.config, spikes, states);
    expect(result.ok).toBe(false);
    expect(codes(result)).toEqual([code]);
    const d = result.diagnostics[0];
    expect(d).toMatchObject({ file, line, path: "" });
    expect(d.message).toContain(`'${file}'`);
    expect(d.message.toLowerCase()).toContain(`line ${line}`);
    expect(d.message).not.toMatch(/\{\w+\}/);
    expect(d.hint).toBeTruthy();
    return d;
  };

  it("TP4091: a wrong header", () => {
    check("# tripart.hwrecording/1\ncore,neuron,step\n", undefined, "TP4091", 2);
  });
  it("TP4092: a field that is not an integer", () => {
    check(HEAD + "0,0,1.5\n", undefined, "TP4092", 3);
  });
  it("TP4093: an address that maps to no population names the core and its compartment count", () => {
    const d = check(HEAD + "0,7,1\n", undefined, "TP4093", 3);
    expect(d.message).toContain("core 0, compartment 7");
    expect(d.message).toMatch(/core 0 has \d+ compartment/);
    expect(codes(recordingFromHardware(run.config, HEAD + "9,0,1\n", undefined))).toEqual(["TP4093"]);
  });
  it("TP4094: a step out of range", () => {
    check(HEAD + `0,0,${run.config.steps}\n`, undefined, "TP4094", 3);
  });
  it("TP4095: a repeated spike", () => {
    check(HEAD + "0,0,4\n0,0,4\n", undefined, "TP4095", 4);
  });
  it("TP4096: missing state samples", () => {
    const d = check(HEAD, STATES_HEAD + "0,0,v,0,5\n", "TP4096", 3, "states.csv");
    expect(d.message).toContain(`lack ${run.config.steps - 1} of ${run.config.steps} steps`);
  });
  it("TP4097: a repeated state sample", () => {
    const lines = run.states.split("\n");
    check(run.spikes, [...lines.slice(0, -1), lines[2], ""].join("\n"), "TP4097", lines.length, "states.csv");
  });
  it("TP4098: an unknown variable", () => {
    check(HEAD, STATES_HEAD + "0,0,w,0,5\n", "TP4098", 3, "states.csv");
  });
  it("TP4099: a row with the wrong number of fields", () => {
    check(HEAD + "0,0\n", undefined, "TP4099", 3);
  });
});

describe("readHardwareRecordingFiles", () => {
  const dir = mkdtempSync(join(tmpdir(), "tripart-hw-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads both files and names them in diagnostics", async () => {
    writeFileSync(join(dir, "s.csv"), run.spikes);
    writeFileSync(join(dir, "st.csv"), STATES_HEAD + "0,0,q,0,1\n");
    const bad = await readHardwareRecordingFiles(run.config, join(dir, "s.csv"), join(dir, "st.csv"));
    expect(bad.diagnostics[0]).toMatchObject({ code: "TP4098", file: join(dir, "st.csv") });
    writeFileSync(join(dir, "st.csv"), run.states);
    expect((await readHardwareRecordingFiles(run.config, join(dir, "s.csv"), join(dir, "st.csv"))).ok).toBe(true);
  });

  it("a missing file is TP4050, not a throw", async () => {
    const result = await readHardwareRecordingFiles(run.config, join(dir, "none.csv"));
    expect(codes(result)).toEqual(["TP4050"]);
    expect(result.diagnostics[0].message).toContain("no such file");
  });
});

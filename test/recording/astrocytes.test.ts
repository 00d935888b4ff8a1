// Recordings of neuron–astrocyte networks: astrocyte populations (traces, no spikes) and the new
// neuron traces u and glutamate survive every form with names, units, raw values, scale and offset.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  decodeRecordingCsv, decodeRecordingJson, decodeRecordingPb, encodeRecordingCsv, encodeRecordingJson, encodeRecordingPb,
  readRecordingFile, writeRecording,
} from "../../src/hw/recording-io.js";
import { isAstrocytePopulation, STATE_UNITS, type Recording } from "../../src/hw/recording.js";
import { population, recording, trace, train } from "./fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "tripart-astro-recording-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STEPS = 6;
/** Ca of an emulator: raw integers at scale 2^16 per µM, offset 0; physical = raw / 65536. */
const CA_RAW = [[4751, 4751, 6000, 9830, 13107, 9830], [4751, 4800, 4900, 5000, 5100, 5200]];
const H_RAW = [[58085, 58085, 58000, 57000, 56000, 55000], [58085, 58085, 58085, 58085, 58085, 58085]];

/** An emulator recording of 4 Izhikevich neurons and 2 astrocytes with every kind of trace. */
function astroRecording(): Recording {
  return recording([
    population("exc", 4, train([[1, 0], [1, 3], [4, 2]]), [
      trace("v", [0], [[-70, -65, 30, -65, -64, -63]]),
      trace("u", [0, 3], [[0, -0.5, -1, 1, 0.75, 0.5], [0, 0, 0, 2, 2, 2]], { unit: "mV/ms" }),
      trace("glutamate", [0], [[0, 0.06, 0.119, 0.118, 0.117, 0.116]], { unit: STATE_UNITS.glutamate }),
    ]),
    population("astro", 2, undefined, [
      trace("ca", [0, 1], CA_RAW.map((row) => row.map((r) => r / 65536)), { unit: STATE_UNITS.ca, raw: CA_RAW, scale: 65536, offset: 0 }),
      trace("h", [0, 1], H_RAW.map((row) => row.map((r) => r / 65536)), { unit: STATE_UNITS.h, raw: H_RAW, scale: 65536 }),
      trace("ip3", [1], [[0.820204, 0.82, 0.9, 1.2, 1.5, 1.4]], { unit: STATE_UNITS.ip3 }),
      trace("gate", [0, 1], [[0, 0, 1, 1, 1, 0], [0, 0, 0, 0, 0, 0]], { unit: STATE_UNITS.gate, raw: [[0, 0, 1, 1, 1, 0], [0, 0, 0, 0, 0, 0]], scale: 1, offset: 0 }),
      trace("drive", [0], [[0, 5, 5, 5, 0, 0]], { unit: STATE_UNITS.drive }),
    ]),
  ], { source: "emulator", steps: STEPS });
}

const mustOk = <T>(result: { ok: boolean; value?: T; diagnostics: readonly unknown[] }): T => {
  expect(result.diagnostics).toEqual([]);
  return result.value as T;
};

describe("astrocyte recordings", () => {
  const rec = astroRecording();

  it("tell astrocyte populations from neuron populations", () => {
    expect(rec.populations.map(isAstrocytePopulation)).toEqual([false, true]);
    // A population with spikes is a neuron population even if it traced a variable named ca.
    expect(isAstrocytePopulation(population("n", 1, train([]), [trace("ca", [0], [[0, 0, 0, 0, 0, 0]])]))).toBe(false);
  });

  it.each([
    ["protobuf", (r: Recording) => decodeRecordingPb(encodeRecordingPb(r))],
    ["JSON", (r: Recording) => decodeRecordingJson(encodeRecordingJson(r))],
    ["CSV", (r: Recording) => decodeRecordingCsv(encodeRecordingCsv(r))],
  ])("%s keeps variables, units, raw values, scale and offset, and no spikes stays no spikes", (_form, roundTrip) => {
    const back = mustOk(roundTrip(rec));
    expect(back).toEqual(rec);
    const astro = back.populations[1];
    expect(astro.spikes).toBeUndefined();
    expect(astro.traces.map((t) => [t.variable, t.unit])).toEqual([["ca", "µM"], ["h", "1"], ["ip3", "µM"], ["gate", "1"], ["drive", "µM/s"]]);
    expect(astro.traces[0]).toMatchObject({ scale: 65536, offset: 0 });
    expect(astro.traces[1].offset).toBeUndefined();
    // physical = offset + raw / scale holds after the trip: 13107 / 65536 µM
    expect(astro.traces[0].values[0][4]).toBe(13107 / 65536);
    expect(back.populations[0].traces.map((t) => [t.variable, t.unit])).toEqual([["v", "mV"], ["u", "mV/ms"], ["glutamate", "µM"]]);
  });

  it("CSV declares the astrocyte population without spikes and writes its traces with raw values", () => {
    const csv = encodeRecordingCsv(rec, "run.traces.csv");
    expect(csv.spikes).toContain("# population id=astro size=2 spikes=none\n");
    expect(csv.traces).toContain("# trace population=astro variable=ca unit=µM scale=65536 offset=0\n");
    expect(csv.traces).toContain("# trace population=astro variable=drive unit=µM/s\n");
    expect(csv.traces).toContain("astro,ca,0,4,0.1999969482421875,13107\n");
  });

  it("files of each form read back equal", async () => {
    for (const name of ["run.pb", "run.json", "run.csv"]) {
      const path = join(dir, name);
      mustOk(await writeRecording(rec, path));
      expect(mustOk(await readRecordingFile(path))).toEqual(rec);
    }
  });

  it("accepts a variable and unit it does not know, when well-formed", () => {
    const future = recording([population("astro", 1, undefined, [trace("atp", [0], [[1, 2, 3, 4, 5, 6]], { unit: "nM" })])], { steps: STEPS });
    for (const back of [decodeRecordingPb(encodeRecordingPb(future)), decodeRecordingJson(encodeRecordingJson(future)), decodeRecordingCsv(encodeRecordingCsv(future))]) {
      expect(mustOk(back)).toEqual(future);
    }
  });

  it("still checks an astrocyte trace's shape: a short row is TP4065", () => {
    const value = JSON.parse(encodeRecordingJson(rec));
    value.populations[1].traces[3].values[1].pop();
    expect(decodeRecordingJson(JSON.stringify(value)).diagnostics.map((d) => [d.code, d.path])).toEqual([["TP4065", "/populations/1/traces/3/values/1"]]);
  });
});

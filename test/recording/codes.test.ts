// Every code of the recording area: each case reports exactly its expected {code, path} list,
// and every code in the catalogue has a case (the cases live in ./cases.ts).
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it, describe } from "vitest";
import { RECORDING_CODES } from "../../src/ir/codes/recording.js";
import { decodeRecordingCsv, decodeRecordingJson, encodeRecordingCsv, encodeRecordingJson, readRecordingFile } from "../../src/hw/recording-io.js";
import { base, CASES, CSV_HEAD, CSV_TRACES_SPIKES, dir, TRACES_HEAD } from "./cases.js";
import { richRecording } from "./fixtures.js";

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("an unknown field is only a warning: the recording is still read", () => {
  const value = JSON.parse(encodeRecordingJson(base()));
  value.populations[0].colour = "red";
  expect(decodeRecordingJson(JSON.stringify(value)).ok).toBe(true);
});

describe.each(CASES)("$name", ({ expected, run }) => {
  it("reports exactly the expected diagnostics", async () => {
    const diagnostics = await run();
    const got = diagnostics.map((d) => ({ code: d.code, path: d.path, ...(expected[0]?.line !== undefined ? { line: d.line } : {}) }));
    expect(got).toEqual(expected.map((e) => ({ code: e.code, path: e.path, ...(e.line !== undefined ? { line: e.line } : {}) })));
    for (const d of diagnostics) {
      expect(d.message).toMatch(/\.$/);
      expect(d.message).not.toMatch(/\{\w+\}/);            // every placeholder filled
      if (d.severity === "error") expect(d.hint).toBeTruthy();
    }
  });
});

it("every code of the recording area has a case", () => {
  const covered = new Set(CASES.flatMap((c) => c.expected.map((e) => e.code)));
  expect(Object.keys(RECORDING_CODES).filter((code) => !covered.has(code))).toEqual([]);
});

it("file readers name the file and, for CSV, put the line in the message", async () => {
  const path = join(dir, "bad.csv");
  writeFileSync(path, CSV_HEAD + "population,neuron,step\np,0,9\n");
  const { diagnostics } = await readRecordingFile(path);
  expect(diagnostics).toHaveLength(1);
  expect(diagnostics[0]).toMatchObject({ code: "TP4062", file: path, line: 4 });
  expect(diagnostics[0].message).toContain("line 4");
});

it("JSON diagnostics carry the line and column of their pointer", () => {
  const text = encodeRecordingJson(base()).replace('"dtMs": 0.1', '"dtMs": -1');
  const { diagnostics } = decodeRecordingJson(text, "run.json");
  expect(diagnostics[0]).toMatchObject({ code: "TP4056", file: "run.json", line: 4, column: 3 });
});

it("a CSV traces problem names the traces file", () => {
  const { diagnostics } = decodeRecordingCsv({ spikes: CSV_TRACES_SPIKES, traces: TRACES_HEAD + "p,v,5,0,1\n" }, "s.csv", "t.csv");
  expect(diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([["TP4063", "t.csv", 4]]);
});

it("a round trip through CSV of a recording with traces keeps raw values exactly", () => {
  const rec = richRecording();
  const back = decodeRecordingCsv(encodeRecordingCsv(rec));
  expect(back.ok && back.value.populations[0].traces[0].raw).toEqual(rec.populations[0].traces[0].raw);
});

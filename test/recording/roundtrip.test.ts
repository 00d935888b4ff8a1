// Every form writes and reads back the same recording, in memory and through files.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  decodeRecordingCsv, decodeRecordingJson, decodeRecordingPb, encodeRecordingCsv, encodeRecordingJson, encodeRecordingPb,
  readRecordingFile, recordingFormOf, tracesPathFor, writeRecording,
} from "../../src/hw/recording-io.js";
import { population, recording, richRecording, train } from "./fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "tripart-recording-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mustOk = <T>(result: { ok: boolean; value?: T; diagnostics: readonly unknown[] }): T => {
  expect(result.diagnostics).toEqual([]);
  expect(result.ok).toBe(true);
  return result.value as T;
};

describe("in-memory round trips", () => {
  const rec = richRecording();

  it("protobuf keeps every field, trace rows included", () => {
    expect(mustOk(decodeRecordingPb(encodeRecordingPb(rec)))).toEqual(rec);
  });

  it("JSON keeps every field", () => {
    expect(mustOk(decodeRecordingJson(encodeRecordingJson(rec)))).toEqual(rec);
  });

  it("CSV keeps every field, quoted population ids included", () => {
    const csv = encodeRecordingCsv(rec);
    expect(csv.traces).toBeDefined();
    expect(mustOk(decodeRecordingCsv(csv))).toEqual(rec);
  });

  it("a recording without traces or populations survives each form", () => {
    const bare = recording([], { steps: 0 });
    expect(mustOk(decodeRecordingPb(encodeRecordingPb(bare)))).toEqual(bare);
    expect(mustOk(decodeRecordingJson(encodeRecordingJson(bare)))).toEqual(bare);
    const csv = encodeRecordingCsv(bare);
    expect(csv.traces).toBeUndefined();
    expect(mustOk(decodeRecordingCsv(csv))).toEqual(bare);
  });
});

describe("the written forms", () => {
  it("JSON puts each number array on one line, as docs/recording.md shows", () => {
    const text = encodeRecordingJson(recording([population("exc", 4, train([[0, 1], [2, 0]]))]));
    expect(text).toContain('"step": [0,2]');
    expect(text).toContain('"neuron": [1,0]');
    expect(JSON.parse(text).format).toBe("tripart.recording/1");
  });

  it("CSV starts with the format line, declares populations, then the column header", () => {
    const csv = encodeRecordingCsv(recording([population("exc", 4, train([[0, 1], [2, 0]])), population("in", 2)], { dtMs: 0.25, steps: 7 }));
    expect(csv.spikes).toBe(
      "# tripart.recording/1 source=reference dtMs=0.25 steps=7\n" +
      "# population id=exc size=4\n" +
      "# population id=in size=2 spikes=none\n" +
      "population,neuron,step\n" +
      "exc,1,0\n" +
      "exc,0,2\n",
    );
  });

  it("CSV spike rows may come in any order; the reader sorts them", () => {
    const text = "# tripart.recording/1 source=chip dtMs=1 steps=5\n# population id=p size=3\npopulation,neuron,step\np,2,4\np,0,1\np,1,1\n";
    const rec = mustOk(decodeRecordingCsv({ spikes: text }));
    expect(Array.from(rec.populations[0].spikes!.step)).toEqual([1, 1, 4]);
    expect(Array.from(rec.populations[0].spikes!.neuron)).toEqual([0, 1, 2]);
  });

  it("CSV accepts CRLF line ends, comments and blank lines", () => {
    const text = "# tripart.recording/1 source=chip dtMs=1 steps=5\r\n# exported by a chip tool\r\n# population id=p size=3\r\n\r\npopulation,neuron,step\r\np,2,4\r\n";
    const rec = mustOk(decodeRecordingCsv({ spikes: text }));
    expect(Array.from(rec.populations[0].spikes!.step)).toEqual([4]);
  });
});

describe("files", () => {
  it.each(["run.pb", "run.json", "run.csv"])("writes and reads %s", async (name) => {
    const rec = richRecording();
    const path = join(dir, name);
    const written = mustOk(await writeRecording(rec, path));
    expect(written[0]).toBe(path);
    expect(mustOk(await readRecordingFile(path))).toEqual(rec);
  });

  it("the CSV form writes the traces beside the spikes and names them in a '#' line", async () => {
    const path = join(dir, "named.csv");
    const written = mustOk(await writeRecording(richRecording(), path));
    expect(written).toEqual([path, tracesPathFor(path)]);
    expect(tracesPathFor(path)).toBe(join(dir, "named.traces.csv"));
    expect(readFileSync(path, "utf8")).toContain("# traces file=named.traces.csv\n");
  });

  it("an explicit form overrides the extension", async () => {
    const path = join(dir, "run.bin");
    mustOk(await writeRecording(richRecording(), path, "pb"));
    expect(mustOk(await readRecordingFile(path, "pb"))).toEqual(richRecording());
  });

  it("names the form of each extension", () => {
    expect([recordingFormOf("a.pb"), recordingFormOf("a.JSON"), recordingFormOf("x/a.traces.csv"), recordingFormOf("a.txt")])
      .toEqual(["pb", "json", "csv", undefined]);
  });
});

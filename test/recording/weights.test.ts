// Weight recordings in every form: round trips in memory and through files, the CSV weights file's
// exact text, and the shape rules (TP4105-TP4109) on each form.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  checkRecording, decodeRecordingCsv, decodeRecordingJson, decodeRecordingPb, encodeRecordingCsv, encodeRecordingJson, encodeRecordingPb,
  readRecordingFile, weightsPathFor, writeRecording,
} from "../../src/hw/recording-io.js";
import type { Recording } from "../../src/hw/recording.js";
import { learnedRecording, population, recording, richRecording, train, weightRecording } from "./fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "tripart-weights-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mustOk = <T>(result: { ok: boolean; value?: T; diagnostics: readonly unknown[] }): T => {
  expect(result.diagnostics).toEqual([]);
  expect(result.ok).toBe(true);
  return result.value as T;
};
const codes = (diagnostics: readonly { code: string; path: string; line?: number }[]) => diagnostics.map(({ code, path, line }) => ({ code, path, ...(line !== undefined ? { line } : {}) }));

describe("round trips", () => {
  const rec = learnedRecording();

  it("protobuf keeps the weights, raw values and weightPerRaw included", () => {
    expect(mustOk(decodeRecordingPb(encodeRecordingPb(rec)))).toEqual(rec);
  });

  it("JSON keeps the weights", () => {
    expect(mustOk(decodeRecordingJson(encodeRecordingJson(rec)))).toEqual(rec);
  });

  it("CSV keeps the weights in a third file named by the spikes file", () => {
    const csv = encodeRecordingCsv(rec, "run.traces.csv", "run.weights.csv");
    expect(csv.traces).toBeUndefined();
    expect(csv.spikes).toContain("# weights file=run.weights.csv\n");
    expect(mustOk(decodeRecordingCsv(csv))).toEqual(rec);
  });

  it("the CSV weights file lists one row per synapse and snapshot, raw left empty where a snapshot has none", () => {
    expect(encodeRecordingCsv(rec).weights).toBe(
      "# tripart.recording/1 part=weights\n" +
      '# weights projection=x_exc unit="mV (R·I)" min=0 max=1 weightPerRaw=0.0625\n' +
      '# weights projection="exc, \\"inh\\"" unit=mV min=0.125 max=2\n' +
      "projection,step,pre,post,value,raw\n" +
      "x_exc,3,0,0,0.25,4\nx_exc,3,0,1,0.5,8\nx_exc,3,1,1,0.75,12\n" +
      "x_exc,7,0,0,0.3125,5\nx_exc,7,0,1,0.5,8\nx_exc,7,1,1,1,16\n" +
      '"exc, ""inh""",9,1,0,-0.5,\n',
    );
  });

  it("a recording without weights writes no weights file and reads back without 'weights'", () => {
    const plain = richRecording();
    expect(encodeRecordingCsv(plain).weights).toBeUndefined();
    expect(mustOk(decodeRecordingPb(encodeRecordingPb(plain)))).not.toHaveProperty("weights");
    expect(encodeRecordingJson(plain)).not.toContain('"weights"');
  });

  it("files: writeRecording writes run.weights.csv beside run.csv and readRecordingFile reads all three forms back", async () => {
    const withTraces: Recording = { ...richRecording(), weights: rec.weights };
    for (const name of ["run.pb", "run.json", "run.csv"]) {
      const path = join(dir, name);
      const written = mustOk(await writeRecording(withTraces, path));
      if (name === "run.csv") {
        expect(written).toEqual([path, join(dir, "run.traces.csv"), weightsPathFor(path)]);
        expect(readFileSync(join(dir, "run.csv"), "utf8")).toContain("# weights file=run.weights.csv");
      }
      expect(mustOk(await readRecordingFile(path))).toEqual(withTraces);
    }
  });

  it("a spikes file naming a weights file that is missing is TP4050 on that file", async () => {
    const { diagnostics } = decodeRecordingCsv({ spikes: encodeRecordingCsv(rec).spikes }, "run.csv");
    expect(codes(diagnostics)).toEqual([{ code: "TP4050", path: "" }]);
    expect(diagnostics[0].message).toContain("'weights.csv'");
  });
});

/** learnedRecording with its first weight recording changed. */
const edited = (change: Partial<ReturnType<typeof weightRecording>>): Recording => {
  const rec = learnedRecording();
  return { ...rec, weights: [{ ...rec.weights![0], ...change }, rec.weights![1]] };
};

describe("shape rules", () => {
  it("TP4105: pre and post of different lengths, and a snapshot with too few values or raw values", () => {
    expect(codes(checkRecording(edited({ post: Int32Array.of(0, 1) })))).toEqual([{ code: "TP4105", path: "/weights/0/post" }]);
    const short = edited({ snapshots: [{ step: 3, values: Float64Array.of(0.25, 0.5), raw: Float64Array.of(4, 8, 12) }] });
    const diagnostics = checkRecording(short);
    expect(codes(diagnostics)).toEqual([{ code: "TP4105", path: "/weights/0/snapshots/0/values" }]);
    expect(diagnostics[0].message).toBe("The weights of projection 'x_exc' do not line up: the snapshot at step 3 holds 2 values for 3 synapses.");
    const raw = edited({ snapshots: [{ step: 3, values: Float64Array.of(0.25, 0.5, 1), raw: Float64Array.of(4) }] });
    expect(codes(checkRecording(raw))).toEqual([{ code: "TP4105", path: "/weights/0/snapshots/0/raw" }]);
  });

  it("TP4106: a negative pre or post element, the first of each side", () => {
    const diagnostics = checkRecording(edited({ pre: Int32Array.of(0, -1, -2), post: Int32Array.of(0, 1, -1) }));
    expect(codes(diagnostics)).toEqual([{ code: "TP4106", path: "/weights/0/pre/1" }, { code: "TP4106", path: "/weights/0/post/2" }]);
    expect(diagnostics[0].message).toBe("The weights of projection 'x_exc' name a negative pre element at synapse 1 (-1).");
  });

  it("TP4107: snapshots out of order or repeated; TP4108: a step at or past the recording's steps, or negative", () => {
    const values = Float64Array.of(0, 0, 0);
    const unsorted = edited({ snapshots: [{ step: 5, values }, { step: 5, values }, { step: 2, values }] });
    const diagnostics = checkRecording(unsorted);
    expect(codes(diagnostics)).toEqual([{ code: "TP4107", path: "/weights/0/snapshots/1/step" }]);
    expect(diagnostics[0].message).toBe("The weight snapshots of projection 'x_exc' are out of order or repeated at snapshot 1 (step 5 after step 5).");
    const late = checkRecording(edited({ snapshots: [{ step: 3, values }, { step: 10, values }] }));
    expect(codes(late)).toEqual([{ code: "TP4108", path: "/weights/0/snapshots/1/step" }]);
    expect(late[0].message).toBe("The weight snapshot of projection 'x_exc' at snapshot 1 is at step 10, outside 0..9.");
    expect(codes(checkRecording(edited({ snapshots: [{ step: -1, values }] })))).toEqual([{ code: "TP4108", path: "/weights/0/snapshots/0/step" }]);
  });

  it("TP4109: inverted, negative or non-finite bounds", () => {
    const inverted = checkRecording(edited({ bounds: [1, 0.5] }));
    expect(codes(inverted)).toEqual([{ code: "TP4109", path: "/weights/0/bounds" }]);
    expect(inverted[0].message).toBe("The weight bounds of projection 'x_exc' are [1, 0.5], so min exceeds max.");
    expect(codes(checkRecording(edited({ bounds: [-1, 1] })))).toEqual([{ code: "TP4109", path: "/weights/0/bounds" }]);
    expect(codes(checkRecording(edited({ bounds: [0, Number.NaN] })))).toEqual([{ code: "TP4109", path: "/weights/0/bounds" }]);
  });

  it("plain field problems are TP4056: a repeated projection id, no synapses, no snapshots, a non-finite value, a zero weightPerRaw", () => {
    const rec = learnedRecording();
    const twice: Recording = { ...rec, weights: [rec.weights![0], rec.weights![0]] };
    expect(codes(checkRecording(twice))).toEqual([{ code: "TP4056", path: "/weights/1/projection" }]);
    expect(codes(checkRecording(edited({ pre: new Int32Array(0), post: new Int32Array(0), snapshots: [{ step: 0, values: new Float64Array(0) }] }))))
      .toEqual([{ code: "TP4056", path: "/weights/0/pre" }]);
    expect(codes(checkRecording(edited({ snapshots: [] })))).toEqual([{ code: "TP4056", path: "/weights/0/snapshots" }]);
    expect(codes(checkRecording(edited({ snapshots: [{ step: 1, values: Float64Array.of(0, Number.POSITIVE_INFINITY, 0) }] }))))
      .toEqual([{ code: "TP4056", path: "/weights/0/snapshots/0/values/1" }]);
    expect(codes(checkRecording(edited({ weightPerRaw: 0 })))).toEqual([{ code: "TP4056", path: "/weights/0/weightPerRaw" }]);
  });

  it("the JSON reader applies the same rules and types every field", () => {
    const value = JSON.parse(encodeRecordingJson(learnedRecording()));
    value.weights[0].bounds = [2, 1];
    expect(codes(decodeRecordingJson(JSON.stringify(value)).diagnostics)).toMatchObject([{ code: "TP4109", path: "/weights/0/bounds" }]);
    value.weights[0].bounds = [0, 1, 2];
    expect(codes(decodeRecordingJson(JSON.stringify(value)).diagnostics)).toMatchObject([{ code: "TP4056", path: "/weights/0/bounds" }]);
    value.weights[0].bounds = [0, 1];
    value.weights[0].snapshots[1].step = 2.5;
    expect(codes(decodeRecordingJson(JSON.stringify(value)).diagnostics)).toMatchObject([{ code: "TP4056", path: "/weights/0/snapshots/1/step" }]);
    value.weights[0].snapshots[1].step = 1;
    expect(codes(decodeRecordingJson(JSON.stringify(value)).diagnostics)).toMatchObject([{ code: "TP4107", path: "/weights/0/snapshots/1/step" }]);
  });

  it("the protobuf reader applies the same rules", () => {
    const bytes = encodeRecordingPb(edited({ bounds: [1, 0] }));
    expect(codes(decodeRecordingPb(bytes).diagnostics)).toEqual([{ code: "TP4109", path: "/weights/0/bounds" }]);
  });
});

describe("the CSV weights file", () => {
  const spikes = "# tripart.recording/1 source=chip dtMs=1 steps=5\n# population id=p size=3\n# weights file=w.csv\npopulation,neuron,step\n";
  const head = "# tripart.recording/1 part=weights\n# weights projection=q unit=mV min=0 max=1\nprojection,step,pre,post,value\n";
  const read = (rows: string) => decodeRecordingCsv({ spikes, weights: head + rows }, "s.csv", undefined, "w.csv");

  it("reads rows into snapshots, the first step defining the synapses", () => {
    const rec = mustOk(read("q,0,0,1,0.5\nq,0,2,0,0.25\nq,4,0,1,0.75\nq,4,2,0,0\n"));
    expect(rec.weights).toEqual([weightRecording("q", [0, 2], [1, 0], [[0, [0.5, 0.25]], [4, [0.75, 0]]], { unit: "mV" })]);
  });

  it("TP4105 names the line of a synapse out of order and of a step with fewer synapses", () => {
    const swapped = read("q,0,0,1,0.5\nq,0,2,0,0.25\nq,4,2,0,0\nq,4,0,1,0.75\n");
    // Line 7 then fits position 0, so only line 6 is reported.
    expect(codes(swapped.diagnostics)).toEqual([{ code: "TP4105", path: "", line: 6 }]);
    expect(swapped.diagnostics[0].message).toBe(
      "The weights of projection 'q' do not line up: line 6 lists synapse (2, 0) at position 0 of step 4, where step 0 lists (0, 1).",
    );
    expect(swapped.diagnostics[0].file).toBe("w.csv");
    const fewer = read("q,0,0,1,0.5\nq,0,2,0,0.25\nq,4,0,1,0.75\n");
    expect(codes(fewer.diagnostics)).toEqual([{ code: "TP4105", path: "", line: 6 }]);
  });

  it("TP4106, TP4107, TP4108 and TP4109 point at the row or the '# weights' line", () => {
    expect(codes(read("q,0,-1,1,0.5\n").diagnostics)).toEqual([{ code: "TP4106", path: "", line: 4 }]);
    expect(codes(read("q,3,0,1,0.5\nq,1,0,1,0.5\n").diagnostics)).toEqual([{ code: "TP4107", path: "", line: 5 }]);
    expect(codes(read("q,3,0,1,0.5\nq,5,0,1,0.5\n").diagnostics)).toEqual([{ code: "TP4108", path: "", line: 5 }]);
    const inverted = decodeRecordingCsv({ spikes, weights: head.replace("min=0 max=1", "min=2 max=1") + "q,0,0,1,0.5\n" });
    expect(codes(inverted.diagnostics)).toEqual([{ code: "TP4109", path: "", line: 2 }]);
  });

  it("rows of an undeclared projection and malformed numbers are the CSV codes", () => {
    expect(codes(read("r,0,0,1,0.5\n").diagnostics)).toEqual([{ code: "TP4083", path: "", line: 4 }]);
    expect(codes(read("q,0,x,1,0.5\n").diagnostics)).toEqual([{ code: "TP4081", path: "", line: 4 }]);
    expect(codes(read("q,0,0,1,NaN\n").diagnostics)).toEqual([{ code: "TP4081", path: "", line: 4 }]);
  });
});

it("a recording whose only population is silent still carries its weights through every form", () => {
  const rec = recording([population("p", 1, train([]))], { steps: 2, weights: [weightRecording("w", [0], [0], [[0, [0]], [1, [1]]])] });
  expect(mustOk(decodeRecordingPb(encodeRecordingPb(rec)))).toEqual(rec);
  expect(mustOk(decodeRecordingCsv(encodeRecordingCsv(rec)))).toEqual(rec);
});

describe("docs/recording.md, Weights", () => {
  const doc = readFileSync(new URL("../../docs/recording.md", import.meta.url), "utf8");
  const block = (lang: string, marker: string) => [...doc.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]).find((b) => b.includes(marker))!;
  const expected = learnedRecording().weights![0];

  it("the JSON fragment is the first weight recording of learnedRecording()", () => {
    const fragment = JSON.parse("{" + block("json", '"weights": [') + "}");
    const rec = mustOk(decodeRecordingJson(JSON.stringify({ ...JSON.parse(encodeRecordingJson(learnedRecording())), weights: fragment.weights })));
    expect(rec.weights).toEqual([expected]);
  });

  it("the CSV weights file is what the writer produces for it", () => {
    const rec: Recording = { ...learnedRecording(), weights: [expected] };
    expect(encodeRecordingCsv(rec).weights).toBe(block("csv", "part=weights"));
  });
});

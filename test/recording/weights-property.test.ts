// Random damage to the weights of a recording and to the learning section of a config never makes
// a reader throw: the input is accepted (and then valid and stable) or refused with an error.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkRecording, decodeRecordingCsv, decodeRecordingJson, decodeRecordingPb, encodeRecordingCsv, encodeRecordingJson, encodeRecordingPb,
} from "../../src/hw/recording-io.js";
import type { Recording } from "../../src/hw/recording.js";
import type { Result } from "../../src/ir/diagnostics.js";
import { decodeConfig, encodeConfig } from "../../src/hw/codec.js";
import { fromConfigJson, toConfigJson } from "../../src/hw/config-json.js";
import { learnedRecording, richRecording } from "./fixtures.js";
import { learningConfig } from "../hw/learning-fixtures.js";

const RUNS = { numRuns: 200, seed: 20_261_205 };

function wellBehaved(result: Result<Recording>): void {
  if (result.ok) {
    expect(checkRecording(result.value).filter((d) => d.severity === "error")).toEqual([]);
    const again = decodeRecordingPb(encodeRecordingPb(result.value));
    expect(again.ok && again.value).toEqual(result.value);
  } else {
    expect(result.diagnostics.some((d) => d.severity === "error")).toBe(true);
  }
}

const rec: Recording = { ...richRecording(), weights: learnedRecording().weights };
const pb = encodeRecordingPb(rec);
const json = encodeRecordingJson(rec);
const csv = encodeRecordingCsv(rec);

describe("recordings with weights", () => {
  it("a protobuf file cut anywhere is refused", () => {
    fc.assert(fc.property(fc.nat(pb.length - 1), (cut) => {
      const result = decodeRecordingPb(pb.subarray(0, cut));
      wellBehaved(result);
      expect(result.ok).toBe(false);
    }), RUNS);
  });

  it("a protobuf file with bytes changed", () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(pb.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), (edits) => {
      const bytes = pb.slice();
      for (const [at, value] of edits) bytes[at] = value;
      wellBehaved(decodeRecordingPb(bytes));
    }), RUNS);
  });

  it("a JSON weights entry with one field replaced by any JSON value", () => {
    const fields = ["projection", "unit", "pre", "post", "bounds", "weightPerRaw", "snapshots"];
    fc.assert(fc.property(fc.constantFrom(...fields), fc.jsonValue(), (field, value) => {
      const parsed = JSON.parse(json);
      parsed.weights[0][field] = value;
      wellBehaved(decodeRecordingJson(JSON.stringify(parsed)));
    }), RUNS);
  });

  it("a CSV weights file with characters changed", () => {
    const text = csv.weights!;
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(text.length - 1), fc.constantFrom("0", "-", ",", "\n", "9", "x", "#", ".")), { minLength: 1, maxLength: 4 }), (edits) => {
      let changed = text;
      for (const [at, ch] of edits) changed = changed.slice(0, at) + ch + changed.slice(at + 1);
      wellBehaved(decodeRecordingCsv({ ...csv, weights: changed }));
    }), RUNS);
  });
});

describe("configs with a learning section", () => {
  const bytes = encodeConfig(learningConfig());
  const twin = JSON.stringify(toConfigJson(learningConfig()));

  it("config.pb with bytes changed never throws and an accepted config is valid", () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (edits) => {
      const damaged = bytes.slice();
      for (const [at, value] of edits) damaged[at] = value;
      const result = decodeConfig(damaged);
      expect(result.ok || result.diagnostics.some((d) => d.severity === "error")).toBe(true);
    }), RUNS);
  });

  it("a learning projection field replaced by any JSON value is read or refused, never thrown", () => {
    const keys = Object.keys(toConfigJson(learningConfig()).learning!.projections[1]);
    fc.assert(fc.property(fc.constantFrom(...keys), fc.jsonValue(), (key, value) => {
      const parsed = JSON.parse(twin);
      parsed.learning.projections[1][key] = value;
      const result = fromConfigJson(parsed);
      if (result.ok) expect(decodeConfig(encodeConfig(result.value)).value).toEqual(result.value);
      else expect(result.diagnostics.some((d) => d.severity === "error")).toBe(true);
    }), RUNS);
  });
});

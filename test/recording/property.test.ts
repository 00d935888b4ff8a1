// Random and mutated input to the three recording readers never throws: it is either accepted
// (and then passes the semantic checker and survives a round trip) or refused with an error.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkRecording, decodeRecordingCsv, decodeRecordingJson, decodeRecordingPb, encodeRecordingCsv, encodeRecordingJson,
  encodeRecordingPb,
} from "../../src/hw/recording-io.js";
import type { Recording } from "../../src/hw/recording.js";
import type { Result } from "../../src/ir/diagnostics.js";
import { richRecording } from "./fixtures.js";

const SEED = 20_260_417;
const RUNS = { numRuns: 300, seed: SEED };

/** Accepted ⇒ valid and stable under a protobuf round trip; refused ⇒ at least one error. */
function wellBehaved(result: Result<Recording>): void {
  if (result.ok) {
    expect(checkRecording(result.value).filter((d) => d.severity === "error")).toEqual([]);
    const again = decodeRecordingPb(encodeRecordingPb(result.value));
    expect(again.ok && again.value).toEqual(result.value);
  } else {
    expect(result.diagnostics.some((d) => d.severity === "error")).toBe(true);
  }
}

const validPb = encodeRecordingPb(richRecording());
const validJson = JSON.parse(encodeRecordingJson(richRecording())) as unknown;
const validCsv = encodeRecordingCsv(richRecording());

describe("protobuf reader", () => {
  it("random bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => wellBehaved(decodeRecordingPb(bytes))), RUNS);
  });

  it("a valid file cut anywhere", () => {
    fc.assert(fc.property(fc.nat(validPb.length - 1), (cut) => {
      const result = decodeRecordingPb(validPb.subarray(0, cut));
      wellBehaved(result);
      expect(result.ok).toBe(false);
    }), RUNS);
  });

  it("a valid file with bytes changed", () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(validPb.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), (edits) => {
      const bytes = validPb.slice();
      for (const [at, value] of edits) bytes[at] = value;
      wellBehaved(decodeRecordingPb(bytes));
    }), RUNS);
  });
});

describe("JSON reader", () => {
  it("random text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => wellBehaved(decodeRecordingJson(text))), RUNS);
  });

  it("random JSON values", () => {
    fc.assert(fc.property(fc.json(), (text) => wellBehaved(decodeRecordingJson(text))), RUNS);
  });

  it("a valid file with one value replaced by anything", () => {
    const paths = leafPaths(validJson);
    fc.assert(fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, replacement) => {
      const value = structuredClone(validJson);
      setAt(value, path, replacement);
      wellBehaved(decodeRecordingJson(JSON.stringify(value)));
    }), RUNS);
  });
});

describe("CSV reader", () => {
  it("random text as spikes and traces", () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), fc.option(fc.string({ maxLength: 200 }), { nil: undefined }), (spikes, traces) => {
      wellBehaved(decodeRecordingCsv(traces === undefined ? { spikes } : { spikes, traces }));
    }), RUNS);
  });

  it("a valid file with lines deleted, duplicated or garbled", () => {
    const lines = { spikes: validCsv.spikes.split("\n"), traces: (validCsv.traces ?? "").split("\n") };
    const edit = fc.record({
      file: fc.constantFrom("spikes" as const, "traces" as const),
      line: fc.nat(60),
      kind: fc.constantFrom("delete", "duplicate", "garble"),
      text: fc.string({ maxLength: 12 }),
    });
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
      const copy = { spikes: [...lines.spikes], traces: [...lines.traces] };
      for (const { file, line, kind, text } of edits) {
        const target = copy[file];
        const at = line % target.length;
        if (kind === "delete") target.splice(at, 1);
        else if (kind === "duplicate") target.splice(at, 0, target[at]);
        else target[at] = target[at].slice(0, text.length) + text;
      }
      wellBehaved(decodeRecordingCsv({ spikes: copy.spikes.join("\n"), traces: copy.traces.join("\n") }));
    }), RUNS);
  });
});

/** Every path (as keys) to a leaf or container of a JSON value. */
function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...leafPaths(v, [...prefix, i])));
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) out.push(...leafPaths(v, [...prefix, k]));
  }
  return out.filter((p) => p.length > 0);
}

function setAt(root: unknown, path: readonly (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
}

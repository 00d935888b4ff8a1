// docs/recording.md, docs/diff.md and docs/diagnostics-recording.md cannot drift from the code:
// their examples are decoded, re-rendered and compared with what the library produces.
import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { RECORDING_CODES } from "../../src/ir/codes/recording.js";
import { decodeRecordingCsv, decodeRecordingJson, encodeRecordingCsv, encodeRecordingJson } from "../../src/hw/recording-io.js";
import { diffRecordings } from "../../src/diff/compare.js";
import { parseCriteria, type Criteria } from "../../src/diff/criteria.js";
import { renderTable } from "../../src/diff/report.js";
import { CASES, dir } from "./cases.js";
import { diffExample } from "./examples.js";
import { astroPair, TERRITORIES } from "../diff/astro-fixtures.js";

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");
const blocks = (text: string, lang: string) => [...text.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);

describe("docs/recording.md", () => {
  const doc = read("docs/recording.md");
  const json = blocks(doc, "json").find((b) => b.includes('"format": "tripart.recording/1"'))!;
  const csv = blocks(doc, "csv");

  it("the JSON example is a valid recording and is exactly what the writer produces", () => {
    const result = decodeRecordingJson(json);
    expect(result.diagnostics).toEqual([]);
    expect(encodeRecordingJson(result.value!)).toBe(json);
  });

  it("the CSV example holds the same recording, in the writer's own text", () => {
    const [spikes, traces] = csv;
    const result = decodeRecordingCsv({ spikes, traces });
    expect(result.diagnostics).toEqual([]);
    expect(result.value).toEqual(decodeRecordingJson(json).value);
    expect(encodeRecordingCsv(result.value!, "run.traces.csv")).toEqual({ spikes, traces });
  });
});

describe("docs/diff.md", () => {
  const doc = read("docs/diff.md");

  it("the criteria file example is valid", () => {
    const example = blocks(doc, "json").find((b) => b.includes('"format": "tripart.criteria/1"'))!;
    expect(parseCriteria(example).diagnostics).toEqual([]);
  });

  it("the example output is what renderTable prints for the example pair", () => {
    const criteriaText = blocks(doc, "json").find((b) => b.includes("\"v\": 0.05") && !b.includes("perPopulation"))!;
    const criteria = parseCriteria(criteriaText).value as Criteria;
    const { a, b } = diffExample();
    const report = diffRecordings(a, b, criteria);
    expect(report.diagnostics).toEqual([]);
    const output = blocks(doc, "text").find((b) => b.startsWith("population"))!;
    expect(renderTable(report.value!)).toBe(output);
  });

  it("the astrocyte example output is what renderTable prints for the astrocyte pair", () => {
    const { a, b } = astroPair();
    const report = diffRecordings(a, b, undefined, { territories: TERRITORIES });
    expect(report.diagnostics).toEqual([]);
    const output = blocks(doc, "text").find((b) => b.includes("\nastrocytes\n"))!;
    expect(renderTable(report.value!)).toBe(output);
  });
});

describe("docs/diagnostics-recording.md", () => {
  const doc = read("docs/diagnostics-recording.md");
  const sections = new Map(doc.split(/^### /m).slice(1).map((section) => [section.slice(0, 6), section] as const));

  it("has one section per code, with the catalogue's severity", () => {
    expect([...sections.keys()].sort()).toEqual(Object.keys(RECORDING_CODES).sort());
    for (const [code, section] of sections) {
      expect(/^TP\d{4} · (\w+) ·/.exec(section)?.[1], code).toBe(RECORDING_CODES[code as keyof typeof RECORDING_CODES].severity);
    }
  });

  it("each example of a CSV spikes file reports its section's code", () => {
    for (const [code, section] of sections) {
      const example = /```csv\n(# tripart\.recording\/1 source=[\s\S]*?)```/.exec(section)?.[1];
      if (example === undefined) continue;
      expect(decodeRecordingCsv({ spikes: example }).diagnostics.map((d) => d.code), code).toContain(code);
    }
  });

  it.each(Object.keys(RECORDING_CODES))("%s: the quoted message and hint are the ones the library produces", async (code) => {
    const section = sections.get(code)!;
    const quoted = /^> (?!hint: )(.+)$/m.exec(section)?.[1];
    const hint = /^> hint: (.+)$/m.exec(section)?.[1];
    const example = CASES.find((c) => c.expected.some((e) => e.code === code))!;
    const produced = (await example.run()).find((d) => d.code === code)!;
    expect(quoted).toBe(produced.message.replaceAll(dir + "/", "runs/"));
    expect(hint).toBe(produced.hint);
  });
});

// Schema messages in the neuron–astrocyte sections name the element by its id and carry a hint.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadNetwork } from "../../src/ir/load.js";

const text = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "fixtures", "wm2021-small.network.json"), "utf8");
const withEdit = (edit: (doc: any) => void): string => {
  const doc = JSON.parse(text);
  edit(doc);
  return JSON.stringify(doc);
};

describe("schema findings in the new sections", () => {
  it("name astrocyte populations, currents and tripartite couplings by id", () => {
    const result = loadNetwork(
      withEdit((doc) => {
        doc.astrocytes[0].period = 0;
        doc.currents[1].duration = -1;
        doc.tripartite[0].by = "postsynaptic";
      }),
    );
    expect(result.diagnostics.map((d) => [d.code, d.path, d.message, d.hint])).toEqual([
      ["TP1006", "/currents/1/duration", "Field 'duration' of current 'noise' is -1, but it must be ≥ 0.", "Durations are in ms and cannot be negative."],
      ["TP1006", "/astrocytes/0/period", "Field 'period' of astrocyte population 'astro' is 0, but it must be > 0.", "An astrocyte period is in ms, a positive multiple of run.dt."],
      ["TP1007", "/tripartite/0/by", "Field 'by' of tripartite coupling 'gliotransmission' is \"postsynaptic\"; it must be one of \"post\", \"pre\" or \"pool\".", undefined],
    ]);
  });

  it("require a pool when astrocytes are picked by pool", () => {
    const result = loadNetwork(withEdit((doc) => (doc.tripartite[0].by = "pool")));
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([["TP1003", "/tripartite/0/pool"]]);
  });

  it("accept input_clip null and refuse a string", () => {
    expect(loadNetwork(withEdit((doc) => (doc.populations[0].params.input_clip = null))).ok).toBe(true);
    const result = loadNetwork(withEdit((doc) => (doc.populations[0].params.input_clip = "25")));
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([["TP1005", "/populations/0/params/input_clip"]]);
  });
});

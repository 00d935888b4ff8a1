// `tripart compile` on a board of chips: placement by traffic by default, --partitioner and
// --rates, the placement summary it prints and the placement.json it writes; bad values exit 2.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { columnsNetwork } from "../../scripts/columns-network.js";
import { codesIn, EI, expectNoStackTrace, tripart, useTempDir } from "./helpers.js";

const temp = useTempDir();

/** Sixteen columns of 200 neurons with 60 synapses each: 192 000 synapses, a few cores' worth. */
function columnsFile(): string {
  const path = temp.file("columns.json");
  writeFileSync(path, columnsNetwork({ columns: 16, neuronsPerColumn: 200, indegree: 60, inputsPerColumn: 10, durationMs: 100, record: true }));
  return path;
}

describe("tripart compile on loihi-cuba-board", () => {
  it("places by traffic, prints the predicted traffic against IR order and writes placement.json", async () => {
    const out = temp.file("out");
    const run = await tripart(temp.path, "compile", columnsFile(), "-t", "loihi-cuba-board", "-o", out);
    expect(run.code, run.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["config.json", "config.pb", "placement.html", "placement.json"]);
    expect(run.out).toMatch(/placement: by traffic, \d+ cores on 1 of 32 chips/);
    expect(run.out).toContain("predicted messages/s at 1 spike/s per neuron (pass --rates for measured ones)");
    expect(run.out).toContain("the same network in IR order:");
    expect(run.out).toMatch(/core\s+chip \(tile x,y\)\s+populations/);
    const placement = JSON.parse(readFileSync(`${out}/placement.json`, "utf8"));
    expect(placement.strategy).toBe("traffic");
    expect(placement.traffic.routing.length).toBeGreaterThan(0);
    expect(placement.traffic.routing[0]).toEqual(expect.objectContaining({ from: 0, hops: expect.any(Number), links: 0 }));
  });

  it("takes --partitioner contiguous and weights traffic by --rates from a reference recording", async () => {
    const network = columnsFile();
    const reference = temp.file("reference.json");
    expect((await tripart(temp.path, "simulate", network, "-o", reference)).code).toBe(0);
    const run = await tripart(temp.path, "compile", network, "-t", "loihi-cuba-board", "--partitioner", "contiguous", "--rates", reference, "-o", temp.file("out"));
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain("placement: in IR order");
    expect(run.out).toContain("predicted messages/s at the measured rates");
    expect(run.out).not.toContain("the same network in IR order");
  });

  it("leaves single-chip targets as they were: no placement summary, no placement.json", async () => {
    const out = temp.file("out");
    const run = await tripart(temp.path, "compile", EI, "-o", out);
    expect(run.code, run.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["config.json", "config.pb"]);
    expect(run.out).not.toContain("placement:");
  });

  it("refuses an unknown --partitioner and a --rates recording without spikes", async () => {
    const bad = await tripart(temp.path, "compile", EI, "--partitioner", "metis", "-o", temp.file("out"));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("Option --partitioner is metis; it must be contiguous or traffic.");
    expectNoStackTrace(bad);
    const silent = temp.file("silent.json");
    writeFileSync(silent, JSON.stringify({ format: "tripart.recording/1", source: "reference", dtMs: 1, steps: 10, populations: [] }));
    const run = await tripart(temp.path, "compile", EI, "--rates", silent, "-o", temp.file("out2"));
    expect(run.code).toBe(2);
    expect(codesIn(run.err)).toEqual(["TP1320"]);
    expectNoStackTrace(run);
  });
});

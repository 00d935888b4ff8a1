// A run split by scale.firstWorld pools into the run of all its worlds: the same episodes, worlds,
// summaries, headline and agreement to the bit, energies to rounding. Parts that do not pool are
// refused with the file and the reason (TP1331, TP1332); a condition one part lacks is left out
// with a warning (TP1333).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mergeExperimentFiles } from "../../src/index.js";
import { compareConditions } from "../../src/experiment/agreement.js";
import { runExperiment, worldsOf, type ExperimentResult, type ExperimentSpec } from "../../src/experiment/experiment.js";
import { mergeExperimentResults, type ResultPart } from "../../src/experiment/merge.js";
import { experimentResultJson, readExperimentResult, type StoredExperiment } from "../../src/experiment/result-file.js";
import { resolveTarget } from "../../src/targets/load.js";

const resolved = await resolveTarget("glia-core");
if (!resolved.ok) throw new Error("glia-core does not load");
const glia = resolved.value;
const targets = (name: string) => (name === "glia-core" ? glia : undefined);

const scale = (worlds: number, firstWorld?: number) => ({ sizes: [5], worlds, episodes: 2, ...(firstWorld !== undefined && { firstWorld }) });
const spec = (worlds: number, firstWorld?: number, control?: number): ExperimentSpec => ({
  name: "split",
  kind: "field",
  obstacleDensity: 0.2,
  mode: "cell",
  budgetPerCell: 2,
  agents: ["snan", "snan-no-astrocytes", "dual-memory"],
  engines: ["reference", "glia-core"],
  seed: 11,
  scale: scale(worlds, firstWorld),
  quick: scale(1),
  ablation: { suppressionGain: [0] },
  ...(control !== undefined && { control }),
});

const run = (s: ExperimentSpec) => runExperiment(s, { targets });
const [whole, first, rest] = await Promise.all([run(spec(3)), run(spec(1, 0, 0.01)), run(spec(2, 1))]);

/** The result as `tripart experiment` stores it, read back. */
function stored(result: ExperimentResult, file: string): ResultPart {
  const read = readExperimentResult(JSON.stringify(experimentResultJson(result)), file);
  if (!read.ok) throw new Error(read.diagnostics.map((d) => d.message).join("\n"));
  return { file, stored: read.value };
}

const parts = [stored(rest, "rest.json"), stored(first, "first.json")];
const folder = mkdtempSync(join(tmpdir(), "tripart-merge-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const merged = mergeExperimentResults(parts);

describe("pooling the parts of a split run", () => {
  it("plays world firstWorld + k as the k-th world", () => {
    const [w7] = worldsOf(spec(1), 5, 1, 7);
    expect(w7).toEqual(worldsOf(spec(1), 5, 8)[7]);
    expect(rest.conditions[0].groups).toEqual(Int32Array.from([1, 1, 2, 2]));
  });

  it("gives the single run's conditions, headline and agreement to the bit", () => {
    if (!merged.ok) throw new Error(merged.diagnostics.map((d) => d.message).join("\n"));
    const pooled = merged.value.result;
    expect(merged.value.parts).toEqual([{ file: "first.json", firstWorld: 0, worlds: 1 }, { file: "rest.json", firstWorld: 1, worlds: 2 }]);
    expect(pooled.spec.scale).toEqual({ ...spec(3).scale, firstWorld: 0 });
    const figures = (r: ExperimentResult) => r.conditions.map((c) => ({
      agent: c.agent, engine: c.engine, size: c.size, budget: c.budget, summary: c.summary, groups: c.groups,
      episodes: c.episodes.map(({ steps, reached, revisits, coverage }) => ({ steps, reached, revisits, coverage })),
    }));
    expect(figures(pooled)).toEqual(figures(whole));
    expect(pooled.headline).toEqual(whole.headline);
    expect(pooled.agreement).toEqual(whole.agreement);
    expect(pooled.ablation.map((a) => [a.parameter, a.value, a.summary])).toEqual(whole.ablation.map((a) => [a.parameter, a.value, a.summary]));
    expect(pooled.energy.map((e) => [e.agent, e.engine, e.decisions, e.windows])).toEqual(whole.energy.map((e) => [e.agent, e.engine, e.decisions, e.windows]));
    pooled.energy.forEach((e, k) => expect(e.energy).toBeCloseTo(whole.energy[k].energy, 12));
  });

  it("pools the files and records the report's episode again, as the single run has it", async () => {
    const files = [["first.json", first], ["rest.json", rest]].map(([name, r]) => {
      const file = join(folder, name as string);
      writeFileSync(file, JSON.stringify(experimentResultJson(r as ExperimentResult)));
      return file;
    });
    const pooled = await mergeExperimentFiles(files.reverse());
    if (!pooled.ok) throw new Error(pooled.diagnostics.map((d) => d.message).join("\n"));
    expect(pooled.value.result.shown).toEqual(whole.shown);
    const json = pooled.value.json as Record<string, unknown>;
    const single = experimentResultJson(whole) as Record<string, unknown>;
    for (const key of ["headline", "conditions", "agreement", "ablation", "shown"]) expect(JSON.stringify(json[key]), key).toBe(JSON.stringify(single[key]));
    expect(pooled.value.html).toContain("world 0, episode 0");
    expect(pooled.diagnostics.map((d) => d.code)).toEqual(["TP1333", "TP1333"]);
  });

  it("leaves out, with a warning, the control that only one part ran", () => {
    expect(first.conditions.some((c) => c.engine.startsWith("reference ×"))).toBe(true);
    expect(merged.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([
      ["TP1333", "warning", "rest.json"],
      ["TP1333", "warning", "rest.json"],
    ]);
    expect(merged.diagnostics[0].message).toBe("'snan on reference ×(1 + 0.01), 5×5' is not in 'rest.json', so the pooled result leaves it out.");
    expect(merged.ok && merged.value.result.spec.control).toBeUndefined();
  });

  it("compares worlds that do not start at 0 as it compares worlds that do", () => {
    const reference = whole.conditions.find((c) => c.agent === "snan" && c.engine === "reference")!;
    const emulated = whole.conditions.find((c) => c.agent === "snan" && c.engine === "glia-core")!;
    const shifted = (c: typeof reference) => ({ episodes: c.episodes, groups: Int32Array.from(c.groups, (w) => w + 1000) });
    expect(compareConditions(shifted(reference), shifted(emulated), { seed: 3 })).toEqual(compareConditions({ episodes: reference.episodes, groups: reference.groups }, { episodes: emulated.episodes, groups: emulated.groups }, { seed: 3 }));
  });
});

describe("parts that do not pool", () => {
  const part = (file: string, change: (s: StoredExperiment) => StoredExperiment, from = parts[1]): ResultPart => ({ file, stored: change(from.stored) });
  const errors = (list: readonly ResultPart[]) => {
    const r = mergeExperimentResults(list);
    expect(r.ok).toBe(false);
    return r.diagnostics.map((d) => [d.code, d.file, d.path, d.message]);
  };

  it("refuses overlapping and gapped world ranges", () => {
    const overlap = part("again.json", (s) => ({ ...s, spec: { ...s.spec, scale: { ...s.spec.scale, firstWorld: 0, worlds: 2 } }, conditions: [], ablation: [] }), parts[0]);
    expect(errors([parts[1], overlap])).toEqual([["TP1332", "again.json", "/spec/scale/firstWorld", "'again.json' cannot be pooled with 'first.json': both play worlds 0–0."]]);
    const gap = part("later.json", (s) => ({ ...s, spec: { ...s.spec, scale: { ...s.spec.scale, firstWorld: 5 } }, conditions: [], ablation: [] }), parts[0]);
    expect(errors([parts[1], gap])).toEqual([["TP1332", "later.json", "/spec/scale/firstWorld", "'later.json' cannot be pooled with 'first.json': worlds 1–4 are in neither part, so the pooled worlds would not be one range."]]);
  });

  it("refuses parts of different specs or of --quick and full runs", () => {
    const seeded = part("seed.json", (s) => ({ ...s, spec: { ...s.spec, seed: 12 } }), parts[0]);
    expect(errors([parts[1], seeded])).toEqual([["TP1332", "seed.json", "/spec/seed", "'seed.json' cannot be pooled with 'first.json': their specs differ in seed."]]);
    const quick = part("quick.json", (s) => ({ ...s, quick: true, spec: { ...s.spec, quick: { ...s.spec.quick, firstWorld: 1 } } }), parts[0]);
    expect(errors([parts[1], quick])[0]).toEqual(["TP1332", "quick.json", "/quick", "'quick.json' cannot be pooled with 'first.json': one is a --quick run and the other is not."]);
  });

  it("refuses a part whose episodes lie outside its range", () => {
    const moved = part("moved.json", (s) => ({ ...s, conditions: s.conditions.map((c) => ({ ...c, worlds: Int32Array.from(c.worlds, (w) => w + 5) })) }), parts[0]);
    expect(errors([parts[1], moved])).toEqual([["TP1331", "moved.json", "/conditions", "'moved.json' is not an experiment result that can be pooled: snan on reference, 5×5 holds worlds outside its spec's range 1–2."]]);
  });
});

describe("reading experiment-result.json", () => {
  const text = JSON.stringify(experimentResultJson(first));
  const read = (change: (o: Record<string, any>) => void) => {
    const o = JSON.parse(text);
    change(o);
    const r = readExperimentResult(JSON.stringify(o), "part.json");
    expect(r.ok).toBe(false);
    return r.diagnostics.map((d) => [d.code, d.path, d.message]);
  };

  it("reads back what it writes", () => {
    const r = readExperimentResult(text, "part.json");
    expect(r.ok && r.value.conditions.map((c) => [c.agent, c.engine, c.episodes.length])).toEqual(first.conditions.map((c) => [c.agent, c.engine, c.episodes.length]));
  });

  it("names the file, the pointer and what is wrong", () => {
    expect(readExperimentResult("{", "part.json").diagnostics[0]).toMatchObject({ code: "TP1331", file: "part.json", path: "" });
    expect(read((o) => (o.format = "tripart.recording/1"))).toEqual([["TP1331", "/format", "'part.json' is not an experiment result that can be pooled: /format is \"tripart.recording/1\", not \"tripart.experiment-result/1\"."]]);
    expect(read((o) => o.conditions[1].reached.pop())).toEqual([["TP1331", "/conditions/1/reached", "'part.json' is not an experiment result that can be pooled: /conditions/1/reached has 1 entries where steps has 2."]]);
    expect(read((o) => (o.conditions[0].coverage[1] = 1.5))).toEqual([["TP1331", "/conditions/0/coverage/1", "'part.json' is not an experiment result that can be pooled: /conditions/0/coverage/1 is not a share from 0 to 1."]]);
    expect(read((o) => (o.spec.scale.worlds = 0))[0]).toEqual(["TP1331", "/spec/scale/worlds", "'part.json' is not an experiment result that can be pooled: /spec/scale/worlds does not read as an experiment spec: The experiment spec has /scale/worlds = 0; expected a whole number from 1 to 100000."]);
  });
});

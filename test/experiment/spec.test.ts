// experiment.json: the bundled spec reads without findings; every wrong field is one TP1330 with
// its pointer, what was found and what is expected.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseExperimentSpec } from "../../src/experiment/spec.js";

const FILE = join(import.meta.dirname, "..", "..", "examples", "snan-navigation", "experiment.json");
const text = readFileSync(FILE, "utf8");

const problems = (edit: (spec: Record<string, any>) => void) => {
  const spec = JSON.parse(text);
  edit(spec);
  const parsed = parseExperimentSpec(JSON.stringify(spec), "experiment.json");
  return parsed.diagnostics.map((d) => ({ code: d.code, path: d.path, message: d.message }));
};

describe("experiment spec", () => {
  it("reads the bundled spec", () => {
    const parsed = parseExperimentSpec(text, FILE);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.ok && parsed.value.agents).toContain("snan");
  });

  it("reads every spec beside it, each running snan against the reference", () => {
    const folder = join(import.meta.dirname, "..", "..", "examples", "snan-navigation");
    const specs = readdirSync(folder).filter((f) => f.endsWith(".json")).sort();
    expect(specs).toEqual(["ablation-8x8.json", "agreement.json", "experiment.json", "headline-8x8.json"]);
    for (const file of specs) {
      const parsed = parseExperimentSpec(readFileSync(join(folder, file), "utf8"), file);
      expect(parsed.diagnostics, file).toEqual([]);
      expect(parsed.ok && parsed.value.agents.includes("snan") && parsed.value.engines.includes("reference"), file).toBe(true);
    }
  });

  it("names each wrong field with its pointer", () => {
    expect(problems((s) => (s.scale.sizes = [3]))).toEqual([
      { code: "TP1330", path: "/scale/sizes/0", message: "The experiment spec has /scale/sizes/0 = 3; expected a whole number from 5 to 60." },
    ]);
    expect(problems((s) => (s.agents = ["snan", "q-learning"]))[0]).toMatchObject({ path: "/agents/1" });
    expect(problems((s) => (s.mode = "global")).map((p) => p.path)).toEqual(["/mode"]);
    expect(problems((s) => (s.budgetSteps = 10)).map((p) => p.path)).toEqual(["/budgetSteps"]);
    expect(problems((s) => delete s.quick).map((p) => p.path)).toEqual(["/quick"]);
    expect(problems((s) => (s.scale.firstWorld = 1000))).toEqual([]);
    expect(problems((s) => (s.scale.firstWorld = -1))).toEqual([
      { code: "TP1330", path: "/scale/firstWorld", message: "The experiment spec has /scale/firstWorld = -1; expected a whole number from 0 to 1000000000." },
    ]);
    expect(problems((s) => (s.quick.firstworld = 2)).map((p) => [p.path, p.message])).toEqual([
      ["/quick/firstworld", "The experiment spec has /quick/firstworld = 2; expected no such field: the fields are sizes, worlds, episodes, firstWorld."],
    ]);
  });

  it("reads the ablation and the emulated sizes, and names each wrong value", () => {
    const parsed = parseExperimentSpec(text, FILE);
    expect(parsed.ok && parsed.value.ablation?.astroDecaySteps).toEqual([2, 32]);
    expect(parsed.ok && parsed.value.ablation?.quick).toEqual({ astroDecaySteps: [2] });
    expect(problems((s) => (s.ablation.suppressionGain = [0.5, 1.5]))).toEqual([
      { code: "TP1330", path: "/ablation/suppressionGain/1", message: "The experiment spec has /ablation/suppressionGain/1 = 1.5; expected a number from 0 to 1." },
    ]);
    expect(problems((s) => (s.ablation.astroDecaySteps = [])).map((p) => p.path)).toEqual(["/ablation/astroDecaySteps"]);
    expect(problems((s) => (s.ablation.astroDecaySteps = [0])).map((p) => p.path)).toEqual(["/ablation/astroDecaySteps/0"]);
    expect(problems((s) => (s.ablation.eligibilitySteps = [2, 24]))).toEqual([]);
    expect(problems((s) => (s.ablation.eligibilitySteps = [0])).map((p) => p.path)).toEqual(["/ablation/eligibilitySteps/0"]);
    expect(problems((s) => (s.ablation.rewardGain = [2])).map((p) => [p.path, p.message])).toEqual([
      ["/ablation/rewardGain", "The experiment spec has /ablation/rewardGain = [2]; expected no such field: the fields are astroDecaySteps, suppressionGain, bumpGain, eligibilitySteps, sizes, engines, quick."],
    ]);
    expect(problems((s) => (s.ablation.quick = { quick: {}, sizes: [4] })).map((p) => p.path)).toEqual(["/ablation/quick/quick", "/ablation/quick/sizes/0"]);
    expect(problems((s) => (s.ablation = [2, 4])).map((p) => p.path)).toEqual(["/ablation"]);
    expect(problems((s) => (s.emulatedSizes = [5, 61])).map((p) => p.path)).toEqual(["/emulatedSizes/1"]);
    expect(problems((s) => (s.emulatedSizes = [8]))).toEqual([]);
    expect(problems((s) => (s.ablation.engines = ["reference", "glia-core"]))).toEqual([]);
    expect(problems((s) => (s.ablation.engines = ["glia-core", "loihi"]))).toEqual([
      { code: "TP1330", path: "/ablation/engines/1", message: "The experiment spec has /ablation/engines/1 = \"loihi\"; expected one of the spec's engines (\"reference\", \"glia-core\", \"loihi-cuba\", \"memristor-crossbar\")." },
    ]);
    expect(problems((s) => (s.ablation.quick.engines = ["xylo-style"])).map((p) => p.path)).toEqual(["/ablation/quick/engines/0"]);
  });

  it("checks every SNAN option by name, type and range, and the learning epochs per target", () => {
    expect(problems((s) => (s.snan = { bumpMemory: true, astroDecaySteps: 16, family: "lif" }))).toEqual([]);
    expect(problems((s) => (s.snan = { bumpMemmory: true }))[0]).toMatchObject({ code: "TP1330", path: "/snan/bumpMemmory" });
    expect(problems((s) => (s.snan = { bumpMemory: "yes" }))).toEqual([
      { code: "TP1330", path: "/snan/bumpMemory", message: "The experiment spec has /snan/bumpMemory = \"yes\"; expected true or false." },
    ]);
    expect(problems((s) => (s.snan = { suppressionGain: 2, neuronsPerState: 2.5, family: "loihi" })).map((p) => p.path)).toEqual([
      "/snan/suppressionGain",
      "/snan/neuronsPerState",
      "/snan/family",
    ]);
    expect(problems((s) => (s.snan = { observationCount: 4 })).map((p) => p.path)).toEqual(["/snan/observationCount"]);
    expect(problems((s) => (s.learningEpoch = { "glia-core": 7 }))).toEqual([]);
    expect(problems((s) => (s.learningEpoch = { "glia-core": 0 })).map((p) => p.path)).toEqual(["/learningEpoch/glia-core"]);
    expect(problems((s) => (s.learningEpoch = 7)).map((p) => p.path)).toEqual(["/learningEpoch"]);
    expect(problems((s) => (s.ablation.bumpGain = [0, 5]))).toEqual([]);
  });

  it("reads the noise mode and names a wrong one", () => {
    expect(problems((s) => (s.noise = "per-agent"))).toEqual([]);
    expect(problems((s) => (s.noise = "common"))).toEqual([
      { code: "TP1330", path: "/noise", message: "The experiment spec has /noise = \"common\"; expected one of \"shared\", \"per-agent\"." },
    ]);
  });

  it("reads the control's ε and names a wrong one", () => {
    expect(problems((s) => (s.control = 0.001))).toEqual([]);
    for (const wrong of [0, -0.001, 0.5, "0.001"]) {
      expect(problems((s) => (s.control = wrong))).toEqual([
        {
          code: "TP1330",
          path: "/control",
          message: `The experiment spec has /control = ${JSON.stringify(wrong)}; expected a number above 0 and at most 0.1: the relative change of the control's input weight (leave the field out for no control).`,
        },
      ]);
    }
  });

  it("reports text that is not JSON at the root", () => {
    const parsed = parseExperimentSpec("{ name: ", "experiment.json");
    expect(parsed.diagnostics.map((d) => [d.code, d.path])).toEqual([["TP1330", ""]]);
  });
});

// The experiment runner with an emulated engine and the ablation, on a small spec: the agreement
// rows are the reference and glia-core conditions' own figures, the energy per decision is the
// run's estimated energy over the agent steps taken, the ablation has one condition per value, the
// recorded episode is the condition's first, and the report shows it all in headless Chromium.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EpisodeWalk } from "../../src/experiment/episode.js";
import { controlEngine, experimentReport, runExperiment, worldsOf, type ExperimentSpec } from "../../src/experiment/experiment.js";
import { relativeDifference, verdictOf } from "../../src/experiment/agreement.js";
import { SnanAgent } from "../../src/experiment/agents/snan.js";
import { runSnan, targetEngine } from "../../src/experiment/snan-engine.js";
import { SNAN_DEFAULTS, snanSettings, windowSteps } from "../../src/experiment/snan-network.js";
import { renderExperimentHtml } from "../../src/experiment/report-html.js";
import { estimateEnergy } from "../../src/energy/estimate.js";
import { resolveTarget } from "../../src/targets/load.js";
import { Rng, hash32 } from "../../src/util/rng.js";
import { htmlProblems } from "../diff/html-check.js";
import { chromium, renderSvgs, requireChromium } from "../render/chromium.js";

const resolved = await resolveTarget("glia-core");
if (!resolved.ok) throw new Error("glia-core does not load");
const glia = resolved.value;
const SCALE = { sizes: [5], worlds: 1, episodes: 2 };
const spec: ExperimentSpec = {
  name: "small",
  kind: "field",
  obstacleDensity: 0.2,
  mode: "cell",
  budgetPerCell: 2,
  agents: ["snan", "snan-no-astrocytes", "random-walk"],
  engines: ["reference", "glia-core"],
  seed: 7,
  scale: SCALE,
  quick: SCALE,
  ablation: { astroDecaySteps: [2, 8], suppressionGain: [0], engines: ["reference", "glia-core"] },
  noise: "per-agent",
};
const targets = (name: string) => (name === "glia-core" ? glia : undefined);
const result = await runExperiment(spec, { targets });
const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const find = (agent: string, engine: string) => result.conditions.find((c) => c.agent === agent && c.engine === engine)!;

describe("experiment with glia-core and the ablation", () => {
  it("compares every spiking agent on glia-core with the reference on the same seeds", () => {
    expect(result.agreement.map((a) => [a.agent, a.size, a.target])).toEqual([
      ["snan", 5, "glia-core"],
      ["snan-no-astrocytes", 5, "glia-core"],
    ]);
    for (const a of result.agreement) {
      const [reference, emulated] = [find(a.agent, "reference"), find(a.agent, "glia-core")];
      expect(a.metrics.map((m) => [m.metric, m.reference, m.emulated])).toEqual([
        ["median path", reference.summary.medianPathLength.estimate, emulated.summary.medianPathLength.estimate],
        ["mean path", mean(reference.episodes.map((e) => e.steps)), mean(emulated.episodes.map((e) => e.steps))],
        ["completion", reference.summary.completion.estimate, emulated.summary.completion.estimate],
        ["revisit rate", reference.summary.meanRevisitRate, emulated.summary.meanRevisitRate],
        ["coverage", reference.summary.meanCoverage, emulated.summary.meanCoverage],
      ]);
      for (const m of a.metrics) if (m.reference !== 0) expect(m.relativeDifference).toBeCloseTo((m.emulated - m.reference) / m.reference, 12);
      const same = reference.episodes.filter((e, k) => e.reached === emulated.episodes[k].reached).length;
      expect(a.sameOutcome).toBe(same / 2);
      expect(a.withinTolerance).toBe(a.metrics.every((m) => Math.abs(m.relativeDifference) <= 0.05));
      expect(a.shownWithin).toBe(false); // no verdict from one world
      for (const m of a.metrics) expect(m.verdict).toBe("too few worlds"); // one world
      expect(a.metrics.map((m) => verdictOf(m.low, m.high, 0.05, 20))).toEqual(a.metrics.map((m) => (m.low >= -0.05 && m.high <= 0.05 ? "within" : m.low > 0.05 || m.high < -0.05 ? "beyond" : "undecided")));
    }
    expect([relativeDifference(0, 0), relativeDifference(0, 2), relativeDifference(4, 3)]).toEqual([0, Number.POSITIVE_INFINITY, -0.25]);
  });

  it("gives the energy per decision on glia-core as the run's estimated energy over the agent steps taken", () => {
    expect(result.energy.map((e) => [e.agent, e.engine])).toEqual([
      ["snan", "glia-core"],
      ["snan-no-astrocytes", "glia-core"],
    ]);
    const budget = 2 * 25;
    for (const e of result.energy) {
      expect(e.decisions).toBe(find(e.agent, "glia-core").episodes.reduce((n, episode) => n + episode.steps, 0));
      // one window per decision, and the window after the last episode where its reward or clear lands (one world)
      expect(e.windows).toBe(e.decisions + 1);
      expect(e.energyPerDecision).toBeGreaterThan(0);
      expect(e.energyPerDecision).toBeCloseTo(e.energy / e.decisions, 15);
      expect(e.energyPerWindow).toBeCloseTo(e.energy / e.windows, 15);
    }
    // the same run again, estimated directly: the runner sums exactly this over its one world
    const agent = new SnanAgent();
    const world = worldsOf(spec, 5, 1)[0];
    const run = runSnan(targetEngine(glia), agent, new EpisodeWalk(world, "cell", budget), { episodes: 2, maxSteps: budget, rng: Rng.derive(hash32("world 0", spec.seed), "agent/snan") });
    const direct = estimateEnergy(run.emulated!.config, run.emulated!.counts, glia.energy!, run.recording, run.emulated!.placement).energy;
    expect(result.energy[0].energy).toBeCloseTo(direct, 12);
    expect(result.energy[0].decisions).toBe(run.agentSteps);
  });

  it("runs snan once per ablation value and engine, reusing the base condition of that engine", () => {
    expect(result.ablation.map((a) => [a.parameter, a.value, a.base, a.agent, a.engine, a.size, a.summary.episodes])).toEqual([
      ["astroDecaySteps", 2, 8, "snan", "reference", 5, 2],
      ["astroDecaySteps", 8, 8, "snan", "reference", 5, 2],
      ["suppressionGain", 0, 0.9, "snan", "reference", 5, 2],
      ["astroDecaySteps", 2, 8, "snan", "glia-core", 5, 2],
      ["astroDecaySteps", 8, 8, "snan", "glia-core", 5, 2],
      ["suppressionGain", 0, 0.9, "snan", "glia-core", 5, 2],
    ]);
    expect(result.ablation[1].episodes).toBe(find("snan", "reference").episodes);
    expect(result.ablation[4].episodes).toBe(find("snan", "glia-core").episodes);
    // the glia-core runs are its own: k = 0 on glia-core is the no-astrocyte network emulated, not the reference's episodes
    expect(result.ablation[5].episodes).not.toBe(result.ablation[2].episodes);
  });

  it("records the condition's first snan episode with its raster and calcium over the grid", () => {
    const shown = result.shown!;
    expect([shown.agent, shown.engine, shown.size]).toEqual(["snan", "reference", 5]);
    expect(Array.from(shown.path)).toEqual(Array.from(find("snan", "reference").episodes[0].path));
    expect(shown.raster.rows.slice(-4).map((r) => r.label)).toEqual(["north", "east", "south", "west"]);
    // state rows: groups that fired in the raster's windows, which show the cells path[0 .. windows − 1] ("cell" mode)
    const shownCells = new Set(Array.from(shown.path.subarray(0, shown.rasterWindows)));
    const states = shown.raster.rows.slice(0, -4).map((r) => Number(r.label.replace("state ", "")));
    expect(states).toContain(world0Start());
    for (const o of states) expect(shownCells.has(o), `state ${o}`).toBe(true);
    expect(shown.raster.steps).toBe(shown.rasterWindows * windowSteps(snanSettings({ observationCount: 1 })).decision);
    for (const row of shown.raster.rows) for (const step of row.steps) expect(step).toBeLessThan(shown.raster.steps);
    expect(shown.calcium.length).toBeGreaterThan(0);
    for (const frame of shown.calcium) expect(frame.values.length).toBe(25);
    // the start cell was shown in the first window, so its astrocyte holds calcium at the first frame
    expect(shown.calcium[0].values[world0Start()]).toBeGreaterThan(0);
  });

  it("puts agreement, energy, the ablation and the pictures into the report, every plot drawn", () => {
    const html = renderExperimentHtml(experimentReport(result));
    expect(htmlProblems(html)).toEqual([]);
    for (const heading of ["Emulated against the reference", "Energy per decision", "Ablation: astrocyte timescale, suppression gain and bump memory", "Astrocyte calcium over the grid"]) expect(html).toContain(heading);
    for (const label of ["spike raster", "ablation median path against astroDecaySteps", "ablation completion against suppressionGain"]) expect(html).toContain(`aria-label="${label}"`);
    if (chromium === undefined && !requireChromium) return;
    const svgs = renderSvgs(html);
    // distributions, completion, trajectory, raster, calcium frames, two plots per ablation parameter
    expect(svgs.length).toBe(4 + result.shown!.calcium.length + 4);
    for (const svg of svgs) {
      expect(svg.width, svg.label).toBeGreaterThan(50);
      expect(svg.marks, svg.label).toBeGreaterThan(0);
    }
  }, 60_000);
});

describe("noise streams", () => {
  it("with shared noise (the default) plays snan with k = 0 through the very episodes of snan-no-astrocytes, and snan as with its own stream", async () => {
    const shared = await runExperiment({ ...spec, agents: ["snan", "snan-no-astrocytes"], engines: ["reference"], ablation: { suppressionGain: [0] }, noise: undefined }, { targets });
    const episodes = (c: { episodes: readonly { steps: number; reached: boolean; path: Int32Array }[] }) => c.episodes.map((e) => [e.steps, e.reached, Array.from(e.path)]);
    const noAstrocytes = shared.conditions.find((c) => c.agent === "snan-no-astrocytes")!;
    expect(episodes(shared.ablation[0])).toEqual(episodes(noAstrocytes));
    // the stream of the agent named snan either way
    expect(episodes(shared.conditions.find((c) => c.agent === "snan")!)).toEqual(episodes(find("snan", "reference")));
    // per agent, the no-astrocyte agent plays its own stream: here it walks other paths than k = 0
    expect(episodes(find("snan-no-astrocytes", "reference"))).not.toEqual(episodes(result.ablation.find((a) => a.parameter === "suppressionGain")!));
  });
});

describe("the control (spec field control)", () => {
  it("runs each emulated agent on the reference with its input weight scaled by 1 + ε, compared like an engine, and only where an engine is compared", async () => {
    const base = { ...spec, agents: ["snan" as const], ablation: undefined };
    const controlled = await runExperiment({ ...base, control: 0.01 }, { targets });
    const control = controlEngine(0.01);
    expect(control).toBe("reference ×(1 + 0.01)");
    expect(controlled.conditions.map((c) => c.engine)).toEqual(["reference", "glia-core", control]);
    expect(controlled.agreement.map((a) => [a.target, a.against])).toEqual([["glia-core", "reference"], [control, "reference"], ["glia-core", control]]);
    // against the control: the control's figures where the reference's stand
    const [, , againstControl] = controlled.agreement;
    expect(againstControl.metrics[0].reference).toBe(controlled.conditions[2].summary.medianPathLength.estimate);
    expect(againstControl.metrics[0].emulated).toBe(controlled.conditions[1].summary.medianPathLength.estimate);
    expect(controlled.energy.map((e) => e.engine)).toEqual(["glia-core"]);
    const page = renderExperimentHtml(experimentReport(controlled));
    expect(page).toContain(`The target ${control} is the control`);
    expect(page).toContain("glia-core against the control");
    expect(renderExperimentHtml(experimentReport(result))).not.toContain("is the control");
    // the very episodes of snan with that input weight on the reference
    const scaled = await runExperiment({ ...base, engines: ["reference"], snan: { inputWeight: SNAN_DEFAULTS.inputWeight * (1 + 0.01) } }, { targets });
    const episodes = (c: { episodes: readonly { steps: number; reached: boolean; path: Int32Array }[] }) => c.episodes.map((e) => [e.steps, e.reached, Array.from(e.path)]);
    expect(episodes(controlled.conditions[2])).toEqual(episodes(scaled.conditions[0]));
    // no engine compared with the reference, no control
    expect(scaled.conditions.length).toBe(1);
    const alone = await runExperiment({ ...base, engines: ["reference"], control: 0.01, scale: { ...SCALE, episodes: 1 }, quick: { ...SCALE, episodes: 1 } }, { targets });
    expect(alone.conditions.map((c) => c.engine)).toEqual(["reference"]);
  });
});

describe("experiment on worker threads (jobs)", () => {
  const compiled = join(import.meta.dirname, "../../dist/src/experiment/experiment.js");
  /** The compiled runner: its worker module sits beside it (npm test compiles dist before vitest). */
  const dist = async (): Promise<typeof import("../../src/experiment/experiment.js")> => {
    if (!existsSync(compiled)) throw new Error(`${compiled} is missing: build first (npm test runs \`tsc -p tsconfig.json\` before vitest).`);
    return import(compiled);
  };

  it("gives the result of jobs 1 with jobs 2 and 3, byte for byte, and ticks once per world", async () => {
    const { runExperiment: runCompiled } = await dist();
    const ticks: number[] = [];
    for (const jobs of [2, 3]) {
      const parallel = await runCompiled(spec, { targets, jobs, onProgress: (done) => ticks.push(done) });
      expect(JSON.stringify(parallel)).toBe(JSON.stringify(result));
    }
    // 1 random-walk + 4 spiking conditions + 2 ablation runs, one world each, and the recorded episode
    expect(ticks.slice(0, 8).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  }, 120_000);

  it("rethrows a world's error from the worker as it was: the compiler's diagnostics when the network does not fit", async () => {
    const { runExperiment: runCompiled } = await dist();
    // 25 observations × 64 neurons a state onto every action neuron: beyond glia-core's fan-in of 1024 (TP3022)
    const refused = { ...spec, agents: ["snan-no-astrocytes" as const], snan: { neuronsPerState: 64 }, ablation: undefined };
    const options = { targets };
    const sequential = await runExperiment(refused, options).catch((error: unknown) => error);
    const parallel = await runCompiled(refused, { ...options, jobs: 2 }).catch((error: unknown) => error);
    expect((sequential as Error).constructor.name).toBe("SnanNetworkError");
    expect((parallel as Error).constructor.name).toBe("SnanNetworkError");
    expect((parallel as { diagnostics: unknown }).diagnostics).toEqual((sequential as { diagnostics: unknown }).diagnostics);
  }, 120_000);

  it("refuses jobs > 1 from the sources, where no compiled worker module sits beside the runner", async () => {
    await expect(runExperiment(spec, { targets, jobs: 2 })).rejects.toThrow(/world worker .*world-worker\.js does not exist/);
    await expect(runExperiment(spec, { targets, jobs: 0 })).rejects.toThrow(/jobs must be a positive integer/);
  });
});

function world0Start(): number {
  return worldsOf(spec, 5, 1)[0].start;
}

// The SNAN driver ends the engine run one window after the last episode (Host.finished): the
// episodes, decisions and kept weights are those of the run that goes on to its full length,
// and `restWindows` puts windows without observation between episodes.
import { describe, expect, it } from "vitest";
import { EpisodeWalk } from "../../src/experiment/episode.js";
import { SnanAgent } from "../../src/experiment/agents/snan.js";
import { referenceEngine, runSnan, targetEngine, type SnanEngine, type SnanRun } from "../../src/experiment/snan-engine.js";
import { STATE_POPULATION, windowSteps } from "../../src/experiment/snan-network.js";
import type { Host } from "../../src/hw/host.js";
import { resolveTarget } from "../../src/targets/load.js";
import { isGliaTarget } from "../../src/targets/glia-types.js";
import { Rng } from "../../src/util/rng.js";
import { corridor } from "./fixtures.js";

const BUDGET = 12;
const EPISODES = 4;

/** The same engine with a host that never ends the run: the driver as it was before the early stop. */
function neverStops(engine: SnanEngine): SnanEngine {
  const strip = (host: Host): Host => ({ beforeStep: host.beforeStep, afterStep: host.afterStep });
  return {
    name: engine.name,
    run: (network, host, steps, weightSteps) => engine.run(network, strip(host), steps, weightSteps),
    ...(engine.runEmulated !== undefined && { runEmulated: (network, host, steps, weightSteps) => engine.runEmulated!(network, strip(host), steps, weightSteps) }),
  };
}

function play(engine: SnanEngine, restWindows?: number): { run: SnanRun; agent: SnanAgent } {
  const agent = new SnanAgent();
  const options = { episodes: EPISODES, maxSteps: BUDGET, rng: Rng.derive(7, `agent/${agent.name}`), weights: true, ...(restWindows !== undefined && { restWindows }) };
  return { run: runSnan(engine, agent, new EpisodeWalk(corridor(3), "cell", BUDGET), options), agent };
}

const glia = await resolveTarget("glia-core");
if (!glia.ok || !isGliaTarget(glia.value)) throw new Error("glia-core is a glia target");
const ENGINES: readonly SnanEngine[] = [referenceEngine, targetEngine(glia.value)];

describe.each(ENGINES)("runSnan on $name", (engine) => {
  const stopping = play(engine);
  const full = play(neverStops(engine));
  const decision = windowSteps(stopping.agent.settings()).decision;

  it("plays the same episodes, decisions and weights as a run that never stops", () => {
    expect(stopping.run.episodes).toEqual(full.run.episodes);
    expect(stopping.run.agentSteps).toBe(full.run.agentSteps);
    expect(stopping.agent.decisions).toEqual(full.agent.decisions);
    expect(stopping.run.weights).toEqual(full.run.weights);
    expect(stopping.run.weights?.snapshots.length).toBe(EPISODES + 1);
  });

  it("ends the run one window after the last episode, where the last reward or clear lands", () => {
    const lastEnd = stopping.run.episodes[EPISODES - 1].endStep;
    expect(stopping.run.steps).toBe(lastEnd + decision + 1);
    expect(stopping.run.recording.steps).toBe(stopping.run.steps);
    expect(full.run.steps).toBe((EPISODES * BUDGET + 1) * decision);
    expect(stopping.run.steps).toBeLessThan(full.run.steps);
    // the spikes are the full run's up to the stop
    full.run.recording.populations.forEach((population, p) => {
      const kept = Array.from(population.spikes!.step).filter((step) => step < stopping.run.steps);
      expect(Array.from(stopping.run.recording.populations[p].spikes!.step)).toEqual(kept);
    });
    if (engine.runEmulated !== undefined) expect(stopping.run.emulated?.counts.steps).toBe(stopping.run.steps);
  });

  it("rests restWindows windows without observation between episodes", () => {
    const rest = 2;
    const rested = play(engine, rest);
    const { episodes } = rested.run;
    expect(episodes.length).toBe(EPISODES);
    for (let e = 1; e < EPISODES; e++) expect(episodes[e].endStep).toBe(episodes[e - 1].endStep + (rest + episodes[e].steps) * decision);
    expect(rested.run.steps).toBe(episodes[EPISODES - 1].endStep + decision + 1);
    expect(rested.agent.decisions.length).toBe(rested.run.agentSteps);
    expect(rested.run.weights?.snapshots.length).toBe(EPISODES + 1);
    // no observation in a rest: the state neurons are silent once the last window's drive has passed
    const state = rested.run.recording.populations.find((p) => p.id === STATE_POPULATION)!.spikes!;
    for (let e = 0; e + 1 < EPISODES; e++) {
      const from = episodes[e].endStep + 1 + decision / 2;
      const to = episodes[e].endStep + rest * decision;
      expect(Array.from(state.step).filter((step) => step >= from && step <= to)).toEqual([]);
    }
  });
});

describe("runSnan options", () => {
  it("takes restWindows 0 as the default", () => {
    const a = play(referenceEngine, 0);
    const b = play(referenceEngine);
    expect(a.run.episodes).toEqual(b.run.episodes);
    expect(a.run.steps).toBe(b.run.steps);
  });

  it("refuses a negative or fractional restWindows", () => {
    expect(() => play(referenceEngine, -1)).toThrow(/restWindows/);
    expect(() => play(referenceEngine, 1.5)).toThrow(/restWindows/);
  });
});

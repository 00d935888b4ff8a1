// The experiment with both SNAN families: the Izhikevich agents run on the reference and glia-core,
// the LIF family's on the reference and loihi-cuba, never the other way round; the bump memory and
// the learning epoch reach the runs through the spec; the bump memory's gain is an ablation.
import { describe, expect, it } from "vitest";
import { EpisodeWalk } from "../../src/experiment/episode.js";
import { runExperiment, worldsOf, type ExperimentSpec } from "../../src/experiment/experiment.js";
import { SnanAgent } from "../../src/experiment/agents/snan.js";
import { runSnan, targetEngine } from "../../src/experiment/snan-engine.js";
import { resolveTarget } from "../../src/targets/load.js";
import { Rng, hash32 } from "../../src/util/rng.js";

const load = async (name: string) => {
  const resolved = await resolveTarget(name);
  if (!resolved.ok) throw new Error(`${name} does not load`);
  return resolved.value;
};
const glia = await load("glia-core");
const loihi = await load("loihi-cuba");
const SCALE = { sizes: [5], worlds: 1, episodes: 2 };
const spec: ExperimentSpec = {
  name: "families",
  kind: "field",
  obstacleDensity: 0.2,
  mode: "cell",
  budgetPerCell: 2,
  agents: ["snan", "snan-no-astrocytes-lif", "dual-memory-current-suppression"],
  engines: ["reference", "glia-core", "loihi-cuba"],
  seed: 11,
  scale: SCALE,
  quick: SCALE,
  snan: { bumpMemory: true },
  learningEpoch: { "glia-core": 7 },
  ablation: { bumpGain: [0] },
};
const result = await runExperiment(spec, { targets: (name) => (name === "glia-core" ? glia : name === "loihi-cuba" ? loihi : undefined) });

describe("an experiment with both SNAN families", () => {
  it("runs each spiking agent on the reference and on the targets of its family only", () => {
    expect(result.conditions.map((c) => [c.agent, c.engine])).toEqual([
      ["snan", "reference"],
      ["snan", "glia-core"],
      ["snan-no-astrocytes-lif", "reference"],
      ["snan-no-astrocytes-lif", "loihi-cuba"],
      ["dual-memory-current-suppression", "host"],
    ]);
    expect(result.agreement.map((a) => [a.agent, a.target])).toEqual([
      ["snan", "glia-core"],
      ["snan-no-astrocytes-lif", "loihi-cuba"],
    ]);
    expect(result.energy.map((e) => [e.agent, e.engine])).toEqual([
      ["snan", "glia-core"],
      ["snan-no-astrocytes-lif", "loihi-cuba"],
    ]);
  });

  it("plays glia-core with the spec's bump memory and learning epoch: the same episodes as a direct run", () => {
    const budget = 50;
    const agent = new SnanAgent({ bumpMemory: true });
    const world = worldsOf(spec, 5, 1)[0];
    const run = runSnan(targetEngine(glia, { learningEpoch: 7 }), agent, new EpisodeWalk(world, "cell", budget), {
      episodes: 2, maxSteps: budget, rng: Rng.derive(hash32("world 0", spec.seed), "agent/snan"),
    });
    const emulated = result.conditions.find((c) => c.agent === "snan" && c.engine === "glia-core")!;
    expect(emulated.episodes.map((e) => Array.from(e.path))).toEqual(run.episodes.map((e) => Array.from(e.result!.path)));
  });

  it("runs the bump memory's gain as an ablation against the spec's base", () => {
    expect(result.ablation.map((a) => [a.parameter, a.value, a.base, a.agent, a.engine])).toEqual([["bumpGain", 0, 5, "snan", "reference"]]);
  });
});

/**
 * The navigation experiment (docs/snan.md, "Experiments"): a spec names the worlds, the
 * observation mode, the step budget, the agents and, for the spiking agents, the engines; the
 * runner plays every agent on every world of every size, summarises each condition with
 * confidence intervals, and puts the headline ratio (SNAN against its no-astrocyte ablation) and
 * the report page's data together. Deterministic given the spec's seed.
 */
import { Rng, hash32 } from "../util/rng.js";
import type { AnyTarget } from "../targets/glia-types.js";
import type { Agent } from "./agent.js";
import { EpisodeWalk, runCondition, type EpisodeResult } from "./episode.js";
import { generateField, generateMaze, type GridWorld, type ObservationMode } from "./grid-world.js";
import { bootstrapMedianRatio, pathLengths, summarizeRun, type Interval, type RunSummary } from "./metrics.js";
import { DualMemoryAgent } from "./agents/dual-memory.js";
import { RandomWalkAgent } from "./agents/random-walk.js";
import { SnanAgent, type SnanAgentOptions } from "./agents/snan.js";
import { referenceEngine, runSnan, targetEngine, type SnanEngine } from "./snan-engine.js";
import type { AgentResult, ExperimentReport } from "./report-html.js";

export const AGENT_NAMES = ["snan", "snan-no-astrocytes", "dual-memory", "dual-memory-no-suppression", "random-walk"] as const;
export type AgentName = (typeof AGENT_NAMES)[number];
const SPIKING: readonly AgentName[] = ["snan", "snan-no-astrocytes"];

export interface ExperimentScale {
  /** World sizes (cells on a side). */
  readonly sizes: readonly number[];
  /** Worlds per size (seeds derived from the experiment seed). */
  readonly worlds: number;
  /** Episodes per world; the agent keeps its long-term memory across them. */
  readonly episodes: number;
}

export interface ExperimentSpec {
  readonly name: string;
  readonly kind: "maze" | "field";
  /** Mazes: share of walls removed to make loops; fields: share of cells that are obstacles. */
  readonly loops?: number;
  readonly obstacleDensity?: number;
  readonly mode: ObservationMode;
  /** The step budget of an episode: this many steps per cell of the world. */
  readonly budgetPerCell: number;
  readonly agents: readonly AgentName[];
  /** Engines of the spiking agents: "reference" and bundled or loaded target names. */
  readonly engines: readonly string[];
  readonly seed: number;
  /** The full experiment and the --quick one. */
  readonly scale: ExperimentScale;
  readonly quick: ExperimentScale;
  /** SNAN's network and loop parameters (docs/snan.md, "The SNAN agent"); defaults otherwise. */
  readonly snan?: SnanAgentOptions;
}

export interface ConditionResult {
  readonly agent: string;
  readonly engine: string;
  readonly size: number;
  readonly budget: number;
  readonly summary: RunSummary;
  readonly episodes: readonly EpisodeResult[];
  /** World index of each episode (the bootstrap resamples whole worlds). */
  readonly groups: Int32Array;
}

export interface ExperimentResult {
  readonly spec: ExperimentSpec;
  readonly quick: boolean;
  readonly conditions: readonly ConditionResult[];
  /** Per size and engine: median path of SNAN over its no-astrocyte ablation, bootstrap 95 %. */
  readonly headline: readonly { readonly size: number; readonly engine: string; readonly ratio: Interval }[];
}

export interface RunExperimentOptions {
  readonly quick?: boolean;
  /** Resolves an engine name to a target (the library's resolveTarget, wired by the caller). */
  readonly targets: (name: string) => AnyTarget | undefined;
  /** Called after each world of each condition: `done` of `total` worlds. */
  readonly onProgress?: (done: number, total: number, label: string) => void;
}

/** The worlds of one size, seeded from the experiment seed. */
export function worldsOf(spec: ExperimentSpec, size: number, count: number): GridWorld[] {
  return Array.from({ length: count }, (_, w) => {
    const seed = hash32(`${spec.kind} ${size} ${w}`, spec.seed);
    return spec.kind === "maze"
      ? generateMaze({ width: size, height: size, seed, ...(spec.loops !== undefined ? { loops: spec.loops } : {}) })
      : generateField({ width: size, height: size, seed, ...(spec.obstacleDensity !== undefined ? { obstacleDensity: spec.obstacleDensity } : {}) });
  });
}

/** "reference", or the emulator of a target (a network it cannot hold is refused by its compiler). */
function engineOf(name: string, options: RunExperimentOptions): SnanEngine {
  if (name === "reference") return referenceEngine;
  const target = options.targets(name);
  if (target === undefined) throw new RangeError(`engine '${name}' is neither "reference" nor a known target`);
  return targetEngine(target);
}

function baseline(name: AgentName): Agent {
  switch (name) {
    case "dual-memory":
      return new DualMemoryAgent();
    case "dual-memory-no-suppression":
      return new DualMemoryAgent({ suppression: false });
    default:
      return new RandomWalkAgent();
  }
}

/** Every agent on every world of every size; spiking agents once per engine. */
export function runExperiment(spec: ExperimentSpec, options: RunExperimentOptions): ExperimentResult {
  const scale = options.quick === true ? spec.quick : spec.scale;
  const plan = spec.agents.flatMap((agent) => (SPIKING.includes(agent) ? spec.engines.map((engine) => ({ agent, engine })) : [{ agent, engine: "host" }]));
  const total = plan.length * scale.sizes.length * scale.worlds;
  let done = 0;
  const conditions: ConditionResult[] = [];
  for (const size of scale.sizes) {
    const worlds = worldsOf(spec, size, scale.worlds);
    const budget = Math.round(spec.budgetPerCell * size * size);
    for (const { agent, engine } of plan) {
      const run = SPIKING.includes(agent)
        ? runSpiking(agent, engine, worlds, spec, scale, budget, options, () => options.onProgress?.(++done, total, `${agent} on ${engine}, ${size}×${size}`))
        : runBaseline(agent, worlds, spec, scale, budget, () => options.onProgress?.((done += scale.worlds), total, `${agent}, ${size}×${size}`));
      conditions.push({ ...run, size, budget, summary: summarizeRun(run.episodes, { seed: spec.seed, groups: run.groups }) });
    }
  }
  return { spec, quick: options.quick === true, conditions, headline: headlineOf(conditions, spec) };
}

function runBaseline(name: AgentName, worlds: readonly GridWorld[], spec: ExperimentSpec, scale: ExperimentScale, budget: number, progress: () => void) {
  const run = runCondition(worlds, baseline(name), { mode: spec.mode, budget, episodes: scale.episodes, seed: spec.seed });
  progress();
  return { agent: run.agent, engine: "host", episodes: run.results, groups: run.groups };
}

function runSpiking(
  name: AgentName,
  engineName: string,
  worlds: readonly GridWorld[],
  spec: ExperimentSpec,
  scale: ExperimentScale,
  budget: number,
  options: RunExperimentOptions,
  progress: () => void,
) {
  const agentOptions: SnanAgentOptions = { ...spec.snan, ...(name === "snan-no-astrocytes" ? { withAstrocytes: false } : {}) };
  const engine = engineOf(engineName, options);
  const episodes: EpisodeResult[] = [];
  const groups: number[] = [];
  let agentName = name as string;
  worlds.forEach((world, w) => {
    const agent = new SnanAgent(agentOptions);
    agentName = agent.name;
    const walk = new EpisodeWalk(world, spec.mode, budget);
    const rng = Rng.derive(hash32(`world ${w}`, spec.seed), `agent/${agent.name}`);
    const run = runSnan(engine, agent, walk, { episodes: scale.episodes, maxSteps: budget, rng });
    for (const episode of run.episodes) {
      if (episode.result === undefined) throw new Error("runSnan: the world kept no episode record");
      episodes.push(episode.result);
      groups.push(w);
    }
    progress();
  });
  return { agent: agentName, engine: engine.name, episodes, groups: Int32Array.from(groups) };
}

function headlineOf(conditions: readonly ConditionResult[], spec: ExperimentSpec): ExperimentResult["headline"] {
  const out: { size: number; engine: string; ratio: Interval }[] = [];
  for (const snan of conditions.filter((c) => c.agent === "snan")) {
    const ablation = conditions.find((c) => c.agent === "snan-no-astrocytes" && c.engine === snan.engine && c.size === snan.size);
    if (ablation === undefined) continue;
    const ratio = bootstrapMedianRatio(pathLengths(snan.episodes), pathLengths(ablation.episodes), { seed: spec.seed, groupsA: snan.groups, groupsB: ablation.groups });
    out.push({ size: snan.size, engine: snan.engine, ratio });
  }
  return out;
}

/** The report page's data: every condition, the first SNAN episode's trajectory. */
export function experimentReport(result: ExperimentResult): ExperimentReport {
  const results: AgentResult[] = result.conditions.map((c) => ({
    agent: `${c.agent} ${c.size}×${c.size}`,
    engine: c.engine,
    summary: c.summary,
    pathLengths: c.episodes.map((e) => e.steps),
    reached: c.episodes.map((e) => e.reached),
  }));
  const budget = Math.max(...result.conditions.map((c) => c.budget));
  const spec = result.spec;
  const scale = result.quick ? spec.quick : spec.scale;
  const shown = result.conditions.find((c) => c.agent === "snan") ?? result.conditions[0];
  const world = shown !== undefined ? worldsOf(spec, shown.size, 1)[0] : undefined;
  return {
    title: `Tripart navigation experiment: ${spec.name}${result.quick ? " (quick)" : ""}`,
    settings: {
      worlds: `${scale.worlds} ${spec.kind === "maze" ? "mazes" : "fields"} per size, sizes ${scale.sizes.join(", ")}`,
      "observation mode": spec.mode,
      "episodes per world": scale.episodes,
      "step budget": `${spec.budgetPerCell} per cell`,
      seed: spec.seed,
      ...Object.fromEntries(result.headline.map((h) => [`median path, snan / no astrocytes (${h.size}×${h.size}, ${h.engine})`, `${h.ratio.estimate.toFixed(2)} [${h.ratio.low.toFixed(2)}, ${h.ratio.high.toFixed(2)}]`])),
    },
    budget,
    results,
    ...(shown !== undefined && world !== undefined ? { episode: { agent: `${shown.agent} (${shown.engine})`, world, path: shown.episodes[shown.episodes.length > 0 ? Math.min(scale.episodes, shown.episodes.length) - 1 : 0]?.path ?? new Int32Array([world.start]) } } : {}),
  };
}

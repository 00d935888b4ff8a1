/**
 * The navigation experiment (docs/snan.md, "Experiments"): a spec names the worlds, the
 * observation mode, the step budget, the agents and, for the spiking agents, the engines; the
 * runner plays every agent on every world of every size, summarises each condition with
 * confidence intervals, and puts the headline ratio (SNAN against its no-astrocyte ablation) and
 * the report page's data together. Deterministic given the spec's seed.
 */
import { hash32 } from "../util/rng.js";
import { isGliaTarget, type AnyTarget } from "../targets/glia-types.js";
import type { Recording } from "../hw/recording.js";
import { ACTION_NAMES, type Agent } from "./agent.js";
import { EpisodeWalk, runCondition, type EpisodeFigures, type EpisodeResult } from "./episode.js";
import { generateField, generateMaze, observe, type GridWorld, type ObservationMode } from "./grid-world.js";
import { bootstrapMedianRatio, pathLengths, summarizeRun, type Interval, type RunSummary } from "./metrics.js";
import { DualMemoryAgent } from "./agents/dual-memory.js";
import { RandomWalkAgent } from "./agents/random-walk.js";
import { SnanAgent, type SnanAgentOptions } from "./agents/snan.js";
import { runSnan } from "./snan-engine.js";
import { ACTION_POPULATION, ASTROCYTES, SNAN_DEFAULTS, STATE_POPULATION, snanSettings, windowSteps } from "./snan-network.js";
import { agentRng, engineFor, runWorld, type WorldOutcome, type WorldTask } from "./world-run.js";
import { runWorldsInPool } from "./world-pool.js";
import { AGREEMENT_TOLERANCE, agreementTarget, compareConditions, type Agreement } from "./agreement.js";
import type { AgentResult, AgreementRow, CalciumFrame, ExperimentReport, RasterRow } from "./report-html.js";

export const AGENT_NAMES = [
  "snan",
  "snan-no-astrocytes",
  "snan-no-astrocytes-lif",
  "dual-memory",
  "dual-memory-current-suppression",
  "dual-memory-no-suppression",
  "random-walk",
] as const;
export type AgentName = (typeof AGENT_NAMES)[number];
const SPIKING: readonly AgentName[] = ["snan", "snan-no-astrocytes", "snan-no-astrocytes-lif"];
/** The SNAN agents of the LIF family (no astrocytes), which run on the LIF targets; the others run on glia-core. */
const LIF_FAMILY: readonly AgentName[] = ["snan-no-astrocytes-lif"];

export interface ExperimentScale {
  /** World sizes (cells on a side). */
  readonly sizes: readonly number[];
  /** Worlds per size (seeds derived from the experiment seed). */
  readonly worlds: number;
  /**
   * Index of the first world (default 0): the run plays worlds firstWorld … firstWorld + worlds − 1,
   * so a long run can be split into parts that `mergeExperimentResults` pools.
   */
  readonly firstWorld?: number;
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
  /** Per target name, the learning epoch its engine compiles with (`tripart compile --learning-epoch`; others: the compiler's default). */
  readonly learningEpoch?: Readonly<Record<string, number>>;
  /** Sizes at which the engines other than the reference run (default: every size of the scale). */
  readonly emulatedSizes?: readonly number[];
  /** Values of the ablation's parameters (ABLATION_PARAMETERS) to run `snan` with (on the reference unless `ablation.engines` says), one parameter varied at a time. */
  readonly ablation?: AblationSpec;
  /** Whose noise stream a spiking agent plays with on a world (default "shared"; NOISE_MODES). */
  readonly noise?: NoiseMode;
  /**
   * ε of the control: wherever an emulated engine is compared with the reference, the reference
   * also runs the agent with its input weight scaled by 1 + ε, compared like an engine. A closed
   * loop amplifies any small difference, so the control's distance from the reference is the floor
   * an engine's agreement is read against (docs/snan.md, "Agreement with the reference"). Off when absent.
   */
  readonly control?: number;
}

/** The engine name of the control with `epsilon` (ExperimentSpec.control). */
export const controlEngine = (epsilon: number): string => `reference ×(1 + ${epsilon})`;

/**
 * "shared" (the default): every spiking agent (and every ablation condition) on a world plays
 * with one stream, that of the agent named `snan`, so agents are compared on the same
 * exploration noise and tie breaks as well as the same worlds, and snan with k = 0 runs the very
 * episodes of snan-no-astrocytes. "per-agent": each agent's stream is derived from its own name,
 * so two agents see independent noise (and the comparison holds the spread between streams).
 */
export const NOISE_MODES = ["shared", "per-agent"] as const;
export type NoiseMode = (typeof NOISE_MODES)[number];

/** The stream a spiking agent's generator is derived from under the spec's noise mode. */
export const noiseStream = (spec: Pick<ExperimentSpec, "noise">, agentName: string): string => (spec.noise === "per-agent" ? agentName : "snan");

/** The parameters the ablation varies (docs/snan.md, "The SNAN agent", "Parameters"). */
export const ABLATION_PARAMETERS = ["astroDecaySteps", "suppressionGain", "bumpGain", "eligibilitySteps"] as const;
export type AblationParameter = (typeof ABLATION_PARAMETERS)[number];

export type AblationValues = Readonly<Partial<Record<AblationParameter, readonly number[]>>> & {
  /** World sizes to run it on (default: the smallest size of the scale). */
  readonly sizes?: readonly number[];
  /** Engines to run it on, each one of the spec's engines (default: the reference); those that cannot hold snan are left out. */
  readonly engines?: readonly string[];
};

/** Per parameter the values to try; `quick` replaces them under --quick. */
export interface AblationSpec extends AblationValues {
  readonly quick?: AblationValues;
}

export interface ConditionResult {
  readonly agent: string;
  readonly engine: string;
  readonly size: number;
  readonly budget: number;
  readonly summary: RunSummary;
  readonly episodes: readonly EpisodeFigures[];
  /** World index of each episode (the bootstrap resamples whole worlds). */
  readonly groups: Int32Array;
}

export interface ExperimentResult {
  readonly spec: ExperimentSpec;
  readonly quick: boolean;
  readonly conditions: readonly ConditionResult[];
  /** Per size and engine: median path of SNAN over its no-astrocyte ablation, bootstrap 95 %. */
  readonly headline: readonly { readonly size: number; readonly engine: string; readonly ratio: Interval }[];
  /** Per spiking agent, size and emulated engine: its figures against the reference's on the same seeds. */
  readonly agreement: readonly Agreement[];
  /** `snan` on the reference with one astrocyte parameter changed from its base value. */
  readonly ablation: readonly AblationCondition[];
  /** Per spiking agent, size and emulated engine with an energy table: the estimated energy per decision. */
  readonly energy: readonly DecisionEnergy[];
  /** One `snan` episode recorded with its spikes and astrocyte calcium (the report's pictures). */
  readonly shown?: ShownEpisode;
}

export interface AblationCondition extends ConditionResult {
  readonly parameter: AblationParameter;
  readonly value: number;
  /** The parameter's value in every other condition (spec.snan or the network default). */
  readonly base: number;
}

export interface DecisionEnergy {
  readonly agent: string;
  readonly size: number;
  readonly engine: string;
  /** J over every world's run: each ends one window after its last episode (the window of the last reward or clear). */
  readonly energy: number;
  /** Agent steps taken. */
  readonly decisions: number;
  /** Decision windows run: one per decision, plus per world the window after its last episode (and any rest windows). */
  readonly windows: number;
  /** energy / decisions. */
  readonly energyPerDecision: number;
  /** energy / windows: a window's mean cost. */
  readonly energyPerWindow: number;
  /** Operations that occurred but have no energy in the target's table. */
  readonly notCosted: readonly string[];
}

export interface ShownEpisode {
  readonly agent: string;
  readonly engine: string;
  readonly size: number;
  /** The run's first world of that size (`worldIndex`), episode 0. */
  readonly world: GridWorld;
  readonly worldIndex: number;
  readonly path: Int32Array;
  readonly steps: number;
  /** Agent steps in the raster: the first RASTER_WINDOWS (or all, when fewer). */
  readonly rasterWindows: number;
  /** One row per state group that fired and per action group. */
  readonly raster: { readonly steps: number; readonly rows: readonly RasterRow[] };
  readonly calcium: readonly CalciumFrame[];
}

export interface RunExperimentOptions {
  readonly quick?: boolean;
  /** Resolves an engine name to a target (the library's resolveTarget, wired by the caller). */
  readonly targets: (name: string) => AnyTarget | undefined;
  /** Called after each world of each condition: `done` of `total` worlds. */
  readonly onProgress?: (done: number, total: number, label: string) => void;
  /**
   * Worker threads for the spiking agents' world runs (default 1: all on this thread). More than
   * one needs the compiled package (the worker is dist's world-worker.js); the result is the same.
   */
  readonly jobs?: number;
}

/** Worlds first … first + count − 1 of one size, seeded from the experiment seed. */
export function worldsOf(spec: ExperimentSpec, size: number, count: number, first = 0): GridWorld[] {
  return Array.from({ length: count }, (_, k) => {
    const w = first + k;
    const seed = hash32(`${spec.kind} ${size} ${w}`, spec.seed);
    return spec.kind === "maze"
      ? generateMaze({ width: size, height: size, seed, ...(spec.loops !== undefined ? { loops: spec.loops } : {}) })
      : generateField({ width: size, height: size, seed, ...(spec.obstacleDensity !== undefined ? { obstacleDensity: spec.obstacleDensity } : {}) });
  });
}

/** The target an engine name other than "reference" names. */
function targetOf(name: string, options: Pick<RunExperimentOptions, "targets">): AnyTarget {
  const target = options.targets(name);
  if (target === undefined) throw new RangeError(`engine '${name}' is neither "reference" nor a known target`);
  return target;
}

/** What a task needs to pick its engine: "reference", or a target with the spec's learning epoch for it. */
function engineOf(spec: ExperimentSpec, name: string, options: Pick<RunExperimentOptions, "targets">): Pick<WorldTask, "engine" | "target" | "learningEpoch"> {
  if (name === "reference") return { engine: name };
  const target = targetOf(name, options);
  const learningEpoch = spec.learningEpoch?.[target.name];
  return { engine: name, target, ...(learningEpoch !== undefined && { learningEpoch }) };
}

function baseline(name: AgentName): Agent {
  switch (name) {
    case "dual-memory":
      return new DualMemoryAgent();
    case "dual-memory-current-suppression":
      return new DualMemoryAgent({ suppressionTarget: "current" });
    case "dual-memory-no-suppression":
      return new DualMemoryAgent({ suppression: false });
    default:
      return new RandomWalkAgent();
  }
}

/** The ablation's values and sizes for this run: the quick ones under --quick when given. */
export function ablationValues(spec: ExperimentSpec, quick: boolean): AblationValues {
  return spec.ablation === undefined ? {} : quick && spec.ablation.quick !== undefined ? spec.ablation.quick : spec.ablation;
}

/** The requested sizes that the scale runs; when none is, the scale's smallest. */
export function sizesOf(requested: readonly number[] | undefined, scale: ExperimentScale): readonly number[] {
  const sizes = requested === undefined ? scale.sizes : scale.sizes.filter((size) => requested.includes(size));
  return sizes.length > 0 ? sizes : [Math.min(...scale.sizes)];
}

/** One condition of the run, in result order: a baseline, or a spiking agent's (or the ablation's) world runs. */
type PlannedCondition =
  | { readonly kind: "baseline"; readonly agent: AgentName; readonly size: number; readonly label: string }
  | {
    readonly kind: "spiking";
    readonly agent: string;
    readonly engine: string;
    readonly size: number;
    readonly label: string;
    readonly tasks: readonly WorldTask[];
    /** The ablation's change; `reuse` when it equals the base and the snan condition of the same engine and size serves. */
    readonly ablation?: { readonly parameter: AblationParameter; readonly value: number; readonly base: number; readonly reuse: boolean };
  };

type SpikingCondition = Extract<PlannedCondition, { readonly kind: "spiking" }>;

/**
 * Every agent on every world of every size; spiking agents once per engine; then the ablation and
 * the recorded episode. With `jobs` > 1 the spiking agents' world runs go to a pool of worker
 * threads (./world-pool.ts) while the baselines run here; the result is the same either way.
 */
export async function runExperiment(spec: ExperimentSpec, options: RunExperimentOptions): Promise<ExperimentResult> {
  const quick = options.quick === true;
  const jobs = options.jobs ?? 1;
  if (!(Number.isInteger(jobs) && jobs >= 1)) throw new Error(`jobs must be a positive integer, got ${jobs}`);
  const scale = runScale(spec, quick);
  const planned = planConditions(spec, scale, options);
  const worldRuns = planned.reduce((n, c) => n + (c.kind === "spiking" ? c.tasks.length : scale.worlds), 0);
  const total = worldRuns + (spec.agents.includes("snan") ? 1 : 0);
  let done = 0;
  const tick = (worlds: number, label: string): void => options.onProgress?.((done += worlds), total, label);

  // every spiking condition's world runs, flattened in plan order
  const spiking = planned.flatMap((c) => (c.kind === "spiking" ? [c] : []));
  const tasks = spiking.flatMap((c) => c.tasks);
  const labels = spiking.flatMap((c) => c.tasks.map(() => c.label));
  const baselines = new Map<PlannedCondition, ReturnType<typeof runBaseline>>();
  let outcomes: readonly WorldOutcome[];
  let shown: ShownEpisode | undefined;
  if (jobs === 1) {
    const sequential: WorldOutcome[] = [];
    for (const c of planned) {
      if (c.kind === "baseline") {
        baselines.set(c, runBaseline(c.agent, worldsOf(spec, c.size, scale.worlds, firstWorldOf(scale)), spec, scale, budgetOf(spec, c.size)));
        tick(scale.worlds, c.label);
        continue;
      }
      for (const task of c.tasks) {
        sequential.push(runWorld(task));
        tick(1, c.label);
      }
    }
    outcomes = sequential;
    shown = spec.agents.includes("snan") ? recordEpisode(spec, scale, options) : undefined;
  } else {
    // the costliest worlds first, so no worker is left with a large one at the end
    const cost = (task: WorldTask): number => task.budget * task.world.width * task.world.height * task.episodes;
    const order = tasks.map((_, k) => k).sort((a, b) => cost(tasks[b]) - cost(tasks[a]) || a - b);
    const abort = new AbortController();
    const pool = runWorldsInPool(tasks, jobs, order, (k) => tick(1, labels[k]), abort.signal);
    try {
      for (const c of planned) {
        if (c.kind !== "baseline") continue;
        baselines.set(c, runBaseline(c.agent, worldsOf(spec, c.size, scale.worlds, firstWorldOf(scale)), spec, scale, budgetOf(spec, c.size)));
        tick(scale.worlds, c.label);
      }
      shown = spec.agents.includes("snan") ? recordEpisode(spec, scale, options) : undefined;
    } catch (error) {
      abort.abort();
      await pool.catch(() => undefined);
      throw error;
    }
    outcomes = await pool;
  }
  if (shown !== undefined) tick(1, "one snan episode recorded");

  // the results in plan order: each spiking condition takes its worlds' outcomes in turn
  const conditions: ConditionResult[] = [];
  const energy: DecisionEnergy[] = [];
  const ablationConditions: AblationCondition[] = [];
  let next = 0;
  for (const c of planned) {
    const budget = budgetOf(spec, c.size);
    const condition = (run: { agent: string; engine: string; episodes: readonly EpisodeFigures[]; groups: Int32Array }): ConditionResult => ({
      ...run,
      size: c.size,
      budget,
      summary: summarizeRun(run.episodes, { seed: spec.seed, groups: run.groups }),
    });
    if (c.kind === "baseline") {
      conditions.push(condition(baselines.get(c)!));
      continue;
    }
    const mine = outcomes.slice(next, next + c.tasks.length);
    next += c.tasks.length;
    if (c.ablation === undefined) {
      const run = mergeWorlds(c.agent, c.engine, mine, firstWorldOf(scale));
      conditions.push(condition(run));
      if (run.energy !== undefined) energy.push({ agent: run.agent, size: c.size, engine: run.engine, ...run.energy });
      continue;
    }
    const { parameter, value, base, reuse } = c.ablation;
    const same = reuse ? conditions.find((r) => r.agent === "snan" && r.engine === c.engine && r.size === c.size) : undefined;
    const run = same ?? condition(mergeWorlds(c.agent, c.engine, mine, firstWorldOf(scale)));
    ablationConditions.push({ ...run, parameter, value, base });
  }
  return experimentResultOf(spec, quick, { conditions, ablation: ablationConditions, energy, ...(shown !== undefined && { shown }) });
}

/** The result of run conditions: the headline and the agreement computed from them. */
export function experimentResultOf(spec: ExperimentSpec, quick: boolean, run: Pick<ExperimentResult, "conditions" | "ablation" | "energy" | "shown">): ExperimentResult {
  return {
    spec,
    quick,
    conditions: run.conditions,
    headline: headlineOf(run.conditions, spec),
    agreement: agreementOf(run.conditions, spec.seed, spec.control !== undefined ? controlEngine(spec.control) : undefined),
    ablation: run.ablation,
    energy: run.energy,
    ...(run.shown !== undefined && { shown: run.shown }),
  };
}

/**
 * The control conditions of one size: each spiking agent that an emulated engine runs at this
 * size, on the reference with its input weight scaled by 1 + epsilon (the same worlds and noise).
 */
function controls(spec: ExperimentSpec, epsilon: number, planned: readonly PlannedCondition[], size: number, spiking: (agent: AgentName, engine: string, change: SnanAgentOptions, label: string) => SpikingCondition): SpikingCondition[] {
  const emulated = (name: string) => planned.some((c) => c.kind === "spiking" && c.size === size && c.engine !== "reference" && c.ablation === undefined && c.agent === name);
  return SPIKING.filter((agent) => emulated(new SnanAgent(spikingOptions(agent, spec, {})).name)).map((agent) => {
    const base = snanSettings({ ...spikingOptions(agent, spec, {}), observationCount: 1 }).inputWeight;
    const engine = controlEngine(epsilon);
    return { ...spiking(agent, "reference", { inputWeight: base * (1 + epsilon) }, `${agent} on ${engine}, ${size}×${size}`), engine };
  });
}

export const firstWorldOf = (scale: ExperimentScale): number => scale.firstWorld ?? 0;

/** The scale a run plays: the spec's quick setting under --quick, its scale otherwise. */
export const runScale = (spec: ExperimentSpec, quick: boolean): ExperimentScale => (quick ? spec.quick : spec.scale);

/** The step budget of an episode on a world of `size` cells a side. */
export const budgetOf = (spec: ExperimentSpec, size: number): number => Math.round(spec.budgetPerCell * size * size);

/** The conditions of a run in result order, each spiking one with its world tasks (targets resolved here). */
function planConditions(spec: ExperimentSpec, scale: ExperimentScale, options: RunExperimentOptions): PlannedCondition[] {
  const plan = spec.agents.flatMap((agent) => (SPIKING.includes(agent) ? spec.engines.map((engine) => ({ agent, engine })) : [{ agent, engine: "host" }]));
  const emulatedSizes = sizesOf(spec.emulatedSizes, scale);
  const values = ablationValues(spec, options.quick === true);
  const ablationSizes = sizesOf(values.sizes ?? [Math.min(...scale.sizes)], scale);
  const ablation = ABLATION_PARAMETERS.flatMap((parameter) => (values[parameter] ?? []).map((value) => ({ parameter, value, base: spec.snan?.[parameter] ?? SNAN_DEFAULTS[parameter] })));
  const ablationEngines = (values.engines ?? ["reference"]).filter((engine) => engine === "reference" || holds("snan", targetOf(engine, options)));
  const engineName = (engine: string): string => (engine === "reference" ? engine : targetOf(engine, options).name);
  const out: PlannedCondition[] = [];
  for (const size of scale.sizes) {
    const first = firstWorldOf(scale);
    const worlds = worldsOf(spec, size, scale.worlds, first);
    const spiking = (agent: AgentName, engine: string, change: SnanAgentOptions, label: string) => {
      const choice = engineOf(spec, engine, options);
      const target = choice.target;
      const agentOptions = spikingOptions(agent, spec, change);
      const name = new SnanAgent(agentOptions).name;
      const tasks = worlds.map((world, w): WorldTask => ({
        agentOptions, ...choice, world, worldIndex: first + w, noiseStream: noiseStream(spec, name),
        mode: spec.mode, budget: budgetOf(spec, size), episodes: scale.episodes, seed: spec.seed, energy: target !== undefined,
      }));
      return { kind: "spiking" as const, agent: name, engine: target?.name ?? engine, size, label, tasks };
    };
    for (const { agent, engine } of plan) {
      if (!SPIKING.includes(agent)) out.push({ kind: "baseline", agent, size, label: `${agent}, ${size}×${size}` });
      else if (engine === "reference" || (emulatedSizes.includes(size) && holds(agent, targetOf(engine, options)))) {
        out.push(spiking(agent, engine, {}, `${agent} on ${engine}, ${size}×${size}`));
      }
    }
    if (spec.control !== undefined) out.push(...controls(spec, spec.control, out, size, spiking));
    for (const engine of ablationSizes.includes(size) ? ablationEngines : []) {
      // the snan condition of this engine and size, when the run has one, serves the base value
      const planned = out.some((c) => c.kind === "spiking" && c.ablation === undefined && c.agent === "snan" && c.size === size && c.engine === engineName(engine));
      for (const { parameter, value, base } of ablation) {
        const reuse = planned && value === base;
        const condition = spiking("snan", engine, { [parameter]: value }, `snan with ${parameter} ${value} on ${engine}, ${size}×${size}`);
        out.push({ ...condition, tasks: reuse ? [] : condition.tasks, ablation: { parameter, value, base, reuse } });
      }
    }
  }
  return out;
}

function runBaseline(name: AgentName, worlds: readonly GridWorld[], spec: ExperimentSpec, scale: ExperimentScale, budget: number) {
  const run = runCondition(worlds, baseline(name), { mode: spec.mode, budget, episodes: scale.episodes, seed: spec.seed, firstWorld: firstWorldOf(scale) });
  return { agent: run.agent, engine: "host", episodes: run.results, groups: run.groups };
}

/** The agent's options in a condition: the spec's, the ablation's change, no astrocytes for the ablation agent, the LIF family for its agent. */
function spikingOptions(name: AgentName, spec: ExperimentSpec, change: SnanAgentOptions): SnanAgentOptions {
  const family: SnanAgentOptions = LIF_FAMILY.includes(name) ? { family: "lif", withAstrocytes: false } : name === "snan-no-astrocytes" ? { withAstrocytes: false } : {};
  return { ...spec.snan, ...change, ...family };
}

/** A target runs the agents of its family: glia-core the Izhikevich ones (astrocytes included), the LIF targets the LIF family's. */
const holds = (agent: AgentName, target: AnyTarget): boolean => LIF_FAMILY.includes(agent) !== isGliaTarget(target);

/** One spiking condition from its worlds' outcomes, in world order (energy summed in that order). */
function mergeWorlds(agent: string, engine: string, outcomes: readonly WorldOutcome[], firstWorld: number) {
  const episodes: EpisodeResult[] = [];
  const groups: number[] = [];
  const sums = { energy: 0, decisions: 0, windows: 0, notCosted: new Set<string>() };
  outcomes.forEach((outcome, w) => {
    for (const episode of outcome.episodes) {
      episodes.push(episode);
      groups.push(firstWorld + w);
    }
    if (outcome.energy !== undefined) {
      sums.energy += outcome.energy.energy;
      sums.decisions += outcome.energy.decisions;
      sums.windows += outcome.energy.windows;
      for (const kind of outcome.energy.notCosted) sums.notCosted.add(kind);
    }
  });
  const energy =
    sums.windows > 0
      ? { energy: sums.energy, decisions: sums.decisions, windows: sums.windows, energyPerDecision: sums.energy / sums.decisions, energyPerWindow: sums.energy / sums.windows, notCosted: [...sums.notCosted] }
      : undefined;
  return { agent, engine, episodes, groups: Int32Array.from(groups), ...(energy !== undefined && { energy }) };
}

/**
 * Per spiking condition on an emulated engine: its figures against the reference condition of the
 * same agent and size (./agreement.ts); with a control, each engine's against the control's too,
 * after all of those against the reference.
 */
function agreementOf(conditions: readonly ConditionResult[], seed: number, control: string | undefined): Agreement[] {
  const out: Agreement[] = [];
  const compared = conditions.filter((c) => c.engine !== "reference" && c.engine !== "host");
  for (const against of ["reference", ...(control !== undefined ? [control] : [])]) {
    for (const emulated of compared) {
      if (emulated.engine === against) continue;
      const base = conditions.find((c) => c.engine === against && c.agent === emulated.agent && c.size === emulated.size);
      if (base === undefined) continue;
      out.push({ agent: emulated.agent, size: emulated.size, target: emulated.engine, against, ...compareConditions(base, emulated, { seed }) });
    }
  }
  return out;
}

/** Agent steps of the recorded episode shown in the raster. */
export const RASTER_WINDOWS = 20;
/** Calcium maps drawn over the recorded episode. */
export const CALCIUM_FRAMES = 5;

/**
 * Episode 0 of `snan` on the first world of the smallest size, run again alone with the
 * astrocytes' calcium recorded (a run of every episode would hold Ca at every step of all of
 * them). The agent and its generator are those of the condition, so the episode is the
 * condition's first.
 */
export function recordEpisode(spec: ExperimentSpec, scale: ExperimentScale, options: Pick<RunExperimentOptions, "targets">): ShownEpisode {
  const size = Math.min(...scale.sizes);
  const first = firstWorldOf(scale);
  const world = worldsOf(spec, size, 1, first)[0];
  const budget = budgetOf(spec, size);
  const engine = engineFor(engineOf(spec, spec.engines[0], options));
  const agent = new SnanAgent({ ...spikingOptions("snan", spec, {}), recordAstrocytes: true });
  const walk = new EpisodeWalk(world, spec.mode, budget);
  const run = runSnan(engine, agent, walk, { episodes: 1, maxSteps: budget, rng: agentRng(spec.seed, first, noiseStream(spec, agent.name)) });
  const episode = run.episodes[0]?.result;
  if (episode === undefined) throw new Error("runSnan: the world kept no episode record");
  const decision = windowSteps(agent.settings()).decision;
  const shownWindows = Math.min(RASTER_WINDOWS, episode.steps);
  const frameSteps = [...new Set(Array.from({ length: CALCIUM_FRAMES }, (_, i) => Math.max(1, Math.round(((i + 1) * episode.steps) / CALCIUM_FRAMES))))];
  return {
    agent: agent.name,
    engine: engine.name,
    size,
    world,
    worldIndex: first,
    path: episode.path,
    steps: episode.steps,
    rasterWindows: shownWindows,
    raster: { steps: shownWindows * decision, rows: rasterRows(run.recording, agent.settings().neuronsPerState, agent.settings().neuronsPerAction, shownWindows * decision) },
    calcium: frameSteps.map((k) => ({ step: k, values: calciumAt(run.recording, world, spec.mode, k * decision - 1) })),
  };
}

/** One row per state group that fired before `steps` (in observation order), then the four action groups. */
function rasterRows(recording: Recording, perState: number, perAction: number, steps: number): RasterRow[] {
  const grouped = (population: string, perGroup: number): Map<number, number[]> => {
    const rows = new Map<number, number[]>();
    const spikes = recording.populations.find((p) => p.id === population)?.spikes;
    for (let k = 0; spikes !== undefined && k < spikes.step.length && spikes.step[k] < steps; k++) {
      const group = Math.floor(spikes.neuron[k] / perGroup);
      const row = rows.get(group);
      if (row === undefined) rows.set(group, [spikes.step[k]]);
      else row.push(spikes.step[k]);
    }
    return rows;
  };
  const states = grouped(STATE_POPULATION, perState);
  const actions = grouped(ACTION_POPULATION, perAction);
  return [
    ...[...states.keys()].sort((a, b) => a - b).map((o) => ({ label: `state ${o}`, steps: Int32Array.from(states.get(o) ?? []) })),
    ...ACTION_NAMES.map((name, a) => ({ label: name, steps: Int32Array.from(actions.get(a) ?? []) })),
  ];
}

/** Per cell, the Ca at the end of simulation step `step` of the astrocyte of the observation shown there (0 on obstacles). */
function calciumAt(recording: Recording, world: GridWorld, mode: ObservationMode, step: number): Float64Array {
  const trace = recording.populations.find((p) => p.id === ASTROCYTES)?.traces.find((t) => t.variable === "ca");
  if (trace === undefined) throw new Error("the recorded SNAN run holds no astrocyte calcium");
  const row = new Map<number, Float64Array>();
  trace.neurons.forEach((astrocyte, k) => row.set(astrocyte, trace.values[k]));
  return Float64Array.from({ length: world.width * world.height }, (_, c) => (world.blocked[c] === 1 ? 0 : (row.get(observe(world, mode, c))?.[step] ?? 0)));
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

/** The report page's data: every condition, the recorded SNAN episode, agreement, energy, ablation. */
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
  const scale = runScale(spec, result.quick);
  const shown = result.shown;
  const condition = (agent: string, size: number): string => `${agent} ${size}×${size}`;
  const agreement: AgreementRow[] = result.agreement.flatMap((a) => a.metrics.map((m) => ({ condition: condition(a.agent, a.size), metric: m.metric, target: agreementTarget(a), reference: m.reference, emulated: m.emulated, low: m.low, high: m.high, verdict: m.verdict })));
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
    ...(shown !== undefined && {
      episode: {
        agent: `${shown.agent} (${shown.engine}), ${shown.size}×${shown.size}, world ${shown.worldIndex}, episode 0: ${shown.steps} steps; raster of the first ${shown.rasterWindows} agent steps`,
        world: shown.world,
        path: shown.path,
        raster: shown.raster,
      },
      calcium: { world: shown.world, frames: shown.calcium },
    }),
    agreement,
    episodeAgreement: result.agreement.map((a) => ({ condition: condition(a.agent, a.size), target: agreementTarget(a), episodes: a.episodes, sameOutcome: a.sameOutcome, sameLength: a.sameLength })),
    tolerance: AGREEMENT_TOLERANCE,
    ...(result.spec.control !== undefined && { control: controlEngine(result.spec.control) }),
    energy: result.energy.map((e) => ({ condition: condition(e.agent, e.size), target: e.engine, decisions: e.decisions, windows: e.windows, energy: e.energy, energyPerDecision: e.energyPerDecision, energyPerWindow: e.energyPerWindow })),
    ablation: result.ablation.map((a) => ({ parameter: a.parameter, value: a.value, base: a.base, size: a.size, engine: a.engine, medianPath: a.summary.medianPathLength, completion: a.summary.completion, budget: a.budget })),
  };
}

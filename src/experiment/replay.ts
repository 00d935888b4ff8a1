/**
 * Open-loop replay of a closed loop (docs/snan.md, "Agreement with the reference"). Two closed
 * loops part at their first different choice, after which only their statistics can be
 * compared; a replay keeps them together: the reference plays a world in closed loop while every
 * external spike its host injects is logged, and a second engine then runs the same network on
 * exactly those injections (the same observations, noise, tags, rewards and bumps), whatever it
 * would have chosen itself. What the two engines then do differently is the engine's own
 * difference: the move each would choose per window, and what each learns from the same events.
 * A control engine (the reference with one weight changed by a factor 1 + ε) gives the floor
 * that any difference is read against: the closed loop amplifies a 10⁻³ change as much as it
 * amplifies a quantisation error.
 */
import type { Host } from "../hw/host.js";
import type { Recording, WeightRecording } from "../hw/recording.js";
import { pearson } from "../diff/weights.js";
import { SnanAgent, type SnanAgentOptions } from "./agents/snan.js";
import { EpisodeWalk } from "./episode.js";
import type { GridWorld, ObservationMode } from "./grid-world.js";
import { ACTION_POPULATION, AVOIDANCE_PROJECTION, PLASTIC_PROJECTION, actionOf, windowSteps, type SnanSettings } from "./snan-network.js";
import { referenceEngine, runSnan, type SnanEngine } from "./snan-engine.js";
import type { Rng } from "../util/rng.js";

/** Every external spike of a run, step by step: inputs interned, entries in CSR order by step. */
export class InjectionLog {
  private readonly inputs: string[] = [];
  private readonly inputIndex = new Map<string, number>();
  /** entries[2k], entries[2k + 1]: input id index and line of the k-th injection. */
  private entries = new Int32Array(1024);
  private length = 0;
  /** stepStart[s] … stepStart[s + 1]: the injections of step s. */
  private readonly stepStart: number[] = [0];

  /** Opens step `step`; steps are logged in order, from 0, without gaps. */
  beginStep(step: number): void {
    if (step !== this.stepStart.length - 1) throw new RangeError(`InjectionLog: step ${step} logged out of order (expected ${this.stepStart.length - 1})`);
    this.stepStart.push(this.length);
  }

  record(input: string, index: number): void {
    let id = this.inputIndex.get(input);
    if (id === undefined) {
      id = this.inputs.push(input) - 1;
      this.inputIndex.set(input, id);
    }
    if (2 * this.length + 2 > this.entries.length) {
      const grown = new Int32Array(this.entries.length * 2);
      grown.set(this.entries);
      this.entries = grown;
    }
    this.entries[2 * this.length] = id;
    this.entries[2 * this.length + 1] = index;
    this.length++;
    this.stepStart[this.stepStart.length - 1] = this.length;
  }

  /** Steps logged. */
  get steps(): number {
    return this.stepStart.length - 1;
  }

  /** Calls `inject` for every injection of step `step` in the order it was made (none past the log). */
  replay(step: number, inject: (input: string, index: number) => void): void {
    if (step >= this.steps) return;
    for (let k = this.stepStart[step]; k < this.stepStart[step + 1]; k++) inject(this.inputs[this.entries[2 * k]], this.entries[2 * k + 1]);
  }
}

/** `host`, logging every injection it makes into `log`. */
export function loggingHost(host: Host, log: InjectionLog): Host {
  return {
    beforeStep: (step, inject) => {
      log.beginStep(step);
      host.beforeStep?.(step, (input, index) => {
        log.record(input, index);
        inject(input, index);
      });
    },
    ...(host.afterStep !== undefined && { afterStep: host.afterStep }),
    ...(host.finished !== undefined && { finished: host.finished }),
  };
}

/** A host that makes the logged injections, shows every step's spikes to `observe`, and ends the run after `lastStep`. */
export function replayHost(log: InjectionLog, lastStep: number, observe?: Host["afterStep"]): Host {
  return {
    beforeStep: (step, inject) => log.replay(step, inject),
    ...(observe !== undefined && { afterStep: observe }),
    finished: (step) => step === lastStep,
  };
}

/** Spike counts of the four action groups in the counting part of every window. */
class WindowCounts {
  readonly counts: Int32Array;
  private readonly window: { readonly decision: number; readonly stimulation: number };
  constructor(
    private readonly settings: SnanSettings,
    windows: number,
  ) {
    this.counts = new Int32Array(4 * windows);
    this.window = windowSteps(settings);
  }

  readonly afterStep: NonNullable<Host["afterStep"]> = (step, spikes) => {
    const { window } = this;
    if (step % window.decision >= window.stimulation) return;
    const k = Math.floor(step / window.decision);
    if (4 * k >= this.counts.length) return;
    for (const { population, neurons } of spikes) {
      if (population !== ACTION_POPULATION) continue;
      for (const n of neurons) this.counts[4 * k + actionOf(n, this.settings)]++;
    }
  };

  /** The group with strictly the most spikes in window k, or −1 for a tie or silence. */
  winner(k: number): number {
    let best = -1;
    let top = 0;
    let tied = false;
    for (let a = 0; a < 4; a++) {
      const c = this.counts[4 * k + a];
      if (c > top) [best, top, tied] = [a, c, false];
      else if (c === top && c > 0) tied = true;
    }
    return tied ? -1 : best;
  }
}

/** How one plastic projection's weights compare after the replay. */
export interface ReplayWeights {
  readonly projection: string;
  /** Pearson r of the two engines' weights at the end (null when either is constant). */
  readonly correlation: number | null;
  /**
   * Least-squares slope of the replayed engine's weight changes on the reference's, over the
   * windows in which the reference's weights moved (rewards, bumps): 1 learns alike, below 1
   * learns less from the same events. Null when the weights never moved.
   */
  readonly changeSlope: number | null;
  /** Σ|replayed change| / Σ|reference change| − 1 over those windows (null when they never moved). */
  readonly changeSizeDifference: number | null;
}

/** An engine against the reference on the reference's own closed loop of one world. */
export interface ReplayComparison {
  readonly engine: string;
  readonly windows: number;
  /** Windows with a strict winner on both engines. */
  readonly decided: number;
  /** Share of the decided windows whose winner is the same on both. */
  readonly sameWinner: number;
  /** Σ action spikes of the counts, replayed / reference − 1. */
  readonly actionSpikeDifference: number;
  readonly weights: readonly ReplayWeights[];
}

export interface ReplayTask {
  readonly agentOptions: SnanAgentOptions;
  readonly world: GridWorld;
  readonly mode: ObservationMode;
  readonly budget: number;
  readonly episodes: number;
  /** The agent's generator (world-run.ts agentRng). */
  readonly rng: Rng;
}

/**
 * Plays `task` in closed loop on the reference, logging its host's injections, then runs each of
 * `engines` open loop on that log, and compares each with the reference window by window and in
 * its learned weights. The closed loop is the reference's; the engines only follow it.
 */
export function replayWorld(task: ReplayTask, engines: readonly SnanEngine[]): ReplayComparison[] {
  const log = new InjectionLog();
  let network: Record<string, unknown> | undefined;
  let reference: WindowCounts | undefined;
  const agent = new SnanAgent(task.agentOptions);
  const logging: SnanEngine = {
    name: referenceEngine.name,
    run: (net, host, steps, weightSteps) => {
      network = net;
      reference = new WindowCounts(agent.settings(), steps / windowSteps(agent.settings()).decision);
      const counts = reference;
      const logged = loggingHost(host, log);
      return referenceEngine.run(net, { ...logged, afterStep: (s, spikes) => (counts.afterStep(s, spikes), host.afterStep?.(s, spikes)) }, steps, weightSteps);
    },
  };
  const walk = new EpisodeWalk(task.world, task.mode, task.budget);
  const run = runSnan(logging, agent, walk, { episodes: task.episodes, maxSteps: task.budget, rng: task.rng, weights: true });
  if (network === undefined || reference === undefined) throw new Error("replayWorld: the reference did not run");
  const settings = agent.settings();
  const window = windowSteps(settings);
  const windows = run.steps / window.decision;
  const dumps = Array.from({ length: windows }, (_, k) => (k + 1) * window.decision - 1);
  return engines.map((engine) => {
    const counts = new WindowCounts(settings, windows);
    const replayed = engine.run(network as Record<string, unknown>, replayHost(log, run.steps - 1, counts.afterStep), run.steps, dumps);
    return compareReplay(engine.name, reference as WindowCounts, counts, windows, run.recording, replayed);
  });
}

function compareReplay(engine: string, reference: WindowCounts, replayed: WindowCounts, windows: number, referenceRun: Recording, replayedRun: Recording): ReplayComparison {
  let decided = 0;
  let same = 0;
  for (let k = 0; k < windows; k++) {
    const a = reference.winner(k);
    const b = replayed.winner(k);
    if (a < 0 || b < 0) continue;
    decided++;
    if (a === b) same++;
  }
  const total = (c: Int32Array) => c.reduce((s, x) => s + x, 0);
  const weights = [PLASTIC_PROJECTION, AVOIDANCE_PROJECTION].flatMap((projection) => {
    const a = referenceRun.weights?.find((w) => w.projection === projection);
    const b = replayedRun.weights?.find((w) => w.projection === projection);
    return a !== undefined && b !== undefined ? [compareWeights(projection, a, b)] : [];
  });
  return { engine, windows, decided, sameWinner: decided > 0 ? same / decided : 0, actionSpikeDifference: total(replayed.counts) / total(reference.counts) - 1, weights };
}

function compareWeights(projection: string, reference: WeightRecording, replayed: WeightRecording): ReplayWeights {
  const n = Math.min(reference.snapshots.length, replayed.snapshots.length);
  let sxy = 0;
  let sxx = 0;
  let sizeA = 0;
  let sizeB = 0;
  for (let k = 1; k < n; k++) {
    const a0 = reference.snapshots[k - 1].values;
    const a1 = reference.snapshots[k].values;
    if (a1.every((w, i) => w === a0[i])) continue;
    const b0 = replayed.snapshots[k - 1].values;
    const b1 = replayed.snapshots[k].values;
    for (let i = 0; i < a0.length; i++) {
      const da = Math.abs(a1[i]) - Math.abs(a0[i]);
      const db = Math.abs(b1[i]) - Math.abs(b0[i]);
      sxy += da * db;
      sxx += da * da;
      sizeA += Math.abs(da);
      sizeB += Math.abs(db);
    }
  }
  return {
    projection,
    correlation: n > 0 ? pearson(reference.snapshots[n - 1].values, replayed.snapshots[n - 1].values) : null,
    changeSlope: sxx > 0 ? sxy / sxx : null,
    changeSizeDifference: sizeA > 0 ? sizeB / sizeA - 1 : null,
  };
}

/**
 * The control engine: the reference on the network with the weight of `projection` scaled by
 * 1 + epsilon. Its distance from the reference is the floor for any engine's.
 */
export function perturbedReference(epsilon: number, projection = "observation_to_state"): SnanEngine {
  return {
    name: `reference ×(1 + ${epsilon}) ${projection}`,
    run: (network, host, steps, weightSteps) => {
      const projections = (network.projections as Record<string, unknown>[]).map((p) => (p.id === projection ? { ...p, weight: (p.weight as number) * (1 + epsilon) } : p));
      if (!projections.some((p) => p.id === projection)) throw new RangeError(`perturbedReference: the network has no projection '${projection}'`);
      return referenceEngine.run({ ...network, projections }, host, steps, weightSteps);
    },
  };
}

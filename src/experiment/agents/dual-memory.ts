/**
 * The non-spiking dual-memory baseline (docs/snan.md, "Baselines"; models.md §6.7 adapted to
 * partial observability). It knows only its own observation ids and what followed its moves:
 *
 * - long-term (kept across the episodes of a world, cleared by startWorld):
 *     Q[o, a]     value of action a under observation o, reinforced after each successful episode;
 *     next[o, a]  the observation that followed the last time a was taken under o (−1: never tried);
 *     bump[o, a]  1 when that last time a under o hit a wall.
 * - short-term (cleared by startEpisode): sup[o], a visit-suppression trace, +1 each step the agent
 *   stands under observation o, multiplied by γ every step (kept lazily as value and time).
 * - the episode's own moves (o_k, a_k) that did not bump, for the credit at the goal.
 *
 * Choice at step t under observation o, after sup[o] += 1:
 *   score(a) = Q[o, a] − β·sup_t[next[o, a]]        (the sup term is 0 while next[o, a] = −1)
 * over the actions not remembered to bump (all four when every one is); with probability ε a
 * uniform draw among them, else the best score with ties drawn uniformly, all from the agent's
 * seeded generator. Untried moves score 0 and so look as good as a fresh observation: the
 * suppression steers towards what has not been seen lately.
 *
 * Credit after a successful episode of K non-bump moves, j = 0 for the last move into the goal:
 *   Q[o_{K−1−j}, a_{K−1−j}] += α·λ^j·(1 − Q)        (soft-bounded in [0, 1], like weight-dependent STDP)
 * Failed episodes change no Q. Without suppression (the "no short-term memory" ablation) the sup
 * term is dropped and everything else is the same.
 */
import type { Action, Agent, Outcome, StepView } from "../agent.js";
import type { Rng } from "../../util/rng.js";
import { InternalError } from "../../util/assert.js";

export interface DualMemoryParams {
  /** Credit scale α ∈ (0, 1]. */
  readonly alpha: number;
  /** Credit decay λ ∈ [0, 1] per move back from the goal. */
  readonly lambda: number;
  /** Suppression decay γ ∈ [0, 1) per step (lifetime about 1/(1 − γ) steps). */
  readonly gamma: number;
  /** Suppression weight β ≥ 0 against Q. */
  readonly beta: number;
  /** Exploration probability ε ∈ [0, 1]. */
  readonly epsilon: number;
  /** false: the "no short-term memory" ablation (no suppression term). */
  readonly suppression: boolean;
  /**
   * What a visit suppresses. "successor": the moves remembered to lead to a recently visited
   * observation score lower (the default, models.md §6.7). "current": the observation just
   * visited loses its learned preference, so the agent explores there with probability
   * ε + (1 − ε)·min(1, β·sup[o]), sup[o] as it stood before this visit; this is what SNAN's
   * astrocytes do to a state's drive, and needs no memory of where a move leads.
   */
  readonly suppressionTarget: "successor" | "current";
  /** true: a move remembered to bump is not taken again (while another is left); false: bumps are not remembered. */
  readonly rememberBumps: boolean;
}

export const DUAL_MEMORY_DEFAULTS: DualMemoryParams = {
  alpha: 0.5, lambda: 0.9, gamma: 0.9, beta: 1, epsilon: 0.1, suppression: true, suppressionTarget: "successor", rememberBumps: true,
};

/** The name an agent with these parameters reports: the defaults are "dual-memory", each change from them a suffix. */
function dualMemoryName(p: DualMemoryParams): string {
  if (!p.suppression) return "dual-memory-no-suppression" + (p.rememberBumps ? "" : "-no-bump-memory");
  return "dual-memory" + (p.suppressionTarget === "current" ? "-current-suppression" : "") + (p.rememberBumps ? "" : "-no-bump-memory");
}

export class DualMemoryAgent implements Agent {
  readonly name: string;
  readonly params: DualMemoryParams;
  private rng: Rng | undefined;
  private q = new Float64Array(0);
  private next = new Int32Array(0);
  private bump = new Uint8Array(0);
  private supValue = new Float64Array(0);
  private supTime = new Int32Array(0);
  private time = 0;
  private trace = new Int32Array(256); // o·4 + a per non-bump move
  private traceLength = 0;
  private lastIndex = -1; // o·4 + a of the move awaiting its outcome
  private readonly candidates = new Int32Array(4);

  constructor(params: Partial<DualMemoryParams> = {}) {
    const p = { ...DUAL_MEMORY_DEFAULTS, ...params };
    if (!(p.alpha > 0 && p.alpha <= 1)) throw new RangeError(`alpha must lie in (0, 1], got ${p.alpha}`);
    if (!(p.lambda >= 0 && p.lambda <= 1)) throw new RangeError(`lambda must lie in [0, 1], got ${p.lambda}`);
    if (!(p.gamma >= 0 && p.gamma < 1)) throw new RangeError(`gamma must lie in [0, 1), got ${p.gamma}`);
    if (!(p.beta >= 0)) throw new RangeError(`beta must be ≥ 0, got ${p.beta}`);
    if (!(p.epsilon >= 0 && p.epsilon <= 1)) throw new RangeError(`epsilon must lie in [0, 1], got ${p.epsilon}`);
    if (p.suppressionTarget !== "successor" && p.suppressionTarget !== "current") {
      throw new RangeError(`suppressionTarget must be "successor" or "current", got ${String(p.suppressionTarget)}`);
    }
    this.params = p;
    this.name = dualMemoryName(p);
  }

  startWorld(observationCount: number, rng: Rng): void {
    this.rng = rng;
    this.q = new Float64Array(observationCount * 4);
    this.next = new Int32Array(observationCount * 4).fill(-1);
    this.bump = new Uint8Array(observationCount * 4);
    this.supValue = new Float64Array(observationCount);
    this.supTime = new Int32Array(observationCount);
  }

  startEpisode(): void {
    this.supValue.fill(0);
    this.supTime.fill(0);
    this.time = 0;
    this.traceLength = 0;
    this.lastIndex = -1;
  }

  /** sup[o] at the current time: the stored value decayed by γ per step since it was stored. */
  private suppression(o: number): number {
    const value = this.supValue[o];
    return value === 0 ? 0 : value * this.params.gamma ** (this.time - this.supTime[o]);
  }

  /** Q[o, a], for reports and tests. */
  value(observation: number, action: Action): number {
    return this.q[observation * 4 + action];
  }

  /** sup[o] as the next act will see it before adding its own visit (0 in the ablation). */
  suppressionOf(observation: number): number {
    return this.suppression(observation);
  }

  act(view: StepView): Action {
    const rng = this.rng;
    if (rng === undefined) throw new InternalError("dual-memory: act before startWorld");
    const { beta, epsilon, suppression, suppressionTarget } = this.params;
    const o = view.observation;
    const onSuccessor = suppression && suppressionTarget === "successor";
    let explore = epsilon;
    if (suppression) {
      const before = this.suppression(o);
      if (!onSuccessor) explore = epsilon + (1 - epsilon) * Math.min(1, beta * before);
      this.supValue[o] = before + 1;
      this.supTime[o] = this.time;
    }
    const base = o * 4;
    let count = 0;
    for (let a = 0; a < 4; a++) if (!this.bump[base + a]) this.candidates[count++] = a;
    if (count === 0) for (let a = 0; a < 4; a++) this.candidates[count++] = a;
    let action: number;
    if (rng.nextFloat() < explore) action = this.candidates[rng.nextInt(count)];
    else {
      let best = -Infinity, ties = 0;
      for (let k = 0; k < count; k++) {
        const a = this.candidates[k];
        const seen = this.next[base + a];
        const score = this.q[base + a] - (onSuccessor && seen >= 0 ? beta * this.suppression(seen) : 0);
        if (score > best) {
          best = score;
          ties = 0;
        }
        if (score === best) this.candidates[ties++] = a; // ties gather at the front; k ≥ ties-1 always
      }
      action = this.candidates[ties === 1 ? 0 : rng.nextInt(ties)];
    }
    this.time++;
    this.lastIndex = base + action;
    return action as Action;
  }

  observeOutcome(outcome: Outcome): void {
    const index = this.lastIndex;
    this.next[index] = outcome.observation;
    if (this.params.rememberBumps) this.bump[index] = outcome.bumped ? 1 : 0;
    if (outcome.bumped) return;
    if (this.traceLength === this.trace.length) {
      const grown = new Int32Array(this.trace.length * 2);
      grown.set(this.trace);
      this.trace = grown;
    }
    this.trace[this.traceLength++] = index;
  }

  endEpisode(reachedGoal: boolean): void {
    if (!reachedGoal) return;
    const { alpha, lambda } = this.params;
    let credit = alpha;
    for (let k = this.traceLength - 1; k >= 0; k--) {
      const index = this.trace[k];
      this.q[index] += credit * (1 - this.q[index]);
      credit *= lambda;
    }
  }
}

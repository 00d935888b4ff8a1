/**
 * The learning step of docs/semantics-learning.md written as plainly as possible, for the scalar
 * interpreter (scalar.ts): plain arrays, and for every spike a loop over all synapses of the
 * projection that picks those it touches. Shares no code with the fast engine (learning.ts)
 * beyond the WeightStore both read and write through and the symbol layout; the fast engine must
 * equal it to the bit. Astrocyte-gated projections (§7) read the astrocytes it is given.
 */
import type { HwConfig } from "../hw/types.js";
import type { HwLearning, HwPlasticProjection } from "../hw/learning-config.js";
import type { WeightSnapshot } from "../hw/recording.js";
import type { LearningSemantics } from "../targets/learning-types.js";
import { assert } from "../util/assert.js";
import type { WeightStore } from "./weight-store.js";
import { symbolOf, type AstrocyteView, type LearningSymbol, type SpikeLayout } from "./learning-sources.js";

/** The elements of symbol `id` that spiked in this step, ascending. */
export type SpikesOf = (id: string) => number[];

/** A spiking compartment, as the scalar interpreter lists them. */
export interface FiredCompartment {
  readonly core: number;
  readonly local: number;
}

interface PlainProjection {
  readonly p: HwPlasticProjection;
  readonly pre: LearningSymbol;
  readonly post: LearningSymbol;
  readonly preTrace: number[];
  readonly postTrace: number[];
  readonly acc: number[];
  readonly elig: number[];
  n: number;
  nSum: number;
  rng: number;
}

/** xorshift32 on a uint32 state: returns the new state, which is the draw. */
export function xorshift32(state: number): number {
  let x = state >>> 0;
  x = (x ^ (x << 13)) >>> 0;
  x = (x ^ (x >>> 17)) >>> 0;
  x = (x ^ (x << 5)) >>> 0;
  return x;
}

/** Clamps x into [−limit, limit]. */
const saturate = (x: number, limit: number): number => Math.min(Math.max(x, -limit), limit);

export class ScalarLearning {
  private readonly semantics: LearningSemantics;
  private readonly epoch: number;
  private readonly projections: PlainProjection[];
  traceUpdates = 0;
  synapseUpdates = 0;
  weightWrites = 0;

  constructor(learning: HwLearning, layout: SpikeLayout, private readonly store: WeightStore, private readonly astrocytes?: AstrocyteView) {
    this.semantics = learning.semantics;
    this.epoch = learning.epoch;
    this.projections = learning.projections.map((p) => {
      const pre = symbolOf(layout, p.pre);
      const post = symbolOf(layout, p.post);
      const count = p.synapsePre.length;
      return {
        p,
        pre,
        post,
        preTrace: new Array<number>(pre.size).fill(0),
        postTrace: new Array<number>(post.size).fill(0),
        acc: new Array<number>(count).fill(0),
        elig: new Array<number>(count).fill(0),
        n: 0,
        nSum: 0,
        rng: p.seed,
      };
    });
  }

  /** The learning of step t, given which elements of each symbol spiked in it. */
  step(t: number, spikesOf: SpikesOf): void {
    this.projections.forEach((state, index) => this.stepProjection(state, index, t, spikesOf));
  }

  /** The signed raw weights of every plastic projection now. */
  snapshot(step: number): WeightSnapshot[] {
    return this.projections.map((state, index) => {
      const raw: number[] = [];
      for (let s = 0; s < state.acc.length; s++) {
        const magnitude = this.store.magnitude(index, s);
        raw.push(magnitude === 0 ? 0 : state.p.sign * magnitude);
      }
      return { step, raw: Float64Array.from(raw), values: Float64Array.from(raw, (r) => r * state.p.weightPerMantissa) };
    });
  }

  /** m of post neuron i's owning astrocyte, from its gate or Ca as they stand now (−1 owner: closed). */
  private factor(p: HwPlasticProjection, i: number): number {
    const m = p.modulation!;
    const owner = m.astrocyteOf[i];
    if (owner < 0) return m.closed;
    assert(this.astrocytes !== undefined, `learning: '${p.id}' is modulated but the engine has no astrocytes`);
    const x = this.astrocytes.groupOffset[m.astrocytes] + owner;
    if (m.by === "gate") return this.astrocytes.gateOn[x] === 1 ? m.open : m.closed;
    const clamped = Math.min(Math.max(this.astrocytes.ca[x] - m.caLow, 0), m.caHigh - m.caLow);
    return m.closed + Math.trunc(((m.open - m.closed) * clamped) / (m.caHigh - m.caLow));
  }

  private draw(state: PlainProjection): number {
    state.rng = xorshift32(state.rng);
    return state.rng;
  }

  private stepProjection(state: PlainProjection, index: number, t: number, spikesOf: (id: string) => number[]): void {
    const { p } = state;
    const sem = this.semantics;
    const accLimit = 2 ** (sem.accumulator.bits - 1) - 1;
    const preSpikes = spikesOf(p.pre);
    const postSpikes = spikesOf(p.post);
    const intoEligibility = p.rule === "reward_stdp" || p.rule === "episode_stdp";
    // §7: an increment onto post neuron i is scaled by m of i's owning astrocyte
    const modulated = (i: number, delta: number): number =>
      p.modulation === undefined ? delta : Math.trunc((delta * this.factor(p, i)) / 2 ** sem.modulator.fractionBits);
    const add = (s: number, delta: number) => {
      if (intoEligibility) state.elig[s] = saturate(state.elig[s] + delta, accLimit);
      else state.acc[s] = saturate(state.acc[s] + delta, accLimit);
    };

    // 1. Trace decay: pre traces ascending, then post traces, each nonzero one draws its rounding.
    for (const trace of [state.preTrace, state.postTrace]) {
      const d = trace === state.preTrace ? p.traceDecayPre : p.traceDecayPost;
      for (let e = 0; e < trace.length; e++) {
        if (trace[e] === 0) continue;
        const r = sem.trace.rounding === "stochastic" ? this.draw(state) % 2 ** sem.trace.decayBits : 0;
        trace[e] = trace[e] - Math.floor((trace[e] * d + r) / 2 ** sem.trace.decayBits);
        this.traceUpdates++;
      }
    }
    if (p.rule === "reward_stdp" && p.reward !== undefined) {
      state.n = state.n - Math.trunc((state.n * p.reward.decay) / 2 ** sem.modulator.decayBits);
      // 2. Reward spikes.
      const nLimit = 2 ** (sem.modulator.bits - 1) - 1;
      for (const source of p.reward.sources) {
        for (let k = 0; k < spikesOf(source.symbol).length; k++) state.n = saturate(state.n + source.gain, nLimit);
      }
      state.nSum += state.n - p.reward.baseline;
    }

    // 3. Depression, per pre spike j, per synapse of j in projection order.
    for (const j of preSpikes) {
      for (let s = 0; s < p.synapsePre.length; s++) {
        if (p.synapsePre[s] !== j) continue;
        const y = state.postTrace[p.synapsePost[s]];
        const delta = p.muMinus === 1 ? Math.trunc((p.aMinus * y * (this.store.magnitude(index, s) - p.magnitudeMin)) / (p.magnitudeMax - p.magnitudeMin)) : p.aMinus * y;
        add(s, -modulated(p.synapsePost[s], delta));
        this.synapseUpdates++;
      }
    }
    // 4. Potentiation, per post spike i, per synapse onto i.
    for (const i of postSpikes) {
      for (let s = 0; s < p.synapsePost.length; s++) {
        if (p.synapsePost[s] !== i) continue;
        const x = state.preTrace[p.synapsePre[s]];
        add(s, modulated(i, p.muPlus === 1 ? Math.trunc((p.aPlus * x * (p.magnitudeMax - this.store.magnitude(index, s))) / (p.magnitudeMax - p.magnitudeMin)) : p.aPlus * x));
        this.synapseUpdates++;
      }
    }
    // 5. Trace increments.
    const traceMax = 2 ** sem.trace.bits - 1;
    for (const [trace, spikes] of [[state.preTrace, preSpikes], [state.postTrace, postSpikes]] as const) {
      for (const e of spikes) {
        trace[e] = p.pairing === "all_to_all" ? Math.min(trace[e] + p.traceImpulse, traceMax) : p.traceImpulse;
        this.traceUpdates++;
      }
    }
    // 6. Gate spikes. Counted: one update per nonzero eligibility per gate spike.
    if (p.rule === "episode_stdp" && p.gate !== undefined) {
      let gated = false;
      for (const source of p.gate.sources) {
        for (let k = 0; k < spikesOf(source.symbol).length; k++) {
          gated = true;
          for (let s = 0; s < state.acc.length; s++) {
            state.acc[s] = saturate(state.acc[s] + Math.trunc((state.elig[s] * source.gain) / 2 ** sem.modulator.fractionBits), accLimit);
            if (state.elig[s] !== 0) this.synapseUpdates++;
          }
        }
      }
      if (gated) for (let s = 0; s < state.elig.length; s++) state.elig[s] = 0;
    }
    // 7. The epoch's end. Counted: per nonzero eligibility, the reward product and (when the
    // eligibility decays at all) the decay; a zero eligibility stays zero, at no cost.
    if ((t + 1) % this.epoch !== 0) return;
    if (p.rule === "reward_stdp") {
      for (let s = 0; s < state.acc.length; s++) {
        state.acc[s] = saturate(state.acc[s] + Math.trunc((state.elig[s] * state.nSum) / 2 ** sem.modulator.fractionBits), accLimit);
        if (state.elig[s] !== 0) this.synapseUpdates++;
      }
      state.nSum = 0;
    }
    if (intoEligibility) {
      for (let s = 0; s < state.elig.length; s++) {
        if (state.elig[s] !== 0 && (p.eligibilityDecay ?? 0) !== 0) this.synapseUpdates++;
        state.elig[s] = state.elig[s] - Math.trunc((state.elig[s] * (p.eligibilityDecay ?? 0)) / 2 ** sem.eligibility.decayBits);
      }
    }
    const F = sem.accumulator.fractionBits;
    for (let s = 0; s < state.acc.length; s++) {
      if (state.acc[s] === 0) continue;
      const r = sem.rounding === "stochastic" ? this.draw(state) % 2 ** F : sem.rounding === "nearest" ? 2 ** (F - 1) : 0;
      const q = Math.floor((state.acc[s] + r) / 2 ** F);
      this.store.write(index, s, Math.min(Math.max(this.store.magnitude(index, s) + q, p.magnitudeMin), p.magnitudeMax));
      state.acc[s] = 0;
      this.weightWrites++;
    }
  }
}

/** The spikes of a LIF step as SpikesOf: compartments that fired and input lines that spiked. */
export function lifSpikesOf(config: HwConfig, lines: readonly number[], fired: readonly FiredCompartment[]): SpikesOf {
  return (id) => {
    const symbol = config.symbols.find((s) => s.id === id)!;
    const elements: number[] = [];
    for (let i = 0; i < symbol.size; i++) {
      const spiked = symbol.kind === "population"
        ? fired.some((f) => f.core === symbol.core[i] && f.local === symbol.local[i])
        : lines.includes(symbol.local[i]);
      if (spiked) elements.push(i);
    }
    return elements;
  };
}

/**
 * The fast learning engine of the emulator (docs/semantics-learning.md, operation by operation).
 * Per plastic projection: pre and post traces, per-synapse accumulators and eligibilities, the
 * modulator, and its own xorshift32 generator, all in typed arrays built at load, with the
 * synapses indexed by pre (CSR) and by post (CSC) so that a spike visits only its own synapses.
 * Magnitudes are read from and written to the WeightStore every time, never cached. Nothing is
 * allocated per step or per event. It must equal learning-scalar.ts to the bit. Spikes come from
 * any chip family through a SpikeLayout (learning-sources.ts); astrocyte-gated projections (§7)
 * read the astrocytes through an AstrocyteView.
 */
import type { HwConfig } from "../hw/types.js";
import type { HwLearning, HwPlasticProjection } from "../hw/learning-config.js";
import type { WeightRecording, WeightSnapshot } from "../hw/recording.js";
import { assert } from "../util/assert.js";
import type { WeightStore } from "./weight-store.js";
import { symbolOf, type AstrocyteView, type SpikeLayout } from "./learning-sources.js";

/** Learning event counts of a run (the energy model reads them). */
export interface LearningCounts {
  /** Trace decays of nonzero traces and trace increments at spikes. */
  readonly traceUpdates: number;
  /**
   * Multiply-adds on one synapse's learning state: at pre spikes (depression), post spikes
   * (potentiation), and, per synapse with a nonzero eligibility, at each gate spike
   * (episode_stdp) and epoch end (reward_stdp's reward product; the eligibility decay).
   */
  readonly synapseUpdates: number;
  /** Weight writes at epoch ends (synapses whose accumulator was nonzero). */
  readonly weightWrites: number;
}

/** The spikes of one symbol in the current step, ascending, plus a map from compartments and lines. */
interface SymbolSpikes {
  readonly size: number;
  readonly list: Int32Array;
  count: number;
}

interface Source {
  readonly slot: number;
  readonly gain: number;
}

/** One plastic projection's run-time state. */
interface ProjectionRuntime {
  readonly config: HwPlasticProjection;
  readonly index: number;
  readonly preSlot: number;
  readonly postSlot: number;
  readonly preTrace: Float64Array;
  readonly postTrace: Float64Array;
  readonly preStart: Int32Array; // synapses by pre: byPre[preStart[j] .. preStart[j + 1])
  readonly byPre: Int32Array;
  readonly postStart: Int32Array; // synapses by post (CSC)
  readonly byPost: Int32Array;
  readonly accumulator: Float64Array;
  /** reward_stdp, episode_stdp: depression and potentiation go here; stdp: into the accumulator. */
  readonly eligibility: Float64Array;
  readonly usesEligibility: boolean;
  readonly rewardSources: readonly Source[];
  readonly gateSources: readonly Source[];
  modulator: number;
  modulatorSum: number;
  rng: number;
  /** Astrocyte modulation (§7): m per owning astrocyte, slot 0 = no owner (closed); undefined when unmodulated. */
  readonly factor: Float64Array | undefined;
  readonly factorSlot: Int32Array; // per post neuron: owner + 1
  readonly astroOffset: number;
}

/** Synapse ids grouped by `key` (0 ≤ key < groups), ascending within each group: start offsets and ids. */
export function groupSynapses(key: Int32Array, groups: number): { start: Int32Array; ids: Int32Array } {
  const start = new Int32Array(groups + 1);
  for (let s = 0; s < key.length; s++) {
    if (!(key[s] >= 0 && key[s] < groups)) assert(false, `learning: synapse ${s} names element ${key[s]} of ${groups}`);
    start[key[s] + 1]++;
  }
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  const fill = start.slice(0, groups);
  const ids = new Int32Array(key.length);
  for (let s = 0; s < key.length; s++) ids[fill[key[s]]++] = s;
  return { start, ids };
}

export class LearningEngine {
  private readonly projections: ProjectionRuntime[];
  private readonly symbols: SymbolSpikes[] = [];
  private readonly compartmentSlot: Int32Array; // global compartment → symbol slot or -1
  private readonly compartmentElement: Int32Array;
  private readonly lineSlot: Int32Array;
  private readonly lineElement: Int32Array;
  private readonly epoch: number;
  private readonly traceMax: number;
  private readonly traceScale: number; // 2^trace.decayBits
  private readonly traceMask: number;
  private readonly stochasticTraces: boolean;
  private readonly accumulatorMax: number;
  private readonly fraction: number; // 2^accumulator.fractionBits
  private readonly fractionMask: number;
  private readonly updateRounding: "stochastic" | "nearest" | "floor";
  private readonly modulatorMax: number;
  private readonly modulatorScale: number; // 2^modulator.fractionBits
  private readonly modulatorDecayScale: number;
  private readonly eligibilityScale: number;
  private traceUpdates = 0;
  private synapseUpdates = 0;
  private weightWrites = 0;

  constructor(
    learning: HwLearning,
    layout: SpikeLayout,
    private readonly store: WeightStore,
    private readonly astrocytes?: AstrocyteView,
  ) {
    const sem = learning.semantics;
    this.epoch = learning.epoch;
    assert(Number.isInteger(this.epoch) && this.epoch >= 1, `learning epoch ${this.epoch} is not a positive integer`);
    this.traceMax = 2 ** sem.trace.bits - 1;
    this.traceScale = 2 ** sem.trace.decayBits;
    this.traceMask = this.traceScale - 1;
    this.stochasticTraces = sem.trace.rounding === "stochastic";
    this.accumulatorMax = 2 ** (sem.accumulator.bits - 1) - 1;
    this.fraction = 2 ** sem.accumulator.fractionBits;
    this.fractionMask = this.fraction - 1;
    this.updateRounding = sem.rounding;
    this.modulatorMax = 2 ** (sem.modulator.bits - 1) - 1;
    this.modulatorScale = 2 ** sem.modulator.fractionBits;
    this.modulatorDecayScale = 2 ** sem.modulator.decayBits;
    this.eligibilityScale = 2 ** sem.eligibility.decayBits;

    this.compartmentSlot = new Int32Array(layout.units).fill(-1);
    this.compartmentElement = new Int32Array(layout.units);
    this.lineSlot = new Int32Array(layout.lines).fill(-1);
    this.lineElement = new Int32Array(layout.lines);
    const slots = new Map<string, number>();
    const slotOf = (id: string): number => {
      const known = slots.get(id);
      if (known !== undefined) return known;
      const symbol = symbolOf(layout, id);
      const slot = this.symbols.length;
      slots.set(id, slot);
      this.symbols.push({ size: symbol.size, list: new Int32Array(symbol.size), count: 0 });
      const toSlot = symbol.kind === "population" ? this.compartmentSlot : this.lineSlot;
      const toElement = symbol.kind === "population" ? this.compartmentElement : this.lineElement;
      for (let i = 0; i < symbol.size; i++) {
        toSlot[symbol.global[i]] = slot;
        toElement[symbol.global[i]] = i;
      }
      return slot;
    };

    this.projections = learning.projections.map((p, index): ProjectionRuntime => {
      const preSlot = slotOf(p.pre);
      const postSlot = slotOf(p.post);
      assert(p.seed >= 1 && p.seed <= 0xffffffff, `learning: projection '${p.id}' has seed ${p.seed}, not a nonzero uint32`);
      assert(p.magnitudeMin < p.magnitudeMax, `learning: projection '${p.id}' has bounds ${p.magnitudeMin} ≥ ${p.magnitudeMax}`);
      const byPre = groupSynapses(p.synapsePre, this.symbols[preSlot].size);
      const byPost = groupSynapses(p.synapsePost, this.symbols[postSlot].size);
      const n = p.synapsePre.length;
      const usesEligibility = p.rule !== "stdp";
      return {
        config: p,
        index,
        preSlot,
        postSlot,
        preTrace: new Float64Array(this.symbols[preSlot].size),
        postTrace: new Float64Array(this.symbols[postSlot].size),
        preStart: byPre.start,
        byPre: byPre.ids,
        postStart: byPost.start,
        byPost: byPost.ids,
        accumulator: new Float64Array(n),
        eligibility: new Float64Array(usesEligibility ? n : 0),
        usesEligibility,
        rewardSources: (p.rule === "reward_stdp" ? p.reward?.sources ?? [] : []).map((s) => ({ slot: slotOf(s.symbol), gain: s.gain })),
        gateSources: (p.rule === "episode_stdp" ? p.gate?.sources ?? [] : []).map((s) => ({ slot: slotOf(s.symbol), gain: s.gain })),
        modulator: 0,
        modulatorSum: 0,
        rng: p.seed >>> 0,
        ...this.modulationOf(p, this.symbols[postSlot].size),
      };
    });
  }

  /** The modulation runtime of a projection (§7), with the exactness of its products checked. */
  private modulationOf(p: HwPlasticProjection, postSize: number): Pick<ProjectionRuntime, "factor" | "factorSlot" | "astroOffset"> {
    const m = p.modulation;
    if (m === undefined) return { factor: undefined, factorSlot: new Int32Array(0), astroOffset: 0 };
    const astro = this.astrocytes;
    assert(astro !== undefined && m.astrocytes >= 0 && m.astrocytes < astro.groupOffset.length, `learning: '${p.id}' is modulated by astrocyte group ${m.astrocytes}, which this engine lacks`);
    assert(m.astrocyteOf.length === postSize, `learning: '${p.id}' has ${m.astrocyteOf.length} astrocyte owners for ${postSize} post neurons`);
    assert(m.by === "gate" || m.caHigh > m.caLow, `learning: '${p.id}' has a Ca ramp with caHigh ≤ caLow`);
    const offset = astro.groupOffset[m.astrocytes];
    const groupEnd = m.astrocytes + 1 < astro.groupOffset.length ? astro.groupOffset[m.astrocytes + 1] : astro.gateOn.length;
    let owners = 0;
    for (let i = 0; i < postSize; i++) {
      const a = m.astrocyteOf[i];
      if (!(a >= -1 && offset + a < groupEnd)) assert(false, `learning: '${p.id}' names astrocyte ${a} of group ${m.astrocytes}`);
      owners = Math.max(owners, a + 1);
    }
    // Δ ≤ rate·traceMax before saturation; Δ·m and (open − closed)·span must stay below 2^53
    const largestDelta = Math.max(p.aPlus, p.aMinus, this.accumulatorMax) * this.traceMax;
    const largestFactor = Math.max(Math.abs(m.open), Math.abs(m.closed));
    assert(largestDelta * largestFactor < 2 ** 53, `learning: '${p.id}': the modulated increment is not exact in float64`);
    assert(m.by === "gate" || Math.abs(m.open - m.closed) * (m.caHigh - m.caLow) < 2 ** 53, `learning: '${p.id}': the Ca ramp is not exact in float64`);
    const factor = new Float64Array(groupEnd - offset + 1);
    factor[0] = m.closed;
    return { factor, factorSlot: Int32Array.from(m.astrocyteOf, (a) => a + 1), astroOffset: offset };
  }

  /** m of every astrocyte of the group (§7), from the gates and Ca as they stand now. */
  private refreshFactors(p: ProjectionRuntime): void {
    const m = p.config.modulation!;
    const factor = p.factor!;
    const { gateOn, ca } = this.astrocytes!;
    const span = m.caHigh - m.caLow;
    const swing = m.open - m.closed;
    for (let a = 1; a < factor.length; a++) {
      const x = p.astroOffset + a - 1;
      if (m.by === "gate") {
        factor[a] = gateOn[x] === 1 ? m.open : m.closed;
      } else {
        const d = ca[x] - m.caLow;
        factor[a] = m.closed + Math.trunc((swing * (d < 0 ? 0 : d > span ? span : d)) / span);
      }
    }
  }

  /**
   * One step of learning, after every compartment update of step t and before its spikes are
   * delivered: `spiked` holds the global compartments that fired at t, `lines` the input lines.
   */
  step(t: number, spiked: Int32Array, spikedCount: number, lines: Int32Array, lineCount: number): void {
    this.collect(spiked, spikedCount, lines, lineCount);
    const epochEnd = (t + 1) % this.epoch === 0;
    for (const p of this.projections) this.stepProjection(p, epochEnd);
  }

  counts(): LearningCounts {
    return { traceUpdates: this.traceUpdates, synapseUpdates: this.synapseUpdates, weightWrites: this.weightWrites };
  }

  /** The signed raw mantissas of every plastic projection, read through the store now. */
  snapshot(step: number): { readonly projection: number; readonly snapshot: WeightSnapshot }[] {
    return this.projections.map((p) => {
      const { sign, weightPerMantissa } = p.config;
      const raw = new Float64Array(p.accumulator.length);
      for (let s = 0; s < raw.length; s++) {
        const m = this.store.magnitude(p.index, s);
        raw[s] = m === 0 ? 0 : sign * m;
      }
      return { projection: p.index, snapshot: { step, raw, values: raw.map((r) => r * weightPerMantissa) } };
    });
  }

  /** Sorts each symbol's spikes of this step ascending (insertion sort: lists are short and nearly sorted). */
  private collect(spiked: Int32Array, spikedCount: number, lines: Int32Array, lineCount: number): void {
    for (const symbol of this.symbols) symbol.count = 0;
    for (let k = 0; k < spikedCount; k++) {
      const slot = this.compartmentSlot[spiked[k]];
      if (slot >= 0) this.insert(this.symbols[slot], this.compartmentElement[spiked[k]]);
    }
    for (let k = 0; k < lineCount; k++) {
      const slot = this.lineSlot[lines[k]];
      if (slot >= 0) this.insert(this.symbols[slot], this.lineElement[lines[k]]);
    }
  }

  private insert(symbol: SymbolSpikes, element: number): void {
    const list = symbol.list;
    let at = symbol.count++;
    while (at > 0 && list[at - 1] > element) {
      list[at] = list[at - 1];
      at--;
    }
    list[at] = element;
  }

  /** xorshift32: the next state, which is also the draw. */
  private draw(p: ProjectionRuntime): number {
    let x = p.rng;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    p.rng = x >>> 0;
    return p.rng;
  }

  private saturate(x: number): number {
    const max = this.accumulatorMax;
    return x > max ? max : x < -max ? -max : x;
  }

  private stepProjection(p: ProjectionRuntime, epochEnd: boolean): void {
    const c = p.config;
    const pre = this.symbols[p.preSlot];
    const post = this.symbols[p.postSlot];
    const target = p.usesEligibility ? p.eligibility : p.accumulator;

    // 1. Trace decay, pre then post, ascending; the modulator decays toward zero.
    this.decayTraces(p, p.preTrace, c.traceDecayPre);
    this.decayTraces(p, p.postTrace, c.traceDecayPost);
    if (c.reward !== undefined && c.rule === "reward_stdp") {
      p.modulator -= Math.trunc((p.modulator * c.reward.decay) / this.modulatorDecayScale);
      // 2. Reward spikes bump the modulator; the epoch sums n − b.
      for (const source of p.rewardSources) {
        const spikes = this.symbols[source.slot];
        for (let k = 0; k < spikes.count; k++) {
          const n = p.modulator + source.gain;
          p.modulator = n > this.modulatorMax ? this.modulatorMax : n < -this.modulatorMax ? -this.modulatorMax : n;
        }
      }
      p.modulatorSum += p.modulator - c.reward.baseline;
    }

    const range = c.magnitudeMax - c.magnitudeMin;
    const factor = p.factor;
    const modScale = this.modulatorScale;
    if (factor !== undefined && pre.count + post.count > 0) this.refreshFactors(p);
    // 3. Depression at pre spikes.
    for (let k = 0; k < pre.count; k++) {
      const j = pre.list[k];
      for (let q = p.preStart[j], end = p.preStart[j + 1]; q < end; q++) {
        const s = p.byPre[q];
        const i = c.synapsePost[s];
        const y = p.postTrace[i];
        let delta = c.muMinus === 0 ? c.aMinus * y : Math.trunc((c.aMinus * y * (this.store.magnitude(p.index, s) - c.magnitudeMin)) / range);
        if (factor !== undefined) delta = Math.trunc((delta * factor[p.factorSlot[i]]) / modScale);
        target[s] = this.saturate(target[s] - delta);
      }
      this.synapseUpdates += p.preStart[j + 1] - p.preStart[j];
    }
    // 4. Potentiation at post spikes.
    for (let k = 0; k < post.count; k++) {
      const i = post.list[k];
      const m = factor !== undefined ? factor[p.factorSlot[i]] : 0;
      for (let q = p.postStart[i], end = p.postStart[i + 1]; q < end; q++) {
        const s = p.byPost[q];
        const x = p.preTrace[c.synapsePre[s]];
        let delta = c.muPlus === 0 ? c.aPlus * x : Math.trunc((c.aPlus * x * (c.magnitudeMax - this.store.magnitude(p.index, s))) / range);
        if (factor !== undefined) delta = Math.trunc((delta * m) / modScale);
        target[s] = this.saturate(target[s] + delta);
      }
      this.synapseUpdates += p.postStart[i + 1] - p.postStart[i];
    }
    // 5. Trace increments.
    this.incrementTraces(p.preTrace, pre, c);
    this.incrementTraces(p.postTrace, post, c);

    // 6. Gate spikes move the eligibility into the accumulator and clear it.
    if (c.rule === "episode_stdp" && p.gateSources.length > 0) {
      let gated = false;
      for (const source of p.gateSources) {
        const spikes = this.symbols[source.slot];
        for (let k = 0; k < spikes.count; k++) {
          gated = true;
          for (let s = 0; s < p.accumulator.length; s++) {
            if (p.eligibility[s] === 0) continue;
            p.accumulator[s] = this.saturate(p.accumulator[s] + Math.trunc((p.eligibility[s] * source.gain) / this.modulatorScale));
            this.synapseUpdates++;
          }
        }
      }
      if (gated) p.eligibility.fill(0);
    }

    if (epochEnd) this.endEpoch(p);
  }

  private decayTraces(p: ProjectionRuntime, trace: Float64Array, d: number): void {
    for (let e = 0; e < trace.length; e++) {
      const x = trace[e];
      if (x === 0) continue;
      const r = this.stochasticTraces ? (this.draw(p) & this.traceMask) >>> 0 : 0; // >>> 0: masks of 31 or more bits
      trace[e] = x - Math.floor((x * d + r) / this.traceScale);
      this.traceUpdates++;
    }
  }

  private incrementTraces(trace: Float64Array, spikes: SymbolSpikes, c: HwPlasticProjection): void {
    const nearest = c.pairing !== "all_to_all";
    for (let k = 0; k < spikes.count; k++) {
      const e = spikes.list[k];
      const x = nearest ? c.traceImpulse : trace[e] + c.traceImpulse;
      trace[e] = x > this.traceMax ? this.traceMax : x;
    }
    this.traceUpdates += spikes.count;
  }

  /**
   * 7. The epoch's end: third factors into the accumulator, eligibility decay, weight writes.
   * A zero eligibility changes nothing here or at a gate spike, so it is skipped and not counted
   * (a read and a compare), as zero traces and zero accumulators are.
   */
  private endEpoch(p: ProjectionRuntime): void {
    const c = p.config;
    const n = p.accumulator.length;
    if (c.rule === "reward_stdp") {
      const sum = p.modulatorSum;
      for (let s = 0; s < n; s++) {
        if (p.eligibility[s] === 0) continue;
        p.accumulator[s] = this.saturate(p.accumulator[s] + Math.trunc((p.eligibility[s] * sum) / this.modulatorScale));
        this.synapseUpdates++;
      }
      p.modulatorSum = 0;
    }
    if (p.usesEligibility) {
      const d = c.eligibilityDecay ?? 0;
      if (d !== 0) {
        for (let s = 0; s < n; s++) {
          if (p.eligibility[s] === 0) continue;
          p.eligibility[s] -= Math.trunc((p.eligibility[s] * d) / this.eligibilityScale);
          this.synapseUpdates++;
        }
      }
    }
    const half = this.fraction / 2;
    for (let s = 0; s < n; s++) {
      const acc = p.accumulator[s];
      if (acc === 0) continue;
      const r = this.updateRounding === "stochastic" ? (this.draw(p) & this.fractionMask) >>> 0 : this.updateRounding === "nearest" ? half : 0;
      const q = Math.floor((acc + r) / this.fraction);
      const m = this.store.magnitude(p.index, s) + q;
      this.store.write(p.index, s, m < c.magnitudeMin ? c.magnitudeMin : m > c.magnitudeMax ? c.magnitudeMax : m);
      p.accumulator[s] = 0;
      this.weightWrites++;
    }
  }
}

/** Weight recordings of every plastic projection of a LIF config from its snapshots (both engines build them so). */
export function weightRecordings(config: HwConfig, snapshots: readonly (readonly WeightSnapshot[])[]): WeightRecording[] {
  const learning = config.learning;
  if (learning === undefined) return [];
  return learningRecordings(learning, (p) => config.scales.find((s) => s.population === p.post && (s.variable === "i_syn" || s.variable === "u"))?.unit ?? "", snapshots);
}

/** Weight recordings of every plastic projection of a learning section, in the unit `unitOf` gives. */
export function learningRecordings(learning: HwLearning, unitOf: (p: HwPlasticProjection) => string, snapshots: readonly (readonly WeightSnapshot[])[]): WeightRecording[] {
  return learning.projections.map((p, k) => {
    return {
      projection: p.id,
      unit: unitOf(p),
      pre: p.synapsePre.slice(),
      post: p.synapsePost.slice(),
      bounds: [p.magnitudeMin * p.weightPerMantissa, p.magnitudeMax * p.weightPerMantissa] as const,
      weightPerRaw: p.weightPerMantissa,
      snapshots: snapshots[k],
    };
  });
}

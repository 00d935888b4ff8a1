/**
 * The float learning engine of the reference: one PlasticProjection per plastic projection, the
 * rules of docs/semantics-float.md "Learning" (pair STDP with traces, reward- and episode-gated
 * eligibility, astrocyte modulation). Each object owns a copy of its projection's weights
 * (signed, CSR order) and never writes to the elaborated network. Nothing is allocated per step
 * or per event. Relies on elaboration: CSR rows by presynaptic index, wMax > wMin, astrocyteOf
 * given per postsynaptic neuron, modulator sources that exist.
 */
import type { ElaboratedModulatorSource, ElaboratedProjection } from "../ir/elaborated.js";
import { decayFactor } from "../models/lif.js";
import { assert } from "../util/assert.js";

const NO_SPIKES = new Int32Array(0);

/** The spikes one population or input emits in the current step: ids[start..end), ascending. */
export class SpikeView {
  ids: Int32Array = NO_SPIKES;
  start = 0;
  end = 0;

  /** Points the view at this step's spikes (no copy). */
  show(ids: Int32Array, start: number, end: number): void {
    this.ids = ids;
    this.start = start;
    this.end = end;
  }

  get count(): number {
    return this.end - this.start;
  }
}

/** An astrocyte population's gate A (0/1) and Ca (µM), as its engine holds them when learning runs. */
export interface AstrocyteSignals {
  readonly gate: Float64Array;
  readonly ca: Float64Array;
}

/** What the learning step reads: this step's spikes of every population and input, the astrocytes' state. */
export interface LearningSources {
  readonly populations: readonly SpikeView[];
  readonly inputs: readonly SpikeView[];
  readonly astrocytes: readonly AstrocyteSignals[];
}

const ALL_TO_ALL = 0;
const NEAREST_SYMMETRIC = 1;
const NEAREST_PRE_CENTRED = 2;

/** The learning state and weights of one plastic projection. */
export class PlasticProjection {
  readonly id: string;
  readonly projection: number; // index in net.projections
  /** Signed weights in CSR order: the engines read them when they route spikes. */
  readonly weight: Float64Array;
  /** True when the last step() changed some weight. */
  weightsChanged = false;

  private readonly rowStart: Int32Array;
  private readonly post: Int32Array;
  // Column index (CSC), built once: per post neuron its synapses in CSR order, and their pre.
  private readonly colStart: Int32Array;
  private readonly colSynapse: Int32Array;
  private readonly colPre: Int32Array;

  private readonly sign: number; // −1 for inhibitory projections: |w| learns, the sign stays
  private readonly wMin: number;
  private readonly wMax: number;
  private readonly range: number; // R = wMax − wMin
  private readonly potentiationScale: number; // aPlus·R
  private readonly depressionScale: number; // aMinus·R
  private readonly muPlus: number;
  private readonly muMinus: number;
  private readonly pairing: number;

  /** x: per pre neuron, or per synapse for nearest_pre_centred. */
  private readonly preTrace: Float64Array;
  private readonly postTrace: Float64Array; // y, per post neuron
  private readonly preDecay: number; // e^{−dt/τ+}
  private readonly postDecay: number; // e^{−dt/τ−}
  private readonly preSpikes: SpikeView;
  private readonly postSpikes: SpikeView;

  /** Eligibility c per synapse (reward_stdp, episode_stdp); undefined for stdp. */
  private readonly eligibility: Float64Array | undefined;
  private readonly eligibilityDecay: number; // 1 when τc is Infinity

  // reward_stdp: modulator n (1/ms), its decay, baseline, per source gain/τn.
  private readonly hasReward: boolean;
  private modulator = 0;
  private readonly modulatorDecay: number;
  private readonly baseline: number;
  private readonly dtMs: number;
  private readonly rewardSpikes: readonly SpikeView[];
  private readonly rewardIncrement: Float64Array;

  // episode_stdp: the gate sources and their gains.
  private readonly gateSpikes: readonly SpikeView[];
  private readonly gateGain: Float64Array;

  // Astrocyte modulation: factor[slot[i]] scales every increment onto post neuron i.
  private readonly factorSlot: Int32Array | undefined; // astrocyteOf + 1; slot 0 = no astrocyte
  private readonly factor: Float64Array;
  private readonly signals: AstrocyteSignals | undefined;
  private readonly byGate: boolean;
  private readonly open: number;
  private readonly closed: number;
  private readonly caLow: number;
  private readonly caSpan: number;

  constructor(projection: ElaboratedProjection, postSize: number, dtMs: number, sources: LearningSources) {
    const rule = projection.plasticity;
    assert(rule !== undefined, `projection '${projection.id}' has no plasticity rule`);
    const { rowStart, post, weight } = projection.synapses;
    const preSize = projection.pre.size;
    assert(rowStart.length === preSize + 1, `projection '${projection.id}': ${rowStart.length - 1} CSR rows for ${preSize} pre elements`);
    assert(rule.wMax > rule.wMin, `plasticity '${rule.id}': w_max ${rule.wMax} is not above w_min ${rule.wMin}`);
    this.id = projection.id;
    this.projection = projection.index;
    this.weight = Float64Array.from(weight);
    this.rowStart = rowStart;
    this.post = post;
    const synapses = post.length;

    ({ colStart: this.colStart, colSynapse: this.colSynapse, colPre: this.colPre } = columnIndex(rowStart, post, postSize));

    this.sign = projection.sign === "inhibitory" ? -1 : 1;
    this.wMin = rule.wMin;
    this.wMax = rule.wMax;
    this.range = rule.wMax - rule.wMin;
    this.potentiationScale = rule.aPlus * this.range;
    this.depressionScale = rule.aMinus * this.range;
    this.muPlus = rule.muPlus;
    this.muMinus = rule.muMinus;
    this.pairing = rule.pairing === "all_to_all" ? ALL_TO_ALL : rule.pairing === "nearest_symmetric" ? NEAREST_SYMMETRIC : NEAREST_PRE_CENTRED;

    this.preTrace = new Float64Array(this.pairing === NEAREST_PRE_CENTRED ? synapses : preSize);
    this.postTrace = new Float64Array(postSize);
    this.preDecay = decayFactor(rule.tauPlusMs, dtMs);
    this.postDecay = decayFactor(rule.tauMinusMs, dtMs);
    this.preSpikes = spikesOf(sources, projection.pre, projection.id);
    this.postSpikes = spikesOf(sources, { kind: "population", index: projection.post }, projection.id);

    const hasEligibility = rule.rule !== "stdp";
    assert(!hasEligibility || rule.tauCMs !== undefined, `plasticity '${rule.id}' (${rule.rule}) has no tauCMs`);
    this.eligibility = hasEligibility ? new Float64Array(synapses) : undefined;
    this.eligibilityDecay = hasEligibility ? decayFactor(rule.tauCMs ?? Infinity, dtMs) : 1;

    this.dtMs = dtMs;
    this.hasReward = rule.rule === "reward_stdp";
    assert(!this.hasReward || rule.reward !== undefined, `plasticity '${rule.id}' (reward_stdp) has no reward sources`);
    const reward = this.hasReward ? rule.reward : undefined;
    this.modulatorDecay = reward !== undefined ? decayFactor(reward.tauNMs, dtMs) : 1;
    this.baseline = reward?.baseline ?? 0;
    this.rewardSpikes = (reward?.sources ?? []).map((source) => spikesOf(sources, source, projection.id));
    this.rewardIncrement = Float64Array.from(reward?.sources ?? [], (source) => source.gain / reward!.tauNMs);

    const gate = rule.rule === "episode_stdp" ? rule.gate : undefined;
    assert(rule.rule !== "episode_stdp" || gate !== undefined, `plasticity '${rule.id}' (episode_stdp) has no gate sources`);
    this.gateSpikes = (gate?.sources ?? []).map((source) => spikesOf(sources, source, projection.id));
    this.gateGain = Float64Array.from(gate?.sources ?? [], (source: ElaboratedModulatorSource) => source.gain);

    const modulation = rule.modulation;
    this.byGate = modulation?.by === "gate";
    this.open = modulation?.open ?? 1;
    this.closed = modulation?.closed ?? 1;
    this.caLow = modulation?.caLow ?? 0;
    this.caSpan = modulation !== undefined ? modulation.caHigh - modulation.caLow : 1;
    if (modulation === undefined) {
      this.factorSlot = undefined;
      this.factor = new Float64Array(0);
      this.signals = undefined;
    } else {
      this.signals = sources.astrocytes[modulation.astrocytes];
      assert(this.signals !== undefined, `plasticity '${rule.id}': astrocyte-modulated learning reached an engine without astrocyte ${modulation.astrocytes}`);
      assert(modulation.astrocyteOf.length === postSize, `plasticity '${rule.id}': ${modulation.astrocyteOf.length} astrocyte owners for ${postSize} neurons`);
      assert(this.byGate || this.caSpan > 0, `plasticity '${rule.id}': ca_high is not above ca_low`);
      this.factorSlot = Int32Array.from(modulation.astrocyteOf, (a) => a + 1);
      this.factor = new Float64Array(this.signals.gate.length + 1);
      this.factor[0] = modulation.closed;
    }
  }

  /** Learning of the current step, steps 1–7 of docs/semantics-float.md "Learning", in order. */
  step(): void {
    this.weightsChanged = false;
    this.decay();
    if (this.hasReward) {
      for (let k = 0; k < this.rewardSpikes.length; k++) {
        for (let spikes = this.rewardSpikes[k].count; spikes > 0; spikes--) this.modulator += this.rewardIncrement[k];
      }
    }
    if (this.factorSlot !== undefined) this.refreshFactors();
    this.depress();
    this.potentiate();
    this.updateTraces();
    if (this.hasReward) this.applyReward();
    if (this.gateSpikes.length > 0) this.applyGates();
  }

  /** Step 1: every trace, eligibility and the modulator decay by one step. */
  private decay(): void {
    scale(this.preTrace, this.preDecay);
    scale(this.postTrace, this.postDecay);
    if (this.eligibility !== undefined && this.eligibilityDecay !== 1) scale(this.eligibility, this.eligibilityDecay);
    this.modulator *= this.modulatorDecay;
  }

  /** Per astrocyte: m = open/closed by its gate, or the Ca ramp between closed and open. */
  private refreshFactors(): void {
    const { gate, ca } = this.signals!;
    const { factor, open, closed } = this;
    for (let a = 0; a < gate.length; a++) {
      if (this.byGate) {
        factor[a + 1] = gate[a] === 1 ? open : closed;
      } else {
        const fraction = (ca[a] - this.caLow) / this.caSpan;
        factor[a + 1] = closed + (open - closed) * (fraction < 0 ? 0 : fraction > 1 ? 1 : fraction);
      }
    }
  }

  /** Step 3: each pre spike j pairs with the post traces of row j. */
  private depress(): void {
    const { ids, start, end } = this.preSpikes;
    const { rowStart, post, postTrace, factorSlot, factor } = this;
    for (let k = start; k < end; k++) {
      const j = ids[k];
      for (let s = rowStart[j], rowEnd = rowStart[j + 1]; s < rowEnd; s++) {
        const i = post[s];
        const m = factorSlot === undefined ? 1 : factor[factorSlot[i]];
        this.change(s, -this.depressionScale * Math.pow(this.position(s), this.muMinus) * postTrace[i] * m);
      }
    }
  }

  /** Step 4: each post spike i pairs with the pre traces of its synapses (column i). */
  private potentiate(): void {
    const { ids, start, end } = this.postSpikes;
    const { colStart, colSynapse, colPre, preTrace, factorSlot, factor } = this;
    const perSynapse = this.pairing === NEAREST_PRE_CENTRED;
    for (let k = start; k < end; k++) {
      const i = ids[k];
      const m = factorSlot === undefined ? 1 : factor[factorSlot[i]];
      for (let c = colStart[i], colEnd = colStart[i + 1]; c < colEnd; c++) {
        const s = colSynapse[c];
        const x = preTrace[perSynapse ? s : colPre[c]];
        this.change(s, this.potentiationScale * Math.pow(1 - this.position(s), this.muPlus) * x * m);
      }
    }
  }

  /** Step 5: the spikes of this step enter the traces (after both pairings, so Δt = 0 never counts). */
  private updateTraces(): void {
    const { preTrace, postTrace, rowStart, colStart, colSynapse } = this;
    const pre = this.preSpikes;
    const post = this.postSpikes;
    switch (this.pairing) {
      case ALL_TO_ALL:
        for (let k = pre.start; k < pre.end; k++) preTrace[pre.ids[k]] += 1;
        for (let k = post.start; k < post.end; k++) postTrace[post.ids[k]] += 1;
        break;
      case NEAREST_SYMMETRIC:
        for (let k = pre.start; k < pre.end; k++) preTrace[pre.ids[k]] = 1;
        for (let k = post.start; k < post.end; k++) postTrace[post.ids[k]] = 1;
        break;
      default:
        // Post first: a pre spike of this step is not before this step's post spike, so it
        // survives the reset and pairs with the next post spike.
        for (let k = post.start; k < post.end; k++) {
          const i = post.ids[k];
          postTrace[i] = 1;
          for (let c = colStart[i], colEnd = colStart[i + 1]; c < colEnd; c++) preTrace[colSynapse[c]] = 0;
        }
        for (let k = pre.start; k < pre.end; k++) {
          const j = pre.ids[k];
          for (let s = rowStart[j], rowEnd = rowStart[j + 1]; s < rowEnd; s++) preTrace[s] += 1;
        }
    }
  }

  /** Step 6: |w| += c·((n − b)·dt) on every synapse; nothing moves while n − b is exactly 0. */
  private applyReward(): void {
    const drive = this.modulator - this.baseline;
    if (drive === 0) return;
    const perEligibility = drive * this.dtMs;
    const eligibility = this.eligibility!;
    for (let s = 0; s < eligibility.length; s++) this.moveWeight(s, eligibility[s] * perEligibility);
  }

  /** Step 7: each gate spike moves every |w| by gain·c; any gate spike then clears c. */
  private applyGates(): void {
    const eligibility = this.eligibility!;
    let gated = false;
    for (let k = 0; k < this.gateSpikes.length; k++) {
      const gain = this.gateGain[k];
      for (let spikes = this.gateSpikes[k].count; spikes > 0; spikes--) {
        gated = true;
        for (let s = 0; s < eligibility.length; s++) this.moveWeight(s, gain * eligibility[s]);
      }
    }
    if (gated) eligibility.fill(0);
  }

  /** An STDP increment: into |w| for stdp, into the eligibility otherwise. */
  private change(s: number, delta: number): void {
    if (this.eligibility !== undefined) this.eligibility[s] += delta;
    else this.moveWeight(s, delta);
  }

  /** |w_s| += delta, clipped to [wMin, wMax], the sign kept. */
  private moveWeight(s: number, delta: number): void {
    const moved = Math.abs(this.weight[s]) + delta;
    this.weight[s] = this.sign * (moved < this.wMin ? this.wMin : moved > this.wMax ? this.wMax : moved);
    this.weightsChanged = true;
  }

  /** ŵ = (|w| − wMin)/R, held in [0, 1] so a weight elaborated outside the bounds cannot make a power NaN. */
  private position(s: number): number {
    const hat = (Math.abs(this.weight[s]) - this.wMin) / this.range;
    return hat < 0 ? 0 : hat > 1 ? 1 : hat;
  }
}

/** The CSC of a CSR: per post neuron its synapses (CSR indices, ascending) and their pre elements. */
function columnIndex(rowStart: Int32Array, post: Int32Array, postSize: number): { colStart: Int32Array; colSynapse: Int32Array; colPre: Int32Array } {
  const colStart = new Int32Array(postSize + 1);
  for (let s = 0; s < post.length; s++) colStart[post[s] + 1]++;
  for (let i = 0; i < postSize; i++) colStart[i + 1] += colStart[i];
  const colSynapse = new Int32Array(post.length);
  const colPre = new Int32Array(post.length);
  const next = colStart.slice(0, postSize);
  for (let j = 0; j + 1 < rowStart.length; j++) {
    for (let s = rowStart[j]; s < rowStart[j + 1]; s++) {
      const k = next[post[s]]++;
      colSynapse[k] = s;
      colPre[k] = j;
    }
  }
  return { colStart, colSynapse, colPre };
}

function spikesOf(sources: LearningSources, source: { readonly kind: "population" | "input"; readonly index: number }, id: string): SpikeView {
  const view = source.kind === "population" ? sources.populations[source.index] : sources.inputs[source.index];
  assert(view !== undefined, `projection '${id}': learning reads the spikes of unknown ${source.kind} ${source.index}`);
  return view;
}

function scale(values: Float64Array, factor: number): void {
  for (let k = 0; k < values.length; k++) values[k] *= factor;
}


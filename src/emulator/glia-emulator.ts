/**
 * The fast, bit-accurate glia-core emulator (docs/semantics-glia.md). It reads a GliaConfig and
 * nothing else and must equal the scalar interpreter (glia-scalar.ts) to the bit. State lives in
 * global typed arrays; the current sum is kept incrementally (integer sums are exact, so only
 * the saturation of the total matters); synapses are event-driven (rows of presynaptic neurons
 * at or above the sigmoid table's x0, and of input lines that spiked), and only touched
 * postsynaptic neurons get a product. Nothing is allocated per step.
 */
import type { GliaAstroGroup, GliaConfig, GliaNeuronGroup, GliaNeuronEffect, GliaProjection } from "../hw/glia-config.js";
import type { Host, Progress } from "../hw/host.js";
import type { StateVariable } from "../ir/types.js";
import { LutEvaluator } from "../models/glia-lut.js";
import { mulShr, shiftBias } from "../models/izhikevich-fixed.js";
import { AstroStage, type GliaState } from "./glia-astro.js";
import { GLIA_OVERFLOW_KEYS, GliaRecorder, OVERFLOW_INDEX, gliaResult, type GliaEmulationResult } from "./glia-recording.js";
import { assert } from "../util/assert.js";
import { hostSpikes, injectedLine } from "./glia-host.js";
import { LearningEngine } from "./learning.js";
import { gliaSpikeLayout } from "./learning-sources.js";
import { gliaWeightStore } from "./weight-store.js";
import { astroGroupOffsets, GliaWeightDumps } from "./glia-learning.js";

/** Options of one glia-core run. */
export interface GliaEmulateOptions {
  /** Steps to run; default config.steps. */
  readonly steps?: number;
  /** Closed-loop host: injects external input spikes before each step, sees its spikes after it, may end the run. */
  readonly host?: Host;
  readonly onProgress?: Progress;
  /** Steps at whose end the weights of plastic projections are dumped (the last step run always is). */
  readonly weightSteps?: readonly number[];
}

const PROGRESS_EVERY = 1000;

/** Runs the config and returns its recording, counts, saturation counters and final state. */
export function emulateGlia(config: GliaConfig, options: GliaEmulateOptions = {}): GliaEmulationResult {
  assert(config.semantics.rounding === "floor" || config.semantics.rounding === "half-up", "glia-core shifts round by floor or half up");
  const steps = options.steps ?? config.steps;
  const run = new GliaRun(config, steps, options.host, options.weightSteps ?? []);
  let ran = steps; // steps run: fewer when the host ends the run early
  for (let s = 0; s < steps; s++) {
    run.step(s);
    if (options.onProgress !== undefined && ((s + 1) % PROGRESS_EVERY === 0 || s + 1 === steps)) options.onProgress(s + 1, steps);
    if (options.host?.finished !== undefined && options.host.finished(s)) {
      ran = s + 1;
      break;
    }
  }
  return run.result(ran);
}

/** One neuron effect resolved for the neuron loop. */
interface EffectRuntime {
  readonly effect: GliaNeuronEffect;
  readonly ownerOf: Int32Array;
  readonly astroOffset: number;
  readonly sic: LutEvaluator | undefined;
  /** 2^(group iFrac − SIC table frac): the table's output, shifted left into the group's current format. */
  readonly sicScale: number;
  /** Owner rule "max": per local neuron, the astrocytes (local) covering it, CSR; else undefined. */
  readonly coverStart: Int32Array | undefined;
  readonly cover: Int32Array | undefined;
}

/** Per neuron of a territory's population: the astrocytes whose territory holds it, in ascending order. */
function coverOf(astro: GliaAstroGroup): { coverStart: Int32Array; cover: Int32Array } {
  const t = astro.territory;
  const coverStart = new Int32Array(t.ownerOf.length + 1);
  for (let e = 0; e < t.neuron.length; e++) coverStart[t.neuron[e] + 1]++;
  for (let j = 0; j < t.ownerOf.length; j++) coverStart[j + 1] += coverStart[j];
  const cover = new Int32Array(t.neuron.length);
  const fill = coverStart.slice(0, t.ownerOf.length);
  for (let a = 0; a < astro.size; a++) for (let e = t.rowStart[a]; e < t.rowStart[a + 1]; e++) cover[fill[t.neuron[e]]++] = a;
  return { coverStart, cover };
}

class GliaRun {
  private readonly neuronTotal: number;
  private readonly state: GliaState;
  private readonly u: Float64Array;
  private readonly iSyn: Float64Array;
  private readonly currentSum: Float64Array; // Σ of every current input's value per neuron
  private readonly currentValue: Float64Array[];
  private readonly currentCursor: Int32Array;
  private readonly spiked: Int32Array;
  private spikedCount = 0;
  private readonly lines: Int32Array; // lines that spiked this step
  private lineCount = 0;
  private readonly lineStamp: Float64Array; // last step each line spiked
  private inputCursor = 0;
  private readonly acc: Float64Array[]; // per projection, per post neuron
  private readonly stamp: Float64Array[]; // per projection: last step acc[i] was touched
  private readonly touched: Int32Array[];
  private readonly sigmoids: (LutEvaluator | undefined)[];
  private readonly sigmoidX0: Float64Array;
  /** Per projection, frac − iFrac of its post group: I_syn lands in the current's format. */
  private readonly postFracShift: Int32Array;
  private readonly effects: EffectRuntime[][]; // per neuron group
  private readonly astro: AstroStage[];
  private readonly recorder: GliaRecorder;
  private readonly c: number;
  private readonly neuronMax: number;
  private readonly gainBits: number;
  private readonly weightMax: number;
  private readonly accMax: number;
  private readonly glutamateMax: number;
  private synapticEvents = 0;
  private spikeCount = 0;
  private now = 0; // the step being run, for inject
  /** Per projection the weights spikes read: the config's, or a copy that learning rewrites. */
  private readonly weights: Int32Array[];
  private readonly learning?: LearningEngine;
  private readonly dumps?: GliaWeightDumps;

  /** The host's injection: the line spikes in this step (once, however often injected). */
  private readonly inject = (input: string, index: number): void => {
    const line = injectedLine(this.config, input, index);
    if (this.lineStamp[line] === this.now) return;
    this.lineStamp[line] = this.now;
    this.lines[this.lineCount++] = line;
    this.recorder.lineSpike(this.now, line);
  };

  constructor(
    private readonly config: GliaConfig,
    steps: number,
    private readonly host: Host | undefined,
    weightSteps: readonly number[],
  ) {
    const sem = config.semantics;
    this.c = sem.constantFrac;
    this.neuronMax = 2 ** (sem.neuron.stateBits - 1) - 1;
    this.gainBits = sem.effects.gainBits;
    this.weightMax = 2 ** sem.synapse.weightBits - 1;
    this.accMax = 2 ** (sem.synapse.accumulatorBits - 1) - 1;
    this.glutamateMax = 2 ** sem.glutamate.bits - 1;
    const neuronTotal = config.neurons.reduce((n, g) => n + g.size, 0);
    const astroTotal = config.astrocytes.reduce((n, a) => n + a.size, 0);
    this.neuronTotal = neuronTotal;
    this.state = {
      v: new Float64Array(neuronTotal),
      g: new Float64Array(neuronTotal),
      ca: new Float64Array(astroTotal),
      h: new Float64Array(astroTotal),
      ip3: new Float64Array(astroTotal),
      gate: new Float64Array(astroTotal),
      gateOn: new Float64Array(astroTotal),
      drive: new Float64Array(astroTotal),
      counters: new Float64Array(GLIA_OVERFLOW_KEYS.length),
    };
    this.u = new Float64Array(neuronTotal);
    this.iSyn = new Float64Array(neuronTotal);
    for (const group of config.neurons) {
      this.state.v.set(group.v0, group.offset);
      this.u.set(group.u0, group.offset);
    }
    for (const group of config.astrocytes) {
      this.state.ca.set(group.ca0, group.offset);
      this.state.h.set(group.h0, group.offset);
      this.state.ip3.set(group.ip30, group.offset);
    }
    this.currentSum = new Float64Array(neuronTotal);
    this.currentValue = config.currents.map((cur) => new Float64Array(cur.size));
    this.currentCursor = new Int32Array(config.currents.length);
    for (const cur of config.currents) for (let e = 1; e < cur.step.length; e++) assert(cur.step[e] >= cur.step[e - 1], `current '${cur.id}' change points are sorted by step`);
    const { spikeSteps } = config.inputs;
    for (let e = 1; e < spikeSteps.length; e++) assert(spikeSteps[e] >= spikeSteps[e - 1], "input spikes are sorted by step");
    this.spiked = new Int32Array(neuronTotal);
    this.lines = new Int32Array(Math.max(1, config.inputs.lineCount));
    this.lineStamp = new Float64Array(config.inputs.lineCount).fill(-1);
    this.acc = config.projections.map((p) => new Float64Array(p.postSize));
    this.stamp = config.projections.map((p) => new Float64Array(p.postSize).fill(-1));
    this.touched = config.projections.map((p) => new Int32Array(p.postSize));
    this.sigmoids = config.projections.map((p) => (p.pre.kind === "neurons" ? new LutEvaluator(config.luts[p.sigmoid]) : undefined));
    this.postFracShift = Int32Array.from(config.projections, (p) => {
      const post = config.neurons.find((group) => group.offset <= p.postOffset && p.postOffset < group.offset + group.size);
      assert(post !== undefined, "a projection's post neurons belong to a group");
      return post.frac - post.iFrac;
    });
    this.sigmoidX0 = Float64Array.from(config.projections, (p) => (p.pre.kind === "neurons" ? config.luts[p.sigmoid].x0 : 0));
    this.effects = config.neurons.map((group) =>
      config.neuronEffects
        .filter((e) => e.populationOffset === group.offset)
        .map((effect) => {
          const astro = config.astrocytes[effect.astrocytes];
          const max = astro.territory.ownerRule === "max" ? coverOf(astro) : undefined;
          return {
            effect,
            ownerOf: astro.territory.ownerOf,
            astroOffset: astro.offset,
            sic: effect.kind === "sic" ? new LutEvaluator(config.luts[effect.sicLut]) : undefined,
            sicScale: effect.kind === "sic" ? 2 ** ((config.neurons.find((g) => g.offset === effect.populationOffset)?.iFrac ?? 0) - config.luts[effect.sicLut].frac) : 1,
            coverStart: max?.coverStart,
            cover: max?.cover,
          };
        }),
    );
    this.astro = config.astrocytes.map(
      (group) => new AstroStage(group, config, config.neurons.find((g) => g.offset === group.territory.populationOffset), this.state),
    );
    this.recorder = new GliaRecorder(config, steps);
    const learning = config.learning;
    const plastic = new Set((learning?.projections ?? []).flatMap((p) => Array.from(new Set(p.synapseCore))));
    this.weights = config.projections.map((p, k) => (plastic.has(k) ? p.weight.slice() : p.weight));
    if (learning !== undefined) {
      const store = gliaWeightStore(config, { setMantissa: (projection, index, mantissa) => (this.weights[projection][index] = mantissa) });
      const astrocytes = { gateOn: this.state.gateOn, ca: this.state.ca, groupOffset: astroGroupOffsets(config) };
      const engine = new LearningEngine(learning, gliaSpikeLayout(config), store, astrocytes);
      this.learning = engine;
      this.dumps = new GliaWeightDumps(config, weightSteps, (step) => engine.snapshot(step).map((entry) => entry.snapshot));
    }
  }

  step(s: number): void {
    this.lineCount = 0;
    this.now = s;
    if (this.host?.beforeStep !== undefined) this.host.beforeStep(s, this.inject);
    this.applyCurrents(s);
    this.spikedCount = 0;
    for (let gi = 0; gi < this.config.neurons.length; gi++) this.updateNeurons(this.config.neurons[gi], this.effects[gi], s);
    this.collectLines(s);
    // learning of step s (docs/semantics-learning.md §7): this step's spikes, the astrocytes of the
    // end of step s − 1; the synaptic currents below already carry the learned weights
    this.learning?.step(s, this.spiked, this.spikedCount, this.lines, this.lineCount);
    this.updateSynapses(s);
    for (const stage of this.astro) stage.count(s, this.spiked, this.spikedCount);
    for (const stage of this.astro) stage.update(s, this.c, this.gainBits);
    this.recorder.endStep(s, this.read);
    this.dumps?.afterStep(s);
    if (this.host?.afterStep !== undefined) this.host.afterStep(s, hostSpikes(this.config, this.spiked, this.spikedCount));
  }

  private applyCurrents(s: number): void {
    const currents = this.config.currents;
    for (let k = 0; k < currents.length; k++) {
      const cur = currents[k];
      const values = this.currentValue[k];
      let e = this.currentCursor[k];
      while (e < cur.step.length && cur.step[e] === s) {
        const j = cur.neuron[e];
        this.currentSum[cur.populationOffset + j] += cur.value[e] - values[j];
        values[j] = cur.value[e];
        e++;
      }
      this.currentCursor[k] = e;
    }
  }

  /** §A.2–A.7 for one group. */
  private updateNeurons(group: GliaNeuronGroup, effects: EffectRuntime[], s: number): void {
    const { v, g, gateOn, ca, counters } = this.state;
    const u = this.u;
    const iSyn = this.iSyn;
    const currentSum = this.currentSum;
    const max = this.neuronMax;
    const min = -max - 1;
    // x·2^−s equals x / 2^s exactly (binary scaling), and multiplies faster
    const invF = 2 ** -group.frac;
    const invC = 2 ** -this.c;
    const rounding = this.config.semantics.rounding;
    const bF = shiftBias(group.frac, rounding);
    const bC = shiftBias(this.c, rounding);
    // the input's product kI·I, shifted by c + iFrac − frac into Q.frac (§A.4)
    const iShift = this.c + group.iFrac - group.frac;
    const invI = 2 ** -iShift;
    const bI = shiftBias(iShift, rounding);
    const { vCentre, k004, k5, k140, kI, ka, kb, cReset, d, peak, spikeThreshold } = group;
    const clip = group.inputClip === null ? Infinity : group.inputClip;
    const glu = group.glutamate;
    const atPeak = glu !== undefined && glu.release === "at_peak";
    const keep = glu !== undefined ? 2 ** this.c - glu.decay : 0; // G·(1 − dt·rate) in Q.c, floored whatever the rounding (§A.7)
    const gluMax = this.glutamateMax;
    const uKey = OVERFLOW_INDEX["u.saturate"];
    const vKey = OVERFLOW_INDEX["v.saturate"];
    const iKey = OVERFLOW_INDEX["i.saturate"];
    const gKey = OVERFLOW_INDEX["glutamate.saturate"];
    const end = group.offset + group.size;
    for (let n = group.offset; n < end; n++) {
      let vn = v[n];
      let un = u[n];
      if (vn >= peak) {
        vn = cReset;
        un += d;
        if (un > max) ((un = max), counters[uKey]++);
        else if (un < min) ((un = min), counters[uKey]++);
      }
      let input = currentSum[n] + iSyn[n];
      for (let e = 0; e < effects.length; e++) {
        const r = effects[e];
        const j = n - group.offset;
        if (r.coverStart !== undefined && r.cover !== undefined) {
          const first = r.coverStart[j];
          const last = r.coverStart[j + 1];
          if (first === last) continue;
          let best = -Infinity;
          for (let q = first; q < last; q++) {
            const x = r.astroOffset + r.cover[q];
            const value = r.sic !== undefined ? r.sic.at(ca[x]) * r.sicScale : gateOn[x] === 1 ? r.effect.amplitude : 0;
            if (value > best) best = value;
          }
          input += best;
          continue;
        }
        const owner = r.ownerOf[j];
        if (owner < 0) continue;
        const x = r.astroOffset + owner;
        input += r.sic !== undefined ? r.sic.at(ca[x]) * r.sicScale : gateOn[x] === 1 ? r.effect.amplitude : 0;
      }
      if (input > max) ((input = max), counters[iKey]++);
      else if (input < min) ((input = min), counters[iKey]++);
      if (input > clip) input = clip;
      const offset = vn - vCentre;
      vn = vn + Math.floor((k004 * Math.floor((offset * offset + bF) * invF) + k5 * vn - kI * un + bC) * invC) + Math.floor((kI * input + bI) * invI) + k140;
      if (vn > max) ((vn = max), counters[vKey]++);
      else if (vn < min) ((vn = min), counters[vKey]++);
      un = un + Math.floor((ka * (Math.floor((kb * vn + bC) * invC) - un) + bC) * invC);
      if (un > max) ((un = max), counters[uKey]++);
      else if (un < min) ((un = min), counters[uKey]++);
      if (vn > peak) vn = peak;
      v[n] = vn;
      u[n] = un;
      if (glu !== undefined) {
        const release = atPeak ? vn === peak : vn > spikeThreshold;
        let gn = Math.floor(g[n] * keep * invC) + (release ? glu.increment : 0);
        if (gn < 0) ((gn = 0), counters[gKey]++);
        else if (gn > gluMax) ((gn = gluMax), counters[gKey]++);
        g[n] = gn;
      }
      if (vn > spikeThreshold) {
        this.spiked[this.spikedCount++] = n;
        this.spikeCount++;
        this.recorder.neuronSpike(s, n);
      }
    }
  }

  private collectLines(s: number): void {
    const { spikeSteps, spikeLines } = this.config.inputs;
    while (this.inputCursor < spikeSteps.length && spikeSteps[this.inputCursor] === s) {
      const line = spikeLines[this.inputCursor++];
      this.recorder.lineSpike(s, line);
      if (this.lineStamp[line] === s) continue;
      this.lineStamp[line] = s;
      this.lines[this.lineCount++] = line;
    }
  }

  /** §A.8: event-driven accumulation, then one exact product per touched postsynaptic neuron. */
  private updateSynapses(s: number): void {
    const iSyn = this.iSyn;
    iSyn.fill(0);
    const projections = this.config.projections;
    for (let p = 0; p < projections.length; p++) {
      const projection = projections[p];
      const acc = this.acc[p];
      const stamp = this.stamp[p];
      const touched = this.touched[p];
      let touchedCount = 0;
      if (projection.pre.kind === "inputs") {
        const one = 2 ** projection.sFrac;
        const first = projection.pre.offset;
        // rows in ascending source order, as the scalar interpreter visits them
        for (let j = 0; j < projection.pre.size; j++) {
          if (this.lineStamp[first + j] === s) touchedCount = this.sendRow(projection, this.weights[p], j, one, acc, stamp, touched, touchedCount, s);
        }
      } else {
        const lut = this.sigmoids[p] as LutEvaluator;
        const v = this.state.v;
        const x0 = this.sigmoidX0[p];
        const base = projection.pre.offset;
        for (let j = 0; j < projection.pre.size; j++) {
          const vj = v[base + j];
          if (vj >= x0) touchedCount = this.sendRow(projection, this.weights[p], j, lut.at(vj), acc, stamp, touched, touchedCount, s);
        }
      }
      const shift = projection.weightFrac + projection.sFrac + this.postFracShift[p];
      const v = this.state.v;
      for (let t = 0; t < touchedCount; t++) {
        const i = touched[t];
        const n = projection.postOffset + i;
        iSyn[n] += mulShr(acc[i], projection.eRev - v[n], shift, this.config.semantics.rounding);
      }
    }
    const max = this.neuronMax;
    const key = OVERFLOW_INDEX["i_syn.saturate"];
    const counters = this.state.counters;
    for (let n = 0; n < this.neuronTotal; n++) {
      const x = iSyn[n];
      if (x > max) ((iSyn[n] = max), counters[key]++);
      else if (x < -max - 1) ((iSyn[n] = -max - 1), counters[key]++);
    }
  }

  private sendRow(
    projection: GliaProjection,
    weight: Int32Array,
    j: number,
    strength: number,
    acc: Float64Array,
    stamp: Float64Array,
    touched: Int32Array,
    touchedCount: number,
    s: number,
  ): number {
    const { rowStart, post, astrocyte, delta } = projection;
    const modulated = astrocyte.length > 0;
    const gate = this.state.gate;
    const counters = this.state.counters;
    const invGain = 2 ** -this.gainBits;
    const biasGain = shiftBias(this.gainBits, this.config.semantics.rounding);
    const weightMax = this.weightMax;
    const accMax = this.accMax;
    const end = rowStart[j + 1];
    for (let k = rowStart[j]; k < end; k++) {
      let w = weight[k];
      if (modulated) {
        const a = astrocyte[k];
        if (a >= 0) {
          w = w + Math.floor((delta[k] * gate[a] + biasGain) * invGain);
          if (w < 0) ((w = 0), counters[OVERFLOW_INDEX["weight.saturate"]]++);
          else if (w > weightMax) ((w = weightMax), counters[OVERFLOW_INDEX["weight.saturate"]]++);
        }
      }
      const i = post[k];
      if (stamp[i] !== s) {
        stamp[i] = s;
        acc[i] = 0;
        touched[touchedCount++] = i;
      }
      let sum = acc[i] + w * strength;
      if (sum > accMax) ((sum = accMax), counters[OVERFLOW_INDEX["acc.saturate"]]++);
      else if (sum < -accMax - 1) ((sum = -accMax - 1), counters[OVERFLOW_INDEX["acc.saturate"]]++);
      acc[i] = sum;
    }
    this.synapticEvents += end - rowStart[j];
    return touchedCount;
  }

  private readonly read = (variable: StateVariable, x: number): number => {
    const st = this.state;
    switch (variable) {
      case "v":
        return st.v[x];
      case "u":
        return this.u[x];
      case "i_syn":
        return this.iSyn[x];
      case "glutamate":
        return st.g[x];
      case "ca":
        return st.ca[x];
      case "h":
        return st.h[x];
      case "ip3":
        return st.ip3[x];
      case "gate":
        return st.gate[x];
      case "drive":
        return st.drive[x];
    }
  };

  result(steps: number): GliaEmulationResult {
    const st = this.state;
    const learned = this.learning?.counts();
    const counts = {
      steps,
      neuronUpdates: steps * this.neuronTotal,
      synapticEvents: this.synapticEvents,
      spikes: this.spikeCount,
      ...(learned !== undefined ? { learningTraceUpdates: learned.traceUpdates, learningSynapseUpdates: learned.synapseUpdates, weightWrites: learned.weightWrites } : {}),
    };
    const glia = { v: st.v.slice(), u: this.u.slice(), iSyn: this.iSyn.slice(), glutamate: st.g.slice(), ca: st.ca.slice(), h: st.h.slice(), ip3: st.ip3.slice(), gate: st.gate.slice() };
    const result = gliaResult(this.config, this.recorder, steps, st.counters, counts, glia);
    return this.dumps === undefined ? result : { ...result, recording: { ...result.recording, weights: this.dumps.finish() } };
  }
}

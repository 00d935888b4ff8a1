/**
 * The plain interpreter of the glia-core integer semantics (docs/semantics-glia.md): the living
 * definition. Straight loops over every unit and synapse in every step, one call per formula
 * (models/izhikevich-fixed.ts, astro-fixed.ts, glia-lut.ts), full spike-count histories. Slow
 * on purpose; the fast emulator (glia-emulator.ts) must equal it to the bit.
 */
import type { GliaAstroGroup, GliaConfig, GliaNeuronGroup, GliaProjection } from "../hw/glia-config.js";
import type { StateVariable } from "../ir/types.js";
import { evaluateLut, type GliaLut } from "../models/glia-lut.js";
import {
  exceedsSigned,
  glutamateNext,
  izhikevichRecovery,
  izhikevichVoltage,
  mulShr,
  saturateSigned,
  shr,
  type IzhikevichConstants,
} from "../models/izhikevich-fixed.js";
import {
  caIncrement,
  hIncrement,
  ip3Increment,
  liRinzelKernel,
  reducedCaIncrement,
  reducedIp3Increment,
  reducedKernel,
  type LiRinzelKernel,
  type ReducedKernel,
} from "../models/astro-fixed.js";
import { GLIA_OVERFLOW_KEYS, GliaRecorder, gliaResult, type GliaEmulationResult, type GliaOverflowKey } from "./glia-recording.js";
import { assert } from "../util/assert.js";
import type { Host } from "../hw/host.js";
import type { GliaRounding } from "../targets/glia-types.js";
import { hostSpikes, injectedLine } from "./glia-host.js";
import { ScalarLearning } from "./learning-scalar.js";
import { gliaSpikeLayout } from "./learning-sources.js";
import { gliaWeightStore } from "./weight-store.js";
import { astroGroupOffsets, GliaWeightDumps } from "./glia-learning.js";

/** Runs `steps` (default config.steps) steps of the config, or until the host says finished, slowly and plainly. */
export function interpretGliaScalar(
  config: GliaConfig,
  options: { readonly steps?: number; readonly host?: Host; readonly weightSteps?: readonly number[] } = {},
): GliaEmulationResult {
  assert(config.semantics.rounding === "floor" || config.semantics.rounding === "half-up", "glia-core shifts round by floor or half up");
  const rounding = config.semantics.rounding;
  const steps = options.steps ?? config.steps;
  const c = config.semantics.constantFrac;
  const neuronBits = config.semantics.neuron.stateBits;
  const astroBits = config.semantics.astrocyte.stateBits;
  const gainBits = config.semantics.effects.gainBits;
  const weightMax = 2 ** config.semantics.synapse.weightBits - 1;
  const accBits = config.semantics.synapse.accumulatorBits;
  const glutamateMax = 2 ** config.semantics.glutamate.bits - 1;

  const neuronTotal = config.neurons.reduce((n, g) => n + g.size, 0);
  const astroTotal = config.astrocytes.reduce((n, a) => n + a.size, 0);
  const v: number[] = new Array<number>(neuronTotal).fill(0);
  const u: number[] = new Array<number>(neuronTotal).fill(0);
  const g: number[] = new Array<number>(neuronTotal).fill(0);
  const iSyn: number[] = new Array<number>(neuronTotal).fill(0);
  const spiked: boolean[] = new Array<boolean>(neuronTotal).fill(false);
  for (const group of config.neurons) {
    for (let j = 0; j < group.size; j++) ((v[group.offset + j] = group.v0[j]), (u[group.offset + j] = group.u0[j]));
  }
  const currentValue: number[][] = config.currents.map((cur) => new Array<number>(cur.size).fill(0));
  const ca: number[] = new Array<number>(astroTotal).fill(0);
  const h: number[] = new Array<number>(astroTotal).fill(0);
  const ip3: number[] = new Array<number>(astroTotal).fill(0);
  const gate: number[] = new Array<number>(astroTotal).fill(0);
  const drive: number[] = new Array<number>(astroTotal).fill(0);
  const driveEnd: number[] = new Array<number>(astroTotal).fill(-1);
  const gateEnd: number[] = new Array<number>(astroTotal).fill(-1);
  const gateOn: number[] = new Array<number>(astroTotal).fill(0);
  const spikesSince: number[] = new Array<number>(astroTotal).fill(0); // spike_jump: territory spikes since the last update
  const history: number[][] = Array.from({ length: astroTotal }, () => []);
  for (const group of config.astrocytes) {
    for (let j = 0; j < group.size; j++) {
      ca[group.offset + j] = group.ca0[j];
      h[group.offset + j] = group.h0[j];
      ip3[group.offset + j] = group.ip30[j];
    }
  }
  const kernels = config.astrocytes.map((group) => astroKernel(group, config.luts, c, rounding));
  const counters = new Float64Array(GLIA_OVERFLOW_KEYS.length);
  const count = (key: GliaOverflowKey) => counters[GLIA_OVERFLOW_KEYS.indexOf(key)]++;
  const satNeuron = (x: number, key: GliaOverflowKey) => (exceedsSigned(x, neuronBits) ? (count(key), saturateSigned(x, neuronBits)) : x);
  const satAstro = (x: number, key: GliaOverflowKey) => (exceedsSigned(x, astroBits) ? (count(key), saturateSigned(x, astroBits)) : x);
  const recorder = new GliaRecorder(config, steps);
  // The weights spikes read: a copy of the config's, which learning rewrites through the weight store.
  const weights: number[][] = config.projections.map((projection) => Array.from(projection.weight));
  const learning = config.learning === undefined
    ? undefined
    : new ScalarLearning(
      config.learning,
      gliaSpikeLayout(config),
      gliaWeightStore(config, { setMantissa: (projection, index, mantissa) => (weights[projection][index] = mantissa) }),
      { gateOn, ca, groupOffset: astroGroupOffsets(config) },
    );
  const dumps = learning === undefined ? undefined : new GliaWeightDumps(config, options.weightSteps ?? [], (step) => learning.snapshot(step));
  let synapticEvents = 0;
  let spikeCount = 0;
  let inputCursor = 0;
  let ran = steps; // steps run: fewer when the host ends the run early

  for (let s = 0; s < steps; s++) {
    // a host's injected spikes of this step (a line injected twice spikes once)
    const lines = new Set<number>();
    options.host?.beforeStep?.(s, (input, index) => {
      const line = injectedLine(config, input, index);
      if (lines.has(line)) return;
      lines.add(line);
      recorder.lineSpike(s, line);
    });
    // A.1 currents: apply this step's change points
    config.currents.forEach((cur, k) => {
      for (let e = 0; e < cur.step.length; e++) if (cur.step[e] === s) currentValue[k][cur.neuron[e]] = cur.value[e];
    });
    // A.2–A.7 neurons
    for (const group of config.neurons) {
      const k = neuronConstants(group);
      for (let j = 0; j < group.size; j++) {
        const n = group.offset + j;
        if (v[n] >= group.peak) {
          v[n] = group.cReset;
          u[n] = satNeuron(u[n] + group.d, "u.saturate");
        }
        let input = inputSum(config, group, j, iSyn[n], currentValue, gateOn, ca);
        input = satNeuron(input, "i.saturate");
        if (group.inputClip !== null && input > group.inputClip) input = group.inputClip;
        v[n] = satNeuron(izhikevichVoltage(v[n], u[n], input, k, group.frac, group.iFrac, c, rounding), "v.saturate");
        u[n] = satNeuron(izhikevichRecovery(u[n], v[n], k, c, rounding), "u.saturate");
        if (v[n] > group.peak) v[n] = group.peak;
        if (group.glutamate !== undefined) {
          const release = group.glutamate.release === "at_peak" ? v[n] === group.peak : v[n] > group.spikeThreshold;
          let next = glutamateNext(g[n], release, group.glutamate.decay, group.glutamate.increment, c);
          if (next < 0 || next > glutamateMax) ((next = next < 0 ? 0 : glutamateMax), count("glutamate.saturate"));
          g[n] = next;
        }
        spiked[n] = v[n] > group.spikeThreshold;
        if (spiked[n]) (spikeCount++, recorder.neuronSpike(s, n));
      }
    }
    // scheduled input lines spiking in this step
    while (inputCursor < config.inputs.spikeSteps.length && config.inputs.spikeSteps[inputCursor] === s) {
      const line = config.inputs.spikeLines[inputCursor++];
      lines.add(line);
      recorder.lineSpike(s, line);
    }
    assert(inputCursor >= config.inputs.spikeSteps.length || config.inputs.spikeSteps[inputCursor] > s, "input spikes are sorted by step");
    // learning of step s: this step's neuron and line spikes, gates and Ca of the end of step s − 1
    learning?.step(s, (id) => {
      const group = config.neurons.find((ng) => ng.population === id);
      const input = config.inputs.symbols.find((symbol) => symbol.id === id)!;
      const size = group?.size ?? input.size;
      const elements: number[] = [];
      for (let e = 0; e < size; e++) if (group !== undefined ? spiked[group.offset + e] : lines.has(input.offset + e)) elements.push(e);
      return elements;
    });
    // A.8 synaptic current for the next step
    for (let n = 0; n < neuronTotal; n++) iSyn[n] = 0;
    for (const projection of config.projections) {
      const acc: number[] = new Array<number>(projection.postSize).fill(0);
      const weight = weights[config.projections.indexOf(projection)];
      for (let j = 0; j < projection.pre.size; j++) {
        const strength = presynapticS(projection, j, v, lines, config.luts);
        if (strength === undefined) continue;
        for (let k = projection.rowStart[j]; k < projection.rowStart[j + 1]; k++) {
          let w = weight[k];
          const a = projection.astrocyte.length > 0 ? projection.astrocyte[k] : -1;
          if (a >= 0) {
            w = w + shr(projection.delta[k] * gate[a], gainBits, rounding);
            if (w < 0 || w > weightMax) ((w = w < 0 ? 0 : weightMax), count("weight.saturate"));
          }
          const post = projection.post[k];
          const sum = acc[post] + w * strength;
          acc[post] = exceedsSigned(sum, accBits) ? (count("acc.saturate"), saturateSigned(sum, accBits)) : sum;
          synapticEvents++;
        }
      }
      // eRev − V in the post group's Q.frac; I_syn in its Q.iFrac
      const post = config.neurons.find((group) => group.offset <= projection.postOffset && projection.postOffset < group.offset + group.size);
      assert(post !== undefined, "a projection's post neurons belong to a group");
      for (let i = 0; i < projection.postSize; i++) {
        const n = projection.postOffset + i;
        iSyn[n] += mulShr(acc[i], projection.eRev - v[n], projection.weightFrac + projection.sFrac + post.frac - post.iFrac, rounding);
      }
    }
    for (let n = 0; n < neuronTotal; n++) iSyn[n] = satNeuron(iSyn[n], "i_syn.saturate");
    // B patch counts, C astrocytes in sweep order, D gate factors
    config.astrocytes.forEach((group, gi) => {
      const territoryGroup = config.neurons.find((ng) => ng.offset === group.territory.populationOffset);
      const t = group.territory;
      const spikeCounts: number[] = [];
      const activeCounts: number[] = [];
      const glutamateSums: number[] = [];
      for (let a = 0; a < group.size; a++) {
        let spk = 0;
        let act = 0;
        let sum = 0;
        for (let e = t.rowStart[a]; e < t.rowStart[a + 1]; e++) {
          const n = t.populationOffset + t.neuron[e];
          if (spiked[n]) spk++;
          sum += g[n];
          if (group.sensing?.kind === "glutamate_count" && g[n] >= group.sensing.threshold) act++;
        }
        spikeCounts.push(spk);
        activeCounts.push(act);
        glutamateSums.push(sum);
        history[group.offset + a][s] = spk;
        if (group.sensing?.kind === "spike_jump") spikesSince[group.offset + a] += spk;
      }
      const updates = (s + 1) % group.periodSteps === 0;
      const sensing = group.sensing;
      // spike_jump: the jumps since the last update land before the sweep (and before a Jacobi snapshot)
      if (updates && sensing?.kind === "spike_jump") {
        for (let a = 0; a < group.size; a++) {
          const x = group.offset + a;
          ip3[x] = satAstro(ip3[x] + sensing.jump * spikesSince[x], "ip3.saturate");
          spikesSince[x] = 0;
        }
      }
      const snapshotCa = ca.slice(group.offset, group.offset + group.size);
      const snapshotIp3 = ip3.slice(group.offset, group.offset + group.size);
      for (let w = 0; w < group.sweep.length; w++) {
        const a = group.sweep[w];
        const x = group.offset + a;
        if (updates) {
          drive[x] = sense(group, territoryGroup, s, x, activeCounts[a], glutamateSums[a], driveEnd, c, rounding);
          const lapCa = laplacian(group, a, ca, snapshotCa);
          const lapIp3 = laplacian(group, a, ip3, snapshotIp3);
          const rate = drive[x];
          const kdCa = group.diffusion?.dCa ?? 0;
          const kdIp3 = group.diffusion?.dIp3 ?? 0;
          const kernel = kernels[gi];
          if (kernel.kind === "li-rinzel") {
            const dCa = caIncrement(ca[x], h[x], ip3[x], lapCa, kdCa, kernel.k);
            const dh = hIncrement(ca[x], h[x], ip3[x], kernel.k);
            const dIp3 = ip3Increment(ca[x], ip3[x], rate, lapIp3, kdIp3, kernel.k);
            ca[x] = satAstro(ca[x] + dCa, "ca.saturate");
            h[x] = satAstro(h[x] + dh, "h.saturate");
            ip3[x] = satAstro(ip3[x] + dIp3, "ip3.saturate");
          } else {
            const dCa = reducedCaIncrement(ca[x], ip3[x], lapCa, kdCa, kernel.k);
            const dIp3 = reducedIp3Increment(ip3[x], rate, lapIp3, kdIp3, kernel.k);
            ca[x] = satAstro(ca[x] + dCa, "ca.saturate");
            ip3[x] = satAstro(ip3[x] + dIp3, "ip3.saturate");
          }
          if (group.gate !== undefined && (s + 1) % group.gate.checkSteps === 0) {
            let coincident = false;
            for (let q = Math.max(0, s - group.gate.windowSteps); q <= s; q++) if (history[x][q] >= group.gate.minCoincident) coincident = true;
            if (ca[x] > group.gate.caThreshold && coincident && s + group.gate.holdSteps > gateEnd[x]) gateEnd[x] = s + group.gate.holdSteps;
          }
        }
      }
      for (let a = 0; a < group.size; a++) {
        const x = group.offset + a;
        gateOn[x] = gateEnd[x] >= s ? 1 : 0;
        gate[x] = gateFactor(group, ca[x], gateOn[x] === 1, c, gainBits, rounding);
      }
    });
    const read = (variable: StateVariable, x: number): number => {
      switch (variable) {
        case "v":
          return v[x];
        case "u":
          return u[x];
        case "i_syn":
          return iSyn[x];
        case "glutamate":
          return g[x];
        case "ca":
          return ca[x];
        case "h":
          return h[x];
        case "ip3":
          return ip3[x];
        case "gate":
          return gate[x];
        case "drive":
          return drive[x];
      }
    };
    recorder.endStep(s, read);
    dumps?.afterStep(s);
    if (options.host?.afterStep !== undefined) {
      const spikedIds = Int32Array.from(spiked.flatMap((fired, n) => (fired ? [n] : [])));
      options.host.afterStep(s, hostSpikes(config, spikedIds, spikedIds.length));
    }
    if (options.host?.finished?.(s) === true) {
      ran = s + 1;
      break;
    }
  }
  const learned = learning === undefined ? {} : { learningTraceUpdates: learning.traceUpdates, learningSynapseUpdates: learning.synapseUpdates, weightWrites: learning.weightWrites };
  const counts = { steps: ran, neuronUpdates: ran * neuronTotal, synapticEvents, spikes: spikeCount, ...learned };
  const f64 = (xs: number[]) => Float64Array.from(xs);
  const glia = { v: f64(v), u: f64(u), iSyn: f64(iSyn), glutamate: f64(g), ca: f64(ca), h: f64(h), ip3: f64(ip3), gate: f64(gate) };
  const result = gliaResult(config, recorder, ran, counters, counts, glia);
  return dumps === undefined ? result : { ...result, recording: { ...result.recording, weights: dumps.finish() } };
}

/** A group's constants as the formula functions read them. */
function neuronConstants(group: GliaNeuronGroup): IzhikevichConstants {
  const { vCentre, k004, k5, k140, kI, ka, kb, cReset, d, peak, spikeThreshold, inputClip } = group;
  return { vCentre, k004, k5, k140, kI, ka, kb, cReset, d, peak, spikeThreshold, inputClip };
}

/** I = ((currents[0] + I_syn) + currents[1]) + … then the neuron effects in config order (§A.3). */
function inputSum(config: GliaConfig, group: GliaNeuronGroup, j: number, synaptic: number, currentValue: number[][], gateOn: number[], ca: number[]): number {
  let sum = 0;
  let first = true;
  config.currents.forEach((cur, k) => {
    if (cur.populationOffset !== group.offset) return;
    sum += currentValue[k][j];
    if (first) sum += synaptic;
    first = false;
  });
  if (first) sum = synaptic;
  for (const effect of config.neuronEffects) {
    if (effect.populationOffset !== group.offset) continue;
    const astro = config.astrocytes[effect.astrocytes];
    // "current" follows the gate itself, ungraded (grading belongs to synapse effects)
    // "sic": the table's output shifted left from its Q.frac into the group's current format Q.iFrac (§A.3)
    const valueOf = (x: number) => (effect.kind === "current" ? (gateOn[x] === 1 ? effect.amplitude : 0) : evaluateLut(config.luts[effect.sicLut], ca[x]) * 2 ** (group.iFrac - config.luts[effect.sicLut].frac));
    if (astro.territory.ownerRule === "max") {
      // every astrocyte whose territory holds j; the largest effect wins
      let best: number | undefined;
      for (let a = 0; a < astro.size; a++) {
        const t = astro.territory;
        let covers = false;
        for (let e = t.rowStart[a]; e < t.rowStart[a + 1]; e++) if (t.neuron[e] === j) covers = true;
        if (covers && (best === undefined || valueOf(astro.offset + a) > best)) best = valueOf(astro.offset + a);
      }
      if (best !== undefined) sum += best;
      continue;
    }
    const owner = astro.territory.ownerOf[j];
    if (owner >= 0) sum += valueOf(astro.offset + owner);
  }
  return sum;
}

/** S of presynaptic element j in this step, or undefined when it sends nothing (§A.8). */
function presynapticS(projection: GliaProjection, j: number, v: number[], lines: Set<number>, luts: readonly GliaLut[]): number | undefined {
  if (projection.pre.kind === "inputs") return lines.has(projection.pre.offset + j) ? 2 ** projection.sFrac : undefined;
  const lut = luts[projection.sigmoid];
  const potential = v[projection.pre.offset + j];
  return potential >= lut.x0 ? evaluateLut(lut, potential) : undefined;
}

/** The IP3 drive of astrocyte x in update step s (§C.1); 0 for spike_jump, whose jumps are not a rate. */
function sense(
  group: GliaAstroGroup,
  territoryGroup: GliaNeuronGroup | undefined,
  s: number,
  x: number,
  active: number,
  glutamateSum: number,
  driveEnd: number[],
  c: number,
  rounding: GliaRounding,
): number {
  const sensing = group.sensing;
  if (sensing === undefined) return 0;
  switch (sensing.kind) {
    case "glutamate_count":
      if (active >= sensing.minCount && s + sensing.durationSteps - 1 > driveEnd[x]) driveEnd[x] = s + sensing.durationSteps - 1;
      return driveEnd[x] >= s ? sensing.amplitude : 0;
    case "glutamate_sum": {
      const gFrac = territoryGroup?.glutamate?.frac ?? 0;
      return glutamateSum >= sensing.minSum ? mulShr(sensing.gain, glutamateSum, c + gFrac - group.frac, rounding) : 0;
    }
    case "spike_jump":
      return 0;
  }
}

/** Σ neighbours X_k − m·X over the neighbour list (§C.2): in place (Gauss–Seidel) or from the snapshot (Jacobi). */
function laplacian(group: GliaAstroGroup, a: number, live: number[], snapshot: number[]): number {
  const diffusion = group.diffusion;
  if (diffusion === undefined) return 0;
  const jacobi = diffusion.order === "jacobi";
  const at = (b: number) => (jacobi ? snapshot[b] : live[group.offset + b]);
  let sum = 0;
  for (let e = diffusion.rowStart[a]; e < diffusion.rowStart[a + 1]; e++) sum += at(diffusion.neighbour[e]);
  return sum - (diffusion.rowStart[a + 1] - diffusion.rowStart[a]) * at(a);
}

/** A of an astrocyte: 0 when the gate is closed, else 2^gainBits or its Ca grading (§D). */
function gateFactor(group: GliaAstroGroup, ca: number, open: boolean, c: number, gainBits: number, rounding: GliaRounding): number {
  if (!open) return 0;
  const one = 2 ** gainBits;
  if (group.grading === undefined) return one;
  const graded = mulShr(ca - group.grading.caLow, group.grading.reciprocal, c, rounding);
  return graded < 0 ? 0 : graded > one ? one : graded;
}

type AstroKernel = { readonly kind: "li-rinzel"; readonly k: LiRinzelKernel } | { readonly kind: "reduced"; readonly k: ReducedKernel };

function astroKernel(group: GliaAstroGroup, luts: readonly GliaLut[], c: number, rounding: GliaRounding): AstroKernel {
  if (group.model === "reduced") return { kind: "reduced", k: reducedKernel(group.constants, c, rounding) };
  const tables: Record<string, GliaLut> = {};
  for (const [name, index] of Object.entries(group.luts)) tables[name] = luts[index];
  return { kind: "li-rinzel", k: liRinzelKernel(group.constants, tables, group.frac, c, rounding) };
}

/**
 * Random small glia-core configs for the differential test: random shift rounding (floor or half
 * up), group sizes, connectivity, weights and deltas, tables (entries, spacing, interpolation),
 * currents, input spikes,
 * astrocyte models, periods, diffusion order, sensing kinds, gates, grading and neuron effects.
 * Register widths are drawn narrow sometimes so that every saturation path runs.
 */
import type { GliaAstroGroup, GliaConfig, GliaCurrent, GliaNeuronEffect, GliaNeuronGroup, GliaProjection } from "../../../src/hw/glia-config.js";
import type { GliaLut } from "../../../src/models/glia-lut.js";
import { astroConstants, type AstroModelName } from "../../../src/models/astro-fixed.js";
import { sigmoidLut, izhikevichConstants, glutamateConstants } from "../../../src/models/izhikevich-fixed.js";
import { buildLut, buildOctaveLut } from "../../../src/models/glia-lut.js";
import { LR1994_NEST, ULLAH_WM2021, type ReducedParams } from "../../../src/ir/astro-types.js";
import type { GliaSemantics } from "../../../src/targets/glia-types.js";
import type { HwRecordSpec } from "../../../src/hw/types.js";
import { Rng } from "../../../src/util/rng.js";
import { gliaConfig, SEMANTICS, WM_NEURON } from "./build.js";

const REDUCED: ReducedParams = { tau_ip3: 50, tau_ca: 80, ip3_rest: 0.1, ca_rest: 0.05, ip3_threshold: 0.3, gain: 4 };

export function randomGliaConfig(seed: number): GliaConfig {
  const rng = new Rng(seed);
  const int = (lo: number, hi: number) => lo + rng.nextInt(hi - lo + 1);
  const pick = <T>(xs: readonly T[]): T => xs[rng.nextInt(xs.length)];
  const chance = (p: number) => rng.nextFloat() < p;

  const neuronBits = chance(0.3) ? int(14, 18) : 24;
  const astroBits = chance(0.3) ? int(18, 22) : pick([26, 32]);
  const semantics: GliaSemantics = {
    ...SEMANTICS,
    rounding: pick(["floor", "half-up"] as const),
    neuron: { ...SEMANTICS.neuron, stateBits: neuronBits },
    glutamate: { bits: chance(0.3) ? int(6, 10) : 16 },
    synapse: {
      ...SEMANTICS.synapse,
      weightBits: chance(0.3) ? int(6, 10) : 16,
      accumulatorBits: chance(0.3) ? int(20, 28) : 40,
      sigmoid: { entries: int(8, 64), bits: int(8, 16), interpolation: pick(["linear", "nearest"] as const) },
    },
    astrocyte: { ...SEMANTICS.astrocyte, stateBits: astroBits },
    effects: { ...SEMANTICS.effects, gainBits: int(4, 12) },
  };
  const c = semantics.constantFrac;
  const dtMs = pick([0.1, 0.25, 0.5]);
  const steps = int(60, 240);
  const luts: GliaLut[] = [];

  // neuron groups
  const neurons: GliaNeuronGroup[] = [];
  let neuronTotal = 0;
  for (let gi = 0, count = int(1, 2); gi < count; gi++) {
    const size = int(1, 10);
    const frac = neuronBits === 24 ? int(10, 15) : int(4, 8);
    // the input current's own format: mostly coarser than V's (a larger bound), sometimes finer
    const iFrac = neuronBits === 24 ? frac + int(-5, 2) : Math.max(frac - int(0, 4), 0);
    const k = izhikevichConstants({ ...WM_NEURON, input_clip: chance(0.5) ? 25 : null }, dtMs, frac, c, undefined, iFrac);
    const v0 = Int32Array.from({ length: size }, () => Math.round((-75 + 20 * rng.nextFloat()) * 2 ** frac));
    const u0 = Int32Array.from({ length: size }, () => Math.round((-15 + 10 * rng.nextFloat()) * 2 ** frac));
    const gFrac = semantics.glutamate.bits === 16 ? 14 : semantics.glutamate.bits - 2;
    const glutamate = chance(0.8)
      ? glutamateConstants({ decay_rate: 10 + 40 * rng.nextFloat(), release_rate: 600 + 3000 * rng.nextFloat(), release: pick(["at_peak", "spiking"] as const) }, dtMs, gFrac, c)
      : undefined;
    neurons.push({ population: `p${gi}`, offset: neuronTotal, size, frac, iFrac, ...k, v0, u0, ...(glutamate !== undefined ? { glutamate } : {}) });
    neuronTotal += size;
  }

  // input lines
  const lineCount = int(0, 4);
  const spikeSteps: number[] = [];
  const spikeLines: number[] = [];
  if (lineCount > 0) {
    for (let s = 0; s < steps; s++) for (let l = 0; l < lineCount; l++) if (chance(0.08)) (spikeSteps.push(s), spikeLines.push(l));
  }

  // astrocyte groups
  const astrocytes: GliaAstroGroup[] = [];
  let astroTotal = 0;
  for (let ai = 0, count = int(0, 2); ai < count; ai++) {
    const model = pick(["ullah2006", "lr1994", "reduced"] as AstroModelName[]);
    const size = int(1, 6);
    const frac = astroBits >= 26 ? int(astroBits - 8, astroBits - 4) : int(12, 16);
    const periodSteps = int(1, 3);
    const periodS = (periodSteps * dtMs) / 1000;
    const scaleUp = 200; // faster dynamics so that short runs move Ca
    const params =
      model === "ullah2006"
        ? { ...ULLAH_WM2021, membrane_fluxes: chance(0.7), plc_delta: chance(0.7) }
        : model === "lr1994"
          ? LR1994_NEST
          : REDUCED;
    // uniform or octave tables (octave: every segment size within the budget competes; each table keeps its best)
    const spacing = pick([["uniform"], ["octave"], ["uniform", "octave"]] as const);
    const lutSpec = { entries: int(8, 64), bits: int(10, 16), interpolation: pick(["linear", "nearest"] as const), spacing, caMax: 2, ip3Max: 4 };
    const fixed = astroConstants(model, params, periodS * scaleUp, frac, c, lutSpec);
    const lutIndex: Record<string, number> = {};
    for (const [name, lut] of Object.entries(fixed.luts)) ((lutIndex[name] = luts.length), luts.push(lut));
    const group = neurons[int(0, neurons.length - 1)];
    const rowStart = new Int32Array(size + 1);
    const members: number[] = [];
    for (let a = 0; a < size; a++) {
      for (let j = 0; j < group.size; j++) if (chance(0.4)) members.push(j);
      rowStart[a + 1] = members.length;
    }
    const ownerRule = pick(["last", "first", "max"] as const);
    const ownerOf = new Int32Array(group.size).fill(-1);
    // "max" keeps the last owner in ownerOf (synapses still take one astrocyte each)
    for (let a = 0; a < size; a++) {
      for (let e = rowStart[a]; e < rowStart[a + 1]; e++) if (ownerRule !== "first" || ownerOf[members[e]] < 0) ownerOf[members[e]] = a;
    }
    const sweep = Int32Array.from({ length: size }, (_, a) => a);
    for (let a = size - 1; a > 0; a--) {
      const b = rng.nextInt(a + 1);
      [sweep[a], sweep[b]] = [sweep[b], sweep[a]];
    }
    const nbStart = new Int32Array(size + 1);
    const neighbours: number[] = [];
    for (let a = 0; a < size; a++) {
      for (let b = 0; b < size; b++) if (b !== a && chance(0.5)) neighbours.push(b);
      nbStart[a + 1] = neighbours.length;
    }
    const one = (x: number) => Math.round(x * 2 ** frac);
    const ca0 = Int32Array.from({ length: size }, () => one(0.05 + 0.3 * rng.nextFloat()));
    const gFrac = group.glutamate?.frac ?? 0;
    const sensingKind = pick(["glutamate_count", "glutamate_sum", "spike_jump", "none"] as const);
    const sensing: GliaAstroGroup["sensing"] =
      sensingKind === "glutamate_count" && group.glutamate !== undefined
        ? { kind: "glutamate_count", threshold: Math.round(0.05 * 2 ** gFrac), minCount: int(1, 3), amplitude: one(5), durationSteps: int(1, 40) }
        : sensingKind === "glutamate_sum" && group.glutamate !== undefined
          ? { kind: "glutamate_sum", minSum: Math.round(0.05 * 2 ** gFrac), gain: Math.round((1 + 20 * rng.nextFloat()) * 2 ** c) }
          : sensingKind === "spike_jump"
            ? { kind: "spike_jump", jump: one(0.05 + 0.2 * rng.nextFloat()) }
            : undefined;
    const checkSteps = periodSteps * int(1, 3);
    const withGate = chance(0.85);
    astrocytes.push({
      id: `a${ai}`,
      model,
      offset: astroTotal,
      size,
      frac,
      periodSteps,
      constants: fixed.constants,
      luts: lutIndex,
      ca0,
      h0: Int32Array.from({ length: size }, () => one(model === "reduced" ? 1 : 0.5 + 0.4 * rng.nextFloat())),
      ip30: Int32Array.from({ length: size }, () => one(0.1 + 1.5 * rng.nextFloat())),
      sweep,
      ...(chance(0.7)
        ? {
            diffusion: {
              order: pick(["gauss-seidel", "jacobi"] as const),
              dCa: Math.round(rng.nextFloat() * 0.3 * 2 ** c),
              dIp3: Math.round(rng.nextFloat() * 0.3 * 2 ** c),
              rowStart: nbStart,
              neighbour: Int32Array.from(neighbours),
            },
          }
        : {}),
      territory: { populationOffset: group.offset, rowStart, neuron: Int32Array.from(members), ownerOf, ownerRule },
      ...(sensing !== undefined ? { sensing } : {}),
      ...(withGate
        ? {
            gate: {
              caThreshold: one(0.05 + 0.3 * rng.nextFloat()),
              minCoincident: int(1, 2),
              windowSteps: int(0, 20),
              checkSteps,
              holdSteps: int(0, 30),
            },
          }
        : {}),
      ...(chance(0.4) ? { grading: gradingOf(one(0.05), one(0.05 + 0.4 * rng.nextFloat()) + 1, c, semantics.effects.gainBits) } : {}),
    });
    astroTotal += size;
  }

  // projections
  const projections: GliaProjection[] = [];
  for (let pi = 0, count = int(1, 3); pi < count; pi++) {
    const post = pick(neurons);
    const fromInputs = lineCount > 0 && chance(0.3);
    const preGroup = pick(neurons);
    const pre = fromInputs
      ? { kind: "inputs" as const, offset: 0, size: lineCount }
      : { kind: "neurons" as const, offset: preGroup.offset, size: preGroup.size };
    let sigmoid = -1;
    let sFrac = semantics.synapse.sigmoid.bits - 1;
    if (!fromInputs) {
      const lut = sigmoidLut(0.2 + 2 * rng.nextFloat(), preGroup.frac, semantics);
      sigmoid = luts.length;
      luts.push(lut);
      sFrac = lut.frac;
    }
    const rowStart = new Int32Array(pre.size + 1);
    const postOf: number[] = [];
    for (let j = 0; j < pre.size; j++) {
      for (let i = 0; i < post.size; i++) if (chance(0.5)) postOf.push(i);
      rowStart[j + 1] = postOf.length;
    }
    const weightFrac = semantics.synapse.weightBits - 2;
    const wMax = 2 ** semantics.synapse.weightBits - 1;
    const n = postOf.length;
    const weight = Int32Array.from({ length: n }, () => rng.nextInt(wMax + 1) >> int(0, 4));
    const candidates = astrocytes.filter((a) => a.territory.populationOffset === post.offset);
    const modulated = candidates.length > 0 && chance(0.7);
    const astrocyte = new Int32Array(modulated ? n : 0);
    const delta = new Int32Array(modulated ? n : 0);
    if (modulated) {
      const astro = pick(candidates);
      const effect = pick(["additive", "multiplicative", "suppressive"] as const);
      for (let k = 0; k < n; k++) {
        const owner = astro.territory.ownerOf[postOf[k]];
        astrocyte[k] = owner < 0 ? -1 : astro.offset + owner;
        delta[k] = effect === "additive" ? rng.nextInt(wMax + 1) : effect === "multiplicative" ? 2 * weight[k] : -weight[k];
      }
    }
    projections.push({
      id: `q${pi}`,
      pre,
      postOffset: post.offset,
      postSize: post.size,
      eRev: Math.round(pick([0, 0, -90]) * 2 ** post.frac),
      sigmoid,
      sFrac,
      weightFrac,
      rowStart,
      post: Int32Array.from(postOf),
      weight,
      astrocyte,
      delta,
    });
  }

  // currents: change points per neuron, some strong enough to spike
  const currents: GliaCurrent[] = [];
  for (let ci = 0, count = int(0, 3); ci < count; ci++) {
    const group = pick(neurons);
    const stepOf: number[] = [];
    const neuronOf: number[] = [];
    const valueOf: number[] = [];
    const points = int(1, 6);
    const at = Array.from({ length: points }, () => rng.nextInt(steps)).sort((a, b) => a - b);
    for (const s of at) {
      const j = rng.nextInt(group.size);
      stepOf.push(s);
      neuronOf.push(j);
      valueOf.push(Math.round((-10 + 60 * rng.nextFloat()) * 2 ** group.iFrac));
    }
    currents.push({ id: `i${ci}`, populationOffset: group.offset, size: group.size, step: Int32Array.from(stepOf), neuron: Int32Array.from(neuronOf), value: Int32Array.from(valueOf) });
  }

  // neuron effects
  const neuronEffects: GliaNeuronEffect[] = [];
  astrocytes.forEach((astro, index) => {
    if (!chance(0.5)) return;
    const group = neurons.find((g) => g.offset === astro.territory.populationOffset) as GliaNeuronGroup;
    if (chance(0.5)) {
      neuronEffects.push({ id: `e${index}`, astrocytes: index, populationOffset: group.offset, size: group.size, kind: "current", amplitude: Math.round(8 * 2 ** group.iFrac), sicLut: -1 });
    } else {
      const sic = (ca: number) => (ca > 0.2 ? 3 * Math.log(1 + (ca - 0.2) * 1000) : 0);
      const interpolation = pick(["linear", "nearest"] as const);
      const sicFrac = Math.max(group.iFrac - int(0, 4), 0); // the unit shifts it left into the group's Q.iFrac
      const lut = chance(0.5)
        ? buildLut("sic", sic, 0, 2, int(8, 32), astro.frac, sicFrac, interpolation)
        : buildOctaveLut("sic", sic, chance(0.5) ? 0 : 0.2, 2, int(8, 64), int(0, 2), astro.frac, sicFrac, interpolation);
      neuronEffects.push({ id: `e${index}`, astrocytes: index, populationOffset: group.offset, size: group.size, kind: "sic", amplitude: 0, sicLut: luts.length });
      luts.push(lut);
    }
  });

  const record: HwRecordSpec[] = [
    ...neurons.map((g) => ({ population: g.population, spikes: true, state: ["v", "u", "i_syn", "glutamate"] as const, neurons: new Int32Array(0) })),
    ...astrocytes.map((a) => ({ population: a.id, spikes: false, state: ["ca", "h", "ip3", "gate", "drive"] as const, neurons: new Int32Array(0) })),
    ...(lineCount > 0 ? [{ population: "lines", spikes: true, state: [] as const, neurons: new Int32Array(0) }] : []),
  ];
  return gliaConfig({
    semantics,
    dtMs,
    steps,
    neurons,
    projections,
    currents,
    astrocytes,
    neuronEffects,
    luts,
    inputs: {
      lineCount,
      spikeSteps: Int32Array.from(spikeSteps),
      spikeLines: Int32Array.from(spikeLines),
      symbols: lineCount > 0 ? [{ id: "lines", offset: 0, size: lineCount, external: false }] : [],
    },
    record,
  });
}

/** Grading bounds and the reciprocal the semantics define: round(2^(c + gainBits) / (high − low)). */
export function gradingOf(caLow: number, caHigh: number, c: number, gainBits: number) {
  return { caLow, caHigh, reciprocal: Math.round(2 ** (c + gainBits) / (caHigh - caLow)) };
}

/**
 * The learning section of a config's file forms, for both families (config.json / config.pb of
 * LIF targets, glia-config.json / glia-config.pb of glia-core): the twin with keys in the order
 * of ./learning-config.ts, and the reader that turns either form back into HwLearning. Types and
 * widths only; ranges and cross-references are ./validate-learning.ts's job (TP4023-TP4029,
 * TP4031-TP4034), so a value of the right type but out of range reads and is reported there.
 */
import { PAIRINGS, PLASTICITY_RULES } from "../ir/plasticity-types.js";
import type { LearningSemantics } from "../targets/learning-types.js";
import type { Jsonify } from "./config-json.js";
import type { HwLearning, HwLearningModulation, HwModulatorSource, HwPlasticProjection } from "./learning-config.js";

/** The twin of a learning section (typed arrays as number arrays). */
export type LearningJson = Jsonify<HwLearning>;

const list = (values: ArrayLike<number>): number[] => Array.from(values);

/** The learning section's twin, keys in the order of src/hw/learning-config.ts. */
export function learningJson(learning: HwLearning): LearningJson {
  const s = learning.semantics;
  const sources = (items: readonly HwModulatorSource[]) => items.map((source) => ({ symbol: source.symbol, gain: source.gain }));
  return {
    semantics: {
      rules: [...s.rules],
      pairings: [...s.pairings],
      boundExponents: [...s.boundExponents],
      astrocyteModulation: s.astrocyteModulation,
      trace: { bits: s.trace.bits, decayBits: s.trace.decayBits, rounding: s.trace.rounding },
      epoch: { default: s.epoch.default, max: s.epoch.max },
      accumulator: { bits: s.accumulator.bits, fractionBits: s.accumulator.fractionBits },
      modulator: { bits: s.modulator.bits, fractionBits: s.modulator.fractionBits, decayBits: s.modulator.decayBits },
      eligibility: { decayBits: s.eligibility.decayBits },
      rounding: s.rounding,
      weightBits: s.weightBits,
    },
    epoch: learning.epoch,
    projections: learning.projections.map((p) => ({
      id: p.id,
      rule: p.rule,
      pairing: p.pairing,
      pre: p.pre,
      post: p.post,
      sign: p.sign,
      synapsePre: list(p.synapsePre),
      synapsePost: list(p.synapsePost),
      synapseCore: list(p.synapseCore),
      synapseIndex: list(p.synapseIndex),
      traceImpulse: p.traceImpulse,
      traceDecayPre: p.traceDecayPre,
      traceDecayPost: p.traceDecayPost,
      aPlus: p.aPlus,
      aMinus: p.aMinus,
      muPlus: p.muPlus,
      muMinus: p.muMinus,
      magnitudeMin: p.magnitudeMin,
      magnitudeMax: p.magnitudeMax,
      ...(p.eligibilityDecay !== undefined ? { eligibilityDecay: p.eligibilityDecay } : {}),
      ...(p.reward !== undefined ? { reward: { decay: p.reward.decay, baseline: p.reward.baseline, sources: sources(p.reward.sources) } } : {}),
      ...(p.gate !== undefined ? { gate: { sources: sources(p.gate.sources) } } : {}),
      ...(p.modulation !== undefined ? { modulation: modulationJson(p.modulation) } : {}),
      seed: p.seed,
      weightPerMantissa: p.weightPerMantissa,
    })),
  };
}

function modulationJson(m: HwLearningModulation): Jsonify<HwLearningModulation> {
  return { astrocytes: m.astrocytes, astrocyteOf: list(m.astrocyteOf), by: m.by, open: m.open, closed: m.closed, caLow: m.caLow, caHigh: m.caHigh };
}

/**
 * The typed field access both families' readers give (config-json.ts, glia-config-json.ts): each
 * getter checks the type, reports TP4004 at the field's pointer itself and returns a harmless default.
 */
export interface LearningFieldReader {
  has(key: string): boolean;
  child(key: string): LearningFieldReader;
  children(key: string): LearningFieldReader[];
  string(key: string): string;
  oneOf<T extends string>(key: string, values: readonly T[]): T;
  someOf<T extends string>(key: string, values: readonly T[]): T[];
  boolean(key: string): boolean;
  number(key: string): number;
  integer(key: string, min?: number, max?: number): number;
  int32s(key: string): Int32Array;
}

const INT32 = [-2147483648, 2147483647] as const;

/** The learning section of a config file, from either family's field reader. */
export function readLearning(fields: LearningFieldReader): HwLearning {
  return {
    semantics: readLearningSemantics(fields.child("semantics")),
    epoch: fields.integer("epoch", ...INT32),
    projections: fields.children("projections").map(readPlasticProjection),
  };
}

function readLearningSemantics(fields: LearningFieldReader): LearningSemantics {
  const trace = fields.child("trace");
  const epoch = fields.child("epoch");
  const accumulator = fields.child("accumulator");
  const modulator = fields.child("modulator");
  const eligibility = fields.child("eligibility");
  return {
    rules: fields.someOf("rules", PLASTICITY_RULES),
    pairings: fields.someOf("pairings", PAIRINGS),
    boundExponents: Array.from(fields.int32s("boundExponents")),
    astrocyteModulation: fields.boolean("astrocyteModulation"),
    trace: { bits: trace.integer("bits", ...INT32), decayBits: trace.integer("decayBits", ...INT32), rounding: trace.oneOf("rounding", ["toward-zero", "stochastic"] as const) },
    epoch: { default: epoch.integer("default", ...INT32), max: epoch.integer("max", ...INT32) },
    accumulator: { bits: accumulator.integer("bits", ...INT32), fractionBits: accumulator.integer("fractionBits", ...INT32) },
    modulator: {
      bits: modulator.integer("bits", ...INT32),
      fractionBits: modulator.integer("fractionBits", ...INT32),
      decayBits: modulator.integer("decayBits", ...INT32),
    },
    eligibility: { decayBits: eligibility.integer("decayBits", ...INT32) },
    rounding: fields.oneOf("rounding", ["stochastic", "nearest", "floor"] as const),
    weightBits: fields.integer("weightBits", ...INT32),
  };
}

function readSources(fields: LearningFieldReader): HwModulatorSource[] {
  return fields.children("sources").map((source) => ({ symbol: source.string("symbol"), gain: source.integer("gain", ...INT32) }));
}

function readPlasticProjection(fields: LearningFieldReader): HwPlasticProjection {
  const reward = fields.has("reward") ? fields.child("reward") : undefined;
  const gate = fields.has("gate") ? fields.child("gate") : undefined;
  return {
    id: fields.string("id"),
    rule: fields.oneOf("rule", PLASTICITY_RULES),
    pairing: fields.oneOf("pairing", PAIRINGS),
    pre: fields.string("pre"),
    post: fields.string("post"),
    // Any integer reads; validate.ts reports a sign other than ±1 with the other parameter ranges.
    sign: fields.integer("sign", ...INT32) as 1 | -1,
    synapsePre: fields.int32s("synapsePre"),
    synapsePost: fields.int32s("synapsePost"),
    synapseCore: fields.int32s("synapseCore"),
    synapseIndex: fields.int32s("synapseIndex"),
    traceImpulse: fields.integer("traceImpulse", ...INT32),
    traceDecayPre: fields.integer("traceDecayPre", ...INT32),
    traceDecayPost: fields.integer("traceDecayPost", ...INT32),
    aPlus: fields.integer("aPlus", ...INT32),
    aMinus: fields.integer("aMinus", ...INT32),
    muPlus: fields.integer("muPlus", ...INT32) as 0 | 1,
    muMinus: fields.integer("muMinus", ...INT32) as 0 | 1,
    magnitudeMin: fields.integer("magnitudeMin", ...INT32),
    magnitudeMax: fields.integer("magnitudeMax", ...INT32),
    ...(fields.has("eligibilityDecay") ? { eligibilityDecay: fields.integer("eligibilityDecay", ...INT32) } : {}),
    ...(reward !== undefined ? { reward: { decay: reward.integer("decay", ...INT32), baseline: reward.integer("baseline", ...INT32), sources: readSources(reward) } } : {}),
    ...(gate !== undefined ? { gate: { sources: readSources(gate) } } : {}),
    ...(fields.has("modulation") ? { modulation: readModulation(fields.child("modulation")) } : {}),
    seed: fields.integer("seed", 0, 2 ** 32 - 1),
    weightPerMantissa: fields.number("weightPerMantissa"),
  };
}

function readModulation(fields: LearningFieldReader): HwLearningModulation {
  return {
    astrocytes: fields.integer("astrocytes", 0, 2 ** 32 - 1),
    astrocyteOf: fields.int32s("astrocyteOf"),
    // Any string reads; validate-learning.ts reports one other than "gate" or "ca" with the other ranges.
    by: fields.string("by") as HwLearningModulation["by"],
    open: fields.integer("open", ...INT32),
    closed: fields.integer("closed", ...INT32),
    caLow: fields.integer("caLow"),
    caHigh: fields.integer("caHigh"),
  };
}

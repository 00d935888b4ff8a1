/**
 * The invariants of a config's learning section (HwConfig.learning and GliaConfig.learning,
 * ./learning-config.ts): sane learning semantics, projection parameters within them, symbols of
 * the right kind, elements and stored synapses that exist, no synapse in two places, the rule's
 * own parts present exactly for its rule, and astrocyte modulation (./validate-modulation.ts).
 * Either family is seen through a LearningLayout (./learning-layout.ts). Runs after the rest of
 * the config validated, so its synapse tables and symbols can be trusted. Every failure is a
 * TP4023-TP4029 or TP4031-TP4034 diagnostic whose path points into the JSON twin.
 */
import type { Reporter } from "../ir/diagnostics.js";
import { child, pointer, type JsonPointer } from "../ir/pointer.js";
import { PAIRINGS, PLASTICITY_RULES } from "../ir/plasticity-types.js";
import type { LearningSemantics } from "../targets/learning-types.js";
import type { HwLearning, HwModulatorSource, HwPlasticProjection } from "./learning-config.js";
import type { LearningLayout, LearningSymbolInfo } from "./learning-layout.js";
import { checkModulation } from "./validate-modulation.js";

const isInt = (x: number, min: number, max: number): boolean => Number.isInteger(x) && x >= min && x <= max;
const BASE = pointer("learning");

/** Reports every problem of `learning` through `report`. */
export function checkLearning(layout: LearningLayout, learning: HwLearning, report: Reporter): void {
  const sane = checkSemantics(learning.semantics, layout.weightBits, report);
  const field = fieldReporter(report);
  if (sane) field(child(BASE, "epoch"), learning.epoch, isInt(learning.epoch, 1, learning.semantics.epoch.max), `it must be an integer from 1 to semantics.epoch.max (${learning.semantics.epoch.max})`);
  const ids = new Map<string, number>();
  /** Stored synapse "core:index" → where it was first listed. */
  const owners = new Map<string, JsonPointer>();
  learning.projections.forEach((projection, p) => {
    const base = child(BASE, "projections", p);
    const first = ids.get(projection.id);
    if (first !== undefined) {
      report("TP4027", child(base, "id"), { what: `Plastic projection '${projection.id}'`, first: child(BASE, "projections", first, "id").slice(1), second: child(base, "id").slice(1) });
    } else ids.set(projection.id, p);
    if (sane) checkParameters(projection, base, learning.semantics, layout, field);
    checkRuleParts(projection, base, report);
    checkSources(projection, base, layout.symbols, report);
    checkSynapses(projection, base, layout, owners, report);
    checkModulation(projection, base, learning.semantics, sane, layout, field, report);
  });
}

export type FieldCheck = (path: JsonPointer, value: unknown, condition: boolean, expected: string) => boolean;

/** TP4028 at `path` when `condition` fails. */
function fieldReporter(report: Reporter): FieldCheck {
  return (path, value, condition, expected) => {
    if (!condition) report("TP4028", path, { field: path.slice(1), value: Array.isArray(value) ? `[${value.join(", ")}]` : String(value), expected });
    return condition;
  };
}

/** True when the semantics are sane enough to check the projections' parameters against. */
function checkSemantics(s: LearningSemantics, weight: LearningLayout["weightBits"], report: Reporter): boolean {
  const at = (...keys: string[]) => child(BASE, "semantics", ...keys);
  const check = fieldReporter(report);
  const results = [
    check(at("rules"), s.rules, s.rules.length > 0 && s.rules.every((r) => (PLASTICITY_RULES as readonly string[]).includes(r)), "it must list at least one rule"),
    check(at("pairings"), s.pairings, s.pairings.length > 0 && s.pairings.every((r) => (PAIRINGS as readonly string[]).includes(r)), "it must list at least one pairing"),
    check(at("boundExponents"), s.boundExponents, s.boundExponents.length > 0 && s.boundExponents.every((mu) => mu === 0 || mu === 1), "it must list the exponents 0, 1 or both"),
    check(at("trace", "bits"), s.trace.bits, isInt(s.trace.bits, 1, 31), "it must be an integer from 1 to 31"),
    check(at("trace", "decayBits"), s.trace.decayBits, isInt(s.trace.decayBits, 1, 30), "it must be an integer from 1 to 30"),
    check(at("epoch", "max"), s.epoch.max, isInt(s.epoch.max, 1, 2 ** 31 - 1), "it must be a positive integer"),
    check(at("epoch", "default"), s.epoch.default, isInt(s.epoch.default, 1, s.epoch.max), "it must be an integer from 1 to epoch.max"),
    check(at("accumulator", "bits"), s.accumulator.bits, isInt(s.accumulator.bits, 2, 53), "it must be an integer from 2 to 53"),
    check(at("accumulator", "fractionBits"), s.accumulator.fractionBits, isInt(s.accumulator.fractionBits, 0, s.accumulator.bits - 1), "it must be an integer from 0 to accumulator.bits - 1"),
    check(at("modulator", "bits"), s.modulator.bits, isInt(s.modulator.bits, 2, 32), "it must be an integer from 2 to 32"),
    check(at("modulator", "fractionBits"), s.modulator.fractionBits, isInt(s.modulator.fractionBits, 0, s.modulator.bits - 1), "it must be an integer from 0 to modulator.bits - 1"),
    check(at("modulator", "decayBits"), s.modulator.decayBits, isInt(s.modulator.decayBits, 1, 30), "it must be an integer from 1 to 30"),
    check(at("eligibility", "decayBits"), s.eligibility.decayBits, isInt(s.eligibility.decayBits, 1, 30), "it must be an integer from 1 to 30"),
    check(at("weightBits"), s.weightBits, isInt(s.weightBits, 1, weight.bits), `it must be an integer from 1 to ${weight.words} (${weight.bits})`),
  ];
  return results.every(Boolean);
}

/** The projection's integer parameters against the (sane) semantics. */
function checkParameters(p: HwPlasticProjection, base: JsonPointer, s: LearningSemantics, layout: LearningLayout, check: FieldCheck): void {
  const at = (...keys: string[]) => child(base, ...keys);
  const accumulatorMax = 2 ** (s.accumulator.bits - 1) - 1;
  const modulatorMax = 2 ** (s.modulator.bits - 1) - 1;
  const magnitudeTop = 2 ** s.weightBits - 1;
  check(at("rule"), p.rule, s.rules.includes(p.rule), `it must be a rule the semantics offer (${s.rules.join(", ")})`);
  check(at("pairing"), p.pairing, s.pairings.includes(p.pairing), `it must be a pairing the semantics offer (${s.pairings.join(", ")})`);
  check(at("sign"), p.sign, layout.signs.allowed.includes(p.sign), layout.signs.words);
  check(at("traceImpulse"), p.traceImpulse, isInt(p.traceImpulse, 1, 2 ** s.trace.bits - 1), `it must be an integer from 1 to 2^trace.bits - 1 (${2 ** s.trace.bits - 1})`);
  for (const key of ["traceDecayPre", "traceDecayPost"] as const) {
    check(at(key), p[key], isInt(p[key], 0, 2 ** s.trace.decayBits), `it must be an integer from 0 to 2^trace.decayBits (${2 ** s.trace.decayBits})`);
  }
  for (const key of ["aPlus", "aMinus"] as const) {
    check(at(key), p[key], isInt(p[key], 0, accumulatorMax), `it must be an integer from 0 to 2^(accumulator.bits - 1) - 1 (${accumulatorMax})`);
  }
  for (const key of ["muPlus", "muMinus"] as const) {
    check(at(key), p[key], (p[key] === 0 || p[key] === 1) && s.boundExponents.includes(p[key]), `it must be 0 or 1, and one of the semantics' boundExponents (${s.boundExponents.join(", ")})`);
  }
  if (check(at("magnitudeMax"), p.magnitudeMax, isInt(p.magnitudeMax, 0, magnitudeTop), `it must be an integer from 0 to 2^weightBits - 1 (${magnitudeTop})`)) {
    check(at("magnitudeMin"), p.magnitudeMin, isInt(p.magnitudeMin, 0, p.magnitudeMax), `it must be an integer from 0 to magnitudeMax (${p.magnitudeMax})`);
  }
  if (p.eligibilityDecay !== undefined) {
    const top = 2 ** s.eligibility.decayBits;
    check(at("eligibilityDecay"), p.eligibilityDecay, isInt(p.eligibilityDecay, 0, top), `it must be an integer from 0 to 2^eligibility.decayBits (${top})`);
  }
  if (p.reward !== undefined) {
    const top = 2 ** s.modulator.decayBits;
    check(at("reward", "decay"), p.reward.decay, isInt(p.reward.decay, 0, top), `it must be an integer from 0 to 2^modulator.decayBits (${top})`);
    check(at("reward", "baseline"), p.reward.baseline, isInt(p.reward.baseline, -modulatorMax, modulatorMax), `it must be an integer within ±(2^(modulator.bits - 1) - 1) (±${modulatorMax})`);
  }
  const sources = [...(p.reward?.sources.map((x, i) => [x, at("reward", "sources", String(i), "gain")] as const) ?? []),
    ...(p.gate?.sources.map((x, i) => [x, at("gate", "sources", String(i), "gain")] as const) ?? [])];
  for (const [source, path] of sources) {
    check(path, source.gain, isInt(source.gain, -modulatorMax, modulatorMax), `it must be an integer within ±(2^(modulator.bits - 1) - 1) (±${modulatorMax})`);
  }
  check(at("seed"), p.seed, isInt(p.seed, 1, 2 ** 32 - 1), "it must be a nonzero 32-bit integer (xorshift32 stays at 0 forever)");
  check(at("weightPerMantissa"), p.weightPerMantissa, Number.isFinite(p.weightPerMantissa) && p.weightPerMantissa > 0, "it must be a positive finite number");
}

/** TP4029: reward with reward_stdp only, gate with episode_stdp only, eligibilityDecay exactly with those two. */
function checkRuleParts(p: HwPlasticProjection, base: JsonPointer, report: Reporter): void {
  const part = (key: "reward" | "gate" | "eligibilityDecay", present: boolean, wanted: boolean) => {
    if (present === wanted) return;
    report("TP4029", child(base, present ? key : "rule"), { projection: p.id, rule: p.rule, problem: present ? `has '${key}'` : `lacks '${key}'` });
  };
  part("reward", p.reward !== undefined, p.rule === "reward_stdp");
  part("gate", p.gate !== undefined, p.rule === "episode_stdp");
  part("eligibilityDecay", p.eligibilityDecay !== undefined, p.rule === "reward_stdp" || p.rule === "episode_stdp");
}

const KIND_WORDS = { any: "a population or an input", population: "a population" } as const;

/** TP4023 unless `name` is a symbol of the wanted kind. */
function symbolOf(name: string, kind: keyof typeof KIND_WORDS, path: JsonPointer, symbols: ReadonlyMap<string, LearningSymbolInfo>, report: Reporter): LearningSymbolInfo | undefined {
  const symbol = symbols.get(name);
  if (symbol !== undefined && (kind === "any" || symbol.kind === kind)) return symbol;
  const known = [...symbols.values()].filter((s) => kind === "any" || s.kind === kind).map((s) => s.id).join(", ") || "(none)";
  const what = symbol === undefined ? `'${name}'` : `'${name}' (an ${symbol.kind})`;
  report("TP4023", path, { field: path.slice(1), name: what, expected: KIND_WORDS[kind], known });
  return undefined;
}

function checkSources(p: HwPlasticProjection, base: JsonPointer, symbols: ReadonlyMap<string, LearningSymbolInfo>, report: Reporter): void {
  const each = (sources: readonly HwModulatorSource[] | undefined, ...keys: string[]) =>
    sources?.forEach((source, i) => symbolOf(source.symbol, "any", child(base, ...keys, i, "symbol"), symbols, report));
  each(p.reward?.sources, "reward", "sources");
  each(p.gate?.sources, "gate", "sources");
}

/** Lengths, elements within their symbols, stored synapses that exist and are the projection's, none listed twice. */
function checkSynapses(p: HwPlasticProjection, base: JsonPointer, layout: LearningLayout, owners: Map<string, JsonPointer>, report: Reporter): void {
  const pre = symbolOf(p.pre, "any", child(base, "pre"), layout.symbols, report);
  const post = symbolOf(p.post, "population", child(base, "post"), layout.symbols, report);
  const arrays = { synapsePre: p.synapsePre, synapsePost: p.synapsePost, synapseCore: p.synapseCore, synapseIndex: p.synapseIndex };
  const n = p.synapsePre.length;
  if (Object.values(arrays).some((array) => array.length !== n)) {
    report("TP4024", child(base, "synapsePre"), { projection: p.id, lengths: Object.entries(arrays).map(([key, array]) => `${key} ${array.length}`).join(", ") });
    return;
  }
  const outside = (key: "synapsePre" | "synapsePost", symbol: LearningSymbolInfo | undefined): boolean => {
    if (symbol === undefined) return true;
    const values = arrays[key];
    for (let k = 0; k < n; k++) {
      if (!(values[k] >= 0 && values[k] < symbol.size)) {
        report("TP4025", child(base, key, k), { index: k, field: child(base, key).slice(1), value: values[k], size: symbol.size, symbol: symbol.id });
        return true;
      }
    }
    return false;
  };
  const badPre = outside("synapsePre", pre);
  if (outside("synapsePost", post) || badPre || post === undefined) return;
  for (let k = 0; k < n; k++) {
    const core = p.synapseCore[k], index = p.synapseIndex[k];
    const slot = layout.slot(core, index);
    const problem = layout.storedProblem(p, k);
    if (problem !== undefined) {
      report("TP4026", child(base, "synapseIndex", k), { index: k, projection: p.id, slot: slot.at, problem });
      return;
    }
    const key = `${core}:${index}`;
    const here = child(base, "synapseIndex", k);
    const first = owners.get(key);
    if (first !== undefined) {
      report("TP4027", here, { what: slot.name, first: first.slice(1), second: here.slice(1) });
      return;
    }
    owners.set(key, here);
  }
}

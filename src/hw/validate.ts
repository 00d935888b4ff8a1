/**
 * The invariants of a hardware config, checked after decoding (and by emit's verifier): sane
 * semantics, array lengths, CSR offsets, indices in range, routes onto existing axons, values
 * within the semantics' widths. Every failure is a TP40xx diagnostic whose path points into the
 * JSON twin; a large array reports its first bad entry and how many there are, never each one.
 */
import { DiagnosticBag, type Diagnostic, type Reporter } from "../ir/diagnostics.js";
import { child, pointer, type JsonPointer } from "../ir/pointer.js";
import type { LifSemantics, Register } from "../targets/types.js";
import type { HwConfig, HwCore, HwPlacement, SynapseFormat } from "./types.js";
import { checkLearning } from "./validate-learning.js";
import { lifLearningLayout } from "./learning-layout.js";
import { checkCrossbar } from "./validate-crossbar.js";

/** Largest number of synapse formats per core: format indices are stored in a Uint8Array. */
export const MAX_FORMATS_PER_CORE = 256;

/** Largest delay a config stores: delays are stored in a Uint8Array. */
export const MAX_CONFIG_DELAY = 255;

/** All invariant failures of `config` (empty when it is valid). */
export function validateConfig(config: HwConfig, file?: string): Diagnostic[] {
  const bag = new DiagnosticBag(file);
  const check = new Checker(bag.report);
  if (!checkSemantics(config.semantics, check)) return bag.items;
  check.that(Number.isFinite(config.dtMs) && config.dtMs > 0, pointer("dtMs"), "a positive number of ms");
  check.that(Number.isInteger(config.steps) && config.steps >= 0, pointer("steps"), "a step count");

  config.cores.forEach((core, c) => checkCore(core, c, config.semantics, check));
  const compartments = config.cores.reduce((sum, core) => sum + core.compartments.count, 0);
  checkRoutes(config, compartments, check);
  checkInputs(config, check);
  checkNames(config, check);
  if (config.limits !== undefined) {
    for (const [key, value] of Object.entries(config.limits)) {
      check.that(Number.isInteger(value) && value >= 0, pointer("limits", key), "a non-negative integer");
    }
  }
  if (config.placement !== undefined) checkPlacement(config, config.placement, check);
  // The learning section points into cores and symbols, so it is checked only when they hold.
  if (config.learning !== undefined && bag.items.length === 0) checkLearning(lifLearningLayout(config), config.learning, bag.report);
  if (config.crossbar !== undefined && bag.items.length === 0) checkCrossbar(config, config.crossbar, bag.report);
  return bag.items;
}

/** One slot per core, each a distinct slot of the machine the geometry describes. */
function checkPlacement(config: HwConfig, placement: HwPlacement, check: Checker): void {
  const { mesh, board } = placement;
  if (mesh !== undefined) {
    check.that(mesh.columns * mesh.rows * mesh.coresPerTile === placement.chipCores, pointer("placement", "mesh"), `tiles holding exactly chipCores (${placement.chipCores}) cores`);
  }
  if (board !== undefined) check.that(board.columns * board.rows === board.chips, pointer("placement", "board"), `a grid of exactly board.chips (${board.chips}) chips`);
  if (!check.length(placement.slot, config.cores.length, pointer("placement", "slot"), "one slot per core")) return;
  const slots = placement.chipCores * (board?.chips ?? 1);
  const seen = new Set<number>();
  placement.slot.forEach((slot, c) => {
    check.that(slot >= 0 && slot < slots && !seen.has(slot), pointer("placement", "slot", c), `a slot below ${slots} that no other core holds`);
    seen.add(slot);
  });
}

/** Reports through a Reporter with the catalogue's argument names filled in. */
class Checker {
  constructor(readonly report: Reporter) {}

  /** TP4004 when `condition` fails: a scalar field with a wrong value. */
  that(condition: boolean, path: JsonPointer, expected: string): boolean {
    if (!condition) this.report("TP4004", path, { field: path.slice(1), expected });
    return condition;
  }

  /** TP4005 when an array's length differs from `expected`. */
  length(values: ArrayLike<unknown>, expected: number, path: JsonPointer, why: string): boolean {
    if (values.length === expected) return true;
    this.report("TP4005", path, { field: path.slice(1), found: values.length, expected, why });
    return false;
  }

  /**
   * The first entry outside [min, max] (TP4006 when min is 0 and the array holds indices,
   * TP4007 for values bounded by the semantics), with the count of bad entries in the hint.
   */
  range(values: ArrayLike<number>, min: number, max: number, path: JsonPointer, why: string, code: "TP4006" | "TP4007"): boolean {
    let first = -1;
    let count = 0;
    for (let i = 0; i < values.length; i++) {
      const x = values[i];
      if (!(x >= min && x <= max)) {
        if (first < 0) first = i;
        count++;
      }
    }
    if (count === 0) return true;
    this.report(code, child(path, first), {
      index: first,
      field: path.slice(1),
      value: values[first],
      min,
      max,
      why: `${why} (${count} ${count === 1 ? "entry is" : "entries are"} out of range).`,
    });
    return false;
  }

  /** TP4010 unless rowStart is a CSR over `entries` entries: starts at 0, never decreases, ends at entries. */
  csr(rowStart: ArrayLike<number>, entries: number, path: JsonPointer): boolean {
    const fail = (reason: string) => {
      this.report("TP4010", path, { field: path.slice(1), reason });
      return false;
    };
    if (rowStart.length === 0) return fail("it is empty");
    if (rowStart[0] !== 0) return fail(`it starts at ${rowStart[0]}, not 0`);
    for (let i = 1; i < rowStart.length; i++) if (rowStart[i] < rowStart[i - 1]) return fail(`entry ${i} (${rowStart[i]}) is below entry ${i - 1} (${rowStart[i - 1]})`);
    const last = rowStart[rowStart.length - 1];
    return last === entries ? true : fail(`it ends at ${last} but there are ${entries} entries`);
  }
}

// ---------------------------------------------------------------------------------------------
// Semantics

const isInt = (x: number, min: number, max: number): boolean => Number.isInteger(x) && x >= min && x <= max;

/** True when the semantics are sane enough to check the rest against; TP4009 for each field that is not. */
function checkSemantics(s: LifSemantics, check: Checker): boolean {
  let sane = true;
  const field = (path: string, value: unknown, condition: boolean, expected: string) => {
    if (condition) return;
    sane = false;
    check.report("TP4009", pointer("semantics", ...path.split(".")), { field: path, value: String(value), expected });
  };
  const register = (name: "u" | "v", r: Register) => {
    field(`${name}.bits`, r.bits, isInt(r.bits, 1, 53), "it must be an integer from 1 to 53");
    field(`${name}.min`, r.min, Number.isSafeInteger(r.min) && r.min < r.max, "it must be a safe integer below max");
    field(`${name}.max`, r.max, Number.isSafeInteger(r.max), "it must be a safe integer");
  };
  register("u", s.u);
  register("v", s.v);
  field("decay.bits", s.decay.bits, isInt(s.decay.bits, 1, 30), "it must be an integer from 1 to 30");
  if (isInt(s.decay.bits, 1, 30)) {
    // the offsets and maxima are bounded by 2^bits; only meaningful once bits is
    const full = 2 ** s.decay.bits;
    field("decay.currentOffset", s.decay.currentOffset, isInt(s.decay.currentOffset, 0, full), "it must be an integer from 0 to 2^bits");
    field("decay.voltageOffset", s.decay.voltageOffset, isInt(s.decay.voltageOffset, 0, full), "it must be an integer from 0 to 2^bits");
    field("decay.maxCurrent", s.decay.maxCurrent, isInt(s.decay.maxCurrent, 0, full - s.decay.currentOffset), "it must be an integer from 0 to 2^bits - currentOffset");
    field("decay.maxVoltage", s.decay.maxVoltage, isInt(s.decay.maxVoltage, 0, full - s.decay.voltageOffset), "it must be an integer from 0 to 2^bits - voltageOffset");
  }
  field("threshold.mantissaBits", s.threshold.mantissaBits, isInt(s.threshold.mantissaBits, 1, 31), "it must be an integer from 1 to 31");
  field("threshold.shift", s.threshold.shift, isInt(s.threshold.shift, 0, 31), "it must be an integer from 0 to 31");
  field("refractory.maxSteps", s.refractory.maxSteps, isInt(s.refractory.maxSteps, 0, 2 ** 31 - 1), "it must be a non-negative integer");
  field("bias.mantissaMin", s.bias.mantissaMin, isInt(s.bias.mantissaMin, -(2 ** 31), s.bias.mantissaMax), "it must be an integer not above mantissaMax");
  field("bias.exponentMax", s.bias.exponentMax, isInt(s.bias.exponentMax, 0, 31), "it must be an integer from 0 to 31");
  field("weight.mantissaBits", s.weight.mantissaBits, isInt(s.weight.mantissaBits, 1, 16), "it must be an integer from 1 to 16");
  field("weight.exponentMin", s.weight.exponentMin, isInt(s.weight.exponentMin, -31, s.weight.exponentMax), "it must be an integer from -31 to exponentMax");
  field("weight.exponentMax", s.weight.exponentMax, isInt(s.weight.exponentMax, -31, 31), "it must be an integer from -31 to 31");
  field("weight.shift", s.weight.shift, isInt(s.weight.shift, 0, 31), "it must be an integer from 0 to 31");
  field("weight.clip", s.weight.clip, s.weight.clip >= 0, "it must be a non-negative number");
  field("latency.neuron", s.latency.neuron, isInt(s.latency.neuron, 0, 255), "it must be an integer from 0 to 255");
  field("latency.input", s.latency.input, isInt(s.latency.input, 0, 255), "it must be an integer from 0 to 255");
  field("maxDelay", s.maxDelay, isInt(s.maxDelay, 0, 2 ** 31 - 1), "it must be a non-negative integer");
  field("currentChannels", s.currentChannels, isInt(s.currentChannels, 1, 255), "it must be an integer from 1 to 255");
  return sane;
}

// ---------------------------------------------------------------------------------------------
// Cores

const SIGN_MODES: readonly string[] = ["excitatory", "inhibitory", "mixed"];

/** Mantissa range of a sign mode: excitatory 0..2^bits-1, inhibitory -2^bits..0, mixed both. */
export function mantissaRange(signMode: SynapseFormat["signMode"], mantissaBits: number): readonly [number, number] {
  const span = 2 ** mantissaBits;
  switch (signMode) {
    case "excitatory":
      return [0, span - 1];
    case "inhibitory":
      return [-span, 0];
    case "mixed":
      return [-span, span - 1];
  }
}

function checkCore(core: HwCore, c: number, s: LifSemantics, check: Checker): void {
  const base = pointer("cores", c);
  check.that(core.index === c, child(base, "index"), `${c} (cores are listed in index order)`);
  const { compartments: comp, synapses: syn, formats } = core;
  const cp = child(base, "compartments");
  const n = comp.count;
  const channels = s.currentChannels;
  const perChannel = `One entry per compartment and channel (${n} × ${channels}).`;
  const perCompartment = `One entry per compartment (${n}).`;
  const sized: [keyof typeof comp, number, string][] = [
    ["du", n * channels, perChannel],
    ["u0", n * channels, perChannel],
    ["dv", n, perCompartment],
    ["vthMant", n, perCompartment],
    ["biasMant", n, perCompartment],
    ["biasExp", n, perCompartment],
    ["refractory", n, perCompartment],
    ["v0", n, perCompartment],
  ];
  for (const [key, expected, why] of sized) check.length(comp[key] as Int32Array, expected, child(cp, key), why);
  const semantics = "It must lie within the range the config's semantics allow";
  check.range(comp.du, 0, s.decay.maxCurrent, child(cp, "du"), semantics, "TP4007");
  check.range(comp.dv, 0, s.decay.maxVoltage, child(cp, "dv"), semantics, "TP4007");
  check.range(comp.vthMant, 0, 2 ** s.threshold.mantissaBits - 1, child(cp, "vthMant"), semantics, "TP4007");
  check.range(comp.biasMant, s.bias.mantissaMin, s.bias.mantissaMax, child(cp, "biasMant"), semantics, "TP4007");
  check.range(comp.biasExp, 0, s.bias.exponentMax, child(cp, "biasExp"), semantics, "TP4007");
  check.range(comp.refractory, 0, s.refractory.supported ? s.refractory.maxSteps : 0, child(cp, "refractory"), semantics, "TP4007");
  check.range(comp.u0, s.u.min, s.u.max, child(cp, "u0"), "It must fit the u register", "TP4007");
  check.range(comp.v0, s.v.min, s.v.max, child(cp, "v0"), "It must fit the v register", "TP4007");

  if (formats.length > MAX_FORMATS_PER_CORE) {
    check.report("TP4005", child(base, "formats"), { field: child(base, "formats").slice(1), found: formats.length, expected: `at most ${MAX_FORMATS_PER_CORE}`, why: "Format indices are 8-bit." });
  }
  formats.forEach((f, i) => {
    const fp = child(base, "formats", i);
    check.that(SIGN_MODES.includes(f.signMode), child(fp, "signMode"), `"excitatory", "inhibitory" or "mixed"`);
    check.that(isInt(f.weightBits, 1, s.weight.mantissaBits), child(fp, "weightBits"), `an integer from 1 to ${s.weight.mantissaBits}`);
    check.that(isInt(f.exponent, s.weight.exponentMin, s.weight.exponentMax), child(fp, "exponent"), `an integer from ${s.weight.exponentMin} to ${s.weight.exponentMax}`);
    check.that(isInt(f.channel, 0, channels - 1), child(fp, "channel"), `an integer from 0 to ${channels - 1}`);
  });

  const sp = child(base, "synapses");
  check.that(Number.isInteger(syn.axonCount) && syn.axonCount >= 0, child(sp, "axonCount"), "a non-negative integer");
  if (!check.length(syn.rowStart, syn.axonCount + 1, child(sp, "rowStart"), "One entry per axon plus one.")) return;
  const entries = syn.target.length;
  const lengthsAgree = (["mantissa", "format", "delay"] as const).every((key) =>
    check.length(syn[key], entries, child(sp, key), "One entry per synapse, like 'target'."),
  );
  if (!lengthsAgree || !check.csr(syn.rowStart, entries, child(sp, "rowStart"))) return;
  check.range(syn.target, 0, n - 1, child(sp, "target"), `Targets are compartments of core ${c}`, "TP4006");
  check.range(syn.format, 0, formats.length - 1, child(sp, "format"), `Format indices point into core ${c}'s ${formats.length} formats`, "TP4006");
  check.range(syn.delay, 0, Math.min(s.maxDelay, MAX_CONFIG_DELAY), child(sp, "delay"), "Delays must not exceed the semantics' maxDelay", "TP4007");
  // Each mantissa must lie in the range of its format's sign mode (bounds looked up per format;
  // a format with a bad sign mode, reported above, accepts anything).
  const lows = formats.map((f) => (SIGN_MODES.includes(f.signMode) ? mantissaRange(f.signMode, s.weight.mantissaBits)[0] : -Infinity));
  const highs = formats.map((f) => (SIGN_MODES.includes(f.signMode) ? mantissaRange(f.signMode, s.weight.mantissaBits)[1] : Infinity));
  let first = -1;
  let count = 0;
  for (let k = 0; k < entries; k++) {
    const f = syn.format[k];
    const m = syn.mantissa[k];
    if (m < lows[f] || m > highs[f]) {
      if (first < 0) first = k;
      count++;
    }
  }
  const bounds = first >= 0 ? [lows[syn.format[first]], highs[syn.format[first]]] : [0, 0];
  if (count > 0) {
    check.report("TP4007", child(sp, "mantissa", first), {
      index: first,
      field: child(sp, "mantissa").slice(1),
      value: syn.mantissa[first],
      min: bounds[0],
      max: bounds[1],
      why: `A mantissa must lie in the range of its format's sign mode (${count} ${count === 1 ? "entry is" : "entries are"} out of range).`,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Routes, inputs, names

function checkRoutes(config: HwConfig, compartments: number, check: Checker): void {
  const { routes, cores } = config;
  const rp = pointer("routes");
  const sources = compartments + config.inputs.lineCount;
  if (!check.that(routes.sourceCount === sources, child(rp, "sourceCount"), `${sources} (the compartments plus the input lines)`)) return;
  if (!check.length(routes.rowStart, routes.sourceCount + 1, child(rp, "rowStart"), "One entry per source plus one.")) return;
  if (!check.length(routes.axon, routes.core.length, child(rp, "axon"), "One axon per route, like 'core'.")) return;
  if (!check.csr(routes.rowStart, routes.core.length, child(rp, "rowStart"))) return;
  if (!check.range(routes.core, 0, cores.length - 1, child(rp, "core"), `Routes end on one of the ${cores.length} cores`, "TP4006")) return;
  for (let r = 0; r < routes.core.length; r++) {
    const axonCount = cores[routes.core[r]].synapses.axonCount;
    if (!(routes.axon[r] >= 0 && routes.axon[r] < axonCount)) {
      check.report("TP4008", child(rp, "axon", r), { index: r, axon: routes.axon[r], core: routes.core[r], axonCount });
      return;
    }
  }
}

function checkInputs(config: HwConfig, check: Checker): void {
  const { inputs, steps } = config;
  const ip = pointer("inputs");
  check.that(Number.isInteger(inputs.lineCount) && inputs.lineCount >= 0, child(ip, "lineCount"), "a non-negative integer");
  if (!check.length(inputs.spikeLines, inputs.spikeSteps.length, child(ip, "spikeLines"), "One line per input spike, like 'spikeSteps'.")) return;
  for (let e = 0; e < inputs.spikeSteps.length; e++) {
    const step = inputs.spikeSteps[e];
    const line = inputs.spikeLines[e];
    const problem =
      !(step >= 0 && step < steps)
        ? `at step ${step}, outside the run's steps 0 to ${steps - 1}`
        : !(line >= 0 && line < inputs.lineCount)
          ? `on line ${line}, but the config has ${inputs.lineCount} lines`
          : e > 0 && step < inputs.spikeSteps[e - 1]
            ? `at step ${step}, before the spike listed ahead of it (step ${inputs.spikeSteps[e - 1]})`
            : undefined;
    if (problem !== undefined) {
      check.report("TP4011", child(ip, "spikeSteps", e), { index: e, problem, steps });
      return;
    }
  }
}

function checkNames(config: HwConfig, check: Checker): void {
  const sizes = new Map<string, number>();
  const known = config.symbols.map((s) => s.id).join(", ") || "(none)";
  config.symbols.forEach((symbol, i) => {
    const sp = pointer("symbols", i);
    if (sizes.has(symbol.id)) check.report("TP4013", child(sp, "id"), { name: symbol.id });
    else sizes.set(symbol.id, symbol.size);
    const why = `One entry per element of '${symbol.id}' (${symbol.size}).`;
    if (!check.length(symbol.core, symbol.size, child(sp, "core"), why) || !check.length(symbol.local, symbol.size, child(sp, "local"), why)) return;
    if (symbol.kind === "input") {
      check.range(symbol.core, -1, -1, child(sp, "core"), "Inputs live on lines, not cores: core is -1", "TP4007");
      check.range(symbol.local, 0, config.inputs.lineCount - 1, child(sp, "local"), "Input elements map to existing lines", "TP4006");
      return;
    }
    if (!check.range(symbol.core, 0, config.cores.length - 1, child(sp, "core"), `Neurons live on one of the ${config.cores.length} cores`, "TP4006")) return;
    for (let e = 0; e < symbol.size; e++) {
      const count = config.cores[symbol.core[e]].compartments.count;
      if (!(symbol.local[e] >= 0 && symbol.local[e] < count)) {
        const field = child(sp, "local");
        check.report("TP4006", child(field, e), {
          index: e,
          field: field.slice(1),
          value: symbol.local[e],
          max: count - 1,
          why: `Neuron ${e} of '${symbol.id}' lives on core ${symbol.core[e]}, which has ${count} compartments.`,
        });
        return;
      }
    }
  });
  const named = (name: string, path: JsonPointer) => {
    if (sizes.has(name)) return true;
    check.report("TP4012", path, { field: path.slice(1), name: `'${name}'`, known });
    return false;
  };
  config.scales.forEach((scale, i) => {
    const sp = pointer("scales", i);
    named(scale.population, child(sp, "population"));
    check.that(Number.isFinite(scale.scale) && scale.scale > 0, child(sp, "scale"), "a positive finite number");
    check.that(Number.isFinite(scale.offset), child(sp, "offset"), "a finite number");
  });
  config.record.forEach((spec, i) => {
    const rp = pointer("record", i);
    if (named(spec.population, child(rp, "population"))) {
      check.range(spec.neurons, 0, (sizes.get(spec.population) ?? 0) - 1, child(rp, "neurons"), `Recorded neurons are elements of '${spec.population}'`, "TP4006");
    }
  });
}

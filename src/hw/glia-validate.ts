/**
 * The invariants of a glia-core config, checked after decoding (and by the glia emit pass's
 * verifier): sane semantics, groups numbered without gaps, array lengths, CSR offsets, indices
 * in range, raw values within their registers, tables usable, and the learning section (shared
 * with LIF configs: validate-learning.ts). Every failure is a TP40xx
 * diagnostic whose path points into the JSON twin; a large array reports its first bad entry
 * and how many there are, never each one.
 */
import { DiagnosticBag, type Diagnostic, type Reporter } from "../ir/diagnostics.js";
import { child, pointer, type JsonPointer } from "../ir/pointer.js";
import type { GliaSemantics } from "../targets/glia-types.js";
import type { GliaAstroGroup, GliaConfig, GliaNeuronGroup, GliaProjection } from "./glia-config.js";
import { gliaLearningLayout } from "./learning-layout.js";
import { checkLearning } from "./validate-learning.js";

/** All invariant failures of `config` (empty when it is valid). */
export function validateGliaConfig(config: GliaConfig, file?: string): Diagnostic[] {
  const bag = new DiagnosticBag(file);
  const check = new Checker(bag.report);
  if (!checkSemantics(config.semantics, check)) return bag.items;
  check.that(Number.isFinite(config.dtMs) && config.dtMs > 0, pointer("dtMs"), "a positive number of ms");
  for (const [key, value] of Object.entries(config.limits)) check.that(isInt(value, 0, 2 ** 32 - 1), pointer("limits", key), "a non-negative integer");

  const neuronCount = checkGroups(config.neurons, pointer("neurons"), "Neurons", check);
  const astrocyteCount = checkGroups(config.astrocytes, pointer("astrocytes"), "Astrocytes", check);
  const lineCount = config.inputs.lineCount;
  checkGroups(config.inputs.symbols.map((s) => ({ id: s.id, offset: s.offset, size: s.size })), pointer("inputs", "symbols"), "Input lines", check);
  if (config.inputs.symbols.length > 0) {
    const last = config.inputs.symbols[config.inputs.symbols.length - 1];
    check.that(lineCount === last.offset + last.size, pointer("inputs", "lineCount"), `${last.offset + last.size} (the input symbols' lines)`);
  }
  const groupAt = new Map(config.neurons.map((g) => [g.offset, g] as const));

  config.luts.forEach((lut, t) => checkLut(config, t, check));
  config.neurons.forEach((group, n) => checkNeuronGroup(group, n, config.semantics, check));
  config.projections.forEach((projection, j) => checkProjection(config, projection, j, { neuronCount, astrocyteCount, lineCount, groupAt }, check));
  config.currents.forEach((current, k) => {
    const cp = pointer("currents", k);
    const group = populationAt(groupAt, current.populationOffset, current.size, child(cp, "populationOffset"), check);
    const entries = current.step.length;
    if (!check.length(current.neuron, entries, child(cp, "neuron"), "One neuron per change point, like 'step'.")) return;
    if (!check.length(current.value, entries, child(cp, "value"), "One value per change point, like 'step'.")) return;
    check.range(current.neuron, 0, current.size - 1, child(cp, "neuron"), `Neurons are local indices of the population (${current.size})`, "TP4006");
    check.range(current.step, 0, Math.max(config.steps - 1, 0), child(cp, "step"), "Change points lie within the run's steps", "TP4007");
    check.sorted(current.step, child(cp, "step"), "Change points are sorted by step");
    if (group !== undefined) check.range(current.value, -stateMax(config.semantics.neuron.stateBits) - 1, stateMax(config.semantics.neuron.stateBits), child(cp, "value"), "Values fit the input current register", "TP4007");
  });
  config.astrocytes.forEach((group, a) => checkAstroGroup(config, group, a, groupAt, check));
  config.neuronEffects.forEach((effect, e) => {
    const ep = pointer("neuronEffects", e);
    check.that(isInt(effect.astrocytes, 0, config.astrocytes.length - 1), child(ep, "astrocytes"), `an astrocyte group index from 0 to ${config.astrocytes.length - 1}`);
    populationAt(groupAt, effect.populationOffset, effect.size, child(ep, "populationOffset"), check);
    if (effect.kind === "sic" && check.that(isInt(effect.sicLut, 0, config.luts.length - 1), child(ep, "sicLut"), `a table index from 0 to ${config.luts.length - 1}`)) {
      // the unit shifts the table's output left into the group's current format Q.iFrac
      const table = config.luts[effect.sicLut];
      const group = groupAt.get(effect.populationOffset);
      if (group !== undefined && table.frac > group.iFrac) check.report("TP4022", child(ep, "sicLut"), { effect: effect.id, index: effect.sicLut, table: table.name, tableFrac: table.frac, group: group.population, frac: group.iFrac });
    }
    else check.that(effect.sicLut === -1, child(ep, "sicLut"), "-1 (only a sic effect uses a table)");
  });
  checkInputs(config, check);
  checkNames(config, check);
  // The learning section points into projections, groups and symbols, so it is checked only when they hold.
  if (config.learning !== undefined && bag.items.length === 0) checkLearning(gliaLearningLayout(config), config.learning, bag.report);
  return bag.items;
}

const isInt = (x: number, min: number, max: number): boolean => Number.isInteger(x) && x >= min && x <= max;
const stateMax = (bits: number): number => 2 ** (bits - 1) - 1;

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

  /** The first entry outside [min, max], with the count of bad entries in the hint. */
  range(values: ArrayLike<number>, min: number, max: number, path: JsonPointer, why: string, code: "TP4006" | "TP4007"): boolean {
    let first = -1;
    let count = 0;
    for (let i = 0; i < values.length; i++) {
      if (!(values[i] >= min && values[i] <= max)) {
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

  /** TP4007 at the first entry below its predecessor. */
  sorted(values: ArrayLike<number>, path: JsonPointer, why: string): boolean {
    for (let i = 1; i < values.length; i++) {
      if (values[i] < values[i - 1]) {
        this.report("TP4007", child(path, i), { index: i, field: path.slice(1), value: values[i], min: values[i - 1], max: "any", why: `${why}.` });
        return false;
      }
    }
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Semantics

/** True when the semantics are sane enough to check the rest against; TP4009 for each field that is not. */
function checkSemantics(s: GliaSemantics, check: Checker): boolean {
  let sane = true;
  const field = (path: string, value: number, condition: boolean, expected: string) => {
    if (condition) return;
    sane = false;
    check.report("TP4009", pointer("semantics", ...path.split(".")), { field: path, value: String(value), expected });
  };
  field("constantFrac", s.constantFrac, isInt(s.constantFrac, 0, 30), "it must be an integer from 0 to 30");
  field("neuron.stateBits", s.neuron.stateBits, isInt(s.neuron.stateBits, 2, 32), "it must be an integer from 2 to 32");
  field("glutamate.bits", s.glutamate.bits, isInt(s.glutamate.bits, 1, 31), "it must be an integer from 1 to 31");
  field("synapse.weightBits", s.synapse.weightBits, isInt(s.synapse.weightBits, 1, 31), "it must be an integer from 1 to 31");
  field("synapse.accumulatorBits", s.synapse.accumulatorBits, isInt(s.synapse.accumulatorBits, 2, 52), "it must be an integer from 2 to 52");
  field("synapse.sigmoid.entries", s.synapse.sigmoid.entries, isInt(s.synapse.sigmoid.entries, 2, 2 ** 20), "it must be an integer from 2 to 2^20");
  field("synapse.sigmoid.bits", s.synapse.sigmoid.bits, isInt(s.synapse.sigmoid.bits, 1, 31), "it must be an integer from 1 to 31");
  field("astrocyte.stateBits", s.astrocyte.stateBits, isInt(s.astrocyte.stateBits, 2, 32), "it must be an integer from 2 to 32");
  field("astrocyte.minPeriodSteps", s.astrocyte.minPeriodSteps, isInt(s.astrocyte.minPeriodSteps, 1, 2 ** 31 - 1), "it must be a positive integer");
  field("astrocyte.lut.entries", s.astrocyte.lut.entries, isInt(s.astrocyte.lut.entries, 2, 2 ** 20), "it must be an integer from 2 to 2^20");
  field("astrocyte.lut.bits", s.astrocyte.lut.bits, isInt(s.astrocyte.lut.bits, 1, 31), "it must be an integer from 1 to 31");
  if (s.astrocyte.lut.spacing.length === 0) {
    sane = false;
    check.report("TP4009", pointer("semantics", "astrocyte", "lut", "spacing"), { field: "astrocyte.lut.spacing", value: "empty", expected: "it must offer at least one spacing" });
  }
  field("effects.gainBits", s.effects.gainBits, isInt(s.effects.gainBits, 0, 30), "it must be an integer from 0 to 30");
  return sane;
}

// ---------------------------------------------------------------------------------------------
// Groups

/** TP4015 unless the groups are numbered from 0 without gaps; returns the total count. */
function checkGroups(groups: readonly { readonly offset: number; readonly size: number; readonly id?: string; readonly population?: string }[], path: JsonPointer, what: string, check: Checker): number {
  let next = 0;
  groups.forEach((group, i) => {
    if (group.offset !== next) check.report("TP4015", child(path, i, "offset"), { group: group.id ?? group.population ?? String(i), found: group.offset, expected: next, what });
    next = group.offset + group.size;
  });
  return next;
}

/** The neuron group that starts at `offset` and has `size` neurons; TP4004 when there is none. */
function populationAt(groupAt: ReadonlyMap<number, GliaNeuronGroup>, offset: number, size: number, path: JsonPointer, check: Checker): GliaNeuronGroup | undefined {
  const group = groupAt.get(offset);
  const found = group !== undefined && group.size === size;
  check.that(found, path, `the offset of a neuron group of ${size} neurons`);
  return found ? group : undefined;
}

function checkNeuronGroup(group: GliaNeuronGroup, n: number, s: GliaSemantics, check: Checker): void {
  const np = pointer("neurons", n);
  const bits = s.neuron.stateBits;
  const max = stateMax(bits);
  check.that(isInt(group.frac, 0, bits - 1), child(np, "frac"), `an integer from 0 to ${bits - 1}`);
  // the current register has the state's width; kI·I is shifted right by c + iFrac − frac ≥ 0
  const iFracMin = Math.max(0, isInt(group.frac, 0, bits - 1) ? group.frac - s.constantFrac : 0);
  check.that(isInt(group.iFrac, iFracMin, bits - 1), child(np, "iFrac"), `an integer from ${iFracMin} to ${bits - 1}`);
  const perNeuron = `One entry per neuron (${group.size}).`;
  if (check.length(group.v0, group.size, child(np, "v0"), perNeuron)) check.range(group.v0, -max - 1, max, child(np, "v0"), "It must fit the state register", "TP4007");
  if (check.length(group.u0, group.size, child(np, "u0"), perNeuron)) check.range(group.u0, -max - 1, max, child(np, "u0"), "It must fit the state register", "TP4007");
  for (const key of ["vCentre", "cReset", "peak", "spikeThreshold"] as const) check.that(isInt(group[key], -max - 1, max), child(np, key), `an integer from ${-max - 1} to ${max}`);
  if (group.inputClip !== null) check.that(isInt(group.inputClip, -max - 1, max), child(np, "inputClip"), `null or an integer from ${-max - 1} to ${max}`);
  if (group.glutamate !== undefined) {
    const g = group.glutamate;
    check.that(isInt(g.frac, 0, s.glutamate.bits), child(np, "glutamate", "frac"), `an integer from 0 to ${s.glutamate.bits}`);
    check.that(isInt(g.decay, 0, 2 ** s.constantFrac), child(np, "glutamate", "decay"), `an integer from 0 to 2^${s.constantFrac}`);
    check.that(isInt(g.increment, 0, 2 ** s.glutamate.bits - 1), child(np, "glutamate", "increment"), `an integer from 0 to 2^${s.glutamate.bits} − 1`);
  }
}

interface Counts {
  readonly neuronCount: number;
  readonly astrocyteCount: number;
  readonly lineCount: number;
  readonly groupAt: ReadonlyMap<number, GliaNeuronGroup>;
}

function checkProjection(config: GliaConfig, p: GliaProjection, j: number, counts: Counts, check: Checker): void {
  const jp = pointer("projections", j);
  const s = config.semantics;
  const fromNeurons = p.pre.kind === "neurons";
  const sourceCount = fromNeurons ? counts.neuronCount : counts.lineCount;
  check.that(p.pre.offset + p.pre.size <= sourceCount, child(jp, "pre", "size"), `at most ${sourceCount - p.pre.offset} (the ${fromNeurons ? "neurons" : "input lines"} after offset ${p.pre.offset})`);
  const post = populationAt(counts.groupAt, p.postOffset, p.postSize, child(jp, "postOffset"), check);
  if (fromNeurons) check.that(isInt(p.sigmoid, 0, config.luts.length - 1), child(jp, "sigmoid"), `a table index from 0 to ${config.luts.length - 1}`);
  else check.that(p.sigmoid === -1, child(jp, "sigmoid"), "-1 (input lines send S = 1 without a table)");
  if (fromNeurons && isInt(p.sigmoid, 0, config.luts.length - 1)) {
    const table = config.luts[p.sigmoid];
    if (!table.name.startsWith("sigmoid")) check.report("TP4016", child(jp, "sigmoid"), { projection: p.id, index: p.sigmoid, table: table.name });
    check.that(p.sFrac === table.frac, child(jp, "sFrac"), `${table.frac} (the sigmoid table's frac)`);
  }
  check.that(isInt(p.weightFrac, 0, 52), child(jp, "weightFrac"), "an integer from 0 to 52");
  if (post !== undefined) check.that(isInt(p.eRev, -stateMax(s.neuron.stateBits) - 1, stateMax(s.neuron.stateBits)), child(jp, "eRev"), "an integer within the neuron state register");
  if (!check.length(p.rowStart, p.pre.size + 1, child(jp, "rowStart"), "One entry per presynaptic element plus one.")) return;
  const entries = p.post.length;
  if (!check.csr(p.rowStart, entries, child(jp, "rowStart"))) return;
  if (!check.length(p.weight, entries, child(jp, "weight"), "One weight per synapse, like 'post'.")) return;
  check.range(p.post, 0, p.postSize - 1, child(jp, "post"), `Targets are local neurons of the post population (${p.postSize})`, "TP4006");
  check.range(p.weight, 0, 2 ** s.synapse.weightBits - 1, child(jp, "weight"), `Weights are unsigned ${s.synapse.weightBits}-bit mantissas`, "TP4007");
  const modulated = p.astrocyte.length > 0 || p.delta.length > 0;
  if (!modulated) return;
  const why = "A modulated projection has one astrocyte and one delta per synapse.";
  if (!check.length(p.astrocyte, entries, child(jp, "astrocyte"), why) || !check.length(p.delta, entries, child(jp, "delta"), why)) return;
  check.range(p.astrocyte, -1, counts.astrocyteCount - 1, child(jp, "astrocyte"), `Astrocytes are global indices (${counts.astrocyteCount}) or -1`, "TP4006");
}

function checkAstroGroup(config: GliaConfig, a: GliaAstroGroup, i: number, groupAt: ReadonlyMap<number, GliaNeuronGroup>, check: Checker): void {
  const ap = pointer("astrocytes", i);
  const s = config.semantics.astrocyte;
  const max = stateMax(s.stateBits);
  check.that(isInt(a.frac, 0, s.stateBits - 1), child(ap, "frac"), `an integer from 0 to ${s.stateBits - 1}`);
  check.that(isInt(a.periodSteps, s.minPeriodSteps, 2 ** 31 - 1), child(ap, "periodSteps"), `an integer of at least ${s.minPeriodSteps}`);
  const perAstrocyte = `One entry per astrocyte (${a.size}).`;
  for (const key of ["ca0", "h0", "ip30"] as const) {
    if (check.length(a[key], a.size, child(ap, key), perAstrocyte)) check.range(a[key], -max - 1, max, child(ap, key), "It must fit the astrocyte state register", "TP4007");
  }
  if (check.length(a.sweep, a.size, child(ap, "sweep"), perAstrocyte)) check.range(a.sweep, 0, a.size - 1, child(ap, "sweep"), "The sweep lists local astrocytes", "TP4006");
  for (const [name, index] of Object.entries(a.luts)) check.that(isInt(index, 0, config.luts.length - 1), child(ap, "luts", name), `a table index from 0 to ${config.luts.length - 1}`);
  if (a.diffusion !== undefined) {
    const dp = child(ap, "diffusion");
    if (check.length(a.diffusion.rowStart, a.size + 1, child(dp, "rowStart"), "One entry per astrocyte plus one.") && check.csr(a.diffusion.rowStart, a.diffusion.neighbour.length, child(dp, "rowStart"))) {
      check.range(a.diffusion.neighbour, 0, a.size - 1, child(dp, "neighbour"), "Neighbours are local astrocytes", "TP4006");
    }
  }
  const tp = child(ap, "territory");
  const population = groupAt.get(a.territory.populationOffset);
  if (!check.that(population !== undefined, child(tp, "populationOffset"), "the offset of a neuron group")) return;
  if (check.length(a.territory.rowStart, a.size + 1, child(tp, "rowStart"), "One entry per astrocyte plus one.") && check.csr(a.territory.rowStart, a.territory.neuron.length, child(tp, "rowStart"))) {
    check.range(a.territory.neuron, 0, population!.size - 1, child(tp, "neuron"), `Territory neurons are local neurons of '${population!.population}'`, "TP4006");
  }
  if (check.length(a.territory.ownerOf, population!.size, child(tp, "ownerOf"), `One entry per neuron of '${population!.population}' (${population!.size}).`)) {
    check.range(a.territory.ownerOf, -1, a.size - 1, child(tp, "ownerOf"), "Owners are local astrocytes or -1", "TP4006");
  }
  if (a.gate !== undefined) {
    const gp = child(ap, "gate");
    check.that(isInt(a.gate.checkSteps, 1, 2 ** 31 - 1), child(gp, "checkSteps"), "a positive integer");
    check.that(isInt(a.gate.windowSteps, 0, s.maxWindowSteps), child(gp, "windowSteps"), `an integer from 0 to ${s.maxWindowSteps}`);
    check.that(isInt(a.gate.holdSteps, 0, s.maxHoldSteps), child(gp, "holdSteps"), `an integer from 0 to ${s.maxHoldSteps}`);
  }
  if (a.grading !== undefined) check.that(a.grading.caHigh > a.grading.caLow, child(ap, "grading", "caHigh"), "above caLow");
}

function checkLut(config: GliaConfig, t: number, check: Checker): void {
  const lut = config.luts[t];
  const problem =
    lut.values.length < 2
      ? `${lut.values.length} ${lut.values.length === 1 ? "entry" : "entries"}`
      : !isInt(lut.shift, 0, 52)
        ? `a spacing shift of ${lut.shift}`
        : !(Number.isFinite(lut.maxError) && lut.maxError >= 0)
          ? `a maximum error of ${lut.maxError}`
          : !isInt(lut.frac, 0, 31)
            ? `${lut.frac} fractional bits`
            : undefined;
  if (problem !== undefined) {
    check.report("TP4017", pointer("luts", t), { index: t, table: lut.name, problem });
    return;
  }
  checkLutSpacing(config, t, check);
}

/**
 * TP4018-TP4021: an octave table is whole segments plus the end entry, its domain ends below
 * 2^53 raw (inputs are exact integers), a uniform table has no segments, and the spacing is one
 * the semantics offer (sigmoid tables are uniform; other tables: astrocyte.lut.spacing).
 */
function checkLutSpacing(config: GliaConfig, t: number, check: Checker): void {
  const lut = config.luts[t];
  const at = pointer("luts", t);
  if (lut.spacing === "uniform") {
    if (lut.segmentBits !== 0) check.report("TP4020", child(at, "segmentBits"), { index: t, table: lut.name, bits: lut.segmentBits });
  } else {
    const segments = (lut.values.length - 1) / 2 ** lut.segmentBits;
    const top = lut.shift + lut.segmentBits + segments - 1;
    if (!isInt(lut.segmentBits, 0, MAX_SEGMENT_BITS) || !Number.isInteger(segments) || segments < 1) {
      check.report("TP4018", child(at, "segmentBits"), { index: t, table: lut.name, bits: lut.segmentBits, entries: lut.values.length, max: MAX_SEGMENT_BITS });
    } else if (top > 52) check.report("TP4019", at, { index: t, table: lut.name, top });
  }
  const isSigmoid = lut.name.startsWith("sigmoid");
  const offered: readonly string[] = isSigmoid ? ["uniform"] : config.semantics.astrocyte.lut.spacing;
  if (!offered.includes(lut.spacing)) {
    check.report("TP4021", child(at, "spacing"), { index: t, table: lut.name, spacing: lut.spacing, offered: offered.join(", ") || "none", field: isSigmoid ? "sigmoid tables (always uniform)" : "semantics.astrocyte.lut.spacing" });
  }
}

/** The most entries per segment an octave table may have: 2^20, the largest table. */
const MAX_SEGMENT_BITS = 20;

// ---------------------------------------------------------------------------------------------
// Inputs and names

function checkInputs(config: GliaConfig, check: Checker): void {
  const { inputs, steps } = config;
  const ip = pointer("inputs");
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

function checkNames(config: GliaConfig, check: Checker): void {
  const sizes = new Map<string, number>();
  const declare = (name: string, size: number, path: JsonPointer) => {
    if (sizes.has(name)) check.report("TP4013", path, { name });
    else sizes.set(name, size);
  };
  config.neurons.forEach((g, n) => declare(g.population, g.size, pointer("neurons", n, "population")));
  config.astrocytes.forEach((a, i) => declare(a.id, a.size, pointer("astrocytes", i, "id")));
  config.inputs.symbols.forEach((s, k) => declare(s.id, s.size, pointer("inputs", "symbols", k, "id")));
  const known = [...sizes.keys()].join(", ") || "(none)";
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
      check.range(spec.neurons, 0, (sizes.get(spec.population) ?? 0) - 1, child(rp, "neurons"), `Recorded elements are elements of '${spec.population}'`, "TP4006");
    }
  });
}

/**
 * diffRecordings: compares a recording against a reference and judges it by criteria. Shape
 * problems (missing populations, other sizes, dt or length) are TP407x diagnostics in a
 * Result; metrics follow docs/diff.md. Astrocyte populations add per-astrocyte and gate
 * metrics (./astrocytes.ts), a territory map adds spike metrics per territory (./territories.ts),
 * and recorded weights add metrics per plastic projection (./weights.ts). Work is O(spikes + neurons + traced values + weights), on typed
 * arrays; the inputs are never changed.
 */
import { fail, hasErrors, makeDiagnostic, ok, type Diagnostic, type Result } from "../ir/diagnostics.js";
import { pointer } from "../ir/pointer.js";
import { plural } from "../ir/rules.js";
import { isAstrocytePopulation, type PopulationRecording, type Recording, type SpikeTrain, type Trace } from "../hw/recording.js";
import { checkRecording } from "../hw/recording-io.js";
import { ASTROCYTE_DEFAULTS, DEFAULT_CRITERIA, makeCriteria, thresholdsFor, weightThresholdsFor, type Criteria, type Thresholds } from "./criteria.js";
import { compareWeights, type WeightsDiff } from "./weights.js";
import { compareAstrocytes, type AstrocyteDiff } from "./astrocytes.js";
import { checkTerritories, compareTerritories, type Territories, type TerritoryDiff } from "./territories.js";
import {
  countExactMatches, countMatchesWithin, firstDifference, matchedFraction, rateHz, relativeError, rowErrors,
  spikesByNeuron, vanRossumDistance,
} from "./metrics.js";

export const DIFF_FORMAT = "tripart.diff/1";

/** Where the two spike sets first differ: the earliest unmatched spike and the side that has it. */
export interface Divergence {
  readonly step: number;
  readonly neuron: number;
  /** "reference" when the reference has the spike and the other does not, else "other". */
  readonly side: "reference" | "other";
}

/** Per-neuron metrics of one population, structure of arrays indexed by neuron. */
export interface NeuronMetrics {
  readonly countA: Int32Array;
  readonly countB: Int32Array;
  readonly exactMatched: Int32Array;
  readonly withinMatched: Int32Array;
  /** First step where the neuron's spike sets differ, −1 when they are equal. */
  readonly firstDivergence: Int32Array;
  /** Van Rossum distance D (one unmatched spike = 1). */
  readonly vanRossum: Float64Array;
}

export interface SpikeMetrics {
  readonly countA: number;
  readonly countB: number;
  readonly rateAHz: number;
  readonly rateBHz: number;
  /** |rateB − rateA| / rateA (0 when both are 0, +∞ when only rateA is). */
  readonly rateError: number;
  readonly exactMatched: number;
  /** Fraction of the reference's spikes matched by a spike of the same neuron at the same step. */
  readonly exactFraction: number;
  /** k of the ±k matching. */
  readonly matchWithin: number;
  readonly withinMatched: number;
  /** Fraction of the reference's spikes matched one-to-one within ±k steps. */
  readonly withinFraction: number;
  readonly firstDivergence?: Divergence;
  readonly vanRossumTauMs: number;
  /** sqrt(Σ_n D_n² / max(1, countA)): 0 when equal, 1 when every reference spike is lost. */
  readonly vanRossum: number;
  /** The neuron with the largest D_n (absent when all are 0). */
  readonly vanRossumWorst?: { readonly neuron: number; readonly distance: number };
  readonly perNeuron?: NeuronMetrics;
}

export interface TraceMetrics {
  readonly variable: string;
  readonly unit: string;
  /** Neurons traced on both sides, in the reference's order. */
  readonly neurons: Int32Array;
  /** sqrt(mean over neurons and steps of (b − a)²), physical unit. */
  readonly rmse: number;
  readonly maxAbsError: number;
  readonly maxAbsErrorAt?: { readonly neuron: number; readonly step: number };
  /** RMSE per compared neuron, in the order of `neurons`. */
  readonly perNeuronRmse: Float64Array;
}

export type CriterionName =
  | "minMatchedFraction" | "maxRateError" | "maxVanRossum" | "maxTraceRmse"
  | "maxMeanAstrocyteRmse" | "maxAstrocyteRmse" | "minMeanGateJaccard" | "minGateJaccard"
  | "minWeightCorrelation" | "maxWeightRmse";

/** One criterion applied to one population (or, for weight criteria, one plastic projection): what was measured against which threshold. */
export interface Verdict {
  readonly criterion: CriterionName;
  /** The population's id; for weight criteria the projection's id (and `projection` is set). */
  readonly population: string;
  readonly projection?: string;
  readonly variable?: string;
  /** Undefined when the quantity could not be measured (then the verdict fails). */
  readonly measured: number | undefined;
  readonly threshold: number;
  readonly comparison: ">=" | "<=";
  readonly pass: boolean;
}

export interface PopulationDiff {
  readonly id: string;
  readonly size: number;
  readonly spikes?: SpikeMetrics;
  readonly traces: readonly TraceMetrics[];
  /** Astrocyte populations only (docs/diff.md "Astrocytes"). */
  readonly astrocytes?: AstrocyteDiff;
  readonly verdicts: readonly Verdict[];
  readonly pass: boolean;
}

export interface OverallMetrics {
  readonly countA: number;
  readonly countB: number;
  readonly rateAHz: number;
  readonly rateBHz: number;
  readonly rateError: number;
  readonly exactFraction: number;
  readonly withinFraction: number;
  readonly firstDivergence?: Divergence & { readonly population: string };
  /** sqrt(Σ D² / max(1, Σ countA)) over every compared population. */
  readonly vanRossum: number;
}

export interface DiffReport {
  readonly format: typeof DIFF_FORMAT;
  readonly sources: { readonly reference: Recording["source"]; readonly other: Recording["source"] };
  readonly dtMs: number;
  readonly steps: number;
  readonly durationMs: number;
  readonly criteria: Criteria;
  /** One entry per population of the reference, in its order. */
  readonly populations: readonly PopulationDiff[];
  readonly overall: OverallMetrics;
  /** Spike metrics per astrocyte territory, when the caller passed a territory map. */
  readonly territories?: readonly TerritoryDiff[];
  /** Learned weights per plastic projection, when either recording has weights (./weights.ts). */
  readonly weights?: WeightsDiff;
  /** Every verdict, population by population. */
  readonly verdicts: readonly Verdict[];
  readonly pass: boolean;
}

export interface DiffOptions {
  /** Keep per-neuron arrays in the report (default true). */
  readonly perNeuron?: boolean;
  /** File names to put on diagnostics about each input. */
  readonly files?: { readonly reference?: string; readonly other?: string; readonly criteria?: string };
  /** Astrocyte population → the neurons each astrocyte senses (territoriesOf builds it from a network). */
  readonly territories?: Territories;
}

type Files = NonNullable<DiffOptions["files"]>;
const fileOf = (name: string | undefined): { file?: string } => (name !== undefined ? { file: name } : {});

/**
 * Compares `b` against the reference `a`. Fails with diagnostics when either recording is
 * malformed or the two do not have the same shape; warnings (populations or traces that cannot
 * be compared, criteria naming unknown things) come with the report.
 */
export function diffRecordings(a: Recording, b: Recording, criteria: Criteria = DEFAULT_CRITERIA, options: DiffOptions = {}): Result<DiffReport> {
  const files: Files = options.files ?? {};
  // Criteria built in code skip the file and flag checks; a NaN threshold would pass silently.
  const checked = makeCriteria(criteria, criteria);
  if (!checked.ok) return fail(checked.diagnostics.map((d) => (files.criteria !== undefined ? { ...d, file: files.criteria } : d)));
  const diagnostics: Diagnostic[] = [...checkRecording(a, files.reference), ...checkRecording(b, files.other)];
  if (hasErrors(diagnostics)) return fail(diagnostics);
  diagnostics.push(...checkShape(a, b, criteria, files));
  if (options.territories !== undefined) diagnostics.push(...checkTerritories(options.territories, a, b));
  if (hasErrors(diagnostics)) return fail(diagnostics);

  const compared = a.populations.map((popA) => {
    const popB = b.populations.find((pop) => pop.id === popA.id) as PopulationRecording;
    return comparePopulation(popA, popB, thresholdsFor(criteria, popA.id), a, diagnostics, files);
  });
  const territories = options.territories !== undefined ? territoriesOfDiff(options.territories, compared, a, diagnostics) : undefined;
  const keep = options.perNeuron ?? true;
  const populations = keep ? compared : compared.map(withoutPerNeuron);
  const weights = a.weights !== undefined || b.weights !== undefined ? weightsOfDiff(a, b, criteria) : undefined;
  const verdicts = [...populations.flatMap((pop) => pop.verdicts), ...(weights !== undefined ? judgeWeights(a, weights, criteria) : [])];
  return ok({
    format: DIFF_FORMAT,
    sources: { reference: a.source, other: b.source },
    dtMs: a.dtMs,
    steps: a.steps,
    durationMs: a.steps * a.dtMs,
    criteria,
    populations,
    overall: overallOf(populations, a),
    ...(territories !== undefined ? { territories } : {}),
    ...(weights !== undefined ? { weights } : {}),
    verdicts,
    pass: verdicts.every((verdict) => verdict.pass),
  }, diagnostics);
}

/** The diff's outcome as the CLI maps it to an exit code: 0 pass, 1 fail, 2 bad input. */
export function diffVerdict(result: Result<DiffReport>): "pass" | "fail" | "bad-input" {
  if (!result.ok) return "bad-input";
  return result.value.pass ? "pass" : "fail";
}

/** TP407x: the recordings must have the same dt, length, and the reference's populations. */
function checkShape(a: Recording, b: Recording, criteria: Criteria, files: Files): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (Math.abs(a.dtMs - b.dtMs) > 1e-9 * Math.max(a.dtMs, b.dtMs)) {
    out.push(makeDiagnostic("TP4072", pointer("dtMs"), { dtA: a.dtMs, dtB: b.dtMs }, fileOf(files.other)));
  }
  if (a.steps !== b.steps) out.push(makeDiagnostic("TP4073", pointer("steps"), { stepsA: a.steps, stepsB: b.steps }, fileOf(files.other)));
  a.populations.forEach((popA, p) => {
    const popB = b.populations.find((pop) => pop.id === popA.id);
    if (popB === undefined) {
      out.push(makeDiagnostic("TP4070", pointer("populations", p), { population: popA.id }, fileOf(files.other)));
      return;
    }
    if (popB.size !== popA.size) {
      out.push(makeDiagnostic("TP4071", pointer("populations", b.populations.indexOf(popB), "size"), { population: popA.id, sizeA: plural(popA.size, "neuron"), sizeB: popB.size }, fileOf(files.other)));
    }
    if (popA.spikes !== undefined && popB.spikes === undefined) {
      out.push(makeDiagnostic("TP4075", pointer("populations", b.populations.indexOf(popB), "spikes"), { population: popA.id }, fileOf(files.other)));
    }
  });
  b.populations.forEach((popB, p) => {
    if (!a.populations.some((pop) => pop.id === popB.id)) {
      out.push(makeDiagnostic("TP4074", pointer("populations", p), { population: popB.id }, fileOf(files.other)));
    }
  });
  for (const population of Object.keys(criteria.perPopulation ?? {})) {
    if (!a.populations.some((pop) => pop.id === population)) {
      out.push(makeDiagnostic("TP1207", pointer("perPopulation", population), { population }, fileOf(files.criteria)));
    }
  }
  const boundedVariables = new Set([
    ...Object.keys(criteria.maxTraceRmse ?? {}),
    ...Object.values(criteria.perPopulation ?? {}).flatMap((t) => Object.keys(t.maxTraceRmse ?? {})),
  ]);
  for (const variable of boundedVariables) {
    if (!a.populations.some((pop) => pop.traces.some((trace) => trace.variable === variable))) {
      out.push(makeDiagnostic("TP1208", pointer("maxTraceRmse", variable), { variable }, fileOf(files.criteria)));
    }
  }
  out.push(...checkAstrocyteCriteria(a, criteria, files));
  return out;
}

/** TP4103, TP4104: astrocyte bounds the criteria set (not the defaults) that apply to nothing. */
function checkAstrocyteCriteria(a: Recording, criteria: Criteria, files: Files): Diagnostic[] {
  const out: Diagnostic[] = [];
  const astrocytes = a.populations.filter(isAstrocytePopulation);
  const traced = (variable: string) => astrocytes.some((pop) => pop.traces.some((trace) => trace.variable === variable));
  const levels = [criteria, ...Object.values(criteria.perPopulation ?? {})];
  for (const field of ["maxMeanAstrocyteRmse", "maxAstrocyteRmse"] as const) {
    const variables = new Set(levels.flatMap((t) => Object.keys(t[field] ?? {})));
    for (const variable of variables) {
      if (!traced(variable)) out.push(makeDiagnostic("TP4103", pointer(field, variable), { field, variable }, fileOf(files.criteria)));
    }
  }
  if (!traced("gate")) {
    for (const field of ["minMeanGateJaccard", "minGateJaccard"] as const) {
      if (levels.some((t) => t[field] !== undefined)) out.push(makeDiagnostic("TP4104", pointer(field), { field }, fileOf(files.criteria)));
    }
  }
  return out;
}

function comparePopulation(
  popA: PopulationRecording, popB: PopulationRecording, thresholds: Thresholds, a: Recording, diagnostics: Diagnostic[], files: Files,
): PopulationDiff {
  const spikes = popA.spikes !== undefined && popB.spikes !== undefined
    ? compareSpikes(popA.spikes, popB.spikes, popA.size, a, thresholds)
    : undefined;
  const traces: TraceMetrics[] = [];
  for (const traceA of popA.traces) {
    const p = a.populations.indexOf(popA);
    const traceB = popB.traces.find((trace) => trace.variable === traceA.variable);
    const problem = traceB === undefined ? "the other recording does not trace it"
      : traceB.unit !== traceA.unit ? `its unit is '${traceA.unit}' in the reference but '${traceB.unit}' in the other`
      : undefined;
    const compared = traceB !== undefined && problem === undefined ? compareTrace(traceA, traceB) : undefined;
    if (problem !== undefined || compared === undefined) {
      const reason = problem ?? "the two recordings trace no neuron in common";
      diagnostics.push(makeDiagnostic("TP4076", pointer("populations", p, "traces", popA.traces.indexOf(traceA)), { variable: traceA.variable, population: popA.id, reason }, fileOf(files.reference)));
      continue;
    }
    traces.push(compared);
  }
  const astrocytes = isAstrocytePopulation(popA) ? compareAstrocytes(popA, popB, traces) : undefined;
  const verdicts = [...judge(popA, spikes, traces, thresholds), ...(isAstrocytePopulation(popA) ? judgeAstrocytes(popA, astrocytes, thresholds) : [])];
  return {
    id: popA.id, size: popA.size, ...(spikes !== undefined ? { spikes } : {}), traces, ...(astrocytes !== undefined ? { astrocytes } : {}),
    verdicts, pass: verdicts.every((v) => v.pass),
  };
}

/** The report without per-neuron spike arrays (DiffOptions.perNeuron false). */
function withoutPerNeuron(pop: PopulationDiff): PopulationDiff {
  if (pop.spikes?.perNeuron === undefined) return pop;
  const { perNeuron: _dropped, ...spikes } = pop.spikes;
  return { ...pop, spikes };
}

/** Territory metrics for every map whose neuron population was compared (checkTerritories warned about the rest). */
function territoriesOfDiff(territories: Territories, populations: readonly PopulationDiff[], a: Recording, diagnostics: Diagnostic[]): TerritoryDiff[] {
  if (hasErrors(diagnostics)) return [];
  return Object.entries(territories).flatMap(([astrocytes, map]) => {
    const spikes = populations.find((pop) => pop.id === map.population)?.spikes;
    return spikes?.perNeuron !== undefined ? [compareTerritories(astrocytes, map, spikes.perNeuron, spikes.matchWithin, a)] : [];
  });
}

function compareSpikes(trainA: SpikeTrain, trainB: SpikeTrain, size: number, a: Recording, thresholds: Thresholds): SpikeMetrics {
  const byA = spikesByNeuron(trainA, size);
  const byB = spikesByNeuron(trainB, size);
  const k = thresholds.matchWithin;
  const tau = thresholds.vanRossumTauMs;
  const perNeuron: NeuronMetrics = {
    countA: new Int32Array(size),
    countB: new Int32Array(size),
    exactMatched: new Int32Array(size),
    withinMatched: new Int32Array(size),
    firstDivergence: new Int32Array(size),
    vanRossum: new Float64Array(size),
  };
  let exact = 0, within = 0, squaredSum = 0;
  let worstNeuron = -1, worstDistance = 0;
  for (let n = 0; n < size; n++) {
    const a0 = byA.start[n], a1 = byA.start[n + 1], b0 = byB.start[n], b1 = byB.start[n + 1];
    perNeuron.countA[n] = a1 - a0;
    perNeuron.countB[n] = b1 - b0;
    const e = countExactMatches(byA.steps, a0, a1, byB.steps, b0, b1);
    const w = countMatchesWithin(byA.steps, a0, a1, byB.steps, b0, b1, k);
    const d = vanRossumDistance(byA.steps, a0, a1, byB.steps, b0, b1, a.dtMs, tau);
    perNeuron.exactMatched[n] = e;
    perNeuron.withinMatched[n] = w;
    perNeuron.firstDivergence[n] = firstDifference(byA.steps, a0, a1, byB.steps, b0, b1);
    perNeuron.vanRossum[n] = d;
    exact += e;
    within += w;
    squaredSum += d * d;
    if (d > worstDistance) {
      worstDistance = d;
      worstNeuron = n;
    }
  }
  const countA = trainA.step.length, countB = trainB.step.length;
  const divergence = firstDivergenceOf(trainA, trainB);
  return {
    ...countsAndRates(countA, countB, size, a),
    exactMatched: exact,
    exactFraction: matchedFraction(exact, countA, countB),
    matchWithin: k,
    withinMatched: within,
    withinFraction: matchedFraction(within, countA, countB),
    ...(divergence !== undefined ? { firstDivergence: divergence } : {}),
    vanRossumTauMs: tau,
    vanRossum: Math.sqrt(squaredSum / Math.max(1, countA)),
    ...(worstNeuron >= 0 ? { vanRossumWorst: { neuron: worstNeuron, distance: worstDistance } } : {}),
    perNeuron,
  };
}

/** Walks both (step, neuron)-sorted trains together; the first pair that differs is the divergence. */
function firstDivergenceOf(a: SpikeTrain, b: SpikeTrain): Divergence | undefined {
  const na = a.step.length, nb = b.step.length;
  let i = 0, j = 0;
  while (i < na && j < nb) {
    const sa = a.step[i], sb = b.step[j], ua = a.neuron[i], ub = b.neuron[j];
    if (sa !== sb || ua !== ub) {
      return sa < sb || (sa === sb && ua < ub) ? { step: sa, neuron: ua, side: "reference" } : { step: sb, neuron: ub, side: "other" };
    }
    i++;
    j++;
  }
  if (i < na) return { step: a.step[i], neuron: a.neuron[i], side: "reference" };
  if (j < nb) return { step: b.step[j], neuron: b.neuron[j], side: "other" };
  return undefined;
}

/** RMSE and largest error over the neurons both sides trace; undefined when they share none. */
function compareTrace(traceA: Trace, traceB: Trace): TraceMetrics | undefined {
  const rowOfB = new Map<number, number>();
  traceB.neurons.forEach((neuron, k) => rowOfB.set(neuron, k));
  const neurons: number[] = [];
  const perNeuron: number[] = [];
  let sumSquared = 0, count = 0, maxAbs = 0;
  let maxAt: { neuron: number; step: number } | undefined;
  traceA.neurons.forEach((neuron, k) => {
    const kb = rowOfB.get(neuron);
    if (kb === undefined) return;
    const rowA = traceA.values[k], rowB = traceB.values[kb];
    const errors = rowErrors(rowA, rowB);
    neurons.push(neuron);
    perNeuron.push(rowA.length > 0 ? Math.sqrt(errors.sumSquared / rowA.length) : 0);
    sumSquared += errors.sumSquared;
    count += rowA.length;
    if (errors.maxAt >= 0 && (maxAt === undefined || errors.maxAbs > maxAbs)) {
      maxAbs = errors.maxAbs;
      maxAt = { neuron, step: errors.maxAt };
    }
  });
  if (neurons.length === 0) return undefined;
  return {
    variable: traceA.variable,
    unit: traceA.unit,
    neurons: Int32Array.from(neurons),
    rmse: count > 0 ? Math.sqrt(sumSquared / count) : 0,
    maxAbsError: maxAbs,
    ...(maxAt !== undefined ? { maxAbsErrorAt: maxAt } : {}),
    perNeuronRmse: Float64Array.from(perNeuron),
  };
}

/** Applies the population's thresholds; a bound on a quantity that was not measured fails. */
function judge(pop: PopulationRecording, spikes: SpikeMetrics | undefined, traces: readonly TraceMetrics[], t: Thresholds): Verdict[] {
  const population = pop.id;
  const atLeast = (criterion: CriterionName, measured: number, threshold: number): Verdict =>
    ({ criterion, population, measured, threshold, comparison: ">=", pass: measured >= threshold });
  const atMost = (criterion: CriterionName, measured: number | undefined, threshold: number, variable?: string): Verdict =>
    ({ criterion, population, ...(variable !== undefined ? { variable } : {}), measured, threshold, comparison: "<=", pass: measured !== undefined && measured <= threshold });
  const verdicts: Verdict[] = [];
  if (spikes !== undefined) {
    verdicts.push(atLeast("minMatchedFraction", spikes.withinFraction, t.minMatchedFraction));
    verdicts.push(atMost("maxRateError", spikes.rateError, t.maxRateError));
    if (t.maxVanRossum !== undefined) verdicts.push(atMost("maxVanRossum", spikes.vanRossum, t.maxVanRossum));
  }
  for (const [variable, bound] of Object.entries(t.maxTraceRmse ?? {})) {
    if (!pop.traces.some((trace) => trace.variable === variable)) continue;
    verdicts.push(atMost("maxTraceRmse", traces.find((trace) => trace.variable === variable)?.rmse, bound, variable));
  }
  return verdicts;
}

/**
 * Astrocyte verdicts: bounds on the mean (ASTROCYTE_DEFAULTS under the criteria's own) and the
 * largest per-astrocyte RMSE of the variables the reference traces, and the gate Jaccard bounds
 * when it traces the gate.
 */
function judgeAstrocytes(pop: PopulationRecording, astro: AstrocyteDiff | undefined, t: Thresholds): Verdict[] {
  const population = pop.id;
  const verdicts: Verdict[] = [];
  const rmseBounds = (criterion: "maxMeanAstrocyteRmse" | "maxAstrocyteRmse", bounds: Readonly<Record<string, number>>, of: "meanRmse" | "maxRmse") => {
    for (const [variable, bound] of Object.entries(bounds)) {
      if (!pop.traces.some((trace) => trace.variable === variable)) continue;
      const measured = astro?.variables.find((v) => v.variable === variable)?.[of];
      verdicts.push({ criterion, population, variable, measured, threshold: bound, comparison: "<=", pass: measured !== undefined && measured <= bound });
    }
  };
  rmseBounds("maxMeanAstrocyteRmse", { ...ASTROCYTE_DEFAULTS.maxMeanAstrocyteRmse, ...t.maxMeanAstrocyteRmse }, "meanRmse");
  rmseBounds("maxAstrocyteRmse", t.maxAstrocyteRmse ?? {}, "maxRmse");
  if (!pop.traces.some((trace) => trace.variable === "gate")) return verdicts;
  const atLeast = (criterion: CriterionName, measured: number | undefined, threshold: number): Verdict =>
    ({ criterion, population, measured, threshold, comparison: ">=", pass: measured !== undefined && measured >= threshold });
  verdicts.push(atLeast("minMeanGateJaccard", astro?.gate?.meanJaccard, t.minMeanGateJaccard ?? ASTROCYTE_DEFAULTS.minMeanGateJaccard));
  if (t.minGateJaccard !== undefined) verdicts.push(atLeast("minGateJaccard", astro?.gate?.minJaccard, t.minGateJaccard));
  return verdicts;
}

/** The weights diff, with a finding for each perProjection entry that names no projection of the reference. */
function weightsOfDiff(a: Recording, b: Recording, criteria: Criteria): WeightsDiff {
  const diff = compareWeights(a, b);
  const named = Object.keys(criteria.perProjection ?? {}).filter((id) => !(a.weights ?? []).some((w) => w.projection === id));
  if (named.length === 0) return diff;
  return { ...diff, findings: [...diff.findings, ...named.map((projection) => ({ projection, reason: "the criteria name it, but the reference records no weights for it" }))] };
}

/**
 * Weight verdicts for every projection of the reference whose bounds are set: measured on the
 * last common step; a projection that could not be compared, or whose correlation is undefined,
 * fails the bound it cannot meet.
 */
function judgeWeights(a: Recording, weights: WeightsDiff, criteria: Criteria): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const w of a.weights ?? []) {
    const bounds = weightThresholdsFor(criteria, w.projection);
    const compared = weights.projections.find((p) => p.projection === w.projection);
    const subject = { population: w.projection, projection: w.projection };
    if (bounds.minWeightCorrelation !== undefined) {
      const measured = compared?.pearson ?? undefined;
      verdicts.push({ criterion: "minWeightCorrelation", ...subject, measured, threshold: bounds.minWeightCorrelation, comparison: ">=", pass: measured !== undefined && measured >= bounds.minWeightCorrelation });
    }
    if (bounds.maxWeightRmse !== undefined) {
      const measured = compared?.rmse;
      verdicts.push({ criterion: "maxWeightRmse", ...subject, measured, threshold: bounds.maxWeightRmse, comparison: "<=", pass: measured !== undefined && measured <= bounds.maxWeightRmse });
    }
  }
  return verdicts;
}

function overallOf(populations: readonly PopulationDiff[], a: Recording): OverallMetrics {
  let countA = 0, countB = 0, exact = 0, within = 0, neurons = 0, squared = 0;
  let first: (Divergence & { population: string }) | undefined;
  for (const pop of populations) {
    const s = pop.spikes;
    if (s === undefined) continue;
    countA += s.countA;
    countB += s.countB;
    exact += s.exactMatched;
    within += s.withinMatched;
    neurons += pop.size;
    squared += s.vanRossum * s.vanRossum * Math.max(1, s.countA);
    if (s.firstDivergence !== undefined && (first === undefined || s.firstDivergence.step < first.step)) {
      first = { ...s.firstDivergence, population: pop.id };
    }
  }
  return {
    ...countsAndRates(countA, countB, neurons, a),
    exactFraction: matchedFraction(exact, countA, countB),
    withinFraction: matchedFraction(within, countA, countB),
    ...(first !== undefined ? { firstDivergence: first } : {}),
    vanRossum: Math.sqrt(squared / Math.max(1, countA)),
  };
}

/** Spike counts of both sides, their mean rates over `neurons` and the relative rate error. */
function countsAndRates(countA: number, countB: number, neurons: number, a: Recording) {
  const rateAHz = rateHz(countA, neurons, a.steps, a.dtMs);
  const rateBHz = rateHz(countB, neurons, a.steps, a.dtMs);
  return { countA, countB, rateAHz, rateBHz, rateError: relativeError(rateAHz, rateBHz) };
}

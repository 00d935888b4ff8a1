/**
 * compile(): the lowering pipeline as one straight-line function, and the one runner that
 * instruments every pass (timing, stats, dump-after, verify-each, progress, stop rule).
 * Never prints and never throws user errors: those come back as diagnostics in the result;
 * only InternalError (a Tripart bug) escapes.
 */
import { DiagnosticBag, type Diagnostic, type Result } from "../ir/diagnostics.js";
import type { Elaborated } from "../ir/elaborated.js";
import type { Target } from "../targets/types.js";
import { isGliaTarget, type AnyTarget, type GliaTarget } from "../targets/glia-types.js";
import type { HwConfig } from "../hw/types.js";
import { toConfigJson } from "../hw/config-json.js";
import { GLIA_CONFIG_FORMAT, type GliaConfig } from "../hw/glia-config.js";
import { toGliaConfigJson } from "../hw/glia-config-json.js";
import type { CompileOptions, Pass, PassContext, PassStats } from "./pass.js";
import type { Partitioned, PrecisionReport, Quantized, QuantizationReport, UtilisationReport } from "./stages.js";
import { discretize } from "./discretize.js";
import { quantize } from "./quantize.js";
import { lowerPlasticity } from "./lower-plasticity.js";
import { partition } from "./partition.js";
import { route } from "./route.js";
import { emit } from "./emit.js";
import { crossbarReports, lowerCrossbar, type CrossbarReport } from "./lower-crossbar.js";
import { refuseOnLif } from "./glia/lif-refusals.js";
import { gliaDiscretize } from "./glia/discretize.js";
import { gliaQuantize } from "./glia/quantize.js";
import { gliaPartition } from "./glia/partition.js";
import { gliaEmit } from "./glia/emit.js";
import type { GliaPartitioned, GliaQuantizationReport, GliaQuantized, GliaUtilisationReport } from "./glia/stages.js";

/** Pass names in run order; `tripart passes` prints this, and a test checks compile() runs exactly it. */
export const PIPELINE = ["discretize", "quantize", "lower-plasticity", "partition", "route", "emit", "lower-crossbar"] as const;

export type PassName = (typeof PIPELINE)[number];

/** The glia-core pipeline's passes in run order: the same names, so --dump-after works for both. */
export const GLIA_PIPELINE = ["discretize", "quantize", "partition", "emit"] as const satisfies readonly PassName[];

/** Every glia-core pass with its one-line summary, in run order. */
export const GLIA_PASSES: readonly { readonly name: PassName; readonly summary: string }[] = [gliaDiscretize, gliaQuantize, gliaPartition, gliaEmit].map(
  ({ name, summary }) => ({ name, summary }),
);

/** True when `name` is one of the pipeline's passes (for validating `--dump-after`). */
export function isPassName(name: string): name is PassName {
  return (PIPELINE as readonly string[]).includes(name);
}

/** Every pass of the pipeline with its one-line summary, in run order. */
export const PASSES: readonly { readonly name: PassName; readonly summary: string }[] = [discretize, quantize, lowerPlasticity, partition, route, emit, lowerCrossbar].map(
  ({ name, summary }) => ({ name, summary }),
);

export interface PassTiming {
  readonly pass: PassName;
  readonly ms: number;
}

/** The reports a compilation produced, as data; present from the pass that makes them on. */
export interface CompileReports {
  readonly quantization?: QuantizationReport;
  readonly utilisation?: UtilisationReport;
  /** Crossbar targets: tiles and requested vs realised weights (lower-crossbar). */
  readonly crossbar?: CrossbarReport;
  /** Precision modes and error budget: bounds, scales and weight bits chosen (quantize, docs/precision.md). */
  readonly precision?: PrecisionReport;
}

/** The reports of a glia-core compilation, as data; present from the pass that makes them on. */
export interface GliaCompileReports {
  readonly quantization?: GliaQuantizationReport;
  readonly utilisation?: GliaUtilisationReport;
}

/** The outcome of compile(): the config or the diagnostics, plus what the runner measured. */
export type CompileResult<V = HwConfig, R = CompileReports> = Result<V> & {
  /** Wall time of each pass that ran, in run order. */
  readonly timings: readonly PassTiming[];
  /** Counters per pass: stats[pass][counter]. */
  readonly stats: Readonly<Partial<Record<PassName, Readonly<Record<string, number>>>>>;
  readonly reports: R;
};

/** The outcome of a glia-core compilation. */
export type GliaCompileResult = CompileResult<GliaConfig, GliaCompileReports>;

/**
 * Lowers an elaborated network to a hardware config for `target`. The caller elaborates
 * (src/ir/elaborate.ts); the same Elaborated value also feeds the reference simulator.
 * Constructs a LIF target cannot express (Izhikevich neurons, conductance synapses, currents,
 * glutamate, astrocytes, tripartite couplings) are refused first, one TP303x error each, and no
 * pass runs.
 */
export function compile(input: Elaborated, target: Target, options: CompileOptions = {}): CompileResult {
  const bag = new DiagnosticBag(options.file);
  refuseOnLif(input, target, bag.report);
  if (bag.hasErrors) return { ok: false, diagnostics: bag.items, timings: [], stats: {}, reports: {} };
  return withPipeline(target, options, lifReports, (run) => {
    const discretized = run(discretize, input);
    const quantized = run(quantize, discretized);
    const lowered = run(lowerPlasticity, quantized);
    const partitioned = run(partition, lowered);
    const routed = run(route, partitioned);
    return run(lowerCrossbar, { routed, config: run(emit, routed) }).config;
  });
}

/** Lowers an elaborated network to a glia-core config (GLIA_PIPELINE), with the same runner as compile(). */
export function compileGlia(input: Elaborated, target: GliaTarget, options: CompileOptions = {}): GliaCompileResult {
  // plastic projections are lowered (or refused) inside quantize: glia/learning.ts
  return withPipeline<GliaTarget, GliaConfig, GliaCompileReports>(target, options, gliaReports, (run) => {
    const discretized = run(gliaDiscretize, input);
    const quantized = run(gliaQuantize, discretized);
    const partitioned = run(gliaPartition, quantized);
    return run(gliaEmit, partitioned);
  });
}

/** Dispatches on the target's family: compileGlia for glia-core, compile for LIF targets. */
export function compileAny(input: Elaborated, target: Target, options?: CompileOptions): CompileResult;
export function compileAny(input: Elaborated, target: GliaTarget, options?: CompileOptions): GliaCompileResult;
export function compileAny(input: Elaborated, target: AnyTarget, options?: CompileOptions): CompileResult | GliaCompileResult;
export function compileAny(input: Elaborated, target: AnyTarget, options: CompileOptions = {}): CompileResult | GliaCompileResult {
  return isGliaTarget(target) ? compileGlia(input, target, options) : compile(input, target, options);
}

/** Thrown by the runner after a pass that reported an error; never leaves this module. */
class Stopped {}

type Runner<T> = <A, B>(pass: Pass<A, B, T>, input: A) => B;

/** The LIF reports from the stages the runner kept. */
function lifReports(produced: ReadonlyMap<PassName, unknown>): CompileReports {
  // lower-plasticity adds the learning constants to quantize's report
  const quantized = (produced.get("lower-plasticity") ?? produced.get("quantize")) as Quantized | undefined;
  const partitioned = produced.get("partition") as Partitioned | undefined;
  return {
    ...(quantized !== undefined ? quantizationReports(quantized.report) : {}),
    ...(partitioned !== undefined ? { utilisation: partitioned.utilisation } : {}),
    ...crossbarReports(produced.get("lower-crossbar")),
  };
}

/** quantize's report, with its precision part (when there is one) as a report of its own. */
function quantizationReports({ precision, ...quantization }: QuantizationReport): Pick<CompileReports, "quantization" | "precision"> {
  return { quantization, ...(precision !== undefined ? { precision } : {}) };
}

/** The glia-core reports from the stages the runner kept. */
function gliaReports(produced: ReadonlyMap<PassName, unknown>): GliaCompileReports {
  const quantized = produced.get("quantize") as GliaQuantized | undefined;
  const partitioned = produced.get("partition") as GliaPartitioned | undefined;
  return {
    ...(quantized !== undefined ? { quantization: quantized.report } : {}),
    ...(partitioned !== undefined ? { utilisation: partitioned.utilisation } : {}),
  };
}

/** Runs `pipeline` with one instrumented runner; `reportsOf` picks the reports from the stages produced. */
function withPipeline<T, V, R>(
  target: T,
  options: CompileOptions,
  reportsOf: (produced: ReadonlyMap<PassName, unknown>) => R,
  pipeline: (run: Runner<T>) => V,
): CompileResult<V, R> {
  const bag = new DiagnosticBag(options.file);
  const timings: PassTiming[] = [];
  const stats: Partial<Record<PassName, Record<string, number>>> = {};
  const produced = new Map<PassName, unknown>();

  const run: Runner<T> = (pass, input) => {
    const counters: Record<string, number> = {};
    stats[pass.name] = counters;
    const passStats: PassStats = {
      add: (counter, amount = 1) => {
        counters[counter] = (counters[counter] ?? 0) + amount;
      },
      set: (counter, value) => {
        counters[counter] = value;
      },
    };
    const ctx: PassContext<T> = { target, options, report: bag.report, stats: passStats };
    options.onPassStart?.(pass.name);
    const errorsBefore = countErrors(bag.items);
    const start = performance.now();
    const output = pass.run(input, ctx);
    timings.push({ pass: pass.name, ms: performance.now() - start });
    produced.set(pass.name, output);
    if (countErrors(bag.items) > errorsBefore) throw new Stopped();
    if (options.verifyEach === true) pass.verify(output, ctx);
    if (options.dumpAfter === pass.name) options.onDump?.(pass.name, stageToJson(pass.name, output));
    return output;
  };

  const finish = (value: V | undefined): CompileResult<V, R> => {
    const reports = reportsOf(produced);
    const diagnostics = bag.items;
    const base = { timings, stats, reports };
    return value !== undefined ? { ok: true, value, diagnostics, ...base } : { ok: false, diagnostics, ...base };
  };

  try {
    return finish(pipeline(run));
  } catch (error) {
    if (error instanceof Stopped) return finish(undefined);
    throw error;
  }
}

const countErrors = (items: readonly Diagnostic[]): number => items.reduce((n, d) => n + (d.severity === "error" ? 1 : 0), 0);

/** Keys that hold the previous stage; a dump shows only what its own pass added. */
const PREVIOUS_STAGE_KEYS = new Set(["elaborated", "discretized", "quantized", "partitioned"]);

/** A stage as plain JSON: typed arrays become arrays, the embedded previous stage is left out. */
export function stageToJson(name: PassName, stage: unknown): unknown {
  if (name === "emit") return (stage as { format?: string }).format === GLIA_CONFIG_FORMAT ? toGliaConfigJson(stage as GliaConfig) : toConfigJson(stage as HwConfig);
  return toJsonValue(stage);
}

function toJsonValue(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (!PREVIOUS_STAGE_KEYS.has(key)) out[key] = toJsonValue(item);
    return out;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return value;
}

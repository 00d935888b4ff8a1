/**
 * The pass interface: a pass is a named value `{ name, summary, run, verify }` whose `run` turns
 * one branded stage into the next. A pass never mutates its input, never prints, and reports
 * user-facing findings only through `ctx.report`; broken internal invariants throw InternalError.
 */
import type { CoreLimits, Target } from "../targets/types.js";
import type { Reporter } from "../ir/diagnostics.js";
import type { PassName } from "./pipeline.js";
import type { MeasuredRange, PrecisionMode } from "./precision/types.js";

/** Options of one compilation; every field is optional and has a documented default. */
export interface CompileOptions {
  /** The network file's name, put on every diagnostic (their paths point into it). */
  readonly file?: string;
  /** Hand the stage produced by this pass to `onDump` as JSON (`--dump-after`). */
  readonly dumpAfter?: PassName;
  /** Receives the dumped stage; the CLI writes it to a file. */
  readonly onDump?: (name: PassName, stageJson: unknown) => void;
  /** Check each stage's invariants after its pass (default false; tests turn it on). */
  readonly verifyEach?: boolean;
  /** Called before each pass starts, for progress output. */
  readonly onPassStart?: (name: PassName) => void;
  /**
   * How partition gives neurons cores: "contiguous" (IR order) or "traffic" (by predicted spike
   * traffic, onto the target's mesh and chips). Default: "traffic" on targets with a board, else "contiguous".
   */
  readonly partitioner?: "contiguous" | "traffic";
  /** Spikes per second per neuron of each population (by id), for the traffic estimates; default 1. */
  readonly populationRates?: Readonly<Record<string, number>>;
  /** Caps the neurons per core below the target's limit (partition). */
  readonly maxNeuronsPerCore?: number;
  /**
   * On targets whose input is decayed in the step it arrives ("same-step", xylo-style), scale
   * weights by 1/f per channel so each spike delivers the reference's charge (default true).
   */
  readonly compensateSameStepDecay?: boolean;
  /** The threshold sits at the voltage register's maximum divided by this (default 4). */
  readonly headroom?: number;
  /** Steps between weight writes of on-chip learning (lower-plasticity); default: the target's learning.epoch.default. */
  readonly learningEpoch?: number;
  /**
   * The network hash written into the config. Default: "sha256:" + the SHA-256 of the checked
   * network's canonical JSON (keys sorted), see docs/hwconfig.md.
   */
  readonly networkHash?: string;
  /**
   * How quantize picks each population's voltage scale (docs/precision.md): "headroom" (default,
   * the `headroom` option), "static" (worst-case bounds) or "profile" (`measuredRanges`).
   */
  readonly precision?: PrecisionMode;
  /** Precision "profile": per population, the ranges measured in the float reference, margin applied. */
  readonly measuredRanges?: readonly MeasuredRange[];
  /** Precision "profile" through compileFiles: the measured ranges are multiplied by this (default 1.5). */
  readonly profileMargin?: number;
  /**
   * Largest relative RMS weight error per projection (e.g. 0.01): each static projection gets the
   * fewest weight bits that meet it (docs/precision.md). Default: all mantissa bits.
   */
  readonly errorBudget?: number;
}

/** The default `headroom`: the threshold sits at a quarter of the voltage register. */
export const DEFAULT_HEADROOM = 4;

/** Counters of the running pass; the runner files them under the pass name. */
export interface PassStats {
  add(counter: string, amount?: number): void;
  set(counter: string, value: number): void;
}

/** Everything a pass may use besides its input. There is no global state. T: the target family's type. */
export interface PassContext<T = Target> {
  readonly target: T;
  readonly options: CompileOptions;
  readonly report: Reporter;
  readonly stats: PassStats;
}

/** A lowering pass from stage A to stage B, for targets of type T (LIF targets by default). */
export interface Pass<A, B, T = Target> {
  /** The file name, the `--dump-after` name and the key in timings and stats. */
  readonly name: PassName;
  /** One line for `tripart passes` and docs/passes.md. */
  readonly summary: string;
  run(input: A, ctx: PassContext<T>): B;
  /** Checks the invariants of the pass's output; throws InternalError when one fails. */
  verify(output: B, ctx: PassContext<T>): void;
}

/** The neurons-per-core limit in force: the target's, or the smaller `maxNeuronsPerCore` option. */
export function neuronsPerCore(limits: CoreLimits, options: CompileOptions): number {
  const cap = options.maxNeuronsPerCore;
  return cap !== undefined && Number.isInteger(cap) && cap > 0 ? Math.min(cap, limits.maxNeurons) : limits.maxNeurons;
}

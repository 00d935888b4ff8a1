// Hand-built networks, targets and pass contexts for the pass and codec tests.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DiagnosticBag, type Diagnostic } from "../../src/ir/diagnostics.js";
import { asStage } from "../../src/ir/stage.js";
import { elaborate } from "../../src/ir/elaborate.js";
import { NETWORK_FORMAT, type Checked, type Input, type LifParams, type Network, type Population, type Projection } from "../../src/ir/types.js";
import type { Elaborated } from "../../src/ir/elaborated.js";
import { loadTarget } from "../../src/targets/load.js";
import type { Target } from "../../src/targets/types.js";
import type { CompileOptions, PassContext } from "../../src/passes/pass.js";
import { compile } from "../../src/passes/pipeline.js";
import type { HwConfig } from "../../src/hw/types.js";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The bundled Loihi-style target, through the real loader. */
export function loihi(): Target {
  const result = loadTarget(readFileSync(join(REPO, "targets/loihi-cuba.json"), "utf8"));
  if (!result.ok) throw new Error(`loihi-cuba.json does not load: ${result.diagnostics.map((d) => d.message).join(" ")}`);
  return result.value;
}

/** The bundled xylo-style target (shift decays, subtractive multi-spike reset). */
export function xyloStyle(): Target {
  const result = loadTarget(readFileSync(join(REPO, "targets/xylo-style.json"), "utf8"));
  if (!result.ok) throw new Error(`xylo-style.json does not load: ${result.diagnostics.map((d) => d.message).join(" ")}`);
  return result.value as Target;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

function merge<T>(base: T, changes: DeepPartial<T>): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(changes)) {
    const current = out[key];
    out[key] =
      value !== null && typeof value === "object" && !Array.isArray(value) && current !== null && typeof current === "object"
        ? merge(current, value as DeepPartial<typeof current>)
        : value;
  }
  return out as T;
}

/** The Loihi target with some fields changed (e.g. tiny per-core limits). */
export function targetWith(changes: DeepPartial<Target>): Target {
  return merge(loihi(), changes);
}

/** LIF parameters: rest = reset = -65 mV, threshold -50 mV, tau_m 20 ms, no refractory, no bias. */
export function lif(overrides: Partial<LifParams> = {}): LifParams {
  return { tau_m: 20, v_rest: -65, v_reset: -65, v_thresh: -50, tau_ref: 0, bias: 0, ...overrides };
}

export function population(id: string, size: number, params: Partial<LifParams> = {}, initial?: Population["initial"]): Population {
  return { id, model: "lif", size, params: lif(params), ...(initial !== undefined ? { initial } : {}) };
}

/** An explicit-pairs projection: weights (magnitudes) and delays per pair. */
export function explicit(
  id: string,
  pre: string,
  post: string,
  pairs: readonly (readonly [number, number])[],
  options: { weight?: number | readonly number[]; delay?: number | readonly number[]; tau?: number; sign?: "excitatory" | "inhibitory" } = {},
): Projection {
  const { weight = 1, delay = 0, tau = 5, sign = "excitatory" } = options;
  return {
    id,
    pre,
    post,
    connect: { rule: "explicit", pairs },
    weight: typeof weight === "number" ? weight : { values: weight },
    delay: typeof delay === "number" ? delay : { values: delay },
    synapse: { kind: "exponential", tau },
    sign,
  };
}

export function allToAll(id: string, pre: string, post: string, options: { weight?: number; tau?: number; sign?: "excitatory" | "inhibitory"; delay?: number } = {}): Projection {
  const { weight = 1, delay = 0, tau = 5, sign = "excitatory" } = options;
  return { id, pre, post, connect: { rule: "all_to_all", autapses: true }, weight, delay, synapse: { kind: "exponential", tau }, sign };
}

export function spikeInput(id: string, times: readonly (readonly number[])[]): Input {
  return { id, kind: "spike_times", size: times.length, times };
}

/** A checked network built by hand (the loader's rules are the caller's responsibility). */
export function network(parts: Partial<Omit<Network, "format">>): Checked {
  return asStage("checked", {
    format: NETWORK_FORMAT,
    name: "test",
    run: { dt: 0.1, duration: 10, seed: 7 },
    populations: [],
    inputs: [],
    projections: [],
    currents: [],
    astrocytes: [],
    tripartite: [],
    plasticity: [],
    record: [],
    ...parts,
  } satisfies Network);
}

export function elaborated(parts: Partial<Omit<Network, "format">>): Elaborated {
  return elaborate(network(parts));
}

/** A pass context over a fresh diagnostic bag. */
export function context(target: Target = loihi(), options: CompileOptions = {}): { ctx: PassContext; bag: DiagnosticBag; stats: Record<string, number> } {
  const bag = new DiagnosticBag();
  const stats: Record<string, number> = {};
  const ctx: PassContext = {
    target,
    options,
    report: bag.report,
    stats: {
      add: (name, amount = 1) => void (stats[name] = (stats[name] ?? 0) + amount),
      set: (name, value) => void (stats[name] = value),
    },
  };
  return { ctx, bag, stats };
}

export const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => d.code);
export const codesAndPaths = (diagnostics: readonly Diagnostic[]) => diagnostics.map(({ code, path }) => ({ code, path }));

/** Compiles with verify-each on and returns the config, failing the test on any error. */
export function mustCompile(input: Elaborated, target: Target = loihi(), options: CompileOptions = {}): HwConfig {
  const result = compile(input, target, { verifyEach: true, ...options });
  if (!result.ok) throw new Error(`compile failed: ${result.diagnostics.map((d) => `${d.code} ${d.path} ${d.message}`).join("; ")}`);
  return result.value;
}

/** The Loihi target with 2 neurons per core. */
export const twoPerCore = (): Target => targetWith({ core: { maxNeurons: 2 } });

/**
 * A small network used by the route, emit, codec and inspect tests. On twoPerCore() it is placed
 * [a0 a1 | a2 b0 | b1]; test/passes/route-emit.test.ts derives every array of its config.
 */
export const SAMPLE = {
  populations: [population("a", 3), population("b", 2, { tau_m: 10, tau_ref: 1 })],
  inputs: [spikeInput("x", [[0.2, 0.5], [0.1]]), spikeInput("y", [[0.1]]), { id: "z", kind: "external", size: 1 } as Input],
  projections: [
    explicit("x_a", "x", "a", [[0, 0], [0, 2], [1, 1]], { delay: [0, 3, 5], weight: 1 }),
    allToAll("a_b", "a", "b", { weight: 2, delay: 2 }),
    explicit("b_a", "b", "a", [[1, 0]], { weight: 1, sign: "inhibitory" }),
  ],
  record: [{ population: "a", state: ["v" as const] }, { population: "x" }],
} satisfies Partial<Omit<Network, "format">>;

/** The compiled config of SAMPLE on twoPerCore(). */
export const sampleConfig = (): HwConfig => mustCompile(elaborated(SAMPLE), twoPerCore());

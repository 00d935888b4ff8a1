/**
 * Golden-vector replay: turns a case file of the loihi-golden-sample format (Brian2Loihi or
 * Lava PyLifModelBitAcc integer traces) into an HwConfig built directly in hardware units, runs
 * it, and reports the first step where u, v, the pre-reset v or the spikes differ. The case's
 * emulator convention is chosen as target data (loihi-cuba-b2l or loihi-cuba-lava), never as a
 * branch in the emulator. Never prints; a malformed case is a reason string, not a throw.
 */
import { isGliaTarget } from "../targets/glia-types.js";
import { readdir, readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HWCONFIG_FORMAT, type HwConfig, type SynapseFormat } from "../hw/types.js";
import { effectiveWeight, bias as effectiveBias, threshold as effectiveThreshold } from "../targets/fixed.js";
import { bundledTargetsDir, loadTarget } from "../targets/load.js";
import type { Target } from "../targets/types.js";
import { emulate, type EmulationResult } from "./emulator.js";
import { interpretScalar } from "./scalar.js";

/** The bundled target that carries each case source's conventions. */
export const GOLDEN_TARGETS: readonly { readonly sourcePrefix: string; readonly target: string }[] = [
  { sourcePrefix: "brian2_loihi", target: "loihi-cuba-b2l" },
  { sourcePrefix: "lava", target: "loihi-cuba-lava" },
];

/** The first difference between a case's expectation and the emulator. */
export interface GoldenMismatch {
  /** Time step; -1 for a difference found before running (an effective weight). */
  readonly step: number;
  readonly neuron: number;
  readonly variable: "u" | "v" | "v_pre_reset" | "spike" | "w_eff";
  readonly expected: number;
  readonly got: number;
}

/** A case turned into a config, with the expectations to compare against. */
export interface GoldenCase {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly config: HwConfig;
  readonly neurons: number;
  readonly steps: number;
  readonly expected: {
    readonly u: readonly (readonly number[])[];
    readonly v: readonly (readonly number[])[];
    readonly vPreReset?: readonly (readonly number[])[];
    readonly spikes: readonly (readonly [number, number])[];
  };
  /** Differences found while building (effective weights that disagree with the case's w_eff). */
  readonly buildMismatches: readonly GoldenMismatch[];
}

/** A built case, or why the file cannot be built. */
export type GoldenLoad = { readonly ok: true; readonly value: GoldenCase } | { readonly ok: false; readonly reason: string };

/** The outcome of replaying one case. */
export interface GoldenOutcome {
  readonly id: string;
  readonly target: string;
  readonly passed: boolean;
  readonly mismatch?: GoldenMismatch;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);
const isInteger = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value);

/** Whether a JSON document looks like a golden case (other files in the folder, e.g. weight tables, are not). */
export function isGoldenCase(json: unknown): boolean {
  if (!isObject(json)) return false;
  const { expected, neuron } = json;
  return (
    typeof json.id === "string" &&
    typeof json.source === "string" &&
    isInteger(json.steps) &&
    isObject(neuron) &&
    isObject(expected) &&
    Array.isArray(expected.u) &&
    Array.isArray(expected.v) &&
    Array.isArray(expected.spikes)
  );
}

const targetCache = new Map<string, Target>();

/** A bundled target, read once. */
function bundledTarget(name: string): Target | string {
  const cached = targetCache.get(name);
  if (cached !== undefined) return cached;
  const file = join(bundledTargetsDir(), `${name}.json`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return `bundled target '${name}' is missing`;
  }
  const loaded = loadTarget(text, { file });
  if (!loaded.ok) return `bundled target '${name}' is invalid: ${loaded.diagnostics.map((d) => d.message).join(" ")}`;
  if (isGliaTarget(loaded.value)) return `bundled target '${name}' is a glia-core target; golden vectors are for LIF cores`;
  targetCache.set(name, loaded.value);
  return loaded.value;
}

/** Reads a per-neuron value: a number shared by all neurons or an array of one per neuron. */
function perNeuron(neuron: Json, field: string, n: number, fallback?: number): number[] | string {
  const value = neuron[field] ?? fallback;
  if (isInteger(value)) return new Array<number>(n).fill(value);
  if (Array.isArray(value) && value.length === n && value.every(isInteger)) return value as number[];
  return `neuron.${field} must be an integer or ${n} integers`;
}

function matrix(value: unknown, rows: number, columns: number, what: string): number[][] | string {
  if (!Array.isArray(value) || value.length !== rows) return `${what} must have ${rows} rows`;
  for (const row of value) {
    if (!Array.isArray(row) || row.length !== columns || !row.every(isInteger)) return `${what} rows must hold ${columns} integers`;
  }
  return value as number[][];
}

function bitLength(x: number): number {
  let bits = 0;
  while (2 ** bits <= x) bits++;
  return bits;
}

/** One synapse before it is placed into the core's CSR rows. */
interface SynapseEntry {
  readonly axon: number;
  readonly target: number;
  readonly mantissa: number;
  readonly format: number;
  readonly delay: number;
}

/**
 * Builds the HwConfig of a case (one core; axon a = source a, sources numbered neurons first,
 * then input lines; every source routes to its own axon).
 *  - Brian2Loihi: refractory r holds v for r - 1 steps; each projection's (sign_mode, w_exp,
 *    num_weight_bits) is a synapse format; "pre": "input" rows are input lines, "neurons" rows
 *    recurrent compartments; initial u is carried into step 0 (the target's "carry").
 *  - Lava: per-neuron bias mantissa and exponent; no refractory; initial u and v decay at step 0.
 *    `activation_in` [step, neuron, a] becomes spikes on input lines whose effective weights
 *    sum to a·64 (see activationLines).
 */
export function loadGoldenCase(json: unknown): GoldenLoad {
  const failWith = (reason: string): GoldenLoad => ({ ok: false, reason });
  if (!isGoldenCase(json)) return failWith("the file is not a golden case (needs id, source, steps, neuron and expected u, v, spikes)");
  const c = json as Json & { id: string; source: string; steps: number; neuron: Json; expected: Json };
  const choice = GOLDEN_TARGETS.find((g) => c.source.startsWith(g.sourcePrefix));
  if (choice === undefined) return failWith(`source '${c.source}' has no target variant (known: ${GOLDEN_TARGETS.map((g) => g.sourcePrefix).join(", ")})`);
  const target = bundledTarget(choice.target);
  if (typeof target === "string") return failWith(target);
  const sem = target.neuron;
  const n = c.neuron.n;
  const steps = c.steps;
  if (!isInteger(n) || n < 1) return failWith("neuron.n must be a positive integer");

  // Compartment parameters.
  const du = perNeuron(c.neuron, "du", n);
  const dv = perNeuron(c.neuron, "dv", n);
  const vth = perNeuron(c.neuron, "vth_mant", n);
  const biasMant = perNeuron(c.neuron, "bias_mant", n, 0);
  const biasExp = perNeuron(c.neuron, "bias_exp", n, 0);
  for (const p of [du, dv, vth, biasMant, biasExp]) if (typeof p === "string") return failWith(p);
  const [duV, dvV, vthV, bmV, beV] = [du, dv, vth, biasMant, biasExp] as number[][];
  const refractoryField = c.neuron.refractory;
  let hold: number[];
  if (refractoryField === null || refractoryField === undefined) hold = new Array<number>(n).fill(0);
  else {
    const r = perNeuron(c.neuron, "refractory", n);
    if (typeof r === "string") return failWith(r);
    if (r.some((x) => x < 1)) return failWith("neuron.refractory must be at least 1 (Brian2Loihi's minimum)");
    hold = r.map((x) => x - 1); // Brian2Loihi: refractory r holds v during the r - 1 steps after the spike
  }
  // The case states some effective values; they must agree with the target's conventions.
  for (const [field, registerValues, offset] of [["du_eff", duV, sem.decay.currentOffset], ["dv_eff", dvV, sem.decay.voltageOffset]] as const) {
    if (c.neuron[field] === undefined) continue;
    const eff = perNeuron(c.neuron, field, n);
    if (typeof eff === "string") return failWith(eff);
    if (eff.some((x, i) => x !== registerValues[i] + offset)) return failWith(`neuron.${field} disagrees with ${choice.target}'s decay offset ${offset}`);
  }
  if (c.neuron.vth_eff !== undefined && vthV.some((m) => effectiveThreshold(m, sem.threshold.shift) !== c.neuron.vth_eff)) {
    return failWith(`neuron.vth_eff disagrees with vth_mant << ${sem.threshold.shift}`);
  }
  if (c.neuron.bias_eff !== undefined) {
    const eff = perNeuron(c.neuron, "bias_eff", n);
    if (typeof eff === "string") return failWith(eff);
    if (eff.some((x, i) => x !== effectiveBias(bmV[i], beV[i]))) return failWith("neuron.bias_eff disagrees with bias_mant << bias_exp");
  }
  const initial = isObject(c.initial) ? c.initial : {};
  const u0 = perNeuron(initial, "u", n, 0);
  const v0 = perNeuron(initial, "v", n, 0);
  if (typeof u0 === "string" || typeof v0 === "string") return failWith("initial.u and initial.v must hold one integer per neuron");

  // Expectations.
  const u = matrix(c.expected.u, n, steps, "expected.u");
  const v = matrix(c.expected.v, n, steps, "expected.v");
  if (typeof u === "string") return failWith(u);
  if (typeof v === "string") return failWith(v);
  let vPreReset: number[][] | undefined;
  if (c.expected.v_pre_reset !== undefined) {
    const m = matrix(c.expected.v_pre_reset, n, steps, "expected.v_pre_reset");
    if (typeof m === "string") return failWith(m);
    vPreReset = m;
  }
  const spikes = c.expected.spikes as unknown[];
  if (!spikes.every((s) => Array.isArray(s) && s.length === 2 && s.every(isInteger))) return failWith("expected.spikes must be [step, neuron] pairs");

  // Synapses, formats, input lines.
  const formats: SynapseFormat[] = [];
  const formatIndex = (format: SynapseFormat): number => {
    const found = formats.findIndex((f) => f.signMode === format.signMode && f.weightBits === format.weightBits && f.exponent === format.exponent && f.channel === format.channel);
    if (found >= 0) return found;
    formats.push(format);
    return formats.length - 1;
  };
  const entries: SynapseEntry[] = [];
  const buildMismatches: GoldenMismatch[] = [];
  const inputSpikes: [number, number][] = [];
  let lineCount = 0;

  const input = c.input;
  if (isObject(input)) {
    if (!isInteger(input.n_sources) || input.n_sources < 0) return failWith("input.n_sources must be a non-negative integer");
    lineCount = input.n_sources;
    for (const s of (input.spikes ?? []) as unknown[]) {
      if (!Array.isArray(s) || s.length !== 2 || !s.every(isInteger) || s[1] < 0 || s[1] >= lineCount) return failWith("input.spikes must be [step, source] pairs");
      inputSpikes.push([s[0], s[1]]);
    }
  }
  const projections = (c.projections ?? []) as unknown[];
  for (const [p, projection] of projections.entries()) {
    if (!isObject(projection)) return failWith(`projections[${p}] must be an object`);
    const { pre, sign_mode: signMode, w_exp: exponent, num_weight_bits: weightBits, delay } = projection;
    if (pre !== "input" && pre !== "neurons") return failWith(`projections[${p}].pre must be "input" or "neurons"`);
    if (signMode !== "mixed" && signMode !== "excitatory" && signMode !== "inhibitory") return failWith(`projections[${p}].sign_mode is unknown`);
    if (!isInteger(exponent) || !isInteger(weightBits) || !isInteger(delay) || delay < 0 || delay > 255) {
      return failWith(`projections[${p}] needs integer w_exp, num_weight_bits and a delay in 0..255`);
    }
    const format: SynapseFormat = { signMode, weightBits, exponent, channel: 0 };
    const f = formatIndex(format);
    for (const s of (projection.synapses ?? []) as unknown[]) {
      if (!Array.isArray(s) || s.length < 3 || !s.every(isInteger)) return failWith(`projections[${p}].synapses must be [pre, post, w_mant, w_eff] lists`);
      const [from, to, mantissa, weff] = s as number[];
      const sources = pre === "input" ? lineCount : n;
      if (from < 0 || from >= sources || to < 0 || to >= n) return failWith(`projections[${p}] has a synapse outside its populations`);
      entries.push({ axon: pre === "input" ? n + from : from, target: to, mantissa, format: f, delay });
      const got = effectiveWeight(mantissa, format, sem.weight);
      if (weff !== undefined && got !== weff) buildMismatches.push({ step: -1, neuron: to, variable: "w_eff", expected: weff, got });
    }
  }

  if (c.activation_in !== undefined) {
    const added = activationLines(c.activation_in, n, steps, lineCount, sem.weight, formatIndex);
    if (typeof added === "string") return failWith(added);
    entries.push(...added.entries);
    inputSpikes.push(...added.spikes);
    lineCount += added.lineCount;
  }

  // One core: CSR rows by axon (axon = source).
  const sourceCount = n + lineCount;
  entries.sort((a, b) => a.axon - b.axon);
  const rowStart = new Int32Array(sourceCount + 1);
  for (const e of entries) rowStart[e.axon + 1]++;
  for (let a = 0; a < sourceCount; a++) rowStart[a + 1] += rowStart[a];
  inputSpikes.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const all = Int32Array.from({ length: n }, (_, i) => i);

  const config: HwConfig = {
    format: HWCONFIG_FORMAT,
    target: { name: target.name, version: target.version },
    network: { name: c.id, hash: `golden:${c.id}` },
    semantics: sem,
    dtMs: 1,
    steps,
    seed: 0,
    cores: [
      {
        index: 0,
        compartments: {
          count: n,
          du: Int32Array.from(duV),
          dv: Int32Array.from(dvV),
          vthMant: Int32Array.from(vthV),
          biasMant: Int32Array.from(bmV),
          biasExp: Int32Array.from(beV),
          refractory: Int32Array.from(hold),
          u0: Int32Array.from(u0),
          v0: Int32Array.from(v0),
        },
        formats,
        synapses: {
          axonCount: sourceCount,
          rowStart,
          target: Int32Array.from(entries, (e) => e.target),
          mantissa: Int32Array.from(entries, (e) => e.mantissa),
          format: Uint8Array.from(entries, (e) => e.format),
          delay: Uint8Array.from(entries, (e) => e.delay),
        },
      },
    ],
    routes: {
      sourceCount,
      rowStart: Int32Array.from({ length: sourceCount + 1 }, (_, i) => i),
      core: new Int32Array(sourceCount),
      axon: Int32Array.from({ length: sourceCount }, (_, i) => i),
    },
    inputs: { lineCount, spikeSteps: Int32Array.from(inputSpikes, (s) => s[0]), spikeLines: Int32Array.from(inputSpikes, (s) => s[1]) },
    symbols: [
      { id: "neurons", kind: "population", size: n, core: new Int32Array(n), local: all },
      { id: "input", kind: "input", size: lineCount, core: new Int32Array(lineCount).fill(-1), local: Int32Array.from({ length: lineCount }, (_, i) => i) },
    ],
    scales: [
      { population: "neurons", variable: "v", unit: "raw", scale: 1, offset: 0 },
      { population: "neurons", variable: "i_syn", unit: "raw", scale: 1, offset: 0 },
    ],
    record: [{ population: "neurons", spikes: true, state: ["v", "i_syn"], neurons: all }],
  };
  return {
    ok: true,
    value: {
      id: c.id,
      source: c.source,
      target: choice.target,
      config,
      neurons: n,
      steps,
      expected: { u, v, ...(vPreReset !== undefined ? { vPreReset } : {}), spikes: spikes as [number, number][] },
      buildMismatches,
    },
  };
}

/**
 * Lava's `activation_in` [step, neuron, a] is an already-summed activation that adds a·64 to u
 * at that step (a_in << 6). We express it with ordinary synapses so that the emulator runs
 * unchanged: each neuron gets, per sign, input lines of weight ±2^j·64 for the binary digits
 * j = 0..top-1 (mantissa ±2^(j-e), exponent e = max(0, j-7), so the mantissa fits 8 bits), plus
 * as many copies of the top digit's line as the largest |a| needs (none beyond one for
 * |a| < 2^15). At step s the lines of the set bits of |a| fire, on the side of a's sign; the
 * effective weights (exponent ≥ 0: exact, no rounding) then sum to exactly a·64, and each line
 * fires at most once per step. Every entry's sum is checked here.
 */
function activationLines(
  value: unknown,
  n: number,
  steps: number,
  firstLine: number,
  weight: Target["neuron"]["weight"],
  formatIndex: (format: SynapseFormat) => number,
): { entries: SynapseEntry[]; spikes: [number, number][]; lineCount: number } | string {
  if (!Array.isArray(value)) return "activation_in must be a list of [step, neuron, a]";
  const summed = new Map<string, { step: number; neuron: number; a: number }>();
  for (const item of value) {
    if (!Array.isArray(item) || item.length !== 3 || !item.every(isInteger)) return "activation_in must be a list of [step, neuron, a]";
    const [step, neuron, a] = item as number[];
    if (step < 0 || step >= steps || neuron < 0 || neuron >= n) return `activation_in entry [${step}, ${neuron}, ${a}] is outside the case`;
    const key = `${step}:${neuron}`;
    const entry = summed.get(key) ?? { step, neuron, a: 0 };
    entry.a += a;
    summed.set(key, entry);
  }
  const largest = [...summed.values()].reduce((m, e) => Math.max(m, Math.abs(e.a)), 0);
  const digitsWanted = Math.max(1, bitLength(largest));
  const top = Math.min(digitsWanted - 1, weight.mantissaBits - 1 + weight.exponentMax); // the highest digit; it may need copies
  if (top < 0) return "the target's weights cannot express activations";
  const topCopies = [...summed.values()].reduce((m, e) => Math.max(m, Math.floor(Math.abs(e.a) / 2 ** top)), 1);
  const linesPerSign = top + topCopies; // digits 0..top-1, then topCopies lines of digit top
  const digitOfLine = (k: number) => Math.min(k, top);

  const entries: SynapseEntry[] = [];
  const lineOf = (neuron: number, negative: boolean, k: number) => firstLine + (neuron * 2 + (negative ? 1 : 0)) * linesPerSign + k;
  const weights: number[][] = [[], []];
  for (const negative of [false, true]) {
    for (let k = 0; k < linesPerSign; k++) {
      const j = digitOfLine(k);
      const exponent = Math.max(0, j - (weight.mantissaBits - 1));
      const magnitude = 2 ** (j - exponent);
      const format: SynapseFormat = { signMode: negative ? "inhibitory" : "excitatory", weightBits: weight.mantissaBits, exponent, channel: 0 };
      const f = formatIndex(format);
      const mantissa = negative ? -magnitude : magnitude;
      weights[negative ? 1 : 0].push(effectiveWeight(mantissa, format, weight));
      for (let neuron = 0; neuron < n; neuron++) {
        entries.push({ axon: n + lineOf(neuron, negative, k), target: neuron, mantissa, format: f, delay: 0 });
      }
    }
  }
  const spikes: [number, number][] = [];
  for (const { step, neuron, a } of summed.values()) {
    if (a === 0) continue;
    const negative = a < 0;
    const magnitude = Math.abs(a);
    let sum = 0;
    const fire = (k: number) => {
      spikes.push([step, lineOf(neuron, negative, k)]);
      sum += weights[negative ? 1 : 0][k];
    };
    const copies = Math.floor(magnitude / 2 ** top);
    const rest = magnitude - copies * 2 ** top;
    for (let j = 0; j < top; j++) if (Math.floor(rest / 2 ** j) % 2 === 1) fire(j);
    for (let k = 0; k < copies; k++) fire(top + k);
    if (sum !== a * 2 ** weight.shift) return `activation ${a} of neuron ${neuron} at step ${step} cannot be expressed exactly (weights sum to ${sum})`;
  }
  return { entries, spikes, lineCount: n * 2 * linesPerSign };
}

/** Runs a loaded case and compares u, v, the pre-reset v and spikes at every step; the first difference wins. */
export function replayGoldenCase(golden: GoldenCase, options: { readonly interpreter?: "fast" | "scalar" } = {}): GoldenOutcome {
  const base = { id: golden.id, target: golden.target };
  if (golden.buildMismatches.length > 0) return { ...base, passed: false, mismatch: golden.buildMismatches[0] };
  const run = options.interpreter === "scalar" ? interpretScalar : emulate;
  const result: EmulationResult = run(golden.config, { recordPreReset: true });
  const population = result.recording.populations.find((p) => p.id === "neurons");
  const trace = (variable: string) => population?.traces.find((t) => t.variable === variable)?.raw;
  const gotU = trace("i_syn");
  const gotV = trace("v");
  const gotPre = trace("v_pre_reset");
  const train = population?.spikes;
  if (gotU === undefined || gotV === undefined || gotPre === undefined || train === undefined) {
    return { ...base, passed: false, mismatch: { step: 0, neuron: 0, variable: "u", expected: Number.NaN, got: Number.NaN } };
  }
  const expectedSpike = new Set(golden.expected.spikes.map(([s, i]) => s * golden.neurons + i));
  const gotSpike = new Set(Array.from(train.step, (s, k) => s * golden.neurons + train.neuron[k]));
  const { u, v, vPreReset } = golden.expected;
  for (let t = 0; t < golden.steps; t++) {
    for (let i = 0; i < golden.neurons; i++) {
      const checks: [GoldenMismatch["variable"], number | undefined, number][] = [
        ["u", u[i][t], gotU[i][t]],
        ["v_pre_reset", vPreReset?.[i][t], gotPre[i][t]],
        ["v", v[i][t], gotV[i][t]],
        ["spike", expectedSpike.has(t * golden.neurons + i) ? 1 : 0, gotSpike.has(t * golden.neurons + i) ? 1 : 0],
      ];
      for (const [variable, expected, got] of checks) {
        if (expected !== undefined && expected !== got) return { ...base, passed: false, mismatch: { step: t, neuron: i, variable, expected, got } };
      }
    }
  }
  return { ...base, passed: true };
}

/** One file of a replayed folder. */
export type GoldenFileResult =
  | { readonly file: string; readonly kind: "case"; readonly outcome: GoldenOutcome }
  | { readonly file: string; readonly kind: "invalid"; readonly reason: string }
  | { readonly file: string; readonly kind: "skipped"; readonly reason: string };

/**
 * Replays every *.json case in `folder`, in file-name order. Files that are not cases (by their
 * fields) are "skipped"; files that look like cases but cannot be built are "invalid" (a failure).
 */
export async function replayGoldenFolder(
  folder: string,
  options: { readonly interpreter?: "fast" | "scalar" } = {},
): Promise<{ readonly ok: true; readonly files: readonly GoldenFileResult[] } | { readonly ok: false; readonly reason: string }> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => name.endsWith(".json")).sort();
  } catch (error) {
    return { ok: false, reason: `cannot read folder '${folder}': ${error instanceof Error ? error.message : String(error)}` };
  }
  const files: GoldenFileResult[] = [];
  for (const file of names) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(join(folder, file), "utf8"));
    } catch {
      files.push({ file, kind: "skipped", reason: "not valid JSON" });
      continue;
    }
    if (!isGoldenCase(json)) {
      files.push({ file, kind: "skipped", reason: "not a golden case" });
      continue;
    }
    const loaded = loadGoldenCase(json);
    if (!loaded.ok) files.push({ file, kind: "invalid", reason: loaded.reason });
    else files.push({ file, kind: "case", outcome: replayGoldenCase(loaded.value, options) });
  }
  return { ok: true, files };
}

/** One line per case: "PASS id (target)" or "FAIL id (target): step s, neuron i, v: expected x, got y". */
export function formatGoldenLine(result: GoldenFileResult): string {
  if (result.kind === "skipped") return `SKIP ${result.file}: ${result.reason}`;
  if (result.kind === "invalid") return `FAIL ${result.file}: ${result.reason}`;
  const { id, target, passed, mismatch } = result.outcome;
  if (passed) return `PASS ${id} (${target})`;
  if (mismatch === undefined) return `FAIL ${id} (${target})`;
  const where = mismatch.step < 0 ? `before step 0, synapse onto neuron ${mismatch.neuron}` : `step ${mismatch.step}, neuron ${mismatch.neuron}`;
  return `FAIL ${id} (${target}): ${where}, ${mismatch.variable}: expected ${mismatch.expected}, got ${mismatch.got}`;
}

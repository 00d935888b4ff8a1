// The learning engines against hand computation and closed forms: one pre–post pair with
// toward-zero traces (the exact trace value and the mantissa step), the STDP window over Δt,
// reproducible stochastic rounding, weight dumps, event counts, and an untouched config.
import { describe, expect, it } from "vitest";
import { emulate, Emulator } from "../../src/emulator/emulator.js";
import { interpretScalar } from "../../src/emulator/scalar.js";
import type { HwConfig } from "../../src/hw/types.js";
import type { Elaborated, ElaboratedPlasticity } from "../../src/ir/elaborated.js";
import { explicit, loihi, mustCompile, population, spikeInput, targetWith } from "../passes/helpers.js";
import { plastic, rule } from "./learning-build.js";

/** Toward-zero traces and floor writes: every step of the arithmetic is deterministic. */
const deterministic = () => targetWith({ learning: { trace: { rounding: "toward-zero" }, rounding: "floor" } });

/**
 * x (one line, plastic onto p) spikes at `preMs`, y (static, strong) makes p spike at `postMs`
 * (its input arrives in u at postMs − 1, v crosses one step later); p is refractory for 30 ms, so
 * it spikes once. dt = 1 ms.
 */
function pair(preMs: number, postMs: number, spec: Partial<ElaboratedPlasticity>): Elaborated {
  return plastic(
    {
      run: { dt: 1, duration: 12, seed: 3 },
      populations: [population("p", 1, { tau_ref: 30 })],
      inputs: [spikeInput("x", [[preMs]]), spikeInput("y", [[postMs - 1]])],
      projections: [explicit("x_p", "x", "p", [[0, 0]], { weight: 4 }), explicit("y_p", "y", "p", [[0, 0]], { weight: 200 })],
      record: [{ population: "p" }],
    },
    [{ projection: "x_p", rule: rule({ wMax: 10, aPlus: 0.2, aMinus: 0.2, ...spec }) }],
  );
}

const rawAt = (result: ReturnType<typeof emulate>, step: number): number[] =>
  Array.from(result.recording.weights![0].snapshots.find((s) => s.step === step)!.raw!);

describe("one pre–post pair, computed by hand", () => {
  // impulse 2^(7−2) = 32, d = round(4096·(1 − e^{−1/20})) = 200, x ← x − ⌊x·200/4096⌋:
  // 32 → 32 − ⌊1.5625⌋ = 31 → 31 − ⌊1.5137⌋ = 30 → 30 − ⌊1.4648⌋ = 29 → 29 − ⌊1.4160⌋ = 28 → 28 − ⌊1.3672⌋ = 27.
  const traceAfter5 = 27;

  it("potentiation: pre at step 2, post at step 7 sees the trace 27; the write floors aPlus·27/2^8", () => {
    const config = mustCompile(pair(2, 7, { aMinus: 0 }), deterministic(), { learningEpoch: 1 });
    const p = config.learning!.projections[0];
    expect(p.traceImpulse).toBe(32);
    expect(p.traceDecayPre).toBe(200);
    for (const run of [emulate(config, { weightSteps: [6, 7] }), interpretScalar(config, { weightSteps: [6, 7] })]) {
      expect(Array.from(run.recording.populations[0].spikes!.step)).toEqual([7]);
      const before = rawAt(run, 6)[0];
      expect(before).toBe(Math.round(4 / p.weightPerMantissa));
      expect(rawAt(run, 7)[0]).toBe(before + Math.floor((p.aPlus * traceAfter5) / 256));
      expect(rawAt(run, 11)[0]).toBe(rawAt(run, 7)[0]);
    }
    // the rate is large enough that one trace LSB moves the result: 26 or 28 would give another step
    expect(Math.floor((p.aPlus * 26) / 256)).not.toBe(Math.floor((p.aPlus * 27) / 256));
  });

  it("depression: post at step 2, pre at step 7 sees the post trace 27; the write floors a negative sum", () => {
    const config = mustCompile(pair(7, 2, { aPlus: 0 }), deterministic(), { learningEpoch: 1 });
    const p = config.learning!.projections[0];
    expect(p.traceDecayPost).toBe(200);
    for (const run of [emulate(config, { weightSteps: [6, 7] }), interpretScalar(config, { weightSteps: [6, 7] })]) {
      expect(Array.from(run.recording.populations[0].spikes!.step)).toEqual([2]);
      const before = rawAt(run, 6)[0];
      expect(rawAt(run, 7)[0]).toBe(before + Math.floor((-p.aMinus * traceAfter5) / 256));
    }
  });

  it("an epoch of 4 writes the same step at the end of step 7 (7 + 1 = 8 ≡ 0 mod 4), nothing before", () => {
    const config = mustCompile(pair(2, 7, { aMinus: 0 }), deterministic(), { learningEpoch: 4 });
    const p = config.learning!.projections[0];
    const run = emulate(config, { weightSteps: [3, 7] });
    const start = Math.round(4 / p.weightPerMantissa);
    expect(rawAt(run, 3)[0]).toBe(start);
    expect(rawAt(run, 7)[0]).toBe(start + Math.floor((p.aPlus * traceAfter5) / 256));
  });

  it("μ+ = 1 scales by (max − |m|)/(max − min), truncated", () => {
    const config = mustCompile(pair(2, 7, { aMinus: 0, muPlus: 1 }), deterministic(), { learningEpoch: 1 });
    const p = config.learning!.projections[0];
    const start = Math.round(4 / p.weightPerMantissa);
    const delta = Math.trunc((p.aPlus * traceAfter5 * (p.magnitudeMax - start)) / (p.magnitudeMax - p.magnitudeMin));
    expect(rawAt(interpretScalar(config, { weightSteps: [7] }), 7)[0]).toBe(start + Math.floor(delta / 256));
    expect(rawAt(emulate(config, { weightSteps: [7] }), 7)[0]).toBe(start + Math.floor(delta / 256));
  });
});

/**
 * Ten pre lines onto one neuron, inhibitory (so they can never make it fire early); line i spikes
 * Δ_i = i + 1 steps before (or after) p, every T = 64 steps, and the epoch is T: one write per pair.
 */
function window(side: "potentiation" | "depression", pairs: number, seed: number): { config: HwConfig; deltas: number[]; start: number } {
  const T = 64;
  const deltas = Array.from({ length: 10 }, (_, i) => i + 1);
  const postSteps = Array.from({ length: pairs }, (_, n) => (n + 1) * T);
  const pre = deltas.map((d) => postSteps.map((s) => (side === "potentiation" ? s - d : s + d)));
  const start = side === "potentiation" ? 0.5 : 9;
  const input = plastic(
    {
      run: { dt: 1, duration: (pairs + 1) * T + 20, seed },
      populations: [population("p", 1, { tau_ref: 30 })],
      inputs: [spikeInput("x", pre), spikeInput("y", [postSteps.map((s) => s - 1)])],
      projections: [
        explicit("x_p", "x", "p", deltas.map((_, i) => [i, 0] as const), { weight: start, sign: "inhibitory" }),
        explicit("y_p", "y", "p", [[0, 0]], { weight: 1000 }),
      ],
      record: [{ population: "p" }],
    },
    [{ projection: "x_p", rule: rule({ wMax: 10, aPlus: side === "potentiation" ? 0.06 : 0, aMinus: side === "depression" ? 0.06 : 0 }) }],
  );
  return { config: mustCompile(input, loihi(), { learningEpoch: T }), deltas, start };
}

describe("the STDP window", () => {
  it.each(["potentiation", "depression"] as const)("%s: Δ|w| over Δt follows a·R·Σ_m e^{−(Δt + mT)/τ} within quantisation tolerance", (side) => {
    const pairs = 12;
    const T = 64;
    const { config, deltas, start } = window(side, pairs, 11);
    const p = config.learning!.projections[0];
    const result = emulate(config);
    expect(Array.from(result.recording.populations[0].spikes!.step)).toEqual(Array.from({ length: pairs }, (_, n) => (n + 1) * T));
    const final = result.recording.weights![0].snapshots.at(-1)!.raw!;
    const first = Math.round(start / p.weightPerMantissa);
    const rate = side === "potentiation" ? p.aPlus : p.aMinus;
    const decay = side === "potentiation" ? p.traceDecayPre : p.traceDecayPost;
    // Stochastic rounding is unbiased; what is left is its spread: each write rounds up or down
    // (variance ≤ ¼ mantissa²), each trace decay likewise (≤ ¼ LSB² per step, ≪ a mantissa here).
    const spread = 4 * Math.sqrt(pairs * 0.25 + 1);
    const measured: number[] = [];
    deltas.forEach((d, i) => {
      // Pair n sees its own spike and the n earlier ones of the same line (all_to_all traces).
      let floatWeight = 0; // a·R·Σ e^{−(Δt + mT)/τ}, weight units (the continuous window)
      let realised = 0; // the same with the realised rate and decay factor, mantissas
      for (let n = 0; n < pairs; n++) {
        for (let m = 0; m <= n; m++) {
          floatWeight += 0.06 * 10 * Math.exp(-(d + m * T) / 20);
          realised += (rate * p.traceImpulse * (1 - decay / 4096) ** (d + m * T)) / 256;
        }
      }
      const change = (side === "potentiation" ? 1 : -1) * (Math.abs(final[i]) - first);
      measured.push(change);
      expect(Math.abs(change - realised), `Δt = ${d}`).toBeLessThanOrEqual(spread);
      // and the realised constants are within 2 % of the requested window
      expect(Math.abs(realised * p.weightPerMantissa - floatWeight), `Δt = ${d}`).toBeLessThanOrEqual(0.02 * floatWeight);
    });
    expect(measured[0]).toBeGreaterThan(measured[9] * 1.4); // e^{9/20} = 1.57
  });
});

describe("stochastic rounding", () => {
  it("is reproducible run to run and engine to engine, and changes with the run seed", () => {
    const a = window("potentiation", 4, 11).config;
    const b = window("potentiation", 4, 12).config;
    const first = emulate(a).recording.weights![0].snapshots.at(-1)!.raw!;
    expect(emulate(a).recording.weights![0].snapshots.at(-1)!.raw).toEqual(first);
    expect(interpretScalar(a).recording.weights![0].snapshots.at(-1)!.raw).toEqual(first);
    expect(b.learning!.projections[0].seed).not.toBe(a.learning!.projections[0].seed);
    expect(emulate(b).recording.weights![0].snapshots.at(-1)!.raw).not.toEqual(first);
  });
});

describe("dumps, counts and the config", () => {
  it("dumps the asked steps plus the last, in weight units with bounds", () => {
    const config = mustCompile(pair(2, 7, { aMinus: 0 }), deterministic(), { learningEpoch: 1 });
    const p = config.learning!.projections[0];
    const weights = emulate(config, { weightSteps: [0, 5, 99] }).recording.weights!;
    expect(weights).toHaveLength(1);
    const w = weights[0];
    expect(w).toMatchObject({ projection: "x_p", unit: "mV (R·I)", weightPerRaw: p.weightPerMantissa });
    expect(w.bounds).toEqual([p.magnitudeMin * p.weightPerMantissa, p.magnitudeMax * p.weightPerMantissa]);
    expect(Array.from(w.pre)).toEqual([0]);
    expect(Array.from(w.post)).toEqual([0]);
    expect(w.snapshots.map((s) => s.step)).toEqual([0, 5, 11]);
    for (const s of w.snapshots) expect(Array.from(s.values)).toEqual(Array.from(s.raw!, (r) => r * p.weightPerMantissa));
  });

  it("counts trace updates, synapse updates and writes (the hand case: 2 increments, 9 + 4 decays, 1 + 1 updates, 1 write)", () => {
    const config = mustCompile(pair(2, 7, { aMinus: 0 }), deterministic(), { learningEpoch: 1 });
    // pre trace nonzero from step 3 to 11: 9 decays (toward zero it sticks at 20 or more);
    // post trace from step 8 to 11: 4 decays; increments: 1 pre + 1 post; updates: the pre spike
    // (depression, Δ 0) and the post spike; one write at step 7.
    const counts = emulate(config).counts;
    expect(counts).toMatchObject({ learningTraceUpdates: 2 + 9 + 4, learningSynapseUpdates: 2, weightWrites: 1 });
    expect(interpretScalar(config).counts).toEqual(counts);
  });

  it("never mutates the config", () => {
    const config = mustCompile(pair(2, 7, { aMinus: 0 }), deterministic(), { learningEpoch: 1 });
    const before = config.cores.map((c) => Array.from(c.synapses.mantissa));
    emulate(config);
    interpretScalar(config);
    expect(config.cores.map((c) => Array.from(c.synapses.mantissa))).toEqual(before);
  });
});

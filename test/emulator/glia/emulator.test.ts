/**
 * Whole-step behaviour of the glia-core engines on hand-built configs, each expectation derived
 * in the comments: the gate opens at a check step and holds holdSteps + 1 steps, the window
 * and the strict Ca threshold, every synapse effect in I_syn, graded gates, saturation counts,
 * diffusion order. Each case runs both engines and expects the same result from each.
 */
import { describe, expect, it } from "vitest";
import type { GliaAstroGroup, GliaConfig, GliaProjection } from "../../../src/hw/glia-config.js";
import { emulateGlia } from "../../../src/emulator/glia-emulator.js";
import { interpretGliaScalar } from "../../../src/emulator/glia-scalar.js";
import type { GliaEmulationResult } from "../../../src/emulator/glia-recording.js";
import { gliaConfig, neuronGroup, SEMANTICS } from "./build.js";
import { gradingOf } from "./random-config.js";

const C = SEMANTICS.constantFrac;
const GAIN = SEMANTICS.effects.gainBits; // 12
const ONE = 2 ** GAIN;

/** Both engines; they must agree, and the fast one's result is returned. */
function run(config: GliaConfig): GliaEmulationResult {
  const fast = emulateGlia(config);
  const slow = interpretGliaScalar(config);
  expect(fast.recording).toEqual(slow.recording);
  expect(fast.glia).toEqual(slow.glia);
  return fast;
}

const traceOf = (result: GliaEmulationResult, population: string, variable: string, k = 0): number[] =>
  Array.from(result.recording.populations.find((p) => p.id === population)?.traces.find((t) => t.variable === variable)?.raw?.[k] ?? []);

/** A reduced astrocyte whose state never moves (all rates 0) so that Ca stays at ca0. */
function frozenAstrocyte(parts: Partial<GliaAstroGroup> = {}): GliaAstroGroup {
  return {
    id: "a",
    model: "reduced",
    offset: 0,
    size: 1,
    frac: 10,
    periodSteps: 1,
    constants: { kDrive: 0, kIp3: 0, kCa: 0, kGain: 0, ip3Rest: 0, caRest: 0, ip3Threshold: 0 },
    luts: {},
    ca0: Int32Array.of(200),
    h0: Int32Array.of(1024),
    ip30: Int32Array.of(0),
    sweep: Int32Array.of(0),
    territory: { populationOffset: 0, rowStart: Int32Array.of(0, 1), neuron: Int32Array.of(0), ownerOf: Int32Array.of(0, -1), ownerRule: "last" },
    gate: { caThreshold: 100, minCoincident: 1, windowSteps: 5, checkSteps: 4, holdSteps: 7 },
    ...parts,
  };
}

/**
 * Neuron 0 starts at 29.5 mV (frac 4: 472): step 0 gives dV = 0.1·(0.04·870.25 + 147.5 + 140) ≈ 32 mV,
 * clamped to the peak, so it spikes in step 0 and, reset at step 1 with no input, never again in
 * 20 steps. Neuron 1 rests at −70 mV.
 */
function gateConfig(astro: GliaAstroGroup, projection?: GliaProjection, lineSteps: number[] = []): GliaConfig {
  const group = neuronGroup("p", 0, 2, { frac: 4 });
  const v0 = Int32Array.of(472, -1120);
  return gliaConfig({
    steps: 20,
    neurons: [{ ...group, v0 }],
    astrocytes: [astro],
    projections: projection !== undefined ? [projection] : [],
    inputs: {
      lineCount: 1,
      spikeSteps: Int32Array.from(lineSteps),
      spikeLines: new Int32Array(lineSteps.length),
      symbols: [{ id: "line", offset: 0, size: 1, external: false }],
    },
    record: [
      { population: "p", spikes: true, state: ["v", "i_syn"], neurons: Int32Array.of(0, 1) },
      { population: "a", spikes: false, state: ["gate", "ca"], neurons: new Int32Array(0) },
    ],
  });
}

describe("gate timing", () => {
  it("opens at the first check step whose window holds the spike and stays on holdSteps + 1 steps", () => {
    const result = run(gateConfig(frozenAstrocyte()));
    expect(result.recording.populations[0].spikes?.step).toEqual(Int32Array.of(0));
    // checks at s = 3, 7, 11, … ((s + 1) % 4 == 0); s = 3 sees steps −2 … 3 ∋ 0, so A = 1 on steps 3 … 3 + 7
    const expected = Array.from({ length: 20 }, (_, s) => (s >= 3 && s <= 10 ? ONE : 0));
    expect(traceOf(result, "a", "gate")).toEqual(expected);
  });

  it("misses a spike outside the window", () => {
    // windowSteps 2: the check at s = 3 looks at steps 1 … 3 only
    const result = run(gateConfig(frozenAstrocyte({ gate: { caThreshold: 100, minCoincident: 1, windowSteps: 2, checkSteps: 4, holdSteps: 7 } })));
    expect(traceOf(result, "a", "gate")).toEqual(new Array(20).fill(0));
  });

  it("needs Ca strictly above the threshold", () => {
    const result = run(gateConfig(frozenAstrocyte({ ca0: Int32Array.of(100) })));
    expect(traceOf(result, "a", "gate")).toEqual(new Array(20).fill(0));
  });
});

describe("synapse effects in I_syn", () => {
  // line 0 → neuron 1, weightFrac 14, w0 = round(0.025·2^14) = 410, S = 2^15 for a line spike, eRev = 0:
  // I_syn = (w·2^15·(0 − V)) >> 29 = floor((w·(−V) + 2^13) / 2^14) (half up) with V neuron 1's new V of that step.
  // Line spikes at step 1 (A from the end of step 0: closed) and step 5 (A from the end of step 4: open).
  const projection = (delta: number): GliaProjection => ({
    id: "q",
    pre: { kind: "inputs", offset: 0, size: 1 },
    postOffset: 0,
    postSize: 2,
    eRev: 0,
    sigmoid: -1,
    sFrac: 15,
    weightFrac: 14,
    rowStart: Int32Array.of(0, 1),
    post: Int32Array.of(1),
    weight: Int32Array.of(410),
    astrocyte: Int32Array.of(0),
    delta: Int32Array.of(delta),
  });
  const check = (delta: number, effective: number, astro = frozenAstrocyte()) => {
    const result = run(gateConfig(astro, projection(delta), [1, 5]));
    const v = traceOf(result, "p", "v", 1);
    const iSyn = traceOf(result, "p", "i_syn", 1);
    const current = (w: number, vPost: number) => Math.floor((w * -vPost + 2 ** 13) / 2 ** 14);
    expect(iSyn[1]).toBe(current(410, v[1]));
    expect(iSyn[5]).toBe(current(effective, v[5]));
    expect(iSyn.filter((_, s) => s !== 1 && s !== 5).every((x) => x === 0)).toBe(true);
    expect(iSyn[5]).not.toBe(current(410, v[5]));
  };
  it("additive: w = w0 + ν (ν = 0.5 → 8192)", () => check(8192, 410 + 8192));
  it("multiplicative: w = w0·(1 + k) (k = 2 → delta 820)", () => check(820, 1230));
  it("suppressive: w = w0·(1 − k) (k = 0.5 → delta −205)", () => check(-205, 205));
  it("graded: A = (Ca − low)·reciprocal >> c", () => {
    // low 100, high 300, Ca 200: reciprocal = round(2^36 / 200) = 343597384; 100·343597384 = 34359738400,
    // / 2^24 = 2048.000002 → A = 2048 (one half); w = 410 + (8192·2048) >> 12 = 410 + 4096 (no remainder to round)
    const astro = frozenAstrocyte({ grading: gradingOf(100, 300, C, GAIN) });
    expect(astro.grading?.reciprocal).toBe(343597384);
    check(8192, 4506, astro);
  });
});

describe("I_syn in the current's own format", () => {
  // line 0 → neuron 0 (v0 = −70 mV), weight w = 410, S = 2^sFrac for a line spike at step 0, eRev = 0:
  // acc = 410·2^sFrac, I_syn = (acc·(0 − V)) >> (weightFrac + sFrac + frac − iFrac), V the neuron's new V of step 0
  const iSynConfig = (frac: number, iFrac: number, weightFrac: number, sFrac: number, weight = 410) =>
    gliaConfig({
      steps: 1,
      neurons: [neuronGroup("p", 0, 1, { frac, iFrac })],
      projections: [
        { id: "q", pre: { kind: "inputs", offset: 0, size: 1 }, postOffset: 0, postSize: 1, eRev: 0, sigmoid: -1, sFrac, weightFrac, rowStart: Int32Array.of(0, 1), post: Int32Array.of(0), weight: Int32Array.of(weight), astrocyte: new Int32Array(0), delta: new Int32Array(0) },
      ],
      inputs: { lineCount: 1, spikeSteps: Int32Array.of(0), spikeLines: Int32Array.of(0), symbols: [{ id: "line", offset: 0, size: 1, external: false }] },
      record: [{ population: "p", spikes: false, state: ["v", "i_syn"], neurons: new Int32Array(0) }],
    });
  it("shifts by weightFrac + sFrac + frac − iFrac: coarser (Q.11 under V's Q.15) and finer (Q.17)", () => {
    for (const [iFrac, shift] of [[11, 33], [17, 27]] as const) {
      const result = run(iSynConfig(15, iFrac, 14, 15));
      const [v] = traceOf(result, "p", "v");
      // 410·2^15·(−V) >> shift, half up: floor((410·(−V)·2^15 + 2^(shift − 1)) / 2^shift)
      expect(traceOf(result, "p", "i_syn")).toEqual([Math.floor((410 * -v * 2 ** 15 + 2 ** (shift - 1)) / 2 ** shift)]);
      // V ≈ −70 mV: I_syn ≈ 410/2^14·70 = 1.75 mV/ms, raw ≈ 1.75·2^iFrac
      expect(Math.abs(traceOf(result, "p", "i_syn")[0] / 2 ** iFrac - (410 / 2 ** 14) * (-v / 2 ** 15))).toBeLessThan(2 ** -iFrac);
      // the recorded value dequantizes with the current's own scale (the config states none)
      expect(result.recording.populations[0].traces.find((t) => t.variable === "i_syn")!.values[0][0]).toBe(traceOf(result, "p", "i_syn")[0] / 2 ** iFrac);
    }
  });
  it("shifts left, exactly, when the shift is negative", () => {
    // weight 3 in Q.2 (0.75), sFrac 0, frac 10, iFrac 14: shift 2 + 0 + 10 − 14 = −2, I_syn = 3·(0 − V)·4
    // (V ≈ −70·2^10: about 860 000, inside the 24-bit register; 0.75·70 = 52.5 mV/ms in Q.14)
    const result = run(iSynConfig(10, 14, 2, 0, 3));
    const [v] = traceOf(result, "p", "v");
    expect(v).toBeLessThan(-69 * 2 ** 10);
    expect(traceOf(result, "p", "i_syn")).toEqual([3 * -v * 4]);
  });
});

describe("saturation", () => {
  it("counts a V beyond the register and clamps it", () => {
    // stateBits 12 (max 2047), frac 6, V = 29.5 mV = 1888, vCentre = −62.5·64 = −4000: (V − vc)² = 5888² = 34668544,
    // >> 6 = 541696; 67109·541696 = 36352676864, k5 = 0; / 2^24 = 2166.79 → 2167; k140 = round(−1.625·64) = −104;
    // V' = 1888 + 2167 − 104 = 3951 → 2047 (counted), then the peak 1920
    const semantics = { ...SEMANTICS, neuron: { ...SEMANTICS.neuron, stateBits: 12 } };
    const group = neuronGroup("p", 0, 1, { frac: 6 });
    const config = gliaConfig({
      steps: 1,
      semantics,
      neurons: [{ ...group, v0: Int32Array.of(1888) }],
      record: [{ population: "p", spikes: true, state: ["v"], neurons: new Int32Array(0) }],
    });
    const result = run(config);
    expect(result.overflow["v.saturate"]).toBe(1);
    expect(traceOf(result, "p", "v")).toEqual([1920]);
    expect(result.counts.spikes).toBe(1);
  });
});

describe("diffusion order", () => {
  // two frozen astrocytes, neighbours of each other, d_ca = 0.5, Ca = [1000, 0], sweep 0 then 1:
  // Gauss–Seidel: a0: lap = 0 − 1000 → −500 → 500; a1 sees the new 500: lap = 500 → +250 → 250
  // Jacobi: a0 → 500; a1: lap = 1000 → +500 → 500
  const two = (order: "gauss-seidel" | "jacobi") =>
    frozenAstrocyte({
      size: 2,
      ca0: Int32Array.of(1000, 0),
      h0: Int32Array.of(1024, 1024),
      ip30: Int32Array.of(0, 0),
      sweep: Int32Array.of(0, 1),
      diffusion: { order, dCa: 2 ** (C - 1), dIp3: 0, rowStart: Int32Array.of(0, 1, 2), neighbour: Int32Array.of(1, 0) },
      territory: { populationOffset: 0, rowStart: Int32Array.of(0, 1, 1), neuron: Int32Array.of(0), ownerOf: Int32Array.of(0, -1), ownerRule: "last" },
    });
  const caAfterOneStep = (order: "gauss-seidel" | "jacobi") => {
    const config = { ...gateConfig(two(order)), steps: 1 };
    return Array.from(run(config).glia.ca);
  };
  it("updates in place in sweep order (Gauss–Seidel)", () => expect(caAfterOneStep("gauss-seidel")).toEqual([500, 250]));
  it("updates from the previous values (Jacobi)", () => expect(caAfterOneStep("jacobi")).toEqual([500, 500]));
});

describe("recording and progress", () => {
  it("dequantizes with the config's scale, else the register's own format", () => {
    const base = gateConfig(frozenAstrocyte());
    const config = { ...base, scales: [{ population: "p", variable: "v" as const, unit: "mV", scale: 16, offset: 0 }] };
    const result = emulateGlia(config);
    const v = result.recording.populations[0].traces.find((t) => t.variable === "v");
    expect(v?.scale).toBe(16);
    expect(Array.from(v?.values[0] ?? [])).toEqual(traceOf(result, "p", "v").map((x) => x / 16));
    // no scale for the gate: A in Q.gainBits, so an open gate reads 1.0
    const gate = result.recording.populations[1].traces.find((t) => t.variable === "gate");
    expect(gate?.scale).toBe(ONE);
    expect(gate?.values[0][3]).toBe(1);
  });

  it("reports progress up to the last step and honours a shorter run", () => {
    const calls: [number, number][] = [];
    const result = emulateGlia({ ...gateConfig(frozenAstrocyte()), steps: 2500 }, { onProgress: (done, total) => calls.push([done, total]), steps: 2100 });
    expect(calls).toEqual([
      [1000, 2100],
      [2000, 2100],
      [2100, 2100],
    ]);
    expect(result.recording.steps).toBe(2100);
    expect(result.recording.populations[0].traces[0].raw?.[0].length).toBe(2100);
  });
});

describe("closed loop", () => {
  // the synapse-effect config with its input line made external: a host that injects the line in
  // steps 1 and 5 (step 5 twice) must give exactly the run with those spikes scheduled
  const external = (config: GliaConfig): GliaConfig => ({
    ...config,
    inputs: { ...config.inputs, spikeSteps: new Int32Array(0), spikeLines: new Int32Array(0), symbols: [{ id: "line", offset: 0, size: 1, external: true }] },
  });
  const projection: GliaProjection = {
    id: "q",
    pre: { kind: "inputs", offset: 0, size: 1 },
    postOffset: 0,
    postSize: 2,
    eRev: 0,
    sigmoid: -1,
    sFrac: 15,
    weightFrac: 14,
    rowStart: Int32Array.of(0, 1),
    post: Int32Array.of(1),
    weight: Int32Array.of(410),
    astrocyte: new Int32Array(0),
    delta: new Int32Array(0),
  };

  it("equals scheduled spikes in both engines and reports each step's spikes", () => {
    const scheduled = gateConfig(frozenAstrocyte(), projection, [1, 5]);
    const loop = external(gateConfig(frozenAstrocyte(), projection));
    const seen: [number, number[]][] = [];
    const host = {
      beforeStep: (s: number, inject: (input: string, index: number) => void) => {
        if (s === 1 || s === 5) inject("line", 0);
        if (s === 5) inject("line", 0);
      },
      afterStep: (s: number, spikes: readonly { population: string; neurons: Int32Array }[]) => {
        if (spikes[0].neurons.length > 0) seen.push([s, Array.from(spikes[0].neurons)]);
      },
    };
    const expected = emulateGlia(scheduled);
    const fast = emulateGlia(loop, { host });
    expect(seen).toEqual([[0, [0]]]); // neuron 0's only spike (gateConfig's derivation)
    const slow = interpretGliaScalar(loop, { host: { beforeStep: host.beforeStep } });
    expect(fast.glia).toEqual(expected.glia);
    expect(slow.glia).toEqual(expected.glia);
    expect(fast.recording.populations).toEqual(slow.recording.populations);
    // and the injected spikes mattered: without them neuron 1 gets no synaptic current (its V
    // relaxes back to the same resting value either way)
    const without = emulateGlia(gateConfig(frozenAstrocyte(), projection));
    expect(traceOf(without, "p", "i_syn", 1).every((x) => x === 0)).toBe(true);
    expect(traceOf(expected, "p", "i_syn", 1).filter((x) => x !== 0).length).toBe(2);
  });

  it("refuses an injection into a scheduled input", () => {
    const config = gateConfig(frozenAstrocyte(), projection);
    expect(() => emulateGlia(config, { host: { beforeStep: (_s, inject) => inject("line", 0) } })).toThrow(/not external/);
    expect(() => interpretGliaScalar(config, { host: { beforeStep: (_s, inject) => inject("line", 0) } })).toThrow(/not external/);
  });
});

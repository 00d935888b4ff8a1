// lower-crossbar: device placement, ADC steps and level shifts by hand, the programmed states,
// seeded variation, and one scenario per TP309x code.
import { describe, expect, it } from "vitest";
import { effectiveWeight } from "../../src/targets/fixed.js";
import { readLevel } from "../../src/models/crossbar.js";
import { chooseLevelShift } from "../../src/passes/lower-crossbar.js";
import { compile } from "../../src/passes/pipeline.js";
import type { VteamParams } from "../../src/models/vteam.js";
import { allToAll, codesAndPaths, elaborated, loihi, population, spikeInput } from "./helpers.js";
import { crossbarTarget, lowerWith, plasticStub, twoByTwo } from "./crossbar-fixtures.js";

/** The digital effective weights of a config's synapses, core by core. */
const digitalWeights = (run: ReturnType<typeof lowerWith>) =>
  run.config.cores.map((core) => Array.from(core.synapses.mantissa, (m, i) => effectiveWeight(m, core.formats[core.synapses.format[i]], run.config.semantics.weight)));

describe("lower-crossbar", () => {
  it("leaves a config alone on a target without a crossbar", () => {
    const result = compile(elaborated(twoByTwo([1, 0.5, 0.25, 0.1])), loihi(), { verifyEach: true });
    expect(result.ok && result.value.crossbar).toBe(undefined);
    expect(result.reports.crossbar).toBeUndefined();
    expect(result.timings.map((t) => t.pass).at(-1)).toBe("lower-crossbar");
  });

  it("sizes the ADC by the largest weight: 704 → shift 3 (704/8 = 88 ≤ 127), I_lsb = 10 mV·195 µS/88", () => {
    const run = lowerWith(twoByTwo([1, 0.5, 0.25, 0.1]), crossbarTarget());
    // Loihi quantization of this network (quantize's report): mantissas 11, 5, 3, 1 at exponent 0, i.e. ·64
    expect(digitalWeights(run)).toEqual([[704, 320, 192, 64]]);
    const p = run.lowered.config.crossbar!.projections[0];
    expect(p.levelShift).toBe(3);
    expect(p.lsbCurrent).toBeCloseTo((0.01 * (1 / 5000 - 1 / 200000)) / 88, 20);
    expect(p.magnitudePerLevel).toBe(0);
    // levels 88, 40, 24, 8: every weight is a multiple of 8, so the crossbar realises them exactly
    expect(run.lowered.report?.weights[0]).toMatchObject({ requestedMaxAbs: 704, rangeMaxAbs: 704, realisedMaxAbs: 704, maxRelativeError: 0, readAsZero: 0, clampedDevices: 0 });
    expect(run.diagnostics.filter((d) => d.code.startsWith("TP309"))).toEqual([]);
  });

  it("programs G⁺ to the conductance of |w|/|w|max on the linear I–V and holds G⁻ at OFF", () => {
    const run = lowerWith(twoByTwo([1, 0.5, 0.25, 0.1]), crossbarTarget());
    const p = run.lowered.config.crossbar!.projections[0];
    expect(Array.from(p.sign)).toEqual([1, 1, 1, 1]);
    expect(Array.from(p.stateMinus)).toEqual([3e-9, 3e-9, 3e-9, 3e-9]);
    expect(p.statePlus[0]).toBe(0); // the largest weight: ON exactly
    // 320/704 of the range: G = 5 µS + 195 µS·320/704, R = 1/G, x = (R − 5 kΩ)/195 kΩ, w = 3 nm·x
    const g = 5e-6 + 1.95e-4 * (320 / 704);
    expect(p.statePlus[1]).toBeCloseTo((3e-9 * (1 / g - 5000)) / 195000, 22);
    expect(p.devices).toBeUndefined();
  });

  it("calibrates pulses per level at mid-range: with no window, by hand from one pulse's Δw", () => {
    const target = crossbarTarget((c) => void (c.device.window = { kind: "none" }));
    const run = lowerWith(twoByTwo([1, 0.5, 0.25, 0.1]), target);
    const p = run.lowered.config.crossbar!.projections[0];
    const lsb = (0.01 * 1.95e-4) / 88;
    const xMid = (1 / 1.025e-4 - 5000) / 195000;
    const levelsPerPulse = (dx: number) => Math.abs(0.01 * (1 / (5000 + 195000 * (xMid + dx)) - 1.025e-4)) / lsb;
    expect(p.pulsesPerLevel.set).toBeCloseTo(1 / levelsPerPulse((-10 * (0.04 / 0.3) ** 3 * 1e-9) / 3e-9), 9); // k_on·(0.34/0.3 − 1)³·1 ns
    expect(p.pulsesPerLevel.reset).toBeCloseTo(1 / levelsPerPulse((5e-4 * 1.5 * 1e-9) / 3e-9), 9); // k_off·(0.05/0.02 − 1)·1 ns
  });

  it("puts an inhibitory weight on G⁻ and reads it back negative", () => {
    const run = lowerWith(twoByTwo([1, 0.5, 0.25, 0.1], "inhibitory"), crossbarTarget());
    const p = run.lowered.config.crossbar!.projections[0];
    expect(Array.from(p.sign)).toEqual([-1, -1, -1, -1]);
    expect(Array.from(p.statePlus)).toEqual([3e-9, 3e-9, 3e-9, 3e-9]);
    const device = run.lowered.config.crossbar!.semantics.device as VteamParams;
    const levels = Array.from(p.statePlus, (w, s) => readLevel(w, device, p.stateMinus[s], device, { voltage: 0.01, adcBits: 8 }, p.lsbCurrent));
    expect(levels).toEqual([-88, -40, -24, -8]);
  });

  it("places each synapse on the core entry route gave it, across cores", () => {
    const parts = { populations: [population("p", 3)], inputs: [spikeInput("x", [[1], [2]])], projections: [allToAll("x_p", "x", "p")] };
    const target = { ...crossbarTarget(), core: { ...loihi().core, maxNeurons: 2 } };
    const run = lowerWith(parts, target);
    const p = run.lowered.config.crossbar!.projections[0];
    const post = [0, 1, 2, 0, 1, 2]; // all-to-all CSR: pre 0 → 0,1,2; pre 1 → 0,1,2
    expect(Array.from(p.synapseCore)).toEqual([0, 0, 1, 0, 0, 1]);
    post.forEach((neuron, s) => expect(run.config.cores[p.synapseCore[s]].synapses.target[p.synapseIndex[s]]).toBe(neuron - 2 * p.synapseCore[s]));
    // one tile per (projection, core): core 0 spans 2 rows × 4 columns, core 1 2 rows × 2 columns
    expect(run.lowered.config.crossbar!.tiles).toBe(2);
    expect(Array.from(p.tile)).toEqual([0, 0, 1, 0, 0, 1]);
    expect(Array.from(p.column)).toEqual([0, 2, 0, 0, 2, 0]);
    expect(Array.from(p.row)).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it("chooses the smallest shift that fits the ADC, never below the floor", () => {
    expect(chooseLevelShift(704, 8, 0)).toBe(3);
    expect(chooseLevelShift(127, 8, 0)).toBe(0);
    expect(chooseLevelShift(128, 8, 0)).toBe(1);
    expect(chooseLevelShift(16320, 8, 6)).toBe(8); // 16320/128 = 127.5 > 127
    expect(chooseLevelShift(10, 8, 6)).toBe(6);
  });

  it("gives a plastic projection whole mantissa steps per level: 255·64 needs shift 8, 2^(8−6) = 4 per level", () => {
    const run = lowerWith(twoByTwo([1, 0.5, 0.25, 0.1]), crossbarTarget(), [plasticStub("x_p", 255)]);
    const p = run.lowered.config.crossbar!.projections[0];
    expect(p.levelShift).toBe(8);
    expect(p.magnitudePerLevel).toBe(4);
    expect(run.lowered.report!.weights[0]).toMatchObject({ requestedMaxAbs: 704, rangeMaxAbs: 16320 });
    // conductances are sized for the bound: 704 sits at 704/16320 of the range and reads 704/256 = 2.75 → 3 levels
    expect(run.lowered.report!.weights[0].realisedMaxAbs).toBe(768);
  });
});

describe("device variation", () => {
  const varied = crossbarTarget((c) => void (c.variation = { rOn: 0.05, rOff: 0.05, k: 0.1 }));

  it("draws every device from its own stream: same seed, same states; another projection does not move them", () => {
    const one = lowerWith(twoByTwo([1, 0.5, 0.25, 0.1]), varied).lowered.config.crossbar!.projections[0];
    const again = lowerWith(twoByTwo([1, 0.5, 0.25, 0.1]), varied).lowered.config.crossbar!.projections[0];
    expect(one.devices).toBeDefined();
    expect(Array.from(one.statePlus)).toEqual(Array.from(again.statePlus));
    expect(Array.from(one.devices!.rOn)).toEqual(Array.from(again.devices!.rOn));
    expect(Array.from(one.devices!.rOn).every((r) => r !== 5000)).toBe(true);
    const parts = twoByTwo([1, 0.5, 0.25, 0.1]);
    const more = { ...parts, populations: [...parts.populations!, population("q", 1)], projections: [allToAll("x_q", "x", "q"), ...parts.projections!] };
    const withOther = lowerWith(more, varied).lowered.config.crossbar!.projections.find((p) => p.id === "x_p")!;
    expect(Array.from(withOther.devices!.rOn)).toEqual(Array.from(one.devices!.rOn));
    expect(Array.from(withOther.devices!.kOff)).toEqual(Array.from(one.devices!.kOff));
  });

  it("draws differently under another run seed", () => {
    const parts = twoByTwo([1, 0.5, 0.25, 0.1]);
    const a = lowerWith(parts, varied).lowered.config.crossbar!.projections[0];
    const b = lowerWith({ ...parts, run: { dt: 1, duration: 100, seed: 99 } }, varied).lowered.config.crossbar!.projections[0];
    expect(Array.from(a.devices!.rOn)).not.toEqual(Array.from(b.devices!.rOn));
  });
});

describe("fit diagnostics (TP3090–TP3096)", () => {
  const found = (run: ReturnType<typeof lowerWith>) => codesAndPaths(run.diagnostics).filter((d) => d.code.startsWith("TP309"));

  it("TP3090: a read voltage at a threshold", () => {
    const run = lowerWith(twoByTwo([1, 0.5, 0.25, 0.1]), crossbarTarget((c) => void (c.read.voltage = 0.02)));
    expect(found(run)).toEqual([{ code: "TP3090", path: "/crossbar/read/voltage" }]);
    expect(run.lowered.config.crossbar).toBeUndefined();
  });

  it("TP3091: one tile per synapse (1 × 2) needs 4 tiles where 3 exist", () => {
    const run = lowerWith(twoByTwo([1, 0.5, 0.25, 0.1]), crossbarTarget((c) => ((c.tile = { rows: 1, columns: 2 }), (c.maxTiles = 3))));
    expect(found(run)).toEqual([{ code: "TP3091", path: "/crossbar/maxTiles" }]);
    expect(run.diagnostics.find((d) => d.code === "TP3091")!.message).toBe("The weights need 4 crossbar tiles of 1 × 2 but target 'memristor-crossbar' has 3.");
  });

  it("TP3092: R_on varied upwards cannot reach the largest weights' conductance", () => {
    const run = lowerWith(twoByTwo([1, 1, 1, 1]), crossbarTarget((c) => void (c.variation = { rOn: 0.3, rOff: 0, k: 0 })));
    expect(found(run)).toEqual([{ code: "TP3092", path: "/projections/0" }]);
    const p = run.lowered.config.crossbar!.projections[0];
    // the clamped ones are exactly the devices whose R_on grew: they sit at ON
    const clamped = Array.from(p.devices!.rOn).filter((r, i) => i % 2 === 0 && r > 5000).length;
    expect(clamped).toBeGreaterThan(0);
    expect(run.lowered.report!.weights[0].clampedDevices).toBe(clamped);
  });

  it("TP3093: a 3-bit ADC reads 64 as level 0 (704 sets the shift to 8; 64/256 = 0.25)", () => {
    const run = lowerWith(twoByTwo([1, 0.5, 0.25, 0.1]), crossbarTarget((c) => void (c.read.adcBits = 3)));
    expect(found(run)).toEqual([{ code: "TP3093", path: "/projections/0" }]);
    const d = run.diagnostics.find((x) => x.code === "TP3093")!;
    expect(d.severity).toBe("warning");
    expect(d.message).toBe("Projection 'x_p' has 1 nonzero weights that read as ADC level 0: the smallest, 64, is below half a level (128) of the 3-bit ADC.");
  });

  it("TP3094: a full-range update of 255/4 = 63.75 levels needs more than 64 pulses", () => {
    const limited = crossbarTarget((c) => void (c.program.maxPulsesPerUpdate = 64));
    const run = lowerWith(twoByTwo([1, 1, 0.5, 0.5]), limited, [plasticStub("x_p", 255)]);
    expect(found(run)).toEqual([{ code: "TP3094", path: "/projections/0" }]);
    const p = run.lowered.config.crossbar!.projections[0];
    const pulses = Math.round(63.75 * Math.max(p.pulsesPerLevel.set, p.pulsesPerLevel.reset));
    expect(pulses).toBeGreaterThan(64);
    expect(run.diagnostics.find((d) => d.code === "TP3094")!.message).toContain(`needs ${pulses} pulses`);
  });

  it("TP3095: Kvatinsky's window with the Technion a_on = 2 nm is 0 at mid-range, so SET cannot move the device", () => {
    const target = crossbarTarget((c) => {
      c.device.window = { kind: "kvatinsky", aOn: 2e-9, aOff: 1.2e-9, wc: 107e-12 };
      c.program.maxPulsesPerUpdate = 100000; // RESET still works; only SET is refused
    });
    const run = lowerWith(twoByTwo([1, 0.5, 0.25, 0.1]), target, [plasticStub("x_p", 11)]);
    expect(found(run)).toEqual([{ code: "TP3095", path: "/crossbar/program/setVoltage" }]);
  });

  it("TP3096: σ = 2 on both resistances inverts some devices", () => {
    const parts = { populations: [population("p", 4)], inputs: [spikeInput("x", [[1], [2], [3], [4], [5]])], projections: [allToAll("x_p", "x", "p")] };
    const run = lowerWith(parts, crossbarTarget((c) => void (c.variation = { rOn: 2, rOff: 2, k: 0 })));
    expect(found(run).map((d) => d.code)).toContain("TP3096");
    const p = run.lowered.config.crossbar!.projections[0];
    const inverted = Array.from(p.devices!.rOn).filter((r, i) => r >= p.devices!.rOff[i]).length;
    expect(run.diagnostics.find((d) => d.code === "TP3096")!.message).toMatch(new RegExp(`^Device variation gives ${inverted} devices`));
  });
});

// Golden configs of the examples for target loihi-cuba: each example's config.json twin (for cuba,
// whose twin is ~12 MB, a summary: inspectConfig + the sha256 of config.pb), and the single-neuron
// emulator's spikes and raw v trace. Review changes with `npx vitest run test/golden-examples -u`
// and `git diff`; a refactor must leave these files unchanged. The key numbers are also derived by
// hand below, so a golden file cannot silently absorb a wrong rounding rule.
import { createHash } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { compileFiles, configFiles, emulate, encodeConfig, inspectConfig, simulate, toConfigJson, formatConfigJson, type HwConfig, type Elaborated } from "../../src/index.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const GOLDEN_TARGET = "loihi-cuba";
/** Above this size a twin is stored as a summary, not verbatim. */
const MAX_GOLDEN_BYTES = 3_000_000;

interface Compiled {
  readonly config: HwConfig;
  readonly elaborated: Elaborated;
  readonly json: string;
}

async function compileExample(name: string): Promise<Compiled> {
  const { result, elaborated } = await compileFiles(join(REPO, "examples", name, "network.json"), GOLDEN_TARGET);
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  if (!result.ok || elaborated === undefined) throw new Error(`examples/${name} does not compile`);
  return { config: result.value, elaborated, json: formatConfigJson(result.value) };
}

/** 4096·(1 - e^(-dt/τ)), the ideal 12-bit decay before rounding. */
const idealDecay = (dtMs: number, tauMs: number) => 4096 * -Math.expm1(-dtMs / tauMs);
const all = (values: ArrayLike<number>) => [...new Set(Array.from(values))];

describe("examples/single-neuron on loihi-cuba", () => {
  let compiled: Compiled;
  beforeAll(async () => {
    compiled = await compileExample("single-neuron");
  });

  it("matches its golden config.json (the data `tripart compile` writes, one value per line)", async () => {
    expect(compiled.json.length).toBeLessThan(MAX_GOLDEN_BYTES);
    expect(JSON.parse(configFiles(compiled.config)["config.json"] as string)).toEqual(JSON.parse(compiled.json));
    await expect(compiled.json).toMatchFileSnapshot("./configs/single-neuron.config.json");
  });

  it("has the decays, threshold, scales and weights derived by hand", () => {
    const { config } = compiled;
    const [core] = config.cores;
    const c = core.compartments;
    expect(config.dtMs).toBe(1);
    expect(config.steps).toBe(200); // 200 ms at 1 ms
    expect(config.cores).toHaveLength(1);
    expect(c.count).toBe(1);
    // tau_m = 10 ms, dt = 1 ms: 4096·(1 - e^-0.1) = 389.79 → dv = 390 (voltage offset 0).
    expect(Math.round(idealDecay(1, 10))).toBe(390);
    expect(c.dv[0]).toBe(390);
    // tau_syn = 5 ms: 4096·(1 - e^-0.2) = 742.48 → 742, minus the current offset 1 → du = 741.
    expect(Math.round(idealDecay(1, 5))).toBe(742);
    expect(c.du[0]).toBe(741);
    // Headroom 4: the threshold may sit at most at 8388607/4 = 2097151.75 = 32767.996·2^6, so the
    // largest mantissa not above it is 32767 (32768·64 = 2097152 would exceed it by ¼).
    expect(Math.floor(8388607 / 4 / 64)).toBe(32767);
    expect(c.vthMant[0]).toBe(32767);
    // v_thresh - v_reset = 10 mV spans 32767·64 = 2097088 units: 209708.8 units per mV.
    const voltageScale = (32767 * 64) / 10;
    expect(config.scales.find((s) => s.variable === "v")).toEqual({ population: "neuron", variable: "v", unit: "mV", scale: voltageScale, offset: -65 });
    // The current unit: dv/4096 of the voltage unit (v gains dv/4096 of u per step): 19967.39.
    const currentScale = (390 / 4096) * voltageScale;
    expect(currentScale).toBe(19967.390625);
    expect(config.scales.find((s) => s.variable === "i_syn")?.scale).toBe(currentScale);
    // tau_ref = 2 ms = 2 steps; v_rest = v_reset and bias 0 → no bias; at rest v0 = u0 = 0.
    expect([c.refractory[0], c.biasMant[0], c.biasExp[0], c.v0[0], c.u0[0]]).toEqual([2, 0, 0, 0, 0]);
    // exc: 12 mV·19967.39 = 239608.7 units; 2^(6+3) = 512 gives 468 > 255, 2^(6+4) = 1024 gives
    // 233.99 → mantissa 234, exponent 4. inh: 10 mV → 199673.9 / 1024 = 194.99 → -195, exponent 4
    // (at exponent 3, 390 > 256 does not fit the inhibitory range -256..0).
    expect(core.formats).toEqual([
      { signMode: "excitatory", weightBits: 8, exponent: 4, channel: 0 },
      { signMode: "inhibitory", weightBits: 8, exponent: 4, channel: 0 },
    ]);
    expect(Array.from(core.synapses.mantissa)).toEqual([234, -195]);
    // exc has delay 0, inh delay 1 ms = 1 step.
    expect(Array.from(core.synapses.delay)).toEqual([0, 1]);
    // 23 + 5 input spikes, at step = t / dt; 64, 66 and 140 carry a spike on each line.
    expect(config.inputs.spikeSteps.length).toBe(28);
    expect(Array.from(config.inputs.spikeSteps.slice(0, 3))).toEqual([10, 12, 14]);
  });
});

describe("examples/ei-network on loihi-cuba", () => {
  let compiled: Compiled;
  beforeAll(async () => {
    compiled = await compileExample("ei-network");
  });

  it("matches its golden config.json", async () => {
    expect(compiled.json.length).toBeLessThan(MAX_GOLDEN_BYTES);
    await expect(compiled.json).toMatchFileSnapshot("./configs/ei-network.config.json");
  });

  it("has the decays, threshold, refractory steps and scales derived by hand", () => {
    const { config } = compiled;
    expect(config.dtMs).toBe(0.5);
    expect(config.steps).toBe(2000); // 1000 ms at 0.5 ms
    // 200 neurons and 6769 synapses fit one core (1024 neurons, 65536 synapses).
    expect(config.cores).toHaveLength(1);
    const c = config.cores[0].compartments;
    expect(c.count).toBe(200);
    const exc = { from: 0, to: 160 };
    const inh = { from: 160, to: 200 };
    const slice = (a: Int32Array, r: { from: number; to: number }) => all(a.subarray(r.from, r.to));
    // exc tau_m 20 ms at dt 0.5: 4096·(1 - e^-0.025) = 101.13 → 101; inh tau_m 10: 199.76 → 200.
    expect([Math.round(idealDecay(0.5, 20)), Math.round(idealDecay(0.5, 10))]).toEqual([101, 200]);
    expect([slice(c.dv, exc), slice(c.dv, inh)]).toEqual([[101], [200]]);
    // every synapse has tau 5 ms: 4096·(1 - e^-0.1) = 389.79 → 390 - 1 = 389.
    expect(all(c.du)).toEqual([389]);
    // threshold 15 mV above v_reset for both: mantissa 32767, 32767·64/15 units per mV.
    expect(all(c.vthMant)).toEqual([32767]);
    expect(config.scales.filter((s) => s.variable === "v").map((s) => [s.population, s.scale, s.offset])).toEqual([
      ["exc", (32767 * 64) / 15, -65],
      ["inh", (32767 * 64) / 15, -65],
    ]);
    // tau_ref: exc 2 ms = 4 steps, inh 1 ms = 2 steps; no bias (v_rest = v_reset, bias 0).
    expect([slice(c.refractory, exc), slice(c.refractory, inh)]).toEqual([[4], [2]]);
    expect([all(c.biasMant), all(c.biasExp)]).toEqual([[0], [0]]);
    // Weights. Current units per mV (R·I): exc 101/4096·139805.9 = 3447.36, inh 200/4096·139805.9
    // = 6826.46; at exponent 0 one mantissa unit is 2^6 = 64 units:
    //   exc_exc  1 mV  → 3447.36/64 = 53.87 → 54,    160 neurons × in-degree 16 = 2560 synapses
    //   inh_exc  4 mV  → 215.46 → -215,              160 × 8 = 1280
    //   exc_inh  1.5 mV on inh → 159.99 → 160,       40 × 16 = 640
    //   inh_inh  2 mV on inh → 213.33 → -213,        40 × 8 = 320
    // The drive weights reach up to 30 mV: 103421 units onto exc need 2^(6+3) (202 ≤ 255) and
    // 204794 onto inh 2^(6+4) (200 ≤ 255), so two more excitatory formats with exponents 3 and 4.
    const core = config.cores[0];
    const counts = new Map<string, number>();
    core.synapses.mantissa.forEach((m, k) => {
      const key = `${core.formats[core.synapses.format[k]].exponent}:${m}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
    expect([counts.get("0:54"), counts.get("0:-215"), counts.get("0:160"), counts.get("0:-213")]).toEqual([2560, 1280, 640, 320]);
    expect(core.formats.map((f) => [f.signMode, f.exponent])).toEqual([
      ["excitatory", 0],
      ["inhibitory", 0],
      ["excitatory", 3],
      ["excitatory", 4],
    ]);
    // Initial v uniform in [-65, -55] mV: 0 .. 10 mV above v_reset, i.e. 0 .. 10·139805.9 units.
    const v0 = Array.from(c.v0);
    expect(Math.min(...v0)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...v0)).toBeLessThanOrEqual(Math.round((10 * 32767 * 64) / 15));
  });
});

describe("examples/cuba on loihi-cuba", () => {
  let compiled: Compiled;
  beforeAll(async () => {
    compiled = await compileExample("cuba");
  });

  it("matches its golden summary (the twin is too large to store): inspect output and config.pb's sha256", async () => {
    expect(compiled.json.length).toBeGreaterThan(MAX_GOLDEN_BYTES);
    const bytes = encodeConfig(compiled.config);
    const summary = {
      configPb: { bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") },
      configJson: { bytes: Buffer.byteLength(compiled.json), sha256: createHash("sha256").update(compiled.json).digest("hex") },
      inspect: inspectConfig(compiled.config),
    };
    await expect(JSON.stringify(summary, null, 1) + "\n").toMatchFileSnapshot("./configs/cuba.summary.json");
  });

  it("has the decays, bias, refractory steps, merged channel and weights derived by hand", () => {
    const { config } = compiled;
    expect(config.dtMs).toBe(0.1);
    expect(config.steps).toBe(10000);
    const compartments = config.cores.flatMap((core) => [core.compartments]);
    const every = (pick: (c: (typeof compartments)[number]) => Int32Array) => [...new Set(compartments.flatMap((c) => Array.from(pick(c))))];
    expect(compartments.reduce((n, c) => n + c.count, 0)).toBe(4000);
    // tau_m 20 ms at dt 0.1: 4096·(1 - e^-0.005) = 20.43 → dv = 20.
    expect(Math.round(idealDecay(0.1, 20))).toBe(20);
    expect(every((c) => c.dv)).toEqual([20]);
    // One current channel: tau 5 (E) and 10 ms (I) merge into 10 ms (the larger Σ|w|·τ onto both
    // populations: 51200·9·10 from inh beats 204800·1.62·5 from exc onto exc). 4096·(1 - e^-0.01)
    // = 40.76 → 41 - 1 = du 40.
    expect(Math.round(idealDecay(0.1, 10))).toBe(41);
    expect(every((c) => c.du)).toEqual([40]);
    // Threshold 10 mV above v_reset: mantissa 32767, 209708.8 units per mV, current unit
    // 20/4096 of it = 1023.97. The drive v_rest - v_reset = 11 mV is 11263.66 units: exponent 0
    // (11264) and 1 (5632) overflow the 4095 mantissa, exponent 2 gives 2815.9 → 2816.
    expect(every((c) => c.vthMant)).toEqual([32767]);
    const currentScale = (20 / 4096) * ((32767 * 64) / 10);
    expect(Math.round((11 * currentScale) / 4)).toBe(2816);
    expect([every((c) => c.biasMant), every((c) => c.biasExp)]).toEqual([[2816], [2]]);
    // tau_ref 5 ms = 50 steps (≤ 62).
    expect(every((c) => c.refractory)).toEqual([50]);
    // Weights, exponent 0 (one mantissa unit = 2^6): exc 1.62 mV, charge-scaled by 5/10 for the
    // merged channel: 1.62·0.5·1023.97/64 = 12.96 → 13; inh 9 mV: 9·1023.97/64 = 143.998 → -144.
    expect(Math.round((1.62 * 0.5 * currentScale) / 64)).toBe(13);
    expect(Math.round((9 * currentScale) / 64)).toBe(144);
    const used = new Set<string>(); // "signMode exponent mantissa" of every synapse
    for (const core of config.cores) {
      const { mantissa, format } = core.synapses;
      for (let k = 0; k < mantissa.length; k++) {
        const f = core.formats[format[k]];
        used.add(`${f.signMode} ${f.exponent} ${mantissa[k]}`);
      }
    }
    expect([...used].sort()).toEqual(["excitatory 0 13", "inhibitory 0 -144"]);
    // ~320k synapses (4000·4000·0.02), so at least ceil(320000/65536) = 5 cores by synapses alone.
    const synapses = config.cores.reduce((n, core) => n + core.synapses.target.length, 0);
    expect(Math.abs(synapses - 320_000)).toBeLessThan(3_000);
    expect(config.cores.length).toBeGreaterThanOrEqual(Math.ceil(synapses / 65536));
  });
});

describe("examples/single-neuron emulator recording", () => {
  it("matches its golden spikes and raw v trace, with a first spike where the float model puts it", async () => {
    const { config, elaborated } = await compileExample("single-neuron");
    const { recording } = emulate(config);
    const [population] = recording.populations;
    const spikeSteps = Array.from(population.spikes?.step ?? []);
    const v = population.traces.find((t) => t.variable === "v");
    if (v?.raw === undefined) throw new Error("the emulator recording has no raw v trace");
    const vRaw = Array.from(v.raw[0]);
    expect(vRaw).toHaveLength(200);

    // Plausibility by hand: exc input spikes at 10, 12, .. 22 ms add 12 mV (R·I) each to i_syn,
    // which decays by e^-0.2 per step; v relaxes towards i_syn by (1 - e^-0.1) per step:
    //   step  10   11   12   13   14   15   16
    //   i     12  9.8 20.0 16.4 25.4 20.8 29.1
    //   v    1.1  2.0  3.7  4.9  6.9  8.2 10.2  > 10 mV above rest: the first spike, at step 16.
    // The hardware adds one step of neuron latency at most, and the reference agrees within ±1.
    expect(spikeSteps[0]).toBeGreaterThanOrEqual(16);
    expect(spikeSteps[0]).toBeLessThanOrEqual(17);
    const reference = simulate(elaborated).recording.populations[0].spikes?.step ?? new Int32Array();
    expect(Math.abs(spikeSteps[0] - reference[0])).toBeLessThanOrEqual(1);
    expect(spikeSteps).toHaveLength(reference.length);
    // Nothing happens before the first input spike at step 10; v never exceeds the threshold
    // register (32767·64) without spiking and is reset to 0 after each spike.
    expect(vRaw.slice(0, 10).every((x) => x === 0)).toBe(true);
    for (const s of spikeSteps) expect(vRaw[s]).toBe(0);

    const golden = { steps: recording.steps, spikeSteps, vScale: v.scale, vOffset: v.offset, vRaw };
    await expect(JSON.stringify(golden, null, 1) + "\n").toMatchFileSnapshot("./recordings/single-neuron.emulator.json");
  });
});

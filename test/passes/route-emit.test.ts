// One small network routed and emitted on a target with 2 neurons per core; every array below is
// worked out by hand from the placement [A0 A1 | A2 B0 | B1].
import { describe, expect, it } from "vitest";
import { discretize } from "../../src/passes/discretize.js";
import { quantize } from "../../src/passes/quantize.js";
import { partition } from "../../src/passes/partition.js";
import { route } from "../../src/passes/route.js";
import { emit, networkHash } from "../../src/passes/emit.js";
import { validateConfig } from "../../src/hw/validate.js";
import { codesAndPaths, context, elaborated, explicit, loihi, mustCompile, network, population, SAMPLE, spikeInput, targetWith, twoPerCore } from "./helpers.js";
import { compile } from "../../src/passes/pipeline.js";
import { InternalError } from "../../src/util/assert.js";

const TWO_PER_CORE = twoPerCore();
const parts = SAMPLE;

// Scales: s_v = 32767·64/15 for both; a: dv 20 → c = 682.65; b: tau_m 10 → 4096·(1 - e^{-0.01}) = 40.75 → dv 41 → c = 1399.42.
// Mantissas: x_a 1·682.65/64 = 10.67 → 11; b_a -11; a_b 2·1399.42/64 = 43.73 → 44; all exponent 0.
const S_V = (32767 * 64) / 15;

describe("route", () => {
  const config = mustCompile(elaborated(parts), TWO_PER_CORE);

  it("numbers axons per core by source and builds the CSR by axon", () => {
    // sources: a0..a2 = 0..2, b0 = 3, b1 = 4, x0 = 5, x1 = 6, y0 = 7, z0 = 8
    const [core0, core1, core2] = config.cores;
    // core 0 (a0, a1) hears b1, x0, x1
    expect(core0.synapses.axonCount).toBe(3);
    expect(Array.from(core0.synapses.rowStart)).toEqual([0, 1, 2, 3]);
    expect(Array.from(core0.synapses.target)).toEqual([0, 0, 1]);
    expect(Array.from(core0.synapses.mantissa)).toEqual([-11, 11, 11]);
    expect(Array.from(core0.synapses.delay)).toEqual([0, 0, 5]);
    // core 1 (a2, b0) hears a0, a1, a2 (onto b0, local 1) and x0 (onto a2, local 0)
    expect(Array.from(core1.synapses.rowStart)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(core1.synapses.target)).toEqual([1, 1, 1, 0]);
    expect(Array.from(core1.synapses.mantissa)).toEqual([44, 44, 44, 11]);
    expect(Array.from(core1.synapses.delay)).toEqual([2, 2, 2, 3]);
    // core 2 (b1) hears a0, a1, a2
    expect(Array.from(core2.synapses.target)).toEqual([0, 0, 0]);
    expect(Array.from(core2.synapses.mantissa)).toEqual([44, 44, 44]);
  });

  it("keeps one format per distinct (sign, exponent, channel) on a core", () => {
    const [core0, core1, core2] = config.cores;
    expect(core0.formats).toEqual([
      { signMode: "inhibitory", weightBits: 8, exponent: 0, channel: 0 },
      { signMode: "excitatory", weightBits: 8, exponent: 0, channel: 0 },
    ]);
    expect(Array.from(core0.synapses.format)).toEqual([0, 1, 1]);
    // x_a and a_b share one format on core 1
    expect(core1.formats).toEqual([{ signMode: "excitatory", weightBits: 8, exponent: 0, channel: 0 }]);
    expect(Array.from(core1.synapses.format)).toEqual([0, 0, 0, 0]);
    expect(core2.formats).toHaveLength(1);
  });

  it("lists each source's (core, axon) routes, compartments first, then input lines", () => {
    expect(config.routes.sourceCount).toBe(9);
    expect(Array.from(config.routes.rowStart)).toEqual([0, 2, 4, 6, 6, 7, 9, 10, 10, 10]);
    expect(Array.from(config.routes.core)).toEqual([1, 2, 1, 2, 1, 2, 0, 0, 1, 0]);
    expect(Array.from(config.routes.axon)).toEqual([0, 0, 1, 1, 2, 2, 0, 1, 3, 2]);
  });

  it("adds the target's latency difference to neuron delays", () => {
    // latency.neuron 0: a spike at t must arrive at t + 1 + 2, so the stored delay is 3
    const slow = mustCompile(elaborated(parts), targetWith({ core: { maxNeurons: 2 }, neuron: { latency: { neuron: 0, input: 0 } } }));
    expect(Array.from(slow.cores[1].synapses.delay)).toEqual([3, 3, 3, 3]);
  });

  it("reports TP3026 when a core needs more than 256 synapse formats", () => {
    // 20 channels × 2 signs × 7 exponents: 280 distinct formats onto one neuron.
    // weight 18.75·2^e → 18.75·2^e·682.65 = 12800·2^e hardware units = 200 << (6 + e): exponent e
    const projections = [];
    for (let k = 0; k < 20; k++) {
      for (const sign of ["excitatory", "inhibitory"] as const) {
        for (let e = 0; e < 7; e++) projections.push(explicit(`p${k}${sign[0]}${e}`, "x", "a", [[0, 0]], { tau: 5 + k, sign, weight: 18.75 * 2 ** e }));
      }
    }
    const target = targetWith({ neuron: { currentChannels: 20 } });
    const result = compile(elaborated({ populations: [population("a", 1)], inputs: [spikeInput("x", [[1]])], projections }), target);
    expect(result.ok).toBe(false);
    expect(codesAndPaths(result.diagnostics)).toEqual([{ code: "TP3026", path: "" }]);
    expect(result.diagnostics[0].message).toBe("Core 0 needs 280 synapse formats but a config holds at most 256 per core.");
  });

  it("verify rejects a route that points past a core's axons", () => {
    const { ctx } = context(TWO_PER_CORE);
    const routed = route.run(routedInput(), ctx);
    const broken = { ...routed, routes: { ...routed.routes, axon: routed.routes.axon.map((a) => a + 10) } };
    expect(() => route.verify(broken, ctx)).toThrow(InternalError);
  });
});

/** The partitioned stage of `parts`, for calling route on its own. */
function routedInput() {
  const { ctx } = context(TWO_PER_CORE);
  return partition.run(quantize.run(discretize.run(elaborated(parts), ctx), ctx), ctx);
}

describe("emit", () => {
  const config = mustCompile(elaborated(parts), TWO_PER_CORE);

  it("maps populations to (core, local) and inputs to lines", () => {
    const [a, b, x, y, z] = config.symbols;
    expect([a.id, Array.from(a.core), Array.from(a.local)]).toEqual(["a", [0, 0, 1], [0, 1, 0]]);
    expect([b.id, Array.from(b.core), Array.from(b.local)]).toEqual(["b", [1, 2], [1, 0]]);
    expect([x.kind, Array.from(x.core), Array.from(x.local), x.external]).toEqual(["input", [-1, -1], [0, 1], false]);
    expect([Array.from(y.local), Array.from(z.local), z.external]).toEqual([[2], [3], true]);
    expect(config.inputs.lineCount).toBe(4);
  });

  it("puts every input spike on its line, sorted by step then line", () => {
    // x0 at 0.2 and 0.5 ms → steps 2, 5; x1 at 0.1 → step 1; y0 (line 2) at 0.1 → step 1
    expect(Array.from(config.inputs.spikeSteps)).toEqual([1, 1, 2, 5]);
    expect(Array.from(config.inputs.spikeLines)).toEqual([1, 2, 0, 0]);
  });

  it("fills each compartment from its population", () => {
    const core1 = config.cores[1].compartments; // a2, b0
    expect(core1.count).toBe(2);
    expect(Array.from(core1.dv)).toEqual([20, 41]);
    expect(Array.from(core1.du)).toEqual([80, 80]);
    expect(Array.from(core1.vthMant)).toEqual([32767, 32767]);
    expect(Array.from(core1.refractory)).toEqual([0, 10]);
    expect(Array.from(core1.v0)).toEqual([0, 0]); // initial v = v_rest = v_reset
  });

  it("writes the scales that dequantize v and i_syn", () => {
    expect(config.scales).toHaveLength(4);
    const [av, ai, bv, bi] = config.scales;
    expect([av.variable, av.unit, av.offset]).toEqual(["v", "mV", -65]);
    expect(av.scale).toBeCloseTo(S_V, 9);
    expect([ai.variable, ai.unit, ai.offset]).toEqual(["i_syn", "mV (R·I)", 0]);
    expect(ai.scale).toBeCloseTo((20 / 4096) * S_V, 9);
    expect(bv.scale).toBeCloseTo(S_V, 9);
    expect(bi.scale).toBeCloseTo((41 / 4096) * S_V, 9);
  });

  it("maps the record section with its defaults made explicit", () => {
    expect(config.record.map((r) => [r.population, r.spikes, r.state, Array.from(r.neurons)])).toEqual([
      ["a", true, ["v"], [0, 1, 2]],
      ["x", true, [], [0, 1]],
    ]);
  });

  it("copies the target's semantics and limits and names the run", () => {
    expect(config.semantics).toEqual(loihi().neuron);
    expect(config.limits).toEqual({ ...loihi().core, maxNeurons: 2 });
    expect(config.target).toEqual({ name: "loihi-cuba", version: "1.0.0" });
    expect([config.dtMs, config.steps, config.seed, config.network.name]).toEqual([0.1, 100, 7, "test"]);
    expect(validateConfig(config)).toEqual([]);
  });

  it("hashes the canonical network, independent of key order, unless a hash is given", () => {
    expect(config.network.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const reordered = network({ record: parts.record, projections: parts.projections, inputs: parts.inputs, populations: parts.populations });
    expect(networkHash(reordered)).toBe(config.network.hash);
    const changed = network({ ...parts, run: { dt: 0.1, duration: 10, seed: 8 } });
    expect(networkHash(changed)).not.toBe(config.network.hash);
    expect(mustCompile(elaborated(parts), TWO_PER_CORE, { networkHash: "sha256:given" }).network.hash).toBe("sha256:given");
  });

  it("verify rejects a config that fails validation", () => {
    const { ctx } = context(TWO_PER_CORE);
    const broken = { ...config, steps: -1 };
    expect(() => emit.verify(broken, ctx)).toThrow(InternalError);
  });
});

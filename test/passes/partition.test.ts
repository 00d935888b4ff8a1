// Placement on tiny custom targets, where every expected core layout is worked out by hand.
import { describe, expect, it } from "vitest";
import { discretize } from "../../src/passes/discretize.js";
import { quantize } from "../../src/passes/quantize.js";
import { partition } from "../../src/passes/partition.js";
import { PARTITION_RULES } from "../../src/passes/fit-rules.js";
import type { Elaborated } from "../../src/ir/elaborated.js";
import type { CoreLimits, Target } from "../../src/targets/types.js";
import type { CompileOptions } from "../../src/passes/pass.js";
import type { Connectivity, Projection } from "../../src/ir/types.js";
import { allToAll, codes, codesAndPaths, context, elaborated, population, spikeInput, targetWith } from "./helpers.js";

const ROOMY: CoreLimits = { maxNeurons: 4, maxSynapses: 100, maxFanIn: 100, maxFanOut: 100, maxInputAxons: 100, maxOutputAxons: 100 };

function tiny(core: Partial<CoreLimits> = {}, cores = 8): Target {
  return targetWith({ chip: { cores }, core: { ...ROOMY, ...core } });
}

function place(input: Elaborated, target: Target, options: CompileOptions = {}) {
  const { ctx, bag } = context(target, options);
  const out = partition.run(quantize.run(discretize.run(input, ctx), ctx), ctx);
  if (!bag.hasErrors) partition.verify(out, ctx);
  return { out, diagnostics: bag.items };
}

const connect = (id: string, pre: string, post: string, rule: Connectivity): Projection => ({ ...allToAll(id, pre, post), connect: rule });

describe("partition: greedy contiguous placement", () => {
  it("splits a population by the neuron limit", () => {
    const { out, diagnostics } = place(elaborated({ populations: [population("a", 10)] }), tiny());
    expect(diagnostics).toEqual([]);
    expect(Array.from(out.coreStart)).toEqual([0, 4, 8, 10]);
    expect(out.utilisation.cores.map((c) => c.boundBy)).toEqual(["neurons", "neurons", "end"]);
    expect(out.utilisation.cores[0].neurons).toEqual({ used: 4, limit: 4, percent: 100 });
    expect(out.utilisation.cores[2].populations).toEqual([{ id: "a", first: 8, count: 2 }]);
    expect(out.utilisation.boundCounts).toEqual({ neurons: 2, synapses: 0, inputAxons: 0, outputAxons: 0, end: 1 });
  });

  it("packs the next population onto the current core", () => {
    const { out } = place(elaborated({ populations: [population("a", 3), population("b", 3)] }), tiny());
    expect(Array.from(out.coreStart)).toEqual([0, 4, 6]);
    expect(out.utilisation.cores[0].populations).toEqual([
      { id: "a", first: 0, count: 3 },
      { id: "b", first: 0, count: 1 },
    ]);
    expect(Array.from(out.neuronCore)).toEqual([0, 0, 0, 0, 1, 1]);
  });

  it("lowers the neurons per core to the maxNeuronsPerCore option", () => {
    const { out } = place(elaborated({ populations: [population("a", 10)] }), tiny(), { maxNeuronsPerCore: 3 });
    expect(Array.from(out.coreStart)).toEqual([0, 3, 6, 9, 10]);
    expect(out.utilisation.neuronsPerCore).toBe(3);
    expect(out.utilisation.cores[0].neurons.limit).toBe(3);
  });

  it("reports TP3025 for a maxNeuronsPerCore that is not a positive integer", () => {
    const { diagnostics } = place(elaborated({ populations: [population("a", 2)] }), tiny(), { maxNeuronsPerCore: 0 });
    expect(codesAndPaths(diagnostics)).toEqual([{ code: "TP3025", path: "" }]);
  });

  it("closes a core at the synapse limit", () => {
    // every neuron of p has fan-in 5; 12 synapses per core hold 2 neurons (10), not 3 (15)
    const input = elaborated({ populations: [population("p", 4)], inputs: [spikeInput("x", [[], [], [], [], []])], projections: [allToAll("x_p", "x", "p")] });
    const { out } = place(input, tiny({ maxSynapses: 12 }));
    expect(Array.from(out.coreStart)).toEqual([0, 2, 4]);
    expect(out.utilisation.cores[0].boundBy).toBe("synapses");
    expect(out.utilisation.cores[0].synapses).toEqual({ used: 10, limit: 12, percent: (100 * 10) / 12 });
    expect(out.utilisation.cores[0].inputAxons.used).toBe(5);
  });

  it("closes a core at the input-axon limit, counting distinct sources", () => {
    // one_to_one: neuron i hears line i only; 2 input axons per core → 2 neurons per core
    const input = elaborated({
      populations: [population("p", 4)],
      inputs: [spikeInput("x", [[], [], [], []])],
      projections: [connect("x_p", "x", "p", { rule: "one_to_one" }), connect("x_p2", "x", "p", { rule: "one_to_one" })],
    });
    const { out } = place(input, tiny({ maxInputAxons: 2 }));
    expect(Array.from(out.coreStart)).toEqual([0, 2, 4]);
    expect(out.utilisation.cores.map((c) => [c.boundBy, c.inputAxons.used, c.synapses.used])).toEqual([
      ["inputAxons", 2, 4],
      ["end", 2, 4],
    ]);
  });

  it("splits cores whose neurons send to too many cores, then places again", () => {
    // s (4) → t (8) all-to-all, 4 neurons per core, 6 output axons per core.
    // 1st placement [s0-s3 | t0-t3 | t4-t7]: each s neuron reaches 2 cores, core 0 needs 8 > 6;
    //   the estimate of each s neuron becomes 2.
    // 2nd [s0-s2 | s3 t0-t2 | t3-t6 | t7] (2+2+2, +2 > 6): each s neuron reaches 3 cores, core 0
    //   needs 9; estimates become 3.
    // 3rd [s0 s1 | s2 s3 t0 t1 | t2-t5 | t6 t7]: each s neuron reaches 3 cores; cores 0, 1 need 6.
    const input = elaborated({ populations: [population("s", 4), population("t", 8)], projections: [allToAll("s_t", "s", "t")] });
    const { out, diagnostics } = place(input, tiny({ maxOutputAxons: 6 }));
    expect(diagnostics).toEqual([]);
    expect(Array.from(out.coreStart)).toEqual([0, 2, 6, 10, 12]);
    expect(out.utilisation.cores.map((c) => c.outputAxons.used)).toEqual([6, 6, 0, 0]);
    expect(out.utilisation.cores.map((c) => c.boundBy)).toEqual(["outputAxons", "neurons", "neurons", "end"]);
    expect(Array.from(out.destinationCores.slice(0, 4))).toEqual([3, 3, 3, 3]);
  });

  it("never changes its input", () => {
    const input = elaborated({ populations: [population("a", 5)] });
    const { ctx } = context(tiny());
    const quantized = quantize.run(discretize.run(input, ctx), ctx);
    const before = quantized.populations.map((p) => Array.from(p.v0));
    partition.run(quantized, ctx);
    expect(quantized.populations.map((p) => Array.from(p.v0))).toEqual(before);
  });
});

describe("partition: what does not fit", () => {
  it("reports TP3021 when the chip cannot hold all neurons", () => {
    // 10 neurons, 2 cores of 4 → 8
    const { out, diagnostics } = place(elaborated({ populations: [population("a", 10)] }), tiny({}, 2));
    expect(codesAndPaths(diagnostics)).toEqual([{ code: "TP3021", path: "" }]);
    expect(diagnostics[0].message).toBe("The network has 10 neurons but the 2 cores of target 'loihi-cuba' hold 8 (4 per core).");
    expect(diagnostics[0].hint).toBe("Reduce the neurons by 2, or use a target with at least 3 cores.");
    expect(out.utilisation.coresUsed).toBe(3); // the report still shows the whole placement
  });

  it("reports TP3021 when the chip cannot hold all synapses", () => {
    // 2 × 5 synapses; 2 cores of 4 synapses hold 8
    const input = elaborated({ populations: [population("p", 2)], inputs: [spikeInput("x", [[], [], [], [], []])], projections: [allToAll("x_p", "x", "p")] });
    const { diagnostics } = place(input, tiny({ maxSynapses: 5 }, 1));
    expect(diagnostics.map((d) => d.message)).toEqual(["The network has 10 synapses but the 1 core of target 'loihi-cuba' hold 5 (5 per core)."]);
  });

  it("reports TP3020 when the placement needs more cores although the totals fit", () => {
    // 6 neurons, each with its own input line; 2 input axons per core → 3 cores; the chip has 2
    const input = elaborated({
      populations: [population("p", 6)],
      inputs: [spikeInput("x", [[], [], [], [], [], []])],
      projections: [connect("x_p", "x", "p", { rule: "one_to_one" })],
    });
    const { diagnostics } = place(input, tiny({ maxInputAxons: 2 }, 2));
    expect(codesAndPaths(diagnostics)).toEqual([{ code: "TP3020", path: "" }]);
    expect(diagnostics[0].message).toBe("The network needs 3 cores but target 'loihi-cuba' has 2.");
    expect(diagnostics[0].hint).toBe("Cores are closed by: input axons (2 of 3). Use fewer neurons or synapses, or a target with more cores.");
  });

  it("reports TP3022 for a fan-in above maxFanIn, once per population", () => {
    const input = elaborated({ populations: [population("p", 2)], inputs: [spikeInput("x", [[], [], [], [], []])], projections: [allToAll("x_p", "x", "p")] });
    const { diagnostics } = place(input, tiny({ maxFanIn: 3 }));
    expect(codesAndPaths(diagnostics)).toEqual([{ code: "TP3022", path: "/populations/0" }]);
    expect(diagnostics[0].message).toBe("Population 'p' has 2 neurons with a fan-in up to 5 synapses, but target 'loihi-cuba' allows 3 per neuron.");
  });

  it("reports TP3023 when one neuron alone needs more synapses or input axons than a core holds", () => {
    const input = elaborated({ populations: [population("p", 2)], inputs: [spikeInput("x", [[], [], [], [], []])], projections: [allToAll("x_p", "x", "p")] });
    const { diagnostics } = place(input, tiny({ maxSynapses: 4, maxInputAxons: 3 }));
    expect(codes(diagnostics)).toEqual(["TP3023", "TP3023"]);
    expect(diagnostics[0].message).toBe("Population 'p' has 2 neurons needing up to 5 synapses each, more than one core holds (4).");
    expect(diagnostics[1].message).toBe("Population 'p' has 2 neurons needing up to 5 input axons each, more than one core holds (3).");
  });

  it("reports TP3023 and TP3024 for a neuron whose targets span too many cores", () => {
    // s0 → t0..t7 with 2 neurons per core: [s0 t0 | t1 t2 | t3 t4 | t5 t6 | t7] → s0 reaches 5
    // cores and core 0 needs 5 > 3 output axons, so s0's estimate becomes 5 and it gets a core of
    // its own: [s0 | t0 t1 | t2 t3 | t4 t5 | t6 t7] → s0 reaches 4 cores, still more than 3.
    const input = elaborated({ populations: [population("s", 1), population("t", 8)], projections: [allToAll("s_t", "s", "t")] });
    const { out, diagnostics } = place(input, tiny({ maxNeurons: 2, maxOutputAxons: 3, maxFanOut: 3 }));
    expect(Array.from(out.coreStart)).toEqual([0, 1, 3, 5, 7, 9]);
    expect(codes(diagnostics)).toEqual(["TP3023", "TP3024"]);
    expect(diagnostics[0].message).toBe("Population 's' has 1 neuron needing up to 4 output axons each, more than one core holds (3).");
    expect(diagnostics[1].message).toBe("Population 's' has 1 neuron sending spikes to up to 4 cores, but target 'loihi-cuba' allows 3 routes per neuron.");
  });

  it("lists every fit rule by name", () => {
    expect(PARTITION_RULES.map((rule) => rule.name)).toEqual([
      "fan-in-per-neuron",
      "neuron-synapses-per-core",
      "neuron-input-axons-per-core",
      "neuron-output-axons-per-core",
      "fan-out-per-neuron",
      "chip-neurons",
      "chip-synapses",
      "cores-per-chip",
      "input-lines-per-core",
      "hidden-neurons-per-core",
      "output-neurons-per-core",
      "output-current-channels",
      "synapses-per-pair",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { discretize } from "../../src/passes/discretize.js";
import { allToAll, codes, codesAndPaths, context, elaborated, explicit, loihi, population, spikeInput, targetWith } from "./helpers.js";

describe("discretize", () => {
  it("computes β, R and the channels in first-appearance order", () => {
    const input = elaborated({
      populations: [population("a", 2, { tau_m: 20, tau_ref: 2 }), population("b", 1, { tau_m: 10 })],
      inputs: [spikeInput("x", [[1]])],
      projections: [
        allToAll("x_a", "x", "a", { tau: 5 }),
        allToAll("x_a2", "x", "a", { tau: 10 }),
        allToAll("a_b", "a", "b", { tau: 5 }),
        allToAll("x_a3", "x", "a", { tau: 5 }),
      ],
    });
    const { ctx, bag } = context();
    const out = discretize.run(input, ctx);
    discretize.verify(out, ctx);
    expect(bag.items).toEqual([]);
    expect(out.dtMs).toBe(0.1);
    expect(out.steps).toBe(100); // 10 ms / 0.1 ms
    const [a, b] = out.populations;
    expect(a.beta).toBe(Math.exp(-0.1 / 20));
    expect(a.refractorySteps).toBe(20); // 2 ms / 0.1 ms
    expect(a.channelTausMs).toEqual([5, 10]);
    expect(a.channelAlphas).toEqual([Math.exp(-0.1 / 5), Math.exp(-0.1 / 10)]);
    expect(b.channelTausMs).toEqual([5]);
    expect(out.projections.map((p) => p.channel)).toEqual([0, 1, 0, 0]);
  });

  it("sets the delay offset from the target's latencies", () => {
    const input = elaborated({
      populations: [population("a", 1), population("b", 1)],
      inputs: [spikeInput("x", [[1]])],
      projections: [allToAll("x_a", "x", "a", { delay: 3 }), allToAll("a_b", "a", "b", { delay: 3 })],
    });
    // Loihi: neuron latency 1 equals the IR's extra step; input latency 0.
    expect(discretize.run(input, context().ctx).projections.map((p) => p.delayOffset)).toEqual([0, 0]);
    const slow = targetWith({ neuron: { latency: { neuron: 0, input: 2 } } });
    expect(discretize.run(input, context(slow).ctx).projections.map((p) => p.delayOffset)).toEqual([-2, 1]);
  });

  it("reports TP3001 when dt differs from the target's fixed step", () => {
    const input = elaborated({ populations: [population("a", 1)] });
    const { ctx, bag } = context(targetWith({ timeStep: { fixedMs: 1 } }));
    discretize.run(input, ctx);
    expect(codesAndPaths(bag.items)).toEqual([{ code: "TP3001", path: "/run/dt" }]);
    expect(bag.items[0].message).toBe("The time step is 0.1 ms but target 'loihi-cuba' runs at a fixed step of 1 ms.");
  });

  it("accepts a dt equal to the fixed step up to decimal rounding", () => {
    const input = elaborated({ run: { dt: 0.3, duration: 3, seed: 1 }, populations: [population("a", 1)] });
    const { ctx, bag } = context(targetWith({ timeStep: { fixedMs: 0.1 + 0.2 } })); // 0.30000000000000004
    discretize.run(input, ctx);
    expect(bag.items).toEqual([]);
  });

  it("reports TP3002 when dt is outside the target's range", () => {
    const input = elaborated({ populations: [population("a", 1)] });
    const { ctx, bag } = context(targetWith({ timeStep: { minMs: 0.5, maxMs: 2 } }));
    discretize.run(input, ctx);
    expect(codesAndPaths(bag.items)).toEqual([{ code: "TP3002", path: "/run/dt" }]);
    const within = context(targetWith({ timeStep: { minMs: 0.05, maxMs: 2 } }));
    discretize.run(input, within.ctx);
    expect(within.bag.items).toEqual([]);
  });

  it("reports TP3003 for a model the target lacks and TP3004 for a synapse kind it lacks", () => {
    const input = elaborated({ populations: [population("a", 1)], inputs: [spikeInput("x", [[1]])], projections: [allToAll("x_a", "x", "a")] });
    const target = targetWith({ capabilities: { models: ["izhikevich"], synapses: ["alpha"] } });
    const { ctx, bag } = context(target);
    discretize.run(input, ctx);
    expect(codesAndPaths(bag.items)).toEqual([
      { code: "TP3003", path: "/populations/0/model" },
      { code: "TP3004", path: "/projections/0/synapse/kind" },
    ]);
    expect(bag.items[0].hint).toBe("Target 'loihi-cuba' supports: izhikevich.");
  });

  it("reports TP3005 when the refractory hold exceeds the target's maximum", () => {
    // 10 ms / 0.1 ms = 100 steps > 62
    const input = elaborated({ populations: [population("a", 1, { tau_ref: 10 })] });
    const { ctx, bag } = context();
    discretize.run(input, ctx);
    expect(codesAndPaths(bag.items)).toEqual([{ code: "TP3005", path: "/populations/0/params/tau_ref" }]);
    expect(bag.items[0].message).toBe("Population 'a' needs a refractory hold of 100 steps but target 'loihi-cuba' holds at most 62.");
  });

  it("reports TP3006 when the target has no refractory hold, but not for a period that rounds to 0 steps", () => {
    const target = targetWith({ neuron: { refractory: { supported: false, maxSteps: 0 } } });
    const { ctx, bag } = context(target);
    discretize.run(elaborated({ populations: [population("a", 1, { tau_ref: 1 }), population("b", 1, { tau_ref: 0.04 })] }), ctx);
    expect(codesAndPaths(bag.items)).toEqual([{ code: "TP3006", path: "/populations/0/params/tau_ref" }]);
  });

  it("reports TP3007 once per projection with the largest delay and the count over the limit", () => {
    const input = elaborated({
      populations: [population("a", 3), population("b", 3)],
      projections: [explicit("a_b", "a", "b", [[0, 0], [1, 1], [2, 2]], { delay: [70, 80, 5] })],
    });
    const { ctx, bag } = context();
    discretize.run(input, ctx);
    expect(codesAndPaths(bag.items)).toEqual([{ code: "TP3007", path: "/projections/0/delay" }]);
    expect(bag.items[0].message).toBe("Projection 'a_b' has delays up to 80 steps but target 'loihi-cuba' realises at most 62 (2 synapses over the limit).");
  });

  it("reports TP3008 when a delay is shorter than the target's latency allows", () => {
    // latency.neuron 2: a neuron spike arrives 2 steps later at least, the IR asks for 1 + 0.
    const target = targetWith({ neuron: { latency: { neuron: 2, input: 0 } } });
    const input = elaborated({
      populations: [population("a", 2), population("b", 2)],
      projections: [explicit("a_b", "a", "b", [[0, 0], [1, 1]], { delay: [0, 4] })],
    });
    const { ctx, bag } = context(target);
    const out = discretize.run(input, ctx);
    expect(out.projections[0].delayOffset).toBe(-1);
    expect(codes(bag.items)).toEqual(["TP3008"]);
    expect(bag.items[0].message).toBe("Projection 'a_b' has delays down to 0 steps but target 'loihi-cuba' realises at least 1 (1 synapse below it).");
  });

  it("never changes its input", () => {
    const input = elaborated({ populations: [population("a", 2)], inputs: [spikeInput("x", [[1], [2]])], projections: [allToAll("x_a", "x", "a")] });
    const before = JSON.stringify(input, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v));
    discretize.run(input, context(loihi()).ctx);
    expect(JSON.stringify(input, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v))).toBe(before);
  });
});

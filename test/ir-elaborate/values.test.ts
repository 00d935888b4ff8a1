// Weights, delays and initial values drawn from their ValueSpecs.
import { describe, expect, it } from "vitest";
import { elaborate, NORMAL_MAX_DRAWS } from "../../src/ir/elaborate.js";
import type { Projection, ValueSpec } from "../../src/ir/types.js";
import { network, population, projection } from "./build.js";

/** Synapses of an all-to-all projection 100 → 100 (10 000 synapses) with the given extras. */
function synapses(extra: Partial<Projection>, preSize = 100) {
  const net = elaborate(
    network({
      populations: [population("a", preSize), population("b", 100)],
      projections: [projection("p", "a", "b", { rule: "all_to_all" }, extra)],
    }),
  );
  return net.projections[0].synapses;
}

const mean = (values: ArrayLike<number>) => Array.from(values).reduce((sum, x) => sum + x, 0) / values.length;

describe("weights", () => {
  it("applies the sign: inhibitory weights are negative magnitudes", () => {
    expect(new Set(synapses({ weight: 2, sign: "inhibitory" }).weight)).toEqual(new Set([-2]));
    expect(new Set(synapses({ weight: 2 }).weight)).toEqual(new Set([2]));
  });

  it("draws uniform weights in [low, high) with the expected mean", () => {
    const { weight } = synapses({ weight: { uniform: [1, 3] } });
    expect(Math.min(...weight)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...weight)).toBeLessThan(3);
    // Uniform on [1, 3): sd 2/√12; the mean of 10 000 has sd 0.00577; 5 sigma = 0.029.
    expect(Math.abs(mean(weight) - 2)).toBeLessThan(0.029);
  });

  it("redraws bounded normal weights inside [min, max] instead of piling them on the bounds", () => {
    const { weight } = synapses({ weight: { normal: { mean: 1, std: 1, min: 0.5, max: 1.5 } } });
    expect(Math.min(...weight)).toBeGreaterThan(0.5);
    expect(Math.max(...weight)).toBeLessThan(1.5);
    // Normal truncated at ±0.5 sd: sd = sqrt(1 - 2·0.5·φ(0.5)/(Φ(0.5) - Φ(-0.5))) = 0.284;
    // the mean of 10 000 has sd 0.00284; 5 sigma = 0.0142.
    expect(Math.abs(mean(weight) - 1)).toBeLessThan(0.0142);
  });

  it(`clips to the nearer bound after ${NORMAL_MAX_DRAWS} draws miss [min, max]`, () => {
    const { weight } = synapses({ weight: { normal: { mean: 0, std: 1, min: 50, max: 60 } } }, 1);
    expect(new Set(weight)).toEqual(new Set([50]));
  });

  it("takes `values` in connection order", () => {
    const values = Array.from({ length: 10_000 }, (_, c) => c / 7);
    expect(Array.from(synapses({ weight: { values } }).weight)).toEqual(values);
  });
});

describe("delays", () => {
  it("draws uniform integer delays over the inclusive range", () => {
    const { delay } = synapses({ delay: { uniform: [1, 4] } });
    const counts = [0, 0, 0, 0, 0, 0];
    for (const d of delay) counts[d]++;
    expect(counts[0] + counts[5]).toBe(0);
    // Each of 1..4 is Binomial(10 000, 1/4): mean 2500, sd 43.3.
    for (const d of [1, 2, 3, 4]) expect(Math.abs(counts[d] - 2500)).toBeLessThan(5 * 43.3);
  });

  it("takes a constant or one value per synapse", () => {
    expect(new Set(synapses({ delay: 3 }).delay)).toEqual(new Set([3]));
    const values = Array.from({ length: 10_000 }, (_, c) => c % 17);
    expect(Array.from(synapses({ delay: { values } }).delay)).toEqual(values);
  });

  it("defaults to 0 steps", () => {
    const { delay: _omitted, ...rest } = projection("p", "a", "b", { rule: "all_to_all" });
    const net = elaborate(network({ populations: [population("a", 2), population("b", 2)], projections: [rest] }));
    expect(Array.from(net.projections[0].synapses.delay)).toEqual([0, 0, 0, 0]);
  });
});

describe("initial state", () => {
  const initialOf = (initial: { v?: ValueSpec; i_syn?: ValueSpec } | undefined, seed = 1) =>
    elaborate(network({ run: { dt: 1, duration: 10, seed }, populations: [population("a", 1000, { v_rest: -65 }, initial)] }))
      .populations[0];

  it("starts at v_rest with no synaptic current by default", () => {
    const { initialV, initialI } = initialOf(undefined);
    expect(new Set(initialV)).toEqual(new Set([-65]));
    expect(new Set(initialI)).toEqual(new Set([0]));
  });

  it("draws v and i_syn from their specs on separate streams", () => {
    const uniformV = initialOf({ v: { uniform: [-60, -50] } });
    expect(Math.min(...uniformV.initialV)).toBeGreaterThanOrEqual(-60);
    expect(Math.max(...uniformV.initialV)).toBeLessThan(-50);
    expect(new Set(uniformV.initialV).size).toBe(1000);
    const withCurrent = initialOf({ v: { uniform: [-60, -50] }, i_syn: { normal: { mean: 1, std: 0.1 } } });
    expect(withCurrent.initialV).toEqual(uniformV.initialV);
    expect(initialOf({ v: { uniform: [-60, -50] } }, 2).initialV).not.toEqual(uniformV.initialV);
  });

  it("takes one value per neuron", () => {
    const values = Array.from({ length: 1000 }, (_, i) => -70 + i / 100);
    expect(Array.from(initialOf({ v: { values } }).initialV)).toEqual(values);
  });
});

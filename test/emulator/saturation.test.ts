// Overflow counts per population: the fast emulator and the scalar interpreter report the same,
// they add up to the global counts, and they land on the population whose registers overflowed.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/passes/pipeline.js";
import { emulate, Emulator } from "../../src/emulator/emulator.js";
import { interpretScalar } from "../../src/emulator/scalar.js";
import { elaborateJson, exampleNetwork, adversarial, randomNetwork } from "../passes/precision-networks.js";
import { loihi, xyloStyle } from "../passes/helpers.js";
import type { Target } from "../../src/targets/types.js";

const compiled = (network: Record<string, unknown>, target: Target) => {
  const result = compile(elaborateJson(network), target);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result.value;
};

/** Σ over populations of one register's counts. */
const summed = (byPopulation: Readonly<Record<string, Readonly<Record<string, number>>>>, key: string) =>
  Object.values(byPopulation).reduce((sum, counts) => sum + (counts[key] ?? 0), 0);

describe("overflow per population", () => {
  const CASES = [
    { name: "examples/ei-network, every line every step", target: loihi, network: () => adversarial(exampleNetwork("ei-network", 40)) },
    { name: "random network 3, every line every step", target: xyloStyle, network: () => adversarial(randomNetwork(3, true)) },
  ];

  it.each(CASES)("$name: fast equals scalar, and the populations add up to the global counts", ({ target, network }) => {
    const config = compiled(network(), target());
    const fast = emulate(config);
    const slow = interpretScalar(config);
    expect(fast.overflowByPopulation).toEqual(slow.overflowByPopulation);
    const byPopulation = fast.overflowByPopulation!;
    expect(Object.keys(byPopulation)).toEqual(config.symbols.filter((s) => s.kind === "population").map((s) => s.id));
    for (const [key, total] of Object.entries(fast.overflow)) expect(summed(byPopulation, key)).toBe(total);
    expect(Object.values(fast.overflow).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it("counts only the population whose register overflowed", () => {
    // a and b alike, but only a is driven hard (two lines firing every step, weight 200): b stays quiet
    const network = {
      format: "tripart.network/1",
      run: { dt: 0.5, duration: 20, seed: 1 },
      populations: ["a", "b"].map((id) => ({ id, model: "lif", size: 3, params: { tau_m: 20, v_rest: -65, v_reset: -65, v_thresh: -50, tau_ref: 0, bias: 0 } })),
      inputs: [{ id: "x", kind: "spike_times", size: 2, times: [0, 1].map(() => Array.from({ length: 40 }, (_, t) => t * 0.5)) }],
      projections: [{ id: "x_a", pre: "x", post: "a", connect: { rule: "all_to_all" }, weight: 200, synapse: { kind: "exponential", tau: 5 }, sign: "excitatory" }],
      record: [],
    };
    const config = compiled(network, loihi());
    const emulator = new Emulator(config);
    for (let t = 0; t < config.steps; t++) emulator.step();
    const byPopulation = emulator.overflowByPopulation();
    expect(byPopulation.a["v.saturate"]).toBeGreaterThan(0);
    expect(byPopulation.b).toEqual({ "u.wrap": 0, "v.saturate": 0 });
    expect(interpretScalar(config).overflowByPopulation).toEqual(byPopulation);
  });
});

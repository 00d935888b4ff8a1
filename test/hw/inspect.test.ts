// inspectConfig on the SAMPLE config placed [a0 a1 | a2 b0 | b1] (see test/passes/route-emit.test.ts).
import { describe, expect, it } from "vitest";
import { inspectConfig } from "../../src/hw/inspect.js";
import { sampleConfig } from "../passes/helpers.js";

describe("inspectConfig", () => {
  const config = sampleConfig();
  const summary = inspectConfig(config);

  it("sums the totals", () => {
    // synapses 3 + 4 + 3; input axons 3 + 4 + 3; routes a0 2, a1 2, a2 2, b1 1, x0 2, x1 1
    expect(summary.totals).toEqual({ cores: 3, compartments: 5, synapses: 10, inputAxons: 10, routes: 10, formats: 4, inputLines: 4, inputSpikes: 4 });
    expect([summary.dtMs, summary.steps, summary.durationMs]).toEqual([0.1, 100, 10]);
    expect(summary.target).toEqual({ name: "loihi-cuba", version: "1.0.0" });
  });

  it("gives each core's use against the config's limits", () => {
    // output axons: core 0 = routes of a0, a1 (2 + 2); core 1 = a2 (2) + b0 (0); core 2 = b1 (1)
    expect(summary.cores.map((c) => [c.compartments.used, c.synapses.used, c.inputAxons.used, c.outputAxons.used, c.formats])).toEqual([
      [2, 3, 3, 4, 2],
      [2, 4, 4, 2, 1],
      [1, 3, 3, 1, 1],
    ]);
    expect(summary.cores[0].compartments).toEqual({ used: 2, limit: 2, percent: 100 });
    expect(summary.cores[1].synapses).toEqual({ used: 4, limit: 65536, percent: (100 * 4) / 65536 });
  });

  it("leaves out limits and shares when the config has no limits", () => {
    const { limits: _, ...bare } = config;
    expect(inspectConfig(bare).cores[0].compartments).toEqual({ used: 2 });
  });

  it("counts synapses per weight exponent and says where each symbol lives", () => {
    expect(summary.weightExponents).toEqual([{ exponent: 0, synapses: 10 }]);
    expect(summary.symbols.map((s) => [s.id, s.cores, s.external])).toEqual([
      ["a", [0, 1], false],
      ["b", [1, 2], false],
      ["x", [], false],
      ["y", [], false],
      ["z", [], true],
    ]);
    expect(summary.scales).toBe(config.scales);
  });
});

// The acceptance case of placement at scale: 100 000 neurons and 10 million synapses compile for
// loihi-cuba-board, placed by traffic, within a minute, with every per-core limit respected
// (verify-each runs every pass's invariant checks, the per-core limits among them).
import { describe, expect, it } from "vitest";
import { resolveTarget } from "../../src/targets/load.js";
import { loadNetwork } from "../../src/ir/load.js";
import { elaborate } from "../../src/ir/elaborate.js";
import { compile } from "../../src/passes/pipeline.js";
import { columnsNetwork } from "../../scripts/columns-network.js";
import type { Target } from "../../src/targets/types.js";

describe("placement at scale", () => {
  it("places 100 000 neurons and 10M synapses on a board in under a minute, every core within its limits", async () => {
    const target = await resolveTarget("loihi-cuba-board");
    const network = loadNetwork(columnsNetwork({ columns: 100, neuronsPerColumn: 1000, indegree: 100 }));
    if (!target.ok || !network.ok) throw new Error("inputs do not load");
    const elaborated = elaborate(network.value);
    expect(elaborated.projections.reduce((sum, p) => sum + p.synapses.post.length, 0)).toBe(10_000_000);
    const start = performance.now();
    const result = compile(elaborated, target.value as Target, { verifyEach: true });
    const seconds = (performance.now() - start) / 1000;
    expect(result.diagnostics).toEqual([]);
    expect(seconds).toBeLessThan(60);
    const u = result.reports.utilisation;
    if (u === undefined) throw new Error("no utilisation report");
    expect(u.strategy).toBe("traffic");
    for (const core of u.cores) for (const use of [core.neurons, core.synapses, core.inputAxons, core.outputAxons]) expect(use.used).toBeLessThanOrEqual(use.limit);
    expect(u.cores.reduce((sum, core) => sum + core.neurons.used, 0)).toBe(100_000);
    // Placing by traffic must beat IR order where it matters: messages that cross chips.
    const contiguous = u.traffic.contiguous;
    if (contiguous === undefined) throw new Error("no IR-order comparison");
    expect(u.traffic.placed.interChip).toBeLessThan(contiguous.interChip / 2);
  }, 120_000);
});

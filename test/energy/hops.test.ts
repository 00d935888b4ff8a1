// Router hops of a config with a placement: each message to another core costs the tile hops of
// its dimension-order path, worked out by hand on a 2 × 2-tile chip with 2 cores a tile.
import { describe, expect, it } from "vitest";
import { loadNetwork } from "../../src/ir/load.js";
import { elaborate } from "../../src/ir/elaborate.js";
import { compile } from "../../src/passes/pipeline.js";
import { emulate } from "../../src/emulator/emulator.js";
import { activityOf } from "../../src/energy/estimate.js";
import { resolveTarget } from "../../src/targets/load.js";
import type { HwConfig } from "../../src/hw/types.js";
import type { Target } from "../../src/targets/types.js";

const LIF = { tau_m: 10, v_rest: -65, v_reset: -65, v_thresh: -50, tau_ref: 2, bias: 0 };

/** A neuron driven to fire by its bias, sending to one silent neuron; one neuron a core. */
async function twoCores(): Promise<HwConfig> {
  const board = await resolveTarget("loihi-cuba-board");
  if (!board.ok) throw new Error("loihi-cuba-board does not load");
  const target: Target = { ...(board.value as Target), chip: { cores: 8, mesh: { columns: 2, rows: 2, coresPerTile: 2 } }, board: { chips: 1, columns: 1, rows: 1 } };
  const network = loadNetwork(JSON.stringify({
    format: "tripart.network/1",
    run: { dt: 1, duration: 200, seed: 1 },
    populations: [
      { id: "a", model: "lif", size: 1, params: { ...LIF, bias: 20 } },
      { id: "b", model: "lif", size: 1, params: LIF },
    ],
    inputs: [],
    projections: [{ id: "ab", pre: "a", post: "b", connect: { rule: "one_to_one" }, weight: 0.1, delay: 0, synapse: { kind: "exponential", tau: 5 }, sign: "excitatory" }],
    record: [{ population: "a", spikes: true }, { population: "b", spikes: true }],
  }));
  if (!network.ok) throw new Error("network does not load");
  const result = compile(elaborate(network.value), target, { maxNeuronsPerCore: 1, partitioner: "contiguous" });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("; "));
  return result.value;
}

describe("router hops with a placement", () => {
  it("costs 0 hops inside a tile, 1 to the next tile and 2 across the chip", async () => {
    const config = await twoCores();
    const { recording, counts } = emulate(config);
    const spikesOfA = recording.populations.find((p) => p.id === "a")?.spikes?.step.length ?? 0;
    expect(spikesOfA).toBeGreaterThan(5);
    const hops = (slot: number[]) => {
      const placed: HwConfig = { ...config, placement: { ...config.placement!, slot: Int32Array.from(slot) } };
      return activityOf(placed, counts, recording).totals.routerHop;
    };
    // Slots in bisection order of the 2 × 2 tiles: tile (0,0) holds slots 0–1, (0,1) 2–3, (1,0) 4–5, (1,1) 6–7.
    expect(hops([0, 1])).toBe(0);
    expect(hops([0, 2])).toBe(spikesOfA);
    expect(hops([0, 7])).toBe(2 * spikesOfA);
    const { placement: _, ...unplaced } = config;
    expect(activityOf(unplaced as HwConfig, counts, recording).totals.routerHop).toBe(spikesOfA);
  });
});

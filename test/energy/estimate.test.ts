// The estimate: a hand-built activity and the single-neuron config with hand-made counts give the
// hand-computed sums; rows add up to the totals on emulated runs of both families.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileAny, elaborate, emulateAny, estimateEnergy, estimateFromActivity, loadNetwork, resolveTarget, type AnyConfig, type EnergyTable, type Recording } from "../../src/index.js";
import { zeroCounts, type Activity } from "../../src/energy/activity.js";
import { example, REPO } from "../cli/helpers.js";

const TABLE: EnergyTable = {
  operations: {
    synapticOp: { energy: 2e-12, time: 1e-9, basis: "estimate", sources: ["test"] },
    neuronUpdate: { energy: 10e-12, time: 5e-9, basis: "estimate", sources: ["test"] },
    spike: { energy: 1e-12, time: 2e-9, basis: "estimate", sources: ["test"] },
    routerHop: { energy: 3e-12, time: 4e-9, basis: "estimate", sources: ["test"] },
    astrocyteUpdate: { energy: 100e-12, time: 50e-9, basis: "estimate", sources: ["test"] },
    synapseUpdate: { energy: 7e-12, basis: "estimate", sources: ["test"] },
  },
};

async function compiled(path: string, targetName: string): Promise<AnyConfig> {
  const network = loadNetwork(readFileSync(path, "utf8"));
  const target = await resolveTarget(targetName);
  if (!network.ok || !target.ok) throw new Error("example or target does not load");
  const result = compileAny(elaborate(network.value), target.value);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("; "));
  return result.value;
}

describe("estimateFromActivity", () => {
  it("prices a hand-built activity as the hand-computed sums", () => {
    const a = { ...zeroCounts(), neuronUpdate: 100, synapticOp: 40, spike: 4, astrocyteUpdate: 5, synapseUpdate: 3, weightWrite: 2 };
    const b = { ...zeroCounts(), neuronUpdate: 100, synapticOp: 10, spike: 1, routerHop: 6 };
    const total = zeroCounts();
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] = a[k] + b[k];
    const activity: Activity = {
      totals: total,
      rows: [
        { id: "a", kind: "population", counts: a },
        { id: "b", kind: "population", counts: b },
      ],
      cores: [a, b],
      deviceEnergy: {},
      steps: 10,
      dtMs: 1,
      notes: [],
    };
    const e = estimateFromActivity(activity, TABLE, { name: "t", version: "1" });
    const energyA = 100 * 10e-12 + 40 * 2e-12 + 4 * 1e-12 + 5 * 100e-12 + 3 * 7e-12;
    const energyB = 100 * 10e-12 + 10 * 2e-12 + 1 * 1e-12 + 6 * 3e-12;
    expect(e.energy).toBeCloseTo(energyA + energyB, 20);
    expect(e.populations.map((p) => p.energy)).toEqual([expect.closeTo(energyA, 20), expect.closeTo(energyB, 20)]);
    // core a: 100·5 + 40·1 + 4·2 + 5·50 ns (synapse updates have no time) = 798 ns over 10 steps; core b: 500 + 10 + 2 = 512 ns
    expect(e.coreStepTimes).toEqual([expect.closeTo(79.8e-9, 18), expect.closeTo(51.2e-9, 18)]);
    expect(e.stepTime).toBeCloseTo(79.8e-9 + 4e-9, 18); // slowest core + one hop
    expect(e.fasterThanRealTime).toBe(true);
    expect(e.realTimeFactor).toBeCloseTo(1e-3 / 83.8e-9, 3);
    expect(e.notCosted).toEqual({ energy: ["weightWrite"], time: ["synapseUpdate", "weightWrite"] });
  });

  it("adds the crossbar's device joules to their kind and shares them over rows by operation count", () => {
    const row = { ...zeroCounts(), deviceRead: 3 };
    const rest = { ...zeroCounts(), deviceRead: 1 };
    const activity: Activity = { totals: { ...zeroCounts(), deviceRead: 4 }, rows: [{ id: "p", kind: "population", counts: row }, { id: "(not attributed)", kind: "not attributed", counts: rest }], cores: [], deviceEnergy: { deviceRead: 8e-12 }, steps: 1, dtMs: 1, notes: [] };
    const e = estimateFromActivity(activity, { operations: { deviceRead: { time: 1e-8, basis: "modelled-on", sources: ["x"] } } }, { name: "t", version: "1" });
    expect(e.energy).toBeCloseTo(8e-12, 24);
    expect(e.populations.map((p) => p.energy)).toEqual([expect.closeTo(6e-12, 24), expect.closeTo(2e-12, 24)]);
    expect(e.notCosted.energy).toEqual([]);
  });
});

describe("estimateEnergy on configs", () => {
  it("single-neuron on loihi-cuba with hand-made counts equals the hand sum", async () => {
    const config = await compiled(example("single-neuron"), "loihi-cuba");
    const recording: Recording = {
      format: "tripart.recording/1",
      source: "emulator",
      dtMs: 1,
      steps: 200,
      populations: [{ id: "neuron", size: 1, spikes: { step: Int32Array.from([10, 20, 30, 40, 50]), neuron: new Int32Array(5) }, traces: [] }],
    };
    const e = estimateEnergy(config, { steps: 200, neuronUpdates: 200, synapticEvents: 28, spikes: 5 }, TABLE, recording);
    // 1 compartment × 200 steps; 23 + 5 input spikes reach one synapse each, from outside the core (one hop each); 5 spikes
    expect(e.kinds.find((k) => k.kind === "routerHop")?.count).toBe(28);
    expect(e.energy).toBeCloseTo(200 * 10e-12 + 28 * 2e-12 + 5 * 1e-12 + 28 * 3e-12, 20);
    expect(e.stepTime).toBeCloseTo((200 * 5e-9 + 28 * 1e-9 + 5 * 2e-9) / 200 + 4e-9, 18);
    expect(e.populations.map((p) => [p.id, p.counts.synapticOp])).toEqual([["neuron", 0], ["exc_in", 23], ["inh_in", 5], ["(not attributed)", 0]]);
  });

  it.each([
    ["ei-network on loihi-cuba", example("ei-network"), "loihi-cuba"],
    ["stdp-pattern on loihi-cuba", `${REPO}/examples/stdp-pattern/network.json`, "loihi-cuba"],
    ["tripartite synapse on glia-core", `${REPO}/examples/tripartite-synapse/network-additive.json`, "glia-core"],
  ])("%s: rows add up to the totals, kinds to the energy", async (_name, path, targetName) => {
    const config = await compiled(path, targetName);
    const target = await resolveTarget(targetName);
    if (!target.ok || target.value.energy === undefined) throw new Error("no energy table");
    const run = emulateAny(config);
    const e = estimateEnergy(config, run.counts, target.value.energy, run.recording);
    expect(e.energy).toBeGreaterThan(0);
    const sum = e.populations.reduce((s, p) => s + p.energy, 0);
    expect(Math.abs(sum - e.energy)).toBeLessThan(1e-9 * e.energy);
    expect(e.kinds.reduce((s, k) => s + k.energy, 0)).toBeCloseTo(e.energy, 15);
    for (const k of e.kinds) expect(e.populations.reduce((s, p) => s + p.counts[k.kind], 0)).toBeCloseTo(k.count, 6);
    expect(e.kinds.find((k) => k.kind === "synapticOp")?.count).toBe(run.counts.synapticEvents);
    expect(e.kinds.find((k) => k.kind === "neuronUpdate")?.count).toBe(run.counts.neuronUpdates);
    // the cores carry all of the timed work: Σ core time = Σ count × time (hops aside)
    const coreWork = e.coreStepTimes.reduce((s, t) => s + t, 0) * e.steps;
    const kindWork = e.kinds.filter((k) => k.kind !== "routerHop").reduce((s, k) => s + k.count * (k.timePerOp ?? 0), 0);
    expect(coreWork).toBeCloseTo(kindWork, 12);
  }, 60_000);

  it("glia-core: the partition's neurons per core place the work; without them cores are runs of maxNeurons", async () => {
    const config = await compiled(`${REPO}/examples/tripartite-synapse/network-additive.json`, "glia-core");
    const run = emulateAny(config);
    const placed = estimateEnergy(config, run.counts, TABLE, run.recording, { neuronsPerCore: [1, 1] });
    expect(placed.coreStepTimes).toHaveLength(2);
    const plain = estimateEnergy(config, run.counts, TABLE, run.recording);
    expect(plain.coreStepTimes).toHaveLength(1);
    // the same work, split over two cores that run in parallel: each core's time is less than the one core's
    expect(Math.max(...placed.coreStepTimes)).toBeLessThan(plain.coreStepTimes[0]);
    expect(placed.coreStepTimes.reduce((a, b) => a + b, 0)).toBeCloseTo(plain.coreStepTimes[0], 15);
    expect(placed.energy).toBe(plain.energy);
  });

  it("without counts, a recording alone gives the totals it shows", async () => {
    const config = await compiled(example("ei-network"), "loihi-cuba");
    const run = emulateAny(config);
    const e = estimateEnergy(config, undefined, TABLE, run.recording);
    expect(e.populations.at(-1)?.counts.synapticOp).toBe(0);
    expect(e.notes.join(" ")).toContain("no emulator counts");
  });
});

/**
 * Learning on glia-core is priced: a small plastic network (examples/astro-gated-stdp's cells,
 * learning by episode_stdp with two gate spikes, 200 ms) compiled for glia-core and emulated
 * leaves no learning kind uncosted, each learning kind costs its count times the table's figure,
 * and the synapse updates are the spikes' updates plus some of the gate and epoch-end passes.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileAny, elaborate, emulateAny, estimateEnergy, loadNetwork, resolveTarget, type EnergyTable, type OperationKind } from "../../src/index.js";
import { isGliaConfig } from "../../src/hw/any-config.js";
import { REPO } from "../cli/helpers.js";

const DURATION_MS = 200;
const GATE_TIMES_MS = [99.9, 199.9];

/** The example's network, shortened, with its rule replaced by episode_stdp gated by an input. */
function episodeNetwork(): string {
  const network = JSON.parse(readFileSync(`${REPO}/examples/astro-gated-stdp/network.json`, "utf8")) as Record<string, unknown> & { run: object };
  return JSON.stringify({
    ...network,
    run: { ...network.run, duration: DURATION_MS },
    inputs: [{ id: "episode_end", kind: "spike_times", size: 1, times: [GATE_TIMES_MS] }],
    plasticity: [
      { id: "gated", rule: "episode_stdp", pairing: "all_to_all", tau_plus: 20, tau_minus: 20, a_plus: 0.006, a_minus: 0.003, w_min: 0, w_max: 0.12, tau_c: 50, gate: [{ source: "episode_end", gain: 1 }] },
    ],
  });
}

async function tableOf(name: string): Promise<EnergyTable> {
  const target = await resolveTarget(name);
  if (!target.ok || target.value.energy === undefined) throw new Error(`${name} has no energy table`);
  return target.value.energy;
}

describe("learning energy on glia-core", () => {
  it("prices trace updates, synapse updates and weight writes as count × the table's figure", async () => {
    const network = loadNetwork(episodeNetwork());
    const target = await resolveTarget("glia-core");
    if (!network.ok || !target.ok || target.value.energy === undefined) throw new Error("network or target does not load");
    const table = target.value.energy;
    const compiled = compileAny(elaborate(network.value), target.value);
    if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join("; "));
    const config = compiled.value;
    const run = emulateAny(config);
    const counts = run.counts;
    expect(counts.learningTraceUpdates).toBeGreaterThan(0);
    expect(counts.weightWrites).toBeGreaterThan(0);

    const e = estimateEnergy(config, counts, table, run.recording);
    expect(e.notCosted.energy).not.toContain("traceUpdate");
    expect(e.notCosted.energy).not.toContain("weightWrite");
    expect(e.notCosted.time).not.toContain("traceUpdate");
    expect(e.notCosted.time).not.toContain("weightWrite");
    const learned: [OperationKind, number | undefined][] = [
      ["traceUpdate", counts.learningTraceUpdates],
      ["synapseUpdate", counts.learningSynapseUpdates],
      ["weightWrite", counts.weightWrites],
    ];
    for (const [kind, count] of learned) {
      const estimate = e.kinds.find((k) => k.kind === kind)!;
      expect(estimate.count).toBe(count);
      expect(estimate.energy).toBeCloseTo(count! * table.operations[kind]!.energy!, 18);
    }

    // Synapse updates: each spike of cell j updates the synapses from j (depression) and onto j
    // (potentiation); each gate spike and each epoch end (eligibility decay) adds one per synapse
    // whose eligibility is nonzero, at most N (test/emulator/learning-counts.test.ts counts them by hand).
    if (!isGliaConfig(config) || config.learning === undefined) throw new Error("a glia config that learns");
    const p = config.learning.projections[0];
    const n = p.synapsePre.length;
    const degree = (ends: Int32Array, j: number) => ends.reduce((sum, e) => sum + (e === j ? 1 : 0), 0);
    const cells = run.recording.populations.find((q) => q.id === "cells")!.spikes!;
    const atSpikes = Array.from(cells.neuron).reduce((sum, j) => sum + degree(p.synapsePre, j) + degree(p.synapsePost, j), 0);
    const epochEnds = Math.floor(counts.steps / config.learning.epoch);
    expect(p.eligibilityDecay).toBeGreaterThan(0);
    expect(counts.learningSynapseUpdates).toBeGreaterThan(atSpikes + epochEnds);
    expect(counts.learningSynapseUpdates).toBeLessThanOrEqual(atSpikes + GATE_TIMES_MS.length * n + epochEnds * n);
  }, 60_000);

  it("prices a trace update at one multiply-add unit and a weight write at two: Loihi's neuron update halved and whole", async () => {
    const glia = await tableOf("glia-core");
    const loihiUpdate = (await tableOf("loihi-cuba")).operations.neuronUpdate!;
    expect(glia.operations.traceUpdate).toMatchObject({ energy: expect.closeTo(loihiUpdate.energy! / 2, 20), time: expect.closeTo(loihiUpdate.time! / 2, 20), basis: "estimate" });
    expect(glia.operations.weightWrite).toMatchObject({ energy: expect.closeTo(loihiUpdate.energy!, 20), time: expect.closeTo(loihiUpdate.time!, 20), basis: "estimate" });
    expect(glia.notes).not.toMatch(/Not costed:[^.]*(trace updates|weight writes)/);
  });
});

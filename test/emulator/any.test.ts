// emulateAny runs a config in the emulator of its family and hands a closed-loop host to either.
import { describe, expect, it } from "vitest";
import { loadNetwork } from "../../src/ir/load.js";
import { elaborate } from "../../src/ir/elaborate.js";
import { resolveTarget } from "../../src/targets/load.js";
import { isGliaTarget } from "../../src/targets/glia-types.js";
import { compileGlia } from "../../src/passes/pipeline.js";
import { emulateAny } from "../../src/emulator/any.js";
import { emulateGlia } from "../../src/emulator/glia-emulator.js";
import type { Host } from "../../src/hw/host.js";

const network = {
  format: "tripart.network/1",
  run: { dt: 0.1, duration: 30, seed: 1 },
  populations: [{ id: "n", model: "izhikevich", size: 2, params: { a: 0.02, b: 0.2, c: -65, d: 8 } }],
  inputs: [{ id: "port", kind: "external", size: 1 }],
  projections: [{ id: "in", pre: "port", post: "n", connect: { rule: "all_to_all" }, weight: 5, synapse: { kind: "sigmoid_conductance", e_rev: 0, k: 0.2 } }],
  record: [{ population: "n", spikes: true, state: ["v"] }],
};

/** Injects the port every 10th step and counts the spikes the host sees. */
function pulsingHost(): Host & { seen: number } {
  const host = {
    seen: 0,
    beforeStep(step: number, inject: (input: string, index: number) => void) {
      if (step % 10 === 0) inject("port", 0);
    },
    afterStep(_step: number, spikes: readonly { population: string; neurons: Int32Array }[]) {
      for (const s of spikes) host.seen += s.neurons.length;
    },
  };
  return host;
}

describe("emulateAny", () => {
  it("hands a closed-loop host to the glia-core emulator, with the same result as calling it directly", async () => {
    const loaded = loadNetwork(JSON.stringify(network));
    expect(loaded.ok, JSON.stringify(loaded.diagnostics)).toBe(true);
    if (!loaded.ok) return;
    const target = await resolveTarget("glia-core");
    if (!target.ok || !isGliaTarget(target.value)) throw new Error("glia-core does not load");
    const compiled = compileGlia(elaborate(loaded.value), target.value);
    expect(compiled.ok, JSON.stringify(compiled.diagnostics)).toBe(true);
    if (!compiled.ok) return;
    const viaAny = pulsingHost();
    const direct = pulsingHost();
    const a = emulateAny(compiled.value, { host: viaAny });
    const b = emulateGlia(compiled.value, { host: direct });
    // The injected drive makes the neurons fire: without the host they would stay silent.
    expect(viaAny.seen).toBeGreaterThan(0);
    expect(viaAny.seen).toBe(direct.seen);
    expect(Array.from(a.recording.populations[0].spikes?.step ?? [])).toEqual(Array.from(b.recording.populations[0].spikes?.step ?? []));
    expect(emulateAny(compiled.value).counts.spikes).toBe(0);
  });
});

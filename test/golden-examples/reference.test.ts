// The reference simulator's exact bits on the examples, as fingerprints: a refactor of the
// float kernel (operation order, fused loops) must leave every spike and every trace value
// unchanged. The counts are the ones docs and example READMEs quote, cross-checked there
// against the emulator and, for CUBA, against Brian2's spike count on the same connectivity.
import { createHash } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { elaborate, loadNetworkFile, simulate, type Recording } from "../../src/index.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

function fingerprint(recording: Recording) {
  return recording.populations.map((population) => {
    const hash = createHash("sha256");
    if (population.spikes) {
      hash.update(new Uint8Array(population.spikes.step.buffer, population.spikes.step.byteOffset, population.spikes.step.byteLength));
      hash.update(new Uint8Array(population.spikes.neuron.buffer, population.spikes.neuron.byteOffset, population.spikes.neuron.byteLength));
    }
    for (const trace of population.traces) for (const row of trace.values) hash.update(new Uint8Array(row.buffer, row.byteOffset, row.byteLength));
    return { id: population.id, spikes: population.spikes?.step.length ?? 0, traces: population.traces.map((t) => t.variable), sha256: hash.digest("hex") };
  });
}

describe.each(["single-neuron", "ei-network", "cuba"])("reference on examples/%s", (example) => {
  it("reproduces its golden fingerprint bit for bit", async () => {
    const loaded = await loadNetworkFile(join(REPO, "examples", example, "network.json"));
    if (!loaded.ok) throw new Error(`examples/${example} does not load`);
    const result = simulate(elaborate(loaded.value));
    await expect(JSON.stringify({ counts: result.counts, populations: fingerprint(result.recording) }, null, 1) + "\n").toMatchFileSnapshot(
      `./reference/${example}.fingerprint.json`,
    );
  });
});

// examples/closed-loop: the host's rule holds in both engines' recordings, and they agree.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs example without type declarations
import { runClosedLoop } from "../../examples/closed-loop/run.mjs";
import type { Recording } from "../../src/index.js";

const EXAMPLE = join(resolve(dirname(fileURLToPath(import.meta.url)), "..", ".."), "examples", "closed-loop", "network.json");

const spikesOf = (rec: Recording, id: string, neuron: number): number[] => {
  const train = rec.populations.find((p) => p.id === id)?.spikes;
  if (!train) throw new Error(`no spikes recorded for ${id}`);
  return Array.from(train.step).filter((_, k) => train.neuron[k] === neuron);
};

describe("examples/closed-loop", () => {
  it("follows the host's rule in both engines, and the engines agree", async () => {
    const { reference, emulation, diff } = await runClosedLoop(EXAMPLE);
    expect(diff.ok && diff.value.pass).toBe(true);
    for (const rec of [reference.recording, emulation.recording] as Recording[]) {
      for (const i of [0, 1]) {
        const fired = spikesOf(rec, "neuron", i);
        const sensed = new Set(spikesOf(rec, "sensor", i));
        expect(fired.length).toBeGreaterThan(5);
        for (const s of fired) {
          // After a spike at s the sensor is silent for 20 + 10·i steps, then fires again.
          const pause = 20 + 10 * i;
          for (let t = s + 1; t <= s + pause && t < rec.steps; t++) expect(sensed.has(t), `sensor ${i} at ${t}`).toBe(false);
          if (s + pause + 1 < rec.steps) expect(sensed.has(s + pause + 1)).toBe(true);
        }
      }
      expect(spikesOf(rec, "neuron", 0)).toEqual(spikesOf(reference.recording, "neuron", 0));
    }
  });
});

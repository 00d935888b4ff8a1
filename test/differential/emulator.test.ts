// The fast emulator must equal the scalar interpreter (the living definition) to the bit:
// spikes, every raw and physical trace, overflow counts, event counts, final state and what a
// closed-loop host sees, on random configs of all three bundled targets' semantics.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectSameRun } from "./same-run.js";
import { randomConfig, TARGET_SEMANTICS, varySemantics } from "./random-config.js";

describe("differential: fast emulator vs scalar interpreter", () => {
  it("agree to the bit on 200 random configs", () => {
    const seen = { spikes: 0, overflow: 0, events: 0 };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: TARGET_SEMANTICS.length - 1 }),
        fc.integer({ min: 0, max: 4 }),
        (seed, targetIndex, variation) => {
          const semantics = varySemantics(TARGET_SEMANTICS[targetIndex].semantics, variation);
          const fast = expectSameRun(randomConfig(seed, semantics));
          seen.spikes += fast.counts.spikes;
          seen.events += fast.counts.synapticEvents;
          seen.overflow += Object.values(fast.overflow).reduce((a, b) => a + b, 0);
        },
      ),
      { numRuns: 200, seed: 20_260_417, endOnFailure: true },
    );
    // The generator must actually reach the interesting paths, or the property proves little.
    expect(seen.spikes).toBeGreaterThan(10_000);
    expect(seen.events).toBeGreaterThan(100_000);
    expect(seen.overflow).toBeGreaterThan(1_000);
  });

  it("agree to the bit when the host ends the run early, on 60 random configs", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: TARGET_SEMANTICS.length - 1 }),
        fc.integer({ min: 0, max: 299 }),
        (seed, targetIndex, stopAfter) => {
          const random = randomConfig(seed, TARGET_SEMANTICS[targetIndex].semantics);
          const fast = expectSameRun(random, stopAfter);
          expect(fast.recording.steps).toBe(Math.min(stopAfter + 1, random.config.steps));
          expect(fast.counts.steps).toBe(fast.recording.steps);
        },
      ),
      { numRuns: 60, seed: 20_261_206, endOnFailure: true },
    );
  });
});

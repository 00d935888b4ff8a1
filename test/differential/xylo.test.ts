// The fast emulator equals the scalar interpreter to the bit on random configs under the
// xylo-style semantics (shift decay, same-step input, subtractive multi-spike reset, 16-bit
// saturation) and variations of it that mix these rules with the Loihi-style ones.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import type { LifSemantics, Target } from "../../src/targets/types.js";
import { expectSameRun } from "./same-run.js";
import { randomConfig, TARGET_SEMANTICS } from "./random-config.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const xylo = (JSON.parse(readFileSync(join(ROOT, "targets", "xylo-style.json"), "utf8")) as Target).neuron;
const loihi = TARGET_SEMANTICS[0].semantics;

const VARIANTS: readonly LifSemantics[] = [
  xylo,
  { ...xylo, currentChannels: 1, threshold: { ...xylo.threshold, compare: ">" } },
  { ...xylo, inputTiming: "next-step", spikesPerStep: 3 },
  { ...xylo, reset: "zero", spikesPerStep: 1, refractory: { supported: true, maxSteps: 4 } }, // shift decay with the Loihi reset
  { ...loihi, reset: "subtract", spikesPerStep: 5, inputTiming: "same-step", refractory: { supported: false, maxSteps: 0 } }, // multiplied decay, Xylo reset
];

it("fast = scalar to the bit on 40 random xylo-style configs", () => {
  const seen = { spikes: 0, multi: 0, overflow: 0 };
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: VARIANTS.length - 1 }), (seed, variant) => {
      const fast = expectSameRun(randomConfig(seed, VARIANTS[variant]));
      seen.spikes += fast.counts.spikes;
      seen.overflow += Object.values(fast.overflow).reduce((a, b) => a + b, 0);
      for (const population of fast.recording.populations) {
        const train = population.spikes;
        if (train === undefined) continue;
        for (let i = 1; i < train.step.length; i++) if (train.step[i] === train.step[i - 1] && train.neuron[i] === train.neuron[i - 1]) seen.multi++;
      }
    }),
    { numRuns: 40, seed: 20_260_501, endOnFailure: true },
  );
  // The generator must reach multi-spike steps and saturation, or the property proves little.
  expect(seen.spikes).toBeGreaterThan(1_000);
  expect(seen.multi).toBeGreaterThan(100);
  expect(seen.overflow).toBeGreaterThan(20);
});

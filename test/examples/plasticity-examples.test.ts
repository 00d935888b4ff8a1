// examples/stdp-pattern and examples/reward-action: the committed networks are what their
// generators write, and on every learning target the emulated network learns what the reference
// learns (the same behaviour, weights correlated at 0.95 or better).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain .mjs examples without type declarations
import { makeNetwork as makePatternNetwork } from "../../examples/stdp-pattern/make-network.mjs";
// @ts-expect-error: plain .mjs examples without type declarations
import { runPattern } from "../../examples/stdp-pattern/run.mjs";
// @ts-expect-error: plain .mjs examples without type declarations
import { makeNetwork as makeRewardNetwork } from "../../examples/reward-action/make-network.mjs";
// @ts-expect-error: plain .mjs examples without type declarations
import { correctAction, runTask } from "../../examples/reward-action/run.mjs";

const TARGETS = ["loihi-cuba", "memristor-crossbar"] as const;
const PATTERN_MIN_CORRELATION: Record<(typeof TARGETS)[number], number> = { "loihi-cuba": 0.95, "memristor-crossbar": 0.95 };
const committed = (example: string): unknown => JSON.parse(readFileSync(new URL(`../../examples/${example}/network.json`, import.meta.url), "utf8"));

interface Detection {
  readonly hitRate: number;
  readonly falseAlarmHz: number;
}
interface PatternSide {
  readonly before: Detection;
  readonly after: Detection;
  readonly weights: { readonly early: number; readonly late: number; readonly noise: number };
}

describe("examples/stdp-pattern", () => {
  it("commits the network its generator writes", () => {
    expect(committed("stdp-pattern")).toEqual(JSON.parse(JSON.stringify(makePatternNetwork())));
  });

  it.each(TARGETS)("learns the pattern on %s as the reference does", async (target) => {
    const result = (await runPattern({ target })) as { reference: PatternSide; emulator: PatternSide; weights: { pearson: number } };
    for (const side of [result.reference, result.emulator]) {
      // Before learning the detector fires everywhere; after, on the pattern and nowhere else.
      expect(side.before.falseAlarmHz).toBeGreaterThan(5);
      expect(side.after.hitRate).toBeGreaterThanOrEqual(0.9);
      expect(side.after.falseAlarmHz).toBeLessThan(1);
    }
    const w = result.reference.weights;
    expect(w.early).toBeGreaterThan(w.noise);
    expect(w.noise).toBeGreaterThan(w.late);
    // The crossbar reaches it only because writes between two ADC levels are rounded to one of
    // them (docs/targets.md, "Writing"): verified against the half level they were lost, r = 0.90.
    expect(result.weights.pearson).toBeGreaterThanOrEqual(PATTERN_MIN_CORRELATION[target]);
  });
});

interface TaskSide {
  readonly accuracyFirst20: number;
  readonly accuracyLast20: number;
  readonly mapping: readonly number[];
}

describe("examples/reward-action", () => {
  it("commits the network its generator writes", () => {
    expect(committed("reward-action")).toEqual(JSON.parse(JSON.stringify(makeRewardNetwork())));
  });

  it.each(TARGETS)("learns the stimulus → action mapping on %s as the reference does", async (target) => {
    const result = (await runTask({ target })) as { reference: TaskSide; emulator: TaskSide; weights: { pearson: number } };
    const correct = [0, 1, 2, 3].map((s) => correctAction(s));
    for (const side of [result.reference, result.emulator]) {
      expect(side.accuracyFirst20).toBeLessThan(0.5);
      expect(side.accuracyLast20).toBeGreaterThanOrEqual(0.9);
      expect(side.mapping).toEqual(correct);
    }
    expect(result.weights.pearson).toBeGreaterThanOrEqual(0.95);
  });
});

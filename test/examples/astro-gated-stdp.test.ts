// examples/astro-gated-stdp: the committed network is what its generator writes; on the float
// reference and on the glia-core emulator a rule gated by the astrocyte (closed = 0) learns only
// while the gate is open, the control (closed = 1) also while it is closed, both sides learn the
// same thing (the change follows the presynaptic rate, the post neurons fire more), and the
// learned weights correlate at 0.95 or better.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain .mjs examples without type declarations
import { makeNetwork } from "../../examples/astro-gated-stdp/make-network.mjs";
// @ts-expect-error: plain .mjs examples without type declarations
import { runExample } from "../../examples/astro-gated-stdp/run.mjs";

interface Side {
  readonly gate: { readonly firstOpenMs: number | null; readonly openMs: number };
  readonly weightChange: { readonly open: number; readonly closed: number; readonly mixed: number };
  readonly meanWeight: { readonly initial: number; readonly final: number };
  readonly postSpikes: { readonly beforeGate: number; readonly lastDrive500ms: number };
  readonly changeFollowsRate: number;
}
interface Variant {
  readonly reference: Side;
  readonly emulator: Side;
  readonly weights: { readonly pearson: number };
}

describe("examples/astro-gated-stdp", () => {
  it("commits the network its generator writes", () => {
    const committed: unknown = JSON.parse(readFileSync(new URL("../../examples/astro-gated-stdp/network.json", import.meta.url), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(makeNetwork())));
  });

  it("learns only while the gate is open, on the reference and on glia-core alike", async () => {
    const result = (await runExample()) as { gated: Variant; control: Variant };
    for (const side of [result.gated.reference, result.gated.emulator]) {
      expect(side.gate.firstOpenMs).toBeGreaterThan(300);
      expect(side.gate.openMs).toBeGreaterThan(1000);
      // closed = 0: not one weight moves while the gate is closed; while it is open they do
      expect(side.weightChange.closed).toBe(0);
      expect(side.weightChange.open).toBeGreaterThan(1);
      expect(side.meanWeight.final).toBeGreaterThan(1.5 * side.meanWeight.initial);
      // the learned behaviour: faster presynaptic neurons gain more, and the post neurons fire more
      expect(side.changeFollowsRate).toBeGreaterThan(0.9);
      expect(side.postSpikes.lastDrive500ms).toBeGreaterThan(side.postSpikes.beforeGate);
    }
    for (const side of [result.control.reference, result.control.emulator]) {
      // closed = 1: the same rule learns before and between the gate's openings too
      expect(side.weightChange.closed).toBeGreaterThan(0.5);
      expect(side.meanWeight.final).toBeGreaterThan(side.meanWeight.initial);
    }
    expect(result.gated.weights.pearson).toBeGreaterThanOrEqual(0.95);
    expect(result.control.weights.pearson).toBeGreaterThanOrEqual(0.95);
  });
});

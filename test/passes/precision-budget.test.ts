// The error budget: each static projection gets the fewest weight mantissa bits whose relative RMS
// weight error meets the budget, measured here from the stored mantissas through effectiveWeight
// (what both emulators deliver) against the requested weights; one bit fewer would miss it; and
// the emitted formats run to the same bits in the fast emulator and the scalar interpreter.
import { describe, expect, it } from "vitest";
import { discretize } from "../../src/passes/discretize.js";
import { quantize, quantizeWeights } from "../../src/passes/quantize.js";
import { compile } from "../../src/passes/pipeline.js";
import { effectiveWeight } from "../../src/targets/fixed.js";
import { emulate } from "../../src/emulator/emulator.js";
import { interpretScalar } from "../../src/emulator/scalar.js";
import type { Elaborated } from "../../src/ir/elaborated.js";
import type { Target } from "../../src/targets/types.js";
import { context, loihi, xyloStyle } from "./helpers.js";
import { elaborateJson, exampleNetwork, randomNetwork } from "./precision-networks.js";

/** The relative RMS error of every projection's delivered weights, from the quantize stage. */
function measuredErrors(input: Elaborated, target: Target, errorBudget: number) {
  const { ctx, bag } = context(target, { errorBudget });
  const quantized = quantize.run(discretize.run(input, ctx), ctx);
  expect(bag.items.filter((d) => d.severity === "error")).toEqual([]);
  return quantized.projections.map((projection) => {
    const source = input.projections[projection.index];
    const post = quantized.populations[source.post];
    const scale = post.currentScale * projection.chargeScale;
    let error = 0;
    let norm = 0;
    for (let k = 0; k < projection.mantissa.length; k++) {
      const requested = source.synapses.weight[k] * scale;
      error += (effectiveWeight(projection.mantissa[k], projection.format, target.neuron.weight) - requested) ** 2;
      norm += requested ** 2;
    }
    const choice = quantized.report.precision!.weightBits!.find((w) => w.projection === projection.id)!;
    const fewer = choice.bits > 1
      ? quantizeWeights(source.synapses.weight, source.sign, scale, projection.format.channel, target.neuron, undefined, choice.bits - 1).achieved
      : Infinity;
    return { id: projection.id, bits: projection.format.weightBits, measured: Math.sqrt(error / norm), choice, fewer };
  });
}

describe("error budget", () => {
  const NETWORKS = [
    { name: "examples/ei-network", target: loihi, input: () => elaborateJson(exampleNetwork("ei-network", 20)) },
    { name: "random network 3", target: xyloStyle, input: () => elaborateJson(randomNetwork(3, true)) },
  ];

  it.each(NETWORKS)("$name: every projection meets the budget on its delivered weights with the fewest bits", ({ target, input }) => {
    const net = input();
    let previous: number[] | undefined;
    for (const budget of [0.02, 0.05, 0.2]) {
      const errors = measuredErrors(net, target(), budget);
      for (const e of errors) {
        expect(e.bits, e.id).toBe(e.choice.bits);
        expect(e.measured, e.id).toBeCloseTo(e.choice.achieved, 12);
        if (e.choice.meets) {
          expect(e.measured, `${e.id} at ${budget}`).toBeLessThanOrEqual(budget);
          expect(e.fewer, `${e.id}: one bit fewer at ${budget}`).toBeGreaterThan(budget);
        } else {
          expect(e.bits).toBe(e.choice.fullBits);
        }
      }
      const bits = errors.map((e) => e.bits);
      if (previous !== undefined) bits.forEach((b, i) => expect(b).toBeLessThanOrEqual(previous![i])); // a looser budget never needs more bits
      previous = bits;
    }
    expect(previous!.some((b, i) => b < measuredErrors(net, target(), 0.02)[i].choice.fullBits)).toBe(true);
  });

  it("configs with fewer weight bits run to the same bits in the fast emulator and the scalar interpreter", () => {
    const result = compile(elaborateJson(exampleNetwork("ei-network", 40)), loihi(), { errorBudget: 0.1 });
    expect(result.ok).toBe(true);
    const bits = new Set(result.value!.cores.flatMap((core) => core.formats.map((f) => f.weightBits)));
    expect([...bits].some((b) => b < 8)).toBe(true);
    const fast = emulate(result.value!);
    const slow = interpretScalar(result.value!);
    expect(fast.recording).toEqual(slow.recording);
    expect(fast.finalState).toEqual(slow.finalState);
  });
});

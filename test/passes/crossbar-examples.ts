// The scenarios of docs/diagnostics-passes.md for lower-crossbar's codes (TP3090–TP3096), checked
// by test/passes/docs.test.ts through EXAMPLES.
import type { Diagnostic } from "../../src/ir/diagnostics.js";
import { allToAll, population, spikeInput } from "./helpers.js";
import { crossbarTarget, lowerWith, plasticStub, twoByTwo } from "./crossbar-fixtures.js";

const weights = () => twoByTwo([1, 0.5, 0.25, 0.1]);

/** code → the diagnostics of its documented scenario. */
export const CROSSBAR_EXAMPLES: Readonly<Record<string, () => readonly Diagnostic[]>> = {
  TP3090: () => lowerWith(weights(), crossbarTarget((c) => void (c.read.voltage = 0.02))).diagnostics,
  TP3091: () => lowerWith(weights(), crossbarTarget((c) => ((c.tile = { rows: 1, columns: 2 }), (c.maxTiles = 3)))).diagnostics,
  TP3092: () => lowerWith(twoByTwo([1, 1, 1, 1]), crossbarTarget((c) => void (c.variation = { rOn: 0.3, rOff: 0, k: 0 }))).diagnostics,
  TP3093: () => lowerWith(weights(), crossbarTarget((c) => void (c.read.adcBits = 3))).diagnostics,
  TP3094: () => lowerWith(twoByTwo([1, 1, 0.5, 0.5]), crossbarTarget((c) => void (c.program.maxPulsesPerUpdate = 64)), [plasticStub("x_p", 255)]).diagnostics,
  TP3095: () =>
    lowerWith(
      weights(),
      crossbarTarget((c) => {
        c.device.window = { kind: "kvatinsky", aOn: 2e-9, aOff: 1.2e-9, wc: 107e-12 };
        c.program.maxPulsesPerUpdate = 100000;
      }),
      [plasticStub("x_p", 11)],
    ).diagnostics,
  TP3096: () =>
    lowerWith(
      { populations: [population("p", 4)], inputs: [spikeInput("x", [[1], [2], [3], [4], [5]])], projections: [allToAll("x_p", "x", "p")] },
      crossbarTarget((c) => void (c.variation = { rOn: 2, rOff: 2, k: 0 })),
    ).diagnostics,
};

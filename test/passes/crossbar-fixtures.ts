// Fixtures for the crossbar tests: the bundled crossbar section on the Loihi test target, and a
// runner of the LIF passes up to lower-crossbar that can hand the pass a learning section.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../../src/ir/diagnostics.js";
import type { Network } from "../../src/ir/types.js";
import type { Target } from "../../src/targets/types.js";
import type { CrossbarSemantics } from "../../src/targets/crossbar-types.js";
import type { HwConfig } from "../../src/hw/types.js";
import type { HwLearning, HwPlasticProjection } from "../../src/hw/learning-config.js";
import { discretize } from "../../src/passes/discretize.js";
import { quantize } from "../../src/passes/quantize.js";
import { partition } from "../../src/passes/partition.js";
import { route } from "../../src/passes/route.js";
import { emit } from "../../src/passes/emit.js";
import { lowerCrossbar, type CrossbarLowered } from "../../src/passes/lower-crossbar.js";
import type { Routed } from "../../src/passes/stages.js";
import { context, elaborated, explicit, loihi, population, REPO, spikeInput } from "./helpers.js";

type Parts = Partial<Omit<Network, "format">>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };

/** The crossbar section of targets/memristor-crossbar.json. */
export const bundledCrossbar = (): CrossbarSemantics => JSON.parse(readFileSync(join(REPO, "targets", "memristor-crossbar.json"), "utf8")).crossbar;

/** The Loihi test target with the bundled crossbar section, after `change`. */
export function crossbarTarget(change: (crossbar: Mutable<CrossbarSemantics>) => void = () => {}): Target {
  const crossbar = bundledCrossbar() as Mutable<CrossbarSemantics>;
  change(crossbar);
  return { ...loihi(), name: "memristor-crossbar", crossbar };
}

/** What a plastic projection needs for lower-crossbar: its id, sign and magnitude bounds (the rest is not read). */
export const plasticStub = (id: string, magnitudeMax: number, magnitudeMin = 0, sign: 1 | -1 = 1): HwPlasticProjection =>
  ({ id, sign, magnitudeMin, magnitudeMax }) as unknown as HwPlasticProjection;

export interface LoweredRun {
  readonly routed: Routed;
  readonly config: HwConfig;
  readonly lowered: CrossbarLowered;
  readonly diagnostics: readonly Diagnostic[];
  readonly stats: Record<string, number>;
}

/**
 * discretize → quantize → partition → route → emit on the Loihi semantics, then lower-crossbar
 * on `target`, with `plastic` standing in for lower-plasticity's learning section.
 */
export function lowerWith(parts: Parts, target: Target, plastic: readonly HwPlasticProjection[] = []): LoweredRun {
  const { ctx, bag, stats } = context(target);
  const routed = route.run(partition.run(quantize.run(discretize.run(elaborated(parts), ctx), ctx), ctx), ctx);
  const emitted = emit.run(routed, ctx);
  const learning = plastic.length > 0 ? ({ projections: plastic } as unknown as HwLearning) : undefined;
  const config: HwConfig = learning !== undefined ? { ...emitted, learning } : emitted;
  const lowered = lowerCrossbar.run({ routed, config }, ctx);
  lowerCrossbar.verify(lowered, ctx);
  return { routed, config, lowered, diagnostics: bag.items, stats };
}

/** x (two lines) → p (two neurons) with the given explicit weights on (0,0), (0,1), (1,0), (1,1). */
export const twoByTwo = (weight: readonly number[], sign: "excitatory" | "inhibitory" = "excitatory"): Parts => ({
  populations: [population("p", 2)],
  inputs: [spikeInput("x", [[1], [2]])],
  projections: [explicit("x_p", "x", "p", [[0, 0], [0, 1], [1, 0], [1, 1]], { weight, sign })],
});

// Hand-built plastic networks for the learning tests: the loader's elaboration of `plasticity`
// is not used; rules are attached to elaborated projections directly, defaults filled here.
// For driving the learning engines without a chip: a projection with stated defaults and a plain
// weight store.
import { asStage } from "../../src/ir/stage.js";
import type { Elaborated, ElaboratedPlasticity } from "../../src/ir/elaborated.js";
import type { Network } from "../../src/ir/types.js";
import type { WeightStore } from "../../src/emulator/weight-store.js";
import type { HwPlasticProjection } from "../../src/hw/learning-config.js";
import { STDP_DEFAULTS } from "../../src/ir/plasticity-types.js";
import { elaborated } from "../passes/helpers.js";

export type RuleSpec = Partial<ElaboratedPlasticity> & { readonly wMax: number };

/** An ElaboratedPlasticity with the IR's defaults (plasticity-types.ts) for what `spec` leaves out. */
export function rule(spec: RuleSpec, index = 0): ElaboratedPlasticity {
  return {
    id: `r${index}`,
    index,
    rule: "stdp",
    pairing: STDP_DEFAULTS.pairing,
    tauPlusMs: STDP_DEFAULTS.tau_plus,
    tauMinusMs: STDP_DEFAULTS.tau_minus,
    aPlus: STDP_DEFAULTS.a_plus,
    aMinus: STDP_DEFAULTS.a_minus,
    muPlus: STDP_DEFAULTS.mu_plus,
    muMinus: STDP_DEFAULTS.mu_minus,
    wMin: STDP_DEFAULTS.w_min,
    ...spec,
  };
}

/** `parts` elaborated, with rule k attached to the projection named by rules[k].projection. */
export function plastic(parts: Partial<Omit<Network, "format">>, rules: readonly { readonly projection: string; readonly rule: ElaboratedPlasticity }[]): Elaborated {
  const net = elaborated(parts);
  return asStage("elaborated", {
    ...net,
    projections: net.projections.map((projection) => {
      const found = rules.find((r) => r.projection === projection.id);
      return found === undefined ? projection : { ...projection, plasticity: found.rule };
    }),
  });
}

/** A weight store over a plain array of magnitudes (one projection), for driving the engines directly. */
export class MemoryStore implements WeightStore {
  constructor(readonly m: number[]) {}
  magnitude(_: number, s: number): number {
    return this.m[s];
  }
  write(_: number, s: number, magnitude: number): void {
    this.m[s] = magnitude;
  }
}

/**
 * An all_to_all additive projection x → n for driving the engines directly, stored at
 * synapseCore 0, synapseIndex s: impulse 1024, decay 10 % a step (6554 / 2^16), rates 1000 and
 * 600, magnitudes 0 … 60000; `parts` gives the synapses and whatever else differs.
 */
export function engineProjection(parts: Partial<HwPlasticProjection> & Pick<HwPlasticProjection, "synapsePre" | "synapsePost">): HwPlasticProjection {
  const count = parts.synapsePre.length;
  return {
    id: "x_n",
    rule: "stdp",
    pairing: "all_to_all",
    pre: "x",
    post: "n",
    sign: 1,
    synapseCore: new Int32Array(count),
    synapseIndex: Int32Array.from({ length: count }, (_, s) => s),
    traceImpulse: 1024,
    traceDecayPre: 6554,
    traceDecayPost: 6554,
    aPlus: 1000,
    aMinus: 600,
    muPlus: 0,
    muMinus: 0,
    magnitudeMin: 0,
    magnitudeMax: 60000,
    seed: 1,
    weightPerMantissa: 1,
    ...parts,
  };
}

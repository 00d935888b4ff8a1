// Hand-built plastic networks for the learning tests: the loader's elaboration of `plasticity`
// is not used; rules are attached to elaborated projections directly, defaults filled here.
import { asStage } from "../../src/ir/stage.js";
import type { Elaborated, ElaboratedPlasticity } from "../../src/ir/elaborated.js";
import type { Network } from "../../src/ir/types.js";
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

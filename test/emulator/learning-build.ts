// Hand-built plastic networks for the learning tests: the loader's elaboration of `plasticity`
// is not used; rules are attached to elaborated projections directly, defaults filled here.
import { asStage } from "../../src/ir/stage.js";
import type { Elaborated, ElaboratedPlasticity } from "../../src/ir/elaborated.js";
import type { Network } from "../../src/ir/types.js";
import { elaborated } from "../passes/helpers.js";

export type RuleSpec = Partial<ElaboratedPlasticity> & { readonly wMax: number };

/** An ElaboratedPlasticity with the IR's defaults (plasticity-types.ts) for what `spec` leaves out. */
export function rule(spec: RuleSpec, index = 0): ElaboratedPlasticity {
  return {
    id: `r${index}`,
    index,
    rule: "stdp",
    pairing: "all_to_all",
    tauPlusMs: 20,
    tauMinusMs: 20,
    aPlus: 0.01,
    aMinus: 0.01,
    muPlus: 0,
    muMinus: 0,
    wMin: 0,
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

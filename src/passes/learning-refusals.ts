/**
 * The learning refusals (TP3080–TP3084) of a network on a target, from the elaborated network
 * alone. The pipeline stops at its first failing pass, so a network refused earlier (a refractory
 * period, a weight) never reaches lower-plasticity; `tripart check` adds these so that a report
 * names every construct the target cannot hold. The checks are lower-plasticity's own.
 */
import type { ElaboratedNetwork } from "../ir/elaborated.js";
import { DiagnosticBag, type Diagnostic } from "../ir/diagnostics.js";
import type { AnyTarget } from "../targets/glia-types.js";
import { checkRule, refusePlasticity } from "./lower-plasticity.js";

export function learningRefusals(net: ElaboratedNetwork, target: AnyTarget, file?: string): Diagnostic[] {
  const bag = new DiagnosticBag(file);
  const plastic = net.projections.filter((projection) => projection.plasticity !== undefined);
  if (plastic.length === 0) return [];
  const learning = target.learning;
  if (learning === undefined) refusePlasticity(net, target.name, bag.report);
  else for (const projection of plastic) checkRule(projection.plasticity!, net, learning, target.name, bag.report);
  return bag.items;
}

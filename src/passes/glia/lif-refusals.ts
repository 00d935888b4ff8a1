/**
 * What a LIF target (loihi-cuba and its variants) cannot express, found before any LIF pass
 * runs: one TP303x error per construct, at that construct's pointer, with a hint naming
 * glia-core. Reads the checked IR (not only the elaborated arrays) so that a section the
 * elaborator does not fill yet is refused too: nothing may be dropped silently.
 */
import type { Reporter } from "../../ir/diagnostics.js";
import type { ElaboratedNetwork } from "../../ir/elaborated.js";
import { pointer } from "../../ir/pointer.js";
import type { Target } from "../../targets/types.js";

/** Reports every construct of `net` that `target` (a LIF target) cannot express. */
export function refuseOnLif(net: ElaboratedNetwork, target: Target, report: Reporter): void {
  const ir = net.network;
  const name = target.name;
  ir.populations.forEach((population, p) => {
    if (population.model !== "lif") report("TP3030", pointer("populations", p, "model"), { population: population.id, target: name });
    if (population.glutamate !== undefined) report("TP3035", pointer("populations", p, "glutamate"), { population: population.id, target: name });
  });
  ir.projections.forEach((projection, j) => {
    if (projection.synapse.kind === "sigmoid_conductance") {
      report("TP3031", pointer("projections", j, "synapse", "kind"), { projection: projection.id, target: name });
    }
  });
  // Hand-built networks may leave out the sections a LIF network does not use.
  (ir.currents ?? []).forEach((current, k) => {
    report("TP3032", pointer("currents", k), { current: current.id, population: current.population, target: name });
  });
  (ir.astrocytes ?? []).forEach((astrocytes, a) => report("TP3033", pointer("astrocytes", a), { astrocytes: astrocytes.id, target: name }));
  (ir.tripartite ?? []).forEach((coupling, t) => {
    report("TP3034", pointer("tripartite", t), { coupling: coupling.id, astrocytes: coupling.astrocytes, target: name });
  });
}

/**
 * The checks of a target's `energy` section (TP2160–TP2162) that the schema cannot make, for both
 * families: every listed operation states a figure, device costs belong to crossbar targets, an
 * astrocyte cost to targets with astrocyte units. A target without the section passes untouched.
 */
import { pointer } from "../ir/pointer.js";
import type { TargetRule, TargetReporter } from "./load.js";
import type { GliaTargetRule } from "./load.js";
import type { EnergyTable, OperationKind } from "./energy-types.js";

/** What the energy rules need to know of a target of either family. */
interface EnergyHost {
  readonly energy?: EnergyTable;
  readonly hasCrossbar: boolean;
  readonly hasAstrocytes: boolean;
}

const DEVICE_KINDS: readonly OperationKind[] = ["deviceRead", "devicePulse"];

function checkEnergy(host: EnergyHost, report: TargetReporter): void {
  const operations = host.energy?.operations;
  if (operations === undefined) return;
  for (const [kind, cost] of Object.entries(operations)) {
    const at = pointer("energy", "operations", kind);
    if (cost.energy === undefined && cost.time === undefined) report("TP2160", at, { kind });
    if (DEVICE_KINDS.includes(kind as OperationKind) && !host.hasCrossbar) report("TP2161", at, { kind });
    if (kind === "astrocyteUpdate" && !host.hasAstrocytes) report("TP2162", at, { kind });
  }
}

export const ENERGY_RULES: readonly TargetRule[] = [
  { name: "energy-costs", check: (target, report) => checkEnergy({ ...(target.energy !== undefined ? { energy: target.energy } : {}), hasCrossbar: target.crossbar !== undefined, hasAstrocytes: target.capabilities.astrocytes }, report) },
];

export const GLIA_ENERGY_RULES: readonly GliaTargetRule[] = [
  { name: "energy-costs", check: (target, report) => checkEnergy({ ...(target.energy !== undefined ? { energy: target.energy } : {}), hasCrossbar: false, hasAstrocytes: target.capabilities.astrocytes }, report) },
];

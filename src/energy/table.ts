/** The energy table of a target, or TP2163 when the target file has none. */
import { fail, makeDiagnostic, ok, type Result } from "../ir/diagnostics.js";
import { pointer } from "../ir/pointer.js";
import type { AnyTarget } from "../targets/glia-types.js";
import type { EnergyTable } from "../targets/energy-types.js";

export function energyTableOf(target: AnyTarget): Result<EnergyTable> {
  return target.energy !== undefined ? ok(target.energy) : fail([makeDiagnostic("TP2163", pointer("energy"), { target: target.name })]);
}

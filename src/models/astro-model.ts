/**
 * Picks the float right-hand side of an astrocyte population's model: the one place that maps
 * a model name to its class, so the reference and the calibration agree.
 */
import type { AstrocyteModel } from "../ir/astro-types.js";
import { unreachable } from "../util/assert.js";
import { Lr1994Float } from "./astro-lr1994.js";
import type { AstroFloatModel } from "./astro-rk4.js";
import { ReducedFloat } from "./astro-reduced.js";
import { UllahFloat } from "./astro-ullah.js";

/** The float model of `astrocytes` (its model name and parameters). */
export function astroFloatModel(astrocytes: AstrocyteModel): AstroFloatModel {
  switch (astrocytes.model) {
    case "ullah2006":
      return new UllahFloat(astrocytes.params);
    case "lr1994":
      return new Lr1994Float(astrocytes.params);
    case "reduced":
      return new ReducedFloat(astrocytes.params);
    default:
      return unreachable(astrocytes, "astrocyte model");
  }
}

/**
 * The loader's checks of a LIF target's `capabilities` against what its semantics compute: the
 * CUBA LIF compartment runs the "lif" model with "exponential" (current-based) synapses and has
 * no astrocyte units (TP2150, TP2151). glia-core's counterparts are TP2114 and TP2115 (load.ts).
 */
import { pointer } from "../ir/pointer.js";
import type { TargetRule } from "./load.js";

/** What the LIF compartment (docs/semantics-integer.md) implements, by capability list. */
const LIF_IMPLEMENTS = { models: ["lif"], synapses: ["exponential"] } as const;

export const CAPABILITY_RULES: readonly TargetRule[] = [
  {
    name: "lif-capabilities",
    check(target, report) {
      for (const field of ["models", "synapses"] as const) {
        const implemented: readonly string[] = LIF_IMPLEMENTS[field];
        target.capabilities[field].forEach((item, i) => {
          if (!implemented.includes(item)) report("TP2150", pointer("capabilities", field, i), { item, field: `capabilities.${field}`, implemented: implemented.join(", ") });
        });
      }
      if (target.capabilities.astrocytes) report("TP2151", pointer("capabilities", "astrocytes"));
    },
  },
];

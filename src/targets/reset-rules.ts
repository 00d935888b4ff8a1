/**
 * The semantic checks of the Xylo-style neuron fields (TP2140–TP2142) that the schema cannot
 * make: several spikes a step need a subtractive reset, a subtractive reset has no refractory
 * hold, and a shift decay has no offsets. Run by the target loader after the schema; a target
 * without these fields passes untouched.
 */
import { pointer } from "../ir/pointer.js";
import type { TargetRule } from "./load.js";

/** The rules of reset, spike cap and decay form, in order; every rule always runs. */
export const RESET_RULES: readonly TargetRule[] = [
  {
    name: "multi-spike-reset",
    check(target, report) {
      const n = target.neuron;
      const cap = n.spikesPerStep ?? 1;
      if (cap > 1 && n.reset !== "subtract") report("TP2140", pointer("neuron", "spikesPerStep"), { cap, reset: n.reset });
    },
  },
  {
    name: "subtract-no-refractory",
    check(target, report) {
      const n = target.neuron;
      if (n.reset === "subtract" && n.refractory.supported) report("TP2141", pointer("neuron", "refractory", "supported"), {});
    },
  },
  {
    name: "shift-decay-offsets",
    check(target, report) {
      const d = target.neuron.decay;
      if (d.form !== "shift") return;
      for (const field of ["currentOffset", "voltageOffset"] as const) {
        if (d[field] !== 0) report("TP2142", pointer("neuron", "decay", field), { field: `decay.${field}`, value: d[field] });
      }
    },
  },
];

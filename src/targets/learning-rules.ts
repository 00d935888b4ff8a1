/**
 * The loader's rules for a LIF target's `learning` section (TP2120–TP2129): what the schema
 * cannot say about it. Widths must leave room for the values docs/semantics-learning.md puts in
 * them, and every product the learning engines form must stay exact in float64 (below 2^53).
 */
import { pointer } from "../ir/pointer.js";
import type { TargetRule } from "./load.js";

/** Magnitude bits a double holds exactly (plus its sign). */
const EXACT_MAGNITUDE_BITS = 52;

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));

export const LEARNING_RULES: readonly TargetRule[] = [
  {
    name: "learning-capabilities",
    check(target, report) {
      const listed = target.capabilities.plasticity;
      const rules: readonly string[] = target.learning?.rules ?? [];
      if (!sameSet(listed, rules)) {
        report("TP2120", pointer("capabilities", "plasticity"), {
          capabilities: listed.length > 0 ? listed.join(", ") : "none",
          rules: target.learning === undefined ? "no learning section" : rules.length > 0 ? rules.join(", ") : "none",
        });
      }
    },
  },
  {
    name: "learning-widths",
    check(target, report) {
      const learning = target.learning;
      if (learning === undefined) return;
      const { epoch, accumulator, modulator, trace } = learning;
      if (epoch.default > epoch.max) report("TP2121", pointer("learning", "epoch", "default"), { default: epoch.default, max: epoch.max });
      if (accumulator.fractionBits > accumulator.bits - 2) report("TP2122", pointer("learning", "accumulator", "fractionBits"), accumulator);
      if (learning.weightBits > target.neuron.weight.mantissaBits) {
        report("TP2123", pointer("learning", "weightBits"), { weightBits: learning.weightBits, mantissaBits: target.neuron.weight.mantissaBits });
      }
      if (trace.bits < 2) report("TP2128", pointer("learning", "trace", "bits"), { bits: trace.bits });
      if (modulator.fractionBits > modulator.bits - 2) report("TP2129", pointer("learning", "modulator", "fractionBits"), modulator);
    },
  },
  {
    name: "learning-exact-products",
    check(target, report) {
      const learning = target.learning;
      if (learning === undefined) return;
      const { trace, accumulator, modulator, eligibility, epoch, weightBits } = learning;
      const acc = accumulator.bits - 1; // magnitude bits of an accumulator or eligibility value
      const mod = modulator.bits - 1;
      // nSum adds epoch.max values of |n − b| < 2^modulator.bits
      const nSum = modulator.bits + Math.ceil(Math.log2(epoch.max));
      const products: [string, number, string, string][] = [
        [`The trace decay (${trace.bits}-bit trace times a ${trace.decayBits}-bit factor)`, trace.bits + trace.decayBits, "trace", "learning.trace.bits or learning.trace.decayBits"],
        [`The soft-bound update (a rate of ${accumulator.bits} bits times a trace of ${trace.bits} bits times a magnitude of ${weightBits} bits)`, acc + trace.bits + weightBits, "accumulator", "learning.accumulator.bits, learning.trace.bits or learning.weightBits"],
        [`The eligibility decay (${accumulator.bits}-bit eligibility times a ${eligibility.decayBits}-bit factor)`, acc + eligibility.decayBits, "eligibility", "learning.accumulator.bits or learning.eligibility.decayBits"],
        [`The modulator decay (${modulator.bits}-bit modulator times a ${modulator.decayBits}-bit factor)`, mod + modulator.decayBits, "modulator", "learning.modulator.bits or learning.modulator.decayBits"],
        [`The reward update (${accumulator.bits}-bit eligibility times a modulator sum over ${epoch.max} steps)`, acc + nSum, "modulator", "learning.accumulator.bits, learning.modulator.bits or learning.epoch.max"],
      ];
      for (const [what, needed, field, fields] of products) {
        if (needed > EXACT_MAGNITUDE_BITS) report("TP2124", pointer("learning", field), { what, needed, fields });
      }
    },
  },
  {
    name: "learning-engine",
    check(target, report) {
      const learning = target.learning;
      if (learning === undefined) return;
      learning.pairings.forEach((pairing, i) => {
        if (pairing === "nearest_pre_centred") report("TP2125", pointer("learning", "pairings", i));
      });
      learning.boundExponents.forEach((value, i) => {
        if (value !== 0 && value !== 1) report("TP2126", pointer("learning", "boundExponents", i), { value });
      });
      if (learning.astrocyteModulation && !target.capabilities.astrocytes) report("TP2127", pointer("learning", "astrocyteModulation"));
    },
  },
];

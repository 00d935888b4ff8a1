/**
 * The loader's rules for a target's `learning` section (TP2120–TP2129), for both families: what
 * the schema cannot say about it. Widths must leave room for the values docs/semantics-learning.md
 * puts in them, and every product the learning engines form must stay exact in float64 (below
 * 2^53). The rules read a LearningHost, the few fields of either family's target they need.
 */
import { pointer } from "../ir/pointer.js";
import type { GliaTargetRule, TargetReporter, TargetRule } from "./load.js";
import type { GliaTarget } from "./glia-types.js";
import { DEFAULT_TRACE_PILE_UP, type LearningSemantics } from "./learning-types.js";
import type { Target } from "./types.js";

/** What the learning rules read of a target of either family. */
interface LearningHost {
  readonly learning?: LearningSemantics;
  readonly capabilities: { readonly plasticity: readonly string[]; readonly astrocytes: boolean };
  /** The widest weight mantissa the synapse memory holds (LIF: neuron.weight.mantissaBits; glia-core: semantics.synapse.weightBits). */
  readonly mantissaBits: number;
  /** Astrocyte Ca register width: the Ca ramp of astrocyte-modulated learning multiplies a Ca difference. */
  readonly astrocyteStateBits: number;
}

interface LearningRule {
  readonly name: string;
  check(target: LearningHost, report: TargetReporter): void;
}

/** Magnitude bits a double holds exactly (plus its sign). */
const EXACT_MAGNITUDE_BITS = 52;

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));

const RULES: readonly LearningRule[] = [
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
      if (learning.weightBits > target.mantissaBits) {
        report("TP2123", pointer("learning", "weightBits"), { weightBits: learning.weightBits, mantissaBits: target.mantissaBits });
      }
      const pileUp = trace.pileUp ?? DEFAULT_TRACE_PILE_UP;
      const powerOfTwo = Number.isInteger(Math.log2(pileUp));
      if (!powerOfTwo || pileUp > 2 ** trace.bits) {
        report("TP2128", pointer("learning", "trace", trace.pileUp === undefined ? "bits" : "pileUp"), { bits: trace.bits, pileUp, max: 2 ** trace.bits });
      }
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
      if (learning.astrocyteModulation) {
        products.push(
          [`The modulated increment (${accumulator.bits}-bit increment times a ${modulator.bits}-bit factor)`, acc + mod, "modulator", "learning.accumulator.bits or learning.modulator.bits"],
          [`The Ca ramp (a ${modulator.bits + 1}-bit factor difference times a ${target.astrocyteStateBits}-bit Ca difference)`, modulator.bits + target.astrocyteStateBits, "modulator", "learning.modulator.bits"],
        );
      }
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

const lifHost = (target: Target): LearningHost => ({
  ...(target.learning !== undefined ? { learning: target.learning } : {}),
  capabilities: target.capabilities,
  mantissaBits: target.neuron.weight.mantissaBits,
  astrocyteStateBits: 0,
});

const gliaHost = (target: GliaTarget): LearningHost => ({
  ...(target.learning !== undefined ? { learning: target.learning } : {}),
  capabilities: target.capabilities,
  mantissaBits: target.semantics.synapse.weightBits,
  astrocyteStateBits: target.semantics.astrocyte.stateBits,
});

/** The rules on a LIF target (TARGET_RULES). */
export const LEARNING_RULES: readonly TargetRule[] = RULES.map((rule) => ({ name: rule.name, check: (target, report) => rule.check(lifHost(target), report) }));

/** The same rules on a glia-core target (GLIA_TARGET_RULES). */
export const GLIA_LEARNING_RULES: readonly GliaTargetRule[] = RULES.map((rule) => ({ name: rule.name, check: (target, report) => rule.check(gliaHost(target), report) }));

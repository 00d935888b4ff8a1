/**
 * What the learning checks (validate-learning.ts) need to know of a config family: its spike
 * sources (populations and inputs) by id, the widths and signs its stored weights allow, its
 * astrocyte groups, and where a plastic synapse's (synapseCore, synapseIndex) slot points. LIF
 * configs store synapses per core (the slot is a core and its synapse arrays); glia-core configs
 * per projection (the slot is a projection and its CSR entry).
 */
import type { GliaConfig } from "./glia-config.js";
import type { HwPlasticProjection } from "./learning-config.js";
import type { HwConfig } from "./types.js";

/** A spike source a plastic projection or a third factor may name. */
export interface LearningSymbolInfo {
  readonly id: string;
  readonly kind: "population" | "input";
  readonly size: number;
}

export interface LearningLayout {
  readonly symbols: ReadonlyMap<string, LearningSymbolInfo>;
  /** The widest stored weight magnitude, and the words that name it in a message. */
  readonly weightBits: { readonly bits: number; readonly words: string };
  /** The signs a plastic projection may have, and the words that state them. */
  readonly signs: { readonly allowed: readonly number[]; readonly words: string };
  /** Astrocyte groups in config order (astrocyte-gated learning); none on LIF configs. */
  readonly astrocytes: readonly { readonly id: string; readonly size: number }[];
  /** A stored slot in words: where it is ("core 1, synapse 2") and its name ("Synapse 2 of core 1"). */
  slot(core: number, index: number): { readonly at: string; readonly name: string };
  /**
   * Why synapse k of `p` is not stored where its synapseCore and synapseIndex say, or undefined
   * when it is. Called once its pre and post symbols exist and its elements lie within them.
   */
  storedProblem(p: HwPlasticProjection, k: number): string | undefined;
}

/** LIF configs: the slot is a core's synapse, whose target is the post neuron's compartment. */
export function lifLearningLayout(config: HwConfig): LearningLayout {
  const symbols = new Map(config.symbols.map((symbol) => [symbol.id, symbol] as const));
  return {
    symbols,
    weightBits: { bits: config.semantics.weight.mantissaBits, words: "the config's weight mantissa bits" },
    signs: { allowed: [1, -1], words: "it must be 1 or -1" },
    astrocytes: [],
    slot: (core, index) => ({ at: `core ${core}, synapse ${index}`, name: `Synapse ${index} of core ${core}` }),
    storedProblem(p, k) {
      const core = p.synapseCore[k], index = p.synapseIndex[k], neuron = p.synapsePost[k];
      const post = symbols.get(p.post)!;
      const stored = config.cores[core]?.synapses;
      if (stored === undefined) return `but the config has ${config.cores.length} cores`;
      if (!(index >= 0 && index < stored.target.length)) return `but that core has ${stored.target.length} synapses`;
      if (post.core[neuron] !== core || post.local[neuron] !== stored.target[index]) {
        return `whose target is compartment ${stored.target[index]} of core ${core}, not post neuron ${neuron} of '${post.id}' (compartment ${post.local[neuron]} of core ${post.core[neuron]})`;
      }
      return undefined;
    },
  };
}

/** Global index of element 0 of a glia symbol: a neuron for populations, a line for inputs. */
interface GliaSymbol extends LearningSymbolInfo {
  readonly offset: number;
}

/**
 * glia-core configs: the slot is a projection's CSR entry, in the row of the pre element and
 * ending on the post neuron (global neuron and line indices, so a slot of another projection
 * between the same populations is told apart too).
 */
export function gliaLearningLayout(config: GliaConfig): LearningLayout {
  const symbols = new Map<string, GliaSymbol>([
    ...config.neurons.map((g) => [g.population, { id: g.population, kind: "population" as const, size: g.size, offset: g.offset }] as const),
    ...config.inputs.symbols.map((s) => [s.id, { id: s.id, kind: "input" as const, size: s.size, offset: s.offset }] as const),
  ]);
  return {
    symbols,
    weightBits: { bits: config.semantics.synapse.weightBits, words: "the config's synapse weight bits" },
    // weights are conductances, so learning moves an unsigned magnitude
    signs: { allowed: [1], words: "it must be 1 (glia-core weights are unsigned conductances)" },
    astrocytes: config.astrocytes.map((a) => ({ id: a.id, size: a.size })),
    slot: (projection, index) => ({ at: `projection ${projection}, synapse ${index}`, name: `Synapse ${index} of projection ${projection}` }),
    storedProblem(p, k) {
      const j = p.synapseCore[k], index = p.synapseIndex[k];
      const stored = config.projections[j];
      if (stored === undefined) return `but the config has ${config.projections.length} projections`;
      if (!(index >= 0 && index < stored.post.length)) return `but that projection has ${stored.post.length} synapses`;
      const pre = symbols.get(p.pre)!, post = symbols.get(p.post)!;
      const postNeuron = post.offset + p.synapsePost[k];
      if (stored.postOffset + stored.post[index] !== postNeuron) {
        return `whose post is neuron ${stored.postOffset + stored.post[index]}, not post neuron ${p.synapsePost[k]} of '${post.id}' (neuron ${postNeuron})`;
      }
      const row = rowOf(stored.rowStart, index);
      const preKind = pre.kind === "population" ? "neurons" : "inputs";
      const element = pre.offset + p.synapsePre[k];
      if (stored.pre.kind !== preKind || stored.pre.offset + row !== element) {
        const unit = (kind: string) => (kind === "neurons" ? "neuron" : "input line");
        return `whose pre is ${unit(stored.pre.kind)} ${stored.pre.offset + row}, not pre element ${p.synapsePre[k]} of '${pre.id}' (${unit(preKind)} ${element})`;
      }
      return undefined;
    },
  };
}

/** The CSR row holding entry `index`: the last r with rowStart[r] ≤ index. */
function rowOf(rowStart: Int32Array, index: number): number {
  let lo = 0, hi = rowStart.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (rowStart[mid] <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Where the learning engines read and write plastic weights (docs/semantics-learning.md). Both
 * engines go through a WeightStore for every magnitude they use and every write they make, and
 * never cache a magnitude: a store may hold weights in devices that do not land exactly where
 * they were written (a memristive crossbar), so the next read must ask the store again.
 * Synapses are named by plastic projection (position in HwConfig.learning.projections) and by
 * synapse (the projection's elaborated CSR order, as in HwPlasticProjection.synapsePre).
 */
import type { HwConfig } from "../hw/types.js";
import type { GliaConfig } from "../hw/glia-config.js";
import type { HwLearning } from "../hw/learning-config.js";
import { assert } from "../util/assert.js";

/** The plastic weights as the learning rule sees them: unsigned magnitudes of stored mantissas. */
export interface WeightStore {
  /** The stored magnitude |m| of one plastic synapse, as the hardware would read it now. */
  magnitude(projection: number, synapse: number): number;
  /** Stores magnitude |m| (the sign of the projection is kept); what lands may differ for analog stores. */
  write(projection: number, synapse: number, magnitude: number): void;
}

/**
 * What delivers spikes: told the signed mantissa that now sits in a core's synapse entry, so the
 * next spike through it carries the new weight. The fast emulator rewrites its synapse table
 * entry (the effective weight), the scalar interpreter its own copy of the mantissas.
 */
export interface SynapseSink {
  setMantissa(core: number, index: number, mantissa: number): void;
}

/** The stored signed mantissa of a synapse entry (core, index) of a config, or undefined when there is none. */
export type MantissaReader = (core: number, index: number) => number | undefined;

/**
 * Digital synapse memory: a magnitude is exactly what was last written. Keeps its own copy of
 * the magnitudes (the config is never mutated) and tells the sink every write. On glia-core a
 * "core" of a plastic synapse is its projection and the index its CSR entry (GliaConfig.learning).
 */
export class DigitalWeightStore implements WeightStore {
  private readonly magnitudes: Int32Array[];
  private readonly signs: Int8Array;
  private readonly cores: Int32Array[];
  private readonly indices: Int32Array[];

  constructor(learning: HwLearning, stored: MantissaReader, private readonly sink: SynapseSink) {
    this.signs = Int8Array.from(learning.projections, (p) => p.sign);
    this.cores = learning.projections.map((p) => p.synapseCore);
    this.indices = learning.projections.map((p) => p.synapseIndex);
    this.magnitudes = learning.projections.map((p) => {
      const n = p.synapsePre.length;
      assert(p.synapseCore.length === n && p.synapseIndex.length === n && p.synapsePost.length === n, `learning: projection '${p.id}' synapse arrays differ in length`);
      const magnitudes = new Int32Array(n);
      for (let s = 0; s < n; s++) {
        const mantissa = stored(p.synapseCore[s], p.synapseIndex[s]);
        if (mantissa === undefined) assert(false, `learning: synapse ${s} of '${p.id}' names a missing synapse entry`);
        magnitudes[s] = Math.abs(mantissa);
      }
      return magnitudes;
    });
  }

  magnitude(projection: number, synapse: number): number {
    return this.magnitudes[projection][synapse];
  }

  write(projection: number, synapse: number, magnitude: number): void {
    this.magnitudes[projection][synapse] = magnitude;
    // 0·sign must stay +0 for an inhibitory synapse: a mantissa is an integer.
    this.sink.setMantissa(this.cores[projection][synapse], this.indices[projection][synapse], magnitude === 0 ? 0 : this.signs[projection] * magnitude);
  }
}

/** Builds the store an emulation runs with; the sink is the engine's spike path. */
export type WeightStoreFactory = (config: HwConfig, sink: SynapseSink) => WeightStore;

/** The default: digital synapse memory. */
export const digitalWeightStore: WeightStoreFactory = (config, sink) => {
  assert(config.learning !== undefined, "a weight store for a config that does not learn");
  return new DigitalWeightStore(config.learning, (core, index) => entryOf(config.cores[core]?.synapses.mantissa, index), sink);
};

/** Digital synapse memory of a glia config: weights of GliaConfig.projections[core].weight[index]. */
export function gliaWeightStore(config: GliaConfig, sink: SynapseSink): WeightStore {
  assert(config.learning !== undefined, "a weight store for a glia config that does not learn");
  return new DigitalWeightStore(config.learning, (core, index) => entryOf(config.projections[core]?.weight, index), sink);
}

const entryOf = (entries: Int32Array | undefined, index: number): number | undefined =>
  entries !== undefined && index >= 0 && index < entries.length ? entries[index] : undefined;

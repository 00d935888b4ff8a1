/**
 * Astrocyte → neuron effects of the float reference ("sic", "current"): computed at the end of
 * step s from each owner's state at that moment, added to the owned neurons' input current of
 * step s + 1 (docs/semantics-float.md "Neuron–astrocyte networks"). Owner rules "last" and
 * "first" use the elaborated ownerOf; "max" takes the largest effect over the covering
 * astrocytes (any open gate for "current"). Allocation-free per step.
 */
import type { NeuronEffect } from "../ir/astro-types.js";
import { sicCurrent } from "../models/astro-lr1994.js";
import type { AstroRuntime } from "./glia-astrocytes.js";

/** One neuron effect of one astrocyte population on its territory population. */
export class NeuronEffectRuntime {
  // "max": per neuron, the astrocytes whose territory covers it (inverse of the territory CSR).
  private readonly coverStart: Int32Array;
  private readonly cover: Int32Array;

  constructor(
    private readonly astrocytes: AstroRuntime,
    private readonly effect: NeuronEffect,
    readonly populationSize: number,
  ) {
    const { territoryStart, territoryNeuron } = astrocytes;
    this.coverStart = new Int32Array(populationSize + 1);
    this.cover = new Int32Array(territoryNeuron.length);
    if (astrocytes.ownerRule !== "max") return;
    for (let k = 0; k < territoryNeuron.length; k++) this.coverStart[territoryNeuron[k] + 1]++;
    for (let n = 0; n < populationSize; n++) this.coverStart[n + 1] += this.coverStart[n];
    const fill = this.coverStart.slice(0, populationSize);
    for (let a = 0; a < astrocytes.size; a++) {
      for (let k = territoryStart[a]; k < territoryStart[a + 1]; k++) this.cover[fill[territoryNeuron[k]]++] = a;
    }
  }

  /** Adds this effect's current of every neuron into `out`. */
  addTo(out: Float64Array): void {
    const { ownerOf, ownerRule } = this.astrocytes;
    for (let n = 0; n < this.populationSize; n++) {
      if (ownerRule === "max") {
        let largest = 0;
        let any = false;
        for (let k = this.coverStart[n]; k < this.coverStart[n + 1]; k++) {
          const value = this.valueOf(this.cover[k]);
          if (!any || value > largest) largest = value;
          any = true;
        }
        if (any) out[n] += largest;
      } else {
        const owner = ownerOf[n];
        if (owner >= 0) out[n] += this.valueOf(owner);
      }
    }
  }

  private valueOf(a: number): number {
    const effect = this.effect;
    if (effect.kind === "sic") return sicCurrent(this.astrocytes.state.ca[a], effect.threshold, effect.scale);
    return this.astrocytes.gate[a] === 1 ? effect.amplitude : 0;
  }
}

/**
 * Sigmoid-conductance synapses of the float reference: every step, after all voltage updates,
 * I_syn[post] += (g_eff·S[pre])·(e_rev − V[post]) for every synapse of every projection in
 * network order, CSR order within one (docs/semantics-float.md "Neuron–astrocyte networks").
 * g_eff applies the projection's tripartite synapse effects with each astrocyte's gate and Ca
 * from the end of the previous step. The per-astrocyte part of an effect (ν·A, 1 ± k·A) is formed
 * once per astrocyte per step: the same bits as forming it per synapse, at a fraction of the cost.
 * Allocation-free per step.
 */
import type { ElaboratedProjection } from "../ir/elaborated.js";
import type { SynapseEffect } from "../ir/astro-types.js";
import type { AstroRuntime } from "./glia-astrocytes.js";

/** How a modulation combines with g: g + f ("add") or g·f ("scale"). */
const ADD = 0;
const SCALE = 1;

/** One tripartite synapse effect on one projection. */
export class SynapseModulation {
  readonly combine: number;
  /** Per synapse: its astrocyte + 1 (0 = unmodulated, whose factor is neutral). */
  readonly slot: Int32Array;
  /** factor[a + 1] of astrocyte a this step; factor[0] is the neutral 0 (add) or 1 (scale). */
  readonly factor: Float64Array;

  constructor(
    private readonly astrocytes: AstroRuntime,
    private readonly effect: SynapseEffect,
    astrocyteOf: Int32Array,
  ) {
    this.combine = effect.kind === "additive" ? ADD : SCALE;
    this.slot = new Int32Array(astrocyteOf.length);
    for (let k = 0; k < astrocyteOf.length; k++) this.slot[k] = astrocyteOf[k] + 1;
    this.factor = new Float64Array(astrocytes.size + 1);
    this.factor[0] = this.combine === ADD ? 0 : 1;
  }

  /** Forms this step's factors from the gates and Ca as they stood at the end of the last step. */
  refresh(): void {
    const { gate, state } = this.astrocytes;
    const { effect, factor } = this;
    const graded = effect.graded;
    const span = graded === undefined ? 1 : graded.ca_high - graded.ca_low;
    for (let a = 0; a < gate.length; a++) {
      let level = gate[a];
      if (graded !== undefined) {
        const fraction = (state.ca[a] - graded.ca_low) / span;
        level = level * (fraction < 0 ? 0 : fraction > 1 ? 1 : fraction);
      }
      factor[a + 1] =
        effect.kind === "additive" ? effect.nu * level : effect.kind === "multiplicative" ? 1 + effect.k * level : 1 - effect.k * level;
    }
  }
}

/** One projection as the synaptic-current loop sees it. */
export interface ConductanceRoute {
  readonly rowStart: Int32Array;
  readonly post: Int32Array;
  readonly weight: Float64Array;
  readonly eRev: number;
  readonly sigmoid: Float64Array; // S of the presynaptic elements this step
  readonly postV: Float64Array;
  readonly postCurrent: Float64Array; // the post population's I_syn
  readonly modulations: readonly SynapseModulation[];
}

/** Builds the route of a conductance projection. */
export function conductanceRoute(
  projection: ElaboratedProjection,
  sigmoid: Float64Array,
  postV: Float64Array,
  postCurrent: Float64Array,
  modulations: readonly SynapseModulation[],
): ConductanceRoute {
  const { rowStart, post, weight } = projection.synapses;
  return { rowStart, post, weight, eRev: projection.conductance?.eRev ?? 0, sigmoid, postV, postCurrent, modulations };
}

/** Adds the projection's synaptic currents into its post population's I_syn. */
export function accumulateConductance(route: ConductanceRoute): void {
  const { rowStart, post, weight, eRev, sigmoid, postV, postCurrent, modulations } = route;
  const rows = rowStart.length - 1;
  if (modulations.length === 0) {
    for (let pre = 0; pre < rows; pre++) {
      const s = sigmoid[pre];
      for (let k = rowStart[pre], end = rowStart[pre + 1]; k < end; k++) {
        const q = post[k];
        postCurrent[q] += weight[k] * s * (eRev - postV[q]);
      }
    }
  } else if (modulations.length === 1 && modulations[0].combine === ADD) {
    const { slot, factor } = modulations[0];
    for (let pre = 0; pre < rows; pre++) {
      const s = sigmoid[pre];
      for (let k = rowStart[pre], end = rowStart[pre + 1]; k < end; k++) {
        const q = post[k];
        postCurrent[q] += (weight[k] + factor[slot[k]]) * s * (eRev - postV[q]);
      }
    }
  } else if (modulations.length === 1) {
    const { slot, factor } = modulations[0];
    for (let pre = 0; pre < rows; pre++) {
      const s = sigmoid[pre];
      for (let k = rowStart[pre], end = rowStart[pre + 1]; k < end; k++) {
        const q = post[k];
        postCurrent[q] += weight[k] * factor[slot[k]] * s * (eRev - postV[q]);
      }
    }
  } else {
    // Several couplings on one projection: applied in network.tripartite order.
    for (let pre = 0; pre < rows; pre++) {
      const s = sigmoid[pre];
      for (let k = rowStart[pre], end = rowStart[pre + 1]; k < end; k++) {
        let g = weight[k];
        for (const modulation of modulations) {
          const f = modulation.factor[modulation.slot[k]];
          g = modulation.combine === ADD ? g + f : g * f;
        }
        const q = post[k];
        postCurrent[q] += g * s * (eRev - postV[q]);
      }
    }
  }
}

/** S = 1/(1 + exp(−V/k)) of every neuron, from the new voltages. */
export function fillSigmoid(v: Float64Array, k: number, out: Float64Array): void {
  for (let n = 0; n < v.length; n++) out[n] = 1 / (1 + Math.exp(-v[n] / k));
}

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

/**
 * One projection as the synaptic-current loop sees it: its synapses regrouped by postsynaptic
 * neuron, each group in CSR order. Every I_syn[post] then receives the same terms in the same
 * order as a pass over the CSR would add them, so the bits are the CSR order's, while the sum
 * stays in a register and e_rev − V[post] is formed once per neuron.
 */
export interface ConductanceRoute {
  readonly synapseCount: number;
  readonly postStart: Int32Array; // postSize + 1
  readonly pre: Int32Array; // per regrouped synapse
  readonly weight: Float64Array;
  readonly csrIndex: Int32Array; // per regrouped synapse: its index in the projection's CSR
  readonly eRev: number;
  readonly sigmoid: Float64Array; // S of the presynaptic elements this step
  readonly postV: Float64Array;
  readonly postCurrent: Float64Array; // the post population's I_syn
  readonly modulations: readonly SynapseModulation[];
  /** Per modulation and regrouped synapse: the factor slot. */
  readonly slots: readonly Int32Array[];
  /** One modulation only: per post neuron the slot all its synapses share, or −1 when mixed. */
  readonly sharedSlot: Int32Array | undefined;
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
  const postSize = postCurrent.length;
  const count = post.length;
  const postStart = new Int32Array(postSize + 1);
  for (let k = 0; k < count; k++) postStart[post[k] + 1]++;
  for (let q = 0; q < postSize; q++) postStart[q + 1] += postStart[q];
  const next = postStart.slice(0, postSize);
  const order = new Int32Array(count); // regrouped position → CSR index
  const preOf = new Int32Array(count);
  for (let p = 0; p < rowStart.length - 1; p++) {
    for (let k = rowStart[p]; k < rowStart[p + 1]; k++) {
      const j = next[post[k]]++;
      order[j] = k;
      preOf[j] = p;
    }
  }
  const slots = modulations.map((modulation) => Int32Array.from(order, (k) => modulation.slot[k]));
  let sharedSlot: Int32Array | undefined;
  if (slots.length === 1) {
    const slot = slots[0];
    sharedSlot = new Int32Array(postSize);
    for (let q = 0; q < postSize; q++) {
      const start = postStart[q];
      const end = postStart[q + 1];
      let shared = end > start ? slot[start] : 0;
      for (let j = start + 1; j < end && shared >= 0; j++) if (slot[j] !== shared) shared = -1;
      sharedSlot[q] = shared;
    }
  }
  return {
    synapseCount: count,
    postStart,
    pre: preOf,
    weight: Float64Array.from(order, (k) => weight[k]),
    csrIndex: order,
    eRev: projection.conductance?.eRev ?? 0,
    sigmoid,
    postV,
    postCurrent,
    modulations,
    slots,
    sharedSlot,
  };
}

/** Adds the projection's synaptic currents, (g_eff·S[pre])·(e_rev − V[post]) each, into I_syn. */
export function accumulateConductance(route: ConductanceRoute): void {
  const { postStart, pre, weight, eRev, sigmoid, postV, postCurrent, modulations, slots, sharedSlot } = route;
  const postSize = postCurrent.length;
  if (modulations.length === 0) {
    for (let q = 0; q < postSize; q++) {
      const drivingForce = eRev - postV[q];
      let sum = postCurrent[q];
      for (let j = postStart[q], end = postStart[q + 1]; j < end; j++) sum += weight[j] * sigmoid[pre[j]] * drivingForce;
      postCurrent[q] = sum;
    }
  } else if (modulations.length === 1 && sharedSlot !== undefined) {
    const { factor } = modulations[0];
    const slot = slots[0];
    const isAdd = modulations[0].combine === ADD;
    for (let q = 0; q < postSize; q++) {
      const drivingForce = eRev - postV[q];
      let sum = postCurrent[q];
      const start = postStart[q];
      const end = postStart[q + 1];
      const shared = sharedSlot[q];
      if (shared >= 0) {
        const f = factor[shared];
        if (isAdd) for (let j = start; j < end; j++) sum += (weight[j] + f) * sigmoid[pre[j]] * drivingForce;
        else for (let j = start; j < end; j++) sum += weight[j] * f * sigmoid[pre[j]] * drivingForce;
      } else if (isAdd) {
        for (let j = start; j < end; j++) sum += (weight[j] + factor[slot[j]]) * sigmoid[pre[j]] * drivingForce;
      } else {
        for (let j = start; j < end; j++) sum += weight[j] * factor[slot[j]] * sigmoid[pre[j]] * drivingForce;
      }
      postCurrent[q] = sum;
    }
  } else {
    // Several couplings on one projection: applied in network.tripartite order.
    for (let q = 0; q < postSize; q++) {
      const drivingForce = eRev - postV[q];
      let sum = postCurrent[q];
      for (let j = postStart[q], end = postStart[q + 1]; j < end; j++) {
        let g = weight[j];
        for (let m = 0; m < modulations.length; m++) {
          const f = modulations[m].factor[slots[m][j]];
          g = modulations[m].combine === ADD ? g + f : g * f;
        }
        sum += g * sigmoid[pre[j]] * drivingForce;
      }
      postCurrent[q] = sum;
    }
  }
}

/** Copies learned weights (CSR order) into the route's regrouped weights. */
export function syncWeights(route: ConductanceRoute, learned: Float64Array): void {
  const { weight, csrIndex } = route;
  for (let j = 0; j < weight.length; j++) weight[j] = learned[csrIndex[j]];
}

/** S = 1/(1 + exp(−V/k)) of every neuron, from the new voltages. */
export function fillSigmoid(v: Float64Array, k: number, out: Float64Array): void {
  for (let n = 0; n < v.length; n++) out[n] = 1 / (1 + Math.exp(-v[n] / k));
}

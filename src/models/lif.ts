/**
 * The current-based leaky integrate-and-fire model (LIF): its float64 step, the per-step factors
 * derived from its parameters, and the channel assignment of its synaptic currents.
 * Must never allocate inside the step kernels: they run once per population per time step.
 * Relies on the elaborated network's projections (post population, synaptic tau).
 *
 * Continuous model (level 1; units ms, mV, current unit "mV" = R·I):
 *   τ_m dv/dt = -(v - v_rest) + Σ_k I_k + bias            v > v_thresh → spike, v ← v_reset,
 *   τ_k dI_k/dt = -I_k + τ_k Σ_spikes w δ(t - t_spike)      v held at v_reset for tau_ref
 * Discrete-time float model (level 2, the reference; docs/semantics-float.md), per step t:
 *   α_k = exp(-dt/τ_k),  β = exp(-dt/τ_m),  R = round(tau_ref/dt)
 *   I_k[t] = α_k·I_k[t-1] + A_k[t]                          A_k = Σ signed weights due at t
 *   ref[t-1] > 0:  v[t] = v_reset, ref ← ref - 1
 *   otherwise:     v[t] = v_rest + β·(v[t-1] - v_rest) + (1 - β)·(Σ_k I_k[t] + bias)
 *                  v[t] > v_thresh → spike, v[t] = v_reset, ref ← R
 * The membrane line integrates the membrane ODE exactly with the current held over the step.
 */
import type { ElaboratedNetwork } from "../ir/elaborated.js";
import type { LifParams } from "../ir/types.js";

/** The per-step constants of one LIF population at a time step of `dtMs`. */
export interface LifFloatFactors {
  readonly beta: number; // exp(-dt/tau_m)
  readonly oneMinusBeta: number; // 1 - beta, computed once in float64
  readonly vRestMv: number;
  readonly vResetMv: number;
  readonly vThreshMv: number;
  readonly biasMv: number;
  readonly refractorySteps: number; // R = round(tau_ref/dt)
}

/** Decay factor per step of a quantity with time constant `tauMs`: exp(-dt/τ). */
export function decayFactor(tauMs: number, dtMs: number): number {
  return Math.exp(-dtMs / tauMs);
}

/** Steps a neuron is held at v_reset after a spike: round(tau_ref/dt), halves rounded up. */
export function refractorySteps(tauRefMs: number, dtMs: number): number {
  return Math.round(tauRefMs / dtMs);
}

/** β, 1-β, the thresholds and R of one population. */
export function lifFloatFactors(params: LifParams, dtMs: number): LifFloatFactors {
  const beta = decayFactor(params.tau_m, dtMs);
  return {
    beta,
    oneMinusBeta: 1 - beta,
    vRestMv: params.v_rest,
    vResetMv: params.v_reset,
    vThreshMv: params.v_thresh,
    biasMv: params.bias,
    refractorySteps: refractorySteps(params.tau_ref, dtMs),
  };
}

/** The synaptic current channels of every population and the channel each projection feeds. */
export interface SynapticChannels {
  /** tausMs[population][k]: time constant of channel k, in order of first appearance. */
  readonly tausMs: readonly (readonly number[])[];
  /** channelOf[projection]: the channel of its post population that the projection feeds. */
  readonly channelOf: readonly number[];
}

/**
 * One channel per distinct synaptic tau among the projections onto a population, numbered in
 * order of first appearance in network.projections. Two projections with equal tau share one.
 */
export function synapticChannels(net: Pick<ElaboratedNetwork, "populations" | "projections">): SynapticChannels {
  const tausMs: number[][] = net.populations.map(() => []);
  const channelOf = net.projections.map((projection) => {
    const taus = tausMs[projection.post];
    const existing = taus.indexOf(projection.tauSyn);
    if (existing >= 0) return existing;
    taus.push(projection.tauSyn);
    return taus.length - 1;
  });
  return { tausMs, channelOf };
}

/**
 * Step 2 for one channel of a population: I[i] = α·I[i] + arrivals[offset + i], then clears the
 * arrivals and adds I into `total` (assigns it when `isFirst`, so total = I_0 + I_1 + ... in
 * channel order). Allocation-free.
 */
export function updateCurrent(
  current: Float64Array,
  arrivals: Float64Array,
  offset: number,
  alpha: number,
  total: Float64Array,
  isFirst: boolean,
): void {
  const n = current.length;
  if (isFirst) {
    for (let i = 0; i < n; i++) {
      const value = alpha * current[i] + arrivals[offset + i];
      arrivals[offset + i] = 0;
      current[i] = value;
      total[i] = value;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const value = alpha * current[i] + arrivals[offset + i];
      arrivals[offset + i] = 0;
      current[i] = value;
      total[i] += value;
    }
  }
}

/**
 * Steps 3 and 4 for a population: membrane update (or refractory hold), threshold and reset.
 * Writes the indices of the neurons that spiked, ascending, into `spikes` and returns their
 * count. `synaptic` is Σ_k I_k[t]. Allocation-free.
 */
export function updateMembrane(
  v: Float64Array,
  refractory: Int32Array,
  synaptic: Float64Array,
  factors: LifFloatFactors,
  spikes: Int32Array,
): number {
  const { beta, oneMinusBeta, vRestMv, vResetMv, vThreshMv, biasMv, refractorySteps: hold } = factors;
  const n = v.length;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (refractory[i] > 0) {
      v[i] = vResetMv;
      refractory[i] -= 1;
      continue;
    }
    const next = vRestMv + beta * (v[i] - vRestMv) + oneMinusBeta * (synaptic[i] + biasMv);
    if (next > vThreshMv) {
      v[i] = vResetMv;
      refractory[i] = hold;
      spikes[count++] = i;
    } else {
      v[i] = next;
    }
  }
  return count;
}

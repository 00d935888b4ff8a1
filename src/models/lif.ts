/**
 * The current-based leaky integrate-and-fire model (LIF): its float64 step, the per-step factors
 * derived from its parameters, and the channel assignment of its synaptic currents.
 * Must never allocate inside the step kernels: they run once per population per time step.
 * The kernels keep a population's state in one record array (see LifFloatState) and do every
 * float operation of the model below in the model's order, so the reference's bits do not
 * depend on how the loop is organised.
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

// A population's neurons live in one Float64Array, one record per neuron: v, the summed current
// Σ_k I_k of the step, and the current of each channel. V8 checks a typed array's map and reloads
// its length and data pointer for every array a loop iteration touches, so one record array (plus
// the channels' arrival rings) instead of a dozen parallel arrays halves the loop's instructions.
//
// A held (refractory) neuron keeps NaN in V: NaN passes through the membrane line without
// crossing the threshold and is stored back, so the loop needs no refractory branch; isHeld says
// that v reads v_reset, and endHolds() counts the holds down before each step.
const V = 0;
const SYNAPTIC = 1; // Σ_k I_k[t], in channel order
const CURRENT = 2; // I_k at CURRENT + k

/** One population's neuron state for the step kernels (record layout above). */
export interface LifFloatState {
  readonly size: number;
  readonly channels: number;
  readonly stride: number;
  readonly records: Float64Array;
  /** [β, 1 - β, v_rest, v_thresh, bias, v_reset]: doubles the loops read without conversion. */
  readonly constants: Float64Array;
  readonly refractory: Int32Array; // the model's ref counter
  readonly isHeld: Uint8Array; // 1 while the record's v is NaN and v reads v_reset
  readonly held: Int32Array; // the held neurons, heldCount of them
  heldCount: number;
  readonly refractorySteps: number;
}

/** The state of `size` neurons with `channels` channels: v = initialV, I_0 = initialI, nothing held. */
export function createLifFloatState(
  size: number,
  channels: number,
  factors: LifFloatFactors,
  initialV: ArrayLike<number>,
  initialI: ArrayLike<number>,
): LifFloatState {
  const stride = CURRENT + channels;
  const records = new Float64Array(size * stride);
  for (let i = 0; i < size; i++) {
    records[i * stride + V] = initialV[i];
    if (channels > 0) records[i * stride + CURRENT] = initialI[i];
  }
  const { beta, oneMinusBeta, vRestMv, vThreshMv, biasMv, vResetMv } = factors;
  return {
    size,
    channels,
    stride,
    records,
    constants: Float64Array.of(beta, oneMinusBeta, vRestMv, vThreshMv, biasMv, vResetMv),
    refractory: new Int32Array(size),
    isHeld: new Uint8Array(size),
    held: new Int32Array(size),
    heldCount: 0,
    refractorySteps: factors.refractorySteps,
  };
}

/** v of neuron i at the end of the last step (v_reset while held). */
export function membraneOf(state: LifFloatState, i: number): number {
  return state.isHeld[i] === 1 ? state.constants[5] : state.records[i * state.stride + V];
}

/** Σ_k I_k of neuron i in the last step. */
export function synapticOf(state: LifFloatState, i: number): number {
  return state.records[i * state.stride + SYNAPTIC];
}

/**
 * Steps 2-4 for a population: every channel's current, the membrane update (or refractory hold),
 * threshold and reset. `arrivals[k]` is channel k's ring, read and cleared at `offsets[k] + i`.
 * Writes the indices of the neurons that spiked, ascending, into `spikes` and returns their
 * count. Allocation-free.
 *
 * Populations with one or two channels run a fast loop over the neurons that do not spike and
 * hand each spiking one to updateNeuron; the fast loop stops before changing that neuron and
 * resumes after it. Every operation of the fast loop runs on every iteration, so V8 never meets
 * an operation without type feedback there and never deoptimizes it mid-run (a first spike or a
 * first end of a hold inside a long loop otherwise can leave the loop in V8's slower
 * on-stack-replacement code for the rest of the run). Every operation is the one of the model,
 * in the model's order, so the results are the same bits.
 */
export function stepLifFloat(
  state: LifFloatState,
  alphas: Float64Array,
  arrivals: readonly Float64Array[],
  offsets: Int32Array,
  spikes: Int32Array,
): number {
  endHolds(state);
  const { size, channels } = state;
  let count = 0;
  if (channels === 1 || channels === 2) {
    const quiet = channels === 1 ? quietOneChannel : quietTwoChannels;
    for (let i = quiet(state, alphas, arrivals, offsets, 0); i < size; i = quiet(state, alphas, arrivals, offsets, i + 1)) {
      if (updateNeuron(state, alphas, arrivals, offsets, i)) spikes[count++] = i;
    }
    for (let k = 0; k < channels; k++) arrivals[k].fill(0, offsets[k], offsets[k] + size); // the fast loop leaves them
  } else {
    for (let i = 0; i < size; i++) if (updateNeuron(state, alphas, arrivals, offsets, i)) spikes[count++] = i;
  }
  return count;
}

/**
 * Counts the holds down at the start of a step: the model's "ref > 0: v = v_reset, ref -= 1"
 * for every held neuron; a neuron whose ref is already 0 gets v_reset back and integrates again.
 */
function endHolds(state: LifFloatState): void {
  const { records, stride, refractory, isHeld, held } = state;
  let count = state.heldCount;
  for (let n = 0; n < count; ) {
    const i = held[n];
    if (refractory[i] > 0) {
      refractory[i] -= 1;
      n++;
    } else {
      records[i * stride + V] = state.constants[5];
      isHeld[i] = 0;
      held[n] = held[--count];
    }
  }
  state.heldCount = count;
}

/**
 * The model's step for neuron i, one rule at a time: I_k = α_k·I_k + A_k (arrivals cleared),
 * Σ_k I_k in channel order, then the membrane line unless held, threshold and reset. Returns
 * whether it spiked.
 */
function updateNeuron(state: LifFloatState, alphas: Float64Array, arrivals: readonly Float64Array[], offsets: Int32Array, i: number): boolean {
  const { records, stride, channels, constants } = state;
  const b = i * stride;
  let total = 0;
  for (let k = 0; k < channels; k++) {
    const value = alphas[k] * records[b + CURRENT + k] + arrivals[k][offsets[k] + i];
    arrivals[k][offsets[k] + i] = 0;
    records[b + CURRENT + k] = value;
    total = k === 0 ? value : total + value; // I_0 itself, not 0 + I_0 (which turns -0 into 0)
  }
  records[b + SYNAPTIC] = total;
  if (state.isHeld[i] === 1) return false;
  const beta = constants[0], oneMinusBeta = constants[1], vRestMv = constants[2], vThreshMv = constants[3], biasMv = constants[4];
  const next = vRestMv + beta * (records[b + V] - vRestMv) + oneMinusBeta * (total + biasMv);
  if (!(next > vThreshMv)) {
    records[b + V] = next;
    return false;
  }
  state.refractory[i] = state.refractorySteps;
  if (state.refractorySteps > 0) {
    records[b + V] = NaN; // reads v_reset while held
    state.isHeld[i] = 1;
    state.held[state.heldCount++] = i;
  } else {
    records[b + V] = constants[5];
  }
  return true;
}

/** The neurons of a one-channel population from `from` on that do not spike; returns the first that does (or size). */
function quietOneChannel(state: LifFloatState, alphas: Float64Array, arrivals: readonly Float64Array[], offsets: Int32Array, from: number): number {
  const { size, records, constants } = state;
  const beta = constants[0], oneMinusBeta = constants[1], vRestMv = constants[2], vThreshMv = constants[3], biasMv = constants[4];
  const alpha0 = alphas[0];
  const arrivals0 = arrivals[0];
  const offset0 = offsets[0];
  for (let i = from, b = from * (CURRENT + 1); i < size; i++, b += CURRENT + 1) {
    const current0 = alpha0 * records[b + CURRENT] + arrivals0[offset0 + i];
    const total = current0;
    const next = vRestMv + beta * (records[b + V] - vRestMv) + oneMinusBeta * (total + biasMv); // NaN while held
    if (next > vThreshMv) return i;
    records[b + CURRENT] = current0;
    records[b + SYNAPTIC] = total;
    records[b + V] = next;
  }
  return size;
}

/** quietOneChannel for two channels: Σ = I_0 + I_1. */
function quietTwoChannels(state: LifFloatState, alphas: Float64Array, arrivals: readonly Float64Array[], offsets: Int32Array, from: number): number {
  const { size, records, constants } = state;
  const beta = constants[0], oneMinusBeta = constants[1], vRestMv = constants[2], vThreshMv = constants[3], biasMv = constants[4];
  const alpha0 = alphas[0], alpha1 = alphas[1];
  const arrivals0 = arrivals[0], arrivals1 = arrivals[1];
  const offset0 = offsets[0], offset1 = offsets[1];
  for (let i = from, b = from * (CURRENT + 2); i < size; i++, b += CURRENT + 2) {
    const current0 = alpha0 * records[b + CURRENT] + arrivals0[offset0 + i];
    const current1 = alpha1 * records[b + CURRENT + 1] + arrivals1[offset1 + i];
    const total = current0 + current1;
    const next = vRestMv + beta * (records[b + V] - vRestMv) + oneMinusBeta * (total + biasMv); // NaN while held
    if (next > vThreshMv) return i;
    records[b + CURRENT] = current0;
    records[b + CURRENT + 1] = current1;
    records[b + SYNAPTIC] = total;
    records[b + V] = next;
  }
  return size;
}

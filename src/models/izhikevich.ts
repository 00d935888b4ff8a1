/**
 * The Izhikevich (2003) neuron with the per-neuron glutamate trace, as the float64 step of the
 * Gordleeva et al. 2021 code (docs/astrocytes.md, docs/semantics-float.md "Neuron–astrocyte
 * networks"). Must never allocate inside the step kernel: it runs once per population per step.
 * Every float operation below is done in the authors' order and bracketing, so the reference
 * reproduces their bits; do not "simplify" an expression here.
 *
 * Continuous model (level 1; V in mV, t in ms, G in µM, t_G in s):
 *   dV/dt = 0.04 V² + 5 V + 140 − U + I,   dU/dt = a (b V − U),   V ≥ v_peak → V ← c, U ← U + d
 *   dG/dt = −decay_rate·G + release_rate·δ
 * Discrete-time float model (level 2), per step with κ = dt (ms) and dt_s = dt/1000:
 *   reset:  V_old ≥ v_peak → V = c, U = U + d          (last step's peak, before the update)
 *   I     = min(I, input_clip)                          (when a clip is set)
 *   V     = V + κ·(((((0.04·(V·V)) + 5·V) + 140) + I) − U)
 *   U     = U + (κ·a)·(b·V − U)                         (new V; κ·a formed first)
 *   V     = min(V, v_peak)
 *   G     = G − dt_s·(decay_rate·G − release_rate·δ)   δ: "at_peak" V == v_peak, "spiking" spiked
 *   spiked = V > spike_threshold
 */
import type { ElaboratedIzhikevich } from "../ir/elaborated.js";

/** The per-step constants of one Izhikevich population at a time step of `dtMs`. */
export interface IzhikevichFloatConstants {
  readonly kappa: number; // dt in ms: the authors' κ = dt·1000
  readonly kappaA: number; // κ·a, formed once (0.010000000000000002 for WM2021)
  readonly b: number;
  readonly c: number; // mV
  readonly d: number;
  readonly vPeak: number; // mV
  readonly spikeThreshold: number; // mV
  readonly inputClip: number; // +Infinity when the population has none: min(I, ∞) = I exactly
  readonly dtSeconds: number; // dt/1000, the glutamate step
  readonly decayRate: number; // 1/s (0 without a glutamate spec: G stays 0)
  readonly releaseRate: number; // µM/s
  readonly releaseAtPeak: boolean; // "at_peak" (V == v_peak) or "spiking"
}

/** The constants of `population` at dt = `dtMs`. */
export function izhikevichFloatConstants(population: ElaboratedIzhikevich, dtMs: number): IzhikevichFloatConstants {
  const { a, b, c, d, v_peak, spike_threshold, input_clip } = population.params;
  const kappa = dtMs;
  const glutamate = population.glutamate;
  return {
    kappa,
    kappaA: kappa * a,
    b,
    c,
    d,
    vPeak: v_peak,
    spikeThreshold: spike_threshold,
    inputClip: input_clip ?? Number.POSITIVE_INFINITY,
    dtSeconds: dtMs / 1000,
    decayRate: glutamate?.decay_rate ?? 0,
    releaseRate: glutamate?.release_rate ?? 0,
    releaseAtPeak: (glutamate?.release ?? "at_peak") === "at_peak",
  };
}

/** One population's state: V (mV), U, G (µM) and this step's spike mask, one entry per neuron. */
export interface IzhikevichFloatState {
  readonly size: number;
  readonly v: Float64Array;
  readonly u: Float64Array;
  readonly g: Float64Array;
  /** 1 where the neuron spiked (V > spike_threshold) in the last step. */
  readonly spiked: Uint8Array;
}

/** The initial state: V and U from elaboration, G = 0, no spikes. */
export function createIzhikevichFloatState(population: ElaboratedIzhikevich): IzhikevichFloatState {
  return {
    size: population.size,
    v: Float64Array.from(population.initialV),
    u: Float64Array.from(population.initialU),
    g: new Float64Array(population.size),
    spiked: new Uint8Array(population.size),
  };
}

/**
 * Advances every neuron by one step with the summed input current `input` (per neuron, before
 * the clip). Writes the ascending indices of the neurons that spiked into `spikes` and returns
 * their count. Allocation-free.
 */
export function stepIzhikevichFloat(state: IzhikevichFloatState, k: IzhikevichFloatConstants, input: Float64Array, spikes: Int32Array): number {
  const { v, u, g, spiked, size } = state;
  const { kappa, kappaA, b, c, d, vPeak, spikeThreshold, inputClip, dtSeconds, decayRate, releaseRate, releaseAtPeak } = k;
  let count = 0;
  for (let n = 0; n < size; n++) {
    let vn = v[n];
    let un = u[n];
    if (vn >= vPeak) {
      vn = c;
      un = un + d;
    }
    let current = input[n];
    if (current > inputClip) current = inputClip;
    vn = vn + kappa * (((0.04 * (vn * vn) + 5 * vn + 140) + current) - un);
    un = un + kappaA * (b * vn - un);
    if (vn > vPeak) vn = vPeak;
    const isSpike = vn > spikeThreshold;
    const releases = releaseAtPeak ? vn === vPeak : isSpike;
    g[n] = g[n] - dtSeconds * (decayRate * g[n] - (releases ? releaseRate : 0));
    v[n] = vn;
    u[n] = un;
    spiked[n] = isSpike ? 1 : 0;
    if (isSpike) spikes[count++] = n;
  }
  return count;
}

/**
 * Worst-case ranges of a population's state registers under the integer semantics
 * (docs/precision.md derives and proves each one). Everything is in hardware units and depends
 * only on the quantized parameters and, per neuron and channel, the largest input one step can
 * deliver. Pure arithmetic on a few numbers per population; the per-synapse work (the drive) is
 * one loop over CSR typed arrays with no allocation per synapse.
 *
 * A decay D with factor f satisfies, for integer x (r↑, r↓ ≥ 0 absorb the rounding):
 *   0 ≤ D(x) ≤ f·x + r↑ for x ≥ 0,      −(f·|x| + r↓) ≤ D(x) ≤ 0 for x < 0.
 * So a register is bounded by the linear recurrence B_t = f·B_{t−1} + r↑ + a_t⁺, whose solution
 * sums every input through the geometric kernel f^age; a synapse whose source is held R steps
 * after each spike delivers at most every R + 1 steps, so its share is at most |w|·cap/(1 − f^(R+1)).
 */
import type { LifSemantics, Register } from "../../targets/types.js";
import { effectiveWeight } from "../../targets/fixed.js";
import { spikeCap } from "../../models/lif-fixed.js";
import type { SynapseFormat } from "../../hw/types.js";
import type { RegisterRange } from "../stages.js";

/** A decay's factor and rounding slack: D(x) ≤ f·x + up for x ≥ 0, D(x) ≥ −(f·|x| + down) for x < 0. */
export interface DecayEnvelope {
  readonly factor: number;
  readonly up: number;
  readonly down: number;
}

/**
 * The envelope of the decay with stored value `d`:
 *  multiply, f = (2^B − d − offset)/2^B: toward-zero truncates magnitudes (up = down = 0); floor
 *  rounds a negative product down by less than 1 (down = 1); half-away adds at most ½ (up = down = ½).
 *  shift, f = 1 − 2^−d: x − ⌊x/2^d⌋ ≤ x − (x − 2^d + 1)/2^d = f·x + f for x ≥ 0 (the tail x − 1 of
 *  an x < 2^d is smaller still); for x < 0, ⌊x/2^d⌋ ≤ x/2^d gives D(x) ≥ f·x (down = 0).
 */
export function decayEnvelope(d: number, offset: number, semantics: LifSemantics): DecayEnvelope {
  const { form, bits, rounding } = semantics.decay;
  if (form === "shift") {
    const factor = 1 - 2 ** -d;
    return { factor, up: factor, down: 0 };
  }
  const factor = (2 ** bits - (d + offset)) / 2 ** bits;
  if (rounding === "toward-zero") return { factor, up: 0, down: 0 };
  if (rounding === "floor") return { factor, up: 0, down: 1 };
  return { factor, up: 0.5, down: 0.5 };
}

/** The invariant level of X' ≤ f·X + c started at `start`: max(start, c/(1 − f)); Infinity when f = 1 and c > 0. */
export function invariantLevel(start: number, c: number, factor: number): number {
  if (factor >= 1) return c > 0 ? Infinity : start;
  return Math.max(start, c / (1 - factor));
}

/** Σ_{j ≥ 0} f^(j·(R+1)) = 1/(1 − f^(R+1)): the most a train of unit inputs at least R + 1 steps apart sums to under decay f. */
export function trainGain(factor: number, refractory: number): number {
  const spaced = factor ** (refractory + 1);
  return spaced >= 1 ? Infinity : 1 / (1 - spaced);
}

/**
 * Per neuron of the post population and hardware channel, the most the inputs can have summed to
 * through the channel's decay: Σ over incoming synapses of max(w_eff, 0)·cap·gain (`excitatory`)
 * and of max(−w_eff, 0)·cap·gain (`inhibitory`), cap = the source's spikes per step (1 for an
 * input line), gain = trainGain(f_h, R of the source). Layout neuron·channels + h.
 */
export interface Drive {
  readonly excitatory: Float64Array;
  readonly inhibitory: Float64Array;
}

export function emptyDrive(size: number, channels: number): Drive {
  return { excitatory: new Float64Array(size * channels), inhibitory: new Float64Array(size * channels) };
}

/**
 * Adds one projection's synapses to `drive`. `mantissa` is parallel to the CSR; `largest`, when
 * given, replaces every synapse's weight (a plastic projection may learn up to it; a crossbar
 * reads up to its ADC's full scale). The effective weight of each mantissa is computed once.
 */
export function addProjectionDrive(
  drive: Drive,
  channels: number,
  post: Int32Array,
  mantissa: Int32Array,
  format: SynapseFormat,
  perSpike: number,
  semantics: LifSemantics,
  largest?: number,
): void {
  const [low, high] = format.signMode === "inhibitory" ? [-(2 ** semantics.weight.mantissaBits), 0] : [0, 2 ** semantics.weight.mantissaBits - 1];
  const table = new Float64Array(high - low + 1);
  for (let m = low; m <= high; m++) table[m - low] = largest !== undefined ? (m === 0 ? 0 : Math.sign(m) * largest) : effectiveWeight(m, format, semantics.weight);
  const h = format.channel;
  const { excitatory, inhibitory } = drive;
  for (let k = 0; k < post.length; k++) {
    const w = table[mantissa[k] - low] * perSpike; // 0·Infinity: a zero weight adds nothing
    if (w === 0 || Number.isNaN(w)) continue;
    const at = post[k] * channels + h;
    if (w > 0) excitatory[at] += w;
    else inhibitory[at] -= w;
  }
}

/** What the bounds read of one quantized population, hardware units. */
export interface PopulationState {
  readonly size: number;
  readonly du: readonly number[];
  readonly dv: number;
  readonly threshold: number; // vthMant << shift
  readonly bias: number; // biasMant << biasExp
  readonly u0: Int32Array; // neuron·channels + h
  readonly v0: Int32Array;
}

/** Upper and lower magnitude bounds of one register: it stays in [−lower, upper]. */
export interface Bound {
  readonly upper: number;
  readonly lower: number;
}

/** The bounds of every register of a population: u per hardware channel (the value its overflow rule sees), then v. */
export interface PopulationBounds {
  readonly u: readonly Bound[];
  /** The current each channel hands to the voltage update (after the same-step decay). */
  readonly uStored: readonly Bound[];
  /** v before the threshold and reset (the value its overflow rule sees). */
  readonly v: Bound;
}

/**
 * Static bounds (docs/precision.md §2). Per channel h with Q⁺, Q⁻ the largest excitatory and
 * inhibitory summed drive over the neurons (addProjectionDrive) and envelope (f, r↑, r↓), the
 * register value X the overflow rule sees (next-step X = D(u) + a; same-step X = u + a) obeys
 *   X ≤ u0⁺ + Q⁺ + r↑/(1 − f),   X ≥ −(u0⁻ + Q⁻ + r↓/(1 − f));
 * the current handed to v is X (next-step, and step 0 under carry) or D(X) ≤ f·X + r↑ (same-step).
 * With I⁺ = Σ_h u_h⁺ + bias⁺ and I⁻ = Σ_h u_h⁻ + bias⁻:
 *   y = D(v) + Σu + bias ≤ f_v·V + r↑ + I⁺ with V = max(v0⁺, vth⁻, (r↑ + I⁺ − cap·vth)/(1 − f_v)) for
 *   reset "subtract" and max(v0⁺, vth⁻) for reset "zero" (vth⁻ = vth, or vth − 1 with "≥");
 *   y ≥ −max(v0⁻, (r↓ + I⁻)/(1 − f_v)) (resets never make v negative).
 */
export function staticBounds(state: PopulationState, drive: Drive, semantics: LifSemantics): PopulationBounds {
  const channels = semantics.currentChannels;
  const sameStep = semantics.inputTiming === "same-step";
  const carry = semantics.initialCurrent === "carry";
  const u: Bound[] = [];
  const uStored: Bound[] = [];
  for (let h = 0; h < channels; h++) {
    let P = 0, N = 0, u0Up = 0, u0Down = 0;
    for (let i = 0; i < state.size; i++) {
      const at = i * channels + h;
      if (drive.excitatory[at] > P) P = drive.excitatory[at];
      if (drive.inhibitory[at] > N) N = drive.inhibitory[at];
      const x = state.u0[at];
      if (x > u0Up) u0Up = x;
      if (-x > u0Down) u0Down = -x;
    }
    const env = decayEnvelope(state.du[h], semantics.decay.currentOffset, semantics);
    const register: Bound = { upper: u0Up + P + invariantLevel(0, env.up, env.factor), lower: u0Down + N + invariantLevel(0, env.down, env.factor) };
    u.push(register);
    uStored.push(sameStep && !carry
      ? { upper: env.factor * register.upper + env.up, lower: env.factor * register.lower + env.down }
      : register);
  }
  return { u, uStored, v: voltageBound(state, uStored, semantics) };
}

/** y's bounds from the currents' bounds (the v part of staticBounds). */
export function voltageBound(state: PopulationState, currents: readonly Bound[], semantics: LifSemantics): Bound {
  let v0Up = 0, v0Down = 0;
  for (let i = 0; i < state.size; i++) {
    if (state.v0[i] > v0Up) v0Up = state.v0[i];
    if (-state.v0[i] > v0Down) v0Down = -state.v0[i];
  }
  const env = decayEnvelope(state.dv, semantics.decay.voltageOffset, semantics);
  const up = currents.reduce((sum, b) => sum + b.upper, 0) + Math.max(state.bias, 0);
  const down = currents.reduce((sum, b) => sum + b.lower, 0) + Math.max(-state.bias, 0);
  const below = semantics.threshold.compare === ">" ? state.threshold : state.threshold - 1;
  const settled = Math.max(v0Up, below);
  const post = semantics.reset === "subtract" ? invariantLevel(settled, env.up + up - spikeCap(semantics) * state.threshold, env.factor) : settled;
  const lower = invariantLevel(v0Down, env.down + down, env.factor);
  return { upper: env.factor * post + env.up + up, lower: env.factor * lower + env.down + down };
}

/** A bound against its register: the report row, and by how much it is over (bound/limit on the worse side). */
export function registerRange(variable: string, source: RegisterRange["source"], bound: Bound, register: Register): RegisterRange {
  const over = overRatio(bound, register);
  const spareBits = over === 0 ? register.bits - 1 : Math.floor(-Math.log2(over) + 1e-12);
  return { variable, source, lowest: -bound.lower, highest: bound.upper, registerMin: register.min, registerMax: register.max, spareBits };
}

/** max(upper/max, lower/|min|): at most 1 when the register holds the bound (Infinity when unbounded). */
export function overRatio(bound: Bound, register: Register): number {
  const up = bound.upper <= 0 ? 0 : register.max > 0 ? bound.upper / register.max : Infinity;
  const down = bound.lower <= 0 ? 0 : register.min < 0 ? bound.lower / -register.min : Infinity;
  return Math.max(up, down);
}

/** Every register of a population as report rows: u[h] for the channels in use, then v. */
export function populationRanges(bounds: PopulationBounds, channelsInUse: number, source: RegisterRange["source"], semantics: LifSemantics): RegisterRange[] {
  const rows: RegisterRange[] = [];
  for (let h = 0; h < channelsInUse; h++) rows.push(registerRange(`u[${h}]`, source, bounds.u[h], semantics.u));
  rows.push(registerRange("v", source, bounds.v, semantics.v));
  return rows;
}

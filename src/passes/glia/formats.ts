/**
 * Fixed-point formats for glia-core registers, chosen from bounds derived from the model
 * parameters (docs/passes.md, "glia-core lowering"): a signed register of b bits holding
 * |x| ≤ B gets frac = b − 1 − k with 2^k > B, so the largest value uses the top magnitude bit.
 * Pure functions of the elaborated network; the bounds are suprema of the discrete model, not
 * typical values, so a saturation in the emulator means a bound is wrong, not an unlucky run.
 */
import type { ElaboratedAstrocytes, ElaboratedIzhikevich, ElaboratedNetwork } from "../../ir/elaborated.js";
import type { Lr1994Params, ReducedParams, UllahParams } from "../../ir/astro-types.js";

/** Smallest k ≥ 0 with 2^k > bound. */
export function magnitudeBits(bound: number): number {
  let k = 0;
  while (2 ** k <= bound && k < 60) k++;
  return k;
}

/** Fractional bits of a signed `bits`-bit register that holds ±bound. */
export const signedFrac = (bound: number, bits: number): number => bits - 1 - magnitudeBits(bound);

/** Fractional bits of an unsigned `bits`-bit register that holds [0, bound]. */
export const unsignedFrac = (bound: number, bits: number): number => bits - magnitudeBits(bound);

const maxAbs = (values: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
};

export interface Bound {
  readonly bound: number;
  readonly reason: string;
}

/** The largest of named terms, with the name of the one that sets it. */
function largest(terms: readonly (readonly [string, number])[]): Bound {
  let best: Bound = { bound: 0, reason: "all terms are 0" };
  for (const [reason, value] of terms) if (value > best.bound) best = { bound: value, reason };
  return best;
}

/**
 * The glutamate trace's supremum. With a release every step, G ← G − ε·G + dt·R (ε = dt·r) settles
 * at R/r. A release "at_peak" of an Izhikevich neuron cannot come two steps in a row (the step
 * after V = v_peak resets V to c), and with a release every other step G peaks at
 * dt·R/(1 − (1 − ε)²) = R/(r·(2 − ε)). "spiking" releases can follow each other (V > the spike
 * threshold below v_peak), so they keep R/r.
 */
export function glutamateBound(spec: { readonly decay_rate: number; readonly release_rate: number; readonly release: string }, dtMs: number, model: string): Bound {
  if (!(spec.decay_rate > 0)) return { bound: Infinity, reason: "no decay" };
  const epsilon = (dtMs / 1000) * spec.decay_rate;
  return spec.release === "at_peak" && model === "izhikevich"
    ? { bound: spec.release_rate / (spec.decay_rate * (2 - epsilon)), reason: "release_rate/(decay_rate·(2 − dt·decay_rate)) (a release at most every other step)" }
    : { bound: spec.release_rate / spec.decay_rate, reason: "release_rate/decay_rate (a release every step)" };
}

/**
 * The astrocyte drive's supremum in µM/s: the glutamate_count amplitude; gain·ΣG with every
 * territory neuron at its glutamate bound; or, for spike jumps, every territory neuron spiking
 * every other step (a spike step is always followed by a reset step).
 */
export function driveBound(astrocytes: ElaboratedAstrocytes, net: ElaboratedNetwork, dtMs: number): number {
  const sensing = astrocytes.sensing;
  if (sensing === undefined) return 0;
  const { rowStart } = astrocytes.territory;
  let territory = 0;
  for (let a = 0; a + 1 < rowStart.length; a++) territory = Math.max(territory, rowStart[a + 1] - rowStart[a]);
  switch (sensing.kind) {
    case "glutamate_count":
      return Math.abs(sensing.amplitude);
    case "glutamate_sum": {
      const glutamate = net.populations[astrocytes.territoryPopulation].glutamate;
      const population = net.populations[astrocytes.territoryPopulation];
      return Math.abs(sensing.gain) * territory * (glutamate !== undefined ? glutamateBound(glutamate, dtMs, population.model).bound : 0);
    }
    case "spike_jump":
      return (Math.abs(sensing.delta_ip3 * sensing.weight) * territory) / (2 * (dtMs / 1000));
  }
}

/**
 * Ca and IP3 suprema (µM) of one astrocyte population; h lies in [0, 1].
 *   ullah2006: Ca ≤ c0·(1 + c1) (the total Ca the ER and the cytosol share) + v6/k1 when the
 *     membrane fluxes are on (influx ≤ v6 balanced by efflux k1·Ca);
 *     IP3 ≤ IP3* + (v4 + drive)/ip3_rate (relaxation against the largest production).
 *   lr1994: Ca ≤ Ca_tot·(1 + ratio_ER_cyt) (NEST clamps Ca there); IP3 ≤ IP3_0 + drive·tau_IP3.
 *   reduced: IP3 ≤ ip3_rest + drive·tau_ip3; Ca ≤ ca_rest + gain·max(IP3max − ip3_threshold, 0)·tau_ca.
 * Initial values raise either bound when larger. In the Li–Rinzel models IP3 acts only through
 * m∞³ = (IP3/(IP3 + d1))³ and Q2 = d2·(IP3 + d1)/(IP3 + d3) (and its own relaxation), so an IP3
 * bound above the level where both are within 1% of their limits is capped there (liRinzelIp3Cap):
 * a drive that pushes IP3 further saturates the register (the emulator counts it) while the
 * fluxes change by less than 1%.
 */
export function astrocyteBounds(astrocytes: ElaboratedAstrocytes, drive: number): { readonly ca: Bound; readonly ip3: Bound } {
  const ca0 = maxAbs(astrocytes.initialCa);
  const ip30 = maxAbs(astrocytes.initialIp3);
  switch (astrocytes.model) {
    case "ullah2006": {
      const p = astrocytes.params as UllahParams;
      const membrane = p.membrane_fluxes && p.k1 > 0 ? p.v6 / p.k1 : 0;
      const plc = p.plc_delta ? p.v4 : 0;
      const supremum: Bound = { bound: p.ip3_rate > 0 ? p.ip3_star + (plc + drive) / p.ip3_rate : Infinity, reason: "IP3* + (v4 + drive)/ip3_rate" };
      return {
        ca: largest([["c0·(1 + c1) + v6/k1", p.c0 * (1 + p.c1) + membrane], ["the initial Ca", ca0]]),
        ip3: cappedIp3(supremum, liRinzelIp3Cap(p.d1, p.d3), Math.max(ip30, p.ip3_star)),
      };
    }
    case "lr1994": {
      const p = astrocytes.params as Lr1994Params;
      const supremum: Bound = { bound: p.IP3_0 + (drive * p.tau_IP3) / 1000, reason: "IP3_0 + drive·tau_IP3" };
      return {
        ca: largest([["Ca_tot·(1 + ratio_ER_cyt)", p.Ca_tot * (1 + p.ratio_ER_cyt)], ["the initial Ca", ca0]]),
        ip3: cappedIp3(supremum, liRinzelIp3Cap(p.Kd_IP3_1, p.Kd_IP3_2), Math.max(ip30, p.IP3_0)),
      };
    }
    case "reduced": {
      const p = astrocytes.params as ReducedParams;
      const ip3 = largest([["ip3_rest + drive·tau_ip3", p.ip3_rest + (drive * p.tau_ip3) / 1000], ["the initial IP3", ip30]]);
      const ca = largest([["ca_rest + gain·(IP3max − ip3_threshold)·tau_ca", p.ca_rest + (p.gain * Math.max(ip3.bound - p.ip3_threshold, 0) * p.tau_ca) / 1000], ["the initial Ca", ca0]]);
      return { ca, ip3 };
    }
  }
}

/**
 * The IP3 (µM) above which m∞³ and Q2 are both within 1% of their limits:
 * (x/(x + d1))³ ≥ 0.99 ⇔ x ≥ d1·r/(1 − r) with r = 0.99^(1/3); |Q2/d2 − 1| = |d1 − d3|/(x + d3) ≤ 0.01
 * ⇔ x ≥ 100·|d1 − d3| − d3.
 */
export function liRinzelIp3Cap(d1: number, d3: number): number {
  const r = 0.99 ** (1 / 3);
  return Math.max((d1 * r) / (1 - r), 100 * Math.abs(d1 - d3) - d3);
}

/** The supremum, or the cap when the supremum is above it (never below the initial or resting IP3). */
function cappedIp3(supremum: Bound, cap: number, floor: number): Bound {
  const limit = Math.max(cap, floor);
  if (supremum.bound <= limit) return floor > supremum.bound ? { bound: floor, reason: "the initial or resting IP3" } : supremum;
  return { bound: limit, reason: "the IP3 where m∞³ and Q2 are within 1% of their limits (the drive could push it higher)" };
}

/** The input current terms of one Izhikevich population: synapses, injected currents and effects (µ of dV/dt, mV/ms). */
export interface CurrentTerms {
  /** Largest Σ (g + max(δ, 0))·(|e_rev| + |V|max) over the population's neurons. */
  readonly synaptic: number;
  /** Σ over the injected currents of their largest |value|. */
  readonly injected: number;
  /** Σ over the neuron effects of their largest current. */
  readonly effects: number;
  /**
   * The largest negative total current, as a magnitude: Σ (g + max(δ, 0))·max(V_top − e_rev, 0)
   * (V_top = v_peak or the initial V: V ≤ v_peak after the clamp, where I_syn is formed), plus the
   * most negative injected values and the effects that can be negative.
   */
  readonly negative: number;
}

/** The bounds of one Izhikevich population's two registers: V and U share one, the input current has its own. */
export interface NeuronBounds {
  readonly state: Bound;
  readonly current: Bound;
}

/**
 * V and U of an Izhikevich population share one register, the input current I has its own
 * (docs/semantics-glia.md §A.3–A.4). With κ = dt (ms) and |V|core = max(|c|, v_peak, |v0|):
 *   |V| ≤ max(|V|core, |e_rev|, overshoot, undershoot), where
 *     overshoot = v_peak + κ·(0.04·v_peak² + 5·v_peak + 140 + I⁺ + U): the largest one-step rise
 *       above v_peak before the clamp, I⁺ the input clip or the whole current bound;
 *     undershoot = |V|core + κ·(16.25 + U + I⁻): the deepest one-step fall from the core range,
 *       with the quadratic at its minimum −16.25 mV/ms and the largest negative current I⁻ (the
 *       clip caps I only from above);
 *   |U| ≤ max(|b|·|V|core, |u0|) + |d|/(2·κ·a) (a reset at most every other step, each adding d,
 *     relaxing at rate a; with a = 0: d per two steps over the run);
 *   |I| ≤ max(synaptic + injected + effects, |input_clip|).
 */
export function neuronBound(population: ElaboratedIzhikevich, currents: CurrentTerms, eRevMax: number, dtMs: number, steps: number): NeuronBounds {
  const p = population.params;
  const vCore = Math.max(Math.abs(p.c), Math.abs(p.v_peak), Math.abs(p.spike_threshold), maxAbs(population.initialV));
  const current = currents.synaptic + currents.injected + currents.effects;
  const resets = p.a > 0 ? 1 / (2 * dtMs * p.a) : steps / 2;
  const u = Math.max(Math.abs(p.b) * vCore, maxAbs(population.initialU)) + Math.abs(p.d) * resets;
  const drive = p.input_clip !== null ? Math.max(p.input_clip, 0) : current;
  const overshoot = Math.abs(p.v_peak) + dtMs * (0.04 * p.v_peak * p.v_peak + 5 * Math.abs(p.v_peak) + 140 + drive + u);
  const undershoot = vCore + dtMs * (16.25 + u + currents.negative);
  const state = largest([
    ["|c|, v_peak and the initial V", vCore],
    ["the reversal potentials", eRevMax],
    ["v_peak plus one step's overshoot", overshoot],
    ["one step's fall under the largest negative current", undershoot],
    ["U: b·V plus d per reset", u],
  ]);
  // the register holds the clip too (a clip above every current never acts, but must be representable)
  const clip = p.input_clip !== null ? Math.abs(p.input_clip) : 0;
  return { state, current: clip > current ? { bound: clip, reason: "the input clip" } : { bound: current, reason: "the summed input current" } };
}

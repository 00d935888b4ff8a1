/**
 * The device side of a memristive crossbar (docs/targets.md, "memristor-crossbar"): a synapse is
 * a differential pair of VTEAM devices (./vteam.ts), weight = G⁺ − G⁻ read through an ADC.
 *   G(w)        = 1/R(w)                                   (S; R from the linear or exponential I–V)
 *   G_target    = G_off + (G_on − G_off)·|w|/|w|max        (the active device; the other stays at G_off)
 *   level       = clamp(round_half_away(V_read·(G⁺ − G⁻)/I_lsb), ±(2^(adcBits−1) − 1))
 *   n pulses    = min(round(|Δlevels|·pulsesPerLevel), maxPulsesPerUpdate)
 *   E_read      = V_read²·G·t_read per device read,  E_pulse = V_p²·G(w_start)·t_p per pulse (J)
 * Pure functions of float64 numbers in a fixed order (Math.exp, Math.log and Math.pow only, V8's
 * fdlibm ports), so the compiler, both emulators and every machine get the same bits.
 */
import type { Rng } from "../util/rng.js";
import { applyPulse, resistance, type VteamParams } from "./vteam.js";

/** The device's conductance (S) in state w. */
export const conductance = (w: number, p: VteamParams): number => 1 / resistance(w, p);

/** The conductance of the ON state (lowest resistance) and of the OFF state (highest). */
export const onConductance = (p: VteamParams): number => 1 / p.rOn;
export const offConductance = (p: VteamParams): number => 1 / p.rOff;

/**
 * The state whose conductance is g, from the I–V relation inverted in closed form and clamped to
 * [wOn, wOff]: linear x = (1/g − R_on)/(R_off − R_on); exponential x = ln(1/(g·R_on))/ln(R_off/R_on).
 * `clamped` tells whether g lay outside the device's range [G_off, G_on].
 */
export function stateForConductance(g: number, p: VteamParams): { readonly w: number; readonly clamped: boolean } {
  // the range ends are exact: G_off and G_on as 1/R computed here, whatever the rounding of 1/g
  const gOff = offConductance(p);
  const gOn = onConductance(p);
  if (g <= gOff) return { w: p.wOff, clamped: g < gOff };
  if (g >= gOn) return { w: p.wOn, clamped: g > gOn };
  const r = 1 / g;
  const x = p.iv === "linear" ? (r - p.rOn) / (p.rOff - p.rOn) : Math.log(r / p.rOn) / Math.log(p.rOff / p.rOn);
  const inside = Math.min(1, Math.max(0, x));
  return { w: p.wOn + inside * (p.wOff - p.wOn), clamped: false };
}

/**
 * The target conductance of the active device for a weight of `fraction` = |w|/|w|max ∈ [0, 1]
 * of the nominal device: linear in conductance between G_off and G_on.
 */
export const activeConductance = (fraction: number, nominal: VteamParams): number =>
  offConductance(nominal) + (onConductance(nominal) - offConductance(nominal)) * fraction;

/** Round half away from zero: symmetric for positive and negative currents. */
export const roundHalfAway = (x: number): number => (x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5));

/** The largest ADC level: 2^(bits − 1) − 1 (the output is symmetric). */
export const largestLevel = (adcBits: number): number => 2 ** (adcBits - 1) - 1;

/** The ADC's output for a current (A): round(I/I_lsb) half away from zero, clamped to ±largestLevel. */
export function adcLevel(current: number, lsbCurrent: number, adcBits: number): number {
  const limit = largestLevel(adcBits);
  const level = roundHalfAway(current / lsbCurrent);
  return level > limit ? limit : level < -limit ? -limit : level;
}

/** The column-pair current (A) of one read: V_read·(G⁺ − G⁻). */
export const pairCurrent = (gPlus: number, gMinus: number, readVoltage: number): number => readVoltage * (gPlus - gMinus);

/** The level a read of the pair (states w⁺, w⁻ of devices p⁺, p⁻) gives. */
export function readLevel(
  wPlus: number,
  pPlus: VteamParams,
  wMinus: number,
  pMinus: VteamParams,
  read: { readonly voltage: number; readonly adcBits: number },
  lsbCurrent: number,
): number {
  return adcLevel(pairCurrent(conductance(wPlus, pPlus), conductance(wMinus, pMinus), read.voltage), lsbCurrent, read.adcBits);
}

/** Pulses for a change of `deltaLevels` (any sign): round(|Δ|·pulsesPerLevel), at most `maxPulses`. */
export function pulsesFor(deltaLevels: number, pulsesPerLevel: number, maxPulses: number): number {
  const n = Math.floor(Math.abs(deltaLevels) * pulsesPerLevel + 0.5);
  return n > maxPulses ? maxPulses : n;
}

/** Settings of one identical programming pulse. */
export interface PulseSettings {
  readonly voltage: number; // V
  readonly width: number; // s
  readonly substeps: number;
}

/** The state after `count` identical pulses, each integrated by applyPulse (RK4, clamped every substep). */
export function applyPulses(w: number, count: number, pulse: PulseSettings, p: VteamParams): number {
  let state = w;
  for (let i = 0; i < count; i++) state = applyPulse(state, pulse.voltage, pulse.width, p, pulse.substeps);
  return state;
}

/**
 * Pulses per ADC level of one polarity, calibrated on the nominal device at mid-range: the
 * active device sits at the conductance of half the largest weight (G_off + (G_on − G_off)/2),
 * one pulse is applied, and the conductance it gains or loses is converted to levels through
 * V_read/I_lsb. The inverse is the pulses per level; Infinity when the pulse does not move it.
 */
export function calibratePulsesPerLevel(nominal: VteamParams, pulse: PulseSettings, readVoltage: number, lsbCurrent: number): number {
  const middle = stateForConductance(activeConductance(0.5, nominal), nominal).w;
  const after = applyPulse(middle, pulse.voltage, pulse.width, nominal, pulse.substeps);
  const levelsPerPulse = Math.abs(readVoltage * (conductance(after, nominal) - conductance(middle, nominal))) / lsbCurrent;
  return levelsPerPulse > 0 ? 1 / levelsPerPulse : Infinity;
}

/** Relative spread (σ of the logarithm) of each varied parameter. */
export interface VariationSigma {
  readonly rOn: number;
  readonly rOff: number;
  readonly k: number;
}

/** One device's multiplicative factors: R_on·rOn, R_off·rOff, k_on and k_off ·k. */
export interface DeviceFactors {
  readonly rOn: number;
  readonly rOff: number;
  readonly k: number;
}

/**
 * Lognormal factors exp(σ·z) with z standard normal, drawn in the order R_on, R_off, k (one
 * normal each, also when σ = 0, so the stream does not depend on which σ are zero). The median
 * device is the nominal one.
 */
export function drawDeviceFactors(rng: Rng, sigma: VariationSigma): DeviceFactors {
  const zOn = rng.nextNormal();
  const zOff = rng.nextNormal();
  const zK = rng.nextNormal();
  return { rOn: Math.exp(sigma.rOn * zOn), rOff: Math.exp(sigma.rOff * zOff), k: Math.exp(sigma.k * zK) };
}

/** The nominal device with its factors applied. */
export const variedDevice = (p: VteamParams, f: DeviceFactors): VteamParams => ({
  ...p,
  rOn: p.rOn * f.rOn,
  rOff: p.rOff * f.rOff,
  kOn: p.kOn * f.k,
  kOff: p.kOff * f.k,
});

/** Energy (J) of reading one device of conductance g at V_read for t_read: V²·G·t. */
export const readEnergy = (readVoltage: number, g: number, readWidth: number): number => readVoltage * readVoltage * g * readWidth;

/** Energy (J) of one programming pulse from state w: V_p²·G(w)·t_p (G at the pulse's start). */
export const pulseEnergy = (w: number, pulse: PulseSettings, p: VteamParams): number => pulse.voltage * pulse.voltage * conductance(w, p) * pulse.width;

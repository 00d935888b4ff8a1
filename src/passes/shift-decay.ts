/**
 * Time constants of a shift-decay register (decay.form "shift", Xylo's dash): per step the
 * register loses x >> dash, a factor 1 - 2^-dash, so a dash realises
 * τ_eff = -dt / ln(1 - 2^-dash). quantize picks the dash whose τ_eff is nearest the requested τ
 * on a log scale (Rockpool rounds log2(τ/dt) instead, which for τ = 25 dt gives dash 5 and
 * τ_eff ≈ 31.5 dt; the log-nearest dash is also 5 there, but not everywhere).
 */
import type { DecayChoice } from "./quantize.js";

/** The time constant of a shift decay by `dash`, ms (0 for dash 0: the register empties in one step). */
export function tauFromShift(dash: number, dtMs: number): number {
  return dash <= 0 ? 0 : -dtMs / Math.log1p(-(2 ** -dash));
}

/**
 * The dash in 1..maxDash nearest τ in log(τ_eff) (dash 0 realises τ = 0, never nearest a positive
 * τ). `fits` is false when τ lies beyond the largest dash by more than half a log step, i.e. the
 * next dash would have been nearer. As a DecayChoice, `effective` is 2^(bits - dash), so that
 * effective / 2^bits is the fraction 2^-dash the register loses per step (quantize's current scale).
 */
export function chooseShift(tauMs: number, dtMs: number, maxDash: number, bits: number): DecayChoice {
  let dash = 1;
  for (let d = 2; d <= maxDash; d++) {
    if (Math.abs(Math.log(tauFromShift(d, dtMs) / tauMs)) < Math.abs(Math.log(tauFromShift(dash, dtMs) / tauMs))) dash = d;
  }
  const largest = tauFromShift(maxDash, dtMs);
  const boundary = Math.sqrt(largest * tauFromShift(maxDash + 1, dtMs)); // half a log step past the largest dash
  return {
    decay: dash,
    effective: 2 ** (bits - dash),
    realisedTauMs: tauFromShift(dash, dtMs),
    fits: maxDash >= 1 && tauMs < boundary,
    minTauMs: tauFromShift(1, dtMs),
    maxTauMs: largest,
  };
}

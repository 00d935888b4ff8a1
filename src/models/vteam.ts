/**
 * The VTEAM voltage-controlled memristor (Kvatinsky, Ramadan, Friedman, Kolodny, IEEE TCAS-II
 * 62(8), 2015, doi:10.1109/TCSII.2015.2433536), as ../shared/research/models.md §4 gives it from
 * two implementations. The state w (m) lies in [wOn, wOff]; w grows towards OFF (higher
 * resistance) for v ≥ vOff > 0 and shrinks towards ON for v ≤ vOn < 0; between the thresholds it
 * does not move:
 *   dw/dt = kOff·(v/vOff − 1)^αOff·fOff(w)   if v ≥ vOff   (kOff > 0)
 *         = 0                               if vOn < v < vOff
 *         = kOn·(v/vOn − 1)^αOn·fOn(w)      if v ≤ vOn    (kOn < 0)
 * Windows f keep w inside its bounds (every result is also clamped to [wOn, wOff]). I–V: linear
 * R(w) = rOn + (rOff − rOn)·x or exponential R(w) = rOn·exp(λ·x), λ = ln(rOff/rOn), with
 * x = (w − wOn)/(wOff − wOn). The device equations for the crossbar target of the plasticity work.
 */

import type { VteamParams } from "../targets/vteam-types.js";
export type { VteamParams, VteamWindow } from "../targets/vteam-types.js";

/** memtorch's default VTEAM device (models.md §4): 50 Ω … 1 kΩ over 3 nm, no window. */
export const VTEAM_MEMTORCH: VteamParams = {
  kOn: -10,
  kOff: 5e-4,
  alphaOn: 3,
  alphaOff: 1,
  vOn: -0.2,
  vOff: 0.02,
  wOn: 0,
  wOff: 3e-9,
  rOn: 50,
  rOff: 1000,
  window: { kind: "none" },
  iv: "linear",
};

/** The normalised state x = (w − wOn)/(wOff − wOn) ∈ [0, 1]. */
export const normalisedState = (w: number, p: VteamParams): number => (w - p.wOn) / (p.wOff - p.wOn);

/** The window's value for a move at voltage v from state w. */
export function windowValue(w: number, v: number, p: VteamParams): number {
  const x = normalisedState(w, p);
  const win = p.window;
  switch (win.kind) {
    case "none":
      return 1;
    case "joglekar":
      return 1 - Math.pow(2 * x - 1, 2 * win.p);
    case "biolek":
      return 1 - Math.pow(x - (v < 0 ? 1 : 0), 2 * win.p);
    case "prodromakis":
      return win.j * (1 - Math.pow((x - 0.5) ** 2 + 0.75, win.p));
    case "kvatinsky":
      return v >= 0 ? Math.exp(-Math.exp((w - win.aOff) / win.wc)) : Math.exp(-Math.exp(-(w - win.aOn) / win.wc));
  }
}

/** dw/dt (m/s) at voltage v and state w. */
export function stateRate(w: number, v: number, p: VteamParams): number {
  if (v >= p.vOff) return p.kOff * Math.pow(v / p.vOff - 1, p.alphaOff) * windowValue(w, v, p);
  if (v <= p.vOn) return p.kOn * Math.pow(v / p.vOn - 1, p.alphaOn) * windowValue(w, v, p);
  return 0;
}

/** The device's resistance (Ω) in state w. */
export function resistance(w: number, p: VteamParams): number {
  const x = Math.min(1, Math.max(0, normalisedState(w, p)));
  return p.iv === "linear" ? p.rOn + (p.rOff - p.rOn) * x : p.rOn * Math.exp(Math.log(p.rOff / p.rOn) * x);
}

/** The current (A) through the device at voltage v in state w. */
export const deviceCurrent = (w: number, v: number, p: VteamParams): number => v / resistance(w, p);

const clampState = (w: number, p: VteamParams): number => Math.min(p.wOff, Math.max(p.wOn, w));

/**
 * The state after a rectangular pulse of amplitude v (V) and width seconds, integrated by
 * classical RK4 with `substeps` equal steps and the state clamped to [wOn, wOff] after each one
 * (deterministic: the same inputs give the same bits). Without a window the rate is constant
 * during a pulse, so one step is exact up to rounding.
 */
export function applyPulse(w: number, v: number, width: number, p: VteamParams, substeps = 100): number {
  if (v > p.vOn && v < p.vOff) return w; // below both thresholds: the read is non-destructive
  const h = width / substeps;
  let state = w;
  for (let k = 0; k < substeps; k++) {
    const k1 = stateRate(state, v, p);
    const k2 = stateRate(clampState(state + (h / 2) * k1, p), v, p);
    const k3 = stateRate(clampState(state + (h / 2) * k2, p), v, p);
    const k4 = stateRate(clampState(state + h * k3, p), v, p);
    state = clampState(state + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4), p);
  }
  return state;
}

/** True when a read at voltage v would move the state (|v| reaches a threshold): a read-disturb. */
export const disturbsOnRead = (v: number, p: VteamParams): boolean => v >= p.vOff || v <= p.vOn;

/**
 * The astrocyte models' shared float interface and their integrator: classical RK4 with the
 * inputs (drive, diffusion) held fixed over the four stages, in the bracket order of the
 * Gordleeva et al. 2021 code (docs/astrocytes.md, "Integration"). Allocation-free: the stage
 * derivatives live in a scratch array the caller owns.
 *   k1 = f(X), k2 = f(X + (h/2)·k1), k3 = f(X + (h/2)·k2), k4 = f(X + h·k3)
 *   X ← X + (h/6)·(((k1 + 2·k2) + 2·k3) + k4)
 */

/** A model's right-hand side in its own time unit. */
export interface AstroFloatModel {
  /** Seconds per model time unit: 1 for models in s (Ullah, reduced), 0.001 for NEST's ms. */
  readonly secondsPerUnit: number;
  /**
   * Writes dCa/dt, dh/dt, dIP3/dt at (ca, h, ip3) into out[offset], out[offset + 1],
   * out[offset + 2]. `drive` (µM per model time unit) enters dIP3/dt; `couplingCa` and
   * `couplingIp3` are the diffusion terms d·ΔX, already in the model's unit, added last.
   */
  derivatives(ca: number, h: number, ip3: number, drive: number, couplingCa: number, couplingIp3: number, out: Float64Array, offset: number): void;
}

/** One astrocyte's state, read and written in place. */
export interface AstroState {
  readonly ca: Float64Array;
  readonly h: Float64Array;
  readonly ip3: Float64Array;
}

/** The step sizes h, h/2 and h/6 of RK4, each formed once as the authors' code does. */
export interface Rk4Step {
  readonly h: number;
  readonly half: number;
  readonly sixth: number;
}

/** RK4 step constants for a step of `h` model time units. */
export function rk4Step(h: number): Rk4Step {
  return { h, half: h / 2, sixth: h / 6 };
}

/** Scratch for rk4Advance: 12 doubles (k1 … k4, three components each). */
export const createRk4Scratch = (): Float64Array => new Float64Array(12);

/** Advances astrocyte `a` of `state` by one RK4 step of `step.h`, in place. */
export function rk4Advance(
  model: AstroFloatModel,
  state: AstroState,
  a: number,
  step: Rk4Step,
  drive: number,
  couplingCa: number,
  couplingIp3: number,
  k: Float64Array,
): void {
  const ca = state.ca[a];
  const h = state.h[a];
  const ip3 = state.ip3[a];
  const { h: full, half, sixth } = step;
  model.derivatives(ca, h, ip3, drive, couplingCa, couplingIp3, k, 0);
  model.derivatives(ca + half * k[0], h + half * k[1], ip3 + half * k[2], drive, couplingCa, couplingIp3, k, 3);
  model.derivatives(ca + half * k[3], h + half * k[4], ip3 + half * k[5], drive, couplingCa, couplingIp3, k, 6);
  model.derivatives(ca + full * k[6], h + full * k[7], ip3 + full * k[8], drive, couplingCa, couplingIp3, k, 9);
  state.ca[a] = ca + sixth * (k[0] + 2 * k[3] + 2 * k[6] + k[9]);
  state.h[a] = h + sixth * (k[1] + 2 * k[4] + 2 * k[7] + k[10]);
  state.ip3[a] = ip3 + sixth * (k[2] + 2 * k[5] + 2 * k[8] + k[11]);
}

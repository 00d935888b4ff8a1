/**
 * The reduced, hardware-friendly astrocyte: a two-stage leaky-integrator cascade with a
 * threshold (astro-types.ts ReducedParams; docs/astrocytes.md "Reduced model"). h is held at 1.
 * The reference integrates it with the same RK4 as the full models, so a reduced and a full
 * astrocyte differ only by their right-hand sides. Time in s (tau_* are given in ms).
 *   dIP3/dt = (ip3_rest − IP3)/τ_ip3 + drive + d_ip3·ΔIP3
 *   dCa/dt  = (ca_rest − Ca)/τ_ca + gain·max(IP3 − ip3_threshold, 0) + d_ca·ΔCa
 *   dh/dt   = 0
 */
import type { ReducedParams } from "../ir/astro-types.js";
import type { AstroFloatModel } from "./astro-rk4.js";

/** The reduced right-hand side, in s. */
export class ReducedFloat implements AstroFloatModel {
  readonly secondsPerUnit = 1;
  private readonly tauIp3Seconds: number;
  private readonly tauCaSeconds: number;
  private readonly ip3Rest: number;
  private readonly caRest: number;
  private readonly ip3Threshold: number;
  private readonly gain: number;

  constructor(p: ReducedParams) {
    this.tauIp3Seconds = p.tau_ip3 / 1000;
    this.tauCaSeconds = p.tau_ca / 1000;
    this.ip3Rest = p.ip3_rest;
    this.caRest = p.ca_rest;
    this.ip3Threshold = p.ip3_threshold;
    this.gain = p.gain;
  }

  derivatives(ca: number, _h: number, ip3: number, drive: number, couplingCa: number, couplingIp3: number, out: Float64Array, offset: number): void {
    const excess = ip3 - this.ip3Threshold;
    out[offset] = (this.caRest - ca) / this.tauCaSeconds + this.gain * (excess > 0 ? excess : 0) + couplingCa;
    out[offset + 1] = 0;
    out[offset + 2] = (this.ip3Rest - ip3) / this.tauIp3Seconds + drive + couplingIp3;
  }
}

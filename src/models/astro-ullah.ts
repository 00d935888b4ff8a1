/**
 * The Ullah et al. (2006) Li–Rinzel-type astrocyte as the Gordleeva et al. 2021 code computes it
 * (runge_astro.m; models.md §2.5; docs/astrocytes.md "Ullah 2006"). Concentrations in µM, time in s.
 * Only the right-hand side lives here; rk4Advance integrates it. Every bracket below is the
 * authors' and every power is Math.pow, as their libm pow: do not rewrite x² as x·x.
 *   dCa/dt  = ((((J_ER − J_pump) + J_leak) + J_in) − J_out) + d_ca·ΔCa
 *   dh/dt   = (h∞ − h)/τ_h
 *   dIP3/dt = (((IP3* − IP3)·Tr + J_PLC) + drive) + d_ip3·ΔIP3
 *   J_ER   = ((((c1·v1)·M³)·N³)·h³)·((c0 − Ca)/c1 − Ca),  M = IP3/(IP3 + d1), N = Ca/(Ca + d5)
 *   J_leak = (c1·v2)·((c0 − Ca)/c1 − Ca)
 *   J_pump = (v3·Ca²)/(Ca² + k3²)
 *   J_in   = v6·(IP3²/(k2² + IP3²)),   J_out = k1·Ca          (membrane_fluxes; else 0)
 *   J_PLC  = v4·((Ca + (1 − α)·k4)/(Ca + k4))                (plc_delta; else 0)
 *   Q2 = d2·((IP3 + d1)/(IP3 + d3)),  h∞ = Q2/(Q2 + Ca),  τ_h = 1/(a2·(Q2 + Ca))
 */
import type { UllahParams } from "../ir/astro-types.js";
import type { AstroFloatModel } from "./astro-rk4.js";

/** The Ullah right-hand side with its constant products formed once (same bits as per call). */
export class UllahFloat implements AstroFloatModel {
  readonly secondsPerUnit = 1;
  private readonly c0: number;
  private readonly c1: number;
  private readonly c1v1: number;
  private readonly c1v2: number;
  private readonly v3: number;
  private readonly v4: number;
  private readonly v6: number;
  private readonly k1: number;
  private readonly k2Squared: number;
  private readonly k3Squared: number;
  private readonly k4: number;
  private readonly oneMinusAlphaK4: number;
  private readonly d1: number;
  private readonly d2: number;
  private readonly d3: number;
  private readonly d5: number;
  private readonly a2: number;
  private readonly ip3Star: number;
  private readonly ip3Rate: number;
  private readonly membraneFluxes: boolean;
  private readonly plcDelta: boolean;

  constructor(p: UllahParams) {
    this.c0 = p.c0;
    this.c1 = p.c1;
    this.c1v1 = p.c1 * p.v1;
    this.c1v2 = p.c1 * p.v2;
    this.v3 = p.v3;
    this.v4 = p.v4;
    this.v6 = p.v6;
    this.k1 = p.k1;
    this.k2Squared = Math.pow(p.k2, 2);
    this.k3Squared = Math.pow(p.k3, 2);
    this.k4 = p.k4;
    this.oneMinusAlphaK4 = (1 - p.alpha) * p.k4;
    this.d1 = p.d1;
    this.d2 = p.d2;
    this.d3 = p.d3;
    this.d5 = p.d5;
    this.a2 = p.a2;
    this.ip3Star = p.ip3_star;
    this.ip3Rate = p.ip3_rate;
    this.membraneFluxes = p.membrane_fluxes;
    this.plcDelta = p.plc_delta;
  }

  derivatives(ca: number, h: number, ip3: number, drive: number, couplingCa: number, couplingIp3: number, out: Float64Array, offset: number): void {
    const m = ip3 / (ip3 + this.d1);
    const n = ca / (ca + this.d5);
    const erGradient = (this.c0 - ca) / this.c1 - ca;
    const jEr = this.c1v1 * Math.pow(m, 3) * Math.pow(n, 3) * Math.pow(h, 3) * erGradient;
    const jLeak = this.c1v2 * erGradient;
    const caSquared = Math.pow(ca, 2);
    const jPump = (this.v3 * caSquared) / (caSquared + this.k3Squared);
    let jIn = 0;
    let jOut = 0;
    if (this.membraneFluxes) {
      const ip3Squared = Math.pow(ip3, 2);
      jIn = this.v6 * (ip3Squared / (this.k2Squared + ip3Squared));
      jOut = this.k1 * ca;
    }
    const q2 = this.d2 * ((ip3 + this.d1) / (ip3 + this.d3));
    const hInf = q2 / (q2 + ca);
    const tauH = 1 / (this.a2 * (q2 + ca));
    const jPlc = this.plcDelta ? this.v4 * ((ca + this.oneMinusAlphaK4) / (ca + this.k4)) : 0;
    out[offset] = jEr - jPump + jLeak + jIn - jOut + couplingCa;
    out[offset + 1] = (hInf - h) / tauH;
    out[offset + 2] = (this.ip3Star - ip3) * this.ip3Rate + jPlc + drive + couplingIp3;
  }
}

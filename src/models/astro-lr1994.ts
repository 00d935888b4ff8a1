/**
 * NEST's astrocyte_lr_1994 (Li & Rinzel 1994; De Young & Keizer 1992; Nadkarni & Jung 2003) as
 * models/astrocyte_lr_1994.cpp computes its right-hand side (NEST 3.6+; models.md §3.1;
 * docs/astrocytes.md "NEST lr_1994"). Time in ms, concentrations in µM, NEST's names.
 * The reference integrates it with classical RK4 at the astrocyte period instead of NEST's
 * adaptive RKF45 (docs/astrocytes.md says why). Products and quotients in C++'s left-to-right order.
 *   Ca' = clamp(Ca, 0, Ca_tot·(1 + r))                       (only inside the RHS, as NEST)
 *   dIP3/dt = (IP3_0 − IP3)/tau_IP3 + drive + d_ip3·ΔIP3
 *   dCa/dt  = ((J_channel − J_pump) + J_leak) + d_ca·ΔCa
 *   dh/dt   = α_h·(1 − h) − β_h·h
 *   α_h = ((k_IP3R·Kd_inh)·(IP3 + Kd_IP3_1))/(IP3 + Kd_IP3_2),  β_h = k_IP3R·Ca'
 *   m∞ = IP3/(IP3 + Kd_IP3_1),  n∞ = Ca'/(Ca' + Kd_act),  Ca_ER = Ca_tot + (Ca_tot − Ca')/r
 *   J_channel = ((((r·rate_IP3R)·m∞³)·n∞³)·h³)·(Ca_ER − Ca')
 *   J_leak    = (r·rate_L)·(Ca_ER − Ca'),   J_pump = (rate_SERCA·Ca'²)/(Km_SERCA² + Ca'²)
 * SIC output (NEST): I_SIC = SIC_scale·ln((Ca − SIC_th)·1000) when that argument > 1, else 0.
 */
import type { Lr1994Params } from "../ir/astro-types.js";
import type { AstroFloatModel } from "./astro-rk4.js";

/** The lr_1994 right-hand side, in ms. */
export class Lr1994Float implements AstroFloatModel {
  readonly secondsPerUnit = 0.001;
  private readonly caTot: number;
  private readonly maxCa: number;
  private readonly ip30: number;
  private readonly kdIp31: number;
  private readonly kdIp32: number;
  private readonly kdAct: number;
  private readonly kIp3rKdInh: number;
  private readonly kIp3r: number;
  private readonly kmSercaSquared: number;
  private readonly ratio: number;
  private readonly ratioRateIp3r: number;
  private readonly ratioRateL: number;
  private readonly rateSerca: number;
  private readonly tauIp3: number;

  constructor(p: Lr1994Params) {
    this.caTot = p.Ca_tot;
    this.maxCa = p.Ca_tot * (1 + p.ratio_ER_cyt);
    this.ip30 = p.IP3_0;
    this.kdIp31 = p.Kd_IP3_1;
    this.kdIp32 = p.Kd_IP3_2;
    this.kdAct = p.Kd_act;
    this.kIp3rKdInh = p.k_IP3R * p.Kd_inh;
    this.kIp3r = p.k_IP3R;
    this.kmSercaSquared = Math.pow(p.Km_SERCA, 2);
    this.ratio = p.ratio_ER_cyt;
    this.ratioRateIp3r = p.ratio_ER_cyt * p.rate_IP3R;
    this.ratioRateL = p.ratio_ER_cyt * p.rate_L;
    this.rateSerca = p.rate_SERCA;
    this.tauIp3 = p.tau_IP3;
  }

  derivatives(ca: number, h: number, ip3: number, drive: number, couplingCa: number, couplingIp3: number, out: Float64Array, offset: number): void {
    const calc = Math.max(0, Math.min(ca, this.maxCa));
    const alphaH = (this.kIp3rKdInh * (ip3 + this.kdIp31)) / (ip3 + this.kdIp32);
    const betaH = this.kIp3r * calc;
    const calcSquared = Math.pow(calc, 2);
    const jPump = (this.rateSerca * calcSquared) / (this.kmSercaSquared + calcSquared);
    const m = ip3 / (ip3 + this.kdIp31);
    const n = calc / (calc + this.kdAct);
    const calcEr = this.caTot + (this.caTot - calc) / this.ratio;
    const jLeak = this.ratioRateL * (calcEr - calc);
    const jChannel = this.ratioRateIp3r * Math.pow(m, 3) * Math.pow(n, 3) * Math.pow(h, 3) * (calcEr - calc);
    out[offset] = jChannel - jPump + jLeak + couplingCa;
    out[offset + 1] = alphaH * (1 - h) - betaH * h;
    out[offset + 2] = (this.ip30 - ip3) / this.tauIp3 + drive + couplingIp3;
  }
}

/** NEST's slow inward current: scale·ln((Ca − threshold)·1000) when the argument exceeds 1, else 0. */
export function sicCurrent(ca: number, threshold: number, scale: number): number {
  const nanomolar = (ca - threshold) * 1000;
  return nanomolar > 1 ? Math.log(nanomolar) * scale : 0;
}

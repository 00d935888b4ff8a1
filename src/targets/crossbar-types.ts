/**
 * A memristive crossbar that holds a LIF target's synaptic weights (targets/memristor-crossbar.json;
 * docs/targets.md, "memristor-crossbar"). Neurons are the target's LIF compartments; every
 * weight lives as the conductance difference of a differential pair of VTEAM devices
 * (models/vteam.ts), tiled onto crossbars of rows × columns. A spike reads its row: the column
 * current I = V_read·(G⁺ − G⁻) passes an ADC whose integer output is the weight the compartment
 * adds to u. A weight update becomes programming pulses on one device of the pair.
 */
import type { VteamParams } from "./vteam-types.js";

export interface CrossbarSemantics {
  readonly device: VteamParams;
  /** One crossbar tile: inputs (rows, one per presynaptic source) × outputs (columns, two per neuron: G⁺ and G⁻). */
  readonly tile: { readonly rows: number; readonly columns: number };
  readonly maxTiles: number;
  readonly read: {
    readonly voltage: number; // V; must lie strictly inside (vOn, vOff), else the read moves the state
    readonly width: number; // s
    /** ADC: signed integer out = round(I / lsbCurrent), clamped to ±(2^(bits−1) − 1). */
    readonly adcBits: number;
  };
  readonly program: {
    readonly setVoltage: number; // V, ≤ vOn: moves w towards ON (higher conductance)
    readonly resetVoltage: number; // V, ≥ vOff: moves w towards OFF (lower conductance)
    readonly width: number; // s per pulse
    readonly maxPulsesPerUpdate: number;
    /** Deterministic integration of a pulse: classic RK4 with this many equal substeps, state clamped each substep. */
    readonly substeps: number;
  };
  /** Seeded device-to-device variation: relative σ of R_on, R_off and k (lognormal); 0 = none. */
  readonly variation: { readonly rOn: number; readonly rOff: number; readonly k: number };
  /** Energy model inputs beyond V²·G·t: a fixed cost per ADC conversion (J). */
  readonly energy: { readonly adcConversion: number };
}

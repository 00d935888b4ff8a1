/**
 * The crossbar section of a hardware config (HwConfig.crossbar): where every synapse's device
 * pair sits on the crossbar tiles, the states the compiler programmed into it (already varied),
 * the varied device parameters, and the ADC and programming constants of each projection, so the
 * emulator can read and program the devices from the config alone (docs/targets.md,
 * "memristor-crossbar"). States in metres, currents in amperes, conductances in siemens.
 */
import type { CrossbarSemantics } from "../targets/crossbar-types.js";

/** Per-device parameters of a varied array: index 2·s is synapse s's G⁺ device, 2·s + 1 its G⁻ device. */
export interface HwCrossbarDevices {
  readonly rOn: Float64Array; // Ω
  readonly rOff: Float64Array; // Ω
  readonly kOn: Float64Array; // m/s
  readonly kOff: Float64Array; // m/s
}

/** One projection's synapses on the crossbar, in the projection's elaborated CSR order. */
export interface HwCrossbarProjection {
  readonly id: string; // the IR projection's id
  /** Effective weight = ADC level · 2^levelShift (the integer the compartment adds to u). */
  readonly levelShift: number;
  /** The ADC's current step I_lsb (A): level = round(V_read·(G⁺ − G⁻)/I_lsb). */
  readonly lsbCurrent: number;
  /**
   * Plastic projections: the learning engine's magnitude units (mantissa LSBs) per ADC level,
   * 2^(levelShift − weight.shift − exponent); 0 for a projection that does not learn.
   */
  readonly magnitudePerLevel: number;
  /** Pulses per ADC level, calibrated on the nominal device at mid-range, per polarity. */
  readonly pulsesPerLevel: { readonly set: number; readonly reset: number };
  /**
   * Plastic projections: the nonzero seed of the write controller's xorshift32 generator, which
   * rounds a write whose target lies between two ADC levels to one of them (docs/targets.md,
   * "Writing"); 0 for a projection that does not learn.
   */
  readonly roundingSeed: number;
  /** Where each synapse is stored in the core's synapse arrays (as in HwPlasticProjection). */
  readonly synapseCore: Int32Array;
  readonly synapseIndex: Int32Array;
  /** +1: the weight lives on G⁺ (G⁻ held at OFF); −1: on G⁻. */
  readonly sign: Int8Array;
  /** Tile (global index), row, and column of the G⁺ device (G⁻ is the next column). */
  readonly tile: Int32Array;
  readonly row: Int32Array;
  readonly column: Int32Array;
  /** Programmed device states w⁺ and w⁻ (m). */
  readonly statePlus: Float64Array;
  readonly stateMinus: Float64Array;
  /** Present when the target varies its devices (variation σ > 0). */
  readonly devices?: HwCrossbarDevices;
}

export interface HwCrossbar {
  readonly semantics: CrossbarSemantics;
  /** Tiles in use (≤ semantics.maxTiles). */
  readonly tiles: number;
  readonly projections: readonly HwCrossbarProjection[];
}

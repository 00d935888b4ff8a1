/**
 * The crossbar as the emulators see it (docs/targets.md, "memristor-crossbar"): device pairs read
 * through the ADC give every synapse's effective weight at load; a spike reads its row (counted,
 * with its energy); a learning write becomes programming pulses on the active device and a verify
 * read, and the level read back is what the next magnitude() returns. Shared by the fast emulator
 * and the scalar interpreter, so both compute the same floats in the same order. Never mutates
 * the config: states live in this store's own arrays.
 */
import type { HwConfig } from "../hw/types.js";
import type { HwCrossbar, HwCrossbarProjection } from "../hw/crossbar-config.js";
import type { VteamParams } from "../models/vteam.js";
import { applyPulses, conductance, pulseEnergy, pulsesFor, readEnergy, readLevel, type PulseSettings } from "../models/crossbar.js";
import { saturate } from "../targets/fixed.js";
import { assert } from "../util/assert.js";
import type { WeightStore } from "./weight-store.js";

/** Crossbar events and energy of a run (J). */
export interface CrossbarCounts {
  /** Tile rows driven by spikes: one per tile that holds the spiking source's row on a core it reaches. */
  readonly rowReads: number;
  /** ADC conversions: one per synapse (column pair) of every row read, plus one per verify read. */
  readonly conversions: number;
  /** Pairs read back after programming. */
  readonly verifyReads: number;
  readonly setPulses: number;
  readonly resetPulses: number;
  /** Σ V_read²·G·t_read over the devices of every read (rows and verify reads). */
  readonly readEnergy: number;
  /** conversions · energy.adcConversion. */
  readonly adcEnergy: number;
  /** Σ V_p²·G(w at the pulse's start)·t_p over every pulse. */
  readonly writeEnergy: number;
  readonly energy: number;
}

/** Told the effective weight that now sits in a core's synapse entry after a write. */
export interface EffectiveWeightSink {
  setEffectiveWeight(core: number, index: number, weight: number): void;
}

/** One projection's live devices. */
interface ProjectionDevices {
  readonly hw: HwCrossbarProjection;
  readonly statePlus: Float64Array;
  readonly stateMinus: Float64Array;
  /** Per device (2·s: G⁺, 2·s + 1: G⁻): nominal or varied parameters. */
  readonly params: readonly VteamParams[];
  /** The signed ADC level of each pair as last read. */
  readonly level: Int32Array;
  /** Per synapse: programming and verify-read energy so far (summed in synapse order, whatever the write order). */
  readonly writeEnergy: Float64Array;
  readonly verifyEnergy: Float64Array;
  /** The write controller's xorshift32 state (HwCrossbarProjection.roundingSeed at load). */
  rng: number;
}

/** The crossbar store of a config with a crossbar section. */
export class CrossbarStore implements WeightStore {
  private readonly crossbar: HwCrossbar;
  private readonly projections: ProjectionDevices[];
  /** Learning projection index → position in `projections`. */
  private readonly plasticToCrossbar: Int32Array;
  /** Per core, per synapse entry: its effective weight, and (projection, synapse) on the crossbar. */
  private readonly weights: Float64Array[];
  private readonly entryProjection: Int32Array[];
  private readonly entrySynapse: Int32Array[];
  /** Per core, per synapse entry: its axon (row of the core's CSR). */
  private readonly entryAxon: Int32Array[];
  /** Per core, per axon: tiles its row spans, synapses, the row's read energy now, and the energy read so far. */
  private readonly rowTiles: Int32Array[];
  private readonly rowSynapses: Int32Array[];
  private readonly rowEnergy: Float64Array[];
  private readonly rowEnergyRead: Float64Array[];
  private readonly rowReadCount: Float64Array[];
  private readonly rowStart: Int32Array[];
  private readonly clip: number;
  private readonly setPulse: PulseSettings;
  private readonly resetPulse: PulseSettings;
  /** How a write between two levels is rounded to one: the learning section's update rounding. */
  private readonly rounding: "stochastic" | "nearest" | "floor";
  private sink: EffectiveWeightSink | undefined;
  private verifyReads = 0;
  private setPulses = 0;
  private resetPulses = 0;

  constructor(config: HwConfig) {
    const crossbar = config.crossbar;
    assert(crossbar !== undefined, "crossbar store: the config has no crossbar section");
    this.crossbar = crossbar;
    this.clip = config.semantics.weight.clip;
    const { program, device } = crossbar.semantics;
    this.setPulse = { voltage: program.setVoltage, width: program.width, substeps: program.substeps };
    this.resetPulse = { voltage: program.resetVoltage, width: program.width, substeps: program.substeps };
    this.rounding = config.learning?.semantics.rounding ?? "stochastic";
    const cores = config.cores;
    this.weights = cores.map((core) => new Float64Array(core.synapses.target.length));
    this.entryProjection = cores.map((core) => new Int32Array(core.synapses.target.length).fill(-1));
    this.entrySynapse = cores.map((core) => new Int32Array(core.synapses.target.length));
    this.rowStart = cores.map((core) => core.synapses.rowStart);
    this.entryAxon = cores.map((core) => {
      const axon = new Int32Array(core.synapses.target.length);
      for (let a = 0; a < core.synapses.axonCount; a++) axon.fill(a, core.synapses.rowStart[a], core.synapses.rowStart[a + 1]);
      return axon;
    });

    this.projections = crossbar.projections.map((hw, p) => {
      const n = hw.synapseCore.length;
      const params: VteamParams[] = [];
      for (let s = 0; s < 2 * n; s++) {
        const d = hw.devices;
        params.push(d === undefined ? device : { ...device, rOn: d.rOn[s], rOff: d.rOff[s], kOn: d.kOn[s], kOff: d.kOff[s] });
      }
      const devices: ProjectionDevices = { hw, statePlus: Float64Array.from(hw.statePlus), stateMinus: Float64Array.from(hw.stateMinus), params, level: new Int32Array(n), writeEnergy: new Float64Array(n), verifyEnergy: new Float64Array(n), rng: hw.roundingSeed >>> 0 };
      for (let s = 0; s < n; s++) {
        const core = hw.synapseCore[s];
        const index = hw.synapseIndex[s];
        if (!(core >= 0 && core < cores.length && index >= 0 && index < this.weights[core].length)) assert(false, `crossbar: synapse ${s} of '${hw.id}' names a missing entry`);
        this.entryProjection[core][index] = p;
        this.entrySynapse[core][index] = s;
        this.readBack(devices, s);
        this.weights[core][index] = this.effectiveOf(devices, s);
      }
      return devices;
    });
    for (const [c, owners] of this.entryProjection.entries()) assert(owners.every((p) => p >= 0), `crossbar: every synapse of core ${c} is on the crossbar`);

    this.rowTiles = cores.map((core, c) => {
      const tiles = new Int32Array(core.synapses.axonCount);
      for (let a = 0; a < core.synapses.axonCount; a++) {
        const seen = new Set<number>();
        for (let k = core.synapses.rowStart[a]; k < core.synapses.rowStart[a + 1]; k++) seen.add(this.projections[this.entryProjection[c][k]].hw.tile[this.entrySynapse[c][k]]);
        tiles[a] = seen.size;
      }
      return tiles;
    });
    this.rowSynapses = cores.map((core) => Int32Array.from({ length: core.synapses.axonCount }, (_, a) => core.synapses.rowStart[a + 1] - core.synapses.rowStart[a]));
    this.rowEnergy = cores.map((core) => new Float64Array(core.synapses.axonCount));
    this.rowEnergyRead = cores.map((core) => new Float64Array(core.synapses.axonCount));
    this.rowReadCount = cores.map((core) => new Float64Array(core.synapses.axonCount));
    cores.forEach((core, c) => {
      for (let a = 0; a < core.synapses.axonCount; a++) this.updateRowEnergy(c, a);
    });

    const plastic = config.learning?.projections ?? [];
    this.plasticToCrossbar = Int32Array.from(plastic, (lp) => {
      const at = crossbar.projections.findIndex((hw) => hw.id === lp.id);
      assert(at >= 0 && crossbar.projections[at].magnitudePerLevel > 0 && crossbar.projections[at].roundingSeed !== 0, `crossbar: plastic projection '${lp.id}' has no crossbar constants`);
      return at;
    });
  }

  /** Where writes report the new effective weights (the spike path). */
  attach(sink: EffectiveWeightSink): void {
    this.sink = sink;
  }

  /** The effective weight of a core's synapse entry as its devices read now. */
  effectiveWeight(core: number, index: number): number {
    return this.weights[core][index];
  }

  /** A spike reaches axon `axon` of core `core`: its row is read in every tile that holds it. */
  readRow(core: number, axon: number): void {
    this.rowReadCount[core][axon]++;
    this.rowEnergyRead[core][axon] += this.rowEnergy[core][axon];
  }

  /** The magnitude the learning engine sees: the last read level on the active device, in mantissa steps. */
  magnitude(projection: number, synapse: number): number {
    const devices = this.projections[this.plasticToCrossbar[projection]];
    const onActive = devices.hw.sign[synapse] * devices.level[synapse];
    return onActive > 0 ? onActive * devices.hw.magnitudePerLevel : 0;
  }

  /**
   * Programs the active device towards `magnitude` (mantissa steps): the target level is
   * magnitude/magnitudePerLevel rounded to a whole level (targetLevel), Δ levels from the last
   * read, n = round(|Δ|·pulsesPerLevel) ≤ maxPulsesPerUpdate pulses (SET to grow, RESET to
   * shrink), then verify reads and more pulses; the level read last is what the synapse now holds.
   */
  write(projection: number, synapse: number, magnitude: number): void {
    const devices = this.projections[this.plasticToCrossbar[projection]];
    const hw = devices.hw;
    const target = this.targetLevel(devices, magnitude);
    const first = target - this.magnitude(projection, synapse) / hw.magnitudePerLevel;
    let budget = this.crossbar.semantics.program.maxPulsesPerUpdate;
    let count = pulsesFor(first, first > 0 ? hw.pulsesPerLevel.set : hw.pulsesPerLevel.reset, budget);
    if (count === 0) return;
    const active = hw.sign[synapse] > 0 ? devices.statePlus : devices.stateMinus;
    const params = devices.params[2 * synapse + (hw.sign[synapse] > 0 ? 0 : 1)];
    // Write and verify: pulses for the levels still missing, a read, again until the read level
    // is the target or the update's pulse budget is spent. A round that passes the target is
    // answered once by pulses the other way, then the write stops: the device's step differs
    // from the mid-range one it was calibrated on, and an uncorrected overshoot only ever
    // drifts one way.
    let missing = first;
    let turns = 0;
    while (count > 0) {
      const grow = missing > 0;
      const pulse = grow ? this.setPulse : this.resetPulse;
      let w = active[synapse];
      for (let i = 0; i < count; i++) {
        devices.writeEnergy[synapse] += pulseEnergy(w, pulse, params);
        w = applyPulses(w, 1, pulse, params);
      }
      active[synapse] = w;
      if (grow) this.setPulses += count;
      else this.resetPulses += count;
      budget -= count;
      this.readBack(devices, synapse);
      this.verifyReads++;
      devices.verifyEnergy[synapse] += this.pairReadEnergy(devices, synapse);
      const left = target - this.magnitude(projection, synapse) / hw.magnitudePerLevel;
      if (left === 0 || budget === 0) break;
      if (left > 0 !== grow && ++turns > 1) break;
      missing = left;
      count = Math.max(1, pulsesFor(missing / 2, missing > 0 ? hw.pulsesPerLevel.set : hw.pulsesPerLevel.reset, budget));
    }
    const core = hw.synapseCore[synapse];
    const index = hw.synapseIndex[synapse];
    this.weights[core][index] = this.effectiveOf(devices, synapse);
    this.updateRowEnergy(core, this.entryAxon[core][index]);
    this.sink?.setEffectiveWeight(core, index, this.weights[core][index]);
  }

  /**
   * Counts and energy so far. Sums run over rows in core and axon order and over synapses in
   * projection and synapse order, so they do not depend on the order spikes and writes came in.
   */
  counts(): CrossbarCounts {
    let rowReads = 0;
    let conversions = this.verifyReads;
    let readEnergyTotal = 0;
    let writeEnergy = 0;
    this.rowReadCount.forEach((counts, c) => {
      for (let a = 0; a < counts.length; a++) {
        rowReads += counts[a] * this.rowTiles[c][a];
        conversions += counts[a] * this.rowSynapses[c][a];
        readEnergyTotal += this.rowEnergyRead[c][a];
      }
    });
    for (const devices of this.projections) {
      for (let s = 0; s < devices.level.length; s++) {
        readEnergyTotal += devices.verifyEnergy[s];
        writeEnergy += devices.writeEnergy[s];
      }
    }
    const adcEnergy = conversions * this.crossbar.semantics.energy.adcConversion;
    return {
      rowReads,
      conversions,
      verifyReads: this.verifyReads,
      setPulses: this.setPulses,
      resetPulses: this.resetPulses,
      readEnergy: readEnergyTotal,
      adcEnergy,
      writeEnergy,
      energy: readEnergyTotal + adcEnergy + writeEnergy,
    };
  }

  /**
   * The whole ADC level a write aims at. A level is magnitudePerLevel mantissa steps (2 on
   * stdp-pattern), so an update of one step asks for half a level more or less: the write
   * controller rounds such a target as the learning engine rounds its updates (stochastic: up with
   * probability equal to the fraction, one xorshift32 draw of the projection's generator per
   * write that needs one; nearest: half up; floor: down). Verifying against the half level
   * instead never settles, and dropping the fraction loses every one-step update.
   */
  private targetLevel(devices: ProjectionDevices, magnitude: number): number {
    const exact = magnitude / devices.hw.magnitudePerLevel;
    const below = Math.floor(exact);
    const fraction = exact - below;
    if (fraction === 0) return below;
    switch (this.rounding) {
      case "floor":
        return below;
      case "nearest":
        return fraction >= 0.5 ? below + 1 : below;
      case "stochastic":
        return this.draw(devices) < fraction * 4294967296 ? below + 1 : below;
    }
  }

  /** xorshift32: the next state of the projection's write controller, which is also the draw. */
  private draw(devices: ProjectionDevices): number {
    let x = devices.rng;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    devices.rng = x >>> 0;
    return devices.rng;
  }

  private readBack(devices: ProjectionDevices, s: number): void {
    devices.level[s] = readLevel(devices.statePlus[s], devices.params[2 * s], devices.stateMinus[s], devices.params[2 * s + 1], this.crossbar.semantics.read, devices.hw.lsbCurrent);
  }

  private effectiveOf(devices: ProjectionDevices, s: number): number {
    return saturate(devices.level[s] * 2 ** devices.hw.levelShift, -this.clip, this.clip);
  }

  /** V_read²·(G⁺ + G⁻)·t_read of one pair. */
  private pairReadEnergy(devices: ProjectionDevices, s: number): number {
    const { voltage, width } = this.crossbar.semantics.read;
    return readEnergy(voltage, conductance(devices.statePlus[s], devices.params[2 * s]), width) + readEnergy(voltage, conductance(devices.stateMinus[s], devices.params[2 * s + 1]), width);
  }

  /** Recomputes a row's read energy from its devices, in CSR order. */
  private updateRowEnergy(core: number, axon: number): void {
    let sum = 0;
    for (let k = this.rowStart[core][axon]; k < this.rowStart[core][axon + 1]; k++) {
      sum += this.pairReadEnergy(this.projections[this.entryProjection[core][k]], this.entrySynapse[core][k]);
    }
    this.rowEnergy[core][axon] = sum;
  }
}

/**
 * Binds a store to the fast emulator's synapse table ([ring offset, effective weight] pairs, core
 * c's from pair entry synapseBase[c]): writes every synapse's read weight into it now, and every
 * later write's. Returns the store.
 */
export function bindSynapseTable(store: CrossbarStore, table: Int32Array, synapseBase: Int32Array, cores: HwConfig["cores"]): CrossbarStore {
  cores.forEach((core, c) => {
    for (let k = 0; k < core.synapses.target.length; k++) table[synapseBase[c] + 2 * k + 1] = store.effectiveWeight(c, k);
  });
  store.attach({ setEffectiveWeight: (core, index, weight) => void (table[synapseBase[core] + 2 * index + 1] = weight) });
  return store;
}

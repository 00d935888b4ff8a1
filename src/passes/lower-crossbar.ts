/**
 * lower-crossbar: on a target with a `crossbar` section, places every synapse's differential
 * device pair on crossbar tiles, chooses each projection's ADC step I_lsb and level shift,
 * programs the device states (with seeded device-to-device variation), calibrates the pulses per
 * ADC level, and adds HwConfig.crossbar (docs/targets.md, "memristor-crossbar"). On any other
 * target it returns the config unchanged. Never mutates the emitted config: the result is a copy
 * with one field added. Finds each synapse where route put it (synapse-placement.ts).
 */
import { assert } from "../util/assert.js";
import { Rng } from "../util/rng.js";
import { pointer } from "../ir/pointer.js";
import type { ElaboratedProjection } from "../ir/elaborated.js";
import { effectiveWeight, saturate } from "../targets/fixed.js";
import type { CrossbarSemantics } from "../targets/crossbar-types.js";
import type { VteamParams } from "../models/vteam.js";
import {
  activeConductance,
  calibratePulsesPerLevel,
  drawDeviceFactors,
  largestLevel,
  offConductance,
  onConductance,
  pulsesFor,
  readLevel,
  stateForConductance,
  variedDevice,
} from "../models/crossbar.js";
import type { HwConfig } from "../hw/types.js";
import type { HwPlasticProjection } from "../hw/learning-config.js";
import type { HwCrossbar, HwCrossbarDevices, HwCrossbarProjection } from "../hw/crossbar-config.js";
import type { Pass, PassContext } from "./pass.js";
import type { Routed } from "./stages.js";
import { placeSynapses, type Placement } from "./synapse-placement.js";

/** The pass's input: the emitted config and the routed stage it came from (for projections and placement). */
export interface CrossbarInput {
  readonly routed: Routed;
  readonly config: HwConfig;
}

/** Requested (digital effective weight) vs realised (ADC level · 2^levelShift) weights of one projection. */
export interface CrossbarWeightReport {
  readonly projection: string;
  readonly synapses: number;
  readonly levelShift: number;
  readonly lsbCurrent: number; // A
  readonly pulsesPerLevel: { readonly set: number; readonly reset: number };
  /** Largest |w| requested and realised, in hardware current units (what a spike adds to u). */
  readonly requestedMaxAbs: number;
  readonly realisedMaxAbs: number;
  /** The |w| that fills the ADC and conductance ranges: requestedMaxAbs, or a plastic projection's upper bound if larger. */
  readonly rangeMaxAbs: number;
  /** Over nonzero requested weights: largest and mean |realised − requested|/|requested|. */
  readonly maxRelativeError: number;
  readonly meanRelativeError: number;
  readonly readAsZero: number;
  /** Devices whose target conductance lay outside their (varied) range. */
  readonly clampedDevices: number;
}

export interface CrossbarReport {
  readonly tiles: number;
  readonly maxTiles: number;
  readonly weights: readonly CrossbarWeightReport[];
}

/** The config with its crossbar section, and the weight report (absent on a target without a crossbar). */
export interface CrossbarLowered {
  readonly config: HwConfig;
  readonly report?: CrossbarReport;
}

export const lowerCrossbar: Pass<CrossbarInput, CrossbarLowered> = {
  name: "lower-crossbar",
  summary: "Crossbar targets: place each synapse's VTEAM device pair on tiles, choose ADC steps, program (and vary) the device states, calibrate pulses per level.",
  run(input, ctx) {
    const semantics = ctx.target.crossbar;
    if (semantics === undefined) return { config: input.config };
    const { device, read } = semantics;
    if (read.voltage >= device.vOff || read.voltage <= device.vOn) {
      ctx.report("TP3090", pointer("crossbar", "read", "voltage"), { voltage: read.voltage, vOn: device.vOn, vOff: device.vOff, target: ctx.target.name, suggestion: device.vOff / 2 });
      return { config: input.config };
    }
    const net = input.routed.partitioned.quantized.discretized.elaborated;
    const placed = placeSynapses(input.routed, net.projections.map((p) => p.index));
    const placement = net.projections.map((p) => placed.get(p.index) as Placement);
    const tiling = tileProjections(net.projections, placement, input.routed, semantics);
    if (tiling.tiles > semantics.maxTiles) {
      ctx.report("TP3091", pointer("crossbar", "maxTiles"), { needed: tiling.tiles, rows: semantics.tile.rows, columns: semantics.tile.columns, target: ctx.target.name, limit: semantics.maxTiles });
    }
    const plastic = new Map<string, HwPlasticProjection>((input.config.learning?.projections ?? []).map((p) => [p.id, p]));
    const projections: HwCrossbarProjection[] = [];
    const weights: CrossbarWeightReport[] = [];
    for (const projection of net.projections) {
      const lowered = lowerProjection(projection, placement[projection.index], tiling.placement[projection.index], plastic.get(projection.id), input.config, semantics, ctx);
      projections.push(lowered.hw);
      weights.push(lowered.report);
      ctx.stats.add("devices", 2 * projection.synapses.post.length);
      ctx.stats.add("clamped-devices", lowered.report.clampedDevices);
    }
    ctx.stats.set("tiles", tiling.tiles);
    const crossbar: HwCrossbar = { semantics, tiles: tiling.tiles, projections };
    return { config: { ...input.config, crossbar }, report: { tiles: tiling.tiles, maxTiles: semantics.maxTiles, weights } };
  },
  verify(output, ctx) {
    const crossbar = output.config.crossbar;
    if (ctx.target.crossbar === undefined || crossbar === undefined) return;
    const covered = output.config.cores.map((core) => new Uint8Array(core.synapses.target.length));
    const { wOn, wOff } = crossbar.semantics.device;
    for (const p of crossbar.projections) {
      for (let s = 0; s < p.synapseCore.length; s++) {
        const seen = covered[p.synapseCore[s]];
        assert(seen !== undefined && seen[p.synapseIndex[s]] === 0, `lower-crossbar: synapse ${s} of '${p.id}' placed once`);
        seen[p.synapseIndex[s]] = 1;
        if (!(p.statePlus[s] >= wOn && p.statePlus[s] <= wOff && p.stateMinus[s] >= wOn && p.stateMinus[s] <= wOff)) assert(false, `lower-crossbar: states of '${p.id}' within [wOn, wOff]`);
        if (!(p.tile[s] >= 0 && p.tile[s] < crossbar.tiles)) assert(false, `lower-crossbar: tile of synapse ${s} of '${p.id}'`);
      }
    }
    for (const seen of covered) assert(seen.every((x) => x === 1), "lower-crossbar: every synapse of every core is on the crossbar");
  },
};

/** Tile, row and G⁺ column of each synapse. */
interface TilePlacement {
  readonly tile: Int32Array;
  readonly row: Int32Array;
  readonly column: Int32Array;
}

/**
 * Cuts each (projection, core) block, pre sources × 2·post neurons spanned by its synapses, into
 * tiles of rows × columns; tiles are numbered by projection, core, row block, column block.
 */
function tileProjections(
  projections: readonly ElaboratedProjection[],
  placement: readonly Placement[],
  routed: Routed,
  semantics: CrossbarSemantics,
): { readonly tiles: number; readonly placement: TilePlacement[] } {
  const { rows, columns } = semantics.tile;
  const cores = routed.cores.length;
  let tiles = 0;
  const out = projections.map((projection) => {
    const { rowStart, post } = projection.synapses;
    const n = post.length;
    const pre = preOfSynapses(rowStart, n);
    const minPre = new Int32Array(cores).fill(2 ** 31 - 1);
    const maxPre = new Int32Array(cores).fill(-1);
    const minPost = new Int32Array(cores).fill(2 ** 31 - 1);
    const maxPost = new Int32Array(cores).fill(-1);
    const { core } = placement[projection.index];
    for (let s = 0; s < n; s++) {
      const c = core[s];
      minPre[c] = Math.min(minPre[c], pre[s]);
      maxPre[c] = Math.max(maxPre[c], pre[s]);
      minPost[c] = Math.min(minPost[c], post[s]);
      maxPost[c] = Math.max(maxPost[c], post[s]);
    }
    const base = new Int32Array(cores);
    const columnBlocks = new Int32Array(cores);
    for (let c = 0; c < cores; c++) {
      if (maxPre[c] < 0) continue;
      const rowBlocks = Math.ceil((maxPre[c] - minPre[c] + 1) / rows);
      columnBlocks[c] = Math.ceil((2 * (maxPost[c] - minPost[c] + 1)) / columns);
      base[c] = tiles;
      tiles += rowBlocks * columnBlocks[c];
    }
    const tile = new Int32Array(n);
    const row = new Int32Array(n);
    const column = new Int32Array(n);
    for (let s = 0; s < n; s++) {
      const c = core[s];
      const r = pre[s] - minPre[c];
      const col = 2 * (post[s] - minPost[c]);
      tile[s] = base[c] + Math.floor(r / rows) * columnBlocks[c] + Math.floor(col / columns);
      row[s] = r % rows;
      column[s] = col % columns;
    }
    return { tile, row, column };
  });
  return { tiles, placement: out };
}

/** The presynaptic element of each synapse of a CSR by presynaptic index. */
function preOfSynapses(rowStart: Int32Array, n: number): Int32Array {
  const pre = new Int32Array(n);
  for (let i = 0; i + 1 < rowStart.length; i++) for (let k = rowStart[i]; k < rowStart[i + 1]; k++) pre[k] = i;
  return pre;
}

/** The level shift s: the smallest s ≥ floor with largest/2^s ≤ the ADC's largest level. */
export function chooseLevelShift(largest: number, adcBits: number, floor: number): number {
  const limit = largestLevel(adcBits);
  let s = floor;
  while (largest / 2 ** s > limit) s++;
  return s;
}

/** Programs one projection's devices and reports its requested vs realised weights. */
function lowerProjection(
  projection: ElaboratedProjection,
  placement: Placement,
  tiles: TilePlacement,
  learning: HwPlasticProjection | undefined,
  config: HwConfig,
  semantics: CrossbarSemantics,
  ctx: PassContext,
): { readonly hw: HwCrossbarProjection; readonly report: CrossbarWeightReport } {
  const n = projection.synapses.post.length;
  const weightSemantics = config.semantics.weight;
  const nominal = semantics.device;
  const path = pointer("projections", projection.index);

  // requested weights: the digital effective weights the synapse memory would hold
  const requested = new Float64Array(n);
  let requestedMaxAbs = 0;
  for (let s = 0; s < n; s++) {
    const core = config.cores[placement.core[s]];
    const at = placement.index[s];
    requested[s] = effectiveWeight(core.synapses.mantissa[at], core.formats[core.synapses.format[at]], weightSemantics);
    requestedMaxAbs = Math.max(requestedMaxAbs, Math.abs(requested[s]));
  }
  // |w|max: what the ADC range and the conductance range are sized for
  let largest = requestedMaxAbs;
  // a plastic projection's ADC must hold its upper bound, and a level must be whole mantissa steps
  let floor = 0;
  let mantissaShift = 0;
  if (learning !== undefined && n > 0) {
    const core = config.cores[placement.core[0]];
    const format = core.formats[core.synapses.format[placement.index[0]]];
    mantissaShift = weightSemantics.shift + format.exponent;
    floor = Math.max(0, mantissaShift);
    largest = Math.max(largest, Math.abs(effectiveWeight(learning.sign * learning.magnitudeMax, format, weightSemantics)));
  }
  const levelShift = chooseLevelShift(largest, semantics.read.adcBits, floor);
  const largestLevelUsed = largest > 0 ? largest / 2 ** levelShift : largestLevel(semantics.read.adcBits);
  const lsbCurrent = (semantics.read.voltage * (onConductance(nominal) - offConductance(nominal))) / largestLevelUsed;
  const magnitudePerLevel = learning !== undefined ? 2 ** (levelShift - mantissaShift) : 0;

  // pulses per level, per polarity, on the nominal device at mid-range
  const { program } = semantics;
  const setPulse = { voltage: program.setVoltage, width: program.width, substeps: program.substeps };
  const resetPulse = { voltage: program.resetVoltage, width: program.width, substeps: program.substeps };
  const setRate = calibratePulsesPerLevel(nominal, setPulse, semantics.read.voltage, lsbCurrent);
  const resetRate = calibratePulsesPerLevel(nominal, resetPulse, semantics.read.voltage, lsbCurrent);
  if (learning !== undefined) {
    for (const [kind, rate, pulse] of [["SET", setRate, setPulse], ["RESET", resetRate, resetPulse]] as const) {
      if (!Number.isFinite(rate)) {
        ctx.report("TP3095", pointer("crossbar", "program", kind === "SET" ? "setVoltage" : "resetVoltage"), {
          kind,
          voltage: pulse.voltage,
          width: pulse.width,
          target: ctx.target.name,
          projection: projection.id,
        });
      }
    }
    const levels = (learning.magnitudeMax - learning.magnitudeMin) / magnitudePerLevel;
    const pulses = Math.max(pulsesFor(levels, Number.isFinite(setRate) ? setRate : 0, Infinity), pulsesFor(levels, Number.isFinite(resetRate) ? resetRate : 0, Infinity));
    if (pulses > program.maxPulsesPerUpdate) ctx.report("TP3094", path, { projection: projection.id, levels, pulses, limit: program.maxPulsesPerUpdate });
  }
  // a projection that never learns is never written: its calibration is kept only when finite
  const pulsesPerLevel = { set: Number.isFinite(setRate) ? setRate : 0, reset: Number.isFinite(resetRate) ? resetRate : 0 };

  // devices: nominal, or varied per device from a stream of its own (projection id, synapse index, side)
  const varied = semantics.variation.rOn > 0 || semantics.variation.rOff > 0 || semantics.variation.k > 0;
  const devices: HwCrossbarDevices | undefined = varied
    ? { rOn: new Float64Array(2 * n), rOff: new Float64Array(2 * n), kOn: new Float64Array(2 * n), kOff: new Float64Array(2 * n) }
    : undefined;
  const sign = new Int8Array(n);
  const statePlus = new Float64Array(n);
  const stateMinus = new Float64Array(n);
  let clampedDevices = 0;
  let inverted = 0;
  let worstClampedError = 0;
  let realisedMaxAbs = 0;
  let maxRelativeError = 0;
  let sumRelativeError = 0;
  let nonzero = 0;
  let readAsZero = 0;
  let smallestZeroed = Infinity;
  const clip = weightSemantics.clip;
  for (let s = 0; s < n; s++) {
    const w = requested[s];
    const core = config.cores[placement.core[s]];
    const format = core.formats[core.synapses.format[placement.index[s]]];
    sign[s] = w > 0 ? 1 : w < 0 ? -1 : learning !== undefined ? learning.sign : format.signMode === "inhibitory" ? -1 : 1;
    let plus: VteamParams = nominal;
    let minus: VteamParams = nominal;
    if (devices !== undefined) {
      plus = variedDevice(nominal, drawDeviceFactors(Rng.derive(config.seed, `crossbar/${projection.id}/${s}/+`), semantics.variation));
      minus = variedDevice(nominal, drawDeviceFactors(Rng.derive(config.seed, `crossbar/${projection.id}/${s}/-`), semantics.variation));
      [plus, minus].forEach((d, side) => {
        devices.rOn[2 * s + side] = d.rOn;
        devices.rOff[2 * s + side] = d.rOff;
        devices.kOn[2 * s + side] = d.kOn;
        devices.kOff[2 * s + side] = d.kOff;
        if (!(d.rOn < d.rOff)) inverted++;
      });
    }
    const target = activeConductance(largest > 0 ? Math.abs(w) / largest : 0, nominal);
    const active = stateForConductance(target, sign[s] > 0 ? plus : minus);
    statePlus[s] = sign[s] > 0 ? active.w : plus.wOff;
    stateMinus[s] = sign[s] > 0 ? minus.wOff : active.w;
    const level = readLevel(statePlus[s], plus, stateMinus[s], minus, semantics.read, lsbCurrent);
    const realised = saturate(level * 2 ** levelShift, -clip, clip);
    realisedMaxAbs = Math.max(realisedMaxAbs, Math.abs(realised));
    if (w !== 0) {
      const error = Math.abs(realised - w) / Math.abs(w);
      maxRelativeError = Math.max(maxRelativeError, error);
      sumRelativeError += error;
      nonzero++;
      if (level === 0) {
        readAsZero++;
        smallestZeroed = Math.min(smallestZeroed, Math.abs(w));
      }
      if (active.clamped) worstClampedError = Math.max(worstClampedError, error);
    }
    if (active.clamped) clampedDevices++;
  }
  if (inverted > 0) {
    ctx.report("TP3096", pointer("crossbar", "variation"), {
      count: inverted,
      projection: projection.id,
      rOn: semantics.variation.rOn,
      rOff: semantics.variation.rOff,
      ratio: nominal.rOff / nominal.rOn,
    });
  }
  if (clampedDevices > 0) ctx.report("TP3092", path, { count: clampedDevices, projection: projection.id, worst: Math.round(worstClampedError * 1000) / 10 });
  if (readAsZero > 0) {
    ctx.report("TP3093", path, { count: readAsZero, projection: projection.id, smallest: smallestZeroed, step: 2 ** levelShift / 2, bits: semantics.read.adcBits });
  }
  const hw: HwCrossbarProjection = {
    id: projection.id,
    levelShift,
    lsbCurrent,
    magnitudePerLevel,
    pulsesPerLevel,
    roundingSeed: learning !== undefined ? roundingSeed(config.seed, projection.id) : 0,
    synapseCore: placement.core,
    synapseIndex: placement.index,
    sign,
    tile: tiles.tile,
    row: tiles.row,
    column: tiles.column,
    statePlus,
    stateMinus,
    ...(devices !== undefined ? { devices } : {}),
  };
  const report: CrossbarWeightReport = {
    projection: projection.id,
    synapses: n,
    levelShift,
    lsbCurrent,
    pulsesPerLevel,
    requestedMaxAbs,
    rangeMaxAbs: largest,
    realisedMaxAbs,
    maxRelativeError,
    meanRelativeError: nonzero > 0 ? sumRelativeError / nonzero : 0,
    readAsZero,
    clampedDevices,
  };
  return { hw, report };
}

/** A plastic projection's write-rounding seed: its own stream of the config seed, never 0 (xorshift32 stays at 0). */
function roundingSeed(seed: number, id: string): number {
  const drawn = Rng.derive(seed, `crossbar/${id}/rounding`).nextUint32();
  return drawn === 0 ? 1 : drawn;
}

/** The crossbar report of a lower-crossbar stage, for compile()'s reports (nothing on other targets). */
export function crossbarReports(stage: unknown): { readonly crossbar?: CrossbarReport } {
  const report = (stage as CrossbarLowered | undefined)?.report;
  return report !== undefined ? { crossbar: report } : {};
}

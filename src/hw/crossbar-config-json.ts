/**
 * The crossbar section of a config's file forms (config.json's `crossbar`, config.pb's field 17):
 * the twin with keys in the order of ./crossbar-config.ts, and the reader that turns either form
 * back into HwCrossbar. Types and widths only; cross-references are ./validate-crossbar.ts's job.
 */
import type { CrossbarSemantics } from "../targets/crossbar-types.js";
import type { VteamParams, VteamWindow } from "../targets/vteam-types.js";
import type { HwCrossbar, HwCrossbarDevices, HwCrossbarProjection } from "./crossbar-config.js";

/** The twin of the crossbar section (typed arrays as number arrays). */
export function crossbarJson(crossbar: HwCrossbar) {
  const s = crossbar.semantics;
  const d = s.device;
  const list = (values: ArrayLike<number>): number[] => Array.from(values);
  return {
    semantics: {
      device: { kOn: d.kOn, kOff: d.kOff, alphaOn: d.alphaOn, alphaOff: d.alphaOff, vOn: d.vOn, vOff: d.vOff, wOn: d.wOn, wOff: d.wOff, rOn: d.rOn, rOff: d.rOff, window: { ...d.window }, iv: d.iv },
      tile: { rows: s.tile.rows, columns: s.tile.columns },
      maxTiles: s.maxTiles,
      read: { voltage: s.read.voltage, width: s.read.width, adcBits: s.read.adcBits },
      program: {
        setVoltage: s.program.setVoltage,
        resetVoltage: s.program.resetVoltage,
        width: s.program.width,
        maxPulsesPerUpdate: s.program.maxPulsesPerUpdate,
        substeps: s.program.substeps,
      },
      variation: { rOn: s.variation.rOn, rOff: s.variation.rOff, k: s.variation.k },
      energy: { adcConversion: s.energy.adcConversion },
    },
    tiles: crossbar.tiles,
    projections: crossbar.projections.map((p) => ({
      id: p.id,
      levelShift: p.levelShift,
      lsbCurrent: p.lsbCurrent,
      magnitudePerLevel: p.magnitudePerLevel,
      pulsesPerLevel: { set: p.pulsesPerLevel.set, reset: p.pulsesPerLevel.reset },
      roundingSeed: p.roundingSeed,
      synapseCore: list(p.synapseCore),
      synapseIndex: list(p.synapseIndex),
      sign: list(p.sign),
      tile: list(p.tile),
      row: list(p.row),
      column: list(p.column),
      statePlus: list(p.statePlus),
      stateMinus: list(p.stateMinus),
      ...(p.devices !== undefined ? { devices: { rOn: list(p.devices.rOn), rOff: list(p.devices.rOff), kOn: list(p.devices.kOn), kOff: list(p.devices.kOff) } } : {}),
    })),
  };
}

/** The typed field access config-json.ts's reader gives (each getter reports TP4004 itself). */
export interface FieldReader {
  has(key: string): boolean;
  child(key: string): FieldReader;
  children(key: string): FieldReader[];
  string(key: string): string;
  oneOf<T extends string>(key: string, values: readonly T[]): T;
  number(key: string): number;
  integer(key: string, min?: number, max?: number): number;
  int32s(key: string): Int32Array;
  float64s(key: string): Float64Array;
}

const WINDOWS = ["none", "joglekar", "biolek", "prodromakis", "kvatinsky"] as const;

function readWindow(fields: FieldReader): VteamWindow {
  const kind = fields.oneOf("kind", WINDOWS);
  switch (kind) {
    case "none":
      return { kind };
    case "joglekar":
    case "biolek":
      return { kind, p: fields.number("p") };
    case "prodromakis":
      return { kind, p: fields.number("p"), j: fields.number("j") };
    case "kvatinsky":
      return { kind, aOn: fields.number("aOn"), aOff: fields.number("aOff"), wc: fields.number("wc") };
  }
}

function readDevice(fields: FieldReader): VteamParams {
  const n = (key: string) => fields.number(key);
  return {
    kOn: n("kOn"),
    kOff: n("kOff"),
    alphaOn: n("alphaOn"),
    alphaOff: n("alphaOff"),
    vOn: n("vOn"),
    vOff: n("vOff"),
    wOn: n("wOn"),
    wOff: n("wOff"),
    rOn: n("rOn"),
    rOff: n("rOff"),
    window: readWindow(fields.child("window")),
    iv: fields.oneOf("iv", ["linear", "exponential"] as const),
  };
}

function readSemantics(fields: FieldReader): CrossbarSemantics {
  const tile = fields.child("tile");
  const read = fields.child("read");
  const program = fields.child("program");
  const variation = fields.child("variation");
  return {
    device: readDevice(fields.child("device")),
    tile: { rows: tile.integer("rows", 1, 2 ** 32 - 1), columns: tile.integer("columns", 2, 2 ** 32 - 1) },
    maxTiles: fields.integer("maxTiles", 1, 2 ** 32 - 1),
    read: { voltage: read.number("voltage"), width: read.number("width"), adcBits: read.integer("adcBits", 2, 24) },
    program: {
      setVoltage: program.number("setVoltage"),
      resetVoltage: program.number("resetVoltage"),
      width: program.number("width"),
      maxPulsesPerUpdate: program.integer("maxPulsesPerUpdate", 1, 2 ** 32 - 1),
      substeps: program.integer("substeps", 1, 2 ** 32 - 1),
    },
    variation: { rOn: variation.number("rOn"), rOff: variation.number("rOff"), k: variation.number("k") },
    energy: { adcConversion: fields.child("energy").number("adcConversion") },
  };
}

function readProjection(fields: FieldReader): HwCrossbarProjection {
  const pulses = fields.child("pulsesPerLevel");
  let devices: HwCrossbarDevices | undefined;
  if (fields.has("devices")) {
    const d = fields.child("devices");
    devices = { rOn: d.float64s("rOn"), rOff: d.float64s("rOff"), kOn: d.float64s("kOn"), kOff: d.float64s("kOff") };
  }
  return {
    id: fields.string("id"),
    levelShift: fields.integer("levelShift", 0, 1023),
    lsbCurrent: fields.number("lsbCurrent"),
    magnitudePerLevel: fields.number("magnitudePerLevel"),
    pulsesPerLevel: { set: pulses.number("set"), reset: pulses.number("reset") },
    roundingSeed: fields.integer("roundingSeed", 0, 2 ** 32 - 1),
    synapseCore: fields.int32s("synapseCore"),
    synapseIndex: fields.int32s("synapseIndex"),
    sign: Int8Array.from(fields.int32s("sign")),
    tile: fields.int32s("tile"),
    row: fields.int32s("row"),
    column: fields.int32s("column"),
    statePlus: fields.float64s("statePlus"),
    stateMinus: fields.float64s("stateMinus"),
    ...(devices !== undefined ? { devices } : {}),
  };
}

/** Reads the crossbar section of either file form. */
export function readCrossbar(fields: FieldReader): HwCrossbar {
  return {
    semantics: readSemantics(fields.child("semantics")),
    tiles: fields.integer("tiles", 0, 2 ** 32 - 1),
    projections: fields.children("projections").map(readProjection),
  };
}

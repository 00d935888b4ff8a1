/**
 * The invariants of a config's crossbar section (HwConfig.crossbar, ./crossbar-config.ts): device
 * parameters in VTEAM's conventions with a non-disturbing read, per-synapse arrays of one length,
 * placements on existing tiles and stored synapses, every stored synapse on the crossbar exactly
 * once, states within [w_on, w_off], and crossbar constants for every plastic projection. Runs
 * after the rest of the config validated. Reuses the generic TP4004-TP4007 codes; paths point
 * into the JSON twin.
 */
import type { Reporter } from "../ir/diagnostics.js";
import { child, pointer } from "../ir/pointer.js";
import type { HwCrossbar, HwCrossbarProjection } from "./crossbar-config.js";
import type { HwConfig } from "./types.js";

const BASE = pointer("crossbar");

/** Reports every problem of `crossbar` through `report`. */
export function checkCrossbar(config: HwConfig, crossbar: HwCrossbar, report: Reporter): void {
  const field = (path: string, condition: boolean, expected: string) => {
    if (!condition) report("TP4004", path as ReturnType<typeof pointer>, { field: path.slice(1), expected });
    return condition;
  };
  const d = crossbar.semantics.device;
  const device = (key: string) => child(BASE, "semantics", "device", key);
  const sane = [
    field(device("kOn"), d.kOn < 0, "negative (m/s): k_on moves the state towards ON"),
    field(device("kOff"), d.kOff > 0, "positive (m/s): k_off moves the state towards OFF"),
    field(device("vOn"), d.vOn < 0, "a negative threshold (V)"),
    field(device("vOff"), d.vOff > 0, "a positive threshold (V)"),
    field(device("rOn"), d.rOn > 0 && d.rOn < d.rOff, "positive and below rOff (Ω)"),
    field(device("wOn"), d.wOn < d.wOff, "below wOff (m)"),
    field(child(BASE, "semantics", "read", "voltage"), crossbar.semantics.read.voltage > d.vOn && crossbar.semantics.read.voltage < d.vOff, `strictly between vOn and vOff, so reads do not move the devices`),
  ].every(Boolean);
  if (!sane) return;

  const owner = config.cores.map((core) => new Uint8Array(core.synapses.target.length));
  const placed = crossbar.projections.map((projection, p) => checkProjection(projection, child(BASE, "projections", p), config, crossbar, owner, report, field));
  // coverage means something only when every placement was read to its end
  if (placed.every(Boolean)) {
    const missing = owner.findIndex((seen) => seen.some((x) => x === 0));
    field(child(BASE, "projections"), missing < 0, `to place every synapse entry of every core (core ${missing} has one that is not on the crossbar)`);
  }

  const plastic = new Map(crossbar.projections.map((projection) => [projection.id, projection]));
  (config.learning?.projections ?? []).forEach((learning, k) => {
    const found = plastic.get(learning.id);
    field(child(pointer("learning"), "projections", k, "id"), found !== undefined && found.magnitudePerLevel > 0, `a projection of the crossbar section with magnitudePerLevel > 0 (plastic projection '${learning.id}')`);
    if (found !== undefined) {
      const p = crossbar.projections.indexOf(found);
      field(child(BASE, "projections", p, "roundingSeed"), Number.isInteger(found.roundingSeed) && found.roundingSeed >= 1 && found.roundingSeed <= 0xffffffff, `a nonzero uint32 seed for the write rounding of plastic projection '${learning.id}'`);
    }
  });
}

function checkProjection(
  projection: HwCrossbarProjection,
  base: string,
  config: HwConfig,
  crossbar: HwCrossbar,
  owner: Uint8Array[],
  report: Reporter,
  field: (path: string, condition: boolean, expected: string) => boolean,
): boolean {
  const at = (...keys: (string | number)[]) => child(base as ReturnType<typeof pointer>, ...keys);
  const n = projection.synapseCore.length;
  const lengths: [string, ArrayLike<number>, number][] = [
    ["synapseIndex", projection.synapseIndex, n],
    ["sign", projection.sign, n],
    ["tile", projection.tile, n],
    ["row", projection.row, n],
    ["column", projection.column, n],
    ["statePlus", projection.statePlus, n],
    ["stateMinus", projection.stateMinus, n],
  ];
  if (projection.devices !== undefined) {
    for (const key of ["rOn", "rOff", "kOn", "kOff"] as const) lengths.push([`devices/${key}`, projection.devices[key], 2 * n]);
  }
  let shaped = true;
  for (const [key, values, expected] of lengths) {
    if (values.length !== expected) {
      report("TP4005", at(...key.split("/")), { field: at(...key.split("/")).slice(1), found: values.length, expected });
      shaped = false;
    }
  }
  field(at("lsbCurrent"), projection.lsbCurrent > 0, "a positive current (A)");
  field(at("magnitudePerLevel"), projection.magnitudePerLevel >= 0, "0 or a positive number of mantissa steps");
  field(at("pulsesPerLevel"), projection.pulsesPerLevel.set >= 0 && projection.pulsesPerLevel.reset >= 0, "two non-negative numbers");
  if (!shaped) return false;

  const { wOn, wOff } = crossbar.semantics.device;
  const { rows, columns } = crossbar.semantics.tile;
  const index = (key: string, s: number, value: number, max: number) => {
    if (Number.isInteger(value) && value >= 0 && value <= max) return true;
    report("TP4006", at(key, s), { index: s, field: at(key).slice(1), value, max });
    return false;
  };
  for (let s = 0; s < n; s++) {
    const core = projection.synapseCore[s];
    if (!index("synapseCore", s, core, config.cores.length - 1)) return false;
    const entry = projection.synapseIndex[s];
    if (!index("synapseIndex", s, entry, config.cores[core].synapses.target.length - 1)) return false;
    if (!field(at("synapseIndex", s), owner[core][entry] === 0, `a synapse entry no other crossbar synapse holds (core ${core}, entry ${entry})`)) return false;
    owner[core][entry] = 1;
    if (!index("tile", s, projection.tile[s], crossbar.tiles - 1) || !index("row", s, projection.row[s], rows - 1) || !index("column", s, projection.column[s], columns - 2)) return false;
    if (!field(at("sign", s), projection.sign[s] === 1 || projection.sign[s] === -1, "1 or -1")) return false;
    for (const key of ["statePlus", "stateMinus"] as const) {
      const w = projection[key][s];
      if (!(w >= wOn && w <= wOff)) {
        report("TP4007", at(key, s), { index: s, field: at(key).slice(1), value: w, min: wOn, max: wOff });
        return false;
      }
    }
  }
  return true;
}

/**
 * The semantic checks of a LIF target's `crossbar` section (TP2130–TP2135) that the schema
 * cannot make: the VTEAM sign conventions and orderings, a read that does not disturb, program
 * pulses that cross their thresholds. Run by the target loader after the schema; a target
 * without a crossbar section passes untouched.
 */
import { pointer } from "../ir/pointer.js";
import type { TargetRule } from "./load.js";

/** The crossbar rules, in order; every rule always runs. */
export const CROSSBAR_RULES: readonly TargetRule[] = [
  {
    name: "crossbar-device-signs",
    check(target, report) {
      const d = target.crossbar?.device;
      if (d === undefined) return;
      const at = (field: string) => pointer("crossbar", "device", field);
      if (!(d.kOn < 0)) report("TP2133", at("kOn"), { field: "kOn", value: d.kOn, expected: "k_on < 0 (m/s)", advice: "k_on moves the state towards ON and is negative (Technion-derived set: −10 m/s)." });
      if (!(d.kOff > 0)) report("TP2133", at("kOff"), { field: "kOff", value: d.kOff, expected: "k_off > 0 (m/s)", advice: "k_off moves the state towards OFF and is positive (Technion-derived set: 5e-4 m/s)." });
      if (!(d.vOn < 0)) report("TP2133", at("vOn"), { field: "vOn", value: d.vOn, expected: "v_on < 0 (V)", advice: "The ON threshold is negative in VTEAM's convention (Technion-derived set: −0.3 V)." });
      if (!(d.vOff > 0)) report("TP2133", at("vOff"), { field: "vOff", value: d.vOff, expected: "v_off > 0 (V)", advice: "The OFF threshold is positive in VTEAM's convention (Technion-derived set: 0.02 V)." });
    },
  },
  {
    name: "crossbar-device-order",
    check(target, report) {
      const d = target.crossbar?.device;
      if (d === undefined) return;
      if (!(d.rOn < d.rOff)) {
        report("TP2132", pointer("crossbar", "device", "rOn"), { low: "rOn", lowValue: d.rOn, high: "rOff", highValue: d.rOff, why: "ON is the low-resistance state" });
      }
      if (!(d.wOn < d.wOff)) {
        report("TP2132", pointer("crossbar", "device", "wOn"), { low: "wOn", lowValue: d.wOn, high: "wOff", highValue: d.wOff, why: "the state grows from ON to OFF" });
      }
    },
  },
  {
    name: "crossbar-read-disturb",
    check(target, report) {
      const c = target.crossbar;
      if (c === undefined) return;
      const { vOn, vOff } = c.device;
      const v = c.read.voltage;
      // the thresholds themselves count as disturbing: a read there has no margin left (models/vteam.ts disturbsOnRead)
      if (v >= vOff || v <= vOn) report("TP2130", pointer("crossbar", "read", "voltage"), { voltage: v, vOn, vOff, suggestion: vOff / 2 });
    },
  },
  {
    name: "crossbar-program-thresholds",
    check(target, report) {
      const c = target.crossbar;
      if (c === undefined) return;
      const { vOn, vOff } = c.device;
      const { setVoltage, resetVoltage } = c.program;
      if (!(setVoltage < vOn)) {
        report("TP2131", pointer("crossbar", "program", "setVoltage"), {
          field: "program.setVoltage",
          voltage: setVoltage,
          threshold: vOn,
          advice: `A SET pulse moves the state towards ON only below v_on; choose a setVoltage below ${vOn} V.`,
        });
      }
      if (!(resetVoltage > vOff)) {
        report("TP2131", pointer("crossbar", "program", "resetVoltage"), {
          field: "program.resetVoltage",
          voltage: resetVoltage,
          threshold: vOff,
          advice: `A RESET pulse moves the state towards OFF only above v_off; choose a resetVoltage above ${vOff} V.`,
        });
      }
    },
  },
  {
    name: "crossbar-substeps",
    check(target, report) {
      const c = target.crossbar;
      if (c !== undefined && c.program.substeps === 0) report("TP2134", pointer("crossbar", "program", "substeps"));
    },
  },
  {
    name: "crossbar-tile-columns",
    check(target, report) {
      const c = target.crossbar;
      if (c !== undefined && c.tile.columns % 2 !== 0) report("TP2135", pointer("crossbar", "tile", "columns"), { columns: c.tile.columns });
    },
  },
];

// The memristor-crossbar target: it loads clean, its crossbar section is what docs/targets.md
// states, and each TP2130–TP2135 code is reported for one bad crossbar section, exactly.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadTarget, resolveTarget } from "../../src/targets/load.js";
import type { Target } from "../../src/targets/types.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BASE_TEXT = readFileSync(join(ROOT, "targets", "memristor-crossbar.json"), "utf8");

function variant(change: (target: any) => void): string {
  const target = JSON.parse(BASE_TEXT);
  change(target);
  return JSON.stringify(target, null, 2);
}

const found = (text: string) => loadTarget(text, { file: "t.json" }).diagnostics.map(({ code, path }) => ({ code, path }));

describe("targets/memristor-crossbar.json", () => {
  it("loads without any diagnostic as a LIF target with a crossbar section", async () => {
    const result = await resolveTarget("memristor-crossbar");
    expect(result.diagnostics).toEqual([]);
    if (!result.ok) throw new Error("bundled target failed to load");
    const target = result.value as Target;
    expect("family" in target).toBe(false);
    expect(target.crossbar?.device).toMatchObject({ rOn: 5000, rOff: 200000, wOn: 0, wOff: 3e-9, kOn: -10, kOff: 5e-4, alphaOn: 3, alphaOff: 1, vOn: -0.3, vOff: 0.02 });
    // a non-destructive read: strictly inside (v_on, v_off)
    expect(Math.abs(target.crossbar!.read.voltage)).toBeLessThan(0.02);
    expect(target.crossbar!.program.setVoltage).toBeLessThan(-0.3);
    expect(target.crossbar!.program.resetVoltage).toBeGreaterThan(0.02);
    expect(target.crossbar!.variation).toEqual({ rOn: 0, rOff: 0, k: 0 });
  });

  it("has the neuron semantics and limits of loihi-cuba", async () => {
    const crossbar = await resolveTarget("memristor-crossbar");
    const loihi = await resolveTarget("loihi-cuba");
    if (!crossbar.ok || !loihi.ok) throw new Error("bundled target failed to load");
    expect((crossbar.value as Target).neuron).toEqual((loihi.value as Target).neuron);
    expect(crossbar.value.core).toEqual(loihi.value.core);
    expect(crossbar.value.chip).toEqual(loihi.value.chip);
  });
});

describe("crossbar semantic diagnostics (TP2130–TP2135)", () => {
  const cases: [string, (t: any) => void, { code: string; path: string }[]][] = [
    ["TP2130 read at v_off disturbs", (t) => (t.crossbar.read.voltage = 0.02), [{ code: "TP2130", path: "/crossbar/read/voltage" }]],
    ["TP2130 read below v_on disturbs", (t) => (t.crossbar.read.voltage = -0.5), [{ code: "TP2130", path: "/crossbar/read/voltage" }]],
    ["TP2131 SET above v_on", (t) => (t.crossbar.program.setVoltage = -0.25), [{ code: "TP2131", path: "/crossbar/program/setVoltage" }]],
    ["TP2131 RESET at v_off", (t) => (t.crossbar.program.resetVoltage = 0.02), [{ code: "TP2131", path: "/crossbar/program/resetVoltage" }]],
    ["TP2132 R_on ≥ R_off", (t) => (t.crossbar.device.rOn = 300000), [{ code: "TP2132", path: "/crossbar/device/rOn" }]],
    ["TP2132 w_on ≥ w_off", (t) => (t.crossbar.device.wOn = 3e-9), [{ code: "TP2132", path: "/crossbar/device/wOn" }]],
    ["TP2133 positive k_on", (t) => (t.crossbar.device.kOn = 10), [{ code: "TP2133", path: "/crossbar/device/kOn" }]],
    ["TP2133 negative k_off", (t) => (t.crossbar.device.kOff = -5e-4), [{ code: "TP2133", path: "/crossbar/device/kOff" }]],
    ["TP2134 zero substeps", (t) => (t.crossbar.program.substeps = 0), [{ code: "TP2134", path: "/crossbar/program/substeps" }]],
    ["TP2135 odd columns", (t) => (t.crossbar.tile.columns = 511), [{ code: "TP2135", path: "/crossbar/tile/columns" }]],
  ];

  it.each(cases)("%s", (_name, change, expected) => {
    const result = loadTarget(variant(change), { file: "t.json" });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map(({ code, path }) => ({ code, path }))).toEqual(expected);
    expect(result.diagnostics.every((d) => d.line !== undefined && d.line > 1 && d.message.endsWith(".") && !/\{\w+\}/.test(d.message))).toBe(true);
  });

  it("says which thresholds a disturbing read violates and suggests v_off/2", () => {
    const [d] = loadTarget(variant((t) => (t.crossbar.read.voltage = 0.05))).diagnostics;
    expect(d.message).toBe("The crossbar read voltage 0.05 V is not strictly inside the device's thresholds (-0.3 V, 0.02 V): every read would move the state (read disturb).");
    expect(d.hint).toBe("Choose crossbar.read.voltage with -0.3 < V < 0.02, e.g. half of v_off (0.01 V).");
  });

  it("checks the v_on sign as well, and reports every finding at once", () => {
    const text = variant((t) => {
      t.crossbar.device.vOn = 0.1;
      t.crossbar.program.substeps = 0;
    });
    // v_on = 0.1 V: wrong sign, the 0.01 V read sits below it (disturbs), the −0.34 V SET is below it (fine)
    expect(found(text)).toEqual([
      { code: "TP2133", path: "/crossbar/device/vOn" },
      { code: "TP2130", path: "/crossbar/read/voltage" },
      { code: "TP2134", path: "/crossbar/program/substeps" },
    ]);
  });

  it("leaves the schema to refuse a misspelt window kind or a missing field (TP1102, TP1103)", () => {
    expect(found(variant((t) => (t.crossbar.device.window = { kind: "rectangular" }))).map((d) => d.code)).toContain("TP1102");
    expect(found(variant((t) => delete t.crossbar.read.adcBits))).toEqual([{ code: "TP1103", path: "/crossbar/read/adcBits" }]);
  });
});

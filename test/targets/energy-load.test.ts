// Every bundled target's energy section loads and cites a source for each figure; TP2160–TP2163.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { energyTableOf, listTargets, loadTarget, resolveTarget } from "../../src/index.js";
import { REPO } from "../cli/helpers.js";

const text = (name: string) => readFileSync(join(REPO, "targets", `${name}.json`), "utf8");
function variant(name: string, change: (target: any) => void): string {
  const target = JSON.parse(text(name));
  change(target);
  return JSON.stringify(target, null, 2);
}
const found = (t: string) => loadTarget(t, { file: "t.json" }).diagnostics.map(({ code, path }) => ({ code, path }));

describe("energy sections of the bundled targets", () => {
  it.each(["loihi-cuba", "loihi-cuba-b2l", "loihi-cuba-lava", "memristor-crossbar", "glia-core"])("%s has one that loads clean", async (name) => {
    const target = await resolveTarget(name);
    expect(target.diagnostics).toEqual([]);
    if (!target.ok) throw new Error("does not load");
    const operations = Object.entries(target.value.energy?.operations ?? {});
    expect(operations.length).toBeGreaterThanOrEqual(5);
    for (const [, cost] of operations) {
      expect(cost.energy !== undefined || cost.time !== undefined).toBe(true);
      expect(cost.sources.join(" ")).toMatch(/Davies et al\. 2018|crossbar\./);
    }
  });

  it.each(listTargets())("%s: every listed cost states a figure and a source", async (name) => {
    const target = await resolveTarget(name);
    if (!target.ok || target.value.energy === undefined) return; // a target without a section is refused by the estimate (TP2163)
    for (const cost of Object.values(target.value.energy.operations)) expect(cost.sources.length).toBeGreaterThan(0);
  });

  it("loihi-cuba carries Davies et al. 2018's figures", async () => {
    const target = await resolveTarget("loihi-cuba");
    if (!target.ok) throw new Error("does not load");
    expect(target.value.energy?.operations).toMatchObject({
      synapticOp: { energy: 23.6e-12, time: 3.5e-9, basis: "published" },
      neuronUpdate: { energy: 81e-12, time: 8.4e-9 },
      spike: { energy: 1.7e-12, time: 2.1e-9 },
      routerHop: { energy: 3e-12, time: 4.1e-9 },
    });
    expect(target.value.energy?.operations.astrocyteUpdate).toBeUndefined();
  });

  it("glia-core marks every cost as an estimate", async () => {
    const target = await resolveTarget("glia-core");
    if (!target.ok) throw new Error("does not load");
    for (const cost of Object.values(target.value.energy!.operations)) {
      expect(cost.basis).toBe("estimate");
      expect(cost.sources[0]).toMatch(/^Estimate:/);
    }
    expect(target.value.energy!.notes).toMatch(/^ESTIMATES/);
  });

  it("memristor-crossbar leaves device energies to the device model", async () => {
    const target = await resolveTarget("memristor-crossbar");
    if (!target.ok) throw new Error("does not load");
    const ops = target.value.energy!.operations;
    expect(ops.deviceRead?.energy).toBeUndefined();
    expect(ops.devicePulse?.energy).toBeUndefined();
    expect(ops.deviceRead?.sources[0]).toContain("device model at run time");
  });
});

describe("energy rules", () => {
  it("TP2160: a cost without energy and time", () => {
    expect(found(variant("loihi-cuba", (t) => (t.energy.operations.spike = { basis: "published", sources: ["x"] })))).toEqual([{ code: "TP2160", path: "/energy/operations/spike" }]);
  });
  it("TP2161: a device cost on a target without a crossbar", () => {
    expect(found(variant("loihi-cuba", (t) => (t.energy.operations.deviceRead = { time: 1e-8, basis: "published", sources: ["x"] })))).toEqual([{ code: "TP2161", path: "/energy/operations/deviceRead" }]);
  });
  it("TP2162: an astrocyte cost on a target without astrocytes is a warning", () => {
    const result = loadTarget(variant("loihi-cuba", (t) => (t.energy.operations.astrocyteUpdate = { energy: 1e-12, basis: "estimate", sources: ["x"] })));
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([["TP2162", "warning"]]);
  });
  it("the schema refuses a cost without sources and an unknown operation", () => {
    expect(found(variant("glia-core", (t) => (t.energy.operations.spike.sources = []))).map((d) => d.path)).toEqual(["/energy/operations/spike/sources"]);
    expect(found(variant("loihi-cuba", (t) => (t.energy.operations.teleport = { energy: 1, basis: "estimate", sources: ["x"] }))).length).toBe(1);
  });
  it("TP2163: the estimate refuses a target without an energy section", () => {
    const target = loadTarget(variant("loihi-cuba", (t) => delete t.energy));
    if (!target.ok) throw new Error("does not load");
    expect(energyTableOf(target.value).diagnostics.map((d) => d.code)).toEqual(["TP2163"]);
  });
});

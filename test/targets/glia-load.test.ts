/**
 * The glia-core family in the target loader: the bundled glia-core.json loads with its exact
 * shape, LIF targets keep loading, and each TP2111–TP2118 rule fires on a broken variant
 * (and only there).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GLIA_TARGET_RULES, listTargets, loadTarget, resolveTarget } from "../../src/targets/load.js";
import { isGliaTarget, type GliaTarget } from "../../src/targets/glia-types.js";

const ROOT = join(import.meta.dirname, "../..");
const TEXT = readFileSync(join(ROOT, "targets/glia-core.json"), "utf8");

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };
function variant(change: (t: Mutable<GliaTarget>) => void): string {
  const target = JSON.parse(TEXT) as Mutable<GliaTarget>;
  change(target);
  return JSON.stringify(target, null, 2);
}
const found = (text: string) => loadTarget(text, { file: "t.json" }).diagnostics.map(({ code, path, severity }) => ({ code, path, severity }));

describe("glia-core targets", () => {
  it("loads the bundled glia-core target without findings, and lists it with the LIF targets", async () => {
    expect(listTargets()).toContain("glia-core");
    expect(listTargets()).toContain("loihi-cuba");
    const result = await resolveTarget("glia-core");
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(isGliaTarget(result.value)).toBe(true);
    if (!isGliaTarget(result.value)) return;
    expect(result.value.semantics.neuron.stateBits).toBe(24);
    expect(result.value.core.maxAstrocytes).toBe(64);
    expect(result.value.learning?.astrocyteModulation).toBe(true);
    expect(result.value.capabilities.plasticity).toEqual(["stdp", "reward_stdp", "episode_stdp"]);
    const lif = await resolveTarget("loihi-cuba");
    expect(lif.ok && !isGliaTarget(lif.value)).toBe(true);
  });

  it("reports LIF-only fields and missing glia fields by the schema of the family", () => {
    const text = variant((t) => {
      (t as unknown as Record<string, unknown>).neuron = {};
      delete (t.semantics as Partial<Mutable<GliaTarget["semantics"]>>).glutamate;
    });
    expect(found(text)).toEqual([
      { code: "TP1104", path: "/neuron", severity: "error" },
      { code: "TP1103", path: "/semantics/glutamate", severity: "error" },
    ]);
  });

  it("rounds shifts half up, accepts floor too, and nothing else", () => {
    expect((JSON.parse(TEXT) as GliaTarget).semantics.rounding).toBe("half-up");
    expect(found(variant((t) => (t.semantics.rounding = "floor")))).toEqual([]);
    expect(found(variant((t) => ((t.semantics as { rounding: string }).rounding = "toward-zero")))).toEqual([{ code: "TP1102", path: "/semantics/rounding", severity: "error" }]);
  });

  it("keeps half-up rounding out of LIF targets, whose decays do not implement it", () => {
    const lif = JSON.parse(readFileSync(join(ROOT, "targets/loihi-cuba.json"), "utf8")) as { neuron: { decay: { rounding: string } } };
    lif.neuron.decay.rounding = "half-up";
    expect(found(JSON.stringify(lif, null, 2))).toEqual([{ code: "TP1102", path: "/neuron/decay/rounding", severity: "error" }]);
  });

  const cases: [string, (t: Mutable<GliaTarget>) => void, { code: string; path: string; severity: string }[]][] = [
    // 2·31 = 62 > 52 bits for V·V
    ["TP2111 for a 32-bit neuron state", (t) => (t.semantics.neuron.stateBits = 32), [{ code: "TP2111", path: "/semantics/neuron/stateBits", severity: "error" }]],
    // a 26-bit table step times a spacing remainder of up to 31 magnitude bits: 26 + 31 + 1 = 58 > 52
    // (the bundled 32-bit state with 16-bit tables needs 48; its other products go through mulShr)
    ["TP2111 for 26-bit tables on a 32-bit astrocyte state", (t) => (t.semantics.astrocyte.lut.bits = 26), [{ code: "TP2111", path: "/semantics/astrocyte/stateBits", severity: "error" }]],
    // 22 + 1 + 30 = 53 > 52 (the 52-bit accumulator holds a full fan-in of 22-bit weights: 1024·2^22·2^15 = 2^47)
    ["TP2111 for a wide gate factor", (t) => ((t.semantics.effects.gainBits = 30), (t.semantics.synapse.weightBits = 22), (t.semantics.synapse.accumulatorBits = 52)), [{ code: "TP2111", path: "/semantics/effects/gainBits", severity: "error" }]],
    // one event: 16 + 16 − 1 = 31 bits; a 31-bit signed accumulator holds 30
    ["TP2112 for an accumulator narrower than one event", (t) => (t.semantics.synapse.accumulatorBits = 31), [{ code: "TP2112", path: "/semantics/synapse/accumulatorBits", severity: "error" }]],
    // 1024·65535·32767 < 2^41: 42 bits suffice, 41 do not
    ["TP2113 for an accumulator a full fan-in can saturate", (t) => (t.semantics.synapse.accumulatorBits = 41), [{ code: "TP2113", path: "/semantics/synapse/accumulatorBits", severity: "warning" }]],
    ["TP2114 for a capability the semantics lack", (t) => (t.capabilities.models = ["izhikevich", "lif"]), [{ code: "TP2114", path: "/capabilities/models/1", severity: "error" }]],
    ["TP2115 for astrocyte capability without models", (t) => (t.semantics.astrocyte.models = []), [{ code: "TP2115", path: "/capabilities/astrocytes", severity: "error" }]],
    ["TP2116 for a territory larger than a core", (t) => (t.core.maxTerritory = 2048), [{ code: "TP2116", path: "/core/maxTerritory", severity: "error" }]],
    ["TP2117 for a window longer than the hold", (t) => (t.semantics.astrocyte.maxWindowSteps = 70000), [{ code: "TP2117", path: "/semantics/astrocyte/maxWindowSteps", severity: "error" }]],
    ["TP2118 for diffusion without neighbours", (t) => (t.core.maxNeighbours = 0), [{ code: "TP2118", path: "/semantics/astrocyte/diffusion", severity: "error" }]],
    ["TP2101 for an inverted time-step range", (t) => (t.timeStep = { minMs: 1, maxMs: 0.1 }), [{ code: "TP2101", path: "/timeStep/minMs", severity: "error" }]],
    // the learning section is checked by the LIF family's rules, with glia-core's weight width
    ["TP2120 for plasticity capabilities that differ from the learning rules", (t) => (t.capabilities.plasticity = ["stdp"]), [{ code: "TP2120", path: "/capabilities/plasticity", severity: "error" }]],
    ["TP2123 for plastic weights wider than the synapse weight", (t) => (t.learning!.weightBits = 17), [{ code: "TP2123", path: "/learning/weightBits", severity: "error" }]],
    // the Ca ramp: a 23-bit factor difference times a 32-bit Ca difference, 22 + 32 = 54 > 52
    // (epoch.max 1 keeps the reward update at 27 + 22 = 49 bits)
    ["TP2124 for a Ca ramp float64 cannot hold exactly", (t) => ((t.learning!.modulator.bits = 22), (t.learning!.epoch = { default: 1, max: 1 })), [{ code: "TP2124", path: "/learning/modulator", severity: "error" }]],
    ["TP2110 for a fixed step outside the range", (t) => (t.timeStep = { minMs: 0.1, maxMs: 1, fixedMs: 2 }), [{ code: "TP2110", path: "/timeStep/fixedMs", severity: "error" }]],
    ["TP2160 for an energy cost without a figure", (t) => (t.energy = { operations: { astrocyteUpdate: { basis: "estimate", sources: ["x"] } } }), [{ code: "TP2160", path: "/energy/operations/astrocyteUpdate", severity: "error" }]],
  ];
  for (const [name, change, expected] of cases) {
    it(`reports ${name}`, () => {
      expect(found(variant(change))).toEqual(expected);
    });
  }

  it("has a test case for every glia rule", () => {
    expect(GLIA_TARGET_RULES.map((r) => r.name)).toEqual(["time-step", "exact-products", "accumulator-width", "capabilities", "astrocyte-limits", "learning-capabilities", "learning-widths", "learning-exact-products", "learning-engine", "energy-costs"]);
  });
});

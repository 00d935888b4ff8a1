// The target loader's learning section: the bundled targets that learn load clean, and each
// TP2120–TP2129 rule fires on one broken variant of loihi-cuba.json, exactly (code and pointer).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadTarget, resolveTarget } from "../../src/targets/load.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BASE_TEXT = readFileSync(join(ROOT, "targets", "loihi-cuba.json"), "utf8");

function variant(change: (target: any) => void): string {
  const target = JSON.parse(BASE_TEXT);
  change(target);
  return JSON.stringify(target, null, 2);
}

const found = (text: string) => loadTarget(text, { file: "t.json" }).diagnostics.map(({ code, path }) => ({ code, path }));

describe("bundled learning sections", () => {
  it.each(["loihi-cuba", "loihi-cuba-b2l"])("%s learns stdp, reward_stdp and episode_stdp with Loihi's widths", async (name) => {
    const result = await resolveTarget(name);
    if (!result.ok) throw new Error(`${name} does not load`);
    expect(result.value.capabilities.plasticity).toEqual(["stdp", "reward_stdp", "episode_stdp"]);
    expect(result.value.learning).toMatchObject({
      pairings: ["all_to_all", "nearest_symmetric"],
      boundExponents: [0, 1],
      trace: { bits: 7, decayBits: 12, rounding: "stochastic" },
      epoch: { default: 4, max: 64 },
      accumulator: { bits: 24, fractionBits: 8 },
      rounding: "stochastic",
      weightBits: 8,
    });
  });

  it("loihi-cuba-lava has no learning section and lists no plasticity", async () => {
    const result = await resolveTarget("loihi-cuba-lava");
    if (!result.ok) throw new Error("lava does not load");
    expect(result.value.learning).toBeUndefined();
    expect(result.value.capabilities.plasticity).toEqual([]);
  });
});

describe("rules TP2120–TP2129", () => {
  it.each([
    ["TP2120: plasticity listed differently from learning.rules", (t: any) => (t.capabilities.plasticity = ["stdp"]), [{ code: "TP2120", path: "/capabilities/plasticity" }]],
    ["TP2120: plasticity listed without a learning section", (t: any) => delete t.learning, [{ code: "TP2120", path: "/capabilities/plasticity" }]],
    ["TP2121: default epoch beyond the largest", (t: any) => (t.learning.epoch = { default: 128, max: 64 }), [{ code: "TP2121", path: "/learning/epoch/default" }]],
    ["TP2122: no integer bits in the accumulator", (t: any) => (t.learning.accumulator = { bits: 10, fractionBits: 9 }), [{ code: "TP2122", path: "/learning/accumulator/fractionBits" }]],
    ["TP2123: plastic weights wider than the mantissa", (t: any) => (t.learning.weightBits = 9), [{ code: "TP2123", path: "/learning/weightBits" }]],
    ["TP2124: an inexact soft-bound product", (t: any) => (t.learning.trace.bits = 30), [{ code: "TP2124", path: "/learning/accumulator" }]],
    ["TP2124: an inexact reward product", (t: any) => (t.learning.accumulator = { bits: 40, fractionBits: 8 }), [{ code: "TP2124", path: "/learning/accumulator" }, { code: "TP2124", path: "/learning/modulator" }]],
    ["TP2125: nearest_pre_centred", (t: any) => t.learning.pairings.push("nearest_pre_centred"), [{ code: "TP2125", path: "/learning/pairings/2" }]],
    ["TP2126: a bound exponent other than 0 and 1", (t: any) => (t.learning.boundExponents = [0, 0.5]), [{ code: "TP2126", path: "/learning/boundExponents/1" }]],
    ["TP2127: astrocyte modulation without astrocytes", (t: any) => (t.learning.astrocyteModulation = true), [{ code: "TP2127", path: "/learning/astrocyteModulation" }]],
    ["TP2128: a one-bit trace", (t: any) => (t.learning.trace.bits = 1), [{ code: "TP2128", path: "/learning/trace/bits" }]],
    ["TP2128: a pile-up that is not a power of two", (t: any) => (t.learning.trace.pileUp = 12), [{ code: "TP2128", path: "/learning/trace/pileUp" }]],
    ["TP2128: a pile-up beyond 2^bits", (t: any) => (t.learning.trace.pileUp = 256), [{ code: "TP2128", path: "/learning/trace/pileUp" }]],
    ["TP2129: no integer bits in the modulator", (t: any) => (t.learning.modulator = { bits: 12, fractionBits: 11, decayBits: 12 }), [{ code: "TP2129", path: "/learning/modulator/fractionBits" }]],
  ] as const)("%s", (_name, change, expected) => {
    expect(found(variant(change))).toEqual(expected);
  });

  it("TP2124 names the product: 23 magnitude bits of rate × 30-bit trace × 8-bit magnitude need 61 bits", () => {
    const [d] = loadTarget(variant((t) => (t.learning.trace.bits = 30))).diagnostics;
    expect(d.message).toBe("The soft-bound update (a rate of 24 bits times a trace of 30 bits times a magnitude of 8 bits) needs 61-bit products, more than the 52 bits (plus sign) that are computed exactly.");
  });

  it("TP2128 says what the pile-up must be for the trace's width", () => {
    expect(found(variant((t) => (t.learning.trace.pileUp = 128)))).toEqual([]); // 7 bits: impulse 1
    const [d] = loadTarget(variant((t) => (t.learning.trace.pileUp = 12))).diagnostics;
    expect(d.message).toBe("A 7-bit trace cannot hold 12 all-to-all spikes (learning.trace.pileUp): each adds 2^bits / pileUp, which must be a whole power of two.");
    expect(d.hint).toBe("Make learning.trace.pileUp a power of two from 2 to 128, or widen learning.trace.bits (Loihi: 7 bits, 4 spikes).");
  });

  it("the schema refuses an unknown rule and a missing field", () => {
    expect(found(variant((t) => (t.learning.rules = ["hebb"])))[0].code).toBe("TP1102");
    expect(found(variant((t) => delete t.learning.trace))).toEqual([{ code: "TP1103", path: "/learning/trace" }]);
  });
});

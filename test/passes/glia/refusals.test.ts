// What glia-core refuses: each scenario of examples.ts reports its construct alone, at its
// pointer (docs/diagnostics-passes.md quotes the messages; test/passes/glia/docs.test.ts checks them).
import { describe, expect, it } from "vitest";
import { compileGlia } from "../../../src/passes/pipeline.js";
import { elaborate } from "../../../src/ir/elaborate.js";
import { explicit, population } from "../helpers.js";
import { gliaCore } from "./helpers.js";
import { GLIA_PASS_EXAMPLES } from "./examples.js";
import { gliaNetwork, wmParts } from "./networks.js";

const ALONE = ["TP3040", "TP3041", "TP3042", "TP3043", "TP3044", "TP3045", "TP3046", "TP3047", "TP3048", "TP3049", "TP3050", "TP3051", "TP3052", "TP3054", "TP3055", "TP3056", "TP3060", "TP3061", "TP3062", "TP3064", "TP3070", "TP3073", "TP3074"];

describe("what glia-core refuses", () => {
  it.each(ALONE)("%s: its scenario reports it and nothing else", (code) => {
    expect(GLIA_PASS_EXAMPLES[code]().map((d) => d.code)).toEqual([code]);
  });

  it("reports every unsupported construct of one network in one run, then stops after discretize", () => {
    const parts = wmParts();
    const net = elaborate(
      gliaNetwork({
        ...parts,
        populations: [...parts.populations!, population("l", 2)],
        projections: [...parts.projections!, explicit("n_e", "n", "n", [[0, 1]]), explicit("x_e", "x", "n", [[0, 0]])],
      }),
    );
    const result = compileGlia(net, gliaCore());
    expect(result.diagnostics.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: "TP3040", path: "/populations/1/model" },
      { code: "TP3041", path: "/projections/2/synapse/kind" },
      { code: "TP3042", path: "/projections/3/synapse/kind" },
    ]);
    expect(result.timings.map((t) => t.pass)).toEqual(["discretize"]);
  });

  it("refuses constants that round to zero (TP3071) as errors, and warns of those realised far off (TP3072)", () => {
    const zero = GLIA_PASS_EXAMPLES.TP3071();
    expect(zero.filter((d) => d.code === "TP3071").map((d) => d.path)).toContain("/populations/0/params/a");
    expect(zero.find((d) => d.code === "TP3071")?.severity).toBe("error");
    const off = GLIA_PASS_EXAMPLES.TP3072();
    expect(off.every((d) => d.code === "TP3072" || d.code === "TP3071")).toBe(true);
    expect(off.find((d) => d.path === "/run/dt")?.message).toBe("The constant dt·0.04 of 'n' is realised as 0.00390625 instead of 0.004 (2.34% off).");
  });

  it("refuses an astrocyte range the register cannot hold at 8 fractional bits (TP3053) and a territory larger than a core (TP3063)", () => {
    expect(GLIA_PASS_EXAMPLES.TP3053().map((d) => d.code)).toContain("TP3053");
    expect(GLIA_PASS_EXAMPLES.TP3063().map((d) => d.code)).toEqual(["TP3063", "TP3064"]);
  });
});

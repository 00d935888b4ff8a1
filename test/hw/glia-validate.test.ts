import { describe, expect, it } from "vitest";
import { validateGliaConfig } from "../../src/hw/glia-validate.js";
import { fromGliaConfigJson, toGliaConfigJson, type GliaConfigJson } from "../../src/hw/glia-config-json.js";
import { sampleGliaConfig } from "../passes/glia/helpers.js";
import { GLIA_CONFIG_EXAMPLES } from "../passes/glia/examples.js";

const edited = (change: (json: GliaConfigJson) => void) => {
  const json = JSON.parse(JSON.stringify(toGliaConfigJson(sampleGliaConfig()))) as GliaConfigJson;
  change(json);
  return fromGliaConfigJson(json).diagnostics.map(({ code, path }) => ({ code, path }));
};

describe("validateGliaConfig", () => {
  it("accepts the sample config", () => {
    expect(validateGliaConfig(sampleGliaConfig())).toEqual([]);
  });

  it.each(Object.entries(GLIA_CONFIG_EXAMPLES))("%s: its scenario reports it", (code, scenario) => {
    expect(scenario().map((d) => d.code)).toEqual([code]);
  });

  it("reports a CSR whose offsets decrease (TP4010)", () => {
    expect(edited((j) => void (j.projections[0].rowStart = [0, 2, 1, 3]))).toEqual([{ code: "TP4010", path: "/projections/0/rowStart" }]);
  });

  it("reports indices out of range (TP4006) at their first bad entry", () => {
    expect(edited((j) => void (j.projections[0].post[1] = 3))).toEqual([{ code: "TP4006", path: "/projections/0/post/1" }]);
    expect(edited((j) => void (j.projections[0].astrocyte[2] = 2))).toEqual([{ code: "TP4006", path: "/projections/0/astrocyte/2" }]);
    expect(edited((j) => void (j.astrocytes[0].territory.ownerOf[0] = 2))).toEqual([{ code: "TP4006", path: "/astrocytes/0/territory/ownerOf/0" }]);
    expect(edited((j) => void (j.astrocytes[0].diffusion!.neighbour[0] = -1))).toEqual([{ code: "TP4006", path: "/astrocytes/0/diffusion/neighbour/0" }]);
  });

  it("reports weights beyond the weight width (TP4007) and wrong array lengths (TP4005)", () => {
    expect(edited((j) => void (j.projections[1].weight[0] = 4096))).toEqual([{ code: "TP4007", path: "/projections/1/weight/0" }]);
    expect(edited((j) => void j.neurons[0].v0.pop())).toEqual([{ code: "TP4005", path: "/neurons/0/v0" }]);
    expect(edited((j) => void j.projections[0].delta.pop())).toEqual([{ code: "TP4005", path: "/projections/0/delta" }]);
  });

  it("reports a sigmoid index of an input projection, unknown names and insane semantics", () => {
    expect(edited((j) => void (j.projections[1].sigmoid = 0))).toEqual([{ code: "TP4004", path: "/projections/1/sigmoid" }]);
    expect(edited((j) => void (j.record[0].population = "zz"))).toEqual([{ code: "TP4012", path: "/record/0/population" }]);
    expect(edited((j) => void (j.astrocytes[0].id = "n"))).toEqual([
      { code: "TP4013", path: "/astrocytes/0/id" },
      { code: "TP4012", path: "/scales/1/population" },
    ]);
    expect(edited((j) => void (j.semantics.astrocyte.stateBits = 40))).toEqual([{ code: "TP4009", path: "/semantics/astrocyte/stateBits" }]);
    expect(edited((j) => void (j.semantics.astrocyte.lut.spacing = []))).toEqual([{ code: "TP4009", path: "/semantics/astrocyte/lut/spacing" }]);
  });

  it("reports unsorted input spikes (TP4011) and a period below the target's minimum", () => {
    expect(edited((j) => void (j.inputs.spikeSteps = [5, 1, 1]))).toEqual([{ code: "TP4011", path: "/inputs/spikeSteps/1" }]);
    expect(edited((j) => void (j.astrocytes[0].periodSteps = 0))).toEqual([{ code: "TP4004", path: "/astrocytes/0/periodSteps" }]);
  });
});

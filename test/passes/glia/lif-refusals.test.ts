import { describe, expect, it } from "vitest";
import { compile } from "../../../src/passes/pipeline.js";
import { elaborate } from "../../../src/ir/elaborate.js";
import { codesAndPaths, loihi, population, targetWith } from "../helpers.js";
import { gliaNetwork, wmParts } from "./networks.js";

const onLoihi = (parts: Parameters<typeof gliaNetwork>[0]) => compile(elaborate(gliaNetwork(parts)), loihi(), { file: "net.json" });

describe("what a LIF target refuses", () => {
  it("reports every construct of the neuron–astrocyte network, each at its pointer, and runs no pass", () => {
    const result = onLoihi(wmParts());
    expect(result.ok).toBe(false);
    expect(codesAndPaths(result.diagnostics)).toEqual([
      { code: "TP3030", path: "/populations/0/model" },
      { code: "TP3035", path: "/populations/0/glutamate" },
      { code: "TP3031", path: "/projections/0/synapse/kind" },
      { code: "TP3031", path: "/projections/1/synapse/kind" },
      { code: "TP3032", path: "/currents/0" },
      { code: "TP3033", path: "/astrocytes/0" },
      { code: "TP3034", path: "/tripartite/0" },
    ]);
    expect(result.timings).toEqual([]);
    expect(result.reports).toEqual({});
    expect(result.diagnostics.every((d) => d.severity === "error" && d.file === "net.json")).toBe(true);
  });

  it("names the construct and a target that can run it", () => {
    const [izhikevich, , , , current, astrocytes, coupling] = onLoihi(wmParts()).diagnostics;
    expect(izhikevich.message).toBe("Population 'n' is an Izhikevich population, which target 'loihi-cuba' cannot run: it has only LIF compartments.");
    expect(izhikevich.hint).toContain("glia-core");
    expect(current.message).toBe("Current 'pattern' injects a current into population 'n', which target 'loihi-cuba' cannot express.");
    expect(astrocytes.message).toBe("Astrocyte population 'a' cannot run on target 'loihi-cuba', which has no astrocyte units.");
    expect(astrocytes.hint).toBe("Compile for a glia-core target (targets/glia-core.json); lowering the reduced astrocyte onto LIF compartments is future work.");
    expect(coupling.message).toBe("Tripartite coupling 'a_n_n' of astrocyte population 'a' cannot be expressed on target 'loihi-cuba'.");
  });

  it("refuses one astrocyte population at a time, each coupling on its own", () => {
    const parts = wmParts();
    const second = { ...parts.astrocytes![0], id: "b" };
    const result = onLoihi({ ...parts, astrocytes: [parts.astrocytes![0], second], tripartite: [parts.tripartite![0], { ...parts.tripartite![0], id: "b_n_n", astrocytes: "b" }] });
    const astro = codesAndPaths(result.diagnostics).filter((d) => d.code === "TP3033" || d.code === "TP3034");
    expect(astro).toEqual([
      { code: "TP3033", path: "/astrocytes/0" },
      { code: "TP3033", path: "/astrocytes/1" },
      { code: "TP3034", path: "/tripartite/0" },
      { code: "TP3034", path: "/tripartite/1" },
    ]);
  });

  it("refuses a glutamate trace on an otherwise plain LIF network", () => {
    const lif = { ...population("p", 2), glutamate: { decay_rate: 10, release_rate: 600, release: "spiking" as const } };
    expect(codesAndPaths(onLoihi({ populations: [lif] }).diagnostics)).toEqual([{ code: "TP3035", path: "/populations/0/glutamate" }]);
  });

  it("refuses on the LIF variants as well, naming each", () => {
    const variant = targetWith({ name: "loihi-cuba-lava" });
    const result = compile(elaborate(gliaNetwork({ populations: wmParts().populations })), variant);
    expect(result.diagnostics.map((d) => d.message)[0]).toContain("target 'loihi-cuba-lava'");
  });

  it("leaves a plain LIF network to the LIF passes", () => {
    const result = onLoihi({ populations: [population("p", 2)] });
    expect(result.ok).toBe(true);
    expect(result.timings.map((t) => t.pass)).toEqual(["discretize", "quantize", "lower-plasticity", "partition", "route", "emit", "lower-crossbar"]);
  });
});

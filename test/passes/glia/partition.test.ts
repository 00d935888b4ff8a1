import { describe, expect, it } from "vitest";
import { compileGlia } from "../../../src/passes/pipeline.js";
import { elaborate } from "../../../src/ir/elaborate.js";
import { codesAndPaths } from "../helpers.js";
import { gliaCoreWith } from "./helpers.js";
import { conductance, gliaNetwork, izhikevich, wmAstrocyte } from "./networks.js";

/** Six neurons in a ring, three astrocytes with the given territories (each astrocyte's own neurons). */
const ring = (territories: number[][]) =>
  elaborate(
    gliaNetwork({
      populations: [izhikevich("n", 6)],
      projections: [conductance("ring", "n", "n", [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [5, 0]])],
      astrocytes: [wmAstrocyte({ size: territories.length, territory: { kind: "lists", population: "n", neurons: territories }, sensing: undefined, gate: undefined })],
    }),
  );

describe("glia partition", () => {
  it("places neurons in order, closing a core when its astrocytes would not fit, each astrocyte on its territory's core", () => {
    // Anchors (the middle neuron of each territory): astrocyte 0 (0, 1) → neuron 1, 1 (4, 5) → 5,
    // 2 (3, 4) → 4. maxNeurons 4 and maxAstrocytes 1: core 0 takes neurons 0..3 (astrocyte 0) and
    // is full (neurons are checked first); core 1 takes neuron 4 (astrocyte 2), and neuron 5 would
    // bring a second astrocyte, so core 2 starts there. Astrocyte 0 → core 0;
    // 1 spans cores 1 and 2, ties, takes core 1; 2 spans cores 0 and 1, both full, goes to core 2.
    const result = compileGlia(ring([[0, 1], [4, 5], [3, 4]]), gliaCoreWith({ core: { maxNeurons: 4, maxAstrocytes: 1 } }), { verifyEach: true });
    expect(result.ok).toBe(true);
    expect(codesAndPaths(result.diagnostics)).toEqual([{ code: "TP3064", path: "/astrocytes/0/territory" }]);
    expect(result.diagnostics[0].message).toBe("Astrocyte population 'a' has 2 astrocytes whose territory spans more than one core.");
    const utilisation = result.reports.utilisation!;
    expect(utilisation.coresUsed).toBe(3);
    expect(utilisation.splitTerritories).toBe(2);
    expect(utilisation.cores.map((c) => [c.neurons.used, c.synapses.used, c.astrocytes.used, c.boundBy])).toEqual([
      [4, 4, 1, "neurons"],
      [1, 1, 1, "astrocytes"],
      [1, 1, 1, "end"],
    ]);
  });

  it("opens a core of astrocytes only when no core has room", () => {
    // two astrocytes anchored on the one neuron of a population of one: it alone exceeds
    // maxAstrocytes 1, so the second astrocyte gets a core without neurons
    const net = elaborate(
      gliaNetwork({
        populations: [izhikevich("n", 1)],
        astrocytes: [wmAstrocyte({ size: 2, territory: { kind: "lists", population: "n", neurons: [[0], [0]] }, sensing: undefined, gate: undefined })],
      }),
    );
    const result = compileGlia(net, gliaCoreWith({ core: { maxAstrocytes: 1 } }), { verifyEach: true });
    expect(result.reports.utilisation!.cores.map((c) => [c.neurons.used, c.astrocytes.used])).toEqual([
      [1, 1],
      [0, 1],
    ]);
    expect(codesAndPaths(result.diagnostics)).toEqual([{ code: "TP3064", path: "/astrocytes/0/territory" }]);
  });

  it("closes a core at its synapse limit", () => {
    // every neuron has fan-in 1; 3 synapses per core → cores of 3 neurons
    const result = compileGlia(ring([[0, 1]]), gliaCoreWith({ core: { maxSynapses: 3 } }));
    expect(result.reports.utilisation!.cores.map((c) => [c.neurons.used, c.boundBy])).toEqual([
      [3, "synapses"],
      [3, "end"],
    ]);
  });

  it("reports needing more cores than the chip has (TP3020)", () => {
    const result = compileGlia(ring([[0]]), gliaCoreWith({ chip: { cores: 2 }, core: { maxNeurons: 2 } }));
    expect(codesAndPaths(result.diagnostics)).toEqual([{ code: "TP3020", path: "" }]);
    expect(result.diagnostics[0].message).toBe("The network needs 3 cores but target 'glia-core' has 2.");
    expect(result.diagnostics[0].hint).toBe("Most cores are closed by their neurons limit. Use fewer neurons or synapses, or a target with more cores.");
  });

  it("reports a fan-in above the limit once per population (TP3022)", () => {
    const net = elaborate(
      gliaNetwork({ populations: [izhikevich("n", 3)], projections: [conductance("all", "n", "n", [[0, 2], [1, 2], [0, 1]])] }),
    );
    const result = compileGlia(net, gliaCoreWith({ core: { maxFanIn: 1 } }));
    expect(codesAndPaths(result.diagnostics)).toEqual([{ code: "TP3022", path: "/populations/0" }]);
    expect(result.diagnostics[0].message).toBe("Population 'n' has 1 neuron with a fan-in up to 2 synapses, but target 'glia-core' allows 1 per neuron.");
  });
});

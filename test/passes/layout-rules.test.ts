// The layout rules of xylo-style (src/passes/layout-rules.ts): which populations are outputs, a
// recurrent E/I network fits the one core, each limit fires at its boundary and not below it,
// and a target without the layout fields (loihi-cuba) is checked exactly as before.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/passes/pipeline.js";
import { outputPopulations, outputSpikeCapFindings } from "../../src/passes/layout-rules.js";
import type { Recording } from "../../src/hw/recording.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Network } from "../../src/ir/types.js";
import { loadNetwork } from "../../src/ir/load.js";
import { elaborate } from "../../src/ir/elaborate.js";
import { asStage } from "../../src/ir/stage.js";
import { allToAll, elaborated, explicit, loihi, population, REPO, spikeInput, xyloStyle } from "./helpers.js";

type Parts = Partial<Omit<Network, "format">>;
const errors = (parts: Parts, target = xyloStyle()) =>
  compile(elaborated(parts), target, { file: "net.json", verifyEach: true }).diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.path}`);
const lines = (n: number) => spikeInput("x", Array.from({ length: n }, () => [1]));

/** x (n lines) → e ⇄ i, e → e, i → i: every population projects somewhere, so all are hidden. */
const recurrent = (e: number, i: number, n = 16): Parts => ({
  populations: [population("e", e), population("i", i)],
  inputs: [lines(n)],
  projections: [allToAll("x_e", "x", "e"), allToAll("e_e", "e", "e"), allToAll("e_i", "e", "i"), allToAll("i_e", "i", "e", { sign: "inhibitory" }), allToAll("i_i", "i", "i", { sign: "inhibitory" })],
});

/** x → h → out, plus out's extra projections. */
const readout = (hidden: number, outputs: number): Parts => ({
  populations: [population("h", hidden), population("out", outputs)],
  inputs: [spikeInput("x", [[1]])],
  projections: [allToAll("x_h", "x", "h"), allToAll("h_out", "h", "out")],
});

describe("outputPopulations", () => {
  it("marks a population fed by neurons only and feeding nothing, and nothing else", () => {
    expect(outputPopulations(elaborated(readout(3, 2)))).toEqual([false, true]);
    expect(outputPopulations(elaborated(recurrent(4, 2)))).toEqual([false, false]);
    // fed by an input line: hidden, though it feeds nothing (a one-layer network stays on hidden neurons)
    expect(outputPopulations(elaborated({ populations: [population("p", 2)], inputs: [lines(1)], projections: [allToAll("x_p", "x", "p")] }))).toEqual([false]);
    // fed by nothing at all (bias-driven): hidden
    expect(outputPopulations(elaborated({ populations: [population("p", 2)] }))).toEqual([false]);
    // fed by a population and by a line: hidden (Xylo's input matrix reaches hidden neurons only)
    const mixed = readout(3, 2);
    expect(outputPopulations(elaborated({ ...mixed, projections: [...mixed.projections!, allToAll("x_out", "x", "out")] }))).toEqual([false, false]);
  });
});

describe("xylo-style layout", () => {
  it("holds a recurrent E/I network of 1000 hidden neurons behind 16 input lines on its one core", () => {
    const result = compile(elaborated(recurrent(800, 200)), xyloStyle(), { verifyEach: true });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.ok && result.value.cores.length).toBe(1);
  }, 60_000);

  it("refuses examples/ei-network without refractory periods and delays only for its 100 input lines, on one core", () => {
    // before the layout section, maxOutputAxons 1 split it over 200 cores: TP3020, TP3023, TP3024
    const loaded = loadNetwork(readFileSync(join(REPO, "examples", "ei-network", "network.json"), "utf8"));
    if (!loaded.ok) throw new Error("ei-network does not load");
    const network = loaded.value;
    const withoutHolds = asStage("checked", {
      ...network,
      populations: network.populations.map((p) => ({ ...p, params: { ...p.params, tau_ref: 0 } })),
      projections: network.projections.map((j) => ({ ...j, delay: 0 })),
    });
    const result = compile(elaborate(withoutHolds), xyloStyle(), { file: "net.json" });
    expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.path} ${d.message}`)).toEqual([
      "TP3130 /inputs Core 0 receives 100 input lines (from 'drive' (100)) but target 'xylo-style' takes 16 per core.",
    ]);
    expect(result.reports.utilisation?.coresUsed).toBe(1);
  });

  it("takes 16 input lines and refuses 17", () => {
    expect(errors(recurrent(4, 2, 16))).toEqual([]);
    expect(errors(recurrent(4, 2, 17))).toEqual(["TP3130 /inputs"]);
  });

  it("takes 1000 hidden neurons and 8 output neurons, and refuses one more of either", () => {
    const net = (hidden: number, outputs: number): Parts => ({ ...readout(hidden, outputs), projections: [allToAll("x_h", "x", "h"), explicit("h_out", "h", "out", Array.from({ length: outputs }, (_, k) => [k, k] as const))] });
    expect(errors(net(1000, 8))).toEqual([]);
    expect(errors(net(999, 9))).toEqual(["TP3132 /populations/1"]);
    // 1009 neurons: the chip total says it; per core, 8 outputs stay on core 0 and the 9th spills over
    expect(errors(net(1000, 9))).toEqual(["TP3021 "]);
    expect(errors(net(1001, 7))).toEqual(["TP3131 /populations"]);
  });

  it("refuses a second current channel on an output population but not on a hidden one", () => {
    const parts = readout(4, 2);
    expect(errors({ ...parts, projections: [...parts.projections!, allToAll("h_out_slow", "h", "out", { tau: 20 })] })).toEqual(["TP3133 /populations/1"]);
    expect(errors({ ...parts, projections: [...parts.projections!, allToAll("x_h_slow", "x", "h", { tau: 20 })] })).toEqual([]);
  });

  it("refuses parallel synapses on one channel, allows them on two, and counts repeated explicit pairs", () => {
    const parts = readout(4, 2);
    expect(errors({ ...parts, projections: [...parts.projections!, allToAll("again", "h", "out")] })).toEqual(["TP3134 /populations/1"]);
    const twoChannels: Parts = { ...recurrent(4, 2), projections: [...recurrent(4, 2).projections!, allToAll("e_e_slow", "e", "e", { tau: 20 })] };
    expect(errors(twoChannels)).toEqual([]);
    const repeated = compile(elaborated({ ...parts, projections: [allToAll("x_h", "x", "h"), explicit("h_out", "h", "out", [[0, 0], [0, 0], [0, 0], [1, 1]])] }), xyloStyle()).diagnostics;
    expect(repeated.find((d) => d.code === "TP3134")?.message).toBe(
      "Population 'out' has 1 neuron receiving up to 3 synapses from one source on one current channel, but target 'xylo-style' holds 1 per source, neuron and channel.",
    );
  });

  it("checks nothing of the layout on a target without the fields (loihi-cuba)", () => {
    const parts = readout(4, 20);
    expect(errors({ ...recurrent(4, 2, 40) }, loihi())).toEqual([]);
    expect(errors({ ...parts, projections: [...parts.projections!, allToAll("again", "h", "out"), allToAll("slow", "h", "out", { tau: 20 })] }, loihi())).toEqual([]);
  });
});

describe("outputSpikeCapFindings", () => {
  const net = elaborated(readout(2, 2));
  const run = (pairs: readonly (readonly [number, number])[], id = "out"): Recording => ({
    format: "tripart.recording/1",
    source: "emulator",
    dtMs: 0.1,
    steps: 10,
    populations: [{ id, size: 2, spikes: { step: Int32Array.from(pairs.map((p) => p[0])), neuron: Int32Array.from(pairs.map((p) => p[1])) }, traces: [] }],
  } as Recording);

  it("counts the steps an output neuron went over the cap, the most spikes in one, and the spikes beyond it", () => {
    // (0, n0) twice and (1, n0) three times are over a cap of 1: 2 steps, up to 3, 1 + 2 = 3 beyond
    const [found, ...rest] = outputSpikeCapFindings(net, run([[0, 0], [0, 0], [0, 1], [1, 0], [1, 0], [1, 0], [2, 1]]), xyloStyle());
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ code: "TP3135", severity: "warning", path: "/populations/1" });
    expect(found.message).toBe(
      "Output population 'out' fired more than 1 spike in one step 2 times in this run (up to 3 spikes), but an output neuron of target 'xylo-style' emits at most 1 spike a step, so the chip would drop 3 spikes.",
    );
  });

  it("says nothing within the cap, for hidden populations, or on a target without output neurons", () => {
    expect(outputSpikeCapFindings(net, run([[0, 0], [0, 1], [1, 0]]), xyloStyle())).toEqual([]);
    expect(outputSpikeCapFindings(net, run([[0, 0], [0, 0]], "h"), xyloStyle())).toEqual([]);
    expect(outputSpikeCapFindings(net, run([[0, 0], [0, 0]]), loihi())).toEqual([]);
  });
});

// The learning section of glia-core configs (glia-config.pb, glia-config.json): a compiled plastic
// network modulated by gate and by Ca survives both file forms exactly and emulates to the same
// bits and learned weights; the learning checks run on glia configs with their own synapse layout;
// the modulation's invariants (TP4028, TP4031-TP4034); LIF configs keep their learning bytes.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeConfig, encodeConfig } from "../../src/hw/codec.js";
import { decodeGliaConfig, encodeGliaConfig } from "../../src/hw/glia-codec.js";
import type { GliaConfig } from "../../src/hw/glia-config.js";
import { formatGliaConfigJson, fromGliaConfigJson } from "../../src/hw/glia-config-json.js";
import { emulateAny } from "../../src/emulator/any.js";
import { elaborate } from "../../src/ir/elaborate.js";
import { loadNetwork } from "../../src/ir/load.js";
import { compileGlia } from "../../src/passes/pipeline.js";
import type { Diagnostic } from "../../src/ir/diagnostics.js";
import { REPO } from "../passes/helpers.js";
import { gliaCore } from "../passes/glia/helpers.js";
import { BY_CA, editedGliaLearningJson, GLIA_LEARNING_EXAMPLES } from "./glia-learning-fixtures.js";
import { learningConfig } from "./learning-fixtures.js";

const EXAMPLE = JSON.parse(readFileSync(join(REPO, "examples/astro-gated-stdp/network.json"), "utf8")) as { plasticity: { modulation: unknown }[] };

/** examples/astro-gated-stdp compiled for glia-core, its modulation replaced when asked. */
function example(modulation?: unknown): GliaConfig {
  const network = structuredClone(EXAMPLE);
  if (modulation !== undefined) network.plasticity[0].modulation = modulation;
  const loaded = loadNetwork(JSON.stringify(network), { file: "network.json" });
  const result = compileGlia(elaborate(loaded.value!), gliaCore(), { file: "network.json" });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; "));
  return result.value;
}

const codesAndPaths = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => [d.code, d.path]);

const CASES = [
  ["by gate (the example as written)", () => example()],
  ["by Ca (a ramp from 0.1 to 0.3 µM, closed −0.25)", () => example({ astrocytes: "astrocyte", by: "ca", open: 1, closed: -0.25, ca_low: 0.1, ca_high: 0.3 })],
] as const;

describe.each(CASES)("a compiled plastic glia config modulated %s", (_, make) => {
  const config = make();
  const modulation = config.learning!.projections[0].modulation!;

  it("carries a learning section with its modulation", () => {
    expect(config.learning!.projections).toHaveLength(1);
    expect(modulation.astrocyteOf).toHaveLength(config.neurons[0].size);
  });

  it("survives glia-config.pb: decode(encode(config)) equals it", () => {
    const decoded = decodeGliaConfig(encodeGliaConfig(config), "glia-config.pb");
    expect(decoded.diagnostics).toEqual([]);
    expect(decoded.value).toEqual(config);
  });

  it("survives glia-config.json: the twin reads back to it", () => {
    const text = formatGliaConfigJson(config);
    expect(text).toContain('"modulation"');
    const read = fromGliaConfigJson(JSON.parse(text), "glia-config.json");
    expect(read.diagnostics).toEqual([]);
    expect(read.value).toEqual(config);
  });

  it("emulates from the decoded file to the same bits and learned weights as in memory", () => {
    const decoded = decodeGliaConfig(encodeGliaConfig(config)).value!;
    const options = { weightSteps: [0, config.steps - 1] };
    const direct = emulateAny(config, options);
    const fromFile = emulateAny(decoded, options);
    expect(fromFile.recording).toEqual(direct.recording);
    const [first, last] = direct.recording.weights![0].snapshots;
    // the weights did learn, so equal dumps mean the plasticity was read back
    expect(Array.from(last.raw)).not.toEqual(Array.from(first.raw));
  });
});

describe("glia-core learning checks", () => {
  const errors = (change: Parameters<typeof editedGliaLearningJson>[0], rule?: Parameters<typeof editedGliaLearningJson>[1]) =>
    codesAndPaths(editedGliaLearningJson(change, rule).filter((d) => d.severity === "error"));
  const p0 = "/learning/projections/0";

  it.each(Object.entries(GLIA_LEARNING_EXAMPLES))("%s: its documented scenario reports it", (code, scenario) => {
    expect(scenario().map((d) => d.code)).toContain(code);
  });

  it("reads the unchanged twin without findings", () => {
    expect(errors(() => {})).toEqual([]);
    expect(errors(() => {}, BY_CA)).toEqual([]);
  });

  it("checks the stored slot against the glia projection: its post neuron, its pre row, the projection and entry", () => {
    // entry 1 of n_n is pre 1 → post 2; entry 0 is pre 0 → post 1
    const slot = (change: (p: { synapseCore: number[]; synapseIndex: number[] }) => void) =>
      editedGliaLearningJson((j) => change(j.learning.projections[0])).filter((d) => d.code === "TP4026").map((d) => d.message);
    expect(slot((p) => void (p.synapseIndex[0] = 1))).toEqual([
      "Synapse 0 of plastic projection 'n_n' is stored at projection 0, synapse 1, whose post is neuron 2, not post neuron 1 of 'n' (neuron 1).",
    ]);
    expect(slot((p) => void (p.synapseCore[1] = 5))).toEqual(["Synapse 1 of plastic projection 'n_n' is stored at projection 5, synapse 1, but the config has 2 projections."]);
    expect(slot((p) => void (p.synapseIndex[1] = 4))).toEqual(["Synapse 1 of plastic projection 'n_n' is stored at projection 0, synapse 4, but that projection has 4 synapses."]);
    // x_n is x → n: same post neurons, but its rows are input lines
    expect(slot((p) => void (p.synapseCore[0] = 1))[0]).toMatch(/^Synapse 0 of plastic projection 'n_n' is stored at projection 1, synapse 0, whose (post|pre) is /);
  });

  it("checks a slot's pre element: the post neuron matches but the row does not", () => {
    const diagnostics = editedGliaLearningJson((j) => {
      const p = j.learning.projections[0];
      p.synapsePre[0] = 3; // entry 0 lies in pre 0's row
    });
    expect(diagnostics.find((d) => d.code === "TP4026")?.message).toBe(
      "Synapse 0 of plastic projection 'n_n' is stored at projection 0, synapse 0, whose pre is neuron 0, not pre element 3 of 'n' (neuron 3).",
    );
  });

  it("reports a synapse listed twice as a projection's entry", () => {
    const diagnostics = editedGliaLearningJson((j) => {
      const p = j.learning.projections[0];
      [p.synapsePre[1], p.synapsePost[1], p.synapseIndex[1]] = [p.synapsePre[0], p.synapsePost[0], p.synapseIndex[0]];
    });
    expect(diagnostics.find((d) => d.code === "TP4027")?.message).toBe(
      `Synapse 0 of projection 0 is listed twice in the learning section, at 'learning/projections/0/synapseIndex/0' and 'learning/projections/0/synapseIndex/1'.`,
    );
  });

  it("names the glia symbols: an astrocyte population is no post side", () => {
    const diagnostics = editedGliaLearningJson((j) => void (j.learning.projections[0].post = "a"));
    expect(diagnostics.find((d) => d.code === "TP4023")?.hint).toMatch(/the symbols are: n\.$/);
  });

  it("refuses a negative sign (glia-core weights are unsigned) and semantics wider than its weights", () => {
    expect(errors((j) => void (j.learning.projections[0].sign = -1))).toEqual([["TP4028", `${p0}/sign`]]);
    const wide = editedGliaLearningJson((j) => void (j.learning.semantics.weightBits = 17)).find((d) => d.code === "TP4028");
    expect(wide?.message).toBe("Learning field 'learning/semantics/weightBits' is 17; it must be an integer from 1 to the config's synapse weight bits (16).");
  });

  it("checks the modulation's by, open, closed and Ca ramp (TP4028)", () => {
    const m = (change: (m: Record<string, unknown>) => void, rule?: typeof BY_CA) =>
      errors((j) => change(j.learning.projections[0].modulation as unknown as Record<string, unknown>), rule);
    expect(m((x) => void (x.by = "glutamate"))).toEqual([["TP4028", `${p0}/modulation/by`]]);
    expect(m((x) => void (x.open = 2 ** 15))).toEqual([["TP4028", `${p0}/modulation/open`]]);
    expect(m((x) => void (x.closed = -(2 ** 15)))).toEqual([["TP4028", `${p0}/modulation/closed`]]);
    expect(m((x) => void (x.caHigh = x.caLow), BY_CA)).toEqual([["TP4028", `${p0}/modulation/caHigh`]]);
    // by gate ignores the ramp's ends
    expect(m((x) => void (x.caHigh = x.caLow))).toEqual([]);
    // −1 is a neuron no astrocyte owns
    expect(m((x) => void ((x.astrocyteOf as number[])[0] = -1))).toEqual([]);
    expect(m((x) => void ((x.astrocyteOf as number[])[0] = -2))).toEqual([["TP4034", `${p0}/modulation/astrocyteOf/0`]]);
  });
});

describe("LIF configs and the shared learning section", () => {
  const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

  it("keeps the bytes of a LIF config with learning (the section moved to schemas/learning.proto)", () => {
    // the hash of encodeConfig(learningConfig()) before the move
    expect(sha(encodeConfig(learningConfig()))).toBe("ad7d1d8d75841331848731b1308b9a55e9256c5f3a84a958ca14afef71434925");
  });

  it("carries a modulation through config.pb rather than dropping it, and refuses it: LIF semantics lack astrocyte modulation", () => {
    const config = learningConfig();
    const projections = config.learning!.projections.map((p, i) =>
      i === 0 ? { ...p, modulation: { astrocytes: 0, astrocyteOf: Int32Array.of(0, 0, 0), by: "gate" as const, open: 256, closed: 0, caLow: 0, caHigh: 1 } } : p,
    );
    const decoded = decodeConfig(encodeConfig({ ...config, learning: { ...config.learning!, projections } }), "config.pb");
    expect(codesAndPaths(decoded.diagnostics)).toEqual([["TP4031", "/learning/projections/0/modulation"]]);
  });
});

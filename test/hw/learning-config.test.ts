// The learning section of a config through both forms (config.pb, config.json) and its
// invariants: every TP4023-TP4029 code from an edited copy of a valid learning section.
import { describe, expect, it } from "vitest";
import { decodeConfig, encodeConfig } from "../../src/hw/codec.js";
import { formatConfigJson, fromConfigJson, toConfigJson } from "../../src/hw/config-json.js";
import { validateConfig } from "../../src/hw/validate.js";
import type { HwConfig } from "../../src/hw/types.js";
import { codesAndPaths, sampleConfig } from "../passes/helpers.js";
import { editedLearningJson, LEARNING_CONFIG_EXAMPLES, learningConfig, sampleLearning } from "./learning-fixtures.js";

const withLearning = learningConfig();

describe("round trips", () => {
  it("the hand-made learning section is valid", () => {
    expect(validateConfig(withLearning)).toEqual([]);
  });

  it("config.pb: encode then decode gives the same config, with and without learning", () => {
    for (const config of [withLearning, sampleConfig()]) {
      const back = decodeConfig(encodeConfig(config), "config.pb");
      expect(back.diagnostics).toEqual([]);
      expect(back.value).toEqual(config);
    }
  });

  it("config.json: the twin's text reads back to the same config, with and without learning", () => {
    for (const config of [withLearning, sampleConfig()]) {
      const back = fromConfigJson(JSON.parse(formatConfigJson(config)));
      expect(back.diagnostics).toEqual([]);
      expect(back.value).toEqual(config);
    }
  });

  it("a config without learning encodes to the same bytes as before: learning only appends its own field", () => {
    const plain = sampleConfig();
    const plainBytes = encodeConfig(plain);
    const learningBytes = encodeConfig(withLearning);
    // Same body up to the old checksum position, then field 16 (tag 0x82 0x01, length-delimited).
    const body = plainBytes.length - 5;
    expect(Buffer.from(learningBytes.subarray(0, body)).equals(Buffer.from(plainBytes.subarray(0, body)))).toBe(true);
    expect([learningBytes[body], learningBytes[body + 1]]).toEqual([(16 << 3 | 2) & 0x7f | 0x80, (16 << 3 | 2) >> 7]);
    expect(toConfigJson(plain)).not.toHaveProperty("learning");
  });

  it("keeps the optional parts exactly: episode_stdp with a gate and no reward", () => {
    const learning = sampleLearning();
    const episode = { ...learning.projections[0], rule: "episode_stdp" as const, eligibilityDecay: 0, gate: { sources: [{ symbol: "y", gain: -7 }] } };
    const config: HwConfig = { ...sampleConfig(), learning: { ...learning, projections: [episode, learning.projections[1]] } };
    expect(validateConfig(config)).toEqual([]);
    const back = decodeConfig(encodeConfig(config));
    expect(back.value).toEqual(config);
    expect(back.value?.learning?.projections[0]).not.toHaveProperty("reward");
    expect(back.value?.learning?.projections[0].eligibilityDecay).toBe(0);
  });

  it("a flipped byte inside the learning section fails the checksum (TP4001)", () => {
    const bytes = encodeConfig(withLearning);
    const body = encodeConfig(sampleConfig()).length - 5;
    bytes[body + 40] ^= 0x01;
    expect(decodeConfig(bytes).diagnostics.map((d) => d.code)).toEqual(["TP4001"]);
  });
});

describe("validation of the learning section", () => {
  it("reports TP4023 for a post side that is an input, with the populations it could name", () => {
    const [d] = LEARNING_CONFIG_EXAMPLES.TP4023();
    expect(codesAndPaths([d])).toEqual([{ code: "TP4023", path: "/learning/projections/1/post" }]);
    expect(d.message).toBe("'learning/projections/1/post' names 'z' (an input), which is not a population of the config.");
    expect(d.hint).toContain("the symbols are: a, b.");
  });

  it("reports TP4023 for a modulator source that does not exist", () => {
    const diagnostics = editedLearningJson((j) => void (j.learning!.projections[1].reward!.sources[0].symbol = "r"));
    expect(codesAndPaths(diagnostics)).toEqual([{ code: "TP4023", path: "/learning/projections/1/reward/sources/0/symbol" }]);
  });

  it("reports TP4024 when the synapse arrays differ in length", () => {
    const diagnostics = LEARNING_CONFIG_EXAMPLES.TP4024();
    expect(codesAndPaths(diagnostics)).toEqual([{ code: "TP4024", path: "/learning/projections/0/synapsePre" }]);
    expect(diagnostics[0].message).toContain("synapsePre 3, synapsePost 3, synapseCore 2, synapseIndex 3");
  });

  it("reports TP4025 for a post element outside its population, and for a negative pre element", () => {
    expect(codesAndPaths(LEARNING_CONFIG_EXAMPLES.TP4025())).toEqual([{ code: "TP4025", path: "/learning/projections/0/synapsePost/1" }]);
    expect(codesAndPaths(editedLearningJson((j) => void (j.learning!.projections[1].synapsePre[4] = -1))))
      .toEqual([{ code: "TP4025", path: "/learning/projections/1/synapsePre/4" }]);
  });

  it("reports TP4026 for a stored synapse whose target is another neuron, on a missing core, or past the core's synapses", () => {
    expect(codesAndPaths(LEARNING_CONFIG_EXAMPLES.TP4026())).toEqual([{ code: "TP4026", path: "/learning/projections/0/synapseIndex/1" }]);
    expect(codesAndPaths(editedLearningJson((j) => void (j.learning!.projections[0].synapseCore[0] = 3))))
      .toEqual([{ code: "TP4026", path: "/learning/projections/0/synapseIndex/0" }]);
    const past = editedLearningJson((j) => void (j.learning!.projections[0].synapseIndex[0] = 3));
    expect(past[0].message).toBe("Synapse 0 of plastic projection 'x_a' is stored at core 0, synapse 3, but that core has 3 synapses.");
  });

  it("reports TP4027 for a synapse listed twice, and for a projection listed twice", () => {
    expect(codesAndPaths(LEARNING_CONFIG_EXAMPLES.TP4027())).toEqual([{ code: "TP4027", path: "/learning/projections/1/synapseIndex/2" }]);
    const twice = editedLearningJson((j) => void (j.learning!.projections[1].id = "x_a"));
    // The second x_a also claims a_b's synapses, which are no one else's: only the id is reported.
    expect(codesAndPaths(twice)).toEqual([{ code: "TP4027", path: "/learning/projections/1/id" }]);
  });

  it("reports TP4028 for each insane semantics field and parameter", () => {
    const cases: [(j: any) => void, string][] = [
      [(j) => (j.learning.projections[0].magnitudeMax = 300), "/learning/projections/0/magnitudeMax"],
      [(j) => (j.learning.projections[0].magnitudeMin = 41), "/learning/projections/0/magnitudeMin"],
      [(j) => (j.learning.projections[0].seed = 0), "/learning/projections/0/seed"],
      [(j) => (j.learning.projections[0].muPlus = 2), "/learning/projections/0/muPlus"],
      [(j) => (j.learning.projections[0].sign = 0), "/learning/projections/0/sign"],
      [(j) => (j.learning.projections[0].weightPerMantissa = 0), "/learning/projections/0/weightPerMantissa"],
      [(j) => (j.learning.epoch = 65), "/learning/epoch"],
      [(j) => (j.learning.epoch = 0), "/learning/epoch"],
      [(j) => (j.learning.semantics.weightBits = 9), "/learning/semantics/weightBits"],
      [(j) => (j.learning.semantics.trace.bits = 0), "/learning/semantics/trace/bits"],
      [(j) => (j.learning.semantics.epoch.default = 65), "/learning/semantics/epoch/default"],
      [(j) => (j.learning.semantics.accumulator.fractionBits = 16), "/learning/semantics/accumulator/fractionBits"],
    ];
    for (const [change, path] of cases) expect(codesAndPaths(editedLearningJson(change)), path).toEqual([{ code: "TP4028", path }]);
    expect(LEARNING_CONFIG_EXAMPLES.TP4028()[0].message).toBe(
      "Learning field 'learning/projections/0/magnitudeMax' is 300; it must be an integer from 0 to 2^weightBits - 1 (255).",
    );
  });

  it("a rule the semantics do not offer is TP4028", () => {
    const diagnostics = editedLearningJson((j) => void (j.learning!.semantics.rules = ["stdp", "episode_stdp"]));
    expect(codesAndPaths(diagnostics)).toEqual([{ code: "TP4028", path: "/learning/projections/1/rule" }]);
  });

  it("reports TP4029 for the parts a rule lacks or must not have", () => {
    expect(codesAndPaths(LEARNING_CONFIG_EXAMPLES.TP4029())).toEqual([
      { code: "TP4029", path: "/learning/projections/0/rule" },
      { code: "TP4029", path: "/learning/projections/0/rule" },
    ]);
    expect(LEARNING_CONFIG_EXAMPLES.TP4029().map((d) => d.message)).toEqual([
      "Plastic projection 'x_a' has rule 'episode_stdp' but lacks 'gate'.",
      "Plastic projection 'x_a' has rule 'episode_stdp' but lacks 'eligibilityDecay'.",
    ]);
    const reward = editedLearningJson((j) => void (j.learning!.projections[1].rule = "stdp"));
    expect(codesAndPaths(reward)).toEqual([
      { code: "TP4029", path: "/learning/projections/1/reward" },
      { code: "TP4029", path: "/learning/projections/1/eligibilityDecay" },
    ]);
  });

  it("a wrong type inside the learning section is TP4004 at its pointer", () => {
    const diagnostics = editedLearningJson((j) => void ((j.learning!.projections[0] as any).synapsePre = [0, "a", 1]));
    expect(codesAndPaths(diagnostics)).toEqual([{ code: "TP4004", path: "/learning/projections/0/synapsePre/1" }]);
    const rule = editedLearningJson((j) => void ((j.learning!.projections[0] as any).rule = "hebb"));
    expect(codesAndPaths(rule)).toEqual([{ code: "TP4004", path: "/learning/projections/0/rule" }]);
  });
});

describe("the binary layout without learning", () => {
  it("is protobufjs's own encoding of the golden configs, plus the checksum: the learning field adds nothing when absent", async () => {
    const { readFileSync } = await import("node:fs");
    const { hwConfigType } = await import("../../src/hw/codec.js");
    for (const name of ["ei-network", "single-neuron"]) {
      const json = JSON.parse(readFileSync(new URL(`../golden-examples/configs/${name}.config.json`, import.meta.url), "utf8"));
      const read = fromConfigJson(json);
      expect(read.diagnostics).toEqual([]);
      const bytes = encodeConfig(read.value!);
      const reference = hwConfigType().encode(hwConfigType().fromObject(json)).finish();
      expect(bytes.length).toBe(reference.length + 5);
      expect(Buffer.from(bytes.subarray(0, reference.length)).equals(Buffer.from(reference))).toBe(true);
    }
  });
});

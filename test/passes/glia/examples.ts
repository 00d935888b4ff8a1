// One small scenario per glia-era code (TP3030-TP3075, TP4014-TP4017): the examples of
// docs/diagnostics-passes.md. test/passes/glia/docs.test.ts checks that each documented message
// and hint is what its scenario produces. (Merged into test/passes/examples.ts, they also serve
// test/passes/docs.test.ts.)
import type { Diagnostic } from "../../../src/ir/diagnostics.js";
import { decodeAnyConfig } from "../../../src/hw/any-config.js";
import { fromGliaConfigJson, toGliaConfigJson, type GliaConfigJson } from "../../../src/hw/glia-config-json.js";
import { compile } from "../../../src/passes/pipeline.js";
import { elaborate } from "../../../src/ir/elaborate.js";
import { loihi } from "../helpers.js";
import { sampleGliaConfig } from "./helpers.js";
import { gliaNetwork, wmParts } from "./networks.js";

/** The small neuron–astrocyte network of networks.ts compiled for loihi-cuba. */
const onLoihi = (): readonly Diagnostic[] => compile(elaborate(gliaNetwork(wmParts())), loihi(), { file: "net.json" }).diagnostics;

const editedJson = (change: (json: GliaConfigJson) => void): readonly Diagnostic[] => {
  const json = JSON.parse(JSON.stringify(toGliaConfigJson(sampleGliaConfig()))) as GliaConfigJson;
  change(json);
  return fromGliaConfigJson(json, "glia-config.json").diagnostics;
};

/** Bytes that start like a config (field 1 = a format string) but name another format. */
function otherFormatBytes(format: string): Uint8Array {
  const text = new TextEncoder().encode(format);
  return new Uint8Array([0x0a, text.length, ...text]);
}

/** code → the diagnostics of its documented scenario (pass codes). */
export const GLIA_PASS_EXAMPLES: Readonly<Record<string, () => readonly Diagnostic[]>> = {
  TP3030: onLoihi,
  TP3031: onLoihi,
  TP3032: onLoihi,
  TP3033: onLoihi,
  TP3034: onLoihi,
  TP3035: onLoihi,
};

/** code → the diagnostics of its documented scenario (config codes). */
export const GLIA_CONFIG_EXAMPLES: Readonly<Record<string, () => readonly Diagnostic[]>> = {
  TP4014: () => decodeAnyConfig(otherFormatBytes("tripart.recording/1"), "config.pb").diagnostics,
  TP4015: () => editedJson((j) => void (j.astrocytes[0].offset = 2)),
  TP4016: () => editedJson((j) => void (j.luts[0].name = "m3")),
  TP4017: () => editedJson((j) => void (j.luts[1].values = [5])),
};

/** Every glia-era scenario. */
export const GLIA_EXAMPLES: Readonly<Record<string, () => readonly Diagnostic[]>> = { ...GLIA_PASS_EXAMPLES, ...GLIA_CONFIG_EXAMPLES };

// One small scenario per glia-era code (TP3030-TP3075, TP4014-TP4022): the examples of
// docs/diagnostics-passes.md. test/passes/glia/docs.test.ts checks that each documented message
// and hint is what its scenario produces. (Merged into test/passes/examples.ts, they also serve
// test/passes/docs.test.ts.)
import type { Diagnostic } from "../../../src/ir/diagnostics.js";
import { decodeAnyConfig } from "../../../src/hw/any-config.js";
import { fromGliaConfigJson, toGliaConfigJson, type GliaConfigJson } from "../../../src/hw/glia-config-json.js";
import { compile, compileGlia } from "../../../src/passes/pipeline.js";
import { elaborate } from "../../../src/ir/elaborate.js";
import type { GliaTarget } from "../../../src/targets/glia-types.js";
import type { Network } from "../../../src/ir/types.js";
import { explicit, loihi, population } from "../helpers.js";
import { gliaCore, gliaCoreWith, sampleGliaConfig } from "./helpers.js";
import { conductance, gliaNetwork, wmAstrocyte, wmParts } from "./networks.js";

type Parts = Partial<Omit<Network, "format">>;

/** The small network (changed as given) compiled for glia-core (changed as given). */
const onGlia = (change: (parts: Parts) => Parts = (p) => p, target: GliaTarget = gliaCore()): readonly Diagnostic[] =>
  compileGlia(elaborate(gliaNetwork(change(wmParts()))), target, { file: "net.json" }).diagnostics;

const withProjection = (extra: Network["projections"][number]) => (p: Parts): Parts => ({ ...p, projections: [...p.projections!, extra] });

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

  TP3040: () => onGlia((p) => ({ ...p, populations: [...p.populations!, population("l", 2)] })),
  TP3041: () => onGlia(withProjection(explicit("n_e", "n", "n", [[0, 1]]))),
  TP3042: () => onGlia(withProjection(explicit("x_e", "x", "n", [[0, 0]]))),
  TP3043: () => onGlia(undefined, gliaCoreWith({ semantics: { astrocyte: { models: ["reduced"] } } })),
  TP3044: () => onGlia(undefined, gliaCoreWith({ semantics: { astrocyte: { sensing: ["spike_jump"] } } })),
  TP3045: () =>
    onGlia(
      (p) => ({ ...p, astrocytes: [wmAstrocyte({ coupling: { kind: "pairs", pairs: [], d_ca: 0.05, d_ip3: 0.1, order: "jacobi" } })] }),
      gliaCoreWith({ semantics: { astrocyte: { diffusion: ["gauss-seidel"] } } }),
    ),
  TP3046: () => onGlia(undefined, gliaCoreWith({ semantics: { effects: { synapse: ["multiplicative", "suppressive"] } } })),
  TP3047: () =>
    onGlia(
      (p) => ({ ...p, tripartite: [{ ...p.tripartite![0], effect: { kind: "additive", nu: 0.5, graded: { ca_low: 0.1, ca_high: 0.3 } } }] }),
      gliaCoreWith({ semantics: { effects: { graded: false } } }),
    ),
  TP3048: () =>
    onGlia(
      (p) => ({ ...p, tripartite: [...p.tripartite!, { id: "a_sic", astrocytes: "a", population: "n", effect: { kind: "sic", scale: 1, threshold: 0.2 } }] }),
      gliaCoreWith({ semantics: { effects: { neuron: ["current"] } } }),
    ),
  TP3049: () => onGlia(undefined, gliaCoreWith({ semantics: { astrocyte: { minPeriodSteps: 20 } } })),
  TP3050: () => onGlia(undefined, gliaCoreWith({ semantics: { astrocyte: { maxWindowSteps: 50 } } })),
  TP3051: () => onGlia(undefined, gliaCoreWith({ semantics: { astrocyte: { maxHoldSteps: 1000 } } })),
  TP3052: () => onGlia(withProjection({ ...conductance("n_d", "n", "n", [[0, 2], [1, 3]]), delay: 2 })),
  TP3053: () => onGlia(undefined, gliaCoreWith({ semantics: { astrocyte: { stateBits: 14 } } })),
  TP3054: () =>
    onGlia((p) => ({
      ...p,
      astrocytes: [...p.astrocytes!, wmAstrocyte({ id: "b" })],
      tripartite: [...p.tripartite!, { ...p.tripartite![0], id: "b_n_n", astrocytes: "b" }],
    })),
  TP3056: () =>
    onGlia((p) => ({
      ...p,
      projections: [...p.projections!, conductance("n_m", "n", "n", [[0, 2]])],
      tripartite: [
        { ...p.tripartite![0], effect: { kind: "additive", nu: 0.5, graded: { ca_low: 0.1, ca_high: 0.3 } } },
        { id: "a_n_m", astrocytes: "a", projection: "n_m", by: "post", effect: { kind: "additive", nu: 0.5 } },
      ],
    })),
  TP3055: () => onGlia(withProjection(conductance("x_big", "x", "n", [[0, 1]], 1e6))),
  TP3060: () => onGlia(undefined, gliaCoreWith({ core: { maxTerritory: 3 } })),
  TP3061: () =>
    onGlia(
      (p) => ({
        ...p,
        astrocytes: [
          wmAstrocyte({
            size: 3,
            territory: { kind: "lists", population: "n", neurons: [[0, 1], [1, 2], [2, 3]] },
            coupling: { kind: "pairs", pairs: [[0, 1], [1, 2]], d_ca: 0.05, d_ip3: 0.1, order: "gauss-seidel" },
          }),
        ],
      }),
      gliaCoreWith({ core: { maxNeighbours: 1 } }),
    ),
  TP3062: () => onGlia(withProjection(conductance("n_fan", "n", "n", [[0, 2], [0, 3]])), gliaCoreWith({ core: { maxFanOut: 2 } })),
  TP3063: () => onGlia(undefined, gliaCoreWith({ core: { maxNeurons: 3 } })),
  TP3064: () =>
    onGlia((p) => ({ ...p, astrocytes: [wmAstrocyte({ territory: { kind: "lists", population: "n", neurons: [[2, 3]] } })] }), gliaCoreWith({ core: { maxNeurons: 3 } })),
  TP3070: () => onGlia(undefined, gliaCoreWith({ semantics: { synapse: { sigmoid: { entries: 4, bits: 16, interpolation: "nearest" } } } })),
  TP3071: () => onGlia(undefined, gliaCoreWith({ semantics: { constantFrac: 4 } })),
  TP3072: () => onGlia(undefined, gliaCoreWith({ semantics: { constantFrac: 10 } })),
  TP3073: () => onGlia((p) => ({ ...p, projections: [conductance("n_n", "n", "n", [[0, 1], [1, 2], [2, 3], [3, 0]], [0.025, 1e-7, 0.025, 0.025]), p.projections![1]] })),
  TP3076: () => onGlia(undefined, gliaCoreWith({ semantics: { glutamate: { bits: 12 } } })),
  TP3077: () => onGlia((p) => ({ ...p, astrocytes: [wmAstrocyte({ period: 0.1 })] }), gliaCoreWith({ semantics: { astrocyte: { stateBits: 26 } } })),
  TP3074: () => onGlia((p) => ({ ...p, astrocytes: [wmAstrocyte({ initial: { ca: 0.072495, h: 100, ip3: 0.820204 } })] })),
};

/** code → the diagnostics of its documented scenario (config codes). */
export const GLIA_CONFIG_EXAMPLES: Readonly<Record<string, () => readonly Diagnostic[]>> = {
  TP4014: () => decodeAnyConfig(otherFormatBytes("tripart.recording/1"), "config.pb").diagnostics,
  TP4015: () => editedJson((j) => void (j.astrocytes[0].offset = 2)),
  TP4016: () => editedJson((j) => void (j.luts[0].name = "m3")),
  TP4017: () => editedJson((j) => void (j.luts[1].values = [5])),
  // luts[1] is the octave table m3: 4 entries = 3 segments of one entry, plus the end entry
  TP4018: () => editedJson((j) => void (j.luts[1].segmentBits = 1)),
  TP4019: () => editedJson((j) => void (j.luts[1].shift = 51)),
  TP4020: () => editedJson((j) => void (j.luts[0].segmentBits = 2)),
  TP4021: () => editedJson((j) => void (j.semantics.astrocyte.lut.spacing = ["uniform"])),
  TP4022: () =>
    editedJson((j) => {
      j.neuronEffects[0] = { ...j.neuronEffects[0], kind: "sic", amplitude: 0, sicLut: 1 };
      j.luts[1].frac = 18;
    }),
};

/** Every glia-era scenario. */
export const GLIA_EXAMPLES: Readonly<Record<string, () => readonly Diagnostic[]>> = { ...GLIA_PASS_EXAMPLES, ...GLIA_CONFIG_EXAMPLES };

// One small scenario per TP3xxx and TP40xx code: the examples of docs/diagnostics-passes.md.
// test/passes/docs.test.ts checks that each documented message and hint is what its scenario
// produces, so the docs cannot drift and every code has a live example.
import type { Diagnostic } from "../../src/ir/diagnostics.js";
import { compile } from "../../src/passes/pipeline.js";
import { decodeConfig, encodeConfig } from "../../src/hw/codec.js";
import { fromConfigJson, toConfigJson, type ConfigJson } from "../../src/hw/config-json.js";
import type { HwConfig } from "../../src/hw/types.js";
import type { CompileOptions } from "../../src/passes/pass.js";
import type { Network } from "../../src/ir/types.js";
import type { Target } from "../../src/targets/types.js";
import { allToAll, elaborated, explicit, loihi, mustCompile, population, sampleConfig, spikeInput, targetWith, xyloStyle } from "./helpers.js";
import { outputSpikeCapFindings } from "../../src/passes/layout-rules.js";
import { emulate } from "../../src/emulator/emulator.js";
import { GLIA_EXAMPLES } from "./glia/examples.js";
import { CROSSBAR_EXAMPLES } from "./crossbar-examples.js";
import { LOWER_PLASTICITY_EXAMPLES } from "./lower-plasticity-examples.js";
import { LEARNING_CONFIG_EXAMPLES } from "../hw/learning-fixtures.js";
import { GLIA_LEARNING_EXAMPLES } from "../hw/glia-learning-fixtures.js";

type Parts = Partial<Omit<Network, "format">>;

const compiled = (parts: Parts, target: Target = loihi(), options: CompileOptions = {}): readonly Diagnostic[] =>
  compile(elaborated(parts), target, { file: "net.json", ...options }).diagnostics;

/** x (one input line) → p (one neuron) with the given projection options. */
const driven = (options: Parameters<typeof explicit>[4] = {}, params: Parameters<typeof population>[2] = {}): Parts => ({
  populations: [population("p", 1, params)],
  inputs: [spikeInput("x", [[1]])],
  projections: [explicit("x_p", "x", "p", [[0, 0]], options)],
});

const fanIn5 = (size: number): Parts => ({
  populations: [population("p", size)],
  inputs: [spikeInput("x", [[], [], [], [], []])],
  projections: [allToAll("x_p", "x", "p")],
});

/** One input line → hidden population h (`hidden` neurons) → output population out (`outputs` neurons), all to all. */
const readout = (hidden: number, outputs: number): Parts => ({
  populations: [population("h", hidden), population("out", outputs)],
  inputs: [spikeInput("x", [[1]])],
  projections: [allToAll("x_h", "x", "h"), allToAll("h_out", "h", "out")],
});

const limits = (core: Partial<Target["core"]>, cores = 8) =>
  targetWith({ chip: { cores }, core: { maxNeurons: 4, maxSynapses: 100, maxFanIn: 100, maxFanOut: 100, maxInputAxons: 100, maxOutputAxons: 100, ...core } });

const editedJson = (change: (json: ConfigJson) => void): readonly Diagnostic[] => {
  const json = JSON.parse(JSON.stringify(toConfigJson(sampleConfig()))) as ConfigJson;
  change(json);
  return fromConfigJson(json, "config.json").diagnostics;
};

const decoded = (config: HwConfig): readonly Diagnostic[] => decodeConfig(encodeConfig(config), "config.pb").diagnostics;

/** code → the diagnostics of its documented scenario. */
export const EXAMPLES: Readonly<Record<string, () => readonly Diagnostic[]>> = {
  TP3001: () => compiled({ populations: [population("p", 1)] }, targetWith({ timeStep: { fixedMs: 1 } })),
  TP3002: () => compiled({ populations: [population("p", 1)] }, targetWith({ timeStep: { minMs: 0.5, maxMs: 2 } })),
  TP3003: () => compiled({ populations: [population("p", 1)] }, targetWith({ capabilities: { models: ["izhikevich"] } })),
  TP3004: () => compiled(driven(), targetWith({ capabilities: { synapses: ["alpha"] } })),
  TP3005: () => compiled({ populations: [population("p", 1, { tau_ref: 10 })] }),
  TP3006: () => compiled({ populations: [population("p", 1, { tau_ref: 1 })] }, targetWith({ neuron: { refractory: { supported: false, maxSteps: 0 } } })),
  TP3007: () =>
    compiled({
      populations: [population("a", 3), population("b", 3)],
      projections: [explicit("a_b", "a", "b", [[0, 0], [1, 1], [2, 2]], { delay: [70, 80, 5] })],
    }),
  TP3008: () =>
    compiled(
      { populations: [population("a", 2), population("b", 2)], projections: [explicit("a_b", "a", "b", [[0, 0], [1, 1]], { delay: [0, 4] })] },
      targetWith({ neuron: { latency: { neuron: 2, input: 0 } } }),
    ),
  TP3010: () => compiled({ populations: [population("p", 1, { tau_m: 0.01 })] }),
  TP3011: () => compiled({ populations: [population("p", 1, { v_thresh: -70 })] }),
  TP3100: () => compiled({ populations: [population("neuron", 1, { tau_m: 100000, tau_ref: 0 })] }, xyloStyle()),
  TP3012: () => compiled({ populations: [population("p", 1)] }, targetWith({ neuron: { v: { bits: 28, min: -134217727, max: 134217727, overflow: "saturate" } } })),
  TP3013: () => compiled({ populations: [population("p", 1, { bias: 1000 })] }),
  TP3014: () =>
    compiled({
      populations: [population("p", 3)],
      inputs: [spikeInput("x", [[1]])],
      projections: [explicit("x_p", "x", "p", [[0, 0], [0, 1], [0, 2]], { weight: [60, 0.1, 30] })],
    }),
  TP3015: () => compiled({ populations: [population("p", 2)], inputs: [spikeInput("x", [[1]])], projections: [explicit("x_p", "x", "p", [[0, 0], [0, 1]], { weight: [4000, 3000] })] }),
  TP3016: () =>
    compiled({
      populations: [population("p", 4)],
      inputs: [spikeInput("x", [[1]]), spikeInput("y", [[1]])],
      projections: [allToAll("x_p", "x", "p", { tau: 5 }), explicit("y_p", "y", "p", [[0, 0]], { tau: 10 })],
    }),
  TP3017: () => compiled({ ...driven(), populations: [population("p", 1, {}, { v: 1000 })] }),
  TP3018: () => compiled({ populations: [population("p", 1)] }, loihi(), { headroom: 0.5 }),
  TP3120: () =>
    compiled(
      {
        populations: [population("p", 1, { tau_m: 800 })],
        inputs: [spikeInput("x", [[1]])],
        projections: [explicit("x_p", "x", "p", [[0, 0]], { weight: 5, tau: 800, sign: "inhibitory" })],
      },
      loihi(),
      { precision: "static" },
    ),
  TP3121: () => compiled({ populations: [population("p", 1)] }, loihi(), { precision: "fast" as CompileOptions["precision"] }),
  TP3122: () => compiled({ populations: [population("p", 1)] }, loihi(), { precision: "profile" }),
  TP3123: () => compiled({ populations: [population("p", 1)] }, loihi(), { errorBudget: 0 }),
  TP3124: () => compiled(driven(), loihi(), { errorBudget: 0.01 }),
  TP3020: () =>
    compiled(
      { populations: [population("p", 6)], inputs: [spikeInput("x", [[], [], [], [], [], []])], projections: [{ ...allToAll("x_p", "x", "p"), connect: { rule: "one_to_one" } }] },
      limits({ maxInputAxons: 2 }, 2),
    ),
  TP3021: () => compiled({ populations: [population("p", 10)] }, limits({}, 2)),
  TP3022: () => compiled(fanIn5(2), limits({ maxFanIn: 3 })),
  TP3023: () => compiled(fanIn5(2), limits({ maxSynapses: 4 })),
  TP3024: () =>
    compiled(
      { populations: [population("s", 1), population("t", 8)], projections: [allToAll("s_t", "s", "t")] },
      limits({ maxNeurons: 2, maxFanOut: 3 }),
    ),
  TP3025: () => compiled({ populations: [population("p", 2)] }, loihi(), { maxNeuronsPerCore: 0 }),
  TP3026: () => {
    const projections = [];
    for (let k = 0; k < 20; k++) {
      for (const sign of ["excitatory", "inhibitory"] as const) {
        for (let e = 0; e < 7; e++) projections.push(explicit(`p${k}${sign[0]}${e}`, "x", "a", [[0, 0]], { tau: 5 + k, sign, weight: 18.75 * 2 ** e }));
      }
    }
    return compiled({ populations: [population("a", 1)], inputs: [spikeInput("x", [[1]])], projections }, targetWith({ neuron: { currentChannels: 20 } }));
  },
  // xylo-style layout (src/passes/layout-rules.ts): x → hidden h → output out unless said otherwise
  TP3130: () => compiled({ populations: [population("h", 2)], inputs: [spikeInput("x", Array.from({ length: 20 }, () => [1]))], projections: [allToAll("x_h", "x", "h")] }, xyloStyle()),
  TP3131: () => compiled({ populations: [population("h", 1004)], inputs: [spikeInput("x", [[1]])], projections: [allToAll("x_h", "x", "h")] }, xyloStyle()),
  TP3132: () => compiled(readout(10, 12), xyloStyle()),
  TP3133: () => {
    const parts = readout(4, 2);
    return compiled({ ...parts, projections: [...parts.projections!, allToAll("h_out_slow", "h", "out", { tau: 20 })] }, xyloStyle());
  },
  TP3135: () => {
    // dt = 1 ms, τ_m = 1 ms: x fires at 0..9 ms; a weight of 200 mV lifts v by about 100 mV in a step, several thresholds
    const parts: Parts = {
      run: { dt: 1, duration: 20, seed: 7 },
      populations: [population("h", 1, { tau_m: 1 }), population("out", 1, { tau_m: 1 })],
      inputs: [spikeInput("x", [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]])],
      projections: [explicit("x_h", "x", "h", [[0, 0]], { weight: 200 }), explicit("h_out", "h", "out", [[0, 0]], { weight: 200 })],
      record: [{ population: "out", spikes: true }],
    };
    const net = elaborated(parts);
    const target = xyloStyle();
    return outputSpikeCapFindings(net, emulate(mustCompile(net, target)).recording, target, "net.json");
  },
  TP3134: () => {
    const parts = readout(4, 2);
    return compiled({ ...parts, projections: [...parts.projections!, allToAll("h_out_again", "h", "out", { weight: 2 })] }, xyloStyle());
  },

  TP4001: () => {
    const bytes = encodeConfig(sampleConfig());
    return decodeConfig(bytes.subarray(0, bytes.length - 1), "config.pb").diagnostics;
  },
  TP4002: () => decoded({ ...sampleConfig(), format: "tripart.recording/1" } as unknown as HwConfig),
  TP4003: () => decoded({ ...sampleConfig(), format: "tripart.hwconfig/2" } as unknown as HwConfig),
  TP4004: () => editedJson((j) => void (j.cores[0].synapses.delay[2] = 300)),
  TP4005: () => editedJson((j) => void j.cores[0].compartments.dv.pop()),
  TP4006: () => editedJson((j) => void (j.cores[0].synapses.target[0] = 9)),
  TP4007: () => editedJson((j) => void (j.cores[1].compartments.du[1] = 5000)),
  TP4008: () => editedJson((j) => void (j.routes.axon[0] = 40)),
  TP4009: () => editedJson((j) => void (j.semantics.decay.bits = 0)),
  TP4010: () => editedJson((j) => void (j.cores[1].synapses.rowStart = [0, 2, 1, 3, 4])),
  TP4011: () => editedJson((j) => void (j.inputs.spikeSteps = [1, 1, 5, 2])),
  TP4012: () => editedJson((j) => void (j.scales[0].population = "nope")),
  TP4013: () => editedJson((j) => void (j.symbols[1].id = "a")),
  ...GLIA_EXAMPLES,
  ...CROSSBAR_EXAMPLES,
  ...LOWER_PLASTICITY_EXAMPLES,
  ...LEARNING_CONFIG_EXAMPLES,
  ...GLIA_LEARNING_EXAMPLES,
};

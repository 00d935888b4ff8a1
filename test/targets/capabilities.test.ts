// capabilitiesOf reads each comparison figure off a target's semantics and limits (nothing is
// stated twice), and the loader refuses LIF capabilities the compartment does not compute
// (TP2150, TP2151).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { capabilitiesOf } from "../../src/targets/capabilities.js";
import { loadTarget, resolveTarget } from "../../src/targets/load.js";
import type { AnyTarget, GliaTarget } from "../../src/targets/glia-types.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

async function bundled(name: string): Promise<AnyTarget> {
  const result = await resolveTarget(name);
  if (!result.ok) throw new Error(`${name} failed to load`);
  return result.value;
}

describe("capabilitiesOf", () => {
  it("derives loihi-cuba's figures from its neuron, core and learning sections", async () => {
    const c = capabilitiesOf(await bundled("loihi-cuba"));
    expect(c).toMatchObject({
      family: "lif",
      neuronModels: ["lif"],
      synapseKinds: ["exponential"],
      astrocyteModels: [],
      astrocyteEffects: [],
      plasticity: { rules: ["stdp", "reward_stdp", "episode_stdp"], pairings: ["all_to_all", "nearest_symmetric"], boundExponents: [0, 1], astrocyteGated: false, maxEpochSteps: 64 },
      maxDelaySteps: 62,
      refractoryMaxSteps: 62,
      currentChannels: 1,
      weight: { bits: 8, signed: true, exponent: { min: -7, max: 7 }, plasticBits: 8 },
      stateBits: { "current u": 24, "voltage v": 24, threshold: 23, "learning trace": 7 },
      limits: { coresPerChip: 128, neuronsPerCore: 1024, synapsesPerCore: 65536, maxFanIn: 4096, maxFanOut: 4096, astrocytesPerCore: 0, neuronsPerChip: 131072 },
      timeStep: {},
    });
    expect(c.weight.crossbar).toBeUndefined();
  });

  it("shows what the Lava and Brian2Loihi conventions differ in", async () => {
    const lava = capabilitiesOf(await bundled("loihi-cuba-lava"));
    expect(lava.refractoryMaxSteps).toBe(0);
    expect(lava.plasticity).toEqual({ rules: [], pairings: [], boundExponents: [], astrocyteGated: false });
    expect(lava.weight.plasticBits).toBeUndefined();
    expect(lava.stateBits["learning trace"]).toBeUndefined();
    const b2l = capabilitiesOf(await bundled("loihi-cuba-b2l"));
    expect(b2l.refractoryMaxSteps).toBe(63);
    expect(b2l.weight.exponent).toEqual({ min: -8, max: 7 });
  });

  it("takes a crossbar's weight precision from its ADC", async () => {
    const c = capabilitiesOf(await bundled("memristor-crossbar"));
    expect(c.weight).toMatchObject({ bits: 7, signed: true, crossbar: { tiles: 1024, rows: 256, columns: 512 } });
  });

  it("derives glia-core's astrocytes, effects, gated learning and time-step range", async () => {
    const target = (await bundled("glia-core")) as GliaTarget;
    const c = capabilitiesOf(target);
    expect(c).toMatchObject({
      family: "glia-core",
      neuronModels: ["izhikevich"],
      synapseKinds: ["sigmoid_conductance"],
      astrocyteModels: ["ullah2006", "lr1994", "reduced"],
      astrocyteEffects: ["synapse:additive", "synapse:multiplicative", "synapse:suppressive", "neuron:sic", "neuron:current", "graded"],
      plasticity: { astrocyteGated: true },
      maxDelaySteps: 0,
      refractoryMaxSteps: 0,
      weight: { bits: 16, signed: false, plasticBits: 16 },
      stateBits: { "neuron V, U": 24, glutamate: 24, "synaptic sum": 42, "astrocyte Ca, h, IP3": 32, "learning trace": 12 },
      limits: { coresPerChip: 128, neuronsPerCore: 1024, synapsesPerCore: 131072, maxFanIn: 1024, maxFanOut: 1024, astrocytesPerCore: 64 },
      timeStep: { minMs: 0.1, maxMs: 1 },
    });
    // without astrocyte models there are no astrocyte units, effects or per-core astrocytes
    const bare: GliaTarget = { ...target, semantics: { ...target.semantics, astrocyte: { ...target.semantics.astrocyte, models: [] } } };
    expect(capabilitiesOf(bare)).toMatchObject({ astrocyteModels: [], astrocyteEffects: [], limits: { astrocytesPerCore: 0 } });
    expect(capabilitiesOf(bare).stateBits["astrocyte Ca, h, IP3"]).toBeUndefined();
  });
});

describe("LIF capabilities against the compartment", () => {
  const base = readFileSync(join(ROOT, "targets", "loihi-cuba.json"), "utf8");
  const found = (change: (t: any) => void) => {
    const target = JSON.parse(base);
    change(target);
    return loadTarget(JSON.stringify(target, null, 2), { file: "t.json" }).diagnostics.map(({ code, path, severity }) => ({ code, path, severity }));
  };

  it("TP2150 for a neuron model the compartment does not run", () => {
    expect(found((t) => (t.capabilities.models = ["lif", "izhikevich"]))).toEqual([{ code: "TP2150", path: "/capabilities/models/1", severity: "error" }]);
  });

  it("TP2150 for a synapse kind the compartment does not run", () => {
    expect(found((t) => (t.capabilities.synapses = ["sigmoid_conductance", "exponential"]))).toEqual([{ code: "TP2150", path: "/capabilities/synapses/0", severity: "error" }]);
  });

  it("TP2151 for astrocytes on a LIF target", () => {
    expect(found((t) => (t.capabilities.astrocytes = true))).toEqual([{ code: "TP2151", path: "/capabilities/astrocytes", severity: "error" }]);
  });

  it("accepts the bundled LIF capabilities", () => {
    expect(found(() => {})).toEqual([]);
  });
});

// The crossbar section in config files: config.pb and config.json round trips with and without
// variation and learning, the emulation of a decoded config equal to the original's, and the
// section's invariants reported with TP4004-TP4007 at JSON-twin pointers.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/passes/pipeline.js";
import { decodeConfig, encodeConfig } from "../../src/hw/codec.js";
import { formatConfigJson, fromConfigJson, toConfigJson, type ConfigJson } from "../../src/hw/config-json.js";
import { emulate } from "../../src/emulator/emulator.js";
import type { HwConfig } from "../../src/hw/types.js";
import type { Target } from "../../src/targets/types.js";
import { allToAll, elaborated, population, spikeInput } from "../passes/helpers.js";
import { crossbarTarget } from "../passes/crossbar-fixtures.js";
import { plastic, rule } from "../emulator/learning-build.js";

function compiled(target: Target, learning = false): HwConfig {
  const parts = {
    populations: [population("p", 3, { bias: 12 })],
    inputs: [spikeInput("x", [[1, 3, 5], [2, 4], [3]])],
    projections: [allToAll("x_p", "x", "p", { weight: 3 })],
  };
  const input = learning ? plastic(parts, [{ projection: "x_p", rule: rule({ wMax: 6, aPlus: 0.3, aMinus: 0.2 }) }]) : elaborated(parts);
  const result = compile(input, target, { verifyEach: true });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join(" "));
  return result.value;
}

const cases: [string, () => HwConfig][] = [
  ["nominal devices", () => compiled(crossbarTarget())],
  ["varied devices", () => compiled(crossbarTarget((c) => void (c.variation = { rOn: 0.1, rOff: 0.1, k: 0.2 })))],
  ["a plastic projection", () => compiled(crossbarTarget(), true)],
  ["Kvatinsky's window", () => compiled(crossbarTarget((c) => void (c.device.window = { kind: "kvatinsky", aOn: 0.5e-9, aOff: 2.5e-9, wc: 1e-10 })))],
];

describe("crossbar section round trips", () => {
  it.each(cases)("config.pb: %s", (_name, make) => {
    const config = make();
    expect(config.crossbar).toBeDefined();
    const decoded = decodeConfig(encodeConfig(config), "config.pb");
    expect(decoded.diagnostics).toEqual([]);
    expect(decoded.value).toEqual(config);
  });

  it.each(cases)("config.json: %s", (_name, make) => {
    const config = make();
    const read = fromConfigJson(JSON.parse(formatConfigJson(config)), "config.json");
    expect(read.diagnostics).toEqual([]);
    expect(read.value).toEqual(config);
  });

  it("a decoded config emulates to the same bits, learning and device programming included", () => {
    const config = compiled(crossbarTarget(), true);
    const decoded = decodeConfig(encodeConfig(config)).value!;
    const a = emulate(config, { weightSteps: [10, 40] });
    const b = emulate(decoded, { weightSteps: [10, 40] });
    expect(b.recording).toEqual(a.recording);
    expect(b.counts).toEqual(a.counts);
  });
});

describe("crossbar section invariants", () => {
  const edited = (change: (json: ConfigJson) => void) => {
    const json = JSON.parse(JSON.stringify(toConfigJson(compiled(crossbarTarget())))) as ConfigJson;
    change(json);
    return fromConfigJson(json, "config.json").diagnostics.map(({ code, path }) => ({ code, path }));
  };

  it("TP4006: a synapse placed on a missing entry", () => {
    expect(edited((j) => void (j.crossbar!.projections[0].synapseIndex[0] = 99))).toEqual([{ code: "TP4006", path: "/crossbar/projections/0/synapseIndex/0" }]);
  });

  it("TP4007: a state outside [w_on, w_off]", () => {
    expect(edited((j) => void (j.crossbar!.projections[0].statePlus[1] = 4e-9))).toEqual([{ code: "TP4007", path: "/crossbar/projections/0/statePlus/1" }]);
  });

  it("TP4005: per-synapse arrays of different lengths", () => {
    expect(edited((j) => void j.crossbar!.projections[0].sign.pop())).toEqual([{ code: "TP4005", path: "/crossbar/projections/0/sign" }]);
  });

  it("TP4004: a read voltage that would disturb, a synapse entry placed twice, an unknown window", () => {
    expect(edited((j) => void (j.crossbar!.semantics.read.voltage = 0.03))).toEqual([{ code: "TP4004", path: "/crossbar/semantics/read/voltage" }]);
    expect(edited((j) => void (j.crossbar!.projections[0].synapseIndex[1] = j.crossbar!.projections[0].synapseIndex[0]))).toEqual([
      { code: "TP4004", path: "/crossbar/projections/0/synapseIndex/1" },
    ]);
    // a second projection's entry moved onto the first's: the first's entry is then placed twice
    expect(edited((j) => void j.crossbar!.projections.push({ ...j.crossbar!.projections[0], id: "copy" }))).toEqual([{ code: "TP4004", path: "/crossbar/projections/1/synapseIndex/0" }]);
    expect(edited((j) => void (j.crossbar!.semantics.device.window = { kind: "blob" } as never))).toEqual([{ code: "TP4004", path: "/crossbar/semantics/device/window/kind" }]);
  });

  it("TP4004: a plastic projection without a write-rounding seed; a static one needs none", () => {
    const json = JSON.parse(JSON.stringify(toConfigJson(compiled(crossbarTarget(), true)))) as ConfigJson;
    expect(json.crossbar!.projections[0].roundingSeed).toBeGreaterThan(0);
    json.crossbar!.projections[0].roundingSeed = 0;
    expect(fromConfigJson(json, "config.json").diagnostics.map(({ code, path }) => ({ code, path }))).toEqual([{ code: "TP4004", path: "/crossbar/projections/0/roundingSeed" }]);
    expect(toConfigJson(compiled(crossbarTarget())).crossbar!.projections[0].roundingSeed).toBe(0);
    expect(edited(() => {})).toEqual([]);
  });

  it("TP4004: a synapse entry left off the crossbar (its projection removed)", () => {
    const json = JSON.parse(JSON.stringify(toConfigJson(compiled(crossbarTarget())))) as ConfigJson;
    const parts = { populations: [population("q", 1)], inputs: [spikeInput("y", [[1]])], projections: [allToAll("y_q", "y", "q")] };
    const two = compile(elaborated({ ...parts, populations: [population("p", 3, { bias: 12 }), ...parts.populations], inputs: [spikeInput("x", [[1]]), ...parts.inputs], projections: [allToAll("x_p", "x", "p", { weight: 3 }), ...parts.projections] }), crossbarTarget());
    expect(json.crossbar).toBeDefined();
    const twin = JSON.parse(JSON.stringify(toConfigJson(two.value!))) as ConfigJson;
    twin.crossbar!.projections.pop();
    expect(fromConfigJson(twin, "config.json").diagnostics.map(({ code, path }) => ({ code, path }))).toEqual([{ code: "TP4004", path: "/crossbar/projections" }]);
  });
});

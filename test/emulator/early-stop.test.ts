// The host's early stop (src/hw/host.ts `finished`) in the LIF core emulator and its scalar
// interpreter, on the plastic SNAN network compiled for loihi-cuba; both stay equal to the bit.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/passes/pipeline.js";
import { resolveTarget } from "../../src/targets/load.js";
import { isGliaTarget } from "../../src/targets/glia-types.js";
import { emulate } from "../../src/emulator/emulator.js";
import { interpretScalar } from "../../src/emulator/scalar.js";
import { expectEarlyStop, stopHost, stopNetwork, STOP_STEPS } from "../hw/early-stop.js";

const target = await resolveTarget("loihi-cuba");
if (!target.ok || isGliaTarget(target.value)) throw new Error("loihi-cuba does not load");
const compiled = compile(stopNetwork("lif"), target.value);
if (!compiled.ok) throw new Error("the LIF SNAN network does not compile for loihi-cuba");
const config = compiled.value;

describe("LIF emulators: a host that ends the run early", () => {
  it("gives the first steps of the full run (fast emulator)", () => {
    expectEarlyStop((host, steps, weightSteps) => emulate(config, { host, steps, weightSteps }), stopHost("lif"));
  });

  it("gives the first steps of the full run (scalar interpreter)", () => {
    expectEarlyStop((host, steps, weightSteps) => interpretScalar(config, { host, steps, weightSteps }), stopHost("lif"));
  });

  it("stops the fast emulator and the scalar interpreter at the same bits", () => {
    for (const k of STOP_STEPS) {
      const host = { ...stopHost("lif"), finished: (s: number) => s === k };
      expect(emulate(config, { host, weightSteps: [10, 40] })).toEqual(interpretScalar(config, { host, weightSteps: [10, 40] }));
    }
  });
});

// The host's early stop (src/hw/host.ts `finished`) in the glia-core emulator and its scalar
// interpreter, on the plastic SNAN network with astrocytes; both stay equal to the bit.
import { describe, expect, it } from "vitest";
import { compileGlia } from "../../../src/passes/pipeline.js";
import { emulateGlia } from "../../../src/emulator/glia-emulator.js";
import { interpretGliaScalar } from "../../../src/emulator/glia-scalar.js";
import { expectEarlyStop, stopHost, stopNetwork, STOP_STEPS } from "../../hw/early-stop.js";
import { GLIA_TARGET } from "./build.js";

const compiled = compileGlia(stopNetwork("izhikevich"), GLIA_TARGET);
if (!compiled.ok) throw new Error("the SNAN network does not compile for glia-core");
const config = compiled.value;

describe("glia-core emulators: a host that ends the run early", () => {
  it("gives the first steps of the full run (fast emulator)", () => {
    expectEarlyStop((host, steps, weightSteps) => emulateGlia(config, { host, steps, weightSteps }), stopHost("izhikevich"));
  });

  it("gives the first steps of the full run (scalar interpreter)", () => {
    expectEarlyStop((host, steps, weightSteps) => interpretGliaScalar(config, { host, steps, weightSteps }), stopHost("izhikevich"));
  });

  it("stops the fast emulator and the scalar interpreter at the same bits", () => {
    for (const k of STOP_STEPS) {
      const host = { ...stopHost("izhikevich"), finished: (s: number) => s === k };
      const fast = emulateGlia(config, { host, weightSteps: [10, 40] });
      const slow = interpretGliaScalar(config, { host, weightSteps: [10, 40] });
      expect(fast.counts).toEqual(slow.counts);
      expect(fast.overflow).toEqual(slow.overflow);
      expect(fast.glia).toEqual(slow.glia);
      expect(fast.recording).toEqual(slow.recording);
    }
  });
});

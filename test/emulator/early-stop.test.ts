// The host's early stop (src/hw/host.ts `finished`) in the LIF core emulator and its scalar
// interpreter, on the plastic SNAN network compiled for loihi-cuba; both stay equal to the bit.
import { describe, it } from "vitest";
import { compile } from "../../src/passes/pipeline.js";
import { resolveTarget } from "../../src/targets/load.js";
import { isGliaTarget } from "../../src/targets/glia-types.js";
import { emulate } from "../../src/emulator/emulator.js";
import { interpretScalar } from "../../src/emulator/scalar.js";
import { expectEarlyStop, expectSameStops, stopHost, stopNetwork, type StopRun } from "../hw/early-stop.js";

const target = await resolveTarget("loihi-cuba");
if (!target.ok || isGliaTarget(target.value)) throw new Error("loihi-cuba does not load");
const compiled = compile(stopNetwork("lif"), target.value);
if (!compiled.ok) throw new Error("the LIF SNAN network does not compile for loihi-cuba");
const config = compiled.value;
const fast: StopRun = (host, steps, weightSteps) => emulate(config, { host, steps, weightSteps });
const slow: StopRun = (host, steps, weightSteps) => interpretScalar(config, { host, steps, weightSteps });

describe("LIF emulators: a host that ends the run early", () => {
  it.each([["fast emulator", fast], ["scalar interpreter", slow]] as const)("gives the first steps of the full run (%s)", (_, run) => expectEarlyStop(run, stopHost("lif")));

  it("stops the fast emulator and the scalar interpreter at the same bits", () => expectSameStops(fast, slow, stopHost("lif")));
});

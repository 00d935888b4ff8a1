// The host's early stop (src/hw/host.ts `finished`) in the glia-core emulator and its scalar
// interpreter, on the plastic SNAN network with astrocytes; both stay equal to the bit.
import { describe, it } from "vitest";
import { compileGlia } from "../../../src/passes/pipeline.js";
import { emulateGlia } from "../../../src/emulator/glia-emulator.js";
import { interpretGliaScalar } from "../../../src/emulator/glia-scalar.js";
import { expectEarlyStop, expectSameStops, stopHost, stopNetwork, type StopRun } from "../../hw/early-stop.js";
import { GLIA_TARGET } from "./build.js";

const compiled = compileGlia(stopNetwork("izhikevich"), GLIA_TARGET);
if (!compiled.ok) throw new Error("the SNAN network does not compile for glia-core");
const config = compiled.value;
const fast: StopRun = (host, steps, weightSteps) => emulateGlia(config, { host, steps, weightSteps });
const slow: StopRun = (host, steps, weightSteps) => interpretGliaScalar(config, { host, steps, weightSteps });

describe("glia-core emulators: a host that ends the run early", () => {
  it.each([["fast emulator", fast], ["scalar interpreter", slow]] as const)("gives the first steps of the full run (%s)", (_, run) => expectEarlyStop(run, stopHost("izhikevich")));

  it("stops the fast emulator and the scalar interpreter at the same bits", () => expectSameStops(fast, slow, stopHost("izhikevich")));
});

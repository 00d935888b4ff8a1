// The host's early stop (src/hw/host.ts `finished`) in both reference engines: the LIF engine
// and the neuron–astrocyte engine, each on the plastic SNAN network of its family.
import { describe, it } from "vitest";
import { simulate } from "../../src/reference/simulator.js";
import { expectEarlyStop, stopHost, stopNetwork } from "../hw/early-stop.js";

describe("reference: a host that ends the run early", () => {
  it.each(["lif", "izhikevich"] as const)("gives the first steps of the full run (%s engine)", (family) => {
    const net = stopNetwork(family);
    expectEarlyStop((host, steps, weightSteps) => simulate(net, { host, steps, weightSteps }), stopHost(family));
  });
});

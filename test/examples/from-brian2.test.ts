// examples/cuba/from-brian2.mjs: a Brian2 CUBA dump becomes a network with the same synapses,
// weights, parameters and initial voltages.
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs example without type declarations
import { networkFromBrian2 } from "../../examples/cuba/from-brian2.mjs";
import { elaborate, loadNetwork } from "../../src/index.js";

// A 5-neuron dump in cuba.py's format: neurons 0..3 excitatory, 4 inhibitory.
const DUMP = {
  format: "peers-cuba-network-v1",
  N: 5,
  Ne: 4,
  Ni: 1,
  seed: 3,
  connectivity: "numpy",
  params_SI: { taum: 0.02, taue: 0.005, taui: 0.01, Vt: -0.05, Vr: -0.06, El: -0.049, we: 0.00162, wi: -0.009, refractory: 0.005, dt: 0.0001, delay: 0 },
  v0_V: [-0.055, -0.051, -0.059, -0.0525, -0.0575],
  exc: { pre: [0, 0, 1, 3, 3], post: [1, 4, 0, 3, 4] },
  inh: { pre: [4, 4], post: [0, 4] },
};

describe("examples/cuba/from-brian2.mjs", () => {
  it("keeps every synapse, the parameters and v(0)", () => {
    const network = networkFromBrian2(DUMP, 50);
    const loaded = loadNetwork(JSON.stringify(network));
    expect(loaded.diagnostics).toEqual([]);
    if (!loaded.ok) return;
    const elaborated = elaborate(loaded.value);
    const byId = Object.fromEntries(elaborated.projections.map((p) => [p.id, p]));
    // exc→exc: 0→1, 1→0, 3→3; exc→inh: 0→4, 3→4 (inh index 0); inh→exc: 4→0; inh→inh: 4→4.
    expect(byId.exc_exc.synapses.post.length).toBe(3);
    expect(Array.from(byId.exc_inh.synapses.rowStart)).toEqual([0, 1, 1, 1, 2]);
    expect(Array.from(byId.inh_exc.synapses.post)).toEqual([0]);
    expect(Array.from(byId.inh_inh.synapses.post)).toEqual([0]);
    expect(byId.exc_exc.synapses.weight[0]).toBeCloseTo(1.62, 12);
    expect(byId.inh_exc.synapses.weight[0]).toBeCloseTo(-9, 12);
    expect(byId.inh_exc.tauSyn).toBeCloseTo(10, 12);
    expect(Array.from(elaborated.populations[0].initialV).map((v) => Number(v.toFixed(9)))).toEqual([-55, -51, -59, -52.5]);
    expect(elaborated.populations[1].params).toMatchObject({ v_rest: -49, v_reset: -60, v_thresh: -50 });
    expect(loaded.value.run.dt).toBeCloseTo(0.1, 12);
    expect(elaborated.steps).toBe(500);
  });

  it("refuses another format", () => {
    expect(() => networkFromBrian2({ ...DUMP, format: "other" })).toThrow(/peers-cuba-network-v1/);
  });
});

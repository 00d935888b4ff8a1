// The loader on neuron–astrocyte networks: the WM2021-like fixture loads clean and comes back
// with every default of docs/ir.md ("Defaults") written out.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadNetwork } from "../../src/ir/load.js";
import type { Checked } from "../../src/ir/types.js";

const text = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "fixtures", "wm2021-small.network.json"), "utf8");

function mustLoad(json: string): Checked {
  const result = loadNetwork(json);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  expect(result.diagnostics).toEqual([]);
  return result.value;
}

/** The fixture with `edit` applied to its parsed JSON. */
function variant(edit: (doc: any) => void): string {
  const doc = JSON.parse(text);
  edit(doc);
  return JSON.stringify(doc);
}

describe("the WM2021-like fixture", () => {
  const network = mustLoad(text);

  it("fills every default", () => {
    const { description: _description, ...rest } = network;
    expect(rest).toEqual({
      format: "tripart.network/1",
      name: "wm2021-small",
      run: { dt: 0.1, duration: 50, seed: 7 },
      populations: [
        {
          id: "neurons",
          model: "izhikevich",
          size: 100,
          grid: [10, 10],
          params: { a: 0.1, b: 0.2, c: -65, d: 2, v_peak: 30, spike_threshold: 29, input_clip: 25 },
          initial: { v: -70, u: 0 },
          glutamate: { decay_rate: 10, release_rate: 600, release: "at_peak" },
        },
      ],
      inputs: [],
      projections: [
        {
          id: "recurrent",
          pre: "neurons",
          post: "neurons",
          connect: { rule: "grid_distance", outdegree: 4, mean_distance: 2, candidates: 40000 },
          weight: 0.025,
          delay: 0,
          synapse: { kind: "sigmoid_conductance", e_rev: 0, k: 0.2 },
        },
      ],
      currents: [
        { id: "pattern", kind: "steps", population: "neurons", segments: [{ start: 5, stop: 15, value: 8 }] },
        {
          id: "noise",
          kind: "impulses",
          population: "neurons",
          count: 2,
          first: { uniform: [0, 20] },
          mean_interval: 10,
          duration: 3,
          amplitude: { uniform: [-20, 20] },
        },
      ],
      astrocytes: [
        {
          id: "astro",
          model: "ullah2006",
          // the WM2021 values (models.md §2.5), written out because the file gives no params
          params: {
            c0: 2.0, c1: 0.185, v1: 6.0, v2: 0.11, v3: 2.2, v4: 0.3, v6: 0.2, k1: 0.5, k2: 1.0, k3: 0.1, k4: 1.1,
            d1: 0.13, d2: 1.049, d3: 0.9434, d5: 0.082, a2: 0.14, ip3_star: 0.16, ip3_rate: 0.14, alpha: 0.8,
            membrane_fluxes: true, plc_delta: true,
          },
          size: 9,
          grid: [3, 3],
          period: 0.1, // run.dt
          initial: { ca: 0.072495, h: 0.886314, ip3: 0.820204 },
          coupling: { kind: "grid", d_ca: 0.05, d_ip3: 0.1, order: "gauss-seidel" },
          territory: { kind: "grid_patches", population: "neurons", size: [4, 4], stride: [3, 3] },
          owner: "last",
          sensing: { kind: "glutamate_count", threshold: 0.7, min_count: 8, amplitude: 5, duration: 60 },
          gate: { ca_threshold: 0.15, min_coincident: 6, window: 10, check_period: 1, hold: 250 },
        },
      ],
      tripartite: [{ id: "gliotransmission", astrocytes: "astro", projection: "recurrent", by: "post", effect: { kind: "additive", nu: 0.5 } }],
      plasticity: [],
      record: [
        { population: "neurons", spikes: true, state: ["v", "glutamate"], neurons: [0, 33] },
        { population: "astro", spikes: false, state: ["ca", "gate"] }, // astrocytes default to no spikes
      ],
    });
  });

  it("keeps given ullah params and fills only the rest", () => {
    const astro = mustLoad(variant((doc) => (doc.astrocytes[0].params = { v4: 0.5, plc_delta: false }))).astrocytes[0];
    expect(astro.model).toBe("ullah2006");
    expect(astro.params).toMatchObject({ v4: 0.5, plc_delta: false, v3: 2.2, membrane_fluxes: true });
  });
});

describe("defaults of the other models and forms", () => {
  it("izhikevich: v_peak 30, spike_threshold v_peak − 1, input_clip null, V starts at c", () => {
    const p = mustLoad(
      variant((doc) => {
        doc.populations[0].params = { a: 0.02, b: 0.2, c: -50, d: 2, v_peak: 35 };
        delete doc.populations[0].initial;
      }),
    ).populations[0];
    expect(p.params).toEqual({ a: 0.02, b: 0.2, c: -50, d: 2, v_peak: 35, spike_threshold: 34, input_clip: null });
    expect(p.initial).toEqual({ v: -50, u: 0 });
  });

  it("lif: glutamate releases on spikes by default", () => {
    // A LIF-only network: LIF populations cannot join a neuron–astrocyte network (TP2067).
    const lifOnly = JSON.stringify({
      format: "tripart.network/1",
      run: { dt: 0.1, duration: 10 },
      populations: [{ id: "lif", model: "lif", size: 2, params: { tau_m: 10, v_rest: -65, v_reset: -70, v_thresh: -50 }, glutamate: { decay_rate: 1, release_rate: 2 } }],
    });
    const p = mustLoad(lifOnly).populations[0];
    expect(p.glutamate).toEqual({ decay_rate: 1, release_rate: 2, release: "spiking" });
  });

  it("lr1994: NEST's parameters, Ca 0.073 and h 0.793, IP3 starting at IP3_0", () => {
    const astro = mustLoad(
      variant((doc) => {
        doc.astrocytes[0].model = "lr1994";
        doc.astrocytes[0].params = { IP3_0: 0.4, tau_IP3: 10 };
        doc.astrocytes[0].period = 0.5;
        doc.astrocytes[0].owner = "max";
      }),
    ).astrocytes[0];
    expect(astro.params).toEqual({
      Ca_tot: 2.0, IP3_0: 0.4, Kd_IP3_1: 0.13, Kd_IP3_2: 0.9434, Kd_act: 0.08234, Kd_inh: 1.049, Km_SERCA: 0.1,
      ratio_ER_cyt: 0.185, delta_IP3: 5.0, k_IP3R: 0.0002, rate_IP3R: 0.006, rate_L: 0.00011, rate_SERCA: 0.0009, tau_IP3: 10,
    });
    expect(astro.initial).toEqual({ ca: 0.073, h: 0.793, ip3: 0.4 });
    expect([astro.period, astro.owner]).toEqual([0.5, "max"]);
  });

  it("reduced: Ca and IP3 start at rest, h at 1; a given initial value wins", () => {
    const astro = mustLoad(
      variant((doc) => {
        doc.astrocytes[0].model = "reduced";
        doc.astrocytes[0].params = { tau_ip3: 100, tau_ca: 50, ip3_rest: 0.16, ca_rest: 0.07, ip3_threshold: 0.3, gain: 2 };
        doc.astrocytes[0].initial = { ca: { uniform: [0.05, 0.1] } };
      }),
    ).astrocytes[0];
    expect(astro.initial).toEqual({ ca: { uniform: [0.05, 0.1] }, h: 1, ip3: 0.16 });
  });

  it("gate min_coincident 1; pairs coupling keeps its pairs and takes order gauss-seidel", () => {
    const astro = mustLoad(
      variant((doc) => {
        delete doc.astrocytes[0].gate.min_coincident;
        doc.astrocytes[0].coupling = { kind: "pairs", pairs: [[0, 1]], d_ca: 0, d_ip3: 0 };
      }),
    ).astrocytes[0];
    expect(astro.gate?.min_coincident).toBe(1);
    expect(astro.coupling).toEqual({ kind: "pairs", pairs: [[0, 1]], d_ca: 0, d_ip3: 0, order: "gauss-seidel" });
  });

  it("an exponential projection still needs a sign, a conductance one does not", () => {
    const result = loadNetwork(
      variant((doc) => {
        doc.populations.push({ id: "lif", model: "lif", size: 2, params: { tau_m: 10, v_rest: -65, v_reset: -70, v_thresh: -50 } });
        doc.projections.push({ id: "x", pre: "lif", post: "lif", connect: { rule: "all_to_all" }, weight: 1, synapse: { kind: "exponential", tau: 5 } });
      }),
    );
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([["TP1003", "/projections/1/sign"]]);
  });

  it("refuses per-synapse weight values for grid_distance, whose synapse count is drawn", () => {
    const result = loadNetwork(variant((doc) => (doc.projections[0].weight = { values: [1, 2] })));
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([["TP2014", "/projections/0/weight/values"]]);
  });
});

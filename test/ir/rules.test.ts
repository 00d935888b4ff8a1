// Semantic rules at their boundaries: the last accepted value and the first refused one.
import { describe, expect, it } from "vitest";
import { loadNetwork } from "../../src/ir/load.js";
import { closestName, fixedSynapseCount, formatNumber, NETWORK_RULES, plural, scopeOf, type NetworkDocument } from "../../src/ir/rules.js";
import type { Projection } from "../../src/ir/types.js";

/** A small valid network: exc (4), inh (2), spike input drive (2), two projections. */
function base(): Record<string, any> {
  return {
    format: "tripart.network/1",
    run: { dt: 1, duration: 100, seed: 1 },
    populations: [
      { id: "exc", model: "lif", size: 4, params: { tau_m: 20, v_rest: -65, v_reset: -65, v_thresh: -50 } },
      { id: "inh", model: "lif", size: 2, params: { tau_m: 10, v_rest: -65, v_reset: -65, v_thresh: -50 } },
    ],
    inputs: [{ id: "drive", kind: "spike_times", size: 2, times: [[1, 2], [3]] }],
    projections: [
      { id: "drive_exc", pre: "drive", post: "exc", connect: { rule: "all_to_all" }, weight: 5, synapse: { kind: "exponential", tau: 5 }, sign: "excitatory" },
      { id: "exc_inh", pre: "exc", post: "inh", connect: { rule: "fixed_probability", p: 0.5 }, weight: 2, synapse: { kind: "exponential", tau: 5 }, sign: "excitatory" },
    ],
  };
}

/** The [code, path] pairs of loading `edit(base())`. */
function findings(edit: (net: Record<string, any>) => void): [string, string][] {
  const net = base();
  edit(net);
  return loadNetwork(JSON.stringify(net)).diagnostics.map((d) => [d.code, d.path]);
}

const projection = (fields: Partial<Projection> & Pick<Projection, "id" | "pre" | "post" | "connect">): Projection => ({
  weight: 1,
  synapse: { kind: "exponential", tau: 5 },
  sign: "excitatory",
  ...fields,
});

describe("boundaries", () => {
  it("the base network is clean", () => {
    expect(findings(() => {})).toEqual([]);
  });

  it("a Poisson probability of exactly 1 per step is allowed, above it is not", () => {
    const poisson = (rate: number) => (net: Record<string, any>) => {
      net.run.dt = 0.5;
      net.inputs.push({ id: "noise", kind: "poisson", size: 1, rate });
    };
    expect(findings(poisson(2000))).toEqual([]); // 2000 Hz · 0.5 ms / 1000 = 1
    expect(findings(poisson(2001))).toEqual([["TP2023", "/inputs/1/rate"]]);
  });

  it("fixed_indegree may use every source, one fewer when autapses are off on a self-projection", () => {
    const indegree = (n: number, autapses?: boolean) => (net: Record<string, any>) => {
      net.projections.push({ ...net.projections[1], id: "exc_exc", post: "exc", connect: { rule: "fixed_indegree", indegree: n, ...(autapses === undefined ? {} : { autapses }) } });
    };
    expect(findings(indegree(4))).toEqual([]); // autapses default to true: all 4 neurons of exc
    expect(findings(indegree(3, false))).toEqual([]);
    expect(findings(indegree(4, false))).toEqual([["TP2011", "/projections/2/connect/indegree"]]);
  });

  it("tau_ref of zero or of at least one step is silent; between them it warns", () => {
    const tauRef = (value: number) => (net: Record<string, any>) => {
      net.populations[0].params.tau_ref = value;
    };
    expect(findings(tauRef(0))).toEqual([]);
    expect(findings(tauRef(1))).toEqual([]);
    expect(findings(tauRef(0.999))).toEqual([["TP2027", "/populations/0/params/tau_ref"]]);
  });

  it("a spike is late once round(time / dt) reaches the number of steps", () => {
    const spikeAt = (time: number) => (net: Record<string, any>) => {
      net.run.dt = 1;
      net.inputs[0].times[1].push(time);
    };
    expect(findings(spikeAt(99))).toEqual([]); // step 99 is the last of 100 steps
    expect(findings(spikeAt(99.4)).map(([code]) => code)).toEqual(["TP2022"]); // rounds to step 99: off grid only
    expect(findings(spikeAt(99.5)).map(([code]) => code)).toEqual(["TP2021", "TP2022"]); // rounds to step 100
  });

  it("a decimal dt does not make exact times or durations look off the grid", () => {
    expect(
      findings((net) => {
        net.run = { dt: 0.1, duration: 0.3 }; // 0.3 / 0.1 = 2.9999999999999996 in doubles
        net.inputs[0].times = [[0.1, 0.2], [0.3 - 0.1]];
      }),
    ).toEqual([]);
  });

  it("a duration of half a step rounds up to one step; below half a step there is none", () => {
    expect(findings((net) => (net.run = { dt: 1, duration: 0.5 })).map(([code]) => code)).toEqual(["TP2025", "TP2021"]); // every spike is at or after step 1
    expect(findings((net) => (net.run = { dt: 1, duration: 0.49 }))).toEqual([["TP2026", "/run/duration"]]);
  });

  it("v_thresh just above v_reset is allowed", () => {
    expect(findings((net) => (net.populations[1].params.v_thresh = -64.999))).toEqual([]);
  });

  it("a normal weight with std 0 cannot turn negative, so it does not warn", () => {
    expect(findings((net) => (net.projections[0].weight = { normal: { mean: 5, std: 0 } }))).toEqual([]);
  });

  it("an input may be recorded for spikes, with in-range neuron indices", () => {
    expect(findings((net) => (net.record = [{ population: "drive", neurons: [0, 1] }]))).toEqual([]);
    expect(findings((net) => (net.record = [{ population: "drive", neurons: [2] }]))).toEqual([["TP2008", "/record/0/neurons/0"]]);
  });

  it("one_to_one of a population onto itself is allowed", () => {
    expect(findings((net) => net.projections.push({ ...net.projections[1], id: "self", pre: "inh", post: "inh", connect: { rule: "one_to_one" } }))).toEqual([]);
  });

  it("per-synapse values of a self all_to_all without autapses count n·(n-1)", () => {
    const selfAll = (count: number) => (net: Record<string, any>) => {
      net.projections.push({
        ...net.projections[1],
        id: "exc_exc",
        pre: "exc",
        post: "exc",
        connect: { rule: "all_to_all", autapses: false },
        delay: { values: Array.from({ length: count }, () => 1) },
      });
    };
    expect(findings(selfAll(12))).toEqual([]); // 4 · 3
    expect(findings(selfAll(16))).toEqual([["TP2013", "/projections/2/delay/values"]]);
  });

  it("per-synapse delays on a random rule are refused like weights", () => {
    expect(findings((net) => (net.projections[1].delay = { values: [1, 2] }))).toEqual([["TP2014", "/projections/1/delay/values"]]);
  });

  it("an unknown end suppresses the size checks that depend on it", () => {
    const net = (edit: (n: Record<string, any>) => void) => findings(edit).map(([code]) => code);
    expect(net((n) => Object.assign(n.projections[1], { pre: "nobody", connect: { rule: "one_to_one" } }))).toEqual(["TP2003"]);
    expect(net((n) => Object.assign(n.projections[1], { post: "nobody", connect: { rule: "fixed_indegree", indegree: 9 } }))).toEqual(["TP2004"]);
  });

  it("empty astrocyte and plasticity sections are accepted", () => {
    expect(findings((net) => Object.assign(net, { astrocytes: [], tripartite: [], plasticity: [] }))).toEqual([]);
  });

  it("reports every finding of a rule, not the first one", () => {
    const codes = findings((net) => {
      net.projections[0].pre = "x1";
      net.projections[1].pre = "x2";
      net.projections.push({ ...net.projections[1], id: "third", pre: "x3" });
    });
    expect(codes).toEqual([
      ["TP2003", "/projections/0/pre"],
      ["TP2003", "/projections/1/pre"],
      ["TP2003", "/projections/2/pre"],
    ]);
  });

  it("a repeated id points back at its first use", () => {
    const net = base();
    net.populations[1].id = "drive";
    net.projections[1].post = "exc";
    const [d] = loadNetwork(JSON.stringify(net)).diagnostics;
    expect(d).toMatchObject({ code: "TP2001", path: "/inputs/0/id", related: [{ path: "/populations/1/id", message: "first use of the id" }] });
    expect(d.message).toBe("Id 'drive' names both populations[1] and inputs[0]; population and input ids must be unique.");
  });
});

describe("helpers", () => {
  const document = base() as unknown as NetworkDocument;
  const scope = scopeOf(document);

  it("counts the synapses a rule fixes up front", () => {
    expect(scope.steps).toBe(100);
    expect(fixedSynapseCount(projection({ id: "a", pre: "drive", post: "exc", connect: { rule: "all_to_all" } }), scope)).toBe(8); // 2 · 4
    expect(fixedSynapseCount(projection({ id: "b", pre: "exc", post: "exc", connect: { rule: "all_to_all", autapses: false } }), scope)).toBe(12); // 4 · 3
    expect(fixedSynapseCount(projection({ id: "c", pre: "exc", post: "exc", connect: { rule: "all_to_all", autapses: true } }), scope)).toBe(16);
    expect(fixedSynapseCount(projection({ id: "d", pre: "drive", post: "inh", connect: { rule: "one_to_one" } }), scope)).toBe(2);
    expect(fixedSynapseCount(projection({ id: "e", pre: "exc", post: "inh", connect: { rule: "one_to_one" } }), scope)).toBeUndefined();
    expect(fixedSynapseCount(projection({ id: "f", pre: "x", post: "y", connect: { rule: "explicit", pairs: [[0, 0], [1, 1], [0, 1]] } }), scope)).toBe(3);
    expect(fixedSynapseCount(projection({ id: "g", pre: "exc", post: "inh", connect: { rule: "fixed_indegree", indegree: 2 } }), scope)).toBeUndefined();
  });

  it("suggests a close name and nothing for a distant one", () => {
    expect(closestName("exitatory", ["excitatory", "inhibitory"])).toBe("excitatory");
    expect(closestName("all-to-all", ["all_to_all", "one_to_one"])).toBe("all_to_all");
    expect(closestName("Exc", ["exc", "inh"])).toBe("exc");
    expect(closestName("zzz", ["exc", "inh"])).toBeUndefined();
    expect(closestName("", [])).toBeUndefined();
  });

  it("formats counts and computed numbers for messages", () => {
    expect(plural(1, "pair")).toBe("1 pair");
    expect(plural(0, "pair")).toBe("0 pairs");
    expect(plural(2, "entry", "entries")).toBe("2 entries");
    expect(formatNumber(0.1 * 3)).toBe("0.3");
    expect(formatNumber(201 * 0.5)).toBe("100.5");
  });

  it("names every rule once, in kebab case", () => {
    const names = NETWORK_RULES.map((rule) => rule.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});

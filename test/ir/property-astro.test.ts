// Random neuron–astrocyte networks, valid and mutated, never make the loader throw (it returns a
// network or diagnostics from the catalogue), and elaboration never throws on a network the
// loader accepted. Networks too large to elaborate in a test are loaded but not elaborated: the
// property is about checks the rules must make, not about memory.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadNetwork } from "../../src/ir/load.js";
import { elaborate } from "../../src/ir/elaborate.js";
import { NETWORK_CODES } from "../../src/ir/codes/network.js";
import type { Checked } from "../../src/ir/types.js";

const SEED = 20_261_127;
const RUNS = 250;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const fixture = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "fixtures", "wm2021-small.network.json"), "utf8")) as any;

/** The fixture and variants that reach the other territories, models, couplings and currents. */
function bases(): Json[] {
  const variants: ((doc: any) => void)[] = [
    () => {},
    (doc) => {
      doc.astrocytes[0] = {
        id: "astro",
        model: "lr1994",
        size: 4,
        territory: { kind: "pool", population: "neurons", pool_type: "block", pool_size: 1, p: 0.7 },
        gate: { ca_threshold: 0.2, window: 5, check_period: 0.5, hold: 10 },
      };
      doc.tripartite = [
        { id: "t", astrocytes: "astro", projection: "recurrent", by: "pool", pool: { pool_type: "random", pool_size: 2, p: 0.5, seed: 3 }, effect: { kind: "suppressive", k: 0.5, graded: { ca_low: 0.1, ca_high: 0.3 } } },
        { id: "sic", astrocytes: "astro", population: "neurons", effect: { kind: "sic", scale: 1, threshold: 0.19669 } },
      ];
      doc.record = [{ population: "astro", state: ["ip3"] }];
    },
    (doc) => {
      doc.astrocytes[0].model = "reduced";
      doc.astrocytes[0].params = { tau_ip3: 100, tau_ca: 50, ip3_rest: 0.16, ca_rest: 0.07, ip3_threshold: 0.3, gain: 2 };
      doc.astrocytes[0].grid = undefined;
      delete doc.astrocytes[0].grid;
      doc.astrocytes[0].size = 3;
      doc.astrocytes[0].territory = { kind: "lists", population: "neurons", neurons: [[0, 1, 2], [2, 3], []] };
      doc.astrocytes[0].coupling = { kind: "pairs", pairs: [[0, 1], [1, 2]], d_ca: 0.1, d_ip3: 0.1, order: "jacobi" };
      doc.astrocytes[0].sensing = { kind: "spike_jump", delta_ip3: 0.5, weight: 1 };
      doc.astrocytes[0].owner = "first";
      doc.astrocytes[0].gate.min_coincident = 2;
      doc.tripartite[0].by = "pre";
      doc.tripartite[0].effect = { kind: "multiplicative", k: 1 };
      doc.currents[0] = { id: "pattern", kind: "pulses", population: "neurons", neuron: [0, 5, 5], start: [1, 2, 2.5], duration: [1, 3, 0.2], amplitude: [10, 20, -5] };
    },
    (doc) => {
      // A second Izhikevich population: currents and conductance synapses onto it (LIF populations
      // cannot join a neuron–astrocyte network, TP2067).
      doc.populations.push({ id: "lif", model: "izhikevich", size: 3, params: { a: 0.02, b: 0.2, c: -65, d: 8 }, glutamate: { decay_rate: 1, release_rate: 1 } });
      doc.projections.push({ id: "to_lif", pre: "neurons", post: "lif", connect: { rule: "fixed_indegree", indegree: 5 }, weight: 0.01, synapse: { kind: "sigmoid_conductance", e_rev: -80, k: 0.2 } });
      doc.currents.push({ id: "bias", kind: "steps", population: "lif", segments: [{ start: 0, stop: 50, values: [1, 2, 3] }] });
      doc.astrocytes[0].sensing = { kind: "glutamate_sum", min_sum: 1, gain: 0.1 };
    },
  ];
  return variants.map((edit) => {
    const doc = structuredClone(fixture);
    edit(doc);
    return doc as Json;
  });
}
const BASES = bases();

/** Every path to a value in `document`, the root excluded. */
function paths(document: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof document !== "object" || document === null) return [];
  const entries: [string | number, Json][] = Array.isArray(document) ? document.map((v, i) => [i, v]) : Object.entries(document);
  return entries.flatMap(([key, value]) => [[...prefix, key], ...paths(value, [...prefix, key])]);
}

/** "number" replaces a numeric leaf only, so most such networks stay schema-valid and reach the rules. */
type Mutation = { kind: "set"; value: Json } | { kind: "delete" } | { kind: "add"; key: string; value: Json } | { kind: "number"; value: number };

function mutate(document: Json, pick: number, mutation: Mutation): Json {
  const copy = structuredClone(document);
  const leafOf = (path: (string | number)[]): unknown => path.reduce<any>((node, key) => node[key], copy);
  const all = mutation.kind === "number" ? paths(copy).filter((path) => typeof leafOf(path) === "number") : paths(copy);
  if (all.length === 0) return copy;
  const path = all[pick % all.length];
  let parent: any = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  const last = path[path.length - 1];
  if (mutation.kind === "set" || mutation.kind === "number") parent[last] = mutation.value;
  else if (mutation.kind === "delete") {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (typeof parent[last] === "object" && parent[last] !== null && !Array.isArray(parent[last])) parent[last][mutation.key] = mutation.value;
  else parent[last] = mutation.value;
  return copy;
}

/** Numbers that hit the rules' edges: indices at and past sizes, dt multiples and not, signs. */
const edgeNumber = fc.oneof(
  fc.constantFrom(0, -1, 1, 2, 3, 4, 8, 9, 10, 11, 99, 100, 101, 0.05, 0.1, 0.15, 0.25, 0.3, 1e-9, 1000),
  fc.double({ min: -200, max: 200, noNaN: true }),
  fc.integer({ min: -3, max: 120 }),
);
const edgeValue: fc.Arbitrary<Json> = fc.oneof(
  edgeNumber,
  fc.constantFrom<Json>("neurons", "astro", "recurrent", "lif", "grid", "pairs", "pool", "post", "pre", "block", "random", null, true, false, [], {}),
  fc.tuple(edgeNumber, edgeNumber).map(([a, b]) => [a, b]),
  fc.array(fc.integer({ min: -1, max: 101 }), { maxLength: 4 }),
  fc.record({ uniform: fc.tuple(edgeNumber, edgeNumber) }).map((r) => ({ uniform: [r.uniform[0], r.uniform[1]] })),
  fc.record({ values: fc.array(edgeNumber, { maxLength: 5 }) }),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: edgeNumber.map((value) => ({ kind: "number" as const, value })), weight: 4 },
  edgeValue.map((value) => ({ kind: "set" as const, value })),
  fc.constant({ kind: "delete" as const }),
  fc.tuple(fc.constantFrom("grid", "glutamate", "pool", "pairs", "graded", "period", "seed", "values", "value", "owner", "spike_threshold"), edgeValue).map(([key, value]) => ({
    kind: "add" as const,
    key,
    value,
  })),
);

/** Small enough to elaborate in a unit test. */
function affordable(net: Checked): boolean {
  const neurons = net.populations.reduce((sum, p) => sum + p.size, 0);
  const steps = net.run.duration / net.run.dt;
  const impulses = net.currents.reduce((sum, c) => sum + (c.kind === "impulses" ? c.count : 0), 0);
  const candidates = net.projections.reduce((sum, p) => sum + (p.connect.rule === "grid_distance" ? (p.connect.candidates ?? 0) : 0), 0);
  return neurons <= 10_000 && steps <= 100_000 && impulses <= 1000 && candidates <= 100_000;
}

function check(document: Json): void {
  const text = JSON.stringify(document, null, 2) ?? "";
  const result = loadNetwork(text, { file: "fuzz.json" });
  for (const d of result.diagnostics) {
    expect(Object.keys(NETWORK_CODES)).toContain(d.code);
    expect(d.message).toMatch(/\.$/);
    expect(d.line).toBeGreaterThanOrEqual(1);
  }
  expect(result.ok).toBe(!result.diagnostics.some((d) => d.severity === "error"));
  if (!result.ok || !affordable(result.value)) return;
  const again = loadNetwork(JSON.stringify(result.value));
  expect(again.ok && again.value).toEqual(result.value);
  elaborate(result.value); // must not throw
}

describe("neuron–astrocyte networks", () => {
  it("the unmutated variants load clean and elaborate", () => {
    for (const base of BASES) {
      const result = loadNetwork(JSON.stringify(base));
      expect(result.diagnostics).toEqual([]);
      check(base);
    }
  });

  it("mutated networks never make the loader or elaboration throw", () => {
    fc.assert(
      fc.property(fc.constantFrom(...BASES), fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 3 }), (base, steps) => {
        let document = base;
        for (const [pick, step] of steps) document = mutate(document, pick, step);
        check(document);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

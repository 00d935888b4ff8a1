// Structure of each connectivity rule, CSR invariants, and the independence of projection streams.
import { describe, expect, it } from "vitest";
import { elaborate } from "../../src/ir/elaborate.js";
import type { Connectivity } from "../../src/ir/types.js";
import { expectCsrInvariants, network, pairsOf, population, projection } from "./build.js";

/** The synapses of a single projection `pre → post` with the given rule. */
function synapsesOf(connect: Connectivity, preSize: number, postSize: number, recurrent = false, seed = 1) {
  const populations = recurrent ? [population("a", preSize)] : [population("a", preSize), population("b", postSize)];
  const net = elaborate(
    network({ run: { dt: 1, duration: 10, seed }, populations, projections: [projection("p", "a", recurrent ? "a" : "b", connect)] }),
  );
  const { synapses } = net.projections[0];
  expectCsrInvariants(synapses, preSize, postSize);
  return synapses;
}

/** Binomial bounds mean ± 5 standard deviations. */
function within5Sigma(count: number, trials: number, p: number): void {
  const mean = trials * p;
  const sigma = Math.sqrt(trials * p * (1 - p));
  expect(count).toBeGreaterThanOrEqual(mean - 5 * sigma);
  expect(count).toBeLessThanOrEqual(mean + 5 * sigma);
}

describe("all_to_all", () => {
  it("connects every pair, pre-major with posts ascending", () => {
    const csr = synapsesOf({ rule: "all_to_all" }, 3, 4);
    expect(pairsOf(csr)).toEqual([0, 1, 2].flatMap((i) => [0, 1, 2, 3].map((j) => [i, j])));
  });

  it("keeps autapses by default in a recurrent projection", () => {
    expect(synapsesOf({ rule: "all_to_all" }, 4, 4, true).post.length).toBe(16);
  });

  it("leaves the diagonal out when autapses are disabled", () => {
    const pairs = pairsOf(synapsesOf({ rule: "all_to_all", autapses: false }, 4, 4, true));
    expect(pairs.length).toBe(12);
    expect(pairs.filter(([i, j]) => i === j)).toEqual([]);
  });

  it("ignores autapses: false between different populations", () => {
    expect(synapsesOf({ rule: "all_to_all", autapses: false }, 4, 4).post.length).toBe(16);
  });
});

describe("one_to_one", () => {
  it("connects pre i to post i only", () => {
    const csr = synapsesOf({ rule: "one_to_one" }, 5, 5);
    expect(Array.from(csr.rowStart)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(csr.post)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("explicit", () => {
  it("sorts pairs into rows with posts ascending and keeps values in list order", () => {
    const net = elaborate(
      network({
        populations: [population("a", 3), population("b", 2)],
        projections: [
          projection("p", "a", "b", { rule: "explicit", pairs: [[2, 0], [0, 1], [2, 1], [0, 0], [2, 0]] }, {
            weight: { values: [1, 2, 3, 4, 5] },
            delay: { values: [10, 20, 30, 40, 50] },
          }),
        ],
      }),
    );
    const csr = net.projections[0].synapses;
    expectCsrInvariants(csr, 3, 2);
    expect(Array.from(csr.rowStart)).toEqual([0, 2, 2, 5]);
    expect(Array.from(csr.post)).toEqual([0, 1, 0, 0, 1]);
    // Row 0: (0,0) is pair 3, (0,1) pair 1; row 2: (2,0) pairs 0 and 4 in list order, (2,1) pair 2.
    expect(Array.from(csr.weight)).toEqual([4, 2, 1, 5, 3]);
    expect(Array.from(csr.delay)).toEqual([40, 20, 10, 50, 30]);
  });
});

describe("fixed_indegree", () => {
  it("gives every post exactly `indegree` distinct pres", () => {
    const csr = synapsesOf({ rule: "fixed_indegree", indegree: 7 }, 50, 40);
    expect(csr.post.length).toBe(7 * 40);
    const presOf = Array.from({ length: 40 }, () => new Set<number>());
    for (const [i, j] of pairsOf(csr)) presOf[j].add(i);
    expect(presOf.map((set) => set.size)).toEqual(new Array(40).fill(7));
  });

  it("never draws the post itself when autapses are disabled, even at indegree n - 1", () => {
    const pairs = pairsOf(synapsesOf({ rule: "fixed_indegree", indegree: 29, autapses: false }, 30, 30, true));
    expect(pairs.length).toBe(30 * 29);
    expect(pairs.filter(([i, j]) => i === j)).toEqual([]);
    expect(new Set(pairs.map(([i, j]) => i * 30 + j)).size).toBe(30 * 29); // every off-diagonal pair once
  });

  it("draws every pre about equally often", () => {
    // 1000 posts × 10 of 100 pres: each pre's out-degree is Binomial(1000, 0.1).
    const csr = synapsesOf({ rule: "fixed_indegree", indegree: 10 }, 100, 1000);
    for (let i = 0; i < 100; i++) within5Sigma(csr.rowStart[i + 1] - csr.rowStart[i], 1000, 0.1);
  });

  it("assigns weight values in connection order: post-major, pre ascending", () => {
    const count = 6 * 4;
    const net = elaborate(
      network({
        populations: [population("a", 9), population("b", 4)],
        projections: [
          projection("p", "a", "b", { rule: "fixed_indegree", indegree: 6 }, { weight: { values: Array.from({ length: count }, (_, c) => c) } }),
        ],
      }),
    );
    const csr = net.projections[0].synapses;
    const intoPost = Array.from({ length: 4 }, () => [] as [number, number][]);
    pairsOf(csr).forEach(([i, j], k) => intoPost[j].push([i, csr.weight[k]]));
    intoPost.forEach((entries, j) => {
      entries.sort((x, y) => x[0] - y[0]);
      expect(entries.map(([, w]) => w)).toEqual([0, 1, 2, 3, 4, 5].map((m) => j * 6 + m));
    });
  });
});

describe("fixed_probability", () => {
  it("connects every pair at p = 1 and none at p = 0", () => {
    expect(synapsesOf({ rule: "fixed_probability", p: 1 }, 20, 30).post.length).toBe(600);
    expect(synapsesOf({ rule: "fixed_probability", p: 1, autapses: false }, 20, 20, true).post.length).toBe(380);
    expect(synapsesOf({ rule: "fixed_probability", p: 0 }, 20, 30).post.length).toBe(0);
  });

  it("draws a count within 5 sigma of the binomial mean at small p", () => {
    within5Sigma(synapsesOf({ rule: "fixed_probability", p: 0.001 }, 1000, 1000).post.length, 1e6, 0.001);
  });

  it("leaves out the diagonal when autapses are disabled", () => {
    const pairs = pairsOf(synapsesOf({ rule: "fixed_probability", p: 0.2, autapses: false }, 300, 300, true));
    expect(pairs.filter(([i, j]) => i === j)).toEqual([]);
    within5Sigma(pairs.length, 300 * 299, 0.2);
  });

  it("elaborates a million synapses with the expected count and spread", () => {
    const csr = synapsesOf({ rule: "fixed_probability", p: 0.5 }, 1000, 2000);
    within5Sigma(csr.post.length, 2e6, 0.5);
    let lowHalf = 0;
    for (let k = 0; k < csr.post.length; k++) if (csr.post[k] < 1000) lowHalf++;
    within5Sigma(lowHalf, 1e6, 0.5); // columns 0..999 are half of the pairs
    let firstRows = 0;
    for (let i = 0; i < 500; i++) firstRows += csr.rowStart[i + 1] - csr.rowStart[i];
    within5Sigma(firstRows, 1e6, 0.5); // rows 0..499 are half of the pairs
    let repeats = 0; // ascending within rows (checked above) and no pair twice
    for (let i = 0; i < 1000; i++) {
      for (let k = csr.rowStart[i] + 1; k < csr.rowStart[i + 1]; k++) if (csr.post[k] === csr.post[k - 1]) repeats++;
    }
    expect(repeats).toBe(0);
  });
});

describe("projection streams", () => {
  const base = [
    projection("first", "a", "b", { rule: "fixed_probability", p: 0.1 }, { weight: { uniform: [0, 1] } }),
    projection("second", "a", "c", { rule: "fixed_probability", p: 0.3 }),
  ];
  const populations = [population("a", 100), population("b", 80), population("c", 60)];

  it("does not change one projection when another's parameters change or one is added", () => {
    const before = elaborate(network({ populations, projections: base })).projections[0].synapses;
    const changed = elaborate(
      network({
        populations,
        projections: [
          projection("extra", "a", "c", { rule: "fixed_indegree", indegree: 5 }),
          base[0],
          { ...base[1], connect: { rule: "fixed_probability", p: 0.5 }, weight: { normal: { mean: 1, std: 1 } }, delay: { uniform: [0, 3] } },
        ],
      }),
    ).projections[1].synapses;
    expect(changed).toEqual(before);
  });

  it("keeps the connectivity when only the weight distribution changes", () => {
    const before = elaborate(network({ populations, projections: base })).projections[0].synapses;
    const after = elaborate(network({ populations, projections: [{ ...base[0], weight: { normal: { mean: 2, std: 1 } } }, base[1]] }))
      .projections[0].synapses;
    expect(after.post).toEqual(before.post);
    expect(after.rowStart).toEqual(before.rowStart);
    expect(after.weight).not.toEqual(before.weight);
  });

  it("gives the same bits for the same seed and other synapses for another seed", () => {
    const run = (seed: number) => elaborate(network({ run: { dt: 1, duration: 10, seed }, populations, projections: base }));
    expect(run(1).projections).toEqual(run(1).projections);
    expect(run(2).projections[0].synapses.post).not.toEqual(run(1).projections[0].synapses.post);
  });

  it("uses the projection's own seed instead of the run seed when it has one", () => {
    const seeded = [{ ...base[0], seed: 99 }, base[1]];
    const run = (seed: number) => elaborate(network({ run: { dt: 1, duration: 10, seed }, populations, projections: seeded }));
    expect(run(2).projections[0].synapses).toEqual(run(1).projections[0].synapses);
  });
});

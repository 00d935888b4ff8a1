// Elaboration of the neuron–astrocyte parts: the facts below are derived by hand from the
// WM2021 patch geometry, the update-order notes (../shared/research/wm2021-update-order.md) and
// the docs, not read back from the implementation.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadNetwork } from "../../src/ir/load.js";
import { elaborate } from "../../src/ir/elaborate.js";
import type { Checked } from "../../src/ir/types.js";
import type { ElaboratedNetwork } from "../../src/ir/elaborated.js";
import { ULLAH_WM2021_INITIAL } from "../../src/ir/astro-types.js";
import { Rng } from "../../src/util/rng.js";

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), "..", "ir", "fixtures", "wm2021-small.network.json");
const text = readFileSync(FIXTURE, "utf8");

function load(json: string): Checked {
  const result = loadNetwork(json);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 1));
  return result.value;
}

/** The fixture with `edit` applied to its parsed JSON. */
function variant(edit: (doc: any) => void): Checked {
  const doc = JSON.parse(text);
  edit(doc);
  return load(JSON.stringify(doc));
}

const net: ElaboratedNetwork = elaborate(load(text));
const astro = net.astrocytes[0];
const rows = 10; // neuron grid rows
const neuron = (row: number, col: number) => row + rows * col;
const astrocyte = (row: number, col: number) => row + 3 * col;
const territoryOf = (a: number) => Array.from(astro.territory.neuron.subarray(astro.territory.rowStart[a], astro.territory.rowStart[a + 1]));
const neighboursOf = (a: number) => {
  const n = astro.coupling!.neighbours;
  return Array.from(n.neighbour.subarray(n.rowStart[a], n.rowStart[a + 1]));
};

describe("izhikevich populations", () => {
  it("start at the given V and at U = 0", () => {
    const p = net.populations[0];
    expect(p.model).toBe("izhikevich");
    if (p.model !== "izhikevich") return;
    expect([...new Set(p.initialV)]).toEqual([-70]);
    expect([...new Set(p.initialU)]).toEqual([0]);
    expect(p.grid).toEqual([10, 10]);
    expect(p.glutamate).toEqual({ decay_rate: 10, release_rate: 600, release: "at_peak" });
  });

  it("start at V = c when no initial V is given", () => {
    const p = elaborate(variant((doc) => delete doc.populations[0].initial)).populations[0];
    expect([...new Set(p.initialV)]).toEqual([-65]);
  });
});

describe("astrocyte geometry (4 × 4 patches, stride 3, on a 3 × 3 astrocyte grid over 10 × 10 neurons)", () => {
  it("astrocyte (0, 0) covers neuron rows 0-3 and columns 0-3, ascending", () => {
    const expected: number[] = [];
    for (let c = 0; c < 4; c++) for (let r = 0; r < 4; r++) expected.push(neuron(r, c));
    expect(territoryOf(astrocyte(0, 0))).toEqual(expected.sort((a, b) => a - b));
  });

  it("astrocyte (2, 1) covers rows 6-9 and columns 3-6", () => {
    const cover = territoryOf(astrocyte(2, 1));
    expect(cover).toHaveLength(16);
    expect(cover.every((n) => n % rows >= 6 && n % rows <= 9 && Math.floor(n / rows) >= 3 && Math.floor(n / rows) <= 6)).toBe(true);
  });

  it("the neuron at row 3, column 3 lies in 4 patches and, with owner 'last', takes astrocyte (1, 1)", () => {
    const n = neuron(3, 3);
    const covering = [0, 1, 2, 3, 4, 5, 6, 7, 8].filter((a) => territoryOf(a).includes(n));
    expect(covering.sort()).toEqual([astrocyte(0, 0), astrocyte(1, 0), astrocyte(0, 1), astrocyte(1, 1)].sort());
    // sweep order is row-major: (0,0), (0,1), (0,2), (1,0), (1,1), ... so (1,1) comes last of the four
    expect(astro.ownerOf[n]).toBe(astrocyte(1, 1));
  });

  it("with owner 'first' the same neuron takes astrocyte (0, 0); every neuron has an owner (the patches tile the grid)", () => {
    const first = elaborate(variant((doc) => (doc.astrocytes[0].owner = "first"))).astrocytes[0];
    expect(first.ownerOf[neuron(3, 3)]).toBe(astrocyte(0, 0));
    expect(Math.min(...first.ownerOf)).toBe(0);
    expect(Math.min(...astro.ownerOf)).toBe(0);
  });

  it("sweeps row-major: row outer, column inner", () => {
    expect(Array.from(astro.sweep)).toEqual([0, 3, 6, 1, 4, 7, 2, 5, 8]);
  });

  it("gives a corner 2 grid neighbours and the centre 4, in up, down, left, right order", () => {
    expect(neighboursOf(astrocyte(0, 0))).toEqual([astrocyte(1, 0), astrocyte(0, 1)]); // down, right
    expect(neighboursOf(astrocyte(2, 2))).toEqual([astrocyte(1, 2), astrocyte(2, 1)]); // up, left
    expect(neighboursOf(astrocyte(1, 1))).toEqual([astrocyte(0, 1), astrocyte(2, 1), astrocyte(1, 0), astrocyte(1, 2)]);
  });

  it("converts the timing to steps of 0.1 ms and fills the WM2021 initial state", () => {
    expect(astro.periodSteps).toBe(1);
    expect(astro.sensing).toMatchObject({ kind: "glutamate_count", durationSteps: 600 });
    expect(astro.gate).toMatchObject({ windowSteps: 100, checkSteps: 10, holdSteps: 2500, min_coincident: 6 });
    expect([...new Set(astro.initialCa)]).toEqual([ULLAH_WM2021_INITIAL.ca]);
    expect([...new Set(astro.initialH)]).toEqual([ULLAH_WM2021_INITIAL.h]);
    expect([...new Set(astro.initialIp3)]).toEqual([ULLAH_WM2021_INITIAL.ip3]);
    expect(astro.coupling?.order).toBe("gauss-seidel");
  });

  it("couples pairs both ways, ascending, once per pair", () => {
    const paired = elaborate(
      variant((doc) => {
        doc.astrocytes[0].coupling = { kind: "pairs", pairs: [[4, 0], [0, 8], [8, 0], [2, 4]], d_ca: 0.1, d_ip3: 0.1 };
      }),
    ).astrocytes[0].coupling!.neighbours;
    const of = (a: number) => Array.from(paired.neighbour.subarray(paired.rowStart[a], paired.rowStart[a + 1]));
    expect([of(0), of(2), of(4), of(8), of(1)]).toEqual([[4, 8], [4], [0, 2], [0], []]);
  });
});

describe("lists territories and owner rules", () => {
  const listed = elaborate(
    variant((doc) => {
      doc.astrocytes[0] = {
        id: "astro",
        model: "reduced",
        params: { tau_ip3: 100, tau_ca: 50, ip3_rest: 0.16, ca_rest: 0.07, ip3_threshold: 0.3, gain: 2 },
        size: 3,
        territory: { kind: "lists", population: "neurons", neurons: [[5, 1, 5], [], [1, 7]] },
        owner: "max",
        gate: { ca_threshold: 0.15, window: 10, check_period: 1, hold: 250 },
      };
    }),
  ).astrocytes[0];

  it("sorts each list and drops repeats; without a grid the sweep is index order", () => {
    expect(Array.from(listed.territory.rowStart)).toEqual([0, 2, 2, 4]);
    expect(Array.from(listed.territory.neuron)).toEqual([1, 5, 1, 7]);
    expect(Array.from(listed.sweep)).toEqual([0, 1, 2]);
  });

  it("'max' stores the last covering astrocyte; uncovered neurons have none", () => {
    expect(listed.ownerRule).toBe("max");
    expect([listed.ownerOf[1], listed.ownerOf[5], listed.ownerOf[7], listed.ownerOf[0]]).toEqual([2, 0, 2, -1]);
  });

  it("starts the reduced model at rest with h = 1", () => {
    expect([listed.initialCa[0], listed.initialH[0], listed.initialIp3[0]]).toEqual([0.07, 1, 0.16]);
  });
});

describe("tripartite couplings", () => {
  it("give each synapse the gate owner of its postsynaptic neuron ('post')", () => {
    const [coupling] = net.tripartite;
    expect(coupling.target).toBe("synapses");
    if (coupling.target !== "synapses") return;
    const { post } = net.projections[0].synapses;
    expect(coupling.astrocyteOf).toHaveLength(post.length);
    for (let c = 0; c < post.length; c++) expect(coupling.astrocyteOf[c]).toBe(astro.ownerOf[post[c]]);
  });

  it("give each synapse the owner of its presynaptic neuron ('pre')", () => {
    const pre = elaborate(variant((doc) => (doc.tripartite[0].by = "pre")));
    const coupling = pre.tripartite[0];
    if (coupling.target !== "synapses") throw new Error("synapse coupling expected");
    const { rowStart } = pre.projections[0].synapses;
    for (let i = 0; i < 100; i++) {
      for (let c = rowStart[i]; c < rowStart[i + 1]; c++) expect(coupling.astrocyteOf[c]).toBe(pre.astrocytes[0].ownerOf[i]);
    }
  });

  it("pair by block pools of one astrocyte per neuron with p = 1: the astrocyte of the post neuron's block", () => {
    // 100 neurons, 4 astrocytes, pool_size 1: each astrocyte serves 25 consecutive neurons
    const pooled = elaborate(
      variant((doc) => {
        doc.astrocytes[0] = { id: "astro", model: "lr1994", size: 4, territory: { kind: "pool", population: "neurons", pool_type: "block", pool_size: 1, p: 1 } };
        doc.tripartite[0] = { id: "t", astrocytes: "astro", projection: "recurrent", by: "pool", pool: { pool_type: "block", pool_size: 1, p: 1 }, effect: { kind: "multiplicative", k: 1 } };
        doc.record = [];
      }),
    );
    const coupling = pooled.tripartite[0];
    if (coupling.target !== "synapses") throw new Error("synapse coupling expected");
    const { post } = pooled.projections[0].synapses;
    for (let c = 0; c < post.length; c++) expect(coupling.astrocyteOf[c]).toBe(Math.floor(post[c] / 25));
    const a = pooled.astrocytes[0];
    expect(Array.from(a.territory.rowStart)).toEqual([0, 25, 50, 75, 100]);
    expect(a.ownerOf[99]).toBe(3);
  });

  it("pair random pools with p = 0.5: about half the neurons, each with an astrocyte of the population; p = 0 pairs none", () => {
    const make = (p: number, seed?: number) =>
      elaborate(
        variant((doc) => {
          doc.astrocytes[0] = { id: "astro", model: "lr1994", size: 9, territory: { kind: "pool", population: "neurons", pool_type: "random", pool_size: 3, p, ...(seed !== undefined ? { seed } : {}) } };
          doc.tripartite = [];
          doc.record = [];
        }),
      ).astrocytes[0];
    const half = make(0.5);
    const paired = half.ownerOf.filter((a) => a >= 0).length;
    expect(paired).toBeGreaterThan(30); // Binomial(100, 0.5): mean 50, sd 5
    expect(paired).toBeLessThan(70);
    expect(half.territory.neuron).toHaveLength(paired);
    expect(Math.max(...half.ownerOf)).toBeLessThan(9);
    expect(make(0).ownerOf.every((a) => a === -1)).toBe(true);
    expect(Array.from(make(0.5, 3).ownerOf)).toEqual(Array.from(make(0.5, 3).ownerOf));
    expect(Array.from(make(0.5, 3).ownerOf)).not.toEqual(Array.from(make(0.5, 4).ownerOf));
  });

  it("a neuron effect names the population it acts on", () => {
    const effect = elaborate(
      variant((doc) => (doc.tripartite[0] = { id: "sic", astrocytes: "astro", population: "neurons", effect: { kind: "sic", scale: 1, threshold: 0.19669 } })),
    ).tripartite[0];
    expect(effect).toEqual({ id: "sic", index: 0, target: "neurons", astrocytes: 0, population: 0, effect: { kind: "sic", scale: 1, threshold: 0.19669 } });
  });
});

describe("grid_distance connectivity", () => {
  const { rowStart, post } = net.projections[0].synapses;

  it("has no self loops, only targets on the grid, at most outdegree per row, posts ascending", () => {
    for (let i = 0; i < 100; i++) {
      const row = Array.from(post.subarray(rowStart[i], rowStart[i + 1]));
      expect(row.length).toBeLessThanOrEqual(4);
      expect(row).not.toContain(i);
      expect(row.every((t) => t >= 0 && t < 100)).toBe(true);
      expect(row).toEqual([...new Set(row)].sort((a, b) => a - b));
    }
  });

  it("finds all 4 targets for every neuron when 40,000 candidates are drawn (mean distance 2 on a 10 × 10 grid)", () => {
    expect(post.length).toBe(400);
  });

  it("gives neuron 0 the targets of an independent draw-all-then-filter reading of the rule", () => {
    // the authors' order: draw the candidates, drop repeated offsets, keep those inside the grid
    // and not (0, 0), take the first outdegree; neuron 0 reads the projection's stream from its start
    const rng = Rng.derive(7, "projection:recurrent");
    const offsets: string[] = [];
    for (let k = 0; k < 200; k++) {
      const radius = -2 * Math.log(rng.nextFloatOpenZero());
      const angle = 2 * Math.PI * rng.nextFloat();
      offsets.push(`${Math.trunc(radius * Math.cos(angle))},${Math.trunc(radius * Math.sin(angle))}`);
    }
    const targets = [...new Set(offsets)]
      .map((offset) => offset.split(",").map(Number))
      .filter(([dr, dc]) => !(dr === 0 && dc === 0) && dr >= 0 && dr < 10 && dc >= 0 && dc < 10) // neuron 0 is at row 0, column 0
      .slice(0, 4)
      .map(([dr, dc]) => dr + rows * dc);
    expect(Array.from(post.subarray(rowStart[0], rowStart[1]))).toEqual(targets.sort((a, b) => a - b));
  });

  it("is deterministic per seed and independent of another projection's seed", () => {
    const again = elaborate(load(text)).projections[0].synapses.post;
    expect(Array.from(again)).toEqual(Array.from(post));
    const withOther = elaborate(
      variant((doc) => {
        doc.projections.push({ ...doc.projections[0], id: "other", seed: 123 });
      }),
    ).projections[0].synapses.post;
    expect(Array.from(withOther)).toEqual(Array.from(post));
    const reseeded = elaborate(variant((doc) => (doc.projections[0].seed = 99))).projections[0].synapses.post;
    expect(Array.from(reseeded)).not.toEqual(Array.from(post));
  });

  it("stops at the candidates limit: one candidate per neuron gives at most one target each", () => {
    const sparse = elaborate(variant((doc) => (doc.projections[0].connect.candidates = 1))).projections[0].synapses;
    for (let i = 0; i < 100; i++) expect(sparse.rowStart[i + 1] - sparse.rowStart[i]).toBeLessThanOrEqual(1);
  });

  it("gives a conductance projection its kind, conductance and an excitatory sign", () => {
    const p = net.projections[0];
    expect([p.kind, p.conductance, p.sign, p.tauSyn]).toEqual(["sigmoid_conductance", { eRev: 0, k: 0.2 }, "excitatory", 0]);
    expect([...new Set(p.synapses.weight)]).toEqual([0.025]);
    expect([...new Set(p.synapses.delay)]).toEqual([0]);
  });
});

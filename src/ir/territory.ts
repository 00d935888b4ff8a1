/**
 * Astrocyte territories and NEST-style pools: which neurons each astrocyte covers (CSR, neurons
 * ascending) and which astrocyte a neuron or synapse is paired with. Deterministic given the Rng
 * streams it is handed; never reports user errors (the rules ran before).
 */
import type { Rng } from "../util/rng.js";
import { assert } from "../util/assert.js";
import type { Grid } from "./types.js";
import type { GateOwner, Territory } from "./astro-types.js";

export interface TerritoryCsr {
  readonly rowStart: Int32Array;
  readonly neuron: Int32Array;
}

export interface PoolSpec {
  readonly pool_type: "random" | "block";
  readonly pool_size: number;
  readonly p: number;
}

/** The sweep (update) order: row-major over a grid (row outer, column inner; index row + rows·col), else index order. */
export function sweepOrder(size: number, grid: Grid | undefined): Int32Array {
  const sweep = new Int32Array(size);
  if (grid === undefined) {
    for (let a = 0; a < size; a++) sweep[a] = a;
    return sweep;
  }
  const [rows, cols] = grid;
  let k = 0;
  for (let row = 0; row < rows; row++) for (let col = 0; col < cols; col++) sweep[k++] = row + rows * col;
  return sweep;
}

/**
 * Per astrocyte, its neurons. grid_patches: astrocyte (ar, ac) covers neuron rows
 * ar·stride[0] … ar·stride[0] + size[0] − 1 and columns likewise. lists: each list sorted, repeats
 * dropped. pool: see poolTerritory.
 */
export function territoryOf(
  territory: Territory,
  astrocyteCount: number,
  astrocyteGrid: Grid | undefined,
  neuronCount: number,
  neuronGrid: Grid | undefined,
  poolRng: () => { pools: Rng; pairing: Rng },
): TerritoryCsr {
  switch (territory.kind) {
    case "grid_patches": {
      assert(astrocyteGrid !== undefined && neuronGrid !== undefined, "grid_patches without grids");
      const [aRows] = astrocyteGrid;
      const [nRows, nCols] = neuronGrid;
      const [pRows, pCols] = territory.size;
      const [sRows, sCols] = territory.stride;
      const lists: number[][] = [];
      for (let a = 0; a < astrocyteCount; a++) {
        const ar = a % aRows;
        const ac = (a - ar) / aRows;
        const list: number[] = [];
        // column outer, row inner: ascending neuron index (row + nRows·col)
        for (let c = ac * sCols; c < ac * sCols + pCols; c++) {
          for (let r = ar * sRows; r < ar * sRows + pRows; r++) {
            assert(r < nRows && c < nCols, `patch of astrocyte ${a} leaves the neuron grid`);
            list.push(r + nRows * c);
          }
        }
        lists.push(list);
      }
      return toCsr(lists);
    }
    case "lists":
      assert(territory.neurons.length === astrocyteCount, "one territory list per astrocyte");
      return toCsr(territory.neurons.map((list) => [...new Set(list)].sort((x, y) => x - y)));
    case "pool": {
      const { pools, pairing } = poolRng();
      const partner = pairWithPools(territory, astrocyteCount, neuronCount, pools, pairing);
      const lists: number[][] = Array.from({ length: astrocyteCount }, () => []);
      partner.forEach((a, n) => {
        if (a >= 0) lists[a].push(n);
      });
      return toCsr(lists);
    }
  }
}

/**
 * NEST's third_factor_bernoulli_with_pool for one neuron after another (ascending): the neuron's
 * pool is fixed first (random: pool_size distinct astrocytes drawn by Floyd's algorithm from
 * `pools`, per neuron; block: astrocytes j·pool_size … when astrocytes = neurons·pool_size, else
 * astrocyte ⌊j / (neurons / astrocytes)⌋); then, from `pairing`, a Bernoulli(p) trial and, when it
 * succeeds, a uniform pick in the pool (no draw for a pool of one). Returns the partner
 * astrocyte per neuron, −1 = none.
 */
export function pairWithPools(pool: PoolSpec, astrocyteCount: number, neuronCount: number, pools: Rng, pairing: Rng): Int32Array {
  const table = poolTable(pool, astrocyteCount, neuronCount, pools);
  const partner = new Int32Array(neuronCount);
  for (let n = 0; n < neuronCount; n++) partner[n] = pick(pool, table, n, pairing);
  return partner;
}

/** Per synapse (CSR order), its astrocyte from the pool of its postsynaptic neuron, or −1. */
export function pairSynapses(pool: PoolSpec, astrocyteCount: number, postCount: number, post: Int32Array, pools: Rng, pairing: Rng): Int32Array {
  const table = poolTable(pool, astrocyteCount, postCount, pools);
  const partner = new Int32Array(post.length);
  for (let c = 0; c < post.length; c++) partner[c] = pick(pool, table, post[c], pairing);
  return partner;
}

/** The pool of every neuron: pool_size astrocyte indices each, neuron-major. */
function poolTable(pool: PoolSpec, astrocyteCount: number, neuronCount: number, rng: Rng): Int32Array {
  const k = pool.pool_size;
  assert(k >= 1 && k <= astrocyteCount, `pool_size ${k} outside 1..${astrocyteCount}`);
  const table = new Int32Array(neuronCount * k);
  if (pool.pool_type === "block") {
    const perNeuron = astrocyteCount === neuronCount * k;
    assert(perNeuron || (k === 1 && neuronCount % astrocyteCount === 0), "block pools do not split evenly");
    const neuronsPerAstrocyte = neuronCount / astrocyteCount;
    for (let n = 0; n < neuronCount; n++) {
      for (let m = 0; m < k; m++) table[n * k + m] = perNeuron ? n * k + m : Math.floor(n / neuronsPerAstrocyte);
    }
    return table;
  }
  const stamp = new Int32Array(astrocyteCount); // stamp[a] === n + 1: a already in the pool of n
  for (let n = 0; n < neuronCount; n++) {
    const base = n * k;
    for (let r = astrocyteCount - k, m = 0; r < astrocyteCount; r++, m++) {
      let t = rng.nextInt(r + 1);
      if (stamp[t] === n + 1) t = r;
      stamp[t] = n + 1;
      table[base + m] = t;
    }
    table.subarray(base, base + k).sort();
  }
  return table;
}

function pick(pool: PoolSpec, table: Int32Array, neuron: number, rng: Rng): number {
  if (!(rng.nextFloat() < pool.p)) return -1;
  const k = pool.pool_size;
  return table[neuron * k + (k === 1 ? 0 : rng.nextInt(k))];
}

/**
 * The astrocyte whose gate each neuron takes, −1 = none: "last" = the last astrocyte in sweep
 * order that covers it (the authors' overwrite order), "first" = the first. "max" stores the last
 * as well; engines OR the gates of every covering astrocyte, found through the territory CSR.
 */
export function ownersOf(territory: TerritoryCsr, sweep: Int32Array, neuronCount: number, rule: GateOwner): Int32Array {
  const owner = new Int32Array(neuronCount).fill(-1);
  for (const a of sweep) {
    for (let k = territory.rowStart[a]; k < territory.rowStart[a + 1]; k++) {
      const n = territory.neuron[k];
      if (rule !== "first" || owner[n] < 0) owner[n] = a;
    }
  }
  return owner;
}

function toCsr(lists: readonly (readonly number[])[]): TerritoryCsr {
  const rowStart = new Int32Array(lists.length + 1);
  lists.forEach((list, a) => (rowStart[a + 1] = rowStart[a] + list.length));
  const neuron = new Int32Array(rowStart[lists.length]);
  lists.forEach((list, a) => neuron.set(list, rowStart[a]));
  return { rowStart, neuron };
}

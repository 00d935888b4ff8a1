/**
 * Elaboration of astrocyte populations and tripartite couplings: periods and windows in steps,
 * initial state drawn, sweep order, coupling neighbours, territories and gate owners, and the
 * astrocyte of every coupled synapse. Never reports user errors (the rules ran before); draws come
 * from Rng.derive streams named after the element, so one element's draws never move another's.
 */
import { Rng } from "../util/rng.js";
import { assert } from "../util/assert.js";
import type { Grid, RunSettings } from "./types.js";
import type { AstrocytePopulation, Coupling, Tripartite } from "./astro-types.js";
import type { ElaboratedAstrocytes, ElaboratedPopulation, ElaboratedProjection, ElaboratedTripartite, NeighbourCsr } from "./elaborated.js";
import { valueSampler } from "./elaborate.js";
import { ownersOf, pairSynapses, sweepOrder, territoryOf } from "./territory.js";

export function elaborateAstrocytes(
  astrocytes: AstrocytePopulation,
  index: number,
  populations: readonly ElaboratedPopulation[],
  run: RunSettings,
): ElaboratedAstrocytes {
  const { size, grid, territory } = astrocytes;
  const neurons = populations.find((p) => p.id === territory.population);
  assert(neurons !== undefined, `astrocytes '${astrocytes.id}' cover unknown population '${territory.population}'`);
  const toSteps = (ms: number) => Math.round(ms / run.dt);
  const initial = (variable: "ca" | "h" | "ip3"): Float64Array => {
    const spec = astrocytes.initial?.[variable];
    assert(spec !== undefined, `initial ${variable} of '${astrocytes.id}' was not filled by the loader`);
    const draw = valueSampler(spec, Rng.derive(run.seed, `initial:${astrocytes.id}:${variable}`), size, `initial ${variable} of '${astrocytes.id}'`);
    const values = new Float64Array(size);
    for (let a = 0; a < size; a++) values[a] = draw(a);
    return values;
  };
  const sweep = sweepOrder(size, grid);
  const seed = territory.kind === "pool" ? (territory.seed ?? run.seed) : run.seed;
  const cover = territoryOf(territory, size, grid, neurons.size, neurons.grid, () => ({
    pools: Rng.derive(seed, `territory:${astrocytes.id}:pools`),
    pairing: Rng.derive(seed, `territory:${astrocytes.id}:pairing`),
  }));
  const { sensing, gate, coupling } = astrocytes;
  return {
    id: astrocytes.id,
    index,
    model: astrocytes.model,
    params: astrocytes.params,
    size,
    ...(grid !== undefined ? { grid } : {}),
    periodSteps: toSteps(astrocytes.period),
    initialCa: initial("ca"),
    initialH: initial("h"),
    initialIp3: initial("ip3"),
    sweep,
    ...(coupling !== undefined ? { coupling: { ...coupling, neighbours: neighboursOf(coupling, size, grid) } } : {}),
    territoryPopulation: neurons.index,
    territory: cover,
    ownerOf: ownersOf(cover, sweep, neurons.size, astrocytes.owner),
    ownerRule: astrocytes.owner,
    ...(sensing !== undefined ? { sensing: sensing.kind === "glutamate_count" ? { ...sensing, durationSteps: toSteps(sensing.duration) } : sensing } : {}),
    ...(gate !== undefined
      ? { gate: { ...gate, windowSteps: toSteps(gate.window), checkSteps: toSteps(gate.check_period), holdSteps: toSteps(gate.hold) } }
      : {}),
  } as ElaboratedAstrocytes; // model and params come paired from the checked network; TS loses the pairing
}

/**
 * Neighbours per astrocyte in summation order. grid: up (row − 1), down (row + 1), left
 * (col − 1), right (col + 1), the existing ones only (no-flux border). pairs: both directions of
 * every pair, ascending per astrocyte, a pair listed twice counted once.
 */
export function neighboursOf(coupling: Coupling, size: number, grid: Grid | undefined): NeighbourCsr {
  const lists: number[][] = [];
  if (coupling.kind === "grid") {
    assert(grid !== undefined, "grid coupling without a grid");
    const [rows, cols] = grid;
    for (let a = 0; a < size; a++) {
      const row = a % rows;
      const col = (a - row) / rows;
      const list: number[] = [];
      if (row > 0) list.push(a - 1);
      if (row < rows - 1) list.push(a + 1);
      if (col > 0) list.push(a - rows);
      if (col < cols - 1) list.push(a + rows);
      lists.push(list);
    }
  } else {
    const sets = Array.from({ length: size }, () => new Set<number>());
    for (const [a, b] of coupling.pairs ?? []) {
      assert(a !== b && a < size && b < size, `coupling pair [${a}, ${b}] is not two astrocytes of ${size}`);
      sets[a].add(b);
      sets[b].add(a);
    }
    for (const set of sets) lists.push([...set].sort((x, y) => x - y));
  }
  const rowStart = new Int32Array(size + 1);
  lists.forEach((list, a) => (rowStart[a + 1] = rowStart[a] + list.length));
  const neighbour = new Int32Array(rowStart[size]);
  lists.forEach((list, a) => neighbour.set(list, rowStart[a]));
  return { rowStart, neighbour };
}

/**
 * A tripartite coupling. Synapse effects: the astrocyte of each synapse of the projection, in CSR
 * order — "post": the owner of its postsynaptic neuron, "pre": of its presynaptic neuron,
 * "pool": a NEST pool draw from the postsynaptic neuron's pool (territory.ts).
 */
export function elaborateTripartite(
  coupling: Tripartite,
  index: number,
  astrocytes: readonly ElaboratedAstrocytes[],
  projections: readonly ElaboratedProjection[],
  populations: readonly ElaboratedPopulation[],
  run: RunSettings,
): ElaboratedTripartite {
  const astro = astrocytes.find((a) => a.id === coupling.astrocytes);
  assert(astro !== undefined, `tripartite '${coupling.id}' names unknown astrocytes '${coupling.astrocytes}'`);
  if (!("projection" in coupling)) {
    const population = populations.find((p) => p.id === coupling.population);
    assert(population !== undefined, `tripartite '${coupling.id}' names unknown population '${coupling.population}'`);
    return { id: coupling.id, index, target: "neurons", astrocytes: astro.index, population: population.index, effect: coupling.effect };
  }
  const projection = projections.find((p) => p.id === coupling.projection);
  assert(projection !== undefined, `tripartite '${coupling.id}' names unknown projection '${coupling.projection}'`);
  const { rowStart, post } = projection.synapses;
  const astrocyteOf = new Int32Array(post.length);
  switch (coupling.by) {
    case "post":
      assert(projection.post === astro.territoryPopulation, `tripartite '${coupling.id}': post is not the territory population`);
      for (let c = 0; c < post.length; c++) astrocyteOf[c] = astro.ownerOf[post[c]];
      break;
    case "pre":
      assert(projection.pre.kind === "population" && projection.pre.index === astro.territoryPopulation, `tripartite '${coupling.id}': pre is not the territory population`);
      for (let i = 0; i + 1 < rowStart.length; i++) astrocyteOf.fill(astro.ownerOf[i], rowStart[i], rowStart[i + 1]);
      break;
    case "pool": {
      const pool = coupling.pool;
      assert(pool !== undefined, `tripartite '${coupling.id}' pairs by pool without a pool`);
      const seed = pool.seed ?? run.seed;
      const postSize = populations[projection.post].size;
      astrocyteOf.set(pairSynapses(pool, astro.size, postSize, post, Rng.derive(seed, `tripartite:${coupling.id}:pools`), Rng.derive(seed, `tripartite:${coupling.id}:pairing`)));
      break;
    }
  }
  return { id: coupling.id, index, target: "synapses", astrocytes: astro.index, projection: projection.index, astrocyteOf, effect: coupling.effect };
}

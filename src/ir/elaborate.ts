/**
 * Elaboration: a checked network becomes explicit synapses in CSR (rows = presynaptic index),
 * pre-generated input spikes, per-neuron initial state and the resolved learning rules
 * (./elaborate-plasticity.ts). Every seeded draw happens here.
 * Never mutates its input and never reports user errors: the loader's rules have already
 * rejected them, so a violated precondition is an InternalError.
 * Determinism: each projection, input and initial variable draws from its own Rng stream
 * (Rng.derive), so changing one never changes the draws of another. The rules, draw orders and
 * defaults are documented in docs/semantics-float.md ("Elaboration").
 */
import { Rng } from "../util/rng.js";
import { assert, unreachable } from "../util/assert.js";
import { asStage } from "./stage.js";
import type { Checked, Connectivity, Grid, Input, Population, Projection, RunSettings, ValueSpec } from "./types.js";
import { GRID_DISTANCE_CANDIDATES, gridDistance } from "./grid-distance.js";
import { elaborateCurrent } from "./elaborate-currents.js";
import { elaborateAstrocytes, elaborateTripartite } from "./elaborate-astro.js";
import { elaboratePlasticity, plasticityOf } from "./elaborate-plasticity.js";
import type {
  Csr,
  Elaborated,
  ElaboratedInput,
  ElaboratedPlasticity,
  ElaboratedPopulation,
  ElaboratedProjection,
} from "./elaborated.js";

/** Largest delay a Uint16 delay entry holds, in steps. */
export const MAX_DELAY_STEPS = 65535;

/** Redraws of a clipped normal value before it falls back to the nearest bound (see docs). */
export const NORMAL_MAX_DRAWS = 1000;

/** Draws every synapse, input spike and initial value of `network`. Pure and deterministic. */
export function elaborate(network: Checked): Elaborated {
  const { run } = network;
  const steps = Math.round(run.duration / run.dt);
  const populations = network.populations.map((population, index) => elaboratePopulation(population, index, run));
  const inputs = network.inputs.map((input, index) => elaborateInput(input, index, run, steps));
  const sources = new Map<string, ElaboratedProjection["pre"]>();
  populations.forEach((p) => sources.set(p.id, { kind: "population", index: p.index, size: p.size }));
  inputs.forEach((input) => sources.set(input.id, { kind: "input", index: input.index, size: input.size }));
  // Astrocytes before projections: a modulated learning rule takes its per-neuron owners from them.
  const astrocytes = network.astrocytes.map((astro, index) => elaborateAstrocytes(astro, index, populations, run));
  const rules = new Map<string, ElaboratedPlasticity>();
  network.plasticity.forEach((rule, index) => rules.set(rule.id, elaboratePlasticity(rule, index, sources, astrocytes)));
  const projections = network.projections.map((projection, index) => {
    const pre = sources.get(projection.pre);
    const post = populations.find((p) => p.id === projection.post);
    assert(pre !== undefined, `projection '${projection.id}' names unknown source '${projection.pre}'`);
    assert(post !== undefined, `projection '${projection.id}' names unknown population '${projection.post}'`);
    const isRecurrent = pre.kind === "population" && pre.index === post.index;
    const rng = (stream: string) => Rng.derive(projection.seed ?? run.seed, `projection:${projection.id}${stream}`);
    const grid = pre.kind === "population" ? populations[pre.index].grid : undefined;
    const synapses = elaborateSynapses(projection, pre.size, post.size, isRecurrent, grid, rng);
    return {
      id: projection.id,
      index,
      pre,
      post: post.index,
      kind: projection.synapse.kind,
      tauSyn: projection.synapse.kind === "exponential" ? projection.synapse.tau : 0,
      sign: projection.sign ?? "excitatory",
      ...(projection.synapse.kind === "sigmoid_conductance" ? { conductance: { eRev: projection.synapse.e_rev, k: projection.synapse.k } } : {}),
      synapses,
      ...(projection.plasticity !== undefined ? { plasticity: plasticityOf(projection.plasticity, projection.id, post.index, rules, astrocytes) } : {}),
    } satisfies ElaboratedProjection;
  });
  const currents = network.currents.map((current, index) => {
    const population = populations.find((p) => p.id === current.population);
    assert(population !== undefined, `current '${current.id}' names unknown population '${current.population}'`);
    return elaborateCurrent(current, index, population.index, population.size, run, steps);
  });
  const tripartite = network.tripartite.map((coupling, index) => elaborateTripartite(coupling, index, astrocytes, projections, populations, run));
  return asStage("elaborated", { network, steps, populations, inputs, projections, currents, astrocytes, tripartite });
}

// ---------------------------------------------------------------------------------------------
// Populations: initial state

function elaboratePopulation(population: Population, index: number, run: RunSettings): ElaboratedPopulation {
  const initial = (variable: "v" | "i_syn" | "u", spec: ValueSpec): Float64Array => {
    const rng = Rng.derive(run.seed, `initial:${population.id}:${variable}`);
    const draw = valueSampler(spec, rng, population.size, `initial ${variable} of '${population.id}'`);
    const values = new Float64Array(population.size);
    for (let i = 0; i < values.length; i++) values[i] = draw(i);
    return values;
  };
  const shared = {
    id: population.id,
    index,
    size: population.size,
    ...(population.grid !== undefined ? { grid: population.grid } : {}),
    ...(population.glutamate !== undefined ? { glutamate: population.glutamate } : {}),
  };
  if (population.model === "izhikevich") {
    return {
      ...shared,
      model: population.model,
      params: population.params,
      initialV: initial("v", population.initial?.v ?? population.params.c),
      initialU: initial("u", population.initial?.u ?? 0),
    };
  }
  return {
    ...shared,
    model: population.model,
    params: population.params,
    initialV: initial("v", population.initial?.v ?? population.params.v_rest),
    initialI: initial("i_syn", population.initial?.i_syn ?? 0),
  };
}

// ---------------------------------------------------------------------------------------------
// Inputs: spikes drawn before the run, sorted by step then source

function elaborateInput(input: Input, index: number, run: RunSettings, steps: number): ElaboratedInput {
  const base = { id: input.id, index, kind: input.kind, size: input.size };
  switch (input.kind) {
    case "spike_times":
      return { ...base, ...spikeTimesToSteps(input.times, input.size, run.dt, steps) };
    case "poisson": {
      const rng = Rng.derive(input.seed ?? run.seed, `input:${input.id}`);
      const firstStep = Math.max(0, Math.round((input.start ?? 0) / run.dt));
      const endStep = Math.min(steps, Math.round((input.stop ?? run.duration) / run.dt));
      return { ...base, ...poissonSpikes(rng, input.size, (input.rate * run.dt) / 1000, firstStep, endStep) };
    }
    case "external":
      return { ...base, spikeSteps: new Int32Array(0), spikeSources: new Int32Array(0) };
    default:
      return unreachable(input, "input kind");
  }
}

interface SpikeArrays {
  readonly spikeSteps: Int32Array;
  readonly spikeSources: Int32Array;
}

/**
 * Maps each time to step round(t/dt), drops steps outside [0, steps), sorts by (step, source)
 * and merges duplicates: a source spikes at most once per step, like a hardware input axon.
 */
export function spikeTimesToSteps(
  times: readonly (readonly number[])[],
  size: number,
  dtMs: number,
  steps: number,
): SpikeArrays {
  assert(times.length === size, `spike_times input has ${times.length} lists for ${size} sources`);
  const total = times.reduce((sum, list) => sum + list.length, 0);
  const keys = new Float64Array(total); // step·size + source: exact integers below 2^53
  let count = 0;
  times.forEach((list, source) => {
    for (const time of list) {
      const step = Math.round(time / dtMs);
      if (step >= 0 && step < steps) keys[count++] = step * size + source;
    }
  });
  const sorted = keys.subarray(0, count).sort();
  const spikeSteps = new Int32Array(count);
  const spikeSources = new Int32Array(count);
  let unique = 0;
  for (let k = 0; k < count; k++) {
    if (k > 0 && sorted[k] === sorted[k - 1]) continue;
    const step = Math.floor(sorted[k] / size);
    spikeSteps[unique] = step;
    spikeSources[unique] = sorted[k] - step * size;
    unique++;
  }
  return { spikeSteps: spikeSteps.slice(0, unique), spikeSources: spikeSources.slice(0, unique) };
}

/**
 * One Bernoulli draw with probability `p` per source per step of [firstStep, endStep), in
 * step-major then source order; a spike when rng.nextFloat() < p.
 */
export function poissonSpikes(rng: Rng, size: number, p: number, firstStep: number, endStep: number): SpikeArrays {
  const draws = Math.max(0, endStep - firstStep) * size;
  let capacity = expectedCapacity(draws, p);
  let spikeSteps = new Int32Array(capacity);
  let spikeSources = new Int32Array(capacity);
  let count = 0;
  for (let step = firstStep; step < endStep; step++) {
    for (let source = 0; source < size; source++) {
      if (rng.nextFloat() >= p) continue;
      if (count === capacity) {
        capacity *= 2;
        spikeSteps = grow(spikeSteps, capacity);
        spikeSources = grow(spikeSources, capacity);
      }
      spikeSteps[count] = step;
      spikeSources[count] = source;
      count++;
    }
  }
  return { spikeSteps: spikeSteps.slice(0, count), spikeSources: spikeSources.slice(0, count) };
}

// ---------------------------------------------------------------------------------------------
// Projections: connectivity → CSR, then weights and delays in connection order

/** CSR structure of one rule; positionOf[c] = CSR slot of connection c (absent: identity). */
interface Structure {
  readonly rowStart: Int32Array;
  readonly post: Int32Array;
  readonly positionOf?: Int32Array;
}

function elaborateSynapses(
  projection: Projection,
  preSize: number,
  postSize: number,
  isRecurrent: boolean,
  grid: Grid | undefined,
  rng: (stream: string) => Rng,
): Csr {
  const structure = connect(projection.connect, preSize, postSize, isRecurrent, grid, rng(""));
  const { rowStart, post, positionOf } = structure;
  const count = post.length;
  const what = `projection '${projection.id}'`;
  const signFactor = projection.sign === "inhibitory" ? -1 : 1;

  const weight = new Float64Array(count);
  const drawWeight = valueSampler(projection.weight, rng(":weight"), count, `weights of ${what}`);
  for (let c = 0; c < count; c++) weight[positionOf === undefined ? c : positionOf[c]] = signFactor * drawWeight(c);

  const delay = new Uint16Array(count);
  const drawDelay = delaySampler(projection.delay ?? 0, rng(":delay"), count, `delays of ${what}`);
  for (let c = 0; c < count; c++) delay[positionOf === undefined ? c : positionOf[c]] = drawDelay(c);

  return { rowStart, post, weight, delay };
}

function connect(rule: Connectivity, preSize: number, postSize: number, isRecurrent: boolean, grid: Grid | undefined, rng: Rng): Structure {
  switch (rule.rule) {
    case "all_to_all":
      return allToAll(preSize, postSize, isRecurrent && !(rule.autapses ?? true));
    case "one_to_one":
      return oneToOne(preSize, postSize);
    case "fixed_probability":
      return fixedProbability(rng, rule.p, preSize, postSize, isRecurrent && !(rule.autapses ?? true));
    case "fixed_indegree":
      return fixedIndegree(rng, rule.indegree, preSize, postSize, isRecurrent && !(rule.autapses ?? true));
    case "explicit":
      return explicitPairs(rule.pairs, preSize, postSize);
    case "grid_distance":
      assert(grid !== undefined && grid[0] * grid[1] === preSize && preSize === postSize, `grid_distance needs pre and post on one grid`);
      return gridDistance(rng, grid, rule.outdegree, rule.mean_distance, rule.candidates ?? GRID_DISTANCE_CANDIDATES);
    default:
      return unreachable(rule, "connectivity rule");
  }
}

/** Every (pre, post) pair, pre-major, post ascending; the diagonal left out when asked. */
export function allToAll(preSize: number, postSize: number, excludeDiagonal: boolean): Structure {
  const count = preSize * postSize - (excludeDiagonal ? Math.min(preSize, postSize) : 0);
  assertCount(count);
  const rowStart = new Int32Array(preSize + 1);
  const post = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < preSize; i++) {
    rowStart[i] = k;
    for (let j = 0; j < postSize; j++) {
      if (excludeDiagonal && i === j) continue;
      post[k++] = j;
    }
  }
  rowStart[preSize] = k;
  return { rowStart, post };
}

/** Pre i to post i. */
export function oneToOne(preSize: number, postSize: number): Structure {
  assert(preSize === postSize, `one_to_one needs equal sizes, got ${preSize} and ${postSize}`);
  const rowStart = new Int32Array(preSize + 1);
  const post = new Int32Array(preSize);
  for (let i = 0; i < preSize; i++) {
    rowStart[i + 1] = i + 1;
    post[i] = i;
  }
  return { rowStart, post };
}

/**
 * An independent Bernoulli(p) trial per pair, made by geometric skipping over the row-major
 * pre × post index space: the gap to the next connection is floor(ln U / ln(1 - p)) with
 * U = rng.nextFloatOpenZero(). p = 0 and p = 1 are exact and draw nothing. Excluded diagonal
 * pairs are skipped when hit, which leaves the other pairs' trials independent.
 */
export function fixedProbability(
  rng: Rng,
  p: number,
  preSize: number,
  postSize: number,
  excludeDiagonal: boolean,
): Structure {
  assert(p >= 0 && p <= 1, `connection probability ${p} is outside [0, 1]`);
  if (p === 1) return allToAll(preSize, postSize, excludeDiagonal);
  const rowStart = new Int32Array(preSize + 1);
  if (p === 0 || preSize === 0 || postSize === 0) return { rowStart, post: new Int32Array(0) };
  const logQ = Math.log1p(-p);
  let capacity = expectedCapacity(preSize * postSize, p);
  let post = new Int32Array(capacity);
  let count = 0;
  let row = 0;
  let column = -1;
  for (;;) {
    column += Math.floor(Math.log(rng.nextFloatOpenZero()) / logQ) + 1;
    if (column >= postSize) {
      const rowsSkipped = Math.floor(column / postSize);
      column -= rowsSkipped * postSize;
      const nextRow = Math.min(row + rowsSkipped, preSize);
      for (let r = row + 1; r <= nextRow; r++) rowStart[r] = count;
      row = nextRow;
      if (row >= preSize) break;
    }
    if (excludeDiagonal && row === column) continue;
    if (count === capacity) {
      capacity = Math.ceil(capacity * 1.5) + 16;
      post = grow(post, capacity);
    }
    post[count++] = column;
  }
  assertCount(count);
  return { rowStart, post: count === post.length ? post : post.slice(0, count) };
}

/**
 * For each post j (ascending) exactly `indegree` distinct pres, drawn by Floyd's algorithm from
 * the candidates (all pres, or all but j when the diagonal is excluded). Connection order:
 * post-major, pre ascending within a post; the CSR rows then hold posts ascending.
 */
export function fixedIndegree(
  rng: Rng,
  indegree: number,
  preSize: number,
  postSize: number,
  excludeDiagonal: boolean,
): Structure {
  const candidates = preSize - (excludeDiagonal ? 1 : 0);
  assert(
    Number.isInteger(indegree) && indegree >= 0 && indegree <= candidates,
    `indegree ${indegree} exceeds the ${candidates} candidate sources`,
  );
  const count = indegree * postSize;
  assertCount(count);
  const pre = new Int32Array(count); // pre of connection c; becomes positionOf below
  const stamp = new Int32Array(candidates); // stamp[t] === j + 1: t already drawn for post j
  for (let j = 0; j < postSize; j++) {
    const base = j * indegree;
    for (let r = candidates - indegree, m = 0; r < candidates; r++, m++) {
      let t = rng.nextInt(r + 1);
      if (stamp[t] === j + 1) t = r;
      stamp[t] = j + 1;
      pre[base + m] = excludeDiagonal && t >= j ? t + 1 : t;
    }
    if (indegree > 1) pre.subarray(base, base + indegree).sort();
  }
  // Counting sort by pre, stable in connection order, so each row's posts come out ascending.
  const rowStart = new Int32Array(preSize + 1);
  for (let c = 0; c < count; c++) rowStart[pre[c] + 1]++;
  for (let i = 0; i < preSize; i++) rowStart[i + 1] += rowStart[i];
  const cursor = rowStart.slice(0, preSize);
  const post = new Int32Array(count);
  for (let c = 0; c < count; c++) {
    const position = cursor[pre[c]]++;
    post[position] = (c / indegree) | 0;
    pre[c] = position;
  }
  return { rowStart, post, positionOf: pre };
}

/**
 * The listed pairs. Connection order = list order (weights and delays `values` follow it); the
 * CSR rows hold posts ascending, duplicates of one pair in list order.
 */
export function explicitPairs(
  pairs: readonly (readonly [number, number])[],
  preSize: number,
  postSize: number,
): Structure {
  const count = pairs.length;
  const preOf = new Int32Array(count);
  const postOf = new Int32Array(count);
  pairs.forEach(([i, j], c) => {
    assert(Number.isInteger(i) && i >= 0 && i < preSize, `pair ${c} names pre ${i} outside [0, ${preSize})`);
    assert(Number.isInteger(j) && j >= 0 && j < postSize, `pair ${c} names post ${j} outside [0, ${postSize})`);
    preOf[c] = i;
    postOf[c] = j;
  });
  const order = new Int32Array(count);
  for (let c = 0; c < count; c++) order[c] = c;
  order.sort((a, b) => preOf[a] - preOf[b] || postOf[a] - postOf[b] || a - b);
  const rowStart = new Int32Array(preSize + 1);
  const post = new Int32Array(count);
  const positionOf = new Int32Array(count);
  for (let position = 0; position < count; position++) {
    const c = order[position];
    rowStart[preOf[c] + 1]++;
    post[position] = postOf[c];
    positionOf[c] = position;
  }
  for (let i = 0; i < preSize; i++) rowStart[i + 1] += rowStart[i];
  return { rowStart, post, positionOf };
}

// ---------------------------------------------------------------------------------------------
// Value specs

/**
 * A function giving value number `index` (0, 1, 2, ... in order) of a ValueSpec for `count`
 * elements. Draws happen in call order: call it with ascending indices. A normal with bounds is
 * redrawn until inside [min, max]; after NORMAL_MAX_DRAWS misses the last draw is clipped.
 */
export function valueSampler(spec: ValueSpec, rng: Rng, count: number, what: string): (index: number) => number {
  if (typeof spec === "number") return () => spec;
  if ("values" in spec) {
    const { values } = spec;
    assert(values.length === count, `${what}: ${values.length} values given for ${count} elements`);
    return (index) => values[index];
  }
  if ("uniform" in spec) {
    const [low, high] = spec.uniform;
    const width = high - low;
    return () => low + width * rng.nextFloat();
  }
  if ("normal" in spec) {
    const { mean, std } = spec.normal;
    const min = spec.normal.min ?? -Infinity;
    const max = spec.normal.max ?? Infinity;
    assert(min <= max, `${what}: normal min ${min} exceeds max ${max}`);
    return () => {
      for (let attempt = 1; ; attempt++) {
        const value = mean + std * rng.nextNormal();
        if (value >= min && value <= max) return value;
        if (attempt === NORMAL_MAX_DRAWS) return value < min ? min : max;
      }
    };
  }
  return unreachable(spec, "value spec");
}

/** Integer delays in steps: a constant, one value per synapse, or uniform over [a, b] inclusive. */
export function delaySampler(spec: NonNullable<Projection["delay"]>, rng: Rng, count: number, what: string): (index: number) => number {
  const check = (d: number) =>
    assert(Number.isInteger(d) && d >= 0 && d <= MAX_DELAY_STEPS, `${what}: delay ${d} is not an integer in [0, ${MAX_DELAY_STEPS}]`);
  if (typeof spec === "number") {
    check(spec);
    return () => spec;
  }
  if ("values" in spec) {
    assert(spec.values.length === count, `${what}: ${spec.values.length} values given for ${count} synapses`);
    spec.values.forEach(check);
    const { values } = spec;
    return (index) => values[index];
  }
  const [low, high] = spec.uniform;
  check(low);
  check(high);
  assert(low <= high, `${what}: uniform delay range [${low}, ${high}] is empty`);
  const width = high - low + 1;
  return () => low + rng.nextInt(width);
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Mean + 6 standard deviations of a binomial count, plus slack: growth is then rare. */
function expectedCapacity(trials: number, p: number): number {
  const mean = trials * p;
  return Math.min(trials, Math.ceil(mean + 6 * Math.sqrt(mean * (1 - p)) + 16));
}

function grow(array: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(capacity);
  next.set(array);
  return next;
}

function assertCount(count: number): void {
  assert(count <= 2 ** 31 - 1, `a projection with ${count} synapses exceeds the 2^31 - 1 a CSR row offset holds`);
}

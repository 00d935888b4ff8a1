/**
 * Wall-clock figure for the neuron–astrocyte reference, not a test: the WM2021-sized network
 * (79×79 Izhikevich neurons, grid_distance outdegree 40, 26×26 Ullah astrocytes on 4×4 patches
 * with stride 3, Gauss–Seidel diffusion, the additive gate on every synapse) built in code, run
 * for 60 000 steps of 0.1 ms (6 s) by default. Inputs: WM2021-like noise impulses (15 per neuron,
 * ±20, 30 ms) and a pattern current of 80 on a quarter of the grid for 0.2 s every 0.5 s, so that
 * spikes, glutamate drive and gates all occur.
 * Usage: node dist/scripts/bench-glia-reference.js [--steps N]
 */
import { asStage } from "../src/ir/stage.js";
import { gridDistance } from "../src/ir/grid-distance.js";
import { ULLAH_WM2021, ULLAH_WM2021_INITIAL } from "../src/ir/astro-types.js";
import { NETWORK_FORMAT, type Network } from "../src/ir/types.js";
import type { Elaborated, ElaboratedAstrocytes, ElaboratedCurrent } from "../src/ir/elaborated.js";
import { simulateGlia } from "../src/reference/glia-simulator.js";
import { Rng } from "../src/util/rng.js";

const line = (text: string) => process.stdout.write(text + "\n");
const stepsArg = process.argv.indexOf("--steps");
const STEPS = stepsArg >= 0 ? Number(process.argv[stepsArg + 1]) : 60_000;

const ROWS = 79;
const SIZE = ROWS * ROWS;
const AROWS = 26;
const ASTROCYTES = AROWS * AROWS;

function noiseAndPattern(rng: Rng): ElaboratedCurrent[] {
  const changes: [number, number, number][] = [];
  for (let n = 0; n < SIZE; n++) {
    let start = Math.max(1, Math.floor(15_000 * rng.nextFloat()));
    for (let k = 0; k < 15; k++) {
      changes.push([start, n, Math.fround(-20 + 40 * rng.nextFloat())], [start + 301, n, 0]);
      start += 301 + Math.ceil(-6666.7 * Math.log(rng.nextFloatOpenZero()));
    }
  }
  const pattern: [number, number, number][] = [];
  for (let onset = 5000; onset < STEPS; onset += 5000) {
    for (let n = 0; n < SIZE; n++) {
      const row = n % ROWS;
      const col = (n - row) / ROWS;
      if (row < 40 && col < 40) pattern.push([onset, n, 80], [onset + 2000, n, 0]);
    }
  }
  const asCurrent = (id: string, index: number, list: [number, number, number][]): ElaboratedCurrent => {
    list.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    return {
      id,
      index,
      population: 0,
      step: Int32Array.from(list, (c) => c[0]),
      neuron: Int32Array.from(list, (c) => c[1]),
      value: Float64Array.from(list, (c) => c[2]),
    };
  };
  return [asCurrent("pattern", 0, pattern), asCurrent("noise", 1, changes)];
}

function astrocytes(): ElaboratedAstrocytes {
  const territoryStart = new Int32Array(ASTROCYTES + 1);
  const territory: number[] = [];
  const ownerOf = new Int32Array(SIZE).fill(-1);
  const sweep: number[] = [];
  const neighbourStart = new Int32Array(ASTROCYTES + 1);
  const neighbours: number[][] = [];
  for (let a = 0; a < ASTROCYTES; a++) {
    const ar = a % AROWS;
    const ac = (a - ar) / AROWS;
    const cells: number[] = [];
    for (let dc = 0; dc < 4; dc++) for (let dr = 0; dr < 4; dr++) cells.push(ar * 3 + dr + ROWS * (ac * 3 + dc));
    cells.sort((x, y) => x - y);
    territory.push(...cells);
    territoryStart[a + 1] = territory.length;
    const list: number[] = [];
    if (ar > 0) list.push(a - 1);
    if (ar < AROWS - 1) list.push(a + 1);
    if (ac > 0) list.push(a - AROWS);
    if (ac < AROWS - 1) list.push(a + AROWS);
    neighbours.push(list);
    neighbourStart[a + 1] = neighbourStart[a] + list.length;
  }
  for (let ar = 0; ar < AROWS; ar++) {
    for (let ac = 0; ac < AROWS; ac++) {
      const a = ar + AROWS * ac;
      sweep.push(a);
      for (let k = territoryStart[a]; k < territoryStart[a + 1]; k++) ownerOf[territory[k]] = a; // later writes win
    }
  }
  return {
    model: "ullah2006",
    params: ULLAH_WM2021,
    id: "astro",
    index: 0,
    size: ASTROCYTES,
    grid: [AROWS, AROWS],
    periodSteps: 1,
    initialCa: new Float64Array(ASTROCYTES).fill(ULLAH_WM2021_INITIAL.ca),
    initialH: new Float64Array(ASTROCYTES).fill(ULLAH_WM2021_INITIAL.h),
    initialIp3: new Float64Array(ASTROCYTES).fill(ULLAH_WM2021_INITIAL.ip3),
    sweep: Int32Array.from(sweep),
    coupling: {
      kind: "grid",
      d_ca: 0.05,
      d_ip3: 0.1,
      order: "gauss-seidel",
      neighbours: { rowStart: neighbourStart, neighbour: Int32Array.from(neighbours.flat()) },
    },
    territoryPopulation: 0,
    territory: { rowStart: territoryStart, neuron: Int32Array.from(territory) },
    ownerOf,
    ownerRule: "last",
    sensing: { kind: "glutamate_count", threshold: 0.7, min_count: 8, amplitude: 5, duration: 60, durationSteps: 600 },
    gate: { ca_threshold: 0.15, min_coincident: 6, window: 10, check_period: 1, hold: 250, windowSteps: 100, checkSteps: 10, holdSteps: 2500 },
  };
}

function build(): Elaborated {
  const rng = Rng.derive(2021, "bench-glia");
  const structure = gridDistance(Rng.derive(2021, "connections"), [ROWS, ROWS], 40, 5, 40_000);
  const synapses = structure.post.length;
  const astro = astrocytes();
  const astrocyteOf = Int32Array.from(structure.post, (post) => astro.ownerOf[post]);
  const network = asStage("checked", {
    format: NETWORK_FORMAT,
    run: { dt: 0.1, duration: STEPS * 0.1, seed: 2021 },
    populations: [],
    inputs: [],
    projections: [],
    currents: [],
    astrocytes: [],
    tripartite: [],
    plasticity: [],
    record: [{ population: "neurons", spikes: true }],
  } satisfies Network);
  return asStage("elaborated", {
    network,
    steps: STEPS,
    populations: [
      {
        id: "neurons",
        index: 0,
        model: "izhikevich",
        size: SIZE,
        grid: [ROWS, ROWS],
        params: { a: 0.1, b: 0.2, c: -65, d: 2, v_peak: 30, spike_threshold: 29, input_clip: 25 },
        initialV: new Float64Array(SIZE).fill(-70),
        initialU: new Float64Array(SIZE),
        glutamate: { decay_rate: 10, release_rate: 600, release: "at_peak" },
      },
    ],
    inputs: [],
    projections: [
      {
        id: "recurrent",
        index: 0,
        pre: { kind: "population", index: 0, size: SIZE },
        post: 0,
        kind: "sigmoid_conductance",
        tauSyn: 0,
        sign: "excitatory",
        conductance: { eRev: 0, k: 0.2 },
        synapses: { rowStart: structure.rowStart, post: structure.post, weight: new Float64Array(synapses).fill(0.025), delay: new Uint16Array(synapses) },
      },
    ],
    currents: noiseAndPattern(rng),
    astrocytes: [astro],
    tripartite: [{ id: "gate", index: 0, target: "synapses", astrocytes: 0, projection: 0, astrocyteOf, effect: { kind: "additive", nu: 0.5 } }],
  });
}

const built = performance.now();
const net = build();
line(`built: ${SIZE} neurons, ${net.projections[0].synapses.post.length} synapses, ${ASTROCYTES} astrocytes in ${((performance.now() - built) / 1000).toFixed(2)} s`);
const start = performance.now();
const cpuStart = process.cpuUsage();
const result = simulateGlia(net);
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
// CPU time as well as wall time: on a shared machine the wall time includes waiting for a core.
line(
  `reference: ${STEPS} steps in ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU ` +
    `(${((seconds / STEPS) * 1e6).toFixed(1)} µs per step), ${result.counts.spikes} spikes`,
);

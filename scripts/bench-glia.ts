/**
 * Wall-clock figures for the glia-core emulator, not a test: builds a config of the full
 * WM2021 working-memory network directly (79×79 Izhikevich neurons, 40 sigmoid-conductance
 * synapses out of each at exponential distances, 26×26 Ullah astrocytes on 4×4 stride-3
 * patches, Gauss–Seidel diffusion, glutamate-count sensing, the 1 ms gate check with a 10 ms
 * window and a 250 ms hold, the additive ν = 0.5 effect, noise impulses of ±20 for 30 ms) and
 * runs 60 000 steps of 0.1 ms, astrocytes every step. Options: --steps N, --scalar (also time
 * the scalar interpreter on the first 200 steps and check it equals the fast emulator there).
 * Run: npm run build (or tsc on this file) and node dist/scripts/bench-glia.js.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { GLIA_CONFIG_FORMAT, type GliaAstroGroup, type GliaConfig, type GliaCurrent, type GliaNeuronGroup, type GliaProjection } from "../src/hw/glia-config.js";
import type { GliaTarget } from "../src/targets/glia-types.js";
import { ULLAH_WM2021, ULLAH_WM2021_INITIAL } from "../src/ir/astro-types.js";
import { astroConstants } from "../src/models/astro-fixed.js";
import { glutamateConstants, izhikevichConstants, sigmoidLut } from "../src/models/izhikevich-fixed.js";
import { emulateGlia } from "../src/emulator/glia-emulator.js";
import { interpretGliaScalar } from "../src/emulator/glia-scalar.js";
import { Rng } from "../src/util/rng.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const argv = process.argv.slice(2);
const stepsArg = argv.indexOf("--steps");
const STEPS = stepsArg >= 0 ? Number(argv[stepsArg + 1]) : 60_000;
const line = (text: string) => process.stdout.write(text + "\n");

const SIDE = 79;
const ASTRO_SIDE = 26;
const N = SIDE * SIDE;
const A = ASTRO_SIDE * ASTRO_SIDE;
const FAN_OUT = 40;
const DT_MS = 0.1;

export function workingMemoryConfig(target: GliaTarget, steps: number, seed = 1): GliaConfig {
  const sem = target.semantics;
  const c = sem.constantFrac;
  const rng = new Rng(seed);
  const vFrac = 15; // V, U, I in ±256 mV (24-bit)
  const gFrac = 14; // G up to 4 µM in 16 unsigned bits
  const astroFrac = 22; // Ca, h, IP3 in ±16 µM (26-bit)
  const weightFrac = 16; // g ≤ 0.525 < 1 in 16 unsigned bits
  const params = { a: 0.1, b: 0.2, c: -65, d: 2, v_peak: 30, spike_threshold: 29, input_clip: 25 };
  const neurons: GliaNeuronGroup = {
    population: "neurons",
    offset: 0,
    size: N,
    frac: vFrac,
    iFrac: vFrac, // the current in V's format, as before it had its own: the benchmark times the same dynamics
    ...izhikevichConstants(params, DT_MS, vFrac, c),
    v0: new Int32Array(N).fill(-70 * 2 ** vFrac),
    u0: new Int32Array(N),
    glutamate: glutamateConstants({ decay_rate: 10, release_rate: 600, release: "at_peak" }, DT_MS, gFrac, c),
  };
  const sigmoid = sigmoidLut(0.2, vFrac, sem);

  // territories: astrocyte (ar, ac) covers rows 3ar … 3ar+3, columns 3ac … 3ac+3; owner = last writer
  const rowStart = new Int32Array(A + 1);
  const members: number[] = [];
  const ownerOf = new Int32Array(N).fill(-1);
  // index a = row + 26·col (the authors' column-major numbering), sweep row-major: row outer, column inner
  const territoryOf: number[][] = Array.from({ length: A }, () => []);
  for (let ar = 0; ar < ASTRO_SIDE; ar++) {
    for (let ac = 0; ac < ASTRO_SIDE; ac++) {
      const a = ar + ASTRO_SIDE * ac;
      for (let dr = 0; dr < 4; dr++) for (let dc = 0; dc < 4; dc++) territoryOf[a].push(3 * ar + dr + SIDE * (3 * ac + dc));
      territoryOf[a].sort((x, y) => x - y);
    }
  }
  for (let a = 0; a < A; a++) {
    members.push(...territoryOf[a]);
    rowStart[a + 1] = members.length;
  }
  const sweep = new Int32Array(A);
  let w = 0;
  for (let ar = 0; ar < ASTRO_SIDE; ar++) for (let ac = 0; ac < ASTRO_SIDE; ac++) sweep[w++] = ar + ASTRO_SIDE * ac;
  for (let k = 0; k < A; k++) for (const n of territoryOf[sweep[k]]) ownerOf[n] = sweep[k];
  // grid neighbours: up, down, left, right where they exist
  const nbStart = new Int32Array(A + 1);
  const neighbours: number[] = [];
  for (let a = 0; a < A; a++) {
    const ar = a % ASTRO_SIDE;
    const ac = Math.floor(a / ASTRO_SIDE);
    if (ar > 0) neighbours.push(a - 1);
    if (ar < ASTRO_SIDE - 1) neighbours.push(a + 1);
    if (ac > 0) neighbours.push(a - ASTRO_SIDE);
    if (ac < ASTRO_SIDE - 1) neighbours.push(a + ASTRO_SIDE);
    nbStart[a + 1] = neighbours.length;
  }
  const periodS = DT_MS / 1000;
  const fixed = astroConstants("ullah2006", ULLAH_WM2021, periodS, astroFrac, c, { ...sem.astrocyte.lut, caMax: 2, ip3Max: 4 });
  const luts = [sigmoid, ...Object.values(fixed.luts)];
  const lutIndex = Object.fromEntries(Object.keys(fixed.luts).map((name, i) => [name, i + 1]));
  const q = (x: number) => Math.round(x * 2 ** astroFrac);
  const astro: GliaAstroGroup = {
    id: "astrocytes",
    model: "ullah2006",
    offset: 0,
    size: A,
    frac: astroFrac,
    periodSteps: 1,
    constants: fixed.constants,
    luts: lutIndex,
    ca0: new Int32Array(A).fill(q(ULLAH_WM2021_INITIAL.ca)),
    h0: new Int32Array(A).fill(q(ULLAH_WM2021_INITIAL.h)),
    ip30: new Int32Array(A).fill(q(ULLAH_WM2021_INITIAL.ip3)),
    sweep,
    diffusion: { order: "gauss-seidel", dCa: Math.round(0.05 * periodS * 2 ** c), dIp3: Math.round(0.1 * periodS * 2 ** c), rowStart: nbStart, neighbour: Int32Array.from(neighbours) },
    territory: { populationOffset: 0, rowStart, neuron: Int32Array.from(members), ownerOf, ownerRule: "last" },
    sensing: { kind: "glutamate_count", threshold: Math.round(0.7 * 2 ** gFrac), minCount: 8, amplitude: q(5), durationSteps: 600 },
    gate: { caThreshold: q(0.15), minCoincident: 6, windowSteps: 100, checkSteps: 10, holdSteps: 2500 },
  };

  // 40 targets per neuron at exponential distances (mean 5) in random directions, inside the grid, no self
  const rows = new Int32Array(N + 1);
  const post: number[] = [];
  for (let n = 0; n < N; n++) {
    const r0 = n % SIDE;
    const c0 = Math.floor(n / SIDE);
    const seen = new Set<number>();
    while (seen.size < FAN_OUT) {
      const radius = -5 * Math.log(rng.nextFloatOpenZero());
      const phi = 2 * Math.PI * rng.nextFloat();
      const r = r0 + Math.trunc(radius * Math.cos(phi));
      const col = c0 + Math.trunc(radius * Math.sin(phi));
      if (r < 0 || r >= SIDE || col < 0 || col >= SIDE) continue;
      const m = r + SIDE * col;
      if (m === n || seen.has(m)) continue;
      seen.add(m);
      post.push(m);
    }
    rows[n + 1] = post.length;
  }
  const S = post.length;
  const projection: GliaProjection = {
    id: "recurrent",
    pre: { kind: "neurons", offset: 0, size: N },
    postOffset: 0,
    postSize: N,
    eRev: 0,
    sigmoid: 0,
    sFrac: sigmoid.frac,
    weightFrac,
    rowStart: rows,
    post: Int32Array.from(post),
    weight: new Int32Array(S).fill(Math.round(0.025 * 2 ** weightFrac)),
    astrocyte: Int32Array.from(post, (m) => ownerOf[m]),
    delta: new Int32Array(S).fill(Math.round(0.5 * 2 ** weightFrac)),
  };

  // noise: per neuron 15 impulses of 301 steps, amplitude uniform in (−20, 20), Poisson-spaced
  const events: [number, number, number][] = [];
  for (let n = 0; n < N; n++) {
    let start = Math.max(1, Math.floor(15000 * rng.nextFloat()));
    for (let k = 0; k < 15 && start < steps; k++) {
      events.push([start, n, Math.round((-20 + 40 * rng.nextFloat()) * 2 ** vFrac)]);
      if (start + 301 < steps) events.push([start + 301, n, 0]);
      start += 301 + Math.round(-6666.7 * Math.log(rng.nextFloatOpenZero()));
    }
  }
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const noise: GliaCurrent = {
    id: "noise",
    populationOffset: 0,
    size: N,
    step: Int32Array.from(events, (e) => e[0]),
    neuron: Int32Array.from(events, (e) => e[1]),
    value: Int32Array.from(events, (e) => e[2]),
  };

  return {
    format: GLIA_CONFIG_FORMAT,
    target: { name: target.name, version: target.version },
    network: { name: "wm2021-bench", hash: "bench" },
    semantics: sem,
    limits: target.core,
    dtMs: DT_MS,
    steps,
    seed,
    neurons: [neurons],
    projections: [projection],
    currents: [noise],
    astrocytes: [astro],
    neuronEffects: [],
    luts,
    inputs: { lineCount: 0, spikeSteps: new Int32Array(0), spikeLines: new Int32Array(0), symbols: [] },
    scales: [],
    record: [{ population: "neurons", spikes: true, state: [], neurons: new Int32Array(0) }],
  };
}

function main(): void {
  const target = JSON.parse(readFileSync(join(ROOT, "targets", "glia-core.json"), "utf8")) as GliaTarget;
  let t0 = performance.now();
  const config = workingMemoryConfig(target, STEPS);
  line(`config: ${N} neurons, ${config.projections[0].post.length} synapses, ${A} astrocytes, ${STEPS} steps (${((STEPS * DT_MS) / 1000).toFixed(1)} s) — built in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  t0 = performance.now();
  const result = emulateGlia(config);
  const ms = performance.now() - t0;
  const gates = result.glia.gate.reduce((n, x) => n + (x > 0 ? 1 : 0), 0);
  line(`emulateGlia: ${(ms / 1000).toFixed(2)} s (${((STEPS * N) / (ms / 1000) / 1e6).toFixed(1)} M neuron-steps/s), ${result.counts.spikes} spikes, ${result.counts.synapticEvents} synaptic events, gates open at the end: ${gates}`);
  line(`saturations: ${JSON.stringify(result.overflow)}`);
  if (argv.includes("--scalar")) {
    const short = 200;
    t0 = performance.now();
    const slow = interpretGliaScalar(config, { steps: short });
    const slowMs = performance.now() - t0;
    const fast = emulateGlia(config, { steps: short });
    const same = JSON.stringify(Array.from(slow.glia.v)) === JSON.stringify(Array.from(fast.glia.v)) && JSON.stringify(Array.from(slow.glia.ca)) === JSON.stringify(Array.from(fast.glia.ca));
    line(`interpretGliaScalar: ${short} steps in ${(slowMs / 1000).toFixed(2)} s; equal to the fast emulator: ${same}`);
  }
}

main();

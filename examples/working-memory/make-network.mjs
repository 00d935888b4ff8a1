#!/usr/bin/env node
/**
 * Writes the working-memory networks (Gordleeva et al. 2021) and their digit masks:
 * network.json (79×79 neurons, 26×26 astrocytes), network-small.json (31×31, 10×10),
 * digits.json and digits-small.json. Plain Node, no dependencies, deterministic: every draw comes
 * from the seeded generator below, so two runs write identical bytes.
 *
 *   node examples/working-memory/make-network.mjs [output-directory]
 *
 * Inputs follow ../shared/research/wm2021-update-order.md §7: pattern windows truncated with
 * fix(t/dt) exactly as the authors' code does, noise impulses as explicit pulses (Poisson
 * intervals, not exponential ones, hence not the library's "impulses" kind).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const DT_S = 0.0001; // the authors' step in seconds; every window is computed from it as they do
const DT_MS = 0.1;

// ---------------------------------------------------------------------------------------------
// Seeded generator: xoshiro128** seeded by splitmix32, doubles with 53 random bits.

function makeRng(seed) {
  let x = seed >>> 0;
  const splitmix = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const s = [splitmix(), splitmix(), splitmix(), splitmix()];
  const next32 = () => {
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  const uniform = () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992; // [0, 1)
  // Unbiased integer in [0, n) by rejection.
  const below = (n) => {
    const limit = Math.floor(4294967296 / n) * n;
    for (;;) {
      const v = next32();
      if (v < limit) return v % n;
    }
  };
  return { uniform, below };
}

function rotl(v, k) {
  return ((v << k) | (v >>> (32 - k))) >>> 0;
}

/**
 * Poisson sampler for a fixed mean by inversion of a tabulated CDF (mode ± 12 standard
 * deviations; the mass outside is below 1e-30). The pmf is built by the ratio recursion from the
 * mode, so no log-gamma is needed.
 */
function makePoisson(mean) {
  const mode = Math.floor(mean);
  const spread = Math.ceil(12 * Math.sqrt(mean)) + 10;
  const low = Math.max(0, mode - spread);
  const high = mode + spread;
  const weight = new Float64Array(high - low + 1);
  weight[mode - low] = 1;
  for (let k = mode; k < high; k++) weight[k + 1 - low] = (weight[k - low] * mean) / (k + 1);
  for (let k = mode; k > low; k--) weight[k - 1 - low] = (weight[k - low] * k) / mean;
  const cdf = new Float64Array(weight.length);
  let total = 0;
  for (let i = 0; i < weight.length; i++) cdf[i] = total += weight[i];
  for (let i = 0; i < cdf.length; i++) cdf[i] /= total;
  return (rng) => {
    const u = rng.uniform();
    let lo = 0, hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return low + lo;
  };
}

// ---------------------------------------------------------------------------------------------
// Digits 0–9 as a stroke font: segments and elliptic arcs in a unit box (x right, y down),
// rendered with a round pen. Arcs: [cx, cy, rx, ry, fromDeg, toDeg], angle 270° = top.

const line = (x1, y1, x2, y2) => [[x1, y1], [x2, y2]];
function arc(cx, cy, rx, ry, fromDeg, toDeg) {
  const points = [];
  const n = 64;
  for (let i = 0; i <= n; i++) {
    const a = ((fromDeg + ((toDeg - fromDeg) * i) / n) * Math.PI) / 180;
    points.push([cx + rx * Math.cos(a), cy + ry * Math.sin(a)]);
  }
  return points;
}

const GLYPHS = [
  [arc(0.5, 0.5, 0.24, 0.35, 0, 360)],
  [line(0.53, 0.14, 0.53, 0.86), line(0.53, 0.14, 0.36, 0.3), line(0.36, 0.86, 0.7, 0.86)],
  [arc(0.5, 0.34, 0.22, 0.2, 190, 385), line(0.7, 0.42, 0.28, 0.86), line(0.28, 0.86, 0.76, 0.86)],
  [arc(0.5, 0.31, 0.21, 0.17, 200, 450), arc(0.5, 0.67, 0.24, 0.19, 270, 520)],
  [line(0.62, 0.14, 0.24, 0.64), line(0.24, 0.64, 0.78, 0.64), line(0.62, 0.14, 0.62, 0.86)],
  [line(0.74, 0.14, 0.33, 0.14), line(0.33, 0.14, 0.3, 0.46), arc(0.5, 0.65, 0.24, 0.21, 225, 500)],
  [arc(0.54, 0.5, 0.26, 0.36, 295, 160), arc(0.5, 0.67, 0.22, 0.19, 0, 360)],
  [line(0.24, 0.14, 0.76, 0.14), line(0.76, 0.14, 0.42, 0.86)],
  [arc(0.5, 0.31, 0.19, 0.17, 0, 360), arc(0.5, 0.68, 0.23, 0.19, 0, 360)],
  [arc(0.5, 0.33, 0.22, 0.19, 0, 360), arc(0.46, 0.5, 0.26, 0.36, 340, 475)],
];
const PEN_RADIUS = 0.072; // of the box: about 11 pixels wide at 79 and 4–5 at 31

function distanceToSegment(px, py, [x1, y1], [x2, y2]) {
  const dx = x2 - x1, dy = y2 - y1;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / length2));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

/** mask[row + rows·col] = 1 on the digit (the grid's column-major order). */
function renderDigit(digit, rows, cols) {
  const mask = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const px = (c + 0.5) / cols, py = (r + 0.5) / rows;
      let on = false;
      for (const stroke of GLYPHS[digit]) {
        for (let i = 0; i + 1 < stroke.length && !on; i++) on = distanceToSegment(px, py, stroke[i], stroke[i + 1]) <= PEN_RADIUS;
        if (on) break;
      }
      mask[r + rows * c] = on ? 1 : 0;
    }
  }
  return mask;
}

/** The authors' randperm flips: round(N·f) distinct pixels chosen uniformly are inverted. */
function flipPixels(mask, fraction, rng) {
  const n = mask.length;
  const flips = Math.round(n * fraction);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < flips; i++) {
    const j = i + rng.below(n - i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const noisy = Uint8Array.from(mask);
  for (let i = 0; i < flips; i++) noisy[order[i]] ^= 1;
  return noisy;
}

// ---------------------------------------------------------------------------------------------
// Protocol windows exactly as the authors' make_experiment: be = start + shift·(i−1),
// en = be + duration, both fix(·/dt); the pattern is on at 1-based steps be … en, i.e. 0-based
// steps be−1 … en−1, which the IR writes as [ (be−1)·dt, en·dt ).

function windows(startS, durationS, shiftS, count) {
  const result = [];
  for (let i = 0; i < count; i++) {
    const be = startS + shiftS * i;
    const en = be + durationS;
    result.push({ firstStep: Math.trunc(be / DT_S) - 1, stopStep: Math.trunc(en / DT_S) });
  }
  return result;
}

const stepToMs = (step) => step / 10; // the double nearest step·0.1, so round(t/dt) = step

function build(config) {
  const { rows, astroRows, protocol, seed } = config;
  const size = rows * rows;
  const rng = makeRng(seed);
  const digits = Array.from({ length: 10 }, (_, d) => renderDigit(d, rows, rows));

  const learn = windows(protocol.learnStart, protocol.learnDuration, protocol.learnShift, protocol.learnOrder.length);
  const test = windows(protocol.testStart, protocol.testDuration, protocol.testShift, protocol.testOrder.length);
  const segments = [];
  const schedule = [];
  const addPhase = (order, phaseWindows, fraction, amplitude, phase) => {
    order.forEach((digit, i) => {
      const noisy = flipPixels(digits[digit], fraction, rng);
      const { firstStep, stopStep } = phaseWindows[i];
      segments.push({ start: stepToMs(firstStep), stop: stepToMs(stopStep), values: Array.from(noisy, (v) => v * amplitude) });
      schedule.push({ phase, digit, firstStep, stopStep });
    });
  };
  addPhase(protocol.learnOrder, learn, 0.05, 80, "learn");
  addPhase(protocol.testOrder, test, 0.2, 8, "test");

  const steps = Math.round(protocol.durationMs / DT_MS);
  const noise = makeNoise(size, steps, rng);

  const network = {
    format: "tripart.network/1",
    name: config.name,
    description:
      `Working memory with astrocytes (Gordleeva et al. 2021, Front. Cell. Neurosci. 15:631485): ${rows}×${rows} Izhikevich neurons, ` +
      `${astroRows}×${astroRows} Ullah astrocytes gating synaptic efficacy. Written by make-network.mjs; see README.md.`,
    run: { dt: DT_MS, duration: protocol.durationMs, seed },
    populations: [
      {
        id: "neurons",
        model: "izhikevich",
        size,
        grid: [rows, rows],
        params: { a: 0.1, b: 0.2, c: -65, d: 2, v_peak: 30, input_clip: 25 },
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
        connect: { rule: "grid_distance", outdegree: 40, mean_distance: 5, candidates: 40000 },
        weight: 0.025,
        synapse: { kind: "sigmoid_conductance", e_rev: 0, k: 0.2 },
      },
    ],
    currents: [
      { id: "patterns", kind: "steps", population: "neurons", segments },
      { id: "noise", kind: "pulses", population: "neurons", ...noise },
    ],
    astrocytes: [
      {
        id: "astrocytes",
        model: "ullah2006",
        size: astroRows * astroRows,
        grid: [astroRows, astroRows],
        period: DT_MS,
        params: {
          c0: 2.0, c1: 0.185, v1: 6.0, v2: 0.11, v3: 2.2, v4: 0.3, v6: 0.2, k1: 0.5, k2: 1.0, k3: 0.1, k4: 1.1,
          d1: 0.13, d2: 1.049, d3: 0.9434, d5: 0.082, a2: 0.14, ip3_star: 0.16, ip3_rate: 0.14, alpha: 0.8,
          membrane_fluxes: true, plc_delta: true,
        },
        initial: { ca: 0.072495, h: 0.886314, ip3: 0.820204 },
        coupling: { kind: "grid", d_ca: 0.05, d_ip3: 0.1, order: "gauss-seidel" },
        territory: { kind: "grid_patches", population: "neurons", size: [4, 4], stride: [3, 3] },
        owner: "last",
        sensing: { kind: "glutamate_count", threshold: 0.7, min_count: 8, amplitude: 5, duration: 60 },
        gate: { ca_threshold: 0.15, min_coincident: 6, window: 10, check_period: 1, hold: 250 },
      },
    ],
    tripartite: [{ id: "gliotransmission", astrocytes: "astrocytes", projection: "recurrent", by: "post", effect: { kind: "additive", nu: 0.5 } }],
    record: [
      { population: "neurons", spikes: true },
      { population: "astrocytes", state: ["ca", "ip3", "gate"] },
    ],
  };

  const digitsFile = {
    format: "tripart.example.digits/1",
    description:
      "Digit masks rendered by make-network.mjs (a stroke font, our stand-ins for the authors' JPEG digits). " +
      "rows[r][c] is pixel (r, c), '#' = 1; neuron index = r + rows·c. protocol: the pattern windows in 0-based steps [firstStep, stopStep).",
    grid: [rows, rows],
    digits: digits.map((mask) => maskRows(mask, rows)),
    learned: [...new Set(protocol.learnOrder)],
    protocol: { dtMs: DT_MS, steps, schedule },
  };
  return { network, digitsFile };
}

/**
 * The authors' make_poisson_noise: per neuron 15 impulses; the first at fix(15000·rand) (0 → 1),
 * the next ones Poisson(1/(1.5 Hz)/dt) steps apart (0 → 1); each holds a float32 amplitude
 * uniform in (−20, 20) on 301 steps from its 1-based start column, i.e. 0-based steps T−1 … T+299.
 * Impulses that start after the run are dropped and the last ones are cut at the run's end.
 */
function makeNoise(size, steps, rng) {
  const impulses = 15;
  const meanSteps = 1 / 1.5 / DT_S;
  const firstWindow = Math.trunc(1.5 / DT_S);
  const durationSteps = Math.trunc(0.03 / DT_S) + 1;
  const poisson = makePoisson(meanSteps);
  const neuron = [], start = [], duration = [], amplitude = [];
  for (let n = 0; n < size; n++) {
    const interval = [];
    for (let i = 0; i < impulses; i++) interval.push(poisson(rng));
    const amp = [];
    for (let i = 0; i < impulses; i++) amp.push(Math.fround((rng.uniform() - 0.5) * 2 * 20));
    interval[0] = Math.trunc(firstWindow * rng.uniform());
    let column = 0;
    for (let i = 0; i < impulses; i++) {
      column += interval[i] === 0 ? 1 : interval[i];
      const first = column - 1;
      if (first >= steps) break;
      neuron.push(n);
      start.push(stepToMs(first));
      duration.push(stepToMs(Math.min(durationSteps, steps - first)));
      amplitude.push(amp[i]);
    }
  }
  return { neuron, start, duration, amplitude };
}

function maskRows(mask, rows) {
  const lines = [];
  for (let r = 0; r < rows; r++) {
    let text = "";
    for (let c = 0; c < rows; c++) text += mask[r + rows * c] ? "#" : ".";
    lines.push(text);
  }
  return lines;
}

const FULL = {
  name: "working-memory",
  rows: 79,
  astroRows: 26,
  seed: 42,
  protocol: {
    durationMs: 6000,
    learnStart: 0.5, learnDuration: 0.2, learnShift: 0.3, learnOrder: [0, 1, 2, 3],
    testStart: 2.3, testDuration: 0.15, testShift: 0.4, testOrder: [0, 5, 1, 6, 2, 7, 3, 8],
  },
};

// (10 − 1)·3 + 4 = 31 neurons per side; the test cues come 0.3 s apart from 1.9 s, so the run
// ends at 4.2 s. A readout window (250 ms) still ends before the next cue starts.
const SMALL = {
  name: "working-memory-small",
  rows: 31,
  astroRows: 10,
  seed: 42,
  protocol: {
    durationMs: 4200,
    learnStart: 0.5, learnDuration: 0.2, learnShift: 0.3, learnOrder: [0, 1, 2, 3],
    testStart: 1.9, testDuration: 0.15, testShift: 0.3, testOrder: [0, 5, 1, 6, 2, 7, 3, 8],
  },
};

/** One number array per line keeps the big files diffable without a line per number. */
function stringify(value) {
  return JSON.stringify(value, undefined, 2).replace(/\[\s+([-\d.e,\s]+?)\s+\]/g, (_, body) => `[${body.split(/,\s*/).join(", ")}]`) + "\n";
}

const outDir = process.argv[2] ?? HERE;
mkdirSync(outDir, { recursive: true });
for (const [config, suffix] of [[FULL, ""], [SMALL, "-small"]]) {
  const { network, digitsFile } = build(config);
  writeFileSync(join(outDir, `network${suffix}.json`), stringify(network));
  writeFileSync(join(outDir, `digits${suffix}.json`), stringify(digitsFile));
}

#!/usr/bin/env node
/**
 * An independent check of the float reference on this example: a plain re-implementation of one
 * step of the Gordleeva et al. 2021 model, written from ../shared/research/wm2021-update-order.md
 * §6 alone (specialised to this network: one population, one projection, 4×4 patches with stride
 * 3, additive gate), run on the library's elaborated synapses and compared with simulateGlia
 * spike by spike and on the final Ca of every astrocyte.
 *
 *   node examples/working-memory/check-reference.mjs [network-small.json] [--steps N]
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));

/** Steps the network with the update order of §6; returns its spikes (by step, then neuron) and final Ca. */
export function stepByDescription(net, csr, steps) {
  const population = net.populations[0];
  const rows = population.grid[0], size = population.size;
  const astro = net.astrocytes[0], astroRows = astro.grid[0], astroSize = astro.size;
  const p = astro.params;
  const dtMs = net.run.dt, dtS = dtMs / 1000;
  const { a, b, c, d } = population.params;

  // Pattern segments as step windows; noise pulses as start events per step ("set", then back to 0).
  const segments = net.currents[0].segments.map((s) => ({ first: Math.round(s.start / dtMs), stop: Math.round(s.stop / dtMs), values: s.values }));
  const pulses = net.currents[1];
  const startsAt = new Map();
  for (let k = 0; k < pulses.neuron.length; k++) {
    const first = Math.round(pulses.start[k] / dtMs);
    const stop = Math.round((pulses.start[k] + pulses.duration[k]) / dtMs);
    if (!startsAt.has(first)) startsAt.set(first, []);
    startsAt.get(first).push([pulses.neuron[k], pulses.amplitude[k], stop]);
  }
  const noise = new Float64Array(size), noiseStop = new Int32Array(size).fill(-1);

  const v = new Float64Array(size).fill(net.populations[0].initial.v), u = new Float64Array(size), g = new Float64Array(size);
  const iSyn = new Float64Array(size), sigmoid = new Float64Array(size), gateLine = new Float64Array(size), fired = new Uint8Array(size);
  const ca = new Float64Array(astroSize).fill(astro.initial.ca), h = new Float64Array(astroSize).fill(astro.initial.h);
  const ip3 = new Float64Array(astroSize).fill(astro.initial.ip3);
  const driveLast = new Int32Array(astroSize).fill(-1), gateLast = new Int32Array(astroSize).fill(-1), gate = new Uint8Array(astroSize);
  const history = Array.from({ length: astroSize }, () => new Int32Array(101)); // spike counts of steps s − 100 … s

  const patch = [];
  for (let k = 0; k < astroSize; k++) {
    const ar = k % astroRows, ac = (k - ar) / astroRows;
    const neurons = [];
    for (let dc = 0; dc < 4; dc++) for (let dr = 0; dr < 4; dr++) neurons.push(ar * 3 + dr + rows * (ac * 3 + dc));
    patch.push(neurons);
  }
  const owner = new Int32Array(size).fill(-1); // the last patch in row-major sweep order wins
  for (let ar = 0; ar < astroRows; ar++) for (let ac = 0; ac < astroRows; ac++) for (const n of patch[ar + astroRows * ac]) owner[n] = ar + astroRows * ac;

  const kappa = dtS * 1000, kappaA = kappa * a, half = dtS / 2, sixth = dtS / 6;
  const rhs = (cCa, cH, cIp3, drive, lapCa, lapIp3, out) => {
    const m = cIp3 / (cIp3 + p.d1), n = cCa / (cCa + p.d5);
    const jEr = (((p.c1 * p.v1 * Math.pow(m, 3)) * Math.pow(n, 3)) * Math.pow(cH, 3)) * ((p.c0 - cCa) / p.c1 - cCa);
    const jLeak = p.c1 * p.v2 * ((p.c0 - cCa) / p.c1 - cCa);
    const jPump = (p.v3 * Math.pow(cCa, 2)) / (Math.pow(cCa, 2) + Math.pow(p.k3, 2));
    const jIn = p.v6 * (Math.pow(cIp3, 2) / (Math.pow(p.k2, 2) + Math.pow(cIp3, 2)));
    const jOut = p.k1 * cCa;
    const q2 = p.d2 * ((cIp3 + p.d1) / (cIp3 + p.d3));
    const jPlc = p.v4 * ((cCa + (1 - p.alpha) * p.k4) / (cCa + p.k4));
    out[0] = ((((jEr - jPump) + jLeak) + jIn) - jOut) + astro.coupling.d_ca * lapCa;
    out[1] = (q2 / (q2 + cCa) - cH) / (1 / (p.a2 * (q2 + cCa))); // (h∞ − h)/τ_h with τ_h formed first, as §6 writes it
    out[2] = (((p.ip3_star - cIp3) * p.ip3_rate + jPlc) + drive) + astro.coupling.d_ip3 * lapIp3;
  };
  const k1 = [0, 0, 0], k2 = [0, 0, 0], k3 = [0, 0, 0], k4 = [0, 0, 0];
  const sensing = astro.sensing, gateSpec = astro.gate;
  const driveSteps = Math.round(sensing.duration / dtMs), holdSteps = Math.round(gateSpec.hold / dtMs);
  const windowSteps = Math.round(gateSpec.window / dtMs), checkSteps = Math.round(gateSpec.check_period / dtMs);
  const nu = net.tripartite[0].effect.nu, weight = net.projections[0].weight;

  const spikeStep = [], spikeNeuron = [];
  for (let s = 0; s < steps; s++) {
    for (const [n, amplitude, stop] of startsAt.get(s) ?? []) (noise[n] = amplitude), (noiseStop[n] = stop);
    const pattern = segments.find((segment) => s >= segment.first && s < segment.stop)?.values;
    // A. neurons: reset, input, V, U, clamp, glutamate
    for (let n = 0; n < size; n++) {
      if (noiseStop[n] === s) noise[n] = 0;
      if (v[n] >= population.params.v_peak) (v[n] = c), (u[n] = u[n] + d);
      const input = Math.min(((pattern ? pattern[n] : 0) + iSyn[n]) + noise[n], population.params.input_clip);
      const old = v[n];
      const next = old + kappa * (((((0.04 * (old * old)) + 5 * old) + 140) + input) - u[n]);
      u[n] = u[n] + kappaA * (b * next - u[n]);
      v[n] = Math.min(next, population.params.v_peak);
      g[n] = g[n] - dtS * (10 * g[n] - 600 * (v[n] === population.params.v_peak ? 1 : 0));
    }
    // A.8–9: synaptic current for the next step with last step's gate line; spikes
    for (let n = 0; n < size; n++) {
      sigmoid[n] = 1 / (1 + Math.exp(-v[n] / 0.2));
      iSyn[n] = 0;
      fired[n] = v[n] > population.params.v_peak - 1 ? 1 : 0;
      if (fired[n]) spikeStep.push(s), spikeNeuron.push(n);
    }
    for (let pre = 0; pre < size; pre++) {
      for (let k = csr.rowStart[pre]; k < csr.rowStart[pre + 1]; k++) {
        const post = csr.post[k];
        iSyn[post] += ((weight + nu * gateLine[post]) * sigmoid[pre]) * (0 - v[post]);
      }
    }
    // B–C. astrocytes, swept in place row by row
    for (let ar = 0; ar < astroRows; ar++) {
      for (let ac = 0; ac < astroRows; ac++) {
        const k = ar + astroRows * ac;
        let active = 0, spiking = 0;
        for (const n of patch[k]) (active += g[n] >= sensing.threshold ? 1 : 0), (spiking += fired[n]);
        history[k][s % 101] = spiking;
        if (active >= sensing.min_count) driveLast[k] = s + driveSteps - 1;
        const drive = s <= driveLast[k] ? sensing.amplitude : 0;
        const neighbours = [];
        if (ar > 0) neighbours.push(k - 1);
        if (ar < astroRows - 1) neighbours.push(k + 1);
        if (ac > 0) neighbours.push(k - astroRows);
        if (ac < astroRows - 1) neighbours.push(k + astroRows);
        let lapCa = 0, lapIp3 = 0;
        for (const j of neighbours) (lapCa += ca[j]), (lapIp3 += ip3[j]);
        lapCa -= neighbours.length * ca[k];
        lapIp3 -= neighbours.length * ip3[k];
        const x0 = ca[k], x1 = h[k], x2 = ip3[k];
        rhs(x0, x1, x2, drive, lapCa, lapIp3, k1);
        rhs(x0 + half * k1[0], x1 + half * k1[1], x2 + half * k1[2], drive, lapCa, lapIp3, k2);
        rhs(x0 + half * k2[0], x1 + half * k2[1], x2 + half * k2[2], drive, lapCa, lapIp3, k3);
        rhs(x0 + dtS * k3[0], x1 + dtS * k3[1], x2 + dtS * k3[2], drive, lapCa, lapIp3, k4);
        ca[k] = x0 + sixth * (((k1[0] + 2 * k2[0]) + 2 * k3[0]) + k4[0]);
        h[k] = x1 + sixth * (((k1[1] + 2 * k2[1]) + 2 * k3[1]) + k4[1]);
        ip3[k] = x2 + sixth * (((k1[2] + 2 * k2[2]) + 2 * k3[2]) + k4[2]);
        if ((s + 1) % checkSteps === 0 && ca[k] > gateSpec.ca_threshold) {
          let most = 0;
          for (let q = Math.max(0, s - windowSteps); q <= s; q++) most = Math.max(most, history[k][q % 101]);
          if (most >= gateSpec.min_coincident) gateLast[k] = s + holdSteps;
        }
        gate[k] = s <= gateLast[k] ? 1 : 0;
      }
    }
    // D. gate expansion for the next step's synaptic current
    for (let n = 0; n < size; n++) gateLine[n] = owner[n] >= 0 ? gate[owner[n]] : 0;
  }
  return { spikeStep, spikeNeuron, ca };
}

async function main() {
  const args = process.argv.slice(2);
  const stepsAt = args.indexOf("--steps");
  const steps = stepsAt >= 0 ? Number(args[stepsAt + 1]) : undefined;
  const name = args.find((arg, i) => !arg.startsWith("--") && args[i - 1] !== "--steps") ?? "network-small.json";
  const path = existsSync(name) ? resolve(name) : resolve(HERE, name);
  const dist = (module) => import(new URL(`../../dist/src/${module}`, import.meta.url).href);
  const { loadNetwork } = await dist("ir/load.js");
  const { elaborate } = await dist("ir/elaborate.js");
  const { simulateGlia } = await dist("reference/glia-simulator.js");
  const text = readFileSync(path, "utf8");
  const loaded = loadNetwork(text, { file: path });
  if (!loaded.ok) throw new Error(`${path} does not load`);
  const elaborated = elaborate(loaded.value);
  const total = steps ?? elaborated.steps;

  const mine = stepByDescription(JSON.parse(text), elaborated.projections[0].synapses, total);
  const reference = simulateGlia(elaborated, { steps: total }).recording;
  const train = reference.populations.find((q) => q.id === "neurons").spikes;
  let firstDifference = -1;
  const common = Math.min(train.step.length, mine.spikeStep.length);
  for (let k = 0; k < common && firstDifference < 0; k++) {
    if (train.step[k] !== mine.spikeStep[k] || train.neuron[k] !== mine.spikeNeuron[k]) firstDifference = k;
  }
  const caTrace = reference.populations.find((q) => q.id === "astrocytes").traces.find((t) => t.variable === "ca");
  let largest = 0;
  caTrace.neurons.forEach((astrocyte, k) => (largest = Math.max(largest, Math.abs(caTrace.values[k][total - 1] - mine.ca[astrocyte]))));
  console.log(`${total} steps: reference ${train.step.length} spikes, this description ${mine.spikeStep.length} spikes`);
  console.log(firstDifference < 0 && train.step.length === mine.spikeStep.length ? "spike trains identical" : `first differing spike: #${firstDifference}`);
  console.log(`largest |ΔCa| at the last step: ${largest}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

#!/usr/bin/env node
/**
 * Runs the astrocyte-gated STDP network (network.json) and its control (closed: 1, learning all
 * the time) on the float reference and on the glia-core emulator, and reports for each: how far
 * the weights moved while the astrocyte's gate was open and while it was closed, when the gate was
 * open, the post neurons' spikes before the gate first opened and in the last 500 ms of drive,
 * how the learned change follows the presynaptic rate, and the weight agreement of the two sides
 * (diffRecordings(...).value.weights).
 *
 *   node examples/astro-gated-stdp/run.mjs [--json out.json]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compileAny, diffRecordings, elaborate, emulateGlia, loadNetwork, resolveTarget, simulateGlia } from "tripart";
import { makeNetwork } from "./make-network.mjs";

const DUMP_MS = 1;
const PROJECTION = "learned";

/** Spearman rank correlation of two equal-length arrays (average ranks for ties). */
function spearman(x, y) {
  const rank = (v) => {
    const order = v.map((value, i) => [value, i]).sort((a, b) => a[0] - b[0]);
    const r = new Array(v.length);
    for (let k = 0; k < order.length; ) {
      let e = k;
      while (e + 1 < order.length && order[e + 1][0] === order[k][0]) e++;
      for (let q = k; q <= e; q++) r[order[q][1]] = (k + e) / 2;
      k = e + 1;
    }
    return r;
  };
  const a = rank(x);
  const b = rank(y);
  const mean = (v) => v.reduce((s, t) => s + t, 0) / v.length;
  const ma = mean(a);
  const mb = mean(b);
  let num = 0, da = 0, db = 0;
  for (let i = 0; i < a.length; i++) ((num += (a[i] - ma) * (b[i] - mb)), (da += (a[i] - ma) ** 2), (db += (b[i] - mb) ** 2));
  return num / Math.sqrt(da * db);
}

/** What one recording learned and when (epoch: the steps a weight write may lag its increments). */
export function summarise(recording, network, epoch) {
  const dt = network.run.dt;
  const steps = recording.steps;
  const gate = recording.populations.find((p) => p.id === "astrocyte").traces.find((t) => t.variable === "gate").values[0];
  const open = (s) => s >= 0 && gate[s] > 0;
  const weights = recording.weights.find((w) => w.projection === PROJECTION);
  const snapshots = weights.snapshots;
  // Learning in step t reads the gate of step t − 1; a write may carry the increments of the
  // epoch before it. An interval between dumps counts as open (closed) when every gate it could
  // have read was open (closed); the rest are mixed.
  const moved = { open: 0, closed: 0, mixed: 0 };
  for (let k = 1; k < snapshots.length; k++) {
    const from = snapshots[k - 1].step;
    const to = snapshots[k].step;
    let opened = 0;
    let total = 0;
    for (let s = from - epoch; s < to; s++) ((opened += open(s) ? 1 : 0), total++);
    let change = 0;
    for (let s = 0; s < snapshots[k].values.length; s++) change += Math.abs(snapshots[k].values[s] - snapshots[k - 1].values[s]);
    moved[opened === total ? "open" : opened === 0 ? "closed" : "mixed"] += change;
  }
  let openSteps = 0;
  let firstOpen = -1;
  for (let s = 0; s < steps; s++) if (open(s)) ((openSteps += 1), firstOpen < 0 && (firstOpen = s));
  const population = network.populations[0];
  const preCount = network.projections[0].connect.pairs.reduce((m, [j]) => Math.max(m, j + 1), 0);
  const spikes = recording.populations.find((p) => p.id === population.id).spikes;
  const postSpikes = (fromStep, toStep) => {
    let n = 0;
    for (let k = 0; k < spikes.step.length; k++) if (spikes.neuron[k] >= preCount && spikes.step[k] >= fromStep && spikes.step[k] < toStep) n++;
    return n;
  };
  const initial = snapshots[0].values;
  const final = snapshots[snapshots.length - 1].values;
  const change = Array.from(final, (w, s) => w - network.projections[0].weight);
  const preRate = Array.from(weights.pre, (j) => {
    let n = 0;
    for (let k = 0; k < spikes.step.length; k++) if (spikes.neuron[k] === j) n++;
    return n / (steps * dt / 1000);
  });
  const driveEnd = Math.round(1500 / dt);
  return {
    gate: { firstOpenMs: firstOpen < 0 ? null : Number((firstOpen * dt).toFixed(1)), openMs: Number((openSteps * dt).toFixed(1)) },
    weightChange: { open: moved.open, closed: moved.closed, mixed: moved.mixed },
    meanWeight: { initial: mean(initial), final: mean(final) },
    postSpikes: { beforeGate: postSpikes(0, firstOpen < 0 ? steps : firstOpen), lastDrive500ms: postSpikes(driveEnd - Math.round(500 / dt), driveEnd) },
    changeFollowsRate: spearman(preRate, change),
  };
}

const mean = (v) => Array.from(v).reduce((s, x) => s + x, 0) / v.length;

function runSide(network, target) {
  const loaded = loadNetwork(JSON.stringify(network), { file: `${network.name}.json` });
  if (!loaded.ok) throw new Error(`${network.name} does not load: ${loaded.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  const elaborated = elaborate(loaded.value);
  const dumpEvery = Math.round(DUMP_MS / network.run.dt);
  const weightSteps = [];
  for (let s = dumpEvery - 1; s < elaborated.steps; s += dumpEvery) weightSteps.push(s);
  const reference = simulateGlia(elaborated, { weightSteps });
  const compiled = compileAny(elaborated, target);
  if (!compiled.ok) throw new Error(`${network.name} does not compile: ${compiled.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`).join("; ")}`);
  const emulation = emulateGlia(compiled.value, { weightSteps });
  const diff = diffRecordings(reference.recording, emulation.recording);
  if (!diff.ok) throw new Error(diff.diagnostics.map((d) => d.message).join("; "));
  const weights = diff.value.weights.projections.find((p) => p.projection === PROJECTION);
  return {
    reference: summarise(reference.recording, network, 1),
    emulator: summarise(emulation.recording, network, compiled.value.learning.epoch),
    weights: { pearson: weights.pearson, spearman: weights.spearman, rmse: weights.rmse },
  };
}

/** The gated network (network.json) and its control (closed: 1), each on both sides. */
export async function runExample({ networkFile = fileURLToPath(new URL("./network.json", import.meta.url)) } = {}) {
  const resolved = await resolveTarget("glia-core");
  if (!resolved.ok) throw new Error("glia-core does not load");
  const gated = JSON.parse(readFileSync(networkFile, "utf8"));
  return { gated: runSide(gated, resolved.value), control: runSide(makeNetwork({ closed: 1 }), resolved.value) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const json = args.indexOf("--json") >= 0 ? args[args.indexOf("--json") + 1] : undefined;
  const result = await runExample();
  const f = (x, digits = 4) => (x === null ? "-" : x.toFixed(digits));
  for (const [variant, sides] of Object.entries(result)) {
    console.log(`${variant}:`);
    for (const side of ["reference", "emulator"]) {
      const r = sides[side];
      console.log(
        `  ${side.padEnd(9)} gate first open ${r.gate.firstOpenMs} ms, open ${r.gate.openMs} ms; |Δw| summed: open ${f(r.weightChange.open)}, ` +
          `closed ${f(r.weightChange.closed)}, mixed ${f(r.weightChange.mixed)}; mean w ${f(r.meanWeight.initial)} → ${f(r.meanWeight.final)}; ` +
          `post spikes before the gate ${r.postSpikes.beforeGate}, last 500 ms of drive ${r.postSpikes.lastDrive500ms}; Δw vs pre rate (Spearman) ${f(r.changeFollowsRate, 3)}`,
      );
    }
    const w = sides.weights;
    console.log(`  weights, emulator vs reference: Pearson ${f(w.pearson)}, Spearman ${f(w.spearman)}, RMSE ${w.rmse.toExponential(2)}`);
  }
  if (json !== undefined) writeFileSync(json, JSON.stringify(result, null, 2) + "\n");
}

#!/usr/bin/env node
/**
 * Measures what the astrocyte does to the postsynaptic neuron in each variant: runs the variant
 * and a control (the same network without its "tripartite" section) in the float reference and
 * counts neuron 1's spikes while the astrocyte's gate is open and while it is closed.
 *
 *   node examples/tripartite-synapse/run.mjs [--target glia-core]
 *
 * With --target, each variant also runs in the emulator of its compiled config.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
export const VARIANTS = ["additive", "multiplicative", "suppressive", "sic"];

async function loadLibrary() {
  const api = await import("tripart").catch(() => ({}));
  const fromDist = async (path) => import(new URL(`../../dist/src/${path}`, import.meta.url).href).catch(() => ({}));
  const load = api.loadNetwork ? api : await fromDist("ir/load.js");
  const elaborate = api.elaborate ? api : await fromDist("ir/elaborate.js");
  const reference = api.simulateGlia ? api : await fromDist("reference/glia-simulator.js");
  if (!load.loadNetwork || !elaborate.elaborate || !reference.simulateGlia) throw new Error("the library does not provide the neuron–astrocyte reference yet; run npm run build");
  const targets = api.resolveTarget ? api : await fromDist("targets/load.js");
  const passes = api.compileAny ? api : await fromDist("passes/pipeline.js");
  const emulator = api.emulateGlia ? api : await fromDist("emulator/glia-emulator.js");
  return {
    loadNetwork: load.loadNetwork,
    elaborate: elaborate.elaborate,
    simulateGlia: reference.simulateGlia,
    resolveTarget: targets.resolveTarget,
    compile: passes.compileAny,
    emulateGlia: emulator.emulateGlia,
  };
}

function run(lib, network, label, target) {
  const loaded = lib.loadNetwork(JSON.stringify(network), { file: label });
  if (!loaded.ok) throw new Error(`${label} does not load: ${loaded.diagnostics.map((d) => `${d.code} ${d.path} ${d.message}`).join("; ")}`);
  const elaborated = lib.elaborate(loaded.value);
  if (target === undefined) return lib.simulateGlia(elaborated).recording;
  const compiled = lib.compile(elaborated, target);
  if (!compiled.ok) {
    const errors = compiled.diagnostics.filter((d) => d.severity === "error");
    throw new Error(`${label} does not compile: ${errors.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  }
  return lib.emulateGlia(compiled.value).recording;
}

/** Spike steps of one neuron of a population. */
function spikeSteps(recording, population, neuron) {
  const train = recording.populations.find((p) => p.id === population).spikes;
  return Array.from(train.step).filter((_, k) => train.neuron[k] === neuron);
}

function traceOf(recording, population, variable) {
  return recording.populations.find((p) => p.id === population).traces.find((t) => t.variable === variable).values[0];
}

/** Counts the given spike steps at which the gate trace is open and closed. */
function split(steps, gate) {
  let open = 0, closed = 0;
  for (const s of steps) gate[s] > 0 ? open++ : closed++;
  return { open, closed };
}

export async function measure(targetName) {
  const lib = await loadLibrary();
  let target;
  if (targetName !== undefined) {
    if (!lib.resolveTarget || !lib.compile || !lib.emulateGlia) throw new Error("the library does not provide compileAny and emulateGlia yet; run npm run build");
    const resolved = await lib.resolveTarget(targetName);
    if (!resolved.ok) throw new Error(`target '${targetName}' does not load`);
    target = resolved.value;
  }
  const rows = [];
  for (const variant of VARIANTS) {
    const network = JSON.parse(readFileSync(join(HERE, `network-${variant}.json`), "utf8"));
    let withAstrocyte, control;
    try {
      withAstrocyte = run(lib, network, variant, target);
      control = run(lib, { ...network, tripartite: [] }, `${variant} without tripartite`, target);
    } catch (error) {
      rows.push({ variant, failure: error.message });
      continue;
    }
    const gate = traceOf(withAstrocyte, "astrocyte", "gate");
    const ca = traceOf(withAstrocyte, "astrocyte", "ca");
    const openSteps = gate.reduce((sum, v) => sum + (v > 0 ? 1 : 0), 0);
    const firstOpen = gate.findIndex((v) => v > 0);
    const post = split(spikeSteps(withAstrocyte, "pair", 1), gate);
    const postControl = split(spikeSteps(control, "pair", 1), gate);
    rows.push({
      variant,
      preSpikes: spikeSteps(withAstrocyte, "pair", 0).length,
      firstOpenMs: firstOpen < 0 ? undefined : firstOpen * withAstrocyte.dtMs,
      openMs: openSteps * withAstrocyte.dtMs,
      peakCa: ca.reduce((m, v) => Math.max(m, v), 0),
      post,
      postControl,
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf("--target");
  const targetName = at >= 0 ? process.argv[at + 1] : undefined;
  const rows = await measure(targetName);
  console.log(`${targetName ?? "float reference"}:`);
  console.log("| variant | pre spikes | gate first open (ms) | gate open (ms) | peak Ca (µM) | post spikes, gate open: control → variant | post spikes, gate closed: control → variant |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    if (r.failure !== undefined) {
      console.log(`| ${r.variant} | ${r.failure} | | | | | |`);
      continue;
    }
    console.log(
      `| ${r.variant} | ${r.preSpikes} | ${r.firstOpenMs?.toFixed(1) ?? "never"} | ${r.openMs.toFixed(1)} | ${r.peakCa.toFixed(3)} | ` +
        `${r.postControl.open} → ${r.post.open} | ${r.postControl.closed} → ${r.post.closed} |`,
    );
  }
}

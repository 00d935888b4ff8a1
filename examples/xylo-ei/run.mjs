#!/usr/bin/env node
/**
 * Runs examples/xylo-ei on xylo-style and on the float reference and takes the rate difference
 * apart: the reference as written, the reference with every time constant replaced by the one the
 * target realises (the dash rounding), the emulator as compiled (quantize divides each weight by
 * its channel's one-step decay factor, what the same-step input takes from every spike), and the
 * emulator compiled without that compensation (compensateSameStepDecay: false). Prints
 * per-population rates, the realised τ and the largest readout spikes in one step.
 *
 *   node examples/xylo-ei/run.mjs [--json out.json]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compile, elaborate, emulate, loadNetwork, resolveTarget, simulate } from "tripart";

const NETWORK = fileURLToPath(new URL("./network.json", import.meta.url));

function elaborated(json) {
  const loaded = loadNetwork(JSON.stringify(json));
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join("\n"));
  return elaborate(loaded.value);
}

function compiled(json, target, options = {}) {
  const result = compile(elaborated(json), target, options);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  return result;
}

/** Spikes per neuron and second of every population with a spike train. */
function rates(recording) {
  const seconds = (recording.steps * recording.dtMs) / 1000;
  return Object.fromEntries(recording.populations.filter((p) => p.spikes !== undefined).map((p) => [p.id, p.spikes.step.length / (p.size * seconds)]));
}

/** The most spikes one neuron of `population` emitted in one step (a neuron firing n times is listed n times). */
function mostSpikesInStep(recording, population) {
  const { step, neuron } = recording.populations.find((p) => p.id === population).spikes;
  const counts = new Map();
  for (let k = 0; k < step.length; k++) {
    const key = step[k] * 1e6 + neuron[k];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Math.max(0, ...counts.values());
}

/** Requested → realised τ of every population's tau_m and tau_syn, from the quantization report. */
function realisedTaus(report) {
  return report.parameters.filter((p) => p.parameter === "tau_m" || p.parameter === "tau_syn").map(({ owner, parameter, requested, realised }) => ({ owner, parameter, requested, realised }));
}

/** The network with every τ the target realises in place of the requested one. */
function withRealisedTaus(json, taus) {
  const realised = (owner, parameter, requested) => taus.find((t) => t.owner === owner && t.parameter === parameter && t.requested === requested).realised;
  const copy = structuredClone(json);
  for (const p of copy.populations) p.params.tau_m = realised(p.id, "tau_m", p.params.tau_m);
  for (const j of copy.projections) j.synapse.tau = realised(j.post, "tau_syn", j.synapse.tau);
  return copy;
}

const roundTo = (x, digits) => Number(x.toFixed(digits));

/**
 * The four runs and what they say, per population: rates (Hz) of the reference as written, of the
 * reference with the realised τ, of the emulator, and of the emulator without the same-step
 * compensation; the realised τ; the most readout spikes of one neuron in one step.
 */
export async function analyse(networkPath = NETWORK) {
  const json = JSON.parse(readFileSync(networkPath, "utf8"));
  const target = await resolveTarget("xylo-style");
  if (!target.ok) throw new Error("xylo-style does not load");
  const written = compiled(json, target.value);
  const taus = realisedTaus(written.reports.quantization);
  const realisedJson = withRealisedTaus(json, taus);
  const emulated = emulate(written.value).recording;
  const runs = {
    reference: rates(simulate(elaborated(json)).recording),
    referenceRealisedTau: rates(simulate(elaborated(realisedJson)).recording),
    emulator: rates(emulated),
    emulatorUncompensated: rates(emulate(compiled(json, target.value, { compensateSameStepDecay: false }).value).recording),
  };
  const populations = json.populations.map((p) => p.id);
  const table = populations.map((id) => {
    const row = Object.fromEntries(Object.entries(runs).map(([run, r]) => [run, roundTo(r[id], 2)]));
    const error = (a, b) => roundTo((b - a) / a, 4);
    return {
      population: id,
      ...row,
      // relative rate differences: all of it, the part the τ rounding explains, and what is left
      total: error(runs.reference[id], runs.emulator[id]),
      byTau: error(runs.reference[id], runs.referenceRealisedTau[id]),
      rest: error(runs.referenceRealisedTau[id], runs.emulator[id]),
      restUncompensated: error(runs.referenceRealisedTau[id], runs.emulatorUncompensated[id]),
    };
  });
  return { table, taus, readoutMostSpikesInStep: mostSpikesInStep(emulated, "readout") };
}

function print(result) {
  const pct = (x) => `${(100 * x).toFixed(1)} %`;
  console.log("realised time constants (dt = 1 ms, dash = log-nearest shift):");
  for (const t of result.taus) console.log(`  ${t.owner}.${t.parameter} ${t.requested} ms → ${t.realised.toFixed(3)} ms (${pct((t.realised - t.requested) / t.requested)})`);
  console.log("\nrates (Hz): reference | reference, realised τ | emulator | emulator without the same-step compensation");
  for (const r of result.table) {
    console.log(`  ${r.population.padEnd(8)} ${r.reference.toFixed(2)} | ${r.referenceRealisedTau.toFixed(2)} | ${r.emulator.toFixed(2)} | ${r.emulatorUncompensated.toFixed(2)}` +
      `   total ${pct(r.total)}: τ ${pct(r.byTau)}, rest ${pct(r.rest)} (uncompensated ${pct(r.restUncompensated)})`);
  }
  console.log(`\nmost spikes of one readout neuron in one step: ${result.readoutMostSpikesInStep}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await analyse();
  print(result);
  const at = process.argv.indexOf("--json");
  if (at > 0) writeFileSync(process.argv[at + 1], JSON.stringify(result, null, 2));
}

#!/usr/bin/env node
/**
 * Runs the pattern-in-noise STDP network on the float reference and on the emulator of a target,
 * and reports what each learned: whether the detector fires for the pattern and not otherwise
 * (first and last 5 s), the latency of its first spike after pattern onset, the mean weight of
 * early and late pattern afferents and of noise afferents, and the weight agreement.
 *
 *   node examples/stdp-pattern/run.mjs [--target loihi-cuba|memristor-crossbar] [--json out.json]
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compileFiles, diffRecordings, emulate, simulate } from "tripart";
import { SETTINGS, drawPattern } from "./make-network.mjs";

const WINDOW_MS = 5000;
/** A detector spike counts as a hit when it falls in a pattern window or up to this long after it. */
const HIT_SLACK_MS = 10;

/** Detection figures of one recording over [fromMs, toMs). */
export function detection(recording, fromMs, toMs, settings = SETTINGS) {
  const { starts } = drawPattern(settings);
  const spikeMs = Array.from(recording.populations.find((p) => p.id === "detector").spikes.step, (s) => s * settings.dtMs);
  const inside = (t) => starts.some((s) => t >= s && t < s + settings.patternMs + HIT_SLACK_MS);
  const shown = starts.filter((s) => s >= fromMs && s + settings.patternMs + HIT_SLACK_MS <= toMs);
  const latencies = [];
  for (const s of shown) {
    const first = spikeMs.find((t) => t >= s && t < s + settings.patternMs + HIT_SLACK_MS);
    if (first !== undefined) latencies.push(first - s);
  }
  const windowMs = shown.length * (settings.patternMs + HIT_SLACK_MS);
  const outside = spikeMs.filter((t) => t >= fromMs && t < toMs && !inside(t)).length;
  return {
    hitRate: latencies.length / Math.max(1, shown.length),
    falseAlarmHz: (outside * 1000) / (toMs - fromMs - windowMs),
    meanLatencyMs: latencies.length === 0 ? null : latencies.reduce((a, b) => a + b, 0) / latencies.length,
  };
}

/** Mean final weight of pattern afferents firing in the window's first half, second half, and of noise afferents. */
export function weightGroups(weights, settings = SETTINGS) {
  const { members, offsetMs } = drawPattern(settings);
  const final = weights.snapshots[weights.snapshots.length - 1].values;
  const groups = { early: [], late: [], noise: [] };
  for (let s = 0; s < final.length; s++) {
    const a = weights.pre[s];
    const offset = offsetMs.get(a);
    const group = offset === undefined ? "noise" : offset < settings.patternMs / 2 ? "early" : "late";
    groups[group].push(final[s]);
  }
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { early: mean(groups.early), late: mean(groups.late), noise: mean(groups.noise), patternAfferents: members.length };
}

export async function runPattern({ target = "loihi-cuba", networkFile = fileURLToPath(new URL("./network.json", import.meta.url)) } = {}) {
  const { elaborated, result: compiled } = await compileFiles(networkFile, target);
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join("\n"));
  const reference = simulate(elaborated);
  const emulation = emulate(compiled.value);
  const durationMs = SETTINGS.durationMs;
  const diff = diffRecordings(reference.recording, emulation.recording);
  if (!diff.ok) throw new Error(diff.diagnostics.map((d) => d.message).join("\n"));
  const weights = diff.value.weights.projections.find((p) => p.projection === "afferents_to_detector");
  const summarize = (recording) => ({
    before: detection(recording, 0, WINDOW_MS),
    after: detection(recording, durationMs - WINDOW_MS, durationMs),
    weights: weightGroups(recording.weights.find((w) => w.projection === "afferents_to_detector")),
  });
  return {
    reference: summarize(reference.recording),
    emulator: summarize(emulation.recording),
    weights: { pearson: weights.pearson, spearman: weights.spearman, rmse: weights.rmse, unit: weights.unit, signAgreement: weights.signAgreement },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const target = args.includes("--target") ? args[args.indexOf("--target") + 1] : "loihi-cuba";
  const result = await runPattern({ target });
  const f = (x, digits = 2) => (x === null ? "-" : x.toFixed(digits));
  console.log(`target ${target}`);
  for (const side of ["reference", "emulator"]) {
    const { before, after, weights } = result[side];
    console.log(
      `${side.padEnd(9)} first 5 s: hits ${f(before.hitRate)}, false alarms ${f(before.falseAlarmHz, 1)} Hz, latency ${f(before.meanLatencyMs, 1)} ms | ` +
        `last 5 s: hits ${f(after.hitRate)}, false alarms ${f(after.falseAlarmHz, 1)} Hz, latency ${f(after.meanLatencyMs, 1)} ms | ` +
        `weights early ${f(weights.early)} late ${f(weights.late)} noise ${f(weights.noise)}`,
    );
  }
  const w = result.weights;
  console.log(`learned weights, emulator vs reference: Pearson ${w.pearson?.toFixed(4)}, Spearman ${w.spearman?.toFixed(4)}, RMSE ${w.rmse.toFixed(4)} ${w.unit}`);
  if (args.includes("--json")) writeFileSync(args[args.indexOf("--json") + 1], JSON.stringify({ target, ...result }, null, 2) + "\n");
}

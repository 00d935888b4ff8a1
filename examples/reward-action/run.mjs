#!/usr/bin/env node
/**
 * Runs the reward-gated stimulus → action task on the float reference and on the emulator of a
 * target, with the same host program, and compares what each learned.
 *
 *   node examples/reward-action/run.mjs [--target loihi-cuba|memristor-crossbar] [--json out.json]
 *
 * The host presents one stimulus per trial (its ten lines fire as Poisson trains at stimulusHz for
 * stimulusMs), counts each action group's spikes during the stimulus, and in the first step of
 * the pause writes the reward port if the most active group is the right one (stimulus s →
 * action (s + 1) mod 4) and the punishment port otherwise. A trial in which no action neuron
 * fires earns nothing. Every draw the host makes comes from the seeded generator, one draw per
 * line and step whatever happens, so both engines see the same stimulus trains.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Rng, compileFiles, diffRecordings, emulate, simulate } from "tripart";
import { SETTINGS } from "./make-network.mjs";


export const correctAction = (stimulus) => (stimulus + 1) % SETTINGS.actions;

/** The trial order: each block of four trials shows every stimulus once, shuffled. */
export function trialOrder(settings = SETTINGS) {
  const rng = Rng.derive(settings.seed, "trials");
  const order = [];
  while (order.length < settings.trials) {
    const block = Array.from({ length: settings.stimuli }, (_, i) => i);
    for (let i = block.length - 1; i > 0; i--) {
      const j = rng.nextInt(i + 1);
      [block[i], block[j]] = [block[j], block[i]];
    }
    order.push(...block);
  }
  return order.slice(0, settings.trials);
}

/** A host that plays the task; `choices` fills with { stimulus, action, rewarded } per trial. */
export function taskHost(settings = SETTINGS) {
  const order = trialOrder(settings);
  const trialSteps = settings.stimulusMs + settings.pauseMs;
  const lines = Rng.derive(settings.seed, "stimulus-lines");
  const p = (settings.stimulusHz * settings.dtMs) / 1000;
  const counts = new Int32Array(settings.actions);
  const choices = [];
  return {
    choices,
    beforeStep(step, inject) {
      const trial = Math.floor(step / trialSteps);
      const phase = step % trialSteps;
      if (phase === settings.stimulusMs && trial < order.length) {
        const stimulus = order[trial];
        let best = -1;
        for (let a = 0; a < settings.actions; a++) if (counts[a] > 0 && (best < 0 || counts[a] > counts[best])) best = a;
        const rewarded = best === correctAction(stimulus);
        if (best >= 0) inject(rewarded ? "reward" : "punish", 0);
        choices.push({ stimulus, action: best, rewarded });
        counts.fill(0);
      }
      const stimulus = phase < settings.stimulusMs && trial < order.length ? order[trial] : -1;
      for (let line = 0; line < settings.stimuli * settings.linesPerStimulus; line++) {
        const fires = lines.nextFloat() < p;
        if (fires && Math.floor(line / settings.linesPerStimulus) === stimulus) inject("stimulus", line);
      }
    },
    afterStep(step, spikes) {
      if (step % trialSteps >= settings.stimulusMs) return;
      for (const { population, neurons } of spikes) {
        if (population !== "action") continue;
        for (const n of neurons) counts[Math.floor(n / settings.neuronsPerAction)]++;
      }
    },
  };
}

/** Sum of learned weights per (stimulus, action) block and the action each stimulus maps to. */
export function learnedMapping(weights, settings = SETTINGS) {
  const blocks = Array.from({ length: settings.stimuli }, () => new Float64Array(settings.actions));
  const last = weights.snapshots[weights.snapshots.length - 1].values;
  for (let s = 0; s < last.length; s++) {
    blocks[Math.floor(weights.pre[s] / settings.linesPerStimulus)][Math.floor(weights.post[s] / settings.neuronsPerAction)] += last[s];
  }
  const mapping = blocks.map((row) => row.indexOf(Math.max(...row)));
  return { blocks: blocks.map((row) => Array.from(row, (x) => Number(x.toFixed(2)))), mapping };
}

export function accuracy(choices, from, to) {
  const slice = choices.slice(from, to);
  return slice.filter((c) => c.rewarded).length / Math.max(1, slice.length);
}

export async function runTask({ target = "loihi-cuba", networkFile = fileURLToPath(new URL("./network.json", import.meta.url)) } = {}) {
  const { elaborated, result: compiled } = await compileFiles(networkFile, target);
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join("\n"));

  const referenceHost = taskHost();
  const reference = simulate(elaborated, { host: referenceHost });
  const emulatorHost = taskHost();
  const emulation = emulate(compiled.value, { host: emulatorHost });
  const diff = diffRecordings(reference.recording, emulation.recording);
  if (!diff.ok) throw new Error(diff.diagnostics.map((d) => d.message).join("\n"));
  const weights = diff.value.weights.projections.find((p) => p.projection === "stimulus_to_action");
  const summarize = (host, recording) => {
    const weights = recording.weights.find((w) => w.projection === "stimulus_to_action");
    return {
      accuracyFirst20: accuracy(host.choices, 0, 20),
      accuracyLast20: accuracy(host.choices, SETTINGS.trials - 20, SETTINGS.trials),
      ...learnedMapping(weights),
    };
  };
  return {
    reference: summarize(referenceHost, reference.recording),
    emulator: summarize(emulatorHost, emulation.recording),
    sameChoices: referenceHost.choices.filter((c, i) => c.action === emulatorHost.choices[i]?.action).length / referenceHost.choices.length,
    weights: { pearson: weights.pearson, spearman: weights.spearman, rmse: weights.rmse, unit: weights.unit, signAgreement: weights.signAgreement },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const target = args.includes("--target") ? args[args.indexOf("--target") + 1] : "loihi-cuba";
  const result = await runTask({ target });
  const correct = Array.from({ length: SETTINGS.stimuli }, (_, s) => correctAction(s));
  console.log(`target ${target}; correct mapping ${correct.join(" ")}`);
  for (const side of ["reference", "emulator"]) {
    const r = result[side];
    console.log(`${side.padEnd(9)} accuracy first 20 trials ${r.accuracyFirst20.toFixed(2)}, last 20 ${r.accuracyLast20.toFixed(2)}; learned mapping ${r.mapping.join(" ")}`);
  }
  const w = result.weights;
  console.log(`same choice in ${(100 * result.sameChoices).toFixed(1)} % of trials; learned weights, emulator vs reference: Pearson ${w.pearson?.toFixed(4)}, Spearman ${w.spearman?.toFixed(4)}, RMSE ${w.rmse.toFixed(4)} ${w.unit}`);
  if (args.includes("--json")) writeFileSync(args[args.indexOf("--json") + 1], JSON.stringify({ target, ...result }, null, 2) + "\n");
}

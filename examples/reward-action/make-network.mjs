#!/usr/bin/env node
/**
 * Writes network.json: four stimuli, four actions, and reward-modulated STDP (Izhikevich 2007,
 * Cereb. Cortex 17:2443) on the stimulus → action synapses. A host program (run.mjs) presents a
 * stimulus, reads which action group fired most, and writes the reward port (or the punishment
 * port) when the choice was right (or wrong). The building block of a navigation agent: states
 * in, actions out, a third factor that says which pairings paid off.
 *
 *   node examples/reward-action/make-network.mjs [output-file]
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SETTINGS = {
  seed: 11,
  stimuli: 4,
  linesPerStimulus: 10,
  actions: 4,
  neuronsPerAction: 5,
  /** Exploration: independent Poisson drive of every action neuron. */
  exploreHz: 40,
  /** Rate of each line of the stimulus shown. */
  stimulusHz: 100,
  trials: 240,
  stimulusMs: 100,
  pauseMs: 150,
  dtMs: 1,
};

export const durationMs = (settings = SETTINGS) => settings.trials * (settings.stimulusMs + settings.pauseMs);

/** Inhibition between action groups, none within one: a group wins as a whole. */
function betweenGroups(settings) {
  const pairs = [];
  const n = settings.actions * settings.neuronsPerAction;
  const group = (i) => Math.floor(i / settings.neuronsPerAction);
  for (let pre = 0; pre < n; pre++) for (let post = 0; post < n; post++) if (group(pre) !== group(post)) pairs.push([pre, post]);
  return pairs;
}

export function makeNetwork(settings = SETTINGS) {
  const actionNeurons = settings.actions * settings.neuronsPerAction;
  return {
    format: "tripart.network/1",
    name: "reward-action",
    description:
      "Reward-modulated STDP learns a stimulus → action mapping: four stimuli on external ports, four action groups with shared inhibition, reward and punishment ports written by the host.",
    run: { dt: settings.dtMs, duration: durationMs(settings), seed: settings.seed },
    populations: [
      { id: "action", model: "lif", size: actionNeurons, params: { tau_m: 20, v_rest: -65, v_reset: -65, v_thresh: -55, tau_ref: 2, bias: 0 } },
    ],
    inputs: [
      { id: "stimulus", kind: "external", size: settings.stimuli * settings.linesPerStimulus },
      { id: "explore", kind: "poisson", size: actionNeurons, rate: settings.exploreHz },
      { id: "reward", kind: "external", size: 1 },
      { id: "punish", kind: "external", size: 1 },
    ],
    projections: [
      {
        id: "stimulus_to_action",
        pre: "stimulus",
        post: "action",
        connect: { rule: "all_to_all" },
        weight: { uniform: [0.75, 1.25] },
        synapse: { kind: "exponential", tau: 5 },
        sign: "excitatory",
        plasticity: "reward_stdp",
        seed: 3,
      },
      { id: "exploration", pre: "explore", post: "action", connect: { rule: "one_to_one" }, weight: 8, synapse: { kind: "exponential", tau: 5 }, sign: "excitatory" },
      {
        id: "competition",
        pre: "action",
        post: "action",
        connect: { rule: "explicit", pairs: betweenGroups(settings) },
        weight: 20,
        synapse: { kind: "exponential", tau: 5 },
        sign: "inhibitory",
      },
    ],
    plasticity: [
      {
        id: "reward_stdp",
        rule: "reward_stdp",
        pairing: "all_to_all",
        tau_plus: 50,
        tau_minus: 20,
        a_plus: 0.05,
        a_minus: 0.0125,
        mu_plus: 0,
        mu_minus: 0,
        w_min: 0,
        w_max: 4,
        tau_c: 50,
        tau_n: 20,
        baseline: 0,
        reward: [
          { source: "reward", gain: 1 },
          { source: "punish", gain: -0.5 },
        ],
      },
    ],
    record: [{ population: "action", spikes: true }],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2] ?? fileURLToPath(new URL("./network.json", import.meta.url));
  writeFileSync(file, JSON.stringify(makeNetwork(), null, 2) + "\n");
  console.log(`wrote ${file}`);
}

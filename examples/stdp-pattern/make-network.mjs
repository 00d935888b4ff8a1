#!/usr/bin/env node
/**
 * Writes network.json: one LIF detector neuron learns, by additive pair STDP, a spike pattern
 * that repeats at irregular intervals inside Poisson noise on 200 afferents (after Masquelier,
 * Guyonneau & Thorpe 2008, PLoS ONE 3(1):e1377; much smaller). Every draw comes from the
 * project's seeded generator, so two runs write identical bytes.
 *
 *   node examples/stdp-pattern/make-network.mjs [output-file]
 *
 * The pattern: 100 of the 200 afferents (chosen at random) fire once each at a fixed offset in a
 * 20 ms window. Pattern afferents are silent otherwise inside a window, so a pattern afferent
 * still fires about as often as a noise afferent over the run; what repeats is the timing.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Rng } from "tripart";

export const SETTINGS = {
  seed: 7,
  afferents: 200,
  patternAfferents: 100,
  rateHz: 10,
  patternMs: 20,
  /** Gap between windows: at least minGapMs, plus a uniform draw in [0, spreadGapMs). */
  minGapMs: 100,
  spreadGapMs: 200,
  durationMs: 30000,
  dtMs: 1,
};

/** Pattern afferents, their offsets in the window, and the window starts (ms), from the seed. */
export function drawPattern(settings = SETTINGS) {
  const rng = Rng.derive(settings.seed, "pattern");
  const order = Array.from({ length: settings.afferents }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const members = order.slice(0, settings.patternAfferents).sort((a, b) => a - b);
  const offsetMs = new Map(members.map((a) => [a, rng.nextInt(settings.patternMs)]));
  const starts = [];
  for (let t = settings.minGapMs; t + settings.patternMs < settings.durationMs; ) {
    starts.push(t);
    t += settings.patternMs + settings.minGapMs + rng.nextInt(settings.spreadGapMs);
  }
  return { members, offsetMs, starts };
}

export function makeNetwork(settings = SETTINGS) {
  const { members, offsetMs, starts } = drawPattern(settings);
  const steps = Math.round(settings.durationMs / settings.dtMs);
  const inWindow = new Uint8Array(steps);
  for (const s of starts) inWindow.fill(1, s, s + settings.patternMs);
  const isMember = new Uint8Array(settings.afferents);
  for (const a of members) isMember[a] = 1;
  const noise = Rng.derive(settings.seed, "noise");
  const p = (settings.rateHz * settings.dtMs) / 1000;
  const times = Array.from({ length: settings.afferents }, () => []);
  for (let t = 0; t < steps; t++) {
    for (let a = 0; a < settings.afferents; a++) {
      const draw = noise.nextFloat(); // drawn for every afferent and step, so the noise does not depend on the pattern
      if (isMember[a] && inWindow[t]) continue;
      if (draw < p) times[a].push(t * settings.dtMs);
    }
  }
  for (const s of starts) for (const a of members) times[a].push(s + offsetMs.get(a));
  for (const list of times) list.sort((x, y) => x - y);

  return {
    format: "tripart.network/1",
    name: "stdp-pattern",
    description:
      "A LIF detector learns, by additive pair STDP, a 20 ms spike pattern on 100 of 200 afferents that repeats at irregular intervals inside 10 Hz Poisson noise.",
    run: { dt: settings.dtMs, duration: settings.durationMs, seed: settings.seed },
    populations: [
      { id: "detector", model: "lif", size: 1, params: { tau_m: 20, v_rest: -65, v_reset: -65, v_thresh: -55, tau_ref: 2, bias: 0 } },
    ],
    inputs: [{ id: "afferents", kind: "spike_times", size: settings.afferents, times }],
    projections: [
      {
        id: "afferents_to_detector",
        pre: "afferents",
        post: "detector",
        connect: { rule: "all_to_all" },
        weight: 1.2,
        synapse: { kind: "exponential", tau: 5 },
        sign: "excitatory",
        plasticity: "stdp",
      },
    ],
    plasticity: [
      { id: "stdp", rule: "stdp", pairing: "all_to_all", tau_plus: 20, tau_minus: 30, a_plus: 0.01, a_minus: 0.012, mu_plus: 0, mu_minus: 0, w_min: 0, w_max: 2 },
    ],
    record: [{ population: "detector", spikes: true }],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2] ?? fileURLToPath(new URL("./network.json", import.meta.url));
  writeFileSync(file, JSON.stringify(makeNetwork()) + "\n");
  console.log(`wrote ${file}`);
}

// Shared check of the closed-loop host's early stop (src/hw/host.ts `finished`) for every
// engine: a run the host ends after step k is the run of k + 1 steps, and its spikes and weight
// dumps are the first steps' of the full run; a host that never says finished changes nothing.
import { expect } from "vitest";
import type { Host } from "../../src/hw/host.js";
import type { Recording } from "../../src/hw/recording.js";
import { elaborateNetwork } from "../../src/experiment/snan-engine.js";
import { ACTION_POPULATION, CLEAR_PORT, EXPLORE_PORT, OBSERVATION_PORT, REWARD_PORT, snanNetwork, snanSettings } from "../../src/experiment/snan-network.js";
import type { Elaborated } from "../../src/ir/elaborated.js";

/** Steps of the test runs (0.1 ms each in the Izhikevich family, 1 ms in the LIF one) and the weight dumps asked for. */
export const STEPS = 400;
export const WEIGHT_STEPS = [10, 160, 277];
/** Steps after which the host ends the run: the first, a dumped one, an undumped one, the last. */
export const STOP_STEPS = [0, 160, 255, STEPS - 1];

/**
 * The SNAN network (plastic, external ports, astrocytes in the Izhikevich family) on three
 * observations, with the action neurons' v traced too.
 */
export function stopNetwork(family: "izhikevich" | "lif"): Elaborated {
  const settings = snanSettings({ observationCount: 3, family, recordAstrocytes: family === "izhikevich" });
  const network = snanNetwork({ ...settings, durationMs: STEPS * settings.dtMs });
  const record = [...(network.record as unknown[]), { population: ACTION_POPULATION, spikes: false, state: ["v"], neurons: [0, 5] }];
  return elaborateNetwork({ ...network, record });
}

/** A host without memory: what it injects depends on the step only, so every run sees the same inputs. */
export function stopHost(family: "izhikevich" | "lif"): Host {
  const { neuronsPerState, neuronsPerAction } = snanSettings({ observationCount: 3, family });
  return {
    beforeStep(s, inject) {
      const observation = Math.floor(s / 100) % 3;
      if (s % 100 < 60) for (let j = 0; j < neuronsPerState; j++) inject(OBSERVATION_PORT, observation * neuronsPerState + j);
      for (let n = 0; n < 4 * neuronsPerAction; n++) if ((s * 7 + n * 13) % 5 === 0) inject(EXPLORE_PORT, n);
      if (s % 150 === 149) inject(REWARD_PORT, 0);
      if (s % 230 === 229) inject(CLEAR_PORT, 0);
    },
  };
}

/** What every engine returns, as far as the check reads it. */
export interface StopResult {
  readonly recording: Recording;
  readonly counts: object;
}

export type StopRun = (host: Host, steps: number, weightSteps: readonly number[]) => StopResult;

/** Checks the early stop of one engine; `run` runs it with the host, steps and weight dumps given. */
export function expectEarlyStop(run: StopRun, host: Host): void {
  const full = run(host, STEPS, WEIGHT_STEPS);
  const never = run({ ...host, finished: () => false }, STEPS, WEIGHT_STEPS);
  expect(never).toEqual(full);
  expect(full.recording.steps).toBe(STEPS);
  expect(full.recording.weights?.[0]?.snapshots.length).toBeGreaterThan(2);
  expect(full.recording.populations.some((p) => (p.spikes?.step.length ?? 0) > 0)).toBe(true);
  for (const k of STOP_STEPS) {
    const asked: number[] = [];
    const stopped = run({ ...host, finished: (s) => (asked.push(s), s === k) }, STEPS, WEIGHT_STEPS);
    expect(asked).toEqual(Array.from({ length: k + 1 }, (_, s) => s));
    // the run of k + 1 steps, bit for bit
    const short = run(host, k + 1, WEIGHT_STEPS.filter((w) => w <= k));
    expect(stopped, `stopped after step ${k}`).toEqual(short);
    expect(stopped.recording.steps).toBe(k + 1);
    // the first k + 1 steps of the full run
    full.recording.populations.forEach((population, p) => {
      const mine = stopped.recording.populations[p];
      if (population.spikes !== undefined) {
        const keep = Array.from(population.spikes.step, (step) => step <= k);
        expect(Array.from(mine.spikes!.step)).toEqual(Array.from(population.spikes.step).filter((_, i) => keep[i]));
        expect(Array.from(mine.spikes!.neuron)).toEqual(Array.from(population.spikes.neuron).filter((_, i) => keep[i]));
      }
      population.traces.forEach((trace, t) => {
        expect(mine.traces[t].values.map((v) => Array.from(v))).toEqual(trace.values.map((v) => Array.from(v.subarray(0, k + 1))));
      });
    });
    full.recording.weights?.forEach((weights, w) => {
      const snapshots = stopped.recording.weights![w].snapshots;
      const dumped = weights.snapshots.filter((snapshot) => snapshot.step <= k);
      expect(snapshots.slice(0, dumped.length)).toEqual(dumped);
      // no dump after the stop; the last step run is dumped
      expect(snapshots.at(-1)!.step).toBe(k);
    });
  }
}

/** A fast engine and its scalar interpreter, stopped by the same host after each of STOP_STEPS, give the same bits. */
export function expectSameStops(fast: StopRun, slow: StopRun, host: Host): void {
  for (const k of STOP_STEPS) {
    const stopping = { ...host, finished: (s: number) => s === k };
    expect(fast(stopping, STEPS, WEIGHT_STEPS), `stopped after step ${k}`).toEqual(slow(stopping, STEPS, WEIGHT_STEPS));
  }
}

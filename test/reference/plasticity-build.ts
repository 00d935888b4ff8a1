// Builders for the learning tests: hand-made plastic projections and a driver that feeds a
// PlasticProjection the spikes of each step, as an engine does, without any neuron dynamics.
import type { ElaboratedPlasticity, ElaboratedProjection } from "../../src/ir/elaborated.js";
import { PlasticProjection, SpikeView, type AstrocyteSignals } from "../../src/reference/plasticity.js";
import { rule as ruleWithDefaults } from "../emulator/learning-build.js";

/** An stdp rule (all_to_all, additive, τ± = 20 ms, a± = 0.01, bounds [0, 1]) with overrides. */
export function rule(overrides: Partial<ElaboratedPlasticity> = {}): ElaboratedPlasticity {
  return ruleWithDefaults({ id: "learn", wMax: 1, ...overrides });
}

/** A projection from input 0 to population 0 from explicit [pre, post, weight] triples (CSR order: stable by pre). */
export function plasticProjection(
  preSize: number,
  triples: readonly (readonly [number, number, number])[],
  plasticity: ElaboratedPlasticity,
  sign: "excitatory" | "inhibitory" = "excitatory",
): ElaboratedProjection {
  const sorted = [...triples].sort((x, y) => x[0] - y[0]);
  const rowStart = new Int32Array(preSize + 1);
  for (const [p] of sorted) rowStart[p + 1]++;
  for (let i = 0; i < preSize; i++) rowStart[i + 1] += rowStart[i];
  return {
    id: "p",
    index: 0,
    pre: { kind: "input", index: 0, size: preSize },
    post: 0,
    kind: "exponential",
    tauSyn: 5,
    sign,
    synapses: {
      rowStart,
      post: Int32Array.from(sorted, (t) => t[1]),
      weight: Float64Array.from(sorted, (t) => t[2]),
      delay: new Uint16Array(sorted.length),
    },
    plasticity,
  };
}

/** Spikes per step: step → ids (ascending). */
export type Schedule = Readonly<Record<number, readonly number[]>>;

export interface Drive {
  readonly pre?: Schedule; // input 0
  readonly post?: Schedule; // population 0
  readonly modulator?: Schedule; // input 1: reward or gate source
  readonly modulator2?: Schedule; // input 2
}

/** Input indices the rules of these tests name: 1 and 2 are modulator sources. */
export const MODULATOR_INPUT = 1;
export const SECOND_MODULATOR_INPUT = 2;

/**
 * Runs `steps` learning steps of `projection` onto a population of `postSize` neurons with
 * dt = `dtMs`, feeding the spikes of `drive`; returns the weights (CSR order) after every step.
 * `before(t)` may change the astrocyte signals before step t learns.
 */
export function drive(
  projection: ElaboratedProjection,
  postSize: number,
  dtMs: number,
  steps: number,
  spikes: Drive,
  astrocytes: readonly AstrocyteSignals[] = [],
  before?: (t: number) => void,
): Float64Array[] {
  const inputs = [new SpikeView(), new SpikeView(), new SpikeView()];
  const populations = [new SpikeView()];
  const plastic = new PlasticProjection(projection, postSize, dtMs, { populations, inputs, astrocytes });
  const show = (view: SpikeView, schedule: Schedule | undefined, t: number) => {
    const ids = Int32Array.from(schedule?.[t] ?? []);
    view.show(ids, 0, ids.length);
  };
  const history: Float64Array[] = [];
  for (let t = 0; t < steps; t++) {
    show(inputs[0], spikes.pre, t);
    show(populations[0], spikes.post, t);
    show(inputs[MODULATOR_INPUT], spikes.modulator, t);
    show(inputs[SECOND_MODULATOR_INPUT], spikes.modulator2, t);
    before?.(t);
    plastic.step();
    history.push(Float64Array.from(plastic.weight));
  }
  return history;
}

/** The weight of synapse `s` after the last step. */
export const finalWeight = (history: readonly Float64Array[], s = 0): number => history[history.length - 1][s];

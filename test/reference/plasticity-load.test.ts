// Learning from a network file: loadNetwork + elaborate fill the rule's defaults and resolve its
// sources, and the reference learns what the hand-computed closed forms say. The scenario is the
// one of ./plasticity-run.test.ts, written as JSON (dt = 1 ms, so times are steps).
import { describe, expect, it } from "vitest";
import { loadNetwork } from "../../src/ir/load.js";
import { elaborate } from "../../src/ir/elaborate.js";
import { simulate } from "../../src/reference/simulator.js";

const QUICK = { kind: "exponential", tau: 0.001 }; // α = e^{−1000} = 0: i_syn[t] is step t's arrivals

function network(rules: object[], learnRule: string, inRule: string, extraInputs: object[] = []): string {
  return JSON.stringify({
    format: "tripart.network/1",
    run: { dt: 1, duration: 30, seed: 1 },
    populations: [{ id: "n", model: "lif", size: 2, params: { tau_m: 1, v_rest: 0, v_reset: 0, v_thresh: 10, tau_ref: 0, bias: 0 } }],
    inputs: [
      { id: "drive", kind: "spike_times", size: 2, times: [[10, 20], [5, 23]] },
      { id: "pre", kind: "spike_times", size: 1, times: [[12, 14]] },
      ...extraInputs,
    ],
    projections: [
      { id: "kick", pre: "drive", post: "n", connect: { rule: "one_to_one" }, weight: 100, synapse: QUICK, sign: "excitatory" },
      { id: "learn", pre: "n", post: "n", connect: { rule: "explicit", pairs: [[0, 1]] }, weight: 0.5, synapse: QUICK, sign: "excitatory", plasticity: learnRule },
      { id: "learnIn", pre: "pre", post: "n", connect: { rule: "explicit", pairs: [[0, 1]] }, weight: 0.5, synapse: QUICK, sign: "excitatory", plasticity: inRule },
    ],
    plasticity: rules,
    record: [{ population: "n" }],
  });
}

function run(text: string, weightSteps: number[] = []) {
  const loaded = loadNetwork(text);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics, null, 1));
  return simulate(elaborate(loaded.value), { weightSteps }).recording;
}

const e = (steps: number) => Math.exp(-steps / 20);

describe("learning from a loaded network", () => {
  it("stdp with the default window (τ± = 20 ms, a± = 0.01, w_min 0) gives the hand-computed weights", () => {
    // learn (n0 → n1): pre 10, 20 and post 5, 23: −a·e^{−5/20} − a·e^{−15/20} + a·(e^{−13/20} + e^{−3/20});
    // learnIn: pre 12, 14 and post 5, 23: −a·e^{−7/20} − a·e^{−9/20} + a·(e^{−11/20} + e^{−9/20}); R = 1.
    const recording = run(network([{ id: "plain", rule: "stdp", w_max: 1 }], "plain", "plain"));
    const [learn, learnIn] = recording.weights!;
    const a = 0.01;
    expect(learn.snapshots[0].step).toBe(29);
    expect(learn.snapshots[0].values[0]).toBeCloseTo(0.5 - a * e(5) - a * e(15) + a * (e(13) + e(3)), 15);
    expect(learnIn.snapshots[0].values[0]).toBeCloseTo(0.5 - a * e(7) - a * e(9) + a * (e(11) + e(9)), 15);
    expect(learn.bounds).toEqual([0, 1]);
    expect(learn.unit).toBe("mV (R·I)");
  });

  it("episode_stdp with tau_c null applies the whole eligibility at the gate spike, gain included", () => {
    // gate input spikes at 26: learn moves by 2·(the stdp sum above, a = 0.05); nothing before.
    const rules = [{ id: "episode", rule: "episode_stdp", w_max: 1, a_plus: 0.05, a_minus: 0.05, tau_c: null, gate: [{ source: "gate", gain: 2 }] }];
    const recording = run(network(rules, "episode", "episode", [{ id: "gate", kind: "spike_times", size: 1, times: [[26]] }]), [25]);
    const [learn] = recording.weights!;
    expect(learn.snapshots.map((s) => s.step)).toEqual([25, 29]);
    expect(learn.snapshots[0].values[0]).toBe(0.5);
    const c = 0.05 * (-e(5) - e(15) + e(13) + e(3));
    expect(learn.snapshots[1].values[0]).toBeCloseTo(0.5 + 2 * c, 15);
  });

  it("reward_stdp resolves a population as reward source", () => {
    // The reward source is population n: its spikes at 5, 10, 20, 23 each add gain/τn to n.
    // τc = τn = 1e9 ms: the decays are 1 to 1e−9, so c changes only at pairs and n only at reward
    // spikes, and learnIn moves by Σ_t c_t·n_t·dt, a sum over four stretches of constant c and n.
    const rules = [{ id: "reward", rule: "reward_stdp", w_max: 1, tau_c: 1e9, tau_n: 1e9, reward: [{ source: "n", gain: 1e9 }] }];
    const recording = run(network(rules, "reward", "reward"));
    // learnIn: c = −a·e^{−7/20} from 12, −a·(e^{−7/20} + e^{−9/20}) from 14, +a·(e^{−11/20} + e^{−9/20}) from 23.
    // n = 1 (1/ms) from 5, 2 from 10, 3 from 20, 4 from 23 (gain/τn = 1 per spike, decay ≈ 1).
    const a = 0.01;
    const c12 = -a * e(7);
    const c14 = c12 - a * e(9);
    const c23 = c14 + a * (e(11) + e(9));
    // Steps 12–13: c12 with n = 2; 14–19: c14 with n = 2; 20–22: c14 with n = 3; 23–29: c23 with n = 4
    // (the reward spike, the pair and the move of step 23 all land in step 23, in that order).
    const expected = 0.5 + 2 * c12 * 2 + 6 * c14 * 2 + 3 * c14 * 3 + 7 * c23 * 4;
    // The decays e^{−1e−9} per step leave a relative error near 1e−8.
    expect(recording.weights![1].snapshots[0].values[0]).toBeCloseTo(expected, 7);
  });
});

// Learning inside the LIF reference engine: where in the step it happens (input spikes of a step
// go out with the old weights, neuron spikes with the new), weight dumps, determinism and the
// elaborated network left untouched (docs/semantics-float.md "Learning").
// Neurons: τm = 1 ms, dt = 1 ms, threshold 10 above rest: a 100-unit drive (delay 0, τsyn so short
// that α = e^{−1000} = 0) spikes a neuron in the very step of the drive; weights ≤ 1 never do,
// and i_syn[t] is exactly the sum of the weights arriving at step t.
import { describe, expect, it } from "vitest";
import { asStage } from "../../src/ir/stage.js";
import { NETWORK_FORMAT, type Network } from "../../src/ir/types.js";
import type { Elaborated, ElaboratedInput, ElaboratedPlasticity, ElaboratedProjection } from "../../src/ir/elaborated.js";
import { simulate } from "../../src/reference/simulator.js";
import type { Recording } from "../../src/hw/recording.js";
import { rule } from "./plasticity-build.js";

const STEPS = 30;
const TAU_SYN = 0.001;
const LEARN = rule({ aPlus: 0.1, aMinus: 0.1 }); // τ± = 20 ms, bounds [0, 1]
const e = (steps: number) => Math.exp(-steps / 20);

function input(id: string, index: number, size: number, spikes: [step: number, source: number][], kind: ElaboratedInput["kind"] = "spike_times"): ElaboratedInput {
  const sorted = kind === "external" ? [] : [...spikes].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return { id, index, kind, size, spikeSteps: Int32Array.from(sorted, (s) => s[0]), spikeSources: Int32Array.from(sorted, (s) => s[1]) };
}

function projection(
  id: string,
  index: number,
  pre: ElaboratedProjection["pre"],
  triples: [pre: number, post: number, weight: number][],
  plasticity?: ElaboratedPlasticity,
): ElaboratedProjection {
  const rowStart = new Int32Array(pre.size + 1);
  for (const [p] of triples) rowStart[p + 1]++;
  for (let i = 0; i < pre.size; i++) rowStart[i + 1] += rowStart[i];
  return {
    id,
    index,
    pre,
    post: 0,
    kind: "exponential",
    tauSyn: TAU_SYN,
    sign: "excitatory",
    synapses: {
      rowStart,
      post: Int32Array.from(triples, (t) => t[1]),
      weight: Float64Array.from(triples, (t) => t[2]),
      delay: new Uint16Array(triples.length),
    },
    ...(plasticity !== undefined ? { plasticity } : {}),
  };
}

/**
 * Population n (2 neurons). drive spikes n0 at 10 and 20, n1 at 5 and 23. Plastic: "learn" n0 → n1
 * and "learnIn" pre → n1 (pre spikes at 12 and 14, or injected by a host when external), w0 = 0.5.
 */
function build(options: { plastic?: boolean; externalPre?: boolean } = {}): Elaborated {
  const plastic = options.plastic ?? true;
  const network = asStage("checked", {
    format: NETWORK_FORMAT,
    run: { dt: 1, duration: STEPS, seed: 1 },
    populations: [],
    inputs: [],
    projections: [],
    currents: [],
    astrocytes: [],
    tripartite: [],
    plasticity: [],
    record: [{ population: "n", state: ["i_syn"] }],
  } satisfies Network);
  return asStage("elaborated", {
    network,
    steps: STEPS,
    populations: [
      {
        id: "n",
        index: 0,
        model: "lif",
        size: 2,
        params: { tau_m: 1, v_rest: 0, v_reset: 0, v_thresh: 10, tau_ref: 0, bias: 0 },
        initialV: new Float64Array(2),
        initialI: new Float64Array(2),
      },
    ],
    inputs: [
      input("drive", 0, 2, [[5, 1], [10, 0], [20, 0], [23, 1]]),
      input("pre", 1, 1, [[12, 0], [14, 0]], options.externalPre ? "external" : "spike_times"),
    ],
    projections: [
      projection("kick", 0, { kind: "input", index: 0, size: 2 }, [[0, 0, 100], [1, 1, 100]]),
      projection("learn", 1, { kind: "population", index: 0, size: 2 }, [[0, 1, 0.5]], plastic ? LEARN : undefined),
      projection("learnIn", 2, { kind: "input", index: 1, size: 1 }, [[0, 1, 0.5]], plastic ? { ...LEARN, id: "learnIn" } : undefined),
    ],
    currents: [],
    astrocytes: [],
    tripartite: [],
  });
}

// Hand-computed, all_to_all additive, a± = 0.1, R = 1:
// learn (n0 → n1): post 5 (x = 0); pre 10: −0.1·e^{−5/20}; pre 20: −0.1·e^{−15/20};
//   post 23: +0.1·(e^{−13/20} + e^{−3/20}).
// learnIn (pre → n1): post 5 (x = 0); pre 12: −0.1·e^{−7/20}; pre 14: −0.1·e^{−9/20};
//   post 23: +0.1·(e^{−11/20} + e^{−9/20}).
const LEARN_AT_10 = 0.5 - 0.1 * e(5);
const LEARN_AT_20 = LEARN_AT_10 - 0.1 * e(15);
const LEARN_FINAL = LEARN_AT_20 + 0.1 * (e(13) + e(3));
const IN_AT_12 = 0.5 - 0.1 * e(7);
const IN_AT_14 = IN_AT_12 - 0.1 * e(9);
const IN_FINAL = IN_AT_14 + 0.1 * (e(11) + e(9));

const iSyn = (recording: Recording, neuron: number): Float64Array => {
  const trace = recording.populations[0].traces.find((t) => t.variable === "i_syn")!;
  return trace.values[Array.from(trace.neurons).indexOf(neuron)];
};

describe("learning in the LIF engine", () => {
  it("the neurons spike where the drive puts them", () => {
    const { recording } = simulate(build());
    const spikes = recording.populations[0].spikes!;
    expect(Array.from(spikes.step)).toEqual([5, 10, 20, 23]);
    expect(Array.from(spikes.neuron)).toEqual([1, 0, 0, 1]);
  });

  it("ends with the hand-computed weights", () => {
    const { recording } = simulate(build());
    const [learn, learnIn] = recording.weights!;
    const last = (w: typeof learn) => w.snapshots[w.snapshots.length - 1];
    expect(last(learn).step).toBe(STEPS - 1);
    expect(last(learn).values[0]).toBeCloseTo(LEARN_FINAL, 15);
    expect(last(learnIn).values[0]).toBeCloseTo(IN_FINAL, 15);
  });

  it("a neuron spike carries the weight its own step learned", () => {
    // n0 spikes at 10 and 20 (depressing learn in the same step); the events arrive at 11 and 21.
    const v = iSyn(simulate(build()).recording, 1);
    expect(v[11]).toBeCloseTo(LEARN_AT_10, 15);
    expect(v[21]).toBeCloseTo(LEARN_AT_20, 15);
  });

  it("an input spike carries the weight from before its step's learning", () => {
    // pre spikes at 12 (weight still 0.5) and 14 (weight as step 12 left it), delay 0.
    const v = iSyn(simulate(build()).recording, 1);
    expect(v[12]).toBe(0.5);
    expect(v[14]).toBeCloseTo(IN_AT_12, 15);
  });

  it("external inputs learn from the host's injections like pre-drawn spikes", () => {
    const host = { beforeStep: (t: number, inject: (id: string, source: number) => void) => (t === 12 || t === 14 ? inject("pre", 0) : undefined) };
    const { recording } = simulate(build({ externalPre: true }), { host });
    const learnIn = recording.weights![1];
    expect(learnIn.snapshots[learnIn.snapshots.length - 1].values[0]).toBeCloseTo(IN_FINAL, 15);
  });
});

describe("weight dumps", () => {
  it("snapshots the asked steps (any order, repeats merged) and the final step, in CSR order with units and bounds", () => {
    const { recording } = simulate(build(), { weightSteps: [12, 3, 10, 12] });
    const weights = recording.weights!;
    expect(weights.map((w) => w.projection)).toEqual(["learn", "learnIn"]);
    for (const w of weights) {
      expect(w.unit).toBe("mV (R·I)");
      expect(w.bounds).toEqual([0, 1]);
      expect(w.snapshots.map((s) => s.step)).toEqual([3, 10, 12, STEPS - 1]);
    }
    expect(Array.from(weights[0].pre)).toEqual([0]);
    expect(Array.from(weights[0].post)).toEqual([1]);
    const [learn, learnIn] = weights.map((w) => w.snapshots.map((s) => s.values[0]));
    expect(learn[0]).toBe(0.5);
    expect(learn[1]).toBeCloseTo(LEARN_AT_10, 15);
    expect(learn[2]).toBeCloseTo(LEARN_AT_10, 15);
    expect(learnIn[1]).toBe(0.5);
    expect(learnIn[2]).toBeCloseTo(IN_AT_12, 15);
  });

  it("without weightSteps dumps only the final step", () => {
    const { recording } = simulate(build());
    expect(recording.weights!.map((w) => w.snapshots.map((s) => s.step))).toEqual([[STEPS - 1], [STEPS - 1]]);
  });

  it("the final step follows options.steps", () => {
    const { recording } = simulate(build(), { steps: 15, weightSteps: [14] });
    expect(recording.weights![1].snapshots.map((s) => s.step)).toEqual([14]);
    expect(recording.weights![1].snapshots[0].values[0]).toBeCloseTo(IN_AT_14, 15);
  });

  it("a network without plastic projections records no weights", () => {
    expect(simulate(build({ plastic: false }), { weightSteps: [3] }).recording.weights).toBeUndefined();
  });

  it("refuses a weight step outside the run", () => {
    expect(() => simulate(build(), { weightSteps: [STEPS] })).toThrow(RangeError);
    expect(() => simulate(build(), { weightSteps: [-1] })).toThrow(/weightSteps/);
    expect(() => simulate(build(), { weightSteps: [2.5] })).toThrow(/weightSteps/);
  });
});

describe("runs of one elaborated network", () => {
  it("leave the elaborated weights untouched", () => {
    const net = build();
    const before = net.projections.map((p) => Float64Array.from(p.synapses.weight));
    simulate(net);
    net.projections.forEach((p, k) => expect(p.synapses.weight).toEqual(before[k]));
  });

  it("give the same recording twice", () => {
    const net = build();
    const first = simulate(net, { weightSteps: [10] });
    const second = simulate(net, { weightSteps: [10] });
    expect(second).toEqual(first);
    expect(second.recording.weights![0].snapshots[1].values[0]).toBeCloseTo(LEARN_FINAL, 15);
  });
});

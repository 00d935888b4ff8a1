// The lr1994 model in the reference (NEST's right-hand side in ms, the Ca clamp, RK4), the
// spike_jump and glutamate_sum sensings, the "max" owner rule, and external inputs fed by a host.
import { describe, expect, it } from "vitest";
import { simulateGlia } from "../../../src/reference/glia-simulator.js";
import type { Lr1994Params } from "../../../src/ir/astro-types.js";
import { conductance, current, FROZEN, gliaNetwork, neuronEffect, referenceNeuron, rk4, spikeSteps, trace, ULLAH, ULLAH_REST } from "./build.js";

const LR: Lr1994Params = {
  Ca_tot: 2.0, IP3_0: 0.16, Kd_IP3_1: 0.13, Kd_IP3_2: 0.9434, Kd_act: 0.08234, Kd_inh: 1.049, Km_SERCA: 0.1,
  ratio_ER_cyt: 0.185, delta_IP3: 5.0, k_IP3R: 0.0002, rate_IP3R: 0.006, rate_L: 0.00011, rate_SERCA: 0.0009, tau_IP3: 7142.0,
};

/** NEST's astrocyte_lr_1994_dynamics, rewritten from the NEST source (ms, µM). */
function lrRhs(y: readonly number[], p: Lr1994Params = LR): number[] {
  const [ca, h, ip3] = y;
  const r = p.ratio_ER_cyt;
  const calc = Math.max(0, Math.min(ca, p.Ca_tot * (1 + r)));
  const alpha = (p.k_IP3R * p.Kd_inh * (ip3 + p.Kd_IP3_1)) / (ip3 + p.Kd_IP3_2);
  const beta = p.k_IP3R * calc;
  const pump = (p.rate_SERCA * calc ** 2) / (p.Km_SERCA ** 2 + calc ** 2);
  const m = ip3 / (ip3 + p.Kd_IP3_1);
  const n = calc / (calc + p.Kd_act);
  const er = p.Ca_tot + (p.Ca_tot - calc) / r;
  const leak = r * p.rate_L * (er - calc);
  const channel = r * p.rate_IP3R * m ** 3 * n ** 3 * h ** 3 * (er - calc);
  return [channel - pump + leak, alpha * (1 - h) - beta * h, (p.IP3_0 - ip3) / p.tau_IP3];
}

describe("lr1994 with spike_jump sensing", () => {
  function run(initialCa: number) {
    const net = gliaNetwork({
      steps: 80,
      populations: [{ id: "n", size: 1 }],
      currents: [current("pulse", 0, 0, [[0, 0, 25], [40, 0, 0]])],
      astrocytes: [
        {
          id: "a",
          model: { model: "lr1994", params: LR },
          size: 1,
          initial: { ca: initialCa, h: 0.793, ip3: 0.16 },
          territory: [[0]],
          populationSize: 1,
          sensing: { kind: "spike_jump", delta_ip3: 5, weight: 0.01 },
        },
      ],
      record: [{ population: "a", state: ["ca", "h", "ip3", "drive"] }, { population: "n" }],
    });
    return simulateGlia(net).recording;
  }

  it.each([0.073, 3])("steps NEST's right-hand side by RK4 with h = 0.1 ms and jumps IP3 before the step (Ca0 = %s)", (initialCa) => {
    const recording = run(initialCa);
    const spikes = spikeSteps(recording, "n");
    expect(spikes).toEqual([30]);
    let x: [number, number, number] = [initialCa, 0.793, 0.16];
    for (let s = 0; s < 80; s++) {
      if (spikes.includes(s)) x = [x[0], x[1], x[2] + 5 * 0.01 * 1];
      x = rk4(x, 0.1, lrRhs);
      expect([trace(recording, "a", "ca")[s], trace(recording, "a", "h")[s], trace(recording, "a", "ip3")[s]]).toEqual(x);
    }
    expect(trace(recording, "a", "drive").every((d) => d === 0)).toBe(true);
  });
});

describe("glutamate_sum sensing", () => {
  it("drives IP3 with gain·ΣG while ΣG ≥ min_sum", () => {
    const net = gliaNetwork({
      steps: 500,
      populations: [{ id: "n", size: 2 }],
      currents: [current("pulse", 0, 0, [[0, 0, 25], [40, 0, 0], [200, 1, 25], [240, 1, 0]])],
      astrocytes: [
        {
          id: "a",
          model: { model: "ullah2006", params: ULLAH },
          size: 1,
          initial: ULLAH_REST,
          territory: [[0, 1]],
          populationSize: 2,
          sensing: { kind: "glutamate_sum", min_sum: 0.05, gain: 10 },
        },
      ],
      record: [{ population: "a", state: ["drive"] }, { population: "n", state: ["glutamate"] }],
    });
    const recording = simulateGlia(net).recording;
    const g0 = trace(recording, "n", "glutamate", 0);
    const g1 = trace(recording, "n", "glutamate", 1);
    const drive = trace(recording, "a", "drive");
    const expected = Array.from(drive, (_, s) => (g0[s] + g1[s] >= 0.05 ? 10 * (g0[s] + g1[s]) : 0));
    expect(Array.from(drive)).toEqual(expected);
    expect(expected.filter((x) => x > 0).length).toBeGreaterThan(100);
    expect(expected.filter((x) => x === 0).length).toBeGreaterThan(10);
  });
});

describe("owner rules for neuron effects", () => {
  // a0 covers neurons 0, 1 and opens (neuron 0 spikes, Ca high); a1 covers 1, 2 and never opens (Ca low)
  function run(owner: "last" | "max") {
    const net = gliaNetwork({
      steps: 600,
      populations: [{ id: "n", size: 3 }],
      currents: [current("pulse", 0, 0, [[0, 0, 25], [40, 0, 0]])],
      astrocytes: [
        {
          id: "a",
          model: { model: "reduced", params: { ...FROZEN, ca_rest: 0.3 } },
          size: 2,
          initial: { ca: [0.3, 0.1], h: 1, ip3: 0 },
          territory: [[0, 1], [1, 2]],
          populationSize: 3,
          owner,
          gate: { ca_threshold: 0.15, min_coincident: 1, windowSteps: 100, checkSteps: 10, holdSteps: 200 },
        },
      ],
      tripartite: [neuronEffect("inject", 0, 0, 0, { kind: "current", amplitude: 2 })],
      record: [{ population: "n", state: ["v"] }, { population: "a", state: ["gate"] }],
    });
    return simulateGlia(net).recording;
  }

  it('"last": the shared neuron takes the later astrocyte\'s closed gate; "max": any open gate', () => {
    const last = run("last");
    const max = run("max");
    const gate = trace(max, "a", "gate", 0);
    expect(gate.some((x) => x === 1)).toBe(true);
    expect(trace(max, "a", "gate", 1).every((x) => x === 0)).toBe(true);
    expect(Array.from(trace(last, "n", "v", 1))).toEqual(referenceNeuron(600, () => 0).v);
    expect(Array.from(trace(max, "n", "v", 1))).toEqual(referenceNeuron(600, (s) => (s > 0 && gate[s - 1] === 1 ? 2 : 0)).v);
    expect(Array.from(trace(max, "n", "v", 2))).toEqual(referenceNeuron(600, () => 0).v);
  });
});

describe("external inputs", () => {
  it("a host's injected spikes have S = 1 in their step, and the host sees each step's spikes", () => {
    const net = gliaNetwork({
      steps: 100,
      populations: [{ id: "n", size: 1 }],
      inputs: [{ id: "port", index: 0, kind: "external", size: 2, spikeSteps: new Int32Array(0), spikeSources: new Int32Array(0) }],
      projections: [conductance("in", 0, { kind: "input", index: 0, size: 2 }, 0, [[0, 0, 0.5], [1, 0, 0.25]])],
      record: [{ population: "n", state: ["v", "i_syn"] }, { population: "port" }],
    });
    const seen: number[] = [];
    const recording = simulateGlia(net, {
      host: {
        beforeStep(step, inject) {
          if (step === 10) inject("port", 1);
          if (step === 20) {
            inject("port", 1);
            inject("port", 0);
          }
        },
        afterStep(step, spikes) {
          if (spikes[0].neurons.length > 0) seen.push(step);
        },
      },
    }).recording;
    const v = trace(recording, "n", "v");
    const iSyn = trace(recording, "n", "i_syn");
    const expected = Array.from(iSyn, (_, s) => (s === 10 ? 0.25 * 1 * (0 - v[s]) : s === 20 ? 0.5 * 1 * (0 - v[s]) + 0.25 * 1 * (0 - v[s]) : 0));
    expect(Array.from(iSyn)).toEqual(expected);
    const port = recording.populations.find((p) => p.id === "port")?.spikes;
    expect(Array.from(port?.step ?? [])).toEqual([10, 20, 20]);
    expect(Array.from(port?.neuron ?? [])).toEqual([1, 0, 1]);
    expect(seen).toEqual(spikeSteps(recording, "n"));
  });
});

describe("units of the drive", () => {
  const alwaysOn = { kind: "glutamate_count", threshold: -1, min_count: 1, amplitude: 5, duration: 60, durationSteps: 600 } as const;
  function run(model: "lr1994" | "reduced") {
    const reduced = { tau_ip3: 2000, tau_ca: 500, ip3_rest: 0.2, ca_rest: 0.07, ip3_threshold: 0.25, gain: 0.8 };
    const net = gliaNetwork({
      steps: 50,
      populations: [{ id: "n", size: 1 }],
      astrocytes: [
        {
          id: "a",
          model: model === "lr1994" ? { model: "lr1994", params: LR } : { model: "reduced", params: reduced },
          size: 1,
          initial: model === "lr1994" ? { ca: 0.073, h: 0.793, ip3: 0.16 } : { ca: 0.07, h: 1, ip3: 0.24 },
          territory: [[0]],
          populationSize: 1,
          sensing: alwaysOn,
        },
      ],
      record: [{ population: "a", state: ["ca", "h", "ip3"] }],
    });
    const recording = simulateGlia(net).recording;
    return { recording, reduced };
  }

  it("lr1994 (ms): a 5 µM/s drive enters dIP3/dt as 0.005 µM/ms", () => {
    const { recording } = run("lr1994");
    let x: [number, number, number] = [0.073, 0.793, 0.16];
    for (let s = 0; s < 50; s++) {
      x = rk4(x, 0.1, (y) => {
        const f = lrRhs(y);
        return [f[0], f[1], f[2] + 5 * 0.001];
      });
      expect([trace(recording, "a", "ca")[s], trace(recording, "a", "h")[s], trace(recording, "a", "ip3")[s]]).toEqual(x);
    }
  });

  it("reduced (s, τ in ms): dIP3/dt = (rest − IP3)/τ_s + drive, dCa/dt = (rest − Ca)/τ_s + gain·max(IP3 − θ, 0)", () => {
    const { recording, reduced: p } = run("reduced");
    let x: [number, number, number] = [0.07, 1, 0.24];
    for (let s = 0; s < 50; s++) {
      x = rk4(x, 1e-4, ([ca, , ip3]) => [(p.ca_rest - ca) / (p.tau_ca / 1000) + p.gain * Math.max(ip3 - p.ip3_threshold, 0), 0, (p.ip3_rest - ip3) / (p.tau_ip3 / 1000) + 5]);
      expect([trace(recording, "a", "ca")[s], trace(recording, "a", "h")[s], trace(recording, "a", "ip3")[s]]).toEqual(x);
    }
    // IP3 starts below the threshold and crosses it during the run: both branches of the kink are used
    expect(trace(recording, "a", "ip3")[49]).toBeGreaterThan(p.ip3_threshold);
  });
});

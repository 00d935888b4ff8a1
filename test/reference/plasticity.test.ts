// The float learning engine alone, fed spikes by hand: every rule and pairing against the pair
// window's closed form, Gütig bounds, clipping, nearest-neighbour pairing, reward and episode
// eligibility, astrocyte modulation (docs/semantics-float.md "Learning"). Expected values come
// from the closed forms in the comments, never from the engine.
import { describe, expect, it } from "vitest";
import type { ElaboratedPlasticity } from "../../src/ir/elaborated.js";
import type { Pairing } from "../../src/ir/plasticity-types.js";
import { drive, finalWeight, MODULATOR_INPUT, plasticProjection, rule, SECOND_MODULATOR_INPUT } from "./plasticity-build.js";

const PAIRINGS: readonly Pairing[] = ["all_to_all", "nearest_symmetric", "nearest_pre_centred"];
const DT = 0.5; // ms
const TAU_PLUS = 20;
const TAU_MINUS = 30; // different from τ+ so the two sides cannot be confused
const LAGS = [1, 3, 10, 40]; // steps between the two spikes

// Bounds [0.2, 2.2]: R = 2, so a± enter as a±·2.
const WINDOW = { tauPlusMs: TAU_PLUS, tauMinusMs: TAU_MINUS, aPlus: 0.01, aMinus: 0.015, wMin: 0.2, wMax: 2.2 } as const;
const W0 = 1;
const R = 2;

/** One synapse, one pre spike at step p and one post spike at step q; |w| after the last step. */
function pair(plasticity: ElaboratedPlasticity, p: number, q: number, steps: number, modulator: Record<number, number[]> = {}): number {
  const projection = plasticProjection(1, [[0, 0, W0]], plasticity);
  return finalWeight(drive(projection, 1, DT, steps, { pre: { [p]: [0] }, post: { [q]: [0] }, modulator }));
}

describe("pair window (one pre and one post spike)", () => {
  for (const pairing of PAIRINGS) {
    for (const lag of LAGS) {
      it(`stdp ${pairing}: post ${lag} steps after pre potentiates by aPlus·R·e^{−Δt/τ+}`, () => {
        const w = pair(rule({ ...WINDOW, pairing }), 5, 5 + lag, 5 + lag + 3);
        expect(w).toBeCloseTo(W0 + 0.01 * R * Math.exp(-(lag * DT) / TAU_PLUS), 13);
      });
      it(`stdp ${pairing}: pre ${lag} steps after post depresses by aMinus·R·e^{−Δt/τ−}`, () => {
        const w = pair(rule({ ...WINDOW, pairing }), 5 + lag, 5, 5 + lag + 3);
        expect(w).toBeCloseTo(W0 - 0.015 * R * Math.exp(-(lag * DT) / TAU_MINUS), 13);
      });
    }
    it(`stdp ${pairing}: a pre and a post spike in the same step do not pair`, () => {
      expect(pair(rule({ ...WINDOW, pairing }), 7, 7, 12)).toBe(W0);
    });
  }

  // episode_stdp: the window goes into c; a gate spike (gain g) k steps after the later spike
  // adds g·c = g·Δ·e^{−k·dt/τc} (c decays at the start of each later step, the gate acts after).
  for (const pairing of PAIRINGS) {
    for (const [p, q] of [
      [4, 9],
      [9, 4],
      [4, 44],
      [44, 4],
    ]) {
      const lag = Math.abs(q - p);
      const window = q > p ? 0.01 * R * Math.exp(-(lag * DT) / TAU_PLUS) : -0.015 * R * Math.exp(-(lag * DT) / TAU_MINUS);
      const gateStep = Math.max(p, q) + 6;
      const gate = (gain: number, tauCMs: number): ElaboratedPlasticity =>
        rule({ ...WINDOW, pairing, rule: "episode_stdp", tauCMs, gate: { sources: [{ kind: "input", index: MODULATOR_INPUT, gain }] } });
      it(`episode_stdp ${pairing}: pre ${p}, post ${q}, gate 6 steps later gives g·window·e^{−6·dt/τc}`, () => {
        expect(pair(gate(1.5, 100), p, q, gateStep + 2, { [gateStep]: [0] })).toBeCloseTo(W0 + 1.5 * window * Math.exp(-(6 * DT) / 100), 13);
      });
      it(`episode_stdp ${pairing}: with tau_c Infinity the gate applies the window itself`, () => {
        expect(pair(gate(1, Infinity), p, q, gateStep + 2, { [gateStep]: [0] })).toBeCloseTo(W0 + window, 13);
      });
    }
  }

  // reward_stdp: Δ goes into c at step m = max(p, q); one reward spike (gain G) at r = m + k sets
  // n_r = G/τn; for t ≥ r: c_t = Δ·βc^{t−m}, n_t = (G/τn)·βn^{t−r}, and each step adds c_t·n_t·dt:
  // Δ|w| = Δ·βc^k·(G/τn)·dt·Σ_{j<N} ρ^j = Δ·βc^k·(G/τn)·dt·(1 − ρ^N)/(1 − ρ), ρ = βc·βn, N = T − r.
  const TAU_C = 400;
  const TAU_N = 60;
  const GAIN = 50;
  const rewardRule = (pairing: Pairing, baseline = 0): ElaboratedPlasticity =>
    rule({
      ...WINDOW,
      pairing,
      rule: "reward_stdp",
      tauCMs: TAU_C,
      reward: { tauNMs: TAU_N, baseline, sources: [{ kind: "input", index: MODULATOR_INPUT, gain: GAIN }] },
    });
  for (const pairing of PAIRINGS) {
    for (const [p, q, k] of [
      [3, 8, 10],
      [8, 3, 10],
      [3, 30, 1],
      [30, 3, 25],
    ]) {
      it(`reward_stdp ${pairing}: pre ${p}, post ${q}, reward ${k} steps later gives the geometric sum`, () => {
        const m = Math.max(p, q);
        const lag = Math.abs(q - p);
        const window = q > p ? 0.01 * R * Math.exp(-(lag * DT) / TAU_PLUS) : -0.015 * R * Math.exp(-(lag * DT) / TAU_MINUS);
        const r = m + k;
        const T = r + 60;
        const betaC = Math.exp(-DT / TAU_C);
        const rho = betaC * Math.exp(-DT / TAU_N);
        const N = T - r;
        const expected = W0 + window * betaC ** k * (GAIN / TAU_N) * DT * ((1 - rho ** N) / (1 - rho));
        const history = drive(plasticProjection(1, [[0, 0, W0]], rewardRule(pairing)), 1, DT, T, {
          pre: { [p]: [0] },
          post: { [q]: [0] },
          modulator: { [r]: [0] },
        });
        expect(history[r - 1][0]).toBe(W0); // n − b = 0 until the reward: no move at all
        expect(finalWeight(history)).toBeCloseTo(expected, 13);
      });
    }
  }

  it("reward_stdp with a baseline b: Δ|w| = Δ·dt·(βc^k·(G/τn)·Σ_{j<N} ρ^j − b·Σ_{i<T−m} βc^i)", () => {
    const b = 0.002; // 1/ms
    const [p, q, k] = [3, 8, 10];
    const window = 0.01 * R * Math.exp(-(5 * DT) / TAU_PLUS);
    const r = q + k;
    const T = r + 40;
    const betaC = Math.exp(-DT / TAU_C);
    const rho = betaC * Math.exp(-DT / TAU_N);
    const geometric = (x: number, n: number) => (1 - x ** n) / (1 - x);
    const expected = W0 + window * DT * (betaC ** k * (GAIN / TAU_N) * geometric(rho, T - r) - b * geometric(betaC, T - q));
    const history = drive(plasticProjection(1, [[0, 0, W0]], rewardRule("all_to_all", b)), 1, DT, T, {
      pre: { [p]: [0] },
      post: { [q]: [0] },
      modulator: { [r]: [0] },
    });
    expect(history[q - 1][0]).toBe(W0); // c = 0 before the pair: −b·c·dt moves nothing
    expect(finalWeight(history)).toBeCloseTo(expected, 13);
  });

  it("reward_stdp: two reward spikes in one step add 2·G/τn", () => {
    const [p, q, r, T] = [3, 8, 12, 30];
    const window = 0.01 * R * Math.exp(-(5 * DT) / TAU_PLUS);
    const betaC = Math.exp(-DT / TAU_C);
    const rho = betaC * Math.exp(-DT / TAU_N);
    const expected = W0 + window * betaC ** (r - q) * ((2 * GAIN) / TAU_N) * DT * ((1 - rho ** (T - r)) / (1 - rho));
    const projection = plasticProjection(1, [[0, 0, W0]], rewardRule("all_to_all"));
    const history = drive(projection, 1, DT, T, { pre: { [p]: [0] }, post: { [q]: [0] }, modulator: { [r]: [0, 1] } });
    expect(finalWeight(history)).toBeCloseTo(expected, 13);
  });
});

describe("synapse indexing", () => {
  it("a pair changes only the synapse between the two spiking neurons, in CSR order", () => {
    // pre 0 → posts 2, 0; pre 1 → post 1; pre 2 → posts 0, 1, 2 (CSR rows in this order).
    const triples = [
      [0, 2, 0.5],
      [0, 0, 0.6],
      [1, 1, 0.7],
      [2, 0, 0.8],
      [2, 1, 0.9],
      [2, 2, 1.0],
    ] as const;
    const projection = plasticProjection(3, triples, rule({ wMax: 2 }));
    // pre 2 at step 3, post 1 at step 5: only synapse (2 → 1), CSR index 4, potentiates.
    const history = drive(projection, 3, 1, 8, { pre: { 3: [2] }, post: { 5: [1] } });
    const expected = triples.map((t) => t[2]);
    expected[4] += 0.01 * 2 * Math.exp(-2 / 20);
    // (0 → 1) does not exist; (1 → 1) saw no pre spike.
    Array.from(history[7]).forEach((w, s) => expect(w).toBeCloseTo(expected[s], 14));
  });
});

describe("Gütig bounds", () => {
  // Bounds [0.2, 2.2] (R = 2): |w| = 0.8 has ŵ = 0.3, |w| = 1.8 has ŵ = 0.8.
  const gutig = (mu: number) => rule({ ...WINDOW, muPlus: mu, muMinus: mu });
  const x = Math.exp(-(4 * DT) / TAU_PLUS);
  const y = Math.exp(-(4 * DT) / TAU_MINUS);

  it("multiplicative potentiation scales with 1 − ŵ", () => {
    const projection = plasticProjection(2, [[0, 0, 0.8], [1, 0, 1.8]], gutig(1));
    const history = drive(projection, 1, DT, 12, { pre: { 2: [0, 1] }, post: { 6: [0] } });
    expect(finalWeight(history, 0)).toBeCloseTo(0.8 + 0.01 * R * 0.7 * x, 14);
    expect(finalWeight(history, 1)).toBeCloseTo(1.8 + 0.01 * R * 0.2 * x, 14);
  });

  it("multiplicative depression scales with ŵ", () => {
    const projection = plasticProjection(2, [[0, 0, 0.8], [1, 0, 1.8]], gutig(1));
    const history = drive(projection, 1, DT, 12, { pre: { 6: [0, 1] }, post: { 2: [0] } });
    expect(finalWeight(history, 0)).toBeCloseTo(0.8 - 0.015 * R * 0.3 * y, 14);
    expect(finalWeight(history, 1)).toBeCloseTo(1.8 - 0.015 * R * 0.8 * y, 14);
  });

  it("μ = 0.5 takes the square roots", () => {
    const projection = plasticProjection(1, [[0, 0, 0.8]], gutig(0.5));
    expect(finalWeight(drive(projection, 1, DT, 12, { pre: { 2: [0] }, post: { 6: [0] } }))).toBeCloseTo(0.8 + 0.01 * R * Math.sqrt(0.7) * x, 14);
    expect(finalWeight(drive(projection, 1, DT, 12, { pre: { 6: [0] }, post: { 2: [0] } }))).toBeCloseTo(0.8 - 0.015 * R * Math.sqrt(0.3) * y, 14);
  });

  it("a second potentiation sees the ŵ the first one left", () => {
    // post at 6 and 10 after one pre at 2: w1 = w0 + aR(1 − ŵ0)x1, w2 = w1 + aR(1 − ŵ1)x2.
    const projection = plasticProjection(1, [[0, 0, 0.8]], gutig(1));
    const x1 = Math.exp(-(4 * DT) / TAU_PLUS);
    const x2 = Math.exp(-(8 * DT) / TAU_PLUS);
    const w1 = 0.8 + 0.02 * (1 - 0.3) * x1;
    const w2 = w1 + 0.02 * (1 - (w1 - 0.2) / 2) * x2;
    expect(finalWeight(drive(projection, 1, DT, 14, { pre: { 2: [0] }, post: { 6: [0], 10: [0] } }))).toBeCloseTo(w2, 14);
  });

  it("0^0 = 1: additive rules move weights sitting at a bound", () => {
    const atMax = plasticProjection(1, [[0, 0, 2.2]], rule({ ...WINDOW }));
    expect(finalWeight(drive(atMax, 1, DT, 12, { pre: { 6: [0] }, post: { 2: [0] } }))).toBeCloseTo(2.2 - 0.015 * R * y, 14);
    const atMin = plasticProjection(1, [[0, 0, 0.2]], rule({ ...WINDOW }));
    expect(finalWeight(drive(atMin, 1, DT, 12, { pre: { 2: [0] }, post: { 6: [0] } }))).toBeCloseTo(0.2 + 0.01 * R * x, 14);
  });
});

describe("clipping", () => {
  const big = rule({ aPlus: 0.5, aMinus: 0.5 }); // bounds [0, 1]
  const e1 = Math.exp(-1 / 20);

  it("clips |w| at w_max at once, and later changes start from the clipped value", () => {
    const projection = plasticProjection(1, [[0, 0, 0.9]], big);
    // pre 2, post 3: 0.9 + 0.5·e^{−1/20} > 1 → 1. Pre 5: y = e^{−2/20} → 1 − 0.5·e^{−2/20}.
    const history = drive(projection, 1, 1, 7, { pre: { 2: [0], 5: [0] }, post: { 3: [0] } });
    expect(history[3][0]).toBe(1);
    expect(finalWeight(history)).toBeCloseTo(1 - 0.5 * Math.exp(-2 / 20), 14);
  });

  it("clips |w| at w_min", () => {
    const projection = plasticProjection(1, [[0, 0, 0.1]], big);
    expect(finalWeight(drive(projection, 1, 1, 6, { pre: { 3: [0] }, post: { 2: [0] } }))).toBe(0);
  });

  it("an inhibitory projection learns |w| and keeps its sign", () => {
    const projection = plasticProjection(1, [[0, 0, -0.3]], big, "inhibitory");
    expect(finalWeight(drive(projection, 1, 1, 6, { pre: { 2: [0] }, post: { 3: [0] } }))).toBeCloseTo(-(0.3 + 0.5 * e1), 14);
    const saturated = plasticProjection(1, [[0, 0, -0.9]], big, "inhibitory");
    expect(finalWeight(drive(saturated, 1, 1, 6, { pre: { 2: [0] }, post: { 3: [0] } }))).toBe(-1);
  });

  it("episode_stdp clips each gate's move", () => {
    const episode = rule({ aPlus: 0.5, rule: "episode_stdp", tauCMs: Infinity, gate: { sources: [{ kind: "input", index: MODULATOR_INPUT, gain: 1 }] } });
    const projection = plasticProjection(1, [[0, 0, 0.9]], episode);
    expect(finalWeight(drive(projection, 1, 1, 8, { pre: { 2: [0] }, post: { 3: [0] }, modulator: { 5: [0] } }))).toBe(1);
  });
});

describe("nearest-neighbour pairing", () => {
  // dt = 1 ms, τ± = 20 ms, a± = 0.01, bounds [0, 1] (R = 1), w0 = 0.5.
  const e = (steps: number) => Math.exp(-steps / 20);
  const run = (pairing: Pairing, pre: Record<number, number[]>, post: Record<number, number[]>, steps: number) =>
    finalWeight(drive(plasticProjection(1, [[0, 0, 0.5]], rule({ pairing })), 1, 1, steps, { pre, post }));

  it("two pre spikes before one post: all_to_all and pre-centred pair both, nearest_symmetric only the later", () => {
    const pre = { 2: [0], 6: [0] };
    const post = { 10: [0] };
    expect(run("all_to_all", pre, post, 12)).toBeCloseTo(0.5 + 0.01 * (e(8) + e(4)), 14);
    expect(run("nearest_pre_centred", pre, post, 12)).toBeCloseTo(0.5 + 0.01 * (e(8) + e(4)), 14);
    expect(run("nearest_symmetric", pre, post, 12)).toBeCloseTo(0.5 + 0.01 * e(4), 14);
  });

  it("two post spikes before one pre: only all_to_all pairs both", () => {
    const pre = { 10: [0] };
    const post = { 2: [0], 6: [0] };
    expect(run("all_to_all", pre, post, 12)).toBeCloseTo(0.5 - 0.01 * (e(8) + e(4)), 14);
    expect(run("nearest_symmetric", pre, post, 12)).toBeCloseTo(0.5 - 0.01 * e(4), 14);
    expect(run("nearest_pre_centred", pre, post, 12)).toBeCloseTo(0.5 - 0.01 * e(4), 14);
  });

  it("nearest_pre_centred: a post spike resets the pre trace, so a second post spike pairs with nothing", () => {
    const pre = { 2: [0] };
    const post = { 5: [0], 9: [0] };
    expect(run("nearest_pre_centred", pre, post, 12)).toBeCloseTo(0.5 + 0.01 * e(3), 14);
    expect(run("nearest_symmetric", pre, post, 12)).toBeCloseTo(0.5 + 0.01 * (e(3) + e(7)), 14);
    expect(run("all_to_all", pre, post, 12)).toBeCloseTo(0.5 + 0.01 * (e(3) + e(7)), 14);
  });

  it("nearest_pre_centred: a pre spike in the step of a post spike survives its reset and pairs with the next post", () => {
    // pre 2, pre+post 5, post 9: step 5 pairs (2,5); the pre of step 5 pairs with the post at 9.
    const pre = { 2: [0], 5: [0] };
    const post = { 5: [0], 9: [0] };
    expect(run("nearest_pre_centred", pre, post, 12)).toBeCloseTo(0.5 + 0.01 * (e(3) + e(4)), 14);
    expect(run("all_to_all", pre, post, 12)).toBeCloseTo(0.5 + 0.01 * (e(3) + e(7) + e(4)), 14);
  });

  it("nearest_pre_centred keeps one pre trace per synapse: a reset onto one post leaves the other", () => {
    // pre 0 → posts 0 and 1; pre at 2; post 0 at 5 and 8, post 1 at 8.
    const projection = plasticProjection(1, [[0, 0, 0.5], [0, 1, 0.5]], rule({ pairing: "nearest_pre_centred" }));
    const history = drive(projection, 2, 1, 10, { pre: { 2: [0] }, post: { 5: [0], 8: [0, 1] } });
    expect(finalWeight(history, 0)).toBeCloseTo(0.5 + 0.01 * e(3), 14);
    expect(finalWeight(history, 1)).toBeCloseTo(0.5 + 0.01 * e(6), 14);
  });
});

describe("episode gate", () => {
  const episode = (sources: { index: number; gain: number }[], tauCMs = Infinity) =>
    rule({ rule: "episode_stdp", tauCMs, gate: { sources: sources.map((s) => ({ kind: "input" as const, ...s })) } });
  const window = 0.01 * Math.exp(-3 / 20); // pre 2, post 5, dt 1, R = 1

  it("without a gate spike the weights never move", () => {
    const history = drive(plasticProjection(1, [[0, 0, 0.5]], episode([{ index: MODULATOR_INPUT, gain: 1 }])), 1, 1, 30, {
      pre: { 2: [0], 12: [0] },
      post: { 5: [0], 9: [0] },
    });
    for (const weights of history) expect(weights[0]).toBe(0.5);
  });

  it("a gate spike applies g·c and clears c: a later gate spike moves nothing", () => {
    const history = drive(plasticProjection(1, [[0, 0, 0.5]], episode([{ index: MODULATOR_INPUT, gain: 2 }])), 1, 1, 20, {
      pre: { 2: [0] },
      post: { 5: [0] },
      modulator: { 8: [0], 14: [0] },
    });
    expect(history[7][0]).toBe(0.5);
    expect(history[8][0]).toBeCloseTo(0.5 + 2 * window, 15);
    expect(finalWeight(history)).toBe(history[8][0]);
  });

  it("after a clear, c collects only new pairs", () => {
    // pair (2, 5) → gate 8 clears; pair (10, 12) → gate 15 applies only e^{−2/20}.
    const history = drive(plasticProjection(1, [[0, 0, 0.5]], episode([{ index: MODULATOR_INPUT, gain: 1 }])), 1, 1, 18, {
      pre: { 2: [0], 10: [0] },
      post: { 5: [0], 12: [0] },
      modulator: { 8: [0], 15: [0] },
    });
    // The pre at 10 also depresses against the post at 5 (y = e^{−5/20}), into the new c;
    // the post at 12 potentiates with x = e^{−10/20} + e^{−2/20} (all_to_all keeps the pre at 2).
    const second = -0.01 * Math.exp(-5 / 20) + 0.01 * (Math.exp(-10 / 20) + Math.exp(-2 / 20));
    expect(finalWeight(history)).toBeCloseTo(0.5 + window + second, 15);
  });

  it("spikes of two gate sources in one step each apply their gain to the same c", () => {
    const sources = [
      { index: MODULATOR_INPUT, gain: 1 },
      { index: SECOND_MODULATOR_INPUT, gain: 2 },
    ];
    const history = drive(plasticProjection(1, [[0, 0, 0.5]], episode(sources)), 1, 1, 10, {
      pre: { 2: [0] },
      post: { 5: [0] },
      modulator: { 7: [0] },
      modulator2: { 7: [0] },
    });
    expect(finalWeight(history)).toBeCloseTo(0.5 + 3 * window, 15);
  });
});

describe("astrocyte modulation", () => {
  const a = 0.01;
  const x = Math.exp(-4 / 20); // pre 2, post 6, dt 1
  const modulated = (modulation: NonNullable<ElaboratedPlasticity["modulation"]>) => rule({ modulation });

  it("by gate: open while the owner's gate is 1, closed otherwise and for unowned neurons; open = −1 flips the sign", () => {
    // posts 0, 1, 2 owned by astrocytes 0, 1 and none; gate A = [1, 0].
    const signals = [{ gate: Float64Array.from([1, 0]), ca: new Float64Array(2) }];
    const projection = plasticProjection(1, [[0, 0, 0.5], [0, 1, 0.5], [0, 2, 0.5]], modulated({
      astrocytes: 0,
      by: "gate",
      open: -1,
      closed: 0.5,
      caLow: 0,
      caHigh: 0,
      astrocyteOf: Int32Array.from([0, 1, -1]),
    }));
    const potentiated = drive(projection, 3, 1, 9, { pre: { 2: [0] }, post: { 6: [0, 1, 2] } }, signals);
    expect(finalWeight(potentiated, 0)).toBeCloseTo(0.5 - a * x, 15);
    expect(finalWeight(potentiated, 1)).toBeCloseTo(0.5 + 0.5 * a * x, 15);
    expect(finalWeight(potentiated, 2)).toBeCloseTo(0.5 + 0.5 * a * x, 15);
    const depressed = drive(projection, 3, 1, 9, { pre: { 6: [0] }, post: { 2: [0, 1, 2] } }, signals);
    expect(finalWeight(depressed, 0)).toBeCloseTo(0.5 + a * x, 15);
    expect(finalWeight(depressed, 1)).toBeCloseTo(0.5 - 0.5 * a * x, 15);
  });

  it("by gate: the factor follows the gate as it stands in each step", () => {
    // Gate open only in step 6: the post at 6 pairs with m = 1, the post at 9 with closed = 0.
    const gate = new Float64Array(1);
    const signals = [{ gate, ca: new Float64Array(1) }];
    const projection = plasticProjection(1, [[0, 0, 0.5]], modulated({ astrocytes: 0, by: "gate", open: 1, closed: 0, caLow: 0, caHigh: 0, astrocyteOf: Int32Array.from([0]) }));
    const history = drive(projection, 1, 1, 12, { pre: { 2: [0] }, post: { 6: [0], 9: [0] } }, signals, (t) => (gate[0] = t === 6 ? 1 : 0));
    expect(finalWeight(history)).toBeCloseTo(0.5 + a * x, 15);
  });

  it("by ca: m = closed + (open − closed)·clamp((Ca − ca_low)/(ca_high − ca_low), 0, 1)", () => {
    // ca_low 0.1, ca_high 0.3, closed 0.2, open 1: Ca 0.05 → 0.2, 0.15 → 0.4, 0.25 → 0.8, 0.35 → 1; unowned → 0.2.
    const signals = [{ gate: new Float64Array(4), ca: Float64Array.from([0.05, 0.15, 0.25, 0.35]) }];
    const projection = plasticProjection(
      1,
      [0, 1, 2, 3, 4].map((post) => [0, post, 0.5] as const),
      modulated({ astrocytes: 0, by: "ca", open: 1, closed: 0.2, caLow: 0.1, caHigh: 0.3, astrocyteOf: Int32Array.from([0, 1, 2, 3, -1]) }),
    );
    const history = drive(projection, 5, 1, 9, { pre: { 2: [0] }, post: { 6: [0, 1, 2, 3, 4] } }, signals);
    const m = [0.2, 0.2 + 0.8 * 0.25, 0.2 + 0.8 * 0.75, 1, 0.2];
    m.forEach((factor, s) => expect(finalWeight(history, s)).toBeCloseTo(0.5 + factor * a * x, 15));
  });

  it("scales the increments into the eligibility of episode_stdp", () => {
    const signals = [{ gate: Float64Array.from([1]), ca: new Float64Array(1) }];
    const projection = plasticProjection(1, [[0, 0, 0.5]], rule({
      rule: "episode_stdp",
      tauCMs: Infinity,
      gate: { sources: [{ kind: "input", index: MODULATOR_INPUT, gain: 1 }] },
      modulation: { astrocytes: 0, by: "gate", open: -1, closed: 0, caLow: 0, caHigh: 0, astrocyteOf: Int32Array.from([0]) },
    }));
    const history = drive(projection, 1, 1, 10, { pre: { 2: [0] }, post: { 6: [0] }, modulator: { 8: [0] } }, signals);
    expect(finalWeight(history)).toBeCloseTo(0.5 - a * x, 15);
  });
});

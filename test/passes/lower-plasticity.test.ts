// lower-plasticity: every TP3080–TP3089 and TP3099 finding at its pointer, the integer constants of
// docs/semantics-learning.md computed by hand, the w_max-fitted format, clamped initial
// magnitudes, and the placement of every plastic synapse.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/passes/pipeline.js";
import { loadNetwork } from "../../src/ir/load.js";
import { elaborate } from "../../src/ir/elaborate.js";
import { emulate } from "../../src/emulator/emulator.js";
import { interpretScalar } from "../../src/emulator/scalar.js";
import type { Elaborated, ElaboratedPlasticity } from "../../src/ir/elaborated.js";
import type { CompileOptions } from "../../src/passes/pass.js";
import type { Target } from "../../src/targets/types.js";
import { allToAll, codesAndPaths, explicit, loihi, mustCompile, population, REPO, spikeInput, targetWith } from "./helpers.js";
import { plastic, rule } from "../emulator/learning-build.js";

/** x (2 lines) → p (2 neurons), all to all, weight 4; `spec` on x_p. dt = 1 ms. */
function net(spec: Partial<ElaboratedPlasticity> & { wMax?: number } = {}, seed = 7): Elaborated {
  return plastic(
    {
      run: { dt: 1, duration: 50, seed },
      populations: [population("p", 2)],
      inputs: [spikeInput("x", [[1, 5], [3]]), spikeInput("r", [[2]])],
      projections: [allToAll("x_p", "x", "p", { weight: 4 })],
    },
    [{ projection: "x_p", rule: rule({ wMax: 10, ...spec }) }],
  );
}

const findings = (input: Elaborated, target: Target = loihi(), options: CompileOptions = {}) => codesAndPaths(compile(input, target, options).diagnostics);
const REWARD = { rule: "reward_stdp" as const, tauCMs: 1000, reward: { tauNMs: 200, baseline: 0.001, sources: [{ kind: "input" as const, index: 1, gain: 1 }] } };

describe("fit findings", () => {
  it("TP3080 on a target without a learning section", () => {
    const { learning: _, ...bare } = loihi();
    expect(findings(net(), { ...bare, capabilities: { ...bare.capabilities, plasticity: [] } })).toEqual([{ code: "TP3080", path: "/projections/0/plasticity" }]);
  });

  it("TP3081 for a rule the target does not compute", () => {
    expect(findings(net(REWARD), targetWith({ learning: { rules: ["stdp"] } }))).toEqual([{ code: "TP3081", path: "/plasticity/0/rule" }]);
  });

  it("TP3082 for nearest_pre_centred (per-synapse pre trace)", () => {
    expect(findings(net({ pairing: "nearest_pre_centred" }))).toEqual([{ code: "TP3082", path: "/plasticity/0/pairing" }]);
  });

  it("TP3083 for a Gütig exponent the target lacks, per field", () => {
    expect(findings(net({ muPlus: 0.5, muMinus: 1 }), targetWith({ learning: { boundExponents: [0] } }))).toEqual([
      { code: "TP3083", path: "/plasticity/0/mu_plus" },
      { code: "TP3083", path: "/plasticity/0/mu_minus" },
    ]);
  });

  it("TP3084 for astrocyte modulation", () => {
    const modulation = { astrocytes: 0, by: "gate" as const, open: 1, closed: 0, caLow: 0, caHigh: 0, astrocyteOf: new Int32Array(2).fill(-1) };
    expect(findings(net({ modulation }))).toEqual([{ code: "TP3084", path: "/plasticity/0/modulation" }]);
  });

  it.each([0, 65, 2.5])("TP3085 for learningEpoch %s", (epoch) => {
    expect(findings(net(), loihi(), { learningEpoch: epoch })).toEqual([{ code: "TP3085", path: "" }]);
  });

  it("TP3086 (warning) when a rate rounds to 0, naming the smallest that survives", () => {
    const result = compile(net({ aPlus: 1e-6 }), loihi());
    expect(result.ok).toBe(true);
    expect(codesAndPaths(result.diagnostics)).toEqual([{ code: "TP3086", path: "/plasticity/0/a_plus" }]);
    const p = result.ok ? result.value.learning!.projections[0] : undefined;
    // aPlus = round(a·R·2^8/(wpm·32)) is 0 below a = 0.5·wpm·32/(R·256)
    const smallest = (0.5 * p!.weightPerMantissa * 32) / (10 * 256);
    expect(result.diagnostics[0].hint).toContain(String(Number(smallest.toPrecision(4))));
    expect(p!.aPlus).toBe(0);
  });

  it("TP3087 when the bounds meet in one mantissa", () => {
    expect(findings(net({ wMin: 9.99, aPlus: 5, aMinus: 5 }))).toEqual([{ code: "TP3087", path: "/plasticity/0/w_max" }]);
  });

  it("TP3088 when a rate leaves the accumulator, TP3088 for a modulator gain beyond the register", () => {
    expect(findings(net({ aPlus: 1e6 }))).toEqual([{ code: "TP3088", path: "/plasticity/0/a_plus" }]);
    const loud = { ...REWARD, reward: { ...REWARD.reward, sources: [{ kind: "input" as const, index: 1, gain: 5000 }] } };
    expect(findings(net(loud))).toEqual([{ code: "TP3088", path: "/plasticity/0/reward" }]);
  });

  it("TP3089 when a time constant is too long for its decay factor", () => {
    // d = round(4096·(1 − e^{−1/τ})) = 0 once 4096/τ < ½, τ > 8192 ms
    expect(findings(net({ tauPlusMs: 10000 }))).toEqual([{ code: "TP3089", path: "/plasticity/0/tau_plus" }]);
    expect(findings(net({ tauPlusMs: 8000 }))).toEqual([]);
  });

  it("TP3099 when the eligibility's per-epoch factor realises tau_c more than 5 % off, naming an epoch that fits", () => {
    // epoch 4 at dt 1 ms: τ_c 5000 → d = round(3.28) = 3 → 5459 ms (9.2 %); τ_c 1000 → d = 16 → 1022 ms (2.2 %)
    const long = net({ ...REWARD, tauCMs: 5000 });
    expect(findings(long)).toEqual([{ code: "TP3099", path: "/plasticity/0/tau_c" }]);
    expect(compile(long, loihi(), { file: "net.json" }).diagnostics[0].hint).toContain("--learning-epoch 11");
    expect(findings(net({ ...REWARD, tauCMs: 1000 }))).toEqual([]);
    // the epoch it names fits: 11 steps, d = round(4096·(1 − e^{−11/5000})) = 9, 5001 ms
    expect(findings(long, loihi(), { learningEpoch: 11 })).toEqual([]);
  });
});

describe("integer constants", () => {
  it("traces, rates, bounds and the format, as docs/semantics-learning.md computes them", () => {
    const config = mustCompile(net({ aPlus: 0.05, aMinus: 0.04, tauMinusMs: 10 }), loihi(), { learningEpoch: 8 });
    const learning = config.learning!;
    expect(learning.epoch).toBe(8);
    const p = learning.projections[0];
    expect(p).toMatchObject({ id: "x_p", rule: "stdp", pre: "x", post: "p", sign: 1, traceImpulse: 32, muPlus: 0, muMinus: 0 });
    // 4096·(1 − e^{−1/20}) = 199.76; 4096·(1 − e^{−1/10}) = 389.79
    expect(p.traceDecayPre).toBe(200);
    expect(p.traceDecayPost).toBe(390);
    // The format fits w_max: 10 lands on at most 255 mantissas, and one exponent less would not hold it.
    expect(p.magnitudeMax).toBe(Math.round(10 / p.weightPerMantissa));
    expect(p.magnitudeMax).toBeLessThanOrEqual(255);
    expect(Math.round(10 / (p.weightPerMantissa / 2))).toBeGreaterThan(255);
    expect(p.magnitudeMin).toBe(0);
    // one mantissa LSB is 2^(6 + exponent) effective units over the post's current scale
    const scale = config.scales.find((s) => s.population === "p" && s.variable === "i_syn")!.scale;
    const format = config.cores[0].formats.find((f) => f.signMode === "excitatory")!;
    expect(p.weightPerMantissa).toBeCloseTo(2 ** (6 + format.exponent) / scale, 12);
    expect(p.aPlus).toBe(Math.round((0.05 * 10 * 256) / (p.weightPerMantissa * 32)));
    expect(p.aMinus).toBe(Math.round((0.04 * 10 * 256) / (p.weightPerMantissa * 32)));
    expect(p.seed).toBeGreaterThan(0);
  });

  it("an all_to_all spike adds 2^bits / learning.trace.pileUp, and the rates scale with that impulse", () => {
    const base = loihi();
    const roomy = { ...base, learning: { ...base.learning!, trace: { ...base.learning!.trace, pileUp: 16 } } };
    const p = mustCompile(net({ aPlus: 0.05 }), roomy, { learningEpoch: 8 }).learning!.projections[0];
    expect(p.traceImpulse).toBe(2 ** 7 / 16);
    expect(p.aPlus).toBe(Math.round((0.05 * 10 * 256) / (p.weightPerMantissa * 8)));
    // nearest pairings write the full trace whatever the pile-up
    expect(mustCompile(net({ pairing: "nearest_symmetric" }), roomy).learning!.projections[0].traceImpulse).toBe(127);
  });

  it("nearest pairings write 2^bits − 1; reward and episode constants in Q.12", () => {
    const reward = mustCompile(net({ ...REWARD, pairing: "nearest_symmetric" })).learning!.projections[0];
    expect(reward.traceImpulse).toBe(127);
    // gain·dt/τn·2^12 = 4096/200 = 20.48; b·dt·2^12 = 4.096; 4096·(1 − e^{−1/200}) = 20.43;
    // eligibility over an epoch of 4 steps: 4096·(1 − e^{−4/1000}) = 16.35
    expect(reward.reward).toEqual({ decay: 20, baseline: 4, sources: [{ symbol: "r", gain: 20 }] });
    expect(reward.eligibilityDecay).toBe(16);
    const episode = mustCompile(net({ rule: "episode_stdp", tauCMs: Infinity, gate: { sources: [{ kind: "input", index: 1, gain: 0.5 }] } })).learning!.projections[0];
    expect(episode.gate).toEqual({ sources: [{ symbol: "r", gain: 2048 }] });
    expect(episode.eligibilityDecay).toBe(0);
  });

  it("reports every constant requested vs realised", () => {
    const result = compile(net({ aPlus: 0.05 }), loihi());
    const reported = result.reports.quantization!.parameters.filter((p) => p.owner === "x_p");
    expect(reported.map((p) => p.parameter)).toEqual(["w_min", "w_max", "tau_plus", "tau_minus", "a_plus", "a_minus"]);
    const tauPlus = reported.find((p) => p.parameter === "tau_plus")!;
    // d = 200 realises −1/ln(1 − 200/4096) = 19.976 ms
    expect(tauPlus.realised).toBeCloseTo(-1 / Math.log(1 - 200 / 4096), 10);
    expect(tauPlus.path).toBe("/plasticity/0/tau_plus");
  });

  it("derives the seed from the run seed and the projection: nonzero, different per run seed", () => {
    const a = mustCompile(net({}, 7)).learning!.projections[0].seed;
    const b = mustCompile(net({}, 8)).learning!.projections[0].seed;
    expect(a).not.toBe(b);
    expect(mustCompile(net({}, 7)).learning!.projections[0].seed).toBe(a);
  });

  it("clamps initial magnitudes into the bounds and keeps an inhibitory sign", () => {
    const input = plastic(
      {
        run: { dt: 1, duration: 10, seed: 1 },
        populations: [population("p", 3)],
        inputs: [spikeInput("x", [[1]])],
        projections: [explicit("x_p", "x", "p", [[0, 0], [0, 1], [0, 2]], { weight: [1, 5, 12], sign: "inhibitory" })],
      },
      [{ projection: "x_p", rule: rule({ wMin: 2, wMax: 10 }) }],
    );
    const config = mustCompile(input);
    const p = config.learning!.projections[0];
    expect(p.sign).toBe(-1);
    const stored = Array.from(p.synapseIndex, (at, s) => config.cores[p.synapseCore[s]].synapses.mantissa[at]);
    expect(stored).toEqual([-p.magnitudeMin, -Math.round(5 / p.weightPerMantissa), -p.magnitudeMax]);
  });
});

describe("placement", () => {
  it("finds every plastic synapse across cores, among static ones", () => {
    const input = plastic(
      {
        run: { dt: 1, duration: 10, seed: 1 },
        populations: [population("a", 2), population("b", 3)],
        inputs: [spikeInput("x", [[1], [2]])],
        projections: [allToAll("x_b", "x", "b", { weight: 2 }), allToAll("a_b", "a", "b", { weight: 3 }), explicit("x_a", "x", "a", [[1, 0], [0, 1]], { weight: 5 })],
      },
      [{ projection: "a_b", rule: rule({ wMax: 6 }) }, { projection: "x_a", rule: rule({ wMax: 8 }, 1) }],
    );
    const config = mustCompile(input, loihi(), { maxNeuronsPerCore: 2 });
    expect(config.cores.length).toBe(3);
    for (const p of config.learning!.projections) {
      const post = config.symbols.find((s) => s.id === p.post)!;
      for (let s = 0; s < p.synapsePre.length; s++) {
        const core = config.cores[p.synapseCore[s]];
        expect(p.synapseCore[s]).toBe(post.core[p.synapsePost[s]]);
        expect(core.synapses.target[p.synapseIndex[s]]).toBe(post.local[p.synapsePost[s]]);
        expect(Math.abs(core.synapses.mantissa[p.synapseIndex[s]])).toBe(Math.round((p.id === "a_b" ? 3 : 5) / p.weightPerMantissa));
      }
    }
    expect(config.learning!.projections.map((p) => [p.id, Array.from(p.synapsePre), Array.from(p.synapsePost)])).toEqual([
      ["a_b", [0, 0, 0, 1, 1, 1], [0, 1, 2, 0, 1, 2]],
      ["x_a", [0, 1], [1, 0]],
    ]);
  });

  it("leaves a network without plasticity unchanged", () => {
    const input = plastic({ populations: [population("p", 1)], inputs: [spikeInput("x", [[1]])], projections: [allToAll("x_p", "x", "p")] }, []);
    const result = compile(input, loihi());
    expect(result.ok && result.value.learning).toBe(undefined);
  });
});

describe("a network file with a plasticity section, through the loader", () => {
  it("compiles all three rules for loihi-cuba and both engines agree on the run", () => {
    const loaded = loadNetwork(readFileSync(join(REPO, "test/ir/fixtures/plasticity-lif.network.json"), "utf8"));
    if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join(" "));
    const result = compile(elaborate(loaded.value), loihi(), { verifyEach: true });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    if (!result.ok) return;
    const learning = result.value.learning!;
    expect(learning.projections.map((p) => [p.id, p.rule, p.pairing])).toEqual([
      ["drive_exc", "stdp", "all_to_all"],
      ["exc_critic", "reward_stdp", "nearest_symmetric"],
      ["drive_critic", "episode_stdp", "all_to_all"],
      ["exc_exc", "stdp", "all_to_all"],
    ]);
    // dopamine: the second reward source has gain −0.5: round(−0.5·1/100·4096) = round(−20.48) = −20
    expect(learning.projections[1].reward!.sources.map((s) => s.gain)).toEqual([41, -20]);
    // episode gate gain 2 in Q.12; tau_c null: no eligibility decay
    expect(learning.projections[2].gate!.sources).toEqual([{ symbol: "reward", gain: 8192 }]);
    expect(learning.projections[2].eligibilityDecay).toBe(0);
    const fast = emulate(result.value);
    expect(fast.recording).toEqual(interpretScalar(result.value).recording);
  });
});

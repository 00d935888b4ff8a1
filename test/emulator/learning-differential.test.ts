// The fast learning engine equals the scalar one to the bit on random small plastic networks:
// every rule, both pairings, μ 0 and 1, every trace and write rounding, epochs 1, 4 and others,
// narrow accumulators and modulators (saturation), several cores. Compared: spikes and traces,
// weight dumps, event counts and the final state. A failing case is reproduced by its seed.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/passes/pipeline.js";
import { emulate } from "../../src/emulator/emulator.js";
import { interpretScalar } from "../../src/emulator/scalar.js";
import type { ElaboratedModulatorSource, ElaboratedPlasticity } from "../../src/ir/elaborated.js";
import type { Projection } from "../../src/ir/types.js";
import { PAIRINGS, PLASTICITY_RULES } from "../../src/ir/plasticity-types.js";
import type { HwConfig } from "../../src/hw/types.js";
import { Rng } from "../../src/util/rng.js";
import { allToAll, explicit, population, spikeInput, targetWith } from "../passes/helpers.js";
import { plastic, rule } from "./learning-build.js";

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.nextInt(items.length)];
const between = (rng: Rng, min: number, max: number) => min + rng.nextFloat() * (max - min);

function spikeTimes(rng: Rng, duration: number, rate: number): number[] {
  const times: number[] = [];
  for (let t = 0; t < duration; t++) if (rng.nextFloat() < rate) times.push(t);
  return times;
}

/** A random plastic network and target variant; `seed` reproduces it. */
export function randomLearningConfig(seed: number): { config: HwConfig; weightSteps: number[]; describe: string } {
  const rng = new Rng(seed);
  const duration = 30 + rng.nextInt(90);
  const sizes = [1 + rng.nextInt(4), 1 + rng.nextInt(3)];
  const populations = sizes.map((size, k) => population(`p${k}`, size, { tau_m: between(rng, 8, 30), tau_ref: rng.nextInt(4), bias: between(rng, 0, 18) }));
  const xSize = 1 + rng.nextInt(3);
  const inputs = [
    spikeInput("x", Array.from({ length: xSize }, () => spikeTimes(rng, duration, between(rng, 0.05, 0.3)))),
    spikeInput("r", [spikeTimes(rng, duration, 0.1)]),
  ];
  const sign = () => pick(rng, ["excitatory", "inhibitory"] as const);
  const projections: Projection[] = [
    allToAll("x_p0", "x", "p0", { weight: between(rng, 1, 8), sign: sign() }),
    explicit("p0_p1", "p0", "p1", Array.from({ length: sizes[0] }, (_, i) => [i, rng.nextInt(sizes[1])] as const), { weight: between(rng, 1, 8), sign: sign(), delay: rng.nextInt(3) }),
    allToAll("x_p1", "x", "p1", { weight: between(rng, 1, 5) }),
  ];
  const source = (): ElaboratedModulatorSource => (rng.nextInt(3) === 0 ? { kind: "population", index: 1, gain: between(rng, -1, 2) } : { kind: "input", index: 1, gain: between(rng, 0.2, 3) });
  const ruleFor = (index: number): ElaboratedPlasticity => {
    const kind = pick(rng, PLASTICITY_RULES);
    const wMax = between(rng, 5, 10);
    const base = rule(
      {
        rule: kind,
        pairing: pick(rng, PAIRINGS.filter((p) => p !== "nearest_pre_centred")),
        tauPlusMs: between(rng, 5, 40),
        tauMinusMs: between(rng, 5, 40),
        aPlus: between(rng, 0.02, 0.5),
        aMinus: between(rng, 0.02, 0.5),
        muPlus: rng.nextInt(2),
        muMinus: rng.nextInt(2),
        wMin: rng.nextInt(2) === 0 ? 0 : between(rng, 0.5, 2),
        wMax,
      },
      index,
    );
    if (kind === "reward_stdp") return { ...base, tauCMs: between(rng, 20, 2000), reward: { tauNMs: between(rng, 20, 400), baseline: between(rng, 0, 0.01), sources: [source()] } };
    if (kind === "episode_stdp") return { ...base, tauCMs: rng.nextInt(3) === 0 ? Infinity : between(rng, 20, 2000), gate: { sources: [source(), ...(rng.nextInt(2) === 0 ? [source()] : [])] } };
    return base;
  };
  const plasticProjections = rng.nextInt(3) === 0 ? ["x_p0"] : ["x_p0", "p0_p1"];
  const input = plastic(
    { run: { dt: 1, duration, seed: rng.nextInt(1000) + 1 }, populations, inputs, projections, record: [{ population: "p0", state: ["v"] }, { population: "p1" }, { population: "x" }] },
    plasticProjections.map((projection, k) => ({ projection, rule: ruleFor(k) })),
  );
  const narrow = rng.nextInt(4) === 0;
  const target = targetWith({
    learning: {
      trace: { bits: pick(rng, [5, 7]), decayBits: 12, rounding: pick(rng, ["stochastic", "toward-zero"] as const) },
      rounding: pick(rng, ["stochastic", "nearest", "floor"] as const),
      ...(narrow ? { accumulator: { bits: 12, fractionBits: 6 }, modulator: { bits: 10, fractionBits: 6, decayBits: 8 } } : {}),
    },
  });
  const epoch = pick(rng, [1, 4, 1 + rng.nextInt(8)]);
  const result = compile(input, target, { learningEpoch: epoch, maxNeuronsPerCore: 1 + rng.nextInt(3), verifyEach: true });
  if (!result.ok) throw new Error(`seed ${seed}: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  // Every step's weights for most cases (a difference anywhere shows), two random steps for the rest.
  const weightSteps = seed % 4 === 3 ? [rng.nextInt(duration), rng.nextInt(duration)] : Array.from({ length: duration }, (_, k) => k);
  const rules = result.value.learning!.projections.map((p) => `${p.rule}/${p.pairing}/μ${p.muPlus}${p.muMinus}`).join(" ");
  return { config: result.value, weightSteps, describe: `${rules} epoch ${epoch}${narrow ? " narrow" : ""}` };
}

describe("fast learning engine = scalar learning engine", () => {
  const seeds = Array.from({ length: 64 }, (_, k) => 1000 + k);
  it.each(seeds)("seed %i", (seed) => {
    const { config, weightSteps } = randomLearningConfig(seed);
    const fast = emulate(config, { weightSteps });
    const slow = interpretScalar(config, { weightSteps });
    expect(fast.recording).toEqual(slow.recording);
    expect(fast.counts).toEqual(slow.counts);
    expect(fast.finalState).toEqual(slow.finalState);
  });

  it("the random cases reach every rule, pairing, exponent, rounding, epoch and write", () => {
    const seen = new Set<string>();
    let writes = 0;
    let moved = 0;
    for (let seed = 1000; seed < 1064; seed++) {
      const { config, weightSteps } = randomLearningConfig(seed);
      const sem = config.learning!.semantics;
      seen.add(`rounding:${sem.rounding}`).add(`trace:${sem.trace.rounding}`).add(`epoch:${config.learning!.epoch}`);
      for (const p of config.learning!.projections) seen.add(p.rule).add(p.pairing).add(`μ+${p.muPlus}`).add(`μ-${p.muMinus}`).add(`sign${p.sign}`);
      const result = emulate(config, { weightSteps });
      writes += result.counts.weightWrites ?? 0;
      for (const w of result.recording.weights!) {
        const first = w.snapshots[0].raw!;
        const last = w.snapshots.at(-1)!.raw!;
        if (last.some((x, s) => x !== first[s])) moved++;
      }
    }
    for (const item of ["stdp", "reward_stdp", "episode_stdp", "all_to_all", "nearest_symmetric", "μ+0", "μ+1", "μ-0", "μ-1", "sign1", "sign-1",
      "rounding:stochastic", "rounding:nearest", "rounding:floor", "trace:stochastic", "trace:toward-zero", "epoch:1", "epoch:4"]) {
      expect(seen.has(item), item).toBe(true);
    }
    expect(writes).toBeGreaterThan(100);
    expect(moved).toBeGreaterThan(20);
  });
});

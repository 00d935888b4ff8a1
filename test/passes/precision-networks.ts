// Networks for the precision tests: adversarial inputs (every input line spiking every step),
// seeded random networks a LIF target takes (with the project's Rng, so a failing case is its
// seed), and overflow totals of a run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { elaborate } from "../../src/ir/elaborate.js";
import { loadNetwork } from "../../src/ir/load.js";
import type { Elaborated } from "../../src/ir/elaborated.js";
import type { EmulationResult } from "../../src/emulator/emulator.js";
import { Rng } from "../../src/util/rng.js";
import { REPO } from "./helpers.js";

type Json = Record<string, any>;

/** Loads and elaborates a network given as JSON; throws with the diagnostics when it does not load. */
export function elaborateJson(network: Json): Elaborated {
  const loaded = loadNetwork(JSON.stringify(network));
  if (!loaded.ok) throw new Error(`test network does not load: ${loaded.diagnostics.map((d) => `${d.code} ${d.path} ${d.message}`).join("; ")}`);
  return elaborate(loaded.value);
}

/** An example's network.json, its run cut to `durationMs`. */
export function exampleNetwork(name: string, durationMs: number): Json {
  const network = JSON.parse(readFileSync(join(REPO, "examples", name, "network.json"), "utf8")) as Json;
  return { ...network, run: { ...network.run, duration: durationMs } };
}

/** The network with every input replaced by spike times at every step of the run (each line fires every step). */
export function adversarial(network: Json): Json {
  const { dt, duration } = network.run as { dt: number; duration: number };
  const steps = Math.round(duration / dt);
  const every = Array.from({ length: steps }, (_, t) => Number((t * dt).toFixed(6)));
  const inputs = (network.inputs as Json[]).map((input) => ({ id: input.id, kind: "spike_times", size: input.size, times: Array.from({ length: input.size }, () => every) }));
  return { ...network, inputs };
}

/** The network with one more input line group `drive` of `size` lines feeding each population listed, all to all. */
export function withDrive(network: Json, size: number, weight: number, posts: readonly string[]): Json {
  return {
    ...network,
    inputs: [...(network.inputs as Json[]), { id: "drive", kind: "poisson", size, rate: 20 }],
    projections: [
      ...(network.projections as Json[]),
      ...posts.map((post) => ({ id: `drive_${post}`, pre: "drive", post, connect: { rule: "all_to_all" }, weight, synapse: { kind: "exponential", tau: 5 }, sign: "excitatory" })),
    ],
  };
}

/**
 * A random network from `seed`: populations a and b (4-16 neurons each) feeding each other in a
 * ring (so that both are hidden neurons on xylo-style), a drive input of 2-8 lines onto a, and 1-3
 * more projections with random signs, weights and time constants. `xylo` keeps to what
 * xylo-style holds: no delays, no refractory period, time constants its shift decays realise, at
 * most one projection per (source, target) pair.
 */
export function randomNetwork(seed: number, xylo: boolean): Json {
  const rng = new Rng(seed);
  const int = (min: number, max: number) => min + rng.nextInt(max - min + 1);
  const pick = <T>(items: readonly T[]): T => items[rng.nextInt(items.length)];
  const dt = xylo ? 1 : 0.5;
  const population = (id: string) => ({
    id,
    model: "lif",
    size: int(4, 16),
    params: { tau_m: pick([5, 10, 20, 40]), v_rest: -65, v_reset: -65, v_thresh: pick([-55, -50]), tau_ref: xylo ? 0 : pick([0, 1, 2, 5]), bias: pick([0, 2, 5]) },
    initial: { v: { uniform: [-65, -56] } },
  });
  const projection = (id: string, pre: string, post: string, sign: string) => ({
    id,
    pre,
    post,
    connect: pick([{ rule: "all_to_all" }, { rule: "fixed_probability", p: 0.5 }]),
    weight: pick([2, 5, { uniform: [1, 8] }]),
    delay: xylo ? 0 : pick([0, 1, { uniform: [0, 3] }]),
    synapse: { kind: "exponential", tau: pick(xylo ? [4, 8] : [2, 5, 10]) },
    sign,
  });
  const pairs: [string, string][] = [["a", "a"], ["b", "b"], ["b", "a"], ["drive", "b"]];
  const extra = Array.from({ length: int(1, 3) }, (_, i) => {
    const [pre, post] = xylo ? pairs.splice(rng.nextInt(pairs.length), 1)[0] : pick(pairs);
    return projection(`p${i}`, pre, post, pick(["excitatory", "inhibitory"]));
  });
  return {
    format: "tripart.network/1",
    run: { dt, duration: 60, seed },
    populations: [population("a"), population("b")],
    inputs: [{ id: "drive", kind: "poisson", size: int(2, 8), rate: 50 }],
    projections: [
      { ...projection("drive_a", "drive", "a", "excitatory"), weight: pick([10, 20]) },
      projection("a_b", "a", "b", "excitatory"),
      projection("b_a", "b", "a", pick(["excitatory", "inhibitory"])),
      ...extra,
    ],
    record: [],
  };
}

/** Overflow events of a run, all registers and populations together. */
export function saturations(result: EmulationResult): number {
  return Object.values(result.overflowByPopulation ?? {}).reduce((sum, counts) => sum + Object.values(counts).reduce((a, b) => a + b, 0), 0);
}

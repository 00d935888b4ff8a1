// Random networks through the whole pipeline: every network the generator makes must load,
// compile with verify-each on, and run to the same bits in the fast emulator and the scalar
// interpreter; the reference must agree with the emulator on the input spikes it was given.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, elaborate, emulate, interpretScalar, loadNetwork, resolveTarget, simulate } from "../../src/index.js";
import type { Target } from "../../src/index.js";

const TARGETS = ["loihi-cuba", "loihi-cuba-lava"] as const;

const tau = fc.constantFrom(2, 5, 10, 20);
const population = (id: string, refractory: boolean) =>
  fc.record({
    id: fc.constant(id),
    model: fc.constant("lif"),
    size: fc.integer({ min: 4, max: 24 }),
    params: fc.record({
      tau_m: fc.constantFrom(5, 10, 20, 40),
      v_rest: fc.constantFrom(-65, -60, -52),
      v_reset: fc.constant(-65),
      v_thresh: fc.constantFrom(-55, -50),
      tau_ref: refractory ? fc.constantFrom(0, 1, 2, 5) : fc.constant(0),
      bias: fc.constantFrom(0, 4, 8),
    }),
    initial: fc.constant({ v: { uniform: [-65, -52] } }),
  });

const connect = fc.oneof(
  fc.constant({ rule: "all_to_all" }),
  fc.record({ rule: fc.constant("fixed_probability"), p: fc.double({ min: 0.05, max: 0.6, noNaN: true }) }),
  fc.record({ rule: fc.constant("fixed_indegree"), indegree: fc.integer({ min: 1, max: 3 }) }),
);

const network = (refractory: boolean) =>
  fc
    .record({
      pops: fc.tuple(population("a", refractory), population("b", refractory)),
      rate: fc.constantFrom(20, 50, 100),
      projections: fc.array(
        fc.record({
          pre: fc.constantFrom("a", "b", "drive"),
          post: fc.constantFrom("a", "b"),
          connect,
          weight: fc.oneof(fc.constantFrom(1, 4, 10), fc.constant({ uniform: [2, 12] })),
          delay: fc.oneof(fc.constantFrom(0, 1, 3), fc.constant({ uniform: [0, 5] })),
          tau,
          sign: fc.constantFrom("excitatory", "inhibitory"),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
    })
    .map(({ pops, rate, projections, seed }) => ({
      format: "tripart.network/1",
      run: { dt: 0.5, duration: 100, seed },
      populations: pops,
      inputs: [{ id: "drive", kind: "poisson", size: 8, rate }],
      projections: [
        { id: "p_drive", pre: "drive", post: "a", connect: { rule: "all_to_all" }, weight: 15, synapse: { kind: "exponential", tau: 5 }, sign: "excitatory" },
        ...projections.map((p, i) => ({
          id: `p${i}`,
          pre: p.pre,
          post: p.post,
          connect: p.connect.rule === "fixed_indegree" && p.pre === "drive" ? { rule: "all_to_all" } : p.connect,
          weight: p.weight,
          delay: p.delay,
          synapse: { kind: "exponential", tau: p.tau },
          sign: p.sign,
        })),
      ],
      record: [
        { population: "a", state: ["v", "i_syn"] },
        { population: "b", state: ["v"] },
      ],
    }));

describe("differential: random networks through compile()", () => {
  it.each(TARGETS)("%s: compile, then the fast emulator equals the scalar interpreter", async (name) => {
    const resolved = await resolveTarget(name);
    if (!resolved.ok) throw new Error(`target ${name} does not load`);
    const target: Target = resolved.value;
    let spikes = 0;
    fc.assert(
      fc.property(network(target.neuron.refractory.supported), (document) => {
        const loaded = loadNetwork(JSON.stringify(document));
        expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        if (!loaded.ok) return;
        const elaborated = elaborate(loaded.value);
        const compiled = compile(elaborated, target, { verifyEach: true });
        expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        if (!compiled.ok) return;
        const fast = emulate(compiled.value);
        const slow = interpretScalar(compiled.value);
        expect(fast.recording).toEqual(slow.recording);
        expect(fast.overflow).toEqual(slow.overflow);
        expect(fast.finalState).toEqual(slow.finalState);
        // Both sides see the very same input spikes: the drive is elaborated once.
        const reference = simulate(elaborated);
        const inputSpikes = (rec: typeof reference.recording) => rec.populations.find((p) => p.id === "drive")?.spikes;
        expect(inputSpikes(fast.recording)).toEqual(inputSpikes(reference.recording));
        spikes += fast.counts.spikes;
      }),
      { numRuns: 100, seed: 20_261_127, endOnFailure: true },
    );
    expect(spikes).toBeGreaterThan(1000);
  });
});

/**
 * The fast glia-core emulator against the scalar interpreter on random small configs: every
 * recorded spike and raw trace value, the saturation counters, the event counts and the final
 * state must be equal to the bit.
 */
import { describe, expect, it } from "vitest";
import { emulateGlia } from "../../../src/emulator/glia-emulator.js";
import { interpretGliaScalar } from "../../../src/emulator/glia-scalar.js";
import { randomGliaConfig } from "./random-config.js";

const CASES = 120;

describe("glia-core fast emulator vs scalar interpreter", () => {
  it(`agrees to the bit on ${CASES} random configs`, () => {
    const coverage = { spikes: 0, saturations: 0, gateOpen: 0, synapticEvents: 0, halfUp: 0, floor: 0, currentCoarser: 0, currentFiner: 0 };
    for (let seed = 1; seed <= CASES; seed++) {
      const config = randomGliaConfig(seed);
      const fast = emulateGlia(config);
      const slow = interpretGliaScalar(config);
      const where = `seed ${seed}`;
      expect(fast.counts, where).toEqual(slow.counts);
      expect(fast.overflow, where).toEqual(slow.overflow);
      expect(fast.recording.populations.length, where).toBe(slow.recording.populations.length);
      fast.recording.populations.forEach((population, p) => {
        const other = slow.recording.populations[p];
        expect(population.spikes, `${where} ${population.id} spikes`).toEqual(other.spikes);
        population.traces.forEach((trace, t) => {
          expect(trace.raw, `${where} ${population.id} ${trace.variable}`).toEqual(other.traces[t].raw);
          expect(trace.values).toEqual(other.traces[t].values);
        });
      });
      expect(fast.glia, where).toEqual(slow.glia);
      coverage.spikes += fast.counts.spikes > 0 ? 1 : 0;
      coverage.saturations += Object.values(fast.overflow).some((n) => n > 0) ? 1 : 0;
      coverage.gateOpen += fast.recording.populations.some((p) => p.traces.some((t) => t.variable === "gate" && t.raw?.some((r) => r.some((x) => x > 0)))) ? 1 : 0;
      coverage.synapticEvents += fast.counts.synapticEvents > 0 ? 1 : 0;
      coverage[config.semantics.rounding === "half-up" ? "halfUp" : "floor"]++;
      coverage.currentCoarser += config.neurons.some((g) => g.iFrac < g.frac) ? 1 : 0;
      coverage.currentFiner += config.neurons.some((g) => g.iFrac > g.frac) ? 1 : 0;
    }
    // the random configs reach every path the comparison is meant to cover
    expect(coverage.spikes).toBeGreaterThan(CASES / 4);
    expect(coverage.saturations).toBeGreaterThan(CASES / 10);
    expect(coverage.gateOpen).toBeGreaterThan(CASES / 10);
    expect(coverage.synapticEvents).toBeGreaterThan(CASES / 4);
    expect(coverage.halfUp).toBeGreaterThan(CASES / 4);
    expect(coverage.floor).toBeGreaterThan(CASES / 4);
    // the input current in its own format, coarser than V's (a left shift into kI's product absorbed) and finer
    expect(coverage.currentCoarser).toBeGreaterThan(CASES / 4);
    expect(coverage.currentFiner).toBeGreaterThan(CASES / 20);
  });
});

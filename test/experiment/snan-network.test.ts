// The SNAN network builder: it loads clean, compiles for glia-core, and its astrocytes suppress a
// state that is shown again and again (measured in the float reference against the same network
// without astrocytes).
import { describe, expect, it } from "vitest";
import { loadNetwork } from "../../src/ir/load.js";
import { compile, compileGlia } from "../../src/passes/pipeline.js";
import { resolveTarget } from "../../src/targets/load.js";
import { isGliaTarget } from "../../src/targets/glia-types.js";
import { simulateGlia } from "../../src/reference/glia-simulator.js";
import type { Host } from "../../src/hw/host.js";
import { elaborateNetwork } from "../../src/experiment/snan-engine.js";
import { OBSERVATION_PORT, STATE_POPULATION, snanNetwork, snanSettings, windowSteps } from "../../src/experiment/snan-network.js";

describe("snanNetwork", () => {
  for (const observationCount of [1, 4, 16]) {
    for (const withAstrocytes of [true, false]) {
      it(`loads without diagnostics: ${observationCount} observations, ${withAstrocytes ? "with" : "without"} astrocytes`, () => {
        const network = snanNetwork({ observationCount, withAstrocytes });
        const loaded = loadNetwork(JSON.stringify(network));
        expect(loaded.diagnostics).toEqual([]);
        expect(loaded.ok).toBe(true);
        const elaborated = elaborateNetwork(network);
        expect(elaborated.populations.map((p) => p.size)).toEqual([observationCount * 4, 16]);
        expect(elaborated.astrocytes.length).toBe(withAstrocytes ? 1 : 0);
        if (withAstrocytes) expect(elaborated.astrocytes[0].size).toBe(observationCount);
      });
    }
  }

  it("compiles for glia-core without errors, with and without astrocytes", async () => {
    const target = await resolveTarget("glia-core");
    expect(target.ok).toBe(true);
    if (!target.ok || !isGliaTarget(target.value)) throw new Error("glia-core is a glia target");
    for (const withAstrocytes of [true, false]) {
      const compiled = compileGlia(elaborateNetwork(snanNetwork({ observationCount: 5, withAstrocytes })), target.value);
      expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(compiled.ok).toBe(true);
    }
  });

  it("has a LIF family that compiles for loihi-cuba, without astrocytes only", async () => {
    const target = await resolveTarget("loihi-cuba");
    if (!target.ok || isGliaTarget(target.value)) throw new Error("loihi-cuba is a LIF target");
    const network = snanNetwork({ observationCount: 5, family: "lif" });
    expect(loadNetwork(JSON.stringify(network)).diagnostics).toEqual([]);
    const compiled = compile(elaborateNetwork(network), target.value);
    expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(compiled.ok).toBe(true);
    expect(() => snanNetwork({ observationCount: 5, family: "lif", withAstrocytes: true })).toThrow(/no astrocytes/);
    // the glia-core network is refused on loihi-cuba, one diagnostic per construct it cannot hold
    const refused = compile(elaborateNetwork(snanNetwork({ observationCount: 5 })), target.value);
    expect(refused.ok).toBe(false);
    expect(refused.diagnostics.map((d) => d.code)).toContain("TP3030");
  });

  it("refuses a stimulation longer than the decision window", () => {
    expect(() => snanNetwork({ observationCount: 2, decisionMs: 20, stimulationMs: 30 })).toThrow(RangeError);
    expect(() => snanNetwork({ observationCount: 0 })).toThrow(RangeError);
  });
});

/** Shows observation 0 in the first `shown` windows, then nothing; state-group spikes per window and Ca of each astrocyte at each window's end. */
function showRepeatedly(withAstrocytes: boolean, shown: number, windows: number): { spikes: number[]; ca: number[][] } {
  const settings = snanSettings({ observationCount: 3, withAstrocytes });
  const window = windowSteps(settings);
  const network = snanNetwork({ observationCount: 3, withAstrocytes, durationMs: windows * settings.decisionMs, recordAstrocytes: true });
  const spikes = new Array<number>(windows).fill(0);
  const host: Host = {
    beforeStep: (s, inject) => {
      if (s < shown * window.decision && s % window.decision < window.stimulation) {
        for (let j = 0; j < settings.neuronsPerState; j++) inject(OBSERVATION_PORT, j);
      }
    },
    afterStep: (s, fired) => {
      for (const { population, neurons } of fired) {
        if (population !== STATE_POPULATION) continue;
        for (const n of neurons) if (n < settings.neuronsPerState) spikes[Math.floor(s / window.decision)]++;
        expect(Array.from(neurons).every((n) => n < settings.neuronsPerState)).toBe(true); // only the shown group fires
      }
    },
  };
  const { recording } = simulateGlia(elaborateNetwork(network), { host });
  const trace = recording.populations.find((p) => p.id === "astrocyte")?.traces.find((t) => t.variable === "ca");
  const ca = trace === undefined ? [] : trace.values.map((values) => Array.from({ length: windows }, (_, k) => values[(k + 1) * window.decision - 1]));
  return { spikes, ca };
}

describe("astrocyte suppression of a repeated state (reference)", () => {
  const withAstro = showRepeatedly(true, 6, 14);
  const without = showRepeatedly(false, 6, 14);

  it("raises the Ca of the shown state's astrocyte visit by visit, and no other", () => {
    const ca = withAstro.ca[0];
    expect(ca[0]).toBeGreaterThan(0.2); // one visit's spikes
    expect(ca[1]).toBeGreaterThan(ca[0]);
    expect(ca[5]).toBeGreaterThan(0.8 * snanSettings({ observationCount: 3 }).caFull);
    for (const other of [withAstro.ca[1], withAstro.ca[2]]) expect(Math.max(...other)).toBe(0);
  });

  it("suppresses the repeated state's drive; without astrocytes the state keeps firing", () => {
    const first = withAstro.spikes[0];
    expect(without.spikes[0]).toBe(first); // the first visit is the same network until Ca rises
    const later = withAstro.spikes.slice(2, 6).reduce((a, b) => a + b, 0) / 4;
    const laterWithout = without.spikes.slice(2, 6).reduce((a, b) => a + b, 0) / 4;
    expect(later).toBeLessThan(0.5 * first);
    expect(laterWithout).toBeGreaterThanOrEqual(first);
    expect(withAstro.spikes.slice(6).every((n) => n === 0)).toBe(true); // nothing shown, nothing fires
  });

  it("lets Ca decay with the time constant set in agent steps", () => {
    const { astroDecaySteps } = snanSettings({ observationCount: 3 });
    const ca = withAstro.ca[0];
    // after the last shown window (index 5) IP3 is spent within a window: Ca falls by e^-1 over astroDecaySteps windows
    const ratio = ca[5 + astroDecaySteps] / ca[5];
    expect(ratio).toBeGreaterThan(Math.exp(-1) * 0.85);
    expect(ratio).toBeLessThan(Math.exp(-1) * 1.15);
  });
});

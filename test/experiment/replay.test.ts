import { describe, expect, it } from "vitest";
import { InjectionLog, loggingHost, perturbedReference, replayHost, replayWorld, type ReplayTask } from "../../src/experiment/replay.js";
import { referenceEngine, targetEngine } from "../../src/experiment/snan-engine.js";
import { generateField } from "../../src/experiment/grid-world.js";
import { agentRng } from "../../src/experiment/world-run.js";
import { resolveTarget } from "../../src/targets/load.js";

describe("InjectionLog", () => {
  it("gives back each step's injections in the order they were made, and nothing past the log", () => {
    const log = new InjectionLog();
    log.beginStep(0);
    log.record("a", 3);
    log.record("b", 0);
    log.beginStep(1);
    log.beginStep(2);
    for (let i = 0; i < 2000; i++) log.record("a", i); // past the first buffer
    const seen = (step: number) => {
      const out: [string, number][] = [];
      log.replay(step, (input, index) => out.push([input, index]));
      return out;
    };
    expect(seen(0)).toEqual([["a", 3], ["b", 0]]);
    expect(seen(1)).toEqual([]);
    expect(seen(2).length).toBe(2000);
    expect(seen(2)[1999]).toEqual(["a", 1999]);
    expect(seen(3)).toEqual([]);
    expect(log.steps).toBe(3);
    expect(() => log.beginStep(5)).toThrow(/step 5 logged out of order \(expected 3\)/);
  });

  it("logs through a host and replays through another, ending after the last step", () => {
    const log = new InjectionLog();
    const host = loggingHost({ beforeStep: (step, inject) => step % 2 === 0 && inject("x", step) }, log);
    for (let s = 0; s < 4; s++) host.beforeStep?.(s, () => {});
    const replayed: number[] = [];
    const replay = replayHost(log, 3);
    for (let s = 0; s < 4; s++) replay.beforeStep?.(s, (_input, index) => replayed.push(index));
    expect(replayed).toEqual([0, 2]);
    expect(replay.finished?.(2)).toBe(false);
    expect(replay.finished?.(3)).toBe(true);
  });
});

// world 0 of a 5×5 field with 20 % obstacles, the bundled agreement spec's setting, 3 episodes
const task = (): ReplayTask => ({
  agentOptions: { bumpMemory: true },
  world: generateField({ width: 5, height: 5, seed: 7, obstacleDensity: 0.2 }),
  mode: "cell",
  budget: 100,
  episodes: 3,
  rng: agentRng(2026, 0, "snan"),
});

// the reference replays its own loop, glia-core and the control follow it: one closed loop for all three
const replays = (async () => {
  const target = await resolveTarget("glia-core");
  if (!target.ok) throw new Error("glia-core loads");
  return replayWorld(task(), [referenceEngine, targetEngine(target.value, { learningEpoch: 7 }), perturbedReference(1e-3)]);
})();

describe("replayWorld", () => {
  it("replaying the reference's own closed loop on the reference gives the very same run", async () => {
    const [same] = await replays;
    expect(same.decided).toBeGreaterThan(50);
    expect(same.sameWinner).toBe(1);
    expect(same.actionSpikeDifference).toBe(0);
    expect(same.weights.map((w) => w.projection)).toEqual(["state_to_action", "avoidance"]);
    for (const w of same.weights) {
      expect(w.correlation).toBe(1);
      expect(w.changeSlope).toBe(1);
      expect(w.changeSizeDifference).toBe(0);
    }
  });

  // measured: glia-core 95.3 % of 169 decided windows, weights r 0.968 and 0.987, change slopes
  // 0.92 and 0.98; the control 92.9 %, r 0.978 and 0.993, slopes 0.94 and 0.96. A learning defect
  // of the size fixed before (the clipped eligibility: r 0.83 to 0.94 on 8×8) falls below these bounds.
  it("glia-core follows the reference's loop about as closely as the reference with one weight changed by 10⁻³", async () => {
    const [, emulated, control] = await replays;
    expect(emulated.engine).toBe("glia-core");
    for (const r of [emulated, control]) {
      expect(r.decided).toBeGreaterThan(150);
      expect(r.sameWinner).toBeGreaterThan(0.85);
      expect(Math.abs(r.actionSpikeDifference)).toBeLessThan(0.1);
      for (const w of r.weights) {
        expect(w.correlation).toBeGreaterThan(0.95);
        expect(w.changeSlope).toBeGreaterThan(0.85);
        expect(w.changeSlope).toBeLessThan(1.15);
      }
    }
  });

  it("refuses a control on a projection the network lacks", () => {
    expect(() => replayWorld({ ...task(), episodes: 1, budget: 2 }, [perturbedReference(1e-3, "no_such")])).toThrow(/no projection 'no_such'/);
  });
});

// diffRecordings on small hand-built recordings whose metrics are worked out in the comments,
// and on a CUBA-size pair whose matches are known by construction.
import { describe, expect, it } from "vitest";
import { diffRecordings, diffVerdict, type DiffReport } from "../../src/diff/compare.js";
import { DEFAULT_CRITERIA, makeCriteria, type Criteria } from "../../src/diff/criteria.js";
import type { Recording } from "../../src/hw/recording.js";
import { Rng } from "../../src/util/rng.js";
import { population, recording, trace, train } from "../recording/fixtures.js";

function mustDiff(a: Recording, b: Recording, criteria: Criteria = DEFAULT_CRITERIA): DiffReport {
  const result = diffRecordings(a, b, criteria);
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  if (!result.ok) throw new Error("diff failed");
  return result.value;
}
const criteria = (input: Parameters<typeof makeCriteria>[0]): Criteria => {
  const result = makeCriteria(input);
  if (!result.ok) throw new Error("bad criteria");
  return result.value;
};

describe("identical recordings", () => {
  const rec = recording([
    population("exc", 3, train([[0, 1], [2, 0], [2, 2], [7, 1]]), [trace("v", [0, 2], [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [0, 0, 0, 0, 0, 0, 0, 0, 0, 1]])]),
    population("inh", 2, train([[4, 0]])),
  ]);
  const report = mustDiff(rec, rec);

  it("match everything, with zero distances and errors", () => {
    for (const pop of report.populations) {
      expect(pop.spikes).toMatchObject({ exactFraction: 1, withinFraction: 1, vanRossum: 0, rateError: 0 });
      expect(pop.spikes?.firstDivergence).toBeUndefined();
      expect(Array.from(pop.spikes!.perNeuron!.vanRossum)).toEqual(new Array(pop.size).fill(0));
      expect(Array.from(pop.spikes!.perNeuron!.firstDivergence)).toEqual(new Array(pop.size).fill(-1));
    }
    expect(report.populations[0].traces[0]).toMatchObject({ variable: "v", rmse: 0, maxAbsError: 0 });
    expect(report.overall).toMatchObject({ countA: 5, countB: 5, exactFraction: 1, withinFraction: 1, vanRossum: 0, rateError: 0 });
    expect(report.overall.firstDivergence).toBeUndefined();
  });

  it("pass every criterion", () => {
    expect(report.pass).toBe(true);
    expect(report.verdicts.map((v) => [v.population, v.criterion, v.pass])).toEqual([
      ["exc", "minMatchedFraction", true], ["exc", "maxRateError", true],
      ["inh", "minMatchedFraction", true], ["inh", "maxRateError", true],
    ]);
    expect(diffVerdict(diffRecordings(rec, rec))).toBe("pass");
  });
});

describe("one spike shifted by one step", () => {
  const a = recording([population("exc", 2, train([[3, 0]]))]);
  const b = recording([population("exc", 2, train([[4, 0]]))]);

  it("matches within ±1 but not exactly", () => {
    const s = mustDiff(a, b).populations[0].spikes!;
    expect(s).toMatchObject({ countA: 1, countB: 1, exactMatched: 0, exactFraction: 0, withinMatched: 1, withinFraction: 1, rateError: 0 });
    expect(s.firstDivergence).toEqual({ step: 3, neuron: 0, side: "reference" });
    // D² = 2(1 − e^(−0.1 ms / 10 ms)) = 0.0199003325, normalised by one reference spike
    expect(s.vanRossum ** 2).toBeCloseTo(0.0199003325, 9);
    expect(s.vanRossumWorst).toMatchObject({ neuron: 0 });
    expect(Array.from(s.perNeuron!.firstDivergence)).toEqual([3, -1]);
  });

  it("does not match with ±0 and then fails the matched-fraction criterion", () => {
    const report = mustDiff(a, b, criteria({ matchWithin: 0 }));
    expect(report.populations[0].spikes!.withinFraction).toBe(0);
    expect(report.verdicts[0]).toMatchObject({ criterion: "minMatchedFraction", measured: 0, threshold: 0.95, pass: false });
    expect(report.pass).toBe(false);
    expect(diffVerdict(diffRecordings(a, b, criteria({ matchWithin: 0 })))).toBe("fail");
  });

  it("uses vanRossumTauMs from the criteria", () => {
    // τ = 0.1 ms = one step: D² = 2(1 − e^(−1)) = 1.2642411177
    expect(mustDiff(a, b, criteria({ vanRossumTauMs: 0.1 })).populations[0].spikes!.vanRossum ** 2).toBeCloseTo(1.2642411177, 9);
  });
});

describe("rates", () => {
  // 2 neurons over 1000 steps of 1 ms = 1 s: 10 spikes → 5 Hz, 12 spikes → 6 Hz; error 0.2.
  const spikes = (count: number) => train(Array.from({ length: count }, (_, k) => [k * 50, 0] as const));
  const a = recording([population("p", 2, spikes(10))], { dtMs: 1, steps: 1000 });
  const b = recording([population("p", 2, spikes(12))], { dtMs: 1, steps: 1000 });

  it("gives rates in Hz and the relative rate error", () => {
    const s = mustDiff(a, b).populations[0].spikes!;
    expect([s.rateAHz, s.rateBHz]).toEqual([5, 6]);
    expect(s.rateError).toBeCloseTo(0.2, 12);
    // all 10 reference spikes are matched exactly; the 2 extra ones only raise the rate
    expect(s.exactFraction).toBe(1);
  });

  it("fails maxRateError 0.1 and passes 0.25, also as a per-population override", () => {
    expect(mustDiff(a, b).verdicts.find((v) => v.criterion === "maxRateError")).toMatchObject({ pass: false, threshold: 0.1 });
    expect(mustDiff(a, b, criteria({ maxRateError: 0.25 })).pass).toBe(true);
    expect(mustDiff(a, b, criteria({ perPopulation: { p: { maxRateError: 0.25 } } })).pass).toBe(true);
  });

  it("a silent reference against a spiking recording fails; two silent ones pass", () => {
    const silent = recording([population("p", 2, train([]))], { dtMs: 1, steps: 1000 });
    const failing = mustDiff(silent, b).populations[0].spikes!;
    expect(failing).toMatchObject({ withinFraction: 0, rateError: Number.POSITIVE_INFINITY });
    expect(mustDiff(silent, b).pass).toBe(false);
    expect(mustDiff(silent, silent).pass).toBe(true);
  });
});

describe("first divergence", () => {
  it("is the earliest (step, neuron) in one set but not the other, over all populations", () => {
    const a = recording([
      population("x", 4, train([[1, 0], [7, 2]])),
      population("y", 4, train([[2, 1], [6, 3]])),
    ]);
    const b = recording([
      population("x", 4, train([[1, 0], [7, 3]])),            // x differs at step 7 (neuron 2 only in a)
      population("y", 4, train([[2, 1], [4, 0], [6, 3]])),    // y differs at step 4 (neuron 0 only in b)
    ]);
    const report = mustDiff(a, b);
    expect(report.populations[0].spikes!.firstDivergence).toEqual({ step: 7, neuron: 2, side: "reference" });
    expect(report.populations[1].spikes!.firstDivergence).toEqual({ step: 4, neuron: 0, side: "other" });
    expect(report.overall.firstDivergence).toEqual({ population: "y", step: 4, neuron: 0, side: "other" });
  });
});

describe("traces", () => {
  // neuron 0: errors 1, −1, 2, 0 → Σe² = 6; neuron 1: equal → 0. RMSE = sqrt(6/8) = 0.8660254.
  const a = recording([population("p", 3, undefined, [trace("v", [0, 1], [[0, 0, 0, 0], [5, 5, 5, 5]])])], { steps: 4 });
  const b = recording([population("p", 3, undefined, [trace("v", [1, 0], [[5, 5, 5, 5], [1, -1, 2, 0]])])], { steps: 4 });

  it("RMSE and largest error over the neurons both sides trace, matched by neuron index", () => {
    const t = mustDiff(a, b).populations[0].traces[0];
    expect(t.rmse).toBeCloseTo(Math.sqrt(6 / 8), 15);
    expect(t).toMatchObject({ maxAbsError: 2, maxAbsErrorAt: { neuron: 0, step: 2 } });
    expect(Array.from(t.neurons)).toEqual([0, 1]);
    expect(t.perNeuronRmse[0]).toBeCloseTo(Math.sqrt(6 / 4), 15);
    expect(t.perNeuronRmse[1]).toBe(0);
  });

  it("compares physical values: a dequantized hardware trace against the reference", () => {
    // hardware: v = offset + raw / scale = −65 + raw / 16; raw 0, 8, 16, 40 → −65, −64.5, −64, −62.5
    const ref = recording([population("p", 1, undefined, [trace("v", [0], [[-65, -64.4, -64, -62.5]])])], { steps: 4 });
    const hw = recording([population("p", 1, undefined, [trace("v", [0], [[-65, -64.5, -64, -62.5]], { raw: [[0, 8, 16, 40]], scale: 16, offset: -65 })])], { steps: 4, source: "emulator" });
    const t = mustDiff(ref, hw).populations[0].traces[0];
    expect(t.rmse).toBeCloseTo(Math.sqrt(0.01 / 4), 12);       // one error of 0.1 mV over 4 steps
    expect(t.maxAbsError).toBeCloseTo(0.1, 12);
  });

  it("judges maxTraceRmse per variable; a bound on a trace the other side lacks fails as not measured", () => {
    expect(mustDiff(a, b, criteria({ maxTraceRmse: { v: 1 } })).verdicts).toEqual([
      { criterion: "maxTraceRmse", population: "p", variable: "v", measured: Math.sqrt(6 / 8), threshold: 1, comparison: "<=", pass: true },
    ]);
    expect(mustDiff(a, b, criteria({ maxTraceRmse: { v: 0.5 } })).pass).toBe(false);
    const untraced = recording([population("p", 3)], { steps: 4 });
    const result = diffRecordings(a, untraced, criteria({ maxTraceRmse: { v: 1 } }));
    expect(result.diagnostics.map((d) => d.code)).toEqual(["TP4076"]);
    expect(result.ok && result.value.verdicts[0]).toMatchObject({ measured: undefined, pass: false });
  });

  it("a trace of other neurons only is reported and left out", () => {
    const other = recording([population("p", 3, undefined, [trace("v", [2], [[0, 0, 0, 0]])])], { steps: 4 });
    const result = diffRecordings(a, other);
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([["TP4076", "warning"]]);
    expect(result.ok && result.value.populations[0].traces).toEqual([]);
  });
});

describe("criteria", () => {
  const a = recording([population("p", 2, train([[0, 0], [5, 1]]))]);
  const b = recording([population("p", 2, train([[0, 0], [8, 1]]))]);

  it("maxVanRossum is checked only when set", () => {
    // one exact pair, one pair 3 steps apart (0.3 ms, τ = 10 ms): Σ D² = 2(1 − e^(−0.03)) = 0.0591088
    // over 2 reference spikes: sqrt(0.0591088 / 2) = 0.1719139
    const report = mustDiff(a, b, criteria({ maxVanRossum: 0.2 }));
    expect(report.populations[0].spikes!.vanRossum).toBeCloseTo(Math.sqrt((1 - Math.exp(-0.03))), 12);
    expect(report.populations[0].spikes!.vanRossum).toBeCloseTo(0.1719139, 6);
    expect(report.verdicts.map((v) => [v.criterion, v.pass])).toEqual([["minMatchedFraction", false], ["maxRateError", true], ["maxVanRossum", true]]);
    expect(mustDiff(a, b, criteria({ maxVanRossum: 0.1, matchWithin: 3 })).verdicts.map((v) => v.pass)).toEqual([true, true, false]);
  });

  it("the overall verdict is the conjunction of all verdicts", () => {
    const report = mustDiff(a, b, criteria({ matchWithin: 3 }));
    expect(report.verdicts.every((v) => v.pass)).toBe(true);
    expect(report.pass).toBe(true);
  });

  it("the exit decision: pass, fail, bad input", () => {
    expect(diffVerdict(diffRecordings(a, b, criteria({ matchWithin: 3 })))).toBe("pass");
    expect(diffVerdict(diffRecordings(a, b))).toBe("fail");
    expect(diffVerdict(diffRecordings(a, recording([])))).toBe("bad-input");
  });
});

describe("recordings of the wrong shape", () => {
  const a = recording([population("exc", 3, train([[0, 1]])), population("inh", 2, train([]))]);

  it("report every shape problem at once, and no report", () => {
    const b = recording([population("exc", 4, train([]))], { dtMs: 0.2, steps: 11 });
    const result = diffRecordings(a, b, DEFAULT_CRITERIA, { files: { reference: "ref.json", other: "emu.pb" } });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.path, d.file])).toEqual([
      ["TP4072", "/dtMs", "emu.pb"], ["TP4073", "/steps", "emu.pb"],
      ["TP4071", "/populations/0/size", "emu.pb"], ["TP4070", "/populations/1", "emu.pb"],
    ]);
  });

  it("refuse criteria built in code with a threshold out of range", () => {
    const result = diffRecordings(a, a, { ...DEFAULT_CRITERIA, matchWithin: Number.NaN, perPopulation: { exc: { minMatchedFraction: 2 } } });
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([["TP1204", "/matchWithin"], ["TP1204", "/perPopulation/exc/minMatchedFraction"]]);
  });

  it("refuse a malformed in-memory recording with the reader's codes", () => {
    const unsorted = recording([population("exc", 3, train([[5, 1], [0, 1]])), population("inh", 2, train([]))]);
    expect(diffRecordings(unsorted, a).diagnostics.map((d) => d.code)).toEqual(["TP4061"]);
  });
});

describe("a CUBA-size pair (4000 neurons, 10 s at 0.1 ms, ~200k spikes)", () => {
  // Each neuron spikes every `period` steps (period ≥ 20) from a random phase. The other side
  // moves ~10 % of the spikes one step later and drops ~1 %, so by construction
  // exact = n − moved − dropped and ±1 matches = n − dropped (a move cannot collide).
  const size = 4000, steps = 100_000;
  const rng = new Rng(7);
  const aSpikes: [number, number][] = [], bSpikes: [number, number][] = [];
  let moved = 0, dropped = 0;
  for (let n = 0; n < size; n++) {
    const period = 20 + rng.nextInt(2000);
    for (let s = rng.nextInt(period); s < steps - 1; s += period) {
      aSpikes.push([s, n]);
      const draw = rng.nextFloat();
      if (draw < 0.01) dropped++;
      else if (draw < 0.11) {
        moved++;
        bSpikes.push([s + 1, n]);
      } else bSpikes.push([s, n]);
    }
  }
  const sort = (list: [number, number][]) => list.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const a = recording([population("exc", size, train(sort(aSpikes)))], { steps });
  const b = recording([population("exc", size, train(sort(bSpikes)))], { steps, source: "emulator" });

  it("counts the matches the construction implies", () => {
    const s = mustDiff(a, b).populations[0].spikes!;
    const n = aSpikes.length;
    expect(n).toBeGreaterThan(150_000);
    expect(s.countA).toBe(n);
    expect(s.countB).toBe(n - dropped);
    expect(s.exactMatched).toBe(n - moved - dropped);
    expect(s.withinMatched).toBe(n - dropped);
    // Were the spikes of a neuron far apart against τ = 10 ms, Σ D² would be
    // moved · 2(1 − e^(−0.01)) + dropped · 1 exactly. Periods are 2-202 ms (mean ~100 ms), so
    // neighbouring kernels overlap a little; the distance stays within 5 % of that value.
    const estimate = Math.sqrt((moved * 2 * (1 - Math.exp(-0.01)) + dropped) / n);
    expect(Math.abs(s.vanRossum - estimate) / estimate).toBeLessThan(0.05);
  });
});

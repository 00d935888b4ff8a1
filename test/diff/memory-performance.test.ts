// The working-memory readout on small hand-made recordings; every expected value is derived in the comments.
import { describe, expect, it } from "vitest";
import { countSpikesInWindow, imageSimilarity, memoryPerformance } from "../../src/diff/memory-performance.js";
import { RECORDING_FORMAT, type Recording } from "../../src/hw/recording.js";

/** A recording of one population of `size` neurons with the given (step, neuron) spikes. */
function recordingOf(size: number, spikes: readonly (readonly [number, number])[], steps = 3000): Recording {
  const sorted = [...spikes].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    format: RECORDING_FORMAT,
    source: "reference",
    dtMs: 0.1,
    steps,
    populations: [
      {
        id: "neurons",
        size,
        spikes: { step: Int32Array.from(sorted, (s) => s[0]), neuron: Int32Array.from(sorted, (s) => s[1]) },
        traces: [],
      },
    ],
  };
}

describe("imageSimilarity", () => {
  it("averages the right fractions of background and digit pixels", () => {
    // mask: digit pixels 0, 1, 2; background 3, 4. counts > 1 → on = [1, 0, 1, 1, 0].
    // digit: 2 of 3 on; background: 1 of 2 off → (1/2 + 2/3) / 2 = 7/12.
    const mask = Uint8Array.from([1, 1, 1, 0, 0]);
    expect(imageSimilarity(mask, Int32Array.from([2, 1, 5, 3, 0]), 1)).toBeCloseTo(7 / 12, 15);
  });

  it("binarises with a strict count > threshold", () => {
    // count 2 at θ = 2 is off: digit 0 of 1, background 1 of 1 → 0.5; at θ = 1 it is on → 1.
    const mask = Uint8Array.from([1, 0]);
    expect(imageSimilarity(mask, Int32Array.from([2, 0]), 2)).toBe(0.5);
    expect(imageSimilarity(mask, Int32Array.from([2, 0]), 1)).toBe(1);
  });
});

describe("countSpikesInWindow", () => {
  it("counts spikes in [first, first + length) only", () => {
    // window 9 … 13: the spikes at 8 and 14 fall outside; neuron 0 has 9 and 13, neuron 1 has 11.
    const recording = recordingOf(2, [[8, 0], [9, 0], [11, 1], [13, 0], [14, 0], [14, 1]]);
    expect(Array.from(countSpikesInWindow(recording, "neurons", 9, 5))).toEqual([2, 1]);
  });
});

describe("memoryPerformance", () => {
  it("uses the authors' window by default: 2501 steps from one step before the cue's first input step", () => {
    // Cue onset 100 → window 99 … 2599. Neuron 0 spikes at 98 (out), 99 (in), 2599 (in), 2600 (out): count 2.
    const recording = recordingOf(2, [[98, 0], [99, 0], [2599, 0], [2600, 0]]);
    const result = memoryPerformance(recording, { population: "neurons", patterns: [Uint8Array.from([1, 0])], cueOnsetSteps: [100] });
    expect(Array.from(result.counts[0])).toEqual([2, 0]);
    // θ = 1: neuron 0 on (2 > 1) → similarity 1; θ ≥ 2: off → 0.5. Max 1 at θ = 1.
    expect(result.perThreshold).toHaveLength(30);
    expect(result.perThreshold[0]).toBe(1);
    expect(result.perThreshold.slice(1).every((value) => value === 0.5)).toBe(true);
    expect(result.performance).toBe(1);
    expect(result.bestThreshold).toBe(1);
  });

  it("averages over digits, takes the max over thresholds and reports the first threshold that attains it", () => {
    // Digit A mask [1, 1, 0, 0], cue at 100 → window 99 … 108 (windowSteps 10).
    // Digit B mask [0, 1, 1, 0], cue at 200 → window 199 … 208.
    // A counts [3, 1, 0, 2] (neuron 2's spikes at 98 and 109 are outside); B counts [0, 4, 2, 0] (209 is outside).
    const spikes: [number, number][] = [
      [99, 0], [100, 0], [108, 0], [105, 1], [101, 3], [102, 3], [98, 2], [109, 2],
      [199, 1], [200, 1], [201, 1], [202, 1], [207, 2], [208, 2], [209, 0],
    ];
    const result = memoryPerformance(recordingOf(4, spikes), {
      population: "neurons",
      patterns: [Uint8Array.from([1, 1, 0, 0]), Uint8Array.from([0, 1, 1, 0])],
      cueOnsetSteps: [100, 200],
      windowSteps: 10,
      thresholds: [1, 2, 3],
    });
    expect(Array.from(result.counts[0])).toEqual([3, 1, 0, 2]);
    expect(Array.from(result.counts[1])).toEqual([0, 4, 2, 0]);
    // θ = 1: A on [1,0,0,1] → (1/2 + 1/2)/2 = 0.5; B on [0,1,1,0] → 1; mean 0.75.
    // θ = 2: A on [1,0,0,0] → (2/2 + 1/2)/2 = 0.75; B on [0,1,0,0] → (2/2 + 1/2)/2 = 0.75; mean 0.75.
    // θ = 3: A all off → 0.5; B on [0,1,0,0] → 0.75; mean 0.625.
    expect(result.perThreshold).toEqual([0.75, 0.75, 0.625]);
    expect(result.performance).toBe(0.75);
    expect(result.bestThreshold).toBe(1);
    expect(result.perDigit).toEqual([0.5, 1]);
  });

  it("honours a start offset", () => {
    // 3-step windows for the cue at 50: offset 0 reads 50 … 52 (the spike at 50 only), the default −1 reads 49 … 51 (both).
    const recording = recordingOf(1, [[49, 0], [50, 0]]);
    const options = { population: "neurons", patterns: [Uint8Array.from([1])], cueOnsetSteps: [50], windowSteps: 3, thresholds: [0] };
    expect(Array.from(memoryPerformance(recording, { ...options, startOffset: 0 }).counts[0])).toEqual([1]);
    expect(Array.from(memoryPerformance(recording, options).counts[0])).toEqual([2]);
  });

  it("refuses a pattern count that does not match the cue count", () => {
    expect(() => memoryPerformance(recordingOf(1, []), { population: "neurons", patterns: [Uint8Array.from([1])], cueOnsetSteps: [] })).toThrow(RangeError);
  });
});

// Several spikes of one neuron in one step (multi-spike cores such as xylo-style list the neuron
// once per spike): recordings take repeated (step, neuron) rows, the diff counts every spike, and
// a chip's hardware CSV may repeat a compartment's row up to the config's spikesPerStep.
import { describe, expect, it } from "vitest";
import { decodeRecordingJson, encodeRecordingJson } from "../../src/hw/recording-io.js";
import { recordingFromHardware } from "../../src/hw/hardware-recording.js";
import { diffRecordings } from "../../src/diff/compare.js";
import { chipRun } from "../hw/hardware-csv.js";
import { population, recording, train } from "./fixtures.js";

describe("several spikes of a neuron in one step", () => {
  it("are kept by the recording checks and counted by the diff's rates", () => {
    // Neuron 0 spikes 3 times at step 2; the other recording has one spike there.
    const multi = recording([population("exc", 2, train([[2, 0], [2, 0], [2, 0], [4, 1]]))], { steps: 10, dtMs: 1 });
    const single = recording([population("exc", 2, train([[2, 0], [4, 1]]))], { steps: 10, dtMs: 1 });
    const decoded = decodeRecordingJson(encodeRecordingJson(multi));
    expect(decoded.diagnostics).toEqual([]);
    expect(decoded.ok && Array.from(decoded.value.populations[0].spikes?.step ?? [])).toEqual([2, 2, 2, 4]);
    const diff = diffRecordings(multi, single);
    expect(diff.diagnostics).toEqual([]);
    const exc = diff.ok ? diff.value.populations[0] : undefined;
    // 4 spikes against 2 in 2 neurons over 10 steps of 1 ms: 200 Hz against 100 Hz.
    expect(exc?.spikes?.rateAHz).toBeCloseTo(200, 9);
    expect(exc?.spikes?.exactMatched).toBe(2);
    expect(exc?.spikes?.rateBHz).toBeCloseTo(100, 9);
  });

  it("still refuses spikes that go backwards (TP4061)", () => {
    const unordered = JSON.parse(encodeRecordingJson(recording([population("exc", 2, train([[2, 1], [2, 0]]))], { steps: 10 })));
    expect(decodeRecordingJson(JSON.stringify(unordered)).diagnostics.map((d) => d.code)).toEqual(["TP4061"]);
  });

  it("lets a hardware CSV repeat a compartment's spike up to the config's spikesPerStep (TP4095 beyond)", async () => {
    const { config } = await chipRun();
    const rows = (n: number) => ["# tripart.hwrecording/1", "core,compartment,step", ...Array.from({ length: n }, () => "0,0,3")].join("\n") + "\n";
    const once = { ...config, semantics: { ...config.semantics, reset: "subtract" as const, spikesPerStep: 3 } };
    const three = recordingFromHardware(once, rows(3), undefined);
    expect(three.diagnostics).toEqual([]);
    expect(three.ok && Array.from(three.value.populations[0].spikes?.step ?? [])).toEqual([3, 3, 3]);
    expect(recordingFromHardware(once, rows(4), undefined).diagnostics.map((d) => d.code)).toEqual(["TP4095"]);
    expect(recordingFromHardware(config, rows(2), undefined).diagnostics.map((d) => d.code)).toEqual(["TP4095"]);
  });
});

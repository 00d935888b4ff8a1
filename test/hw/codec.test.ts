import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodeConfig, encodeConfig, fnv1a, hwConfigType } from "../../src/hw/codec.js";
import { encodeRecordingPb } from "../../src/hw/recording-io.js";
import { RECORDING_FORMAT } from "../../src/hw/recording.js";
import type { HwConfig } from "../../src/hw/types.js";
import { codes, codesAndPaths, elaborated, loihi, mustCompile, sampleConfig } from "../passes/helpers.js";
import { allToAll, population, spikeInput } from "../passes/helpers.js";

const config = sampleConfig();
const bytes = encodeConfig(config);

describe("encodeConfig / decodeConfig", () => {
  it("round-trips a config exactly", () => {
    const result = decodeConfig(bytes, "config.pb");
    expect(result.diagnostics).toEqual([]);
    expect(result.ok && result.value).toEqual(config);
  });

  it("round-trips a config with negative mantissas, many cores and no limits", () => {
    const big = mustCompile(
      elaborated({
        populations: [population("e", 40), population("i", 10)],
        inputs: [spikeInput("x", [[1, 2], [3]])],
        projections: [allToAll("x_e", "x", "e", { weight: 3 }), allToAll("e_i", "e", "i", { weight: 0.7 }), allToAll("i_e", "i", "e", { weight: 5, sign: "inhibitory" })],
      }),
      { ...loihi(), core: { ...loihi().core, maxNeurons: 7 } },
    );
    const { limits: _, ...withoutLimits } = big;
    const result = decodeConfig(encodeConfig(withoutLimits));
    expect(result.ok && result.value).toEqual(withoutLimits);
  });

  it("writes the same bytes as protobufjs's own encoder, then the checksum", () => {
    const reference = hwConfigType().encode(config as unknown as Record<string, unknown>).finish();
    expect(Buffer.from(bytes.subarray(0, bytes.length - 5)).equals(Buffer.from(reference))).toBe(true);
    const checksum = fnv1a(reference, 0, reference.length);
    expect(Array.from(bytes.subarray(bytes.length - 5))).toEqual([0x7d, checksum & 0xff, (checksum >>> 8) & 0xff, (checksum >>> 16) & 0xff, checksum >>> 24]);
  });

  it("computes FNV-1a as published (offset basis 0x811c9dc5, prime 0x01000193)", () => {
    expect(fnv1a(new Uint8Array(0), 0, 0)).toBe(0x811c9dc5);
    expect(fnv1a(new TextEncoder().encode("a"), 0, 1)).toBe(0xe40c292c);
  });

  it("reports TP4001 for an empty file, a truncated file and a flipped bit", () => {
    expect(decodeConfig(new Uint8Array(0)).diagnostics[0].message).toBe("The config file cannot be decoded: the file is empty.");
    const truncated = decodeConfig(bytes.subarray(0, bytes.length - 1), "config.pb");
    expect(codesAndPaths(truncated.diagnostics)).toEqual([{ code: "TP4001", path: "" }]);
    expect(truncated.diagnostics[0].file).toBe("config.pb");
    const half = decodeConfig(bytes.subarray(0, bytes.length >> 1));
    expect(codes(half.diagnostics)).toEqual(["TP4001"]);
    const flipped = bytes.slice();
    flipped[bytes.length >> 1] ^= 0x10;
    const corrupted = decodeConfig(flipped);
    expect(corrupted.ok).toBe(false);
    expect(codes(corrupted.diagnostics)).toEqual(["TP4001"]);
  });

  it("reports TP4002 for another format, such as a recording", () => {
    const recording = encodeRecordingPb({ format: RECORDING_FORMAT, source: "emulator", dtMs: 1, steps: 1, populations: [] });
    const result = decodeConfig(recording);
    expect(codesAndPaths(result.diagnostics)).toEqual([{ code: "TP4002", path: "/format" }]);
    expect(result.diagnostics[0].message).toBe("The file's format is 'tripart.recording/1'; expected 'tripart.hwconfig/1'.");
  });

  it("reports TP4003 for another version of the config format", () => {
    const result = decodeConfig(encodeConfig({ ...config, format: "tripart.hwconfig/2" } as unknown as HwConfig));
    expect(codesAndPaths(result.diagnostics)).toEqual([{ code: "TP4003", path: "/format" }]);
    expect(result.diagnostics[0].message).toBe("Config format version 2 is not supported; this Tripart reads version 1.");
  });

  it("reports a broken invariant of a well-formed file (TP4008)", () => {
    const axon = config.routes.axon.slice();
    axon[0] = 40;
    const result = decodeConfig(encodeConfig({ ...config, routes: { ...config.routes, axon } }));
    expect(codesAndPaths(result.diagnostics)).toEqual([{ code: "TP4008", path: "/routes/axon/0" }]);
    expect(result.diagnostics[0].message).toBe("Route entry 0 points at axon 40 of core 1, which has 4 axons.");
  });
});

describe("decodeConfig on bad bytes (fast-check)", () => {
  const neverThrows = (data: Uint8Array) => {
    const result = decodeConfig(data);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    for (const d of result.diagnostics) expect(d.code).toMatch(/^TP40\d\d$/);
  };

  it("never throws on random bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), neverThrows), { numRuns: 400, seed: 20260417 });
  });

  it("never throws on random bytes that start like a config", () => {
    const head = bytes.subarray(0, 24);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (tail) => neverThrows(Uint8Array.from([...head, ...tail]))),
      { numRuns: 300, seed: 20260418 },
    );
  });

  it("never throws on truncations of a valid config", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (n) => neverThrows(bytes.subarray(0, n))), { numRuns: 300, seed: 20260419 });
  });

  it("never throws on bit flips of a valid config", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 0, max: 7 }), (at, bit) => {
        const flipped = bytes.slice();
        flipped[at] ^= 1 << bit;
        neverThrows(flipped);
      }),
      { numRuns: 300, seed: 20260420 },
    );
  });
});

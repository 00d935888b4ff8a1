import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodeGliaConfig, encodeGliaConfig } from "../../src/hw/glia-codec.js";
import { decodeAnyConfig, isGliaConfig } from "../../src/hw/any-config.js";
import { encodeConfig } from "../../src/hw/codec.js";
import { formatGliaConfigJson, fromGliaConfigJson, toGliaConfigJson } from "../../src/hw/glia-config-json.js";
import type { GliaConfig } from "../../src/hw/glia-config.js";
import { sampleGliaConfig } from "../passes/glia/helpers.js";
import { elaborate } from "../../src/ir/elaborate.js";
import { mustCompile, network, SAMPLE, twoPerCore } from "../passes/helpers.js";

/** The LIF sample config of test/passes/helpers.ts, with the astrocyte-era sections given explicitly. */
const sampleConfig = () => mustCompile(elaborate(network({ ...SAMPLE, currents: [], astrocytes: [], tripartite: [] })), twoPerCore());

const codes = (r: { diagnostics: readonly { code: string }[] }) => r.diagnostics.map((d) => d.code);

describe("glia-config.pb", () => {
  it("round-trips a config through encode and decode unchanged", () => {
    const config = sampleGliaConfig();
    const decoded = decodeGliaConfig(encodeGliaConfig(config));
    expect(decoded.diagnostics).toEqual([]);
    expect(decoded.value).toEqual(config);
  });

  it("round-trips a neuron group without input clip or glutamate, and an astrocyte group without options", () => {
    const base = sampleGliaConfig();
    const { glutamate: _g, ...neurons } = base.neurons[0];
    const { diffusion: _d, sensing: _s, gate: _gate, grading: _gr, ...astrocytes } = base.astrocytes[0];
    const config: GliaConfig = { ...base, neurons: [{ ...neurons, inputClip: null }], astrocytes: [astrocytes] };
    expect(decodeGliaConfig(encodeGliaConfig(config)).value).toEqual(config);
  });

  it("refuses every truncation with TP4001 and never misreads it", () => {
    const bytes = encodeGliaConfig(sampleGliaConfig());
    for (let length = 1; length < bytes.length; length++) {
      const result = decodeGliaConfig(bytes.subarray(0, length));
      expect(result.ok, `length ${length}`).toBe(false);
      expect(codes(result), `length ${length}`).toEqual(["TP4001"]);
    }
  });

  it("refuses every single bit flip after the format string", () => {
    const bytes = encodeGliaConfig(sampleGliaConfig());
    const formatEnd = 2 + bytes[1];
    for (let i = formatEnd; i < bytes.length; i++) {
      for (const bit of [0, 3, 7]) {
        const flipped = bytes.slice();
        flipped[i] ^= 1 << bit;
        const result = decodeGliaConfig(flipped);
        expect(result.ok, `byte ${i} bit ${bit}`).toBe(false);
        expect(codes(result)).toEqual(["TP4001"]);
      }
    }
  });

  it("names another format (TP4002) and another version (TP4003)", () => {
    const recording = decodeGliaConfig(encodeGliaConfig({ ...sampleGliaConfig(), format: "tripart.recording/1" } as unknown as GliaConfig));
    expect(codes(recording)).toEqual(["TP4002"]);
    const newer = decodeGliaConfig(encodeGliaConfig({ ...sampleGliaConfig(), format: "tripart.glia-config/2" } as unknown as GliaConfig));
    expect(codes(newer)).toEqual(["TP4003"]);
    expect(newer.diagnostics[0].message).toBe("Config format version 2 is not supported; this Tripart reads version 1.");
  });

  it("never throws on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = decodeGliaConfig(bytes);
        expect(result.ok).toBe(false);
        const any = decodeAnyConfig(bytes);
        expect(any.ok).toBe(false);
      }),
      { numRuns: 500, seed: 20_261_127 },
    );
  });

  it("never throws on random corruptions of a valid file", () => {
    const bytes = encodeGliaConfig(sampleGliaConfig());
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), (edits) => {
        const copy = bytes.slice();
        for (const [at, xor] of edits) copy[at] ^= xor;
        expect(decodeGliaConfig(copy).ok).toBe(false);
      }),
      { numRuns: 300, seed: 20_261_128 },
    );
  });
});

describe("decodeAnyConfig", () => {
  it("recognises both formats", () => {
    const glia = decodeAnyConfig(encodeGliaConfig(sampleGliaConfig()));
    expect(glia.ok && isGliaConfig(glia.value)).toBe(true);
    expect(glia.value).toEqual(sampleGliaConfig());
    const lif = decodeAnyConfig(encodeConfig(sampleConfig()));
    expect(lif.ok && !isGliaConfig(lif.value)).toBe(true);
    expect(lif.value).toEqual(sampleConfig());
  });

  it("reports TP4014 for bytes of no known format", () => {
    const text = new TextEncoder().encode("tripart.recording/1");
    const other = new Uint8Array([0x0a, text.length, ...text, 0x10, 0x01]);
    const result = decodeAnyConfig(other, "x.pb");
    expect(codes(result)).toEqual(["TP4014"]);
    expect(result.diagnostics[0].message).toBe("The file is not a Tripart config of a known format: its format is 'tripart.recording/1'.");
    expect(codes(decodeAnyConfig(new Uint8Array([1, 2, 3])))).toEqual(["TP4014"]);
  });
});

describe("glia-config.json", () => {
  it("round-trips through the JSON twin and its text", () => {
    const config = sampleGliaConfig();
    const text = formatGliaConfigJson(config);
    expect(fromGliaConfigJson(JSON.parse(text)).value).toEqual(config);
    expect(JSON.parse(text)).toEqual(toGliaConfigJson(config));
    expect(text.split("\n").some((line) => line.trim() === '"inputClip": 204800,')).toBe(true);
  });

  it("reports a wrongly typed field with TP4004 at its pointer", () => {
    const json = JSON.parse(JSON.stringify(toGliaConfigJson(sampleGliaConfig())));
    json.projections[0].weight[1] = 1.5;
    const result = fromGliaConfigJson(json);
    expect(result.diagnostics.map(({ code, path }) => ({ code, path }))).toEqual([{ code: "TP4004", path: "/projections/0/weight/1" }]);
  });
});

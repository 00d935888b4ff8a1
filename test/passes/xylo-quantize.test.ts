// quantize on xylo-style: time constants to the log-nearest dash (requested vs realised in the
// report), a τ beyond the largest dash refused with TP3100, and the examples compiled.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { chooseShift, tauFromShift } from "../../src/passes/shift-decay.js";
import { compileFiles, emulate } from "../../src/index.js";
import type { CompileOptions } from "../../src/passes/pass.js";
import { interpretScalar } from "../../src/emulator/scalar.js";
import { encodeConfig, decodeConfig } from "../../src/hw/codec.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

describe("dash choice", () => {
  it("realises τ_eff = -dt/ln(1 - 2^-dash) and picks the nearest on a log scale", () => {
    expect(tauFromShift(4, 1)).toBeCloseTo(15.495, 3); // toolchains.md §1.7: τ = 16 ms → dash 4 ≈ 15.5 ms
    expect(chooseShift(16, 1, 15, 4).decay).toBe(4);
    const c25 = chooseShift(25, 1, 15, 4); // 15.5 and 31.5 ms: log-nearest is dash 5
    expect(c25.decay).toBe(5);
    expect(c25.realisedTauMs).toBeCloseTo(31.497, 2);
    // 22 ms: |ln(22/15.5)| = 0.350 < |ln(31.5/22)| = 0.359 → dash 4 (round(log2 22) = 4 too)
    expect(chooseShift(22, 1, 15, 4).decay).toBe(4);
    expect(chooseShift(23, 1, 15, 4).decay).toBe(5);
    expect(chooseShift(10, 1, 15, 4).fits).toBe(true);
  });

  it("marks a τ half a log step beyond dash 15 as not fitting", () => {
    const largest = tauFromShift(15, 1); // ≈ 32767.5 ms
    expect(chooseShift(largest * 1.3, 1, 15, 4).fits).toBe(true);
    expect(chooseShift(largest * 1.5, 1, 15, 4).fits).toBe(false);
  });
});

/** A copy of examples/single-neuron that xylo-style can hold: no refractory period, no delay. */
function xyloSingleNeuron(tauM: number): string {
  const network = JSON.parse(readFileSync(join(ROOT, "examples", "single-neuron", "network.json"), "utf8"));
  network.populations[0].params.tau_ref = 0;
  network.populations[0].params.tau_m = tauM;
  for (const projection of network.projections) projection.delay = 0;
  return JSON.stringify(network);
}

/** Compiles `text` for xylo-style from a network.json in a temporary folder, removed after. */
async function compileText(text: string, options: CompileOptions = {}) {
  const { mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(join(tmpdir(), "xylo-"));
  try {
    writeFileSync(join(dir, "network.json"), text);
    return await compileFiles(join(dir, "network.json"), "xylo-style", options);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("examples on xylo-style", () => {
  it("refuses single-neuron and ei-network as written, naming the refractory periods and delays", async () => {
    for (const name of ["single-neuron", "ei-network"]) {
      const { result } = await compileFiles(join(ROOT, "examples", name, "network.json"), "xylo-style");
      expect(result.ok).toBe(false);
      const codes = new Set(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code));
      expect([...codes].sort()).toEqual(["TP3006", "TP3007"]);
    }
  });

  it("compiles single-neuron without refractory period and delay: dashes, report rows, same spikes in both engines", async () => {
    const { result } = await compileText(xyloSingleNeuron(10));
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    if (!result.ok) throw new Error("does not compile");
    const config = result.value;
    const c = config.cores[0].compartments;
    expect(c.dv[0]).toBe(3); // τ_m 10 ms: dash 3 ≈ 7.49 ms (|ln| 0.289), dash 4 ≈ 15.5 ms (|ln| 0.438)
    expect(Array.from(c.du)).toEqual([2, 0]); // τ_syn 5 ms: dash 2 ≈ 3.48 ms (|ln| 0.363), dash 3 ≈ 7.49 ms (|ln| 0.404) → 2
    // the config carries the new semantics through config.pb
    const decoded = decodeConfig(encodeConfig(config));
    expect(decoded.ok && decoded.value.semantics).toEqual(config.semantics);
    const fast = emulate(config);
    const slow = interpretScalar(config);
    expect(fast.recording).toEqual(slow.recording);
    expect(fast.counts.spikes).toBeGreaterThan(0);
  });

  it("refuses a τ_m beyond the largest dash with TP3100 at the parameter", async () => {
    const { result } = await compileText(xyloSingleNeuron(100000));
    const found = result.diagnostics.find((d) => d.code === "TP3100");
    expect(found?.path).toBe("/populations/0/params/tau_m");
  });
});

describe("same-step input compensation", () => {
  it("multiplies each weight by 1/(1 - 2^-dash) of its channel, and not with compensateSameStepDecay false", async () => {
    const [on, off] = await Promise.all([compileText(xyloSingleNeuron(10)), compileText(xyloSingleNeuron(10), { compensateSameStepDecay: false })]);
    if (!on.result.ok || !off.result.ok) throw new Error("does not compile");
    const reports = [on.result.reports.quantization, off.result.reports.quantization];
    const [withGain, without] = reports.map((q) => q?.weights[0]);
    // τ_syn 5 ms → dash 2: f = 1 - 2^-2 = 0.75, so the hardware weights are 4/3 larger
    expect(withGain?.chargeScale).toBeCloseTo(4 / 3, 12);
    expect(without?.chargeScale).toBe(1);
    // the realised weights read in the network's units either way
    expect(withGain?.realisedMaxAbs).toBeCloseTo(without?.realisedMaxAbs ?? NaN, 0);
  });
});

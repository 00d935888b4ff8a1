// examples/working-memory and examples/tripartite-synapse: the generators are deterministic and
// reproduce the committed files, the protocol follows the authors' windows, and the networks load.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { elaborate } from "../../src/ir/elaborate.js";
import { loadNetwork } from "../../src/ir/load.js";
import { simulateGlia } from "../../src/reference/glia-simulator.js";
// @ts-expect-error: a plain .mjs example without type declarations
import { stepByDescription } from "../../examples/working-memory/check-reference.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const WM = join(ROOT, "examples", "working-memory");
const TRIPARTITE = join(ROOT, "examples", "tripartite-synapse");
const temporary: string[] = [];
afterAll(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function generate(script: string): string {
  const dir = mkdtempSync(join(tmpdir(), "tripart-wm-"));
  temporary.push(dir);
  execFileSync(process.execPath, [script, dir]);
  return dir;
}

interface Segment { readonly start: number; readonly stop: number; readonly values: readonly number[] }
interface Pulses { readonly neuron: number[]; readonly start: number[]; readonly duration: number[]; readonly amplitude: number[] }

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));
/** Mask in neuron order (neuron = row + rows·col) from the digits file's rows. */
const maskOf = (lines: readonly string[]) => {
  const rows = lines.length;
  const mask = new Array<number>(rows * rows);
  lines.forEach((line, r) => [...line].forEach((ch, c) => (mask[r + rows * c] = ch === "#" ? 1 : 0)));
  return mask;
};

describe("examples/working-memory/make-network.mjs", () => {
  const first = generate(join(WM, "make-network.mjs"));
  const second = generate(join(WM, "make-network.mjs"));

  it.each(["network.json", "network-small.json", "digits.json", "digits-small.json"])("writes %s identically twice and as committed", (name) => {
    const bytes = readFileSync(join(first, name));
    expect(readFileSync(join(second, name)).equals(bytes)).toBe(true);
    expect(readFileSync(join(WM, name)).equals(bytes)).toBe(true);
  });

  it.each([
    ["network.json", "digits.json", 6241],
    ["network-small.json", "digits-small.json", 961],
  ])("%s: patterns first, authors' windows and flip counts", (networkName, digitsName, size) => {
    const network = readJson(join(WM, networkName));
    const digits = readJson(join(WM, digitsName));
    expect(network.currents.map((c: { kind: string }) => c.kind)).toEqual(["steps", "pulses"]);
    const segments: Segment[] = network.currents[0].segments;
    const dt = network.run.dt;
    // First learning window: be = fix(0.5/1e-4) = 5000 and en = fix(0.7/1e-4) = 6999 (the
    // truncation of §7), 1-based inclusive, i.e. 0-based steps 4999 … 6998.
    expect(Math.round(segments[0].start / dt)).toBe(4999);
    expect(Math.round(segments[0].stop / dt)).toBe(6999);
    // 4 learning cues at 80 with round(N·0.05) flips, then 8 test cues at 8 with round(N·0.2).
    const order = [0, 1, 2, 3, 0, 5, 1, 6, 2, 7, 3, 8];
    expect(segments).toHaveLength(order.length);
    segments.forEach((segment, i) => {
      const amplitude = i < 4 ? 80 : 8;
      const mask = maskOf(digits.digits[order[i]]);
      expect(segment.values).toHaveLength(size);
      expect(segment.values.every((v) => v === 0 || v === amplitude)).toBe(true);
      const flipped = segment.values.filter((v, n) => (v === amplitude ? 1 : 0) !== mask[n]).length;
      expect(flipped).toBe(Math.round(size * (i < 4 ? 0.05 : 0.2)));
      // The schedule in the digits file names the same steps as the network.
      expect(digits.protocol.schedule[i].firstStep).toBe(Math.round(segment.start / dt));
      expect(digits.protocol.schedule[i].stopStep).toBe(Math.round(segment.stop / dt));
    });
  });

  it("draws noise impulses of 301 steps with float32 amplitudes in (−20, 20), at most 15 per neuron", () => {
    const network = readJson(join(WM, "network-small.json"));
    const pulses: Pulses = network.currents[1];
    const steps = Math.round(network.run.duration / network.run.dt);
    const perNeuron = new Map<number, number>();
    pulses.neuron.forEach((n, k) => {
      perNeuron.set(n, (perNeuron.get(n) ?? 0) + 1);
      const first = Math.round(pulses.start[k] / network.run.dt);
      const length = Math.round(pulses.duration[k] / network.run.dt);
      expect(length === 301 || first + length === steps).toBe(true);
      expect(Math.abs(pulses.amplitude[k])).toBeLessThan(20);
      expect(Math.fround(pulses.amplitude[k])).toBe(pulses.amplitude[k]);
    });
    expect(Math.max(...perNeuron.values())).toBeLessThanOrEqual(15);
    // The first impulse of every neuron starts within the first 1.5 s (15,000 steps).
    const firstOf = new Map<number, number>();
    pulses.neuron.forEach((n, k) => firstOf.has(n) || firstOf.set(n, pulses.start[k]));
    expect(firstOf.size).toBe(961);
    expect(Math.max(...firstOf.values())).toBeLessThan(1500);
  });
});

describe("examples/tripartite-synapse/make-networks.mjs", () => {
  const dir = generate(join(TRIPARTITE, "make-networks.mjs"));
  const names = readdirSync(dir).sort();

  it("writes the four committed variants", () => {
    expect(names).toEqual(["network-additive.json", "network-multiplicative.json", "network-sic.json", "network-suppressive.json"]);
    for (const name of names) expect(readFileSync(join(TRIPARTITE, name)).equals(readFileSync(join(dir, name)))).toBe(true);
  });
});

describe("the example networks load", () => {
  it.each([
    join(WM, "network-small.json"),
    ...["additive", "multiplicative", "suppressive", "sic"].map((name) => join(TRIPARTITE, `network-${name}.json`)),
  ])("%s", (path) => {
    const result = loadNetwork(readFileSync(path, "utf8"), { file: path });
    expect(result.diagnostics.map((d) => `${d.code} ${d.path} ${d.message}`)).toEqual([]);
    expect(result.ok).toBe(true);
  });
});

describe("examples/working-memory/check-reference.mjs", () => {
  it("steps the small network as the reference does, spike for spike, through the first gate openings", () => {
    const path = join(WM, "network-small.json");
    const text = readFileSync(path, "utf8");
    const loaded = loadNetwork(text, { file: path });
    if (!loaded.ok) throw new Error("network-small.json does not load");
    const elaborated = elaborate(loaded.value);
    const steps = 9_500; // learning of digits 0 and 1; the first gates open near step 8400
    const reference = simulateGlia(elaborated, { steps }).recording;
    const gate = reference.populations.find((p) => p.id === "astrocytes")?.traces.find((t) => t.variable === "gate");
    expect(gate?.values.some((values) => values.some((v) => v > 0))).toBe(true);
    const train = reference.populations.find((p) => p.id === "neurons")?.spikes;
    const mine = stepByDescription(JSON.parse(text), elaborated.projections[0].synapses, steps) as { spikeStep: number[]; spikeNeuron: number[] };
    expect(train?.step.length).toBeGreaterThan(1000);
    const step = train?.step ?? new Int32Array(0), neuron = train?.neuron ?? new Int32Array(0);
    expect(mine.spikeStep.length).toBe(step.length);
    const firstDifference = mine.spikeStep.findIndex((s, k) => s !== step[k] || mine.spikeNeuron[k] !== neuron[k]);
    expect(firstDifference).toBe(-1);
  });
});

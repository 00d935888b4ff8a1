// Random valid HwConfigs for the differential test, built from a seed with the project's Rng so
// that a failing case is reproduced by its seed alone. Values are chosen to reach every rule:
// overflow in both directions, refractory holds, all delays, both latencies, several channels.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { HWCONFIG_FORMAT, type HwConfig, type HwCore, type HwRecordSpec, type HwScale, type HwSymbol, type SynapseFormat } from "../../src/hw/types.js";
import type { Host } from "../../src/hw/host.js";
import type { LifSemantics, Rounding, Target } from "../../src/targets/types.js";
import { Rng } from "../../src/util/rng.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The three bundled targets' semantics, read from the files (not copied). */
export const TARGET_SEMANTICS: readonly { readonly name: string; readonly semantics: LifSemantics }[] = [
  "loihi-cuba",
  "loihi-cuba-b2l",
  "loihi-cuba-lava",
].map((name) => ({ name, semantics: (JSON.parse(readFileSync(join(ROOT, "targets", `${name}.json`), "utf8")) as Target).neuron }));

/**
 * Variations applied on top of a target's semantics, so that paths no bundled target takes
 * (several channels, floor or half-away decay, ">=" thresholds, larger latencies) are covered too.
 */
export function varySemantics(base: LifSemantics, variation: number): LifSemantics {
  switch (variation) {
    case 0:
      return base;
    case 1:
      return { ...base, currentChannels: 3 };
    case 2:
      return { ...base, currentChannels: 2, decay: { ...base.decay, rounding: "floor" as Rounding }, threshold: { ...base.threshold, compare: ">=" } };
    case 3:
      return { ...base, decay: { ...base.decay, rounding: "half-away" as Rounding }, latency: { neuron: 3, input: 2 }, weight: { ...base.weight, rounding: "half-away" as Rounding } };
    default:
      return { ...base, weight: { ...base.weight, rounding: "toward-zero" as Rounding }, initialCurrent: base.initialCurrent === "carry" ? "decay" : "carry" };
  }
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.nextInt(items.length)];
const between = (rng: Rng, min: number, max: number): number => min + rng.nextInt(max - min + 1);

/** A value of a register's range, often at or near an edge. */
function registerValue(rng: Rng, min: number, max: number): number {
  switch (rng.nextInt(6)) {
    case 0:
      return max - rng.nextInt(4);
    case 1:
      return min + rng.nextInt(4);
    case 2:
      return 0;
    default:
      return between(rng, Math.max(min, -100000), Math.min(max, 100000));
  }
}

/** A decay constant: often an edge (no decay, full decay), else any legal value. */
function decayValue(rng: Rng, max: number): number {
  return pick(rng, [0, 1, max, max - 1, between(rng, 0, max), between(rng, 0, 64)]);
}

function mantissaFor(rng: Rng, format: SynapseFormat, bits: number): number {
  const full = 2 ** bits;
  switch (format.signMode) {
    case "excitatory":
      return between(rng, 0, full - 1);
    case "inhibitory":
      return -between(rng, 0, full);
    case "mixed":
      return between(rng, -full, full - 2);
  }
}

export interface RandomCase {
  readonly config: HwConfig;
  /** A deterministic closed-loop host that feeds the external lines; it logs what it sees. */
  makeHost(): { host: Host; log: string[] };
  readonly recordPreReset: boolean;
}

/** A random valid config: 1-3 cores, ≤ 64 compartments, ≤ ~1024 synapses, 200-300 steps. */
export function randomConfig(seed: number, semantics: LifSemantics): RandomCase {
  const rng = new Rng(seed);
  const channels = semantics.currentChannels;
  const w = semantics.weight;
  const coreCount = between(rng, 1, 3);
  const steps = between(rng, 200, 300);
  const quiet = rng.nextInt(4) === 0; // high thresholds: states run into their limits
  const lineCount = between(rng, 0, 16);

  const counts = Array.from({ length: coreCount }, () => between(rng, 1, Math.floor(64 / coreCount)));
  const axonCounts = counts.map(() => between(rng, 1, 32));
  const cores: HwCore[] = counts.map((count, index) => {
    const formats: SynapseFormat[] = Array.from({ length: between(rng, 1, 4) }, () => ({
      signMode: pick(rng, ["excitatory", "inhibitory", "mixed"] as const),
      weightBits: between(rng, 0, w.mantissaBits),
      exponent: pick(rng, [w.exponentMin, w.exponentMax, between(rng, w.exponentMin, w.exponentMax)]),
      channel: rng.nextInt(channels),
    }));
    // A third of the cores give every compartment the same parameters: the emulator keeps
    // those in registers (a kernel of its own), so the property must reach that path too.
    const shared = rng.nextInt(3) === 0;
    const perChannel = (make: () => number) => {
      if (!shared) return Int32Array.from({ length: count * channels }, make);
      const values = Array.from({ length: channels }, make);
      return Int32Array.from({ length: count * channels }, (_, i) => values[i % channels]);
    };
    const perCompartment = (make: () => number) => {
      if (!shared) return Int32Array.from({ length: count }, make);
      const value = make();
      return Int32Array.from({ length: count }, () => value);
    };
    const thresholdMax = 2 ** semantics.threshold.mantissaBits - 1;
    const compartments = {
      count,
      du: perChannel(() => decayValue(rng, semantics.decay.maxCurrent)),
      dv: perCompartment(() => decayValue(rng, semantics.decay.maxVoltage)),
      vthMant: perCompartment(() => (quiet ? thresholdMax - rng.nextInt(3) : pick(rng, [0, 1, between(rng, 1, 400), between(rng, 1, thresholdMax)]))),
      biasMant: perCompartment(() => (rng.nextInt(3) === 0 ? 0 : between(rng, semantics.bias.mantissaMin, semantics.bias.mantissaMax))),
      biasExp: perCompartment(() => between(rng, 0, semantics.bias.exponentMax)),
      refractory: perCompartment(() => (semantics.refractory.supported ? pick(rng, [0, 1, 2, between(rng, 0, semantics.refractory.maxSteps)]) : 0)),
      u0: perChannel(() => registerValue(rng, semantics.u.min, semantics.u.max)),
      v0: perCompartment(() => registerValue(rng, semantics.v.min, semantics.v.max)),
    };
    const synapseCount = between(rng, 0, Math.floor(1024 / coreCount));
    const rows = Array.from({ length: synapseCount }, () => rng.nextInt(axonCounts[index])).sort((a, b) => a - b);
    const rowStart = new Int32Array(axonCounts[index] + 1);
    for (const axon of rows) rowStart[axon + 1]++;
    for (let a = 0; a < axonCounts[index]; a++) rowStart[a + 1] += rowStart[a];
    const format = Uint8Array.from({ length: synapseCount }, () => rng.nextInt(formats.length));
    return {
      index,
      compartments,
      formats,
      synapses: {
        axonCount: axonCounts[index],
        rowStart,
        target: Int32Array.from({ length: synapseCount }, () => rng.nextInt(count)),
        mantissa: Int32Array.from(format, (f) => mantissaFor(rng, formats[f], w.mantissaBits)),
        format,
        delay: Uint8Array.from({ length: synapseCount }, () => pick(rng, [0, semantics.maxDelay, between(rng, 0, 3), between(rng, 0, semantics.maxDelay)])),
      },
    };
  });

  const compartmentTotal = counts.reduce((a, b) => a + b, 0);
  const sourceCount = compartmentTotal + lineCount;
  const routeRows: [number, number][][] = Array.from({ length: sourceCount }, () =>
    Array.from({ length: between(rng, 0, 3) }, () => {
      const core = rng.nextInt(coreCount);
      return [core, rng.nextInt(axonCounts[core])] as [number, number];
    }),
  );
  const routeStart = new Int32Array(sourceCount + 1);
  routeRows.forEach((row, s) => (routeStart[s + 1] = routeStart[s] + row.length));

  // Lines 0..scheduled-1 carry a spike schedule (with some repeats in one step); the rest are external.
  const scheduled = between(rng, 0, lineCount);
  const inputSpikes: [number, number][] = [];
  for (let line = 0; line < scheduled; line++) {
    const rate = pick(rng, [0.02, 0.1, 0.4]);
    for (let t = 0; t < steps; t++) {
      if (rng.nextFloat() < rate) inputSpikes.push([t, line]);
      if (rng.nextInt(200) === 0) inputSpikes.push([t, line]);
    }
  }
  inputSpikes.sort((a, b) => a[0] - b[0] || a[1] - b[1]);

  // Populations: the compartments in a shuffled order, split in two.
  const order = Array.from({ length: compartmentTotal }, (_, g) => g);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const coreOf = (g: number): [number, number] => {
    let core = 0;
    while (g >= counts[core]) g -= counts[core++];
    return [core, g];
  };
  const split = between(rng, 1, compartmentTotal);
  const groups = [order.slice(0, split), order.slice(split)].filter((g) => g.length > 0);
  const symbols: HwSymbol[] = groups.map((group, p) => ({
    id: `pop${p}`,
    kind: "population",
    size: group.length,
    core: Int32Array.from(group, (g) => coreOf(g)[0]),
    local: Int32Array.from(group, (g) => coreOf(g)[1]),
  }));
  const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);
  symbols.push({ id: "stim", kind: "input", size: scheduled, core: new Int32Array(scheduled).fill(-1), local: range(0, scheduled) });
  symbols.push({ id: "ext", kind: "input", size: lineCount - scheduled, core: new Int32Array(lineCount - scheduled).fill(-1), local: range(scheduled, lineCount), external: true });

  const scales: HwScale[] = groups.flatMap((_, p) => [
    { population: `pop${p}`, variable: "v" as const, unit: "mV", scale: between(rng, 1, 1000) / 8, offset: -between(rng, 0, 70) },
    { population: `pop${p}`, variable: "i_syn" as const, unit: "mV (R·I)", scale: between(rng, 1, 1000) / 16, offset: 0 },
  ]);
  const record: HwRecordSpec[] = groups.map((group, p) => ({
    population: `pop${p}`,
    spikes: rng.nextInt(4) !== 0,
    state: pick(rng, [["v", "i_syn"], ["v"], ["i_syn"], []] as ("v" | "i_syn")[][]),
    neurons: Int32Array.from(group.map((_, i) => i).filter(() => rng.nextInt(3) !== 0)),
  }));
  record.push({ population: "stim", spikes: true, state: [], neurons: new Int32Array(0) });
  record.push({ population: "ext", spikes: true, state: [], neurons: new Int32Array(0) });

  const config: HwConfig = {
    format: HWCONFIG_FORMAT,
    target: { name: "random", version: "0" },
    network: { name: `random-${seed}`, hash: String(seed) },
    semantics,
    dtMs: 1,
    steps,
    seed,
    cores,
    routes: {
      sourceCount,
      rowStart: routeStart,
      core: Int32Array.from(routeRows.flat(), ([core]) => core),
      axon: Int32Array.from(routeRows.flat(), ([, axon]) => axon),
    },
    inputs: { lineCount, spikeSteps: Int32Array.from(inputSpikes, (s) => s[0]), spikeLines: Int32Array.from(inputSpikes, (s) => s[1]) },
    symbols,
    scales,
    record,
  };
  const externalSize = lineCount - scheduled;
  const makeHost = () => {
    const log: string[] = [];
    const host: Host = {
      beforeStep(step, inject) {
        for (let i = 0; i < externalSize; i++) {
          if ((step * 31 + i * 17 + seed) % 5 === 0) inject("ext", i);
          if ((step + i) % 13 === 0) inject("ext", i); // sometimes twice in one step: fires once
        }
      },
      afterStep(step, spikes) {
        for (const { population, neurons } of spikes) if (neurons.length > 0) log.push(`${step}:${population}:${Array.from(neurons).join(",")}`);
      },
    };
    return { host, log };
  };
  return { config, makeHost, recordPreReset: rng.nextInt(2) === 0 };
}

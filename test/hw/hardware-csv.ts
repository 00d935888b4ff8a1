// A stand-in for a chip: the single-neuron example compiled and emulated, its spikes and raw
// v / i_syn written by hand as a hardware CSV (core, compartment from the config's symbols).
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileFiles, emulate, type HwConfig, type Recording } from "../../src/index.js";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
export const SINGLE = join(REPO, "examples", "single-neuron", "network.json");

export interface ChipRun {
  readonly config: HwConfig;
  readonly emulated: Recording;
  readonly spikes: string;
  readonly states: string;
}

let cached: Promise<ChipRun> | undefined;

/** Compiled once per test file. */
export function chipRun(): Promise<ChipRun> {
  cached ??= (async () => {
    const { result } = await compileFiles(SINGLE, "loihi-cuba");
    if (!result.ok) throw new Error("the single-neuron example does not compile");
    const config = result.value;
    const emulated = emulate(config).recording;
    return { config, emulated, ...hardwareCsv(config, emulated) };
  })();
  return cached;
}

/** The emulator's recording in hardware addresses and raw units. */
export function hardwareCsv(config: HwConfig, rec: Recording): { spikes: string; states: string } {
  const spikes = ["# tripart.hwrecording/1", "core,compartment,step"];
  const states = ["# tripart.hwrecording/1", "core,compartment,variable,step,raw"];
  for (const pop of rec.populations) {
    const symbol = config.symbols.find((s) => s.id === pop.id)!;
    const train = pop.spikes;
    if (train !== undefined) {
      for (let k = 0; k < train.step.length; k++) {
        spikes.push(`${symbol.core[train.neuron[k]]},${symbol.local[train.neuron[k]]},${train.step[k]}`);
      }
    }
    for (const trace of pop.traces) {
      const variable = trace.variable === "v" ? "v" : trace.variable === "i_syn" ? "u" : undefined;
      if (variable === undefined) continue;
      trace.neurons.forEach((neuron, k) => {
        trace.raw![k].forEach((raw, t) => states.push(`${symbol.core[neuron]},${symbol.local[neuron]},${variable},${t},${raw}`));
      });
    }
  }
  return { spikes: spikes.join("\n") + "\n", states: states.join("\n") + "\n" };
}

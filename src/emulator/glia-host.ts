/**
 * The closed-loop host interface of the glia-core engines (hw/host.ts): which input line an
 * injected (input, index) is, and the per-population spike lists a host sees after each step.
 * Host misuse (an unknown or non-external input, an index out of range) throws RangeError, as
 * in the float reference; it is a bug in the host program, not in a network file.
 */
import type { GliaConfig } from "../hw/glia-config.js";

/** The global input line of source `index` of external input `input`. */
export function injectedLine(config: GliaConfig, input: string, index: number): number {
  const symbol = config.inputs.symbols.find((candidate) => candidate.id === input);
  if (symbol === undefined) throw new RangeError(`host injected into unknown input '${input}'`);
  if (!symbol.external) throw new RangeError(`host injected into input '${input}', which is not external`);
  if (!Number.isInteger(index) || index < 0 || index >= symbol.size) throw new RangeError(`host injected source ${index} of input '${input}', outside [0, ${symbol.size})`);
  return symbol.offset + index;
}

/** This step's spikes per neuron group (local indices) from global neuron ids in ascending order. */
export function hostSpikes(config: GliaConfig, spiked: Int32Array, count: number): { population: string; neurons: Int32Array }[] {
  return config.neurons.map((group) => {
    const local: number[] = [];
    for (let i = 0; i < count; i++) {
      const n = spiked[i];
      if (n >= group.offset && n < group.offset + group.size) local.push(n - group.offset);
    }
    return { population: group.population, neurons: Int32Array.from(local) };
  });
}

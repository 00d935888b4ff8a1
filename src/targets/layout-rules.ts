/**
 * The loader's checks of the optional `layout` section (TP2170–TP2173): input lines, hidden
 * neurons, dedicated output neurons (Xylo's 1000 hidden and 8 output neurons behind 16 input
 * channels). The schema makes each field optional; a target without them passes untouched, and
 * the compiler checks networks against them in src/passes/layout-rules.ts.
 */
import { pointer } from "../ir/pointer.js";
import type { TargetRule } from "./load.js";

/** The layout rules, in order; every rule always runs. */
export const LAYOUT_RULES: readonly TargetRule[] = [
  {
    name: "hidden-and-output-neurons",
    check(target, report) {
      const { maxHiddenNeurons, output } = target.layout ?? {};
      const { maxNeurons } = target.core;
      if (maxHiddenNeurons === undefined || output === undefined) return;
      const sum = maxHiddenNeurons + output.maxNeurons;
      if (sum > maxNeurons) report("TP2170", pointer("layout", "maxHiddenNeurons"), { hidden: maxHiddenNeurons, output: output.maxNeurons, sum, limit: maxNeurons });
    },
  },
  {
    name: "output-spikes-per-step",
    check(target, report) {
      const output = target.layout?.output;
      const cap = target.neuron.spikesPerStep ?? 1;
      if (output !== undefined && output.spikesPerStep > cap) report("TP2171", pointer("layout", "output", "spikesPerStep"), { output: output.spikesPerStep, cap });
    },
  },
  {
    name: "output-current-channels",
    check(target, report) {
      const output = target.layout?.output;
      const channels = target.neuron.currentChannels;
      if (output !== undefined && output.currentChannels > channels) report("TP2172", pointer("layout", "output", "currentChannels"), { output: output.currentChannels, channels });
    },
  },
  {
    name: "input-lines-within-axons",
    check(target, report) {
      const maxInputLines = target.layout?.maxInputLines;
      const { maxInputAxons } = target.core;
      if (maxInputLines !== undefined && maxInputLines > maxInputAxons) report("TP2173", pointer("layout", "maxInputLines"), { lines: maxInputLines, axons: maxInputAxons });
    },
  },
];

/**
 * Operation counts of a run, split by population and by core: what the estimate prices. One
 * builder per config family (./lif-activity.ts, ./glia-activity.ts) fills an ActivityBuilder;
 * this module holds the shared shape and the bookkeeping (docs/energy.md, "Counting").
 */
import { OPERATION_KINDS, type OperationCounts, type OperationKind } from "../targets/energy-types.js";
import type { Recording } from "../hw/recording.js";

export type { OperationCounts } from "../targets/energy-types.js";

/** A row of the per-population table: a neuron population, an input, an astrocyte group, or the rest. */
export interface ActivityRow {
  readonly id: string;
  readonly kind: "population" | "input" | "astrocytes" | "not attributed";
  readonly counts: OperationCounts;
}

export interface Activity {
  /** Operation counts of the whole run (the emulator's counts where it gave them). */
  readonly totals: OperationCounts;
  /** Per population; the last row ("not attributed") holds what the recording cannot place, so rows sum to totals. */
  readonly rows: readonly ActivityRow[];
  /** Per core (LIF: the config's cores; glia-core: cores of maxNeurons contiguous neurons, docs/energy.md). */
  readonly cores: readonly OperationCounts[];
  /** Joules the emulator computed from the device model (crossbar reads with ADC, and pulses), by kind. */
  readonly deviceEnergy: Partial<Record<OperationKind, number>>;
  readonly steps: number;
  readonly dtMs: number;
  /** What the counts leave out or approximate, in words. */
  readonly notes: readonly string[];
}

export const zeroCounts = (): OperationCounts => Object.fromEntries(OPERATION_KINDS.map((kind) => [kind, 0])) as OperationCounts;

/** Spike counts per neuron of each recorded population (populations without spikes are absent). */
export function spikesPerNeuron(recording: Recording | undefined): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (const pop of recording?.populations ?? []) {
    if (pop.spikes === undefined) continue;
    const n = new Float64Array(pop.size);
    for (const neuron of pop.spikes.neuron) n[neuron]++;
    out.set(pop.id, n);
  }
  return out;
}

/**
 * The rows plus a "not attributed" row of totals − Σ rows, so the table always adds up; when the
 * totals are unknown (a recording without counts) the totals are the sums themselves.
 */
export function closeRows(rows: readonly ActivityRow[], totals: Partial<OperationCounts>): { rows: ActivityRow[]; totals: OperationCounts } {
  const summed = zeroCounts();
  for (const row of rows) for (const kind of OPERATION_KINDS) summed[kind] += row.counts[kind];
  const full = zeroCounts();
  const rest = zeroCounts();
  for (const kind of OPERATION_KINDS) {
    full[kind] = totals[kind] ?? summed[kind];
    rest[kind] = full[kind] - summed[kind];
  }
  return { rows: [...rows, { id: "(not attributed)", kind: "not attributed", counts: rest }], totals: full };
}

/**
 * Spreads a run-wide count over cores in proportion to `weights` (e.g. synapse entries per core),
 * for work the counts do not place (learning, unrecorded spikes' synaptic ops).
 */
export function spreadOverCores(cores: OperationCounts[], kind: OperationKind, amount: number, weights: ArrayLike<number>): void {
  let sum = 0;
  for (let c = 0; c < weights.length; c++) sum += weights[c];
  if (amount === 0 || cores.length === 0) return;
  for (let c = 0; c < cores.length; c++) cores[c][kind] += sum > 0 ? (amount * weights[c]) / sum : amount / cores.length;
}

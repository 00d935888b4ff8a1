/**
 * The record section as the engines need it: the specs naming one population, astrocyte
 * population or input merged into one entry. Spikes are recorded when any spec leaves `spikes`
 * unset or true; a variable is traced for the union of the elements its specs list (all when one
 * of them lists none). Entries come in order of first appearance in network.record.
 */
import { assert } from "../util/assert.js";
import type { RecordSpec, StateVariable } from "./types.js";

export interface MergedRecord {
  readonly id: string;
  readonly spikes: boolean;
  /** Per traced variable: the elements asked for, or "all". */
  readonly traced: ReadonlyMap<StateVariable, ReadonlySet<number> | "all">;
}

export function mergeRecordSpecs(record: readonly RecordSpec[]): MergedRecord[] {
  const merged = new Map<string, { spikes: boolean; traced: Map<StateVariable, Set<number> | "all"> }>();
  for (const spec of record) {
    const entry = merged.get(spec.population) ?? { spikes: false, traced: new Map() };
    merged.set(spec.population, entry);
    entry.spikes ||= spec.spikes ?? true;
    for (const variable of spec.state ?? []) {
      const previous = entry.traced.get(variable) ?? new Set<number>();
      if (previous === "all" || spec.neurons === undefined) {
        entry.traced.set(variable, "all");
      } else {
        for (const element of spec.neurons) previous.add(element);
        entry.traced.set(variable, previous);
      }
    }
  }
  return [...merged].map(([id, entry]) => ({ id, ...entry }));
}

/** The traced elements in ascending order; the loader has checked that they lie in [0, size). */
export function tracedElements(chosen: ReadonlySet<number> | "all", size: number, id: string): Int32Array {
  const elements = chosen === "all" ? Int32Array.from({ length: size }, (_, i) => i) : Int32Array.from([...chosen].sort((a, b) => a - b));
  for (const element of elements) assert(element >= 0 && element < size, `record spec of '${id}' names element ${element} outside [0, ${size})`);
  return elements;
}

/**
 * The order in which route numbers sources, which fixes every core's axon numbering and synapse
 * order: compartments in core order (partitioned.compartmentNeuron), then input lines. Anything
 * that must know where route put a synapse (synapse-placement.ts) walks the same order.
 */
import type { ElaboratedProjection } from "../ir/elaborated.js";
import type { Partitioned } from "./stages.js";

export interface SourceOrder {
  /** Per population p, then per input k (at populations + k): the projections leaving it, in IR order. */
  readonly groups: readonly (readonly ElaboratedProjection[])[];
  /** Per source in HwRoutes order: its group and its row in that group's projections. */
  readonly sourceGroup: Int32Array;
  readonly sourceRow: Int32Array;
}

export function sourceOrder(partitioned: Partitioned): SourceOrder {
  const net = partitioned.quantized.discretized.elaborated;
  const { neuronCount, compartmentNeuron, populationOffset, lineBase } = partitioned;
  const populations = net.populations.length;
  const groups = [
    ...net.populations.map((_, p) => net.projections.filter((j) => j.pre.kind === "population" && j.pre.index === p)),
    ...net.inputs.map((_, k) => net.projections.filter((j) => j.pre.kind === "input" && j.pre.index === k)),
  ];
  const lineCount = lineBase[lineBase.length - 1];
  const sourceGroup = new Int32Array(neuronCount + lineCount);
  const sourceRow = new Int32Array(neuronCount + lineCount);
  const populationOf = new Int32Array(neuronCount);
  for (let p = 0; p < populations; p++) populationOf.fill(p, populationOffset[p], populationOffset[p + 1]);
  for (let k = 0; k < neuronCount; k++) {
    const g = compartmentNeuron[k];
    sourceGroup[k] = populationOf[g];
    sourceRow[k] = g - populationOffset[populationOf[g]];
  }
  for (let k = 0; k + 1 < lineBase.length; k++) {
    for (let line = lineBase[k]; line < lineBase[k + 1]; line++) {
      sourceGroup[neuronCount + line] = populations + k;
      sourceRow[neuronCount + line] = line - lineBase[k];
    }
  }
  return { groups, sourceGroup, sourceRow };
}

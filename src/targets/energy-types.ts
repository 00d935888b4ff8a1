/**
 * A target's energy section (schemas/target.schema.json, docs/energy.md): energy and time per
 * operation, each with where the figure comes from. The estimate (src/energy/) multiplies these
 * by the emulator's event counts; nothing here is measured by Tripart itself.
 */

/** The operation kinds the estimate prices, in the order tables list them. */
export const OPERATION_KINDS = [
  "synapticOp",
  "neuronUpdate",
  "spike",
  "routerHop",
  "astrocyteUpdate",
  "traceUpdate",
  "synapseUpdate",
  "weightWrite",
  "deviceRead",
  "devicePulse",
] as const;

export type OperationKind = (typeof OPERATION_KINDS)[number];

/**
 * "published": a figure the cited source states for this chip; "modelled-on": a published figure
 * of the chip this target is modelled on; "estimate": derived by the reasoning in `sources`.
 */
export type CostBasis = "published" | "modelled-on" | "estimate";

/** One operation's cost; a figure the sources do not give is left out (then it counts as 0 and is listed as not costed). */
export interface OperationCost {
  /** Joules per operation. */
  readonly energy?: number;
  /** Seconds per operation on one core (operations of one core run one after another). */
  readonly time?: number;
  readonly basis: CostBasis;
  readonly sources: readonly string[];
}

export interface EnergyTable {
  /** What the table covers and what it leaves out. */
  readonly notes?: string;
  readonly operations: Partial<Record<OperationKind, OperationCost>>;
}

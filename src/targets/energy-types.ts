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

// ---------------------------------------------------------------------------------------------
// The shape of an estimate: computed by src/energy (estimate.ts), shown by src/diff
// (energy-report.ts); here, below both, so that neither restates it.

export type OperationCounts = Record<OperationKind, number>;

export interface KindEstimate {
  readonly kind: OperationKind;
  readonly count: number;
  /** J per operation from the table; absent = not costed. */
  readonly energyPerOp?: number;
  readonly timePerOp?: number;
  readonly basis?: CostBasis;
  /** count × energyPerOp + device joules computed at run time (crossbar). */
  readonly energy: number;
}

export interface PopulationEstimate {
  readonly id: string;
  readonly kind: "population" | "input" | "astrocytes" | "not attributed";
  readonly energy: number;
  readonly counts: OperationCounts;
}

export interface EnergyEstimate {
  readonly target: { readonly name: string; readonly version: string };
  readonly steps: number;
  readonly dtMs: number;
  /** J over the run. */
  readonly energy: number;
  readonly kinds: readonly KindEstimate[];
  /** Rows sum to `energy`. */
  readonly populations: readonly PopulationEstimate[];
  /** Mean busy time of each core per step (s). */
  readonly coreStepTimes: readonly number[];
  /** s per step: the slowest core, plus one hop when spikes cross cores. */
  readonly stepTime: number;
  /** s over the run. */
  readonly time: number;
  /** Simulated time / hardware time: above 1 the chip runs faster than real time. */
  readonly realTimeFactor: number;
  readonly fasterThanRealTime: boolean;
  /** Kinds that occurred but have no energy (or no time) in the table. */
  readonly notCosted: { readonly energy: readonly OperationKind[]; readonly time: readonly OperationKind[] };
  readonly notes: readonly string[];
}

/**
 * What the two glia-core engines (glia-emulator.ts, glia-scalar.ts) share to learn: the
 * astrocyte group offsets learning reads Ca and gates by, the weight dumps of the steps asked
 * for (EmulateOptions.weightSteps, and always the last step run), and their recordings.
 * Weights are dimensionless conductances (the reference's unit "1"): raw mantissa·2^−weightFrac.
 */
import type { GliaConfig } from "../hw/glia-config.js";
import type { WeightRecording, WeightSnapshot } from "../hw/recording.js";
import { learningRecordings } from "./learning.js";

/** The unit of glia-core weights, as the float reference records them. */
export const GLIA_WEIGHT_UNIT = "1";

/** Global index of astrocyte 0 of every group. */
export const astroGroupOffsets = (config: GliaConfig): number[] => config.astrocytes.map((group) => group.offset);

/** Collects weight snapshots at the asked steps and at the last step run. */
export class GliaWeightDumps {
  private readonly steps: ReadonlySet<number>;
  private readonly snapshots: WeightSnapshot[][];
  private last = -1;

  constructor(
    private readonly config: GliaConfig,
    weightSteps: readonly number[],
    private readonly snapshot: (step: number) => readonly WeightSnapshot[],
  ) {
    this.steps = new Set(weightSteps);
    this.snapshots = (config.learning?.projections ?? []).map(() => []);
  }

  /** After step s: dumps it when asked for, and remembers it as the last step run. */
  afterStep(s: number): void {
    this.last = s;
    if (this.steps.has(s)) this.take(s);
  }

  /** The recordings, with the last step run dumped when it was not already. */
  finish(): WeightRecording[] {
    const learning = this.config.learning;
    if (learning === undefined) return [];
    if (this.last >= 0 && !this.steps.has(this.last)) this.take(this.last);
    return learningRecordings(learning, () => GLIA_WEIGHT_UNIT, this.snapshots);
  }

  private take(step: number): void {
    this.snapshot(step).forEach((snapshot, k) => this.snapshots[k].push(snapshot));
  }
}

/**
 * Weight dumps of a reference run: end-of-step snapshots of every plastic projection at the
 * steps the caller asks for, plus the last step run (the final one, or the one after which a
 * host ended the run). Snapshots copy the learning weights (signed, CSR order), so later
 * learning never changes a dumped value. Allocates only at the dumped steps.
 */
import type { ElaboratedNetwork } from "../ir/elaborated.js";
import type { WeightRecording, WeightSnapshot } from "../hw/recording.js";
import type { Learning } from "./learning.js";

/** The snapshot buffers of one run. */
export class WeightDumps {
  private readonly dumpSteps: Int32Array; // ascending, unique
  private next = 0; // index of the next step to dump
  private readonly snapshots: WeightSnapshot[][]; // per plastic projection

  /**
   * `steps` is the run's length; `weightSteps` the extra steps to dump (any order, repeats
   * allowed), each an integer in [0, steps). `unitOf` names a projection's weight unit.
   */
  constructor(
    private readonly net: ElaboratedNetwork,
    private readonly learning: Learning,
    steps: number,
    weightSteps: readonly number[],
    private readonly unitOf: (projection: number) => string,
  ) {
    for (const step of weightSteps) {
      if (!Number.isInteger(step) || step < 0 || step >= steps) {
        throw new RangeError(`weightSteps must hold integers in [0, ${steps}), got ${step}`);
      }
    }
    const unique = new Set(steps > 0 ? [...weightSteps, steps - 1] : weightSteps);
    this.dumpSteps = Int32Array.from(unique).sort();
    this.snapshots = learning.projections.map(() => []);
  }

  /** Call at the very end of every step t, in order. */
  afterStep(t: number): void {
    if (this.next === this.dumpSteps.length || this.dumpSteps[this.next] !== t) return;
    this.next++;
    this.take(t);
  }

  private take(t: number): void {
    const { projections } = this.learning;
    for (let p = 0; p < projections.length; p++) this.snapshots[p].push({ step: t, values: Float64Array.from(projections[p].weight) });
  }

  /**
   * The recorded weights, one WeightRecording per plastic projection in network order, of a run
   * of `ran` steps: a run the host ended early has its last step dumped as the final one.
   */
  finish(ran: number): WeightRecording[] {
    const last = ran - 1;
    const dumped = this.next > 0 && this.dumpSteps[this.next - 1] === last;
    if (last >= 0 && !dumped) this.take(last);
    return this.learning.projections.map((plastic, p) => {
      const projection = this.net.projections[plastic.projection];
      const { rowStart, post } = projection.synapses;
      const pre = new Int32Array(post.length);
      for (let j = 0; j + 1 < rowStart.length; j++) pre.fill(j, rowStart[j], rowStart[j + 1]);
      const rule = projection.plasticity!;
      return {
        projection: projection.id,
        unit: this.unitOf(plastic.projection),
        pre,
        post: Int32Array.from(post),
        bounds: [rule.wMin, rule.wMax] as const,
        snapshots: this.snapshots[p],
      };
    });
  }
}

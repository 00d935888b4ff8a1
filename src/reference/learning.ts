/**
 * Learning in a reference run: the plastic projections of a network in projection order, and the
 * spike views and astrocyte signals their rules read. An engine fills the views each step, calls
 * step() at the point docs/semantics-float.md "Learning" fixes, and routes spikes through
 * weightsOf(projection). Networks without plasticity get no Learning at all.
 */
import type { ElaboratedNetwork } from "../ir/elaborated.js";
import { PlasticProjection, SpikeView, type AstrocyteSignals, type LearningSources } from "./plasticity.js";

/** The learning state of one run. */
export class Learning {
  readonly populations: readonly SpikeView[];
  readonly inputs: readonly SpikeView[];
  /** Plastic projections in network order: the order in which they learn within a step. */
  readonly projections: readonly PlasticProjection[];
  private readonly byProjection: readonly (PlasticProjection | undefined)[];

  private constructor(net: ElaboratedNetwork, dtMs: number, astrocytes: readonly AstrocyteSignals[]) {
    const sources: LearningSources = {
      populations: net.populations.map(() => new SpikeView()),
      inputs: net.inputs.map(() => new SpikeView()),
      astrocytes,
    };
    this.populations = sources.populations;
    this.inputs = sources.inputs;
    this.byProjection = net.projections.map((projection) =>
      projection.plasticity === undefined ? undefined : new PlasticProjection(projection, net.populations[projection.post].size, dtMs, sources),
    );
    this.projections = this.byProjection.filter((plastic): plastic is PlasticProjection => plastic !== undefined);
  }

  /** The learning state of `net`, or undefined when no projection is plastic. */
  static of(net: ElaboratedNetwork, dtMs: number, astrocytes: readonly AstrocyteSignals[] = []): Learning | undefined {
    return net.projections.some((projection) => projection.plasticity !== undefined) ? new Learning(net, dtMs, astrocytes) : undefined;
  }

  /** The weights spikes of projection `index` carry: the learning copy, or undefined for a static projection. */
  weightsOf(index: number): Float64Array | undefined {
    return this.byProjection[index]?.weight;
  }

  /** The plastic projection with network index `index`, if it is plastic. */
  plasticAt(index: number): PlasticProjection | undefined {
    return this.byProjection[index];
  }

  /** One step of learning: every plastic projection, in network order. */
  step(): void {
    for (const plastic of this.projections) plastic.step();
  }
}

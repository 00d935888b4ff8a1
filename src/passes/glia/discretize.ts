/**
 * discretize (glia-core): checks the time step and everything about the network that glia-core
 * cannot express (LIF neurons, exponential synapses, astrocyte models, sensing, diffusion,
 * effects, periods, windows and holds beyond the target's), reporting each construct at its
 * pointer; then turns astrocyte periods into seconds. Never changes its input.
 */
import { pointer } from "../../ir/pointer.js";
import { plural } from "../../ir/rules.js";
import { asStage } from "../../ir/stage.js";
import { assert } from "../../util/assert.js";
import type { Elaborated } from "../../ir/elaborated.js";
import type { GliaTarget } from "../../targets/glia-types.js";
import type { Pass, PassContext } from "../pass.js";
import type { GliaDiscretized } from "./stages.js";

/** Relative tolerance when comparing dt with the target's step limits (decimal ms values). */
const DT_TOLERANCE = 1e-9;

const list = (values: readonly string[]): string => values.join(", ") || "none";

export const gliaDiscretize: Pass<Elaborated, GliaDiscretized, GliaTarget> = {
  name: "discretize",
  summary: "Check dt and every construct against glia-core's capabilities; astrocyte periods, windows and holds become steps.",
  run(input, ctx) {
    const dtMs = input.network.run.dt;
    checkTimeStep(dtMs, ctx);
    checkPopulations(input, ctx);
    checkProjections(input, ctx);
    checkAstrocytes(input, dtMs, ctx);
    const modulatedBy = checkCouplings(input, ctx);
    const astrocytePeriodS = input.astrocytes.map((a) => (a.periodSteps * dtMs) / 1000);
    ctx.stats.set("populations", input.populations.length);
    ctx.stats.set("projections", input.projections.length);
    ctx.stats.set("astrocyte-populations", input.astrocytes.length);
    ctx.stats.set("steps", input.steps);
    return asStage("glia-discretized", { elaborated: input, dtMs, steps: input.steps, astrocytePeriodS, modulatedBy });
  },
  verify(output) {
    const { elaborated } = output;
    assert(output.astrocytePeriodS.length === elaborated.astrocytes.length, "discretize: one period per astrocyte population");
    assert(output.modulatedBy.length === elaborated.projections.length, "discretize: one modulation entry per projection");
    for (const period of output.astrocytePeriodS) assert(period > 0, "discretize: astrocyte periods are positive");
  },
};

function checkTimeStep(dtMs: number, ctx: PassContext<GliaTarget>): void {
  const { fixedMs, minMs, maxMs } = ctx.target.timeStep;
  const path = pointer("run", "dt");
  if (fixedMs !== undefined && Math.abs(dtMs - fixedMs) > DT_TOLERANCE * fixedMs) ctx.report("TP3001", path, { dt: dtMs, fixed: fixedMs, target: ctx.target.name });
  if ((minMs !== undefined && dtMs < minMs * (1 - DT_TOLERANCE)) || (maxMs !== undefined && dtMs > maxMs * (1 + DT_TOLERANCE))) {
    ctx.report("TP3002", path, { dt: dtMs, min: minMs ?? 0, max: maxMs ?? "any", target: ctx.target.name });
  }
}

function checkPopulations(input: Elaborated, ctx: PassContext<GliaTarget>): void {
  const supported: readonly string[] = ctx.target.semantics.neuron.models;
  input.populations.forEach((population, p) => {
    if (!supported.includes(population.model)) {
      ctx.report("TP3040", pointer("populations", p, "model"), { population: population.id, model: population.model, target: ctx.target.name, supported: list(supported) });
    }
  });
}

function checkProjections(input: Elaborated, ctx: PassContext<GliaTarget>): void {
  const maxDelay = ctx.target.semantics.synapse.maxDelay;
  input.projections.forEach((projection, j) => {
    const kind = projection.kind;
    if (kind !== "sigmoid_conductance") {
      const path = pointer("projections", j, "synapse", "kind");
      if (projection.pre.kind === "input") {
        ctx.report("TP3042", path, { projection: projection.id, input: input.inputs[projection.pre.index].id, kind, target: ctx.target.name });
      } else {
        ctx.report("TP3041", path, { projection: projection.id, kind, target: ctx.target.name });
      }
    }
    const { delay } = projection.synapses;
    let found = 0;
    for (let k = 0; k < delay.length; k++) if (delay[k] > found) found = delay[k];
    if (found > maxDelay) ctx.report("TP3052", pointer("projections", j, "delay"), { projection: projection.id, found, limit: maxDelay, target: ctx.target.name });
  });
}

function checkAstrocytes(input: Elaborated, dtMs: number, ctx: PassContext<GliaTarget>): void {
  const s = ctx.target.semantics.astrocyte;
  const name = ctx.target.name;
  const ms = (steps: number) => Number((steps * dtMs).toPrecision(6));
  input.astrocytes.forEach((astrocytes, a) => {
    const base = { astrocytes: astrocytes.id, target: name };
    if (!ctx.target.capabilities.astrocytes) {
      ctx.report("TP3033", pointer("astrocytes", a), base);
      return;
    }
    if (!(s.models as readonly string[]).includes(astrocytes.model)) {
      ctx.report("TP3043", pointer("astrocytes", a, "model"), { ...base, model: astrocytes.model, supported: list(s.models) });
    }
    if (astrocytes.sensing !== undefined && !(s.sensing as readonly string[]).includes(astrocytes.sensing.kind)) {
      ctx.report("TP3044", pointer("astrocytes", a, "sensing", "kind"), { ...base, kind: astrocytes.sensing.kind, supported: list(s.sensing) });
    }
    if (astrocytes.coupling !== undefined && !(s.diffusion as readonly string[]).includes(astrocytes.coupling.order)) {
      ctx.report("TP3045", pointer("astrocytes", a, "coupling", "order"), { ...base, order: astrocytes.coupling.order, supported: list(s.diffusion) });
    }
    if (astrocytes.periodSteps < s.minPeriodSteps) {
      ctx.report("TP3049", pointer("astrocytes", a, "period"), {
        ...base,
        steps: plural(astrocytes.periodSteps, "step"),
        min: plural(s.minPeriodSteps, "step"),
        minMs: ms(s.minPeriodSteps),
        dt: dtMs,
      });
    }
    const gate = astrocytes.gate;
    if (gate !== undefined && gate.windowSteps > s.maxWindowSteps) {
      ctx.report("TP3050", pointer("astrocytes", a, "gate", "window"), { ...base, steps: plural(gate.windowSteps, "step"), limit: plural(s.maxWindowSteps, "step"), maxMs: ms(s.maxWindowSteps), dt: dtMs });
    }
    if (gate !== undefined && gate.holdSteps > s.maxHoldSteps) {
      ctx.report("TP3051", pointer("astrocytes", a, "gate", "hold"), { ...base, steps: plural(gate.holdSteps, "step"), limit: plural(s.maxHoldSteps, "step"), maxMs: ms(s.maxHoldSteps), dt: dtMs });
    }
  });
}

/** Checks every coupling's effect; returns, per projection, the synapse coupling that modulates it (−1: none). */
function checkCouplings(input: Elaborated, ctx: PassContext<GliaTarget>): number[] {
  const effects = ctx.target.semantics.effects;
  const name = ctx.target.name;
  const modulatedBy = input.projections.map(() => -1);
  const couplingCount = input.projections.map(() => 0);
  input.tripartite.forEach((coupling, t) => {
    if (coupling.target === "synapses") {
      const { effect } = coupling;
      if (!(effects.synapse as readonly string[]).includes(effect.kind)) {
        ctx.report("TP3046", pointer("tripartite", t, "effect", "kind"), { coupling: coupling.id, kind: effect.kind, target: name, supported: list(effects.synapse) });
      }
      if (effect.graded !== undefined && !effects.graded) ctx.report("TP3047", pointer("tripartite", t, "effect", "graded"), { coupling: coupling.id, target: name });
      couplingCount[coupling.projection]++;
      if (modulatedBy[coupling.projection] < 0) modulatedBy[coupling.projection] = t;
    } else if (!(effects.neuron as readonly string[]).includes(coupling.effect.kind)) {
      ctx.report("TP3048", pointer("tripartite", t, "effect", "kind"), { coupling: coupling.id, kind: coupling.effect.kind, target: name, supported: list(effects.neuron) });
    }
  });
  // The config grades per astrocyte group: every synapse coupling of a population must agree.
  const grading = new Map<number, { readonly id: string; readonly key: string }>();
  input.tripartite.forEach((coupling) => {
    if (coupling.target !== "synapses") return;
    const key = JSON.stringify(coupling.effect.graded ?? null);
    const first = grading.get(coupling.astrocytes);
    if (first === undefined) grading.set(coupling.astrocytes, { id: coupling.id, key });
    else if (first.key !== key) {
      ctx.report("TP3056", pointer("tripartite", coupling.index, "effect", "graded"), {
        astrocytes: input.astrocytes[coupling.astrocytes].id,
        first: first.id,
        second: coupling.id,
        target: name,
      });
    }
  });
  couplingCount.forEach((count, j) => {
    if (count > 1) ctx.report("TP3054", pointer("projections", j), { projection: input.projections[j].id, count, target: name });
  });
  return modulatedBy;
}

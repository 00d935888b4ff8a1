/**
 * discretize: time becomes steps. Checks the time step against the target, turns time
 * constants into per-step factors (α_k, β), refractory periods and delays into step counts,
 * and assigns each projection its synaptic channel. Reads the elaborated synapses, never copies
 * or changes them; every finding about time is reported here, all at once.
 */
import { pointer } from "../ir/pointer.js";
import { plural } from "../ir/rules.js";
import { assert } from "../util/assert.js";
import { asStage } from "../ir/stage.js";
import type { Elaborated, ElaboratedProjection } from "../ir/elaborated.js";
import { asLif } from "../ir/elaborated.js";
import { decayFactor, refractorySteps, synapticChannels } from "../models/lif.js";
import type { Target } from "../targets/types.js";
import { MAX_CONFIG_DELAY } from "../hw/validate.js";
import type { Pass, PassContext } from "./pass.js";
import type { Discretized, DiscretizedPopulation, DiscretizedProjection } from "./stages.js";

/** Relative tolerance when comparing dt with the target's fixed step (decimal ms values). */
const DT_TOLERANCE = 1e-9;

export const discretize: Pass<Elaborated, Discretized> = {
  name: "discretize",
  summary: "Check dt against the target; time constants become per-step decays, refractory periods and delays become steps.",
  run(input, ctx) {
    const { network } = input;
    const dtMs = network.run.dt;
    checkTimeStep(dtMs, ctx);

    const { tausMs, channelOf } = synapticChannels(input);
    const populations = input.populations.map(asLif).map((population, p): DiscretizedPopulation => {
      checkModel(population.model, p, population.id, ctx);
      const refractory = refractorySteps(population.params.tau_ref, dtMs);
      checkRefractory(refractory, p, population.id, dtMs, ctx);
      ctx.stats.add("channels", tausMs[p].length);
      return {
        id: population.id,
        index: p,
        size: population.size,
        params: population.params,
        beta: decayFactor(population.params.tau_m, dtMs),
        refractorySteps: refractory,
        channelTausMs: tausMs[p],
        channelAlphas: tausMs[p].map((tau) => decayFactor(tau, dtMs)),
      };
    });

    const projections = input.projections.map((projection, j): DiscretizedProjection => {
      const kind = network.projections[j].synapse.kind;
      if (!ctx.target.capabilities.synapses.includes(kind)) {
        ctx.report("TP3004", pointer("projections", j, "synapse", "kind"), {
          projection: projection.id,
          kind,
          target: ctx.target.name,
          supported: ctx.target.capabilities.synapses.join(", ") || "none",
        });
      }
      const { latency } = ctx.target.neuron;
      const delayOffset = projection.pre.kind === "population" ? 1 - latency.neuron : 0 - latency.input;
      checkDelays(projection, delayOffset, ctx);
      return { id: projection.id, index: j, channel: channelOf[j], delayOffset };
    });

    ctx.stats.set("populations", populations.length);
    ctx.stats.set("projections", projections.length);
    ctx.stats.set("steps", input.steps);
    return asStage("discretized", { elaborated: input, dtMs, steps: input.steps, populations, projections });
  },
  verify(output) {
    const { elaborated } = output;
    const { run } = elaborated.network;
    assert(output.steps === Math.round(run.duration / run.dt), "discretize: steps = round(duration / dt)");
    assert(output.populations.length === elaborated.populations.length, "discretize: one entry per population");
    assert(output.projections.length === elaborated.projections.length, "discretize: one entry per projection");
    for (const population of output.populations) {
      assert(population.beta > 0 && population.beta < 1, `discretize: β of '${population.id}' in (0, 1)`);
      assert(Number.isInteger(population.refractorySteps) && population.refractorySteps >= 0, "discretize: R is a step count");
      assert(population.channelAlphas.length === population.channelTausMs.length, "discretize: one α per channel");
    }
    for (const projection of output.projections) {
      const post = output.populations[elaborated.projections[projection.index].post];
      assert(projection.channel >= 0 && projection.channel < post.channelTausMs.length, `discretize: channel of '${projection.id}'`);
      assert(post.channelTausMs[projection.channel] === elaborated.projections[projection.index].tauSyn, "discretize: channel tau");
    }
  },
};

/** The delay limit in IR steps terms: the target's, capped by what the config stores. */
export function hardwareDelayLimit(target: Target): number {
  return Math.min(target.neuron.maxDelay, MAX_CONFIG_DELAY);
}

function checkTimeStep(dtMs: number, ctx: PassContext): void {
  const { fixedMs, minMs, maxMs } = ctx.target.timeStep;
  const path = pointer("run", "dt");
  if (fixedMs !== undefined && Math.abs(dtMs - fixedMs) > DT_TOLERANCE * fixedMs) {
    ctx.report("TP3001", path, { dt: dtMs, fixed: fixedMs, target: ctx.target.name });
  }
  if ((minMs !== undefined && dtMs < minMs * (1 - DT_TOLERANCE)) || (maxMs !== undefined && dtMs > maxMs * (1 + DT_TOLERANCE))) {
    ctx.report("TP3002", path, { dt: dtMs, min: minMs ?? 0, max: maxMs ?? "any", target: ctx.target.name });
  }
}

function checkModel(model: string, p: number, id: string, ctx: PassContext): void {
  const supported = ctx.target.capabilities.models;
  if (!supported.includes(model)) {
    ctx.report("TP3003", pointer("populations", p, "model"), {
      population: id,
      model,
      target: ctx.target.name,
      supported: supported.join(", ") || "none",
    });
  }
}

function checkRefractory(steps: number, p: number, id: string, dtMs: number, ctx: PassContext): void {
  const { supported, maxSteps } = ctx.target.neuron.refractory;
  const path = pointer("populations", p, "params", "tau_ref");
  if (steps > 0 && !supported) {
    ctx.report("TP3006", path, { population: id, steps, target: ctx.target.name, maxMs: dtMs / 2 });
  } else if (supported && steps > maxSteps) {
    // round(tau_ref/dt) ≤ maxSteps ⇔ tau_ref < (maxSteps + 0.5)·dt
    ctx.report("TP3005", path, { population: id, steps, limit: maxSteps, target: ctx.target.name, maxMs: maxSteps * dtMs, dt: dtMs });
  }
}

/** One diagnostic per projection and direction: the extreme delay found, the limit, how many exceed. */
function checkDelays(projection: ElaboratedProjection, delayOffset: number, ctx: PassContext): void {
  const { delay } = projection.synapses;
  if (delay.length === 0) return;
  const irMax = hardwareDelayLimit(ctx.target) - delayOffset; // largest IR delay the hardware realises
  const irMin = -delayOffset; // smallest IR delay (hardware delay 0)
  let min = Infinity;
  let max = -Infinity;
  let above = 0;
  let below = 0;
  for (let k = 0; k < delay.length; k++) {
    const d = delay[k];
    if (d < min) min = d;
    if (d > max) max = d;
    if (d > irMax) above++;
    if (d < irMin) below++;
  }
  const path = pointer("projections", projection.index, "delay");
  if (above > 0) {
    ctx.report("TP3007", path, { projection: projection.id, found: max, limit: irMax, count: plural(above, "synapse"), target: ctx.target.name });
  }
  if (below > 0) {
    const latency = projection.pre.kind === "population" ? ctx.target.neuron.latency.neuron : ctx.target.neuron.latency.input;
    ctx.report("TP3008", path, {
      projection: projection.id,
      found: min,
      needed: irMin,
      neededSteps: plural(irMin, "step"),
      count: plural(below, "synapse"),
      latency: plural(latency, "step"),
      target: ctx.target.name,
    });
  }
}

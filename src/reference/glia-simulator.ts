/**
 * The float64 reference for neuron–astrocyte networks (Izhikevich neurons, sigmoid-conductance
 * synapses, glutamate, astrocytes, tripartite effects): the discrete-time model of
 * docs/semantics-float.md "Neuron–astrocyte networks", which generalises the Gordleeva et al.
 * 2021 code's step (their public MATLAB code, altergot/neuro-astro-network) operation for operation.
 * One step s: A. neurons (currents, reset, V, U, clamp, glutamate, spikes), then the synaptic
 * currents of the next step, after the plastic projections learn (./learning.ts); B. patch spike counts; C. astrocyte sweeps (at their period) and
 * gates; D. neuron effects for the next step. Nothing is allocated per step (host callbacks
 * aside). Relies on elaboration: CSR rows by presynaptic index, change points sorted by step.
 */
import type { Elaborated, ElaboratedCurrent, ElaboratedIzhikevich } from "../ir/elaborated.js";
import type { Host, Progress } from "../hw/host.js";
import {
  createIzhikevichFloatState,
  izhikevichFloatConstants,
  stepIzhikevichFloat,
  type IzhikevichFloatConstants,
  type IzhikevichFloatState,
} from "../models/izhikevich.js";
import { assert } from "../util/assert.js";
import { AstroRuntime } from "./glia-astrocytes.js";
import { NeuronEffectRuntime } from "./glia-effects.js";
import { CONDUCTANCE_UNIT, finishGliaRecording, planGliaRecording, recordTrace, type GliaRecordPlan } from "./glia-recorder.js";
import { accumulateConductance, conductanceRoute, fillSigmoid, SynapseModulation, syncWeights, type ConductanceRoute } from "./glia-synapses.js";
import { Learning } from "./learning.js";
import { WeightDumps } from "./weight-dumps.js";
import type { ReferenceResult } from "./simulator.js";

export interface GliaSimulateOptions {
  /** Steps to run; default the network's round(duration / dt). */
  readonly steps?: number;
  /** Closed-loop host: injects spikes of `external` inputs and sees every step's spikes. */
  readonly host?: Host;
  /** Called about every 1 % of the steps with (steps done, steps in total). */
  readonly onProgress?: Progress;
  /** Steps at whose end plastic weights are dumped (the final step always is); see SimulateOptions. */
  readonly weightSteps?: readonly number[];
}

/** An injected current: its change points and the value each neuron receives now. */
interface CurrentState {
  readonly step: Int32Array;
  readonly neuron: Int32Array;
  readonly value: Float64Array;
  readonly now: Float64Array;
  cursor: number;
}

interface NeuronPopulation {
  readonly id: string;
  readonly state: IzhikevichFloatState;
  readonly constants: IzhikevichFloatConstants;
  readonly synaptic: Float64Array; // I_syn for the next step
  readonly input: Float64Array; // this step's summed input
  readonly currents: readonly CurrentState[]; // network order: the order of the sum
  readonly effect: Float64Array | undefined; // neuron-effect current for the next step
  readonly effects: readonly NeuronEffectRuntime[];
  readonly sigmoids: readonly { readonly k: number; readonly values: Float64Array }[];
  readonly spikes: Int32Array;
  spikeCount: number;
}

interface InputLine {
  readonly id: string;
  readonly size: number;
  readonly isExternal: boolean;
  readonly spikeSteps: Int32Array;
  readonly spikeSources: Int32Array;
  readonly sigmoid: Float64Array; // 1 for the sources that spike this step
  readonly fired: Int32Array; // this step's sources, ascending
  firedCount: number;
  cursor: number;
}

/** Runs the float64 neuron–astrocyte reference on `net`. */
export function simulateGlia(net: Elaborated, options: GliaSimulateOptions = {}): ReferenceResult {
  const steps = options.steps ?? net.steps;
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
  const dtMs = net.network.run.dt;
  const { host, onProgress } = options;

  const astrocytes = net.astrocytes.map((a) => new AstroRuntime(a, dtMs));
  const populations = buildPopulations(net, dtMs, astrocytes);
  const inputs = net.inputs.map(
    (input): InputLine => ({
      id: input.id,
      size: input.size,
      isExternal: input.kind === "external",
      spikeSteps: input.spikeSteps,
      spikeSources: input.spikeSources,
      sigmoid: new Float64Array(input.size),
      fired: new Int32Array(input.size),
      firedCount: 0,
      cursor: 0,
    }),
  );
  const routes = buildRoutes(net, populations, inputs, astrocytes);
  const learning = Learning.of(
    net,
    dtMs,
    astrocytes.map((astro) => ({ gate: astro.gate, ca: astro.state.ca })),
  );
  const learnedRoutes = (learning?.projections ?? []).map((plastic) => ({ plastic, route: routes[plastic.projection] }));
  const dumps = learning && new WeightDumps(net, learning, steps, options.weightSteps ?? [], () => CONDUCTANCE_UNIT);
  const modulations = [...new Set(routes.flatMap((route) => route.modulations))];
  const synapsesPerStep = routes.reduce((sum, route) => sum + route.synapseCount, 0);

  const plans = planGliaRecording(net, steps);
  const populationPlans = populations.map((_, i) => plans.find((plan) => plan.kind === "population" && plan.index === i));
  const astrocytePlans = astrocytes.map((_, i) => plans.find((plan) => plan.kind === "astrocytes" && plan.index === i));
  const inputPlans = inputs.map((_, i) => plans.find((plan) => plan.kind === "input" && plan.index === i));

  const inputIndex = new Map(inputs.map((input, index) => [input.id, index]));
  const inject = (id: string, source: number): void => {
    const index = inputIndex.get(id);
    if (index === undefined) throw new RangeError(`host injected into unknown input '${id}'`);
    const input = inputs[index];
    if (!input.isExternal) throw new RangeError(`host injected into input '${id}', which is not external`);
    if (!Number.isInteger(source) || source < 0 || source >= input.size) {
      throw new RangeError(`host injected source ${source} of input '${id}', outside [0, ${input.size})`);
    }
    if (input.sigmoid[source] === 0) {
      input.sigmoid[source] = 1;
      input.fired[input.firedCount++] = source;
    }
  };

  let spikes = 0;
  const progressEvery = Math.max(1, Math.ceil(steps / 100));
  let ran = steps; // steps run: fewer when the host ends the run early
  for (let s = 0; s < steps; s++) {
    // Input spikes of step s: S = 1 for this step's synaptic currents.
    host?.beforeStep?.(s, inject);
    for (const input of inputs) {
      if (input.isExternal) {
        input.fired.subarray(0, input.firedCount).sort();
        continue;
      }
      let cursor = input.cursor;
      while (cursor < input.spikeSteps.length && input.spikeSteps[cursor] === s) {
        const source = input.spikeSources[cursor++];
        input.sigmoid[source] = 1;
        input.fired[input.firedCount++] = source;
      }
      input.cursor = cursor;
    }

    // A. Neurons, in population order.
    for (const population of populations) {
      sumInput(population, s);
      population.spikeCount = stepIzhikevichFloat(population.state, population.constants, population.input, population.spikes);
      spikes += population.spikeCount;
    }
    // Learning of step s, with this step's input and neuron spikes and the gates and Ca of the
    // end of step s − 1; the currents below already use the learned conductances.
    if (learning !== undefined) {
      for (let p = 0; p < populations.length; p++) learning.populations[p].show(populations[p].spikes, 0, populations[p].spikeCount);
      for (let i = 0; i < inputs.length; i++) learning.inputs[i].show(inputs[i].fired, 0, inputs[i].firedCount);
      learning.step();
      for (const { plastic, route } of learnedRoutes) if (plastic.weightsChanged) syncWeights(route, plastic.weight);
    }
    // A.8: the synaptic currents of step s + 1, from the new voltages and last step's gates.
    for (const population of populations) {
      for (const sigmoid of population.sigmoids) fillSigmoid(population.state.v, sigmoid.k, sigmoid.values);
      population.synaptic.fill(0);
    }
    for (const modulation of modulations) modulation.refresh();
    for (const route of routes) accumulateConductance(route);
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i];
      inputPlans[i]?.spikes?.pushAll(s, input.fired, 0, input.firedCount);
      for (let k = 0; k < input.firedCount; k++) input.sigmoid[input.fired[k]] = 0;
      input.firedCount = 0;
    }

    // B–C. Patch counts, astrocyte sweeps at their period, gates.
    for (const astro of astrocytes) {
      const territory = populations[astro.territoryPopulation].state;
      astro.countSpikes(s, territory.spiked);
      if (astro.updatesIn(s)) astro.update(s, territory.g);
      astro.refreshGate(s);
    }

    // D. Neuron effects for step s + 1, from the astrocytes' state at the end of step s.
    for (const population of populations) {
      if (population.effect === undefined) continue;
      population.effect.fill(0);
      for (const effect of population.effects) effect.addTo(population.effect);
    }

    for (let p = 0; p < populations.length; p++) {
      const plan = populationPlans[p];
      if (plan !== undefined) recordPopulation(plan, populations[p], s);
    }
    for (let a = 0; a < astrocytes.length; a++) {
      const plan = astrocytePlans[a];
      if (plan !== undefined) recordAstrocytes(plan, astrocytes[a], s);
    }
    dumps?.afterStep(s);
    if (host?.afterStep !== undefined) {
      host.afterStep(
        s,
        populations.map((population) => ({ population: population.id, neurons: population.spikes.slice(0, population.spikeCount) })),
      );
    }
    if (onProgress !== undefined && ((s + 1) % progressEvery === 0 || s + 1 === steps)) onProgress(s + 1, steps);
    if (host?.finished !== undefined && host.finished(s)) {
      ran = s + 1;
      break;
    }
  }

  const neurons = net.populations.reduce((sum, population) => sum + population.size, 0);
  const recording = finishGliaRecording(plans, dtMs, ran);
  return {
    recording: dumps === undefined ? recording : { ...recording, weights: dumps.finish(ran) },
    counts: { steps: ran, neuronUpdates: ran * neurons, synapticEvents: ran * synapsesPerStep, spikes },
  };
}

/** Applies step s's change points, then I = ((c_0 + I_syn) + c_1) + … (+ neuron effects). */
function sumInput(population: NeuronPopulation, s: number): void {
  const { currents, synaptic, input, effect } = population;
  for (const current of currents) {
    let cursor = current.cursor;
    while (cursor < current.step.length && current.step[cursor] <= s) {
      current.now[current.neuron[cursor]] = current.value[cursor];
      cursor++;
    }
    current.cursor = cursor;
  }
  const size = input.length;
  if (currents.length === 0) {
    input.set(synaptic);
  } else {
    const first = currents[0].now;
    for (let n = 0; n < size; n++) input[n] = first[n] + synaptic[n];
    for (let j = 1; j < currents.length; j++) {
      const next = currents[j].now;
      for (let n = 0; n < size; n++) input[n] += next[n];
    }
  }
  if (effect !== undefined) for (let n = 0; n < size; n++) input[n] += effect[n];
}

function buildPopulations(net: Elaborated, dtMs: number, astrocytes: readonly AstroRuntime[]): NeuronPopulation[] {
  return net.populations.map((population, p): NeuronPopulation => {
    assert(population.model === "izhikevich", `population '${population.id}' (${population.model}) reached the neuron–astrocyte reference`);
    const izhikevich: ElaboratedIzhikevich = population;
    const currents = net.currents
      .filter((current) => current.population === p)
      .sort((x, y) => x.index - y.index)
      .map((current: ElaboratedCurrent): CurrentState => ({
        step: current.step,
        neuron: current.neuron,
        value: current.value,
        now: new Float64Array(population.size),
        cursor: 0,
      }));
    const effects = net.tripartite.flatMap((coupling) => {
      if (coupling.target !== "neurons" || coupling.population !== p) return [];
      const astro = astrocytes[coupling.astrocytes];
      assert(astro.territoryPopulation === p, `tripartite '${coupling.id}': the effect's population is not its astrocytes' territory`);
      return [new NeuronEffectRuntime(astro, coupling.effect, population.size)];
    });
    const ks = [
      ...new Set(
        net.projections.filter((projection) => projection.pre.kind === "population" && projection.pre.index === p).map((projection) => conductanceOf(projection).k),
      ),
    ];
    return {
      id: population.id,
      state: createIzhikevichFloatState(izhikevich),
      constants: izhikevichFloatConstants(izhikevich, dtMs),
      synaptic: new Float64Array(population.size),
      input: new Float64Array(population.size),
      currents,
      effect: effects.length > 0 ? new Float64Array(population.size) : undefined,
      effects,
      sigmoids: ks.map((k) => ({ k, values: new Float64Array(population.size) })),
      spikes: new Int32Array(population.size),
      spikeCount: 0,
    };
  });
}

function conductanceOf(projection: Elaborated["projections"][number]): { readonly eRev: number; readonly k: number } {
  assert(
    projection.kind === "sigmoid_conductance" && projection.conductance !== undefined,
    `projection '${projection.id}' (${projection.kind}) reached the neuron–astrocyte reference`,
  );
  return projection.conductance;
}

function buildRoutes(net: Elaborated, populations: readonly NeuronPopulation[], inputs: readonly InputLine[], astrocytes: readonly AstroRuntime[]): ConductanceRoute[] {
  return net.projections.map((projection) => {
    const { k } = conductanceOf(projection);
    assert(projection.synapses.delay.every((d) => d === 0), `projection '${projection.id}': conductance synapses have no delay`);
    const sigmoid =
      projection.pre.kind === "input"
        ? inputs[projection.pre.index].sigmoid
        : populations[projection.pre.index].sigmoids.find((entry) => entry.k === k)?.values;
    assert(sigmoid !== undefined, `projection '${projection.id}': no sigmoid array for k = ${k}`);
    const post = populations[projection.post];
    const modulations = net.tripartite.flatMap((coupling) => {
      if (coupling.target !== "synapses" || coupling.projection !== projection.index) return [];
      assert(
        coupling.astrocyteOf.length === projection.synapses.post.length,
        `tripartite '${coupling.id}': ${coupling.astrocyteOf.length} synapse owners for ${projection.synapses.post.length} synapses`,
      );
      return [new SynapseModulation(astrocytes[coupling.astrocytes], coupling.effect, coupling.astrocyteOf)];
    });
    return conductanceRoute(projection, sigmoid, post.state.v, post.synaptic, modulations);
  });
}

function recordPopulation(plan: GliaRecordPlan, population: NeuronPopulation, s: number): void {
  plan.spikes?.pushAll(s, population.spikes, 0, population.spikeCount);
  for (const trace of plan.traces) {
    const { state } = population;
    const source =
      trace.variable === "v" ? state.v : trace.variable === "u" ? state.u : trace.variable === "glutamate" ? state.g : population.synaptic;
    recordTrace(trace, source, s);
  }
}

function recordAstrocytes(plan: GliaRecordPlan, astro: AstroRuntime, s: number): void {
  for (const trace of plan.traces) {
    const { state } = astro;
    const source =
      trace.variable === "ca" ? state.ca : trace.variable === "h" ? state.h : trace.variable === "ip3" ? state.ip3 : trace.variable === "gate" ? astro.gate : astro.drive;
    recordTrace(trace, source, s);
  }
}

/**
 * The float64 reference simulator: the discrete-time float model (level 2) of
 * docs/semantics-float.md, event-driven, over an elaborated network.
 * Never allocates per step or per event in its loops (host callbacks and the occasional
 * doubling of a spike-record buffer aside). Relies on elaboration's invariants: CSR rows by
 * presynaptic index, delays ≤ 65535, input spikes sorted by step then source.
 * Order within step t: input spikes of step t are queued (arrival t + d); each population
 * updates its currents, membranes and thresholds; plastic projections learn (./learning.ts);
 * neuron spikes are queued (arrival t + 1 + d), carrying the weights learned in step t.
 */
import { asLif, usesGliaPath, type Elaborated, type ElaboratedPopulation } from "../ir/elaborated.js";
import { simulateGlia } from "./glia-simulator.js";
import type { Host, Progress } from "../hw/host.js";
import type { Recording } from "../hw/recording.js";
import {
  createLifFloatState,
  decayFactor,
  lifFloatFactors,
  membraneOf,
  stepLifFloat,
  synapticChannels,
  synapticOf,
  type LifFloatState,
} from "../models/lif.js";
import { finishRecording, planRecording, TRACE_UNITS, type RecordPlan } from "./recorder.js";
import { Learning } from "./learning.js";
import { WeightDumps } from "./weight-dumps.js";

export interface SimulateOptions {
  /** Steps to run; default the network's round(duration / dt). Pre-drawn input spikes end there. */
  readonly steps?: number;
  /** Closed-loop host: injects spikes of `external` inputs and sees every step's spikes. */
  readonly host?: Host;
  /** Called about every 1 % of the steps with (steps done, steps in total). */
  readonly onProgress?: Progress;
  /**
   * Steps at whose end the weights of plastic projections are dumped into `recording.weights`,
   * each an integer in [0, steps); the last step run is always dumped when a projection is plastic.
   */
  readonly weightSteps?: readonly number[];
}

/** Work done by one run. */
export interface ReferenceCounts {
  readonly steps: number;
  /** Neuron state updates: steps × neurons (refractory steps included). */
  readonly neuronUpdates: number;
  /** Synapses traversed by queued spikes, from neurons and inputs alike. */
  readonly synapticEvents: number;
  /** Spikes of neurons (input spikes not included). */
  readonly spikes: number;
}

export interface ReferenceResult {
  readonly recording: Recording;
  readonly counts: ReferenceCounts;
}

/** One synaptic current channel of a population: its decay and arrival ring. */
interface ChannelState {
  readonly alpha: number;
  /** slots × size values: arrivals[slot·size + neuron]; the slot of step t is t mod slots. */
  readonly arrivals: Float64Array;
  readonly slots: number;
}

interface PopulationState {
  readonly id: string;
  readonly neurons: LifFloatState; // v, Σ_k I_k and I_k per neuron
  readonly alphas: Float64Array; // per channel
  readonly arrivals: readonly Float64Array[]; // per channel
  readonly slots: Int32Array; // per channel
  readonly offsets: Int32Array; // per channel: where step t's arrivals start, (t mod slots)·size
  readonly spikes: Int32Array; // neurons that spiked in the current step, ascending
  spikeCount: number;
  readonly routes: readonly Route[]; // projections whose pre is this population
}

/** One projection as the event loop sees it. */
interface Route {
  readonly rowStart: Int32Array;
  readonly post: Int32Array;
  readonly weight: Float64Array;
  readonly delay: Uint16Array;
  readonly arrivals: Float64Array;
  readonly slots: number;
  readonly postSize: number;
}

interface InputState {
  readonly id: string;
  readonly size: number;
  readonly isExternal: boolean;
  readonly spikeSteps: Int32Array;
  readonly spikeSources: Int32Array;
  cursor: number;
  /** Sources injected by the host in the current step (external inputs only). */
  injected: Int32Array;
  injectedCount: number;
  readonly routes: readonly Route[];
}

/**
 * Runs the float64 reference on `net` and returns its recording and event counts. Networks with
 * Izhikevich neurons, conductance synapses, currents, astrocytes or astrocyte-modulated learning
 * run in the neuron–astrocyte engine (./glia-simulator.ts); the rest in the event-driven LIF
 * engine below.
 */
export function simulate(net: Elaborated, options: SimulateOptions = {}): ReferenceResult {
  if (usesGliaPath(net)) return simulateGlia(net, options);
  const steps = options.steps ?? net.steps;
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
  const dtMs = net.network.run.dt;
  const { host, onProgress } = options;

  const learning = Learning.of(net, dtMs);
  const dumps = learning && new WeightDumps(net, learning, steps, options.weightSteps ?? [], () => TRACE_UNITS.i_syn);
  const { populations, inputs } = buildState(net, dtMs, learning);
  const plans = planRecording(net, steps);
  const populationPlans: (RecordPlan | undefined)[] = populations.map((_, index) =>
    plans.find((plan) => plan.kind === "population" && plan.index === index),
  );
  const inputPlans: (RecordPlan | undefined)[] = inputs.map((_, index) =>
    plans.find((plan) => plan.kind === "input" && plan.index === index),
  );

  const inputIndex = new Map(inputs.map((input, index) => [input.id, index]));
  const inject = (id: string, source: number): void => {
    const index = inputIndex.get(id);
    if (index === undefined) throw new RangeError(`host injected into unknown input '${id}'`);
    const input = inputs[index];
    if (!input.isExternal) throw new RangeError(`host injected into input '${id}', which is not external`);
    if (!Number.isInteger(source) || source < 0 || source >= input.size) {
      throw new RangeError(`host injected source ${source} of input '${id}', outside [0, ${input.size})`);
    }
    if (input.injectedCount === input.injected.length) {
      const grown = new Int32Array(input.injected.length * 2);
      grown.set(input.injected);
      input.injected = grown;
    }
    input.injected[input.injectedCount++] = source;
  };

  let synapticEvents = 0;
  let spikes = 0;
  const progressEvery = Math.max(1, Math.ceil(steps / 100));
  let ran = steps; // steps run: fewer when the host ends the run early

  for (let t = 0; t < steps; t++) {
    // 1. Input spikes of step t: arrival t + d, so delay 0 is delivered in this very step.
    host?.beforeStep?.(t, inject);
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i];
      let sources = input.spikeSources;
      let start = input.cursor;
      let end = start;
      if (input.isExternal) {
        sources = input.injected;
        start = 0;
        end = sortUnique(input.injected, input.injectedCount);
        input.injectedCount = 0;
      } else {
        while (end < input.spikeSteps.length && input.spikeSteps[end] === t) end++;
        input.cursor = end;
      }
      learning?.inputs[i].show(sources, start, end);
      if (end === start) continue;
      for (const route of input.routes) synapticEvents += queueSpikes(route, sources, start, end, t);
      inputPlans[i]?.spikes?.pushAll(t, sources, start, end);
    }

    // 2-4. Currents, membranes, thresholds.
    for (let p = 0; p < populations.length; p++) {
      const population = populations[p];
      const { neurons, slots, offsets } = population;
      for (let k = 0; k < slots.length; k++) offsets[k] = (t % slots[k]) * neurons.size;
      population.spikeCount = stepLifFloat(neurons, population.alphas, population.arrivals, offsets, population.spikes);
      spikes += population.spikeCount;
      learning?.populations[p].show(population.spikes, 0, population.spikeCount);
      const plan = populationPlans[p];
      if (plan !== undefined) record(plan, population, t);
    }

    // Learning of step t (docs/semantics-float.md "Learning"): input spikes of step t went out
    // with the old weights above; the neuron spikes below carry the new ones.
    learning?.step();

    // 5. Neuron spikes of step t: arrival t + 1 + d.
    for (let p = 0; p < populations.length; p++) {
      const population = populations[p];
      if (population.spikeCount === 0) continue;
      for (const route of population.routes) {
        synapticEvents += queueSpikes(route, population.spikes, 0, population.spikeCount, t + 1);
      }
    }

    dumps?.afterStep(t);
    if (host?.afterStep !== undefined) {
      host.afterStep(
        t,
        populations.map((population) => ({ population: population.id, neurons: population.spikes.slice(0, population.spikeCount) })),
      );
    }
    if (onProgress !== undefined && ((t + 1) % progressEvery === 0 || t + 1 === steps)) onProgress(t + 1, steps);
    if (host?.finished !== undefined && host.finished(t)) {
      ran = t + 1;
      break;
    }
  }

  const neurons = net.populations.reduce((sum, population) => sum + population.size, 0);
  const recording = finishRecording(plans, dtMs, ran);
  return {
    recording: dumps === undefined ? recording : { ...recording, weights: dumps.finish(ran) },
    counts: { steps: ran, neuronUpdates: ran * neurons, synapticEvents, spikes },
  };
}

/**
 * Adds the weights of the rows of `pres[start..end)` into the arrival ring at step
 * `arrivalBase + delay`. Returns the number of synapses traversed. Allocation-free.
 */
function queueSpikes(route: Route, pres: Int32Array, start: number, end: number, arrivalBase: number): number {
  const { rowStart, post, weight, delay, arrivals, slots, postSize } = route;
  const baseSlot = arrivalBase % slots;
  let events = 0;
  for (let s = start; s < end; s++) {
    const pre = pres[s];
    const rowEnd = rowStart[pre + 1];
    let k = rowStart[pre];
    events += rowEnd - k;
    for (; k < rowEnd; k++) {
      let slot = baseSlot + delay[k];
      if (slot >= slots) slot -= slots;
      arrivals[slot * postSize + post[k]] += weight[k];
    }
  }
  return events;
}

/** Records the spikes and traces of step t. */
function record(plan: RecordPlan, population: PopulationState, t: number): void {
  plan.spikes?.pushAll(t, population.spikes, 0, population.spikeCount);
  for (const trace of plan.traces) {
    const read = trace.variable === "v" ? membraneOf : synapticOf;
    const { neurons, values } = trace;
    for (let k = 0; k < neurons.length; k++) values[k][t] = read(population.neurons, neurons[k]);
  }
}

/** Sorts `values[0..count)` ascending in place, drops repeats, returns the new count. */
function sortUnique(values: Int32Array, count: number): number {
  if (count <= 1) return count;
  if (count <= 32) {
    for (let i = 1; i < count; i++) {
      const x = values[i];
      let j = i - 1;
      for (; j >= 0 && values[j] > x; j--) values[j + 1] = values[j];
      values[j + 1] = x;
    }
  } else {
    values.subarray(0, count).sort();
  }
  let unique = 1;
  for (let i = 1; i < count; i++) if (values[i] !== values[unique - 1]) values[unique++] = values[i];
  return unique;
}

/** Per-population state, channels with rings sized by their largest delay, and the routes. */
function buildState(net: Elaborated, dtMs: number, learning: Learning | undefined): { populations: PopulationState[]; inputs: InputState[] } {
  const { tausMs, channelOf } = synapticChannels(net);
  const maxDelay = tausMs.map((taus) => taus.map(() => 0));
  net.projections.forEach((projection, index) => {
    const channel = channelOf[index];
    const { delay } = projection.synapses;
    let largest = maxDelay[projection.post][channel];
    for (let k = 0; k < delay.length; k++) if (delay[k] > largest) largest = delay[k];
    maxDelay[projection.post][channel] = largest;
  });

  const channels = net.populations.map((population: ElaboratedPopulation, p) =>
    tausMs[p].map((tauMs, k): ChannelState => {
      // A neuron spike arrives up to maxDelay + 1 steps ahead of the slot being read.
      const slots = maxDelay[p][k] + 2;
      return { alpha: decayFactor(tauMs, dtMs), arrivals: new Float64Array(slots * population.size), slots };
    }),
  );

  const routesFrom = (kind: "population" | "input", index: number): Route[] =>
    net.projections
      .filter((projection) => projection.pre.kind === kind && projection.pre.index === index)
      .map((projection) => {
        const channel = channels[projection.post][channelOf[projection.index]];
        const { rowStart, post, weight, delay } = projection.synapses;
        return {
          rowStart,
          post,
          weight: learning?.weightsOf(projection.index) ?? weight, // plastic: the run's own copy
          delay,
          arrivals: channel.arrivals,
          slots: channel.slots,
          postSize: net.populations[projection.post].size,
        };
      });

  const populations = net.populations.map(asLif).map(
    (population, p): PopulationState => ({
      id: population.id,
      neurons: createLifFloatState(population.size, channels[p].length, lifFloatFactors(population.params, dtMs), population.initialV, population.initialI),
      alphas: Float64Array.from(channels[p], (channel) => channel.alpha),
      arrivals: channels[p].map((channel) => channel.arrivals),
      slots: Int32Array.from(channels[p], (channel) => channel.slots),
      offsets: new Int32Array(channels[p].length),
      spikes: new Int32Array(population.size),
      spikeCount: 0,
      routes: routesFrom("population", p),
    }),
  );
  const inputs = net.inputs.map(
    (input, i): InputState => ({
      id: input.id,
      size: input.size,
      isExternal: input.kind === "external",
      spikeSteps: input.spikeSteps,
      spikeSources: input.spikeSources,
      cursor: 0,
      injected: new Int32Array(Math.max(1, Math.min(input.size, 64))),
      injectedCount: 0,
      routes: routesFrom("input", i),
    }),
  );
  return { populations, inputs };
}

/**
 * The ranges a LIF network's float state takes on its own inputs (docs/precision.md §4, the
 * "profile" precision mode): the reference simulator runs the network, and the spikes it produces
 * are replayed through the synaptic channels and the membrane of docs/semantics-float.md to
 * measure per population the range of every channel's current I_k and of v − v_reset before the
 * threshold (the recording shows v after the reset, which hides the largest values). The replay
 * follows the reference's equations; its spikes and resets are the reference's own. Plastic
 * projections are replayed at their initial weights.
 */
import type { Elaborated } from "../ir/elaborated.js";
import { asLif } from "../ir/elaborated.js";
import { decayFactor, refractorySteps, synapticChannels } from "../models/lif.js";
import { simulate } from "./simulator.js";

/** A closed interval. */
export interface StateInterval {
  readonly min: number;
  readonly max: number;
}

/** What one population's state did: per requested channel the current, and v − v_reset before the threshold (mV). */
export interface StateRanges {
  readonly population: string;
  readonly current: readonly StateInterval[];
  readonly voltage: StateInterval;
}

/** Per population: the replayed state and the ring of weights due per step, neuron and channel. */
interface Replay {
  readonly size: number;
  readonly channels: number;
  readonly alphas: Float64Array;
  readonly current: Float64Array; // neuron·channels + k
  readonly v: Float64Array;
  readonly held: Int32Array;
  readonly fired: Uint8Array; // the reference's spikes of the step being replayed
  readonly arrivals: Float64Array; // slot·size·channels + neuron·channels + k
  readonly currentMin: Float64Array;
  readonly currentMax: Float64Array;
  voltageMin: number;
  voltageMax: number;
}

/** Runs the reference on `net` (LIF populations only) and measures every population's state ranges. */
export function measureStateRanges(net: Elaborated): StateRanges[] {
  const dtMs = net.network.run.dt;
  const { tausMs, channelOf } = synapticChannels(net);
  let largestDelay = 0;
  for (const projection of net.projections) for (const d of projection.synapses.delay) largestDelay = Math.max(largestDelay, d);
  const slots = largestDelay + 2;
  const replays: Replay[] = net.populations.map((p, index) => {
    const population = asLif(p);
    const channels = tausMs[index].length;
    const current = new Float64Array(population.size * channels);
    if (channels > 0) for (let i = 0; i < population.size; i++) current[i * channels] = population.initialI[i];
    return {
      size: population.size,
      channels,
      alphas: Float64Array.from(tausMs[index], (tau) => decayFactor(tau, dtMs)),
      current,
      v: Float64Array.from(population.initialV),
      held: new Int32Array(population.size),
      fired: new Uint8Array(population.size),
      arrivals: new Float64Array(slots * population.size * channels),
      currentMin: new Float64Array(channels).fill(Infinity),
      currentMax: new Float64Array(channels).fill(-Infinity),
      voltageMin: Infinity,
      voltageMax: -Infinity,
    };
  });
  const outgoing = (kind: "population" | "input", index: number) =>
    net.projections.map((projection, k) => ({ projection, channel: channelOf[k] })).filter(({ projection }) => projection.pre.kind === kind && projection.pre.index === index);
  const fromPopulation = net.populations.map((_, index) => outgoing("population", index));
  const fromInput = net.inputs.map((_, index) => outgoing("input", index));
  const cursors = new Int32Array(net.inputs.length);
  const deliver = (routes: ReturnType<typeof outgoing>, source: number, arrival: number) => {
    for (const { projection, channel } of routes) {
      const replay = replays[projection.post];
      const { rowStart, post, weight, delay } = projection.synapses;
      for (let s = rowStart[source]; s < rowStart[source + 1]; s++) {
        const slot = (arrival + delay[s]) % slots;
        replay.arrivals[(slot * replay.size + post[s]) * replay.channels + channel] += weight[s];
      }
    }
  };

  simulate(net, {
    host: {
      afterStep(t, spikes) {
        // Input spikes of step t arrive at t + d, neuron spikes of step t at t + 1 + d (docs/semantics-float.md).
        net.inputs.forEach((input, i) => {
          for (; cursors[i] < input.spikeSteps.length && input.spikeSteps[cursors[i]] <= t; cursors[i]++) {
            if (input.spikeSteps[cursors[i]] === t) deliver(fromInput[i], input.spikeSources[cursors[i]], t);
          }
        });
        spikes.forEach(({ neurons }, p) => stepPopulation(net, p, replays[p], neurons, t % slots, dtMs));
        spikes.forEach(({ neurons }, p) => {
          for (const neuron of neurons) deliver(fromPopulation[p], neuron, t + 1);
        });
      },
    },
  });

  return replays.map((replay, index) => ({
    population: net.populations[index].id,
    current: Array.from(replay.currentMin, (min, k) => finiteInterval(min, replay.currentMax[k])),
    voltage: finiteInterval(replay.voltageMin, replay.voltageMax),
  }));
}

/** One step of a population's channels and membranes; `spiked` are the reference's spikes of this step. */
function stepPopulation(net: Elaborated, p: number, replay: Replay, spiked: Int32Array, slot: number, dtMs: number): void {
  const { params } = asLif(net.populations[p]);
  const beta = decayFactor(params.tau_m, dtMs);
  const hold = refractorySteps(params.tau_ref, dtMs);
  const { size, channels, alphas, current, v, held, fired, arrivals, currentMin, currentMax } = replay;
  const base = slot * size * channels;
  for (const neuron of spiked) fired[neuron] = 1;
  for (let i = 0; i < size; i++) {
    let sum = 0;
    for (let k = 0; k < channels; k++) {
      const at = i * channels + k;
      current[at] = alphas[k] * current[at] + arrivals[base + at];
      arrivals[base + at] = 0;
      if (current[at] < currentMin[k]) currentMin[k] = current[at];
      if (current[at] > currentMax[k]) currentMax[k] = current[at];
      sum += current[at];
    }
    const spikes = fired[i] === 1;
    fired[i] = 0;
    if (held[i] > 0) {
      held[i]--;
      v[i] = params.v_reset;
      continue;
    }
    v[i] = params.v_rest + beta * (v[i] - params.v_rest) + (1 - beta) * (sum + params.bias);
    const relative = v[i] - params.v_reset;
    if (relative < replay.voltageMin) replay.voltageMin = relative;
    if (relative > replay.voltageMax) replay.voltageMax = relative;
    if (spikes) {
      v[i] = params.v_reset;
      held[i] = hold;
    }
  }
}

/** [min, max], or [0, 0] for a population with no neurons or no channel input. */
const finiteInterval = (min: number, max: number): StateInterval => (min <= max ? { min, max } : { min: 0, max: 0 });

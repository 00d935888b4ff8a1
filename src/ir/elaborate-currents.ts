/**
 * Injected currents → change points (ElaboratedCurrent). Within one input a later segment, pulse
 * or impulse overwrites an earlier one where they overlap; a change point is emitted only where a
 * neuron's value changes (it starts at 0). Never reports user errors: the rules ran before.
 * Time → step: a segment covers steps round(start/dt) … round(stop/dt) − 1; a pulse or impulse
 * starting at t covers round(t/dt) … round(t/dt) + round(duration/dt) − 1. Steps outside
 * [0, steps) are dropped.
 */
import { Rng } from "../util/rng.js";
import type { RunSettings } from "./types.js";
import type { CurrentImpulses, CurrentInput } from "./astro-types.js";
import type { ElaboratedCurrent } from "./elaborated.js";
import { valueSampler } from "./elaborate.js";

/** One "set" window of one neuron; later windows (higher rank) win where they overlap. */
interface Windows {
  neuron: Int32Array;
  start: Int32Array;
  stop: Int32Array;
  value: Float64Array;
  count: number;
}

export function elaborateCurrent(current: CurrentInput, index: number, population: number, size: number, run: RunSettings, steps: number): ElaboratedCurrent {
  const windows = windowsOf(current, size, run, steps);
  return { id: current.id, index, population, ...changePoints(windows, size, steps) };
}

function windowsOf(current: CurrentInput, size: number, run: RunSettings, steps: number): Windows {
  const toStep = (t: number) => Math.round(t / run.dt);
  switch (current.kind) {
    case "steps": {
      const out = makeWindows(current.segments.length * size);
      for (const segment of current.segments) {
        const start = toStep(segment.start);
        const stop = toStep(segment.stop);
        for (let n = 0; n < size; n++) push(out, n, start, stop, segment.values !== undefined ? segment.values[n] : (segment.value ?? 0), steps);
      }
      return out;
    }
    case "pulses": {
      const out = makeWindows(current.neuron.length);
      current.neuron.forEach((n, k) => {
        const start = toStep(current.start[k]);
        push(out, n, start, start + toStep(current.duration[k]), current.amplitude[k], steps);
      });
      return out;
    }
    case "impulses":
      return impulseWindows(current, size, run, steps);
  }
}

/**
 * Per neuron (ascending) `count` impulses: the first starts at draw i of `first`, each next one
 * an exponential interval (−mean·ln U, U in (0, 1]) later. Amplitude value i·count + k belongs to
 * impulse k of neuron i and is drawn even when the impulse starts after the run, so one impulse's
 * draws never shift another's. Streams: ":first", ":interval", ":amplitude".
 */
function impulseWindows(current: CurrentImpulses, size: number, run: RunSettings, steps: number): Windows {
  const stream = (label: string) => Rng.derive(current.seed ?? run.seed, `current:${current.id}:${label}`);
  const first = valueSampler(current.first, stream("first"), size, `first impulse times of current '${current.id}'`);
  const amplitude = valueSampler(current.amplitude, stream("amplitude"), size * current.count, `impulse amplitudes of current '${current.id}'`);
  const interval = stream("interval");
  const length = Math.round(current.duration / run.dt);
  const out = makeWindows(size * current.count);
  for (let n = 0; n < size; n++) {
    let t = 0;
    for (let k = 0; k < current.count; k++) {
      t = k === 0 ? first(n) : t - current.mean_interval * Math.log(interval.nextFloatOpenZero());
      const value = amplitude(n * current.count + k);
      const start = Math.round(t / run.dt);
      if (start < steps) push(out, n, start, start + length, value, steps);
    }
  }
  return out;
}

function makeWindows(capacity: number): Windows {
  return { neuron: new Int32Array(capacity), start: new Int32Array(capacity), stop: new Int32Array(capacity), value: new Float64Array(capacity), count: 0 };
}

/** Adds a window clipped to [0, steps); empty ones are dropped. */
function push(out: Windows, neuron: number, start: number, stop: number, value: number, steps: number): void {
  const from = Math.max(0, start);
  const to = Math.min(steps, stop);
  if (to <= from) return;
  const k = out.count++;
  out.neuron[k] = neuron;
  out.start[k] = from;
  out.stop[k] = to;
  out.value[k] = value;
}

/**
 * Resolves each neuron's windows into the value per interval between their edges (the window of
 * highest rank covering it, else 0) and emits the changes inside the run, sorted by step then neuron.
 */
function changePoints(windows: Windows, size: number, runSteps: number): { step: Int32Array; neuron: Int32Array; value: Float64Array } {
  const count = windows.count;
  // windows grouped by neuron, in rank order within a neuron (counting sort, stable)
  const begin = new Int32Array(size + 1);
  for (let k = 0; k < count; k++) begin[windows.neuron[k] + 1]++;
  for (let n = 0; n < size; n++) begin[n + 1] += begin[n];
  const cursor = begin.slice(0, size);
  const byNeuron = new Int32Array(count);
  for (let k = 0; k < count; k++) byNeuron[cursor[windows.neuron[k]]++] = k;

  const steps: number[] = [];
  const neurons: number[] = [];
  const values: number[] = [];
  const edges = new Float64Array(2 * count);
  for (let n = 0; n < size; n++) {
    const from = begin[n];
    const to = begin[n + 1];
    if (from === to) continue;
    let e = 0;
    for (let m = from; m < to; m++) {
      edges[e++] = windows.start[byNeuron[m]];
      edges[e++] = windows.stop[byNeuron[m]];
    }
    const sorted = edges.subarray(0, e).sort();
    let previous = 0;
    for (let j = 0; j < e; j++) {
      const step = sorted[j];
      if ((j > 0 && step === sorted[j - 1]) || step >= runSteps) continue;
      let value = 0;
      for (let m = to - 1; m >= from; m--) {
        const k = byNeuron[m];
        if (windows.start[k] <= step && step < windows.stop[k]) {
          value = windows.value[k];
          break;
        }
      }
      if (value === previous) continue;
      steps.push(step);
      neurons.push(n);
      values.push(value);
      previous = value;
    }
  }
  const order = Array.from(steps.keys()).sort((a, b) => steps[a] - steps[b] || neurons[a] - neurons[b]);
  const total = order.length;
  const out = { step: new Int32Array(total), neuron: new Int32Array(total), value: new Float64Array(total) };
  order.forEach((k, position) => {
    out.step[position] = steps[k];
    out.neuron[position] = neurons[k];
    out.value[position] = values[k];
  });
  return out;
}

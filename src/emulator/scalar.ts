/**
 * The scalar interpreter: the integer semantics of docs/semantics-integer.md written as plainly
 * as possible, one value at a time, with a map of pending synaptic events. It is the living
 * definition that the fast emulator (emulator.ts) must equal to the bit; speed does not matter
 * here, clarity does. It never shares state-update code with the fast emulator: the
 * per-value helpers of models/lif-fixed.ts and targets/fixed.ts are the equations themselves.
 */
import { isLifVariable } from "../ir/types.js";
import type { HwConfig, HwSymbol } from "../hw/types.js";
import { RECORDING_FORMAT, type PopulationRecording, type Recording, type Trace } from "../hw/recording.js";
import { effectiveWeight } from "../targets/fixed.js";
import { fireAndReset, nextCurrent, nextVoltage, overflowKey } from "../models/lif-fixed.js";
import { assert } from "../util/assert.js";
import { overflowPerPopulation, type CoreState, type EmulateOptions, type EmulationCounts, type EmulationResult } from "./emulator.js";
import type { WeightSnapshot } from "../hw/recording.js";
import { lifSpikesOf, ScalarLearning } from "./learning-scalar.js";
import { coreBaseOf, lifSpikeLayout } from "./learning-sources.js";
import { weightRecordings } from "./learning.js";
import { digitalWeightStore } from "./weight-store.js";
import { CrossbarStore } from "./crossbar-store.js";

/** A synaptic event waiting in the queue: add `weight` to channel `channel` of a compartment. */
interface PendingEvent {
  readonly core: number;
  readonly compartment: number;
  readonly channel: number;
  readonly weight: number;
}

/** State of one compartment. */
interface Compartment {
  readonly u: number[]; // per channel
  v: number;
  vPreReset: number;
  refractoryLeft: number;
  /** Overflow events of this compartment's u (any channel) and v registers. */
  uOverflows: number;
  vOverflows: number;
}

/** Interprets a config step by step, exactly as the semantics document states it. */
export function interpretScalar(config: HwConfig, options: EmulateOptions = {}): EmulationResult {
  const steps = options.steps ?? config.steps;
  const sem = config.semantics;
  const channels = sem.currentChannels;
  const compartmentCount = config.cores.reduce((sum, core) => sum + core.compartments.count, 0);

  // State: every compartment of every core, starting from u0 and v0.
  const state: Compartment[][] = config.cores.map((core) =>
    Array.from({ length: core.compartments.count }, (_, c) => ({
      u: Array.from({ length: channels }, (_, k) => core.compartments.u0[c * channels + k]),
      v: core.compartments.v0[c],
      vPreReset: 0,
      refractoryLeft: 0,
      uOverflows: 0,
      vOverflows: 0,
    })),
  );

  // Source numbering of the routes: compartments of all cores in core order, then input lines.
  const sourceOfCompartment = (core: number, local: number): number => {
    let base = 0;
    for (let i = 0; i < core; i++) base += config.cores[i].compartments.count;
    return base + local;
  };

  // The mantissas spikes read: a copy of the config's, which learning rewrites through the weight store.
  const mantissas = config.cores.map((core) => Array.from(core.synapses.mantissa));
  // On a crossbar, weights are the levels its devices read now (./crossbar-store.ts), asked at every event.
  const crossbar = config.crossbar !== undefined ? new CrossbarStore(config) : undefined;
  const learning = config.learning === undefined
    ? undefined
    : new ScalarLearning(
      config.learning,
      lifSpikeLayout(config, coreBaseOf(config)),
      crossbar ?? (options.weightStore ?? digitalWeightStore)(config, { setMantissa: (core, index, mantissa) => (mantissas[core][index] = mantissa) }),
    );
  const weightSnapshots: WeightSnapshot[][] = (config.learning?.projections ?? []).map(() => []);
  const dumpWeights = (step: number) => learning!.snapshot(step).forEach((snapshot, k) => weightSnapshots[k].push(snapshot));

  // The event queue: arrival step → events due then.
  const pending = new Map<number, PendingEvent[]>();
  let synapticEvents = 0;
  const send = (source: number, arrivalBeforeDelay: number): void => {
    for (let r = config.routes.rowStart[source]; r < config.routes.rowStart[source + 1]; r++) {
      const coreIndex = config.routes.core[r];
      const core = config.cores[coreIndex];
      const axon = config.routes.axon[r];
      crossbar?.readRow(coreIndex, axon);
      for (let s = core.synapses.rowStart[axon]; s < core.synapses.rowStart[axon + 1]; s++) {
        const format = core.formats[core.synapses.format[s]];
        const event: PendingEvent = {
          core: coreIndex,
          compartment: core.synapses.target[s],
          channel: format.channel,
          weight: crossbar !== undefined ? crossbar.effectiveWeight(coreIndex, s) : effectiveWeight(mantissas[coreIndex][s], format, sem.weight),
        };
        const due = arrivalBeforeDelay + core.synapses.delay[s];
        const queue = pending.get(due) ?? [];
        queue.push(event);
        pending.set(due, queue);
        synapticEvents++;
      }
    }
  };

  // External lines the host may inject.
  const externalLines = new Map<string, Int32Array>();
  for (const symbol of config.symbols) if (symbol.kind === "input" && symbol.external === true) externalLines.set(symbol.id, symbol.local);

  const overflow = { u: 0, v: 0 };
  let spikeCount = 0;
  const recorder = new PlainRecorder(config, options.recordPreReset === true);
  const isDumped = (t: number): boolean => options.weightSteps?.includes(t) === true || t === steps - 1;
  let ran = steps; // steps run: fewer when the host ends the run early

  for (let t = 0; t < steps; t++) {
    // Input lines that fire at t: the config's schedule and the host's injections, each line once.
    const lines: number[] = [];
    const fire = (line: number) => {
      if (!lines.includes(line)) lines.push(line);
    };
    for (let i = 0; i < config.inputs.spikeSteps.length; i++) if (config.inputs.spikeSteps[i] === t) fire(config.inputs.spikeLines[i]);
    options.host?.beforeStep?.(t, (input, index) => {
      const symbolLines = externalLines.get(input);
      if (symbolLines === undefined) throw new RangeError(`Input '${input}' is not an external input of this config.`);
      if (!Number.isInteger(index) || index < 0 || index >= symbolLines.length) {
        throw new RangeError(`Index ${index} is outside external input '${input}' of size ${symbolLines.length}.`);
      }
      fire(symbolLines[index]);
    });
    for (const line of lines) send(compartmentCount + line, t + sem.latency.input);

    // 1. The input of step t: the sum of the weights of the events due now, per compartment and channel.
    const input = config.cores.map((core) => Array.from({ length: core.compartments.count }, () => new Array<number>(channels).fill(0)));
    for (const event of pending.get(t) ?? []) input[event.core][event.compartment][event.channel] += event.weight;
    pending.delete(t);

    const fired: { core: number; local: number }[] = [];
    config.cores.forEach((core, coreIndex) => {
      const p = core.compartments;
      state[coreIndex].forEach((cell, c) => {
        // 2. Currents: decay (skipped at step 0 with "carry"), add the input, apply u's overflow rule.
        for (let k = 0; k < channels; k++) {
          const next = nextCurrent(cell.u[k], p.du[c * channels + k], input[coreIndex][c][k], t, sem);
          if (next.overflowed) {
            overflow.u++;
            cell.uOverflows++;
          }
          cell.u[k] = next.value;
        }
        // 3. Voltage: held while refractory, else decay + Σ currents + bias, then v's overflow rule.
        if (cell.refractoryLeft > 0) {
          cell.refractoryLeft -= 1;
          cell.vPreReset = cell.v;
          return;
        }
        const currentSum = cell.u.reduce((a, b) => a + b, 0);
        const next = nextVoltage(cell.v, p.dv[c], currentSum, p.biasMant[c], p.biasExp[c], sem);
        if (next.overflowed) {
          overflow.v++;
          cell.vOverflows++;
        }
        cell.v = next.value;
        cell.vPreReset = cell.v;
        // 4. Threshold and reset: one spike and v = 0, or ("subtract") n spikes and v -= n·vth; n entries in `fired`.
        const { spikes, v } = fireAndReset(cell.v, p.vthMant[c], sem);
        cell.v = v;
        if (spikes > 0 && sem.reset !== "subtract") cell.refractoryLeft = p.refractory[c];
        for (let n = 0; n < spikes; n++) fired.push({ core: coreIndex, local: c });
      });
    });
    spikeCount += fired.length;

    // 5a. Learning, between the update and the delivery of this step's spikes.
    learning?.step(t, lifSpikesOf(config, lines, fired));

    // 5. Route this step's spikes: they arrive at t + latency.neuron + delay.
    for (const { core, local } of fired) send(sourceOfCompartment(core, local), t + sem.latency.neuron);

    recorder.sample(t, state, lines, fired);
    if (learning !== undefined && isDumped(t)) dumpWeights(t);
    if (options.host?.afterStep !== undefined) options.host.afterStep(t, recorder.hostSpikes(fired));
    if (options.onProgress !== undefined) options.onProgress(t + 1, steps);
    // The host ends the run after step t: t is the last step run, dumped like a final step.
    if (options.host?.finished?.(t) === true) {
      if (learning !== undefined && !isDumped(t)) dumpWeights(t);
      ran = t + 1;
      break;
    }
  }

  const overflowCounts = { [overflowKey("u", sem.u)]: overflow.u, [overflowKey("v", sem.v)]: overflow.v };
  const finalState: CoreState[] = state.map((cells) => ({
    u: Float64Array.from(cells.flatMap((cell) => cell.u)),
    v: Float64Array.from(cells.map((cell) => cell.v)),
    refractoryLeft: Int32Array.from(cells.map((cell) => cell.refractoryLeft)),
  }));
  const counts: EmulationCounts = { steps: ran, neuronUpdates: ran * compartmentCount, synapticEvents, spikes: spikeCount, ...(crossbar !== undefined ? { crossbar: crossbar.counts() } : {}) };
  const recording = recorder.finish(ran, overflowCounts);
  return {
    recording: learning === undefined ? recording : { ...recording, weights: weightRecordings(config, weightSnapshots) },
    counts: learning === undefined
      ? counts
      : { ...counts, learningTraceUpdates: learning.traceUpdates, learningSynapseUpdates: learning.synapseUpdates, weightWrites: learning.weightWrites },
    overflow: overflowCounts,
    overflowByPopulation: overflowPerPopulation(config, (core, local) => [state[core][local].uOverflows, state[core][local].vOverflows]),
    finalState,
  };
}

/** Collects the recorded spikes and traces in plain arrays, then builds the Recording. */
class PlainRecorder {
  private readonly entries: {
    symbol: HwSymbol;
    spikes?: [number, number][];
    traces: { variable: "v" | "i_syn" | "v_pre_reset"; neurons: number[]; samples: number[][]; scale: number; offset: number; unit: string }[];
  }[] = [];

  constructor(private readonly config: HwConfig, recordPreReset: boolean) {
    for (const spec of config.record) {
      const symbol = config.symbols.find((s) => s.id === spec.population);
      assert(symbol !== undefined, `record names unknown symbol '${spec.population}'`);
      let entry = this.entries.find((e) => e.symbol === symbol);
      if (entry === undefined) {
        entry = { symbol, traces: [] };
        this.entries.push(entry);
      }
      if (spec.spikes && entry.spikes === undefined) entry.spikes = [];
      const variables: ("v" | "i_syn" | "v_pre_reset")[] = spec.state.filter(isLifVariable);
      if (recordPreReset && spec.state.includes("v")) variables.push("v_pre_reset");
      for (const variable of variables) {
        const names = variable === "i_syn" ? ["i_syn", "u"] : ["v"];
        const scale = names.map((name) => config.scales.find((s) => s.population === symbol.id && s.variable === name)).find((s) => s !== undefined);
        assert(scale !== undefined, `config has no scale for ${symbol.id}.${variable}`);
        entry.traces.push({ variable, neurons: [...spec.neurons], samples: spec.neurons.length ? [...spec.neurons].map(() => []) : [], scale: scale.scale, offset: scale.offset, unit: scale.unit });
      }
    }
  }

  sample(t: number, state: Compartment[][], lines: readonly number[], fired: readonly { core: number; local: number }[]): void {
    const channels = this.config.semantics.currentChannels;
    for (const { symbol, spikes, traces } of this.entries) {
      if (spikes !== undefined) {
        // A neuron that emitted n spikes in the step is entered n times.
        for (let i = 0; i < symbol.size; i++) {
          const times = symbol.kind === "population"
            ? fired.filter((f) => f.core === symbol.core[i] && f.local === symbol.local[i]).length
            : lines.includes(symbol.local[i]) ? 1 : 0;
          for (let n = 0; n < times; n++) spikes.push([t, i]);
        }
      }
      for (const trace of traces) {
        trace.neurons.forEach((neuron, k) => {
          const cell = state[symbol.core[neuron]][symbol.local[neuron]];
          const value = trace.variable === "v" ? cell.v : trace.variable === "v_pre_reset" ? cell.vPreReset : cell.u.slice(0, channels).reduce((a, b) => a + b, 0);
          trace.samples[k].push(value);
        });
      }
    }
  }

  hostSpikes(fired: readonly { core: number; local: number }[]): { population: string; neurons: Int32Array }[] {
    return this.config.symbols
      .filter((s) => s.kind === "population")
      .map((symbol) => {
        const neurons: number[] = [];
        for (let i = 0; i < symbol.size; i++) for (const f of fired) if (f.core === symbol.core[i] && f.local === symbol.local[i]) neurons.push(i);
        return { population: symbol.id, neurons: Int32Array.from(neurons) };
      });
  }

  finish(steps: number, overflow: Record<string, number>): Recording {
    const populations: PopulationRecording[] = this.entries.map(({ symbol, spikes, traces }) => ({
      id: symbol.id,
      size: symbol.size,
      ...(spikes !== undefined
        ? { spikes: { step: Int32Array.from(spikes.map(([s]) => s)), neuron: Int32Array.from(spikes.map(([, n]) => n)) } }
        : {}),
      traces: traces.map((trace): Trace => {
        const raw = trace.samples.map((samples) => Float64Array.from(samples));
        return {
          variable: trace.variable,
          unit: trace.unit,
          neurons: Int32Array.from(trace.neurons),
          values: raw.map((r) => r.map((x) => trace.offset + x / trace.scale)),
          raw,
          scale: trace.scale,
          offset: trace.offset,
        };
      }),
    }));
    return { format: RECORDING_FORMAT, source: "emulator", dtMs: this.config.dtMs, steps, populations, overflow };
  }
}

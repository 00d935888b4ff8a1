/**
 * The fast, event-driven, bit-accurate emulator of an emitted HwConfig (docs/semantics-integer.md).
 * It reads the config and nothing else, and must equal the scalar interpreter (scalar.ts) to the
 * bit. Per core: one record array of compartment state and parameters, stepped by a kernel chosen
 * once for the semantics in force (models/lif-fixed.ts). For all cores together: one delay ring of
 * (largest delay + largest latency + 1) slots × compartments × channels, and one synapse table of
 * (ring offset, effective weight) pairs computed at load, which each route indexes by range.
 * Nothing is allocated per step or per event (recording buffers grow by doubling only past the
 * announced step count).
 * It relies on the config codec's validation; what it indexes by is re-checked once by assert().
 */
import { isLifVariable } from "../ir/types.js";
import type { HwConfig, HwCore, HwSymbol, SynapseFormat } from "../hw/types.js";
import type { LifSemantics } from "../targets/types.js";
import type { Host, Progress } from "../hw/host.js";
import { RECORDING_FORMAT, type PopulationRecording, type Recording, type Trace } from "../hw/recording.js";
import { effectiveWeight } from "../targets/fixed.js";
import {
  comparedVoltageOf,
  createLifCore,
  currentOf,
  kernelConstants,
  overflowKey,
  refractoryLeftOf,
  selectLifKernel,
  voltageOf,
  type LifCoreState,
  type LifKernel,
  type LifKernelConstants,
  type OverflowCounters,
} from "../models/lif-fixed.js";
import { assert } from "../util/assert.js";
import { SpikeBuffer } from "../hw/spike-buffer.js";
import type { WeightSnapshot } from "../hw/recording.js";
import { LearningEngine, weightRecordings } from "./learning.js";
import { lifSpikeLayout } from "./learning-sources.js";
import { digitalWeightStore, type WeightStoreFactory } from "./weight-store.js";
import { bindSynapseTable, CrossbarStore, type CrossbarCounts } from "./crossbar-store.js";

/** Options of one emulation run. */
export interface EmulateOptions {
  /** Steps to run; default config.steps. */
  readonly steps?: number;
  /** Closed-loop host: feeds external input lines and sees every step's spikes. */
  readonly host?: Host;
  readonly onProgress?: Progress;
  /** Also record a "v_pre_reset" trace (the value compared with the threshold) next to every "v" trace. */
  readonly recordPreReset?: boolean;
  /** Steps at whose end plastic weights are dumped (Recording.weights); the last step run is always dumped. */
  readonly weightSteps?: readonly number[];
  /** Where plastic weights live; default digital synapse memory (./weight-store.ts). */
  readonly weightStore?: WeightStoreFactory;
}

/** Event counts of a run (the energy model reads them). */
export interface EmulationCounts {
  readonly steps: number;
  /** Compartment updates: compartments × steps (refractory compartments still update u). */
  readonly neuronUpdates: number;
  /** Synapse traversals: one per spike per synapse of the rows it reaches. */
  readonly synapticEvents: number;
  /** Spikes of compartments (input-line spikes not included). */
  readonly spikes: number;
  /** Configs that learn: trace decays (of nonzero traces) and trace increments. */
  readonly learningTraceUpdates?: number;
  /** Configs that learn: synapse updates at pre and post spikes, gate spikes and epoch ends (LearningCounts.synapseUpdates). */
  readonly learningSynapseUpdates?: number;
  /** Configs that learn: weights written at epoch ends. */
  readonly weightWrites?: number;
  /** Crossbar configs: row reads, ADC conversions, programming pulses and their energy. */
  readonly crossbar?: CrossbarCounts;
}

/** Final state of one core: u per compartment and channel (c·channels + k), v, refractory steps left. */
export interface CoreState {
  readonly u: Float64Array;
  readonly v: Float64Array;
  readonly refractoryLeft: Int32Array;
}

/** What a run returns; the fast emulator and the scalar interpreter return the same shape. */
export interface EmulationResult {
  readonly recording: Recording;
  readonly counts: EmulationCounts;
  /** Overflow events per register and rule: "u.wrap", "v.saturate", "u.out-of-range" (rule "none"). */
  readonly overflow: Readonly<Record<string, number>>;
  /**
   * LIF configs: the same counts per population (the config's population symbols), keyed like
   * `overflow`; every population appears, with zeros when nothing overflowed.
   */
  readonly overflowByPopulation?: OverflowByPopulation;
  readonly finalState: readonly CoreState[];
}

/** Overflow events per population id, then per register and rule ("u.wrap", "v.saturate", …). */
export type OverflowByPopulation = Readonly<Record<string, Readonly<Record<string, number>>>>;

/**
 * Sums per-compartment overflow pairs (u events at 2g, v events at 2g + 1 of global compartment
 * g, as `counts(g)` gives them) per population symbol. The fast emulator and the scalar
 * interpreter both report through it, so their keys and population order agree.
 */
export function overflowPerPopulation(config: HwConfig, counts: (core: number, local: number) => readonly [number, number]): OverflowByPopulation {
  const sem = config.semantics;
  const uKey = overflowKey("u", sem.u);
  const vKey = overflowKey("v", sem.v);
  const result: Record<string, Record<string, number>> = {};
  for (const symbol of config.symbols) {
    if (symbol.kind !== "population") continue;
    let u = 0;
    let v = 0;
    for (let i = 0; i < symbol.size; i++) {
      const [du, dv] = counts(symbol.core[i], symbol.local[i]);
      u += du;
      v += dv;
    }
    result[symbol.id] = { [uKey]: u, [vKey]: v };
  }
  return result;
}

/** One core's run-time data: its compartment records and the kernel that steps them. */
interface CoreRuntime {
  readonly compartments: LifCoreState;
  readonly update: LifKernel; // chosen once for the semantics in force and the core's parameters
  readonly inputBase: number; // where the core's compartments start in a slot of the ring
  readonly overflow: OverflowCounters; // per compartment: u events at 2c, v events at 2c + 1
}

/** One recorded state variable of one population: raw samples per neuron. */
interface TraceBuffer {
  readonly population: string;
  readonly variable: "v" | "i_syn" | "v_pre_reset";
  readonly neurons: Int32Array;
  readonly core: Int32Array; // per traced neuron
  readonly local: Int32Array;
  raw: Float64Array[];
  readonly scale: number;
  readonly offset: number;
  readonly unit: string;
}

/** The incremental emulator: construct once, call step() per time step (closed-loop hosts), read state. */
export class Emulator {
  readonly config: HwConfig;
  private readonly kernel: LifKernelConstants;
  private readonly cores: CoreRuntime[];
  private readonly coreBase: Int32Array; // first global source of each core; [cores] = compartment total
  private readonly compartmentTotal: number;
  private readonly slots: number;
  /** Input due per slot, compartment (all cores, in core order) and channel: slot·ringStride + global·channels + k. */
  private readonly ring: Float64Array;
  private readonly ringStride: number;
  /** Per synapse (all cores): [ring offset relative to the arrival slot, effective weight] pairs. */
  private readonly synapses: Int32Array;
  /** Per route: its synapses' range in `synapses` (pair entries, so twice the synapse index). */
  private readonly routeStart: Int32Array;
  private readonly routeEnd: Int32Array;
  private readonly synapseBase: Int32Array; // first pair entry of each core's synapses in `synapses`
  private readonly crossbar: CrossbarStore | undefined; // weights read from memristor devices (./crossbar-store.ts)
  private readonly learning?: LearningEngine;
  private readonly weightSteps: ReadonlySet<number>;
  private readonly weightSnapshots: WeightSnapshot[][] = [];
  private readonly latencyNeuron: number;
  private readonly latencyInput: number;
  private readonly fired: Int32Array;
  private readonly spiked: Int32Array; // global compartment ids that fired this step
  private spikedCount = 0;
  private readonly lineStamp: Int32Array; // last step each input line fired
  private readonly stepLines: Int32Array;
  private stepLineCount = 0;
  private inputCursor = 0;
  private readonly external = new Map<string, Int32Array>();
  private t = 0;
  private synapticEvents = 0;
  private spikeCount = 0;

  // recording
  private readonly recordSymbols: { symbol: HwSymbol; spikes?: SpikeBuffer; traces: TraceBuffer[] }[] = [];
  private readonly spikeBuffers: SpikeBuffer[] = [];
  private readonly compartmentRecorder: Int32Array; // global compartment → spike buffer index or -1
  private readonly compartmentNeuron: Int32Array; // global compartment → index in its population
  private readonly compartmentPopulation: Int32Array; // global compartment → host population slot or -1
  private readonly lineRecorder: Int32Array;
  private readonly lineElement: Int32Array;
  private readonly traces: TraceBuffer[] = [];
  private capacity: number;

  // host
  private readonly hostPopulations: { population: string; neurons: Int32Array; count: number }[] = [];
  private readonly hostSpikes: { population: string; neurons: Int32Array }[] = [];
  private readonly inject: (input: string, index: number) => void;

  constructor(
    config: HwConfig,
    options: { readonly steps?: number; readonly recordPreReset?: boolean; readonly weightSteps?: readonly number[]; readonly weightStore?: WeightStoreFactory } = {},
  ) {
    this.config = config;
    const sem = config.semantics;
    const channels = sem.currentChannels;
    this.kernel = kernelConstants(sem);
    this.latencyNeuron = sem.latency.neuron;
    this.latencyInput = sem.latency.input;
    assert(this.latencyNeuron >= 1, "neuron spike latency must be at least 1 step");

    this.coreBase = new Int32Array(config.cores.length + 1);
    config.cores.forEach((core, i) => {
      assert(core.index === i, `core ${i} carries index ${core.index}`);
      this.coreBase[i + 1] = this.coreBase[i] + core.compartments.count;
    });
    this.compartmentTotal = this.coreBase[config.cores.length];
    const lineCount = config.inputs.lineCount;
    assert(config.routes.sourceCount === this.compartmentTotal + lineCount, "routes must cover every compartment and input line");
    assert(config.routes.rowStart.length === config.routes.sourceCount + 1, "routes.rowStart has sourceCount + 1 entries");
    this.ringStride = this.compartmentTotal * channels;
    const synapseBase = new Int32Array(config.cores.length + 1); // first pair entry of each core's synapses
    config.cores.forEach((core, i) => {
      synapseBase[i + 1] = synapseBase[i] + 2 * core.synapses.target.length;
    });
    this.synapseBase = synapseBase;
    this.synapses = new Int32Array(synapseBase[config.cores.length]);
    let largestDelay = 0;
    config.cores.forEach((core, i) => {
      const coreDelay = loadSynapses(core, channels, this.ringStride, this.coreBase[i] * channels, sem.weight, this.synapses, synapseBase[i]);
      largestDelay = Math.max(largestDelay, coreDelay);
    });
    this.crossbar = config.crossbar !== undefined ? bindSynapseTable(new CrossbarStore(config), this.synapses, synapseBase, config.cores) : undefined;
    this.cores = config.cores.map((core) => this.loadCore(core, channels));
    this.slots = largestDelay + Math.max(this.latencyNeuron, this.latencyInput) + 1;
    assert(this.slots * this.ringStride < 2 ** 31, "the delay ring needs more than 2^31 entries");
    this.ring = new Float64Array(this.slots * this.ringStride);

    this.routeStart = new Int32Array(config.routes.core.length);
    this.routeEnd = new Int32Array(config.routes.core.length);
    for (let r = 0; r < config.routes.core.length; r++) {
      // Checked before a message is built: a template literal per route costs more than the check.
      const core = config.routes.core[r];
      if (!(core >= 0 && core < config.cores.length)) assert(false, `route ${r} names core ${core}`);
      const axon = config.routes.axon[r];
      const { rowStart, axonCount } = config.cores[core].synapses;
      if (!(axon >= 0 && axon < axonCount)) assert(false, `route ${r} names a missing axon`);
      this.routeStart[r] = synapseBase[core] + 2 * rowStart[axon];
      this.routeEnd[r] = synapseBase[core] + 2 * rowStart[axon + 1];
    }

    let largestCore = 0;
    for (const core of config.cores) largestCore = Math.max(largestCore, core.compartments.count);
    // A compartment that emits n spikes in a step (reset "subtract") is listed n times.
    this.fired = new Int32Array(largestCore * this.kernel.spikeCap);
    this.spiked = new Int32Array(this.compartmentTotal * this.kernel.spikeCap);

    const { spikeSteps, spikeLines } = config.inputs;
    assert(spikeSteps.length === spikeLines.length, "inputs: spikeSteps and spikeLines differ in length");
    for (let i = 0; i < spikeSteps.length; i++) {
      assert(i === 0 || spikeSteps[i - 1] <= spikeSteps[i], "inputs must be sorted by step");
      if (!(spikeLines[i] >= 0 && spikeLines[i] < lineCount)) assert(false, `input spike ${i} names line ${spikeLines[i]}`);
    }
    while (this.inputCursor < spikeSteps.length && spikeSteps[this.inputCursor] < 0) this.inputCursor++;
    this.lineStamp = new Int32Array(lineCount).fill(-1);
    this.stepLines = new Int32Array(lineCount);

    this.compartmentRecorder = new Int32Array(this.compartmentTotal).fill(-1);
    this.compartmentNeuron = new Int32Array(this.compartmentTotal).fill(-1);
    this.compartmentPopulation = new Int32Array(this.compartmentTotal).fill(-1);
    this.lineRecorder = new Int32Array(lineCount).fill(-1);
    this.lineElement = new Int32Array(lineCount).fill(-1);
    for (const symbol of config.symbols) {
      if (symbol.kind === "population") {
        const slot = this.hostPopulations.length;
        this.hostPopulations.push({ population: symbol.id, neurons: new Int32Array(symbol.size * this.kernel.spikeCap), count: 0 });
        for (let i = 0; i < symbol.size; i++) {
          const g = this.globalOf(symbol.core[i], symbol.local[i]);
          this.compartmentNeuron[g] = i;
          this.compartmentPopulation[g] = slot;
        }
      } else {
        for (let i = 0; i < symbol.size; i++) {
          const line = symbol.local[i];
          if (!(line >= 0 && line < lineCount)) assert(false, `input '${symbol.id}' element ${i} names line ${line}`);
          this.lineElement[line] = i;
        }
        if (symbol.external === true) this.external.set(symbol.id, symbol.local);
      }
    }
    this.hostSpikes = this.hostPopulations.map((p) => ({ population: p.population, neurons: p.neurons.subarray(0, 0) }));

    this.capacity = Math.max(1, options.steps ?? config.steps);
    this.setUpRecording(options.recordPreReset === true);

    this.weightSteps = new Set(options.weightSteps ?? []);
    if (config.learning !== undefined) {
      // Every write reaches the synapse table: the next spike through the synapse carries it.
      const store = this.crossbar ?? (options.weightStore ?? digitalWeightStore)(config, {
        setMantissa: (core, index, mantissa) => {
          const c = config.cores[core];
          this.synapses[this.synapseBase[core] + 2 * index + 1] = weightAsInt32(mantissa, c.formats[c.synapses.format[index]], sem.weight);
        },
      });
      this.learning = new LearningEngine(config.learning, lifSpikeLayout(config, this.coreBase), store);
      this.weightSnapshots = config.learning.projections.map(() => []);
    }

    this.inject = (input, index) => {
      const lines = this.external.get(input);
      if (lines === undefined) throw new RangeError(`Input '${input}' is not an external input of this config.`);
      if (!Number.isInteger(index) || index < 0 || index >= lines.length) {
        throw new RangeError(`Index ${index} is outside external input '${input}' of size ${lines.length}.`);
      }
      this.addLine(lines[index]);
    };
  }

  /** Steps run so far (the index of the next step). */
  get stepsDone(): number {
    return this.t;
  }

  /** Runs one time step: input lines, compartment updates, spike routing, recording, host callbacks (the caller asks `host.finished`). */
  step(host?: Host): void {
    const t = this.t;
    const { spikeSteps, spikeLines } = this.config.inputs;
    this.stepLineCount = 0;
    while (this.inputCursor < spikeSteps.length && spikeSteps[this.inputCursor] === t) {
      this.addLine(spikeLines[this.inputCursor++]);
    }
    host?.beforeStep?.(t, this.inject);
    if (t === this.capacity) this.grow();

    for (let i = 0; i < this.stepLineCount; i++) {
      const line = this.stepLines[i];
      this.deliver(this.compartmentTotal + line, t + this.latencyInput);
      const recorder = this.lineRecorder[line];
      if (recorder >= 0) this.spikeBuffers[recorder].push(t, this.lineElement[line]);
    }

    this.spikedCount = 0;
    const slotBase = (t % this.slots) * this.ringStride;
    for (let ci = 0; ci < this.cores.length; ci++) {
      const core = this.cores[ci];
      const n = core.update(core.compartments, this.kernel, this.ring, slotBase + core.inputBase, t, this.fired, core.overflow);
      const base = this.coreBase[ci];
      for (let i = 0; i < n; i++) this.spiked[this.spikedCount++] = base + this.fired[i];
    }
    this.spikeCount += this.spikedCount;
    // Learning sees this step's spikes before they are delivered, so a weight written now carries them.
    this.learning?.step(t, this.spiked, this.spikedCount, this.stepLines, this.stepLineCount);

    for (let i = 0; i < this.spikedCount; i++) {
      const g = this.spiked[i];
      this.deliver(g, t + this.latencyNeuron);
      const recorder = this.compartmentRecorder[g];
      if (recorder >= 0) this.spikeBuffers[recorder].push(t, this.compartmentNeuron[g]);
    }
    for (const buffer of this.spikeBuffers) buffer.sortStep();
    this.sampleTraces(t);
    if (this.learning !== undefined && this.weightSteps.has(t)) this.snapshotWeights(t);
    if (host?.afterStep !== undefined) host.afterStep(t, this.collectHostSpikes());
    this.t = t + 1;
  }

  /** Raw membrane voltage of a compartment. */
  voltage(core: number, local: number): number {
    return voltageOf(this.cores[core].compartments, local);
  }

  /** Raw current of a compartment: one channel, or the sum over channels when `channel` is omitted. */
  current(core: number, local: number, channel?: number): number {
    const compartments = this.cores[core].compartments;
    if (channel !== undefined) return currentOf(compartments, local, channel);
    let sum = 0;
    for (let k = 0; k < compartments.channels; k++) sum += currentOf(compartments, local, k);
    return sum;
  }

  /** Steps a compartment's voltage is still held. */
  refractoryLeft(core: number, local: number): number {
    return refractoryLeftOf(this.cores[core].compartments, local);
  }

  /** A copy of every core's state. */
  state(): CoreState[] {
    return this.cores.map(({ compartments: cm }) => ({
      u: Float64Array.from({ length: cm.count * cm.channels }, (_, j) => currentOf(cm, Math.floor(j / cm.channels), j % cm.channels)),
      v: Float64Array.from({ length: cm.count }, (_, c) => voltageOf(cm, c)),
      refractoryLeft: Int32Array.from({ length: cm.count }, (_, c) => refractoryLeftOf(cm, c)),
    }));
  }

  /** Event counts of the steps run so far. */
  counts(): EmulationCounts {
    const counts = { steps: this.t, neuronUpdates: this.t * this.compartmentTotal, synapticEvents: this.synapticEvents, spikes: this.spikeCount, ...(this.crossbar !== undefined ? { crossbar: this.crossbar.counts() } : {}) };
    if (this.learning === undefined) return counts;
    const learning = this.learning.counts();
    return { ...counts, learningTraceUpdates: learning.traceUpdates, learningSynapseUpdates: learning.synapseUpdates, weightWrites: learning.weightWrites };
  }

  /** Overflow events so far, per register and rule. */
  overflow(): Record<string, number> {
    const sem = this.config.semantics;
    let u = 0;
    let v = 0;
    for (const { overflow } of this.cores) {
      for (let i = 0; i < overflow.length; i += 2) {
        u += overflow[i];
        v += overflow[i + 1];
      }
    }
    return { [overflowKey("u", sem.u)]: u, [overflowKey("v", sem.v)]: v };
  }

  /** Overflow events so far per population, per register and rule. */
  overflowByPopulation(): OverflowByPopulation {
    return overflowPerPopulation(this.config, (core, local) => {
      const overflow = this.cores[core].overflow;
      return [overflow[2 * local], overflow[2 * local + 1]];
    });
  }

  /** The recording of the steps run so far. */
  recording(): Recording {
    const populations: PopulationRecording[] = this.recordSymbols.map(({ symbol, spikes, traces }) => ({
      id: symbol.id,
      size: symbol.size,
      ...(spikes !== undefined ? { spikes: spikes.toTrain() } : {}),
      traces: traces.map((trace) => this.finishTrace(trace)),
    }));
    return {
      format: RECORDING_FORMAT,
      source: "emulator",
      dtMs: this.config.dtMs,
      steps: this.t,
      populations,
      overflow: this.overflow(),
      ...(this.learning !== undefined ? { weights: this.weightRecording() } : {}),
    };
  }

  private snapshotWeights(t: number): void {
    for (const { projection, snapshot } of this.learning!.snapshot(t)) this.weightSnapshots[projection].push(snapshot);
  }

  /** The dumped snapshots, plus the last step run when it was not dumped already. */
  private weightRecording() {
    const last = this.t - 1;
    const snapshots = this.weightSnapshots.map((list) => [...list]);
    if (last >= 0 && !this.weightSteps.has(last)) {
      for (const { projection, snapshot } of this.learning!.snapshot(last)) snapshots[projection].push(snapshot);
    }
    return weightRecordings(this.config, snapshots);
  }

  /** Recording, counts, overflow and a copy of the state, as emulate() returns them. */
  result(): EmulationResult {
    return { recording: this.recording(), counts: this.counts(), overflow: this.overflow(), overflowByPopulation: this.overflowByPopulation(), finalState: this.state() };
  }

  private globalOf(core: number, local: number): number {
    if (!(core >= 0 && core < this.config.cores.length)) assert(false, `symbol names core ${core}`);
    if (!(local >= 0 && local < this.config.cores[core].compartments.count)) assert(false, `symbol names compartment ${local} of core ${core}`);
    return this.coreBase[core] + local;
  }

  private loadCore(core: HwCore, channels: number): CoreRuntime {
    const sem = this.config.semantics;
    const cm = core.compartments;
    const n = cm.count;
    for (const [name, array, length] of [
      ["du", cm.du, n * channels], ["u0", cm.u0, n * channels], ["dv", cm.dv, n], ["vthMant", cm.vthMant, n],
      ["biasMant", cm.biasMant, n], ["biasExp", cm.biasExp, n], ["refractory", cm.refractory, n], ["v0", cm.v0, n],
    ] as const) {
      assert(array.length === length, `core ${core.index}: ${name} has ${array.length} entries, expected ${length}`);
    }
    const compartments = createLifCore(cm, sem);
    return { compartments, update: selectLifKernel(this.kernel, compartments), inputBase: this.coreBase[core.index] * channels, overflow: new Float64Array(2 * n) };
  }

  private addLine(line: number): void {
    if (this.lineStamp[line] === this.t) return; // a line fires at most once per step
    this.lineStamp[line] = this.t;
    this.stepLines[this.stepLineCount++] = line;
  }

  /**
   * Adds the effective weights of every synapse reached from `source` into the ring, due at
   * arrival + delay. The arrival slot is at most slots - 1 and a delay at most slots - 1 (the
   * ring has largest delay + latency + 1 slots), so one subtraction wraps the position.
   */
  private deliver(source: number, arrival: number): void {
    const { ring, synapses, routeStart, routeEnd } = this;
    const rowStart = this.config.routes.rowStart;
    const base = (arrival % this.slots) * this.ringStride;
    const length = ring.length;
    let entries = 0;
    for (let r = rowStart[source], rEnd = rowStart[source + 1]; r < rEnd; r++) {
      const start = routeStart[r];
      const end = routeEnd[r];
      if (this.crossbar !== undefined) this.crossbar.readRow(this.config.routes.core[r], this.config.routes.axon[r]);
      for (let i = start; i < end; i += 2) {
        let at = base + synapses[i];
        if (at >= length) at -= length;
        ring[at] += synapses[i + 1];
      }
      entries += end - start;
    }
    this.synapticEvents += entries / 2;
  }

  private setUpRecording(recordPreReset: boolean): void {
    const symbols = new Map(this.config.symbols.map((s) => [s.id, s]));
    for (const spec of this.config.record) {
      const symbol = symbols.get(spec.population);
      assert(symbol !== undefined, `record names unknown symbol '${spec.population}'`);
      let entry = this.recordSymbols.find((e) => e.symbol === symbol);
      if (entry === undefined) {
        entry = { symbol, traces: [] };
        this.recordSymbols.push(entry);
      }
      if (spec.spikes && entry.spikes === undefined) {
        const index = this.spikeBuffers.length;
        entry.spikes = new SpikeBuffer();
        this.spikeBuffers.push(entry.spikes);
        for (let i = 0; i < symbol.size; i++) {
          if (symbol.kind === "population") this.compartmentRecorder[this.coreBase[symbol.core[i]] + symbol.local[i]] = index;
          else this.lineRecorder[symbol.local[i]] = index;
        }
      }
      if (spec.state.length === 0) continue;
      assert(symbol.kind === "population", `record asks for state of input '${symbol.id}'`);
      const variables: ("v" | "i_syn" | "v_pre_reset")[] = spec.state.filter(isLifVariable);
      if (recordPreReset && spec.state.includes("v")) variables.push("v_pre_reset");
      for (const variable of variables) {
        const scale = this.scaleOf(symbol.id, variable);
        const core = new Int32Array(spec.neurons.length);
        const local = new Int32Array(spec.neurons.length);
        spec.neurons.forEach((neuron, k) => {
          assert(neuron >= 0 && neuron < symbol.size, `record names neuron ${neuron} of '${symbol.id}'`);
          core[k] = symbol.core[neuron];
          local[k] = symbol.local[neuron];
        });
        const trace: TraceBuffer = {
          population: symbol.id,
          variable,
          neurons: Int32Array.from(spec.neurons),
          core,
          local,
          raw: Array.from(spec.neurons, () => new Float64Array(this.capacity)),
          ...scale,
        };
        entry.traces.push(trace);
        this.traces.push(trace);
      }
    }
  }

  private scaleOf(population: string, variable: "v" | "i_syn" | "v_pre_reset"): { scale: number; offset: number; unit: string } {
    const wanted = variable === "i_syn" ? ["i_syn", "u"] : ["v"];
    for (const name of wanted) {
      const found = this.config.scales.find((s) => s.population === population && s.variable === name);
      if (found !== undefined) return { scale: found.scale, offset: found.offset, unit: found.unit };
    }
    assert(false, `config has no scale for ${population}.${variable}`);
  }

  private sampleTraces(t: number): void {
    for (const trace of this.traces) {
      const { core, local, raw } = trace;
      for (let k = 0; k < raw.length; k++) {
        const compartments = this.cores[core[k]].compartments;
        const c = local[k];
        let value: number;
        if (trace.variable === "v") value = voltageOf(compartments, c);
        else if (trace.variable === "v_pre_reset") value = comparedVoltageOf(compartments, c, t);
        else {
          value = 0;
          for (let j = 0; j < compartments.channels; j++) value += currentOf(compartments, c, j);
        }
        raw[k][t] = value;
      }
    }
  }

  private grow(): void {
    this.capacity *= 2;
    for (const trace of this.traces) {
      trace.raw = trace.raw.map((old) => {
        const grown = new Float64Array(this.capacity);
        grown.set(old);
        return grown;
      });
    }
  }

  private finishTrace(trace: TraceBuffer): Trace {
    const raw = trace.raw.map((r) => r.slice(0, this.t));
    const values = raw.map((r) => r.map((x) => trace.offset + x / trace.scale));
    return { variable: trace.variable, unit: trace.unit, neurons: trace.neurons.slice(), values, raw, scale: trace.scale, offset: trace.offset };
  }

  private collectHostSpikes(): readonly { readonly population: string; readonly neurons: Int32Array }[] {
    for (const p of this.hostPopulations) p.count = 0;
    for (let i = 0; i < this.spikedCount; i++) {
      const g = this.spiked[i];
      const slot = this.compartmentPopulation[g];
      if (slot < 0) continue;
      const p = this.hostPopulations[slot];
      p.neurons[p.count++] = this.compartmentNeuron[g];
    }
    for (let i = 0; i < this.hostPopulations.length; i++) {
      const p = this.hostPopulations[i];
      p.neurons.subarray(0, p.count).sort();
      this.hostSpikes[i] = { population: p.population, neurons: p.neurons.subarray(0, p.count) };
    }
    return this.hostSpikes;
  }
}

/** effectiveWeight, checked to fit the synapse table's 32 bits (|w| ≤ weight.clip ≤ 2^31 - 1). */
function weightAsInt32(mantissa: number, format: SynapseFormat, weightSemantics: LifSemantics["weight"]): number {
  const w = effectiveWeight(mantissa, format, weightSemantics);
  assert(Number.isInteger(w) && Math.abs(w) < 2 ** 31, `effective weight ${w} does not fit 32 bits`);
  return w;
}

/**
 * Writes a core's synapses into the synapse table from pair entry `at` on: where each weight lands
 * in the ring relative to the arrival slot (delay·ringStride + inputBase + target·channels +
 * channel) and its effective weight, an integer below 2^31 in magnitude (weight.clip ≤ 2^31 - 1).
 * Returns the core's largest delay. A function of its own so that V8 compiles this loop over
 * every synapse early and once.
 */
function loadSynapses(
  core: HwCore,
  channels: number,
  ringStride: number,
  inputBase: number,
  weightSemantics: LifSemantics["weight"],
  table: Int32Array,
  at: number,
): number {
  const { formats } = core;
  const { target, format, delay, mantissa, rowStart, axonCount } = core.synapses; // hoisted: cores' synapse objects may differ in shape
  const n = core.compartments.count;
  assert(rowStart.length === axonCount + 1, `core ${core.index}: rowStart has axonCount + 1 entries`);
  assert(rowStart[axonCount] === target.length, `core ${core.index}: rowStart ends at the synapse count`);
  assert(mantissa.length === target.length && format.length === target.length && delay.length === target.length,
    `core ${core.index}: synapse arrays differ in length`);
  const formatChannel = Int32Array.from(formats, (f, i) => {
    assert(f.channel >= 0 && f.channel < channels, `core ${core.index}: format ${i} feeds channel ${f.channel}`);
    return f.channel;
  });
  // Effective weights by format and mantissa (-2^M … 2^M), computed on first use (UNKNOWN: not
  // yet; weights are integers); cached only when the cache is no larger than the synapse list,
  // else each synapse computes its own. No calls in the common path: until V8 has compiled this
  // loop the interpreter runs it, and a call there costs as much as the rest of an iteration.
  const UNKNOWN = 0.5;
  const half = 2 ** weightSemantics.mantissaBits;
  const span = 2 * half + 1;
  const cache = formats.length * span <= target.length ? new Float64Array(formats.length * span).fill(UNKNOWN) : undefined;
  let largestDelay = 0;
  for (let s = 0; s < target.length; s++, at += 2) {
    const c = target[s];
    const f = format[s];
    // Checked before a message is built: a template literal per synapse costs more than the check.
    if (!(c >= 0 && c < n)) assert(false, `core ${core.index}: synapse ${s} targets compartment ${c}`);
    if (!(f < formats.length)) assert(false, `core ${core.index}: synapse ${s} names format ${f}`);
    const d = delay[s];
    table[at] = d * ringStride + inputBase + c * channels + formatChannel[f];
    if (d > largestDelay) largestDelay = d;
    const m = mantissa[s];
    if (cache === undefined || m < -half || m > half) {
      table[at + 1] = weightAsInt32(m, formats[f], weightSemantics);
      continue;
    }
    const i = f * span + half + m;
    if (cache[i] === UNKNOWN) cache[i] = weightAsInt32(m, formats[f], weightSemantics);
    table[at + 1] = cache[i];
  }
  return largestDelay;
}

/** Runs a config for `options.steps` (default config.steps) steps, or until the host says finished, and returns the recording, counts and final state. */
export function emulate(config: HwConfig, options: EmulateOptions = {}): EmulationResult {
  const steps = options.steps ?? config.steps;
  const emulator = new Emulator(config, {
    steps,
    ...(options.recordPreReset !== undefined ? { recordPreReset: options.recordPreReset } : {}),
    ...(options.weightSteps !== undefined ? { weightSteps: options.weightSteps } : {}),
    ...(options.weightStore !== undefined ? { weightStore: options.weightStore } : {}),
  });
  const every = Math.max(1, Math.floor(steps / 100));
  for (let t = 0; t < steps; t++) {
    emulator.step(options.host);
    if (options.onProgress !== undefined && ((t + 1) % every === 0 || t + 1 === steps)) options.onProgress(t + 1, steps);
    if (options.host?.finished !== undefined && options.host.finished(t)) break;
  }
  return emulator.result();
}

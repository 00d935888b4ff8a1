/**
 * One astrocyte population in the float reference: its state, the patch counts it senses
 * (stage B), its in-place sweep (stage C: drive, diffusion, RK4, gate check) and its gate values.
 * Order and bracketing follow docs/semantics-float.md "Neuron–astrocyte networks" (the
 * Gordleeva et al. 2021 code, generalised). Allocation-free after construction.
 * Relies on elaboration: territory and neighbour CSRs in range, periodSteps ≥ 1, a gate's
 * checkSteps a multiple of periodSteps.
 */
import type { ElaboratedAstrocytes } from "../ir/elaborated.js";
import { astroFloatModel } from "../models/astro-model.js";
import { createRk4Scratch, rk4Advance, rk4Step, type AstroFloatModel, type AstroState, type Rk4Step } from "../models/astro-rk4.js";
import { assert } from "../util/assert.js";

const SENSE_NONE = 0;
const SENSE_COUNT = 1;
const SENSE_SUM = 2;
const SENSE_JUMP = 3;

/** The runtime of one astrocyte population. */
export class AstroRuntime {
  readonly id: string;
  readonly size: number;
  readonly state: AstroState;
  /** Gate A (0/1) as it stands at the end of the last finished step. */
  readonly gate: Float64Array;
  /** The IP3 drive (µM/s) of the last update, held between updates (0 for spike_jump). */
  readonly drive: Float64Array;
  readonly territoryPopulation: number;
  readonly territoryStart: Int32Array;
  readonly territoryNeuron: Int32Array;
  readonly ownerOf: Int32Array;
  readonly ownerRule: ElaboratedAstrocytes["ownerRule"];

  private readonly model: AstroFloatModel;
  private readonly step: Rk4Step;
  private readonly scratch = createRk4Scratch();
  private readonly periodSteps: number;
  private readonly sweep: Int32Array;
  private readonly secondsPerUnit: number;
  // Diffusion: d·(seconds per model unit), neighbour CSR, and the pre-sweep copies for Jacobi.
  private readonly neighbourStart: Int32Array | undefined;
  private readonly neighbour: Int32Array | undefined;
  private readonly couplingCa: number;
  private readonly couplingIp3: number;
  private readonly jacobi: boolean;
  private readonly previousCa: Float64Array;
  private readonly previousIp3: Float64Array;
  // Sensing.
  private readonly sensing: number;
  private readonly threshold: number; // glutamate_count: G threshold
  private readonly minCount: number;
  private readonly amplitude: number; // µM/s
  private readonly durationSteps: number;
  private readonly minSum: number;
  private readonly sumGain: number;
  private readonly jump: number; // delta_ip3·weight
  private readonly driveEnd: Float64Array; // last step the count drive covers, −1 = none
  private readonly spikesSinceUpdate: Float64Array; // spike_jump: territory spikes since the last update
  // Gate.
  private readonly hasGate: boolean;
  private readonly caThreshold: number;
  private readonly minCoincident: number;
  private readonly checkSteps: number;
  private readonly holdSteps: number;
  private readonly historyLength: number; // windowSteps + 1
  private readonly history: Int32Array; // size × historyLength ring of patch spike counts
  private readonly gateEnd: Float64Array; // last step with A = 1, −1 = none
  private readonly needsSpikeCounts: boolean;

  constructor(astrocytes: ElaboratedAstrocytes, dtMs: number) {
    this.id = astrocytes.id;
    this.size = astrocytes.size;
    const size = astrocytes.size;
    this.state = {
      ca: Float64Array.from(astrocytes.initialCa),
      h: Float64Array.from(astrocytes.initialH),
      ip3: Float64Array.from(astrocytes.initialIp3),
    };
    this.gate = new Float64Array(size);
    this.drive = new Float64Array(size);
    this.territoryPopulation = astrocytes.territoryPopulation;
    this.territoryStart = astrocytes.territory.rowStart;
    this.territoryNeuron = astrocytes.territory.neuron;
    this.ownerOf = astrocytes.ownerOf;
    this.ownerRule = astrocytes.ownerRule;
    assert(this.territoryStart.length === size + 1, `astrocytes '${this.id}': territory CSR has ${this.territoryStart.length - 1} rows for ${size} astrocytes`);

    this.model = astroFloatModel(astrocytes);
    this.secondsPerUnit = this.model.secondsPerUnit;
    this.periodSteps = astrocytes.periodSteps;
    assert(Number.isInteger(this.periodSteps) && this.periodSteps >= 1, `astrocytes '${this.id}': period of ${this.periodSteps} steps`);
    // h = period·dt in the model's time unit; for models in s this is (period·dt_ms)/1000 exactly.
    this.step = rk4Step((this.periodSteps * dtMs) / (1000 * this.secondsPerUnit));
    this.sweep = astrocytes.sweep;

    const coupling = astrocytes.coupling;
    this.neighbourStart = coupling?.neighbours.rowStart;
    this.neighbour = coupling?.neighbours.neighbour;
    this.couplingCa = (coupling?.d_ca ?? 0) * this.secondsPerUnit;
    this.couplingIp3 = (coupling?.d_ip3 ?? 0) * this.secondsPerUnit;
    this.jacobi = coupling?.order === "jacobi";
    this.previousCa = new Float64Array(this.jacobi ? size : 0);
    this.previousIp3 = new Float64Array(this.jacobi ? size : 0);

    const sensing = astrocytes.sensing;
    this.sensing =
      sensing === undefined ? SENSE_NONE : sensing.kind === "glutamate_count" ? SENSE_COUNT : sensing.kind === "glutamate_sum" ? SENSE_SUM : SENSE_JUMP;
    this.threshold = sensing?.kind === "glutamate_count" ? sensing.threshold : 0;
    this.minCount = sensing?.kind === "glutamate_count" ? sensing.min_count : 0;
    this.amplitude = sensing?.kind === "glutamate_count" ? sensing.amplitude : 0;
    this.durationSteps = sensing?.kind === "glutamate_count" ? (sensing.durationSteps ?? 0) : 0;
    assert(this.sensing !== SENSE_COUNT || this.durationSteps >= 1, `astrocytes '${this.id}': glutamate_count drive without durationSteps`);
    this.minSum = sensing?.kind === "glutamate_sum" ? sensing.min_sum : 0;
    this.sumGain = sensing?.kind === "glutamate_sum" ? sensing.gain : 0;
    this.jump = sensing?.kind === "spike_jump" ? sensing.delta_ip3 * sensing.weight : 0;
    this.driveEnd = new Float64Array(size).fill(-1);
    this.spikesSinceUpdate = new Float64Array(size);

    const gate = astrocytes.gate;
    this.hasGate = gate !== undefined;
    this.caThreshold = gate?.ca_threshold ?? 0;
    this.minCoincident = gate?.min_coincident ?? 1;
    this.checkSteps = gate?.checkSteps ?? 1;
    this.holdSteps = gate?.holdSteps ?? 0;
    assert(!this.hasGate || this.checkSteps % this.periodSteps === 0, `astrocytes '${this.id}': gate check every ${this.checkSteps} steps is not a multiple of the period`);
    this.historyLength = (gate?.windowSteps ?? 0) + 1;
    this.history = new Int32Array(this.hasGate ? size * this.historyLength : 0);
    this.gateEnd = new Float64Array(size).fill(-1);
    this.needsSpikeCounts = this.hasGate || this.sensing === SENSE_JUMP;
  }

  /** True when the population updates in step s. */
  updatesIn(s: number): boolean {
    return (s + 1) % this.periodSteps === 0;
  }

  /**
   * Stage B: stores this step's patch spike counts (territory neurons with spiked = 1) in the
   * history ring and, for spike_jump, adds them to the count since the last update.
   */
  countSpikes(s: number, spiked: Uint8Array): void {
    if (!this.needsSpikeCounts) return;
    const { territoryStart, territoryNeuron, history, historyLength, spikesSinceUpdate } = this;
    const slot = s % historyLength;
    const isJump = this.sensing === SENSE_JUMP;
    for (let a = 0; a < this.size; a++) {
      let count = 0;
      for (let k = territoryStart[a], end = territoryStart[a + 1]; k < end; k++) count += spiked[territoryNeuron[k]];
      if (this.hasGate) history[a * historyLength + slot] = count;
      if (isJump) spikesSinceUpdate[a] += count;
    }
  }

  /** Stage C for step s (call only when updatesIn(s)): the in-place sweep in `sweep` order. */
  update(s: number, glutamate: Float64Array): void {
    const { state, sweep, model, step, scratch, neighbourStart, neighbour } = this;
    const { ca, ip3 } = state;
    // spike_jump: every jump lands before the sweep, so each RK4 step (and a Jacobi copy) sees it.
    if (this.sensing === SENSE_JUMP) {
      for (let a = 0; a < this.size; a++) {
        ip3[a] += this.jump * this.spikesSinceUpdate[a];
        this.spikesSinceUpdate[a] = 0;
      }
    }
    const sourceCa = this.jacobi ? this.previousCa : ca;
    const sourceIp3 = this.jacobi ? this.previousIp3 : ip3;
    if (this.jacobi) {
      this.previousCa.set(ca);
      this.previousIp3.set(ip3);
    }
    const isCheck = this.hasGate && (s + 1) % this.checkSteps === 0;
    for (let i = 0; i < sweep.length; i++) {
      const a = sweep[i];
      const drive = this.senseDrive(a, s, glutamate);
      this.drive[a] = drive;
      let couplingCa = 0;
      let couplingIp3 = 0;
      if (neighbourStart !== undefined && neighbour !== undefined) {
        const start = neighbourStart[a];
        const end = neighbourStart[a + 1];
        if (end > start) {
          let sumCa = sourceCa[neighbour[start]];
          let sumIp3 = sourceIp3[neighbour[start]];
          for (let k = start + 1; k < end; k++) {
            sumCa += sourceCa[neighbour[k]];
            sumIp3 += sourceIp3[neighbour[k]];
          }
          const m = end - start;
          couplingCa = this.couplingCa * (sumCa - m * sourceCa[a]);
          couplingIp3 = this.couplingIp3 * (sumIp3 - m * sourceIp3[a]);
        }
      }
      rk4Advance(model, state, a, step, drive * this.secondsPerUnit, couplingCa, couplingIp3, scratch);
      if (isCheck && ca[a] > this.caThreshold && this.maxRecentSpikes(a) >= this.minCoincident) this.gateEnd[a] = s + this.holdSteps;
    }
  }

  /** Stage C, after the sweep (every step): A = 1 on the steps a trigger's window covers. */
  refreshGate(s: number): void {
    const { gate, gateEnd } = this;
    for (let a = 0; a < this.size; a++) gate[a] = s <= gateEnd[a] ? 1 : 0;
  }

  /** The drive (µM/s) of astrocyte a in update step s (0 for spike_jump, whose jump is not a rate). */
  private senseDrive(a: number, s: number, glutamate: Float64Array): number {
    switch (this.sensing) {
      case SENSE_COUNT: {
        let active = 0;
        for (let k = this.territoryStart[a], end = this.territoryStart[a + 1]; k < end; k++) {
          if (glutamate[this.territoryNeuron[k]] >= this.threshold) active++;
        }
        if (active >= this.minCount) this.driveEnd[a] = s + this.durationSteps - 1;
        return s <= this.driveEnd[a] ? this.amplitude : 0;
      }
      case SENSE_SUM: {
        let sum = 0;
        for (let k = this.territoryStart[a], end = this.territoryStart[a + 1]; k < end; k++) sum += glutamate[this.territoryNeuron[k]];
        return sum >= this.minSum ? this.sumGain * sum : 0;
      }
      default:
        return 0;
    }
  }

  /** The largest patch spike count stored for the last windowSteps + 1 steps. */
  private maxRecentSpikes(a: number): number {
    const { history, historyLength } = this;
    let largest = 0;
    for (let k = a * historyLength, end = k + historyLength; k < end; k++) if (history[k] > largest) largest = history[k];
    return largest;
  }
}

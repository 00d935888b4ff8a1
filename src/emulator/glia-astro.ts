/**
 * The astrocyte stage of the fast glia-core emulator (docs/semantics-glia.md §B–D) for one
 * astrocyte group: incremental patch counts (spike counts from the step's spike list, active
 * counts from threshold crossings of G), the last coincident step instead of a history, the
 * in-place or Jacobi sweep with the fused model kernels, the gate and its factor. Typed arrays
 * only; nothing is allocated per step. Must equal glia-scalar.ts to the bit.
 */
import type { GliaAstroGroup, GliaConfig, GliaNeuronGroup } from "../hw/glia-config.js";
import type { GliaLut } from "../models/glia-lut.js";
import { LiRinzelFast, liRinzelKernel, mulShift, reducedKernel, type ReducedKernel } from "../models/astro-fixed.js";
import { mulShr, shiftBias } from "../models/izhikevich-fixed.js";
import type { GliaRounding } from "../targets/glia-types.js";
import { OVERFLOW_INDEX } from "./glia-recording.js";

const NEVER = -(2 ** 31);

/** The global state arrays every stage shares. */
export interface GliaState {
  readonly v: Float64Array;
  readonly g: Float64Array;
  readonly ca: Float64Array;
  readonly h: Float64Array;
  readonly ip3: Float64Array;
  readonly gate: Float64Array; // A, raw Q.gainBits (graded when the group grades)
  readonly gateOn: Float64Array; // 0/1: the gate itself
  readonly drive: Float64Array;
  readonly counters: Float64Array;
}

/** Run-time form of one astrocyte group. */
export class AstroStage {
  private readonly offset: number;
  private readonly size: number;
  private readonly populationOffset: number;
  private readonly populationSize: number;
  /** Per local neuron of the territory population: the astrocytes (local) whose territory holds it, CSR. */
  private readonly coverStart: Int32Array;
  private readonly cover: Int32Array;
  private readonly spikeCount: Int32Array;
  private readonly activeCount: Int32Array;
  private readonly above: Uint8Array; // per territory neuron: G ≥ threshold in the last step
  private readonly lastCoincident: Float64Array;
  private readonly spikesSince: Float64Array; // spike_jump: territory spikes since the last update
  private readonly driveEnd: Float64Array;
  private readonly gateEnd: Float64Array;
  private readonly snapshotCa: Float64Array;
  private readonly snapshotIp3: Float64Array;
  private readonly out = new Float64Array(3);
  private readonly liRinzel: LiRinzelFast | undefined;
  private readonly reduced: ReducedKernel | undefined;
  private readonly glutamateFrac: number;
  private readonly maxState: number;
  private readonly rounding: GliaRounding;

  constructor(
    private readonly group: GliaAstroGroup,
    config: GliaConfig,
    territoryGroup: GliaNeuronGroup | undefined,
    private readonly state: GliaState,
  ) {
    const c = config.semantics.constantFrac;
    this.rounding = config.semantics.rounding;
    this.offset = group.offset;
    this.size = group.size;
    const t = group.territory;
    this.populationOffset = t.populationOffset;
    this.populationSize = t.ownerOf.length;
    this.glutamateFrac = territoryGroup?.glutamate?.frac ?? 0;
    this.maxState = 2 ** (config.semantics.astrocyte.stateBits - 1) - 1;
    this.coverStart = new Int32Array(this.populationSize + 1);
    for (let e = 0; e < t.neuron.length; e++) this.coverStart[t.neuron[e] + 1]++;
    for (let j = 0; j < this.populationSize; j++) this.coverStart[j + 1] += this.coverStart[j];
    this.cover = new Int32Array(t.neuron.length);
    const fill = this.coverStart.slice(0, this.populationSize);
    for (let a = 0; a < group.size; a++) for (let e = t.rowStart[a]; e < t.rowStart[a + 1]; e++) this.cover[fill[t.neuron[e]]++] = a;
    this.spikeCount = new Int32Array(group.size);
    this.activeCount = new Int32Array(group.size);
    this.above = new Uint8Array(this.populationSize);
    this.lastCoincident = new Float64Array(group.size).fill(NEVER);
    this.spikesSince = new Float64Array(group.size);
    this.driveEnd = new Float64Array(group.size).fill(-1);
    this.gateEnd = new Float64Array(group.size).fill(-1);
    this.snapshotCa = new Float64Array(group.size);
    this.snapshotIp3 = new Float64Array(group.size);
    if (group.model === "reduced") {
      this.reduced = reducedKernel(group.constants, c, this.rounding);
    } else {
      const tables: Record<string, GliaLut> = {};
      for (const [name, index] of Object.entries(group.luts)) tables[name] = config.luts[index];
      this.liRinzel = new LiRinzelFast(liRinzelKernel(group.constants, tables, group.frac, c, this.rounding));
    }
  }

  /** §B: counts of this step from the list of neurons (global) that spiked and the new G. */
  count(s: number, spiked: Int32Array, spikedCount: number): void {
    const spikeCount = this.spikeCount;
    spikeCount.fill(0);
    const base = this.populationOffset;
    for (let i = 0; i < spikedCount; i++) {
      const j = spiked[i] - base;
      if (j < 0 || j >= this.populationSize) continue;
      for (let e = this.coverStart[j]; e < this.coverStart[j + 1]; e++) spikeCount[this.cover[e]]++;
    }
    const sensing = this.group.sensing;
    if (sensing !== undefined && sensing.kind === "glutamate_count") {
      const g = this.state.g;
      const threshold = sensing.threshold;
      for (let j = 0; j < this.populationSize; j++) {
        const now = g[base + j] >= threshold ? 1 : 0;
        if (now === this.above[j]) continue;
        this.above[j] = now;
        const delta = now === 1 ? 1 : -1;
        for (let e = this.coverStart[j]; e < this.coverStart[j + 1]; e++) this.activeCount[this.cover[e]] += delta;
      }
    }
    const gate = this.group.gate;
    if (gate !== undefined) {
      for (let a = 0; a < this.size; a++) if (spikeCount[a] >= gate.minCoincident) this.lastCoincident[a] = s;
    }
    if (sensing !== undefined && sensing.kind === "spike_jump") for (let a = 0; a < this.size; a++) this.spikesSince[a] += spikeCount[a];
  }

  /** §C, §D: the sweep of step s, then every astrocyte's gate factor. */
  update(s: number, c: number, gainBits: number): void {
    if ((s + 1) % this.group.periodSteps === 0) this.sweep(s, c);
    this.refreshGate(s, c, gainBits);
  }

  /** §C in an update step: spike jumps, then drive, diffusion, Euler and gate check in sweep order. */
  private sweep(s: number, c: number): void {
    const group = this.group;
    const { ca, h, ip3, drive, counters } = this.state;
    const offset = this.offset;
    const sensing = group.sensing;
    if (sensing !== undefined && sensing.kind === "spike_jump") {
      for (let a = 0; a < this.size; a++) {
        ip3[offset + a] = this.saturate(ip3[offset + a] + sensing.jump * this.spikesSince[a], OVERFLOW_INDEX["ip3.saturate"], counters);
        this.spikesSince[a] = 0;
      }
    }
    const diffusion = group.diffusion;
    const jacobi = diffusion !== undefined && diffusion.order === "jacobi";
    if (jacobi) {
      this.snapshotCa.set(ca.subarray(offset, offset + this.size));
      this.snapshotIp3.set(ip3.subarray(offset, offset + this.size));
    }
    const gate = group.gate;
    const checks = gate !== undefined && (s + 1) % gate.checkSteps === 0;
    const invC = 2 ** -c;
    const bC = shiftBias(c, this.rounding);
    const driveShift = c + this.glutamateFrac - group.frac;
    const driveBias = shiftBias(driveShift, this.rounding);
    const sweep = group.sweep;
    for (let w = 0; w < sweep.length; w++) {
      const a = sweep[w];
      const x = offset + a;
      let rate = 0;
      if (sensing !== undefined) {
        if (sensing.kind === "glutamate_count") {
          if (this.activeCount[a] >= sensing.minCount && s + sensing.durationSteps - 1 > this.driveEnd[a]) this.driveEnd[a] = s + sensing.durationSteps - 1;
          rate = this.driveEnd[a] >= s ? sensing.amplitude : 0;
          drive[x] = rate;
        } else if (sensing.kind === "glutamate_sum") {
          const sum = this.glutamateSum(a);
          rate = sum >= sensing.minSum ? mulShift(sensing.gain, sum, driveBias, 2 ** -driveShift, driveShift, this.rounding) : 0;
          drive[x] = rate;
        } else {
          drive[x] = 0;
        }
      }
      {
        let lapCa = 0;
        let lapIp3 = 0;
        let kdCa = 0;
        let kdIp3 = 0;
        if (diffusion !== undefined) {
          kdCa = diffusion.dCa;
          kdIp3 = diffusion.dIp3;
          const start = diffusion.rowStart[a];
          const end = diffusion.rowStart[a + 1];
          const srcCa = jacobi ? this.snapshotCa : ca;
          const srcIp3 = jacobi ? this.snapshotIp3 : ip3;
          const base = jacobi ? 0 : offset;
          for (let e = start; e < end; e++) {
            const b = base + diffusion.neighbour[e];
            lapCa += srcCa[b];
            lapIp3 += srcIp3[b];
          }
          lapCa -= (end - start) * srcCa[base + a];
          lapIp3 -= (end - start) * srcIp3[base + a];
        }
        if (this.liRinzel !== undefined) {
          const out = this.out;
          this.liRinzel.increments(ca[x], h[x], ip3[x], rate, lapCa, lapIp3, kdCa, kdIp3, out);
          ca[x] = this.saturate(ca[x] + out[0], OVERFLOW_INDEX["ca.saturate"], counters);
          h[x] = this.saturate(h[x] + out[1], OVERFLOW_INDEX["h.saturate"], counters);
          ip3[x] = this.saturate(ip3[x] + out[2], OVERFLOW_INDEX["ip3.saturate"], counters);
        } else {
          const k = this.reduced as ReducedKernel;
          const old = ip3[x];
          const excess = old > k.ip3Threshold ? old - k.ip3Threshold : 0;
          const r = this.rounding;
          const dCa = mulShift(k.kCa, k.caRest - ca[x], bC, invC, c, r) + mulShift(k.kGain, excess, bC, invC, c, r) + mulShift(kdCa, lapCa, bC, invC, c, r);
          const dIp3 = mulShift(k.kIp3, k.ip3Rest - old, bC, invC, c, r) + mulShift(k.kDrive, rate, bC, invC, c, r) + mulShift(kdIp3, lapIp3, bC, invC, c, r);
          ca[x] = this.saturate(ca[x] + dCa, OVERFLOW_INDEX["ca.saturate"], counters);
          ip3[x] = this.saturate(old + dIp3, OVERFLOW_INDEX["ip3.saturate"], counters);
        }
      }
      if (checks && ca[x] > (gate?.caThreshold ?? 0) && this.lastCoincident[a] >= s - (gate?.windowSteps ?? 0)) {
        const end = s + (gate?.holdSteps ?? 0);
        if (end > this.gateEnd[a]) this.gateEnd[a] = end;
      }
    }
  }

  /** §D, every step: the gate and its factor A from the new Ca. */
  private refreshGate(s: number, c: number, gainBits: number): void {
    const one = 2 ** gainBits;
    const grading = this.group.grading;
    const { ca, gate, gateOn } = this.state;
    for (let a = 0; a < this.size; a++) {
      const x = this.offset + a;
      const on = this.gateEnd[a] >= s;
      gateOn[x] = on ? 1 : 0;
      if (!on) gate[x] = 0;
      else if (grading === undefined) gate[x] = one;
      else {
        const graded = mulShr(ca[x] - grading.caLow, grading.reciprocal, c, this.rounding);
        gate[x] = graded < 0 ? 0 : graded > one ? one : graded;
      }
    }
  }

  private glutamateSum(a: number): number {
    const t = this.group.territory;
    const g = this.state.g;
    let sum = 0;
    for (let e = t.rowStart[a]; e < t.rowStart[a + 1]; e++) sum += g[this.populationOffset + t.neuron[e]];
    return sum;
  }

  private saturate(x: number, key: number, counters: Float64Array): number {
    if (x > this.maxState) return (counters[key]++, this.maxState);
    if (x < -this.maxState - 1) return (counters[key]++, -this.maxState - 1);
    return x;
  }
}

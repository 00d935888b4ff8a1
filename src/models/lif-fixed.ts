/**
 * The integer CUBA LIF compartment (docs/semantics-integer.md), in two forms:
 *  - per-value helpers (nextCurrent, nextVoltage, crossesThreshold) written straight from the
 *    equations on top of targets/fixed.ts: the scalar interpreter uses them;
 *  - the allocation-free kernels the fast emulator runs per core and step over one record array
 *    per core: updateLifCore for any semantics (updateCompartment, one compartment at a time),
 *    and specialised fast loops over the quiet compartments, chosen once per run (selectLifKernel).
 * The differential test holds the two forms equal to the bit. Per compartment c, channel k, step t:
 *   u_k = overflow_u( D(u_k, du_k + currentOffset) + acc_k )     (no D at t = 0 with "carry")
 *   if refr > 0: refr -= 1 (v held)
 *   else v = overflow_v( D(v, dv + voltageOffset) + Σ_k u_k + (biasMant << biasExp) ),
 *        spike if v > (or ≥) vthMant << shift: v = 0, refr = refractory
 *   D(x, d) = round(x·(2^bits - d) / 2^bits) per decay.rounding.
 * Xylo-style semantics (docs/semantics-integer.md §8) change three rules: D is the shift decay
 * x - (x >> d) (decay.form "shift"), the input is added before the decay (inputTiming
 * "same-step": u_k = D(overflow_u(u_k + acc_k))), and the reset subtracts the threshold once per
 * spike, up to spikesPerStep spikes (reset "subtract"); a compartment that fires n times is
 * listed n times among the fired.
 */
import { applyOverflow, bias, decay, shiftDecay, threshold, type OverflowResult } from "../targets/fixed.js";
import type { LifSemantics, OverflowMode, Register } from "../targets/types.js";

/** The overflow counter name of a register: "u.wrap", "v.saturate", or "u.out-of-range" for "none". */
export function overflowKey(variable: "u" | "v", register: Register): string {
  return `${variable}.${register.overflow === "none" ? "out-of-range" : register.overflow}`;
}

/** Whether the current decay is skipped at `step` (the initial current enters step 0 undecayed). */
export function skipsCurrentDecay(step: number, semantics: LifSemantics): boolean {
  return step === 0 && semantics.initialCurrent === "carry";
}

/** D(x) of a register with stored decay d and the target's offset: the multiplication or the shift of decay.form. */
export function decayValue(x: number, d: number, offset: number, semantics: LifSemantics): number {
  const { form, bits, rounding } = semantics.decay;
  return form === "shift" ? shiftDecay(x, d) : decay(x, d + offset, bits, rounding);
}

/**
 * Step 2: one channel's current after decay and this step's synaptic input. "same-step" adds the
 * input first and decays the sum; the decay only shrinks a magnitude, so it cannot overflow.
 */
export function nextCurrent(u: number, du: number, input: number, step: number, semantics: LifSemantics): OverflowResult {
  const skip = skipsCurrentDecay(step, semantics);
  const offset = semantics.decay.currentOffset;
  if (semantics.inputTiming === "same-step") {
    const sum = applyOverflow(u + input, semantics.u);
    return skip ? sum : { value: decayValue(sum.value, du, offset, semantics), overflowed: sum.overflowed };
  }
  return applyOverflow((skip ? u : decayValue(u, du, offset, semantics)) + input, semantics.u);
}

/** Step 3 (not refractory): the voltage after decay, the summed current and the bias, before the threshold. */
export function nextVoltage(
  v: number,
  dv: number,
  currentSum: number,
  biasMant: number,
  biasExp: number,
  semantics: LifSemantics,
): OverflowResult {
  return applyOverflow(decayValue(v, dv, semantics.decay.voltageOffset, semantics) + currentSum + bias(biasMant, biasExp), semantics.v);
}

/** Step 4: whether a (non-refractory) voltage fires. */
export function crossesThreshold(v: number, vthMant: number, semantics: LifSemantics): boolean {
  const vth = threshold(vthMant, semantics.threshold.shift);
  return semantics.threshold.compare === ">" ? v > vth : v >= vth;
}

/** Most spikes a compartment emits in one step (spikesPerStep, 1 when absent). */
export function spikeCap(semantics: LifSemantics): number {
  return semantics.spikesPerStep ?? 1;
}

/**
 * Step 4 with either reset: how many spikes a (non-refractory) voltage emits and the voltage
 * after them. "zero": one spike, v = 0. "subtract": while v crosses and fewer than the cap have
 * fired, one more spike and v -= vth (XyloSim's loop).
 */
export function fireAndReset(v: number, vthMant: number, semantics: LifSemantics): { readonly spikes: number; readonly v: number } {
  if (semantics.reset !== "subtract") return crossesThreshold(v, vthMant, semantics) ? { spikes: 1, v: 0 } : { spikes: 0, v };
  const vth = threshold(vthMant, semantics.threshold.shift);
  const cap = spikeCap(semantics);
  let spikes = 0;
  while (spikes < cap && crossesThreshold(v, vthMant, semantics)) {
    spikes += 1;
    v -= vth;
  }
  return { spikes, v };
}

/** Numeric codes of the kernel's run-time switches (resolved once per run, not per value). */
const ROUNDING_CODE = { "toward-zero": 0, floor: 1, "half-away": 2, shift: 3 } as const; // shift: decay.form "shift"
const OVERFLOW_CODE: Record<OverflowMode, number> = { none: 0, wrap: 1, saturate: 2, "wrap-once": 3 };

/** Constants of the semantics in the form the kernels read them. */
export interface LifKernelConstants {
  readonly channels: number;
  readonly rounding: number; // ROUNDING_CODE
  readonly uMode: number; // OVERFLOW_CODE
  readonly vMode: number;
  /** [uMin, uMax, vMin, vMax]: a Float64Array so that the kernels read them as doubles, not small integers. */
  readonly limits: Float64Array;
  readonly strict: boolean; // compare ">"
  readonly carry: boolean; // initialCurrent "carry"
  readonly sameStep: boolean; // inputTiming "same-step"
  readonly subtract: boolean; // reset "subtract"
  readonly spikeCap: number; // spikesPerStep
}

/** Resolves the semantics once into the kernels' constants. */
export function kernelConstants(semantics: LifSemantics): LifKernelConstants {
  return {
    channels: semantics.currentChannels,
    rounding: semantics.decay.form === "shift" ? ROUNDING_CODE.shift : ROUNDING_CODE[semantics.decay.rounding],
    uMode: OVERFLOW_CODE[semantics.u.overflow],
    vMode: OVERFLOW_CODE[semantics.v.overflow],
    limits: Float64Array.of(semantics.u.min, semantics.u.max, semantics.v.min, semantics.v.max),
    strict: semantics.threshold.compare === ">",
    carry: semantics.initialCurrent === "carry",
    sameStep: semantics.inputTiming === "same-step",
    subtract: semantics.reset === "subtract",
    spikeCap: spikeCap(semantics),
  };
}

// A core's compartments live in one Float64Array, one record of `stride` values per compartment:
// state and parameters side by side. V8 checks a typed array's map and reloads its length and
// data pointer for every array a loop iteration touches; one array per record instead of eleven
// parallel arrays roughly halves the kernel's instructions.
//
// A held (refractory) compartment keeps NaN in V: NaN passes through the voltage update without
// crossing a limit and is stored back unchanged, so no loop needs a refractory branch. endHolds()
// counts the holds down before each step and puts back the held value, 0 (v is held right after
// its reset to zero).
const V = 0; // membrane voltage, NaN while held
const V_FACTOR = 1; // (2^bits - dv_eff)·2^-bits, exact: the voltage decay as one multiplication
const BIAS = 2; // biasMant << biasExp
const THRESHOLD = 3; // vthMant << threshold.shift
const QUIET_LIMIT = 4; // min(THRESHOLD, v.max): a voltage below it and ≥ v.min neither fires nor overflows
const REFRACTORY_LEFT = 5; // steps v is still held
const REFRACTORY = 6; // steps v is held after a spike
const SPIKE_STEP = 7; // step of the last spike, -1 before the first
const PRE_RESET = 8; // the voltage that crossed the threshold at SPIKE_STEP
const U = 9; // channel k: current at U + 2k, its decay factor (2^bits - du_eff)·2^-bits at U + 2k + 1
const ONE_CHANNEL_STRIDE = U + 2;

/** One core's compartments: `count` records of `stride` values (layout above), for `channels` channels. */
export interface LifCoreState {
  readonly count: number;
  readonly channels: number;
  readonly stride: number;
  readonly records: Float64Array;
  /** Local indices of the held compartments, heldCount of them. */
  readonly held: Int32Array;
  heldCount: number;
  /**
   * One channel only: [u factor, v factor, bias, quiet limit] when all compartments share them
   * (a core of one population), so that a kernel can keep them in registers.
   */
  readonly shared: Float64Array | undefined;
}

/** A core's compartment parameters and initial state (structurally the config's compartments). */
export interface LifCoreParams {
  readonly count: number;
  readonly du: ArrayLike<number>; // per channel: c·channels + k
  readonly dv: ArrayLike<number>;
  readonly vthMant: ArrayLike<number>;
  readonly biasMant: ArrayLike<number>;
  readonly biasExp: ArrayLike<number>;
  readonly refractory: ArrayLike<number>;
  readonly u0: ArrayLike<number>; // per channel, like du
  readonly v0: ArrayLike<number>;
}

/**
 * Builds a core's records: initial state u0, v0, nothing held; decay factors scaled by 2^-bits
 * (exact: a power of two), biases and thresholds shifted.
 */
export function createLifCore(params: LifCoreParams, semantics: LifSemantics): LifCoreState {
  const { count } = params;
  const channels = semantics.currentChannels;
  const stride = U + 2 * channels;
  const records = new Float64Array(count * stride);
  const decayLimit = 2 ** semantics.decay.bits;
  const scale = 2 ** -semantics.decay.bits;
  // The shift form keeps 2^-dash in a factor's place: floor(x·2^-dash) is the exact x >> dash.
  const factor = semantics.decay.form === "shift" ? (d: number) => 2 ** -d : (d: number, offset: number) => (decayLimit - (d + offset)) * scale;
  for (let c = 0; c < count; c++) {
    const b = c * stride;
    records[b + V] = params.v0[c];
    records[b + V_FACTOR] = factor(params.dv[c], semantics.decay.voltageOffset);
    records[b + BIAS] = bias(params.biasMant[c], params.biasExp[c]);
    records[b + THRESHOLD] = threshold(params.vthMant[c], semantics.threshold.shift);
    records[b + QUIET_LIMIT] = Math.min(records[b + THRESHOLD], semantics.v.max);
    records[b + REFRACTORY] = params.refractory[c];
    records[b + SPIKE_STEP] = -1;
    for (let k = 0; k < channels; k++) {
      records[b + U + 2 * k] = params.u0[c * channels + k];
      records[b + U + 2 * k + 1] = factor(params.du[c * channels + k], semantics.decay.currentOffset);
    }
  }
  return { count, channels, stride, records, held: new Int32Array(count), heldCount: 0, shared: sharedParameters(records, count, stride) };
}

/** [u factor, v factor, bias, quiet limit] if one channel and every record has the first one's. */
function sharedParameters(records: Float64Array, count: number, stride: number): Float64Array | undefined {
  if (stride !== ONE_CHANNEL_STRIDE || count === 0) return undefined;
  const fields = [U + 1, V_FACTOR, BIAS, QUIET_LIMIT];
  for (const field of fields) {
    for (let b = stride; b < count * stride; b += stride) if (records[b + field] !== records[field]) return undefined;
  }
  return Float64Array.from(fields, (field) => records[field]);
}

/** Membrane voltage of compartment c (a held compartment holds 0). */
export function voltageOf(core: LifCoreState, c: number): number {
  const v = core.records[c * core.stride + V];
  return Number.isNaN(v) ? 0 : v;
}

/** Current of compartment c, channel k. */
export function currentOf(core: LifCoreState, c: number, k: number): number {
  return core.records[c * core.stride + U + 2 * k];
}

/** Steps compartment c's voltage is still held. */
export function refractoryLeftOf(core: LifCoreState, c: number): number {
  return core.records[c * core.stride + REFRACTORY_LEFT];
}

/**
 * The voltage compartment c compared with its threshold in `step`, the last step run: the
 * pre-reset value if it spiked then, else v (a held compartment compares its held value).
 */
export function comparedVoltageOf(core: LifCoreState, c: number, step: number): number {
  const b = c * core.stride;
  return core.records[b + SPIKE_STEP] === step ? core.records[b + PRE_RESET] : voltageOf(core, c);
}

/**
 * Overflow counters a kernel adds to, one pair per compartment of its core: u events of
 * compartment c at 2c, v events at 2c + 1 (the emulator sums them per population and overall).
 */
export type OverflowCounters = Float64Array;

/**
 * A per-core step kernel: updates every compartment of one core for one step and writes the
 * local indices of the compartments that fired into `fired`, in increasing order, a compartment
 * that emitted n spikes n times (`fired` holds count·spikeCap entries); returns how many entries. `input` holds this step's accumulated weights at `inputOffset + c·channels + k`;
 * the kernel reads and clears them, and adds the step's overflow events to `overflow` (the
 * core's counters: compartment c's u events at 2c, v events at 2c + 1).
 * Allocation-free.
 */
export type LifKernel = (
  core: LifCoreState,
  k: LifKernelConstants,
  input: Float64Array,
  inputOffset: number,
  step: number,
  fired: Int32Array,
  overflow: OverflowCounters,
) => number;

/**
 * Picks a core's kernel for the semantics in force, once per run, so that the hot loop does not
 * branch on them per compartment. One channel with toward-zero rounding (the Loihi targets)
 * has its own loops, one for a core whose compartments share their parameters (kept in
 * registers) and one for per-compartment parameters; everything else, the shift decay,
 * same-step input and subtractive multi-spike reset of xylo-style included, runs updateLifCore.
 */
export function selectLifKernel(k: LifKernelConstants, core: LifCoreState): LifKernel {
  if (k.channels !== 1 || k.rounding !== ROUNDING_CODE["toward-zero"] || k.sameStep || k.subtract) return updateLifCore;
  return core.shared !== undefined ? updateSharedOneChannelTowardZero : updateOneChannelTowardZero;
}

/** The register's overflow rule for a value already known to lie outside [min, max]. */
function overflowed(x: number, mode: number, min: number, max: number): number {
  if (mode === OVERFLOW_CODE.wrap) {
    const m = max - min + 1;
    return x - m * Math.floor((x - min) / m);
  }
  if (mode === OVERFLOW_CODE.saturate) return x > max ? max : min;
  if (mode === OVERFLOW_CODE["wrap-once"]) return x > max ? x - (max - min + 1) : x + (max - min + 1);
  return x;
}

/**
 * D(x): x decayed by a factor f = (2^bits - d)·2^-bits with the run's rounding, or shifted
 * (code "shift": f = 2^-dash, x - floor(x·f), the tail of 1 for a positive x below 2^dash). x·f is the exact
 * quotient x·(2^bits - d)/2^bits (TP2106 keeps the product below 2^53; scaling by a power of two
 * is exact), and adding 1/2 to it is exact too, so each rounding is one exact operation.
 * Toward zero, Math.trunc returns -0 for a small negative x; the kernels always add a value that
 * is never -0 next (the input, a current), and -0 + 0 is +0, so no -0 reaches the state.
 */
function decayed(x: number, factor: number, rounding: number): number {
  if (rounding === ROUNDING_CODE["toward-zero"]) return Math.trunc(x * factor);
  if (rounding === ROUNDING_CODE.floor) return Math.floor(x * factor);
  if (rounding === ROUNDING_CODE.shift) {
    // factor = 2^-dash; only a positive x below 2^dash shifts to 0 and takes the tail of 1
    const q = Math.floor(x * factor);
    return q === 0 && x > 0 ? x - 1 : x - q;
  }
  return x >= 0 ? Math.floor(x * factor + 0.5) : -Math.floor(-x * factor + 0.5);
}

/**
 * Counts the holds down at the start of a step: a compartment that spiked at s with
 * refractory R is held in s+1 … s+R and gets its voltage (0) back for s+R+1. It touches only
 * the held compartments.
 */
function endHolds(core: LifCoreState): void {
  const { records, stride, held } = core;
  let count = core.heldCount;
  for (let i = 0; i < count; ) {
    const b = held[i] * stride;
    const left = records[b + REFRACTORY_LEFT] - 1;
    if (left >= 0) {
      records[b + REFRACTORY_LEFT] = left;
      i++;
    } else {
      records[b + V] = 0;
      records[b + REFRACTORY_LEFT] = 0;
      held[i] = held[--count];
    }
  }
  core.heldCount = count;
}

/**
 * The exact update of compartment c for one step under any semantics, the header's equations one
 * rule at a time; `j` is its first channel's input. Returns how many spikes it emitted (0 or 1
 * with reset "zero", up to spikeCap with "subtract"). The general kernel runs it for every
 * compartment, the specialised ones for the few their fast loop leaves.
 */
function updateCompartment(
  core: LifCoreState,
  k: LifKernelConstants,
  c: number,
  input: Float64Array,
  j: number,
  step: number,
  overflow: OverflowCounters,
): number {
  const { channels, stride, records } = core;
  const { limits, rounding } = k;
  const b = c * stride;
  const skipDecay = k.carry && step === 0;
  let currentSum = 0;
  for (let at = b + U; at < b + U + 2 * channels; at += 2, j++) {
    // same-step: the input joins before the decay, which only shrinks a magnitude (no overflow after it)
    let x = k.sameStep || skipDecay ? records[at] + input[j] : decayed(records[at], records[at + 1], rounding) + input[j];
    input[j] = 0;
    if (x < limits[0] || x > limits[1]) {
      overflow[2 * c]++;
      x = overflowed(x, k.uMode, limits[0], limits[1]);
    }
    if (k.sameStep && !skipDecay) x = decayed(x, records[at + 1], rounding) + 0; // + 0: a truncated -0 becomes 0
    records[at] = x;
    currentSum += x;
  }
  if (Number.isNaN(records[b + V])) return 0; // held
  let y = decayed(records[b + V], records[b + V_FACTOR], rounding) + currentSum + records[b + BIAS];
  if (y < limits[2] || y > limits[3]) {
    overflow[2 * c + 1]++;
    y = overflowed(y, k.vMode, limits[2], limits[3]);
  }
  const vth = records[b + THRESHOLD];
  if (k.strict ? !(y > vth) : !(y >= vth)) {
    records[b + V] = y;
    return 0;
  }
  records[b + SPIKE_STEP] = step;
  records[b + PRE_RESET] = y;
  if (k.subtract) {
    // the first spike is known; more while v still crosses, up to the cap (no refractory: TP2141)
    let spikes = 1;
    y -= vth;
    while (spikes < k.spikeCap && (k.strict ? y > vth : y >= vth)) {
      spikes++;
      y -= vth;
    }
    records[b + V] = y;
    return spikes;
  }
  const refractory = records[b + REFRACTORY];
  if (refractory > 0) {
    records[b + V] = NaN; // held from the next step on, at the reset value
    records[b + REFRACTORY_LEFT] = refractory;
    core.held[core.heldCount++] = c;
  } else {
    records[b + V] = 0;
  }
  return 1;
}

/** The kernel for any semantics: updateCompartment for every compartment. */
export function updateLifCore(
  core: LifCoreState,
  k: LifKernelConstants,
  input: Float64Array,
  inputOffset: number,
  step: number,
  fired: Int32Array,
  overflow: OverflowCounters,
): number {
  endHolds(core);
  let firedCount = 0;
  for (let c = 0, j = inputOffset; c < core.count; c++, j += core.channels) {
    for (let n = updateCompartment(core, k, c, input, j, step, overflow); n > 0; n--) fired[firedCount++] = c;
  }
  return firedCount;
}

// The specialised kernels split a step in two: a fast loop over the quiet compartments (no
// overflow, no spike: by far the most) and updateCompartment for the others. The fast loop stops
// at the first compartment that is not quiet, before changing it, and returns its index; the
// kernel updates that one exactly and resumes the fast loop after it. The fast loop leaves the
// input in place; the kernel clears the step's slot at the end with one fill().
//
// Why not one loop with rare branches: V8 compiles a branch that has never run into a
// deoptimization. When such a branch first runs in the middle of a long loop (the first overflow,
// or the first end of a hold at step 51 of CUBA), V8 leaves the optimized code and has been seen to
// run the loop for the rest of the process in its on-stack-replacement code, about 2.5× slower.
// Every operation of a fast loop runs on every iteration, so it has nothing left to learn.

/**
 * The quiet compartments of a one-channel, toward-zero core from `from` on, each parameter read
 * from its record. sign(x)·floor(|x|·f) is Math.trunc(x·f) (see decayed).
 */
function quietOneChannelTowardZero(core: LifCoreState, k: LifKernelConstants, input: Float64Array, inputOffset: number, from: number): number {
  const { count, records } = core;
  const { limits } = k;
  const uMin = limits[0], uMax = limits[1], vMin = limits[2];
  for (let j = inputOffset + from, b = from * ONE_CHANNEL_STRIDE; j < inputOffset + count; j++, b += ONE_CHANNEL_STRIDE) {
    const x = Math.trunc(records[b + U] * records[b + U + 1]) + input[j];
    const y = Math.trunc(records[b + V] * records[b + V_FACTOR]) + x + records[b + BIAS]; // NaN if held
    if (x < uMin || x > uMax || y < vMin || y >= records[b + QUIET_LIMIT]) return j - inputOffset;
    records[b + U] = x;
    records[b + V] = y;
  }
  return count;
}

/** quietOneChannelTowardZero for a core whose compartments share their parameters (`shared`). */
function quietSharedOneChannelTowardZero(core: LifCoreState, k: LifKernelConstants, input: Float64Array, inputOffset: number, from: number): number {
  const { count, records } = core;
  const shared = core.shared as Float64Array;
  const uFactor = shared[0], vFactor = shared[1], biasValue = shared[2], quietLimit = shared[3];
  const { limits } = k;
  const uMin = limits[0], uMax = limits[1], vMin = limits[2];
  for (let j = inputOffset + from, b = from * ONE_CHANNEL_STRIDE; j < inputOffset + count; j++, b += ONE_CHANNEL_STRIDE) {
    const x = Math.trunc(records[b + U] * uFactor) + input[j];
    const y = Math.trunc(records[b + V] * vFactor) + x + biasValue; // NaN if held
    if (x < uMin || x > uMax || y < vMin || y >= quietLimit) return j - inputOffset;
    records[b + U] = x;
    records[b + V] = y;
  }
  return count;
}

type QuietLoop = (core: LifCoreState, k: LifKernelConstants, input: Float64Array, inputOffset: number, from: number) => number;

/**
 * One channel and toward-zero rounding: `quiet` runs the compartments that neither overflow nor
 * spike and returns the first that does; that one takes the full rule-by-rule update. Step 0
 * under "carry" (no current decay) runs updateLifCore.
 */
function updateOneChannelWith(
  quiet: QuietLoop,
  core: LifCoreState,
  k: LifKernelConstants,
  input: Float64Array,
  inputOffset: number,
  step: number,
  fired: Int32Array,
  overflow: OverflowCounters,
): number {
  if (k.carry && step === 0) return updateLifCore(core, k, input, inputOffset, step, fired, overflow);
  endHolds(core);
  let firedCount = 0;
  for (let c = quiet(core, k, input, inputOffset, 0); c < core.count; c = quiet(core, k, input, inputOffset, c + 1)) {
    if (updateCompartment(core, k, c, input, inputOffset + c, step, overflow) > 0) fired[firedCount++] = c; // reset "zero": one spike
  }
  input.fill(0, inputOffset, inputOffset + core.count); // the fast loop reads the input without clearing it
  return firedCount;
}

const updateOneChannelTowardZero: LifKernel = (core, k, input, inputOffset, step, fired, overflow) =>
  updateOneChannelWith(quietOneChannelTowardZero, core, k, input, inputOffset, step, fired, overflow);

/** The same for a core whose compartments share their parameters (kept in registers). */
const updateSharedOneChannelTowardZero: LifKernel = (core, k, input, inputOffset, step, fired, overflow) =>
  updateOneChannelWith(quietSharedOneChannelTowardZero, core, k, input, inputOffset, step, fired, overflow);

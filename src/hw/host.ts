/**
 * The closed-loop host interface shared by the reference simulator and the emulator: a host
 * program feeds `external` inputs step by step, sees the spikes of every step, and may end the
 * run early. Every engine calls the three callbacks in the order beforeStep, afterStep, finished.
 */
export interface Host {
  /** Called at the start of step `step`; call `inject(inputId, index)` for each external source that spikes now. */
  beforeStep?(step: number, inject: (input: string, index: number) => void): void;
  /** Called at the end of step `step` with the neurons of `population` that spiked in it. */
  afterStep?(step: number, spikes: readonly { readonly population: string; readonly neurons: Int32Array }[]): void;
  /**
   * Called after `afterStep` of step `step`; true ends the run after this step. A run ended
   * after step k is the run of k + 1 steps: its recording's `steps`, spikes, traces, counts and
   * overflow cover steps 0..k, weight dumps asked for after k are absent, and step k is dumped
   * as the last step run. Without it (or while it says false) the run lasts its `steps`.
   */
  finished?(step: number): boolean;
}

/** Progress callback for long runs: `done` of `total` units. */
export type Progress = (done: number, total: number) => void;

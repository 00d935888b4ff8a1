/**
 * The closed-loop host interface shared by the reference simulator and the emulator: a host
 * program feeds `external` inputs step by step and sees the spikes of every step.
 */
export interface Host {
  /** Called at the start of step `step`; call `inject(inputId, index)` for each external source that spikes now. */
  beforeStep?(step: number, inject: (input: string, index: number) => void): void;
  /** Called at the end of step `step` with the neurons of `population` that spiked in it. */
  afterStep?(step: number, spikes: readonly { readonly population: string; readonly neurons: Int32Array }[]): void;
}

/** Progress callback for long runs: `done` of `total` units. */
export type Progress = (done: number, total: number) => void;

/**
 * A growing (step, neuron) spike list: the recorder of both engines. Appends are amortised
 * O(1) (capacity doubles); nothing is allocated per spike.
 */
import type { SpikeTrain } from "./recording.js";

export class SpikeBuffer {
  private stepOf: Int32Array;
  private neuronOf: Int32Array;
  private count = 0;
  private stepStart = 0;

  constructor(capacity = 256) {
    this.stepOf = new Int32Array(capacity);
    this.neuronOf = new Int32Array(capacity);
  }

  push(step: number, neuron: number): void {
    if (this.count === this.stepOf.length) {
      const stepOf = new Int32Array(this.count * 2);
      const neuronOf = new Int32Array(this.count * 2);
      stepOf.set(this.stepOf);
      neuronOf.set(this.neuronOf);
      this.stepOf = stepOf;
      this.neuronOf = neuronOf;
    }
    this.stepOf[this.count] = step;
    this.neuronOf[this.count] = neuron;
    this.count++;
  }

  /** Appends `neurons[start..end)` as spikes of `step`. */
  pushAll(step: number, neurons: Int32Array, start: number, end: number): void {
    for (let k = start; k < end; k++) this.push(step, neurons[k]);
  }

  /**
   * Sorts the entries pushed since the last call by neuron, for writers whose spikes of one
   * step arrive out of neuron order (insertion sort: a step's spikes are few).
   */
  sortStep(): void {
    const neuronOf = this.neuronOf;
    for (let i = this.stepStart + 1; i < this.count; i++) {
      const n = neuronOf[i];
      let j = i - 1;
      while (j >= this.stepStart && neuronOf[j] > n) {
        neuronOf[j + 1] = neuronOf[j];
        j--;
      }
      neuronOf[j + 1] = n;
    }
    this.stepStart = this.count;
  }

  toTrain(): SpikeTrain {
    return { step: this.stepOf.slice(0, this.count), neuron: this.neuronOf.slice(0, this.count) };
  }
}

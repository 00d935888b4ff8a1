// Runs one random case in the fast emulator and the scalar interpreter with identical hosts and
// checks that counts, overflow, final state, recording and host log agree to the bit.
import { expect } from "vitest";
import { emulate, type EmulationResult } from "../../src/emulator/emulator.js";
import { interpretScalar } from "../../src/emulator/scalar.js";
import type { RandomCase } from "./random-config.js";

/**
 * The fast emulator's result, after checking the scalar interpreter gives the same bits; with
 * `stopAfter`, both hosts end the run after that step.
 */
export function expectSameRun(random: RandomCase, stopAfter?: number): EmulationResult {
  const fastHost = random.makeHost();
  const slowHost = random.makeHost();
  const options = { recordPreReset: random.recordPreReset };
  const finished = (step: number): boolean => step === stopAfter;
  const fast = emulate(random.config, { ...options, host: { ...fastHost.host, finished } });
  const slow = interpretScalar(random.config, { ...options, host: { ...slowHost.host, finished } });
  expect(fast.counts).toEqual(slow.counts);
  expect(fast.overflow).toEqual(slow.overflow);
  expect(fast.finalState).toEqual(slow.finalState);
  expect(fast.recording).toEqual(slow.recording);
  expect(fastHost.log).toEqual(slowHost.log);
  return fast;
}

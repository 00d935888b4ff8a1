/**
 * One entry point for configs of either family: the LIF core emulator for tripart.hwconfig,
 * the glia-core emulator for tripart.glia-config. Both return the same result shape.
 */
import { isGliaConfig, type AnyConfig } from "../hw/any-config.js";
import { emulate, type EmulateOptions, type EmulationResult } from "./emulator.js";
import { emulateGlia } from "./glia-emulator.js";
import { interpretScalar } from "./scalar.js";
import { interpretGliaScalar } from "./glia-scalar.js";

/** Runs `config` in the fast emulator of its family (a closed-loop host works with both). */
export function emulateAny(config: AnyConfig, options: EmulateOptions = {}): EmulationResult {
  if (!isGliaConfig(config)) return emulate(config, options);
  return emulateGlia(config, {
    ...(options.steps !== undefined ? { steps: options.steps } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    ...(options.weightSteps !== undefined ? { weightSteps: options.weightSteps } : {}),
  });
}

/** Runs `config` in the scalar interpreter (the living definition) of its family. */
export function interpretAny(config: AnyConfig, options: { readonly steps?: number; readonly weightSteps?: readonly number[] } = {}): EmulationResult {
  return isGliaConfig(config) ? interpretGliaScalar(config, options) : interpretScalar(config, options);
}

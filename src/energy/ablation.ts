/**
 * What astrocyte gating costs or saves: the same network compiled and emulated twice, as written
 * and with its tripartite couplings removed (astrocytes still run, but gate no synapse and drive no
 * neuron — the control of examples/working-memory/run.mjs), each priced by the same table.
 */
import { fail, ok, type Diagnostic, type Result } from "../ir/diagnostics.js";
import { loadNetwork } from "../ir/load.js";
import { elaborate } from "../ir/elaborate.js";
import { compileAny } from "../passes/pipeline.js";
import type { CompileOptions } from "../passes/pass.js";
import { emulateAny } from "../emulator/any.js";
import type { Progress } from "../hw/host.js";
import type { AnyConfig } from "../hw/any-config.js";
import type { EmulationResult } from "../emulator/emulator.js";
import type { AnyTarget } from "../targets/glia-types.js";
import { estimateEnergy, placementOf, type EnergyEstimate } from "./estimate.js";
import { energyTableOf } from "./table.js";

export interface EnergyRun {
  readonly config: AnyConfig;
  readonly emulation: EmulationResult;
  readonly estimate: EnergyEstimate;
}

export interface GatingAblation {
  readonly gated: EnergyRun;
  readonly ungated: EnergyRun;
  /** ungated − gated (J, s per step); negative: gating costs that much more. */
  readonly saved: { readonly energy: number; readonly stepTime: number; readonly spikes: number; readonly synapticOps: number };
  /** J the astrocyte units themselves take in the gated run (they run in both, so `saved` leaves them out). */
  readonly astrocyteEnergy: number;
}

/** The network text with its tripartite couplings removed (same draws: only that section changes). */
export function withoutGating(networkText: string): string {
  const document = JSON.parse(networkText) as Record<string, unknown>;
  return JSON.stringify({ ...document, tripartite: [] });
}

/** Loads, elaborates, compiles, emulates and prices one network text. */
export function estimateNetworkText(
  text: string,
  target: AnyTarget,
  options: { readonly file?: string; readonly compile?: CompileOptions; readonly onProgress?: Progress } = {},
): Result<EnergyRun> {
  const table = energyTableOf(target);
  if (!table.ok) return fail(table.diagnostics);
  const network = loadNetwork(text, options.file !== undefined ? { file: options.file } : {});
  if (!network.ok) return fail(network.diagnostics);
  const compiled = compileAny(elaborate(network.value), target, { ...(options.file !== undefined ? { file: options.file } : {}), ...options.compile });
  if (!compiled.ok) return fail([...network.diagnostics, ...compiled.diagnostics]);
  const emulation = emulateAny(compiled.value, options.onProgress !== undefined ? { onProgress: options.onProgress } : {});
  const estimate = estimateEnergy(compiled.value, emulation.counts, table.value, emulation.recording, placementOf(compiled));
  return ok({ config: compiled.value, emulation, estimate }, [...network.diagnostics, ...compiled.diagnostics]);
}

/** Runs the network with and without its tripartite couplings on one target and compares the estimates. */
export function gatingAblation(
  text: string,
  target: AnyTarget,
  options: { readonly file?: string; readonly compile?: CompileOptions; readonly onProgress?: (run: "gated" | "ungated", done: number, total: number) => void } = {},
): Result<GatingAblation> {
  const progress = (run: "gated" | "ungated"): Progress | undefined => (options.onProgress ? (done, total) => options.onProgress?.(run, done, total) : undefined);
  const common = { ...(options.file !== undefined ? { file: options.file } : {}), ...(options.compile !== undefined ? { compile: options.compile } : {}) };
  const gatedProgress = progress("gated");
  const gated = estimateNetworkText(text, target, { ...common, ...(gatedProgress ? { onProgress: gatedProgress } : {}) });
  if (!gated.ok) return gated;
  // the text loaded, so it is strict JSON (network files allow no comments)
  const ungatedText = withoutGating(text);
  const ungatedProgress = progress("ungated");
  const ungated = estimateNetworkText(ungatedText, target, { ...common, ...(ungatedProgress ? { onProgress: ungatedProgress } : {}) });
  if (!ungated.ok) return fail([...gated.diagnostics, ...ungated.diagnostics]);
  const diagnostics: Diagnostic[] = [...gated.diagnostics, ...ungated.diagnostics];
  const g = gated.value;
  const u = ungated.value;
  return ok(
    {
      gated: g,
      ungated: u,
      saved: {
        energy: u.estimate.energy - g.estimate.energy,
        stepTime: u.estimate.stepTime - g.estimate.stepTime,
        spikes: u.emulation.counts.spikes - g.emulation.counts.spikes,
        synapticOps: u.emulation.counts.synapticEvents - g.emulation.counts.synapticEvents,
      },
      astrocyteEnergy: g.estimate.kinds.find((k) => k.kind === "astrocyteUpdate")?.energy ?? 0,
    },
    diagnostics,
  );
}

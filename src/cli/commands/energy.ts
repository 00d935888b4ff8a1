import { readFile } from "node:fs/promises";
import {
  emulateAny,
  energyTableOf,
  estimateEnergy,
  estimateNetworkText,
  gatingAblation,
  isGliaConfig,
  loadNetworkFile,
  readConfigFile,
  readRecordingFile,
  resolveTarget,
  type AnyConfig,
  type AnyTarget,
  type EnergyEstimate,
  type GatingAblation,
} from "../../index.js";
import type { CliIo } from "../io.js";
import { noteStage } from "../crash.js";
import { ExitCode } from "../exit-codes.js";
import { painter } from "../format.js";
import { optionError, printDiagnostics, printJson, progressFor } from "./shared.js";
import { ablationReport, energyReport } from "./energy-format.js";

export interface EnergyFlags {
  target?: string;
  recording?: string;
  gating?: boolean;
  quiet?: boolean;
  json?: boolean;
}

const CONFIG_FORMATS = ["tripart.hwconfig/1", "tripart.glia-config/1"];

/** A config (config.pb, or JSON whose format is a config format) or else a network file. */
async function isConfigFile(path: string): Promise<boolean> {
  if (path.endsWith(".pb")) return true;
  try {
    const format = (JSON.parse(await readFile(path, "utf8")) as { format?: unknown }).format;
    return typeof format === "string" && CONFIG_FORMATS.includes(format);
  } catch {
    return false; // unreadable or not JSON: the network loader says why
  }
}

export async function runEnergy(input: string, flags: EnergyFlags, io: CliIo): Promise<ExitCode> {
  const config = await isConfigFile(input);
  if (flags.gating === false) {
    if (config) return optionError("--no-gating", "", "a network file: the ablation compiles the network twice, so it cannot start from a config", "energy", io);
    if (flags.recording !== undefined) return optionError("--recording", flags.recording, "no recording with --no-gating: both runs are emulated", "energy", io);
    return runAblation(input, flags, io);
  }
  if (!config) {
    if (flags.recording !== undefined) return optionError("--recording", flags.recording, "a config as input: a recording is priced against the config that produced it", "energy", io);
    return runNetwork(input, flags, io);
  }
  return runConfig(input, flags, io);
}

async function runConfig(path: string, flags: EnergyFlags, io: CliIo): Promise<ExitCode> {
  const config = await readConfigFile(path);
  const loadCode = printDiagnostics(config.diagnostics, io);
  if (!config.ok) return loadCode;
  const table = await tableFor(flags.target ?? config.value.target.name, io);
  if (table === undefined) return ExitCode.BadInput;
  let estimate: EnergyEstimate;
  if (flags.recording !== undefined) {
    const recording = await readRecordingFile(flags.recording);
    const code = printDiagnostics(recording.diagnostics, io);
    if (!recording.ok) return code;
    estimate = estimateEnergy(config.value, undefined, table, recording.value);
  } else {
    const run = emulateWithBar(config.value, flags, io);
    estimate = estimateEnergy(config.value, run.counts, table, run.recording);
  }
  return print(estimate, flags, io);
}

function emulateWithBar(config: AnyConfig, flags: EnergyFlags, io: CliIo) {
  const bar = progressFor(io, "emulate", flags.quiet === true || flags.json === true);
  noteStage("emulate");
  const result = emulateAny(config, { onProgress: bar.update });
  bar.stop();
  return result;
}

async function tableFor(targetRef: string, io: CliIo) {
  const target = await resolveTarget(targetRef);
  printDiagnostics(target.diagnostics, io);
  if (!target.ok) return undefined;
  const table = energyTableOf(target.value);
  printDiagnostics(table.diagnostics, io);
  return table.ok ? table.value : undefined;
}

async function runNetwork(path: string, flags: EnergyFlags, io: CliIo): Promise<ExitCode> {
  return withNetwork(path, flags, io, async (text, target) => {
    const bar = progressFor(io, "emulate", flags.quiet === true || flags.json === true);
    const run = estimateNetworkText(text, target, { file: path, onProgress: bar.update });
    bar.stop();
    const code = printDiagnostics(run.diagnostics, io);
    if (!run.ok) return code;
    return print(run.value.estimate, flags, io);
  });
}

async function runAblation(path: string, flags: EnergyFlags, io: CliIo): Promise<ExitCode> {
  return withNetwork(path, flags, io, async (text, target) => {
    const quiet = flags.quiet === true || flags.json === true;
    const bars = { gated: progressFor(io, "with gating", quiet), ungated: progressFor(io, "without gating", quiet) };
    const result = gatingAblation(text, target, {
      file: path,
      onProgress: (run, done, total) => {
        bars[run].update(done, total);
        if (done === total) bars[run].stop();
      },
    });
    bars.gated.stop();
    bars.ungated.stop();
    const code = printDiagnostics(result.diagnostics, io);
    if (!result.ok) return code;
    if (flags.json) printJson(ablationJson(result.value), io);
    else io.writeOut(ablationReport(result.value, painter(io.color)));
    return ExitCode.Ok;
  });
}

/** Loads the network (for its diagnostics) and the target, then hands the text on. */
async function withNetwork(
  path: string,
  flags: EnergyFlags,
  io: CliIo,
  then: (text: string, target: AnyTarget) => Promise<ExitCode>,
): Promise<ExitCode> {
  const [network, target] = await Promise.all([loadNetworkFile(path), resolveTarget(flags.target ?? "loihi-cuba")]);
  const code = printDiagnostics([...network.diagnostics, ...target.diagnostics], io);
  if (!network.ok || !target.ok) return code === ExitCode.Ok ? ExitCode.BadInput : code;
  return then(await readFile(path, "utf8"), target.value);
}

function print(estimate: EnergyEstimate, flags: EnergyFlags, io: CliIo): ExitCode {
  if (flags.json) printJson(estimateJson(estimate), io);
  else io.writeOut(energyReport(estimate, painter(io.color)));
  return ExitCode.Ok;
}

/** The estimate as JSON: infinities (no timed work) become null. */
export function estimateJson(e: EnergyEstimate) {
  return { ...e, realTimeFactor: Number.isFinite(e.realTimeFactor) ? e.realTimeFactor : null };
}

function ablationJson(a: GatingAblation) {
  return { gated: estimateJson(a.gated.estimate), ungated: estimateJson(a.ungated.estimate), saved: a.saved, family: isGliaConfig(a.gated.config) ? "glia-core" : "lif" };
}

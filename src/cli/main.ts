/**
 * `tripart`: commander wiring only. Each command lives in ./commands/ and returns an exit code;
 * an unexpected exception becomes exit code 3 with a reproducer file.
 */
import { Command, CommanderError, Option } from "commander";
import { ExitCode } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { reportInternalError } from "./crash.js";
import { runValidate } from "./commands/validate.js";
import { runCompile } from "./commands/compile.js";
import { runSimulate } from "./commands/simulate.js";
import { runEmulate } from "./commands/emulate.js";
import { runDiff } from "./commands/diff.js";
import { runDequantize } from "./commands/dequantize.js";
import { runExperimentCommand, runExperimentMergeCommand } from "./commands/experiment.js";
import { runVerify } from "./commands/verify.js";
import { runInspect } from "./commands/inspect.js";
import { runTargets } from "./commands/targets.js";
import { runCheck } from "./commands/check.js";
import { runPasses } from "./commands/passes.js";
import { runCalibrate } from "./commands/calibrate.js";
import { runEnergy } from "./commands/energy.js";
import { VERSION } from "../index.js";

/**
 * A numeric option's value: the whole text as a number, else NaN, which the command reports as
 * TP1305/TP1204. Not parseInt/parseFloat: they read "1.5" as 1 and "10abc" as 10 without a word.
 */
const strictNumber = (text: string): number => (text.trim() === "" ? Number.NaN : Number(text));

export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let code: ExitCode = ExitCode.Ok;
  const set = (promise: Promise<ExitCode>) => promise.then((c) => void (code = c));
  const json = new Option("--json", "print the result as JSON on stdout");
  const quiet = new Option("-q, --quiet", "no progress bar");
  const target = new Option("-t, --target <target>", "target name (see `tripart targets`) or target file").default("loihi-cuba");

  const program = new Command("tripart")
    .description("Compile spiking neuron-astrocyte networks to neuromorphic hardware, emulate them bit for bit, diff against a float reference.")
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeOut: io.writeOut, writeErr: io.writeErr });

  program
    .command("validate <network>")
    .description("check a network file: JSON, schema and semantic rules; every problem at once")
    .addOption(json.default(false))
    .action((network: string, flags) => set(runValidate(network, flags, io)));

  program
    .command("compile <network>")
    .description("lower a network to a hardware config (config.pb + config.json) for a target")
    .addOption(target)
    .option("-o, --out <dir>", "output folder", "tripart-out")
    .option("--dump-after <pass>", "also write the stage after this pass as JSON")
    .option("--headroom <factor>", "threshold sits at the voltage register's maximum / factor", strictNumber)
    .option("--precision <mode>", "voltage scale per population: headroom (default: the --headroom factor), static (worst-case register bounds fit) or profile (ranges measured in the reference fit); docs/precision.md")
    .option("--profile-margin <factor>", "with --precision profile: widen the measured ranges by this factor (default 1.5)", strictNumber)
    .option("--error-budget <relative>", "fewest weight bits per projection whose relative RMS weight error stays within this, e.g. 0.01", strictNumber)
    .option("--learning-epoch <steps>", "steps between weight writes of on-chip learning (default: the target's)", strictNumber)
    .option("--partitioner <strategy>", "contiguous (IR order) or traffic (by predicted spike traffic onto the mesh); default: traffic on boards of chips")
    .option("--rates <recording>", "weight the predicted traffic by the spike rates of this recording (e.g. the reference's)")
    .option("--timings", "print the time each pass took", false)
    .option("-f, --force", "overwrite existing output files", false)
    .addOption(json)
    .action((network: string, flags) => set(runCompile(network, flags, io)));

  program
    .command("simulate <network>")
    .description("run the float64 reference simulator and write its recording")
    .option("-o, --out <file>", "recording file (.json, .pb or .csv)", "reference.json")
    .option("--steps <n>", "number of time steps (default: the network's duration)", strictNumber)
    .option("--weights-every <ms>", "also dump the weights of plastic projections every this many ms (the last step always)", strictNumber)
    .option("-f, --force", "overwrite an existing output file", false)
    .addOption(quiet)
    .addOption(json)
    .action((network: string, flags) => set(runSimulate(network, flags, io)));

  program
    .command("emulate <config>")
    .description("run the bit-accurate emulator on a hardware config and write its recording")
    .option("-o, --out <file>", "recording file (.json, .pb or .csv)", "emulator.json")
    .option("--steps <n>", "number of time steps (default: the config's)", strictNumber)
    .option("--weights-every <ms>", "also dump the weights of plastic projections every this many ms (the last step always)", strictNumber)
    .option("-f, --force", "overwrite an existing output file", false)
    .addOption(quiet)
    .addOption(json)
    .action((config: string, flags) => set(runEmulate(config, flags, io)));

  program
    .command("diff <reference> <other>")
    .description("compare two recordings (reference first); exit 1 when the criteria fail")
    .option("-c, --criteria <file>", "criteria file (tripart.criteria/1)")
    .option("--match-within <steps>", "spikes within this many steps count as matched", strictNumber)
    .option("--min-matched <fraction>", "least fraction of reference spikes matched", strictNumber)
    .option("--max-rate-error <fraction>", "largest relative rate error per population", strictNumber)
    .option("--html <file>", "also write an HTML report with plots")
    .option("-f, --force", "overwrite an existing report file", false)
    .addOption(json)
    .action((a: string, b: string, flags) => set(runDiff(a, b, flags, io)));

  program
    .command("dequantize <config> <spikes>")
    .description("turn a chip's recording in hardware addresses (hardware CSV) into a recording")
    .option("--states <file>", "states file (core,compartment,variable,step,raw)")
    .option("-o, --out <file>", "recording file (.json, .pb or .csv)", "chip.json")
    .option("-f, --force", "overwrite an existing output file", false)
    .addOption(json)
    .action((config: string, spikes: string, flags) => set(runDequantize(config, spikes, flags, io)));

  program
    .command("verify <network>")
    .description("compile, simulate, emulate and diff in one go; exit 1 when the criteria fail")
    .addOption(target)
    .option("-c, --criteria <file>", "criteria file (default: criteria.json beside the network, if present)")
    .option("-o, --out <dir>", "also write config, recordings and report into this folder")
    .option("--learning-epoch <steps>", "steps between weight writes of on-chip learning (default: the target's)", strictNumber)
    .option("--weights-every <ms>", "also dump and compare weights every this many ms (the last step always)", strictNumber)
    .option("--html <file>", "also write an HTML report with plots")
    .option("-f, --force", "overwrite existing output files", false)
    .addOption(quiet)
    .addOption(json)
    .action((network: string, flags) => set(runVerify(network, flags, io)));

  program
    .command("experiment <path>")
    .description("run the navigation experiment of a folder's experiment.json (docs/snan.md): every agent on every world, with confidence intervals")
    .option("-o, --out <dir>", "folder for experiment-result.json and report.html", "tripart-experiment")
    .option("--quick", "the spec's small setting (seconds, for tests)", false)
    .option("-f, --force", "overwrite existing output files", false)
    .option("-j, --jobs <n>", "worker threads for the spiking agents' worlds (default: one per core; 1: all in this thread)", strictNumber)
    .option("--first-world <n>", "play worlds from this index on (the spec's scale.firstWorld): one part of a split run, pooled by experiment-merge", strictNumber)
    .option("--worlds <n>", "worlds per size (the spec's scale.worlds)", strictNumber)
    .addOption(quiet)
    .addOption(json)
    .action((path: string, flags) => set(runExperimentCommand(path, flags, io)));

  program
    .command("experiment-merge <results...>")
    .description("pool the experiment-result.json files of a run split by scale.firstWorld into the result of all their worlds (docs/snan.md)")
    .option("-o, --out <dir>", "folder for the pooled experiment-result.json and report.html", "tripart-experiment")
    .option("-f, --force", "overwrite existing output files", false)
    .addOption(json)
    .action((results: string[], flags) => set(runExperimentMergeCommand(results, flags, io)));

  program
    .command("energy <input>")
    .description("estimate energy and time per step of a run from the target's per-operation costs (a config, or a network compiled for --target)")
    .option("-t, --target <target>", "target whose energy table prices the run (default: the config's target; for a network: loihi-cuba)")
    .option("--recording <file>", "price this emulator recording instead of running the emulator (config input only)")
    .option("--no-gating", "also run the network with its tripartite couplings removed and print what astrocyte gating saves")
    .addOption(quiet)
    .addOption(json)
    .action((input: string, flags) => set(runEnergy(input, flags, io)));

  program
    .command("calibrate <network>")
    .description("fit the reduced astrocyte model to each Ullah or lr1994 astrocyte population and report the fit error")
    .option("--astrocytes <id>", "calibrate only this astrocyte population")
    .option("-o, --out <file>", "write the network with the calibrated populations on the reduced model")
    .option("-f, --force", "overwrite an existing output file", false)
    .addOption(json)
    .action((network: string, flags) => set(runCalibrate(network, flags, io)));

  program
    .command("inspect <config>")
    .description("summarise a hardware config (config.pb or config.json) and its resource use")
    .addOption(json)
    .action((config: string, flags) => set(runInspect(config, flags, io)));

  program
    .command("targets")
    .description("list the bundled targets and what they support")
    .option("--markdown", "print the capability table as Markdown (as docs/targets.md has it)", false)
    .addOption(json)
    .action((flags) => set(runTargets(flags, io)));

  program
    .command("check <network>")
    .description("compile in memory for each target and report which take the network; exit 1 when one refuses")
    .option("-t, --target <target>", "target name, target file, or all", "all")
    .option("-v, --verbose", "also list the warnings", false)
    .addOption(quiet)
    .addOption(json)
    .action((network: string, flags) => set(runCheck(network, flags, io)));

  program
    .command("passes")
    .description("list the compiler passes in the order they run")
    .action(() => set(runPasses(io)));

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.BadInput;
    }
    return reportInternalError(error, argv, io);
  }
  return code;
}

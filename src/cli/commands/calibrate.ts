import { basename, dirname } from "node:path";
import { calibrateNetwork, checkWritable, loadNetworkFile, reducedNetworkText, writeOutputFiles, type PopulationCalibration } from "../../index.js";
import type { CliIo } from "../io.js";
import { noteStage } from "../crash.js";
import { ExitCode } from "../exit-codes.js";
import { painter, table } from "../format.js";
import { optionError, printDiagnostics, printJson } from "./shared.js";

export interface CalibrateFlags {
  astrocytes?: string;
  out?: string;
  force?: boolean;
  json?: boolean;
}

/** `tripart calibrate <network>`: fit the reduced astrocyte model to each full-model population. */
export async function runCalibrate(networkPath: string, flags: CalibrateFlags, io: CliIo): Promise<ExitCode> {
  if (flags.out !== undefined) {
    const blocked = await checkWritable([flags.out], flags.force === true);
    if (blocked.length > 0) return printDiagnostics(blocked, io);
  }
  const loaded = await loadNetworkFile(networkPath);
  const code = printDiagnostics(loaded.diagnostics, io);
  if (!loaded.ok) return code;
  const known = loaded.value.astrocytes.filter((a) => a.model !== "reduced").map((a) => a.id);
  if (flags.astrocytes !== undefined && !known.includes(flags.astrocytes)) {
    const choices = known.length > 0 ? `one of: ${known.join(", ")}` : "none: the network has no Ullah or lr1994 astrocyte population";
    return optionError("--astrocytes", flags.astrocytes, `it must name a full-model astrocyte population, ${choices}`, "calibrate", io);
  }
  noteStage("calibrate");
  const calibrations = calibrateNetwork(loaded.value, flags.astrocytes !== undefined ? { only: flags.astrocytes } : {});
  if (flags.out !== undefined) {
    const text = await reducedNetworkText(networkPath, calibrations);
    if (!text.ok) return printDiagnostics(text.diagnostics, io);
    const written = await writeOutputFiles(dirname(flags.out), { [basename(flags.out)]: text.value }, flags.force === true);
    if (!written.ok) return printDiagnostics(written.diagnostics, io);
  }
  if (flags.json) {
    printJson({ ok: true, ...(flags.out !== undefined ? { written: flags.out } : {}), calibrations: calibrations.map(summary) }, io);
    return ExitCode.Ok;
  }
  if (calibrations.length === 0) {
    io.writeOut(`${networkPath}: no Ullah or lr1994 astrocyte population to calibrate.\n`);
    return ExitCode.Ok;
  }
  const num = (x: number) => Number(x.toPrecision(4)).toString();
  io.writeOut(
    `reduced astrocyte model fitted to each full model's Ca response (pulse trains at 1, 2, 5, 10 Hz)\n` +
      table(
        ["astrocytes", "model", "tau_ip3 ms", "tau_ca ms", "gain 1/s", "ip3_threshold µM", "Ca RMSE µM (guess → fit)", "peak error µM", "gate Jaccard"],
        calibrations.map((c) => {
          const { params, error, initialError } = c.result;
          return [c.astrocytes, c.model, num(params.tau_ip3), num(params.tau_ca), num(params.gain), num(params.ip3_threshold), `${num(initialError.caRmse)} → ${num(error.caRmse)}`, num(error.peakError), num(error.gateJaccard)];
        }),
        painter(io.color),
      ) +
      (flags.out !== undefined ? `\nwrote ${flags.out}: the network with these populations on the reduced model\n` : ""),
  );
  return ExitCode.Ok;
}

function summary(c: PopulationCalibration) {
  return {
    astrocytes: c.astrocytes,
    model: c.model,
    protocol: c.protocol,
    caThreshold: c.caThreshold,
    params: c.result.params,
    error: c.result.error,
    initialError: c.result.initialError,
    rest: c.result.rest,
    evaluations: c.result.evaluations,
  };
}

import { GLIA_PASSES, PASSES } from "../../index.js";
import type { CliIo } from "../io.js";
import { ExitCode } from "../exit-codes.js";

export async function runPasses(io: CliIo): Promise<ExitCode> {
  io.writeOut("elaborate   (before the passes) Connectivity, weights, delays, inputs and initial states become explicit arrays.\n");
  for (const pass of PASSES) io.writeOut(`${pass.name.padEnd(11)} ${pass.summary}\n`);
  io.writeOut("\nglia-core targets:\n");
  for (const pass of GLIA_PASSES) io.writeOut(`${pass.name.padEnd(11)} ${pass.summary}\n`);
  return ExitCode.Ok;
}

/**
 * Energy of every network on every target: per (network, target) either the estimate of an
 * emulated run (compile, emulate, price with the target's table) or the codes of the errors that
 * refuse it, the same codes `tripart check` gives (compile errors plus the learning refusals a
 * stopped compilation did not reach). Each network is loaded and elaborated once. Never prints.
 */
import { fail, ok, type Diagnostic, type Result } from "../ir/diagnostics.js";
import { loadNetwork } from "../ir/load.js";
import { elaborate } from "../ir/elaborate.js";
import { compileAny } from "../passes/pipeline.js";
import { learningRefusals } from "../passes/learning-refusals.js";
import { emulateAny } from "../emulator/any.js";
import type { AnyTarget } from "../targets/glia-types.js";
import { estimateEnergy, placementOf, type EnergyEstimate } from "./estimate.js";
import { energyTableOf } from "./table.js";

/** One network as the matrix needs it: a label for its row, its text and its file (for diagnostics). */
export interface MatrixNetwork {
  readonly label: string;
  readonly text: string;
  readonly file?: string;
}

/** One cell: the estimate of the run, or the distinct error codes that refuse the network (first appearance order). */
export interface MatrixCell {
  readonly network: string;
  readonly target: string;
  readonly estimate?: EnergyEstimate;
  readonly refused?: readonly string[];
}

/**
 * Prices every network on every target. Fails only when a network does not load or a target has
 * no energy section (TP2163); a refusal is a cell, not a failure. `onCell` is told before each cell.
 */
export function energyMatrixOf(
  networks: readonly MatrixNetwork[],
  targets: readonly AnyTarget[],
  options: { readonly onCell?: (network: string, target: string) => void } = {},
): Result<MatrixCell[]> {
  const tables = targets.map(energyTableOf);
  const problems: Diagnostic[] = tables.flatMap((t) => (t.ok ? [] : t.diagnostics));
  const loaded = networks.map((n) => loadNetwork(n.text, n.file !== undefined ? { file: n.file } : {}));
  for (const result of loaded) if (!result.ok) problems.push(...result.diagnostics);
  if (problems.length > 0) return fail(problems);
  const cells: MatrixCell[] = [];
  networks.forEach((network, i) => {
    const elaborated = elaborate(loaded[i].value!);
    const file = network.file !== undefined ? { file: network.file } : {};
    targets.forEach((target, j) => {
      options.onCell?.(network.label, target.name);
      const compiled = compileAny(elaborated, target, file);
      if (!compiled.ok) {
        const errors = [...compiled.diagnostics, ...learningRefusals(elaborated, target, network.file)].filter((d) => d.severity === "error");
        cells.push({ network: network.label, target: target.name, refused: [...new Set(errors.map((d) => d.code))] });
        return;
      }
      const run = emulateAny(compiled.value);
      const estimate = estimateEnergy(compiled.value, run.counts, tables[j].value!, run.recording, placementOf(compiled));
      cells.push({ network: network.label, target: target.name, estimate });
    });
  });
  return ok(cells);
}

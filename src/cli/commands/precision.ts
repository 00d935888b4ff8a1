/** `tripart compile`'s precision flags (--precision, --profile-margin, --error-budget) and the precision report as tables. */
import { PRECISION_MODES, type CompileOptions, type CompileReports, type PrecisionMode } from "../../index.js";
import type { CliIo } from "../io.js";
import { ExitCode } from "../exit-codes.js";
import { optionError } from "./shared.js";

export interface PrecisionFlags {
  precision?: string;
  profileMargin?: number;
  errorBudget?: number;
}

const isMode = (value: string): value is PrecisionMode => (PRECISION_MODES as readonly string[]).includes(value);

/** TP1305 for a bad value of any of the three flags (naming the flag); ExitCode.Ok when they are fine. */
export function checkPrecisionFlags(flags: PrecisionFlags, io: CliIo): ExitCode {
  if (flags.precision !== undefined && !isMode(flags.precision)) {
    return optionError("--precision", flags.precision, `it must be one of ${PRECISION_MODES.join(", ")}`, "compile", io);
  }
  if (flags.profileMargin !== undefined) {
    if (!(Number.isFinite(flags.profileMargin) && flags.profileMargin >= 1)) {
      return optionError("--profile-margin", String(flags.profileMargin), "it must be a factor ≥ 1 (1.5 widens the measured ranges by half)", "compile", io);
    }
    if (flags.precision !== "profile") {
      return optionError("--profile-margin", String(flags.profileMargin), "it applies only with --precision profile", "compile", io);
    }
  }
  if (flags.errorBudget !== undefined && !(Number.isFinite(flags.errorBudget) && flags.errorBudget > 0)) {
    return optionError("--error-budget", String(flags.errorBudget), "it must be a relative error above 0, e.g. 0.01 for 1%", "compile", io);
  }
  return ExitCode.Ok;
}

/** The compile options the (checked) flags ask for. */
export function precisionOptions(flags: PrecisionFlags): Pick<CompileOptions, "precision" | "profileMargin" | "errorBudget"> {
  return {
    ...(flags.precision !== undefined && isMode(flags.precision) ? { precision: flags.precision } : {}),
    ...(flags.profileMargin !== undefined ? { profileMargin: flags.profileMargin } : {}),
    ...(flags.errorBudget !== undefined ? { errorBudget: flags.errorBudget } : {}),
  };
}

const num = (x: number): string => (Number.isFinite(x) ? String(x >= 0 ? Math.ceil(x) : Math.floor(x)) : x > 0 ? "+∞" : "−∞");
const pct = (x: number): string => `${Number((100 * x).toPrecision(3))}%`;

/** The precision report as up to two tables: registers per population, then weight bits per projection. */
export function precisionRows(reports: CompileReports): { title: string; header: string[]; rows: string[][] }[] {
  const p = reports.precision;
  if (p === undefined) return [];
  const tables: { title: string; header: string[]; rows: string[][] }[] = [];
  if (p.populations !== undefined) {
    tables.push({
      title: `precision (${p.mode}): the range each register must hold, hardware units`,
      header: ["population", "register", "range", "from", "register range", "headroom", "spare bits"],
      rows: p.populations.flatMap((population) =>
        population.registers.map((r) => [
          population.population,
          r.variable,
          `${num(r.lowest)} … ${num(r.highest)}`,
          r.source === "profile" ? "measured × margin" : "static bound",
          `${r.registerMin} … ${r.registerMax}`,
          Number(population.headroom.toPrecision(4)).toString(),
          Number.isFinite(r.spareBits) ? String(r.spareBits) : "−∞",
        ]),
      ),
    });
  }
  if (p.weightBits !== undefined && p.errorBudget !== undefined) {
    tables.push({
      title: `error budget ${pct(p.errorBudget)}: weight bits per projection (relative RMS weight error)`,
      header: ["projection", "bits", "predicted", "achieved", "meets"],
      rows: p.weightBits.map((w) => [w.projection, `${w.bits} of ${w.fullBits}`, pct(w.predicted), pct(w.achieved), w.meets ? "yes" : "no"]),
    });
  }
  return tables;
}

/**
 * The precision options of CompileOptions, checked once per compilation, and the findings of the
 * precision modes as diagnostics (TP3120-TP3124, docs/diagnostics-passes.md).
 */
import { pointer, ROOT } from "../../ir/pointer.js";
import type { PassContext } from "../pass.js";
import type { PopulationPrecision, PrecisionReport, QuantizationReport, WeightBitsChoice } from "../stages.js";
import { PRECISION_MODES, type MeasuredRange, type PrecisionMode } from "./types.js";

/** The checked precision options: the mode, the measured ranges by population id, the error budget. */
export interface Precision {
  readonly mode: PrecisionMode;
  readonly measured: ReadonlyMap<string, MeasuredRange>;
  readonly errorBudget?: number;
}

/** Reads and checks the options; a bad one is reported (TP3121-TP3123) and the default used instead. */
export function checkedPrecision(ctx: PassContext): Precision {
  const { precision = "headroom", measuredRanges, errorBudget } = ctx.options;
  let mode: PrecisionMode = precision;
  if (!PRECISION_MODES.includes(precision)) {
    ctx.report("TP3121", ROOT, { value: String(precision), modes: PRECISION_MODES.join(", ") });
    mode = "headroom";
  } else if (precision === "profile" && measuredRanges === undefined) {
    ctx.report("TP3122", ROOT, {});
    mode = "headroom";
  }
  const budgetOk = errorBudget === undefined || (Number.isFinite(errorBudget) && errorBudget > 0);
  if (!budgetOk) ctx.report("TP3123", ROOT, { value: String(errorBudget) });
  return {
    mode,
    measured: new Map((measuredRanges ?? []).map((range) => [range.population, range])),
    ...(budgetOk && errorBudget !== undefined ? { errorBudget } : {}),
  };
}

/** `report.precision` when a precision mode or an error budget was asked for, else nothing. */
export function precisionReport(
  precision: Precision,
  populations: readonly PopulationPrecision[],
  weightBits: readonly WeightBitsChoice[],
): Pick<QuantizationReport, "precision"> {
  if (precision.mode === "headroom" && precision.errorBudget === undefined) return {};
  const report: PrecisionReport = {
    mode: precision.mode,
    ...(precision.mode !== "headroom" ? { populations } : {}),
    ...(precision.errorBudget !== undefined ? { errorBudget: precision.errorBudget, weightBits } : {}),
  };
  return { precision: report };
}

/** TP3120 for every register that can leave its range at the chosen scale. */
export function reportOverflowRisk(result: PopulationPrecision, index: number, ctx: PassContext): void {
  for (const register of result.registers) {
    if (register.spareBits >= 0) continue;
    const upperSide = register.highest / register.registerMax >= register.lowest / register.registerMin;
    const bound = upperSide ? register.highest : register.lowest;
    ctx.report("TP3120", pointer("populations", index), {
      population: result.population,
      variable: register.variable,
      source: register.source === "profile" ? "its measured range reaches" : "it can reach",
      bound: formatBound(bound),
      limit: upperSide ? register.registerMax : register.registerMin,
      short: Number.isFinite(register.spareBits) ? String(-register.spareBits) : "unboundedly many",
      headroom: Number(result.headroom.toPrecision(4)),
    });
  }
}

/** TP3124 when even all mantissa bits miss the budget. */
export function reportBudgetMissed(choice: WeightBitsChoice, index: number, budget: number, ctx: PassContext): void {
  ctx.report("TP3124", pointer("projections", index, "weight"), {
    projection: choice.projection,
    achieved: percent(choice.achieved),
    bits: choice.fullBits,
    budget: percent(budget),
  });
}

const percent = (x: number): string => `${Number((100 * x).toPrecision(3))}%`;
/** A bound rounded outward to an integer, or ±∞. */
const formatBound = (x: number): string => (Number.isFinite(x) ? String(x >= 0 ? Math.ceil(x) : Math.floor(x)) : x > 0 ? "+∞" : "−∞");

/**
 * The scale search of the precision modes (docs/precision.md §3): the largest threshold mantissa
 * (finest voltage resolution) at which every register of a population holds its bound. Bounds
 * are, up to rounding, proportional to the mantissa, so the first guess divides by the overshoot;
 * every guess is checked by quantizing at it, and rounding is caught by stepping down further.
 */

/** What quantizing a population at one threshold mantissa gave: how far over its registers it is. */
export interface ScaleTrial {
  /** max over registers of bound / limit: ≤ 1 when every register holds its bound. */
  readonly ratio: number;
  /** Every incoming projection keeps its largest weight nonzero (a scale below this is of no use). */
  readonly usable: boolean;
}

export interface ScaleChoice<T extends ScaleTrial> {
  readonly mantissa: number;
  readonly trial: T;
  readonly fits: boolean;
}

/** Guesses from the overshoot before the search falls back to bisection. */
const DIRECT_GUESSES = 12;

/**
 * From `start` (the finest mantissa) down: the largest mantissa whose trial fits and is usable
 * (usability counts only when the finest scale is usable: weights too small for any scale do not
 * hold the search up). When none fits, the coarsest usable one (the least overshoot at which the
 * weights still compute something), or `fallback` (the headroom default) when no scale bounds a
 * register.
 */
export function chooseThreshold<T extends ScaleTrial>(start: number, evaluate: (mantissa: number) => T, fallback: number): ScaleChoice<T> {
  const first = evaluate(start);
  const needUsable = first.usable;
  const ok = (t: T) => t.ratio <= 1 && (t.usable || !needUsable);
  if (ok(first)) return { mantissa: start, trial: first, fits: true };
  if (!Number.isFinite(first.ratio)) return { mantissa: fallback, trial: evaluate(fallback), fits: false };
  let over = start; // the smallest mantissa known not to fit
  let trial = first;
  for (let guess = 0; guess < DIRECT_GUESSES && over > 1 && (trial.usable || !needUsable); guess++) {
    const mantissa = Math.max(1, Math.min(over - 1, Math.floor(over / trial.ratio)));
    trial = evaluate(mantissa);
    if (ok(trial)) return { mantissa, trial, fits: true };
    if (trial.usable || !needUsable) over = mantissa;
  }
  // Bisection between the coarsest usable mantissa and the smallest known misfit (bounds grow with the mantissa).
  const coarsest = coarsestUsable(over, evaluate, needUsable);
  if (!ok(coarsest.trial)) return { mantissa: coarsest.mantissa, trial: coarsest.trial, fits: false };
  let fits = coarsest.mantissa;
  let fitsTrial = coarsest.trial;
  while (over - fits > 1) {
    const middle = Math.floor((fits + over) / 2);
    const t = evaluate(middle);
    if (ok(t)) [fits, fitsTrial] = [middle, t];
    else over = middle;
  }
  return { mantissa: fits, trial: fitsTrial, fits: true };
}

/** The smallest usable mantissa in [1, below] (usability grows with the mantissa); 1 when usability does not count. */
function coarsestUsable<T extends ScaleTrial>(below: number, evaluate: (mantissa: number) => T, needUsable: boolean): { mantissa: number; trial: T } {
  const lowest = evaluate(1);
  if (!needUsable || lowest.usable) return { mantissa: 1, trial: lowest };
  let unusable = 1;
  let usable = below;
  let usableTrial = evaluate(below);
  while (usable - unusable > 1) {
    const middle = Math.floor((unusable + usable) / 2);
    const t = evaluate(middle);
    if (t.usable) [usable, usableTrial] = [middle, t];
    else unusable = middle;
  }
  return { mantissa: usable, trial: usableTrial };
}

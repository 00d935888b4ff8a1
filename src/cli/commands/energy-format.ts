/** Energy estimates as terminal text: the one-line summary verify prints, and the full tables of `tripart energy`. */
import { engineering, OPERATION_KINDS, OPERATION_LABELS as LABELS, share, speedText as speed, type EnergyEstimate, type GatingAblation } from "../../index.js";
import { count, table, type Paint } from "../format.js";

/** Two lines: total energy and time, and what is not costed. */
export function energySummary(e: EnergyEstimate): string {
  const missing = e.notCosted.energy.length > 0 ? `; not costed: ${e.notCosted.energy.map((k) => LABELS[k]).join(", ")}` : "";
  return (
    `energy ${engineering(e.energy, "J")} on ${e.target.name} (${engineering(e.energy / Math.max(1, e.steps), "J")} per step) · ` +
    `${engineering(e.stepTime, "s")} per step, ${engineering(e.time, "s")} for the run, ${speed(e)}${missing}\n`
  );
}

/** Summary, then the per-kind, per-population and per-core tables. */
export function energyReport(e: EnergyEstimate, paint: Paint): string {
  const kinds = e.kinds.filter((k) => k.count > 0 || k.energyPerOp !== undefined);
  const kindTable = table(
    ["operation", "count", "J/op", "s/op", "basis", "energy", "share"],
    kinds.map((k) => [
      LABELS[k.kind],
      String(k.count),
      k.energyPerOp !== undefined ? engineering(k.energyPerOp, "J") : "–",
      k.timePerOp !== undefined ? engineering(k.timePerOp, "s") : "–",
      k.basis ?? "not in table",
      engineering(k.energy, "J"),
      share(k.energy, e.energy),
    ]),
    paint,
  );
  const shown = OPERATION_KINDS.filter((kind) => e.populations.some((p) => p.counts[kind] !== 0));
  const popTable = table(
    ["population", "kind", ...shown.map((k) => LABELS[k] + "s"), "energy", "share"],
    e.populations
      .filter((p) => p.kind !== "not attributed" || p.energy !== 0)
      .map((p) => [p.id, p.kind, ...shown.map((k) => String(Math.round(p.counts[k]))), engineering(p.energy, "J"), share(p.energy, e.energy)]),
    paint,
  );
  const slowest = e.coreStepTimes.reduce((best, t, c) => (t > e.coreStepTimes[best] ? c : best), 0);
  const notes = [
    ...(e.notCosted.energy.length > 0 ? [`not costed (no figure in the target's table): ${e.notCosted.energy.map((k) => LABELS[k]).join(", ")}`] : []),
    ...(e.notCosted.time.length > 0 ? [`no time per operation: ${e.notCosted.time.map((k) => LABELS[k]).join(", ")}`] : []),
    ...e.notes,
  ];
  return (
    `${e.target.name} ${e.target.version}, ${e.steps} steps of ${e.dtMs} ms\n` +
    energySummary(e) +
    `latency: ${count(e.coreStepTimes.length, "core")} in parallel, slowest core ${slowest} busy ${engineering(e.coreStepTimes[slowest] ?? 0, "s")} per step` +
    `${e.kinds.find((k) => k.kind === "routerHop")!.count > 0 ? " + one router hop" : ""}\n\n` +
    kindTable +
    "\n" +
    popTable +
    (notes.length > 0 ? "\n" + notes.map((n) => paint("dim", `note: ${n}`) + "\n").join("") : "")
  );
}

/** Both estimates and what gating saves. */
export function ablationReport(a: GatingAblation, paint: Paint): string {
  const g = a.gated.estimate;
  const u = a.ungated.estimate;
  const rows = [
    ["energy", engineering(g.energy, "J"), engineering(u.energy, "J"), engineering(a.saved.energy, "J"), share(a.saved.energy, u.energy)],
    ["time per step", engineering(g.stepTime, "s"), engineering(u.stepTime, "s"), engineering(a.saved.stepTime, "s"), share(a.saved.stepTime, u.stepTime)],
    ["spikes", String(a.gated.emulation.counts.spikes), String(a.ungated.emulation.counts.spikes), String(a.saved.spikes), share(a.saved.spikes, a.ungated.emulation.counts.spikes)],
    ["synaptic ops", String(a.gated.emulation.counts.synapticEvents), String(a.ungated.emulation.counts.synapticEvents), String(a.saved.synapticOps), share(a.saved.synapticOps, a.ungated.emulation.counts.synapticEvents)],
  ];
  return (
    paint("bold", "with astrocyte gating\n") +
    energyReport(g, paint) +
    "\n" +
    paint("bold", "without astrocyte gating (tripartite couplings removed; astrocytes still run)\n") +
    energyReport(u, paint) +
    "\n" +
    paint("bold", "what gating saves (without − with; negative: gating costs more)\n") +
    table(["", "with gating", "without", "saved", "of without"], rows, paint) +
    `astrocyte units: ${engineering(a.astrocyteEnergy, "J")} of the gated run (${share(a.astrocyteEnergy, g.energy)}); they run in both, so the difference leaves them out\n`
  );
}

/**
 * Energy and time of a run from a config, its event counts and the target's energy table
 * (docs/energy.md): energy = Σ count × energy per operation (+ the crossbar's device joules);
 * time per step = the slowest core's work per step + one router hop when spikes cross cores.
 */
import { isGliaConfig, type AnyConfig } from "../hw/any-config.js";
import type { Recording } from "../hw/recording.js";
import type { EmulationCounts } from "../emulator/emulator.js";
import type { CompileResult, GliaCompileReports, GliaCompileResult } from "../passes/pipeline.js";
import { OPERATION_KINDS, type EnergyEstimate, type EnergyTable, type KindEstimate, type OperationKind } from "../targets/energy-types.js";

export type { EnergyEstimate, KindEstimate, PopulationEstimate } from "../targets/energy-types.js";
import type { Activity } from "./activity.js";
import { lifActivity } from "./lif-activity.js";
import { gliaActivity } from "./glia-activity.js";


/** What the config does not say: glia-core neurons per core, from the partition's utilisation report. */
export interface Placement {
  readonly neuronsPerCore?: readonly number[];
}

/** Counts of the run per kind, per population and per core, for either family. */
export function activityOf(config: AnyConfig, counts?: EmulationCounts, recording?: Recording, placement: Placement = {}): Activity {
  return isGliaConfig(config) ? gliaActivity(config, counts, recording, placement.neuronsPerCore) : lifActivity(config, counts, recording);
}

/** The run's energy and time from the config, the emulator's counts (if any), the target's table and the recording's spikes (if any). */
export function estimateEnergy(config: AnyConfig, counts: EmulationCounts | undefined, table: EnergyTable, recording?: Recording, placement: Placement = {}): EnergyEstimate {
  return estimateFromActivity(activityOf(config, counts, recording, placement), table, config.target);
}

/** The placement a glia-core compile result's partition report gives; LIF configs carry theirs. */
export function placementOf(result: CompileResult | GliaCompileResult): Placement {
  if (!result.ok || !isGliaConfig(result.value)) return {};
  const cores = (result.reports as GliaCompileReports).utilisation?.cores;
  return cores !== undefined && cores.length > 0 ? { neuronsPerCore: cores.map((core) => core.neurons.used) } : {};
}

export function estimateFromActivity(activity: Activity, table: EnergyTable, target: EnergyEstimate["target"]): EnergyEstimate {
  const cost = (kind: OperationKind) => table.operations[kind];
  const energyOf = (kind: OperationKind, count: number) => count * (cost(kind)?.energy ?? 0);
  const device = (kind: OperationKind) => activity.deviceEnergy[kind] ?? 0;

  const kinds: KindEstimate[] = OPERATION_KINDS.map((kind) => {
    const c = cost(kind);
    const count = activity.totals[kind];
    return {
      kind,
      count,
      ...(c?.energy !== undefined ? { energyPerOp: c.energy } : {}),
      ...(c?.time !== undefined ? { timePerOp: c.time } : {}),
      ...(c !== undefined ? { basis: c.basis } : {}),
      energy: energyOf(kind, count) + device(kind),
    };
  });
  // Device joules of a kind go to rows in proportion to the row's share of that kind's operations.
  const populations = activity.rows.map((row) => {
    let energy = 0;
    for (const kind of OPERATION_KINDS) {
      const total = activity.totals[kind];
      energy += energyOf(kind, row.counts[kind]) + (total > 0 ? (device(kind) * row.counts[kind]) / total : 0);
    }
    return { id: row.id, kind: row.kind, energy, counts: row.counts };
  });

  const steps = Math.max(1, activity.steps);
  const coreStepTimes = activity.cores.map((core) => OPERATION_KINDS.reduce((t, kind) => (kind === "routerHop" ? t : t + core[kind] * (cost(kind)?.time ?? 0)), 0) / steps);
  const hop = activity.totals.routerHop > 0 ? (cost("routerHop")?.time ?? 0) : 0;
  const stepTime = Math.max(0, ...coreStepTimes) + hop;
  const dt = activity.dtMs / 1000;
  const occurred = (kind: OperationKind) => activity.totals[kind] > 0;
  return {
    target,
    steps: activity.steps,
    dtMs: activity.dtMs,
    energy: kinds.reduce((e, k) => e + k.energy, 0),
    kinds,
    populations,
    coreStepTimes,
    stepTime,
    time: stepTime * activity.steps,
    realTimeFactor: stepTime > 0 ? dt / stepTime : Number.POSITIVE_INFINITY,
    fasterThanRealTime: stepTime < dt,
    notCosted: {
      energy: OPERATION_KINDS.filter((kind) => occurred(kind) && cost(kind)?.energy === undefined && device(kind) === 0),
      time: OPERATION_KINDS.filter((kind) => occurred(kind) && cost(kind)?.time === undefined),
    },
    notes: activity.notes,
  };
}

/** Energy and latency estimates from a config, its event counts and the target's energy table (docs/energy.md). */
export { estimateEnergy, estimateFromActivity, activityOf, placementOf, type Placement, type EnergyEstimate, type KindEstimate, type PopulationEstimate } from "./estimate.js";
export { gatingAblation, estimateNetworkText, withoutGating, type GatingAblation, type EnergyRun } from "./ablation.js";
export { energyTableOf } from "./table.js";
export type { Activity, ActivityRow, OperationCounts } from "./activity.js";
export { energyMatrixOf, type MatrixCell, type MatrixNetwork } from "./matrix.js";

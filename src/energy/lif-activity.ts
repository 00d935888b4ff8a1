/**
 * Activity of a LIF-family config (src/hw/types.ts): per neuron its synapse rows and the cores
 * they sit on, from the routes and each core's synapse CSR; times its recorded spikes.
 */
import type { HwConfig } from "../hw/types.js";
import type { Recording } from "../hw/recording.js";
import type { EmulationCounts } from "../emulator/emulator.js";
import { hopsBetween, systemLayout } from "../targets/mesh.js";
import { closeRows, spikesPerNeuron, spreadOverCores, zeroCounts, type Activity, type ActivityRow, type OperationCounts } from "./activity.js";

export function lifActivity(config: HwConfig, counts: EmulationCounts | undefined, recording: Recording | undefined): Activity {
  const steps = counts?.steps ?? recording?.steps ?? config.steps;
  const coreOffset: number[] = [];
  let compartments = 0;
  for (const core of config.cores) {
    coreOffset.push(compartments);
    compartments += core.compartments.count;
  }
  const cores: OperationCounts[] = config.cores.map(() => zeroCounts());
  const { routes } = config;
  const rowLength = (core: number, axon: number) => config.cores[core].synapses.rowStart[axon + 1] - config.cores[core].synapses.rowStart[axon];
  const hops = routerHops(config);

  /** Delivers `spikes` spikes of source `s` (on `ownCore`, −1 for an input line) into `into` and the cores. */
  const deliver = (s: number, ownCore: number, spikes: number, into: OperationCounts) => {
    for (let r = routes.rowStart[s]; r < routes.rowStart[s + 1]; r++) {
      const core = routes.core[r];
      const ops = spikes * rowLength(core, routes.axon[r]);
      into.synapticOp += ops;
      cores[core].synapticOp += ops;
      if (core !== ownCore) {
        const messages = spikes * hops(ownCore, core);
        into.routerHop += messages;
        cores[ownCore >= 0 ? ownCore : core].routerHop += messages;
      }
    }
  };

  const spikes = spikesPerNeuron(recording);
  const rows: ActivityRow[] = [];
  const notes: string[] = [];
  for (const symbol of config.symbols) {
    const row = zeroCounts();
    if (symbol.kind === "population") {
      row.neuronUpdate = symbol.size * steps;
      const perNeuron = spikes.get(symbol.id);
      if (perNeuron === undefined) notes.push(`${symbol.id}: no spikes recorded, so its spikes, synaptic ops and hops are not attributed to it`);
      for (let i = 0; i < symbol.size && perNeuron !== undefined; i++) {
        const n = perNeuron[i];
        if (n === 0) continue;
        row.spike += n;
        cores[symbol.core[i]].spike += n;
        deliver(coreOffset[symbol.core[i]] + symbol.local[i], symbol.core[i], n, row);
      }
      rows.push({ id: symbol.id, kind: "population", counts: row });
    } else {
      if (symbol.external === true) notes.push(`${symbol.id}: fed by a host, so its synaptic ops are not attributed to it`);
      rows.push({ id: symbol.id, kind: "input", counts: row });
    }
  }
  // Input lines: their spikes are in the config (host-fed lines have none there).
  const lineRow = new Map<number, OperationCounts>();
  config.symbols.forEach((symbol, k) => {
    if (symbol.kind === "input") for (const line of symbol.local) lineRow.set(line, rows[k].counts);
  });
  for (const line of config.inputs.spikeLines) {
    const row = lineRow.get(line);
    if (row !== undefined) deliver(compartments + line, -1, 1, row);
  }
  config.cores.forEach((core, c) => (cores[c].neuronUpdate = core.compartments.count * steps));

  const crossbar = counts?.crossbar;
  const closed = closeRows(rows, {
    ...(counts !== undefined ? { neuronUpdate: counts.neuronUpdates, synapticOp: counts.synapticEvents, spike: counts.spikes } : {}),
    traceUpdate: counts?.learningTraceUpdates ?? 0,
    synapseUpdate: counts?.learningSynapseUpdates ?? 0,
    weightWrite: counts?.weightWrites ?? 0,
    deviceRead: crossbar !== undefined ? crossbar.rowReads + crossbar.verifyReads : 0,
    devicePulse: crossbar !== undefined ? crossbar.setPulses + crossbar.resetPulses : 0,
  });
  // Work the rows cannot place goes to the cores in proportion to their synapse entries.
  const entries = config.cores.map((core) => core.synapses.target.length);
  const rest = closed.rows[closed.rows.length - 1].counts;
  for (const kind of ["synapticOp", "traceUpdate", "synapseUpdate", "weightWrite", "deviceRead", "devicePulse"] as const) spreadOverCores(cores, kind, rest[kind], entries);
  spreadOverCores(cores, "spike", rest.spike, config.cores.map((core) => core.compartments.count));
  if (counts === undefined) notes.push("no emulator counts: totals are what the recording shows; learning and crossbar work are not counted");
  if (counts?.learningSynapseUpdates !== undefined) notes.push("learning work is counted for the run, not per population");
  return {
    totals: closed.totals,
    rows: closed.rows,
    cores,
    deviceEnergy: crossbar !== undefined ? { deviceRead: crossbar.readEnergy + crossbar.adcEnergy, devicePulse: crossbar.writeEnergy } : {},
    steps,
    dtMs: config.dtMs,
    notes,
  };
}

/**
 * Router hops of one message from core `from` (−1: an input line from the host) to core `to`.
 * With a placement (boards and meshes): the hops of the dimension-order path between their tiles
 * (0 inside a tile); a host message counts 1 (where it enters the mesh is not modelled). Without
 * one, every message to another core counts 1.
 */
function routerHops(config: HwConfig): (from: number, to: number) => number {
  const placement = config.placement;
  if (placement === undefined) return () => 1;
  const layout = systemLayout({ chip: { cores: placement.chipCores, ...(placement.mesh !== undefined ? { mesh: placement.mesh } : {}) }, ...(placement.board !== undefined ? { board: placement.board } : {}) });
  const slot = placement.slot;
  return (from, to) => (from < 0 ? 1 : hopsBetween(layout, slot[from], slot[to]));
}

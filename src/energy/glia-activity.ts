/**
 * Activity of a glia-core config (src/hw/glia-config.ts). A conductance synapse sends its row in
 * every step its presynaptic V is on the sigmoid (V ≥ its foot), not only when the neuron spikes,
 * so a population's synaptic ops are the emulator's total (less the input lines', which are exact:
 * S = 1 in the steps a line spikes) shared in proportion to spikes × row lengths, the proxy the
 * recording gives. Astrocyte updates follow each group's period. The config holds no core
 * placement: the partition places neurons contiguously, so its utilisation report's neurons per
 * core give the placement when the caller has it; else cores are runs of limits.maxNeurons
 * neurons (the partition may close a core earlier). An astrocyte counts on the core of its first
 * territory neuron. No router hops are counted.
 */
import type { GliaConfig } from "../hw/glia-config.js";
import type { Recording } from "../hw/recording.js";
import type { EmulationCounts } from "../emulator/emulator.js";
import { closeRows, spikesPerNeuron, spreadOverCores, zeroCounts, type Activity, type ActivityRow, type OperationCounts } from "./activity.js";

export function gliaActivity(config: GliaConfig, counts: EmulationCounts | undefined, recording: Recording | undefined, neuronsPerCore?: readonly number[]): Activity {
  const steps = counts?.steps ?? recording?.steps ?? config.steps;
  const neuronTotal = config.neurons.reduce((n, g) => n + g.size, 0);
  const sizes = neuronsPerCore !== undefined && neuronsPerCore.reduce((a, b) => a + b, 0) === neuronTotal ? [...neuronsPerCore] : runsOf(neuronTotal, Math.max(1, config.limits.maxNeurons));
  const coreOfNeuron = new Int32Array(neuronTotal);
  for (let c = 0, n = 0; c < sizes.length; n += sizes[c], c++) coreOfNeuron.fill(c, n, n + sizes[c]);
  const cores: OperationCounts[] = Array.from({ length: sizes.length }, zeroCounts);
  const coreOf = (neuron: number) => coreOfNeuron[neuron];

  // synaptic ops sent by neurons, per core, before scaling to the emulator's total
  const neuronSynops = new Float64Array(cores.length);
  /** `spikes` sends of row `source` of every projection from `kind` sources covering that global index. */
  const deliver = (kind: "neurons" | "inputs", source: number, spikes: number, into: OperationCounts) => {
    for (const p of config.projections) {
      if (p.pre.kind !== kind || source < p.pre.offset || source >= p.pre.offset + p.pre.size) continue;
      const row = source - p.pre.offset;
      into.synapticOp += spikes * (p.rowStart[row + 1] - p.rowStart[row]);
      for (let k = p.rowStart[row]; k < p.rowStart[row + 1]; k++) {
        const core = coreOf(p.postOffset + p.post[k]);
        if (kind === "neurons") neuronSynops[core] += spikes;
        else cores[core].synapticOp += spikes;
      }
    }
  };

  const spikes = spikesPerNeuron(recording);
  const rows: ActivityRow[] = [];
  const notes: string[] = [
    neuronsPerCore !== undefined ? "glia-core: neurons on cores as the partition placed them; no router hops are counted" : "glia-core configs hold no core placement: no router hops are counted, and cores are runs of maxNeurons contiguous neurons",
  ];
  for (const group of config.neurons) {
    const row = zeroCounts();
    row.neuronUpdate = group.size * steps;
    const perNeuron = spikes.get(group.population);
    if (perNeuron === undefined) notes.push(`${group.population}: no spikes recorded, so its spikes and synaptic ops are not attributed to it`);
    for (let i = 0; i < group.size && perNeuron !== undefined; i++) {
      if (perNeuron[i] === 0) continue;
      row.spike += perNeuron[i];
      cores[coreOf(group.offset + i)].spike += perNeuron[i];
      deliver("neurons", group.offset + i, perNeuron[i], row);
    }
    rows.push({ id: group.population, kind: "population", counts: row });
  }
  sizes.forEach((size, c) => (cores[c].neuronUpdate = size * steps));

  const inputRows = config.inputs.symbols.map((symbol) => ({ symbol, row: zeroCounts() }));
  for (const line of config.inputs.spikeLines) {
    const input = inputRows.find(({ symbol }) => line >= symbol.offset && line < symbol.offset + symbol.size);
    if (input !== undefined) deliver("inputs", line, 1, input.row);
  }
  for (const { symbol, row } of inputRows) rows.push({ id: symbol.id, kind: "input", counts: row });

  // Scale the neurons' spike proxy to the emulator's total of neuron-sent synaptic ops.
  const populationRows = rows.filter((row) => row.kind === "population");
  const proxy = populationRows.reduce((n, row) => n + row.counts.synapticOp, 0);
  const fromInputs = inputRows.reduce((n, { row }) => n + row.synapticOp, 0);
  const scale = counts !== undefined && proxy > 0 ? Math.max(0, counts.synapticEvents - fromInputs) / proxy : 1;
  for (const row of populationRows) row.counts.synapticOp *= scale;
  neuronSynops.forEach((n, c) => (cores[c].synapticOp += n * scale));
  if (counts !== undefined && proxy > 0) notes.push("synaptic ops of neuron populations: the emulator's total shared in proportion to spikes × row lengths (conductance synapses send while V is on the sigmoid)");

  // An astrocyte group sweeps every periodSteps steps (at the end of steps s with (s + 1) % period = 0).
  for (const group of config.astrocytes) {
    const row = zeroCounts();
    const sweeps = Math.floor(steps / group.periodSteps);
    row.astrocyteUpdate = group.size * sweeps;
    const t = group.territory;
    for (let a = 0; a < group.size; a++) {
      const first = t.rowStart[a] < t.rowStart[a + 1] ? t.populationOffset + t.neuron[t.rowStart[a]] : 0;
      cores[coreOf(first)].astrocyteUpdate += sweeps;
    }
    rows.push({ id: group.id, kind: "astrocytes", counts: row });
  }

  const closed = closeRows(rows, {
    ...(counts !== undefined ? { neuronUpdate: counts.neuronUpdates, synapticOp: counts.synapticEvents, spike: counts.spikes } : {}),
    traceUpdate: counts?.learningTraceUpdates ?? 0,
    synapseUpdate: counts?.learningSynapseUpdates ?? 0,
    weightWrite: counts?.weightWrites ?? 0,
  });
  const rest = closed.rows[closed.rows.length - 1].counts;
  for (const kind of ["synapticOp", "spike", "traceUpdate", "synapseUpdate", "weightWrite"] as const) spreadOverCores(cores, kind, rest[kind], sizes);
  if (counts === undefined) notes.push("no emulator counts: totals are what the recording shows; learning work is not counted");
  if (counts?.learningSynapseUpdates !== undefined) notes.push("learning work is counted for the run, not per population");
  return { totals: closed.totals, rows: closed.rows, cores, deviceEnergy: {}, steps, dtMs: config.dtMs, notes };
}

/** Neurons per core when cores are filled to `perCore` in order (at least one core). */
function runsOf(total: number, perCore: number): number[] {
  const runs = Array.from({ length: Math.max(1, Math.ceil(total / perCore)) }, () => perCore);
  runs[runs.length - 1] = total - perCore * (runs.length - 1);
  return runs;
}

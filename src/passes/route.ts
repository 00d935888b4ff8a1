/**
 * route: gives every core one input axon per distinct presynaptic source, builds each core's
 * synapse CSR by axon (local target, mantissa, format, hardware delay) and, per source, the list
 * of (core, axon) destinations. Sources are numbered as in HwRoutes: compartments in core order
 * (partitioned.compartmentNeuron says which neuron each is), then input lines.
 * Two linear passes over the synapses (count, then fill); no per-synapse objects.
 */
import { asStage } from "../ir/stage.js";
import { assert } from "../util/assert.js";
import type { HwRoutes, HwSynapses, SynapseFormat } from "../hw/types.js";
import type { Pass } from "./pass.js";
import { checkFit, ROUTE_RULES } from "./fit-rules.js";
import { sourceOrder } from "./source-order.js";
import type { Partitioned, Routed, RoutedCore } from "./stages.js";

export const route: Pass<Partitioned, Routed> = {
  name: "route",
  summary: "Assign input axons per core, build each core's synapse CSR by axon, and list every source's (core, axon) routes.",
  run(input, ctx) {
    const quantized = input.quantized;
    const { discretized } = quantized;
    const net = discretized.elaborated;
    const { neuronCount, neuronCore, neuronLocal, coreStart, populationOffset, lineBase } = input;
    const coreCount = coreStart.length - 1;
    const projectionCount = net.projections.length;
    const lineCount = lineBase[lineBase.length - 1];
    const sourceCount = neuronCount + lineCount;

    const { groups, sourceGroup, sourceRow } = sourceOrder(input);

    // Pass 1: count synapses and axons per core, routes per source; assign formats per core.
    const synapseCount = new Int32Array(coreCount);
    const axonCount = new Int32Array(coreCount);
    const routeCount = new Int32Array(sourceCount);
    const formatOf = new Int32Array(coreCount * projectionCount).fill(-1);
    const formats: SynapseFormat[][] = Array.from({ length: coreCount }, () => []);
    const formatKeys: Map<string, number>[] = Array.from({ length: coreCount }, () => new Map());
    const last = new Int32Array(coreCount).fill(-1);
    for (let s = 0; s < sourceCount; s++) {
      const i = sourceRow[s];
      for (const projection of groups[sourceGroup[s]]) {
        const postBase = populationOffset[projection.post];
        const { rowStart, post } = projection.synapses;
        for (let k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
          const c = neuronCore[postBase + post[k]];
          synapseCount[c]++;
          if (last[c] !== s) {
            last[c] = s;
            axonCount[c]++;
            routeCount[s]++;
          }
          if (formatOf[c * projectionCount + projection.index] < 0) {
            formatOf[c * projectionCount + projection.index] = formatIndex(formats[c], formatKeys[c], quantized.projections[projection.index].format);
          }
        }
      }
    }

    // Pass 2: fill the per-core CSR in source order (so axons are numbered by source id) and the
    // routes. All cores share flat arrays (one slice per core), which keeps the loop monomorphic.
    const synapseBase = new Int32Array(coreCount + 1);
    const rowBase = new Int32Array(coreCount + 1);
    for (let c = 0; c < coreCount; c++) {
      synapseBase[c + 1] = synapseBase[c] + synapseCount[c];
      rowBase[c + 1] = rowBase[c] + axonCount[c] + 1;
    }
    const total = synapseBase[coreCount];
    const rowStarts = new Int32Array(rowBase[coreCount]);
    const targets = new Int32Array(total);
    const mantissas = new Int32Array(total);
    const formatIndices = new Uint8Array(total);
    const delays = new Uint8Array(total);
    const routeStart = new Int32Array(sourceCount + 1);
    for (let s = 0; s < sourceCount; s++) routeStart[s + 1] = routeStart[s] + routeCount[s];
    const routeCore = new Int32Array(routeStart[sourceCount]);
    const routeAxon = new Int32Array(routeStart[sourceCount]);
    const fill = synapseBase.slice(0, coreCount);
    const nextAxon = new Int32Array(coreCount);
    last.fill(-1);
    let routeCursor = 0;
    for (let s = 0; s < sourceCount; s++) {
      const i = sourceRow[s];
      for (const projection of groups[sourceGroup[s]]) {
        const postBase = populationOffset[projection.post];
        const { rowStart, post, delay } = projection.synapses;
        const mantissa = quantized.projections[projection.index].mantissa;
        const delayOffset = discretized.projections[projection.index].delayOffset;
        for (let k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
          const g = postBase + post[k];
          const c = neuronCore[g];
          if (last[c] !== s) {
            last[c] = s;
            const axon = nextAxon[c]++;
            rowStarts[rowBase[c] + axon] = fill[c] - synapseBase[c];
            routeCore[routeCursor] = c;
            routeAxon[routeCursor] = axon;
            routeCursor++;
          }
          const at = fill[c]++;
          targets[at] = neuronLocal[g];
          mantissas[at] = mantissa[k];
          formatIndices[at] = formatOf[c * projectionCount + projection.index];
          delays[at] = delay[k] + delayOffset;
        }
      }
    }
    for (let c = 0; c < coreCount; c++) rowStarts[rowBase[c] + axonCount[c]] = synapseCount[c];
    sortRoutesByCore(routeStart, routeCore, routeAxon);

    const cores = Array.from({ length: coreCount }, (_, c): RoutedCore => {
      const from = synapseBase[c];
      const to = synapseBase[c + 1];
      const synapses: HwSynapses = {
        axonCount: axonCount[c],
        rowStart: rowStarts.subarray(rowBase[c], rowBase[c + 1]),
        target: targets.subarray(from, to),
        mantissa: mantissas.subarray(from, to),
        format: formatIndices.subarray(from, to),
        delay: delays.subarray(from, to),
      };
      return { index: c, formats: formats[c], synapses };
    });
    const routes: HwRoutes = { sourceCount, rowStart: routeStart, core: routeCore, axon: routeAxon };
    const stage = asStage("routed", { partitioned: input, cores, routes });
    checkFit(ROUTE_RULES, stage, ctx);
    ctx.stats.set("axons", axonCount.reduce((a, b) => a + b, 0));
    ctx.stats.set("routes", routeCore.length);
    ctx.stats.set("formats", formats.reduce((a, f) => a + f.length, 0));
    return stage;
  },
  verify(output) {
    const { partitioned, cores, routes } = output;
    const net = partitioned.quantized.discretized.elaborated;
    const expected = net.projections.reduce((sum, p) => sum + p.synapses.post.length, 0);
    assert(cores.reduce((sum, core) => sum + core.synapses.target.length, 0) === expected, "route: every synapse placed once");
    for (const core of cores) {
      const { synapses } = core;
      const compartments = partitioned.coreStart[core.index + 1] - partitioned.coreStart[core.index];
      assert(synapses.axonCount === partitioned.utilisation.cores[core.index].inputAxons.used, `route: core ${core.index} axons = its input axons`);
      for (let a = 0; a < synapses.axonCount; a++) assert(synapses.rowStart[a + 1] > synapses.rowStart[a], `route: axon ${a} of core ${core.index} has synapses`);
      for (let k = 0; k < synapses.target.length; k++) {
        if (!(synapses.target[k] >= 0 && synapses.target[k] < compartments)) assert(false, `route: local target in core ${core.index}`);
        if (synapses.format[k] >= core.formats.length) assert(false, `route: format index in core ${core.index}`);
      }
    }
    assert(routes.rowStart[routes.sourceCount] === routes.core.length, "route: route CSR closes");
    for (let s = 0; s < routes.sourceCount; s++) {
      for (let r = routes.rowStart[s]; r < routes.rowStart[s + 1]; r++) {
        assert(routes.axon[r] < cores[routes.core[r]].synapses.axonCount, `route: route of source ${s} ends on an axon`);
        if (r > routes.rowStart[s]) assert(routes.core[r] > routes.core[r - 1], `route: source ${s} routes sorted by distinct core`);
      }
    }
  },
};

/** The index of `format` in the core's list, appending it when no equal format exists yet. */
function formatIndex(list: SynapseFormat[], keys: Map<string, number>, format: SynapseFormat): number {
  const key = `${format.signMode}/${format.weightBits}/${format.exponent}/${format.channel}`;
  const found = keys.get(key);
  if (found !== undefined) return found;
  keys.set(key, list.length);
  list.push(format);
  return list.length - 1;
}

/** Sorts each source's (core, axon) pairs by core; lists are short (one entry per destination core). */
function sortRoutesByCore(rowStart: Int32Array, core: Int32Array, axon: Int32Array): void {
  for (let s = 0; s + 1 < rowStart.length; s++) {
    for (let r = rowStart[s] + 1; r < rowStart[s + 1]; r++) {
      const c = core[r];
      const a = axon[r];
      let q = r - 1;
      while (q >= rowStart[s] && core[q] > c) {
        core[q + 1] = core[q];
        axon[q + 1] = axon[q];
        q--;
      }
      core[q + 1] = c;
      axon[q + 1] = a;
    }
  }
}

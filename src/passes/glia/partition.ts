/**
 * partition (glia-core): places neurons onto cores contiguously in global order, closing a core
 * when the next neuron would exceed its neurons or synapses, or bring more astrocytes (counted at
 * the middle neuron of their territory) than it holds; then places each astrocyte on the core
 * that holds most of its territory (an astrocyte senses its own core's neurons), or the next
 * core with room. Reports every per-neuron and per-astrocyte limit the network breaks, the
 * chip's core count, and the utilisation of every core with the limit that closed it.
 */
import { pointer, ROOT } from "../../ir/pointer.js";
import { plural } from "../../ir/rules.js";
import { asStage } from "../../ir/stage.js";
import { assert } from "../../util/assert.js";
import type { GliaTarget } from "../../targets/glia-types.js";
import type { GliaAstroGroup } from "../../hw/glia-config.js";
import type { Pass, PassContext } from "../pass.js";
import type { GliaCoreResource, GliaCoreUtilisation, GliaPartitioned, GliaQuantized, GliaUtilisationReport } from "./stages.js";

export const gliaPartition: Pass<GliaQuantized, GliaPartitioned, GliaTarget> = {
  name: "partition",
  summary: "Place neurons onto cores in order and each astrocyte on the core of its territory; report utilisation and every limit the network breaks.",
  run(input, ctx) {
    const limits = ctx.target.core;
    const neuronCount = input.neuronOffset[input.neuronOffset.length - 1];
    const astrocyteCount = input.astrocyteOffset[input.astrocyteOffset.length - 1];
    const fanIn = new Int32Array(neuronCount);
    const fanOut = new Int32Array(neuronCount);
    for (const projection of input.projections) {
      for (let k = 0; k < projection.post.length; k++) fanIn[projection.postOffset + projection.post[k]]++;
      if (projection.pre.kind !== "neurons") continue;
      for (let row = 0; row < projection.pre.size; row++) fanOut[projection.pre.offset + row] += projection.rowStart[row + 1] - projection.rowStart[row];
    }
    checkNeurons(input, fanIn, fanOut, ctx);
    checkAstrocytes(input, ctx);

    // Neurons: contiguous, closing a core at its neuron or synapse limit, or when the astrocytes
    // anchored at its neurons (the middle neuron of each territory) would exceed its astrocytes.
    const anchored = anchoredAstrocytes(input, neuronCount);
    const coreStart = [0];
    const boundBy: (GliaCoreResource | "end")[] = [];
    const synapses: number[] = [];
    const neuronCore = new Int32Array(neuronCount);
    let used = 0;
    let usedSynapses = 0;
    let usedAstrocytes = 0;
    for (let g = 0; g < neuronCount; g++) {
      const bound: GliaCoreResource | undefined =
        used + 1 > limits.maxNeurons
          ? "neurons"
          : usedSynapses + fanIn[g] > limits.maxSynapses
            ? "synapses"
            : usedAstrocytes + anchored[g] > limits.maxAstrocytes
              ? "astrocytes"
              : undefined;
      if (bound !== undefined && used > 0) {
        coreStart.push(g);
        boundBy.push(bound);
        synapses.push(usedSynapses);
        used = 0;
        usedSynapses = 0;
        usedAstrocytes = 0;
      }
      neuronCore[g] = coreStart.length - 1;
      used++;
      usedSynapses += fanIn[g];
      usedAstrocytes += anchored[g];
    }
    if (neuronCount > 0) {
      coreStart.push(neuronCount);
      boundBy.push("end");
      synapses.push(usedSynapses);
    }

    // Astrocytes: on the core holding most of their territory, else the nearest core with room.
    const astrocyteCore = new Int32Array(astrocyteCount);
    const perCore: number[] = boundBy.map(() => 0);
    let split = 0;
    for (const group of input.astrocytes) {
      for (let local = 0; local < group.size; local++) {
        const { preferred, spans } = territoryCore(group, local, neuronCore);
        let core = preferred;
        while (core < perCore.length && perCore[core] >= limits.maxAstrocytes) core++;
        if (core === perCore.length) {
          perCore.push(0); // a core of astrocytes only
          boundBy.push("end");
          synapses.push(0);
          coreStart.push(neuronCount);
        }
        if (core !== preferred || spans) split++;
        perCore[core]++;
        astrocyteCore[group.offset + local] = core;
      }
    }
    input.astrocytes.forEach((group, a) => {
      let count = 0;
      for (let local = 0; local < group.size; local++) {
        const { preferred, spans } = territoryCore(group, local, neuronCore);
        if (spans || astrocyteCore[group.offset + local] !== preferred) count++;
      }
      if (count > 0) ctx.report("TP3064", pointer("astrocytes", a, "territory"), { astrocytes: group.id, count: plural(count, "astrocyte") });
    });

    const cores = perCore.length;
    const usage = (value: number, limit: number) => ({ used: value, limit, percent: limit > 0 ? (100 * value) / limit : 0 });
    const utilisation: GliaUtilisationReport = {
      chipCores: ctx.target.chip.cores,
      systemCores: ctx.target.chip.cores,
      coresUsed: cores,
      splitTerritories: split,
      cores: perCore.map(
        (astrocytes, c): GliaCoreUtilisation => ({
          core: c,
          neurons: usage(coreStart[c + 1] - coreStart[c], limits.maxNeurons),
          synapses: usage(synapses[c], limits.maxSynapses),
          astrocytes: usage(astrocytes, limits.maxAstrocytes),
          boundBy: boundBy[c],
        }),
      ),
    };
    if (cores > ctx.target.chip.cores) {
      const closed = utilisation.cores.filter((core) => core.boundBy !== "end").map((core) => core.boundBy);
      const most = (["neurons", "synapses", "astrocytes"] as const).map((r) => [r, closed.filter((b) => b === r).length] as const).sort((x, y) => y[1] - x[1])[0];
      ctx.report("TP3020", ROOT, {
        needed: cores,
        available: ctx.target.chip.cores,
        target: ctx.target.name,
        binding: most !== undefined && most[1] > 0 ? `Most cores are closed by their ${most[0]} limit` : `Each core holds ${limits.maxNeurons} neurons and ${limits.maxAstrocytes} astrocytes`,
      });
    }
    ctx.stats.set("cores", cores);
    ctx.stats.set("split-territories", split);
    return asStage("glia-partitioned", { quantized: input, coreStart: Int32Array.from(coreStart), neuronCore, astrocyteCore, utilisation });
  },
  verify(output, ctx) {
    const { coreStart, neuronCore, astrocyteCore, utilisation } = output;
    for (let c = 0; c + 1 < coreStart.length; c++) {
      for (let g = coreStart[c]; g < coreStart[c + 1]; g++) assert(neuronCore[g] === c, `partition: neuron ${g} on core ${c}`);
    }
    for (let a = 0; a < astrocyteCore.length; a++) assert(astrocyteCore[a] >= 0 && astrocyteCore[a] < utilisation.coresUsed, `partition: astrocyte ${a} placed`);
    for (const core of utilisation.cores) {
      assert(core.astrocytes.used <= ctx.target.core.maxAstrocytes, `partition: core ${core.core} within its astrocyte limit`);
      assert(core.neurons.used <= ctx.target.core.maxNeurons || core.neurons.used === 1, `partition: core ${core.core} within its neuron limit`);
    }
  },
};

/** Per global neuron: how many astrocytes have it as the middle neuron of their territory. */
function anchoredAstrocytes(input: GliaQuantized, neuronCount: number): Int32Array {
  const anchored = new Int32Array(neuronCount);
  for (const group of input.astrocytes) {
    const { rowStart, neuron, populationOffset } = group.territory;
    for (let local = 0; local < group.size; local++) {
      const count = rowStart[local + 1] - rowStart[local];
      if (count > 0) anchored[populationOffset + neuron[rowStart[local] + (count >> 1)]]++;
    }
  }
  return anchored;
}

/** The core holding most of astrocyte `local`'s territory (ties: the lower core), and whether the territory spans cores. */
function territoryCore(group: GliaAstroGroup, local: number, neuronCore: Int32Array): { preferred: number; spans: boolean } {
  const { rowStart, neuron, populationOffset } = group.territory;
  const counts = new Map<number, number>();
  for (let k = rowStart[local]; k < rowStart[local + 1]; k++) {
    const core = neuronCore[populationOffset + neuron[k]];
    counts.set(core, (counts.get(core) ?? 0) + 1);
  }
  let preferred = 0;
  let best = -1;
  for (const [core, count] of counts) if (count > best || (count === best && core < preferred)) [preferred, best] = [core, count];
  return { preferred, spans: counts.size > 1 };
}

/** Per-neuron limits, one finding per population and limit. */
function checkNeurons(input: GliaQuantized, fanIn: Int32Array, fanOut: Int32Array, ctx: PassContext<GliaTarget>): void {
  const limits = ctx.target.core;
  input.neurons.forEach((group, p) => {
    const over = (values: Int32Array, limit: number) => {
      let count = 0;
      let needed = 0;
      for (let g = group.offset; g < group.offset + group.size; g++) {
        if (values[g] > limit) {
          count++;
          needed = Math.max(needed, values[g]);
        }
      }
      return { count, needed };
    };
    const base = { population: group.population, target: ctx.target.name };
    const inOver = over(fanIn, limits.maxFanIn);
    if (inOver.count > 0) ctx.report("TP3022", pointer("populations", p), { ...base, count: plural(inOver.count, "neuron"), needed: inOver.needed, limit: limits.maxFanIn });
    const outOver = over(fanOut, limits.maxFanOut);
    if (outOver.count > 0) ctx.report("TP3062", pointer("populations", p), { ...base, count: plural(outOver.count, "neuron"), needed: outOver.needed, limit: limits.maxFanOut });
    const coreOver = over(fanIn, limits.maxSynapses);
    if (coreOver.count > 0) {
      ctx.report("TP3023", pointer("populations", p), { ...base, count: plural(coreOver.count, "neuron"), needed: coreOver.needed, resource: "synapses", limit: limits.maxSynapses, what: "fan-in" });
    }
  });
}

/** Per-astrocyte limits: territory size, gap-junction partners, a territory larger than a core. */
function checkAstrocytes(input: GliaQuantized, ctx: PassContext<GliaTarget>): void {
  const limits = ctx.target.core;
  input.astrocytes.forEach((group, a) => {
    const base = { astrocytes: group.id, target: ctx.target.name };
    const sizes = (rowStart: Int32Array) => {
      const out: number[] = [];
      for (let local = 0; local + 1 < rowStart.length; local++) out.push(rowStart[local + 1] - rowStart[local]);
      return out;
    };
    const report = (code: "TP3060" | "TP3061" | "TP3063", values: number[], limit: number, path: ReturnType<typeof pointer>) => {
      const over = values.filter((v) => v > limit);
      if (over.length > 0) ctx.report(code, path, { ...base, count: plural(over.length, "astrocyte"), needed: Math.max(...over), limit });
    };
    const territory = sizes(group.territory.rowStart);
    report("TP3060", territory, limits.maxTerritory, pointer("astrocytes", a, "territory"));
    if (group.diffusion !== undefined) report("TP3061", sizes(group.diffusion.rowStart), limits.maxNeighbours, pointer("astrocytes", a, "coupling"));
    report("TP3063", territory, limits.maxNeurons, pointer("astrocytes", a, "territory"));
  });
}

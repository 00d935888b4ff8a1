// Traffic-aware placement onto meshes and boards: the machine's geometry, the multilevel
// bisection, and whole compilations whose limits, routing tables and behaviour are checked.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bisectionOrder, hopsBetween, linksBetween, splitPoint, systemCores, systemLayout } from "../../src/targets/mesh.js";
import { bisect } from "../../src/passes/placement/bisect.js";
import { cutWeight, graphFromEdges } from "../../src/passes/placement/weighted-graph.js";
import { loadTarget } from "../../src/targets/load.js";
import { loadNetwork } from "../../src/ir/load.js";
import { elaborate } from "../../src/ir/elaborate.js";
import { compile } from "../../src/passes/pipeline.js";
import { emulate } from "../../src/emulator/emulator.js";
import { Rng } from "../../src/util/rng.js";
import { decodeConfig, encodeConfig } from "../../src/hw/codec.js";
import { formatConfigJson, fromConfigJson } from "../../src/hw/config-json.js";
import { validateConfig } from "../../src/hw/validate.js";
import { renderPlacementHtml } from "../../src/diff/placement-report.js";
import { htmlProblems } from "../diff/html-check.js";
import { columnsNetwork, type ColumnsOptions } from "../../scripts/columns-network.js";
import type { CompileOptions } from "../../src/passes/pass.js";
import type { Target } from "../../src/targets/types.js";

const ROOT = join(import.meta.dirname, "..", "..");
const boardText = readFileSync(join(ROOT, "targets", "loihi-cuba-board.json"), "utf8");

function board(): Target {
  const loaded = loadTarget(boardText);
  if (!loaded.ok) throw new Error("loihi-cuba-board does not load");
  return loaded.value as Target;
}

/** A small board: 2 × 1 chips, each 2 × 2 tiles of 2 cores (8 cores a chip). */
const smallBoard = (): Target => ({ ...board(), chip: { cores: 8, mesh: { columns: 2, rows: 2, coresPerTile: 2 } }, board: { chips: 2, columns: 2, rows: 1 } });

/** Room for the placement tests: 2 × 1 chips of 2 × 2 tiles with 4 cores each (32 cores). */
const testBoard = (): Target => ({ ...board(), chip: { cores: 16, mesh: { columns: 2, rows: 2, coresPerTile: 4 } }, board: { chips: 2, columns: 2, rows: 1 } });

function compiled(options: ColumnsOptions, target: Target, compileOptions: CompileOptions) {
  const loaded = loadNetwork(columnsNetwork(options));
  if (!loaded.ok) throw new Error("columns network does not load");
  const result = compile(elaborate(loaded.value), target, { verifyEach: true, ...compileOptions });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; "));
  const utilisation = result.reports.utilisation;
  if (utilisation === undefined) throw new Error("no utilisation report");
  return { config: result.value, utilisation };
}

describe("machine geometry", () => {
  it("visits every cell of a grid once, in halves of the longer side", () => {
    const { x, y } = bisectionOrder(4, 2);
    // 4 × 2: cut columns 0–1 | 2–3, then each 2 × 2 block into columns, then rows.
    expect(Array.from(x)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    expect(Array.from(y)).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
    const odd = bisectionOrder(3, 3);
    const cells = new Set(Array.from(odd.x, (cx, i) => `${cx},${odd.y[i]}`));
    expect(cells.size).toBe(9);
  });

  it("lays chips side by side and counts hops and chip links on the way", () => {
    const target = smallBoard();
    const layout = systemLayout(target);
    expect(systemCores(target)).toBe(16);
    expect(layout.cores).toBe(16);
    // Slots 0 and 1 share tile (0,0) of chip 0; slot 8 is the first core of chip 1 at tile (2,0).
    expect([layout.x[0], layout.y[0], layout.x[1], layout.chip[1]]).toEqual([0, 0, 0, 0]);
    expect([layout.chip[8], layout.x[8], layout.y[8]]).toEqual([1, 2, 0]);
    expect(hopsBetween(layout, 0, 1)).toBe(0);
    expect(hopsBetween(layout, 0, 8)).toBe(2);
    expect(linksBetween(layout, 0, 8, target)).toBe(1);
    expect(linksBetween(layout, 0, 7, target)).toBe(0);
    // Slot 7 is tile (1,1): from tile (0,0) two hops; to chip 1's tile (3,1) two more plus one link.
    expect(hopsBetween(layout, 0, 7)).toBe(2);
    expect(hopsBetween(layout, 7, 15)).toBe(2);
  });

  it("cuts slot ranges at chip, then tile boundaries", () => {
    const layout = systemLayout(smallBoard());
    expect(splitPoint(layout, 0, 16)).toBe(8);
    expect(splitPoint(layout, 0, 11)).toBe(8);
    expect(splitPoint(layout, 0, 7)).toBe(4);
    expect(splitPoint(layout, 4, 6)).toBe(5);
  });
});

describe("multilevel bisection", () => {
  it("separates two dense groups joined by one light edge", () => {
    const from: number[] = [];
    const to: number[] = [];
    const weight: number[] = [];
    for (const base of [0, 60]) {
      for (let a = 0; a < 60; a++) for (let b = a + 1; b < 60; b += 7) (from.push(base + a), to.push(base + b), weight.push(5));
    }
    from.push(3);
    to.push(64);
    weight.push(1);
    const graph = graphFromEdges(120, Int32Array.from(from), Int32Array.from(to), Float64Array.from(weight), new Float64Array(120).fill(1));
    const side = bisect(graph, { fraction: 0.5, tolerance: 0.03 }, new Rng(5));
    expect(cutWeight(graph, side)).toBe(1);
    expect(side.slice(0, 60).every((s) => s === side[0])).toBe(true);
  });

  it("keeps each side within its share on a random graph", () => {
    const rng = new Rng(9);
    const n = 500;
    const from = Int32Array.from({ length: 3000 }, () => rng.nextInt(n));
    const to = Int32Array.from({ length: 3000 }, () => rng.nextInt(n));
    const weights = Float64Array.from({ length: n }, () => 0.5 + rng.nextFloat());
    const graph = graphFromEdges(n, from, to, new Float64Array(3000).fill(1), weights);
    const side = bisect(graph, { fraction: 0.3, tolerance: 0.03 }, new Rng(1));
    const total = weights.reduce((a, b) => a + b, 0);
    const left = weights.reduce((sum, w, v) => sum + (side[v] === 0 ? w : 0), 0);
    expect(Math.abs(left - 0.3 * total)).toBeLessThanOrEqual(0.03 * total + 1.5);
  });
});

describe("traffic placement on a board", () => {
  const network: ColumnsOptions = { columns: 12, neuronsPerColumn: 50, indegree: 30, inputsPerColumn: 10, durationMs: 200, record: true };
  const options: CompileOptions = { maxNeuronsPerCore: 30 };

  it("keeps every core within its limits and puts less traffic between chips than IR order", () => {
    const traffic = compiled(network, testBoard(), { ...options, partitioner: "traffic" });
    const contiguous = compiled(network, testBoard(), { ...options, partitioner: "contiguous" });
    expect(traffic.utilisation.strategy).toBe("traffic");
    expect(traffic.utilisation.requested).toBe("traffic");
    for (const core of traffic.utilisation.cores) {
      for (const usage of [core.neurons, core.synapses, core.inputAxons, core.outputAxons]) expect(usage.used).toBeLessThanOrEqual(usage.limit);
    }
    const placed = traffic.utilisation.traffic.placed;
    expect(traffic.utilisation.traffic.contiguous).toEqual(contiguous.utilisation.traffic.placed);
    expect(placed.interChip).toBeLessThan(contiguous.utilisation.traffic.placed.interChip);
    expect(placed.hopTraffic).toBeLessThan(contiguous.utilisation.traffic.placed.hopTraffic);
  });

  it("keeps IR order when placing by traffic would put more messages through the routers (a random network)", () => {
    const loaded = loadNetwork(JSON.stringify({
      format: "tripart.network/1",
      run: { dt: 1, duration: 10, seed: 2 },
      populations: [{ id: "r", model: "lif", size: 600, params: { tau_m: 20, v_rest: -65, v_reset: -65, v_thresh: -50, tau_ref: 2, bias: 0 } }],
      inputs: [],
      projections: [{ id: "rr", pre: "r", post: "r", connect: { rule: "fixed_indegree", indegree: 40, autapses: false }, weight: 1, delay: 1, synapse: { kind: "exponential", tau: 5 }, sign: "excitatory" }],
      record: [],
    }));
    if (!loaded.ok) throw new Error("random network does not load");
    const result = compile(elaborate(loaded.value), testBoard(), { ...options, partitioner: "traffic", verifyEach: true });
    const u = result.reports.utilisation;
    if (!result.ok || u === undefined || u.traffic.contiguous === undefined) throw new Error("random network does not compile");
    expect(u.requested).toBe("traffic");
    const cost = (t: { interCore: number; hopTraffic: number }) => t.interCore + t.hopTraffic;
    expect(cost(u.traffic.placed)).toBeLessThanOrEqual(cost(u.traffic.contiguous));
    if (u.strategy === "contiguous") expect(u.traffic.placed).toEqual(u.traffic.contiguous);
  });

  it("changes where neurons sit, not what they do: the emulated spikes are the same bits", () => {
    const traffic = compiled(network, testBoard(), { ...options, partitioner: "traffic" });
    const contiguous = compiled(network, testBoard(), { ...options, partitioner: "contiguous" });
    const moved = traffic.config.symbols.some((symbol, i) => symbol.core.some((c, k) => c !== contiguous.config.symbols[i].core[k]));
    expect(moved).toBe(true);
    const a = emulate(traffic.config).recording;
    const b = emulate(contiguous.config).recording;
    const spikes = (recording: typeof a) => recording.populations.map((p) => [p.id, Array.from(p.spikes?.step ?? []), Array.from(p.spikes?.neuron ?? [])]);
    expect(spikes(a)).toEqual(spikes(b));
    expect(a.populations.reduce((sum, p) => sum + (p.spikes?.step.length ?? 0), 0)).toBeGreaterThan(100);
  });

  it("lists in its routing tables exactly the core pairs the config's routes join", () => {
    const { config, utilisation } = compiled(network, testBoard(), { ...options, partitioner: "traffic" });
    const coreBase: number[] = [];
    config.cores.reduce((base, core) => (coreBase.push(base), base + core.compartments.count), 0);
    const coreOfSource = (s: number) => coreBase.findLastIndex((base) => base <= s);
    const pairs = new Map<string, number>();
    const neurons = coreBase[coreBase.length - 1] + config.cores[config.cores.length - 1].compartments.count;
    for (let s = 0; s < neurons; s++) {
      for (let r = config.routes.rowStart[s]; r < config.routes.rowStart[s + 1]; r++) {
        const key = `${coreOfSource(s)}>${config.routes.core[r]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
    const table = new Map(utilisation.traffic.routing.map((e) => [`${e.from}>${e.to}`, e.sources]));
    expect(table).toEqual(pairs);
    const layout = systemLayout(testBoard());
    for (const entry of utilisation.traffic.routing) {
      const a = utilisation.cores[entry.from].position.slot;
      const b = utilisation.cores[entry.to].position.slot;
      expect(entry.hops).toBe(hopsBetween(layout, a, b));
    }
  });

  it("places the same network the same way every time", () => {
    const first = compiled(network, testBoard(), { ...options, partitioner: "traffic" });
    const second = compiled(network, testBoard(), { ...options, partitioner: "traffic" });
    expect(second.config.symbols).toEqual(first.config.symbols);
  });

  it("weights traffic by measured population rates when given", () => {
    const rates = Object.fromEntries(Array.from({ length: 12 }, (_, c) => [[`c${c}e`, 5], [`c${c}i`, 20]]).flat());
    const { utilisation } = compiled(network, testBoard(), { ...options, partitioner: "traffic", populationRates: rates });
    expect(utilisation.traffic.rates).toBe("measured");
    const expected = utilisation.traffic.routing.filter((e) => e.from !== e.to).reduce((sum, e) => sum + e.messagesPerSecond, 0);
    expect(utilisation.traffic.placed.interCore).toBeCloseTo(expected, 6);
    expect(utilisation.cores.reduce((sum, core) => sum + core.messagesOut, 0)).toBeCloseTo(expected, 6);
    expect(utilisation.cores.reduce((sum, core) => sum + core.messagesIn, 0)).toBeCloseTo(expected, 6);
  });
});

describe("the config's placement section", () => {
  const network: ColumnsOptions = { columns: 12, neuronsPerColumn: 50, indegree: 30, inputsPerColumn: 10, durationMs: 50 };

  it("holds each core's slot and the machine, and survives config.pb and config.json", () => {
    const { config, utilisation } = compiled(network, testBoard(), { maxNeuronsPerCore: 30 });
    expect(config.placement).toEqual({
      chipCores: 16,
      mesh: { columns: 2, rows: 2, coresPerTile: 4 },
      board: { chips: 2, columns: 2, rows: 1 },
      slot: Int32Array.from(utilisation.cores, (c) => c.position.slot),
    });
    const fromPb = decodeConfig(encodeConfig(config));
    const fromJson = fromConfigJson(JSON.parse(formatConfigJson(config)));
    expect(fromPb.ok && fromPb.value.placement).toEqual(config.placement);
    expect(fromJson.ok && fromJson.value.placement).toEqual(config.placement);
  });

  it("is absent on single-chip targets without a mesh", async () => {
    const loihi = loadTarget(readFileSync(join(ROOT, "targets", "loihi-cuba.json"), "utf8"));
    if (!loihi.ok) throw new Error("loihi-cuba does not load");
    expect(compiled(network, loihi.value as Target, {}).config.placement).toBeUndefined();
  });

  it("refuses a slot held twice and a slot list of the wrong length", () => {
    const { config } = compiled(network, testBoard(), { maxNeuronsPerCore: 30 });
    const placement = config.placement;
    if (placement === undefined) throw new Error("no placement");
    const twice = Int32Array.from(placement.slot);
    twice[1] = twice[0];
    const codes = (slot: Int32Array) => validateConfig({ ...config, placement: { ...placement, slot } }).map((d) => `${d.code} ${d.path}`);
    expect(codes(twice)).toEqual(["TP4004 /placement/slot/1"]);
    expect(codes(twice.subarray(1))).toEqual(["TP4005 /placement/slot"]);
  });
});

describe("placement.html", () => {
  it("draws every core once on the chips in use, with the heaviest routes, as a well-formed page", () => {
    const { utilisation } = compiled({ columns: 12, neuronsPerColumn: 50, indegree: 30, inputsPerColumn: 10, durationMs: 50 }, testBoard(), { maxNeuronsPerCore: 30, partitioner: "traffic" });
    const html = renderPlacementHtml(utilisation, "placement of columns <12>");
    expect(htmlProblems(html)).toEqual([]);
    expect(html.match(/<rect class="core"/g)?.length).toBe(utilisation.coresUsed);
    const crossing = new Set(utilisation.traffic.routing.filter((e) => {
      const a = utilisation.cores[e.from].position;
      const b = utilisation.cores[e.to].position;
      return a.x !== b.x || a.y !== b.y;
    }).map((e) => [utilisation.cores[e.from].position, utilisation.cores[e.to].position].map((p) => `${p.x},${p.y}`).sort().join("-")));
    expect(html.match(/<line class="route"/g)?.length).toBe(Math.min(300, crossing.size));
    expect(html).toContain("placement of columns &lt;12&gt;");
    expect(html).toContain("in IR order");
  });
});

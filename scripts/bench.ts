/**
 * `npm run bench`: wall-clock figures, not a test. Prints, for the CUBA benchmark (4000 LIF
 * neurons, p = 0.02, dt = 0.1 ms) the reference simulator's and the emulator's simulation loop
 * for 1 s and 10 s of biological time, elaboration and compile time at 1M and 10M synapses, and
 * placement of a 100 000-neuron / 10M-synapse columns network on loihi-cuba-board, in IR order
 * and by traffic. Options: --quick (1 s CUBA, 1M synapses, 20 000 neurons placed), --brian2 (also run ../shared/peers/cuba/cuba.py
 * in cpp_standalone on this machine, side by side, when Debian's python3-brian is installed).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { columnsNetwork } from "./columns-network.js";
import {
  compile,
  compileAny,
  elaborate,
  emulate,
  emulateAny,
  type GliaTarget,
  isGliaTarget,
  loadNetwork,
  resolveTarget,
  simulate,
  type Checked,
  type Target,
} from "../src/index.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");

const line = (text: string) => process.stdout.write(text + "\n");
const seconds = (ms: number) => (ms / 1000).toFixed(3) + " s";
const perSecond = (count: number, ms: number) => (count / (ms / 1000) / 1e6).toFixed(1) + " M/s";

function time<T>(work: () => T): [T, number] {
  const start = performance.now();
  const value = work();
  return [value, performance.now() - start];
}

async function main(): Promise<void> {
  const targetResult = await resolveTarget("loihi-cuba");
  if (!targetResult.ok || isGliaTarget(targetResult.value)) throw new Error("the bundled loihi-cuba target does not load");
  const target = targetResult.value;
  line(`Tripart bench — Node ${process.version}, ${new Date().toISOString()}`);
  line("");
  const ours = benchCuba(target);
  line("");
  benchScale(target);
  line("");
  await benchPlacement();
  line("");
  const glia = await resolveTarget("glia-core");
  if (!glia.ok || !isGliaTarget(glia.value)) throw new Error("the bundled glia-core target does not load");
  benchWorkingMemory(glia.value);
  if (args.has("--brian2")) {
    line("");
    benchBrian2(ours);
  }
}

function cubaNetwork(durationMs: number): Checked {
  const text = readFileSync(join(ROOT, "examples/cuba/network.json"), "utf8");
  const network = JSON.parse(text);
  network.run.duration = durationMs;
  network.record = [{ population: "exc", spikes: true }, { population: "inh", spikes: true }];
  const loaded = loadNetwork(JSON.stringify(network), { file: "examples/cuba/network.json" });
  if (!loaded.ok) throw new Error("examples/cuba/network.json does not load");
  return loaded.value;
}

function benchCuba(target: Target): Map<number, { reference: number; emulator: number }> {
  line("CUBA (Vogels & Abbott 2005): 4000 LIF neurons, p = 0.02, dt = 0.1 ms, target loihi-cuba");
  line("run          engine     wall (loop)   spikes    syn. events   neuron updates/s  syn. events/s");
  const loops = new Map<number, { reference: number; emulator: number }>();
  for (const durationS of quick ? [1] : [1, 10]) {
    const [elaborated, elaborateMs] = time(() => elaborate(cubaNetwork(durationS * 1000)));
    const [compiled, compileMs] = time(() => compile(elaborated, target));
    if (!compiled.ok) throw new Error("CUBA does not compile for loihi-cuba");
    const [reference, referenceMs] = time(() => simulate(elaborated));
    const [emulation, emulatorMs] = time(() => emulate(compiled.value));
    for (const [engine, counts, ms] of [
      ["reference", reference.counts, referenceMs],
      ["emulator", emulation.counts, emulatorMs],
    ] as const) {
      line(
        `${(durationS + " s").padEnd(12)} ${engine.padEnd(10)} ${seconds(ms).padStart(11)}  ${String(counts.spikes).padStart(7)}  ` +
          `${String(counts.synapticEvents).padStart(12)}   ${perSecond(counts.neuronUpdates, ms).padStart(15)}  ${perSecond(counts.synapticEvents, ms).padStart(13)}`,
      );
    }
    line(`${"".padEnd(12)} (elaborate ${seconds(elaborateMs)}, compile ${seconds(compileMs)})`);
    loops.set(durationS, { reference: referenceMs / 1000, emulator: emulatorMs / 1000 });
  }
  return loops;
}

/** A wide network with a fixed in-degree, sized to `synapses`; compiled for a many-chip system. */
function scaleNetwork(neurons: number, indegree: number): Checked {
  const loaded = loadNetwork(JSON.stringify({
    format: "tripart.network/1",
    name: `scale-${neurons}x${indegree}`,
    run: { dt: 1, duration: 10, seed: 3 },
    populations: [
      {
        id: "pop",
        model: "lif",
        size: neurons,
        params: { tau_m: 20, v_rest: -65, v_reset: -65, v_thresh: -50, tau_ref: 2, bias: 0 },
      },
    ],
    inputs: [],
    projections: [
      {
        id: "recurrent",
        pre: "pop",
        post: "pop",
        connect: { rule: "fixed_indegree", indegree, autapses: false },
        weight: { uniform: [0.5, 1.5] },
        delay: { uniform: [0, 8] },
        synapse: { kind: "exponential", tau: 5 },
        sign: "excitatory",
      },
    ],
    record: [],
  }));
  if (!loaded.ok) throw new Error("the scale network does not load");
  return loaded.value;
}

function benchScale(base: Target): void {
  // Random connectivity fills the 4096 input axons of a core long before its 1024 neurons:
  // 100k neurons with in-degree 100 from random sources need ~2400 cores, a system of 32 chips.
  const target: Target = { ...base, chip: { cores: 4096 } };
  line("Elaboration and compile at scale (fixed in-degree 100, loihi-cuba cores, a 4096-core system)");
  line("synapses     neurons   elaborate    compile     cores   bytes/synapse (elaborated)");
  for (const neurons of quick ? [10_000] : [10_000, 100_000]) {
    const network = scaleNetwork(neurons, 100);
    const [elaborated, elaborateMs] = time(() => elaborate(network));
    const synapses = elaborated.projections.reduce((sum, p) => sum + p.synapses.post.length, 0);
    const bytes = elaborated.projections.reduce(
      (sum, p) => sum + p.synapses.post.byteLength + p.synapses.weight.byteLength + p.synapses.delay.byteLength + p.synapses.rowStart.byteLength,
      0,
    );
    const [compiled, compileMs] = time(() => compile(elaborated, target));
    const cores = compiled.ok ? String(compiled.value.cores.length) : "does not fit";
    line(
      `${(synapses / 1e6).toFixed(1).padStart(5)}M  ${String(neurons).padStart(10)}  ${seconds(elaborateMs).padStart(10)}  ${seconds(compileMs).padStart(9)}  ` +
        `${cores.padStart(8)}   ${(bytes / synapses).toFixed(1)}`,
    );
  }
}

/**
 * Placement at scale: the columns network (scripts/columns-network.ts; columns listed in a
 * shuffled order) on the loihi-cuba-board target, placed in IR order and by traffic. Prints
 * compile time, cores, chips and the predicted traffic at 1 spike/s per neuron, and the process's
 * peak resident memory after both compilations.
 */
async function benchPlacement(): Promise<void> {
  const board = await resolveTarget("loihi-cuba-board");
  if (!board.ok || isGliaTarget(board.value)) throw new Error("the bundled loihi-cuba-board target does not load");
  const columns = quick ? 20 : 100;
  const loaded = loadNetwork(columnsNetwork({ columns, neuronsPerColumn: 1000, indegree: 100 }));
  if (!loaded.ok) throw new Error("the columns network does not load");
  const [elaborated, elaborateMs] = time(() => elaborate(loaded.value));
  const synapses = elaborated.projections.reduce((sum, p) => sum + p.synapses.post.length, 0);
  line(`Placement on loihi-cuba-board: ${columns} columns, ${columns * 1000} neurons, ${(synapses / 1e6).toFixed(1)}M synapses (elaborate ${seconds(elaborateMs)})`);
  line("strategy      compile     cores  chips   msg/s between cores   between chips   hop-weighted   mean hops");
  for (const partitioner of ["contiguous", "traffic"] as const) {
    const [compiled, compileMs] = time(() => compile(elaborated, board.value as Target, { partitioner }));
    const u = compiled.reports.utilisation;
    if (!compiled.ok || u === undefined) {
      line(`${partitioner.padEnd(12)}  does not fit`);
      continue;
    }
    const t = u.traffic.placed;
    line(
      `${partitioner.padEnd(12)}  ${seconds(compileMs).padStart(9)}  ${String(u.coresUsed).padStart(6)}  ${String(u.chipsUsed).padStart(5)}  ` +
        `${t.interCore.toFixed(0).padStart(20)}  ${t.interChip.toFixed(0).padStart(14)}  ${t.hopTraffic.toFixed(0).padStart(13)}  ${t.meanHops.toFixed(2).padStart(10)}`,
    );
  }
  line(`peak resident memory of the bench process so far: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

/**
 * The Gordleeva et al. 2021 working-memory network (examples/working-memory): the emulator on
 * glia-core and the float reference, both over the whole protocol (the small network with --quick).
 */
function benchWorkingMemory(target: GliaTarget): void {
  const file = quick ? "examples/working-memory/network-small.json" : "examples/working-memory/network.json";
  const loaded = loadNetwork(readFileSync(join(ROOT, file), "utf8"), { file });
  if (!loaded.ok) throw new Error(`${file} does not load`);
  const [elaborated, elaborateMs] = time(() => elaborate(loaded.value));
  const [compiled, compileMs] = time(() => compileAny(elaborated, target));
  if (!compiled.ok) throw new Error(`${file} does not compile for glia-core`);
  const neurons = elaborated.populations.reduce((n, p) => n + p.size, 0);
  const astrocytes = elaborated.astrocytes.reduce((n, a) => n + a.size, 0);
  line(`Working memory (Gordleeva et al. 2021), ${file}: ${neurons} Izhikevich neurons, ${astrocytes} astrocytes, ${elaborated.steps} steps of ${loaded.value.run.dt} ms`);
  line("engine              wall       spikes   neuron-steps/s");
  const [emulation, emulatorMs] = time(() => emulateAny(compiled.value));
  const [reference, referenceMs] = time(() => simulate(elaborated));
  for (const [engine, counts, ms] of [
    ["emulator glia-core", emulation.counts, emulatorMs],
    ["reference", reference.counts, referenceMs],
  ] as const) {
    line(`${engine.padEnd(18)} ${seconds(ms).padStart(9)}  ${String(counts.spikes).padStart(9)}   ${perSecond(counts.neuronUpdates, ms).padStart(12)}`);
  }
  line(`(elaborate ${seconds(elaborateMs)}, compile ${seconds(compileMs)})`);
}

function benchBrian2(ours: Map<number, { reference: number; emulator: number }>): void {
  const script = resolve(ROOT, "..", "shared", "peers", "cuba", "cuba.py");
  if (!existsSync(script) || !existsSync("/usr/bin/python3")) {
    line(`Brian2: ${script} or /usr/bin/python3 not found; see ../shared/peers/cuba/README.md.`);
    return;
  }
  line("Brian2 2.5 cpp_standalone on the same machine (its own connectivity draw, seed 1)");
  line("run          Brian2 loop   reference/Brian2   emulator/Brian2");
  const dir = mkdtempSync(join(tmpdir(), "tripart-brian2-"));
  for (const [durationS, loop] of ours) {
    const out = join(dir, `cuba-${durationS}.json`);
    try {
      execFileSync("/usr/bin/python3", [script, "--target", "cpp_standalone", "--duration", String(durationS), "--seed", "1", "--out", out], {
        stdio: ["ignore", "ignore", "pipe"],
      });
    } catch (error) {
      line(`Brian2 failed: ${(error as Error).message.split("\n")[0]}`);
      return;
    }
    const brian = JSON.parse(readFileSync(out, "utf8")) as { timing: { run_loop_s: number } };
    const b = brian.timing.run_loop_s;
    line(
      `${(durationS + " s").padEnd(12)} ${(b.toFixed(3) + " s").padStart(11)}   ${(loop.reference / b).toFixed(2).padStart(14)}×   ${(loop.emulator / b).toFixed(2).padStart(13)}×`,
    );
  }
}

await main();

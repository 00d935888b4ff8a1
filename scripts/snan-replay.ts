/**
 * glia-core against the reference on the reference's own closed loops, not a test (docs/snan.md,
 * "Agreement with the reference"): for each world of the agreement spec's 5×5 fields, the
 * reference plays snan in closed loop and glia-core, and the reference with its input weights
 * scaled by 1 + 10⁻³ (the floor), replay its injections open loop (src/experiment/replay.ts).
 * Prints each engine's mean and standard error over the worlds of the share of decided windows
 * with the same winner, the action spike difference, and per plastic projection the weights'
 * correlation at the end and the slope and size of their changes at rewards and bumps.
 * Options: --worlds N (default 30), --from W (default 0), --episodes N (default 8), --epsilon E.
 * Run: npm run build, then node dist/scripts/snan-replay.js.
 */
import { resolveTarget } from "../src/targets/load.js";
import { parseExperimentSpec } from "../src/experiment/spec.js";
import { budgetOf, worldsOf } from "../src/experiment/experiment.js";
import { agentRng } from "../src/experiment/world-run.js";
import { targetEngine } from "../src/experiment/snan-engine.js";
import { perturbedReference, replayWorld, type ReplayComparison } from "../src/experiment/replay.js";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const argv = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const line = (text: string) => process.stdout.write(text + "\n");

const specPath = join(ROOT, "examples", "snan-navigation", "agreement.json");
const read = parseExperimentSpec(readFileSync(specPath, "utf8"), specPath);
if (!read.ok) throw new Error(read.diagnostics.map((d) => d.message).join("\n"));
const spec = read.value;
const target = await resolveTarget("glia-core");
if (!target.ok) throw new Error("glia-core does not load");
const size = spec.scale.sizes[0];
const from = option("from", 0);
const count = option("worlds", 30);
const episodes = option("episodes", spec.scale.episodes);
const epsilon = option("epsilon", 1e-3);
const engines = [targetEngine(target.value, { learningEpoch: spec.learningEpoch?.["glia-core"] ?? 7 }), perturbedReference(epsilon)];
const worlds = worldsOf(spec, size, from + count);
const rows: ReplayComparison[][] = engines.map(() => []);
for (let w = from; w < from + count; w++) {
  const started = Date.now();
  const results = replayWorld({ agentOptions: spec.snan ?? {}, world: worlds[w], mode: spec.mode, budget: budgetOf(spec, size), episodes, rng: agentRng(spec.seed, w, "snan") }, engines);
  results.forEach((r, e) => rows[e].push(r));
  process.stderr.write(`world ${w}: ${results.map((r) => `${r.engine} ${(100 * r.sameWinner).toFixed(1)} %`).join(", ")} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

const stats = (values: readonly number[]) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const se = values.length > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1) / values.length) : Number.NaN;
  return `${mean.toFixed(4)} ± ${se.toFixed(4)}`;
};
const finite = (values: readonly (number | null)[]) => values.filter((v): v is number => v !== null);
line(`${count} worlds (${from}–${from + count - 1}) of ${size}×${size}, ${episodes} episodes, mean ± standard error over worlds`);
engines.forEach((engine, e) => {
  const r = rows[e];
  line(`\n${engine.name}`);
  line(`  same winner (decided windows)  ${stats(r.map((x) => x.sameWinner))}`);
  line(`  action spikes, relative       ${stats(r.map((x) => x.actionSpikeDifference))}`);
  for (const projection of r[0]?.weights.map((w) => w.projection) ?? []) {
    const of = (x: ReplayComparison) => x.weights.find((w) => w.projection === projection);
    line(`  ${projection}: weights r ${stats(finite(r.map((x) => of(x)?.correlation ?? null)))}, change slope ${stats(finite(r.map((x) => of(x)?.changeSlope ?? null)))}, change size ${stats(finite(r.map((x) => of(x)?.changeSizeDifference ?? null)))}`);
  }
});

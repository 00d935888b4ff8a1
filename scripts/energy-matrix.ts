/**
 * `node dist/scripts/energy-matrix.js [--write] [--only <example/network.json>…]`: the energy of
 * every bundled example network on every bundled target (src/energy/matrix.ts), as the Markdown
 * table docs/energy.md carries between its energy-matrix markers, and the cost sources per target
 * between its energy-sources markers. Prints both; --write puts them into docs/energy.md. Only
 * this script prints; test/energy/matrix.test.ts regenerates the quick rows and compares.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { energyMatrix, engineering, listTargets, OPERATION_KINDS, OPERATION_LABELS, resolveTarget, type AnyTarget, type MatrixCell } from "../src/index.js";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "..", ...(import.meta.url.includes("/dist/") ? [".."] : []));
export const DOC = join(ROOT, "docs", "energy.md");

/** Every bundled example network, as "example/network….json", sorted. */
export function exampleNetworks(): string[] {
  const dir = join(ROOT, "examples");
  return readdirSync(dir)
    .flatMap((example) => readdirSync(join(dir, example)).filter((f) => /^network(-[\w-]+)?\.json$/.test(f)).map((f) => `${example}/${f}`))
    .sort();
}

/** One cell in words: "34.4 µJ, 3.67 ms", with † when something that occurred is not costed; or the refusal codes. */
export function cellText(cell: MatrixCell): string {
  if (cell.refused !== undefined) return `refused: ${cell.refused.join(", ")}`;
  const e = cell.estimate!;
  const missing = e.notCosted.energy.length > 0;
  if (e.energy === 0 && missing) return "fits; not costed";
  return `${engineering(e.energy, "J")}, ${engineering(e.time, "s")}${missing ? " †" : ""}`;
}

/** The run of a network file: "2000 × 0.5 ms". */
function runText(network: string): string {
  const { run } = JSON.parse(readFileSync(join(ROOT, "examples", network), "utf8")) as { run: { dt: number; duration: number } };
  return `${Math.round(run.duration / run.dt)} × ${run.dt} ms`;
}

/** The Markdown table: a row per network (its run, then a cell per target). */
export function matrixMarkdown(cells: readonly MatrixCell[], targets: readonly string[]): string {
  const networks = [...new Set(cells.map((c) => c.network))];
  const lines = [`| example | steps × dt | ${targets.map((t) => `\`${t}\``).join(" | ")} |`, `| --- | --- |${targets.map(() => " --- |").join("")}`];
  for (const network of networks) {
    const row = targets.map((t) => cellText(cells.find((c) => c.network === network && c.target === t)!));
    lines.push(`| \`${network}\` | ${runText(network)} | ${row.join(" | ")} |`);
  }
  return lines.join("\n") + "\n";
}

/**
 * The cost tables with their sources: targets with the same operations share one table (the
 * Loihi variants); a row per operation with its figures, basis and source, then each target's notes.
 */
export function sourcesMarkdown(targets: readonly AnyTarget[]): string {
  const groups = new Map<string, AnyTarget[]>();
  for (const target of targets) {
    const key = JSON.stringify(target.energy?.operations ?? {});
    groups.set(key, [...(groups.get(key) ?? []), target]);
  }
  const lines: string[] = [];
  for (const group of groups.values()) {
    const operations = group[0].energy?.operations ?? {};
    const kinds = OPERATION_KINDS.filter((kind) => operations[kind] !== undefined);
    lines.push(`**${group.map((t) => `\`${t.name}\``).join(", ")}**${kinds.length === 0 ? ": no operation is costed." : ""}`, "");
    if (kinds.length > 0) {
      lines.push("| operation | energy | time | basis | source |", "| --- | --- | --- | --- | --- |");
      for (const kind of kinds) {
        const cost = operations[kind]!;
        const cell = (value: number | undefined, unit: string) => (value !== undefined ? engineering(value, unit) : "—");
        lines.push(`| ${OPERATION_LABELS[kind]} | ${cell(cost.energy, "J")} | ${cell(cost.time, "s")} | ${cost.basis} | ${cost.sources.join("; ").replace(/\|/g, "\\|")} |`);
      }
      lines.push("");
    }
    for (const target of group) if (target.energy?.notes !== undefined) lines.push(`- \`${target.name}\`: ${target.energy.notes}`);
    lines.push("");
  }
  return lines.join("\n");
}

/** `text` with the block between `<!-- name:start -->` and `<!-- name:end -->` replaced by `block`. */
export function replaceBlock(text: string, name: string, block: string): string {
  const start = `<!-- ${name}:start -->\n`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/energy.md has no ${name} markers`);
  return text.slice(0, from + start.length) + block + text.slice(to);
}

/** The bundled targets, loaded. */
export async function bundledTargets(): Promise<AnyTarget[]> {
  const loaded = await Promise.all(listTargets().map((name) => resolveTarget(name)));
  return loaded.map((t, i) => {
    if (!t.ok) throw new Error(`target ${listTargets()[i]} does not load`);
    return t.value;
  });
}

export async function main(argv: readonly string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const write = argv.includes("--write");
  const only = argv.filter((a) => a !== "--write" && a !== "--only");
  const networks = only.length > 0 ? only : exampleNetworks();
  const targets = await bundledTargets();
  let started = performance.now();
  const matrix = await energyMatrix(networks.map((n) => join(ROOT, "examples", n)), targets.map((t) => t.name), {
    labelOf: (path) => relative(join(ROOT, "examples"), path),
    onCell: (network, target) => {
      const now = performance.now();
      err(`${network} on ${target} (previous cell ${((now - started) / 1000).toFixed(2)} s)`);
      started = now;
    },
  });
  if (!matrix.ok) {
    for (const d of matrix.diagnostics) err(`${d.code}: ${d.message}`);
    return 2;
  }
  const table = matrixMarkdown(matrix.value, targets.map((t) => t.name));
  const sources = sourcesMarkdown(targets);
  out(table);
  out(sources);
  if (write) writeFileSync(DOC, replaceBlock(replaceBlock(readFileSync(DOC, "utf8"), "energy-matrix", table), "energy-sources", sources));
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2), (line) => process.stdout.write(line + "\n"), (line) => process.stderr.write(line + "\n"));
}

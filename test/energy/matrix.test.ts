// The energy matrix of docs/energy.md: the page's table and cost sources are what
// scripts/energy-matrix.ts generates. Every row but the two working-memory networks (about 5 s and
// 40 s of emulation on glia-core) is regenerated here and compared cell for cell; the page says
// so. A cell's refusal codes are those checkPortability reports, and a fitting cell's figures
// are the estimate of the same run priced directly.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkPortability, energyMatrix, estimateNetworkText, listTargets, resolveTarget } from "../../src/index.js";
import { bundledTargets, cellText, DOC, exampleNetworks, matrixMarkdown, sourcesMarkdown } from "../../scripts/energy-matrix.js";
import { REPO } from "../cli/helpers.js";

const SLOW = ["working-memory/network-small.json", "working-memory/network.json"];
const doc = readFileSync(DOC, "utf8");
const block = (name: string): string => {
  const found = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)<!-- ${name}:end -->`).exec(doc);
  expect(found, `docs/energy.md has the ${name} markers`).not.toBeNull();
  return found![1];
};
// On a difference: run `npx tsc -p tsconfig.json && node dist/scripts/energy-matrix.js --write`.

describe("docs/energy.md energy matrix", () => {
  const table = block("energy-matrix").trimEnd().split("\n");

  it("has a row for every bundled example network and a column for every bundled target", () => {
    expect(table[0]).toBe(`| example | steps × dt | ${listTargets().map((t) => `\`${t}\``).join(" | ")} |`);
    expect(table.slice(2).map((row) => /^\| `([^`]+)`/.exec(row)?.[1])).toEqual(exampleNetworks());
  });

  it("lists each target's cost table with its sources, as the target files state them", async () => {
    expect(block("energy-sources")).toBe(sourcesMarkdown(await bundledTargets()));
  });

  it("holds the regenerated rows of every network but the two working-memory ones", async () => {
    const quick = exampleNetworks().filter((n) => !SLOW.includes(n));
    const cells = await energyMatrix(quick.map((n) => join(REPO, "examples", n)), "all", { labelOf: (path) => path.slice(join(REPO, "examples").length + 1) });
    if (!cells.ok) throw new Error(cells.diagnostics.map((d) => d.message).join("\n"));
    const regenerated = matrixMarkdown(cells.value, listTargets()).trimEnd().split("\n");
    expect(regenerated.slice(2)).toEqual(table.slice(2).filter((row) => !SLOW.some((n) => row.startsWith(`| \`${n}\``))));
  }, 120_000);
});

describe("energyMatrix", () => {
  it("refuses with the codes checkPortability reports and prices a fit as estimateNetworkText does", async () => {
    const path = join(REPO, "examples", "single-neuron", "network.json");
    const targets = ["loihi-cuba", "xylo-style", "glia-core"];
    const cells = await energyMatrix([path], targets);
    const fits = await checkPortability(path, targets);
    if (!cells.ok || !fits.ok) throw new Error("does not load");
    for (const [i, cell] of cells.value.entries()) {
      const fit = fits.value.targets[i];
      expect(cell.target).toBe(fit.target);
      if (!fit.fits) expect(cell.refused).toEqual([...new Set(fit.errors.map((d) => d.code))]);
      else expect(cell.refused).toBeUndefined();
    }
    const loihi = await resolveTarget("loihi-cuba");
    if (!loihi.ok) throw new Error("loihi-cuba does not load");
    const direct = estimateNetworkText(readFileSync(path, "utf8"), loihi.value);
    if (!direct.ok) throw new Error("single-neuron does not run on loihi-cuba");
    expect(cells.value[0].estimate?.energy).toBe(direct.value.estimate.energy);
    expect(cells.value[0].estimate?.time).toBe(direct.value.estimate.time);
    expect(cellText(cells.value[1])).toBe("refused: TP3006, TP3007");
  });

  it("fails with the load diagnostics on a missing network or an unknown target", async () => {
    const missing = await energyMatrix([join(REPO, "no-such.json")], ["loihi-cuba"]);
    expect(missing.ok).toBe(false);
    expect(missing.diagnostics.map((d) => d.code)).toEqual(["TP1000"]);
    const unknown = await energyMatrix([join(REPO, "examples", "single-neuron", "network.json")], ["no-such-target"]);
    expect(unknown.diagnostics.map((d) => d.code)).toEqual(["TP1107"]);
  });
});

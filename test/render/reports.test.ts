// The HTML reports render in a real browser: every plot of the diff report (verify --html) and of
// placement.html is laid out with a size and holds drawn marks.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { chromium, renderSvgs, requireChromium, readText } from "./chromium.js";
import { EI, tripart, useTempDir } from "../cli/helpers.js";
import { columnsNetwork } from "../../scripts/columns-network.js";
import { writeFileSync } from "node:fs";

const temp = useTempDir();
const run = chromium !== undefined || requireChromium ? describe : describe.skip;

run("reports in headless Chromium", () => {
  it("has a browser to render with", () => {
    expect(chromium, "install Debian's chromium package (.ci/run does)").toBeDefined();
  });

  it("renders every plot of verify's HTML report", async () => {
    const report = temp.file("report.html");
    const verify = await tripart(temp.path, "verify", EI, "--html", report);
    expect(verify.code, verify.err).toBe(0);
    const svgs = renderSvgs(readText(report));
    expect(svgs.length).toBeGreaterThan(3);
    for (const svg of svgs) {
      expect(svg.width, svg.label).toBeGreaterThan(50);
      expect(svg.height, svg.label).toBeGreaterThan(20);
      expect(svg.marks, svg.label).toBeGreaterThan(0);
    }
  }, 120_000);

  it("renders placement.html: the mesh with every core", async () => {
    const network = temp.file("columns.json");
    writeFileSync(network, columnsNetwork({ columns: 16, neuronsPerColumn: 200, indegree: 60 }));
    const out = temp.file("placed");
    const compile = await tripart(temp.path, "compile", network, "-t", "loihi-cuba-board", "-o", out);
    expect(compile.code, compile.err).toBe(0);
    const placement = JSON.parse(readText(join(out, "placement.json"))) as { coresUsed: number };
    const [mesh] = renderSvgs(readText(join(out, "placement.html")));
    expect(mesh.label).toBe("cores on the mesh");
    expect(mesh.width).toBeGreaterThan(100);
    expect(mesh.marks).toBeGreaterThanOrEqual(placement.coresUsed);
  }, 120_000);
});

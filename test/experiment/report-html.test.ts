// The experiment report page, built from real baseline runs on small mazes: well-formed, one plot
// per kind with a mark per agent, and laid out by headless Chromium when it is installed.
import { describe, expect, it } from "vitest";
import { runCondition } from "../../src/experiment/episode.js";
import { generateMaze, observe, type GridWorld } from "../../src/experiment/grid-world.js";
import { summarizeRun } from "../../src/experiment/metrics.js";
import { DualMemoryAgent } from "../../src/experiment/agents/dual-memory.js";
import { RandomWalkAgent } from "../../src/experiment/agents/random-walk.js";
import { renderExperimentHtml, type AgentResult, type CalciumFrame, type ExperimentReport } from "../../src/experiment/report-html.js";
import { htmlProblems } from "../diff/html-check.js";
import { chromium, renderSvgs, requireChromium } from "../render/chromium.js";

const BUDGET = 300;

function report(): ExperimentReport {
  const worlds: GridWorld[] = [1, 2, 3].map((seed) => generateMaze({ width: 8, height: 8, seed }));
  const options = { mode: "walls+goal-direction" as const, budget: BUDGET, episodes: 6, seed: 4 };
  const results: AgentResult[] = [new DualMemoryAgent(), new RandomWalkAgent()].map((agent) => {
    const run = runCondition(worlds, agent, options);
    return {
      agent: run.agent,
      engine: "host",
      summary: summarizeRun(run.results, { seed: 1, groups: run.groups, resamples: 200 }),
      pathLengths: run.results.map((r) => r.steps),
      reached: run.results.map((r) => r.reached),
    };
  });
  // A visit trace over observations (+1 a visit, ×0.9 a step) mapped back onto the cells: the
  // kind of map the astrocytes' calcium gives, computed from the first world's last episode.
  const world = worlds[0];
  const last = runCondition([world], new DualMemoryAgent(), options).results.at(-1)!;
  const trace = new Float64Array(64);
  const frames: CalciumFrame[] = [];
  for (let k = 0; k < last.path.length; k++) {
    for (let o = 0; o < trace.length; o++) trace[o] *= 0.9;
    trace[observe(world, "walls+goal-direction", last.path[k])] += 1;
    if (k % 10 === 0) frames.push({ step: k, values: Float64Array.from({ length: 64 }, (_, c) => trace[observe(world, "walls+goal-direction", c)]) });
  }
  return {
    title: "navigation <baselines>",
    settings: { worlds: "3 mazes 8×8", episodes: 6, budget: BUDGET },
    budget: BUDGET,
    results,
    episode: { agent: "dual-memory", world, path: last.path, raster: { steps: 100, rows: [{ label: "state 0", steps: [1, 5, 9] }, { label: "north", steps: [3, 40] }] } },
    calcium: { world, frames: frames.slice(0, 4) },
    agreement: [{ metric: "median path", target: "glia-core", reference: results[0].summary.medianPathLength.estimate, emulated: results[0].summary.medianPathLength.estimate }],
  };
}

describe("experiment report", () => {
  const html = renderExperimentHtml(report());

  it("shows the interval and verdict of agreement rows that have them, and only then", () => {
    const withInterval = renderExperimentHtml({ ...report(), tolerance: 0.05, agreement: [{ metric: "mean path", target: "glia-core", reference: 40, emulated: 41, low: -0.031, high: 0.082, verdict: "undecided" }] });
    expect(htmlProblems(withInterval)).toEqual([]);
    expect(withInterval).toContain("<th>95 % interval</th><th>verdict</th>");
    expect(withInterval).toContain("<td>[-3.1, 8.2] %</td><td>undecided</td>");
    expect(html).not.toContain("<th>95 % interval</th>");
  });

  it("is a well-formed page with every section and escaped text", () => {
    expect(htmlProblems(html)).toEqual([]);
    for (const label of ["path lengths", "completion curves", "trajectory", "spike raster", "calcium at step 0"]) expect(html).toContain(`aria-label="${label}"`);
    expect(html).toContain("navigation &lt;baselines&gt;");
    expect(html.match(/<polyline fill="none" stroke="#/g)?.length).toBe(2 + 1); // two completion curves, one trajectory
  });

  (chromium !== undefined || requireChromium ? it : it.skip)("renders every plot in headless Chromium", () => {
    const svgs = renderSvgs(html);
    expect(svgs.length).toBe(4 + 4); // distributions, completion, trajectory, raster, 4 calcium frames
    for (const svg of svgs) {
      expect(svg.width, svg.label).toBeGreaterThan(50);
      expect(svg.marks, svg.label).toBeGreaterThan(0);
    }
  }, 60_000);
});

// The astrocyte parts of the reports: the "astrocytes" and "territories" tables, the JSON data
// per astrocyte, and the HTML plots (Ca overlays, gate raster, Jaccard histogram), well-formed.
import { describe, expect, it } from "vitest";
import { diffRecordings, type DiffReport } from "../../src/diff/compare.js";
import { jaccardBins } from "../../src/diff/astrocyte-report.js";
import { renderHtml, renderTable, reportToJson } from "../../src/diff/report.js";
import type { Recording } from "../../src/hw/recording.js";
import { population, recording, trace, train } from "../recording/fixtures.js";
import { astroPair, TERRITORIES } from "./astro-fixtures.js";
import { htmlProblems } from "./html-check.js";

const { a, b } = astroPair();
function diff(x: Recording, y: Recording, territories = true): DiffReport {
  const result = diffRecordings(x, y, undefined, territories ? { territories: TERRITORIES } : {});
  if (!result.ok) throw new Error("diff failed");
  return result.value;
}
const report = diff(a, b);

describe("renderTable", () => {
  const lines = renderTable(report).split("\n");

  it("keeps astrocyte populations out of the spike table", () => {
    expect(lines[1].startsWith("exc ")).toBe(true);
    expect(lines[2]).toBe("");
    expect(lines.filter((line) => line.startsWith("all "))).toEqual([]);
  });

  it("has an astrocytes section: Ca/IP3/h RMSE, gate Jaccard, gates opened on each side", () => {
    const at = lines.indexOf("astrocytes");
    expect(lines[at + 1].split(/\s{2,}/)).toEqual([
      "population", "astrocytes", "Ca RMSE mean / max", "IP3 RMSE mean / max", "h RMSE mean / max", "gate Jaccard mean", "min",
      "opened ref", "opened emu", "one side only", "onset Δ max", "verdict",
    ]);
    // Ca mean (2^-9 + 2^-6)/4 = 0.00439, max 2^-6 = 0.0156; mean Jaccard (1/3 + 1 + 10/13 + 0)/4 = 0.5256;
    // a3 opened in the reference only; h is not traced.
    expect(lines[at + 2].split(/\s{2,}/)).toEqual(["astro", "4", "0.00439 / 0.0156 µM", "0 / 0 µM", "-", "0.526", "0.000 a3", "3", "2", "1", "5 ms", "fail"]);
  });

  it("has a territories section with mean rates and the ±k match", () => {
    const at = lines.indexOf("territories");
    expect(lines[at + 1].split(/\s{2,}/)).toEqual(["astrocytes", "neurons of", "territories", "mean rate ref (Hz)", "mean rate emu (Hz)", "±k match mean", "min"]);
    // rates (25 + 25 + 25 + 0)/4 = 18.75 and (25 + 12.5 + 50 + 0)/4 = 21.875; matches (1 + 0.5 + 0 + 1)/4
    expect(lines[at + 2].split(/\s{2,}/)).toEqual(["astro", "exc", "4", "18.75", "21.88", "62.5% (±1)", "0.0% t2"]);
  });

  it("words the astrocyte criteria", () => {
    expect(lines).toContain("  pass  astro  mean per-astrocyte RMSE of ca   0.00439 µM ≤ 0.02 µM");
    expect(lines).toContain("  pass  astro  mean per-astrocyte RMSE of ip3        0 µM ≤ 0.5 µM");
    expect(lines).toContain("  FAIL  astro  mean gate Jaccard index              0.526 ≥ 0.800");
    expect(lines).toContain("FAIL: 2 of 5 criteria not met");
  });

  it("prints no unit after dimensionless values", () => {
    // one astrocyte, h 0.5 against 0.5 + 2^-4 at every step: RMSE 0.0625 > 0.01, unit "1" not shown
    const glia = (h: number, source: Recording["source"]) =>
      recording([population("glia", 1, undefined, [trace("h", [0], [new Array(10).fill(h)], { unit: "1" })])], { source });
    const text = renderTable(diff(glia(0.5, "reference"), glia(0.5 + 2 ** -4, "emulator"), false)).split("\n");
    expect(text[0]).toBe("astrocytes");                            // no neuron population: no spike table
    expect(text[2].split(/\s{2,}/).slice(0, 5)).toEqual(["glia", "1", "-", "-", "0.0625 / 0.0625"]);
    expect(text).toContain("  FAIL  glia  mean per-astrocyte RMSE of h  0.0625 ≤ 0.01");
  });

  it("prints no astrocyte section for a neuron-only diff", () => {
    const lif = recording([population("p", 2, train([[3, 0]]))]);
    const text = renderTable(diff(lif, lif, false));
    expect(text).not.toContain("astrocytes");
    expect(text).not.toContain("territories");
  });
});

describe("reportToJson", () => {
  it("carries every astrocyte's gate intervals, Jaccard index and onset shifts, and the territories", () => {
    const json = JSON.parse(JSON.stringify(reportToJson(report)));
    const gate = json.populations[1].astrocytes.gate;
    expect(gate.astrocytes).toEqual([0, 1, 2, 3]);
    expect(gate.intervalsA).toEqual([[10, 20], [], [5, 8, 30, 40], [0, 4]]);
    expect(gate.jaccard).toEqual([1 / 3, 1, 10 / 13, 0]);
    expect(gate.onsetShifts).toEqual([[5], [], [0], []]);
    expect(gate.openedOnlyA).toEqual([3]);
    expect(json.populations[1].traces[0].perNeuronRmse).toEqual([2 ** -9, 0, 2 ** -6, 0]);
    expect(json.territories[0].withinFraction).toEqual([1, 0.5, 0, 1]);
  });
});

describe("renderHtml", () => {
  const html = renderHtml(report, a, b);

  it("is well-formed and self-contained", () => {
    expect(htmlProblems(html)).toEqual([]);
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|url\(/i);
  });

  it("the checker finds what it should", () => {
    expect(htmlProblems("<p><b>x</p></b>")).not.toEqual([]);
    expect(htmlProblems("<p>1 < 2</p>")).not.toEqual([]);
    expect(htmlProblems("<div><svg><path d=\"M0 0\"/></svg></div>")).toEqual([]);
  });

  it("has an Astrocytes section with tables, Ca overlays largest error first, a gate raster and a Jaccard histogram", () => {
    const section = html.slice(html.indexOf("<h2>Astrocytes</h2>"));
    expect(section).toContain("<th>gate Jaccard mean</th>");
    expect(section).toContain("<h3>Territories</h3>");
    const labels = [...section.matchAll(/aria-label="(astro\[\d\] Ca[^"]*)"/g)].map((m) => m[1]);
    // Ca RMSE per astrocyte 2^-9, 0, 2^-6, 0: a2 first, then a0, then the two equal ones
    expect(labels).toEqual(["astro[2] Ca (µM), RMSE 0.0156", "astro[0] Ca (µM), RMSE 0.00195", "astro[1] Ca (µM), RMSE 0", "astro[3] Ca (µM), RMSE 0"]);
    expect(section.match(/<polyline/g)).toHaveLength(8);
    expect(section).toContain('aria-label="gate raster of astro"');
    expect(section).toContain('aria-label="gate Jaccard histogram of astro"');
  });

  it("draws one bar per open interval in the gate raster: 4 intervals in the reference, 2 in the other", () => {
    const raster = /aria-label="gate raster of astro">[\s\S]*?<\/svg>/.exec(html)![0];
    const paths = [...raster.matchAll(/<path d="([^"]*)"/g)].map((m) => (m[1].match(/M/g) ?? []).length);
    expect(paths).toEqual([4, 2]);
  });

  it("thins the gate raster above 400 astrocytes to one row per s astrocytes", () => {
    // 1000 astrocytes, each open over [0, 5) in the reference only: stride ⌈1000/400⌉ = 3, rows 0, 3, … 999 = 334
    const gates = Array.from({ length: 1000 }, () => [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    const closed = gates.map((row) => row.map(() => 0));
    const many = (rows: number[][], source: Recording["source"]) => recording([population("glia", 1000, undefined, [
      trace("gate", Array.from({ length: 1000 }, (_, k) => k), rows, { unit: "1" })])], { source });
    const x = many(gates, "reference"), y = many(closed, "emulator");
    const page = renderHtml(diff(x, y, false), x, y);
    const raster = /aria-label="gate raster of glia">[\s\S]*?<\/svg>/.exec(page)![0];
    expect([...raster.matchAll(/<path d="([^"]*)"/g)].map((m) => (m[1].match(/M/g) ?? []).length)).toEqual([334, 0]);
    expect(raster).toContain("one row per 3 astrocytes");
    expect(htmlProblems(page)).toEqual([]);
  });

  it("leaves astrocyte traces out of the neuron trace plots and adds nothing for a neuron-only diff", () => {
    expect(html.slice(0, html.indexOf("<h2>Astrocytes</h2>"))).toContain("No trace is compared.");
    const lif = recording([population("p", 2, train([[3, 0]]))]);
    const page = renderHtml(diff(lif, lif, false), lif, lif);
    expect(page).not.toContain("Astrocytes");
    expect(htmlProblems(page)).toEqual([]);
  });
});

it("bins Jaccard indices by tenths, 1 in the last bin", () => {
  // 1/3 → bin 3, 1 → bin 9, 10/13 = 0.769 → bin 7, 0 → bin 0
  expect(Array.from(jaccardBins(Float64Array.from([1 / 3, 1, 10 / 13, 0])))).toEqual([1, 0, 0, 1, 0, 0, 0, 1, 0, 1]);
});

// Report renderers: plain JSON data, the aligned text table and the self-contained HTML page.
import { describe, expect, it } from "vitest";
import { diffRecordings, type DiffReport } from "../../src/diff/compare.js";
import { makeCriteria, type Criteria } from "../../src/diff/criteria.js";
import { renderHtml, renderTable, reportToJson } from "../../src/diff/report.js";
import type { Recording } from "../../src/hw/recording.js";
import { population, recording, trace, train } from "../recording/fixtures.js";

function diff(a: Recording, b: Recording, criteria?: Criteria): DiffReport {
  const result = diffRecordings(a, b, criteria);
  if (!result.ok) throw new Error("diff failed");
  return result.value;
}

// One spike moved by one step: 1 spike of 2 neurons in 10 steps of 0.1 ms = 1 ms → 500 Hz.
const a = recording([population("p", 2, train([[3, 0]]))]);
const b = recording([population("p", 2, train([[4, 0]]))], { source: "emulator" });

describe("reportToJson", () => {
  it("turns typed arrays into arrays and +∞ into null", () => {
    const silent = recording([population("p", 2, train([]))]);
    const json = reportToJson(diff(silent, b)) as any;
    expect(json.populations[0].spikes.rateError).toBeNull();
    expect(json.populations[0].spikes.perNeuron.countB).toEqual([1, 0]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json.format).toBe("tripart.diff/1");
  });
});

describe("renderTable", () => {
  const text = renderTable(diff(a, b));
  const lines = text.split("\n");

  it("has one aligned row per population with the measured values", () => {
    expect(lines[0].split(/\s{2,}/)).toEqual([
      "population", "spikes ref", "spikes emu", "rate ref (Hz)", "rate emu (Hz)", "rate err", "exact", "±1 match",
      "first divergence", "van Rossum", "trace RMSE", "verdict",
    ]);
    // van Rossum: sqrt(2(1 − e^(−0.01))) = 0.14107
    expect(lines[1].split(/\s{2,}/)).toEqual(["p", "1", "1", "500.00", "500.00", "0.0%", "0.0%", "100.0%", "step 3 n0", "0.141", "-", "pass"]);
    expect(lines[1].lastIndexOf("pass")).toBe(lines[0].indexOf("verdict"));
    expect(lines[1].indexOf("500.00") + "500.00".length).toBe(lines[0].indexOf("rate ref (Hz)") + "rate ref (Hz)".length);
  });

  it("lists each criterion with measured value and threshold, then the verdict", () => {
    expect(lines.slice(3)).toEqual([
      "criteria",
      "  pass  p  spikes matched within ±1 steps  100.0% ≥ 95.0%",
      "  pass  p  relative rate error               0.0% ≤ 10.0%",
      "",
      "PASS: 2 of 2 criteria met",
      "",
    ]);
  });

  it("colours through the paint function only", () => {
    const criteria = makeCriteria({ matchWithin: 0 });
    const painted = renderTable(diff(a, b, criteria.ok ? criteria.value : undefined), { paint: (t, style) => `<${style}>${t}</${style}>` });
    expect(painted).toContain("<fail>FAIL</fail>  p  spikes matched within ±0 steps");
    expect(painted).toContain("<fail>FAIL: 1 of 2 criteria not met</fail>");
    expect(painted).toMatch(/<fail>fail<\/fail>\n/);
    expect(painted.split("\n")[0]).toMatch(/^<bold>population/);
  });

  it("shows trace RMSE with its unit and a row for all populations", () => {
    const ra = recording([population("x", 1, train([[1, 0]]), [trace("v", [0], [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0]])]), population("y", 1, train([]))]);
    const rb = recording([population("x", 1, train([[1, 0]]), [trace("v", [0], [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1]])]), population("y", 1, train([]))]);
    const rows = renderTable(diff(ra, rb)).split("\n");
    expect(rows[1]).toContain("v 1 mV");
    expect(rows[3].split(/\s{2,}/).slice(0, 3)).toEqual(["all", "1", "1"]);
  });
});

describe("renderHtml", () => {
  const ra = recording([population("<exc>", 3, train([[1, 0], [5, 2]]), [trace("v", [0, 1, 2], [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]])])]);
  const html = renderHtml(diff(ra, ra), ra, ra);

  it("is one self-contained page: no scripts, links or external assets", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|url\(/i);
    expect(html).toContain("</html>");
  });

  it("escapes names and draws a raster, rate bars and trace overlays", () => {
    expect(html).toContain("&lt;exc&gt;");
    expect(html).not.toContain("<exc>");
    expect(html.match(/aria-label="spike raster of/g)).toHaveLength(1);
    expect(html).toContain('aria-label="mean rates"');
    expect(html.match(/<polyline/g)).toHaveLength(6);           // 3 neurons × 2 sides
  });

  it("plots at most four neurons per trace and thins a huge raster", () => {
    const steps = 2000, size = 300;
    const pairs: [number, number][] = [];
    for (let s = 0; s < steps; s += 2) for (let n = 0; n < size; n += 3) pairs.push([s, n]);   // 100 000 spikes
    const rows = Array.from({ length: 6 }, () => new Array<number>(steps).fill(0));
    const big = recording([population("p", size, train(pairs), [trace("v", [0, 1, 2, 3, 4, 5], rows)])], { steps });
    const page = renderHtml(diff(big, big), big, big);
    expect(page.match(/<polyline/g)).toHaveLength(8);
    const marks = (page.match(/<path d="[^"]*"/g) ?? []).map((path) => (path.match(/M/g) ?? []).length);
    expect(marks).toHaveLength(2);
    for (const count of marks) expect(count).toBeLessThanOrEqual(20_000);
    expect(page).toContain("every 5th neuron");
  });
});

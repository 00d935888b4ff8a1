// The loihi-cuba-board target loads, and the mesh and board rules (TP2180, TP2181) fire with the
// messages docs/diagnostics-target.md quotes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTarget } from "../../src/targets/load.js";

const text = readFileSync(join(import.meta.dirname, "..", "..", "targets", "loihi-cuba-board.json"), "utf8");
const base = JSON.parse(text) as Record<string, unknown> & { chip: Record<string, unknown>; board: Record<string, unknown> };

function findings(change: (t: typeof base) => void) {
  const copy = structuredClone(base);
  change(copy);
  return loadTarget(JSON.stringify(copy)).diagnostics.map(({ code, path, message, hint }) => ({ code, path, message, hint }));
}

describe("loihi-cuba-board target", () => {
  it("loads without findings: 32 chips of 8 × 4 tiles with 4 cores each", () => {
    const result = loadTarget(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.ok && result.value.format === "tripart.target/1" && "board" in result.value ? result.value.board : undefined).toEqual({ chips: 32, columns: 8, rows: 4 });
  });

  it("TP2180: tiles that do not hold the chip's cores", () => {
    expect(findings((t) => (t.chip.mesh = { columns: 8, rows: 4, coresPerTile: 2 }))).toEqual([
      {
        code: "TP2180",
        path: "/chip/mesh",
        message: "chip.mesh has 8 × 4 tiles of 2 cores = 64 cores, but chip.cores is 128.",
        hint: "Make columns · rows · coresPerTile equal chip.cores.",
      },
    ]);
  });

  it("TP2181: a board grid that does not hold its chips", () => {
    expect(findings((t) => (t.board = { chips: 32, columns: 4, rows: 4 }))).toEqual([
      { code: "TP2181", path: "/board", message: "board has 4 × 4 = 16 chip positions, but board.chips is 32.", hint: "Make board.columns · board.rows equal board.chips." },
    ]);
  });

  it("rejects a mesh without coresPerTile in the schema", () => {
    expect(loadTarget(JSON.stringify({ ...base, chip: { cores: 128, mesh: { columns: 8, rows: 4 } } })).ok).toBe(false);
  });
});

// Random damage to a valid target never makes the loader throw: every outcome is a Result whose
// diagnostics carry target codes, a pointer, a position and a one-sentence message.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadTarget } from "../../src/targets/load.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BASE = JSON.parse(readFileSync(join(ROOT, "targets", "loihi-cuba-lava.json"), "utf8"));

/** Every (object, key) place in a JSON tree. */
function places(node: unknown, out: [Record<string, unknown>, string][] = []): [Record<string, unknown>, string][] {
  if (node !== null && typeof node === "object") {
    for (const key of Object.keys(node)) {
      out.push([node as Record<string, unknown>, key]);
      places((node as Record<string, unknown>)[key], out);
    }
  }
  return out;
}

function checkResult(text: string): void {
  const result = loadTarget(text, { file: "random.json" });
  if (result.ok) expect(result.diagnostics.every((d) => d.severity !== "error")).toBe(true);
  else expect(result.diagnostics.some((d) => d.severity === "error")).toBe(true);
  for (const d of result.diagnostics) {
    expect(d.code).toMatch(/^TP(11|21)\d\d$/);
    expect(typeof d.path).toBe("string");
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.message.trim().endsWith(".")).toBe(true);
  }
}

describe("loadTarget on damaged input", () => {
  it("never throws when fields are replaced, removed or added", () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom("replace", "delete", "add"), fc.jsonValue({ maxDepth: 2 }), (index, action, value) => {
        const target = structuredClone(BASE);
        const all = places(target);
        const [holder, key] = all[index % all.length];
        if (action === "replace") holder[key] = value;
        else if (action === "delete") delete holder[key];
        else holder[`${key}_extra`] = value;
        checkResult(JSON.stringify(target, null, 2));
      }),
      { numRuns: 400, seed: 1101 },
    );
  });

  it("never throws on truncated text", () => {
    const text = JSON.stringify(BASE, null, 2);
    fc.assert(
      fc.property(fc.nat({ max: text.length }), (cut) => checkResult(text.slice(0, cut))),
      { numRuns: 200, seed: 2101 },
    );
  });
});

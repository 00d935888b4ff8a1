// Random bad input never makes the loader throw: it returns a network or diagnostics whose codes
// come from the network catalogue, each placed in the file. A loaded network, written back as
// JSON, loads again to the same value.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadNetwork } from "../../src/ir/load.js";
import { NETWORK_CODES } from "../../src/ir/codes/network.js";
import { pointerKeys } from "../../src/ir/pointer.js";
import type { Diagnostic, Result } from "../../src/ir/diagnostics.js";
import type { Checked } from "../../src/ir/types.js";

const FIXTURES = ["single-lif", "ei-poisson", "all-forms"].map((name) =>
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), "fixtures", `${name}.network.json`), "utf8"),
);
const SEED = 20_260_417; // fixed: a failure reproduces everywhere
const RUNS = 300;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Whether the parent of `path` exists in `document` (a missing field is placed at its parent). */
function parentExists(document: unknown, path: string): boolean {
  let node: unknown = document;
  for (const key of pointerKeys(path).slice(0, -1)) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

/** What every result of loadNetwork must satisfy, whatever the input. */
function checkResult(result: Result<Checked>, text: string): void {
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(result.ok).toBe(errors.length === 0);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    parsed = undefined;
  }
  for (const d of result.diagnostics as Diagnostic[]) {
    expect(Object.keys(NETWORK_CODES)).toContain(d.code);
    expect(d.severity).toBe(NETWORK_CODES[d.code as keyof typeof NETWORK_CODES].severity);
    expect(d.file).toBe("fuzz.json");
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.message).toMatch(/\.$/);
    // an unfilled template placeholder looks like {name}; the same text may legitimately come from the input
    for (const [placeholder] of d.message.matchAll(/\{\w+\}/g)) expect(text).toContain(placeholder);
    if (d.code !== "TP1001" && parsed !== undefined) expect(parentExists(parsed, d.path), d.path).toBe(true);
  }
  if (result.ok) {
    // The checked network is itself a valid network file, and loading it again changes nothing.
    const again = loadNetwork(JSON.stringify(result.value));
    expect(again.ok).toBe(true);
    expect(again.value).toEqual(result.value);
  }
}

const load = (text: string): void => checkResult(loadNetwork(text, { file: "fuzz.json" }), text);

/** Every path to a value in `document`, the root excluded. */
function paths(document: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof document !== "object" || document === null) return [];
  const entries: [string | number, Json][] = Array.isArray(document) ? document.map((v, i) => [i, v]) : Object.entries(document);
  return entries.flatMap(([key, value]) => [[...prefix, key], ...paths(value, [...prefix, key])]);
}

type Mutation = { kind: "set"; value: Json } | { kind: "delete" } | { kind: "add"; key: string; value: Json } | { kind: "number"; value: number };

/** Applies a mutation at the `pick`-th path of a copy of `document`. */
function mutate(document: Json, pick: number, mutation: Mutation): Json {
  const copy = structuredClone(document);
  const all = paths(copy);
  if (all.length === 0) return copy;
  const path = all[pick % all.length];
  let parent: any = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  const last = path[path.length - 1];
  switch (mutation.kind) {
    case "set":
      parent[last] = mutation.value;
      break;
    case "number":
      parent[last] = mutation.value;
      break;
    case "delete":
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
      break;
    case "add":
      if (typeof parent[last] === "object" && parent[last] !== null && !Array.isArray(parent[last])) parent[last][mutation.key] = mutation.value;
      else parent[last] = mutation.value;
      break;
  }
  return copy;
}

const smallJson: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>;
const interestingNumber = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 1e-12, 1e308, -1e308, 4095, 4096, 4294967295, 4294967296, 2 ** 53),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -10, max: 10_000 }),
);
const interestingKey = fc.oneof(fc.constantFrom("kind", "rule", "values", "uniform", "normal", "__proto__", "$comment", "a/b~c", ""), fc.string());
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  smallJson.map((value) => ({ kind: "set" as const, value })),
  fc.constant({ kind: "delete" as const }),
  fc.tuple(interestingKey, smallJson).map(([key, value]) => ({ kind: "add" as const, key, value })),
  interestingNumber.map((value) => ({ kind: "number" as const, value })),
);

describe("the loader never throws", () => {
  it("on mutations of valid networks", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURES), fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 4 }), (text, steps) => {
        let document = JSON.parse(text) as Json;
        for (const [pick, step] of steps) document = mutate(document, pick, step);
        const mutated = JSON.stringify(document, null, 2) ?? "";
        load(mutated);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("on any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => load(JSON.stringify(value) ?? "")),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => load(text)),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("on valid networks cut short or with a character changed", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURES), fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (text, at, character) => {
        const position = at % text.length;
        load(text.slice(0, position));
        load(text.slice(0, position) + character + text.slice(position + 1));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

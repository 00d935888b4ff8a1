// docs/ir.md and docs/diagnostics-network.md cannot drift from the schema, the loader and the
// catalogue: their examples are loaded and their quoted messages compared with the real ones.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadNetwork, loadNetworkFile } from "../../src/ir/load.js";
import { NETWORK_CODES } from "../../src/ir/codes/network.js";
import { NETWORK_SCHEMA } from "../../src/ir/schema.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const irDoc = readFileSync(join(ROOT, "docs/ir.md"), "utf8");
const codesDoc = readFileSync(join(ROOT, "docs/diagnostics-network.md"), "utf8");

describe("docs/ir.md", () => {
  const networks = [...irDoc.matchAll(/```json\n(\{\n  "format"[\s\S]*?)```/g)].map((m) => m[1]);

  it("has a complete example network, and it loads without any diagnostic", () => {
    expect(networks.length).toBeGreaterThanOrEqual(1);
    for (const text of networks) expect(loadNetwork(text).diagnostics).toEqual([]);
  });

  it("describes every field of the schema", () => {
    const fields = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (typeof node === "object" && node !== null) {
        for (const [key, value] of Object.entries(node)) {
          if (key === "properties") Object.keys(value as object).forEach((field) => fields.add(field));
          walk(value);
        }
      }
    };
    walk(NETWORK_SCHEMA);
    const undocumented = [...fields].filter((field) => !irDoc.includes(`\`${field}\``));
    expect(undocumented).toEqual([]);
  });
});

describe("docs/diagnostics-network.md", () => {
  const sections = new Map(
    codesDoc
      .split(/^### /m)
      .slice(1)
      .map((section) => [section.slice(0, 6), section] as const),
  );

  it("has one section per code, with the catalogue's severity", () => {
    expect([...sections.keys()].sort()).toEqual(Object.keys(NETWORK_CODES).sort());
    for (const [code, section] of sections) {
      const severity = /^TP\d{4} · (\w+) ·/.exec(section)?.[1];
      expect(severity, code).toBe(NETWORK_CODES[code as keyof typeof NETWORK_CODES].severity);
    }
  });

  it.each(Object.keys(NETWORK_CODES))("%s: the quoted message and hint are the ones the loader produces", async (code) => {
    const section = sections.get(code)!;
    const message = /^> (?!hint: )(.+)$/m.exec(section)?.[1];
    const hint = /^> hint: (.+)$/m.exec(section)?.[1];
    const caseFile = /\(\.\.\/test\/diagnostics\/cases\/(bad-[\w-]+\.network\.json)\)/.exec(section)?.[1];
    const filePath = /`loadNetworkFile\("([^"]+)"\)`/.exec(section)?.[1];
    if (code === "TP1002") {
      expect(caseFile).toBeUndefined(); // the mapper's fallback: tested in schema.test.ts, no file reaches it
      return;
    }
    expect(message, `${code} quotes a message`).toBeDefined();
    let diagnostics;
    if (caseFile !== undefined) {
      diagnostics = loadNetwork(readFileSync(join(ROOT, "test/diagnostics/cases", caseFile), "utf8")).diagnostics;
    } else {
      expect(filePath, `${code} links a case or names a file`).toBeDefined();
      diagnostics = (await loadNetworkFile(filePath!)).diagnostics;
    }
    const produced = diagnostics.filter((d) => d.code === code);
    expect(produced.map((d) => d.message)).toContain(message);
    const match = produced.find((d) => d.message === message)!;
    expect(match.hint).toBe(hint);
  });
});

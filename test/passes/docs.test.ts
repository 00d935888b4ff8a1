// docs/passes.md, docs/hwconfig.md and docs/diagnostics-passes.md cannot drift from the code:
// their tables, examples and quoted messages are compared with what the library produces.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PASS_CODES } from "../../src/ir/codes/passes.js";
import { CONFIG_CODES } from "../../src/ir/codes/config.js";
import { PASSES } from "../../src/passes/pipeline.js";
import { PARTITION_RULES, ROUTE_RULES } from "../../src/passes/fit-rules.js";
import { loadNetwork } from "../../src/ir/load.js";
import { elaborate } from "../../src/ir/elaborate.js";
import { formatConfigJson, fromConfigJson } from "../../src/hw/config-json.js";
import { hwConfigType } from "../../src/hw/codec.js";
import type protobuf from "protobufjs";
import { EXAMPLES } from "./examples.js";
import { loihi, mustCompile, REPO } from "./helpers.js";

const read = (file: string) => readFileSync(join(REPO, file), "utf8");
const blocks = (text: string, lang: string) => [...text.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
const CODES: Readonly<Record<string, { severity: string }>> = { ...PASS_CODES, ...CONFIG_CODES };

describe("docs/diagnostics-passes.md", () => {
  const sections = new Map(
    read("docs/diagnostics-passes.md")
      .split(/^### /m)
      .slice(1)
      .map((section) => [section.slice(0, 6), section] as const),
  );

  it("has one section per TP30xx and TP40xx code, with the catalogue's severity, and one scenario per code", () => {
    expect([...sections.keys()].sort()).toEqual(Object.keys(CODES).sort());
    expect(Object.keys(EXAMPLES).sort()).toEqual(Object.keys(CODES).sort());
    for (const [code, section] of sections) expect(/^TP\d{4} · (\w+) ·/.exec(section)?.[1], code).toBe(CODES[code].severity);
  });

  it.each(Object.keys(CODES))("%s: the quoted path, message and hint are what its scenario produces", (code) => {
    const section = sections.get(code)!;
    const message = /^> (?!hint: )(.+)$/m.exec(section)?.[1];
    const hint = /^> hint: (.+)$/m.exec(section)?.[1];
    const path = /^Path: `(.*)`$/m.exec(section)?.[1];
    const produced = EXAMPLES[code]().filter((d) => d.code === code);
    const match = produced.find((d) => d.message === message);
    expect(match, `${code}: ${produced.map((d) => d.message).join(" | ")}`).toBeDefined();
    expect(match!.hint).toBe(hint);
    expect(match!.path === "" ? "(empty: the whole input)" : match!.path).toBe(path);
    expect(match!.message).toMatch(/^[A-Z'].*[.]$/);
    expect(`${match!.message} ${match!.hint ?? ""}`).not.toMatch(/\{\w+\}/);
  });
});

describe("docs/passes.md", () => {
  const doc = read("docs/passes.md");

  it("lists every pass in order with its summary", () => {
    const rows = [...doc.matchAll(/^\| `([\w-]+)` \| (.+) \|$/gm)].map((m) => ({ name: m[1], summary: m[2] }));
    expect(rows).toEqual(PASSES.map(({ name, summary }) => ({ name, summary })));
    for (const { name } of PASSES) expect(doc).toContain(`\n## ${name}\n`);
  });

  it("names every fit rule", () => {
    for (const rule of [...PARTITION_RULES, ...ROUTE_RULES]) expect(doc, rule.name).toContain(`\`${rule.name}\``);
  });
});

describe("docs/hwconfig.md", () => {
  const doc = read("docs/hwconfig.md");
  const [network, twin] = blocks(doc, "json");

  it("shows the exact config.json of its example network", () => {
    const loaded = loadNetwork(network);
    expect(loaded.diagnostics).toEqual([]);
    const config = mustCompile(elaborate(loaded.value!), loihi());
    expect(formatConfigJson(config)).toBe(twin);
    expect(fromConfigJson(JSON.parse(twin)).value).toEqual(config);
  });

  it("documents every field of schemas/hwconfig.proto", () => {
    const fields = new Set<string>();
    const walk = (type: protobuf.Type) => {
      for (const field of type.fieldsArray) {
        fields.add(field.name);
        field.resolve();
        if (field.resolvedType !== null && "fieldsArray" in field.resolvedType) walk(field.resolvedType as protobuf.Type);
      }
    };
    walk(hwConfigType());
    const undocumented = [...fields].filter((field) => !doc.includes(`\`${field}\``));
    expect(undocumented).toEqual([]);
  });
});

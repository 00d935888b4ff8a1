// The glia-era sections of docs/diagnostics-passes.md cannot drift: each quoted path, message
// and hint is what its scenario (examples.ts) produces, and every new code has a scenario.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PASS_CODES } from "../../../src/ir/codes/passes.js";
import { CONFIG_CODES } from "../../../src/ir/codes/config.js";
import { REPO } from "../helpers.js";
import { GLIA_EXAMPLES } from "./examples.js";

const CODES: Readonly<Record<string, { severity: string }>> = { ...PASS_CODES, ...CONFIG_CODES };
// Codes from TP3080 and TP4023 on belong to learning and crossbars, with scenarios of their own in test/passes/docs.test.ts.
const isGliaEra = (code: string) => (code >= "TP3030" && code <= "TP3079") || (code >= "TP4014" && code <= "TP4022");

describe("docs/diagnostics-passes.md, glia-era codes", () => {
  const sections = new Map(
    readFileSync(join(REPO, "docs/diagnostics-passes.md"), "utf8")
      .split(/^### /m)
      .slice(1)
      .map((section) => [section.slice(0, 6), section] as const),
  );

  it("has a scenario and a section for every code of TP3030-TP3079 and TP4014-TP4022", () => {
    const codes = Object.keys(CODES).filter(isGliaEra).sort();
    expect(Object.keys(GLIA_EXAMPLES).sort()).toEqual(codes);
    for (const code of codes) expect(/^TP\d{4} · (\w+) ·/.exec(sections.get(code) ?? "")?.[1], code).toBe(CODES[code].severity);
  });

  it.each(Object.keys(GLIA_EXAMPLES))("%s: the quoted path, message and hint are what its scenario produces", (code) => {
    const section = sections.get(code)!;
    const message = /^> (?!hint: )(.+)$/m.exec(section)?.[1];
    const hint = /^> hint: (.+)$/m.exec(section)?.[1];
    const path = /^Path: `(.*)`$/m.exec(section)?.[1];
    const produced = GLIA_EXAMPLES[code]().filter((d) => d.code === code);
    const match = produced.find((d) => d.message === message);
    expect(match, `${code}: ${produced.map((d) => d.message).join(" | ")}`).toBeDefined();
    expect(match!.hint).toBe(hint);
    expect(match!.path === "" ? "(empty: the whole input)" : match!.path).toBe(path);
    expect(`${match!.message} ${match!.hint ?? ""}`).not.toMatch(/\{\w+\}/);
  });
});

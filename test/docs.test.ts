// Every diagnostic code has a documented section with an example, and every doc link resolves.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DIAGNOSTICS } from "../src/ir/codes.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const docs = readdirSync(join(ROOT, "docs")).filter((name) => name.endsWith(".md"));
const diagnosticPages = docs.filter((name) => name.startsWith("diagnostics-")).map((name) => readFileSync(join(ROOT, "docs", name), "utf8"));

describe("docs/diagnostics*.md", () => {
  it.each(Object.keys(DIAGNOSTICS))("%s has a section heading", (code) => {
    const heading = new RegExp(`^#{2,4} ${code}\\b`, "m");
    expect(diagnosticPages.some((page) => heading.test(page))).toBe(true);
  });

  it("the index links every area page", () => {
    const index = readFileSync(join(ROOT, "docs", "diagnostics.md"), "utf8");
    for (const name of docs.filter((n) => n.startsWith("diagnostics-"))) expect(index).toContain(`(${name})`);
  });
});

describe("relative links in README.md and docs/", () => {
  const pages = [join(ROOT, "README.md"), ...docs.map((name) => join(ROOT, "docs", name))];
  it.each(pages.map((page) => [page.slice(ROOT.length + 1), page]))("%s links only to files that exist", (_name, page) => {
    const text = readFileSync(page, "utf8");
    for (const match of text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
      const target = match[1];
      if (/^[a-z]+:/.test(target)) continue;
      expect(existsSync(resolve(dirname(page), target)), `${page} → ${target}`).toBe(true);
    }
  });
});

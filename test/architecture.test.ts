// The library stays a library, and each layer imports only layers to its left.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const LAYERS = ["util", "ir", "targets", "models", "hw", "reference|passes|emulator", "diff|energy", "experiment", "index.ts", "cli"];
const layerOf = (file: string): number => {
  const top = relative("src", file).split("/")[0];
  return LAYERS.findIndex((layer) => layer.split("|").includes(top));
};

const LIBRARY_MUST_NOT = [/from "chalk"/, /from "commander"/, /\bconsole\./, /\bprocess\.(exit|env)\b/, /\bMath\.random\b/];

const files = sourceFiles("src");

describe.each(files.filter((file) => !file.startsWith("src/cli/")))("%s", (file) => {
  it("stays a library", () => {
    const text = readFileSync(join(ROOT, file), "utf8");
    for (const pattern of LIBRARY_MUST_NOT) expect(text).not.toMatch(pattern);
  });
});

describe.each(files)("%s", (file) => {
  it("imports only layers to its left (or its own)", () => {
    const text = readFileSync(join(ROOT, file), "utf8");
    const own = layerOf(file);
    expect(own, `${file} is in no known layer`).toBeGreaterThanOrEqual(0);
    const ownTop = relative("src", file).split("/")[0];
    for (const match of text.matchAll(/from "(\.{1,2}\/[^"]+)"/g)) {
      const imported = relative(ROOT, resolve(ROOT, dirname(file), match[1])).replace(/\.js$/, ".ts");
      const importedTop = relative("src", imported).split("/")[0];
      const layer = layerOf(imported);
      const sameLayerSibling = LAYERS[own].includes("|") && importedTop !== ownTop && layer === own;
      expect(sameLayerSibling, `${file} imports its sibling layer ${imported}`).toBe(false);
      expect(layer, `${file} imports ${imported}, a layer to its right`).toBeLessThanOrEqual(own);
    }
  });
});

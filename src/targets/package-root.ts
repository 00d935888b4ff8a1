/**
 * Finds the installed package's root folder (the one holding Tripart's package.json), so that
 * bundled data (targets/, schemas/) is found both from src/ under vitest and from dist/ after
 * the build. Reads the file system once and caches the answer; never reads the environment.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { InternalError } from "../util/assert.js";

let cached: string | undefined;

/** The absolute path of the folder that holds Tripart's package.json. */
export function packageRoot(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && isTripartManifest(manifest)) {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new InternalError(`no Tripart package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

function isTripartManifest(path: string): boolean {
  try {
    return (JSON.parse(readFileSync(path, "utf8")) as { name?: unknown }).name === "tripart";
  } catch {
    return false;
  }
}

// 53 cases from an independent implementation of the golden-vector README (see
// test/golden/independent/README.md): both interpreters must replay every one bit for bit.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../../scripts/golden.js";

const FOLDER = join(dirname(fileURLToPath(import.meta.url)), "independent", "cases");

describe.each([[[]], [["--scalar"]]])("independent golden cases %j", (flags) => {
  it("all 53 pass", async () => {
    const out: string[] = [];
    const code = await main([...flags, FOLDER], { out: (line) => out.push(line), err: () => {} });
    expect(out.filter((line) => line.startsWith("FAIL"))).toEqual([]);
    expect(out.at(-1)).toBe("53 passed, 0 failed");
    expect(code).toBe(0);
  });
});

// Golden vectors of Brian2Loihi and Lava's bit-accurate LIF (the loihi-golden-sample folder next
// to the repository): every case must replay bit for bit, through `npm run golden`'s main(),
// with both the fast emulator and the scalar interpreter. Also: the replay must be able to fail.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { isGoldenCase, loadGoldenCase, replayGoldenCase, replayGoldenFolder } from "../../src/emulator/golden.js";
import { main } from "../../scripts/golden.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FOLDER = resolve(REPO, "..", "shared", "peers", "loihi-golden-sample");

function requireFolder(): void {
  if (!existsSync(FOLDER)) {
    throw new Error(`The golden-vector folder ${FOLDER} is missing; it must sit at ../shared/peers/loihi-golden-sample relative to the repository.`);
  }
}

async function runMain(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const readCase = (name: string): Record<string, any> => JSON.parse(readFileSync(join(FOLDER, name), "utf8"));

const scratch = mkdtempSync(join(tmpdir(), "tripart-golden-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("loihi-golden-sample", () => {
  it("replays every case of the folder bit for bit (npm run golden)", async () => {
    requireFolder();
    const cases = readdirSync(FOLDER).filter((f) => f.endsWith(".json") && isGoldenCase(JSON.parse(readFileSync(join(FOLDER, f), "utf8"))));
    expect(cases.length).toBeGreaterThanOrEqual(4);
    const { code, out } = await runMain([FOLDER]);
    expect(out.filter((line) => line.startsWith("FAIL"))).toEqual([]);
    expect(out.filter((line) => line.startsWith("PASS"))).toHaveLength(cases.length);
    expect(out.at(-1)).toBe(`${cases.length} passed, 0 failed`);
    expect(code).toBe(0);
  });

  it("replays every case with the scalar interpreter too", async () => {
    requireFolder();
    const { code, out } = await runMain([FOLDER, "--scalar"]);
    expect(out.at(-1)).toMatch(/^\d+ passed, 0 failed$/);
    expect(code).toBe(0);
  });

  it("picks the target variant from the case's source", async () => {
    requireFolder();
    const replay = await replayGoldenFolder(FOLDER);
    if (!replay.ok) throw new Error(replay.reason);
    for (const file of replay.files) {
      if (file.kind !== "case") continue;
      expect(file.outcome.target).toBe(file.outcome.id.startsWith("b2l") ? "loihi-cuba-b2l" : "loihi-cuba-lava");
    }
  });

  it("reproduces the effective weights the Brian2Loihi case lists", () => {
    requireFolder();
    const loaded = loadGoldenCase(readCase("b2l_syn_01.json"));
    if (!loaded.ok) throw new Error(loaded.reason);
    expect(loaded.value.buildMismatches).toEqual([]);
    expect(loaded.value.config.cores[0].compartments.refractory).toEqual(Int32Array.from([1])); // refractory 2 holds 1 step
  });

  it("reports the first mismatch: step, neuron, variable, expected, got", () => {
    requireFolder();
    const json = readCase("b2l_syn_01.json");
    json.expected.v[0][50] += 1;
    const loaded = loadGoldenCase(json);
    if (!loaded.ok) throw new Error(loaded.reason);
    const outcome = replayGoldenCase(loaded.value);
    expect(outcome.passed).toBe(false);
    expect(outcome.mismatch).toEqual({ step: 50, neuron: 0, variable: "v", expected: -3013, got: -3014 });
  });

  it("reports a spike that the case lists but the emulator does not fire", () => {
    requireFolder();
    const json = readCase("lava_bias_01.json");
    json.expected.spikes = [[10, 0], ...json.expected.spikes];
    const loaded = loadGoldenCase(json);
    if (!loaded.ok) throw new Error(loaded.reason);
    expect(replayGoldenCase(loaded.value).mismatch).toEqual({ step: 10, neuron: 0, variable: "spike", expected: 1, got: 0 });
  });

  it("fails a Lava case replayed under the Brian2Loihi conventions", () => {
    requireFolder();
    const json = readCase("lava_wrap_u.json");
    json.source = "brian2_loihi";
    delete json.neuron.du_eff; // otherwise the load itself refuses: du_eff contradicts offset 0
    json.neuron.refractory = 1;
    const loaded = loadGoldenCase(json);
    if (!loaded.ok) throw new Error(loaded.reason);
    // step 0: both decay-free; step 1: Lava decays 32704 by 4095/4096 → 32696 + 32704 = 65400, Brian2Loihi keeps it: 65408
    expect(replayGoldenCase(loaded.value).mismatch).toEqual({ step: 1, neuron: 0, variable: "u", expected: 65400, got: 65408 });
  });

  it("exits 1 with a FAIL line when a case fails, skipping files that are not cases", async () => {
    requireFolder();
    const folder = join(scratch, "one-bad");
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    const json = readCase("b2l_bias_01.json");
    json.expected.u[0][3] = 101;
    writeFileSync(join(folder, "b2l_bias_01.json"), JSON.stringify(json));
    writeFileSync(join(folder, "lava_bias_01.json"), JSON.stringify(readCase("lava_bias_01.json")));
    writeFileSync(join(folder, "weight_table.json"), JSON.stringify({ tables: [] }));
    const { code, out, err } = await runMain([folder]);
    expect(out).toEqual([
      "FAIL b2l_bias_01 (loihi-cuba-b2l): step 3, neuron 0, u: expected 101, got 100",
      "PASS lava_bias_01 (loihi-cuba-lava)",
      "1 passed, 1 failed",
    ]);
    expect(err).toEqual(["SKIP weight_table.json: not a golden case"]);
    expect(code).toBe(1);
  });

  it("exits 2 when the folder cannot be read", async () => {
    const { code, err } = await runMain([join(scratch, "does-not-exist")]);
    expect(code).toBe(2);
    expect(err[0]).toMatch(/cannot read folder/);
  });
});

describe("Lava activation mapping", () => {
  it("turns activations (also beyond 2^15) into input-line weights that sum to a·64", () => {
    // du = 4095 with offset 1: d_eff = 4096, u holds only this step's input: u = a·64.
    // dv = 4095: v[0] = 64000; v[1] = trunc(64000/4096) = 15, plus u = -2560000 → -2559985;
    // v[2] = trunc(-2559985/4096) = trunc(-624.99…) = -624, plus 511·64 = 32704 → 32080.
    const json = {
      id: "synthetic_activation",
      source: "lava_PyLifModelBitAcc",
      steps: 3,
      neuron: { n: 1, du: 4095, dv: 4095, vth_mant: 131071, bias_mant: [0], bias_exp: [0], refractory: null },
      initial: { u: [0], v: [0] },
      activation_in: [[0, 0, 1000], [1, 0, -40000], [2, 0, 511]],
      expected: { u: [[64000, -2560000, 32704]], v: [[64000, -2559985, 32080]], spikes: [] },
    };
    const loaded = loadGoldenCase(json);
    if (!loaded.ok) throw new Error(loaded.reason);
    expect(replayGoldenCase(loaded.value)).toEqual({ id: "synthetic_activation", target: "loihi-cuba-lava", passed: true });
  });

  it("refuses a case whose source has no target variant", () => {
    const loaded = loadGoldenCase({ id: "x", source: "nest", steps: 1, neuron: { n: 1 }, expected: { u: [[0]], v: [[0]], spikes: [] } });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.reason).toMatch(/source 'nest' has no target variant/);
  });
});

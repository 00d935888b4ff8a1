// `tripart experiment`: the bundled navigation experiment's quick setting end to end (summary,
// headline ratio, experiment-result.json, report.html), and its error paths.
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { codesIn, expectNoStackTrace, REPO, tripart, useTempDir } from "./helpers.js";

const temp = useTempDir();
const EXPERIMENT = join(REPO, "examples", "snan-navigation");

describe("tripart experiment", () => {
  it("runs the quick setting, prints every agent's figures and writes the results and the report; --jobs 2 writes the same", async () => {
    const out = temp.file("out");
    // worker threads (the compiled binary; from the sources the default is one thread): the same bytes.
    // The --jobs 2 run is a separate process started first, so it runs on the other core while the
    // in-process run below computes the same results on this thread (the two used to run one after the other).
    const worker = join(REPO, "dist", "src", "experiment", "world-worker.js");
    if (!existsSync(worker)) throw new Error(`${worker} is missing: build first (npm test runs \`tsc -p tsconfig.json\` before vitest).`);
    const parallel = temp.file("parallel");
    const parallelRun = runBinary(temp.path, temp.file("parallel.log"), ["experiment", EXPERIMENT, "--quick", "--jobs", "2", "-q", "-o", parallel], 170_000);
    const run = await tripart(temp.path, "experiment", EXPERIMENT, "--quick", "-o", out);
    expect(run.code, run.err).toBe(0);
    for (const agent of ["snan ", "snan-no-astrocytes ", "snan-no-astrocytes-lif", "dual-memory ", "dual-memory-current-suppression", "dual-memory-no-suppression", "random-walk"]) {
      expect(run.out).toContain(agent);
    }
    expect(run.out).toMatch(/median path, snan \/ snan-no-astrocytes on 5×5 \(reference\): \d\.\d\d \[\d\.\d\d, \d\.\d\d\]/);
    expect(run.out).toMatch(/snan +5×5 +glia-core +median path +\d+(\.\d)? → \d+(\.\d)? +[+-]\d+\.\d % \[[+-]\d+\.\d %, [+-]\d+\.\d %\] +too few worlds/); // the quick setting has 2 worlds
    expect(run.out).toMatch(/energy per decision, snan 5×5 on glia-core: \d+(\.\d+)? [µnm]J/);
    expect(run.out).toMatch(/astroDecaySteps +2 +5×5/);
    const result = JSON.parse(readFileSync(join(out, "experiment-result.json"), "utf8"));
    expect(result.format).toBe("tripart.experiment-result/1");
    // 4 host agents; snan and snan-no-astrocytes on the reference and glia-core; the LIF agent on the reference, loihi-cuba and the crossbar
    expect(result.conditions).toHaveLength(4 + 2 * 2 + 3);
    for (const condition of result.conditions) expect(condition.steps).toHaveLength(2 * 4); // 2 worlds × 4 episodes
    expect(result.agreement.map((a: { agent: string; target: string }) => `${a.agent} ${a.target}`)).toEqual([
      "snan glia-core",
      "snan-no-astrocytes glia-core",
      "snan-no-astrocytes-lif loihi-cuba",
      "snan-no-astrocytes-lif memristor-crossbar",
    ]);
    for (const e of result.energy) expect(e.energyPerDecision).toBeCloseTo(e.energy / e.decisions, 15);
    // the quick values of the bundled spec: astroDecaySteps 2 only
    expect(result.ablation.map((a: { parameter: string; value: number }) => `${a.parameter} ${a.value}`)).toEqual(["astroDecaySteps 2"]);
    const html = readFileSync(join(out, "report.html"), "utf8");
    for (const label of ["completion curves", "spike raster", "calcium at step", "ablation median path against astroDecaySteps"]) expect(html).toContain(`aria-label="${label}`);
    expectNoStackTrace(run);
    const spawned = await parallelRun;
    expect(spawned.status, spawned.output).toBe(0);
    expect(readFileSync(join(parallel, "experiment-result.json"), "utf8")).toBe(readFileSync(join(out, "experiment-result.json"), "utf8"));
  }, 180_000);

  it("refuses a --jobs that is not a positive whole number with TP1305 naming the option", async () => {
    for (const value of ["0", "-2", "1.5", "many"]) {
      const run = await tripart(temp.path, "experiment", EXPERIMENT, "--quick", "--jobs", value, "-o", temp.file(`jobs-${value}`));
      expect(run.code).toBe(2);
      expect(codesIn(run.err)).toEqual(["TP1305"]);
      expect(run.err).toContain("Option --jobs is");
      expect(existsSync(temp.file(`jobs-${value}`))).toBe(false);
      expectNoStackTrace(run);
    }
  });

  it("refuses a bad spec with TP1330, a missing one with TP1301, and keeps existing results without --force", async () => {
    const bad = temp.file("bad.json");
    writeFileSync(bad, JSON.stringify({ ...JSON.parse(readFileSync(join(EXPERIMENT, "experiment.json"), "utf8")), mode: "global" }));
    const refused = await tripart(temp.path, "experiment", bad, "-o", temp.file("o1"));
    expect(refused.code).toBe(2);
    expect(codesIn(refused.err)).toEqual(["TP1330"]);
    expect(refused.err).toContain("/mode");
    expect(existsSync(temp.file("o1"))).toBe(false);
    const missing = await tripart(temp.path, "experiment", temp.file("nowhere.json"), "-o", temp.file("o2"));
    expect(codesIn(missing.err)).toEqual(["TP1301"]);
    const out = temp.file("o3");
    writeFileSync(temp.file("placeholder"), "");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(out);
    writeFileSync(join(out, "report.html"), "mine");
    const kept = await tripart(temp.path, "experiment", EXPERIMENT, "--quick", "-o", out);
    expect(codesIn(kept.err)).toEqual(["TP1302"]);
    expect(readFileSync(join(out, "report.html"), "utf8")).toBe("mine");
    for (const run of [refused, missing, kept]) expectNoStackTrace(run);
  });
});

describe("tripart experiment-merge", () => {
  // host agents only, so that the three runs take milliseconds; the pooling itself is tested with spiking agents in test/experiment/merge.test.ts
  const spec = (worlds: number, firstWorld?: number) => ({
    name: "split", kind: "field", mode: "cell", budgetPerCell: 2, agents: ["dual-memory", "random-walk"], seed: 5,
    scale: { sizes: [5, 6], worlds, episodes: 3, ...(firstWorld !== undefined && { firstWorld }) }, quick: { sizes: [5], worlds: 1, episodes: 1 },
  });
  const runPart = async (name: string, worlds: number, firstWorld?: number, ...flags: string[]): Promise<string> => {
    const file = temp.file(`${name}.json`);
    writeFileSync(file, JSON.stringify(spec(worlds, firstWorld)));
    const run = await tripart(temp.path, "experiment", file, "-q", "-o", temp.file(name), ...flags);
    expect(run.code, run.err).toBe(0);
    return join(temp.file(name), "experiment-result.json");
  };

  it("pools the parts of a split run into the single run's result, and names each problem", async () => {
    // the second part from the spec file (firstWorld 2), the third from the whole run's spec with --first-world and --worlds
    const [whole, first, second, third] = [await runPart("whole", 5), await runPart("first", 2), await runPart("second", 1, 2), await runPart("third", 5, undefined, "--first-world", "3", "--worlds", "2")];
    const partial = temp.file("partial");
    const twoParts = await tripart(temp.path, "experiment-merge", second, third, "-o", partial);
    expect(twoParts.code, twoParts.err).toBe(0);
    const rest = join(partial, "experiment-result.json");
    const out = temp.file("pooled");
    const merged = await tripart(temp.path, "experiment-merge", rest, first, "-o", out);
    expect(merged.code, merged.err).toBe(0);
    expect(merged.out).toContain(`pooled ${first} (worlds 0–1), ${rest} (worlds 2–4)`);
    expect(merged.out).toMatch(/dual-memory +host +6×6 +15 /);
    const [pooled, single] = [join(out, "experiment-result.json"), whole].map((f) => JSON.parse(readFileSync(f, "utf8")));
    expect(pooled.conditions).toEqual(single.conditions);
    expect(pooled.parts).toEqual([{ file: first, firstWorld: 0, worlds: 2 }, { file: rest, firstWorld: 2, worlds: 3 }]);
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("5 fields per size");

    const overlap = await tripart(temp.path, "experiment-merge", first, whole, "-o", temp.file("o1"));
    expect(overlap.code).toBe(2);
    expect(codesIn(overlap.err)).toEqual(["TP1332"]);
    expect(overlap.err).toContain("both play worlds 0–1");
    const notResult = await tripart(temp.path, "experiment-merge", first, temp.file("second.json"), temp.file("nowhere.json"), "-o", temp.file("o2"));
    expect(codesIn(notResult.err)).toEqual(["TP1331", "TP1301"]);
    expect(notResult.err).toContain("/format is missing");
    const before = readFileSync(join(out, "experiment-result.json"), "utf8");
    const kept = await tripart(temp.path, "experiment-merge", first, rest, "-o", out);
    expect(codesIn(kept.err)).toEqual(["TP1302", "TP1302"]); // the result and the report, both kept
    expect(readFileSync(join(out, "experiment-result.json"), "utf8")).toBe(before);
    for (const run of [merged, overlap, notResult, kept]) expectNoStackTrace(run);
    expect(existsSync(temp.file("o1")) || existsSync(temp.file("o2"))).toBe(false);
  }, 60_000);

  it("refuses a --first-world or --worlds that is not a whole number in range with TP1305", async () => {
    for (const [option, value] of [["--first-world", "-1"], ["--first-world", "2.5"], ["--worlds", "0"], ["--worlds", "100001"]]) {
      const run = await tripart(temp.path, "experiment", EXPERIMENT, "--quick", option, value, "-o", temp.file(`bad${option}${value}`));
      expect(run.code).toBe(2);
      expect(codesIn(run.err)).toEqual(["TP1305"]);
      expect(run.err).toContain(`Option ${option} is ${value}`);
      expectNoStackTrace(run);
    }
  });
});

/**
 * `node bin/tripart.js ...args` in `cwd` as a child process that runs while this thread works;
 * stdout and stderr go to `log` (not a pipe, which nobody drains while this thread computes).
 * Resolves with the exit status (null when killed after `timeout` ms) and the log.
 */
function runBinary(cwd: string, log: string, args: readonly string[], timeout: number): Promise<{ status: number | null; output: string }> {
  const fd = openSync(log, "w");
  const child = spawn(process.execPath, [join(REPO, "bin", "tripart.js"), ...args], { cwd, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  const timer = setTimeout(() => child.kill(), timeout);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (status) => {
      clearTimeout(timer);
      resolve({ status, output: readFileSync(log, "utf8") });
    });
  });
}

// main() itself: targets, passes, --version, unknown commands and options, the internal-error
// path (exit 3 and a reproducer that never overwrites), and one spawned run of bin/tripart.js.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { memoryIo } from "../../src/cli/io.js";
import { noteStage, reportInternalError } from "../../src/cli/crash.js";
import { InternalError } from "../../src/util/assert.js";
import { GLIA_PIPELINE, PIPELINE, VERSION } from "../../src/index.js";
import { expectNoStackTrace, REPO, SINGLE, tripart, useTempDir } from "./helpers.js";

const temp = useTempDir();
const crashFiles = (dir: string) => readdirSync(dir).filter((name) => /^tripart-crash-.*\.json$/.test(name));

describe("tripart passes", () => {
  it("lists the passes discretize .. emit in pipeline order, after elaborate, then the glia-core passes", async () => {
    const run = await tripart(temp.path, "passes");
    expect(run.code).toBe(0);
    const [lif, glia] = run.out.trimEnd().split("\n\n");
    const names = (block: string) => block.split("\n").map((line) => line.split(/\s+/)[0]);
    expect(names(lif)).toEqual(["elaborate", "discretize", "quantize", "lower-plasticity", "partition", "route", "emit", "lower-crossbar"]);
    expect(names(lif).slice(1)).toEqual([...PIPELINE]);
    expect(names(glia)).toEqual(["glia-core", ...GLIA_PIPELINE]);
  });
});

describe("commander errors", () => {
  it("prints the version with --version and exits 0", async () => {
    const run = await tripart(temp.path, "--version");
    expect(run).toEqual({ code: 0, out: `${VERSION}\n`, err: "" });
  });

  it("prints help with --help and exits 0", async () => {
    const run = await tripart(temp.path, "--help");
    expect(run.code).toBe(0);
    expect(run.out).toContain("Usage: tripart");
  });

  it("rejects an unknown command with exit 2 and names it", async () => {
    const run = await tripart(temp.path, "frobnicate", SINGLE);
    expect(run.code).toBe(2);
    expect(run.err).toContain("unknown command 'frobnicate'");
    expectNoStackTrace(run);
  });

  it("rejects an unknown option with exit 2, names it and shows the command's usage", async () => {
    const run = await tripart(temp.path, "compile", SINGLE, "--bogus");
    expect(run.code).toBe(2);
    expect(run.err).toContain("unknown option '--bogus'");
    expect(run.err).toContain("Usage: tripart compile");
    expectNoStackTrace(run);
  });

  it("rejects a missing argument and an option without its value with exit 2", async () => {
    const missing = await tripart(temp.path, "compile");
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("missing required argument 'network'");
    const noValue = await tripart(temp.path, "simulate", SINGLE, "--steps");
    expect(noValue.code).toBe(2);
    expect(noValue.err).toContain("'--steps <n>' argument missing");
    expectNoStackTrace(noValue);
  });
});

describe("internal errors", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reportInternalError returns 3 and writes a reproducer with argv into the io's cwd", () => {
    const io = memoryIo(temp.path);
    const argv = ["compile", "net.json", "-t", "loihi-cuba"];
    writeFileSync(join(temp.path, "net.json"), "{}");
    noteStage("pass partition");
    const code = reportInternalError(new InternalError("partition: every neuron placed"), argv, io);
    expect(code).toBe(3);
    const [file] = crashFiles(temp.path);
    expect(file).toBeDefined();
    const reproducer = JSON.parse(readFileSync(join(temp.path, file), "utf8"));
    expect(reproducer).toMatchObject({ tripart: VERSION, argv, cwd: temp.path, error: { name: "InternalError", message: "partition: every neuron placed" } });
    // sha256("{}") = 44136fa3...: the input is fingerprinted, and the running stage named.
    expect(reproducer.lastStage).toBe("pass partition");
    expect(reproducer.inputs).toEqual([{ path: "net.json", bytes: 2, sha256: "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a" }]);
    expect(io.err).toContain("internal error: partition: every neuron placed");
    expect(io.err).toContain(join(temp.path, file));
    expect(io.out).toBe("");
    expectNoStackTrace({ code, out: io.out, err: io.err });
  });

  it("never overwrites an existing file with the reproducer's name", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-02T03:04:05.678Z"));
    const existing = join(temp.path, "tripart-crash-2026-01-02T03-04-05-678Z.json");
    writeFileSync(existing, "precious");
    const io = memoryIo(temp.path);
    expect(reportInternalError(new InternalError("boom"), ["passes"], io)).toBe(3);
    expect(readFileSync(existing, "utf8")).toBe("precious");
    // The reproducer takes the next free name instead.
    expect(crashFiles(temp.path).sort()).toEqual(["tripart-crash-2026-01-02T03-04-05-678Z-1.json", "tripart-crash-2026-01-02T03-04-05-678Z.json"]);
    expect(JSON.parse(readFileSync(join(temp.path, "tripart-crash-2026-01-02T03-04-05-678Z-1.json"), "utf8"))).toMatchObject({ argv: ["passes"] });
    expect(io.err).toContain("internal error: boom");
    expectNoStackTrace({ code: 3, out: io.out, err: io.err });
  });

  it("main turns an exception inside a command into exit 3 and a reproducer", async () => {
    const io = memoryIo(temp.path);
    io.writeOut = () => {
      throw new InternalError("stdout exploded");
    };
    const code = await main(["passes"], io);
    expect(code).toBe(3);
    const [file] = crashFiles(temp.path);
    expect(JSON.parse(readFileSync(join(temp.path, file), "utf8")).argv).toEqual(["passes"]);
    expect(io.err).toContain("internal error: stdout exploded");
    expectNoStackTrace({ code, out: "", err: io.err });
  });
});

describe("bin/tripart.js", () => {
  it("runs as a real process: --version prints the version and exits 0", () => {
    const entry = join(REPO, "dist", "src", "cli", "main.js");
    if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (npm test runs \`tsc -p tsconfig.json\` before vitest).`);
    const result = spawnSync(process.execPath, [join(REPO, "bin", "tripart.js"), "--version"], { cwd: temp.path, encoding: "utf8", timeout: 30_000 });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${VERSION}\n`);
  });
});

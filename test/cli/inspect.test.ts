// `tripart inspect`: summarises config.pb and config.json; a truncated or corrupted config.pb,
// a file of another kind, or JSON that is no config gives exit 2 with a TP13xx/TP40xx code,
// never an internal error or a stack trace.
import { readFileSync, writeFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { codesIn, expectDiagnostic, expectNoStackTrace, SINGLE, EI, tripart, useTempDir } from "./helpers.js";

const temp = useTempDir();
let pb = "";
let json = "";

beforeEach(async () => {
  const out = temp.file("out");
  const run = await tripart(temp.path, "compile", SINGLE, "-o", out);
  expect(run.code, run.err).toBe(0);
  pb = `${out}/config.pb`;
  json = `${out}/config.json`;
});

describe("tripart inspect", () => {
  it.each([
    ["config.pb", () => pb, "tripart.hwconfig/1"],
    ["config.json", () => json, "tripart.hwconfig/1"],
  ])("summarises %s with its totals", async (_name, path) => {
    const run = await tripart(temp.path, "inspect", path());
    expect(run.code, run.err).toBe(0);
    expect(run.err).toBe("");
    expect(run.out).toContain(`${path()}: tripart.hwconfig/1 for loihi-cuba 1.0.0`);
    expect(run.out).toContain("network single-neuron (sha256:");
    expect(run.out).toContain("200 steps of 1 ms (200 ms), seed 1");
    // single-neuron: 1 core, 1 compartment, one synapse per input (2), one route per input, two
    // formats (excitatory, inhibitory), 2 input lines with 23 + 5 scheduled spikes.
    expect(run.out).toContain("1 core, 1 compartment, 2 synapses, 2 input axons, 2 routes, 2 synapse formats, 2 input lines (28 scheduled spikes)");
    expect(run.out).toMatch(/neuron\.v\s+mV\s+209709\s+-65/);
    expectNoStackTrace(run);
  });

  it("prints the summary as JSON with --json", async () => {
    const run = await tripart(temp.path, "inspect", pb, "--json");
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.out);
    expect(summary.totals).toMatchObject({ cores: 1, compartments: 1, synapses: 2, inputLines: 2, inputSpikes: 28 });
    expect(summary.symbols.map((s: { id: string }) => s.id)).toEqual(["neuron", "exc_in", "inh_in"]);
  });

  it("reports a truncated config.pb with a TP40xx code, wherever it is cut", async () => {
    const bytes = readFileSync(pb);
    for (const keep of [0, 1, 10, bytes.length >> 1, bytes.length - 5, bytes.length - 1]) {
      const cut = temp.file(`cut-${keep}.pb`);
      writeFileSync(cut, bytes.subarray(0, keep));
      const run = await tripart(temp.path, "inspect", cut);
      expectDiagnostic(run, 2, "TP40", [`${cut}: error TP40`]);
    }
  });

  it("either decodes or rejects with exit 2 and a TP4xxx code a config.pb with a byte flipped anywhere", async () => {
    // The codec ends config.pb with an FNV-1a checksum, so every single-byte change is rejected
    // (TP4001), unless it first breaks the protobuf framing or the format field (TP4001-TP4003).
    // The test accepts a valid decode too; what it forbids is exit 3, a stack trace or no code.
    const bytes = readFileSync(pb);
    const corrupt = temp.file("corrupt.pb");
    const outcomes = new Map<string, number>();
    for (let offset = 0; offset < bytes.length; offset += 3) {
      for (const mask of [0xff, 0x01, 0x80]) {
        const copy = Buffer.from(bytes);
        copy[offset] ^= mask;
        writeFileSync(corrupt, copy);
        const run = await tripart(temp.path, "inspect", corrupt);
        const label = `offset ${offset} ^ 0x${mask.toString(16)}`;
        expect([0, 2], `${label}: ${run.err}`).toContain(run.code);
        expectNoStackTrace(run);
        if (run.code === 2) {
          expect(run.err, label).toContain(`${corrupt}: error TP4`);
          expect(codesIn(run.err).every((code) => code.startsWith("TP4")), label).toBe(true);
        }
        const key = run.code === 0 ? "decoded" : codesIn(run.err)[0];
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
    }
    // With the checksum in place, no corruption decodes.
    expect(outcomes.get("decoded") ?? 0).toBe(0);
  });

  it("reports a corruption in the middle of config.pb as TP4001 naming the checksum", async () => {
    const bytes = Buffer.from(readFileSync(pb));
    bytes[bytes.length >> 1] ^= 0x01;
    const corrupt = temp.file("middle.pb");
    writeFileSync(corrupt, bytes);
    const run = await tripart(temp.path, "inspect", corrupt);
    expectDiagnostic(run, 2, "TP4001", [corrupt]);
  });

  it("rejects a path that is neither .pb nor .json (TP1304)", async () => {
    const text = temp.file("config.txt");
    writeFileSync(text, "hello");
    const run = await tripart(temp.path, "inspect", text);
    expectDiagnostic(run, 2, "TP1304", [`${text}: error TP1304`]);
  });

  it("rejects a JSON file that is a network, not a config (TP4002 at /format)", async () => {
    const run = await tripart(temp.path, "inspect", EI);
    expectDiagnostic(run, 2, "TP4002", [EI, "at /format", "'tripart.network/1'"]);
  });

  it("rejects JSON that is no config at all, and JSON that does not parse", async () => {
    const empty = temp.file("empty.json");
    writeFileSync(empty, "{}");
    expectDiagnostic(await tripart(temp.path, "inspect", empty), 2, "TP40", [empty]);
    const broken = temp.file("broken.json");
    writeFileSync(broken, readFileSync(json, "utf8").slice(0, 200));
    expectDiagnostic(await tripart(temp.path, "inspect", broken), 2, "TP4001", [broken]);
  });

  it("reports a missing config (TP1301) by name", async () => {
    const missing = temp.file("gone.pb");
    expectDiagnostic(await tripart(temp.path, "inspect", missing), 2, "TP1301", [missing]);
  });
});

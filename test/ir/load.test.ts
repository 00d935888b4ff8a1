// loadNetwork / loadNetworkFile: valid networks, defaults, positions, broken JSON, formats, files.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillDefaults, loadNetwork, loadNetworkFile } from "../../src/ir/load.js";
import type { NetworkDocument } from "../../src/ir/rules.js";
import type { Checked, Network } from "../../src/ir/types.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const FIXTURES = ["single-lif", "ei-poisson", "all-forms"].map((name) => join(HERE, "fixtures", `${name}.network.json`));
const EXAMPLES = ["single-neuron", "ei-network", "cuba"].map((name) => join(ROOT, "examples", name, "network.json"));

const read = (path: string): string => readFileSync(path, "utf8");

function mustLoad(text: string): Checked {
  const result = loadNetwork(text);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.value;
}

describe("valid networks", () => {
  it.each([...FIXTURES, ...EXAMPLES])("%s loads with no diagnostics", (path) => {
    const result = loadNetwork(read(path), { file: path });
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("fills every default of the single-LIF fixture", () => {
    const network = mustLoad(read(FIXTURES[0]));
    const expected: Network = {
      format: "tripart.network/1",
      name: "single-lif",
      description:
        "One LIF neuron driven by two input spike trains through one synapse each; tau_ref, bias, delay and record state left to their defaults where allowed.",
      run: { dt: 1, duration: 100, seed: 1 },
      populations: [
        {
          id: "neuron",
          model: "lif",
          size: 1,
          params: { tau_m: 10, v_rest: -65, v_reset: -70, v_thresh: -55, tau_ref: 0, bias: 0 },
          initial: { v: -65, i_syn: 0 }, // v defaults to v_rest
        },
      ],
      inputs: [{ id: "train", kind: "spike_times", size: 2, times: [[5, 6, 7, 8, 9, 40], [20, 21, 22, 23]] }],
      projections: [
        {
          id: "drive",
          pre: "train",
          post: "neuron",
          connect: { rule: "all_to_all", autapses: true },
          weight: 8,
          delay: 0,
          synapse: { kind: "exponential", tau: 5 },
          sign: "excitatory",
        },
      ],
      currents: [],
      astrocytes: [],
      tripartite: [],
      plasticity: [],
      record: [
        { population: "neuron", spikes: true, state: ["v", "i_syn"] },
        { population: "train", spikes: true, state: [] },
      ],
    };
    expect(network).toEqual(expected);
  });

  it("keeps what the file states and fills only what it leaves out (all-forms fixture)", () => {
    const network = mustLoad(read(FIXTURES[2]));
    const byId = <T extends { id: string }>(list: readonly T[], id: string): T => list.find((x) => x.id === id)!;
    expect(byId(network.populations, "a").initial).toEqual({ v: { values: [-65, -64, -63, -62] }, i_syn: { normal: { mean: 0, std: 0.5 } } });
    expect(byId(network.populations, "b").params).toEqual({ tau_m: 15, v_rest: -60, v_reset: -65, v_thresh: -52, tau_ref: 0, bias: 0 });
    expect(byId(network.populations, "c").initial).toEqual({ v: { normal: { mean: -65, std: 2, min: -70, max: -55 } }, i_syn: 0 });
    expect(byId(network.inputs, "noise")).toEqual({ id: "noise", kind: "poisson", size: 5, rate: 100, start: 5, stop: 45, seed: 99 });
    expect(byId(network.projections, "a_b_all").connect).toEqual({ rule: "all_to_all", autapses: true });
    expect(byId(network.projections, "a_a_noself").connect).toEqual({ rule: "all_to_all", autapses: false });
    expect(byId(network.projections, "c_c_indegree").delay).toBe(0);
    expect(byId(network.projections, "b_c_prob").seed).toBe(11);
    expect(byId(network.projections, "a_b_one").connect).toEqual({ rule: "one_to_one" });
    expect(network.record).toEqual([
      { population: "a", spikes: true, state: ["v", "i_syn"], neurons: [0, 3] },
      { population: "b", spikes: true, state: [] },
      { population: "c", spikes: false, state: ["v"] },
      { population: "spikes", spikes: true, state: [] },
    ]);
    // "$comment" and "metadata" are not part of the checked network; the astrocyte and plasticity
    // sections are, empty when the file has none.
    expect(Object.keys(network).sort()).toEqual(["astrocytes", "currents", "description", "format", "inputs", "name", "plasticity", "populations", "projections", "record", "run", "tripartite"]);
    expect([network.currents, network.astrocytes, network.tripartite, network.plasticity]).toEqual([[], [], [], []]);
  });

  it("fills Poisson start 0 and stop = run.duration, run.seed 0 and empty lists", () => {
    const network = mustLoad(
      JSON.stringify({
        format: "tripart.network/1",
        run: { dt: 0.1, duration: 30 },
        populations: [{ id: "p", model: "lif", size: 1, params: { tau_m: 5, v_rest: 0, v_reset: 0, v_thresh: 1, bias: 2 } }],
        inputs: [{ id: "noise", kind: "poisson", size: 2, rate: 5 }],
      }),
    );
    expect(network.run).toEqual({ dt: 0.1, duration: 30, seed: 0 });
    expect(network.inputs[0]).toEqual({ id: "noise", kind: "poisson", size: 2, rate: 5, start: 0, stop: 30 });
    expect(network.projections).toEqual([]);
    expect(network.record).toEqual([]);
    expect(network.populations[0].params.bias).toBe(2);
  });

  it("returns a deeply frozen network", () => {
    const network = mustLoad(read(FIXTURES[2]));
    expect(Object.isFrozen(network)).toBe(true);
    expect(Object.isFrozen(network.populations[0].params)).toBe(true);
    expect(Object.isFrozen(network.projections[0].weight)).toBe(true);
    expect(Object.isFrozen((network.inputs[0] as { times: number[][] }).times[0])).toBe(true);
  });

  it("fillDefaults does not change its input", () => {
    const document = JSON.parse(read(FIXTURES[0])) as NetworkDocument;
    const before = JSON.stringify(document);
    fillDefaults(Object.freeze(document));
    expect(JSON.stringify(document)).toBe(before);
  });

  it("accepts a UTF-8 byte-order mark and CRLF line ends", () => {
    const text = "\uFEFF" + read(FIXTURES[0]).replaceAll("\n", "\r\n");
    expect(loadNetwork(text).diagnostics).toEqual([]);
  });

  it("reports warnings and still returns the network", () => {
    const document = JSON.parse(read(FIXTURES[0]));
    document.inputs[0].times[0].push(50.5); // off the 1 ms grid: rounded to step 51, a warning
    const result = loadNetwork(JSON.stringify(document));
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([["TP2022", "warning"]]);
  });
});

describe("line and column", () => {
  // Columns are 1-based and point at the start of the property ("key": value) the path names.
  const text = [
    "{", //                                                                       line 1
    '  "format": "tripart.network/1",', //                                        line 2
    '  "run": { "dt": 1, "duration": 10 },', //                                   line 3
    '  "populations": [', //                                                      line 4
    "    {", //                                                                   line 5
    '      "id": "a",', //                                                        line 6
    '      "model": "lif",', //                                                   line 7
    '      "size": 1,', //                                                        line 8
    '      "params": { "tau_m": 0, "v_rest": -65, "v_reset": -70, "v_thresh": -50 }', // line 9
    "    }", //                                                                   line 10
    "  ],", //                                                                    line 11
    '  "record": [{ "population": "b" }]', //                                     line 12
    "}",
  ].join("\n");

  it("places a schema error at its property", () => {
    const [d] = loadNetwork(text, { file: "net.json" }).diagnostics;
    // line 9: 6 spaces, '"params": { ' (12 characters), then '"tau_m"' starts at column 19
    expect(d).toMatchObject({ code: "TP1006", path: "/populations/0/params/tau_m", file: "net.json", line: 9, column: 19 });
  });

  it("places a missing field at the object that lacks it", () => {
    const [d] = loadNetwork(text.replace('"size": 1,', '"sizes": 1,')).diagnostics.filter((x) => x.code === "TP1003");
    // "/populations/0/size" does not exist; its parent, the object opened on line 5 column 5, does
    expect(d).toMatchObject({ path: "/populations/0/size", line: 5, column: 5 });
  });

  it("places a rule finding at the value it is about", () => {
    const diagnostics = loadNetwork(text.replace('"tau_m": 0', '"tau_m": 10')).diagnostics;
    // line 12: 2 spaces, '"record": [{ ' (13 characters), then '"population"' starts at column 16
    expect(diagnostics.map(({ code, line, column }) => ({ code, line, column }))).toEqual([{ code: "TP2006", line: 12, column: 16 }]);
  });

  it("places a JSON syntax error at the offending token", () => {
    const broken = text.replace('"dt": 1, "duration"', '"dt": 1 "duration"');
    // line 3: '  "run": { "dt": 1 ' is 19 characters, so '"duration"' starts at column 20
    expect(loadNetwork(broken).diagnostics).toMatchObject([{ code: "TP1001", line: 3, column: 20 }]);
  });

  it("counts columns in characters (UTF-16 units), not bytes, after a non-ASCII character", () => {
    const line3 = '  "description": "Überblick", "run": { "dt": 0, "duration": 10 },';
    const withName = text.replace("\n", "\n" + line3 + "\n").replace('  "run": { "dt": 1, "duration": 10 },\n', "").replace('"tau_m": 0', '"tau_m": 1');
    // the new line 2: '  "description": ' is 17 characters, '"Überblick", ' 13, '"run": { ' 9: '"dt"' starts at column 40 (41 in bytes)
    expect(loadNetwork(withName).diagnostics).toMatchObject([{ code: "TP1006", path: "/run/dt", line: 2, column: 40 }]);
  });

  it("sorts diagnostics by position in the file", () => {
    const several = text.replace('"run": { "dt": 1', '"run": { "dt": -1').replace('"size": 1', '"size": 0');
    const lines = loadNetwork(several).diagnostics.map((d) => d.line);
    expect(lines).toEqual([3, 8, 9]);
  });
});

describe("broken JSON", () => {
  const good = read(FIXTURES[0]);
  it.each([
    ["an empty file", ""],
    ["whitespace only", "  \n\t\n"],
    ["a truncated file", good.slice(0, good.length / 2)],
    ["a trailing comma", good.replace('"seed": 1 }', '"seed": 1, }')],
    ["a comment", "// network\n" + good],
    ["single quotes", good.replace('"format"', "'format'")],
    ["two documents", good + good],
    ["NaN", good.replace('"seed": 1', '"seed": NaN')],
  ])("%s is one TP1001 with a position", (_, text) => {
    const result = loadNetwork(text, { file: "x.json" });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: "TP1001", severity: "error", path: "", file: "x.json" });
    expect(result.diagnostics[0].line).toBeGreaterThanOrEqual(1);
    expect(result.diagnostics[0].message).toMatch(/^The file is not valid JSON: .+ at line \d+, column \d+\.$/);
  });

  it("says which line a truncated file ends on", () => {
    const text = '{\n  "format": "tripart.network/1",\n  "run": {';
    expect(loadNetwork(text).diagnostics[0]).toMatchObject({ code: "TP1001", line: 3 });
  });

  it("refuses nesting deeper than 256 levels without overflowing the stack", () => {
    const result = loadNetwork("[".repeat(200_000) + "]".repeat(200_000));
    expect(result.diagnostics).toMatchObject([{ code: "TP1001", line: 1, column: 257 }]);
    expect(result.diagnostics[0].message).toContain("nest deeper than 256 levels");
  });

  it("does not count brackets inside strings as nesting", () => {
    const document = JSON.parse(good);
    document.description = "[".repeat(1000);
    expect(loadNetwork(JSON.stringify(document)).diagnostics).toEqual([]);
  });
});

describe("format", () => {
  const document = (): Record<string, unknown> => JSON.parse(read(FIXTURES[0]));

  it("refuses another version with its own code and a hint, and checks nothing else", () => {
    const next = { ...document(), format: "tripart.network/2", populations: "not even a list" };
    const result = loadNetwork(JSON.stringify(next));
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: "TP1010", path: "/format" });
    expect(result.diagnostics[0].message).toBe("Format 'tripart.network/2' is not supported; expected 'tripart.network/1'.");
    expect(result.diagnostics[0].hint).toContain("version 2");
  });

  it("recognises another Tripart file kind", () => {
    const [d] = loadNetwork(JSON.stringify({ ...document(), format: "tripart.target/1" })).diagnostics;
    expect(d.code).toBe("TP1010");
    expect(d.hint).toContain("'tripart.target/1' file, not a network");
  });

  it("shows a non-string format as JSON", () => {
    const [d] = loadNetwork(JSON.stringify({ ...document(), format: 1 })).diagnostics;
    expect(d.message).toBe("Format '1' is not supported; expected 'tripart.network/1'.");
  });

  it("reports a missing format and still checks the rest", () => {
    const { format: _, ...rest } = document();
    expect(loadNetwork(JSON.stringify(rest)).diagnostics.map((d) => d.code)).toEqual(["TP1011"]);
    const withTypo = { ...rest, populations: [{ ...(rest.populations as object[])[0], size: 0 }] };
    expect(loadNetwork(JSON.stringify(withTypo)).diagnostics.map((d) => [d.code, d.path])).toEqual([
      ["TP1011", ""],
      ["TP1006", "/populations/0/size"],
    ]);
  });

  it.each([
    ["null", "null", "null"],
    ["a number", "42", "the number 42"],
    ["a string", '"tripart.network/1"', 'the string "tripart.network/1"'],
  ])("refuses %s at the top level", (_, text, found) => {
    expect(loadNetwork(text).diagnostics).toMatchObject([{ code: "TP1012", message: `The file holds ${found}, but a network is a JSON object.` }]);
  });
});

describe("loadNetworkFile", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tripart-load-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("loads a file and names it in every diagnostic", async () => {
    const path = join(dir, "warn.network.json");
    const document = JSON.parse(read(FIXTURES[0]));
    document.populations[0].params.tau_ref = 0.25; // shorter than dt = 1 ms: a warning
    await writeFile(path, JSON.stringify(document, null, 2));
    const result = await loadNetworkFile(path);
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toMatchObject([{ code: "TP2027", file: path }]);
  });

  it("turns a missing file into TP1000", async () => {
    const path = join(dir, "absent.json");
    const result = await loadNetworkFile(path);
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      {
        severity: "error",
        code: "TP1000",
        message: `Cannot read network file '${path}': no such file or folder.`,
        path: "",
        file: path,
        hint: "Check the path and its permissions.",
      },
    ]);
  });

  it("turns a directory into TP1000", async () => {
    const result = await loadNetworkFile(dir);
    expect(result.diagnostics).toMatchObject([{ code: "TP1000", message: `Cannot read network file '${dir}': it is a folder.` }]);
  });
});

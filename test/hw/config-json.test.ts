// The JSON twin and the config invariants: every TP40xx code from an edited copy of a valid config.
import { describe, expect, it } from "vitest";
import { fromConfigJson, toConfigJson, type ConfigJson } from "../../src/hw/config-json.js";
import { validateConfig } from "../../src/hw/validate.js";
import { codesAndPaths, sampleConfig } from "../passes/helpers.js";

const config = sampleConfig();

/** A deep copy of the twin, edited by `change`, read back. */
function readEdited(change: (json: ConfigJson) => void) {
  const json = JSON.parse(JSON.stringify(toConfigJson(config))) as ConfigJson;
  change(json);
  return fromConfigJson(json, "config.json");
}

describe("toConfigJson / fromConfigJson", () => {
  it("round-trips through JSON text", () => {
    const result = fromConfigJson(JSON.parse(JSON.stringify(toConfigJson(config))));
    expect(result.diagnostics).toEqual([]);
    expect(result.ok && result.value).toEqual(config);
  });

  it("writes keys in a fixed order, typed arrays as arrays", () => {
    const json = toConfigJson(config);
    expect(Object.keys(json)).toEqual([
      "format", "target", "network", "semantics", "dtMs", "steps", "seed", "cores", "routes", "inputs", "symbols", "scales", "record", "limits",
    ]);
    expect(Object.keys(json.semantics)).toEqual([
      "u", "v", "decay", "threshold", "reset", "refractory", "bias", "weight", "latency", "maxDelay", "initialCurrent", "currentChannels",
    ]);
    expect(Array.isArray(json.cores[0].synapses.mantissa)).toBe(true);
    expect(json.cores[0].synapses.mantissa).toEqual([-11, 11, 11]);
  });

  it("reports TP4004 for a value that is not an object", () => {
    expect(codesAndPaths(fromConfigJson(42).diagnostics)).toEqual([{ code: "TP4004", path: "" }]);
  });

  it("reports TP4002 for another format and TP4003 for another version", () => {
    expect(codesAndPaths(readEdited((j) => void (j.format = "tripart.network/1" as never)).diagnostics)).toEqual([{ code: "TP4002", path: "/format" }]);
    expect(codesAndPaths(readEdited((j) => void (j.format = "tripart.hwconfig/7" as never)).diagnostics)).toEqual([{ code: "TP4003", path: "/format" }]);
  });

  it("reports TP4004 for a missing field, with its pointer", () => {
    const result = readEdited((j) => delete (j as Partial<ConfigJson>).dtMs);
    expect(codesAndPaths(result.diagnostics)).toEqual([{ code: "TP4004", path: "/dtMs" }]);
    expect(result.diagnostics[0].message).toBe("Field 'dtMs' must be a finite number.");
    expect(result.diagnostics[0].file).toBe("config.json");
  });

  it("reports TP4004 for an array entry of the wrong type or width instead of wrapping it", () => {
    const text = readEdited((j) => void (j.cores[0].synapses.target[1] = "x" as never));
    expect(codesAndPaths(text.diagnostics)).toEqual([{ code: "TP4004", path: "/cores/0/synapses/target/1" }]);
    const wide = readEdited((j) => void (j.cores[0].synapses.delay[2] = 300));
    expect(codesAndPaths(wide.diagnostics)).toEqual([{ code: "TP4004", path: "/cores/0/synapses/delay/2" }]);
    expect(wide.diagnostics[0].message).toBe("Field 'cores/0/synapses/delay/2' must be an integer from 0 to 255.");
  });

  it("reports TP4004 for an unknown enumeration value", () => {
    const result = readEdited((j) => void (j.record[0].state = ["w" as never]));
    expect(codesAndPaths(result.diagnostics)).toEqual([{ code: "TP4004", path: "/record/0/state" }]);
  });
});

describe("validateConfig", () => {
  it("finds nothing wrong with an emitted config", () => {
    expect(validateConfig(config)).toEqual([]);
  });

  it("reports TP4005 for an array of the wrong length", () => {
    const result = readEdited((j) => void j.cores[0].compartments.dv.pop());
    expect(codesAndPaths(result.diagnostics)).toEqual([{ code: "TP4005", path: "/cores/0/compartments/dv" }]);
    expect(result.diagnostics[0].message).toBe("Array 'cores/0/compartments/dv' has 1 entries but must have 2.");
  });

  it("reports TP4006 for a synapse target outside its core, with the count of bad entries", () => {
    const result = readEdited((j) => {
      j.cores[0].synapses.target[0] = 9;
      j.cores[0].synapses.target[2] = 7;
    });
    expect(codesAndPaths(result.diagnostics)).toEqual([{ code: "TP4006", path: "/cores/0/synapses/target/0" }]);
    expect(result.diagnostics[0].message).toBe("Entry 0 of 'cores/0/synapses/target' is 9, outside 0 to 1.");
    expect(result.diagnostics[0].hint).toBe("Targets are compartments of core 0 (2 entries are out of range).");
  });

  it("reports TP4007 for a decay beyond the semantics and a mantissa outside its sign mode", () => {
    const du = readEdited((j) => void (j.cores[1].compartments.du[1] = 5000));
    expect(codesAndPaths(du.diagnostics)).toEqual([{ code: "TP4007", path: "/cores/1/compartments/du/1" }]);
    expect(du.diagnostics[0].message).toBe("Entry 1 of 'cores/1/compartments/du' is 5000, outside the allowed range 0 to 4095.");
    // core 0, synapse 1 is excitatory (format 1): a negative mantissa is not allowed
    const sign = readEdited((j) => void (j.cores[0].synapses.mantissa[1] = -3));
    expect(codesAndPaths(sign.diagnostics)).toEqual([{ code: "TP4007", path: "/cores/0/synapses/mantissa/1" }]);
  });

  it("reports TP4008 for a route to a missing axon", () => {
    const result = readEdited((j) => void (j.routes.axon[6] = 3));
    expect(codesAndPaths(result.diagnostics)).toEqual([{ code: "TP4008", path: "/routes/axon/6" }]);
  });

  it("reports TP4009 for insane semantics and checks nothing that depends on them", () => {
    const result = readEdited((j) => {
      j.semantics.decay.bits = 0;
      j.cores[0].compartments.du[0] = -1;
    });
    expect(codesAndPaths(result.diagnostics)).toEqual([{ code: "TP4009", path: "/semantics/decay/bits" }]);
    expect(result.diagnostics[0].message).toBe("Semantics field 'decay.bits' is 0; it must be an integer from 1 to 30.");
  });

  it("reports TP4010 for row offsets that are not a CSR", () => {
    const result = readEdited((j) => void (j.cores[1].synapses.rowStart = [0, 2, 1, 3, 4]));
    expect(codesAndPaths(result.diagnostics)).toEqual([{ code: "TP4010", path: "/cores/1/synapses/rowStart" }]);
    expect(result.diagnostics[0].message).toBe("Row offsets 'cores/1/synapses/rowStart' are not a valid CSR: entry 2 (1) is below entry 1 (2).");
  });

  it("reports TP4011 for input spikes out of order or off the run", () => {
    const unsorted = readEdited((j) => void (j.inputs.spikeSteps = [1, 1, 5, 2]));
    expect(codesAndPaths(unsorted.diagnostics)).toEqual([{ code: "TP4011", path: "/inputs/spikeSteps/3" }]);
    expect(unsorted.diagnostics[0].message).toBe("Input spike 3 is at step 2, before the spike listed ahead of it (step 5).");
    const late = readEdited((j) => void (j.inputs.spikeSteps[3] = 100));
    expect(late.diagnostics[0].message).toBe("Input spike 3 is at step 100, outside the run's steps 0 to 99.");
  });

  it("reports TP4012 for a scale or record spec naming no symbol", () => {
    const result = readEdited((j) => {
      j.scales[0].population = "nope";
      j.record[1].population = "gone";
    });
    expect(codesAndPaths(result.diagnostics)).toEqual([
      { code: "TP4012", path: "/scales/0/population" },
      { code: "TP4012", path: "/record/1/population" },
    ]);
    expect(result.diagnostics[0].message).toBe("'scales/0/population' names 'nope', which is not a population or input of the config.");
  });

  it("reports TP4013 for a duplicate symbol", () => {
    // renaming 'b' to 'a' also leaves the two scales of 'b' naming nothing
    const result = readEdited((j) => void (j.symbols[1].id = "a"));
    expect(codesAndPaths(result.diagnostics)).toEqual([
      { code: "TP4013", path: "/symbols/1/id" },
      { code: "TP4012", path: "/scales/2/population" },
      { code: "TP4012", path: "/scales/3/population" },
    ]);
    expect(result.diagnostics[0].message).toBe("Symbol 'a' appears more than once.");
  });
});

describe("validateConfig on configs built in memory", () => {
  it("reports a bad sign mode without tripping over the mantissas that use it", () => {
    const config = sampleConfig();
    const formats = [{ ...config.cores[0].formats[0], signMode: "both" as never }, config.cores[0].formats[1]];
    const broken = { ...config, cores: [{ ...config.cores[0], formats }, ...config.cores.slice(1)] };
    expect(codesAndPaths(validateConfig(broken))).toEqual([{ code: "TP4004", path: "/cores/0/formats/0/signMode" }]);
  });
});

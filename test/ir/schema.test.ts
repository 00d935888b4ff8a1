// schemas/network.schema.json agrees with src/ir/types.ts field for field, and the ajv mapper
// turns each kind of schema error into its code with a message that names the element.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import type { ErrorObject } from "ajv";
import { describe, expect, it } from "vitest";
import { fromSchemaErrors, NETWORK_SCHEMA, validateNetworkSchema } from "../../src/ir/schema.js";
import { MAX_IR_DELAY } from "../../src/ir/rules.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

interface Members {
  readonly all: string[];
  readonly required: string[];
}

/**
 * The property names of each interface, of each member of a union discriminated by "kind" or
 * "rule", and of each type literal inside an intersection (AstrocytePopulation's own fields),
 * in types.ts, astro-types.ts and plasticity-types.ts.
 */
function readTypes(): { interfaces: Map<string, Members>; unions: Map<string, Map<string, Members>>; intersections: Map<string, Members> } {
  const interfaces = new Map<string, Members>();
  const unions = new Map<string, Map<string, Members>>();
  const intersections = new Map<string, Members>();
  for (const name of ["src/ir/types.ts", "src/ir/astro-types.ts", "src/ir/plasticity-types.ts"]) {
    const file = join(ROOT, name);
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    const membersOf = (nodes: ts.NodeArray<ts.TypeElement>): Members => {
      const properties = nodes.filter(ts.isPropertySignature);
      return {
        all: properties.map((p) => p.name.getText(source)).sort(),
        required: properties.filter((p) => p.questionToken === undefined).map((p) => p.name.getText(source)).sort(),
      };
    };
    for (const statement of source.statements) {
      if (ts.isInterfaceDeclaration(statement)) interfaces.set(statement.name.text, membersOf(statement.members));
      if (ts.isTypeAliasDeclaration(statement) && ts.isUnionTypeNode(statement.type)) {
        const variants = new Map<string, Members>();
        for (const member of statement.type.types) {
          if (!ts.isTypeLiteralNode(member)) continue;
          const discriminant = member.members
            .filter(ts.isPropertySignature)
            .find((p) => ["kind", "rule"].includes(p.name.getText(source)) && p.type !== undefined && ts.isLiteralTypeNode(p.type));
          if (discriminant?.type === undefined) continue;
          variants.set(JSON.parse(discriminant.type.getText(source)) as string, membersOf(member.members));
        }
        unions.set(statement.name.text, variants);
      }
      if (ts.isTypeAliasDeclaration(statement) && ts.isIntersectionTypeNode(statement.type)) {
        const literal = statement.type.types.find(ts.isTypeLiteralNode);
        if (literal !== undefined) intersections.set(statement.name.text, membersOf(literal.members));
      }
    }
  }
  return { interfaces, unions, intersections };
}

interface SchemaNode {
  readonly properties?: Record<string, unknown>;
  readonly required?: string[];
  readonly allOf?: { if: { properties: Record<string, { const: string }> }; then: SchemaNode & { $ref?: string } }[];
  readonly enum?: string[];
}
const schema = NETWORK_SCHEMA as SchemaNode & { $defs: Record<string, SchemaNode> };
const defs = schema.$defs;
const keysOf = (node: SchemaNode): string[] => Object.keys(node.properties ?? {}).sort();

const { interfaces, unions, intersections } = readTypes();

/** The if/then branches of a node discriminated by `key`, each resolved through its $ref. */
function branchesOf(node: SchemaNode, key: "kind" | "rule"): Map<string, SchemaNode> {
  return new Map(
    node.allOf!.map((branch) => {
      const then = branch.then.$ref !== undefined ? defs[branch.then.$ref.replace("#/$defs/", "")] : branch.then;
      return [branch.if.properties[key].const, then] as const;
    }),
  );
}

describe("the schema names the same fields as src/ir/types.ts", () => {
  // Fields that the type requires but the file may leave out: the loader fills them (docs/ir.md, "Defaults").
  const cases: [string, SchemaNode, string[], string[]][] = [
    ["Network", schema, ["$comment", "metadata"], ["inputs", "projections", "record", "currents", "astrocytes", "tripartite", "plasticity"]],
    ["RunSettings", defs.run, [], ["seed"]],
    ["LifPopulation", defs.population, [], []],
    ["IzhikevichPopulation", defs.population, [], []],
    ["LifParams", defs.lifParams, [], ["tau_ref", "bias"]],
    ["IzhikevichParams", defs.izhikevichParams, [], ["v_peak", "spike_threshold", "input_clip"]],
    ["GlutamateSpec", defs.glutamate, [], ["release"]],
    ["Projection", defs.projection, [], []],
    ["RecordSpec", defs.record, [], []],
    ["CurrentSteps", defs.stepsCurrent, [], ["kind"]],
    ["CurrentPulses", defs.pulsesCurrent, [], ["kind"]],
    ["CurrentImpulses", defs.impulsesCurrent, [], ["kind"]],
    ["UllahParams", defs.ullahParams, [], Object.keys(defs.ullahParams.properties ?? {})],
    ["Lr1994Params", defs.lr1994Params, [], Object.keys(defs.lr1994Params.properties ?? {})],
    ["ReducedParams", defs.reducedParams, [], []],
    ["GateSpec", defs.gate, [], ["min_coincident"]],
    ["Coupling", defs.coupling, [], ["order"]],
    ["Grading", defs.grading, [], []],
    ["ModulatorSource", defs.modulatorSource, [], []],
    ["AstrocyteModulation", defs.astrocyteModulation, [], []],
  ];
  it.each(cases)("%s", (name, node, schemaOnly, defaulted) => {
    const members = interfaces.get(name);
    expect(members, `interface ${name} in types.ts`).toBeDefined();
    expect(keysOf(node).filter((key) => !schemaOnly.includes(key))).toEqual(members!.all);
    expect([...(node.required ?? []), ...defaulted].sort()).toEqual(members!.required);
  });

  it.each([
    ["StdpRule", "stdpRule"],
    ["RewardStdpRule", "rewardStdpRule"],
    ["EpisodeStdpRule", "episodeStdpRule"],
  ])("%s: the shared window and base plus the rule's own fields", (name, def) => {
    const parts = ["StdpWindow", "RuleBase", name].map((part) => interfaces.get(part)!);
    expect(keysOf(defs[def])).toEqual(parts.flatMap((part) => part.all).sort());
    expect([...(defs[def].required ?? [])].sort()).toEqual(parts.flatMap((part) => part.required).sort());
  });

  it("AstrocytePopulation: its own fields plus the model's 'model' and 'params'", () => {
    const own = intersections.get("AstrocytePopulation")!;
    expect(keysOf(defs.astrocytePopulation)).toEqual([...own.all, "model", "params"].sort());
    // period and owner have defaults; params has defaults for every model but "reduced" (required there)
    expect([...(defs.astrocytePopulation.required ?? []), "period", "owner"].sort()).toEqual([...own.required, "model"].sort());
  });

  it("CurrentSteps segments: start and stop required, value or values", () => {
    const segment = (defs.stepsCurrent.properties!.segments as { items: SchemaNode }).items;
    expect(keysOf(segment)).toEqual(["start", "stop", "value", "values"]);
    expect(segment.required).toEqual(["start", "stop"]);
  });

  it("Tripartite: the synapse form and the neuron form", () => {
    expect(keysOf(defs.tripartiteSynapses)).toEqual(["astrocytes", "by", "effect", "id", "pool", "projection"]);
    expect(keysOf(defs.tripartiteNeurons)).toEqual(["astrocytes", "effect", "id", "population"]);
  });

  it.each([
    ["Territory", defs.territory],
    ["Sensing", defs.sensing],
    ["SynapseEffect", defs.synapseEffect],
    ["NeuronEffect", defs.neuronEffect],
  ])("%s: one if/then branch per kind, with the fields of that union member", (name, node) => {
    const variants = unions.get(name)!;
    const branches = branchesOf(node, "kind");
    expect([...branches.keys()].sort()).toEqual([...variants.keys()].sort());
    expect((node.properties?.kind as SchemaNode).enum?.slice().sort()).toEqual([...variants.keys()].sort());
    for (const [kind, members] of variants) {
      expect(keysOf(branches.get(kind)!), kind).toEqual(members.all);
      expect([...new Set([...(branches.get(kind)!.required ?? []), "kind"])].sort(), kind).toEqual(members.required);
    }
  });

  it("Synapse members are the two synapse interfaces", () => {
    const branches = branchesOf(defs.synapse, "kind");
    for (const [kind, name] of [["exponential", "ExponentialSynapse"], ["sigmoid_conductance", "SigmoidConductanceSynapse"]] as const) {
      expect(keysOf(branches.get(kind)!)).toEqual(interfaces.get(name)!.all);
      expect([...branches.get(kind)!.required!, "kind"].sort()).toEqual(interfaces.get(name)!.required);
    }
  });

  it("Input: one schema per kind, with the fields of that union member", () => {
    const variants = unions.get("Input")!;
    const byKind: Record<string, SchemaNode> = { spike_times: defs.spikeTimesInput, poisson: defs.poissonInput, external: defs.externalInput };
    expect([...variants.keys()].sort()).toEqual(Object.keys(byKind).sort());
    expect(defs.input.properties?.kind).toEqual({ enum: ["spike_times", "poisson", "external"] });
    for (const [kind, members] of variants) {
      expect(keysOf(byKind[kind]), kind).toEqual(members.all);
      expect([...(byKind[kind].required ?? []), "kind"].sort(), kind).toEqual(members.required); // "kind" is required by the base
    }
  });

  it("Connectivity: one if/then branch per rule, with the fields of that union member", () => {
    const variants = unions.get("Connectivity")!;
    const branches = new Map(defs.connect.allOf!.map((branch) => [branch.if.properties.rule.const, branch.then]));
    expect([...branches.keys()].sort()).toEqual([...variants.keys()].sort());
    expect((defs.connect.properties?.rule as SchemaNode).enum?.slice().sort()).toEqual([...variants.keys()].sort());
    for (const [rule, members] of variants) {
      expect(keysOf(branches.get(rule)!), rule).toEqual(members.all);
      expect([...(branches.get(rule)!.required ?? []), "rule"].sort(), rule).toEqual(members.required);
    }
  });
});

it("bounds every delay form by MAX_IR_DELAY", () => {
  const delay = defs.delaySpec as SchemaNode & { maximum: number; properties: Record<string, { items: { maximum: number } }> };
  expect(delay.maximum).toBe(MAX_IR_DELAY);
  expect(delay.properties.uniform.items.maximum).toBe(MAX_IR_DELAY);
  expect(delay.properties.values.items.maximum).toBe(MAX_IR_DELAY);
});

describe("schema error mapper", () => {
  const document = {
    populations: [{ id: "exc", params: { tau_m: 0 } }, { id: "9bad", size: "x" }],
    inputs: [{ kind: "poisson", id: "noise", times: [[1, 2]] }],
    record: [{ population: "exc" }],
  };
  const error = (keyword: string, instancePath: string, params: Record<string, unknown>, extra: Partial<ErrorObject> = {}): ErrorObject =>
    ({ keyword, instancePath, schemaPath: "#", params, ...extra }) as ErrorObject;

  it("names the element by its id, or by its place when the id is not a valid id", () => {
    const [byId, byPlace] = fromSchemaErrors(
      [
        error("exclusiveMinimum", "/populations/0/params/tau_m", { comparison: ">", limit: 0 }, { data: 0 }),
        error("type", "/populations/1/size", { type: "integer" }, { data: "x" }),
      ],
      document,
    );
    expect(byId.message).toBe("Field 'params.tau_m' of population 'exc' is 0, but it must be > 0.");
    expect(byPlace.message).toBe("Field 'size' of populations[1] must be an integer, not the string \"x\".");
  });

  it("writes array indices in brackets and record entries by number", () => {
    const [inTimes, inRecord] = fromSchemaErrors(
      [
        error("minimum", "/inputs/0/times/0/1", { comparison: ">=", limit: 0 }, { data: -2 }),
        error("required", "/record/0", { missingProperty: "spikes" }),
      ],
      document,
    );
    expect(inTimes.message).toBe("Field 'times[0][1]' of input 'noise' is -2, but it must be ≥ 0.");
    expect(inRecord.message).toBe("Record entry 0 is missing the required field 'spikes'.");
    expect(inRecord.path).toBe("/record/0/spikes");
  });

  it("maps a keyword the network schema does not use to the generic TP1002", () => {
    const [d] = fromSchemaErrors([error("not", "/populations/0/params", {}, { message: "must NOT be valid" })], document, "f.json");
    expect(d).toEqual({ severity: "error", code: "TP1002", message: "Field 'params' of population 'exc' must NOT be valid.", path: "/populations/0/params", file: "f.json" });
  });

  it("drops the if/then wrapper error and repeats", () => {
    const wrapper = error("if", "/inputs/0", { failingKeyword: "then" });
    const extra = error("additionalProperties", "/inputs/0", { additionalProperty: "times" }, { parentSchema: { properties: { id: {}, kind: {}, size: {}, rate: {} } } });
    const diagnostics = fromSchemaErrors([wrapper, extra, extra], document);
    expect(diagnostics.map((d) => [d.code, d.path, d.message, d.hint])).toEqual([
      ["TP1004", "/inputs/0/times", "Input 'noise' has the field 'times', which is not part of the format.", "Allowed here: id, kind, size, rate."],
    ]);
  });

  it("accepts a valid network and reports every error of an invalid one in a single pass", () => {
    const valid = JSON.parse(readFileSync(join(ROOT, "test/ir/fixtures/all-forms.network.json"), "utf8"));
    expect(validateNetworkSchema(valid)).toEqual([]);
    const broken = { ...valid, run: { dt: -1, duration: 0 }, populations: [] };
    expect(validateNetworkSchema(broken).map((d) => [d.code, d.path])).toEqual([
      ["TP1006", "/run/dt"],
      ["TP1006", "/run/duration"],
      ["TP1008", "/populations"],
    ]);
  });

  it("reports an unknown input kind once, without the fields of any kind", () => {
    const valid = JSON.parse(readFileSync(join(ROOT, "test/ir/fixtures/all-forms.network.json"), "utf8"));
    valid.inputs[0] = { id: "x", kind: "regular", size: 2, period: 10 };
    expect(validateNetworkSchema(valid).map((d) => [d.code, d.path])).toEqual([["TP1007", "/inputs/0/kind"]]);
  });
});

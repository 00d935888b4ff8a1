/**
 * Reads target descriptions: text → JSON with positions → format check → JSON Schema
 * (schemas/target.schema.json) → semantic rules (TARGET_RULES). Never throws on user input:
 * every problem is a TP11xx/TP21xx diagnostic with a JSON pointer and line:col. Two families:
 * LIF targets (no "family" field, TARGET_RULES) and glia-core ("family": "glia-core",
 * GLIA_TARGET_RULES). Bundled targets live in <package root>/targets/<name>.json.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { fail, hasErrors, makeDiagnostic, ok, type Diagnostic, type DiagnosticArgs, type Result } from "../ir/diagnostics.js";
import type { DiagnosticCode } from "../ir/codes.js";
import { parseJsonSource, withPositions } from "../ir/json-source.js";
import { pointer, ROOT, type JsonPointer } from "../ir/pointer.js";
import { packageRoot } from "./package-root.js";
import { targetSchemaDiagnostics } from "./schema-errors.js";
import { TARGET_FORMAT, type Register, type Target } from "./types.js";
import { GLIA_FAMILY, type AnyTarget, type GliaTarget } from "./glia-types.js";
import { describeIoError } from "../util/io-errors.js";
import { CROSSBAR_RULES } from "./crossbar-rules.js";
import { RESET_RULES } from "./reset-rules.js";
import { MESH_RULES } from "./mesh-rules.js";
import { GLIA_LEARNING_RULES, LEARNING_RULES } from "./learning-rules.js";
import { CAPABILITY_RULES } from "./capability-rules.js";
import { ENERGY_RULES, GLIA_ENERGY_RULES } from "./energy-rules.js";
import { LAYOUT_RULES } from "./layout-rules.js";

/** Where a rule reports a finding. */
export type TargetReporter = (code: DiagnosticCode, path: JsonPointer, args?: DiagnosticArgs) => void;

/** One semantic check on a schema-valid target; each rule reports every finding it makes. */
export interface TargetRule {
  readonly name: string;
  check(target: Target, report: TargetReporter): void;
}

const EXACT_BITS = 53;

/** The semantic rules run after the schema, in this order; all of them always run. */
export const TARGET_RULES: readonly TargetRule[] = [
  {
    name: "ranges-ordered",
    check(target, report) {
      const n = target.neuron;
      const pairs: [string, number, number, JsonPointer][] = [
        ["neuron.u", n.u.min, n.u.max, pointer("neuron", "u", "min")],
        ["neuron.v", n.v.min, n.v.max, pointer("neuron", "v", "min")],
        ["neuron.bias.mantissa", n.bias.mantissaMin, n.bias.mantissaMax, pointer("neuron", "bias", "mantissaMin")],
        ["neuron.weight.exponent", n.weight.exponentMin, n.weight.exponentMax, pointer("neuron", "weight", "exponentMin")],
      ];
      const { minMs, maxMs } = target.timeStep;
      if (minMs !== undefined && maxMs !== undefined) pairs.push(["timeStep", minMs, maxMs, pointer("timeStep", "minMs")]);
      for (const [field, min, max, path] of pairs) if (min > max) report("TP2101", path, { field, min, max });
    },
  },
  {
    name: "register-width",
    check(target, report) {
      for (const name of ["u", "v"] as const) {
        const r: Register = target.neuron[name];
        const count = r.max - r.min + 1;
        if (r.min <= r.max && count > 2 ** r.bits) {
          report("TP2102", pointer("neuron", name), { register: name, count, min: r.min, max: r.max, bits: r.bits, capacity: 2 ** r.bits });
        }
      }
    },
  },
  {
    name: "register-holds-zero",
    check(target, report) {
      for (const name of ["u", "v"] as const) {
        const r = target.neuron[name];
        if (r.min <= r.max && (r.min > 0 || r.max < 0)) report("TP2103", pointer("neuron", name), { register: name, min: r.min, max: r.max });
      }
    },
  },
  {
    name: "decay-range",
    check(target, report) {
      const d = target.neuron.decay;
      const limit = 2 ** d.bits;
      const check = (field: "maxCurrent" | "maxVoltage", offset: number) => {
        if (d[field] + offset > limit) {
          report("TP2104", pointer("neuron", "decay", field), { field: `decay.${field}`, value: d[field], offset, bits: d.bits, limit, largest: limit - offset });
        }
      };
      check("maxCurrent", d.currentOffset);
      check("maxVoltage", d.voltageOffset);
    },
  },
  {
    name: "neuron-latency",
    check(target, report) {
      const value = target.neuron.latency.neuron;
      if (value < 1) report("TP2105", pointer("neuron", "latency", "neuron"), { value });
    },
  },
  {
    name: "exact-arithmetic",
    check(target, report) {
      const n = target.neuron;
      for (const name of ["u", "v"] as const) {
        const needed = n[name].bits + n.decay.bits;
        if (needed > EXACT_BITS) {
          report("TP2106", pointer("neuron", name, "bits"), {
            what: `Decaying register '${name}' (${n[name].bits} bits times a ${n.decay.bits}-bit factor)`,
            needed,
            fields: `neuron.${name}.bits and neuron.decay.bits`,
          });
        }
      }
      const threshold = n.threshold.mantissaBits + n.threshold.shift;
      if (threshold > EXACT_BITS) {
        report("TP2106", pointer("neuron", "threshold"), {
          what: `The threshold (${n.threshold.mantissaBits} mantissa bits shifted by ${n.threshold.shift})`,
          needed: threshold,
          fields: "threshold.mantissaBits and threshold.shift",
        });
      }
    },
  },
  {
    name: "refractory-support",
    check(target, report) {
      const r = target.neuron.refractory;
      if (!r.supported && r.maxSteps > 0) report("TP2107", pointer("neuron", "refractory", "maxSteps"), { value: r.maxSteps });
    },
  },
  {
    name: "threshold-reachable",
    check(target, report) {
      const n = target.neuron;
      const threshold = (2 ** n.threshold.mantissaBits - 1) * 2 ** n.threshold.shift;
      if (n.v.overflow !== "none" && n.v.min <= n.v.max && threshold > n.v.max) report("TP2108", pointer("neuron", "threshold"), { threshold, max: n.v.max });
    },
  },
  {
    name: "weight-clip",
    check(target, report) {
      const n = target.neuron;
      if (n.u.overflow !== "none" && n.u.min <= n.u.max && n.weight.clip > n.u.max) report("TP2109", pointer("neuron", "weight", "clip"), { clip: n.weight.clip, max: n.u.max });
    },
  },
  {
    name: "time-step",
    check(target, report) {
      const { fixedMs, minMs, maxMs } = target.timeStep;
      if (fixedMs === undefined) return;
      if ((minMs !== undefined && fixedMs < minMs) || (maxMs !== undefined && fixedMs > maxMs)) {
        report("TP2110", pointer("timeStep", "fixedMs"), { fixed: fixedMs, min: minMs ?? 0, max: maxMs ?? "∞" });
      }
    },
  },
  ...CAPABILITY_RULES,
  ...LEARNING_RULES,
  ...CROSSBAR_RULES,
  ...RESET_RULES,
  ...MESH_RULES,
  ...ENERGY_RULES,
  ...LAYOUT_RULES,
];

/** One semantic check on a schema-valid glia-core target. */
export interface GliaTargetRule {
  readonly name: string;
  check(target: GliaTarget, report: TargetReporter): void;
}

/** Bits of |x| for a signed register of `bits` bits: its largest magnitude is 2^(bits − 1). */
const magnitudeBits = (bits: number) => bits - 1;

/** The glia-core rules, run after the schema, in this order; all of them always run. */
export const GLIA_TARGET_RULES: readonly GliaTargetRule[] = [
  {
    name: "time-step",
    check(target, report) {
      const { fixedMs, minMs, maxMs } = target.timeStep;
      if (minMs !== undefined && maxMs !== undefined && minMs > maxMs) report("TP2101", pointer("timeStep", "minMs"), { field: "timeStep", min: minMs, max: maxMs });
      if (fixedMs !== undefined && ((minMs !== undefined && fixedMs < minMs) || (maxMs !== undefined && fixedMs > maxMs))) {
        report("TP2110", pointer("timeStep", "fixedMs"), { fixed: fixedMs, min: minMs ?? 0, max: maxMs ?? "∞" });
      }
    },
  },
  {
    name: "exact-products",
    check(target, report) {
      const sem = target.semantics;
      const c = sem.constantFrac;
      const neuron = magnitudeBits(sem.neuron.stateBits);
      const astro = magnitudeBits(sem.astrocyte.stateBits);
      // V·V and a Q.c constant times a state value (kb·V, ka·(…), decay·G)
      const neuronNeeded = Math.max(2 * neuron, c + neuron + 1, c + sem.glutamate.bits);
      if (neuronNeeded > EXACT_BITS - 1) {
        report("TP2111", pointer("semantics", "neuron", "stateBits"), {
          what: `The neuron unit (${sem.neuron.stateBits}-bit state, Q.${c} constants, ${sem.glutamate.bits}-bit glutamate)`,
          needed: neuronNeeded,
          fields: "semantics.neuron.stateBits, semantics.glutamate.bits or semantics.constantFrac",
        });
      }
      // a table step times the spacing remainder; h·h, Ca·h and a Q.c rate times a state
      // difference are formed exactly past 2^53 as well (mulShr, models/izhikevich-fixed.ts)
      const astroNeeded = sem.astrocyte.lut.bits + astro + 1;
      if (astroNeeded > EXACT_BITS - 1) {
        report("TP2111", pointer("semantics", "astrocyte", "stateBits"), {
          what: `The astrocyte unit (${sem.astrocyte.stateBits}-bit state, Q.${c} constants, ${sem.astrocyte.lut.bits}-bit tables)`,
          needed: astroNeeded,
          fields: "semantics.astrocyte.stateBits, semantics.astrocyte.lut.bits or semantics.constantFrac",
        });
      }
      // delta·A with a signed delta of weightBits + 1 bits and A ≤ 2^gainBits
      const gainNeeded = sem.synapse.weightBits + 1 + sem.effects.gainBits;
      if (gainNeeded > EXACT_BITS - 1) {
        report("TP2111", pointer("semantics", "effects", "gainBits"), {
          what: `The gate factor (${sem.effects.gainBits} fractional bits) times a ${sem.synapse.weightBits}-bit weight change`,
          needed: gainNeeded,
          fields: "semantics.effects.gainBits or semantics.synapse.weightBits",
        });
      }
    },
  },
  {
    name: "accumulator-width",
    check(target, report) {
      const syn = target.semantics.synapse;
      // w < 2^weightBits, S < 2^(sigmoid.bits − 1): one product has weightBits + sigmoid.bits − 1 bits
      const event = syn.weightBits + syn.sigmoid.bits - 1;
      const accumulator = syn.accumulatorBits;
      if (event > accumulator - 1) {
        report("TP2112", pointer("semantics", "synapse", "accumulatorBits"), { accumulator, event, minimum: event + 1, weight: syn.weightBits, sigmoid: syn.sigmoid.bits });
        return;
      }
      const largest = target.core.maxFanIn * (2 ** syn.weightBits - 1) * (2 ** (syn.sigmoid.bits - 1) - 1);
      const needed = Math.ceil(Math.log2(largest + 1)) + 1;
      if (needed > accumulator) report("TP2113", pointer("semantics", "synapse", "accumulatorBits"), { fanIn: target.core.maxFanIn, needed, accumulator });
    },
  },
  {
    name: "capabilities",
    check(target, report) {
      const sem = target.semantics;
      const implemented: readonly string[] = sem.neuron.models;
      target.capabilities.models.forEach((item, i) => {
        if (!implemented.includes(item)) {
          report("TP2114", pointer("capabilities", "models", i), { item, field: "capabilities.models", implemented: implemented.join(", "), semantics: "neuron.models" });
        }
      });
      target.capabilities.synapses.forEach((item, i) => {
        if (item !== "sigmoid_conductance") {
          report("TP2114", pointer("capabilities", "synapses", i), { item, field: "capabilities.synapses", implemented: "sigmoid_conductance", semantics: "synapse" });
        }
      });
      const hasAstrocytes = sem.astrocyte.models.length > 0;
      if (target.capabilities.astrocytes !== hasAstrocytes) {
        report("TP2115", pointer("capabilities", "astrocytes"), {
          astrocytes: String(target.capabilities.astrocytes),
          models: hasAstrocytes ? `[${sem.astrocyte.models.join(", ")}]` : "empty",
        });
      }
    },
  },
  {
    name: "astrocyte-limits",
    check(target, report) {
      const { core, semantics } = target;
      if (core.maxTerritory > core.maxNeurons) report("TP2116", pointer("core", "maxTerritory"), { territory: core.maxTerritory, neurons: core.maxNeurons });
      const a = semantics.astrocyte;
      if (a.maxWindowSteps > a.maxHoldSteps) report("TP2117", pointer("semantics", "astrocyte", "maxWindowSteps"), { window: a.maxWindowSteps, hold: a.maxHoldSteps });
      if (a.diffusion.length > 0 && core.maxNeighbours === 0) report("TP2118", pointer("semantics", "astrocyte", "diffusion"), { orders: a.diffusion.join(", ") });
    },
  },
  ...GLIA_LEARNING_RULES,
  ...GLIA_ENERGY_RULES,
];

let validator: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (validator === undefined) {
    const schema: unknown = JSON.parse(readFileSync(join(packageRoot(), "schemas", "target.schema.json"), "utf8"));
    validator = new Ajv2020({ allErrors: true, strict: true }).compile(schema as object);
  }
  return validator;
}

/** Parses and checks a target description of either family; warnings ride along with a successful result. */
export function loadTarget(text: string, options: { readonly file?: string } = {}): Result<AnyTarget> {
  const { file } = options;
  const extra = file !== undefined ? { file } : {};
  const parsed = parseJsonSource(text, file, "TP1101");
  if (!parsed.ok) return fail(parsed.diagnostics);
  const { source } = parsed;
  const document = source.value;

  const format = isObject(document) ? document.format : undefined;
  if (typeof format === "string" && format !== TARGET_FORMAT) {
    return fail(withPositions([makeDiagnostic("TP1105", pointer("format"), { found: format, expected: TARGET_FORMAT }, extra)], source));
  }

  const validate = schemaValidator();
  if (!validate(document)) {
    // the family switch (if/then/else) adds one summary error of its own; the branch's errors say it all
    const errors = (validate.errors ?? []).filter((error) => error.keyword !== "if");
    return fail(withPositions(targetSchemaDiagnostics(errors, document, file), source));
  }

  const findings: Diagnostic[] = [];
  const report: TargetReporter = (code, path, args = {}) => findings.push(makeDiagnostic(code, path, args, extra));
  const target = document as unknown as AnyTarget;
  if (isObject(document) && document.family === GLIA_FAMILY) {
    for (const rule of GLIA_TARGET_RULES) rule.check(target as GliaTarget, report);
  } else {
    for (const rule of TARGET_RULES) rule.check(target as Target, report);
  }
  const diagnostics = withPositions(findings, source);
  return hasErrors(diagnostics) ? fail(diagnostics) : ok(target, diagnostics);
}

/** Reads and checks a target file; an unreadable file is TP1106. */
export async function loadTargetFile(path: string): Promise<Result<AnyTarget>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    return fail([makeDiagnostic("TP1106", ROOT, { file: path, reason: describeIoError(error), bundled: listTargets().join(", ") }, { file: path })]);
  }
  return loadTarget(text, { file: path });
}

/** The folder of the bundled target descriptions. */
export function bundledTargetsDir(): string {
  return join(packageRoot(), "targets");
}

/** Names of the bundled targets of both families, sorted ("glia-core", "loihi-cuba", ...). */
export function listTargets(): string[] {
  let names: string[];
  try {
    names = readdirSync(bundledTargetsDir());
  } catch {
    return [];
  }
  return names.filter((name) => name.endsWith(".json")).map((name) => name.slice(0, -".json".length)).sort();
}

/** The file a target name or path refers to: a bundled name wins; otherwise the path itself if it is a file. */
export function resolveTargetPath(nameOrPath: string): string | undefined {
  if (listTargets().includes(nameOrPath)) return join(bundledTargetsDir(), `${nameOrPath}.json`);
  try {
    return statSync(nameOrPath).isFile() ? nameOrPath : undefined;
  } catch {
    return undefined;
  }
}

/** Loads a bundled target by name ("loihi-cuba") or a target file by path; neither is TP1107. */
export async function resolveTarget(nameOrPath: string): Promise<Result<AnyTarget>> {
  const path = resolveTargetPath(nameOrPath);
  if (path === undefined) {
    return fail([makeDiagnostic("TP1107", ROOT, { name: nameOrPath, bundled: listTargets().join(", ") })]);
  }
  return loadTargetFile(path);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

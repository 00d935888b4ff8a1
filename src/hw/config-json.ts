/**
 * The readable JSON twin of a config (config.json) and the one reader that turns a plain object
 * (parsed JSON, or a decoded protobuf message) into an HwConfig. The reader checks every field's
 * type and range before a typed array is built (nothing wraps silently), then the config's
 * invariants (validate.ts); any problem is a TP40xx diagnostic, never a throw.
 */
import { DiagnosticBag, fail, ok, type Reporter, type Result } from "../ir/diagnostics.js";
import { child, pointer, ROOT, type JsonPointer } from "../ir/pointer.js";
import type { CoreLimits, LifSemantics, Register } from "../targets/types.js";
import {
  HWCONFIG_FORMAT,
  type HwCompartments,
  type HwConfig,
  type HwCore,
  type HwInputs,
  type HwPlacement,
  type HwRecordSpec,
  type HwRoutes,
  type HwScale,
  type HwSymbol,
  type HwSynapses,
  type SynapseFormat,
} from "./types.js";
import { validateConfig } from "./validate.js";
import { learningJson, readLearning } from "./learning-json.js";
import { crossbarJson, readCrossbar } from "./crossbar-config-json.js";

/** A value as JSON: typed arrays become number arrays. */
export type Jsonify<T> = T extends Int32Array | Uint8Array | Int8Array | Float64Array
  ? number[]
  : T extends readonly (infer U)[]
    ? Jsonify<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Jsonify<T[K]> }
      : T;

/** The JSON twin of an HwConfig (same field names, arrays instead of typed arrays). */
export type ConfigJson = Jsonify<HwConfig>;

const list = (values: ArrayLike<number>): number[] => Array.from(values);

/** The JSON twin, with a fixed key order (the order of src/hw/types.ts) so that files diff cleanly. */
export function toConfigJson(config: HwConfig): ConfigJson {
  const s = config.semantics;
  const register = (r: Register) => ({ bits: r.bits, min: r.min, max: r.max, overflow: r.overflow });
  return {
    format: config.format,
    target: { name: config.target.name, version: config.target.version },
    network: { name: config.network.name, hash: config.network.hash },
    semantics: {
      u: register(s.u),
      v: register(s.v),
      decay: {
        ...(s.decay.form !== undefined ? { form: s.decay.form } : {}),
        bits: s.decay.bits,
        rounding: s.decay.rounding,
        currentOffset: s.decay.currentOffset,
        voltageOffset: s.decay.voltageOffset,
        maxCurrent: s.decay.maxCurrent,
        maxVoltage: s.decay.maxVoltage,
      },
      threshold: { mantissaBits: s.threshold.mantissaBits, shift: s.threshold.shift, compare: s.threshold.compare },
      reset: s.reset,
      refractory: { supported: s.refractory.supported, maxSteps: s.refractory.maxSteps },
      bias: { mantissaMin: s.bias.mantissaMin, mantissaMax: s.bias.mantissaMax, exponentMax: s.bias.exponentMax },
      weight: {
        mantissaBits: s.weight.mantissaBits,
        exponentMin: s.weight.exponentMin,
        exponentMax: s.weight.exponentMax,
        shift: s.weight.shift,
        rounding: s.weight.rounding,
        clip: s.weight.clip,
      },
      latency: { neuron: s.latency.neuron, input: s.latency.input },
      maxDelay: s.maxDelay,
      initialCurrent: s.initialCurrent,
      currentChannels: s.currentChannels,
      ...(s.spikesPerStep !== undefined ? { spikesPerStep: s.spikesPerStep } : {}),
      ...(s.inputTiming !== undefined ? { inputTiming: s.inputTiming } : {}),
    },
    dtMs: config.dtMs,
    steps: config.steps,
    seed: config.seed,
    cores: config.cores.map((core) => ({
      index: core.index,
      compartments: {
        count: core.compartments.count,
        du: list(core.compartments.du),
        dv: list(core.compartments.dv),
        vthMant: list(core.compartments.vthMant),
        biasMant: list(core.compartments.biasMant),
        biasExp: list(core.compartments.biasExp),
        refractory: list(core.compartments.refractory),
        u0: list(core.compartments.u0),
        v0: list(core.compartments.v0),
      },
      formats: core.formats.map((f) => ({ signMode: f.signMode, weightBits: f.weightBits, exponent: f.exponent, channel: f.channel })),
      synapses: {
        axonCount: core.synapses.axonCount,
        rowStart: list(core.synapses.rowStart),
        target: list(core.synapses.target),
        mantissa: list(core.synapses.mantissa),
        format: list(core.synapses.format),
        delay: list(core.synapses.delay),
      },
    })),
    routes: { sourceCount: config.routes.sourceCount, rowStart: list(config.routes.rowStart), core: list(config.routes.core), axon: list(config.routes.axon) },
    inputs: { lineCount: config.inputs.lineCount, spikeSteps: list(config.inputs.spikeSteps), spikeLines: list(config.inputs.spikeLines) },
    symbols: config.symbols.map((symbol) => ({
      id: symbol.id,
      kind: symbol.kind,
      size: symbol.size,
      core: list(symbol.core),
      local: list(symbol.local),
      ...(symbol.external !== undefined ? { external: symbol.external } : {}),
    })),
    scales: config.scales.map((scale) => ({ population: scale.population, variable: scale.variable, unit: scale.unit, scale: scale.scale, offset: scale.offset })),
    record: config.record.map((spec) => ({ population: spec.population, spikes: spec.spikes, state: [...spec.state], neurons: list(spec.neurons) })),
    ...(config.limits !== undefined
      ? {
          limits: {
            maxNeurons: config.limits.maxNeurons,
            maxSynapses: config.limits.maxSynapses,
            maxFanIn: config.limits.maxFanIn,
            maxFanOut: config.limits.maxFanOut,
            maxInputAxons: config.limits.maxInputAxons,
            maxOutputAxons: config.limits.maxOutputAxons,
          },
        }
      : {}),
    ...(config.learning !== undefined ? { learning: learningJson(config.learning) } : {}),
    ...(config.crossbar !== undefined ? { crossbar: crossbarJson(config.crossbar) } : {}),
    ...(config.placement !== undefined ? { placement: placementJson(config.placement) } : {}),
  };
}

function placementJson(placement: HwPlacement): Jsonify<HwPlacement> {
  return {
    chipCores: placement.chipCores,
    ...(placement.mesh !== undefined ? { mesh: { ...placement.mesh } } : {}),
    ...(placement.board !== undefined ? { board: { ...placement.board } } : {}),
    slot: list(placement.slot),
  };
}

/**
 * The text of config.json: the JSON twin indented by two spaces, with every array of numbers or
 * strings on one line (so a config of millions of synapses stays a few lines per core).
 */
export function formatConfigJson(config: HwConfig): string {
  return formatValue(toConfigJson(config), "") + "\n";
}

function formatValue(value: unknown, indent: string): string {
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== "object")) return `[${value.map((item) => JSON.stringify(item)).join(", ")}]`;
    return `[\n${value.map((item) => inner + formatValue(item, inner)).join(",\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${formatValue(item, inner)}`).join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** Reads a config JSON twin (already parsed), checking its format, fields and invariants. */
export function fromConfigJson(value: unknown, file?: string): Result<HwConfig> {
  return readConfigObject(value, file);
}

// ---------------------------------------------------------------------------------------------
// The reader shared by the JSON twin and the protobuf codec

const [FORMAT_NAME, FORMAT_VERSION] = HWCONFIG_FORMAT.split("/");

/**
 * Checks the format string: another name is TP4002, another version of ours TP4003.
 * Returns true when the rest of the object may be read.
 */
export function checkFormat(format: unknown, report: Reporter): boolean {
  const path = pointer("format");
  if (typeof format !== "string" || !format.startsWith(FORMAT_NAME + "/")) {
    report("TP4002", path, { found: typeof format === "string" ? format : String(format), expected: HWCONFIG_FORMAT });
    return false;
  }
  const version = format.slice(FORMAT_NAME.length + 1);
  if (version !== FORMAT_VERSION) {
    report("TP4003", path, { found: version, expected: FORMAT_VERSION });
    return false;
  }
  return true;
}

/** A plain object (parsed JSON or a decoded protobuf message) → HwConfig, or the reasons not. */
export function readConfigObject(value: unknown, file?: string): Result<HwConfig> {
  const bag = new DiagnosticBag(file);
  const root = new Fields(bag.report, value, ROOT);
  if (!root.isObject) return fail(bag.items);
  if (!checkFormat(root.raw("format"), bag.report)) return fail(bag.items);
  const config = readConfig(root);
  if (bag.hasErrors) return fail(bag.items);
  const problems = validateConfig(config, file);
  return problems.length > 0 ? fail(problems) : ok(config, bag.items);
}

type IntKind = "int32" | "uint8";
const INT_RANGE: Record<IntKind, readonly [number, number]> = { int32: [-2147483648, 2147483647], uint8: [0, 255] };

/**
 * Typed access to one object's fields: each getter checks the type, reports TP4004 at the
 * field's pointer when it is wrong, and returns a harmless default so reading can go on.
 */
class Fields {
  private readonly object: Record<string, unknown>;
  readonly isObject: boolean;

  constructor(
    private readonly report: Reporter,
    value: unknown,
    readonly path: JsonPointer,
  ) {
    this.isObject = value !== null && typeof value === "object" && !Array.isArray(value);
    this.object = this.isObject ? (value as Record<string, unknown>) : {};
    if (!this.isObject) this.wrong(path, "an object");
  }

  raw(key: string): unknown {
    return this.object[key];
  }

  has(key: string): boolean {
    return this.object[key] !== undefined && this.object[key] !== null;
  }

  private wrong(path: JsonPointer, expected: string): void {
    this.report("TP4004", path, { field: path.slice(1) || "(root)", expected });
  }

  child(key: string): Fields {
    return new Fields(this.report, this.object[key], child(this.path, key));
  }

  children(key: string): Fields[] {
    const value = this.object[key];
    if (!Array.isArray(value)) {
      this.wrong(child(this.path, key), "an array");
      return [];
    }
    return value.map((item, i) => new Fields(this.report, item, child(this.path, key, i)));
  }

  string(key: string): string {
    const value = this.object[key];
    if (typeof value === "string") return value;
    this.wrong(child(this.path, key), "a string");
    return "";
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T {
    const value = this.object[key];
    if (typeof value === "string" && (values as readonly string[]).includes(value)) return value as T;
    this.wrong(child(this.path, key), `one of ${values.map((v) => `"${v}"`).join(", ")}`);
    return values[0];
  }

  boolean(key: string): boolean {
    const value = this.object[key];
    if (typeof value === "boolean") return value;
    this.wrong(child(this.path, key), "true or false");
    return false;
  }

  number(key: string): number {
    const value = this.object[key];
    if (typeof value === "number" && Number.isFinite(value)) return value;
    this.wrong(child(this.path, key), "a finite number");
    return 0;
  }

  integer(key: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
    const value = this.object[key];
    if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return value;
    this.wrong(child(this.path, key), `an integer from ${min} to ${max}`);
    return Math.max(min, 0);
  }

  someOf<T extends string>(key: string, values: readonly T[]): T[] {
    const value = this.object[key];
    if (Array.isArray(value) && value.every((item) => typeof item === "string" && (values as readonly string[]).includes(item))) return [...(value as T[])];
    this.wrong(child(this.path, key), `an array of ${values.map((v) => `"${v}"`).join(", ")}`);
    return [];
  }

  int32s(key: string): Int32Array {
    return Int32Array.from(this.integers(key, "int32"));
  }

  uint8s(key: string): Uint8Array {
    return Uint8Array.from(this.integers(key, "uint8"));
  }

  /** An array of finite numbers; else an empty array and TP4004 at the first bad entry. */
  float64s(key: string): Float64Array {
    const value = this.object[key];
    const path = child(this.path, key);
    const items = (Array.isArray(value) || value instanceof Float64Array ? value : undefined) as ArrayLike<unknown> | undefined;
    if (items === undefined) {
      this.wrong(path, "an array of numbers");
      return new Float64Array(0);
    }
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item !== "number" || !Number.isFinite(item)) {
        this.wrong(child(path, i), "a finite number");
        return new Float64Array(0);
      }
    }
    return Float64Array.from(items as ArrayLike<number>);
  }

  /** The array's entries when every one is an integer in range of `kind`; else [] and TP4004 at the first bad entry. */
  private integers(key: string, kind: IntKind): ArrayLike<number> {
    const value = this.object[key];
    const path = child(this.path, key);
    const isTyped = ArrayBuffer.isView(value) && !(value instanceof DataView);
    if (!Array.isArray(value) && !isTyped) {
      this.wrong(path, `an array of integers`);
      return [];
    }
    const items = value as ArrayLike<unknown>;
    const [min, max] = INT_RANGE[kind];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item !== "number" || !Number.isInteger(item) || item < min || item > max) {
        this.wrong(child(path, i), `an integer from ${min} to ${max}`);
        return [];
      }
    }
    return items as ArrayLike<number>;
  }
}

function readConfig(root: Fields): HwConfig {
  const target = root.child("target");
  const network = root.child("network");
  const limits = root.has("limits") ? readLimits(root.child("limits")) : undefined;
  const learning = root.has("learning") ? readLearning(root.child("learning")) : undefined;
  const crossbar = root.has("crossbar") ? readCrossbar(root.child("crossbar")) : undefined;
  const placement = root.has("placement") ? readPlacement(root.child("placement")) : undefined;
  return {
    format: HWCONFIG_FORMAT,
    target: { name: target.string("name"), version: target.string("version") },
    network: { name: network.string("name"), hash: network.string("hash") },
    semantics: readSemantics(root.child("semantics")),
    dtMs: root.number("dtMs"),
    steps: root.integer("steps", 0, 2 ** 32 - 1),
    seed: root.integer("seed", 0, 2 ** 32 - 1),
    cores: root.children("cores").map(readCore),
    routes: readRoutes(root.child("routes")),
    inputs: readInputs(root.child("inputs")),
    symbols: root.children("symbols").map(readSymbol),
    scales: root.children("scales").map(readScale),
    record: root.children("record").map(readRecordSpec),
    ...(limits !== undefined ? { limits } : {}),
    ...(learning !== undefined ? { learning } : {}),
    ...(crossbar !== undefined ? { crossbar } : {}),
    ...(placement !== undefined ? { placement } : {}),
  };
}

const ROUNDINGS = ["toward-zero", "floor", "half-away"] as const;

function readRegister(fields: Fields): Register {
  return {
    bits: fields.integer("bits"),
    min: fields.integer("min"),
    max: fields.integer("max"),
    overflow: fields.oneOf("overflow", ["wrap", "wrap-once", "saturate", "none"] as const),
  };
}

function readSemantics(fields: Fields): LifSemantics {
  const decay = fields.child("decay");
  const threshold = fields.child("threshold");
  const refractory = fields.child("refractory");
  const bias = fields.child("bias");
  const weight = fields.child("weight");
  const latency = fields.child("latency");
  // Optional fields (absent in Loihi-style configs); protobuf reads an absent one as "" or 0.
  const present = (f: Fields, key: string) => f.has(key) && f.raw(key) !== "" && f.raw(key) !== 0;
  return {
    u: readRegister(fields.child("u")),
    v: readRegister(fields.child("v")),
    decay: {
      ...(present(decay, "form") ? { form: decay.oneOf("form", ["multiply", "shift"] as const) } : {}),
      bits: decay.integer("bits"),
      rounding: decay.oneOf("rounding", ROUNDINGS),
      currentOffset: decay.integer("currentOffset"),
      voltageOffset: decay.integer("voltageOffset"),
      maxCurrent: decay.integer("maxCurrent"),
      maxVoltage: decay.integer("maxVoltage"),
    },
    threshold: {
      mantissaBits: threshold.integer("mantissaBits"),
      shift: threshold.integer("shift"),
      compare: threshold.oneOf("compare", [">", ">="] as const),
    },
    reset: fields.oneOf("reset", ["zero", "subtract"] as const),
    refractory: { supported: refractory.boolean("supported"), maxSteps: refractory.integer("maxSteps") },
    bias: { mantissaMin: bias.integer("mantissaMin"), mantissaMax: bias.integer("mantissaMax"), exponentMax: bias.integer("exponentMax") },
    weight: {
      mantissaBits: weight.integer("mantissaBits"),
      exponentMin: weight.integer("exponentMin"),
      exponentMax: weight.integer("exponentMax"),
      shift: weight.integer("shift"),
      rounding: weight.oneOf("rounding", ROUNDINGS),
      clip: weight.number("clip"),
    },
    latency: { neuron: latency.integer("neuron"), input: latency.integer("input") },
    maxDelay: fields.integer("maxDelay"),
    initialCurrent: fields.oneOf("initialCurrent", ["decay", "carry"] as const),
    currentChannels: fields.integer("currentChannels"),
    ...(present(fields, "spikesPerStep") ? { spikesPerStep: fields.integer("spikesPerStep") } : {}),
    ...(present(fields, "inputTiming") ? { inputTiming: fields.oneOf("inputTiming", ["next-step", "same-step"] as const) } : {}),
  };
}

function readCore(fields: Fields): HwCore {
  const c = fields.child("compartments");
  const s = fields.child("synapses");
  const compartments: HwCompartments = {
    count: c.integer("count", 0),
    du: c.int32s("du"),
    dv: c.int32s("dv"),
    vthMant: c.int32s("vthMant"),
    biasMant: c.int32s("biasMant"),
    biasExp: c.int32s("biasExp"),
    refractory: c.int32s("refractory"),
    u0: c.int32s("u0"),
    v0: c.int32s("v0"),
  };
  const synapses: HwSynapses = {
    axonCount: s.integer("axonCount", 0),
    rowStart: s.int32s("rowStart"),
    target: s.int32s("target"),
    mantissa: s.int32s("mantissa"),
    format: s.uint8s("format"),
    delay: s.uint8s("delay"),
  };
  const formats = fields.children("formats").map(
    (f): SynapseFormat => ({
      signMode: f.oneOf("signMode", ["excitatory", "inhibitory", "mixed"] as const),
      weightBits: f.integer("weightBits"),
      exponent: f.integer("exponent"),
      channel: f.integer("channel"),
    }),
  );
  return { index: fields.integer("index", 0), compartments, formats, synapses };
}

function readRoutes(fields: Fields): HwRoutes {
  return { sourceCount: fields.integer("sourceCount", 0), rowStart: fields.int32s("rowStart"), core: fields.int32s("core"), axon: fields.int32s("axon") };
}

function readInputs(fields: Fields): HwInputs {
  return { lineCount: fields.integer("lineCount", 0), spikeSteps: fields.int32s("spikeSteps"), spikeLines: fields.int32s("spikeLines") };
}

function readSymbol(fields: Fields): HwSymbol {
  return {
    id: fields.string("id"),
    kind: fields.oneOf("kind", ["population", "input"] as const),
    size: fields.integer("size", 0),
    core: fields.int32s("core"),
    local: fields.int32s("local"),
    ...(fields.has("external") ? { external: fields.boolean("external") } : {}),
  };
}

function readScale(fields: Fields): HwScale {
  return {
    population: fields.string("population"),
    variable: fields.oneOf("variable", ["v", "u", "i_syn"] as const),
    unit: fields.string("unit"),
    scale: fields.number("scale"),
    offset: fields.number("offset"),
  };
}

function readRecordSpec(fields: Fields): HwRecordSpec {
  return {
    population: fields.string("population"),
    spikes: fields.boolean("spikes"),
    state: fields.someOf("state", ["v", "i_syn"] as const),
    neurons: fields.int32s("neurons"),
  };
}

function readLimits(fields: Fields): CoreLimits {
  return {
    maxNeurons: fields.integer("maxNeurons", 0),
    maxSynapses: fields.integer("maxSynapses", 0),
    maxFanIn: fields.integer("maxFanIn", 0),
    maxFanOut: fields.integer("maxFanOut", 0),
    maxInputAxons: fields.integer("maxInputAxons", 0),
    maxOutputAxons: fields.integer("maxOutputAxons", 0),
  };
}

function readPlacement(fields: Fields): HwPlacement {
  const mesh = fields.has("mesh") ? fields.child("mesh") : undefined;
  const board = fields.has("board") ? fields.child("board") : undefined;
  return {
    chipCores: fields.integer("chipCores", 1),
    ...(mesh !== undefined ? { mesh: { columns: mesh.integer("columns", 1), rows: mesh.integer("rows", 1), coresPerTile: mesh.integer("coresPerTile", 1) } } : {}),
    ...(board !== undefined ? { board: { chips: board.integer("chips", 1), columns: board.integer("columns", 1), rows: board.integer("rows", 1) } } : {}),
    slot: fields.int32s("slot"),
  };
}

/**
 * The readable JSON twin of a glia-core config (glia-config.json) and the one reader that turns a
 * plain object (parsed JSON, or a decoded protobuf message) into a GliaConfig. Every field's type
 * is checked before a typed array is built (nothing wraps silently), then the config's invariants
 * (glia-validate.ts); any problem is a TP40xx diagnostic, never a throw.
 */
import { DiagnosticBag, fail, ok, type Reporter, type Result } from "../ir/diagnostics.js";
import { child, pointer, ROOT, type JsonPointer } from "../ir/pointer.js";
import type { StateVariable } from "../ir/types.js";
import type { GliaCoreLimits, GliaSemantics } from "../targets/glia-types.js";
import type { Jsonify } from "./config-json.js";
import {
  GLIA_CONFIG_FORMAT,
  type GliaAstroGroup,
  type GliaConfig,
  type GliaCurrent,
  type GliaLut,
  type GliaNeuronEffect,
  type GliaNeuronGroup,
  type GliaProjection,
} from "./glia-config.js";
import type { HwRecordSpec, HwScale } from "./types.js";
import { validateGliaConfig } from "./glia-validate.js";
import { learningJson, readLearning } from "./learning-json.js";

/** The JSON twin of a GliaConfig (same field names, arrays instead of typed arrays, null for no input clip). */
export type GliaConfigJson = Jsonify<GliaConfig>;

const list = (values: ArrayLike<number>): number[] => Array.from(values);
const table = (t: GliaSemantics["synapse"]["sigmoid"]) => ({ entries: t.entries, bits: t.bits, interpolation: t.interpolation });

/** The JSON twin, with a fixed key order (that of src/hw/glia-config.ts) so that files diff cleanly. */
export function toGliaConfigJson(config: GliaConfig): GliaConfigJson {
  const s = config.semantics;
  const l = config.limits;
  return {
    format: config.format,
    target: { name: config.target.name, version: config.target.version },
    network: { name: config.network.name, hash: config.network.hash },
    semantics: {
      rounding: s.rounding,
      constantFrac: s.constantFrac,
      neuron: { models: [...s.neuron.models], stateBits: s.neuron.stateBits, overflow: s.neuron.overflow },
      glutamate: { bits: s.glutamate.bits },
      synapse: { weightBits: s.synapse.weightBits, accumulatorBits: s.synapse.accumulatorBits, sigmoid: table(s.synapse.sigmoid), maxDelay: s.synapse.maxDelay },
      astrocyte: {
        models: [...s.astrocyte.models],
        stateBits: s.astrocyte.stateBits,
        integrator: s.astrocyte.integrator,
        minPeriodSteps: s.astrocyte.minPeriodSteps,
        lut: { ...table(s.astrocyte.lut), spacing: [...s.astrocyte.lut.spacing] },
        diffusion: [...s.astrocyte.diffusion],
        sensing: [...s.astrocyte.sensing],
        maxHoldSteps: s.astrocyte.maxHoldSteps,
        maxWindowSteps: s.astrocyte.maxWindowSteps,
      },
      effects: { synapse: [...s.effects.synapse], graded: s.effects.graded, neuron: [...s.effects.neuron], gainBits: s.effects.gainBits },
    },
    limits: {
      maxNeurons: l.maxNeurons,
      maxSynapses: l.maxSynapses,
      maxFanIn: l.maxFanIn,
      maxFanOut: l.maxFanOut,
      maxAstrocytes: l.maxAstrocytes,
      maxTerritory: l.maxTerritory,
      maxNeighbours: l.maxNeighbours,
    },
    dtMs: config.dtMs,
    steps: config.steps,
    seed: config.seed,
    neurons: config.neurons.map((n) => ({
      population: n.population,
      offset: n.offset,
      size: n.size,
      frac: n.frac,
      iFrac: n.iFrac,
      vCentre: n.vCentre,
      k004: n.k004,
      k5: n.k5,
      k140: n.k140,
      kI: n.kI,
      ka: n.ka,
      kb: n.kb,
      cReset: n.cReset,
      d: n.d,
      peak: n.peak,
      spikeThreshold: n.spikeThreshold,
      inputClip: n.inputClip,
      v0: list(n.v0),
      u0: list(n.u0),
      ...(n.glutamate !== undefined
        ? { glutamate: { frac: n.glutamate.frac, decay: n.glutamate.decay, increment: n.glutamate.increment, release: n.glutamate.release } }
        : {}),
    })),
    projections: config.projections.map((p) => ({
      id: p.id,
      pre: { kind: p.pre.kind, offset: p.pre.offset, size: p.pre.size },
      postOffset: p.postOffset,
      postSize: p.postSize,
      eRev: p.eRev,
      sigmoid: p.sigmoid,
      sFrac: p.sFrac,
      weightFrac: p.weightFrac,
      rowStart: list(p.rowStart),
      post: list(p.post),
      weight: list(p.weight),
      astrocyte: list(p.astrocyte),
      delta: list(p.delta),
    })),
    currents: config.currents.map((c) => ({
      id: c.id,
      populationOffset: c.populationOffset,
      size: c.size,
      step: list(c.step),
      neuron: list(c.neuron),
      value: list(c.value),
    })),
    astrocytes: config.astrocytes.map((a) => ({
      id: a.id,
      model: a.model,
      offset: a.offset,
      size: a.size,
      frac: a.frac,
      periodSteps: a.periodSteps,
      constants: { ...a.constants },
      luts: { ...a.luts },
      ca0: list(a.ca0),
      h0: list(a.h0),
      ip30: list(a.ip30),
      sweep: list(a.sweep),
      ...(a.diffusion !== undefined
        ? { diffusion: { order: a.diffusion.order, dCa: a.diffusion.dCa, dIp3: a.diffusion.dIp3, rowStart: list(a.diffusion.rowStart), neighbour: list(a.diffusion.neighbour) } }
        : {}),
      territory: {
        populationOffset: a.territory.populationOffset,
        rowStart: list(a.territory.rowStart),
        neuron: list(a.territory.neuron),
        ownerOf: list(a.territory.ownerOf),
        ownerRule: a.territory.ownerRule,
      },
      ...(a.sensing !== undefined ? { sensing: { ...a.sensing } } : {}),
      ...(a.gate !== undefined ? { gate: { ...a.gate } } : {}),
      ...(a.grading !== undefined ? { grading: { ...a.grading } } : {}),
    })),
    neuronEffects: config.neuronEffects.map((e) => ({ ...e })),
    luts: config.luts.map((t) => ({
      name: t.name,
      x0: t.x0,
      shift: t.shift,
      values: list(t.values),
      frac: t.frac,
      interpolation: t.interpolation,
      spacing: t.spacing,
      segmentBits: t.segmentBits,
      maxError: t.maxError,
    })),
    inputs: {
      lineCount: config.inputs.lineCount,
      spikeSteps: list(config.inputs.spikeSteps),
      spikeLines: list(config.inputs.spikeLines),
      symbols: config.inputs.symbols.map((s) => ({ id: s.id, offset: s.offset, size: s.size, external: s.external })),
    },
    scales: config.scales.map((s) => ({ population: s.population, variable: s.variable, unit: s.unit, scale: s.scale, offset: s.offset })),
    record: config.record.map((r) => ({ population: r.population, spikes: r.spikes, state: [...r.state], neurons: list(r.neurons) })),
    ...(config.learning !== undefined ? { learning: learningJson(config.learning) } : {}),
  };
}

/** The text of glia-config.json: indented by two spaces, every array of scalars on one line. */
export function formatGliaConfigJson(config: GliaConfig): string {
  return formatValue(toGliaConfigJson(config), "") + "\n";
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

/** Reads a glia-config JSON twin (already parsed), checking its format, fields and invariants. */
export function fromGliaConfigJson(value: unknown, file?: string): Result<GliaConfig> {
  return readGliaConfigObject(value, file);
}

// ---------------------------------------------------------------------------------------------
// The reader shared by the JSON twin and the protobuf codec

const [FORMAT_NAME, FORMAT_VERSION] = GLIA_CONFIG_FORMAT.split("/");

/** Checks the format string: another name is TP4002, another version of ours TP4003. True when the rest may be read. */
export function checkGliaFormat(format: unknown, report: Reporter): boolean {
  const path = pointer("format");
  if (typeof format !== "string" || !format.startsWith(FORMAT_NAME + "/")) {
    report("TP4002", path, { found: typeof format === "string" ? format : String(format), expected: GLIA_CONFIG_FORMAT });
    return false;
  }
  const version = format.slice(FORMAT_NAME.length + 1);
  if (version !== FORMAT_VERSION) {
    report("TP4003", path, { found: version, expected: FORMAT_VERSION });
    return false;
  }
  return true;
}

/** A plain object (parsed JSON or a decoded protobuf message) → GliaConfig, or the reasons not. */
export function readGliaConfigObject(value: unknown, file?: string): Result<GliaConfig> {
  const bag = new DiagnosticBag(file);
  const root = new Fields(bag.report, value, ROOT);
  if (!root.isObject) return fail(bag.items);
  if (!checkGliaFormat(root.raw("format"), bag.report)) return fail(bag.items);
  const config = readConfig(root);
  if (bag.hasErrors) return fail(bag.items);
  const problems = validateGliaConfig(config, file);
  return problems.length > 0 ? fail(problems) : ok(config, bag.items);
}

const INT32: readonly [number, number] = [-2147483648, 2147483647];
const UINT32_MAX = 2 ** 32 - 1;

/**
 * Typed access to one object's fields: each getter checks the type, reports TP4004 at the field's
 * pointer when it is wrong, and returns a harmless default so reading can go on.
 */
class Fields {
  private readonly object: Record<string, unknown>;
  readonly isObject: boolean;

  constructor(
    private readonly report: Reporter,
    value: unknown,
    readonly path: JsonPointer,
  ) {
    this.isObject = value !== null && typeof value === "object" && !Array.isArray(value) && !ArrayBuffer.isView(value);
    this.object = this.isObject ? (value as Record<string, unknown>) : {};
    if (!this.isObject) this.wrong(path, "an object");
  }

  raw(key: string): unknown {
    return this.object[key];
  }

  /** Present and not null (a decoded protobuf message marks an absent sub-message with null). */
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

  someOf<T extends string>(key: string, values: readonly T[]): T[] {
    const value = this.object[key];
    if (Array.isArray(value) && value.every((item) => typeof item === "string" && (values as readonly string[]).includes(item))) return [...(value as T[])];
    this.wrong(child(this.path, key), `an array of ${values.map((v) => `"${v}"`).join(", ")}`);
    return [];
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

  /** A record of names to safe integers (map fields of the schema). */
  integerRecord(key: string, min: number, max: number): Record<string, number> {
    const fields = this.child(key);
    const out: Record<string, number> = {};
    if (!fields.isObject) return out;
    for (const name of Object.keys(fields.object)) out[name] = fields.integer(name, min, max);
    return out;
  }

  /** An array whose entries are all int32; else an empty array and TP4004 at the first bad entry. */
  int32s(key: string): Int32Array {
    const value = this.object[key];
    const path = child(this.path, key);
    const isTyped = ArrayBuffer.isView(value) && !(value instanceof DataView);
    if (!Array.isArray(value) && !isTyped) {
      this.wrong(path, "an array of integers");
      return new Int32Array(0);
    }
    const items = value as ArrayLike<unknown>;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item !== "number" || !Number.isInteger(item) || item < INT32[0] || item > INT32[1]) {
        this.wrong(child(path, i), `an integer from ${INT32[0]} to ${INT32[1]}`);
        return new Int32Array(0);
      }
    }
    return Int32Array.from(items as ArrayLike<number>);
  }
}

const count = (f: Fields, key: string): number => f.integer(key, 0, UINT32_MAX);
const raw = (f: Fields, key: string): number => f.integer(key);

function readConfig(root: Fields): GliaConfig {
  const target = root.child("target");
  const network = root.child("network");
  return {
    format: GLIA_CONFIG_FORMAT,
    target: { name: target.string("name"), version: target.string("version") },
    network: { name: network.string("name"), hash: network.string("hash") },
    semantics: readSemantics(root.child("semantics")),
    limits: readLimits(root.child("limits")),
    dtMs: root.number("dtMs"),
    steps: count(root, "steps"),
    seed: count(root, "seed"),
    neurons: root.children("neurons").map(readNeuronGroup),
    projections: root.children("projections").map(readProjection),
    currents: root.children("currents").map(readCurrent),
    astrocytes: root.children("astrocytes").map(readAstroGroup),
    neuronEffects: root.children("neuronEffects").map(readNeuronEffect),
    luts: root.children("luts").map(readLut),
    inputs: readInputs(root.child("inputs")),
    scales: root.children("scales").map(readScale),
    record: root.children("record").map(readRecordSpec),
    ...(root.has("learning") ? { learning: readLearning(root.child("learning")) } : {}),
  };
}

const INTERPOLATIONS = ["linear", "nearest"] as const;
const SPACINGS = ["uniform", "octave"] as const;

function readTable(f: Fields): GliaSemantics["synapse"]["sigmoid"] {
  return { entries: count(f, "entries"), bits: count(f, "bits"), interpolation: f.oneOf("interpolation", INTERPOLATIONS) };
}

function readSemantics(f: Fields): GliaSemantics {
  const neuron = f.child("neuron");
  const synapse = f.child("synapse");
  const astrocyte = f.child("astrocyte");
  const effects = f.child("effects");
  return {
    rounding: f.oneOf("rounding", ["floor", "half-up"] as const),
    constantFrac: count(f, "constantFrac"),
    neuron: { models: neuron.someOf("models", ["izhikevich"] as const), stateBits: count(neuron, "stateBits"), overflow: neuron.oneOf("overflow", ["saturate"] as const) },
    glutamate: { bits: count(f.child("glutamate"), "bits") },
    synapse: {
      weightBits: count(synapse, "weightBits"),
      accumulatorBits: count(synapse, "accumulatorBits"),
      sigmoid: readTable(synapse.child("sigmoid")),
      maxDelay: count(synapse, "maxDelay"),
    },
    astrocyte: {
      models: astrocyte.someOf("models", ["ullah2006", "lr1994", "reduced"] as const),
      stateBits: count(astrocyte, "stateBits"),
      integrator: astrocyte.oneOf("integrator", ["euler"] as const),
      minPeriodSteps: count(astrocyte, "minPeriodSteps"),
      lut: { ...readTable(astrocyte.child("lut")), spacing: astrocyte.child("lut").someOf("spacing", SPACINGS) },
      diffusion: astrocyte.someOf("diffusion", ["gauss-seidel", "jacobi"] as const),
      sensing: astrocyte.someOf("sensing", ["glutamate_count", "glutamate_sum", "spike_jump"] as const),
      maxHoldSteps: count(astrocyte, "maxHoldSteps"),
      maxWindowSteps: count(astrocyte, "maxWindowSteps"),
    },
    effects: {
      synapse: effects.someOf("synapse", ["additive", "multiplicative", "suppressive"] as const),
      graded: effects.boolean("graded"),
      neuron: effects.someOf("neuron", ["sic", "current"] as const),
      gainBits: count(effects, "gainBits"),
    },
  };
}

function readLimits(f: Fields): GliaCoreLimits {
  return {
    maxNeurons: count(f, "maxNeurons"),
    maxSynapses: count(f, "maxSynapses"),
    maxFanIn: count(f, "maxFanIn"),
    maxFanOut: count(f, "maxFanOut"),
    maxAstrocytes: count(f, "maxAstrocytes"),
    maxTerritory: count(f, "maxTerritory"),
    maxNeighbours: count(f, "maxNeighbours"),
  };
}

function readNeuronGroup(f: Fields): GliaNeuronGroup {
  const glutamate = f.has("glutamate") ? f.child("glutamate") : undefined;
  // The JSON twin writes null for "no clip"; a decoded message carries { value } or nothing.
  const clip = f.raw("inputClip");
  const inputClip = clip === null || clip === undefined ? null : typeof clip === "object" ? raw(f.child("inputClip"), "value") : raw(f, "inputClip");
  return {
    population: f.string("population"),
    offset: count(f, "offset"),
    size: count(f, "size"),
    frac: count(f, "frac"),
    iFrac: count(f, "iFrac"),
    vCentre: raw(f, "vCentre"),
    k004: raw(f, "k004"),
    k5: raw(f, "k5"),
    k140: raw(f, "k140"),
    kI: raw(f, "kI"),
    ka: raw(f, "ka"),
    kb: raw(f, "kb"),
    cReset: raw(f, "cReset"),
    d: raw(f, "d"),
    peak: raw(f, "peak"),
    spikeThreshold: raw(f, "spikeThreshold"),
    inputClip,
    v0: f.int32s("v0"),
    u0: f.int32s("u0"),
    ...(glutamate !== undefined
      ? {
          glutamate: {
            frac: count(glutamate, "frac"),
            decay: raw(glutamate, "decay"),
            increment: raw(glutamate, "increment"),
            release: glutamate.oneOf("release", ["at_peak", "spiking"] as const),
          },
        }
      : {}),
  };
}

function readProjection(f: Fields): GliaProjection {
  const pre = f.child("pre");
  return {
    id: f.string("id"),
    pre: { kind: pre.oneOf("kind", ["neurons", "inputs"] as const), offset: count(pre, "offset"), size: count(pre, "size") },
    postOffset: count(f, "postOffset"),
    postSize: count(f, "postSize"),
    eRev: raw(f, "eRev"),
    sigmoid: f.integer("sigmoid", -1, INT32[1]),
    sFrac: count(f, "sFrac"),
    weightFrac: count(f, "weightFrac"),
    rowStart: f.int32s("rowStart"),
    post: f.int32s("post"),
    weight: f.int32s("weight"),
    astrocyte: f.int32s("astrocyte"),
    delta: f.int32s("delta"),
  };
}

function readCurrent(f: Fields): GliaCurrent {
  return {
    id: f.string("id"),
    populationOffset: count(f, "populationOffset"),
    size: count(f, "size"),
    step: f.int32s("step"),
    neuron: f.int32s("neuron"),
    value: f.int32s("value"),
  };
}

function readAstroGroup(f: Fields): GliaAstroGroup {
  const territory = f.child("territory");
  const diffusion = f.has("diffusion") ? f.child("diffusion") : undefined;
  const sensing = f.has("sensing") ? f.child("sensing") : undefined;
  const gate = f.has("gate") ? f.child("gate") : undefined;
  const grading = f.has("grading") ? f.child("grading") : undefined;
  return {
    id: f.string("id"),
    model: f.oneOf("model", ["ullah2006", "lr1994", "reduced"] as const),
    offset: count(f, "offset"),
    size: count(f, "size"),
    frac: count(f, "frac"),
    periodSteps: count(f, "periodSteps"),
    constants: f.integerRecord("constants", Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    luts: f.integerRecord("luts", 0, UINT32_MAX),
    ca0: f.int32s("ca0"),
    h0: f.int32s("h0"),
    ip30: f.int32s("ip30"),
    sweep: f.int32s("sweep"),
    ...(diffusion !== undefined
      ? {
          diffusion: {
            order: diffusion.oneOf("order", ["gauss-seidel", "jacobi"] as const),
            dCa: raw(diffusion, "dCa"),
            dIp3: raw(diffusion, "dIp3"),
            rowStart: diffusion.int32s("rowStart"),
            neighbour: diffusion.int32s("neighbour"),
          },
        }
      : {}),
    territory: {
      populationOffset: count(territory, "populationOffset"),
      rowStart: territory.int32s("rowStart"),
      neuron: territory.int32s("neuron"),
      ownerOf: territory.int32s("ownerOf"),
      ownerRule: territory.oneOf("ownerRule", ["last", "first", "max"] as const),
    },
    ...(sensing !== undefined ? { sensing: readSensing(sensing) } : {}),
    ...(gate !== undefined
      ? {
          gate: {
            caThreshold: raw(gate, "caThreshold"),
            minCoincident: count(gate, "minCoincident"),
            windowSteps: count(gate, "windowSteps"),
            checkSteps: count(gate, "checkSteps"),
            holdSteps: count(gate, "holdSteps"),
          },
        }
      : {}),
    ...(grading !== undefined ? { grading: { caLow: raw(grading, "caLow"), caHigh: raw(grading, "caHigh"), reciprocal: raw(grading, "reciprocal") } } : {}),
  };
}

function readSensing(f: Fields): NonNullable<GliaAstroGroup["sensing"]> {
  const kind = f.oneOf("kind", ["glutamate_count", "glutamate_sum", "spike_jump"] as const);
  switch (kind) {
    case "glutamate_count":
      return { kind, threshold: raw(f, "threshold"), minCount: count(f, "minCount"), amplitude: raw(f, "amplitude"), durationSteps: count(f, "durationSteps") };
    case "glutamate_sum":
      return { kind, minSum: raw(f, "minSum"), gain: raw(f, "gain") };
    case "spike_jump":
      return { kind, jump: raw(f, "jump") };
  }
}

function readNeuronEffect(f: Fields): GliaNeuronEffect {
  return {
    id: f.string("id"),
    astrocytes: count(f, "astrocytes"),
    populationOffset: count(f, "populationOffset"),
    size: count(f, "size"),
    kind: f.oneOf("kind", ["sic", "current"] as const),
    amplitude: raw(f, "amplitude"),
    sicLut: f.integer("sicLut", -1, INT32[1]),
  };
}

function readLut(f: Fields): GliaLut {
  return {
    name: f.string("name"),
    x0: raw(f, "x0"),
    shift: count(f, "shift"),
    values: f.int32s("values"),
    frac: count(f, "frac"),
    interpolation: f.oneOf("interpolation", INTERPOLATIONS),
    spacing: f.oneOf("spacing", SPACINGS),
    segmentBits: count(f, "segmentBits"),
    maxError: f.number("maxError"),
  };
}

function readInputs(f: Fields): GliaConfig["inputs"] {
  return {
    lineCount: count(f, "lineCount"),
    spikeSteps: f.int32s("spikeSteps"),
    spikeLines: f.int32s("spikeLines"),
    symbols: f.children("symbols").map((s) => ({ id: s.string("id"), offset: count(s, "offset"), size: count(s, "size"), external: s.boolean("external") })),
  };
}

const VARIABLES: readonly StateVariable[] = ["v", "u", "i_syn", "glutamate", "ca", "h", "ip3", "gate", "drive"];

function readScale(f: Fields): HwScale {
  return {
    population: f.string("population"),
    variable: f.oneOf("variable", VARIABLES),
    unit: f.string("unit"),
    scale: f.number("scale"),
    offset: f.number("offset"),
  };
}

function readRecordSpec(f: Fields): HwRecordSpec {
  return { population: f.string("population"), spikes: f.boolean("spikes"), state: f.someOf("state", VARIABLES), neurons: f.int32s("neurons") };
}

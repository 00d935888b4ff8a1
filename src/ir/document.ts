/**
 * A network file as the schema lets it be written: the IR types (./types.ts, ./astro-types.ts,
 * ./plasticity-types.ts) with the fields the loader fills left optional. Only the rules and
 * fillDefaults see this form; every later stage sees the Checked network.
 */
import type {
  GlutamateSpec,
  Input,
  IzhikevichParams,
  IzhikevichPopulation,
  LifParams,
  LifPopulation,
  NETWORK_FORMAT,
  Projection,
  RecordSpec,
} from "./types.js";
import type { AstrocyteModel, AstrocytePopulation, Coupling, CurrentInput, GateSpec, Lr1994Params, Tripartite, UllahParams } from "./astro-types.js";
import type { PlasticityRule } from "./plasticity-types.js";

/** T with the keys K optional. */
type Loose<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

export type GlutamateDocument = Loose<GlutamateSpec, "release">;

export interface LifPopulationDocument extends Omit<LifPopulation, "params" | "glutamate"> {
  readonly params: Loose<LifParams, "tau_ref" | "bias">;
  readonly glutamate?: GlutamateDocument;
}

export interface IzhikevichPopulationDocument extends Omit<IzhikevichPopulation, "params" | "glutamate"> {
  readonly params: Loose<IzhikevichParams, "v_peak" | "spike_threshold" | "input_clip">;
  readonly glutamate?: GlutamateDocument;
}

export type PopulationDocument = LifPopulationDocument | IzhikevichPopulationDocument;

/** The model and its parameters as written: ullah2006 and lr1994 params may be partial or absent. */
export type AstrocyteModelDocument =
  | { readonly model: "ullah2006"; readonly params?: Partial<UllahParams> }
  | { readonly model: "lr1994"; readonly params?: Partial<Lr1994Params> }
  | Extract<AstrocyteModel, { model: "reduced" }>;

type AstrocyteFields = Omit<AstrocytePopulation, "model" | "params" | "period" | "owner" | "coupling" | "gate">;

export type AstrocyteDocument = AstrocyteModelDocument &
  AstrocyteFields & {
    readonly period?: number;
    readonly owner?: AstrocytePopulation["owner"];
    readonly coupling?: Loose<Coupling, "order">;
    readonly gate?: Loose<GateSpec, "min_coincident">;
  };

/**
 * A plasticity rule as written. The rule types already leave every defaulted field optional
 * (the loader fills them from STDP_DEFAULTS and its siblings), so the written form is the type.
 */
export type PlasticityRuleDocument = PlasticityRule;

/** A network file that passed the schema, before defaults are filled (see docs/ir.md). */
export interface NetworkDocument {
  readonly format: typeof NETWORK_FORMAT;
  readonly $comment?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly name?: string;
  readonly description?: string;
  readonly run: { readonly dt: number; readonly duration: number; readonly seed?: number };
  readonly populations: readonly PopulationDocument[];
  readonly inputs?: readonly Input[];
  readonly projections?: readonly Projection[];
  readonly currents?: readonly CurrentInput[];
  readonly astrocytes?: readonly AstrocyteDocument[];
  readonly tripartite?: readonly Tripartite[];
  readonly record?: readonly RecordSpec[];
  readonly plasticity?: readonly PlasticityRuleDocument[];
}

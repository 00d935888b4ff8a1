/**
 * Semantic rules of a network file: what the JSON Schema cannot say (references between
 * elements, sizes that must agree, values on the time grid). Each rule is a named value that
 * reports every finding it makes; none stops at the first (Rockpool's DRC list, collecting).
 *
 * The rules run only on a document that passed the schema, so they may trust its types. They
 * see the document before defaults are filled (a rule that needs a default applies it itself)
 * and never change it. Findings that could repeat thousands of times (spike times, explicit
 * pairs, record indices) are reported once per element and field, with a count and the first
 * offending place.
 */
import { makeDiagnostic, type Diagnostic } from "./diagnostics.js";
import { pointer, type JsonPointer } from "./pointer.js";
import { didYouMean, firstOutside, formatNumber, GRID_TOLERANCE, plural, type NetworkRule, type RuleReporter, type RuleScope } from "./rule-kit.js";
import { ASTRO_RULES } from "./rules-astro.js";
import { PLASTICITY_NETWORK_RULES } from "./rules-plasticity.js";
import type { Input, Projection, ValueSpec } from "./types.js";
import type { NetworkDocument } from "./document.js";

export type { NetworkDocument, PopulationDocument } from "./document.js";
export { closestName, formatNumber, plural, type NetworkRule, type RuleReporter, type RuleScope } from "./rule-kit.js";

/** The most steps a run may have: step indices are 32-bit signed integers in the elaborated network. */
export const MAX_STEPS = 2_147_483_647;

/** The largest delay the IR accepts, in steps; a target's own, smaller limit is a compile-time check. */
export const MAX_IR_DELAY = 4095;

/** The initial-state fields of a neuron model. */
const initialFields = (model: "lif" | "izhikevich"): readonly string[] => (model === "lif" ? ["v", "i_syn"] : ["v", "u"]);

const projectionsOf = (net: NetworkDocument): readonly Projection[] => net.projections ?? [];
const inputsOf = (net: NetworkDocument): readonly Input[] => net.inputs ?? [];

export const NETWORK_RULES: readonly NetworkRule[] = [
  {
    name: "unique-ids",
    summary: "Population and input ids are unique together; projection ids are unique among projections.",
    check(net, _scope, report) {
      const first = new Map<string, { path: JsonPointer; label: string }>();
      const nodes: [string, string, JsonPointer][] = [
        ...net.populations.map((p, i): [string, string, JsonPointer] => [p.id, `populations[${i}]`, pointer("populations", i, "id")]),
        ...inputsOf(net).map((s, i): [string, string, JsonPointer] => [s.id, `inputs[${i}]`, pointer("inputs", i, "id")]),
      ];
      for (const [id, label, path] of nodes) {
        const earlier = first.get(id);
        if (earlier === undefined) first.set(id, { path, label });
        else report("TP2001", path, { id, first: earlier.label, second: label }, { related: [{ path: earlier.path, message: "first use of the id" }] });
      }
      const projectionIds = new Map<string, number>();
      projectionsOf(net).forEach((projection, i) => {
        const earlier = projectionIds.get(projection.id);
        if (earlier === undefined) projectionIds.set(projection.id, i);
        else
          report("TP2002", pointer("projections", i, "id"), { id: projection.id, first: earlier, second: i }, {
            related: [{ path: pointer("projections", earlier, "id"), message: "first use of the id" }],
          });
      });
    },
  },
  {
    name: "projection-endpoints",
    summary: "A projection's pre is a population or an input, its post a population.",
    check(net, scope, report) {
      projectionsOf(net).forEach((projection, i) => {
        if (!scope.nodes.has(projection.pre)) {
          report("TP2003", pointer("projections", i, "pre"), {
            projection: projection.id,
            name: projection.pre,
            suggestion: didYouMean(projection.pre, [...scope.nodes.keys()]),
          });
        }
        const post = scope.nodes.get(projection.post);
        if (post === undefined) {
          report("TP2004", pointer("projections", i, "post"), {
            projection: projection.id,
            name: projection.post,
            suggestion: didYouMean(projection.post, scope.populationIds),
          });
        } else if (post.kind === "input") {
          report("TP2005", pointer("projections", i, "post"), { projection: projection.id, name: projection.post });
        }
      });
    },
  },
  {
    name: "record-targets",
    summary: "A record entry names a population (or an input, for spikes only) and neuron indices inside it.",
    check(net, scope, report) {
      (net.record ?? []).forEach((entry, i) => {
        const astrocytes = scope.astrocytes.get(entry.population);
        const node = scope.nodes.get(entry.population) ?? (astrocytes !== undefined ? { kind: "astrocytes" as const, size: astrocytes.size } : undefined);
        if (node === undefined) {
          report("TP2006", pointer("record", i, "population"), {
            index: i,
            name: entry.population,
            suggestion: didYouMean(entry.population, [...scope.nodes.keys(), ...scope.astrocytes.keys()]),
          });
          return;
        }
        if (node.kind === "input" && (entry.state ?? []).length > 0) {
          report("TP2007", pointer("record", i, "state"), { index: i, name: entry.population });
        }
        const bad = firstOutside(entry.neurons ?? [], node.size);
        if (bad !== undefined) {
          report("TP2008", pointer("record", i, "neurons", bad.index), {
            index: i,
            count: plural(bad.count, "neuron index", "neuron indices"),
            last: node.size - 1,
            name: entry.population,
            example: bad.value,
          });
        }
      });
    },
  },
  {
    name: "connectivity-sizes",
    summary: "Explicit pairs lie inside pre and post; one_to_one joins equal sizes; fixed_indegree has enough sources.",
    check(net, scope, report) {
      projectionsOf(net).forEach((projection, i) => {
        const ends = endsOf(projection, scope);
        if (ends === undefined) return; // an unknown pre or post is reported by projection-endpoints
        const { preSize, postSize } = ends;
        const connect = projection.connect;
        switch (connect.rule) {
          case "explicit":
            for (const [side, column, size, name] of [
              ["pre", 0, preSize, projection.pre],
              ["post", 1, postSize, projection.post],
            ] as const) {
              const bad = firstOutside(connect.pairs.map((pair) => pair[column]), size);
              if (bad !== undefined) {
                report("TP2009", pointer("projections", i, "connect", "pairs", bad.index, column), {
                  projection: projection.id,
                  count: plural(bad.count, "pair"),
                  side,
                  last: size - 1,
                  name,
                  pair: bad.index,
                  example: bad.value,
                });
              }
            }
            break;
          case "one_to_one":
            if (preSize !== postSize) {
              report("TP2010", pointer("projections", i, "connect"), {
                projection: projection.id,
                pre: projection.pre,
                preSize,
                post: projection.post,
                postSize,
              });
            }
            break;
          case "fixed_indegree": {
            const selfExcluded = projection.pre === projection.post && connect.autapses === false;
            const available = preSize - (selfExcluded ? 1 : 0);
            if (connect.indegree > available) {
              report("TP2011", pointer("projections", i, "connect", "indegree"), {
                projection: projection.id,
                indegree: connect.indegree,
                pre: projection.pre,
                available,
                autapseNote: selfExcluded ? ", or allow autapses with \"autapses\": true" : "",
              });
            }
            break;
          }
          case "all_to_all":
          case "fixed_probability":
            break;
        }
      });
    },
  },
  {
    name: "lif-thresholds",
    summary: "v_thresh lies above v_reset.",
    check(net, _scope, report) {
      net.populations.forEach((population, i) => {
        if (population.model !== "lif") return;
        const { v_thresh, v_reset } = population.params;
        if (!(v_thresh > v_reset)) {
          report("TP2012", pointer("populations", i, "params", "v_thresh"), { population: population.id, v_thresh, v_reset });
        }
      });
    },
  },
  {
    name: "per-synapse-values",
    summary: "Weight and delay 'values' give one value per synapse, and only where the synapse count is fixed up front.",
    check(net, scope, report) {
      projectionsOf(net).forEach((projection, i) => {
        const specs = [
          ["weight", projection.weight, `a number, {"uniform": [low, high]} or {"normal": {...}}`],
          ["delay", projection.delay, `an integer or {"uniform": [low, high]}`],
        ] as const;
        for (const [field, spec, alternatives] of specs) {
          if (!hasValues(spec)) continue;
          const path = pointer("projections", i, field, "values");
          const rule = projection.connect.rule;
          if (rule === "fixed_probability" || rule === "fixed_indegree" || rule === "grid_distance") {
            report("TP2014", path, { projection: projection.id, field, rule, alternatives });
            continue;
          }
          const synapses = fixedSynapseCount(projection, scope);
          if (synapses !== undefined && spec.values.length !== synapses) {
            report("TP2013", path, {
              projection: projection.id,
              count: plural(spec.values.length, `${field} value`),
              synapses: plural(synapses, "synapse"),
              order: connectionOrder(projection),
            });
          }
        }
      });
    },
  },
  {
    name: "initial-values",
    summary: "Initial 'values' give one value per neuron.",
    check(net, _scope, report) {
      net.populations.forEach((population, i) => {
        for (const field of initialFields(population.model)) {
          const spec = (population.initial as Record<string, ValueSpec | undefined> | undefined)?.[field];
          if (hasValues(spec) && spec.values.length !== population.size) {
            report("TP2015", pointer("populations", i, "initial", field, "values"), {
              population: population.id,
              count: plural(spec.values.length, `initial ${field} value`),
              size: plural(population.size, "neuron"),
            });
          }
        }
      });
    },
  },
  {
    name: "value-ranges",
    summary: "Uniform ranges have low ≤ high; normal bounds have min ≤ max.",
    check(net, _scope, report) {
      const specs: [string, ValueSpec | Projection["delay"], readonly (string | number)[]][] = [];
      net.populations.forEach((population, i) => {
        for (const field of initialFields(population.model)) {
          specs.push([`Initial ${field} of population '${population.id}'`, (population.initial as Record<string, ValueSpec | undefined> | undefined)?.[field], ["populations", i, "initial", field]]);
        }
      });
      projectionsOf(net).forEach((projection, i) => {
        specs.push([`Weight of projection '${projection.id}'`, projection.weight, ["projections", i, "weight"]]);
        specs.push([`Delay of projection '${projection.id}'`, projection.delay, ["projections", i, "delay"]]);
      });
      for (const [subject, spec, keys] of specs) {
        if (typeof spec !== "object" || spec === null) continue;
        if ("uniform" in spec && spec.uniform[0] > spec.uniform[1]) {
          report("TP2016", pointer(...keys, "uniform"), { subject, low: spec.uniform[0], high: spec.uniform[1] });
        }
        if ("normal" in spec) {
          const { min, max } = spec.normal;
          if (min !== undefined && max !== undefined && min > max) report("TP2017", pointer(...keys, "normal"), { subject, min, max });
        }
      }
    },
  },
  {
    name: "weight-draw-sign",
    summary: "A normal weight draw has a lower bound, so a weight never changes sign.",
    check(net, _scope, report) {
      projectionsOf(net).forEach((projection, i) => {
        const weight = projection.weight;
        if (typeof weight === "object" && "normal" in weight && weight.normal.min === undefined && weight.normal.std > 0) {
          report("TP2018", pointer("projections", i, "weight", "normal"), { projection: projection.id });
        }
      });
    },
  },
  {
    name: "spike-times",
    summary: "spike_times inputs list one ascending row per source, inside the run, on the dt grid, one spike per step.",
    check(net, scope, report) {
      inputsOf(net).forEach((input, i) => {
        if (input.kind !== "spike_times") return;
        if (input.times.length !== input.size) {
          report("TP2019", pointer("inputs", i, "times"), { input: input.id, size: input.size, count: plural(input.times.length, "source") });
        }
        const unsorted = new Finding();
        const late = new Finding();
        const offGrid = new Finding();
        const merged = new Finding();
        input.times.forEach((row, source) => {
          row.forEach((time, index) => {
            if (index > 0 && time < row[index - 1]) unsorted.add(source, index, time);
            else if (index > 0 && Math.round(time / scope.dt) === Math.round(row[index - 1] / scope.dt)) merged.add(source, index, time);
            const step = time / scope.dt; // the spike is delivered at step round(time / dt)
            if (scope.steps > 0 && Math.round(step) >= scope.steps) late.add(source, index, time);
            if (Math.abs(step - Math.round(step)) > GRID_TOLERANCE * Math.max(1, step)) offGrid.add(source, index, time);
          });
        });
        const end = formatNumber(scope.steps * scope.dt);
        const findings = [
          ["TP2020", unsorted, (n: number) => (n === 1 ? "1 time is" : `${n} times are`)],
          ["TP2021", late, (n: number) => plural(n, "spike time")],
          ["TP2022", offGrid, (n: number) => plural(n, "spike time")],
          ["TP2029", merged, (n: number) => plural(n, "spike time")],
        ] as const;
        for (const [code, finding, count] of findings) {
          if (finding.count === 0) continue;
          report(code, pointer("inputs", i, "times", finding.source, finding.index), {
            input: input.id,
            count: count(finding.count),
            source: finding.source,
            index: finding.index,
            time: finding.time,
            end,
            dt: scope.dt,
          });
        }
      });
    },
  },
  {
    name: "poisson-rates",
    summary: "A Poisson input's spike probability per step, rate·dt/1000, is at most 1; its window is not reversed.",
    check(net, scope, report) {
      inputsOf(net).forEach((input, i) => {
        if (input.kind !== "poisson") return;
        const p = (input.rate * scope.dt) / 1000;
        if (p > 1) {
          report("TP2023", pointer("inputs", i, "rate"), {
            input: input.id,
            rate: input.rate,
            p: formatNumber(p),
            dt: scope.dt,
            maxRate: formatNumber(1000 / scope.dt),
          });
        }
        if (input.start !== undefined && input.stop !== undefined && input.start > input.stop) {
          report("TP2024", pointer("inputs", i, "start"), { input: input.id, start: input.start, stop: input.stop });
        }
      });
    },
  },
  {
    name: "run-grid",
    summary: "run.duration is a whole number of steps of dt, at least one and at most MAX_STEPS.",
    check(net, scope, report) {
      const { dt, duration } = net.run;
      if (scope.steps === 0) {
        report("TP2026", pointer("run", "duration"), { duration, dt });
        return;
      }
      if (scope.steps > MAX_STEPS) {
        report("TP2030", pointer("run", "duration"), { steps: formatNumber(scope.steps), dt, limit: MAX_STEPS });
        return;
      }
      const exact = duration / dt;
      if (Math.abs(exact - scope.steps) > GRID_TOLERANCE * Math.max(1, exact)) {
        report("TP2025", pointer("run", "duration"), { duration, dt, steps: plural(scope.steps, "step"), simulated: formatNumber(scope.steps * dt) });
      }
    },
  },
  {
    name: "refractory-resolution",
    summary: "A refractory period shorter than one step is flagged, since it rounds to whole steps.",
    check(net, scope, report) {
      net.populations.forEach((population, i) => {
        if (population.model !== "lif") return;
        const tauRef = population.params.tau_ref ?? 0;
        if (tauRef > 0 && tauRef < scope.dt) {
          report("TP2027", pointer("populations", i, "params", "tau_ref"), {
            population: population.id,
            tau_ref: tauRef,
            dt: scope.dt,
            steps: plural(Math.round(tauRef / scope.dt), "refractory step"),
          });
        }
      });
    },
  },
  ...ASTRO_RULES,
  ...PLASTICITY_NETWORK_RULES,
];

/** Runs every rule on a schema-valid document; returns all findings in rule order. */
export function checkNetworkRules(net: NetworkDocument, file?: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report: RuleReporter = (code, path, args = {}, extra = {}) => {
    diagnostics.push(makeDiagnostic(code, path, args, { ...extra, ...(file !== undefined ? { file } : {}) }));
  };
  const scope = scopeOf(net);
  for (const rule of NETWORK_RULES) rule.check(net, scope, report);
  return diagnostics;
}

/** The shared look-ups of the rules. */
export function scopeOf(net: NetworkDocument): RuleScope {
  const nodes = new Map<string, { kind: "population" | "input"; size: number }>();
  for (const population of net.populations) if (!nodes.has(population.id)) nodes.set(population.id, { kind: "population", size: population.size });
  for (const input of inputsOf(net)) if (!nodes.has(input.id)) nodes.set(input.id, { kind: "input", size: input.size });
  const byId = <T extends { readonly id: string }>(list: readonly T[]): Map<string, T> => {
    const map = new Map<string, T>();
    for (const element of list) if (!map.has(element.id)) map.set(element.id, element);
    return map;
  };
  return {
    nodes,
    populations: byId(net.populations),
    astrocytes: byId(net.astrocytes ?? []),
    projections: byId(projectionsOf(net)),
    populationIds: net.populations.map((population) => population.id),
    dt: net.run.dt,
    steps: Math.round(net.run.duration / net.run.dt),
  };
}

/**
 * The number of synapses of a projection when its rule fixes it before any draw: explicit,
 * one_to_one and all_to_all. Undefined for the random rules and for unresolved ends.
 */
export function fixedSynapseCount(projection: Projection, scope: RuleScope): number | undefined {
  const connect = projection.connect;
  if (connect.rule === "explicit") return connect.pairs.length;
  const ends = endsOf(projection, scope);
  if (ends === undefined) return undefined;
  switch (connect.rule) {
    case "one_to_one":
      return ends.preSize === ends.postSize ? ends.preSize : undefined;
    case "all_to_all":
      return ends.preSize * ends.postSize - (projection.pre === projection.post && connect.autapses === false ? ends.postSize : 0);
    default:
      return undefined;
  }
}

/** How per-synapse values are ordered for this projection's rule (docs/ir.md, "Connection order"). */
function connectionOrder(projection: Projection): string {
  switch (projection.connect.rule) {
    case "explicit":
      return "the order of 'pairs'";
    case "one_to_one":
      return "by neuron index";
    default:
      return "pre-major: every post of pre 0 in index order, then of pre 1, ...";
  }
}

function endsOf(projection: Projection, scope: RuleScope): { preSize: number; postSize: number } | undefined {
  const pre = scope.nodes.get(projection.pre);
  const post = scope.nodes.get(projection.post);
  if (pre === undefined || post === undefined || post.kind !== "population") return undefined;
  return { preSize: pre.size, postSize: post.size };
}

function hasValues(spec: unknown): spec is { readonly values: readonly number[] } {
  return typeof spec === "object" && spec !== null && "values" in spec;
}

/** Counts findings in a spike-time table and keeps the first one's place. */
class Finding {
  count = 0;
  source = 0;
  index = 0;
  time = 0;
  add(source: number, index: number, time: number): void {
    if (this.count++ === 0) {
      this.source = source;
      this.index = index;
      this.time = time;
    }
  }
}


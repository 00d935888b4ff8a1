/**
 * Semantic rules of the neuron–astrocyte parts of a network: Izhikevich populations, grids,
 * conductance synapses, grid_distance, injected currents, astrocyte populations, tripartite
 * couplings and what can be recorded of them. Same contract as ./rules.ts: every finding is
 * reported, nothing stops at the first, the document is never changed.
 */
import { pointer, type JsonPointer } from "./pointer.js";
import type { Grid, Projection, RecordSpec, StateVariable, ValueSpec } from "./types.js";
import type { CurrentInput, Territory, Tripartite } from "./astro-types.js";
import type { AstrocyteDocument, NetworkDocument, PopulationDocument } from "./document.js";
import { didYouMean, firstOutside, formatNumber, GRID_TOLERANCE, plural, type NetworkRule, type RuleReporter, type RuleScope } from "./rule-kit.js";

const currentsOf = (net: NetworkDocument): readonly CurrentInput[] => net.currents ?? [];
const astrocytesOf = (net: NetworkDocument): readonly AstrocyteDocument[] => net.astrocytes ?? [];
const tripartiteOf = (net: NetworkDocument): readonly Tripartite[] => net.tripartite ?? [];
const projectionsOf = (net: NetworkDocument): readonly Projection[] => net.projections ?? [];

/** What a record entry may trace, by kind of element. */
export const RECORDABLE: Readonly<Record<"lif" | "izhikevich" | "astrocytes", readonly StateVariable[]>> = {
  lif: ["v", "i_syn"],
  izhikevich: ["v", "u", "i_syn", "glutamate"],
  astrocytes: ["ca", "h", "ip3", "gate", "drive"],
};

export const ASTRO_RULES: readonly NetworkRule[] = [
  {
    name: "unique-ids-astro",
    summary: "Currents, astrocyte populations and tripartite couplings share one id space with populations and inputs.",
    check(net, _scope, report) {
      const first = new Map<string, { path: JsonPointer; label: string; isNew: boolean }>();
      const named: [string, string, JsonPointer, boolean][] = [
        ...net.populations.map((p, i): [string, string, JsonPointer, boolean] => [p.id, `populations[${i}]`, pointer("populations", i, "id"), false]),
        ...(net.inputs ?? []).map((s, i): [string, string, JsonPointer, boolean] => [s.id, `inputs[${i}]`, pointer("inputs", i, "id"), false]),
        ...currentsOf(net).map((c, i): [string, string, JsonPointer, boolean] => [c.id, `currents[${i}]`, pointer("currents", i, "id"), true]),
        ...astrocytesOf(net).map((a, i): [string, string, JsonPointer, boolean] => [a.id, `astrocytes[${i}]`, pointer("astrocytes", i, "id"), true]),
        ...tripartiteOf(net).map((t, i): [string, string, JsonPointer, boolean] => [t.id, `tripartite[${i}]`, pointer("tripartite", i, "id"), true]),
      ];
      for (const [id, label, path, isNew] of named) {
        const earlier = first.get(id);
        if (earlier === undefined) first.set(id, { path, label, isNew });
        else if (isNew || earlier.isNew) {
          // a clash between two populations or inputs is TP2001's
          report("TP2031", path, { id, first: earlier.label, second: label }, { related: [{ path: earlier.path, message: "first use of the id" }] });
        }
      }
    },
  },
  {
    name: "astro-references",
    summary: "Currents, territories and tripartite couplings name existing populations, astrocyte populations and projections.",
    check(net, scope, report) {
      const population = (name: string, path: JsonPointer, owner: string): void => {
        if (!scope.populations.has(name)) report("TP2032", path, { owner, name, suggestion: didYouMean(name, [...scope.populations.keys()]) });
      };
      currentsOf(net).forEach((current, i) => population(current.population, pointer("currents", i, "population"), `Current '${current.id}'`));
      astrocytesOf(net).forEach((astrocytes, i) =>
        population(astrocytes.territory.population, pointer("astrocytes", i, "territory", "population"), `The territory of astrocyte population '${astrocytes.id}'`),
      );
      tripartiteOf(net).forEach((coupling, i) => {
        if (!scope.astrocytes.has(coupling.astrocytes)) {
          report("TP2033", pointer("tripartite", i, "astrocytes"), {
            coupling: coupling.id,
            name: coupling.astrocytes,
            suggestion: didYouMean(coupling.astrocytes, [...scope.astrocytes.keys()]),
          });
        }
        if ("projection" in coupling) {
          if (!scope.projections.has(coupling.projection)) {
            report("TP2034", pointer("tripartite", i, "projection"), {
              coupling: coupling.id,
              name: coupling.projection,
              suggestion: didYouMean(coupling.projection, [...scope.projections.keys()]),
            });
          }
        } else {
          population(coupling.population, pointer("tripartite", i, "population"), `Tripartite coupling '${coupling.id}'`);
        }
      });
    },
  },
  {
    name: "grid-sizes",
    summary: "A grid [rows, cols] has rows·cols = size.",
    check(net, _scope, report) {
      const check = (element: { id: string; size: number; grid?: Grid }, path: JsonPointer, owner: string): void => {
        if (element.grid === undefined) return;
        const [rows, cols] = element.grid;
        if (rows * cols !== element.size) report("TP2035", path, { owner, rows, cols, cells: rows * cols, size: element.size });
      };
      net.populations.forEach((p, i) => check(p, pointer("populations", i, "grid"), `Population '${p.id}'`));
      astrocytesOf(net).forEach((a, i) => check(a, pointer("astrocytes", i, "grid"), `Astrocyte population '${a.id}'`));
    },
  },
  {
    name: "territories",
    summary: "Grid patches fit the neuron grid exactly; lists give one in-range list per astrocyte; pools fit the astrocyte count.",
    check(net, scope, report) {
      astrocytesOf(net).forEach((astrocytes, i) => {
        const territory = astrocytes.territory;
        const neurons = scope.populations.get(territory.population);
        if (neurons === undefined) return; // astro-references reports it
        const path = (...keys: (string | number)[]) => pointer("astrocytes", i, "territory", ...keys);
        checkTerritory(territory, astrocytes, neurons, path, report);
      });
    },
  },
  {
    name: "astrocyte-timing",
    summary: "An astrocyte period is a positive multiple of run.dt; a gate's check_period is a multiple of dt and of the period.",
    check(net, scope, report) {
      astrocytesOf(net).forEach((astrocytes, i) => {
        const owner = `Astrocyte population '${astrocytes.id}'`;
        const periodOk = astrocytes.period === undefined || checkMultiple(astrocytes.period, scope.dt, "run.dt", `The period of ${lower(owner)}`, pointer("astrocytes", i, "period"), report);
        const gate = astrocytes.gate;
        if (gate === undefined) return;
        const checkPath = pointer("astrocytes", i, "gate", "check_period");
        const subject = `The gate check_period of ${lower(owner)}`;
        if (!checkMultiple(gate.check_period, scope.dt, "run.dt", subject, checkPath, report) || !periodOk) return;
        const period = astrocytes.period ?? scope.dt;
        const ratio = gate.check_period / period;
        if (!isWhole(ratio)) {
          report("TP2062", checkPath, { subject, value: gate.check_period, period, suggestion: nearestMultiples(ratio, period) });
        }
      });
    },
  },
  {
    name: "astrocyte-coupling",
    summary: "Coupling pairs name two different astrocytes of the population; grid coupling needs an astrocyte grid.",
    check(net, _scope, report) {
      astrocytesOf(net).forEach((astrocytes, i) => {
        const coupling = astrocytes.coupling;
        if (coupling === undefined) return;
        if (coupling.kind === "grid") {
          if (astrocytes.grid === undefined) report("TP2045", pointer("astrocytes", i, "coupling", "kind"), { astrocytes: astrocytes.id });
          return;
        }
        const pairs = coupling.pairs ?? [];
        const bad = firstOutside(pairs.flatMap((pair) => pair), astrocytes.size);
        if (bad !== undefined) {
          const pair = Math.floor(bad.index / 2);
          report("TP2043", pointer("astrocytes", i, "coupling", "pairs", pair, bad.index % 2), {
            astrocytes: astrocytes.id,
            count: plural(pairs.filter(([a, b]) => a >= astrocytes.size || b >= astrocytes.size).length, "coupling pair"),
            last: astrocytes.size - 1,
            pair,
            example: bad.value,
          });
        }
        const self = pairs.findIndex(([a, b]) => a === b);
        if (self >= 0) report("TP2044", pointer("astrocytes", i, "coupling", "pairs", self), { astrocytes: astrocytes.id, index: pairs[self][0], pair: self });
      });
    },
  },
  {
    name: "astrocyte-sensing",
    summary: "Glutamate sensing needs a glutamate spec on the territory population.",
    check(net, scope, report) {
      astrocytesOf(net).forEach((astrocytes, i) => {
        const sensing = astrocytes.sensing;
        if (sensing === undefined || sensing.kind === "spike_jump") return;
        const neurons = scope.populations.get(astrocytes.territory.population);
        if (neurons !== undefined && neurons.glutamate === undefined) {
          report("TP2046", pointer("astrocytes", i, "sensing", "kind"), { astrocytes: astrocytes.id, kind: sensing.kind, population: neurons.id });
        }
      });
    },
  },
  {
    name: "astrocyte-values",
    summary: "Initial astrocyte values and impulse draws give one value per element; their ranges are not reversed.",
    check(net, scope, report) {
      astrocytesOf(net).forEach((astrocytes, i) => {
        for (const field of ["ca", "h", "ip3"] as const) {
          const spec = astrocytes.initial?.[field];
          const path = ["astrocytes", i, "initial", field];
          const owner = `Astrocyte population '${astrocytes.id}'`;
          checkValueCount(spec, astrocytes.size, `initial.${field}`, "one per astrocyte", owner, path, report);
          checkRange(spec, `Initial ${field} of astrocyte population '${astrocytes.id}'`, path, report);
        }
      });
      currentsOf(net).forEach((current, i) => {
        if (current.kind !== "impulses") return;
        const size = scope.populations.get(current.population)?.size;
        const owner = `Current '${current.id}'`;
        if (size !== undefined) {
          checkValueCount(current.first, size, "first", "one per neuron", owner, ["currents", i, "first"], report);
          checkValueCount(current.amplitude, size * current.count, "amplitude", "one per impulse, neuron-major: count per neuron", owner, ["currents", i, "amplitude"], report);
        }
        checkRange(current.first, `The first impulse time of current '${current.id}'`, ["currents", i, "first"], report);
        checkRange(current.amplitude, `The impulse amplitude of current '${current.id}'`, ["currents", i, "amplitude"], report);
      });
    },
  },
  {
    name: "record-variables",
    summary: "A record entry traces only variables its model has; astrocytes have no spikes.",
    check(net, scope, report) {
      (net.record ?? []).forEach((entry, i) => checkRecord(entry, i, scope, report));
    },
  },
  {
    name: "one-engine",
    summary: "A network that uses neuron–astrocyte features (izhikevich, conductance synapses, currents, astrocytes) has no LIF populations.",
    check(net, _scope, report) {
      const feature = neuronAstrocyteFeature(net);
      if (feature === undefined) return;
      net.populations.forEach((population, i) => {
        if (population.model === "lif") report("TP2067", pointer("populations", i, "model"), { population: population.id, feature });
      });
    },
  },
  {
    name: "conductance-synapses",
    summary: "Conductance synapses have no delay and end on izhikevich populations; izhikevich populations take no exponential synapses.",
    check(net, scope, report) {
      projectionsOf(net).forEach((projection, i) => {
        const post = scope.populations.get(projection.post);
        if (projection.synapse.kind === "sigmoid_conductance") {
          if (projection.delay !== undefined && projection.delay !== 0) report("TP2050", pointer("projections", i, "delay"), { projection: projection.id });
          if (post?.model === "lif") report("TP2051", pointer("projections", i, "synapse", "kind"), { projection: projection.id, post: post.id });
        } else if (post?.model === "izhikevich") {
          report("TP2052", pointer("projections", i, "synapse", "kind"), { projection: projection.id, post: post.id });
        }
      });
    },
  },
  {
    name: "grid-distance",
    summary: "grid_distance joins two populations (or one with itself) that have the same grid.",
    check(net, scope, report) {
      projectionsOf(net).forEach((projection, i) => {
        if (projection.connect.rule !== "grid_distance") return;
        const pre = scope.populations.get(projection.pre);
        const post = scope.populations.get(projection.post);
        let problem: string | undefined;
        if (pre === undefined) {
          if (scope.nodes.get(projection.pre)?.kind === "input") problem = `its pre '${projection.pre}' is an input, which has no grid`;
        } else if (post !== undefined) {
          if (pre.grid === undefined || post.grid === undefined) {
            const missing = [pre, post].filter((p) => p.grid === undefined).map((p) => `'${p.id}'`);
            problem = `${[...new Set(missing)].join(" and ")} ${missing.length === 2 && pre !== post ? "have" : "has"} no grid`;
          } else if (pre.grid[0] !== post.grid[0] || pre.grid[1] !== post.grid[1]) {
            problem = `pre '${pre.id}' has the grid [${pre.grid.join(", ")}] and post '${post.id}' the grid [${post.grid.join(", ")}]`;
          }
        }
        if (problem !== undefined) report("TP2060", pointer("projections", i, "connect", "rule"), { projection: projection.id, problem });
      });
    },
  },
  {
    name: "izhikevich-threshold",
    summary: "An izhikevich spike_threshold lies below v_peak.",
    check(net, _scope, report) {
      net.populations.forEach((population, i) => {
        if (population.model !== "izhikevich") return;
        const peak = population.params.v_peak ?? 30;
        const threshold = population.params.spike_threshold;
        if (threshold !== undefined && !(threshold < peak)) {
          report("TP2061", pointer("populations", i, "params", "spike_threshold"), { population: population.id, threshold, peak });
        }
      });
    },
  },
  {
    name: "glutamate-release",
    summary: "LIF populations release glutamate on spikes; they have no v_peak for \"at_peak\".",
    check(net, _scope, report) {
      net.populations.forEach((population, i) => {
        if (population.model === "lif" && population.glutamate?.release === "at_peak") {
          report("TP2064", pointer("populations", i, "glutamate", "release"), { population: population.id });
        }
      });
    },
  },
  {
    name: "reachable-triggers",
    summary: "A gate's min_coincident and a glutamate_count's min_count do not exceed the largest territory (a warning).",
    check(net, _scope, report) {
      astrocytesOf(net).forEach((astrocytes, i) => {
        const largest = largestTerritory(astrocytes.territory);
        if (largest === undefined) return;
        const checks = [
          [astrocytes.gate?.min_coincident, "gate", "gate.min_coincident", pointer("astrocytes", i, "gate", "min_coincident")],
          [astrocytes.sensing?.kind === "glutamate_count" ? astrocytes.sensing.min_count : undefined, "glutamate drive", "sensing.min_count", pointer("astrocytes", i, "sensing", "min_count")],
        ] as const;
        for (const [needed, what, field, path] of checks) {
          if (needed !== undefined && needed > largest) report("TP2065", path, { astrocytes: astrocytes.id, needed, what, largest, field });
        }
      });
    },
  },
  {
    name: "gate-needed",
    summary: "A synapse effect or a current effect acts through the gate, so its astrocytes need one (a warning).",
    check(net, scope, report) {
      tripartiteOf(net).forEach((coupling, i) => {
        const astrocytes = scope.astrocytes.get(coupling.astrocytes);
        if (astrocytes === undefined || astrocytes.gate !== undefined || coupling.effect.kind === "sic") return;
        report("TP2066", pointer("tripartite", i, "astrocytes"), { coupling: coupling.id, astrocytes: astrocytes.id });
      });
    },
  },
  {
    name: "tripartite-targets",
    summary: "A coupling picks astrocytes on the side of its territory population, acts on that population, and grades with ca_high > ca_low.",
    check(net, scope, report) {
      tripartiteOf(net).forEach((coupling, i) => {
        const astrocytes = scope.astrocytes.get(coupling.astrocytes);
        const territory = astrocytes?.territory.population;
        if ("projection" in coupling) {
          const projection = scope.projections.get(coupling.projection);
          if (coupling.by === "pool" && coupling.pool !== undefined && astrocytes !== undefined && projection !== undefined) {
            const post = scope.populations.get(projection.post);
            if (post !== undefined) {
              checkPool(coupling.pool, astrocytes, post.size, `Tripartite coupling '${coupling.id}'`, (...keys) => pointer("tripartite", i, "pool", ...keys), report);
            }
          } else if (coupling.by !== "pool" && projection !== undefined && territory !== undefined) {
            const side = coupling.by === "pre" ? projection.pre : projection.post;
            if (side !== territory) {
              report("TP2053", pointer("tripartite", i, "by"), {
                coupling: coupling.id,
                by: coupling.by,
                projection: projection.id,
                side,
                population: territory,
                other: coupling.by === "pre" ? "post" : "pre",
              });
            }
          }
          const graded = coupling.effect.graded;
          if (graded !== undefined && !(graded.ca_high > graded.ca_low)) {
            report("TP2055", pointer("tripartite", i, "effect", "graded", "ca_high"), { coupling: coupling.id, low: graded.ca_low, high: graded.ca_high });
          }
        } else if (territory !== undefined && scope.populations.has(coupling.population) && coupling.population !== territory) {
          report("TP2054", pointer("tripartite", i, "population"), { coupling: coupling.id, name: coupling.population, astrocytes: coupling.astrocytes, population: territory });
        }
      });
    },
  },
  {
    name: "current-shapes",
    summary: "Step segments give one of value and values (one per neuron) and stop after they start; pulse columns have equal lengths and in-range neurons.",
    check(net, scope, report) {
      currentsOf(net).forEach((current, i) => {
        const population = scope.populations.get(current.population);
        if (current.kind === "steps") {
          current.segments.forEach((segment, k) => {
            const path = (...keys: (string | number)[]) => pointer("currents", i, "segments", k, ...keys);
            const hasValue = segment.value !== undefined;
            const hasValues = segment.values !== undefined;
            if (hasValue === hasValues) {
              report("TP2057", path(), { segment: k, current: current.id, found: hasValue ? "both 'value' and 'values'" : "neither 'value' nor 'values'" });
            }
            if (segment.values !== undefined && population !== undefined && segment.values.length !== population.size) {
              report("TP2056", path("values"), {
                current: current.id,
                count: plural(segment.values.length, "value"),
                segment: k,
                population: population.id,
                size: plural(population.size, "neuron"),
              });
            }
            if (!(segment.stop > segment.start)) report("TP2059", path("stop"), { segment: k, current: current.id, start: segment.start, stop: segment.stop });
          });
        } else if (current.kind === "pulses") {
          const columns = [
            ["neuron", current.neuron.length],
            ["start", current.start.length],
            ["duration", current.duration.length],
            ["amplitude", current.amplitude.length],
          ] as const;
          if (new Set(columns.map(([, length]) => length)).size > 1) {
            report("TP2058", pointer("currents", i), { current: current.id, lengths: columns.map(([name, length]) => `${plural(length, "value")} in '${name}'`).join(", ") });
          }
          if (population !== undefined) {
            const bad = firstOutside(current.neuron, population.size);
            if (bad !== undefined) {
              report("TP2039", pointer("currents", i, "neuron", bad.index), {
                owner: `Current '${current.id}'`,
                count: plural(bad.count, "neuron index", "neuron indices"),
                last: population.size - 1,
                population: population.id,
                place: `neuron[${bad.index}]`,
                example: bad.value,
              });
            }
          }
        }
      });
    },
  },
];

// ---------------------------------------------------------------------------------------------

function checkTerritory(
  territory: Territory,
  astrocytes: AstrocyteDocument,
  neurons: PopulationDocument,
  path: (...keys: (string | number)[]) => JsonPointer,
  report: RuleReporter,
): void {
  switch (territory.kind) {
    case "grid_patches": {
      const missing = [
        ...(astrocytes.grid === undefined ? [`astrocyte population '${astrocytes.id}'`] : []),
        ...(neurons.grid === undefined ? [`population '${neurons.id}'`] : []),
      ];
      if (missing.length > 0) {
        report("TP2036", path("kind"), { astrocytes: astrocytes.id, what: missing.join(" and ") });
        return;
      }
      const astroGrid = astrocytes.grid!;
      const neuronGrid = neurons.grid!;
      (["row", "column"] as const).forEach((dimension, axis) => {
        const count = astroGrid[axis];
        const size = territory.size[axis];
        const stride = territory.stride[axis];
        const covered = (count - 1) * stride + size;
        const actual = neuronGrid[axis];
        if (covered === actual) return;
        report("TP2037", path("stride", axis), {
          astrocytes: astrocytes.id,
          count,
          dimension,
          size,
          stride,
          covered,
          population: neurons.id,
          actual,
          fix: patchFix(actual, count, size, stride, dimension),
        });
      });
      return;
    }
    case "lists": {
      if (territory.neurons.length !== astrocytes.size) {
        report("TP2038", path("neurons"), {
          astrocytes: astrocytes.id,
          count: plural(territory.neurons.length, "list"),
          size: plural(astrocytes.size, "astrocyte"),
        });
      }
      let first: { list: number; index: number; value: number } | undefined;
      let count = 0;
      territory.neurons.forEach((list, a) => {
        const bad = firstOutside(list, neurons.size);
        if (bad === undefined) return;
        count += bad.count;
        first ??= { list: a, index: bad.index, value: bad.value };
      });
      if (first !== undefined) {
        report("TP2039", path("neurons", first.list, first.index), {
          owner: `The territory of astrocyte population '${astrocytes.id}'`,
          count: plural(count, "neuron index", "neuron indices"),
          last: neurons.size - 1,
          population: neurons.id,
          place: `neurons[${first.list}][${first.index}]`,
          example: first.value,
        });
      }
      return;
    }
    case "pool":
      checkPool(territory, astrocytes, neurons.size, `The territory of astrocyte population '${astrocytes.id}'`, path, report);
      return;
  }
}

/** The fixes for patches that miss the neuron grid: another patch count, or another patch size. */
function patchFix(actual: number, count: number, size: number, stride: number, dimension: string): string {
  const options: string[] = [];
  if ((actual - size) % stride === 0 && actual >= size) options.push(`${(actual - size) / stride + 1} astrocyte ${dimension}s`);
  const fittingSize = actual - (count - 1) * stride;
  if (fittingSize >= 1) options.push(`patches of ${fittingSize}`);
  const fits = options.length > 0 ? `With stride ${stride}, ${options.join(" or ")} would cover ${actual} exactly` : `No patch of stride ${stride} fits ${count} astrocyte ${dimension}s into ${actual}`;
  return `${fits}; (${dimension}s − 1) · stride + size must equal the neuron grid's ${dimension}s.`;
}

/**
 * NEST's pools: "random" draws pool_size of the astrocytes per neuron; "block" splits them evenly,
 * either pool_size = astrocytes / neurons each (astrocytes a multiple of neurons) or one
 * astrocyte per neurons / astrocytes consecutive neurons (pool_size 1).
 */
function checkPool(
  pool: { readonly pool_type: "random" | "block"; readonly pool_size: number },
  astrocytes: AstrocyteDocument,
  neuronCount: number,
  owner: string,
  path: (...keys: (string | number)[]) => JsonPointer,
  report: RuleReporter,
): void {
  const count = astrocytes.size;
  if (pool.pool_size > count) {
    report("TP2040", path("pool_size"), { owner, poolSize: pool.pool_size, astrocytes: astrocytes.id, size: count });
    return;
  }
  if (pool.pool_type !== "block" || isBlockSplit(count, neuronCount, pool.pool_size)) return;
  const fix =
    count % neuronCount === 0
      ? `Set pool_size to ${count / neuronCount}: each neuron then gets its own ${count / neuronCount} astrocytes.`
      : neuronCount % count === 0
        ? `Set pool_size to 1: each astrocyte then serves ${neuronCount / count} consecutive neurons.`
        : `Block pools need one count to be a multiple of the other; use "pool_type": "random" for ${count} astrocytes and ${neuronCount} neurons.`;
  report("TP2041", path("pool_size"), {
    owner,
    astrocyteCount: plural(count, "astrocyte"),
    poolSize: pool.pool_size,
    neuronCount: plural(neuronCount, "neuron"),
    fix,
  });
}

/** The most neurons one astrocyte covers, when the territory fixes it before any draw. */
function largestTerritory(territory: Territory): number | undefined {
  if (territory.kind === "grid_patches") return territory.size[0] * territory.size[1];
  if (territory.kind === "lists") return territory.neurons.reduce((most, list) => Math.max(most, new Set(list).size), 0);
  return undefined;
}

/** True when block pools split `astrocytes` evenly over `neurons` (see checkPool). */
export function isBlockSplit(astrocytes: number, neurons: number, poolSize: number): boolean {
  return astrocytes === neurons * poolSize || (poolSize === 1 && neurons % astrocytes === 0);
}

function checkRecord(entry: RecordSpec, i: number, scope: RuleScope, report: RuleReporter): void {
  const astrocytes = scope.astrocytes.get(entry.population);
  const population = scope.populations.get(entry.population);
  const kind = population !== undefined ? population.model : astrocytes !== undefined && !scope.nodes.has(entry.population) ? "astrocytes" : undefined;
  if (kind === undefined) return; // inputs and unknown names: record-targets
  const valid = RECORDABLE[kind];
  const what = kind === "astrocytes" ? "astrocyte population" : `${kind} population`;
  (entry.state ?? []).forEach((variable, k) => {
    if (!valid.includes(variable)) {
      report("TP2047", pointer("record", i, "state", k), { index: i, variable, what, name: entry.population, valid: valid.map((v) => `'${v}'`).join(", ") });
    } else if (variable === "glutamate" && population?.glutamate === undefined) {
      report("TP2048", pointer("record", i, "state", k), { index: i, name: entry.population });
    }
  });
  if (kind === "astrocytes" && entry.spikes === true) report("TP2049", pointer("record", i, "spikes"), { index: i, name: entry.population });
}

/** Reports TP2042 unless value is a positive whole multiple of step; returns whether it is. */
function checkMultiple(value: number, step: number, unit: string, subject: string, path: JsonPointer, report: RuleReporter): boolean {
  const ratio = value / step;
  if (isWhole(ratio) && Math.round(ratio) >= 1) return true;
  report("TP2042", path, { subject, value, unit, step, suggestion: nearestMultiples(ratio, step) });
  return false;
}

const isWhole = (ratio: number): boolean => Math.abs(ratio - Math.round(ratio)) <= GRID_TOLERANCE * Math.max(1, ratio);

/** "0.2 ms or 0.3 ms": the valid multiples of step nearest to ratio·step (at least one step). */
function nearestMultiples(ratio: number, step: number): string {
  const below = Math.max(1, Math.floor(ratio));
  const above = Math.max(1, Math.ceil(ratio));
  const values = [...new Set([below, above])].map((k) => `${formatNumber(k * step)} ms`);
  return values.join(" or ");
}

/** Per-element `values` must have the expected length; the loader's elaboration relies on it. */
function checkValueCount(
  spec: ValueSpec | undefined,
  needed: number,
  field: string,
  why: string,
  owner: string,
  keys: readonly (string | number)[],
  report: RuleReporter,
): void {
  if (typeof spec !== "object" || !("values" in spec) || spec.values.length === needed) return;
  report("TP2063", pointer(...keys, "values"), { owner, count: plural(spec.values.length, "value"), field, needed: plural(needed, "value"), why });
}

/** Uniform low ≤ high and normal min ≤ max, as value-ranges checks for the LIF fields. */
function checkRange(spec: ValueSpec | undefined, subject: string, keys: readonly (string | number)[], report: RuleReporter): void {
  if (typeof spec !== "object") return;
  if ("uniform" in spec && spec.uniform[0] > spec.uniform[1]) report("TP2016", pointer(...keys, "uniform"), { subject, low: spec.uniform[0], high: spec.uniform[1] });
  if ("normal" in spec) {
    const { min, max } = spec.normal;
    if (min !== undefined && max !== undefined && min > max) report("TP2017", pointer(...keys, "normal"), { subject, min, max });
  }
}

const lower = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

/** The first neuron–astrocyte feature the network uses, named for a message; undefined when none. */
function neuronAstrocyteFeature(net: NetworkDocument): string | undefined {
  const izhikevich = net.populations.find((p) => p.model === "izhikevich");
  if (izhikevich !== undefined) return `izhikevich population '${izhikevich.id}'`;
  const conductance = projectionsOf(net).find((p) => p.synapse.kind === "sigmoid_conductance");
  if (conductance !== undefined) return `conductance synapses (projection '${conductance.id}')`;
  const current = currentsOf(net)[0];
  if (current !== undefined) return `injected currents ('${current.id}')`;
  const astrocytes = astrocytesOf(net)[0];
  if (astrocytes !== undefined) return `astrocytes ('${astrocytes.id}')`;
  return undefined;
}

/**
 * Spike metrics per astrocyte territory (docs/diff.md "Territories"): the per-neuron counts and
 * ±k matches of a neuron population, summed over the neurons each astrocyte senses. The map
 * comes from the caller, usually `territoriesOf(elaborated)`; TP4100–TP4102 report a map that
 * does not fit the recordings.
 */
import { makeDiagnostic, type Diagnostic } from "../ir/diagnostics.js";
import type { ElaboratedNetwork } from "../ir/elaborated.js";
import { pointer } from "../ir/pointer.js";
import type { Recording } from "../hw/recording.js";
import type { NeuronMetrics } from "./compare.js";
import { matchedFraction, rateHz } from "./metrics.js";

/** The territories of one astrocyte population: neurons[a] = neuron indices of `population` that astrocyte a senses. */
export interface TerritoryMap {
  readonly population: string;
  readonly neurons: readonly (readonly number[])[];
}

/** Astrocyte population id → its territories. */
export type Territories = Readonly<Record<string, TerritoryMap>>;

export interface TerritoryDiff {
  /** The astrocyte population. */
  readonly astrocytes: string;
  /** The neuron population the territories cover. */
  readonly population: string;
  readonly matchWithin: number;
  /** Per astrocyte (index = astrocyte): neurons in the territory, spike counts, rates, matches. */
  readonly size: Int32Array;
  readonly countA: Int32Array;
  readonly countB: Int32Array;
  readonly rateAHz: Float64Array;
  readonly rateBHz: Float64Array;
  readonly withinMatched: Int32Array;
  /** Matched within ±k over the territory's reference spikes (1 when both sides are silent). */
  readonly withinFraction: Float64Array;
  readonly meanWithinFraction: number;
  readonly minWithinFraction: number;
  readonly worstTerritory: number;
}

/** The territory map of every astrocyte population of an elaborated network. */
export function territoriesOf(net: ElaboratedNetwork): Territories {
  return Object.fromEntries(net.astrocytes.map((astro) => {
    const { rowStart, neuron } = astro.territory;
    const neurons = Array.from({ length: astro.size }, (_, a) => Array.from(neuron.subarray(rowStart[a], rowStart[a + 1])));
    return [astro.id, { population: net.populations[astro.territoryPopulation].id, neurons }];
  }));
}

/**
 * TP4100 (warning): the neuron population is not in the reference or has no spikes on one side;
 * TP4101 (error): a neuron index outside the population; TP4102 (error): the map's astrocyte
 * count differs from the astrocyte population's size in the reference.
 */
export function checkTerritories(territories: Territories, a: Recording, b: Recording): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [astrocytes, map] of Object.entries(territories)) {
    const astroPop = a.populations.find((pop) => pop.id === astrocytes);
    if (astroPop !== undefined && astroPop.size !== map.neurons.length) {
      out.push(makeDiagnostic("TP4102", pointer("territories", astrocytes, "neurons"), { astrocytes, found: map.neurons.length, expected: astroPop.size }));
    }
    const popA = a.populations.find((pop) => pop.id === map.population);
    const popB = b.populations.find((pop) => pop.id === map.population);
    if (popA?.spikes === undefined || popB?.spikes === undefined) {
      const reason = popA === undefined ? "the reference recording lacks it" : "its spikes are not recorded on both sides";
      out.push(makeDiagnostic("TP4100", pointer("territories", astrocytes, "population"), { astrocytes, population: map.population, reason }));
      continue;
    }
    map.neurons.forEach((neurons, astrocyte) => {
      const bad = neurons.findIndex((n) => !Number.isInteger(n) || n < 0 || n >= popA.size);
      if (bad >= 0) {
        out.push(makeDiagnostic("TP4101", pointer("territories", astrocytes, "neurons", astrocyte, bad),
          { astrocytes, astrocyte, neuron: neurons[bad], population: map.population, max: popA.size - 1 }));
      }
    });
  }
  return out;
}

/** Sums per-neuron metrics over each territory; `perNeuron` belongs to map.population. */
export function compareTerritories(astrocytes: string, map: TerritoryMap, perNeuron: NeuronMetrics, matchWithin: number, a: Recording): TerritoryDiff {
  const count = map.neurons.length;
  const size = new Int32Array(count), countA = new Int32Array(count), countB = new Int32Array(count), within = new Int32Array(count);
  const rateA = new Float64Array(count), rateB = new Float64Array(count), fraction = new Float64Array(count);
  let sum = 0, min = 1, worst = 0;
  map.neurons.forEach((neurons, t) => {
    size[t] = neurons.length;
    for (const n of neurons) {
      countA[t] += perNeuron.countA[n];
      countB[t] += perNeuron.countB[n];
      within[t] += perNeuron.withinMatched[n];
    }
    rateA[t] = rateHz(countA[t], neurons.length, a.steps, a.dtMs);
    rateB[t] = rateHz(countB[t], neurons.length, a.steps, a.dtMs);
    fraction[t] = matchedFraction(within[t], countA[t], countB[t]);
    sum += fraction[t];
    if (fraction[t] < min) {
      min = fraction[t];
      worst = t;
    }
  });
  return {
    astrocytes, population: map.population, matchWithin, size, countA, countB, rateAHz: rateA, rateBHz: rateB,
    withinMatched: within, withinFraction: fraction, meanWithinFraction: count > 0 ? sum / count : 1, minWithinFraction: min, worstTerritory: worst,
  };
}

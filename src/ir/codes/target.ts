/**
 * Diagnostic codes of this area: TP11xx (target file: JSON, schema, format, lookup) and TP21xx
 * (target semantics: ranges and widths that the schema alone cannot check). See ../codes.ts for
 * the numbering and docs/diagnostics-target.md for an example of each.
 */
import type { CodeInfo } from "../codes.js";

export const TARGET_CODES = {
  TP1101: {
    severity: "error",
    template: "The target file is not valid JSON: {reason}.",
    hint: "Fix the syntax; target files are strict JSON (no comments, no trailing commas).",
  },
  TP1102: {
    severity: "error",
    template: "{detail}",
    hint: "Check the field against docs/targets.md.",
  },
  TP1103: {
    severity: "error",
    template: "Required target field '{field}' is missing.",
    hint: "Add it; docs/targets.md lists every field with its meaning.",
  },
  TP1104: {
    severity: "error",
    template: "Field '{field}' is not part of the target format.",
    hint: "Check its spelling against docs/targets.md.",
  },
  TP1105: {
    severity: "error",
    template: "Format '{found}' is not supported; expected '{expected}'.",
    hint: "Check that the file is a Tripart target description.",
  },
  TP1106: {
    severity: "error",
    template: "The target file '{file}' cannot be read: {reason}.",
    hint: "Check the path, or name a bundled target: {bundled}.",
  },
  TP1107: {
    severity: "error",
    template: "Target '{name}' is neither a bundled target nor an existing file.",
    hint: "Name a bundled target ({bundled}) or give the path of a target JSON file.",
  },
  TP2101: {
    severity: "error",
    template: "'{field}' has minimum {min} greater than its maximum {max}.",
    hint: "Swap or correct the two bounds.",
  },
  TP2102: {
    severity: "error",
    template: "Register '{register}' spans {count} values from {min} to {max}, more than its {bits} bits hold ({capacity}).",
    hint: "Narrow [min, max] to at most 2^bits values or raise bits.",
  },
  TP2103: {
    severity: "error",
    template: "Register '{register}' range [{min}, {max}] excludes 0, the reset and initial value.",
    hint: "Make min ≤ 0 ≤ max.",
  },
  TP2104: {
    severity: "error",
    template: "Decay '{field}' {value} plus offset {offset} exceeds 2^{bits} = {limit}, which would make the decay factor negative.",
    hint: "Lower '{field}' to at most {largest}.",
  },
  TP2105: {
    severity: "error",
    template: "Neuron spike latency {value} is less than 1 step; a spike cannot reach a compartment in the step it is emitted.",
    hint: "Set latency.neuron to 1 or more (Loihi: 1).",
  },
  TP2106: {
    severity: "error",
    template: "{what} needs {needed}-bit integers, more than the 53 bits that are computed exactly.",
    hint: "Reduce {fields} so that their sum is at most 53.",
  },
  TP2107: {
    severity: "error",
    template: "Refractory periods are marked unsupported but maxSteps is {value}.",
    hint: "Set refractory.maxSteps to 0, or mark refractory periods as supported.",
  },
  TP2108: {
    severity: "warning",
    template: "The largest threshold {threshold} exceeds the voltage register maximum {max}; thresholds above it can never be crossed.",
    hint: "Lower threshold.mantissaBits or threshold.shift, or widen the v register.",
  },
  TP2109: {
    severity: "warning",
    template: "The weight clip {clip} exceeds the current register maximum {max}; one spike could overflow u.",
    hint: "Lower weight.clip to at most {max}.",
  },
  TP2110: {
    severity: "error",
    template: "The fixed time step {fixed} ms lies outside [{min}, {max}] ms.",
    hint: "Make timeStep.minMs ≤ timeStep.fixedMs ≤ timeStep.maxMs, or drop the bounds.",
  },
  TP2111: {
    severity: "error",
    template: "{what} needs {needed}-bit products, more than the 52 bits (plus sign) that are computed exactly.",
    hint: "Reduce {fields}.",
  },
  TP2112: {
    severity: "error",
    template: "An accumulator of {accumulator} bits cannot hold one synaptic event of {event} bits (a {weight}-bit weight times a {sigmoid}-bit sigmoid value).",
    hint: "Raise synapse.accumulatorBits to at least {minimum}.",
  },
  TP2113: {
    severity: "warning",
    template: "A full fan-in of {fanIn} synapses at the largest weight and S = 1 needs {needed} accumulator bits; {accumulator} can saturate.",
    hint: "Raise synapse.accumulatorBits to {needed}, or lower core.maxFanIn.",
  },
  TP2114: {
    severity: "error",
    template: "Capability '{item}' of '{field}' is not implemented by the semantics ({implemented}).",
    hint: "List only what semantics.{semantics} names, or extend the semantics.",
  },
  TP2115: {
    severity: "error",
    template: "capabilities.astrocytes is {astrocytes} but semantics.astrocyte.models is {models}.",
    hint: "Make them agree: astrocyte units exist exactly when at least one astrocyte model is implemented.",
  },
  TP2116: {
    severity: "error",
    template: "An astrocyte territory of {territory} neurons exceeds the {neurons} neuron units of a core.",
    hint: "Lower core.maxTerritory to at most core.maxNeurons.",
  },
  TP2117: {
    severity: "error",
    template: "The gate window of {window} steps exceeds the hold of {hold} steps the gate can keep open.",
    hint: "Keep astrocyte.maxWindowSteps ≤ astrocyte.maxHoldSteps, or widen the hold counter.",
  },
  TP2118: {
    severity: "error",
    template: "Astrocyte diffusion is listed ({orders}) but core.maxNeighbours is 0, so no astrocyte has a gap-junction partner.",
    hint: "Raise core.maxNeighbours, or empty semantics.astrocyte.diffusion.",
  },
  TP2120: {
    severity: "error",
    template: "The plasticity in capabilities.plasticity ({capabilities}) differs from learning.rules ({rules}).",
    hint: "List the same rules in both; a target without a learning section lists no plasticity.",
  },
  TP2121: {
    severity: "error",
    template: "The default learning epoch of {default} steps exceeds the largest epoch, {max} steps.",
    hint: "Keep learning.epoch.default ≤ learning.epoch.max.",
  },
  TP2122: {
    severity: "error",
    template: "The {bits}-bit accumulator has {fractionBits} fraction bits, which leaves no room for one whole mantissa step and its sign.",
    hint: "Keep learning.accumulator.fractionBits ≤ learning.accumulator.bits − 2.",
  },
  TP2123: {
    severity: "error",
    template: "Plastic weights of {weightBits} bits do not fit the {mantissaBits}-bit weight mantissa.",
    hint: "Keep learning.weightBits ≤ neuron.weight.mantissaBits.",
  },
  TP2124: {
    severity: "error",
    template: "{what} needs {needed}-bit products, more than the 52 bits (plus sign) that are computed exactly.",
    hint: "Narrow {fields}.",
  },
  TP2125: {
    severity: "error",
    template: "Pairing 'nearest_pre_centred' needs a pre trace per synapse; this learning engine keeps traces per neuron.",
    hint: "Remove it from learning.pairings; all_to_all and nearest_symmetric use per-neuron traces.",
  },
  TP2126: {
    severity: "error",
    template: "Bound exponent {value} is not one the learning engine computes (0 additive, 1 multiplicative).",
    hint: "List only 0 and 1 in learning.boundExponents.",
  },
  TP2127: {
    severity: "error",
    template: "Astrocyte-gated learning is on (learning.astrocyteModulation) but the target has no astrocytes (capabilities.astrocytes is false).",
    hint: "Set learning.astrocyteModulation to false on a LIF target.",
  },
  TP2128: {
    severity: "error",
    template: "A {bits}-bit trace cannot hold {pileUp} all-to-all spikes (learning.trace.pileUp): each adds 2^bits / pileUp, which must be a whole power of two.",
    hint: "Make learning.trace.pileUp a power of two from 2 to {max}, or widen learning.trace.bits (Loihi: 7 bits, 4 spikes).",
  },
  TP2129: {
    severity: "error",
    template: "The {bits}-bit modulator has {fractionBits} fraction bits, which leaves no integer part and no sign.",
    hint: "Keep learning.modulator.fractionBits ≤ learning.modulator.bits − 2.",
  },
  TP2130: {
    severity: "error",
    template: "The crossbar read voltage {voltage} V is not strictly inside the device's thresholds ({vOn} V, {vOff} V): every read would move the state (read disturb).",
    hint: "Choose crossbar.read.voltage with {vOn} < V < {vOff}, e.g. half of v_off ({suggestion} V).",
  },
  TP2131: {
    severity: "error",
    template: "The crossbar {field} {voltage} V does not cross its threshold {threshold} V, so a pulse would not move the device.",
    hint: "{advice}",
  },
  TP2132: {
    severity: "error",
    template: "The crossbar device has {low} = {lowValue} not below {high} = {highValue}.",
    hint: "Make {low} < {high}: {why}.",
  },
  TP2133: {
    severity: "error",
    template: "The crossbar device's {field} is {value}, but VTEAM needs {expected}.",
    hint: "{advice}",
  },
  TP2134: {
    severity: "error",
    template: "crossbar.program.substeps is 0, so a programming pulse would not be integrated at all.",
    hint: "Give at least 1 substep; the VTEAM reference codes step at 0.1 ns, e.g. 10 substeps of a 1 ns pulse.",
  },
  TP2135: {
    severity: "error",
    template: "A crossbar tile has {columns} columns, an odd number; every neuron takes a pair of columns (G⁺ and G⁻).",
    hint: "Make crossbar.tile.columns even.",
  },
  TP2140: {
    severity: "error",
    template: "neuron.spikesPerStep is {cap}, but reset '{reset}' ends every step with at most one spike.",
    hint: "Set reset to \"subtract\" (v -= vth per spike), or spikesPerStep to 1.",
  },
  TP2141: {
    severity: "error",
    template: "Reset \"subtract\" keeps the residual voltage and has no refractory hold, but refractory.supported is true.",
    hint: "Set refractory.supported to false and maxSteps to 0, or use reset \"zero\".",
  },
  TP2142: {
    severity: "error",
    template: "{field} is {value}, but a shift decay (decay.form \"shift\") takes its shifts as stored, without an offset.",
    hint: "Set {field} to 0.",
  },
  TP2180: {
    severity: "error",
    template: "chip.mesh has {columns} × {rows} tiles of {coresPerTile} cores = {held} cores, but chip.cores is {cores}.",
    hint: "Make columns · rows · coresPerTile equal chip.cores.",
  },
  TP2181: {
    severity: "error",
    template: "board has {columns} × {rows} = {held} chip positions, but board.chips is {chips}.",
    hint: "Make board.columns · board.rows equal board.chips.",
  },
  TP2150: {
    severity: "error",
    template: "Capability '{item}' of '{field}' is not what a LIF target's compartment implements ({implemented}).",
    hint: "List only {implemented} in '{field}'; other neuron models and synapse kinds need another target family (glia-core).",
  },
  TP2151: {
    severity: "error",
    template: "capabilities.astrocytes is true, but a LIF target has no astrocyte units.",
    hint: "Set capabilities.astrocytes to false; astrocytes run on glia-core targets.",
  },
  TP2160: {
    severity: "error",
    template: "The energy cost of '{kind}' gives neither an energy nor a time.",
    hint: "Give energy (J) or time (s) with its source, or leave the operation out: an operation no source prices is not listed.",
  },
  TP2161: {
    severity: "error",
    template: "The energy section prices '{kind}', but the target has no crossbar: there are no devices to read or program.",
    hint: "Remove energy.operations.{kind}, or add the crossbar section it belongs to.",
  },
  TP2162: {
    severity: "warning",
    template: "The energy section prices '{kind}', but the target has no astrocyte units (capabilities.astrocytes is false), so the cost is never used.",
    hint: "Remove energy.operations.{kind}.",
  },
  TP2163: {
    severity: "error",
    template: "Target '{target}' has no energy section, so its energy cannot be estimated.",
    hint: "Add an energy section with a cited cost per operation (docs/energy.md), or estimate on a target that has one.",
  },
  TP2170: {
    severity: "error",
    template: "layout.maxHiddenNeurons ({hidden}) and layout.output.maxNeurons ({output}) add up to {sum} neurons, more than the {limit} compartments of core.maxNeurons.",
    hint: "Hidden and output neurons share the core's compartments; make maxNeurons at least {sum}, or lower one of the two.",
  },
  TP2171: {
    severity: "error",
    template: "layout.output.spikesPerStep is {output}, more than the {cap} spikes per step any compartment emits (neuron.spikesPerStep).",
    hint: "Give output neurons at most {cap} spikes per step.",
  },
  TP2172: {
    severity: "error",
    template: "layout.output.currentChannels is {output}, more than the {channels} current channels of a compartment (neuron.currentChannels).",
    hint: "Give output neurons at most {channels} current channels.",
  },
  TP2173: {
    severity: "error",
    template: "layout.maxInputLines is {lines}, more than the {axons} input axons of a core (core.maxInputAxons); every input line takes an input axon.",
    hint: "Lower maxInputLines to at most {axons}, or raise maxInputAxons.",
  },
} as const satisfies Record<`TP${number}`, CodeInfo>;

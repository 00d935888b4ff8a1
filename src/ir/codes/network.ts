/**
 * Diagnostic codes of this area: TP10xx (network file), TP20xx (network semantics). See ../codes.ts
 * for the numbering. docs/diagnostics-network.md shows each code with an input and its message;
 * test/diagnostics/cases/ holds at least one input per code.
 *
 * Schema messages (TP1003-TP1009, TP1013, TP1014) get a {subject} such as "Field 'params.tau_m' of
 * population 'exc'" from src/ir/schema.ts, so they name the element by its id.
 */
import type { CodeInfo } from "../codes.js";

export const NETWORK_CODES = {
  // ── TP10xx: reading the file, JSON syntax, format and schema ──────────────────────────────
  TP1000: {
    severity: "error",
    template: "Cannot read network file '{file}': {reason}.",
    hint: "Check the path and its permissions.",
  },
  TP1001: {
    severity: "error",
    template: "The file is not valid JSON: {reason}.",
    hint: "JSON allows no comments, no trailing commas and only double-quoted strings.",
  },
  TP1002: { severity: "error", template: "{subject} {problem}." },
  TP1003: {
    severity: "error",
    template: "{owner} is missing the required field '{field}'.",
    hint: "Add '{field}'; docs/ir.md lists every field with its unit.",
  },
  TP1004: {
    severity: "error",
    template: "{owner} has the field '{field}', which is not part of the format.",
    hint: "Check its spelling against docs/ir.md.",
  },
  TP1005: { severity: "error", template: "{subject} must be {expected}, not {found}." },
  TP1006: { severity: "error", template: "{subject} is {value}, but it must be {bound}." },
  TP1007: { severity: "error", template: "{subject} is {value}; it must be {allowed}." },
  TP1008: { severity: "error", template: "{subject} has {count}; it must have {bound}." },
  TP1009: {
    severity: "error",
    template: "{subject} must hold exactly one of {allowed}.",
    hint: "Write a plain number, or one form such as {\"uniform\": [low, high]}.",
  },
  TP1010: {
    severity: "error",
    template: "Format '{found}' is not supported; expected '{expected}'.",
    hint: "Check that this is a Tripart network file.",
  },
  TP1011: {
    severity: "error",
    template: "The file has no 'format' field; a network file starts with \"format\": \"{expected}\".",
    hint: "Add \"format\": \"{expected}\" as the first field.",
  },
  TP1012: {
    severity: "error",
    template: "The file holds {found}, but a network is a JSON object.",
    hint: "A network file is one object: {\"format\": \"tripart.network/1\", \"run\": ..., \"populations\": [...]}.",
  },
  TP1013: {
    severity: "error",
    template: "{subject} is {value}, which is not a valid id.",
    hint: "An id starts with a letter or '_' and continues with letters, digits, '_', '.' or '-'.",
  },
  TP1014: {
    severity: "error",
    template: "{subject} lists {value} twice (items {first} and {second}).",
    hint: "Remove the repeated entry.",
  },

  // ── TP20xx: semantic rules (src/ir/rules.ts); they run only on a file that passed the schema ──
  TP2001: {
    severity: "error",
    template: "Id '{id}' names both {first} and {second}; population and input ids must be unique.",
    hint: "Rename one of them; projections and records refer to populations and inputs by id.",
  },
  TP2002: {
    severity: "error",
    template: "Projection id '{id}' is used by projections {first} and {second}.",
    hint: "Give each projection its own id.",
  },
  TP2003: {
    severity: "error",
    template: "Projection '{projection}' names '{name}' as pre, which is no population or input.",
    hint: "Pre must be the id of a population or an input.{suggestion}",
  },
  TP2004: {
    severity: "error",
    template: "Projection '{projection}' names unknown population '{name}' as post.",
    hint: "Post must be the id of a population.{suggestion}",
  },
  TP2005: {
    severity: "error",
    template: "Projection '{projection}' names input '{name}' as post, but inputs cannot receive synapses.",
    hint: "The post of a projection must be a population; swap pre and post if they are reversed.",
  },
  TP2006: {
    severity: "error",
    template: "Record entry {index} names '{name}', which is no population or input.",
    hint: "'population' must be the id of a population (or of an input, for spikes).{suggestion}",
  },
  TP2007: {
    severity: "error",
    template: "Record entry {index} asks for state of input '{name}', but inputs have only spikes.",
    hint: "Remove 'state' from this entry, or record a population instead.",
  },
  TP2008: {
    severity: "error",
    template: "Record entry {index} lists {count} outside 0..{last} of '{name}' (first: {example}).",
    hint: "Neuron indices of '{name}' run from 0 to {last}.",
  },
  TP2009: {
    severity: "error",
    template: "Projection '{projection}' has {count} with a {side} index outside 0..{last} of '{name}' (first: pair {pair}, index {example}).",
    hint: "Neuron indices of '{name}' run from 0 to {last}; pairs are [pre index, post index].",
  },
  TP2010: {
    severity: "error",
    template: "Projection '{projection}' connects one_to_one, but pre '{pre}' has {preSize} neurons and post '{post}' has {postSize}.",
    hint: "one_to_one needs equal sizes; use another rule or resize a population.",
  },
  TP2011: {
    severity: "error",
    template: "Projection '{projection}' asks for indegree {indegree}, but pre '{pre}' can give each post neuron at most {available} distinct sources.",
    hint: "Lower indegree to at most {available}{autapseNote}.",
  },
  TP2012: {
    severity: "error",
    template: "Population '{population}' has v_thresh {v_thresh} mV, which is not above v_reset {v_reset} mV.",
    hint: "A neuron reset to v_reset would spike again at once; set v_thresh > v_reset.",
  },
  TP2013: {
    severity: "error",
    template: "Projection '{projection}' gives {count}, but it has {synapses}.",
    hint: "Give one value per synapse in connection order ({order}).",
  },
  TP2014: {
    severity: "error",
    template: "Projection '{projection}' gives per-synapse {field} values, but its rule '{rule}' draws the synapses at random.",
    hint: "Use {alternatives} instead, or list the synapses with the 'explicit' rule.",
  },
  TP2015: {
    severity: "error",
    template: "Population '{population}' gives {count}, but it has {size}.",
    hint: "Give one value per neuron, or a single number for all.",
  },
  TP2016: {
    severity: "error",
    template: "{subject} is uniform over [{low}, {high}], but low is above high.",
    hint: "Write the range as [low, high] with low ≤ high.",
  },
  TP2017: {
    severity: "error",
    template: "{subject} is normal with min {min} above max {max}.",
    hint: "Set min ≤ max, or drop one bound.",
  },
  TP2018: {
    severity: "warning",
    template: "Projection '{projection}' draws weights from a normal distribution without 'min', so a draw can fall below 0.",
    hint: "Weights are magnitudes (the sign comes from 'sign'); add \"min\": 0 to the normal spec.",
  },
  TP2019: {
    severity: "error",
    template: "Input '{input}' has size {size} but gives spike times for {count}.",
    hint: "'times' needs one list per source (an empty list for a silent source).",
  },
  TP2020: {
    severity: "error",
    template: "Input '{input}' has spike times out of order: {count} earlier than the one before (first: times[{source}][{index}] = {time} ms).",
    hint: "Sort each source's spike times ascending.",
  },
  TP2021: {
    severity: "warning",
    template: "Input '{input}' has {count} at or after the end of the run at {end} ms (first: times[{source}][{index}] = {time} ms); such spikes are never delivered.",
    hint: "Remove them or lengthen run.duration.",
  },
  TP2022: {
    severity: "warning",
    template: "Input '{input}' has {count} off the grid of dt = {dt} ms (first: times[{source}][{index}] = {time} ms); such times are rounded to the nearest step.",
    hint: "Write spike times on the dt grid to avoid the rounding.",
  },
  TP2023: {
    severity: "error",
    template: "Input '{input}' fires at {rate} Hz, which gives a spike probability of {p} per step of {dt} ms; it must be at most 1.",
    hint: "Lower the rate below {maxRate} Hz or use a smaller dt.",
  },
  TP2024: {
    severity: "error",
    template: "Input '{input}' starts at {start} ms, after it stops at {stop} ms.",
    hint: "Set start ≤ stop.",
  },
  TP2025: {
    severity: "warning",
    template: "The run lasts {duration} ms, which is not a multiple of dt = {dt} ms; it has round(duration / dt) = {steps} ({simulated} ms).",
    hint: "Choose a duration that is a whole number of steps.",
  },
  TP2026: {
    severity: "error",
    template: "The run lasts {duration} ms, less than half a step of dt = {dt} ms, so it has no steps.",
    hint: "Make run.duration at least one dt.",
  },
  TP2027: {
    severity: "warning",
    template: "Population '{population}' has tau_ref {tau_ref} ms, shorter than dt {dt} ms; it rounds to {steps}.",
    hint: "The refractory period is a whole number of steps, round(tau_ref / dt); use tau_ref 0 or at least dt.",
  },
  // TP2028 (reserved section not empty) is retired: "plasticity" is defined now. Never reuse it.
  TP2029: {
    severity: "warning",
    template: "Input '{input}' has {count} on the same step as the time before (first: times[{source}][{index}] = {time} ms); a source spikes at most once per step, so they merge.",
    hint: "Space one source's spikes at least dt = {dt} ms apart, or spread them over several sources.",
  },
  TP2030: {
    severity: "error",
    template: "The run has {steps} steps of dt = {dt} ms, more than the {limit} that step indices can count.",
    hint: "Shorten run.duration or use a larger dt.",
  },
  // ── TP2031-TP2069: neuron–astrocyte rules (src/ir/rules-astro.ts) ─────────────────────────
  TP2031: {
    severity: "error",
    template: "Id '{id}' names both {first} and {second}; ids of populations, inputs, currents, astrocyte populations and tripartite couplings must be unique.",
    hint: "Rename one of them; records and couplings refer to these elements by id.",
  },
  TP2032: {
    severity: "error",
    template: "{owner} names unknown population '{name}'.",
    hint: "Use the id of a neuron population.{suggestion}",
  },
  TP2033: {
    severity: "error",
    template: "Tripartite coupling '{coupling}' names unknown astrocyte population '{name}'.",
    hint: "'astrocytes' must be the id of an entry of \"astrocytes\".{suggestion}",
  },
  TP2034: {
    severity: "error",
    template: "Tripartite coupling '{coupling}' names unknown projection '{name}'.",
    hint: "'projection' must be the id of a projection.{suggestion}",
  },
  TP2035: {
    severity: "error",
    template: "{owner} has a grid of {rows} × {cols} = {cells} cells, but its size is {size}.",
    hint: "Make rows · cols equal the size (element index = row + rows · col).",
  },
  TP2036: {
    severity: "error",
    template: "The grid_patches territory of astrocyte population '{astrocytes}' needs a grid on {what}.",
    hint: "Add \"grid\": [rows, cols] to {what}; patch (row, col) of the astrocyte grid covers a block of the neuron grid.",
  },
  TP2037: {
    severity: "error",
    template: "Astrocyte population '{astrocytes}' has {count} patch {dimension}s of {size} neurons with stride {stride}, which cover ({count} − 1) · {stride} + {size} = {covered} {dimension}s, but '{population}' has {actual}.",
    hint: "{fix}",
  },
  TP2038: {
    severity: "error",
    template: "The lists territory of astrocyte population '{astrocytes}' has {count}, but the population has {size}.",
    hint: "Give one list of neuron indices per astrocyte (an empty list for an astrocyte without neurons).",
  },
  TP2039: {
    severity: "error",
    template: "{owner} lists {count} outside 0..{last} of '{population}' (first: {place} = {example}).",
    hint: "Neuron indices of '{population}' run from 0 to {last}.",
  },
  TP2040: {
    severity: "error",
    template: "{owner} asks for pools of {poolSize} astrocytes, but '{astrocytes}' has {size}.",
    hint: "Set pool_size to at most {size}.",
  },
  TP2041: {
    severity: "error",
    template: "{owner} splits {astrocyteCount} into block pools of {poolSize} for {neuronCount}, which does not divide evenly.",
    hint: "{fix}",
  },
  TP2042: {
    severity: "error",
    template: "{subject} is {value} ms, which is not a positive whole multiple of {unit} = {step} ms.",
    hint: "Use {suggestion}.",
  },
  TP2043: {
    severity: "error",
    template: "Astrocyte population '{astrocytes}' has {count} with an index outside 0..{last} (first: pair {pair}, index {example}).",
    hint: "Astrocyte indices run from 0 to {last}.",
  },
  TP2044: {
    severity: "error",
    template: "Astrocyte population '{astrocytes}' couples astrocyte {index} with itself (pair {pair}).",
    hint: "A gap junction joins two different astrocytes; remove the pair.",
  },
  TP2045: {
    severity: "error",
    template: "Astrocyte population '{astrocytes}' couples by \"grid\" but has no grid.",
    hint: "Add \"grid\": [rows, cols], or list the neighbours with \"kind\": \"pairs\".",
  },
  TP2046: {
    severity: "error",
    template: "Astrocyte population '{astrocytes}' senses glutamate ({kind}), but its territory population '{population}' has no glutamate spec.",
    hint: "Add \"glutamate\": {\"decay_rate\": ..., \"release_rate\": ...} to population '{population}', or sense spikes with \"spike_jump\".",
  },
  TP2047: {
    severity: "error",
    template: "Record entry {index} asks for '{variable}' of {what} '{name}', which has only {valid}.",
    hint: "Record one of {valid}.",
  },
  TP2048: {
    severity: "error",
    template: "Record entry {index} asks for the glutamate of population '{name}', which has no glutamate spec.",
    hint: "Add \"glutamate\": {\"decay_rate\": ..., \"release_rate\": ...} to population '{name}', or remove 'glutamate' from 'state'.",
  },
  TP2049: {
    severity: "error",
    template: "Record entry {index} asks for spikes of astrocyte population '{name}', but astrocytes do not spike.",
    hint: "Set \"spikes\": false (the default for astrocytes) and record state such as \"ca\" or \"gate\".",
  },
  TP2050: {
    severity: "error",
    template: "Projection '{projection}' has sigmoid_conductance synapses with a delay; they act in the step their presynaptic voltage is computed.",
    hint: "Remove 'delay' or set it to 0.",
  },
  TP2051: {
    severity: "error",
    template: "Projection '{projection}' has sigmoid_conductance synapses onto LIF population '{post}'; conductance synapses are supported only onto izhikevich populations.",
    hint: "Use \"kind\": \"exponential\" synapses for LIF populations, or make '{post}' an izhikevich population.",
  },
  TP2052: {
    severity: "error",
    template: "Projection '{projection}' has exponential synapses onto izhikevich population '{post}'; izhikevich populations take only sigmoid_conductance synapses.",
    hint: "Use {\"kind\": \"sigmoid_conductance\", \"e_rev\": 0, \"k\": 0.2} (WM2021's synapse), or make '{post}' a LIF population.",
  },
  TP2053: {
    severity: "error",
    template: "Tripartite coupling '{coupling}' picks astrocytes by '{by}', but the {by} population of projection '{projection}' is '{side}', not the territory population '{population}'.",
    hint: "Couple a projection whose {by} is '{population}', or pick astrocytes by '{other}' or \"pool\".",
  },
  TP2054: {
    severity: "error",
    template: "Tripartite coupling '{coupling}' acts on population '{name}', but astrocyte population '{astrocytes}' owns neurons of '{population}'.",
    hint: "Set 'population' to '{population}', the population of the astrocytes' territory.",
  },
  TP2055: {
    severity: "error",
    template: "Tripartite coupling '{coupling}' grades its effect from ca_low {low} µM to ca_high {high} µM, but ca_high must lie above ca_low.",
    hint: "Set ca_high > ca_low; the effect scales with clamp((Ca − ca_low) / (ca_high − ca_low), 0, 1).",
  },
  TP2056: {
    severity: "error",
    template: "Current '{current}' gives {count} in segment {segment}, but population '{population}' has {size}.",
    hint: "Give one value per neuron, or use 'value' for a current common to all neurons.",
  },
  TP2057: {
    severity: "error",
    template: "Segment {segment} of current '{current}' gives {found}; it needs exactly one of 'value' and 'values'.",
    hint: "Write \"value\": x for one current for all neurons, or \"values\": [...] for one per neuron.",
  },
  TP2058: {
    severity: "error",
    template: "Current '{current}' lists {lengths}; the pulse columns must have equal lengths.",
    hint: "Pulse k is (neuron[k], start[k], duration[k], amplitude[k]); give every column one entry per pulse.",
  },
  TP2059: {
    severity: "error",
    template: "Segment {segment} of current '{current}' stops at {stop} ms, not after its start at {start} ms.",
    hint: "A segment covers [start, stop); set stop > start.",
  },
  TP2060: {
    severity: "error",
    template: "Projection '{projection}' connects by grid_distance, but {problem}.",
    hint: "grid_distance connects a population to itself or to a population with the same grid; give both a \"grid\": [rows, cols].",
  },
  TP2061: {
    severity: "error",
    template: "Population '{population}' has spike_threshold {threshold} mV, which is not below v_peak {peak} mV, so its neurons never spike.",
    hint: "Set spike_threshold below v_peak (its default is v_peak − 1).",
  },
  TP2062: {
    severity: "error",
    template: "{subject} is {value} ms, which is not a whole multiple of the astrocyte period {period} ms.",
    hint: "Use {suggestion}.",
  },
  TP2063: {
    severity: "error",
    template: "{owner} gives {count} for '{field}', but it needs {needed}.",
    hint: "Give {needed} ({why}), or a single number or a draw for all.",
  },
  TP2064: {
    severity: "error",
    template: "Population '{population}' releases glutamate \"at_peak\", but LIF neurons have no v_peak to reach.",
    hint: "Use \"release\": \"spiking\" (the LIF default) or leave 'release' out.",
  },
  TP2065: {
    severity: "warning",
    template: "Astrocyte population '{astrocytes}' needs {needed} territory neurons for its {what}, but no astrocyte covers more than {largest}; it never triggers.",
    hint: "Lower {field} to at most {largest}, or give the astrocytes larger territories.",
  },
  TP2067: {
    severity: "error",
    template: "Population '{population}' is LIF, but this network uses {feature}, which runs on the neuron–astrocyte engines; those step Izhikevich populations only.",
    hint: "Make '{population}' an izhikevich population, or move the LIF part into a network of its own (no currents, astrocytes or conductance synapses).",
  },
  TP2066: {
    severity: "warning",
    template: "Tripartite coupling '{coupling}' acts through the gate A of astrocyte population '{astrocytes}', which has no gate, so A stays 0 and the coupling does nothing.",
    hint: "Add a \"gate\" to '{astrocytes}', or remove the coupling.",
  },
  // ── TP2070-TP2089: plasticity rules (src/ir/rules-plasticity.ts) ────────────────────────
  TP2070: {
    severity: "error",
    template: "Plasticity rule id '{id}' is used by rules {first} and {second}.",
    hint: "Give each rule its own id; a projection names its rule by id in 'plasticity'.",
  },
  TP2071: {
    severity: "error",
    template: "Projection '{projection}' learns by plasticity rule '{name}', which is not in the \"plasticity\" section.",
    hint: "'plasticity' must be the id of a rule in the \"plasticity\" section ({known}).{suggestion}",
  },
  TP2072: {
    severity: "error",
    template: "Plasticity rule '{rule}' has w_min {w_min}, which is not below w_max {w_max}.",
    hint: "w_min and w_max bound |w| in the projection's weight unit; set w_min < w_max.",
  },
  TP2073: {
    severity: "warning",
    template: "Projection '{projection}' starts with {what} outside [{w_min}, {w_max}], the bounds of its plasticity rule '{rule}'; the first update clips each such weight to the nearest bound.",
    hint: "Give initial weights inside [{w_min}, {w_max}], or widen the rule's w_min and w_max.",
  },
  TP2074: {
    severity: "error",
    template: "Plasticity rule '{rule}' takes its {field} from '{name}', which is no input or population.",
    hint: "Name an input (such as an external port) or a population; each of its spikes {effect}.{suggestion}",
  },
  TP2075: {
    severity: "error",
    template: "Plasticity rule '{rule}' is modulated by unknown astrocyte population '{name}'.",
    hint: "'astrocytes' must be the id of an entry of \"astrocytes\".{suggestion}",
  },
  TP2076: {
    severity: "error",
    template: "Plasticity rule '{rule}' grades its modulation from ca_low {low} µM to ca_high {high} µM, but ca_high must lie above ca_low.",
    hint: "Set ca_high > ca_low; the factor is closed + (open − closed) · clamp((Ca − ca_low) / (ca_high − ca_low), 0, 1).",
  },
  TP2077: {
    severity: "error",
    template: "Projection '{projection}' learns by plasticity rule '{rule}', which is modulated by astrocyte population '{astrocytes}', whose territory is '{territory}', not the projection's post population '{post}'.",
    hint: "The factor comes per postsynaptic neuron from the astrocyte that owns it; use astrocytes whose territory is '{post}', or a rule without modulation for this projection.",
  },
  TP2078: {
    severity: "warning",
    template: "Plasticity rule '{rule}' is named by no projection, so it changes no weight.",
    hint: "Set \"plasticity\": \"{rule}\" on the projections that should learn by it, or remove the rule.",
  },
  TP2079: {
    severity: "warning",
    template: "Plasticity rule '{rule}' is modulated by the gate A of astrocyte population '{astrocytes}', which has no gate, so A stays 0 and every increment is scaled by closed = {closed}.",
    hint: "Add a \"gate\" to '{astrocytes}', or modulate by \"ca\".",
  },
  TP2080: {
    severity: "warning",
    template: "Plasticity rule '{rule}' gives {fields} for modulation by \"gate\", where Ca plays no part.",
    hint: "Remove {fields}, or set \"by\": \"ca\" to grade the factor with Ca.",
  },
} as const satisfies Record<`TP${number}`, CodeInfo>;

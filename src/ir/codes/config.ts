/**
 * Diagnostic codes of this area: TP40xx (hardware config files: config.pb and its JSON twin;
 * TP4014-TP4022 for what only glia-core configs, glia-config.pb and its twin, can get wrong;
 * TP4023-TP4029 for the learning section of a config, TP4031-TP4034 for its astrocyte modulation).
 * See ../codes.ts for the numbering; docs/diagnostics-passes.md has an example of each.
 */
import type { CodeInfo } from "../codes.js";

export const CONFIG_CODES = {
  TP4001: {
    severity: "error",
    template: "The config file cannot be decoded: {reason}.",
    hint: "The file is truncated or corrupted, or it is not a protobuf config; compile the network again.",
  },
  TP4002: {
    severity: "error",
    template: "The file's format is '{found}'; expected '{expected}'.",
    hint: "Check that the file is a Tripart hardware config (config.pb or config.json from `tripart compile`).",
  },
  TP4003: {
    severity: "error",
    template: "Config format version {found} is not supported; this Tripart reads version {expected}.",
    hint: "Compile the network again with this version of Tripart.",
  },
  TP4004: {
    severity: "error",
    template: "Field '{field}' must be {expected}.",
    hint: "docs/hwconfig.md lists every field of the config and its type.",
  },
  TP4005: {
    severity: "error",
    template: "Array '{field}' has {found} entries but must have {expected}.",
    hint: "{why}",
  },
  TP4006: {
    severity: "error",
    template: "Entry {index} of '{field}' is {value}, outside 0 to {max}.",
    hint: "{why}",
  },
  TP4007: {
    severity: "error",
    template: "Entry {index} of '{field}' is {value}, outside the allowed range {min} to {max}.",
    hint: "{why}",
  },
  TP4008: {
    severity: "error",
    template: "Route entry {index} points at axon {axon} of core {core}, which has {axonCount} axons.",
    hint: "Every route must end on an existing input axon of its core.",
  },
  TP4009: {
    severity: "error",
    template: "Semantics field '{field}' is {value}; {expected}.",
    hint: "The semantics are copied from the target at compile time; recompile with a valid target.",
  },
  TP4010: {
    severity: "error",
    template: "Row offsets '{field}' are not a valid CSR: {reason}.",
    hint: "rowStart must start at 0, never decrease and end at the number of entries.",
  },
  TP4011: {
    severity: "error",
    template: "Input spike {index} is {problem}.",
    hint: "Input spikes must be sorted by step, on existing lines, and within the run's {steps} steps.",
  },
  TP4012: {
    severity: "error",
    template: "'{field}' names {name}, which is not a population or input of the config.",
    hint: "Symbols, scales and record specs must name one of: {known}.",
  },
  TP4013: {
    severity: "error",
    template: "Symbol '{name}' appears more than once.",
    hint: "Each population and input has exactly one symbol.",
  },
  TP4014: {
    severity: "error",
    template: "The file is not a Tripart config of a known format: {reason}.",
    hint: "Tripart reads tripart.hwconfig/1 (LIF targets) and tripart.glia-config/1 (glia-core) configs; compile the network again.",
  },
  TP4015: {
    severity: "error",
    template: "Group '{group}' starts at global index {found} but the groups before it end at {expected}.",
    hint: "{what} are numbered without gaps, in the order they are listed.",
  },
  TP4016: {
    severity: "error",
    template: "Projection '{projection}' takes S from table {index}, which is '{table}', not a sigmoid table.",
    hint: "A projection from neurons points at a table whose name starts with 'sigmoid'; recompile the network.",
  },
  TP4017: {
    severity: "error",
    template: "Table {index} ('{table}') has {problem}.",
    hint: "A table has at least 2 entries, a non-negative spacing shift and a finite maximum error.",
  },
  TP4018: {
    severity: "error",
    template: "Octave table {index} ('{table}') has {entries} entries, which is not a whole number of segments of 2^{bits} entries plus the end entry.",
    hint: "An octave table has S·2^segmentBits + 1 entries (S ≥ 1) with segmentBits from 0 to {max}; recompile the network.",
  },
  TP4019: {
    severity: "error",
    template: "Octave table {index} ('{table}') ends at raw input offset 2^{top}, past 2^52.",
    hint: "Raw inputs are exact integers below 2^53, so shift + segmentBits + segments − 1 is at most 52; recompile the network.",
  },
  TP4020: {
    severity: "error",
    template: "Uniform table {index} ('{table}') has segmentBits {bits}.",
    hint: "Only an octave table has segments; a uniform table has segmentBits 0.",
  },
  TP4021: {
    severity: "error",
    template: "Table {index} ('{table}') is {spacing}-spaced, which its semantics do not offer ({offered}).",
    hint: "The spacings allowed are those of {field}; compile for a target that offers this spacing.",
  },
  TP4022: {
    severity: "error",
    template: "Neuron effect '{effect}' takes its SIC from table {index} ('{table}') in Q.{tableFrac}, finer than neuron group '{group}''s input current (Q.{frac}).",
    hint: "The SIC unit shifts the table's output left into the group's current format, so the table has at most its fractional bits; recompile the network.",
  },
  TP4023: {
    severity: "error",
    template: "'{field}' names {name}, which is not {expected} of the config.",
    hint: "A plastic projection's pre side is a population or an input, its post side a population, and a modulator source a population or an input; the symbols are: {known}.",
  },
  TP4024: {
    severity: "error",
    template: "The synapse arrays of plastic projection '{projection}' differ in length: {lengths}.",
    hint: "synapsePre, synapsePost, synapseCore and synapseIndex hold one entry per synapse of the projection, in its CSR order.",
  },
  TP4025: {
    severity: "error",
    template: "Entry {index} of '{field}' is {value}, outside the {size} elements of '{symbol}'.",
    hint: "Pre and post elements count from 0 within their symbols; recompile the network.",
  },
  TP4026: {
    severity: "error",
    template: "Synapse {index} of plastic projection '{projection}' is stored at {slot}, {problem}.",
    hint: "synapseCore and synapseIndex name the synapse's slot: on a LIF target a core and its synapse arrays, whose target is the post neuron's compartment; on glia-core a projection and its CSR entry, in the pre element's row and ending on the post neuron; recompile the network.",
  },
  TP4027: {
    severity: "error",
    template: "{what} is listed twice in the learning section, at '{first}' and '{second}'.",
    hint: "Each plastic projection appears once, and each stored synapse belongs to one plastic projection only.",
  },
  TP4028: {
    severity: "error",
    template: "Learning field '{field}' is {value}; {expected}.",
    hint: "The learning semantics are copied from the target and the projection parameters computed from the network at compile time; recompile with a valid target.",
  },
  TP4029: {
    severity: "error",
    template: "Plastic projection '{projection}' has rule '{rule}' but {problem}.",
    hint: "reward_stdp needs 'reward' and 'eligibilityDecay', episode_stdp needs 'gate' and 'eligibilityDecay', and stdp has none of the three.",
  },
  TP4031: {
    severity: "error",
    template: "Plastic projection '{projection}' learns under astrocyte modulation, which the config's learning semantics do not offer.",
    hint: "Only learning semantics with astrocyteModulation (glia-core's) scale an STDP increment by an astrocyte's gate or Ca; compile the network for such a target, or drop the rule's modulation.",
  },
  TP4032: {
    severity: "error",
    template: "Plastic projection '{projection}' is modulated by astrocyte group {group}, but the config has {count}.",
    hint: "modulation.astrocytes is an index into the config's astrocyte groups: {known}; recompile the network.",
  },
  TP4033: {
    severity: "error",
    template: "The modulation of plastic projection '{projection}' names {found} owning astrocytes for the {size} neurons of its post population '{post}'.",
    hint: "modulation.astrocyteOf holds one entry per post neuron, in the population's order: the local index of the astrocyte owning it, or -1; recompile the network.",
  },
  TP4034: {
    severity: "error",
    template: "Entry {index} of '{field}' is {value}, neither -1 nor an astrocyte of '{group}' (0 to {last}).",
    hint: "An owner is a local astrocyte index of the modulating group, or -1 for a neuron no astrocyte owns (its factor is 'closed'); recompile the network.",
  },
} as const satisfies Record<`TP${number}`, CodeInfo>;

/**
 * Diagnostic codes of this area: TP405x-TP409x (recording files and the shape of a diff) and
 * TP12xx (diff criteria). See ../codes.ts for the numbering and docs/diagnostics-recording.md
 * for an example of each. Blocks: 4050-4069 any recording form, 4070-4079 diff shape checks,
 * 4080-4089 the CSV form, 4090 writing, 4091-4099 recordings in hardware addresses (hardware CSV),
 * 4100-4104 astrocyte diffs (territory maps and astrocyte criteria), 4105-4109 weight recordings.
 */
import type { CodeInfo } from "../codes.js";

export const RECORDING_CODES = {
  TP4050: {
    severity: "error",
    template: "Cannot read recording '{file}': {reason}.",
    hint: "Check the path and its permissions.",
  },
  TP4051: {
    severity: "error",
    template: "The recording file is not valid JSON: {reason}.",
    hint: "Fix the syntax; recording files are strict JSON (no comments, no trailing commas).",
  },
  TP4052: {
    severity: "error",
    template: "Format '{found}' is not supported; expected '{expected}'.",
    hint: "Check that the file is a Tripart recording written by this version (docs/recording.md).",
  },
  TP4053: {
    severity: "error",
    template: "The file name '{file}' does not end in a recording extension (.pb, .json or .csv).",
    hint: "Rename the file, or name the form explicitly.",
  },
  TP4054: {
    severity: "error",
    template: "The protobuf data is malformed: {reason}.",
    hint: "The file is probably truncated or not a recording; write it again.",
  },
  TP4055: {
    severity: "error",
    template: "Required field '{field}' is missing.",
    hint: "Add it; docs/recording.md lists every field of the format.",
  },
  TP4056: {
    severity: "error",
    template: "Field '{field}' must be {expected}; found {found}.",
    hint: "Fix the value; docs/recording.md gives the type and range of every field.",
  },
  TP4057: {
    severity: "warning",
    template: "Field '{field}' is not part of the recording format and is ignored.",
    hint: "Check its spelling against docs/recording.md.",
  },
  TP4058: {
    severity: "error",
    template: "Population '{population}' appears twice in the recording.",
    hint: "Give each population one entry; merge the spikes and traces of both.",
  },
  TP4059: {
    severity: "error",
    template: "The spikes of population '{population}' have arrays of different lengths: 'step' {steps}, 'neuron' {neurons}.",
    hint: "'step' and 'neuron' are parallel arrays: entry k of both describes spike k.",
  },
  TP4060: {
    severity: "error",
    template: "Population '{population}' has spikes of neurons outside 0..{max} ({count} in all); the first is at {where} (neuron {neuron}).",
    hint: "Neuron indices count from 0 within the population; check the population's size.",
  },
  TP4061: {
    severity: "error",
    template: "Population '{population}' has spikes out of order ({count} in all); the first is at {where} (step {step}, neuron {neuron}).",
    hint: "Sort the spikes by step, then by neuron; a neuron listed n times in one step spiked n times in it.",
  },
  TP4062: {
    severity: "error",
    template: "Population '{population}' has spikes outside steps 0..{max} ({count} in all); the first is at {where} (step {step}).",
    hint: "Steps count from 0 and must be below the recording's 'steps'.",
  },
  TP4063: {
    severity: "error",
    template: "Trace '{variable}' of population '{population}' names neuron {neuron}, which is outside 0..{max} or repeated.",
    hint: "List each traced neuron once, as an index within the population.",
  },
  TP4064: {
    severity: "error",
    template: "Trace '{variable}' of population '{population}' has a row count in 'values' ({found}) that differs from its number of neurons ({expected}).",
    hint: "'values' holds one row per entry of 'neurons', in the same order.",
  },
  TP4065: {
    severity: "error",
    template: "Trace '{variable}' of population '{population}' has the wrong number of values: {found} where {expected} are expected ({reason}).",
    hint: "A trace holds one value per recorded step for each traced neuron.",
  },
  TP4066: {
    severity: "error",
    template: "The raw values of trace '{variable}' of population '{population}' do not have the shape of its physical values.",
    hint: "'raw' mirrors 'values' entry for entry, or is left out.",
  },
  TP4067: {
    severity: "error",
    template: "Trace '{variable}' of population '{population}' holds a value that is not a finite number at {where}.",
    hint: "Recorded state is finite; check the producer for overflow or division by zero.",
  },
  TP4068: {
    severity: "error",
    template: "Population '{population}' has two traces of variable '{variable}'.",
    hint: "Merge them into one trace whose 'neurons' lists every traced neuron.",
  },
  TP4070: {
    severity: "error",
    template: "Population '{population}' of the reference recording is missing from the other recording.",
    hint: "Record the same populations on both sides; the reference side decides which are compared.",
  },
  TP4071: {
    severity: "error",
    template: "Population '{population}' has {sizeA} in the reference recording but {sizeB} in the other.",
    hint: "Compare recordings of the same network.",
  },
  TP4072: {
    severity: "error",
    template: "The recordings have different time steps: {dtA} ms in the reference and {dtB} ms in the other.",
    hint: "Run both sides with the same dt.",
  },
  TP4073: {
    severity: "error",
    template: "The recordings have different lengths: {stepsA} steps in the reference and {stepsB} in the other.",
    hint: "Run both sides for the same number of steps (--steps).",
  },
  TP4074: {
    severity: "warning",
    template: "Population '{population}' appears only in the other recording and is not compared.",
  },
  TP4075: {
    severity: "error",
    template: "The spikes of population '{population}' are recorded in the reference recording but not in the other.",
    hint: "Record spikes of the population on both sides.",
  },
  TP4076: {
    severity: "warning",
    template: "Trace '{variable}' of population '{population}' cannot be compared: {reason}.",
    hint: "Record the same variable of the same neurons on both sides.",
  },
  TP4080: {
    severity: "error",
    template: "Line {line} of the CSV has {found} fields; expected {expected}.",
    hint: "Each row has the columns named by the header line; quote fields that contain commas.",
  },
  TP4081: {
    severity: "error",
    template: "Line {line} of the CSV holds '{value}' in column '{column}', which is not {expected}.",
    hint: "Fix the value; docs/recording.md describes each column.",
  },
  TP4082: {
    severity: "error",
    template: "The CSV column header is '{found}'; expected '{expected}'.",
    hint: "Write the header line exactly as docs/recording.md shows, after the '#' lines.",
  },
  TP4083: {
    severity: "error",
    template: "Line {line} of the CSV names {what}, which no '# {directive}' line declares.",
    hint: "Declare it in a '# {directive}' line before the column header.",
  },
  TP4084: {
    severity: "error",
    template: "Line {line} of the CSV repeats step {step} of trace '{variable}' for neuron {neuron} of population '{population}'.",
    hint: "Give each (population, variable, neuron, step) one row.",
  },
  TP4085: {
    severity: "error",
    template: "Line {line} of the CSV is a malformed '#' line: {reason}.",
    hint: "'#' lines are a keyword followed by key=value pairs; quote values with spaces as JSON strings.",
  },
  TP4086: {
    severity: "error",
    template: "Line {line} of the CSV has a malformed quoted field: {reason}.",
    hint: "Close every quoted field with '\"' and double any '\"' inside it.",
  },
  TP4090: {
    severity: "error",
    template: "Cannot write '{file}': {reason}.",
    hint: "Check that the folder exists and is writable.",
  },
  TP4091: {
    severity: "error",
    template: "The column header of '{file}' (line {line}) is '{found}'; expected '{expected}'.",
    hint: "Write the header line exactly as docs/recording.md shows ('Recordings in hardware addresses'), after the '#' lines.",
  },
  TP4092: {
    severity: "error",
    template: "Line {line} of '{file}' holds '{value}' in column '{column}', which is not {expected}.",
    hint: "Hardware recordings hold integers: addresses, steps and raw register values.",
  },
  TP4093: {
    severity: "error",
    template: "Line {line} of '{file}' names core {core}, compartment {compartment}, which maps to no population: {reason}.",
    hint: "Check that the recording comes from a chip loaded with this config; the symbol map lists every used compartment.",
  },
  TP4094: {
    severity: "error",
    template: "Line {line} of '{file}' has step {step}, outside 0..{max}.",
    hint: "Steps count from 0 and must be below the recording's steps (the '# steps=N' line, else the config's).",
  },
  TP4095: {
    severity: "error",
    template: "Line {line} of '{file}' repeats the spike of core {core}, compartment {compartment} at step {step} beyond the {cap} a compartment emits in a step.",
    hint: "Drop the repeated row: the config's neuron semantics allow {cap} spike(s) per compartment and step (spikesPerStep).",
  },
  TP4096: {
    severity: "error",
    template: "Line {line} of '{file}' starts the '{variable}' samples of core {core}, compartment {compartment}, which lack {count} of {steps} steps (the first is step {step}).",
    hint: "A traced compartment needs one sample at every step 0..steps-1.",
  },
  TP4097: {
    severity: "error",
    template: "Line {line} of '{file}' repeats step {step} of '{variable}' for core {core}, compartment {compartment}.",
    hint: "Give each (core, compartment, variable, step) one row.",
  },
  TP4098: {
    severity: "error",
    template: "Line {line} of '{file}' names variable '{variable}'; expected 'v' or 'u'.",
    hint: "Hardware states are the voltage 'v' and the current 'u' (recorded as trace 'i_syn').",
  },
  TP4099: {
    severity: "error",
    template: "Line {line} of '{file}' has {found} fields; expected {expected}.",
    hint: "Each row has the columns named by the header line, separated by commas.",
  },
  TP4100: {
    severity: "warning",
    template: "The territories of astrocyte population '{astrocytes}' cover population '{population}', whose spikes cannot be compared: {reason}.",
    hint: "Record the spikes of the territory population on both sides, or check the population id in the territory map.",
  },
  TP4101: {
    severity: "error",
    template: "Territory {astrocyte} of astrocyte population '{astrocytes}' names neuron {neuron}, which is outside 0..{max} of population '{population}'.",
    hint: "Build the territory map from the network the recordings come from (territoriesOf).",
  },
  TP4102: {
    severity: "error",
    template: "The territory map of astrocyte population '{astrocytes}' has {found} territories, but the population has {expected} astrocytes.",
    hint: "Give one territory per astrocyte; build the map from the network the recordings come from (territoriesOf).",
  },
  TP4103: {
    severity: "warning",
    template: "The criteria bound the per-astrocyte RMSE of variable '{variable}' ('{field}'), which no compared astrocyte population traces.",
    hint: "Record the variable on both sides, or drop it from '{field}'.",
  },
  TP4104: {
    severity: "warning",
    template: "The criteria bound the gate Jaccard index ('{field}'), but no compared astrocyte population traces 'gate'.",
    hint: "Record the gate of the astrocytes on both sides, or drop '{field}'.",
  },
  TP4105: {
    severity: "error",
    template: "The weights of projection '{projection}' do not line up: {reason}.",
    hint: "'pre' and 'post' list one entry per synapse, and every snapshot holds one value (and raw value, if any) per synapse, in that order.",
  },
  TP4106: {
    severity: "error",
    template: "The weights of projection '{projection}' name a negative {side} element at {where} ({value}).",
    hint: "Pre and post elements count from 0 within their populations or inputs.",
  },
  TP4107: {
    severity: "error",
    template: "The weight snapshots of projection '{projection}' are out of order or repeated at {where} (step {step} after step {previous}).",
    hint: "List snapshots by increasing step, one per dumped step.",
  },
  TP4108: {
    severity: "error",
    template: "The weight snapshot of projection '{projection}' at {where} is at step {step}, outside 0..{max}.",
    hint: "Snapshots are taken at the end of a step of the run, so their steps lie below the recording's 'steps'.",
  },
  TP4109: {
    severity: "error",
    template: "The weight bounds of projection '{projection}' are [{min}, {max}], {problem}.",
    hint: "'bounds' is [min, max] of |w| in the projection's unit, with 0 ≤ min ≤ max, both finite.",
  },
  TP1201: {
    severity: "error",
    template: "The criteria file is not valid JSON: {reason}.",
    hint: "Fix the syntax; criteria files are strict JSON (no comments, no trailing commas).",
  },
  TP1202: {
    severity: "error",
    template: "Format '{found}' is not supported; expected '{expected}'.",
    hint: "Start the criteria file with \"format\": \"tripart.criteria/1\" (docs/diff.md).",
  },
  TP1203: {
    severity: "error",
    template: "Field '{field}' is not part of the criteria format.",
    hint: "Check its spelling against docs/diff.md; a misspelled threshold would be silently ignored.",
  },
  TP1204: {
    severity: "error",
    template: "Criterion '{field}' must be {expected}; found {found}.",
    hint: "Fix the value; docs/diff.md gives the range of every criterion.",
  },
  TP1205: {
    severity: "error",
    template: "Required field '{field}' is missing.",
    hint: "Add \"format\": \"tripart.criteria/1\" to the criteria file.",
  },
  TP1206: {
    severity: "error",
    template: "Cannot read criteria file '{file}': {reason}.",
    hint: "Check the path and its permissions.",
  },
  TP1207: {
    severity: "warning",
    template: "The criteria name population '{population}', which the reference recording lacks.",
    hint: "Check the population id in 'perPopulation'.",
  },
  TP1208: {
    severity: "warning",
    template: "The criteria bound the RMSE of variable '{variable}', which no compared population traces.",
    hint: "Record the variable on both sides, or drop it from 'maxTraceRmse'.",
  },
} as const satisfies Record<`TP${number}`, CodeInfo>;

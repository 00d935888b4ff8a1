/** Diagnostic codes of this area: TP13xx (command-line input and output files). See ../codes.ts for the numbering. */
import type { CodeInfo } from "../codes.js";

export const CLI_CODES = {
  TP1301: { severity: "error", template: "Cannot read '{file}': {reason}.", hint: "Check the path and its permissions." },
  TP1302: {
    severity: "error",
    template: "'{file}' already exists and would be overwritten.",
    hint: "Pass --force to overwrite it, or choose another output path.",
  },
  TP1303: { severity: "error", template: "Cannot write '{file}': {reason}.", hint: "Check that the folder exists and is writable." },
  TP1304: {
    severity: "error",
    template: "'{file}' is neither a .pb nor a .json hardware config.",
    hint: "Pass the config.pb or config.json that `tripart compile` wrote.",
  },
  TP1305: {
    severity: "error",
    template: "Option {option} is {value}; {expected}.",
    hint: "See `tripart help {command}`.",
  },
  TP1306: {
    severity: "warning",
    template: "Input '{input}' is an external port; run from the command line, no host program feeds it, so it stays silent.",
    hint: "Drive it from a host program through the library (simulate or emulate with a Host), or use a spike_times or poisson input here.",
  },
  TP1307: {
    severity: "error",
    template: "'{file}' is a glia-core config; dequantize reads hardware CSV recordings of LIF-core configs only.",
    hint: "Use the glia-core emulator's own recording (tripart emulate {file}), which is already dequantized.",
  },
  TP1320: {
    severity: "error",
    template: "'{file}' holds no spike train, so it gives no rates for placement.",
    hint: "Pass a recording of this network that records spikes, e.g. from `tripart simulate <network> -o reference.json`.",
  },
  TP1330: {
    severity: "error",
    template: "The experiment spec has {field} = {value}; expected {expected}.",
    hint: "See docs/snan.md, \"Running the experiment\", for every field of experiment.json.",
  },
  TP1331: {
    severity: "error",
    template: "'{file}' is not an experiment result that can be pooled: {reason}.",
    hint: "Pass the experiment-result.json files that `tripart experiment` wrote, unchanged.",
  },
  TP1332: {
    severity: "error",
    template: "'{file}' cannot be pooled with '{other}': {reason}.",
    hint: "Pool parts of one spec that differ only in scale.firstWorld (and scale.worlds), each starting where the one before ends; see docs/snan.md, \"Splitting a long run\".",
  },
  TP1333: {
    severity: "warning",
    template: "'{condition}' is not in '{file}', so the pooled result leaves it out.",
    hint: "Run that condition in every part (e.g. the same control in every part's spec) to pool it.",
  },
} as const satisfies Record<`TP${number}`, CodeInfo>;

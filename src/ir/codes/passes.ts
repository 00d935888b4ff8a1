/**
 * Diagnostic codes of this area: TP3xxx (target fit and quantization findings of the passes).
 * TP300x discretize, TP301x quantize, TP302x partition and route; TP303x what a LIF target
 * refuses, TP304x-TP305x what glia-core refuses, TP306x glia-core partition, TP307x glia-core
 * quantize. See ../codes.ts for the
 * numbering; docs/diagnostics-passes.md has an example of each.
 */
import type { CodeInfo } from "../codes.js";

export const PASS_CODES = {
  // discretize
  TP3001: {
    severity: "error",
    template: "The time step is {dt} ms but target '{target}' runs at a fixed step of {fixed} ms.",
    hint: "Set run.dt to {fixed}, or choose a target whose time step allows {dt} ms.",
  },
  TP3002: {
    severity: "error",
    template: "The time step {dt} ms is outside the range {min} to {max} ms of target '{target}'.",
    hint: "Set run.dt within {min} to {max} ms.",
  },
  TP3003: {
    severity: "error",
    template: "Population '{population}' uses model '{model}', which target '{target}' does not support.",
    hint: "Target '{target}' supports: {supported}.",
  },
  TP3004: {
    severity: "error",
    template: "Projection '{projection}' uses synapse kind '{kind}', which target '{target}' does not support.",
    hint: "Target '{target}' supports: {supported}.",
  },
  TP3005: {
    severity: "error",
    template: "Population '{population}' needs a refractory hold of {steps} steps but target '{target}' holds at most {limit}.",
    hint: "Shorten tau_ref to at most {maxMs} ms at dt = {dt} ms, or lengthen dt.",
  },
  TP3006: {
    severity: "error",
    template: "Population '{population}' has a refractory period of {steps} steps but target '{target}' has no refractory hold.",
    hint: "Set tau_ref below {maxMs} ms (half a time step) so that it rounds to 0 steps.",
  },
  TP3007: {
    severity: "error",
    template: "Projection '{projection}' has delays up to {found} steps but target '{target}' realises at most {limit} ({count} over the limit).",
    hint: "Shorten these delays to at most {limit} steps, or lengthen dt so that fewer steps span the same time.",
  },
  TP3008: {
    severity: "error",
    template: "Projection '{projection}' has delays down to {found} steps but target '{target}' realises at least {needed} ({count} below it).",
    hint: "The target adds {latency} of latency to every spike from this source; raise the smallest delay to {neededSteps}.",
  },

  // quantize
  TP3010: {
    severity: "error",
    template: "The {parameter} of population '{population}' ({tauMs} ms) needs a {bits}-bit decay of {decay}, outside 0 to {max} at dt = {dt} ms.",
    hint: "At dt = {dt} ms this target realises {parameter} from {minMs} ms to {maxMs} ms; change the time constant or dt.",
  },
  TP3011: {
    severity: "error",
    template: "Population '{population}' cannot be given a hardware threshold: {reason}.",
    hint: "Keep v_thresh above v_reset and the headroom small enough for the voltage register.",
  },
  TP3012: {
    severity: "warning",
    template: "The threshold mantissa of population '{population}' would be {wanted}, more than {bits} bits hold; it is set to {used}.",
    hint: "The threshold sits at {fraction} of the voltage register instead of 1/{headroom}; raise the headroom to silence this.",
  },
  TP3013: {
    severity: "error",
    template: "The bias of population '{population}' needs {needed} hardware units, more than the {largest} that a bias mantissa shifted by at most {exponentMax} holds.",
    hint: "Lower bias + v_rest - v_reset (now {driveMv} mV), or raise the headroom so that the voltage scale is smaller.",
  },
  TP3014: {
    severity: "warning",
    template: "Projection '{projection}' has {count} of {total} nonzero weights that round to zero on the hardware.",
    hint: "The smallest nonzero weight this projection realises is {smallest} mV (R·I); weights spread over more than {bits} bits lose their small end.",
  },
  TP3015: {
    severity: "warning",
    template: "Projection '{projection}' has {count} of {total} weights clipped to the largest weight the hardware realises for it, {largest} mV (R·I).",
    hint: "Lower the largest weights (now up to {requestedMax}), or raise the headroom so that the voltage scale is smaller.",
  },
  TP3016: {
    severity: "warning",
    template: "Population '{population}' receives synaptic time constants {requested} ms but target '{target}' has {channels}; they are merged into {kept} ms.",
    hint: "Weights of a merged channel are scaled by tau_requested / tau_kept so each spike injects the same charge; use one tau per population to avoid this.",
  },
  TP3017: {
    severity: "warning",
    template: "Initial {variable} values of population '{population}' lie outside the {bits}-bit register for {count} and are clipped.",
    hint: "Bring the initial {variable} closer to v_reset, or raise the headroom.",
  },
  TP3018: {
    severity: "error",
    template: "The headroom option is {value}; it must be a finite number of at least 1.",
    hint: "The threshold is placed at the voltage register's maximum divided by the headroom (default 4).",
  },

  // partition and route
  TP3020: {
    severity: "error",
    template: "The network needs {needed} cores but target '{target}' has {available}.",
    hint: "{binding}. Use fewer neurons or synapses, or a target with more cores.",
  },
  TP3021: {
    severity: "error",
    template: "The network has {needed} {resource} but the {cores} of target '{target}' hold {available} ({limit} per core).",
    hint: "Reduce the {resource} by {excess}, or use a target with at least {coresNeeded} cores.",
  },
  TP3022: {
    severity: "error",
    template: "Population '{population}' has {count} with a fan-in up to {needed} synapses, but target '{target}' allows {limit} per neuron.",
    hint: "Lower the in-degree of the projections onto '{population}' to at most {limit} synapses per neuron.",
  },
  TP3023: {
    severity: "error",
    template: "Population '{population}' has {count} needing up to {needed} {resource} each, more than one core holds ({limit}).",
    hint: "A neuron cannot be split across cores; lower the {what} of '{population}' to at most {limit}.",
  },
  TP3024: {
    severity: "error",
    template: "Population '{population}' has {count} sending spikes to up to {needed} cores, but target '{target}' allows {limit} routes per neuron.",
    hint: "Lower the fan-out of '{population}', or place its targets on fewer cores (a larger maxNeuronsPerCore, if it was lowered).",
  },
  TP3025: {
    severity: "error",
    template: "The maxNeuronsPerCore option is {value}; it must be a positive integer.",
    hint: "Leave it unset to use the target's limit of {limit} neurons per core.",
  },
  TP3026: {
    severity: "error",
    template: "Core {core} needs {needed} synapse formats but a config holds at most {limit} per core.",
    hint: "Each distinct (sign, weight exponent, channel) of the projections onto a core needs one format; use fewer distinct synaptic time constants or weight ranges onto the neurons of this core.",
  },

  // what a LIF target (loihi-cuba and its variants) cannot express: one finding per construct
  TP3030: {
    severity: "error",
    template: "Population '{population}' is an Izhikevich population, which target '{target}' cannot run: it has only LIF compartments.",
    hint: "Compile for a glia-core target (targets/glia-core.json), which has Izhikevich neuron units.",
  },
  TP3031: {
    severity: "error",
    template: "Projection '{projection}' uses sigmoid_conductance synapses, which target '{target}' cannot express.",
    hint: "Compile for a glia-core target (targets/glia-core.json), which computes conductance synapses with a sigmoid table.",
  },
  TP3032: {
    severity: "error",
    template: "Current '{current}' injects a current into population '{population}', which target '{target}' cannot express.",
    hint: "Target '{target}' has only a constant bias per neuron; compile for a glia-core target (targets/glia-core.json), which takes injected currents.",
  },
  TP3033: {
    severity: "error",
    template: "Astrocyte population '{astrocytes}' cannot run on target '{target}', which has no astrocyte units.",
    hint: "Compile for a glia-core target (targets/glia-core.json); lowering the reduced astrocyte onto LIF compartments is future work.",
  },
  TP3034: {
    severity: "error",
    template: "Tripartite coupling '{coupling}' of astrocyte population '{astrocytes}' cannot be expressed on target '{target}'.",
    hint: "Compile for a glia-core target (targets/glia-core.json), which applies astrocyte effects to synapses and neurons.",
  },
  TP3035: {
    severity: "error",
    template: "Population '{population}' has a glutamate trace, which target '{target}' cannot express.",
    hint: "Remove the glutamate spec, or compile for a glia-core target (targets/glia-core.json), which keeps a glutamate register per neuron.",
  },

  // what glia-core cannot express
  TP3040: {
    severity: "error",
    template: "Population '{population}' uses model '{model}', which target '{target}' does not run: its neuron units support {supported}.",
    hint: "Compile LIF networks for a LIF target such as loihi-cuba, or describe the neurons as izhikevich.",
  },
  TP3041: {
    severity: "error",
    template: "Projection '{projection}' uses synapse kind '{kind}', which target '{target}' does not support.",
    hint: "Target '{target}' computes sigmoid_conductance synapses only; use that kind, or compile for a LIF target such as loihi-cuba.",
  },
  TP3042: {
    severity: "error",
    template: "Projection '{projection}' sends the spikes of input '{input}' through synapse kind '{kind}', which target '{target}' does not support.",
    hint: "Use a sigmoid_conductance synapse: an input spike then counts as S = 1 for one step; or compile for a LIF target such as loihi-cuba.",
  },
  TP3043: {
    severity: "error",
    template: "Astrocyte population '{astrocytes}' uses model '{model}', which target '{target}' does not support.",
    hint: "Target '{target}' has astrocyte units for: {supported}.",
  },
  TP3044: {
    severity: "error",
    template: "Astrocyte population '{astrocytes}' senses its territory by '{kind}', which target '{target}' does not support.",
    hint: "Target '{target}' supports the sensing kinds: {supported}.",
  },
  TP3045: {
    severity: "error",
    template: "Astrocyte population '{astrocytes}' couples by {order} diffusion, which target '{target}' does not support.",
    hint: "Target '{target}' supports the diffusion orders: {supported}.",
  },
  TP3046: {
    severity: "error",
    template: "Tripartite coupling '{coupling}' has synapse effect '{kind}', which target '{target}' does not support.",
    hint: "Target '{target}' supports the synapse effects: {supported}.",
  },
  TP3047: {
    severity: "error",
    template: "Tripartite coupling '{coupling}' grades its effect by Ca, which target '{target}' does not support.",
    hint: "Remove 'graded' so that the gate acts as 0 or 1, or use a target whose effects are graded.",
  },
  TP3048: {
    severity: "error",
    template: "Tripartite coupling '{coupling}' has a '{kind}' neuron effect, which target '{target}' does not support.",
    hint: "Target '{target}' supports the neuron effects: {supported}.",
  },
  TP3049: {
    severity: "error",
    template: "Astrocyte population '{astrocytes}' updates every {steps} but target '{target}' updates astrocytes no more often than every {min}.",
    hint: "Set its period to at least {minMs} ms at dt = {dt} ms.",
  },
  TP3050: {
    severity: "error",
    template: "The gate of astrocyte population '{astrocytes}' looks back {steps} but target '{target}' remembers at most {limit}.",
    hint: "Shorten gate.window to at most {maxMs} ms at dt = {dt} ms.",
  },
  TP3051: {
    severity: "error",
    template: "The gate of astrocyte population '{astrocytes}' holds for {steps} but target '{target}' holds at most {limit}.",
    hint: "Shorten gate.hold to at most {maxMs} ms at dt = {dt} ms.",
  },
  TP3052: {
    severity: "error",
    template: "Projection '{projection}' has delays up to {found} steps but target '{target}' delivers conductance synapses after at most {limit} steps.",
    hint: "Set the delays of '{projection}' to at most {limit} steps.",
  },
  TP3055: {
    severity: "error",
    template: "Population '{population}' needs its {register} register to hold ±{needed} {unit} ({reason}), more than {bits} bits hold at a usable precision.",
    hint: "Lower the largest weights, injected currents or reversal potentials onto '{population}', or use a target with wider neuron registers.",
  },
  TP3056: {
    severity: "error",
    template: "Astrocyte population '{astrocytes}' grades its effect differently in couplings '{first}' and '{second}', but target '{target}' grades per astrocyte.",
    hint: "Give every synapse coupling of '{astrocytes}' the same 'graded' bounds, or none.",
  },
  TP3054: {
    severity: "error",
    template: "Projection '{projection}' is modulated by {count} tripartite couplings, but target '{target}' gives each synapse one astrocyte effect.",
    hint: "Keep one synapse coupling per projection, or split the projection in two.",
  },
  TP3053: {
    severity: "error",
    template: "Astrocyte population '{astrocytes}' needs {variable} to reach {needed} µM, more than its {bits}-bit register holds at any usable precision.",
    hint: "Lower the parameters that drive {variable} this high, or use a target with wider astrocyte registers.",
  },

  // glia-core partition
  TP3060: {
    severity: "error",
    template: "Astrocyte population '{astrocytes}' has {count} sensing up to {needed} neurons, but target '{target}' allows {limit} per astrocyte.",
    hint: "Make the territories of '{astrocytes}' smaller (at most {limit} neurons each).",
  },
  TP3061: {
    severity: "error",
    template: "Astrocyte population '{astrocytes}' has {count} with up to {needed} gap-junction partners, but target '{target}' allows {limit}.",
    hint: "Give each astrocyte of '{astrocytes}' at most {limit} gap-junction partners.",
  },
  TP3062: {
    severity: "error",
    template: "Population '{population}' has {count} with a fan-out up to {needed} synapses, but target '{target}' allows {limit} per neuron.",
    hint: "Lower the out-degree of the projections from '{population}' to at most {limit} synapses per neuron.",
  },
  TP3063: {
    severity: "error",
    template: "Astrocyte population '{astrocytes}' has {count} whose territory of up to {needed} neurons is larger than a core of target '{target}' ({limit} neurons).",
    hint: "An astrocyte senses neurons of its own core; make the territories of '{astrocytes}' at most {limit} neurons.",
  },
  TP3064: {
    severity: "warning",
    template: "Astrocyte population '{astrocytes}' has {count} whose territory spans more than one core.",
    hint: "Their glutamate and spikes cross cores every step; a territory that fits on one core keeps that traffic local.",
  },

  // glia-core quantize
  TP3070: {
    severity: "error",
    template: "Table '{table}' of '{owner}' misses its function by up to {error}{unit}, more than {limit}{unit} ({percent}% of its largest value).",
    hint: "The target's {entries}-entry table cannot follow this function at the chosen precision; {advice}",
  },
  TP3071: {
    severity: "error",
    template: "The constant {parameter} of '{owner}' ({requested}) rounds to zero at {bits} fractional bits.",
    hint: "The target's multiplier constants cannot hold values below {smallest}; change the parameter or dt.",
  },
  TP3072: {
    severity: "warning",
    template: "The constant {parameter} of '{owner}' is realised as {realised} instead of {requested} ({percent}% off).",
    hint: "The target's multiplier constants have {bits} fractional bits; the reference keeps the exact value.",
  },
  TP3073: {
    severity: "warning",
    template: "Projection '{projection}' has {count} of {total} nonzero {what} that round to zero at {bits} bits.",
    hint: "The smallest nonzero value the format holds is {smallest}; the largest weight it must hold, g + δ, is {largest}.",
  },
  TP3074: {
    severity: "warning",
    template: "Initial {variable} values of '{owner}' lie outside the {bits}-bit register for {count} and are clipped.",
    hint: "The register covers {min} to {max}; bring the initial values into that range.",
  },
  TP3076: {
    severity: "warning",
    template: "The glutamate of population '{population}' decays by only {units} units of its {bits}-bit register per step at the sensing threshold {threshold} µM, so floor rounding speeds its decay there by up to {percent}%.",
    hint: "A wider glutamate register, or a larger dt, makes each step's decay larger; the reference keeps the exact decay.",
  },
  TP3077: {
    severity: "warning",
    template: "Astrocyte population '{astrocytes}' relaxes IP3 by only {units} units of its register per update at rest, so the rounding of each term of the update can change that by up to {percent}%.",
    hint: "A longer astrocyte period (now {steps}) makes each update larger; the reference keeps the exact rate.",
  },
  // lower-plasticity
  TP3080: {
    severity: "error",
    template: "Projection '{projection}' learns with rule '{rule}', but target '{target}' has no learning engine.",
    hint: "Compile for a target with a learning section (e.g. loihi-cuba), or remove the projection's plasticity.",
  },
  TP3081: {
    severity: "error",
    template: "Rule '{id}' is {rule}, which target '{target}' does not compute (it learns with {rules}).",
    hint: "Choose one of the target's learning.rules.",
  },
  TP3082: {
    severity: "error",
    template: "Rule '{id}' pairs spikes '{pairing}', which target '{target}' does not support (it supports {pairings}).",
    hint: "{advice}",
  },
  TP3083: {
    severity: "error",
    template: "Rule '{id}' has {field} = {value}, which target '{target}' does not compute (it computes {exponents}).",
    hint: "Use 0 (additive, hard bounds) or 1 (multiplicative, soft bounds) as the target lists.",
  },
  TP3084: {
    severity: "error",
    template: "Rule '{id}' is modulated by astrocytes '{astrocytes}', which target '{target}' cannot do.",
    hint: "Remove the rule's modulation, or compile for a target whose learning section has astrocyteModulation.",
  },
  TP3085: {
    severity: "error",
    template: "The learning epoch {epoch} is outside the {min} to {max} steps target '{target}' supports.",
    hint: "Choose a learning epoch from 1 to {max} steps (the target's default is {default}).",
  },
  TP3086: {
    severity: "warning",
    template: "The {parameter} of rule '{id}' ({requested}) quantizes to 0 on projection '{projection}': that side of the rule would do nothing.",
    hint: "The smallest {parameter} that survives is about {smallest}; raise it, or widen w_max − w_min.",
  },
  TP3087: {
    severity: "error",
    template: "The bounds of rule '{id}' (w_min {wMin}, w_max {wMax}) quantize to the same mantissa {mantissa} on projection '{projection}', so its weights cannot move.",
    hint: "One mantissa step of this projection is {step}; make w_max − w_min at least that.",
  },
  TP3088: {
    severity: "error",
    template: "The {parameter} of rule '{id}' quantizes to {value} on projection '{projection}', beyond the {bits}-bit {register} (largest {max}).",
    hint: "{advice}",
  },
  TP3089: {
    severity: "error",
    template: "The {parameter} of rule '{id}' ({tau} ms) gives a decay factor of 0 at {bits} bits over {period} ms: the {what} would never decay.",
    hint: "The longest time constant this decay realises is about {longest} ms; shorten {parameter}.",
  },
  // lower-crossbar
  TP3090: {
    severity: "error",
    template: "The crossbar read voltage {voltage} V of target '{target}' is not strictly inside the device thresholds ({vOn} V, {vOff} V), so every spike's read would move the weights.",
    hint: "Set crossbar.read.voltage strictly between {vOn} and {vOff} V, e.g. {suggestion} V.",
  },
  TP3091: {
    severity: "error",
    template: "The weights need {needed} crossbar tiles of {rows} × {columns} but target '{target}' has {limit}.",
    hint: "Use fewer or sparser-placed projections, or a target with at least {needed} tiles (crossbar.maxTiles).",
  },
  TP3092: {
    severity: "warning",
    template: "Projection '{projection}' has {count} devices that cannot reach their target conductance after device variation; they sit at the end of their range and realise weights up to {worst}% off.",
    hint: "Lower crossbar.variation, or keep the largest weights away from the ends of the conductance range.",
  },
  TP3093: {
    severity: "warning",
    template: "Projection '{projection}' has {count} nonzero weights that read as ADC level 0: the smallest, {smallest}, is below half a level ({step}) of the {bits}-bit ADC.",
    hint: "Give the ADC more bits (crossbar.read.adcBits) or narrow the spread of this projection's weights.",
  },
  TP3094: {
    severity: "warning",
    template: "A full-range update of plastic projection '{projection}' ({levels} ADC levels) needs {pulses} pulses, more than the {limit} one update may apply; larger updates are cut.",
    hint: "Raise crossbar.program.maxPulsesPerUpdate to {pulses}, lengthen the pulses, or learn with smaller steps.",
  },
  TP3095: {
    severity: "error",
    template: "A {kind} pulse of {voltage} V for {width} s does not move the mid-range device of target '{target}', so plastic projection '{projection}' could never be written.",
    hint: "Drive the device beyond its threshold with a window that is nonzero at mid-range, or use a longer pulse.",
  },
  TP3096: {
    severity: "error",
    template: "Device variation gives {count} devices of projection '{projection}' an R_on of at least their R_off (σ: R_on {rOn}, R_off {rOff}).",
    hint: "Lower crossbar.variation.rOn and crossbar.variation.rOff; R_off/R_on = {ratio} nominally.",
  },
  // glia-core learning (quantize, src/passes/glia/learning.ts)
  TP3097: {
    severity: "error",
    template: "Projection '{projection}' learns with rule '{rule}' and is scaled by astrocyte coupling '{coupling}' ({kind}); glia-core stores that coupling's change of g per synapse from the compiled weight, so it would not follow the learned one.",
    hint: "Use an additive coupling (its ν does not depend on g), or gate the learning itself with the rule's modulation.",
  },
  TP3098: {
    severity: "error",
    template: "The Ca ramp of rule '{id}' (ca_low {caLow} µM, ca_high {caHigh} µM) rounds to a single raw Ca value of astrocytes '{astrocytes}', whose step is {step} µM.",
    hint: "Make ca_high − ca_low at least {step} µM, or modulate by the gate.",
  },
  TP3099: {
    severity: "warning",
    template: "The tau_c of rule '{id}' ({tau} ms) realises {realised} ms ({error}% off): its eligibility decays once per {epoch}-step learning epoch by a {bits}-bit factor.",
    hint: "A learning epoch of {better} steps realises {betterTau} ms (compile option learningEpoch, `--learning-epoch {better}`).",
  },
  TP3100: {
    severity: "error",
    template: "The {parameter} of population '{population}' ({tauMs} ms) is longer than the largest shift decay realises: dash {dash} gives {realisedMs} ms at dt = {dt} ms.",
    hint: "At dt = {dt} ms a shift decay realises {parameter} from {minMs} ms to {realisedMs} ms; shorten the time constant or raise dt.",
  },
  // quantize: precision modes and error budget (src/passes/precision/, docs/precision.md)
  TP3120: {
    severity: "warning",
    template: "Register {variable} of population '{population}' can overflow: {source} {bound} but the register holds {limit}, {short} bits short even at the coarsest usable scale (headroom {headroom}).",
    hint: "Weaken or thin out the strongest projections onto '{population}', shorten its synaptic or membrane time constants (less accumulation), or pick a target with wider registers.",
  },
  TP3121: {
    severity: "error",
    template: "Precision '{value}' is not a precision mode; the modes are {modes}.",
    hint: "Pass precision \"static\" for worst-case bounds, \"profile\" for ranges measured in the float reference, or leave it out for the headroom default.",
  },
  TP3122: {
    severity: "error",
    template: "Precision \"profile\" needs the ranges measured in the float reference, and none were given.",
    hint: "Compile through compileFiles (or `tripart compile --precision profile`), which runs the reference first, or pass measuredRanges from measureRanges().",
  },
  TP3123: {
    severity: "error",
    template: "The error budget {value} is not a relative error above 0.",
    hint: "Give the largest relative RMS weight error per projection as a fraction, e.g. 0.01 for 1%.",
  },
  TP3124: {
    severity: "warning",
    template: "The weights of projection '{projection}' have a relative RMS error of {achieved} even with all {bits} mantissa bits, above the error budget of {budget}.",
    hint: "Weights are multiples of a step that the largest weight and the voltage scale set; a finer scale (a smaller headroom) lowers the error, or raise the budget.",
  },
  // a core's layout limits (src/passes/layout-rules.ts; xylo-style)
  TP3130: {
    severity: "error",
    template: "Core {core} receives {needed} input lines (from {inputs}) but target '{target}' takes {limit} per core.",
    hint: "Each input line is one input channel of the core; feed the network through at most {limit} lines, for example by merging inputs into fewer lines of higher rate.",
  },
  TP3131: {
    severity: "error",
    template: "Core {core} holds {needed} hidden neurons but target '{target}' has {limit} per core.",
    hint: "Hidden neurons are those of every population that is not an output population (docs/targets.md); use at most {limit} of them.",
  },
  TP3132: {
    severity: "error",
    template: "Core {core} holds {needed} output neurons (populations {populations}) but target '{target}' has {limit} per core.",
    hint: "An output population is one that projections from neurons feed and that feeds no population (docs/targets.md); keep its neurons to at most {limit}, or let it feed another population so that it is hidden.",
  },
  TP3133: {
    severity: "error",
    template: "Output population '{population}' uses {needed} synaptic current channels (τ {taus} ms) but an output neuron of target '{target}' has {limit}.",
    hint: "Give every projection onto '{population}' the same synaptic time constant.",
  },
  TP3134: {
    severity: "error",
    template: "Population '{population}' has {count} receiving up to {needed} synapses from one source on one current channel, but target '{target}' holds {limit} per source, neuron and channel.",
    hint: "The target stores dense weight matrices, one weight per (source, neuron, channel); merge parallel synapses into one of summed weight, or give parallel projections different synaptic time constants.",
  },
  TP3135: {
    severity: "warning",
    template: "Output population '{population}' fired more than {cap} in one step {times} in this run (up to {largest}), but an output neuron of target '{target}' emits at most {cap} a step, so the chip would drop {excess}.",
    hint: "The config caps every compartment at neuron.spikesPerStep ({compartmentCap}), so the emulator does not drop them; lower the weights onto '{population}' or raise its threshold so that one step's input stays below two thresholds.",
  },
} as const satisfies Record<`TP${number}`, CodeInfo>;

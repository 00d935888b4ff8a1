// Converts the network that ../shared/peers/cuba/cuba.py draws (`--dump-network FILE`, format
// "peers-cuba-network-v1") into a Tripart network with the very same synapses and initial
// voltages, so Tripart's reference and emulator can be compared with Brian2 on one network.
// Usage: node examples/cuba/from-brian2.mjs net.json cuba-brian2.network.json [duration_ms]
import { readFileSync, writeFileSync, existsSync } from "node:fs";

/** The Tripart network for a Brian2 CUBA dump; parameters come from the dump (SI → ms, mV). */
export function networkFromBrian2(dump, durationMs = 1000) {
  if (dump.format !== "peers-cuba-network-v1") throw new Error(`expected format 'peers-cuba-network-v1', found '${dump.format}'`);
  const { Ne, N, params_SI: si } = dump;
  const ms = (seconds) => seconds * 1e3;
  const mV = (volts) => volts * 1e3;
  const split = ({ pre, post }, preOffset) => {
    const toExc = [], toInh = [];
    for (let k = 0; k < pre.length; k++) {
      if (post[k] < Ne) toExc.push([pre[k] - preOffset, post[k]]);
      else toInh.push([pre[k] - preOffset, post[k] - Ne]);
    }
    return [toExc, toInh];
  };
  const [excExc, excInh] = split(dump.exc, 0);
  const [inhExc, inhInh] = split(dump.inh, Ne);
  const params = { tau_m: ms(si.taum), v_rest: mV(si.El), v_reset: mV(si.Vr), v_thresh: mV(si.Vt), tau_ref: ms(si.refractory), bias: 0 };
  const v0 = dump.v0_V.map(mV);
  const projection = (id, pre, post, pairs, weight, tau, sign) => ({
    id, pre, post, connect: { rule: "explicit", pairs }, weight, delay: 0, synapse: { kind: "exponential", tau }, sign,
  });
  return {
    format: "tripart.network/1",
    name: "cuba-brian2",
    description: `The CUBA network drawn by Brian2's cuba.py (seed ${dump.seed}, ${dump.connectivity} connectivity): identical synapses and v(0).`,
    run: { dt: ms(si.dt), duration: durationMs, seed: dump.seed },
    populations: [
      { id: "exc", model: "lif", size: Ne, params, initial: { v: { values: v0.slice(0, Ne) } } },
      { id: "inh", model: "lif", size: N - Ne, params, initial: { v: { values: v0.slice(Ne) } } },
    ],
    inputs: [],
    projections: [
      projection("exc_exc", "exc", "exc", excExc, mV(si.we), ms(si.taue), "excitatory"),
      projection("exc_inh", "exc", "inh", excInh, mV(si.we), ms(si.taue), "excitatory"),
      projection("inh_exc", "inh", "exc", inhExc, -mV(si.wi), ms(si.taui), "inhibitory"),
      projection("inh_inh", "inh", "inh", inhInh, -mV(si.wi), ms(si.taui), "inhibitory"),
    ],
    record: [{ population: "exc", spikes: true }, { population: "inh", spikes: true }],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [input, output, duration] = process.argv.slice(2);
  if (!input || !output) {
    console.error("usage: node examples/cuba/from-brian2.mjs <brian2-dump.json> <out.network.json> [duration_ms]");
    process.exit(2);
  }
  if (existsSync(output)) {
    console.error(`error: '${output}' exists; choose another name (nothing was written).`);
    process.exit(2);
  }
  try {
    const network = networkFromBrian2(JSON.parse(readFileSync(input, "utf8")), duration ? Number(duration) : undefined);
    writeFileSync(output, JSON.stringify(network) + "\n");
    console.log(`${output}: ${network.projections.reduce((n, p) => n + p.connect.pairs.length, 0)} synapses from ${input}`);
  } catch (error) {
    console.error(`error: ${input}: ${error.message}`);
    process.exit(2);
  }
}

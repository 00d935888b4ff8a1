// Closed loop: a host program feeds the external port `sensor` step by step and reacts to the
// network's spikes. Sensor i fires every step while neuron i is "hungry", and pauses for
// 20 + 10·i steps after each of neuron i's spikes. The same host runs against the float
// reference and against the bit-accurate emulator of the compiled config.
// Run after `npm ci`: node examples/closed-loop/run.mjs
import { readFile } from "node:fs/promises";
import { compile, diffRecordings, elaborate, emulate, loadNetwork, resolveTarget, simulate } from "tripart";

/** The host: a pause counter per sensor; reads spikes after each step, injects before the next. */
export function pausingHost(size) {
  const pausedUntil = new Int32Array(size);
  return {
    beforeStep(step, inject) {
      for (let i = 0; i < size; i++) if (step >= pausedUntil[i]) inject("sensor", i);
    },
    afterStep(step, spikes) {
      for (const { population, neurons } of spikes) {
        if (population !== "neuron") continue;
        for (const i of neurons) pausedUntil[i] = step + 1 + 20 + 10 * i;
      }
    },
  };
}

export async function runClosedLoop(networkPath) {
  const loaded = loadNetwork(await readFile(networkPath, "utf8"), { file: networkPath });
  const target = await resolveTarget("loihi-cuba");
  if (!loaded.ok || !target.ok) throw new Error("the example does not load");
  const elaborated = elaborate(loaded.value);
  const compiled = compile(elaborated, target.value);
  if (!compiled.ok) throw new Error("the example does not compile");
  const reference = simulate(elaborated, { host: pausingHost(2) });
  const emulation = emulate(compiled.value, { host: pausingHost(2) });
  return { reference, emulation, diff: diffRecordings(reference.recording, emulation.recording) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { reference, emulation, diff } = await runClosedLoop(new URL("./network.json", import.meta.url).pathname);
  const steps = (rec) => Array.from(rec.populations.find((p) => p.id === "neuron").spikes.step);
  console.log("reference spike steps:", steps(reference.recording).join(" "));
  console.log("emulator  spike steps:", steps(emulation.recording).join(" "));
  console.log(diff.ok && diff.value.pass ? "the two engines agree" : "the two engines differ");
}

import { readFileSync } from "node:fs";
import { it } from "vitest";
import { loadNetwork } from "../../src/ir/load.js";
import { elaborate } from "../../src/ir/elaborate.js";
import { compile } from "../../src/passes/pipeline.js";
import { loihi } from "./helpers.js";
import { encodeConfig, decodeConfig } from "../../src/hw/codec.js";
import { inspectConfig } from "../../src/hw/inspect.js";

it("smoke", () => {
  for (const ex of ["cuba", "ei-network", "single-neuron"]) {
    const loaded = loadNetwork(readFileSync(`examples/${ex}/network.json`, "utf8"));
    if (!loaded.ok) { console.log(loaded.diagnostics); continue; }
    const el = elaborate(loaded.value);
    const r = compile(el, loihi(), { verifyEach: true });
    console.log(ex, r.ok, r.diagnostics.map((d) => `${d.code} ${d.path} ${d.message} | ${d.hint}`), r.timings);
    console.log(JSON.stringify(r.reports.quantization?.parameters.slice(0, 8)), JSON.stringify(r.reports.quantization?.weights));
    console.log(JSON.stringify(r.reports.utilisation?.cores.slice(0, 3)));
    if (r.ok) {
      const bytes = encodeConfig(r.value);
      const back = decodeConfig(bytes);
      console.log(bytes.length, back.ok, back.diagnostics.slice(0, 3));
      console.log(JSON.stringify(inspectConfig(r.value)).slice(0, 1500));
    }
  }
});

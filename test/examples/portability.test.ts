// checkPortability over every bundled example and target: which targets take each network, and
// for each refusal exactly the codes and JSON pointers (line:col filled in). The expectations
// follow the targets' documented limits (docs/targets.md): LIF targets run lif neurons with
// exponential synapses and no astrocytes (TP303x); glia-core runs izhikevich neurons with
// sigmoid-conductance synapses and no delays (TP3040–TP3052); loihi-cuba-lava has no refractory
// hold (TP3006) and no learning engine (TP3080); loihi-cuba-b2l has no bias (TP3013);
// loihi-cuba-board is loihi-cuba's compartment on 32 chips, so it refuses what loihi-cuba
// refuses; placing cuba's random network by traffic would spread it, so it keeps IR order's 5
// cores; only glia-core gates learning by astrocytes (TP3084 elsewhere); xylo-style has no
// refractory hold, no delays (TP3007) and no learning, and holds recurrent networks within its
// layout (xylo-ei). The large working-memory network is included: it compiles for all targets
// in about 2 s.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { checkPortability, listTargets } from "../../src/index.js";
import { REPO } from "../cli/helpers.js";

type Verdict = { readonly cores: number } | readonly string[];
const fits = (cores: number): Verdict => ({ cores });

/** What a LIF target says of a neuron–astrocyte network before any pass runs. */
const GLIA_ON_LIF = ["TP3030 /populations/0/model", "TP3035 /populations/0/glutamate", "TP3031 /projections/0/synapse/kind", "TP3032 /currents/0"];
const TRIPARTITE_ON_LIF = [...GLIA_ON_LIF, "TP3033 /astrocytes/0", "TP3034 /tripartite/0"];
const WORKING_MEMORY_ON_LIF = [...GLIA_ON_LIF, "TP3032 /currents/1", "TP3033 /astrocytes/0", "TP3034 /tripartite/0"];
const ASTRO_GATED_ON_LIF = [...GLIA_ON_LIF, "TP3033 /astrocytes/0"];

/** Every target of one verdict, keyed by target name. */
const tripartiteEverywhere = (glia: Verdict, lif: Verdict): Record<string, Verdict> => ({
  "glia-core": glia,
  "loihi-cuba": lif,
  "loihi-cuba-b2l": lif,
  "loihi-cuba-board": lif,
  "loihi-cuba-lava": lif,
  "memristor-crossbar": lif,
  "xylo-style": lif,
});

const EXPECTED: Record<string, Record<string, Verdict>> = {
  "astro-gated-stdp/network.json": {
    "glia-core": fits(1),
    "loihi-cuba": [...ASTRO_GATED_ON_LIF, "TP3084 /plasticity/0/modulation"],
    "loihi-cuba-board": [...ASTRO_GATED_ON_LIF, "TP3084 /plasticity/0/modulation"],
    "loihi-cuba-b2l": [...ASTRO_GATED_ON_LIF, "TP3084 /plasticity/0/modulation"],
    "loihi-cuba-lava": [...ASTRO_GATED_ON_LIF, "TP3080 /projections/0/plasticity"],
    "memristor-crossbar": [...ASTRO_GATED_ON_LIF, "TP3084 /plasticity/0/modulation"],
    "xylo-style": [...ASTRO_GATED_ON_LIF, "TP3080 /projections/0/plasticity"],
  },
  "closed-loop/network.json": {
    "glia-core": ["TP3040 /populations/0/model", "TP3042 /projections/0/synapse/kind"],
    "loihi-cuba": fits(1),
    "loihi-cuba-board": fits(1),
    "loihi-cuba-b2l": fits(1),
    "loihi-cuba-lava": fits(1),
    "memristor-crossbar": fits(1),
    "xylo-style": fits(1),
  },
  "cuba/network.json": {
    "glia-core": ["TP3040 /populations/0/model", "TP3040 /populations/1/model", ...[0, 1, 2, 3].map((j) => `TP3041 /projections/${j}/synapse/kind`)],
    "loihi-cuba": fits(5),
    "loihi-cuba-board": fits(5),
    "loihi-cuba-b2l": ["TP3013 /populations/0/params/bias", "TP3013 /populations/1/params/bias"],
    "loihi-cuba-lava": ["TP3006 /populations/0/params/tau_ref", "TP3006 /populations/1/params/tau_ref"],
    "memristor-crossbar": fits(5),
    "xylo-style": ["TP3006 /populations/0/params/tau_ref", "TP3006 /populations/1/params/tau_ref"],
  },
  "ei-network/network.json": {
    "glia-core": [
      "TP3040 /populations/0/model",
      "TP3040 /populations/1/model",
      "TP3042 /projections/0/synapse/kind",
      "TP3042 /projections/1/synapse/kind",
      ...[2, 3, 4, 5].flatMap((j) => [`TP3041 /projections/${j}/synapse/kind`, `TP3052 /projections/${j}/delay`]),
    ],
    "loihi-cuba": fits(1),
    "loihi-cuba-board": fits(1),
    "loihi-cuba-b2l": fits(1),
    "loihi-cuba-lava": ["TP3006 /populations/0/params/tau_ref", "TP3006 /populations/1/params/tau_ref"],
    "memristor-crossbar": fits(1),
    "xylo-style": ["TP3006 /populations/0/params/tau_ref", "TP3006 /populations/1/params/tau_ref", ...[2, 3, 4, 5].map((j) => `TP3007 /projections/${j}/delay`)],
  },
  "reward-action/network.json": {
    "glia-core": ["TP3040 /populations/0/model", "TP3042 /projections/0/synapse/kind", "TP3042 /projections/1/synapse/kind", "TP3041 /projections/2/synapse/kind"],
    "loihi-cuba": fits(1),
    "loihi-cuba-board": fits(1),
    "loihi-cuba-b2l": fits(1),
    "loihi-cuba-lava": ["TP3006 /populations/0/params/tau_ref", "TP3080 /projections/0/plasticity"],
    "memristor-crossbar": fits(1),
    "xylo-style": ["TP3006 /populations/0/params/tau_ref", "TP3080 /projections/0/plasticity"],
  },
  "single-neuron/network.json": {
    "glia-core": ["TP3040 /populations/0/model", "TP3042 /projections/0/synapse/kind", "TP3042 /projections/1/synapse/kind", "TP3052 /projections/1/delay"],
    "loihi-cuba": fits(1),
    "loihi-cuba-board": fits(1),
    "loihi-cuba-b2l": fits(1),
    "loihi-cuba-lava": ["TP3006 /populations/0/params/tau_ref"],
    "memristor-crossbar": fits(1),
    "xylo-style": ["TP3006 /populations/0/params/tau_ref", "TP3007 /projections/1/delay"],
  },
  "stdp-pattern/network.json": {
    "glia-core": ["TP3040 /populations/0/model", "TP3042 /projections/0/synapse/kind"],
    "loihi-cuba": fits(1),
    "loihi-cuba-board": fits(1),
    "loihi-cuba-b2l": fits(1),
    "loihi-cuba-lava": ["TP3006 /populations/0/params/tau_ref", "TP3080 /projections/0/plasticity"],
    "memristor-crossbar": fits(1),
    "xylo-style": ["TP3006 /populations/0/params/tau_ref", "TP3080 /projections/0/plasticity"],
  },
  // within Xylo's limits: no refractory period, no delays, no bias, 16 input lines, 8 readout neurons
  "xylo-ei/network.json": {
    "glia-core": [
      ...[0, 1, 2].map((p) => `TP3040 /populations/${p}/model`),
      "TP3042 /projections/0/synapse/kind",
      "TP3042 /projections/1/synapse/kind",
      ...[2, 3, 4, 5, 6].map((j) => `TP3041 /projections/${j}/synapse/kind`),
    ],
    "loihi-cuba": fits(1),
    "loihi-cuba-b2l": fits(1),
    "loihi-cuba-board": fits(1),
    "loihi-cuba-lava": fits(1),
    "memristor-crossbar": fits(1),
    "xylo-style": fits(1),
  },
  "tripartite-synapse/network-additive.json": tripartiteEverywhere(fits(1), TRIPARTITE_ON_LIF),
  "tripartite-synapse/network-multiplicative.json": tripartiteEverywhere(fits(1), TRIPARTITE_ON_LIF),
  "tripartite-synapse/network-sic.json": tripartiteEverywhere(fits(1), TRIPARTITE_ON_LIF),
  "tripartite-synapse/network-suppressive.json": tripartiteEverywhere(fits(1), TRIPARTITE_ON_LIF),
  "working-memory/network-small.json": tripartiteEverywhere(fits(2), WORKING_MEMORY_ON_LIF),
  "working-memory/network.json": tripartiteEverywhere(fits(11), WORKING_MEMORY_ON_LIF),
};

describe("checkPortability on the bundled examples", () => {
  it.each(Object.keys(EXPECTED))("%s on every bundled target", async (network) => {
    const path = join(REPO, "examples", network);
    const report = await checkPortability(path, "all");
    if (!report.ok) throw new Error(report.diagnostics.map((d) => d.message).join("\n"));
    const targets = listTargets();
    expect(report.value.targets.map((t) => t.target)).toEqual(targets);
    for (const fit of report.value.targets) {
      const expected = EXPECTED[network][fit.target];
      expect(expected, `no expectation for target ${fit.target}`).toBeDefined();
      if (Array.isArray(expected)) {
        expect(fit.fits, fit.target).toBe(false);
        expect(fit.errors.map((d) => `${d.code} ${d.path}`), fit.target).toEqual(expected);
        for (const d of fit.errors) expect([d.file, d.line, d.column].every((x) => x !== undefined), `${fit.target} ${d.code} located`).toBe(true);
      } else {
        expect(fit, fit.target).toMatchObject({ fits: true, coresUsed: (expected as { cores: number }).cores, errors: [] });
      }
    }
  }, 60_000);

  it("covers every bundled example network", async () => {
    const { readdirSync } = await import("node:fs");
    const found = readdirSync(join(REPO, "examples")).flatMap((dir) =>
      readdirSync(join(REPO, "examples", dir)).filter((f) => /^network(-[\w-]+)?\.json$/.test(f)).map((f) => `${dir}/${f}`),
    );
    expect(found.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("checks only the targets asked for, by name or file", async () => {
    const report = await checkPortability(join(REPO, "examples", "stdp-pattern", "network.json"), ["loihi-cuba-lava", join(REPO, "targets", "memristor-crossbar.json")]);
    expect(report.ok && report.value.targets.map((t) => [t.target, t.fits])).toEqual([["loihi-cuba-lava", false], ["memristor-crossbar", true]]);
  });

  it("fails with the load diagnostics on a missing network or an unknown target", async () => {
    const missing = await checkPortability(join(REPO, "no-such-network.json"), "all");
    expect(missing.ok).toBe(false);
    expect(missing.diagnostics.map((d) => d.code)).toEqual(["TP1000"]);
    const unknown = await checkPortability(join(REPO, "examples", "cuba", "network.json"), ["no-such-target"]);
    expect(unknown.ok).toBe(false);
    expect(unknown.diagnostics.map((d) => d.code)).toEqual(["TP1107"]);
  });
});

// The plasticity section: the loader fills every default, and elaboration resolves each plastic
// projection's rule (sources to indices, no-decay eligibility to Infinity, the astrocyte of every
// postsynaptic neuron). Expected values are the documented defaults (docs/ir.md) and hand-derived
// indices, not the code's own output.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadNetwork } from "../../src/ir/load.js";
import { elaborate } from "../../src/ir/elaborate.js";
import { usesGliaPath } from "../../src/ir/elaborated.js";
import type { Checked } from "../../src/ir/types.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const lifText = readFileSync(join(FIXTURES, "plasticity-lif.network.json"), "utf8");
const gliaText = readFileSync(join(FIXTURES, "wm2021-small.network.json"), "utf8");

function mustLoad(text: string): Checked {
  const result = loadNetwork(text);
  expect(result.diagnostics).toEqual([]);
  if (!result.ok) throw new Error("did not load");
  return result.value;
}

/** The LIF fixture with its plasticity section replaced by `rules`, each used by drive_exc in turn. */
function withRule(rule: Record<string, unknown>): string {
  const doc = JSON.parse(lifText);
  doc.plasticity = [{ id: "r", w_max: 1, ...rule }];
  doc.projections = doc.projections.map((p: Record<string, unknown>) => {
    const { plasticity: _dropped, ...rest } = p;
    return p.id === "drive_exc" ? { ...rest, plasticity: "r" } : rest;
  });
  return JSON.stringify(doc);
}

/** The WM2021 miniature with its recurrent projection learning under astrocyte modulation. */
function modulated(modulation: Record<string, unknown>): string {
  const doc = JSON.parse(gliaText);
  doc.projections[0].plasticity = "gated";
  doc.plasticity = [{ id: "gated", rule: "stdp", w_max: 0.05, modulation: { astrocytes: "astro", ...modulation } }];
  return JSON.stringify(doc);
}

describe("loading fills the defaults of every rule", () => {
  it("stdp: pairing all_to_all, tau_plus = tau_minus = 20 ms, a_plus = a_minus = 0.01, mu 0, w_min 0", () => {
    const network = mustLoad(withRule({ rule: "stdp" }));
    expect(network.plasticity).toEqual([
      { id: "r", rule: "stdp", pairing: "all_to_all", tau_plus: 20, tau_minus: 20, a_plus: 0.01, a_minus: 0.01, mu_plus: 0, mu_minus: 0, w_min: 0, w_max: 1 },
    ]);
  });

  it("reward_stdp: tau_c 1000 ms, tau_n 200 ms, baseline 0 and gain 1 per source", () => {
    const [rule] = mustLoad(withRule({ rule: "reward_stdp", reward: [{ source: "reward" }, { source: "critic", gain: -0.5 }] })).plasticity;
    expect(rule).toMatchObject({ rule: "reward_stdp", tau_c: 1000, tau_n: 200, baseline: 0 });
    expect(rule).toHaveProperty("reward", [
      { source: "reward", gain: 1 },
      { source: "critic", gain: -0.5 },
    ]);
  });

  it("episode_stdp: tau_c 1000 ms when absent, and an explicit null (no decay) is kept", () => {
    const absent = mustLoad(withRule({ rule: "episode_stdp", gate: [{ source: "reward" }] })).plasticity[0];
    expect(absent).toMatchObject({ tau_c: 1000, gate: [{ source: "reward", gain: 1 }] });
    const none = mustLoad(withRule({ rule: "episode_stdp", tau_c: null, gate: [{ source: "reward" }] })).plasticity[0];
    expect(none).toHaveProperty("tau_c", null);
  });

  it("modulation: open 1 and closed 0; ca_low and ca_high are carried when written", () => {
    const byGate = mustLoad(modulated({ by: "gate" })).plasticity[0];
    expect(byGate.modulation).toEqual({ astrocytes: "astro", by: "gate", open: 1, closed: 0 });
    const byCa = mustLoad(modulated({ by: "ca", open: -1, ca_low: 0.1, ca_high: 0.3 })).plasticity[0];
    expect(byCa.modulation).toEqual({ astrocytes: "astro", by: "ca", open: -1, closed: 0, ca_low: 0.1, ca_high: 0.3 });
  });

  it("keeps every field the file states and carries each projection's rule id", () => {
    const network = mustLoad(lifText);
    const written = JSON.parse(lifText).plasticity[1];
    expect(network.plasticity[1]).toEqual({ ...written, reward: [{ source: "reward", gain: 1 }, { source: "critic", gain: -0.5 }] });
    expect(network.projections.map((p) => p.plasticity)).toEqual(["stdp_fast", "dopamine", "episode", "stdp_fast", undefined]);
    expect("plasticity" in network.projections[4]).toBe(false);
  });

  it("a network without the section gets an empty one and static projections", () => {
    const network = mustLoad(gliaText);
    expect(network.plasticity).toEqual([]);
    expect(elaborate(network).projections.some((p) => "plasticity" in p)).toBe(false);
  });
});

describe("elaboration resolves each plastic projection's rule", () => {
  const net = elaborate(mustLoad(lifText));
  const byId = (id: string) => net.projections.find((p) => p.id === id)!;

  it("stdp: the defaults in elaborated names, no eligibility, no third factor", () => {
    expect(byId("drive_exc").plasticity).toEqual({
      id: "stdp_fast",
      index: 0,
      rule: "stdp",
      pairing: "all_to_all",
      tauPlusMs: 20,
      tauMinusMs: 20,
      aPlus: 0.01,
      aMinus: 0.01,
      muPlus: 0,
      muMinus: 0,
      wMin: 0,
      wMax: 1,
    });
  });

  it("one rule object is shared by every projection that learns by it", () => {
    expect(byId("exc_exc").plasticity).toBe(byId("drive_exc").plasticity);
    expect(byId("critic_exc").plasticity).toBeUndefined();
  });

  it("reward_stdp: sources resolve to input 1 ('reward') and population 1 ('critic') with their gains", () => {
    const rule = byId("exc_critic").plasticity!;
    expect(rule).toMatchObject({ id: "dopamine", index: 1, rule: "reward_stdp", pairing: "nearest_symmetric", tauPlusMs: 16.8, tauMinusMs: 33.7 });
    expect(rule).toMatchObject({ aPlus: 0.005, aMinus: 0.00525, muPlus: 1, muMinus: 1, wMin: 0.05, wMax: 0.8, tauCMs: 500 });
    expect(rule.reward).toEqual({
      tauNMs: 100,
      baseline: 0.001,
      sources: [
        { kind: "input", index: 1, gain: 1 },
        { kind: "population", index: 1, gain: -0.5 },
      ],
    });
    expect(rule.gate).toBeUndefined();
  });

  it("episode_stdp: tau_c null is an eligibility that never decays (Infinity); the gate resolves to input 1", () => {
    const rule = byId("drive_critic").plasticity!;
    expect(rule.tauCMs).toBe(Infinity);
    expect(rule.gate).toEqual({ sources: [{ kind: "input", index: 1, gain: 2 }] });
    expect(rule.reward).toBeUndefined();
  });

  it("weights learn in magnitude: an inhibitory projection keeps negative weights and positive bounds", () => {
    const projection = byId("drive_critic");
    expect([...projection.synapses.weight]).toEqual([-0.3, -0.3]);
    expect([projection.plasticity!.wMin, projection.plasticity!.wMax]).toEqual([0, 2]);
  });

  it("learning changes no draw: synapses equal those of the same network without plasticity", () => {
    const doc = JSON.parse(lifText);
    delete doc.plasticity;
    for (const p of doc.projections) delete p.plasticity;
    const plain = elaborate(mustLoad(JSON.stringify(doc)));
    expect(plain.projections.map((p) => p.synapses)).toEqual(net.projections.map((p) => p.synapses));
    expect(plain.projections.some((p) => "plasticity" in p)).toBe(false);
  });

  it("a LIF network that learns without astrocytes stays on the LIF path", () => {
    expect(usesGliaPath(net)).toBe(false);
  });
});

describe("elaboration of astrocyte-modulated learning", () => {
  it("by gate: astrocyteOf is the astrocytes' own owner array, Ca bounds 0", () => {
    const net = elaborate(mustLoad(modulated({ by: "gate" })));
    const modulation = net.projections[0].plasticity!.modulation!;
    expect(modulation).toMatchObject({ astrocytes: 0, by: "gate", open: 1, closed: 0, caLow: 0, caHigh: 0 });
    expect(modulation.astrocyteOf).toBe(net.astrocytes[0].ownerOf);
    // 10 × 10 neurons, 4 × 4 patches with stride 3 on a 3 × 3 astrocyte grid (index = row + 3·col):
    // neuron 0 (row 0, col 0) lies only in patch (0, 0) = astrocyte 0; neuron 99 (row 9, col 9)
    // only in patch (2, 2) = astrocyte 2 + 3·2 = 8.
    expect(modulation.astrocyteOf.length).toBe(100);
    expect([modulation.astrocyteOf[0], modulation.astrocyteOf[99]]).toEqual([0, 8]);
    expect(usesGliaPath(net)).toBe(true);
  });

  it("by ca: the written Ca range and factors", () => {
    const net = elaborate(mustLoad(modulated({ by: "ca", open: -1, closed: 0.5, ca_low: 0.1, ca_high: 0.3 })));
    expect(net.projections[0].plasticity!.modulation).toMatchObject({ by: "ca", open: -1, closed: 0.5, caLow: 0.1, caHigh: 0.3 });
  });
});

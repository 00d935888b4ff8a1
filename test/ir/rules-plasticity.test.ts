// The schema and the semantic rules of the plasticity section: one precise finding per mistake,
// worded with the rule's id. The diagnostics cases (test/diagnostics/cases/bad-plasticity-*)
// pin each code's path; these tests pin the cases the cases do not show.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadNetwork } from "../../src/ir/load.js";
import { weightsOutside } from "../../src/ir/rules-plasticity.js";
import { NETWORK_SCHEMA } from "../../src/ir/schema.js";
import { PAIRINGS, PLASTICITY_RULES } from "../../src/ir/plasticity-types.js";

const text = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "fixtures", "plasticity-lif.network.json"), "utf8");
const findings = (edit: (doc: any) => void) => {
  const doc = JSON.parse(text);
  edit(doc);
  return loadNetwork(JSON.stringify(doc)).diagnostics.map((d) => [d.code, d.path, d.message, d.hint]);
};
const codes = (edit: (doc: any) => void) => findings(edit).map(([code, path]) => [code, path]);

describe("the schema of the plasticity section", () => {
  it("accepts the fixture, which uses every rule kind", () => {
    expect(findings(() => {})).toEqual([]);
  });

  it("an unknown rule kind is one finding at 'rule', listing the known kinds", () => {
    expect(findings((doc) => (doc.plasticity[1].rule = "dopamine_stdp"))).toEqual([
      ["TP1007", "/plasticity/1/rule", "Field 'rule' of plasticity rule 'dopamine' is \"dopamine_stdp\"; it must be one of \"stdp\", \"reward_stdp\" or \"episode_stdp\".", undefined],
    ]);
  });

  it("reward_stdp requires its reward list, episode_stdp its gate list, each with a source", () => {
    expect(codes((doc) => delete doc.plasticity[1].reward)).toEqual([["TP1003", "/plasticity/1/reward"]]);
    expect(codes((doc) => delete doc.plasticity[2].gate)).toEqual([["TP1003", "/plasticity/2/gate"]]);
    expect(findings((doc) => (doc.plasticity[2].gate = []))).toEqual([
      [
        "TP1008",
        "/plasticity/2/gate",
        "Field 'gate' of plasticity rule 'episode' has 0 items; it must have at least 1 item.",
        "Give at least one {\"source\": ...} whose spikes deliver the gate; use \"rule\": \"stdp\" for learning without a third factor.",
      ],
    ]);
  });

  it("only episode_stdp may have an eligibility without decay (tau_c null)", () => {
    expect(findings((doc) => (doc.plasticity[1].tau_c = null))).toEqual([
      [
        "TP1005",
        "/plasticity/1/tau_c",
        "Field 'tau_c' of plasticity rule 'dopamine' must be a number, not null.",
        "Only episode_stdp may keep its eligibility without decay (tau_c null); give reward_stdp a decay time in ms (default 1000).",
      ],
    ]);
  });

  it("names the same rule kinds and pairings as src/ir/plasticity-types.ts", () => {
    const defs = (NETWORK_SCHEMA as { $defs: Record<string, any> }).$defs;
    expect(defs.plasticityRule.properties.rule.enum).toEqual([...PLASTICITY_RULES]);
    expect(defs.plasticityRule.allOf.map((branch: any) => branch.if.properties.rule.const)).toEqual([...PLASTICITY_RULES]);
    for (const rule of ["stdpRule", "rewardStdpRule", "episodeStdpRule"]) expect(defs[rule].properties.pairing.enum).toEqual([...PAIRINGS]);
  });

  it("bounds: time constants > 0, learning rates and exponents ≥ 0, w_max > 0", () => {
    expect(findings((doc) => (doc.plasticity[1].tau_minus = 0))).toEqual([
      ["TP1006", "/plasticity/1/tau_minus", "Field 'tau_minus' of plasticity rule 'dopamine' is 0, but it must be > 0.", "Time constants are in ms and must be positive."],
    ]);
    // In file order: the fixture writes w_max first, the edit appends the other two.
    expect(codes((doc) => Object.assign(doc.plasticity[0], { a_minus: -0.01, mu_plus: -1, w_max: 0 }))).toEqual([
      ["TP1006", "/plasticity/0/w_max"],
      ["TP1006", "/plasticity/0/a_minus"],
      ["TP1006", "/plasticity/0/mu_plus"],
    ]);
  });

  it("a field of another rule kind is refused with the allowed ones", () => {
    const [finding] = findings((doc) => (doc.plasticity[0].tau_c = 100));
    expect(finding.slice(0, 3)).toEqual(["TP1004", "/plasticity/0/tau_c", "Plasticity rule 'stdp_fast' has the field 'tau_c', which is not part of the format."]);
    expect(finding[3]).toContain("Allowed here: id, rule, pairing, tau_plus, tau_minus, a_plus, a_minus, mu_plus, mu_minus, w_min, w_max, modulation.");
  });

  it("modulation by \"ca\" requires ca_low and ca_high", () => {
    expect(codes((doc) => (doc.plasticity[0].modulation = { astrocytes: "a", by: "ca", ca_low: 0.1 }))).toEqual([["TP1003", "/plasticity/0/modulation/ca_high"]]);
  });

  it("a projection's plasticity is a rule id string", () => {
    expect(codes((doc) => (doc.projections[0].plasticity = 0))).toEqual([["TP1005", "/projections/0/plasticity"]]);
  });
});

describe("the semantic rules of the plasticity section", () => {
  it("an unknown rule in a network without rules says the section is empty", () => {
    const [finding] = findings((doc) => {
      delete doc.plasticity;
      doc.projections = [doc.projections[0]];
    });
    expect(finding).toEqual([
      "TP2071",
      "/projections/0/plasticity",
      "Projection 'drive_exc' learns by plasticity rule 'stdp_fast', which is not in the \"plasticity\" section.",
      "'plasticity' must be the id of a rule in the \"plasticity\" section (the section is empty).",
    ]);
  });

  it("a repeated id is reported once, not also as an unused rule", () => {
    expect(codes((doc) => doc.plasticity.push({ id: "episode", rule: "stdp", w_max: 1 }))).toEqual([["TP2070", "/plasticity/3/id"]]);
  });

  it("a source naming an astrocyte population says astrocytes do not spike", () => {
    const [finding] = findings((doc) => {
      doc.plasticity[2].gate[0].source = "astro";
      doc.astrocytes = [];
    });
    expect(finding[0]).toBe("TP2074");
    const glia = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "fixtures", "wm2021-small.network.json"), "utf8"));
    glia.projections[0].plasticity = "episode";
    glia.plasticity = [{ id: "episode", rule: "episode_stdp", w_max: 0.05, gate: [{ source: "astro" }] }];
    const [astro] = loadNetwork(JSON.stringify(glia)).diagnostics;
    expect([astro.code, astro.path, astro.message]).toEqual(["TP2074", "/plasticity/0/gate/0/source", "Plasticity rule 'episode' takes its gate from 'astro', which is no input or population."]);
    expect(astro.hint).toBe(
      "Name an input (such as an external port) or a population; each of its spikes applies the eligibility to the weights (w += gain·c). 'astro' is an astrocyte population, and astrocytes do not spike; scale learning by their gate or Ca with 'modulation'.",
    );
  });

  it("w_min at w_max is reported once: the initial-weight check needs valid bounds", () => {
    expect(codes((doc) => Object.assign(doc.plasticity[0], { w_min: 1, w_max: 1 }))).toEqual([["TP2072", "/plasticity/0/w_min"]]);
  });

  it("initial weights outside the bounds are a warning: the network still loads", () => {
    const doc = JSON.parse(text);
    doc.projections[3].weight = { uniform: [0.5, 1.25] };
    const result = loadNetwork(JSON.stringify(doc));
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.path, d.message])).toEqual([
      [
        "TP2073",
        "warning",
        "/projections/3/weight",
        "Projection 'exc_exc' starts with weights drawn up to 1.25 outside [0, 1], the bounds of its plasticity rule 'stdp_fast'; the first update clips each such weight to the nearest bound.",
      ],
    ]);
  });
});

describe("weightsOutside names the weight farthest outside [w_min, w_max]", () => {
  it("a constant", () => {
    expect(weightsOutside(0.5, 0, 1)).toBeUndefined();
    expect(weightsOutside(1, 0, 1)).toBeUndefined(); // the bounds themselves are inside
    expect(weightsOutside(1.5, 0, 1)).toBe("weight 1.5");
    expect(weightsOutside(0.1, 0.2, 1)).toBe("weight 0.1");
  });

  it("per-synapse values: the count and the farthest out (1.2 is 0.2 above, 0.05 only 0.05 below)", () => {
    expect(weightsOutside({ values: [0.05, 0.5, 1.2] }, 0.1, 1)).toBe("2 of its 3 weights (farthest out: 1.2)");
    expect(weightsOutside({ values: [0.2, 0.5] }, 0.1, 1)).toBeUndefined();
  });

  it("a uniform draw by its ends", () => {
    expect(weightsOutside({ uniform: [0.2, 1.4] }, 0, 1)).toBe("weights drawn up to 1.4");
    expect(weightsOutside({ uniform: [0, 0.5] }, 0.1, 1)).toBe("weights drawn down to 0");
    expect(weightsOutside({ uniform: [0.1, 1] }, 0.1, 1)).toBeUndefined();
  });

  it("a normal draw by its mean, then its min and max; an unbounded tail is not flagged", () => {
    expect(weightsOutside({ normal: { mean: 1.5, std: 0.1, min: 0 } }, 0, 1)).toBe("weights drawn around 1.5");
    expect(weightsOutside({ normal: { mean: 0.5, std: 0.1, min: 0, max: 2 } }, 0, 1)).toBe("weights drawn up to 2");
    expect(weightsOutside({ normal: { mean: 0.5, std: 0.1, min: 0 } }, 0, 1)).toBeUndefined();
  });
});

/**
 * The invariants of a plastic projection's astrocyte modulation (HwPlasticProjection.modulation,
 * docs/semantics-learning.md §7): learning semantics that offer it (TP4031), an astrocyte group
 * that exists (TP4032), one owner per post neuron (TP4033), each −1 or an astrocyte of the group
 * (TP4034), and `by`, open/closed and the Ca ramp within range (TP4028). The learning engines
 * assert the same, so a config that passes here never stops an emulation half way.
 */
import type { Reporter } from "../ir/diagnostics.js";
import { child, type JsonPointer } from "../ir/pointer.js";
import type { LearningSemantics } from "../targets/learning-types.js";
import type { HwPlasticProjection } from "./learning-config.js";
import type { LearningLayout } from "./learning-layout.js";
import type { FieldCheck } from "./validate-learning.js";

const within = (x: number, min: number, max: number): boolean => Number.isInteger(x) && x >= min && x <= max;

/** Reports every problem of `p.modulation` (nothing when it is absent). `sane`: the semantics' widths can be trusted. */
export function checkModulation(
  p: HwPlasticProjection, base: JsonPointer, s: LearningSemantics, sane: boolean, layout: LearningLayout, check: FieldCheck, report: Reporter,
): void {
  const m = p.modulation;
  if (m === undefined) return;
  const at = (...keys: (string | number)[]) => child(base, "modulation", ...keys);
  if (!s.astrocyteModulation) {
    report("TP4031", at(), { projection: p.id });
    return;
  }
  check(at("by"), m.by, m.by === "gate" || m.by === "ca", 'it must be "gate" or "ca"');
  if (sane) {
    const top = 2 ** (s.modulator.bits - 1) - 1;
    for (const key of ["open", "closed"] as const) {
      check(at(key), m[key], within(m[key], -top, top), `it must be an integer within ±(2^(modulator.bits - 1) - 1) (±${top})`);
    }
  }
  if (m.by === "ca") check(at("caHigh"), m.caHigh, m.caHigh > m.caLow, `it must be above caLow (${m.caLow}): the Ca ramp rises from caLow to caHigh`);
  const groups = layout.astrocytes;
  const group = groups[m.astrocytes];
  if (!within(m.astrocytes, 0, groups.length - 1) || group === undefined) {
    const count = groups.length === 0 ? "no astrocyte groups" : groups.length === 1 ? "1 astrocyte group" : `${groups.length} astrocyte groups`;
    report("TP4032", at("astrocytes"), { projection: p.id, group: m.astrocytes, count, known: groups.map((g, i) => `${i} '${g.id}'`).join(", ") || "(none)" });
    return;
  }
  const post = layout.symbols.get(p.post);
  if (post === undefined || post.kind !== "population") return; // TP4023 already
  if (m.astrocyteOf.length !== post.size) {
    report("TP4033", at("astrocyteOf"), { projection: p.id, found: m.astrocyteOf.length, size: post.size, post: post.id });
    return;
  }
  for (let i = 0; i < m.astrocyteOf.length; i++) {
    const owner = m.astrocyteOf[i];
    if (!within(owner, -1, group.size - 1)) {
      report("TP4034", at("astrocyteOf", i), { index: i, field: at("astrocyteOf").slice(1), value: owner, last: group.size - 1, group: group.id });
      return;
    }
  }
}

/** The compiler's reports as table rows (data → text lives in the CLI). */
import { renderPlacementHtml, type CompileReports, type GliaCompileReports, type TrafficSummary, type UtilisationReport } from "../../index.js";

const num = (x: number) => (Number.isInteger(x) ? String(x) : Number(x.toPrecision(4)).toString());
const pct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(2) + "%" : "∞");

export function utilisationRows(reports: CompileReports) {
  const u = reports.utilisation;
  if (!u) return undefined;
  const cell = (x: { used: number; limit: number; percent: number }) => `${x.used}/${x.limit} (${x.percent.toFixed(0)}%)`;
  const placed = placesCores(u);
  return {
    header: ["core", ...(placed ? ["chip (tile x,y)"] : []), "populations", "neurons", "synapses", "input axons", "output axons", "bound by", ...(placed ? ["msg/s out", "msg/s in"] : [])],
    rows: u.cores.map((c) => [
      String(c.core),
      ...(placed ? [`${c.position.chip} (${c.position.x},${c.position.y})`] : []),
      c.populations.map((p) => `${p.id}[${p.first}..${p.first + p.count - 1}]`).join(" "),
      cell(c.neurons),
      cell(c.synapses),
      cell(c.inputAxons),
      cell(c.outputAxons),
      c.boundBy,
      ...(placed ? [rate(c.messagesOut), rate(c.messagesIn)] : []),
    ]),
  };
}

/** Placement is worth showing when it chose by traffic or the target is a board of chips. */
const placesCores = (u: UtilisationReport): boolean => u.strategy === "traffic" || u.systemCores > u.chipCores;

const rate = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(0));

/** The predicted spike traffic of the placement (and of IR order, when placed by traffic), as text lines. */
export function trafficLines(reports: CompileReports): string | undefined {
  const u = reports.utilisation;
  if (!u || !placesCores(u)) return undefined;
  const { traffic } = u;
  const basis = traffic.rates === "measured" ? "at the measured rates" : "at 1 spike/s per neuron (pass --rates for measured ones)";
  const summary = (t: TrafficSummary): string =>
    `${rate(t.interCore)} between cores, ${rate(t.interChip)} between chips, ${rate(t.hopTraffic)} hop-weighted (mean ${t.meanHops.toFixed(2)} hops)`;
  const kept = u.requested === "traffic" && u.strategy === "contiguous" ? " (placing by traffic put more messages through the routers, so IR order is kept)" : "";
  const lines = [
    `placement: ${u.strategy === "traffic" ? "by traffic" : "in IR order"}${kept}, ${u.coresUsed} cores on ${u.chipsUsed} of ${u.systemCores / u.chipCores} chips`,
    `predicted messages/s ${basis}: ${summary(traffic.placed)}`,
  ];
  if (traffic.contiguous && u.strategy === "traffic") lines.push(`the same network in IR order: ${summary(traffic.contiguous)}`);
  return lines.join("\n") + "\n";
}

/**
 * placement.json (every core's position and use, the traffic summaries and the routing tables)
 * and placement.html (the same drawn on the mesh).
 */
export function placementFiles(reports: CompileReports, title: string): Record<string, string> | undefined {
  const u = reports.utilisation;
  if (!u || !placesCores(u)) return undefined;
  return { "placement.json": JSON.stringify(u, null, 1) + "\n", "placement.html": renderPlacementHtml(u, title) };
}

/** Parameters whose realised value differs from the request, and every projection's weights. */
export function quantizationRows(reports: CompileReports) {
  const q = reports.quantization;
  if (!q) return undefined;
  const parameters = q.parameters.map((p) => [
    `${p.owner}.${p.parameter}`,
    `${num(p.requested)} ${p.unit}`,
    `${num(p.realised)} ${p.unit}`,
    pct(p.relativeError),
  ]);
  const weights = q.weights.map((w) => [
    `${w.projection}.weight (max, ${w.synapses} syn, exp ${w.exponent})`,
    num(w.requestedMaxAbs),
    num(w.realisedMaxAbs),
    `${pct(w.maxRelativeError)} max, ${pct(w.meanRelativeError)} mean` + (w.roundedToZero ? `, ${w.roundedToZero} → 0` : "") + (w.clipped ? `, ${w.clipped} clipped` : ""),
  ]);
  return { header: ["parameter", "requested", "realised", "error"], rows: [...parameters, ...weights] };
}

/** Crossbar targets: per projection, the ADC step, pulses per level and the weights the devices realise. */
export function crossbarRows(reports: CompileReports) {
  const c = reports.crossbar;
  if (!c) return undefined;
  return {
    title: `crossbar: ${c.tiles} of ${c.maxTiles} tiles`,
    header: ["projection", "synapses", "ADC step (A)", "level shift", "pulses/level SET, RESET", "max |w| requested → realised", "error max, mean", "read as 0", "clamped devices"],
    rows: c.weights.map((w) => [
      w.projection,
      String(w.synapses),
      num(w.lsbCurrent),
      String(w.levelShift),
      `${num(w.pulsesPerLevel.set)}, ${num(w.pulsesPerLevel.reset)}`,
      `${num(w.requestedMaxAbs)} → ${num(w.realisedMaxAbs)}`,
      `${pct(w.maxRelativeError)}, ${pct(w.meanRelativeError)}`,
      String(w.readAsZero),
      String(w.clampedDevices),
    ]),
  };
}

export function gliaUtilisationRows(reports: GliaCompileReports) {
  const u = reports.utilisation;
  if (!u) return undefined;
  const cell = (x: { used: number; limit: number; percent: number }) => `${x.used}/${x.limit} (${x.percent.toFixed(0)}%)`;
  return {
    header: ["core", "neurons", "synapses", "astrocytes", "bound by"],
    rows: u.cores.map((c) => [String(c.core), cell(c.neurons), cell(c.synapses), cell(c.astrocytes), c.boundBy]),
  };
}

/** Formats chosen, parameters whose realised value differs, and every projection's weights. */
export function gliaQuantizationRows(reports: GliaCompileReports) {
  const q = reports.quantization;
  if (!q) return undefined;
  const formats = q.formats.map((f) => [`${f.owner}: ${f.variables}`, `|x| ≤ ${num(f.bound)} ${f.unit}`, `Q${f.bits - 1 - f.frac}.${f.frac} (${f.bits}-bit)`, f.reason]);
  const parameters = q.parameters
    .filter((p) => p.relativeError !== 0)
    .map((p) => [`${p.owner}.${p.parameter}`, `${num(p.requested)} ${p.unit}`, `${num(p.realised)} ${p.unit}`, pct(p.relativeError)]);
  const weights = q.weights.map((w) => [
    `${w.projection}.weight (max, ${w.synapses} syn, Q.${w.weightFrac})`,
    num(w.requestedMax),
    num(w.realisedMax),
    `max |error| ${num(w.maxAbsError)}` + (w.roundedToZero ? `, ${w.roundedToZero} → 0` : "") + (w.delta ? `; ${w.delta.kind} delta max |error| ${num(w.delta.maxAbsError)}` : ""),
  ]);
  return { header: ["parameter", "requested", "realised", "error"], rows: [...formats, ...parameters, ...weights] };
}

export function gliaTableRows(reports: GliaCompileReports) {
  const q = reports.quantization;
  if (!q || q.tables.length === 0) return undefined;
  return {
    header: ["table", "entries", "spacing", "domain", "max error"],
    rows: q.tables.map((t) => [
      `${t.owner}.${t.table}`,
      String(t.entries),
      t.spacing === "octave" ? `octave, ${2 ** t.segmentBits} per segment` : "uniform",
      `${num(t.domain[0])} … ${num(t.domain[1])}`,
      `${t.maxError.toExponential(2)} ${t.unit}`,
    ]),
  };
}

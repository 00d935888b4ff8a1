#!/usr/bin/env node
/**
 * Runs the working-memory network and reads out its memory performance (Gordleeva et al. 2021).
 *
 *   node examples/working-memory/run.mjs [network-small.json|network.json] [--target glia-core] [--control] [--out dir]
 *
 * Runs the float reference and, with --target, the emulator on the compiled config (with
 * --control also the reference without the tripartite coupling, to see what the cues alone
 * recall); prints a table
 * and writes results/<config>-<engine>.json and .html (recalled images, Ca maps, performance per
 * threshold). Progress goes to stderr when it is a terminal.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));

/** The library: the public API when it exports the neuron–astrocyte engines, else their dist modules. */
async function loadLibrary() {
  const api = await import("tripart").catch(() => ({}));
  const fromDist = async (path) => import(new URL(`../../dist/src/${path}`, import.meta.url).href).catch(() => ({}));
  const load = api.loadNetwork ? api : await fromDist("ir/load.js");
  const elaborate = api.elaborate ? api : await fromDist("ir/elaborate.js");
  const reference = api.simulateGlia ? api : await fromDist("reference/glia-simulator.js");
  const readout = api.memoryPerformance ? api : await fromDist("diff/memory-performance.js");
  const missing = [["loadNetwork", load], ["elaborate", elaborate], ["simulateGlia", reference], ["memoryPerformance", readout]]
    .filter(([name, module]) => typeof module[name] !== "function")
    .map(([name]) => name);
  if (missing.length > 0) throw new Error(`the library does not provide ${missing.join(", ")} yet; run npm run build`);
  return {
    loadNetwork: load.loadNetwork,
    elaborate: elaborate.elaborate,
    simulateGlia: reference.simulateGlia,
    memoryPerformance: readout.memoryPerformance,
    /** compile and the glia-core emulator, needed only with --target. */
    async targetLibrary() {
      const targets = api.resolveTarget ? api : await fromDist("targets/load.js");
      const passes = api.compileAny ? api : await fromDist("passes/pipeline.js");
      const emulator = api.emulateGlia ? api : await fromDist("emulator/glia-emulator.js");
      if (!targets.resolveTarget || !passes.compileAny || !emulator.emulateGlia) throw new Error("the library does not provide compileAny and emulateGlia yet; run npm run build");
      return { resolveTarget: targets.resolveTarget, compile: passes.compileAny, emulateGlia: emulator.emulateGlia };
    },
  };
}

function parseArgs(argv) {
  const options = { network: "network-small.json", target: undefined, out: join(HERE, "results"), control: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--target") options.target = argv[++i];
    else if (argv[i] === "--control") options.control = true;
    else if (argv[i] === "--out") options.out = argv[++i];
    else options.network = argv[i];
  }
  return options;
}

/** Digit masks in neuron order (neuron = row + rows·col) and the learned digits' cue onsets. */
export function readDigits(path) {
  const file = JSON.parse(readFileSync(path, "utf8"));
  const [rows, cols] = file.grid;
  const masks = file.digits.map((lines) => {
    const mask = new Uint8Array(rows * cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mask[r + rows * c] = lines[r][c] === "#" ? 1 : 0;
    return mask;
  });
  const tests = file.protocol.schedule.filter((entry) => entry.phase === "test");
  const cues = file.learned.map((digit) => tests.find((entry) => entry.digit === digit));
  const novel = tests.filter((entry) => !file.learned.includes(entry.digit));
  return { rows, cols, masks, learned: file.learned, cues, novel, schedule: file.protocol.schedule, dtMs: file.protocol.dtMs };
}

const progressBar = (label) =>
  process.stderr.isTTY
    ? (done, total) => process.stderr.write(`\r${label} ${((100 * done) / total).toFixed(0).padStart(3)} %${done >= total ? "\n" : ""}`)
    : undefined;

/** Spike statistics per learned cue: mean spikes per neuron on digit and background pixels in the readout window. */
function cueStatistics(result, digits) {
  return result.counts.map((counts, d) => {
    const mask = digits.masks[digits.learned[d]];
    let onSum = 0, onN = 0, offSum = 0, offN = 0;
    for (let n = 0; n < mask.length; n++) {
      if (mask[n]) (onSum += counts[n]), onN++;
      else (offSum += counts[n]), offN++;
    }
    return { digit: digits.learned[d], meanOnDigit: onSum / onN, meanOnBackground: offSum / offN };
  });
}

/** Fraction of astrocytes with the gate open, averaged over each learned cue's readout window. */
function gateDuringCues(recording, digits, windowSteps) {
  const astrocytes = recording.populations.find((p) => p.traces.some((t) => t.variable === "gate"));
  const gate = astrocytes?.traces.find((t) => t.variable === "gate");
  if (gate === undefined) return undefined;
  return digits.cues.map((cue) => {
    let open = 0, total = 0;
    for (const values of gate.values) {
      for (let s = cue.firstStep - 1; s < Math.min(values.length, cue.firstStep - 1 + windowSteps); s++) (open += values[s] > 0 ? 1 : 0), total++;
    }
    return total === 0 ? 0 : open / total;
  });
}

/** The recalled image at threshold θ as text rows ('#' = count > θ), like the digits file. */
function binarisedRows(counts, threshold, { rows, cols }) {
  const lines = [];
  for (let r = 0; r < rows; r++) {
    let line = "";
    for (let c = 0; c < cols; c++) line += counts[r + rows * c] > threshold ? "#" : ".";
    lines.push(line);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// HTML page: inline SVG only, no scripts.

function svgImage(rows, cols, value, pixel, title) {
  let rects = "";
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = value(r, c);
      if (v <= 0) continue;
      const shade = Math.round(255 * (1 - Math.min(1, v)));
      rects += `<rect x="${c * pixel}" y="${r * pixel}" width="${pixel}" height="${pixel}" fill="rgb(${shade},${shade},${shade})"/>`;
    }
  }
  const w = cols * pixel, h = rows * pixel;
  return `<figure><svg width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><rect width="${w}" height="${h}" fill="#fff" stroke="#999"/>${rects}</svg><figcaption>${title}</figcaption></figure>`;
}

function svgCaMap(rows, cols, values, low, high, pixel, title) {
  let rects = "";
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x = Math.max(0, Math.min(1, (values[r + rows * c] - low) / (high - low)));
      const fill = `rgb(${Math.round(255 * x)},${Math.round(80 + 120 * x)},${Math.round(255 * (1 - x))})`;
      rects += `<rect x="${c * pixel}" y="${r * pixel}" width="${pixel}" height="${pixel}" fill="${fill}"/>`;
    }
  }
  return `<figure><svg width="${cols * pixel}" height="${rows * pixel}">${rects}</svg><figcaption>${title}</figcaption></figure>`;
}

function svgLine(values, thresholds) {
  const w = 420, h = 200, pad = 30;
  const low = Math.min(0.5, ...values), high = 1;
  const x = (i) => pad + ((w - 2 * pad) * i) / Math.max(1, values.length - 1);
  const y = (v) => h - pad - ((h - 2 * pad) * (v - low)) / (high - low);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const ticks = thresholds
    .map((t, i) => (i % 5 === 0 || i === thresholds.length - 1 ? `<text x="${x(i)}" y="${h - 10}" font-size="10" text-anchor="middle">${t}</text>` : ""))
    .join("");
  return `<svg width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="#fff" stroke="#999"/>
<polyline fill="none" stroke="#c33" stroke-width="2" points="${points}"/>${ticks}
<text x="${pad}" y="14" font-size="11">mean similarity from ${low.toFixed(2)} to 1 against the count threshold θ</text></svg>`;
}

function renderHtml(summary, result, digits, recording) {
  const { rows, cols } = digits;
  const pixel = rows > 40 ? 3 : 6;
  const best = summary.bestThreshold;
  const recalled = result.counts
    .map((counts, d) => {
      const digit = digits.learned[d];
      const most = counts.reduce((m, v) => Math.max(m, v), 1);
      return (
        svgImage(rows, cols, (r, c) => digits.masks[digit][r + rows * c], pixel, `digit ${digit}`) +
        svgImage(rows, cols, (r, c) => counts[r + rows * c] / most, pixel, `spike counts, cue ${digit} (black = ${most})`) +
        svgImage(rows, cols, (r, c) => (counts[r + rows * c] > best ? 1 : 0), pixel, `count &gt; ${best}`)
      );
    })
    .map((row) => `<div class="row">${row}</div>`)
    .join("\n");

  const astrocytes = recording.populations.find((p) => p.traces.some((t) => t.variable === "ca"));
  let caMaps = "";
  if (astrocytes !== undefined) {
    const ca = astrocytes.traces.find((t) => t.variable === "ca");
    const side = Math.round(Math.sqrt(astrocytes.size));
    const snapshots = digits.schedule.map((entry) => ({ step: entry.stopStep - 1, label: `${entry.phase} ${entry.digit}, end of the input` }));
    const byAstrocyte = new Float64Array(astrocytes.size);
    let high = 0;
    for (const values of ca.values) for (const v of values) high = Math.max(high, v);
    caMaps = snapshots
      .filter((snap) => snap.step < ca.values[0].length)
      .map((snap) => {
        ca.neurons.forEach((a, k) => (byAstrocyte[a] = ca.values[k][snap.step]));
        return svgCaMap(side, side, byAstrocyte, 0, high, rows > 40 ? 8 : 16, `${snap.label} (${(snap.step * digits.dtMs).toFixed(1)} ms)`);
      })
      .join("\n");
    caMaps = `<p>Colour from blue (0 µM) to orange (${high.toFixed(3)} µM, the run's maximum).</p><div class="row">${caMaps}</div>`;
  }

  return `<!doctype html><meta charset="utf-8"><title>working memory: ${summary.config} (${summary.engine})</title>
<style>body{font:14px sans-serif;margin:2em}.row{display:flex;gap:1em;flex-wrap:wrap;margin-bottom:1em}figure{margin:0}figcaption{font-size:12px}td,th{padding:2px 8px;text-align:right}</style>
<h1>Working memory (Gordleeva et al. 2021): ${summary.config}, ${summary.engine}</h1>
<p>Memory performance ${summary.performance.toFixed(4)} at threshold ${best}; per learned digit:
${summary.perDigit.map((v, d) => `${digits.learned[d]}: ${v.toFixed(4)}`).join(", ")}. ${summary.totalSpikes} neuron spikes in ${summary.steps} steps;
run time ${summary.seconds.toFixed(1)} s.</p>
<h2>Recalled patterns</h2>
<p>Per learned digit: its mask, the spike counts of every neuron in the 2501-step window after its test cue, and those counts binarised at the best threshold.</p>
${recalled}
<h2>Memory performance per threshold</h2>
${svgLine(summary.perThreshold, summary.thresholds)}
<h2>Astrocyte Ca</h2>
${caMaps}
`;
}

// ---------------------------------------------------------------------------------------------

export async function runWorkingMemory(networkPath, { target, out, control = false } = {}) {
  const lib = await loadLibrary();
  const text = readFileSync(networkPath, "utf8");
  const loaded = lib.loadNetwork(text, { file: networkPath });
  if (!loaded.ok) throw new Error(`the network does not load: ${loaded.diagnostics.map((d) => `${d.code} ${d.path} ${d.message}`).join("; ")}`);
  const digits = readDigits(join(dirname(networkPath), basename(networkPath).replace(/^network/, "digits")));
  const config = basename(networkPath, ".json");
  const elaborated = lib.elaborate(loaded.value);

  const engines = [];
  let started = performance.now();
  const reference = lib.simulateGlia(elaborated, { onProgress: progressBar("reference") });
  engines.push({ engine: "reference", recording: reference.recording, seconds: (performance.now() - started) / 1000 });
  if (control) {
    // The same network (same draws) without gliotransmission: what the cues alone recall.
    const withoutGate = lib.loadNetwork(JSON.stringify({ ...JSON.parse(text), tripartite: [] }), { file: networkPath });
    if (!withoutGate.ok) throw new Error("the control network does not load");
    const controlNet = lib.elaborate(withoutGate.value);
    const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
    if (!same(controlNet.projections[0].synapses.post, elaborated.projections[0].synapses.post)) throw new Error("the control drew other synapses");
    started = performance.now();
    const run = lib.simulateGlia(controlNet, { onProgress: progressBar("control") });
    engines.push({ engine: "reference-without-gliotransmission", recording: run.recording, seconds: (performance.now() - started) / 1000 });
  }
  if (target !== undefined) {
    const api = await lib.targetLibrary();
    const resolved = await api.resolveTarget(target);
    if (!resolved.ok) throw new Error(`target '${target}' does not load`);
    const compiled = api.compile(elaborated, resolved.value);
    if (!compiled.ok) throw new Error(`the network does not compile for '${target}': ${compiled.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
    const warnings = compiled.diagnostics.filter((d) => d.severity !== "error");
    engines.compileNotes = warnings.map((d) => `${d.code} ${d.message}`);
    started = performance.now();
    const emulate = api.emulateGlia;
    const emulation = emulate(compiled.value, { onProgress: progressBar(target) });
    engines.push({ engine: target, recording: emulation.recording, seconds: (performance.now() - started) / 1000 });
  }

  mkdirSync(out, { recursive: true });
  const summaries = [];
  for (const { engine, recording, seconds } of engines) {
    const result = lib.memoryPerformance(recording, {
      population: "neurons",
      patterns: digits.learned.map((d) => digits.masks[d]),
      cueOnsetSteps: digits.cues.map((cue) => cue.firstStep),
    });
    // The same readout on the cues of digits that were never learned, against their own masks:
    // how much of the gain is memory of the learned digits rather than amplification of any cue.
    const novel = lib.memoryPerformance(recording, {
      population: "neurons",
      patterns: digits.novel.map((cue) => digits.masks[cue.digit]),
      cueOnsetSteps: digits.novel.map((cue) => cue.firstStep),
    });
    const neurons = recording.populations.find((p) => p.id === "neurons");
    const summary = {
      config,
      engine,
      performance: result.performance,
      bestThreshold: result.bestThreshold,
      perDigit: result.perDigit,
      thresholds: Array.from({ length: result.perThreshold.length }, (_, i) => i + 1),
      perThreshold: result.perThreshold,
      novelCues: { digits: digits.novel.map((cue) => cue.digit), performance: novel.performance, bestThreshold: novel.bestThreshold, perDigit: novel.perDigit },
      cues: cueStatistics(result, digits),
      gateOpenDuringCues: gateDuringCues(recording, digits, 2501),
      recalled: result.counts.map((counts, d) => ({ digit: digits.learned[d], rows: binarisedRows(counts, result.bestThreshold, digits) })),
      totalSpikes: neurons.spikes?.step.length ?? 0,
      steps: recording.steps,
      seconds,
    };
    writeFileSync(join(out, `${config}-${engine}.json`), JSON.stringify(summary, undefined, 2) + "\n");
    writeFileSync(join(out, `${config}-${engine}.html`), renderHtml(summary, result, digits, recording));
    summaries.push(summary);
  }
  summaries.compileNotes = engines.compileNotes ?? [];
  return summaries;
}

function printTable(summaries) {
  const lines = [["engine", "performance", "θ", "per digit", "novel cues", "spikes", "run (s)"]];
  for (const s of summaries) {
    lines.push([
      s.engine,
      s.performance.toFixed(4),
      String(s.bestThreshold),
      s.perDigit.map((v) => v.toFixed(3)).join(" "),
      `${s.novelCues.performance.toFixed(4)} (θ ${s.novelCues.bestThreshold})`,
      String(s.totalSpikes),
      s.seconds.toFixed(1),
    ]);
  }
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  for (const l of lines) console.log(l.map((cell, i) => cell.padEnd(widths[i])).join("  "));
  for (const s of summaries) {
    console.log(`${s.engine}: mean spikes per neuron in the readout windows (digit / background pixels):`);
    for (const [d, cue] of s.cues.entries()) {
      const gate = s.gateOpenDuringCues ? `, gate open ${(100 * s.gateOpenDuringCues[d]).toFixed(1)} % of astrocyte-steps` : "";
      console.log(`  cue ${cue.digit}: ${cue.meanOnDigit.toFixed(2)} / ${cue.meanOnBackground.toFixed(2)}${gate}`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const options = parseArgs(process.argv.slice(2));
  const networkPath = existsSync(options.network) ? resolve(options.network) : resolve(HERE, options.network);
  const summaries = await runWorkingMemory(networkPath, options);
  printTable(summaries);
  for (const note of summaries.compileNotes) console.log(`compile: ${note}`);
  console.log(`results in ${options.out}`);
}

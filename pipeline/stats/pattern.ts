/**
 * Pattern cells (the post's "Statistics 4"): neurons that fire inside an output pattern such as the suffix
 * "թյուն" (romanized "tyun"), whatever the letter.
 *
 * Exported for pipeline/stats/stage.ts (one call per config entry of `stats.patterns`):
 * 1. `markPattern(meta, outputVocab, sentences, pattern, options?)` → `PatternMark`: the steps inside occurrences
 *    and a few sample windows (once per pattern, before loading layers);
 * 2. `analysePatternLayer(acts, size, layer, mark, options)` → `PatternLayerResult`: every neuron of one loaded
 *    layer ranked by the Hellinger distance between its inside and outside histograms (with the difference of
 *    means, signed, and a letter-matched distance: the outside reweighted to the inside's mix of input letters, so
 *    a neuron that merely detects the letters t, y, u, n scores low there), a shuffled-label null for the best
 *    few, and their activations over the sample windows;
 * 3. `assemblePattern(name, mark, layerResults, options?)` → `PatternResult` (schema in lib/schemas/analyses.ts).
 *
 * Steps are matched on the true aligned output, read per step through the output vocabulary (`vocab.output
 * [targetId]`): a step's unit is one letter, the digraph ու (one unit, see pipeline/align/align.ts) or the
 * placeholder `_`. Placeholders are skipped when matching, and a match covers the steps from its first letter to
 * its last plus the placeholders that follow the last letter (the rest of that letter's romanization).
 */
import type { CapturedSentence, StepMeta } from '../capture/types.ts';
import type { PatternNeuron, PatternResult, PatternSample } from '../lib/schemas/analyses.ts';
import { Rng } from '../lib/rng.ts';
import { binValues } from './analysis-bins.ts';
import { hellinger, hellingerWithTotals } from './hellinger.ts';
import { binOf, neuronRanges } from './histogram.ts';
import { permutationDistances, summariseNull } from './uncertainty.ts';

const PLACEHOLDER = '_';

export interface PatternWindow {
  sentence: number;
  /** Global step index of the window's first step, and the window length in steps. */
  step: number;
  length: number;
  /** Offset of the window within its sentence. */
  offset: number;
  input: string[];
  output: string[];
  inside: number[];
}

export interface PatternMark {
  pattern: string;
  /** 1 for every step inside an occurrence. */
  inside: Uint8Array;
  /** Per step: the input id (for the letter-matched comparison). */
  inputId: Int32Array;
  insideSteps: number;
  occurrences: number;
  windows: PatternWindow[];
}

/** [start, end) of each sentence's steps, from the per-step sentence index (steps are in sentence order). */
function sentenceRuns(meta: StepMeta): { sentence: number; start: number; end: number }[] {
  const runs: { sentence: number; start: number; end: number }[] = [];
  const n = meta.sentence.length;
  for (let s = 0; s < n; s++) {
    const last = runs[runs.length - 1];
    if (last && last.sentence === meta.sentence[s] && last.end === s) last.end = s + 1;
    else runs.push({ sentence: meta.sentence[s], start: s, end: s + 1 });
  }
  return runs;
}

/** Mark the steps of one sentence that lie in occurrences of `pattern`; returns the number of occurrences. */
function markRun(units: string[], start: number, pattern: string, inside: Uint8Array): number {
  let text = '';
  const owner: number[] = []; // step (relative) of each UTF-16 unit of `text`
  units.forEach((u, k) => {
    if (u === PLACEHOLDER) return;
    const low = u.toLowerCase();
    text += low;
    for (let i = 0; i < low.length; i++) owner.push(k);
  });
  let count = 0;
  for (let at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + pattern.length)) {
    count++;
    let last = owner[at + pattern.length - 1];
    while (last + 1 < units.length && units[last + 1] === PLACEHOLDER) last++;
    for (let k = owner[at]; k <= last; k++) inside[start + k] = 1;
  }
  return count;
}

export function markPattern(
  meta: StepMeta,
  outputVocab: readonly string[],
  sentences: readonly CapturedSentence[],
  pattern: string,
  options: { samples?: number; context?: number } = {},
): PatternMark {
  const samples = options.samples ?? 6;
  const context = options.context ?? 24;
  const target = pattern.normalize('NFC').toLowerCase();
  const inside = new Uint8Array(meta.targetId.length);
  let occurrences = 0;
  const hits: { sentence: number; start: number; end: number }[] = [];
  for (const run of sentenceRuns(meta)) {
    const units = Array.from(meta.targetId.subarray(run.start, run.end), (id) => outputVocab[id] ?? '');
    const c = markRun(units, run.start, target, inside);
    occurrences += c;
    if (c > 0) hits.push(run);
  }
  let insideSteps = 0;
  for (const v of inside) insideSteps += v;
  // Sample windows spread evenly over the sentences that contain the pattern, centred on the first occurrence.
  const m = Math.min(samples, hits.length);
  const picked = Array.from({ length: m }, (_, k) => Math.floor((k * hits.length) / m));
  const bySentence = new Map(sentences.map((s) => [s.id, s]));
  const windows = picked.map((h) => {
    const run = hits[h];
    let first = run.start;
    while (!inside[first]) first++;
    const from = Math.max(run.start, first - context);
    const to = Math.min(run.end, first + context);
    const text = Array.from(bySentence.get(run.sentence)?.input ?? '');
    const steps = Array.from({ length: to - from }, (_, k) => from + k);
    return {
      sentence: run.sentence,
      step: from,
      length: to - from,
      offset: from - run.start,
      input: steps.map((s) => text[s - run.start] ?? '?'),
      output: steps.map((s) => outputVocab[meta.targetId[s]] ?? '?'),
      inside: steps.map((s) => inside[s]),
    };
  });
  return { pattern: target, inside, inputId: meta.inputId, insideSteps, occurrences, windows };
}

export interface PatternLayerOptions {
  bins: number;
  /** Neurons of this layer kept in the result, best first. */
  top: number;
  /** Of those, how many get a shuffled-label null and traces over the sample windows. */
  detailed: number;
  replicates: number;
  seed: number | string;
  /** Traces are rounded to this many decimals (small artifacts for the heatmaps). */
  decimals?: number;
}

export interface PatternLayerResult {
  layer: string;
  top: PatternNeuron[];
  /** traces[w][k]: activations of detailed neuron k over window w. */
  traces: { neuron: number; values: number[] }[][];
}

/** Weight of an outside step by its input letter: P_inside(letter) / P_outside(letter). */
function matchWeights(mark: PatternMark): Map<number, number> {
  const cin = new Map<number, number>();
  const cout = new Map<number, number>();
  for (let s = 0; s < mark.inside.length; s++) {
    const m = mark.inside[s] ? cin : cout;
    m.set(mark.inputId[s], (m.get(mark.inputId[s]) ?? 0) + 1);
  }
  const nIn = mark.insideSteps;
  const nOut = mark.inside.length - nIn;
  const w = new Map<number, number>();
  for (const [letter, c] of cin) {
    const o = cout.get(letter);
    if (o) w.set(letter, c / nIn / (o / nOut));
  }
  return w;
}

export function analysePatternLayer(
  acts: Float32Array,
  size: number,
  layer: string,
  mark: PatternMark,
  opt: PatternLayerOptions,
): PatternLayerResult {
  const steps = mark.inside.length;
  if (acts.length !== steps * size) throw new Error(`analysePatternLayer: ${layer} has ${acts.length} values, expected ${steps}×${size}`);
  const nIn = mark.insideSteps;
  const nOut = steps - nIn;
  const B = opt.bins;
  // Two passes in step order (the layout is step-major): ranges, then one inside and one outside histogram per
  // neuron, binned over the neuron's range over all steps like the selectivity histograms (histogram.ts).
  const { min, max } = neuronRanges(acts, size);
  const scale = Float64Array.from(min, (lo, j) => (max[j] > lo ? B / (max[j] - lo) : 0));
  const hIn = new Int32Array(size * B);
  const hOut = new Int32Array(size * B);
  const sumIn = new Float64Array(size);
  const sumOut = new Float64Array(size);
  // Letter-matched comparison: inside steps whose letter also occurs outside, against outside steps weighted by
  // P_inside(letter) / P_outside(letter), so both sides have the same mix of input letters and a mere detector of
  // the pattern's letters scores low.
  const letterWeight = matchWeights(mark);
  const hInMatched = new Float64Array(size * B);
  const hOutMatched = new Float64Array(size * B);
  for (let s = 0; s < steps; s++) {
    const base = s * size;
    const inside = mark.inside[s] === 1;
    const [h, sum, hm] = inside ? [hIn, sumIn, hInMatched] : [hOut, sumOut, hOutMatched];
    const w = letterWeight.get(mark.inputId[s]) ?? 0;
    const wm = inside ? (w > 0 ? 1 : 0) : w;
    for (let j = 0; j < size; j++) {
      const v = acts[base + j];
      sum[j] += v;
      const k = j * B + binOf(v, min[j], scale[j], B);
      h[k]++;
      if (wm > 0) hm[k] += wm;
    }
  }
  const scored: PatternNeuron[] = [];
  for (let j = 0; j < size; j++) {
    const hist = (h: Int32Array) => h.subarray(j * B, (j + 1) * B);
    const meanInside = nIn ? sumIn[j] / nIn : 0;
    const meanOutside = nOut ? sumOut[j] / nOut : 0;
    const distance = hellingerWithTotals(hist(hIn), hist(hOut), nIn, nOut);
    const letterMatched = hellinger(hInMatched.subarray(j * B, (j + 1) * B), hOutMatched.subarray(j * B, (j + 1) * B));
    scored.push({ layer, neuron: j, distance, letterMatched, meanInside, meanOutside, diff: meanInside - meanOutside });
  }
  scored.sort((a, b) => b.distance - a.distance || a.neuron - b.neuron);
  const top = scored.slice(0, opt.top);
  const detailed = top.slice(0, opt.detailed);
  const f = 10 ** (opt.decimals ?? 3);
  const column = new Float32Array(steps);
  for (const n of detailed) {
    for (let s = 0; s < steps; s++) column[s] = acts[s * size + n.neuron];
    const bins = binValues(column, min[n.neuron], max[n.neuron], B);
    const a = new Uint16Array(nIn);
    const b = new Uint16Array(nOut);
    for (let s = 0, ia = 0, ib = 0; s < steps; s++) mark.inside[s] ? (a[ia++] = bins[s]) : (b[ib++] = bins[s]);
    const rng = new Rng(opt.seed, `pattern/${mark.pattern}/${layer}/${n.neuron}`);
    n.null = summariseNull(permutationDistances({ bins: opt.bins, a, b }, rng, opt.replicates));
  }
  const traces = mark.windows.map((w) =>
    detailed.map((n) => ({
      neuron: n.neuron,
      values: Array.from({ length: w.length }, (_, k) => Math.round(acts[(w.step + k) * size + n.neuron] * f) / f),
    })),
  );
  return { layer, top, traces };
}

export function assemblePattern(
  name: string,
  mark: PatternMark,
  layers: PatternLayerResult[],
  options: { best?: number } = {},
): PatternResult {
  const order = new Map(layers.map((l, i) => [l.layer, i]));
  const best = layers
    .flatMap((l) => l.top)
    .sort((a, b) => b.distance - a.distance || order.get(a.layer)! - order.get(b.layer)! || a.neuron - b.neuron)
    .slice(0, options.best ?? 10);
  const samples: PatternSample[] = mark.windows.map((w, i) => ({
    sentence: w.sentence,
    start: w.offset,
    input: w.input,
    output: w.output,
    inside: w.inside,
    traces: layers.flatMap((l) => l.traces[i].map((t) => ({ layer: l.layer, neuron: t.neuron, values: t.values }))),
  }));
  return {
    name,
    pattern: mark.pattern,
    occurrences: mark.occurrences,
    insideSteps: mark.insideSteps,
    outsideSteps: mark.inside.length - mark.insideSteps,
    layers: layers.map((l) => ({ layer: l.layer, top: l.top })),
    best,
    samples,
  };
}

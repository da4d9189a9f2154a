/**
 * Pattern cells (the post's "Statistics 4"): neurons that fire inside an output pattern such as the suffix
 * "թյուն" (romanized "tyun"), whatever the letter.
 *
 * Exported for pipeline/stats/stage.ts (one call per config entry of `stats.patterns`):
 * 1. `markPattern(meta, outputVocab, sentences, pattern, options?)` → `PatternMark`: the steps inside occurrences
 *    and a few sample windows (once per pattern, before loading layers);
 * 2. `analysePatternLayer(acts, size, layer, mark, options)` (in ./analysis-pattern-layer.ts, re-exported here)
 *    → `PatternLayerResult`: every neuron of one loaded
 *    layer ranked by the Hellinger distance between its inside and outside histograms (with the difference of
 *    means, signed, and a letter-matched distance: the outside reweighted to the inside's mix of input letters, so
 *    a neuron that merely detects the letters t, y, u, n scores low there; and the standardized mean difference
 *    `effect`, since a histogram distance also rewards activations that are merely concentrated inside), a
 *    shuffled-label null for the best few by distance and by |effect|, and their activations over the samples;
 * 3. `assemblePattern(name, mark, layerResults, options?)` → `PatternResult` (schema in lib/schemas/analyses.ts).
 *
 * Steps are matched on the true aligned output, read per step through the output vocabulary (`vocab.output
 * [targetId]`): a step's unit is one letter, the digraph ու (one unit, see pipeline/align/align.ts) or the
 * placeholder `_`. Placeholders are skipped when matching, and a match covers the steps from its first letter to
 * its last plus the placeholders that follow the last letter (the rest of that letter's romanization).
 */
import type { CapturedSentence, StepMeta } from '../capture/types.ts';
import type { PatternNeuron, PatternResult, PatternSample } from '../lib/schemas/analyses.ts';
import type { PatternLayerResult } from './analysis-pattern-layer.ts';
import type { PatternMark, PatternWindow } from './pattern-mark.ts';

export { analysePatternLayer, type PatternLayerOptions, type PatternLayerResult } from './analysis-pattern-layer.ts';
export type { PatternMark, PatternWindow } from './pattern-mark.ts';

const PLACEHOLDER = '_';

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
  // meta.sentence is the index into `sentences` (whose `id` is the line id in its split).
  const textOf = (run: { sentence: number; start: number }) => {
    const byIndex = sentences[run.sentence];
    const s = byIndex?.start === run.start ? byIndex : sentences.find((x) => x.start === run.start);
    return Array.from(s?.input ?? '');
  };
  const windows = picked.map((h) => {
    const run = hits[h];
    let first = run.start;
    while (!inside[first]) first++;
    const from = Math.max(run.start, first - context);
    const to = Math.min(run.end, first + context);
    const text = textOf(run);
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

export function assemblePattern(
  name: string,
  mark: PatternMark,
  layers: PatternLayerResult[],
  options: { best?: number } = {},
): PatternResult {
  const order = new Map(layers.map((l, i) => [l.layer, i]));
  const tie = (a: PatternNeuron, b: PatternNeuron) => order.get(a.layer)! - order.get(b.layer)! || a.neuron - b.neuron;
  const best = layers
    .flatMap((l) => l.top)
    .sort((a, b) => b.distance - a.distance || tie(a, b))
    .slice(0, options.best ?? 10);
  const bestByEffect = layers
    .flatMap((l) => l.topByEffect)
    .sort((a, b) => Math.abs(b.effect ?? 0) - Math.abs(a.effect ?? 0) || tie(a, b))
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
    layers: layers.map((l) => ({ layer: l.layer, top: l.top, topByEffect: l.topByEffect })),
    best,
    bestByEffect,
    samples,
  };
}

/**
 * "Where does this neuron fire?": the build runs this run's model (lib/forward.ts, every gate exposed) once over the
 * sample sentences the artifacts carry — the evaluation's examples and mistakes, the pattern-cell windows — and
 * keeps, per neuron of every layer, the sentences with its largest activations.
 */
import type { RunData } from './runs.ts';
import { runSentence, type SentenceRun } from './forward.ts';

const MAX_SENTENCES = 24;
const MAX_CHARS = 120;
const TOP = 3;

export interface Firing {
  sentence: SentenceRun;
  /** This neuron's activation per character of the sentence. */
  values: number[];
  peak: number;
}

/** The sentences the artifacts carry, deduplicated, cut to a budget that keeps the build quick. */
export function sampleSentences(run: RunData): string[] {
  const all = [
    ...(run.evalData?.examples ?? []).map((e) => e.input),
    ...(run.evalData?.mistakes ?? []).map((e) => e.input),
    ...(run.patterns?.patterns ?? []).flatMap((p) => p.samples.map((s) => s.input.join(''))),
  ];
  return [...new Set(all.map((s) => s.trim()).filter((s) => s.length > 0 && [...s].length <= MAX_CHARS))].slice(0, MAX_SENTENCES);
}

const cache = new Map<string, SentenceRun[] | null>();
const topCache = new Map<string, Map<number, number[]>>();

function sentencesOf(run: RunData): SentenceRun[] | null {
  if (!cache.has(run.name))
    cache.set(run.name, run.modelUsable && run.vocab ? sampleSentences(run).map((s) => runSentence(run.name, s, run.vocab!)) : null);
  return cache.get(run.name)!;
}

/** Neuron → indices of its top sentences (by peak activation), computed for a whole layer at once. */
function topOf(run: RunData, runs: SentenceRun[], layer: string): Map<number, number[]> | null {
  const key = `${run.name}\u0000${layer}`;
  let top = topCache.get(key);
  if (top) return top;
  const size = runs[0]?.layers.get(layer)?.size;
  if (size === undefined) return null;
  top = new Map();
  const peaks = runs.map((r) => {
    const { data } = r.layers.get(layer)!;
    const best = new Float64Array(size).fill(-Infinity);
    for (let i = 0; i < data.length; i++) if (data[i] > best[i % size]) best[i % size] = data[i];
    return best;
  });
  for (let n = 0; n < size; n++) {
    const order = runs.map((_, i) => i).sort((a, b) => peaks[b][n] - peaks[a][n] || a - b);
    top.set(n, order.slice(0, TOP));
  }
  topCache.set(key, top);
  return top;
}

/** The sentences where neuron `n` of capture layer `layer` fires most, or null when there is no usable model. */
export function firingOf(run: RunData, layer: string, n: number): Firing[] | null {
  const runs = sentencesOf(run);
  if (!runs || runs.length === 0) return null;
  const ids = topOf(run, runs, layer)?.get(n);
  if (!ids) return null;
  return ids.map((i) => {
    const sentence = runs[i];
    const { size, data } = sentence.layers.get(layer)!;
    const values = Array.from({ length: data.length / size }, (_, t) => data[t * size + n]);
    return { sentence, values, peak: Math.max(...values) };
  });
}

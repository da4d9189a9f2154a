/**
 * "Where does this neuron fire?" for the layers the saved model exposes (concat = fwd.h | bwd.h, hidden, output):
 * the build runs this run's model once over the sample sentences the artifacts carry (evaluation examples and
 * mistakes, pattern-cell windows) and keeps, per neuron, the sentences with its largest activations. Gates (i f o g c)
 * are not outputs of the tf.layers model, so their pages say that this data is not produced.
 */
import { loadRunModel } from './model-node.ts';
import type { RunData } from './runs.ts';
import { transliterate, withLayerOutputs, type TranslitResult } from './translit.ts';

const MAX_SENTENCES = 24;
const MAX_CHARS = 120;
const TOP = 3;

export interface Firing {
  sentence: TranslitResult;
  /** This neuron's activation per character of the sentence. */
  values: number[];
  peak: number;
}

interface FiringIndex {
  results: TranslitResult[];
  /** Capture layer → neuron → indices of its top sentences (by peak activation). */
  top: Map<string, Map<number, number[]>>;
}

/** The sentences the artifacts carry, deduplicated, shortest-first cut to a budget that keeps the build quick. */
export function sampleSentences(run: RunData): string[] {
  const all = [
    ...(run.evalData?.examples ?? []).map((e) => e.input),
    ...(run.evalData?.mistakes ?? []).map((e) => e.input),
    ...(run.patterns?.patterns ?? []).flatMap((p) => p.samples.map((s) => s.input.join(''))),
  ];
  return [...new Set(all.map((s) => s.trim()).filter((s) => s.length > 0 && [...s].length <= MAX_CHARS))].slice(0, MAX_SENTENCES);
}

const cache = new Map<string, Promise<FiringIndex | null>>();

function build(run: RunData): Promise<FiringIndex | null> {
  return (async () => {
    if (!run.modelUsable || !run.vocab) return null;
    const layers = ['concat', 'hidden', 'output'];
    const model = withLayerOutputs(await loadRunModel(run.name), layers);
    const results = sampleSentences(run).map((s) => transliterate(model, layers, s, run.vocab!));
    const top = new Map<string, Map<number, number[]>>();
    for (const layer of layers) {
      const size = results[0]?.activations[layer]?.[0]?.length ?? 0;
      const perNeuron = new Map<number, number[]>();
      for (let n = 0; n < size; n++) {
        const peaks = results.map((r, i) => ({ i, peak: Math.max(...r.activations[layer].map((row) => row[n])) }));
        peaks.sort((a, b) => b.peak - a.peak || a.i - b.i);
        perNeuron.set(n, peaks.slice(0, TOP).map((p) => p.i));
      }
      top.set(layer, perNeuron);
    }
    return { results, top };
  })();
}

/** The sentences where neuron `n` of capture layer `layer` fires most, or null when the model cannot tell. */
export async function firingOf(run: RunData, layer: string, n: number): Promise<Firing[] | null> {
  let p = cache.get(run.name);
  if (!p) cache.set(run.name, (p = build(run)));
  const index = await p;
  if (!index) return null;
  const units = run.manifest?.config.model.units ?? 0;
  // fwd.h / bwd.h units are the two halves of the concat output.
  const [l, k] = layer === 'fwd.h' ? ['concat', n] : layer === 'bwd.h' ? ['concat', units + n] : [layer, n];
  const ids = index.top.get(l)?.get(k);
  if (!ids) return null;
  return ids.map((i) => {
    const sentence = index.results[i];
    const values = sentence.activations[l].map((row) => row[k]);
    return { sentence, values, peak: Math.max(...values) };
  });
}

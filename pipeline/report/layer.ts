import type { NeuronReport, NeuronReportFile } from '../lib/schemas/report.ts';
import type { NeuronsFile } from '../lib/schemas/stats.ts';
import { quantize, snippetWindow, topPeaks, type SentenceSpan } from './firing.ts';
import { neuronHistogram, type PairSteps } from './histograms.ts';
import { featuredNeurons } from './neuron-facts.ts';

/** How much of each neuron the report keeps: enough for its page, small enough to ship every neuron to a browser. */
export const REPORT_LIMITS = {
  /** Histograms drawn (of its best pairs, stats/neurons/<layer>.json order) and their bins. */
  histograms: 3,
  bins: 30,
  /** Firing snippets per neuron (one per sentence) and characters either side of the peak. */
  snippets: 3,
  radius: 15,
} as const;

export type CapturedText = SentenceSpan;

export interface LayerInputs {
  layer: string;
  size: number;
  /** The layer's activations, step-major [steps, size]. */
  data: Float32Array;
  sentences: CapturedText[];
  /** Per pair, its steps (pipeline/report/histograms.ts). */
  pairSteps: PairSteps[];
  /** stats/neurons/<layer>.json: each neuron's best pairs. */
  neurons: NeuronsFile;
  /** Per pair, this layer's most selective neuron (undefined: none). */
  firsts: (number | undefined)[];
}

/**
 * Everything the site shows about each neuron of one layer that needs the capture (schema:
 * pipeline/lib/schemas/report.ts): histograms of its best pairs and the snippets where it fires. Snippets name their
 * sentence and window; the text is written once per run (`report/sentences.json`, see `snippetSentences`).
 */
export function layerReport(inp: LayerInputs, limits = REPORT_LIMITS): Omit<NeuronReportFile, 'schemaVersion'> {
  const { layer, size, data } = inp;
  if (inp.neurons.size !== size) throw new Error(`stats/neurons/${layer}.json has ${inp.neurons.size} neurons, the capture ${size}`);
  const bestOf = new Map(inp.neurons.neurons.map((e) => [e.neuron, e.hellinger[0] ?? 0]));
  const featured = featuredNeurons(inp.firsts, (n) => bestOf.get(n) ?? 0);
  const peaks = topPeaks(data, size, inp.sentences, limits.snippets);
  const neurons: NeuronReport[] = inp.neurons.neurons.map((entry) => {
    const n = entry.neuron;
    const windows = peaks[n].map((p) => {
      const s = inp.sentences[p.sentence];
      const w = snippetWindow(p.position, s.length, limits.radius);
      return { p, s, w, raw: Array.from({ length: w.to - w.from }, (_, t) => data[(s.start + w.from + t) * size + n]) };
    });
    const scale = Math.max(0, ...windows.flatMap((x) => x.raw.map(Math.abs)));
    return {
      neuron: n,
      scale,
      histograms: entry.pairs.slice(0, limits.histograms).map((k) => ({ pair: k, histogram: neuronHistogram(data, size, n, inp.pairSteps[k], limits.bins) })),
      // `sentence` is the line of capture/sentences.jsonl (ids repeat across splits: not a key).
      firing: windows.map(({ p, w, raw }) => ({ sentence: p.sentence, start: w.from, values: quantize(raw, scale), peak: p.position - w.from })),
    };
  });
  return { layer, size, featured, neurons };
}

/** The captured sentences (lines of capture/sentences.jsonl) the reports' snippets refer to, ascending. */
export function snippetSentences(reports: Pick<NeuronReportFile, 'neurons'>[]): number[] {
  return [...new Set(reports.flatMap((r) => r.neurons.flatMap((n) => n.firing.map((f) => f.sentence))))].sort((a, b) => a - b);
}

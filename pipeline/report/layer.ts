import type { NeuronReport, NeuronReportFile } from '../lib/schemas/report.ts';
import type { NeuronsFile } from '../lib/schemas/stats.ts';
import type { PatternsFile } from '../lib/schemas/analyses.ts';
import { quantize, snippetWindow, topPeaks, type SentenceSpan } from './firing.ts';
import { neuronHistogram, type PairSteps } from './histograms.ts';

/** How much of each neuron the report keeps: enough for its page, small enough to ship every neuron to a browser. */
export const REPORT_LIMITS = {
  /** Pairs listed per neuron, histograms drawn (its best pairs), and the histograms' bins. */
  pairs: 10,
  histograms: 3,
  bins: 30,
  /** Neurons of a layer given a page of their own: the most selective of those first for some pair. */
  featured: 12,
  /** Firing snippets per neuron (one per sentence) and characters either side of the peak. */
  snippets: 3,
  radius: 15,
} as const;

export interface CapturedText extends SentenceSpan {
  id: number;
  /** Input code points and true output units, one per step. */
  input: string[];
  output: string[];
}

export interface LayerInputs {
  layer: string;
  size: number;
  /** The layer's activations, step-major [steps, size]. */
  data: Float32Array;
  sentences: CapturedText[];
  pairs: { input: string; output: string }[];
  /** Per pair, its steps (pipeline/report/histograms.ts). */
  pairSteps: PairSteps[];
  /** stats/neurons/<layer>.json. */
  neurons: NeuronsFile;
  /** Per pair, this layer's neurons from most to least selective (stats/pairs/<file>.layers[layer]). */
  ranking: number[][];
  patterns: PatternsFile | null;
}

/** Everything the site shows about each neuron of one layer (schema: pipeline/lib/schemas/report.ts). */
export function layerReport(inp: LayerInputs, limits = REPORT_LIMITS): Omit<NeuronReportFile, 'schemaVersion'> {
  const { layer, size, data } = inp;
  if (inp.neurons.size !== size) throw new Error(`stats/neurons/${layer}.json has ${inp.neurons.size} neurons, the capture ${size}`);
  const rank = inp.ranking.map((order) => {
    const r = new Int32Array(size);
    order.forEach((n, i) => (r[n] = i + 1));
    return r;
  });
  // Featured: neurons first for some pair, the `limits.featured` with the highest best distance (ties: lower index).
  const bestOf = new Map(inp.neurons.neurons.map((e) => [e.neuron, e.hellinger[0] ?? 0]));
  const featured = [...new Set(inp.ranking.map((order) => order[0]).filter((n) => n !== undefined))]
    .sort((a, b) => (bestOf.get(b) ?? 0) - (bestOf.get(a) ?? 0) || a - b)
    .slice(0, limits.featured)
    .sort((a, b) => a - b);
  const peaks = topPeaks(data, size, inp.sentences, limits.snippets);
  const patternsOf = (n: number) =>
    (inp.patterns?.patterns ?? []).flatMap((p) =>
      p.layers
        .filter((l) => l.layer === layer)
        .flatMap((l) => l.top.filter((t) => t.neuron === n))
        .map((t) => ({ name: p.name, pattern: p.pattern, distance: t.distance, meanInside: t.meanInside, meanOutside: t.meanOutside })),
    );
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
      pairs: entry.pairs.slice(0, limits.pairs).map((k, j) => ({ pair: k, hellinger: entry.hellinger[j], rank: rank[k]?.[n] ?? 0 })),
      histograms: entry.pairs.slice(0, limits.histograms).map((k, j) => ({
        pair: k,
        hellinger: entry.hellinger[j],
        histogram: neuronHistogram(data, size, n, inp.pairSteps[k], limits.bins),
      })),
      firing: windows.map(({ p, s, w, raw }) => ({
        sentence: s.id,
        start: w.from,
        input: s.input.slice(w.from, w.to).join(''),
        output: s.output.slice(w.from, w.to),
        values: quantize(raw, scale),
        peak: p.position - w.from,
      })),
      patterns: patternsOf(n),
    };
  });
  return { layer, size, pairs: inp.pairs, featured, neurons };
}

/**
 * A layer's neuron pages' data, joined from the files that hold each part once: the report stage's histograms and
 * snippets (report/neurons/<layer>.json) with the snippets' text (report/sentences.json), the best pairs and raw
 * distances (stats/neurons/<layer>.json), the ranks (the pair files' columns) and the pattern cells
 * (stats/patterns.json). `concat` has no files of its own: its unit k is fwd.h's or bwd.h's (pipeline/lib/
 * unit-ranking.ts), ranked by the concat columns. The result is what lib/neuron-view.ts renders, at build time and,
 * served as neurons.json.gz, in the browser.
 */
import { splitOutputUnits } from '../../../pipeline/align/tsv.ts';
import type { NeuronReportFile, SentencesFile } from '../../../pipeline/lib/schemas/report.ts';
import type { NeuronsFile } from '../../../pipeline/lib/schemas/stats.ts';
import { CONCAT, CONCAT_PARTS, concatSource, layerColumn, rankOrder, ranksOf } from '../../../pipeline/lib/unit-ranking.ts';
import { featuredNeurons, neuronPatterns } from '../../../pipeline/report/neuron-facts.ts';
import type { NeuronLayerView, NeuronPageData } from './neuron-view.ts';

export interface NeuronSources {
  layer: string;
  /** The layer's report and stats files; for concat, those of fwd.h and bwd.h (CONCAT_PARTS order). */
  reports: NeuronReportFile[];
  neurons: NeuronsFile[];
  sentences: SentencesFile;
  /** The analysed pairs in index order, and each pair file's `corrected` columns. */
  pairs: { input: string; output: string }[];
  columns: Record<string, number[]>[];
  patterns: Parameters<typeof neuronPatterns>[0];
}

/** The concat rule's source for neuron n: which part's files and which unit in them. */
function sourceOf(src: NeuronSources, n: number): { part: number; unit: number } {
  if (src.layer !== CONCAT) return { part: 0, unit: n };
  const s = concatSource(n, src.reports[0].size);
  return { part: CONCAT_PARTS.indexOf(s.layer), unit: s.unit };
}

export function neuronLayerView(src: NeuronSources): NeuronLayerView {
  const size = src.reports.reduce((a, r) => a + r.size, 0);
  const ranks = src.columns.map((c) => {
    const column = layerColumn(c, src.layer);
    return column ? ranksOf(rankOrder(column)) : null;
  });
  const text = new Map(src.sentences.sentences.map((s) => [s.sentence, { id: s.id, input: [...s.input], output: splitOutputUnits(s.output) }]));
  const neurons: NeuronPageData[] = Array.from({ length: size }, (_, n) => {
    const { part, unit } = sourceOf(src, n);
    const report = src.reports[part].neurons[unit];
    const best = src.neurons[part].neurons[unit];
    const hellingerOf = new Map(best.pairs.map((k, j) => [k, best.hellinger[j]]));
    return {
      neuron: n,
      scale: report.scale,
      pairs: best.pairs.map((k, j) => ({ pair: k, hellinger: best.hellinger[j], rank: ranks[k]?.[n] ?? 0 })),
      histograms: report.histograms.map((h) => ({ ...h, hellinger: hellingerOf.get(h.pair) ?? 0 })),
      firing: report.firing.map((f) => {
        const s = text.get(f.sentence);
        const end = f.start + f.values.length;
        // Pages name a sentence by its id in its split, as the capture does.
        return { ...f, sentence: s?.id ?? f.sentence, input: s?.input.slice(f.start, end).join('') ?? '', output: s?.output.slice(f.start, end) ?? [] };
      }),
      patterns: neuronPatterns(src.patterns, src.layer, n),
    };
  });
  const featured =
    src.layer === CONCAT
      ? featuredNeurons(
          src.columns.map((c) => rankOrder(layerColumn(c, CONCAT) ?? [])[0]),
          (n) => neurons[n].pairs[0]?.hellinger ?? 0,
        )
      : src.reports[0].featured;
  return { layer: src.layer, size, pairs: src.pairs, featured, neurons };
}

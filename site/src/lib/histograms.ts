/**
 * The "output = o" vs "output ≠ o" activation histograms of a pair's top neurons, as the stats stage stores them in
 * the pair file, turned into chart rows.
 */
import { EQ, NE } from './palette.ts';
import type { PairFile } from './runs.ts';
import { publishDownload } from './downloads.ts';
import { toCsv, withDefaults } from './vega.ts';

export interface NeuronHistogram {
  layer: string;
  neuron: number;
  /** Bin edges' range; bins are equal-width. */
  min: number;
  max: number;
  /** Counts of the steps with output = o, and with output ≠ o (same input character). */
  equal: number[];
  other: number[];
}

/** The pair file's `top` neurons with their compact histograms (only the non-empty bin range is stored). */
export function histogramsOf(pair: PairFile): NeuronHistogram[] {
  return Object.entries(pair.top).flatMap(([layer, list]) =>
    list.map(({ neuron, histogram: h }) => {
      const width = (h.max - h.min) / h.bins;
      const lo = h.min + h.offset * width;
      return { layer, neuron, min: lo, max: lo + h.eq.length * width, equal: h.eq, other: h.ne };
    }),
  );
}

const downloadCache = new Map<string, { csv: string; json: string; spec: string }>();

/**
 * One set of downloads per pair holding all its top neurons' histograms (rather than three files per histogram): one
 * row per bin with both counts (CSV and JSON), and a Vega-Lite spec that reads `histograms.csv` from beside it and
 * draws every histogram, normalised, one panel each.
 */
export function pairHistogramDownloads(run: string, slug: string, pair: PairFile): { csv: string; json: string; spec: string } {
  const key = `${run}/${slug}`;
  let urls = downloadCache.get(key);
  if (urls) return urls;
  const rows = histogramsOf(pair).flatMap((h) => {
    const width = (h.max - h.min) / Math.max(1, h.equal.length);
    return h.equal.map((eq, i) => ({ layer: h.layer, neuron: h.neuron, x0: h.min + i * width, x1: h.min + (i + 1) * width, eq, ne: h.other[i] }));
  });
  const spec = {
    ...withDefaults({}),
    data: { url: 'histograms.csv', format: { type: 'csv' } },
    transform: [
      { fold: ['eq', 'ne'], as: ['class', 'count'] },
      { joinaggregate: [{ op: 'sum', field: 'count', as: 'total' }], groupby: ['layer', 'neuron', 'class'] },
      { calculate: 'datum.total > 0 ? datum.count / datum.total : 0', as: 'share' },
    ],
    facet: { row: { field: 'layer', type: 'nominal' }, column: { field: 'neuron', type: 'nominal' } },
    resolve: { scale: { x: 'independent', y: 'independent' } },
    spec: {
      width: 200, height: 80, mark: { type: 'rect', opacity: 0.6 },
      encoding: {
        x: { field: 'x0', type: 'quantitative', title: 'activation' }, x2: { field: 'x1' },
        y: { field: 'share', type: 'quantitative', stack: null },
        color: { field: 'class', type: 'nominal', title: null, scale: { domain: ['eq', 'ne'], range: [EQ, NE] } },
      },
    },
  };
  urls = {
    csv: publishDownload(`${run}/pairs/${slug}/histograms.csv`, toCsv(rows)),
    json: publishDownload(`${run}/pairs/${slug}/histograms.json`, JSON.stringify(rows)),
    spec: publishDownload(`${run}/pairs/${slug}/histograms.vl.json`, JSON.stringify(spec, null, 1)),
  };
  downloadCache.set(key, urls);
  return urls;
}

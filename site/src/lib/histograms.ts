/**
 * The "output = o" vs "output ≠ o" activation histograms of a pair's top neurons, as the stats stage stores them in
 * the pair file, turned into chart rows.
 */
import { EQ, NE } from './palette.ts';
import type { PairFile } from './runs.ts';
import { gzipSync } from 'node:zlib';
import { publishDownload } from './downloads.ts';
import { withDefaults } from './vega.ts';
import { fromRecord, histogramRecords } from './histogram-records.ts';

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
  return histogramRecords(pair.top).map(fromRecord);
}

const downloadCache = new Map<string, { data: string; spec: string }>();

/**
 * One set of downloads per pair holding all its top neurons' histograms: the compact histograms as the stats stage
 * stores them (one record per neuron, counts as arrays — a tenth of a row-per-bin table), gzipped (≈ a quarter of
 * the bytes; the pair page's script reads it through scripts/fetch-json.ts), and one Vega-Lite spec per run that
 * draws such a file, unpacked beside it, every histogram normalised, one panel each.
 */
export function pairHistogramDownloads(run: string, slug: string, pair: PairFile): { data: string; spec: string } {
  const key = `${run}/${slug}`;
  let urls = downloadCache.get(key);
  if (urls) return urls;
  const data = publishDownload(`${run}/pairs/${slug}/histograms.json.gz`, gzipSync(JSON.stringify(histogramRecords(pair.top)), { level: 9 }));
  const spec = {
    ...withDefaults({}),
    description: "A pair's top-neuron histograms: gunzip the pair's histograms.json.gz into histograms.json beside this spec.",
    data: { url: 'histograms.json', format: { type: 'json' } },
    transform: [
      { flatten: ['eq', 'ne'] },
      { window: [{ op: 'row_number', as: 'bin' }], groupby: ['layer', 'neuron'] },
      { calculate: 'datum.min + (datum.offset + datum.bin - 1) * datum.width', as: 'x0' },
      { calculate: 'datum.x0 + datum.width', as: 'x1' },
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
  urls = { data, spec: publishDownload(`${run}/pairs/histograms.vl.json`, JSON.stringify(spec, null, 1)) };
  downloadCache.set(key, urls);
  return urls;
}

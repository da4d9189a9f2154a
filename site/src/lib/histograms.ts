/**
 * The "output = o" vs "output ≠ o" activation histograms of a pair's top neurons, as the stats stage stores them in
 * the pair file, turned into chart rows.
 */
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

/** Normalised densities per bin for both classes (each sums to 1), for the overlaid histogram chart. */
export function histogramRows(h: NeuronHistogram, o: string): Record<string, unknown>[] {
  const bins = h.equal.length;
  const width = (h.max - h.min) / bins;
  const sumE = h.equal.reduce((a, b) => a + b, 0) || 1;
  const sumO = h.other.reduce((a, b) => a + b, 0) || 1;
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < bins; i++) {
    const x0 = h.min + i * width;
    rows.push({ class: `output = ${o}`, x0, x1: x0 + width, share: h.equal[i] / sumE, count: h.equal[i] });
    rows.push({ class: `output ≠ ${o}`, x0, x1: x0 + width, share: h.other[i] / sumO, count: h.other[i] });
  }
  return rows;
}

export function histogramSpec(title: string): Record<string, unknown> {
  return {
    title,
    width: 300,
    height: 120,
    mark: { type: 'rect', opacity: 0.6 },
    encoding: {
      x: { field: 'x0', type: 'quantitative', title: 'activation' },
      x2: { field: 'x1' },
      y: { field: 'share', type: 'quantitative', title: 'share of steps', stack: null },
      color: { field: 'class', type: 'nominal', title: null, scale: { range: ['#1f5fbf', '#e0701b'] }, legend: { orient: 'top' } },
    },
  };
}

const downloadCache = new Map<string, { csv: string; json: string; spec: string }>();

/**
 * One set of downloads per pair holding all its top neurons' histograms (rather than three files per histogram):
 * CSV and JSON rows with layer and neuron columns, and a Vega-Lite spec that draws them all, one panel each.
 */
export function pairHistogramDownloads(run: string, slug: string, pair: PairFile): { csv: string; json: string; spec: string } {
  const key = `${run}/${slug}`;
  let urls = downloadCache.get(key);
  if (urls) return urls;
  const rows = histogramsOf(pair).flatMap((h) => histogramRows(h, pair.output).map((r) => ({ layer: h.layer, neuron: h.neuron, ...r })));
  const spec = {
    ...withDefaults({}),
    data: { values: rows },
    facet: { row: { field: 'layer', type: 'nominal' }, column: { field: 'neuron', type: 'nominal' } },
    resolve: { scale: { x: 'independent', y: 'independent' } },
    spec: { ...histogramSpec(''), title: undefined },
  };
  urls = {
    csv: publishDownload(`${run}/pairs/${slug}/histograms.csv`, toCsv(rows)),
    json: publishDownload(`${run}/pairs/${slug}/histograms.json`, JSON.stringify(rows)),
    spec: publishDownload(`${run}/pairs/${slug}/histograms.vl.json`, JSON.stringify(spec, null, 1)),
  };
  downloadCache.set(key, urls);
  return urls;
}

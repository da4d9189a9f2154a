/**
 * A pair's top-neuron histograms as one record each — the pair page's `histograms.json.gz` download, which the page's
 * script also draws from (scripts/pair-histograms.ts). Pure and free of Node imports, so the browser bundle can
 * share it: the build and the browser turn a record into a chart's input by the same rule.
 */
import type { CompactHistograms } from '../../../pipeline/lib/schemas/stats.ts';
import type { NeuronHistogram } from './histograms.ts';

/** One neuron's histograms, as the stats stage stores them (only the non-empty bin range), bin width precomputed. */
export interface HistogramRecord {
  layer: string;
  neuron: number;
  /** Left edge of bin 0 and the bins' width: bin `offset + i` covers [min + (offset + i)·width, … + width). */
  min: number;
  width: number;
  offset: number;
  /** Counts of "output = o" and "output ≠ o" steps per stored bin. */
  eq: number[];
  ne: number[];
}

/**
 * The histograms of a pair file's `top` neurons (layer → neurons in rank order) as records, in that order; neurons
 * listed without a histogram (the table rows past `stats.topNeurons`) are skipped.
 */
export function histogramRecords(top: Record<string, { neuron: number; histogram?: CompactHistograms | null }[]>): HistogramRecord[] {
  return Object.entries(top).flatMap(([layer, list]) =>
    list.flatMap(({ neuron, histogram: h }) => (h ? [{ layer, neuron, min: h.min, width: (h.max - h.min) / h.bins, offset: h.offset, eq: h.eq, ne: h.ne }] : [])),
  );
}

export function fromRecord(r: HistogramRecord): NeuronHistogram {
  const lo = r.min + r.offset * r.width;
  return { layer: r.layer, neuron: r.neuron, min: lo, max: lo + r.eq.length * r.width, equal: r.eq, other: r.ne };
}

/**
 * How many histograms of each layer a pair page draws at build time (no JavaScript needed); its script draws the rest.
 * One, the layer's best neuron: each further one was ~0.9 KB × 15 layers × ~60 pair pages a run (≈ 0.8 MB).
 */
export const STATIC_HISTOGRAMS = 1;

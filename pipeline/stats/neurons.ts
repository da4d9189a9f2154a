import type { NeuronDistance, NeuronPairs } from '../lib/schemas/stats.ts';
import { rankOrder } from '../lib/unit-ranking.ts';

/**
 * Rankings from one layer's scores ([pairs × size], pair-major, from `layerSelectivity`): per pair its neurons
 * (the pair files), and per neuron its best pairs (the post's "what did neuron #70 learn": s→_, h→հ, …), both by the
 * bias-corrected selectivity, with the raw distance (the post's number) and the AUROC beside it. Values are rounded
 * like the committed JSON before ranking, and ties go to the lower index, so a reader re-ranking the stored column
 * (unit-ranking.ts rankOrder) gets exactly this order.
 */

/** Pairs listed per neuron in stats/neurons/<layer>.json (a neuron page's table). */
export const NEURON_PAIRS = 10;

/** Round like the committed JSON does, before sorting, so ties in the file are ordered by index. */
export function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** The three per-neuron scores of one layer (a LayerSelectivity of histogram.ts fits). */
export interface LayerScores {
  distance: Float64Array;
  corrected: Float64Array;
  auroc: Float64Array;
}

/** Pair p's `corrected` for every neuron of the layer, in neuron order. */
export function correctedColumn(sel: LayerScores, size: number, p: number): number[] {
  return Array.from({ length: size }, (_, j) => round4(sel.corrected[p * size + j]));
}

/** The `count` most selective neurons of the layer for pair p, highest corrected selectivity first. */
export function topNeurons(sel: LayerScores, size: number, p: number, count: number): NeuronDistance[] {
  return rankOrder(correctedColumn(sel, size, p))
    .slice(0, count)
    .map((j) => ({ neuron: j, hellinger: round4(sel.distance[p * size + j]), corrected: round4(sel.corrected[p * size + j]), auroc: round4(sel.auroc[p * size + j]) }));
}

/** Every neuron's `count` best pairs, highest corrected selectivity first, with their raw distances. */
export function rankPairs(sel: LayerScores, size: number, pairs: number, count = NEURON_PAIRS): NeuronPairs[] {
  return Array.from({ length: size }, (_, j) => {
    const idx = rankOrder(Array.from({ length: pairs }, (_, p) => round4(sel.corrected[p * size + j]))).slice(0, count);
    return { neuron: j, pairs: idx, hellinger: idx.map((p) => round4(sel.distance[p * size + j])) };
  });
}

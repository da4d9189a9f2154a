import type { NeuronDistance, NeuronPairs } from '../lib/schemas/stats.ts';

/**
 * Rankings from one layer's scores ([pairs × size], pair-major, from `layerSelectivity`): per pair its neurons
 * (the pair files), and per neuron its pairs (the post's "what did neuron #70 learn": s→_, h→հ, …), both by the
 * bias-corrected selectivity, with the raw distance (the post's number) and the AUROC beside it. Ties go to the
 * lower index, so the order is deterministic.
 */

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

/** All neurons of the layer for pair p, highest corrected selectivity first. */
export function rankNeurons(sel: LayerScores, size: number, p: number): NeuronDistance[] {
  const out: NeuronDistance[] = [];
  for (let j = 0; j < size; j++) {
    const at = p * size + j;
    out.push({ neuron: j, hellinger: round4(sel.distance[at]), corrected: round4(sel.corrected[at]), auroc: round4(sel.auroc[at]) });
  }
  return out.sort((a, b) => b.corrected - a.corrected || a.neuron - b.neuron);
}

/** Every neuron's pairs, highest corrected selectivity first. */
export function rankPairs(sel: LayerScores, size: number, pairs: number): NeuronPairs[] {
  const out: NeuronPairs[] = [];
  for (let j = 0; j < size; j++) {
    const idx = Array.from({ length: pairs }, (_, p) => p);
    const c = (p: number) => round4(sel.corrected[p * size + j]);
    idx.sort((a, b) => c(b) - c(a) || a - b);
    out.push({
      neuron: j,
      pairs: idx,
      hellinger: idx.map((p) => round4(sel.distance[p * size + j])),
      corrected: idx.map(c),
      auroc: idx.map((p) => round4(sel.auroc[p * size + j])),
    });
  }
  return out;
}

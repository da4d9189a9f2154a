import type { NeuronDistance, NeuronPairs } from '../lib/schemas/stats.ts';

/**
 * Rankings from one layer's distance matrix ([pairs × size], pair-major, from `layerSelectivity`): per pair its
 * neurons by distance (the pair files), and per neuron its pairs by distance (the post's "what did neuron #70
 * learn": s→_ 0.948, h→հ 0.829, …). Ties go to the lower index, so the order is deterministic.
 */

/** Round like the committed JSON does, before sorting, so ties in the file are ordered by index. */
export function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** All neurons of the layer for pair p, highest distance first. */
export function rankNeurons(distance: Float64Array, size: number, p: number): NeuronDistance[] {
  const out: NeuronDistance[] = [];
  for (let j = 0; j < size; j++) out.push({ neuron: j, hellinger: round4(distance[p * size + j]) });
  return out.sort((a, b) => b.hellinger - a.hellinger || a.neuron - b.neuron);
}

/** Every neuron's pairs, highest distance first. */
export function rankPairs(distance: Float64Array, size: number, pairs: number): NeuronPairs[] {
  const out: NeuronPairs[] = [];
  for (let j = 0; j < size; j++) {
    const idx = Array.from({ length: pairs }, (_, p) => p);
    const d = (p: number) => round4(distance[p * size + j]);
    idx.sort((a, b) => d(b) - d(a) || a - b);
    out.push({ neuron: j, pairs: idx, hellinger: idx.map(d) });
  }
  return out;
}

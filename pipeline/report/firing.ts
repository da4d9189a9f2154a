import { QUANT } from './quant.ts';

/**
 * "Where does this neuron fire?" over the whole capture (Karpathy et al. 2015's figures): for every neuron of a layer,
 * the `top` sentences where it reaches its highest activation (one peak per sentence, so a neuron that fires on every
 * space does not fill its list with one sentence), and a snippet of `radius` characters either side of each peak.
 * One pass over the layer: per sentence, each neuron's maximum; then a small sorted insertion per neuron.
 */

export interface SentenceSpan {
  /** First step of the sentence in the layer's step-major array, and its length in steps. */
  start: number;
  length: number;
}

export interface Peak {
  sentence: number;
  /** Position of the peak within the sentence, and the activation there. */
  position: number;
  value: number;
}

/** Per neuron, its `top` peaks over the sentences, highest first (ties: earlier sentence first). */
export function topPeaks(data: Float32Array, size: number, sentences: SentenceSpan[], top: number): Peak[][] {
  const best: Peak[][] = Array.from({ length: size }, () => []);
  const maxV = new Float32Array(size);
  const maxT = new Int32Array(size);
  sentences.forEach((s, si) => {
    if (s.length === 0) return;
    maxV.set(data.subarray(s.start * size, s.start * size + size));
    maxT.fill(0);
    for (let t = 1; t < s.length; t++) {
      const base = (s.start + t) * size;
      for (let j = 0; j < size; j++) {
        const v = data[base + j];
        if (v > maxV[j]) {
          maxV[j] = v;
          maxT[j] = t;
        }
      }
    }
    for (let j = 0; j < size; j++) {
      const list = best[j];
      const v = maxV[j];
      if (list.length === top && !(v > list[top - 1].value)) continue;
      let k = list.length;
      while (k > 0 && v > list[k - 1].value) k--;
      list.splice(k, 0, { sentence: si, position: maxT[j], value: v });
      if (list.length > top) list.pop();
    }
  });
  return best;
}

/** The window [from, to) of at most 2·radius + 1 steps around `position`, inside a sentence of `length` steps. */
export function snippetWindow(position: number, length: number, radius: number): { from: number; to: number } {
  const from = Math.max(0, Math.min(position - radius, length - (2 * radius + 1)));
  return { from, to: Math.min(length, from + 2 * radius + 1) };
}

/** Activations as integers in [−QUANT, QUANT] of `scale` (the largest |value|): compact, and exact enough to colour. */
export function quantize(values: ArrayLike<number>, scale: number): number[] {
  return Array.from(values, (v) => (scale > 0 ? Math.round((v / scale) * QUANT) : 0));
}

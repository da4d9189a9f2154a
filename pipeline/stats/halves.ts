import type { StepMeta } from '../capture/types.ts';
import { Rng } from '../lib/rng.ts';

/**
 * Selection-aware estimation: the captured sentences are split at random (seeded) into two halves of equal size.
 * The top neurons of a pair and layer are chosen on half A and their selectivity is estimated, with an interval, on
 * half B, so the estimate is not inflated by having been chosen as the best (the winner's curse). Whole sentences
 * go to one half because the steps of a sentence are not independent (one context feeds all of them).
 */

/** Per sentence index: 0 = half A, 1 = half B. */
export function sentenceHalves(sentences: number, seed: number | string): Uint8Array {
  const order = Array.from({ length: sentences }, (_, i) => i);
  const rng = new Rng(seed, 'stats/halves');
  for (let i = sentences - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const half = new Uint8Array(sentences);
  for (let k = Math.floor(sentences / 2); k < sentences; k++) half[order[k]] = 1;
  return half;
}

/** Per step: the half of its sentence. */
export function stepHalves(meta: StepMeta, seed: number | string): Uint8Array {
  let sentences = 0;
  for (const s of meta.sentence) if (s + 1 > sentences) sentences = s + 1;
  const bySentence = sentenceHalves(sentences, seed);
  return Uint8Array.from(meta.sentence, (s) => bySentence[s]);
}

/**
 * A character n-gram baseline: predict each output character from a window of n input characters around it, by
 * the most frequent output seen for that window in the aligned training split (backing off to shorter windows
 * when a window was never seen). The window is centred — left = ⌊(n−1)/2⌋, right = n−1−left characters — because
 * the network is bidirectional and transliteration needs both sides ("s" before "h" is շ, "h" after "s" is _).
 *
 * Only windows that occur in the evaluation steps are tabulated during training: the predictions are exactly those
 * of the full table, but memory is bounded by the evaluation set instead of the training set.
 */

import { outputUnits, type Aligned } from '../align/tsv.ts';

/** One aligned sentence as symbols: input code points and as many output units. */
export type AlignedPair = Aligned;

export interface NgramQuery {
  /** Code points of the sentence's input. */
  input: string[];
  /** Position of the character to predict. */
  position: number;
}

export function windowSpan(n: number): { left: number; right: number } {
  const left = Math.floor((n - 1) / 2);
  return { left, right: n - 1 - left };
}

/** Character ids for window keys: 0 = outside the sentence, 1 = a character unseen/rare in training. */
const BOUNDARY = 0;
const RARE = 1;
/** 190^7 < 2^53, so a 7-character window is one exact float64 key. */
const MAX_KEY_BASE = 190;

export interface NgramResult {
  /** predictions[n − 1][q] = predicted output character for query q with windows up to n. */
  predictions: string[][];
  /** coverage[n − 1] = fraction of queries whose full n-window was seen in training (no back-off). */
  coverage: number[];
  trainChars: number;
}

export function ngramPredict(train: AlignedPair[], queries: NgramQuery[], maxN: number): NgramResult {
  if (!Number.isInteger(maxN) || maxN < 1 || maxN > 7) throw new Error(`ngramPredict: maxN must be 1…7, got ${maxN}`);
  const pairs = train;
  // Character ids by training frequency (ties by code point), so the commonest fit under the key base.
  const freq = new Map<string, number>();
  for (const p of pairs) for (const c of p.input) freq.set(c, (freq.get(c) ?? 0) + 1);
  const ranked = [...freq.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const charId = new Map<string, number>();
  ranked.slice(0, MAX_KEY_BASE - 2).forEach(([c], i) => charId.set(c, i + 2));
  const base = Math.min(MAX_KEY_BASE, charId.size + 2);
  const idOf = (s: string[], i: number): number => (i < 0 || i >= s.length ? BOUNDARY : (charId.get(s[i]) ?? RARE));
  const keyOf = (s: string[], p: number, n: number): number => {
    const { left, right } = windowSpan(n);
    let k = 0;
    for (let i = p - left; i <= p + right; i++) k = k * base + idOf(s, i);
    return k;
  };
  const outChars: string[] = [];
  const outId = new Map<string, number>();
  for (const p of pairs) for (const c of p.output) if (!outId.has(c)) (outId.set(c, outChars.length), outChars.push(c));
  const nOut = Math.max(1, outChars.length);

  // best[n − 1][q] = output id predicted by the n-window alone, or −1 when that window was never seen.
  const best: Int32Array[] = [];
  for (let n = 1; n <= maxN; n++) {
    const ctxIndex = new Map<number, number>();
    const queryCtx = new Int32Array(queries.length);
    queries.forEach((q, i) => {
      const key = keyOf(q.input, q.position, n);
      let c = ctxIndex.get(key);
      if (c === undefined) ctxIndex.set(key, (c = ctxIndex.size));
      queryCtx[i] = c;
    });
    const counts = new Map<number, number>();
    for (const p of pairs)
      for (let i = 0; i < p.input.length; i++) {
        const c = ctxIndex.get(keyOf(p.input, i, n));
        if (c === undefined) continue;
        const k = c * nOut + outId.get(p.output[i])!;
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
    const bestOut = new Int32Array(ctxIndex.size).fill(-1);
    const bestCount = new Int32Array(ctxIndex.size);
    for (const [k, count] of counts) {
      const c = Math.floor(k / nOut);
      const o = k - c * nOut;
      // Deterministic tie-break (smaller output id = seen first in the training file), whatever the Map order.
      if (count > bestCount[c] || (count === bestCount[c] && o < bestOut[c])) (bestCount[c] = count), (bestOut[c] = o);
    }
    best.push(Int32Array.from(queryCtx, (c) => bestOut[c]));
  }

  const predictions: string[][] = [];
  const coverage: number[] = [];
  for (let n = 1; n <= maxN; n++) {
    let seen = 0;
    predictions.push(
      queries.map((q, i) => {
        if (best[n - 1][i] >= 0) seen++;
        // A rare centre character shares the id RARE with others, so its windows say little about it: copy it,
        // as the network's contract does for characters outside the vocabulary.
        if (idOf(q.input, q.position) === RARE) return q.input[q.position];
        for (let m = n; m >= 1; m--) if (best[m - 1][i] >= 0) return outChars[best[m - 1][i]];
        return q.input[q.position];
      }),
    );
    coverage.push(queries.length ? seen / queries.length : 0);
  }
  return { predictions, coverage, trainChars: pairs.reduce((a, p) => a + p.input.length, 0) };
}

/**
 * Sentences as text (the capture's) as symbol pairs, split into units by the aligned-TSV rule (align/tsv.ts); a
 * sentence whose output does not split into one unit per input code point is left out and counted.
 */
export function alignedPairs(lines: { input: string; output: string }[]): { pairs: AlignedPair[]; skipped: number } {
  const pairs: AlignedPair[] = [];
  let skipped = 0;
  for (const l of lines) {
    const input = [...l.input];
    const output = outputUnits(l.output, input.length);
    if (output) pairs.push({ input, output });
    else skipped++;
  }
  return { pairs, skipped };
}

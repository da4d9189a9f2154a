/**
 * Simple per-step features of the input text, computed from the captured sentences alone (no network), so that a
 * cell whose activation tracks one of them can be called a detector of it (Karpathy et al. 2015 found cells for
 * line position, quotes, brackets…; here the analogues for transliteration).
 *
 * A "word" is a maximal run of non-whitespace input characters. Word features are NaN (undefined) at whitespace
 * steps, so that the correlation of, say, position-in-word is measured over the steps where it means something.
 */
import { outputUnits } from '../align/tsv.ts';
import type { CapturedSentence, StepMeta } from '../capture/types.ts';

export const FEATURES = {
  positionInWord: 'index of the character within its word (0 = first letter)',
  wordLength: 'length of the word the character belongs to',
  distanceToWordEnd: 'characters left until the end of the word (0 = last letter)',
  latinWord: '1 inside a word whose true output has no Armenian letter (English word, number, URL), else 0',
  afterSpace: '1 right after a space, else 0',
  digraph: '1 inside a multi-letter unit (sh, ch, ts, dz, zh, gh, kh…): the true output here or at the next step is the placeholder _',
} as const;
export type FeatureName = keyof typeof FEATURES;
export const FEATURE_NAMES = Object.keys(FEATURES) as FeatureName[];

const ARMENIAN = /\p{Script=Armenian}/u;
const SPACE = /\s/u;
export const PLACEHOLDER = '_';

/**
 * Features of every position of one aligned sentence. The output has one *unit* per input code point (a code
 * point, `_`, or the digraph ու: docs/CONTRACTS.md), split as the capture splits it.
 */
export function sentenceFeatures(input: string, output: string): Record<FeatureName, Float64Array> {
  const inp = [...input];
  const out = outputUnits(output, inp.length) ?? [...output];
  const n = inp.length;
  const f = Object.fromEntries(FEATURE_NAMES.map((k) => [k, new Float64Array(n)])) as Record<FeatureName, Float64Array>;
  let p = 0;
  while (p < n) {
    if (SPACE.test(inp[p])) {
      for (const k of ['positionInWord', 'wordLength', 'distanceToWordEnd', 'latinWord'] as const) f[k][p] = NaN;
      p++;
      continue;
    }
    let end = p;
    while (end < n && !SPACE.test(inp[end])) end++;
    const len = end - p;
    let armenian = false;
    for (let q = p; q < end; q++) if (q < out.length && ARMENIAN.test(out[q])) armenian = true;
    for (let q = p; q < end; q++) {
      f.positionInWord[q] = q - p;
      f.wordLength[q] = len;
      f.distanceToWordEnd[q] = end - 1 - q;
      f.latinWord[q] = armenian ? 0 : 1;
    }
    p = end;
  }
  for (let q = 0; q < n; q++) {
    f.afterSpace[q] = q > 0 && SPACE.test(inp[q - 1]) ? 1 : 0;
    f.digraph[q] = out[q] === PLACEHOLDER || out[q + 1] === PLACEHOLDER ? 1 : 0;
  }
  return f;
}

/** Features of every captured step, in step order (via the step's sentence index and position). */
export function stepFeatures(sentences: CapturedSentence[], meta: StepMeta): Record<FeatureName, Float64Array> {
  const steps = meta.sentence.length;
  const f = Object.fromEntries(FEATURE_NAMES.map((k) => [k, new Float64Array(steps)])) as Record<FeatureName, Float64Array>;
  let cachedIndex = -1;
  let cached: Record<FeatureName, Float64Array> | null = null;
  for (let t = 0; t < steps; t++) {
    const s = meta.sentence[t];
    if (s !== cachedIndex) {
      const sent = sentences[s];
      if (!sent) throw new Error(`step ${t} refers to sentence ${s}, but the capture has ${sentences.length}`);
      cached = sentenceFeatures(sent.input, sent.output);
      cachedIndex = s;
    }
    const p = meta.position[t];
    for (const k of FEATURE_NAMES) f[k][t] = p < cached![k].length ? cached![k][p] : NaN;
  }
  return f;
}

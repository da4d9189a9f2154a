/**
 * Accuracy measures for transliteration, computed on un-aligned strings (placeholders removed), so that a model
 * and the rule-based baseline, which never sees the alignment, are scored the same way.
 *
 * Character accuracy is translit-rnn's: 100 − 100·Levenshtein(predicted, truth)/|truth|, pooled over a corpus
 * (total edits over total characters, so long sentences weigh more, as in the original).
 */

/** Levenshtein distance between two sequences (code points for strings), O(|a|·|b|) time, O(|b|) memory. */
export function levenshtein<T>(a: readonly T[], b: readonly T[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1] + (ai === b[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** Code points of a string (Armenian and Latin are single code units, but this stays right for any text). */
export function codePoints(s: string): string[] {
  return Array.from(s);
}

export function words(s: string): string[] {
  return s.split(/\s+/u).filter(Boolean);
}

/** Length of the longest common subsequence (the words a prediction gets right, in order). */
export function lcsLength<T>(a: readonly T[], b: readonly T[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = 0;
    for (let j = 1; j <= b.length; j++)
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

export interface AccuracyCounts {
  sentences: number;
  exactSentences: number;
  chars: number;
  charEdits: number;
  words: number;
  /** Truth words reproduced exactly (in order: longest common subsequence of the word sequences). */
  rightWords: number;
}

export interface Accuracy {
  /** 100 − 100·Σ Levenshtein / Σ |truth| over characters (can be negative for garbage output, like the original). */
  charAccuracy: number;
  /** Percent of truth words reproduced exactly, matched in order (LCS of the word sequences), in [0, 100]. */
  wordAccuracy: number;
  /** Percent of sentences reproduced exactly. */
  sentenceAccuracy: number;
  sentences: number;
  chars: number;
  words: number;
}

export function emptyCounts(): AccuracyCounts {
  return { sentences: 0, exactSentences: 0, chars: 0, charEdits: 0, words: 0, rightWords: 0 };
}

/** Add one (predicted, truth) pair to the running counts. */
export function addPair(c: AccuracyCounts, predicted: string, truth: string): void {
  c.sentences++;
  if (predicted === truth) c.exactSentences++;
  const t = codePoints(truth);
  c.chars += t.length;
  c.charEdits += predicted === truth ? 0 : levenshtein(codePoints(predicted), t);
  const tw = words(truth);
  c.words += tw.length;
  c.rightWords += predicted === truth ? tw.length : lcsLength(words(predicted), tw);
}

export function accuracy(c: AccuracyCounts): Accuracy {
  return {
    charAccuracy: c.chars === 0 ? 100 : 100 * (1 - c.charEdits / c.chars),
    wordAccuracy: c.words === 0 ? 100 : (100 * c.rightWords) / c.words,
    sentenceAccuracy: c.sentences === 0 ? 100 : (100 * c.exactSentences) / c.sentences,
    sentences: c.sentences,
    chars: c.chars,
    words: c.words,
  };
}

/** Score parallel arrays of predictions and truths. */
export function scorePairs(predicted: readonly string[], truth: readonly string[]): Accuracy {
  if (predicted.length !== truth.length) throw new Error(`scorePairs: ${predicted.length} predictions for ${truth.length} truths`);
  const c = emptyCounts();
  for (let i = 0; i < truth.length; i++) addPair(c, predicted[i], truth[i]);
  return accuracy(c);
}

export interface Tally {
  output: string;
  count: number;
}

export interface InputConfusion {
  /** The romanized input character. */
  input: string;
  /** Occurrences in the scored (aligned) data. */
  count: number;
  /** Percent of occurrences where the model's output is the true output. */
  accuracy: number;
  /** Distribution of the true aligned outputs (what makes the letter ambiguous). */
  targets: Tally[];
  /** Distribution of the model's outputs. */
  predicted: Tally[];
  /** Most frequent mistakes, truth → prediction. */
  errors: { target: string; predicted: string; count: number }[];
}

function top(m: Map<string, number>, n: number): Tally[] {
  return [...m.entries()]
    .map(([output, count]) => ({ output, count }))
    .sort((a, b) => b.count - a.count || (a.output < b.output ? -1 : a.output > b.output ? 1 : 0))
    .slice(0, n);
}

/**
 * Per input character confusion over aligned symbols (input, truth and prediction of equal length), kept for the
 * ambiguous letters only: those whose true output is not the same one character in ≥ `purity` of cases.
 */
export function inputConfusion(
  aligned: readonly { input: readonly string[]; truth: readonly string[]; predicted: readonly string[] }[],
  opts: { purity?: number; minCount?: number; topN?: number } = {},
): InputConfusion[] {
  const purity = opts.purity ?? 0.99;
  const minCount = opts.minCount ?? 20;
  const topN = opts.topN ?? 5;
  const per = new Map<string, { count: number; right: number; t: Map<string, number>; p: Map<string, number>; e: Map<string, number> }>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const { input, truth, predicted } of aligned) {
    const a = input;
    const t = truth;
    const p = predicted;
    if (a.length !== t.length || a.length !== p.length)
      throw new Error(`inputConfusion: unequal lengths (${a.length}, ${t.length}, ${p.length}) for ${JSON.stringify(input.join(''))}`);
    for (let i = 0; i < a.length; i++) {
      let r = per.get(a[i]);
      if (!r) per.set(a[i], (r = { count: 0, right: 0, t: new Map(), p: new Map(), e: new Map() }));
      r.count++;
      bump(r.t, t[i]);
      bump(r.p, p[i]);
      if (t[i] === p[i]) r.right++;
      else bump(r.e, `${t[i]}\u0000${p[i]}`);
    }
  }
  const out: InputConfusion[] = [];
  for (const [input, r] of per) {
    const main = Math.max(...r.t.values());
    if (r.count < minCount || main / r.count >= purity) continue;
    out.push({
      input,
      count: r.count,
      accuracy: (100 * r.right) / r.count,
      targets: top(r.t, topN),
      predicted: top(r.p, topN),
      errors: top(r.e, topN).map(({ output, count }) => {
        const [target, predicted] = output.split('\u0000');
        return { target, predicted, count };
      }),
    });
  }
  return out.sort((a, b) => b.count - a.count || (a.input < b.input ? -1 : 1));
}

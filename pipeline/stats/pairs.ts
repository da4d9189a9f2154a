import type { StepMeta } from '../capture/types.ts';

/**
 * Which (input c, output o) pairs the selectivity analysis looks at (the post's "Statistics 1"): a Latin input
 * letter that maps to at least two outputs in the sample, and each of its outputs o for which both classes —
 * "c became o" and "c became something else" — have at least `minCount` steps, so both histograms are well filled.
 */

export interface Pair {
  /** Input and output vocabulary ids. */
  inputId: number;
  outputId: number;
  input: string;
  output: string;
  /** Steps with input c and output o / input c and another output. */
  eq: number;
  ne: number;
  /**
   * `post`: a pair of the kind the post analyses (a Latin letter that became an Armenian unit or `_`); `copy`: the
   * letter was copied as a Latin letter (a→a, inside Latin words), kept apart so it does not mix with the post's pairs.
   */
  section: 'post' | 'copy';
  /**
   * The label of a pair that is the same split seen from the other side (a→a vs a→ա when a has no third frequent
   * output: "= ա" is "≠ a"), analysed once, here; null when there is none.
   */
  mirror: string | null;
}

/**
 * Two pairs of one letter are one split when the letter's other outputs make up less than this share of its steps
 * (then "= o1" and "≠ o2" are nearly the same steps and the two pairs would count one finding twice).
 */
export const MIRROR_REST = 0.02;

const LATIN = /^\p{Script=Latin}$/u;

export function isLatinLetter(ch: string): boolean {
  return LATIN.test(ch);
}

/**
 * Candidate pairs, ordered by input id then output id (a stable order: pair indices in every file follow it).
 * Output id 0 (a true output outside the vocabulary) is never a candidate output but counts among "≠ o".
 */
export function selectPairs(meta: StepMeta, vocab: { input: string[]; output: string[] }, minCount: number): Pair[] {
  const O = vocab.output.length;
  const counts = new Map<number, Float64Array>();
  const n = meta.inputId.length;
  for (let s = 0; s < n; s++) {
    const c = meta.inputId[s];
    let row = counts.get(c);
    if (!row) counts.set(c, (row = new Float64Array(O)));
    const t = meta.targetId[s];
    if (t >= 0 && t < O) row[t]++;
  }
  const pairs: Pair[] = [];
  for (const c of [...counts.keys()].sort((a, b) => a - b)) {
    const ch = vocab.input[c];
    if (c < 2 || ch === undefined || !isLatinLetter(ch)) continue;
    const row = counts.get(c)!;
    let total = 0;
    let distinct = 0;
    for (let o = 0; o < O; o++) {
      total += row[o];
      if (row[o] > 0) distinct++;
    }
    if (distinct < 2) continue;
    const letterPairs: Pair[] = [];
    for (let o = 1; o < O; o++) {
      const eq = row[o];
      const ne = total - eq;
      if (eq >= minCount && ne >= minCount) {
        const output = vocab.output[o];
        const section = isLatinLetter(output) ? 'copy' : 'post';
        letterPairs.push({ inputId: c, outputId: o, input: ch, output, eq, ne, section, mirror: null });
      }
    }
    pairs.push(...dropMirrors(letterPairs, total));
  }
  return pairs;
}

/** A two-way choice of one letter is analysed once: keep the post-section side (else the first), name the other. */
function dropMirrors(letterPairs: Pair[], total: number): Pair[] {
  if (letterPairs.length !== 2) return letterPairs;
  const [a, b] = letterPairs;
  if (total - a.eq - b.eq >= MIRROR_REST * total) return letterPairs;
  const keep = a.section === 'copy' && b.section === 'post' ? b : a;
  const drop = keep === a ? b : a;
  return [{ ...keep, mirror: pairLabel(drop) }];
}

/** A pair's readable label, e.g. `s→ս`. */
export function pairLabel(p: Pick<Pair, 'input' | 'output'>): string {
  return `${p.input}→${p.output}`;
}

/** A file-system-safe name for a pair's file: code points in hex, e.g. `0073-057d.json`. */
export function pairFileName(p: Pick<Pair, 'input' | 'output'>): string {
  const hex = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0')).join('');
  return `${hex(p.input)}-${hex(p.output)}.json`;
}

import { words } from '../train/metrics.ts';

/**
 * Accuracy by the kind of word, the classes real text is full of (issue 12): the class is that of the REFERENCE
 * word, so a model that breaks a capitalized word is charged to "capitalized" whatever it wrote.
 *   latin        a word with any Latin letter: a token that must stay Latin (product names, file types, acronyms,
 *                `HTTPS-ի`)
 *   allcaps      Armenian, at least 2 letters, all upper case (`ՈՒՇԱԴՐՈՒԹՅՈՒՆ`)
 *   capitalized  Armenian, first letter upper case (`Երևան`, `Ու`)
 *   lower        Armenian otherwise
 * Words without a letter (numbers, punctuation) are in no class.
 */
export const WORD_CLASSES = ['lower', 'capitalized', 'allcaps', 'latin'] as const;
export type WordClass = (typeof WORD_CLASSES)[number];

const LATIN = /\p{Script=Latin}/u;
const ARMENIAN = /\p{Script=Armenian}/u;
const LETTER = /\p{L}/u;
/** Armenian letters only: the script also holds punctuation (։ ՞ ՝) that belongs to no word class. */
const isArmenianLetter = (c: string): boolean => ARMENIAN.test(c) && LETTER.test(c);

export function wordClass(word: string): WordClass | null {
  if (LATIN.test(word)) return 'latin';
  const letters = Array.from(word).filter(isArmenianLetter);
  if (letters.length === 0) return null;
  const upper = (c: string) => c !== c.toLowerCase();
  if (letters.length >= 2 && letters.every(upper)) return 'allcaps';
  return upper(letters[0]) ? 'capitalized' : 'lower';
}

/** A word holding both Armenian and Latin letters. */
export function isMixedScript(word: string): boolean {
  return LATIN.test(word) && Array.from(word).some(isArmenianLetter);
}

/**
 * Which truth words a prediction reproduces, matched in order: the longest common subsequence of the word
 * sequences, backtracked (its length is metrics.ts's word-accuracy count, so the classes add up to the total).
 */
export function matchedWords(predicted: readonly string[], truth: readonly string[]): boolean[] {
  const n = predicted.length;
  const m = truth.length;
  const hit = new Array<boolean>(m).fill(false);
  if (n === 0 || m === 0) return hit;
  // Suffix table: L[i][j] = LCS of predicted[i..], truth[j..].
  const L = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      L[i][j] = predicted[i] === truth[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (predicted[i] === truth[j]) {
      hit[j] = true;
      i++;
      j++;
    } else if (L[i + 1][j] >= L[i][j + 1]) i++;
    else j++;
  }
  return hit;
}

export interface ClassAccuracy {
  words: number;
  /** Percent of the class's reference words reproduced exactly (in order, as the overall word accuracy). */
  wordAccuracy: number;
}

export interface MixedScript {
  /** Output words mixing Armenian and Latin letters where the reference word does not. */
  count: number;
  /** Percent of all output words. */
  share: number;
}

/**
 * Per-class word accuracy and mixed-script output words over (predicted, truth) sentence pairs. An output word is
 * paired with the reference word at the same index when the sentence kept its word count (the model writes one
 * output per input character, so it nearly always does); otherwise it counts as mixed unless some reference word
 * of the sentence is mixed too.
 */
export function scoreWordClasses(
  predicted: readonly string[],
  truth: readonly string[],
): { byClass: Record<WordClass, ClassAccuracy>; mixedScriptWords: MixedScript } {
  const total = Object.fromEntries(WORD_CLASSES.map((c) => [c, 0])) as Record<WordClass, number>;
  const right = { ...total };
  let outWords = 0;
  let mixed = 0;
  predicted.forEach((p, s) => {
    const pw = words(p);
    const tw = words(truth[s]);
    const hit = p === truth[s] ? tw.map(() => true) : matchedWords(pw, tw);
    tw.forEach((w, j) => {
      const c = wordClass(w);
      if (c === null) return;
      total[c]++;
      if (hit[j]) right[c]++;
    });
    outWords += pw.length;
    const sameShape = pw.length === tw.length;
    const truthMixed = tw.some(isMixedScript);
    pw.forEach((w, j) => {
      if (isMixedScript(w) && !(sameShape ? isMixedScript(tw[j]) : truthMixed)) mixed++;
    });
  });
  const byClass = Object.fromEntries(
    WORD_CLASSES.map((c) => [c, { words: total[c], wordAccuracy: total[c] ? (100 * right[c]) / total[c] : 100 }]),
  ) as Record<WordClass, ClassAccuracy>;
  return { byClass, mixedScriptWords: { count: mixed, share: outWords ? (100 * mixed) / outWords : 0 } };
}

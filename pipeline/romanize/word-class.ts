/**
 * Surface classes of words, as issue 12 counts them on real text: lower-case Armenian words, capitalised ones
 * (sentence starts, names), ALL-CAPS ones, and Latin tokens that must stay Latin (names, acronyms, file types,
 * URLs, identifiers, also with an Armenian ending: "HTTPS-ի"). One definition for the corpus measurements and for
 * evaluation by class; pure functions on strings.
 */

export type WordClass = 'lower' | 'capitalized' | 'allcaps' | 'latin';
export const WORD_CLASSES: readonly WordClass[] = ['lower', 'capitalized', 'allcaps', 'latin'];

const ARMENIAN_LETTER = /[\u0531-\u0556\u0560-\u0588]/u;
const ARMENIAN_LETTER_G = /[\u0531-\u0556\u0560-\u0588]/gu;
const ARMENIAN_UPPER = /[\u0531-\u0556]/u;
const LATIN_LETTER = /\p{Script=Latin}/u;

/**
 * The class of one whitespace-delimited word of Armenian-script text (a reference word), or null for a word
 * with no letter (numbers, punctuation), which no class counts. A word with a Latin letter is `latin` (its
 * Armenian ending, if any, does not change that); an Armenian word is `allcaps` with at least two letters all
 * capitals, `capitalized` when its first letter is a capital, else `lower`.
 */
export function wordClass(word: string): WordClass | null {
  if (LATIN_LETTER.test(word)) return 'latin';
  const letters = word.match(ARMENIAN_LETTER_G);
  if (!letters) return null;
  if (letters.length >= 2 && letters.every((c) => ARMENIAN_UPPER.test(c))) return 'allcaps';
  return ARMENIAN_UPPER.test(letters[0]) ? 'capitalized' : 'lower';
}

/** A word that mixes Armenian and Latin letters ("Եթe", "IIՐFիlտեր"). */
export function isMixedScript(word: string): boolean {
  return ARMENIAN_LETTER.test(word) && LATIN_LETTER.test(word);
}

/**
 * A mixed-script word that is not an intended "Latin + hyphen + Armenian ending" form: the mixing happens inside
 * one hyphen-free piece ("Եթe"), or an Armenian piece comes before a Latin one. These are the words
 * `mixedScriptWords` should count when the reference does not mix scripts itself.
 */
export function isBrokenMixedScript(word: string): boolean {
  if (!isMixedScript(word)) return false;
  const pieces = word.split(/[-֊]/u);
  if (pieces.some(isMixedScript)) return true;
  const firstArmenian = pieces.findIndex((p) => ARMENIAN_LETTER.test(p));
  return pieces.slice(firstArmenian).some((p) => LATIN_LETTER.test(p));
}

export interface ClassShares {
  words: number;
  counts: Record<WordClass, number>;
  /** counts / words (words with no letter are not counted). */
  shares: Record<WordClass, number>;
}

/** Count the word classes over lines of text. */
export function classShares(lines: Iterable<string>): ClassShares {
  const counts: Record<WordClass, number> = { lower: 0, capitalized: 0, allcaps: 0, latin: 0 };
  let words = 0;
  for (const line of lines)
    for (const w of line.split(/\s+/u)) {
      const c = w ? wordClass(w) : null;
      if (!c) continue;
      counts[c]++;
      words++;
    }
  const shares = Object.fromEntries(WORD_CLASSES.map((c) => [c, words ? counts[c] / words : 0])) as Record<WordClass, number>;
  return { words, counts, shares };
}

import type { Rng } from '../lib/rng.ts';
import type { CaseVariants } from './rules.ts';

/**
 * Case variants of Armenian text, for training: real text has capitalised words (sentence starts, names, Title
 * Case headings) and ALL-CAPS words and lines (acronyms, headings, emphasis) that a corpus of running sentences
 * shows too rarely for the model to learn that "Yete" is Եթե and "ANJATVATS" is ԱՆՋԱՏՎԱԾ. The romanizer types the
 * new casing as people do (capital → "Ye", all-capitals → "YE"), so the model learns case from the input.
 * Only Armenian words change: Latin tokens (HTTPS, iPhone) keep the casing they were written in.
 */

const ARMENIAN = /[\u0531-\u0556\u0560-\u0588]/u;
/** A word: a run of letters, marks and the in-word marks ՞ ՜ ՛ (as the romanizer counts words). */
const WORD = /[\p{L}\p{M}\u055B\u055C\u055E]+/gu;

/** Upper-case Armenian; the ligature և has no capital: reformed spelling writes it ԵՎ (not Unicode's ԵՒ). */
export function upperArmenian(word: string): string {
  return word.replace(/և/g, 'ԵՎ').toUpperCase();
}

/** Capitalise the first letter; և becomes Եվ. */
export function capitalizeArmenian(word: string): string {
  if (word.startsWith('և')) return 'Եվ' + word.slice(1);
  const first = String.fromCodePoint(word.codePointAt(0)!);
  return first.toUpperCase() + word.slice(first.length);
}

export type CaseChange = 'none' | 'upperLine' | 'titleLine' | 'words';

export interface CaseResult {
  text: string;
  change: CaseChange;
  /** Armenian words whose casing changed. */
  capitalized: number;
  upper: number;
}

/**
 * Re-case one line. Consumes a fixed number of draws per line plus one per Armenian word, so the result for a
 * line never depends on how an earlier line was re-cased beyond the stream position.
 */
export function caseVariant(text: string, rng: Rng, v: CaseVariants): CaseResult {
  const r = rng.next();
  const change: CaseChange = r < v.upperLine ? 'upperLine' : r < v.upperLine + v.titleLine ? 'titleLine' : 'words';
  let capitalized = 0;
  let upper = 0;
  const out = text.replace(WORD, (word: string, at: number) => {
    if (!ARMENIAN.test(word)) return word;
    const u = rng.next();
    let next = word;
    // An ending after a hyphen ("HTTPS-ի") is capitalised only in an all-capitals line, as in real text.
    const ending = at > 0 && /[-֊]/u.test(text[at - 1]);
    if (change === 'upperLine') next = upperArmenian(word);
    else if (ending) next = word;
    else if (change === 'titleLine') next = capitalizeArmenian(word);
    else if (u < v.upperWord) next = upperArmenian(word);
    else if (u < v.upperWord + v.capitalizeWord) next = capitalizeArmenian(word);
    if (next !== word) {
      if (next === upperArmenian(word) && next !== capitalizeArmenian(word)) upper++;
      else capitalized++;
    }
    return next;
  });
  const changed = capitalized + upper > 0;
  return { text: out, change: changed ? (change === 'words' ? 'words' : change) : 'none', capitalized, upper };
}

import type { Rng } from '../lib/rng.ts';
import { latinToken } from './latin.ts';
import { capitalize } from './normalize.ts';

/**
 * Pseudo-sentences: where a source only has words and names (a dictionary, CLDR labels), we assemble sentence-like
 * lines from its content words and frequent function words. They are not grammatical, but their character
 * statistics (word shapes, endings, the letters around spaces and punctuation) are what a character-level
 * transliterator learns from.
 */

/** Frequent Armenian function words, most frequent first (weights fall off as 1/(rank+3)). */
export const FUNCTION_WORDS = [
  'և', 'է', 'են', 'որ', 'այս', 'մի', 'ու', 'էր', 'իր', 'համար', 'նա', 'ես', 'եմ', 'ենք', 'էին', 'այդ', 'այն',
  'հետ', 'մեջ', 'կամ', 'բայց', 'իսկ', 'նաև', 'թե', 'եթե', 'դու', 'մենք', 'նրանք', 'նրա', 'մեր', 'իմ', 'քո', 'ձեր',
  'վրա', 'մասին', 'շատ', 'ոչ', 'չէ', 'էլ', 'արդեն', 'հիմա', 'դեռ', 'միայն', 'ամեն', 'բոլոր', 'պետք', 'կա', 'ինչ',
  'ով', 'երբ', 'որտեղ', 'ինչպես', 'ինչու', 'որը', 'որի', 'որոնք', 'հետո', 'առաջ', 'միշտ', 'երբեք', 'այստեղ',
  'այնտեղ', 'քանի', 'ուր', 'դա', 'սա', 'եք', 'էիր', 'լավ', 'այո', 'ոչինչ', 'ինձ', 'քեզ', 'ձեզ', 'նրան', 'մեզ',
  'շնորհակալություն', 'բարև', 'խնդրեմ', 'ջան', 'օր', 'տարի', 'ժամ', 'մինչև', 'ըստ', 'առանց', 'միջև', 'ընթացքում',
  'ճիշտ', 'հենց', 'նույնիսկ', 'գուցե', 'չնայած', 'քանզի', 'որովհետև', 'այսօր', 'վաղը', 'երեկ', 'հաճախ', 'ցանկացած',
  // A few very frequent content words, so everyday phrases ("ես սիրում եմ …") occur as they do in real text.
  'սիրում', 'ուզում', 'գիտեմ', 'ունի', 'ունեն', 'կարող', 'ասում', 'գրում', 'անել', 'լինել', 'եղել', 'մարդ', 'մարդիկ',
  'երկիր', 'Հայաստան', 'Երևան', 'հայերեն', 'լեզու', 'կյանք', 'ժամանակ', 'աշխատանք', 'տուն', 'գիրք', 'օրենք',
  'օգնություն', 'օգտագործել', 'հարց', 'պատասխան', 'ճանապարհ', 'խոսք', 'ծրագիր', 'ջուր', 'հաց', 'քաղաք', 'գյուղ',
];
const AUXILIARIES = ['է', 'են', 'էր', 'էին', 'եմ', 'ենք', 'եք', 'ես', 'էի', 'չէ', 'չեն'];
const AUX_SET = new Set(AUXILIARIES);
const FW_CUMULATIVE = (() => {
  let sum = 0;
  return FUNCTION_WORDS.map((_, i) => (sum += 1 / (i + 3)));
})();

export function functionWord(rng: Rng): string {
  const x = rng.next() * FW_CUMULATIVE[FW_CUMULATIVE.length - 1];
  let lo = 0;
  let hi = FW_CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (FW_CUMULATIVE[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return FUNCTION_WORDS[lo];
}

/** Put the Armenian question mark ՞ after the last vowel of the word, where Armenian writes it. */
export function markQuestion(word: string): string {
  const m = /([աեէըիոօու])([^աեէըիոօու]*)$/u.exec(word);
  if (!m) return word;
  return word.slice(0, m.index + m[1].length) + '՞' + m[2];
}

export interface PseudoOptions {
  /** Inclusive range of words per sentence (Latin tokens inserted on top). */
  wordsPerSentence: [number, number];
  latinMixRate: number;
}

/**
 * Assemble one pseudo-sentence. `content` draws one content word or phrase (e.g. a dictionary word form).
 */
export function pseudoSentence(rng: Rng, content: (rng: Rng) => string, opts: PseudoOptions): string {
  const [lo, hi] = opts.wordsPerSentence[0] <= opts.wordsPerSentence[1] ? opts.wordsPerSentence : [opts.wordsPerSentence[1], opts.wordsPerSentence[0]];
  const target = lo + rng.int(hi - lo + 1);
  const words: string[] = [];
  let lastWasFunction = true; // a sentence rarely starts with a function word; give content the first slot more often
  while (words.length < target) {
    if (!lastWasFunction && rng.next() < 0.4) {
      words.push(functionWord(rng));
      lastWasFunction = true;
    } else {
      for (const w of content(rng).split(' ')) if (w) words.push(w);
      lastWasFunction = false;
      if (words.length < target && rng.next() < 0.08) words[words.length - 1] += ',';
    }
  }
  // Armenian is verb-final: many clauses end "… participle + auxiliary" (… գրել է, … սիրում եմ).
  if (!AUX_SET.has(words[words.length - 1]) && rng.next() < 0.45) words.push(rng.pick(AUXILIARIES));
  const tokens: string[] = [];
  for (const w of words) {
    tokens.push(w);
    if (opts.latinMixRate > 0 && rng.next() < opts.latinMixRate) tokens.push(latinToken(rng));
  }
  tokens[0] = capitalize(tokens[0]);
  const end = rng.next();
  let last = tokens[tokens.length - 1].replace(/,$/, '');
  let stop = '։';
  if (end < 0.08) {
    // A question: ՞ on the questioned word, and the sentence still ends with ։.
    const q = rng.int(tokens.length);
    tokens[q] = markQuestion(tokens[q]);
    last = tokens[tokens.length - 1].replace(/,$/, '');
  } else if (end < 0.16) stop = '.';
  else if (end < 0.2) stop = ':';
  else if (end < 0.23) stop = '!';
  else if (end < 0.25) stop = '?';
  else if (end < 0.26) stop = '…';
  tokens[tokens.length - 1] = last + stop;
  return tokens.join(' ');
}

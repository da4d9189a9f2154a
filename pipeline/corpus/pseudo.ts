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
/**
 * Armenian given names and surnames: capitalised words inside a sentence, as real text has them (about a fifth of
 * its words are capitalised; a pseudo-sentence otherwise capitalises only its first word and CLDR place names).
 * Chosen to cover the letters whose capitals are typed with two Latin letters (Ծ Ց Չ Ճ Շ Ժ Խ Ղ Ձ Թ Փ).
 */
export const NAMES = [
  'Արամ', 'Անի', 'Աննա', 'Արմեն', 'Արսեն', 'Աշոտ', 'Գոհար', 'Գագիկ', 'Գևորգ', 'Դավիթ', 'Էդգար', 'Էլեն', 'Հայկ',
  'Հասմիկ', 'Հովհաննես', 'Կարեն', 'Լիլիթ', 'Լուսինե', 'Մարիամ', 'Մհեր', 'Նարեկ', 'Նունե', 'Սոնա', 'Սուրեն',
  'Տիգրան', 'Վահե', 'Վարդան', 'Զարուհի', 'Ռուզաննա', 'Սարգիս', 'Ծովինար', 'Ժիրայր', 'Խաչատուր', 'Ղազար',
  'Շուշան', 'Ջիվան', 'Ռազմիկ', 'Փառանձեմ', 'Քնարիկ', 'Օֆելյա', 'Ֆրունզե', 'Ձյունիկ', 'Թամարա', 'Չարենց', 'Ցոլակ',
  'Ճանիկ', 'Երվանդ', 'Ոսկան', 'Ուրիկ',
];
export const SURNAMES = [
  'Սարգսյան', 'Պետրոսյան', 'Հովհաննիսյան', 'Խաչատրյան', 'Գրիգորյան', 'Մկրտչյան', 'Ղազարյան', 'Չոբանյան',
  'Ավետիսյան', 'Ծատուրյան', 'Ժամկոչյան', 'Քոչարյան', 'Շահինյան', 'Ջանիբեկյան', 'Ֆարմանյան', 'Օհանյան',
  'Թումանյան', 'Իսահակյան', 'Ճաղարյան', 'Ձիթողցյան', 'Փաշինյան', 'Ցատուրյան', 'Եղիազարյան', 'Որդոյան',
];
const NAME_ENDINGS = ['ի', 'ին', 'ից', 'ով', 'ը'];

/** A name: a given name, a surname, or both, sometimes with a case ending ("Տիգրան Պետրոսյանի"). */
export function personName(rng: Rng): string {
  const r = rng.next();
  const name = r < 0.45 ? rng.pick(NAMES) : r < 0.7 ? rng.pick(SURNAMES) : `${rng.pick(NAMES)} ${rng.pick(SURNAMES)}`;
  if (rng.next() >= 0.3) return name;
  // A name in -ա takes its endings after յ (Աննայի); other vowel endings vary (Զարուհու): left bare.
  if (name.endsWith('ա')) return `${name}յի`;
  return /[եիու]$/u.test(name) ? name : name + rng.pick(NAME_ENDINGS);
}

/** Share of content slots filled with a person's name. */
const NAME_RATE = 0.05;

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

/** Everyday verbs, for sources without a dictionary of their own (infinitives in -ել / -ալ). */
export const COMMON_VERBS = [
  'սիրել', 'գրել', 'կարդալ', 'խոսել', 'ապրել', 'աշխատել', 'սովորել', 'ուզել', 'ասել', 'տեսնել', 'գնալ', 'խաղալ',
  'երգել', 'պարել', 'հասկանալ', 'մտածել', 'ճանաչել', 'օգնել', 'փնտրել', 'ծիծաղել', 'ժպտալ', 'զանգել', 'քայլել',
  'հաղթել', 'ձգտել', 'չափել', 'ցուցադրել', 'ստեղծել', 'պաշտպանել', 'հարցնել',
];

const PRONOUNS = ['ես', 'դու', 'նա', 'մենք', 'դուք', 'նրանք'];
const AUX_PRESENT = ['եմ', 'ես', 'է', 'ենք', 'եք', 'են'];
const AUX_PAST = ['էի', 'էիր', 'էր', 'էինք', 'էիք', 'էին'];
const AUX_NEG = ['չեմ', 'չես', 'չի', 'չենք', 'չեք', 'չեն'];

/**
 * A participle of an infinitive in -ել/-ալ: present (-ում: գրել → գրում), future (-ու: գրելու), or, for -ել verbs,
 * the perfect (գրել է). Returns null for a word that is not such an infinitive.
 */
export function participle(infinitive: string, rng: Rng): string | null {
  const m = /^(.+)([եա])լ$/u.exec(infinitive);
  if (!m) return null;
  const r = rng.next();
  if (r < 0.6) return `${m[1]}ում`;
  if (r < 0.8 || m[2] === 'ա') return `${infinitive}ու`;
  return infinitive;
}

export interface PseudoOptions {
  /** Inclusive range of words per sentence (Latin tokens inserted on top). */
  wordsPerSentence: [number, number];
  latinMixRate: number;
}

/**
 * Assemble one pseudo-sentence. `content` draws one content word or phrase (e.g. a dictionary word form).
 */
export function pseudoSentence(
  rng: Rng,
  content: (rng: Rng) => string,
  opts: PseudoOptions,
  verb: (rng: Rng) => string = (r) => r.pick(COMMON_VERBS),
): string {
  const [lo, hi] = opts.wordsPerSentence[0] <= opts.wordsPerSentence[1] ? opts.wordsPerSentence : [opts.wordsPerSentence[1], opts.wordsPerSentence[0]];
  const target = lo + rng.int(hi - lo + 1);
  const words: string[] = [];
  const fill = (n: number) => {
    let lastWasFunction = true; // a run rarely starts with a function word; give content the first slot more often
    const end = words.length + n;
    while (words.length < end) {
      if (!lastWasFunction && rng.next() < 0.4) {
        words.push(functionWord(rng));
        lastWasFunction = true;
      } else {
        const phrase = rng.next() < NAME_RATE ? personName(rng) : content(rng);
        for (const w of phrase.split(' ')) if (w) words.push(w);
        lastWasFunction = false;
        if (words.length < end && rng.next() < 0.08) words[words.length - 1] += ',';
      }
    }
  };
  const part = target >= 3 && rng.next() < 0.45 ? participle(verb(rng), rng) : null;
  if (part) {
    // A clause in the common shape subject … participle + auxiliary, the auxiliary agreeing with the subject
    // ("Ես գիրքը կարդում եմ", negated "Նա չի գրում"): real phrases for the model to learn, as in the post's
    // "es sirum em Deep Learning".
    let person = rng.int(6);
    if (rng.next() < 0.65) words.push(PRONOUNS[person]);
    else {
      fill(1);
      person = rng.next() < 0.7 ? 2 : 5;
    }
    fill(Math.max(0, target - words.length - 2));
    if (rng.next() < 0.12) words.push(AUX_NEG[person], part);
    else words.push(part, (rng.next() < 0.25 ? AUX_PAST : AUX_PRESENT)[person]);
  } else {
    fill(target);
    // Armenian is verb-final: many clauses end "… participle + auxiliary" (… գրել է, … սիրում եմ).
    if (!AUX_SET.has(words[words.length - 1]) && rng.next() < 0.45) words.push(rng.pick(AUXILIARIES));
  }
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
  // Three full stops where the writer typed them so: "..." stays "..." and only a source "…" becomes "…".
  else if (end < 0.27) stop = '...';
  tokens[tokens.length - 1] = last + stop;
  return tokens.join(' ');
}

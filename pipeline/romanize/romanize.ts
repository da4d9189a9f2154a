import type { Rng } from '../lib/rng.ts';
import { capitalize, findRule, IN_WORD_MARKS, isUpperCased, PUNCTUATION_KEYS, type Rules, type Variant } from './rules.ts';

/**
 * Romanize Armenian text the way people type it: each Armenian unit (a letter, or the digraph ու) becomes a Latin
 * string drawn from the rules; everything else passes through. The result keeps the segmentation — which Latin
 * substring each unit became — because the alignment stage needs it and it cannot be recovered from the text
 * alone ("ts" may be ծ, ց or տ+ս).
 */

/** One Armenian unit and the Latin it became. `rule` is the rule key used, null when it passed through. */
export interface Segment {
  hy: string;
  latin: string;
  rule: string | null;
}

export interface RomanizedSentence {
  hy: string;
  latin: string;
  segments: Segment[];
}

export interface RomanizeOptions {
  /** One variant per (word, rule) reused within the word, as a person typing would. */
  perWordConsistency?: boolean;
}

const WORD_CHAR = /^[\p{L}\p{M}]$/u;

export function isWordChar(ch: string): boolean {
  return WORD_CHAR.test(ch);
}

/** A unit that belongs to a word: a letter, or a mark written on a word's vowel (ունե՞ք is one word). */
function inWordUnit(unit: string): boolean {
  return isWordChar(Array.from(unit)[0]) || IN_WORD_MARKS.has(unit);
}

/**
 * Split text into units: the ու digraph (ո/Ո followed by ւ/Ւ, in any casing) is one unit, any other code point is
 * one unit. The split does not depend on the rules, so aligned output can always be split the same way.
 */
export function splitUnits(text: string): string[] {
  const cps = Array.from(text);
  const units: string[] = [];
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    const next = cps[i + 1];
    if ((c === 'ո' || c === 'Ո') && (next === 'ւ' || next === 'Ւ')) {
      units.push(c + next);
      i++;
    } else units.push(c);
  }
  return units;
}

function draw(variants: Variant[], rng: Rng): string {
  // Always consume exactly one number per drawn unit, so a one-variant rule does not shift later draws.
  const u = rng.next();
  let acc = 0;
  for (const v of variants) {
    acc += v.p;
    if (u < acc) return v.latin;
  }
  return variants[variants.length - 1].latin;
}

/** An all-capitals word: at least two cased letters, all upper case ("ՀՀ", "ՆԱՏՕ"). */
function isAllCaps(word: string[]): boolean {
  let cased = 0;
  for (const ch of word) {
    if (ch.toLowerCase() === ch.toUpperCase()) continue;
    if (!isUpperCased(ch)) return false;
    cased++;
  }
  return cased >= 2;
}

export function romanizeSentence(
  text: string,
  rules: Rules,
  rng: Rng,
  opts: RomanizeOptions = {},
): RomanizedSentence {
  const units = splitUnits(text);
  const segments: Segment[] = [];
  let wordStart = 0;
  let allCaps = false;
  let chosen = new Map<string, string>();
  let titleDigraphs = false;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    const inWord = inWordUnit(unit);
    const wordInitial = inWord && (i === 0 || !inWordUnit(units[i - 1]));
    if (wordInitial) {
      // A new word: find its extent once (for all-capitals words) and forget the previous word's choices.
      wordStart = i;
      let end = i;
      while (end < units.length && inWordUnit(units[end])) end++;
      allCaps = isAllCaps(units.slice(wordStart, end).flatMap((u) => Array.from(u)));
      // Drawn only for all-capitals words, so other text keeps its random stream.
      titleDigraphs = allCaps && rules.options.allCapsDigraphTitle > 0 && rng.next() < rules.options.allCapsDigraphTitle;
      chosen = new Map();
    }
    const rule = inWord || PUNCTUATION_KEYS.has(unit) ? findRule(rules, unit, wordInitial) : null;
    if (!rule) {
      segments.push({ hy: unit, latin: unit, rule: null });
      continue;
    }
    let latin: string;
    const remembered = opts.perWordConsistency ? chosen.get(rule.key) : undefined;
    if (remembered !== undefined) latin = remembered;
    else {
      latin = draw(rule.variants, rng);
      if (opts.perWordConsistency) chosen.set(rule.key, latin);
    }
    if (rule.capitalize) latin = capitalize(latin);
    // An all-capitals word is typed in capitals; a capital typed with several letters is "TS", or "Ts" in the
    // words drawn for $allCapsDigraph (only the letters of a capital unit: ու's "U" stays one letter anyway).
    if (allCaps) latin = titleDigraphs && isUpperCased(Array.from(unit)[0]) ? capitalize(latin.toLowerCase()) : latin.toUpperCase();
    segments.push({ hy: unit, latin, rule: rule.key });
  }
  return { hy: text, latin: segments.map((s) => s.latin).join(''), segments };
}

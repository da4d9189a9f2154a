import { findRule, INITIAL, isUpperCased, PUNCTUATION_KEYS, type Rules } from './rules.ts';
import { isWordChar, splitUnits } from './romanize.ts';

/**
 * The rule-based baseline: the most likely inverse of the romanization rules, applied by greedy longest match.
 * For each Latin string the rules can produce, keep the Armenian unit that most likely produced it:
 * argmax over units of P(latin | unit) · frequency(unit) — Bayes with the unit frequency as prior. Word-initial
 * rules (ո → "vo", ե → "ye") get their own table, used at the start of a word. Case follows the Latin: a capital
 * first letter gives a capital unit, an all-capitals word gives an all-capitals unit. Characters no rule produces
 * (digits, punctuation, letters like "q" if no rule had them) are copied; the rules' punctuation keys (։ → ":") are
 * not inverted.
 */

export interface Inverse {
  /** Lower-case Latin → lower-case Armenian unit, inside a word. */
  general: Map<string, string>;
  /** Lower-case Latin → lower-case Armenian unit, at the start of a word. */
  initial: Map<string, string>;
  /** Longest Latin key, in code points. */
  maxLen: number;
  /** Characters that occur in some Latin key ("@", "4"…): they count as letters when finding word starts. */
  keyChars: Set<string>;
}

/**
 * Frequencies are keyed by lower-case rule key ("ձ", "^ո"); missing keys count as `fallback`. Without frequencies
 * every unit weighs the same and only the rule probabilities decide.
 */
export function buildInverse(rules: Rules, frequencies?: Record<string, number>): Inverse {
  const fallback = frequencies ? 0.5 : 1;
  // Lower-case view of the rules; an upper-case key is used only when its lower-case form is absent.
  const lowerRules = new Map<string, { latin: string; p: number }[]>();
  for (const [key, variants] of rules.table) {
    // Punctuation is left as typed: ":" is ։ after a sentence but a colon in "10:30", and a table cannot tell.
    if (PUNCTUATION_KEYS.has(key)) continue;
    const lower = key.toLowerCase();
    if (lowerRules.has(lower) && key !== lower) continue;
    lowerRules.set(
      lower,
      variants.map((v) => ({ latin: v.latin.toLowerCase(), p: v.p })),
    );
  }
  const best = (entries: [string, string][]): Map<string, string> => {
    const scores = new Map<string, { unit: string; score: number }>();
    for (const [key, unit] of entries) {
      const freq = frequencies?.[key] ?? fallback;
      for (const { latin, p } of lowerRules.get(key)!) {
        const score = p * freq;
        const prev = scores.get(latin);
        // Ties go to the smaller unit (code point order), so the table never depends on the file's key order.
        if (!prev || score > prev.score || (score === prev.score && unit < prev.unit)) scores.set(latin, { unit, score });
      }
    }
    return new Map([...scores].map(([latin, { unit }]) => [latin, unit]));
  };
  const plainKeys = [...lowerRules.keys()].filter((k) => !k.startsWith(INITIAL));
  const general = best(plainKeys.map((k) => [k, k]));
  // At a word start, a unit with a word-initial rule is produced by that rule only.
  const initial = best(
    plainKeys.map((k) => (lowerRules.has(INITIAL + k) ? [INITIAL + k, k] : [k, k])),
  );
  let maxLen = 0;
  const keyChars = new Set<string>();
  for (const m of [general, initial])
    for (const latin of m.keys()) {
      const cps = Array.from(latin);
      maxLen = Math.max(maxLen, cps.length);
      for (const c of cps) keyChars.add(c);
    }
  return { general, initial, maxLen, keyChars };
}

/** Unit frequencies (keyed by lower-case rule key) from the romanize stage's variant counts. */
export function unitFrequenciesFromCounts(variants: Record<string, Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, counts] of Object.entries(variants)) {
    const lower = key.toLowerCase();
    out[lower] = (out[lower] ?? 0) + Object.values(counts).reduce((a, b) => a + b, 0);
  }
  return out;
}

/** Unit frequencies (keyed by lower-case rule key) counted on Armenian text, as the romanizer selects rules. */
export function unitFrequenciesFromText(texts: Iterable<string>, rules: Rules): Record<string, number> {
  const out: Record<string, number> = {};
  for (const text of texts) {
    const units = splitUnits(text);
    units.forEach((unit, i) => {
      if (!isWordChar(Array.from(unit)[0])) return;
      const initial = i === 0 || !isWordChar(Array.from(units[i - 1]).at(-1)!);
      const rule = findRule(rules, unit, initial);
      if (rule) out[rule.key.toLowerCase()] = (out[rule.key.toLowerCase()] ?? 0) + 1;
    });
  }
  return out;
}

/** Upper case of a unit. The ligature և has no capital: reformed spelling writes it Եվ / ԵՎ (not Unicode's ԵՒ). */
function upper(unit: string, whole: boolean): string {
  if (unit === 'և') return whole ? 'ԵՎ' : 'Եվ';
  if (whole) return unit.toUpperCase();
  const [first, ...rest] = Array.from(unit);
  return first.toUpperCase() + rest.join('');
}

function applyCase(unit: string, source: string[], allCaps: boolean): string {
  if (allCaps) return upper(unit, true);
  if (isUpperCased(source[0])) return upper(unit, false);
  return unit;
}

export function deromanize(latin: string, inv: Inverse): string {
  const cps = Array.from(latin);
  const out: string[] = [];
  const isWord = (c: string) => isWordChar(c) || inv.keyChars.has(c.toLowerCase());
  let allCaps = false;
  // A run of symbols with no letter ("14" in "3.14") is a number, not "4" standing for ճ.
  let hasLetter = false;
  for (let i = 0; i < cps.length; ) {
    const wordInitial = isWord(cps[i]) && (i === 0 || !isWord(cps[i - 1]));
    if (wordInitial) {
      let end = i;
      let cased = 0;
      let upper = true;
      hasLetter = false;
      for (; end < cps.length && isWord(cps[end]); end++) {
        if (isWordChar(cps[end])) hasLetter = true;
        if (cps[end].toLowerCase() === cps[end].toUpperCase()) continue;
        cased++;
        if (!isUpperCased(cps[end])) upper = false;
      }
      allCaps = upper && cased >= 2;
    }
    const table = wordInitial ? inv.initial : inv.general;
    let matched = 0;
    const maxLen = isWord(cps[i]) && !hasLetter ? 0 : Math.min(inv.maxLen, cps.length - i);
    for (let len = maxLen; len >= 1; len--) {
      const piece = cps.slice(i, i + len);
      const unit = table.get(piece.join('').toLowerCase());
      if (unit !== undefined) {
        out.push(applyCase(unit, piece, allCaps));
        matched = len;
        break;
      }
    }
    if (matched === 0) {
      out.push(cps[i]);
      matched = 1;
    }
    i += matched;
  }
  return out.join('');
}

import { readJson } from '../lib/atomic.ts';
import { UserError } from '../lib/errors.ts';

/**
 * Probabilistic romanization rules, e.g. `config/romanization/hy-AM.json`.
 *
 * Format: `{ "<Armenian unit>": { "<Latin>": probability, ... }, ... }` — the format translit-rnn and similar
 * projects use. For each key, the probabilities are in (0, 1] and sum to 1 (±1e-6); the Latin strings are
 * non-empty, printable, without white space and without `_` (the alignment placeholder).
 *
 * Accepted keys:
 * - a single letter (one code point, e.g. `"ձ"`, `"Ձ"`, `"և"`);
 * - the digraph ու in any casing (`"ու"`, `"Ու"`, `"ՈՒ"`): romanized as one unit, so "u" maps back to both letters;
 * - a word-initial form: `"^"` followed by one of the above (`"^ո"` → "vo", `"^ե"` → "ye"). Where a word-initial
 *   key exists it replaces the plain key for a unit that starts a word (the previous character is not a letter).
 *
 * - a punctuation mark from PUNCTUATION_KEYS (`"։"`, `"՞"`, `"…"`, …): how people type the Armenian mark on a Latin
 *   keyboard (`"։": {":": …}`, `"՞": {"?": 1}`). These keys are the punctuation convention: a rules file without
 *   them leaves the marks as they are. A punctuation value may also be the mark itself (kept as written).
 *
 * Option keys start with `$` (see SurfaceOptions): `"$allCapsDigraph"` and `"$caseVariants"`.
 *
 * Upper-case keys carry capitalised Latin ("Ձ" → "Dz"). A unit with no upper-case key uses its lower-case rule,
 * capitalised; in an all-capitals word the whole Latin string is upper-cased ("ՁԻ" → "DZI", or "DzI" with the
 * `$allCapsDigraph` "title" share). Characters with no rule at all (digits, Latin letters, other punctuation) pass
 * through unchanged.
 */

export interface Variant {
  latin: string;
  p: number;
}

export interface Rules {
  /** The file the rules came from (for messages). */
  file: string;
  /** Rule key → its variants, sorted by Latin string so that draws do not depend on the file's key order. */
  table: Map<string, Variant[]>;
  options: SurfaceOptions;
}

/**
 * Surface-form options of a rules file (all optional; absent = off).
 * - `$allCapsDigraph: { "title": p }`: in an all-capitals word, the share of words where a capital that is typed
 *   with several Latin letters keeps only its first one upper-case ("ԾԱՌ" → "TsAR" instead of "TSAR"), as some
 *   people type it. Drawn once per word.
 * - `$caseVariants: { "capitalizeWord": p, "upperWord": p, "titleLine": p, "upperLine": p }`: the training split
 *   is shown in the casings real text has more of than a corpus of running text: each line is upper-cased whole
 *   with `upperLine`, else Title-Cased with `titleLine`, else each Armenian word is upper-cased with `upperWord` or
 *   capitalised with `capitalizeWord`. Applied by the romanize stage to the train split only (see case.ts).
 */
export interface SurfaceOptions {
  allCapsDigraphTitle: number;
  caseVariants: CaseVariants;
}

export interface CaseVariants {
  capitalizeWord: number;
  upperWord: number;
  titleLine: number;
  upperLine: number;
}

export const NO_CASE_VARIANTS: CaseVariants = { capitalizeWord: 0, upperWord: 0, titleLine: 0, upperLine: 0 };

/**
 * Armenian punctuation a rules file may romanize: full stop ։, question ՞, exclamation ՜, emphasis ՛, comma ՝,
 * abbreviation point ․ (U+2024), hyphen ֊, ellipsis …, guillemets « ».
 */
export const PUNCTUATION_KEYS = new Set(['։', '՞', '՜', '՛', '՝', '․', '֊', '…', '«', '»']);
/** Marks written inside a word, on the stressed vowel (ունե՞ք): they do not end the word. */
export const IN_WORD_MARKS = new Set(['՞', '՜', '՛']);

/** The ու digraph, in any casing: the only Armenian unit of two code points. */
export const DIGRAPH = /^[ոՈ][ւՒ]$/u;
export const INITIAL = '^';
const LETTER = /^\p{L}$/u;
/** Printable ASCII or any Latin-script character, but not `_` (the alignment placeholder). */
const LATIN_VALUE = /^(?:[\x21-\x5E\x60-\x7E]|\p{Script=Latin})+$/u;

function isUnitKey(key: string): boolean {
  return DIGRAPH.test(key) || LETTER.test(key);
}

function probability(file: string, where: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1)
    throw new UserError(file, `${where}: ${JSON.stringify(v)} must be a number in [0, 1]`);
  return v;
}

function parseOption(file: string, key: string, value: unknown, options: SurfaceOptions): void {
  const obj = (names: readonly string[]): Record<string, number> => {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new UserError(file, `option ${key}: must be an object { ${names.map((n) => `"${n}": p`).join(', ')} }`);
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!names.includes(k)) throw new UserError(file, `option ${key}: unknown field ${JSON.stringify(k)} (known: ${names.join(', ')})`);
      out[k] = probability(file, `option ${key}.${k}`, v);
    }
    return out;
  };
  if (key === '$allCapsDigraph') options.allCapsDigraphTitle = obj(['title']).title ?? 0;
  else if (key === '$caseVariants') {
    const o = obj(['capitalizeWord', 'upperWord', 'titleLine', 'upperLine']);
    options.caseVariants = { ...NO_CASE_VARIANTS, ...o };
    if (o.upperWord !== undefined && o.capitalizeWord !== undefined && o.upperWord + o.capitalizeWord > 1)
      throw new UserError(file, `option ${key}: upperWord + capitalizeWord must be at most 1`);
  } else throw new UserError(file, `unknown option ${JSON.stringify(key)} (known: $allCapsDigraph, $caseVariants)`);
}

export function isValidRuleKey(key: string): boolean {
  if (PUNCTUATION_KEYS.has(key)) return true;
  return key.startsWith(INITIAL) ? isUnitKey(key.slice(INITIAL.length)) : isUnitKey(key);
}

/** Validate parsed JSON as rules; `file` names the source in errors. */
export function parseRules(raw: unknown, file: string): Rules {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new UserError(file, 'romanization rules must be a JSON object { "<letter>": { "<latin>": probability } }');
  const table = new Map<string, Variant[]>();
  const options: SurfaceOptions = { allCapsDigraphTitle: 0, caseVariants: { ...NO_CASE_VARIANTS } };
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) throw new UserError(file, 'romanization rules are empty');
  for (const [key, value] of entries) {
    if (key.startsWith('$')) {
      parseOption(file, key, value, options);
      continue;
    }
    const where = `key ${JSON.stringify(key)}`;
    if (!isValidRuleKey(key))
      throw new UserError(
        file,
        `${where}: not a single letter, the digraph ու, a word-initial form "^<letter>" / "^ու", or one of the ` +
          `punctuation marks ${[...PUNCTUATION_KEYS].join(' ')}`,
      );
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new UserError(file, `${where}: must map to an object { "<latin>": probability }`);
    const variants: Variant[] = [];
    let sum = 0;
    for (const [latin, p] of Object.entries(value as Record<string, unknown>)) {
      if (!LATIN_VALUE.test(latin) && !(PUNCTUATION_KEYS.has(key) && latin === key))
        throw new UserError(
          file,
          `${where}: romanization ${JSON.stringify(latin)} must be a non-empty Latin string (no spaces, no "_")`,
        );
      if (typeof p !== 'number' || !Number.isFinite(p) || p <= 0 || p > 1)
        throw new UserError(file, `${where}: probability of ${JSON.stringify(latin)} is ${JSON.stringify(p)}, must be in (0, 1]`);
      variants.push({ latin, p });
      sum += p;
    }
    if (variants.length === 0) throw new UserError(file, `${where}: has no romanizations`);
    if (Math.abs(sum - 1) > 1e-6) throw new UserError(file, `${where}: probabilities sum to ${sum}, must sum to 1`);
    variants.sort((a, b) => (a.latin < b.latin ? -1 : a.latin > b.latin ? 1 : 0));
    table.set(key, variants);
  }
  if (table.size === 0) throw new UserError(file, 'romanization rules have options but no rules');
  return { file, table, options };
}

export function loadRules(path: string): Rules {
  return parseRules(readJson(path), path);
}

export function isUpperCased(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

export function capitalize(s: string): string {
  const [first, ...rest] = Array.from(s);
  return first === undefined ? s : first.toUpperCase() + rest.join('');
}

export interface RuleMatch {
  /** The rule key used (for statistics), e.g. "ձ", "Ձ", "^ո". */
  key: string;
  variants: Variant[];
  /** The rule is the lower-case one for an upper-case unit: capitalise what it yields. */
  capitalize: boolean;
}

/**
 * The rule for one unit: the word-initial key first (when the unit starts a word), then the plain key; for each,
 * the exact casing first, then the lower-case key (capitalised). Null: no rule, the unit passes through.
 */
export function findRule(rules: Rules, unit: string, wordInitial: boolean): RuleMatch | null {
  if (PUNCTUATION_KEYS.has(unit)) {
    const punct = rules.table.get(unit);
    return punct ? { key: unit, variants: punct, capitalize: false } : null;
  }
  const lower = unit.toLowerCase();
  const upper = isUpperCased(Array.from(unit)[0] ?? '');
  const prefixes = wordInitial ? [INITIAL, ''] : [''];
  for (const prefix of prefixes) {
    const exact = rules.table.get(prefix + unit);
    if (exact) return { key: prefix + unit, variants: exact, capitalize: false };
    if (lower !== unit) {
      const low = rules.table.get(prefix + lower);
      if (low) return { key: prefix + lower, variants: low, capitalize: upper };
    }
  }
  return null;
}

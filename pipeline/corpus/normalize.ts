/**
 * Text clean-up and sentence splitting: pure functions on strings.
 */

/** Armenian letters: capitals U+0531–U+0556, small U+0560–U+0588 (incl. the ligature և U+0587). */
export const ARMENIAN_LETTER = /[\u0531-\u0556\u0560-\u0588]/u;
const ARMENIAN_LETTER_G = /[\u0531-\u0556\u0560-\u0588]/gu;

export function hasArmenian(s: string): boolean {
  return ARMENIAN_LETTER.test(s);
}

export function countArmenianLetters(s: string): number {
  return s.match(ARMENIAN_LETTER_G)?.length ?? 0;
}

/**
 * Normalise a line of text:
 * - Unicode NFC;
 * - `եւ` → `և`: older spellings (and the hunspell dictionary, CLDR) write the ligature as two letters, reformed
 *   orthography as one; one spelling keeps "ev" → "և" a single, learnable mapping;
 * - `_` → space: `_` is the aligner's placeholder and must never occur in the data;
 * - control, zero-width and soft-hyphen characters removed; every run of whitespace (tabs, NBSP, …) → one space,
 *   so a sentence is always one line and never contains the aligner's TAB separator.
 */
export function normalizeText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/եւ/g, 'և')
    .replace(/_/g, ' ')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Split normalised text into sentences. A sentence ends at Armenian ։ (U+0589), `:` used in its place, `.`, `?`,
 * `!`, `…` followed by a space (closing quotes/brackets stay with it). The Armenian marks ՞ ՜ ՛ sit inside words and
 * never end a sentence; `.` inside "example.org" or "3.14" has no space after it and does not split either, nor
 * does an abbreviation's `.` before a lowercase word.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const re = /[։:.?!…]+["'»”’)\]]*(?=\s|$)/gu;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    // A colon is a sentence end only in Armenian use (after an Armenian word); "Note: ..." stays whole.
    if (m[0].startsWith(':') && !ARMENIAN_LETTER.test(text[m.index - 1] ?? '')) continue;
    // A full stop followed by a lowercase letter or a digit is an abbreviation ("782 թ. հունվարին", "մ.թ.ա. 782"):
    // sentences start with a capital.
    if (m[0][0] === '.') {
      const next = /\S/u.exec(text.slice(end, end + 8))?.[0] ?? '';
      if (/\p{Nd}/u.test(next) || (next !== next.toUpperCase() && next === next.toLowerCase())) continue;
    }
    const s = text.slice(start, end).trim();
    if (s) out.push(s);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/**
 * Cut a sentence longer than maxChars at clause boundaries (`,` `;` `․` `՝` then a space), else at spaces, into
 * pieces of at most maxChars: long real sentences are scarce and worth keeping in parts. Returns [] when a piece
 * cannot be cut (one "word" longer than maxChars): that text is not language the model can learn from.
 */
export function fitLength(sentence: string, maxChars: number): string[] {
  const chars = [...sentence];
  if (chars.length <= maxChars) return [sentence];
  const out: string[] = [];
  let rest = chars;
  while (rest.length > maxChars) {
    const window = rest.slice(0, maxChars + 1).join('');
    let cut = -1;
    for (const re of [/[,;․՝] /gu, / /gu]) {
      let last = -1;
      for (let m = re.exec(window); m; m = re.exec(window)) last = m.index + m[0].length - 1;
      // Prefer a clause boundary, but not one that leaves a tiny first piece.
      if (last > maxChars / 3) {
        cut = last;
        break;
      }
    }
    if (cut < 0) {
      const sp = window.lastIndexOf(' ');
      if (sp <= 0) return [];
      cut = sp;
    }
    const cutCp = [...window.slice(0, cut)].length;
    out.push(rest.slice(0, cutCp).join('').trim());
    rest = rest.slice(cutCp + 1);
  }
  const tail = rest.join('').trim();
  if (tail) out.push(tail);
  return out.filter(Boolean);
}

/** A whitespace token is Latin when it has a Latin letter or a digit and no Armenian letter (URLs, numbers, names). */
export function isLatinToken(tok: string): boolean {
  return /[A-Za-z0-9]/.test(tok) && !ARMENIAN_LETTER.test(tok);
}

/** Capitalise the first letter; `և` becomes `Եվ` (its capital form is two letters). */
export function capitalize(s: string): string {
  if (!s) return s;
  if (s.startsWith('և')) return 'Եվ' + s.slice(1);
  const first = String.fromCodePoint(s.codePointAt(0)!);
  return first.toUpperCase() + s.slice(first.length);
}

import { decodeEntities } from './wikitext.ts';

/**
 * Translation-catalog strings (npm locale files, gettext .po/.mo) → plain lines of text. A catalog string is UI
 * text with programming around it: format placeholders, menu accelerators, markup, escaped line breaks. What is
 * left is the text a user reads, which is the natural Armenian we want.
 *
 * Placeholders (one rule for every catalog format):
 * - numeric ones (`%d`, `%1$d`, `%ld`, Blockly's `%1`, `{0}`, `{{count}}`, `{count}`, `{n}`) become a small
 *   number, so "%1-ով %2-ից" reads "2-ով 3-ից" as the UI shows it;
 * - named ones (`{name}`, `{{name}}`, `%(name)s`, `${name}`) become the name: a CamelCase / snake_case Latin token
 *   of the kind real UI text is full of (the model must learn to keep such tokens whole);
 * - string ones (`%s`, `%1$s`, `%@`) are removed: the UI fills them with an arbitrary value.
 */

const NUMERIC_NAMES = /^(count|n|num|number|total|amount|min|max|size|index|[0-9]+)$/i;

/** Replace format placeholders (rules above). */
export function replacePlaceholders(s: string): string {
  let k = 0;
  const num = () => String(2 + (k++ % 8));
  return (
    s
      // {} (Python's positional format) is a value: a number is the likeliest
      .replace(/\{\}/g, () => num())
      // {{name}} / {name} / ${name} (i18next, ICU simple arguments, JS templates)
      .replace(/\$?\{\{?\s*([A-Za-z0-9_.]+)\s*\}?\}/g, (_m, name: string) =>
        NUMERIC_NAMES.test(name) ? num() : name.replace(/\./g, '_'),
      )
      // %(name)s, %(count)d (Python)
      .replace(/%\(([A-Za-z0-9_]+)\)[-+ #0-9.]*[sdiufgxXc]/g, (_m, name: string) =>
        NUMERIC_NAMES.test(name) ? num() : name,
      )
      // printf: %s %d %1$s %ld %'d %5.2f %@, and Blockly's bare %1
      .replace(/%(?:[0-9]+\$)?[-+ #'0-9.]*(?:hh|h|ll|l|j|z|t|L|q|I64|I32)?([sdiufFeEgGxXocpSr@])|%([0-9]+)(?![0-9$])/g, (m, conv?: string) =>
        conv === undefined ? num() : /[sScpr@]/.test(conv) ? '' : num(),
      )
      .replace(/%%/g, '%')
  );
}

/**
 * Remove menu accelerators: `&File` / `_File` (GTK, Qt, Windows) mark the key letter; `&&` is a literal `&`.
 * An accelerator sits before a letter, at a word start or inside a word (`Ֆա_յլ`); `&amp;`-style entities are
 * left for decodeEntities.
 */
export function stripAccelerators(s: string): string {
  return s
    .replace(/&&/g, '\u0000')
    .replace(/&(?![A-Za-z]+;|#[0-9]+;|#x[0-9a-fA-F]+;)(?=\p{L})/gu, '')
    .replace(/(^|[\s\p{L}(«"'])_(?=[\p{L}\p{N}])/gu, '$1')
    .replace(/\u0000/g, '&');
}

/** Markup tags (`<b>`, `<a href=…>`, `<br/>`) removed; a `<br>` or block tag is a line break. */
export function stripMarkup(s: string): string {
  return s.replace(/<(br|p|li|div)\b[^>]*>/gi, '\n').replace(/<\/?[A-Za-z][^<>]*>/g, '');
}

/**
 * One catalog string → its lines of plain text (escaped and real line breaks split lines; `_`-joined word lists,
 * moment's `'հունվար_փետրվար_…'.split('_')`, become one word per line when accelerators are off). Nothing else is
 * normalised here: the collector does NFC, whitespace and sentence splitting.
 */
export function catalogStringLines(raw: string, opts: { accelerators?: boolean } = {}): string[] {
  // `_` is an accelerator only in catalogs that use one (gettext); JS locale files use it as a list separator.
  const plain = opts.accelerators === false ? raw : stripAccelerators(raw);
  const text = decodeEntities(stripMarkup(replacePlaceholders(plain)));
  const lines = text.split(/\r?\n|\\n/);
  return (opts.accelerators === false ? lines.flatMap((l) => (/^[^_\s]+(_[^_\s]+)+$/u.test(l) ? l.split('_') : [l])) : lines)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Decode the body of a JS/JSON string literal (\n, \t, \uXXXX, \u{…}, \xXX, escaped quotes). */
export function decodeJsEscapes(body: string): string {
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (_m, e: string) => {
    if (e.startsWith('u{')) return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    if (e.length > 1 && (e[0] === 'u' || e[0] === 'x')) return String.fromCharCode(parseInt(e.slice(1), 16));
    return e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '' : e === '\n' ? '' : e;
  });
}

/**
 * The string literals of a JavaScript (or JSON) source, decoded, in order. A small scanner, not a parser: it
 * skips comments and keeps '…', "…" and `…` literals (template literals without their `${}` parts). Regex
 * literals and code are ignored; callers keep only strings with Armenian letters, so a misread piece of code
 * cannot enter the corpus unless it is Armenian text.
 */
export function jsStringLiterals(src: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? src.length : nl;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 2;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== c && !(c !== '`' && src[j] === '\n')) j += src[j] === '\\' ? 2 : 1;
      let body = src.slice(i + 1, j);
      if (c === '`') body = body.replace(/\$\{[^}]*\}/g, ' ');
      out.push(decodeJsEscapes(body));
      i = j + 1;
    } else i++;
  }
  return out;
}

/** Every string value of a parsed JSON document (keys excluded), in key order. */
export function* jsonStringValues(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* jsonStringValues(v);
  else if (value && typeof value === 'object')
    for (const k of Object.keys(value).sort()) yield* jsonStringValues((value as Record<string, unknown>)[k]);
}

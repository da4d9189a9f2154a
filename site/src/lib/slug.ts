/**
 * URL-safe, case-safe slugs for (input, output) pairs: ASCII lowercase letters and digits stay, every other code point
 * becomes `u` + its hex (so `t`→`ծ` is `t--u56e`, `T` is `u54`): permalinks that survive any file system and any copy.
 */
function encodeChars(s: string): string {
  let out = '';
  for (const ch of s) out += /^[a-z0-9]$/.test(ch) ? ch : `u${ch.codePointAt(0)!.toString(16)}`;
  return out || 'empty';
}

export function pairSlug(input: string, output: string): string {
  return `${encodeChars(input)}--${encodeChars(output)}`;
}

/** Shown in titles: the pair as the post writes it, with the placeholder and space made visible. */
export function showChar(s: string): string {
  if (s === ' ') return '␣';
  if (s === '') return '∅';
  return s;
}

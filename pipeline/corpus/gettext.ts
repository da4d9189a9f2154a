/**
 * GNU gettext catalogs: `.po` (text) and `.mo` (binary) parsing into entries. Pure functions on strings / bytes;
 * the formats are small and stable (GNU gettext manual, "The Format of PO Files" / "The Format of GNU MO Files"),
 * so they are read here rather than through a dependency.
 */

export interface CatalogEntry {
  context?: string;
  msgid: string;
  msgidPlural?: string;
  /** The translation; one string per plural form when msgidPlural is set. Empty strings = untranslated. */
  msgstr: string[];
  /** Marked `#, fuzzy` (a guess the translator has not confirmed): callers skip it. */
  fuzzy: boolean;
}

export interface Catalog {
  /** Header fields (`Content-Type`, `Plural-Forms`, `Language`…) from the entry with an empty msgid. */
  header: Record<string, string>;
  entries: CatalogEntry[];
}

/** Thrown with a message naming what is wrong; the caller adds the file. */
export class CatalogError extends Error {}

function parseHeader(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

/** The charset a header declares (`Content-Type: text/plain; charset=UTF-8`), lower-cased; utf-8 by default. */
export function headerCharset(header: Record<string, string>): string {
  const m = /charset=([^\s;]+)/i.exec(header['Content-Type'] ?? '');
  const cs = (m?.[1] ?? 'utf-8').toLowerCase();
  return cs === 'charset' ? 'utf-8' : cs; // "charset=CHARSET" is the untouched template value
}

/** Decode a C-style string body from a .po file (`\n`, `\t`, `\"`, `\\`, octal and hex escapes). */
export function unescapePo(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_m, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ({ n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v' } as Record<string, string>)[e] ?? e;
  });
}

/**
 * Parse a .po file. Obsolete entries (`#~`) are skipped; `#, fuzzy` is recorded. The header entry (empty msgid)
 * becomes `header` and is not an entry.
 */
export function parsePo(text: string): Catalog {
  const entries: CatalogEntry[] = [];
  let header: Record<string, string> = {};
  let cur: { context?: string; msgid?: string; msgidPlural?: string; msgstr: string[]; fuzzy: boolean } | null = null;
  let field: { key: 'context' | 'msgid' | 'msgidPlural' } | { key: 'msgstr'; index: number } | null = null;
  let pendingFuzzy = false;
  const finish = () => {
    if (cur && cur.msgid !== undefined) {
      if (cur.msgid === '' && cur.context === undefined) header = parseHeader(cur.msgstr[0] ?? '');
      else entries.push({ ...cur, msgid: cur.msgid, msgstr: cur.msgstr.map((s) => s ?? '') });
    }
    cur = null;
    field = null;
  };
  const start = () => {
    if (!cur || cur.msgstr.length > 0) {
      finish();
      cur = { msgstr: [], fuzzy: pendingFuzzy };
      pendingFuzzy = false;
    }
    return cur;
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') {
      finish();
      return;
    }
    if (line.startsWith('#')) {
      if (line.startsWith('#~')) return;
      if (line.startsWith('#,') && /\bfuzzy\b/.test(line)) {
        if (cur && cur.msgstr.length === 0) cur.fuzzy = true;
        else pendingFuzzy = true;
      }
      return;
    }
    const m = /^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$/.exec(line);
    if (m) {
      const body = unescapePo(m[3]);
      if (m[1] === 'msgctxt') {
        start().context = body;
        field = { key: 'context' };
      } else if (m[1] === 'msgid') {
        const c = start();
        c.msgid = body;
        field = { key: 'msgid' };
      } else if (m[1] === 'msgid_plural') {
        if (!cur) throw new CatalogError(`line ${i + 1}: msgid_plural without msgid`);
        (cur as { msgidPlural?: string }).msgidPlural = body;
        field = { key: 'msgidPlural' };
      } else {
        if (!cur || (cur as { msgid?: string }).msgid === undefined) throw new CatalogError(`line ${i + 1}: msgstr without msgid`);
        const index = m[2] === undefined ? 0 : Number(m[2]);
        (cur as { msgstr: string[] }).msgstr[index] = body;
        field = { key: 'msgstr', index };
      }
      return;
    }
    const cont = /^"(.*)"$/.exec(line);
    if (cont && cur && field) {
      const body = unescapePo(cont[1]);
      const c = cur as { context?: string; msgid?: string; msgidPlural?: string; msgstr: string[] };
      const f = field as { key: 'context' | 'msgid' | 'msgidPlural' } | { key: 'msgstr'; index: number };
      if (f.key === 'msgstr') c.msgstr[f.index] += body;
      else c[f.key] = (c[f.key] ?? '') + body;
      return;
    }
    throw new CatalogError(`line ${i + 1}: not a .po line: ${line.slice(0, 60)}`);
  });
  finish();
  return { header, entries };
}

/**
 * Parse a .mo file: magic 0x950412de in either byte order, then N, the offsets of the original and translated
 * string tables (each N × [length, offset]). An original is `msgctxt\x04msgid[\0msgid_plural]`; a translation
 * holds the plural forms separated by NUL. Strings are bytes in the header's charset (UTF-8 unless it says other).
 */
export function parseMo(buf: Uint8Array): Catalog {
  if (buf.length < 28) throw new CatalogError('too short for a .mo file');
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const magic = view.getUint32(0, true);
  const little = magic === 0x950412de ? true : magic === 0xde120495 ? false : null;
  if (little === null) throw new CatalogError('not a .mo file (bad magic number)');
  const u32 = (off: number) => {
    if (off + 4 > buf.length) throw new CatalogError(`truncated .mo file (offset ${off})`);
    return view.getUint32(off, little);
  };
  const major = u32(4) >>> 16;
  if (major > 1) throw new CatalogError(`unsupported .mo major revision ${major}`);
  const n = u32(8);
  const origTable = u32(12);
  const transTable = u32(16);
  const bytesAt = (table: number, i: number) => {
    const len = u32(table + 8 * i);
    const off = u32(table + 8 * i + 4);
    if (off + len > buf.length) throw new CatalogError(`truncated .mo file (string ${i})`);
    return buf.subarray(off, off + len);
  };
  // Decode the header first (it names the charset), then everything with that charset.
  let decoder = new TextDecoder('utf-8', { fatal: true });
  let header: Record<string, string> = {};
  for (let i = 0; i < n; i++)
    if (bytesAt(origTable, i).length === 0) {
      header = parseHeader(new TextDecoder('utf-8').decode(bytesAt(transTable, i)));
      const cs = headerCharset(header);
      try {
        decoder = new TextDecoder(cs, { fatal: true });
      } catch {
        throw new CatalogError(`unsupported charset ${cs}`);
      }
    }
  const decode = (b: Uint8Array, what: string) => {
    try {
      return decoder.decode(b);
    } catch {
      throw new CatalogError(`${what} is not valid ${decoder.encoding}`);
    }
  };
  const entries: CatalogEntry[] = [];
  for (let i = 0; i < n; i++) {
    const orig = decode(bytesAt(origTable, i), `string ${i}`);
    if (orig === '') continue;
    const ctx = orig.indexOf('\x04');
    const [msgid, msgidPlural] = (ctx >= 0 ? orig.slice(ctx + 1) : orig).split('\0');
    entries.push({
      ...(ctx >= 0 ? { context: orig.slice(0, ctx) } : {}),
      msgid,
      ...(msgidPlural !== undefined ? { msgidPlural } : {}),
      msgstr: decode(bytesAt(transTable, i), `translation ${i}`).split('\0'),
      fuzzy: false,
    });
  }
  return { header, entries };
}

import type { Rng } from '../lib/rng.ts';

/**
 * A small Hunspell affix engine, enough to *generate* the inflected forms a dictionary licenses (the reverse of
 * what a spell checker does). Supported: SFX/PFX tables with strip strings, conditions and continuation classes
 * (two suffix levels, as Hunspell allows), cross products of a prefix with suffixes, FLAG long/num/UTF-8/ASCII,
 * NEEDAFFIX and FORBIDDENWORD. Morphological fields after the condition are ignored.
 */

export interface AffixRule {
  /** Characters removed from the word (empty for none). */
  strip: string;
  /** Characters added (empty for none). */
  add: string;
  /** Flags of the affixed form (continuation classes). */
  contFlags: string[];
  /** Condition on the word before stripping, compiled and anchored at the word's end (SFX) or start (PFX). */
  condition: RegExp;
}

export interface AffixClass {
  kind: 'SFX' | 'PFX';
  flag: string;
  /** Cross product: may combine with an affix of the other kind. */
  cross: boolean;
  rules: AffixRule[];
}

export interface AffixFile {
  flagMode: 'short' | 'long' | 'num' | 'UTF-8';
  needAffix: string | null;
  forbidden: string | null;
  classes: Map<string, AffixClass>;
}

export interface DicEntry {
  word: string;
  flags: string[];
}

/** Split a flag string according to the FLAG mode. */
export function splitFlags(s: string, mode: AffixFile['flagMode']): string[] {
  if (!s) return [];
  if (mode === 'long') {
    const out: string[] = [];
    for (let i = 0; i < s.length; i += 2) out.push(s.slice(i, i + 2));
    return out;
  }
  if (mode === 'num') return s.split(',').filter(Boolean);
  return [...s];
}

/** Hunspell conditions are a tiny regex language: literal characters, `.`, and `[...]` / `[^...]` classes. */
function compileCondition(cond: string, kind: 'SFX' | 'PFX'): RegExp {
  if (cond === '.' || cond === '') return /(?:)/u;
  let src = '';
  for (let i = 0; i < cond.length; i++) {
    const c = cond[i];
    if (c === '[') {
      const end = cond.indexOf(']', i);
      if (end < 0) throw new Error(`unterminated [ in affix condition "${cond}"`);
      let body = cond.slice(i + 1, end);
      const neg = body.startsWith('^');
      if (neg) body = body.slice(1);
      src += `[${neg ? '^' : ''}${body.replace(/[\\\]\-^]/g, '\\$&')}]`;
      i = end;
    } else if (c === '.') src += '.';
    else src += c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(kind === 'SFX' ? `${src}$` : `^${src}`, 'u');
}

/** Parse an .aff file's text. Throws a plain Error with the line number on malformed affix lines. */
export function parseAff(text: string): AffixFile {
  const aff: AffixFile = { flagMode: 'short', needAffix: null, forbidden: null, classes: new Map() };
  const lines = text.split(/\r?\n/);
  // Flags are read after FLAG is known, so collect affix lines first.
  const affixLines: { n: number; fields: string[] }[] = [];
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (!line || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    switch (fields[0]) {
      case 'FLAG':
        if (fields[1] === 'long' || fields[1] === 'num' || fields[1] === 'UTF-8') aff.flagMode = fields[1];
        break;
      case 'NEEDAFFIX':
        aff.needAffix = fields[1] ?? null;
        break;
      case 'FORBIDDENWORD':
        aff.forbidden = fields[1] ?? null;
        break;
      case 'SFX':
      case 'PFX':
        affixLines.push({ n: i + 1, fields });
        break;
      default:
        break;
    }
  }
  for (const { n, fields } of affixLines) {
    const kind = fields[0] as 'SFX' | 'PFX';
    const flag = fields[1];
    const existing = aff.classes.get(flag);
    if (!existing) {
      // The first line of a class is its header: SFX flag cross count.
      if (fields.length < 4 || !/^[YN]$/.test(fields[2]) || !/^\d+$/.test(fields[3]))
        throw new Error(`line ${n}: expected an affix header "${kind} ${flag} Y|N count"`);
      aff.classes.set(flag, { kind, flag, cross: fields[2] === 'Y', rules: [] });
      continue;
    }
    if (fields.length < 4) throw new Error(`line ${n}: affix rule needs strip, add and condition`);
    const [addRaw, contRaw = ''] = fields[3].split('/');
    existing.rules.push({
      strip: fields[2] === '0' ? '' : fields[2],
      add: addRaw === '0' ? '' : addRaw,
      contFlags: splitFlags(contRaw, aff.flagMode),
      condition: compileCondition(fields[4] ?? '.', kind),
    });
  }
  return aff;
}

/** Parse one .dic line ("word/FLAGS"); the first line (the count) and blank lines give null. */
export function parseDicLine(line: string, aff: AffixFile, lineNo: number): DicEntry | null {
  const t = line.trim();
  if (!t || (lineNo === 1 && /^\d+$/.test(t))) return null;
  // Fields after whitespace are morphological descriptions; an escaped slash (\/) belongs to the word.
  const head = t.split(/\s+/)[0];
  const m = /^((?:\\\/|[^/])+)(?:\/(.*))?$/.exec(head);
  if (!m) return null;
  return { word: m[1].replace(/\\\//g, '/'), flags: splitFlags(m[2] ?? '', aff.flagMode) };
}

function applySuffix(word: string, r: AffixRule): string | null {
  if (r.strip && !word.endsWith(r.strip)) return null;
  if (!r.condition.test(word)) return null;
  return word.slice(0, word.length - r.strip.length) + r.add;
}

function applyPrefix(word: string, r: AffixRule): string | null {
  if (r.strip && !word.startsWith(r.strip)) return null;
  if (!r.condition.test(word)) return null;
  return r.add + word.slice(r.strip.length);
}

interface Derived {
  form: string;
  flags: string[];
  /** The suffix class that produced it may combine with a prefix. */
  cross: boolean;
}

/** Root plus every form made by one or two suffixes. */
function suffixForms(aff: AffixFile, word: string, flags: string[]): Derived[] {
  const out: Derived[] = [{ form: word, flags, cross: true }];
  for (const f of flags) {
    const cls = aff.classes.get(f);
    if (!cls || cls.kind !== 'SFX') continue;
    for (const r of cls.rules) {
      const once = applySuffix(word, r);
      if (once === null) continue;
      out.push({ form: once, flags: r.contFlags, cross: cls.cross });
      for (const g of r.contFlags) {
        const cls2 = aff.classes.get(g);
        if (!cls2 || cls2.kind !== 'SFX') continue;
        for (const r2 of cls2.rules) {
          const twice = applySuffix(once, r2);
          if (twice !== null) out.push({ form: twice, flags: r2.contFlags, cross: cls.cross && cls2.cross });
        }
      }
    }
  }
  return out;
}

/**
 * Every word form the entry licenses, sorted and without duplicates. A form whose own flags carry NEEDAFFIX is
 * only a stem and is left out; a FORBIDDENWORD entry gives nothing.
 */
export function expandEntry(aff: AffixFile, entry: DicEntry): string[] {
  if (aff.forbidden && entry.flags.includes(aff.forbidden)) return [];
  const isStem = (flags: string[]) => aff.needAffix !== null && flags.includes(aff.needAffix);
  const forms = new Set<string>();
  const derived = suffixForms(aff, entry.word, entry.flags);
  for (const d of derived) if (!isStem(d.flags)) forms.add(d.form);
  for (const f of entry.flags) {
    const cls = aff.classes.get(f);
    if (!cls || cls.kind !== 'PFX') continue;
    for (const r of cls.rules) {
      // Prefix on the root, and on suffixed forms when both sides allow the cross product.
      for (const d of derived) {
        if (d !== derived[0] && !(cls.cross && d.cross)) continue;
        const p = applyPrefix(d.form, r);
        if (p === null) continue;
        const pFlags = d === derived[0] ? r.contFlags : d.flags;
        if (!isStem(pFlags)) forms.add(p);
        // The prefix's continuation classes license suffixes on the prefixed root.
        if (d === derived[0])
          for (const e of suffixForms(aff, p, r.contFlags).slice(1)) if (!isStem(e.flags)) forms.add(e.form);
      }
    }
  }
  return [...forms].sort();
}

/**
 * One random form of the entry, drawn by a short random walk over the same rules as `expandEntry` (so every
 * result is one of its forms), without enumerating them all: cheap enough to call hundreds of thousands of times.
 * Where a class has a specific and a generic rule adding the same ending, only the specific one is used.
 * Returns null when the walk ends on a stem that is not a word by itself (the caller draws again).
 */
export function randomForm(aff: AffixFile, entry: DicEntry, rng: Rng, pBare = 0.3): string | null {
  if (aff.forbidden && entry.flags.includes(aff.forbidden)) return null;
  const isStem = (flags: string[]) => aff.needAffix !== null && flags.includes(aff.needAffix);
  const pickRule = (word: string, flags: string[], kind: 'SFX' | 'PFX') => {
    const options: { cls: AffixClass; out: string; r: AffixRule }[] = [];
    for (const f of flags) {
      const cls = aff.classes.get(f);
      if (!cls || cls.kind !== kind) continue;
      const applicable = cls.rules.flatMap((r) => {
        const out = kind === 'SFX' ? applySuffix(word, r) : applyPrefix(word, r);
        return out === null ? [] : [{ cls, out, r }];
      });
      // A class may hold a specific rule (-յուն → -յան) and a generic one adding the same ending (0 → -յան): a
      // checker accepts both, but the specific one is the real inflection, so generation uses only it.
      const specificAdds = new Set(applicable.filter((o) => o.r.strip).map((o) => o.r.add));
      for (const o of applicable) if (o.r.strip || !specificAdds.has(o.r.add)) options.push(o);
    }
    return options.length ? rng.pick(options) : null;
  };
  let form = entry.word;
  let flags = entry.flags;
  let cross = true;
  if (rng.next() >= pBare) {
    const s1 = pickRule(form, flags, 'SFX');
    if (s1) {
      form = s1.out;
      flags = s1.r.contFlags;
      cross = s1.cls.cross;
      if (rng.next() < 0.35) {
        const s2 = pickRule(form, flags, 'SFX');
        if (s2) {
          form = s2.out;
          flags = s2.r.contFlags;
          cross = cross && s2.cls.cross;
        }
      }
    }
  }
  // Prefixes are rarer in running text (negation չ-, future կ-): one form in eight that allows one gets one.
  if (rng.next() < 0.125) {
    const suffixed = form !== entry.word || flags !== entry.flags;
    const p = pickRule(entry.word, entry.flags, 'PFX');
    if (p && (!suffixed || (p.cls.cross && cross))) {
      const pre = applyPrefix(form, p.r);
      if (pre !== null) {
        if (!suffixed) {
          form = pre;
          flags = p.r.contFlags;
        } else form = pre;
      }
    }
  }
  return isStem(flags) ? null : form;
}

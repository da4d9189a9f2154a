import { describe, expect, it } from 'vitest';
import { acronym, identifier, latinToken } from '../../pipeline/corpus/latin.ts';
import { normalizeText } from '../../pipeline/corpus/normalize.ts';
import { Rng } from '../../pipeline/lib/rng.ts';
import { romanizeSentence } from '../../pipeline/romanize/romanize.ts';
import { loadRules } from '../../pipeline/romanize/rules.ts';

const rules = loadRules('config/romanization/hy-AM.json');
const ARMENIAN = /[\u0531-\u0556\u0560-\u0588]/u;

function sample(n: number, seed = 1): string[] {
  const rng = new Rng(seed, 'latin-test');
  return Array.from({ length: n }, () => latinToken(rng));
}

describe('Latin tokens of the corpus', () => {
  const tokens = sample(4000);

  it('survive normalisation unchanged and never hold the aligner placeholder "_"', () => {
    for (const t of tokens) {
      expect(normalizeText(t)).toBe(t);
      expect(t).not.toContain('_');
    }
  });

  it('cover each kind real text has: acronyms, identifiers, files and extensions, URLs, e-mail, Armenian endings', () => {
    const has = (re: RegExp, min: number) => expect(tokens.filter((t) => re.test(t)).length, String(re)).toBeGreaterThan(min);
    has(/^[A-Z]{2,6}\d*$/, 200); // acronyms
    has(/^[A-Za-z]*[a-z][A-Z][A-Za-z]*$/, 200); // CamelCase identifiers
    has(/^\(\.[a-z.0-9]+\)$/, 30); // "(.ics)"
    has(/^[\w-]+\.[a-z0-9.]+$/, 100); // file names
    has(/^(https?:\/\/)?(www\.)?[a-z]+\.[a-z]+(\/[\w]+)*$/, 100); // URLs
    has(/^[\w.]+@[a-z]+\.[a-z]+$/, 60); // e-mail
    has(/^[A-Za-z0-9.]*[A-Za-z][A-Za-z0-9.]*-[\u0561-\u0587]+$/, 150); // "HTTPS-ի"
    has(/^\d+-[\u0561-\u0587]+$/, 40); // "2-րդ", "2017-ին"
  });

  it('keeps the Latin part whole when romanized: only the Armenian ending is typed in Latin', () => {
    const rng = new Rng(2);
    for (const t of tokens) {
      const latin = romanizeSentence(t, rules, rng).latin;
      const latinPart = t.split(/(?=-[\u0561-\u0587])/u)[0];
      expect(latin.startsWith(latinPart), t).toBe(true);
      expect(ARMENIAN.test(latin), t).toBe(false);
    }
  });

  it('generates acronyms and identifiers rather than drawing from a short list', () => {
    const rng = new Rng(3);
    const acr = new Set(Array.from({ length: 500 }, () => acronym(rng)));
    const ids = new Set(Array.from({ length: 500 }, () => identifier(rng)));
    expect(acr.size).toBeGreaterThan(400);
    expect(ids.size).toBeGreaterThan(400);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z]+$/);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../pipeline/lib/errors.ts';
import { Rng } from '../../pipeline/lib/rng.ts';
import { caseVariant, upperArmenian } from '../../pipeline/romanize/case.ts';
import { buildInverse, deromanize } from '../../pipeline/romanize/inverse.ts';
import { romanizeSentence } from '../../pipeline/romanize/romanize.ts';
import { loadRules, NO_CASE_VARIANTS, parseRules } from '../../pipeline/romanize/rules.ts';
import { romanizeSplit } from '../../pipeline/romanize/stage.ts';

const rules = loadRules('config/romanization/hy-AM.json');
const BASE = {
  ա: { a: 1 }, ե: { e: 1 }, '^ե': { ye: 1 }, '^Ե': { Ye: 1 }, թ: { t: 1 }, ն: { n: 1 }, ք: { q: 1 }, ի: { i: 1 },
  ը: { '@': 1 }, ծ: { ts: 1 }, Ծ: { Ts: 1 }, ռ: { r: 1 }, ու: { u: 1 },
};
const fixed = (extra: Record<string, unknown> = {}) => parseRules({ ...BASE, ...extra }, 'fixed.json');
const latinOf = (text: string, r = rules, seed = 0) => romanizeSentence(text, r, new Rng(seed)).latin;

function loadError(value: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rules-')), 'r.json');
  writeFileSync(file, JSON.stringify(value));
  try {
    loadRules(file);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as Error).message;
  }
  throw new Error('expected loadRules to fail');
}

describe('punctuation as people type it in Latin (rules-file keys)', () => {
  it('types ՞ as "?" on the stressed vowel, inside the word', () => {
    const r = fixed({ '՞': { '?': 1 } });
    expect(latinOf('ունե՞ք', r)).toBe('une?q');
    // ՞ does not end the word: the ե after it is not word-initial ("a?e", not "a?ye").
    expect(latinOf('ա՞ե', r)).toBe('a?e');
    expect(latinOf('ունե՞ք', rules)).toMatch(/^une\?[kq]$/);
  });

  it('types the full stop ։ as ":" or "." and leaves a colon in a time alone', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 60; seed++) seen.add(latinOf('Ժամը 10:30 է։', rules, seed).slice(-1));
    expect([...seen].sort()).toEqual(['.', ':']);
    for (let seed = 0; seed < 20; seed++) expect(latinOf('Ժամը 10:30 է։', rules, seed)).toContain('10:30');
  });

  it('types … as "..." or keeps it, and keeps a source "..." as "..."', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 40; seed++) seen.add(latinOf('ա…', rules, seed).slice(1));
    expect([...seen].sort()).toEqual(['...', '…']);
    for (let seed = 0; seed < 10; seed++) expect(latinOf('ա...', rules, seed)).toBe('a...');
  });

  it('without punctuation keys, the marks pass through (the convention is the rules file\'s option)', () => {
    expect(latinOf('ունե՞ք։', fixed())).toBe('une՞q։');
  });

  it('accepts a punctuation mark as its own romanization only for punctuation keys', () => {
    expect(fixed({ '…': { '…': 0.5, '...': 0.5 } }).table.get('…')).toHaveLength(2);
    expect(loadError({ ...BASE, ա: { '…': 1 } })).toMatch(/"…" must be a non-empty Latin string/);
    expect(loadError({ ...BASE, '%': { '%': 1 } })).toMatch(/punctuation marks/);
  });

  it('the rule-based baseline leaves punctuation as typed', () => {
    const inv = buildInverse(rules);
    expect(deromanize('10:30', inv)).toBe('10:30');
  });
});

describe('capitals as people type them', () => {
  it('types a capitalised word with a capital first letter only ("Yete")', () => {
    expect(latinOf('Եթե', fixed())).toBe('Yete');
    for (let seed = 0; seed < 20; seed++) expect(latinOf('Եթե', rules, seed)).toMatch(/^(Ye|E)(t|th)e$/);
  });

  it('types an ALL-CAPS word in capitals, a capital digraph as "TS" or, with $allCapsDigraph, "Ts"', () => {
    expect(latinOf('ԾԱՌ', fixed())).toBe('TSAR');
    expect(latinOf('ԾԱՌ', fixed({ $allCapsDigraph: { title: 1 } }))).toBe('TsAR');
    const seen = new Set<string>();
    for (let seed = 0; seed < 80; seed++) seen.add(latinOf('ԾԱՌ ԾԱՌ', fixed({ $allCapsDigraph: { title: 0.5 } }), seed));
    // Drawn per word: both forms, and both within one line.
    expect(seen).toContain('TSAR TsAR');
    expect(seen).toContain('TSAR TSAR');
  });

  it('keeps an acronym whole and types the Armenian ending after its hyphen', () => {
    expect(latinOf('HTTPS-ի', fixed())).toBe('HTTPS-i');
    expect(latinOf('CRL-ը', fixed())).toBe('CRL-@');
    for (let seed = 0; seed < 20; seed++) expect(latinOf('CRL-ը IIRFilterNode (.ics)', rules, seed)).toMatch(/^CRL-[@ey] IIRFilterNode \(\.ics\)$/);
  });
});

describe('case variants of the training text ($caseVariants)', () => {
  const v = { ...NO_CASE_VARIANTS };

  it('upper-cases a whole line, Armenian words only, և as ԵՎ', () => {
    const c = caseVariant('Բարև, ես HTTPS-ի մասին եմ։', new Rng(1), { ...v, upperLine: 1 });
    expect(c.text).toBe('ԲԱՐԵՎ, ԵՍ HTTPS-Ի ՄԱՍԻՆ ԵՄ։');
    expect(c.change).toBe('upperLine');
    expect(upperArmenian('և')).toBe('ԵՎ');
  });

  it('Title-Cases a line, and re-cases single words at their rates', () => {
    expect(caseVariant('և ես iPhone ունեմ', new Rng(1), { ...v, titleLine: 1 }).text).toBe('Եվ Ես iPhone Ունեմ');
    // An Armenian ending after a hyphen keeps its case except in an all-capitals line.
    expect(caseVariant('HTTPS-ի կարգ', new Rng(1), { ...v, titleLine: 1 }).text).toBe('HTTPS-ի Կարգ');
    expect(caseVariant('HTTPS-ի', new Rng(1), { ...v, capitalizeWord: 1 }).text).toBe('HTTPS-ի');
    const rng = new Rng(3);
    let cap = 0;
    let up = 0;
    let words = 0;
    for (let i = 0; i < 2000; i++) {
      const c = caseVariant('մեկ երկու երեք չորս հինգ', rng, { ...v, capitalizeWord: 0.1, upperWord: 0.05 });
      cap += c.capitalized;
      up += c.upper;
      words += 5;
    }
    expect(cap / words).toBeGreaterThan(0.085);
    expect(cap / words).toBeLessThan(0.115);
    expect(up / words).toBeGreaterThan(0.04);
    expect(up / words).toBeLessThan(0.06);
  });

  it('re-cases the train split only, and only in case', () => {
    const withCase = fixed({ $caseVariants: { upperLine: 1 } });
    const lines = ['ա թե', 'եթե'];
    expect(romanizeSplit(lines, withCase, 1, 'train').map((r) => r.hy)).toEqual(['Ա ԹԵ', 'ԵԹԵ']);
    expect(romanizeSplit(lines, withCase, 1, 'test').map((r) => r.hy)).toEqual(lines);
    expect(romanizeSplit(lines, withCase, 1, 'train').map((r) => r.latin)).toEqual(['A TE', 'YETE']);
  });

  it('rejects unknown options and bad rates, naming the file', () => {
    expect(loadError({ ...BASE, $caps: {} })).toMatch(/unknown option "\$caps"/);
    expect(loadError({ ...BASE, $caseVariants: { upperLine: 2 } })).toMatch(/upperLine: 2 must be a number in \[0, 1\]/);
    expect(loadError({ ...BASE, $caseVariants: { shout: 0.1 } })).toMatch(/unknown field "shout"/);
  });

  it('the shipped rules re-case the train split', () => {
    const o = rules.options.caseVariants;
    expect(o.capitalizeWord + o.titleLine).toBeGreaterThan(0);
    expect(o.upperWord + o.upperLine).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { Rng } from '../../pipeline/lib/rng.ts';
import {
  capitalize,
  fitLength,
  hasArmenian,
  isLatinToken,
  normalizeText,
  splitSentences,
} from '../../pipeline/corpus/normalize.ts';
import { markQuestion, participle, personName, pseudoSentence } from '../../pipeline/corpus/pseudo.ts';
import { apportion } from '../../pipeline/corpus/embedded.ts';

describe('normalizeText', () => {
  it('applies NFC, joins եւ into և, replaces the placeholder _ and collapses whitespace', () => {
    expect(normalizeText('Cafe\u0301')).toBe('Café');
    expect(normalizeText('նաեւ  Երեւան')).toBe('նաև Երևան');
    expect(normalizeText('a_b\tc\u00A0d\u200B e\n')).toBe('a b c d e');
    expect(normalizeText('  ')).toBe('');
  });
});

describe('splitSentences', () => {
  it('splits at ։ . ? ! and keeps ՞ ՜ ՛ inside words', () => {
    expect(splitSentences('Բարև ձեզ։ Ինչպե՞ս եք։ Շա՜տ լավ! Իսկ դու? Վերջ.')).toEqual([
      'Բարև ձեզ։',
      'Ինչպե՞ս եք։',
      'Շա՜տ լավ!',
      'Իսկ դու?',
      'Վերջ.',
    ]);
  });

  it('does not split inside URLs, numbers or after a colon that follows a Latin word', () => {
    expect(splitSentences('Տես https://example.org կայքը 3.14 թիվը։ Note: սա է։')).toEqual([
      'Տես https://example.org կայքը 3.14 թիվը։',
      'Note: սա է։',
    ]);
    expect(splitSentences('Ես գնացի տուն: Նա մնաց')).toEqual(['Ես գնացի տուն:', 'Նա մնաց']);
  });

  it('does not split after an abbreviation followed by a lowercase word or a number', () => {
    expect(splitSentences('Այն հիմնվել է մ.թ.ա. 782 թ. հոկտեմբերին. Հետո աճեց։')).toEqual([
      'Այն հիմնվել է մ.թ.ա. 782 թ. հոկտեմբերին.',
      'Հետո աճեց։',
    ]);
  });

  it('keeps closing quotes with the sentence', () => {
    expect(splitSentences('Նա ասաց «բարև»։ Հետո գնաց։')).toEqual(['Նա ասաց «բարև»։', 'Հետո գնաց։']);
    expect(splitSentences('(Սա փակագծում է.) Իսկ սա՝ ոչ։')).toEqual(['(Սա փակագծում է.)', 'Իսկ սա՝ ոչ։']);
  });
});

describe('fitLength', () => {
  it('keeps short sentences and cuts long ones at clause boundaries, then spaces', () => {
    expect(fitLength('կարճ նախադասություն', 40)).toEqual(['կարճ նախադասություն']);
    const long = 'առաջին մասը բավական երկար է, երկրորդ մասը նույնպես երկար է, երրորդը վերջինն է';
    const parts = fitLength(long, 40);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect([...p].length).toBeLessThanOrEqual(40);
    expect(parts.join(' ')).toBe(long);
    expect(parts[0].endsWith(',')).toBe(true);
  });

  it('gives nothing for a single word longer than the limit', () => {
    expect(fitLength('ա'.repeat(100), 40)).toEqual([]);
  });
});

describe('small helpers', () => {
  it('recognise Armenian and Latin tokens', () => {
    expect(hasArmenian('abc')).toBe(false);
    expect(hasArmenian('abc և')).toBe(true);
    expect(isLatinToken('NASA')).toBe(true);
    expect(isLatinToken('2017')).toBe(true);
    expect(isLatinToken('https://example.org')).toBe(true);
    expect(isLatinToken('ես')).toBe(false);
    expect(isLatinToken('1-ին')).toBe(false);
    expect(isLatinToken('—')).toBe(false);
  });

  it('capitalise Armenian, with և → Եվ', () => {
    expect(capitalize('ես')).toBe('Ես');
    expect(capitalize('և նա')).toBe('Եվ նա');
    expect(capitalize('ուր')).toBe('Ուր');
  });

  it('put ՞ after the last vowel', () => {
    expect(markQuestion('ինչպես')).toBe('ինչպե՞ս');
    expect(markQuestion('ուր')).toBe('ու՞ր');
    expect(markQuestion('NASA')).toBe('NASA');
  });

  it('apportion counts that sum to the total', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0.5, 0.25, 0.25]).reduce((a, b) => a + b)).toBe(7);
  });
});

describe('pseudoSentence', () => {
  const content = (r: Rng) => r.pick(['ազատություն', 'գիրքը', 'խաղաղության', 'ծառ', 'ժողովուրդ']);
  it('is deterministic for a seed, capitalised, ends with sentence punctuation, and respects the word range', () => {
    const a = new Rng(3, 'p');
    const b = new Rng(3, 'p');
    for (let i = 0; i < 200; i++) {
      const s = pseudoSentence(a, content, { wordsPerSentence: [3, 6], latinMixRate: 0 });
      expect(pseudoSentence(b, content, { wordsPerSentence: [3, 6], latinMixRate: 0 })).toBe(s);
      expect(s).toMatch(/^[\u0531-\u0556]/u);
      expect(s).toMatch(/[։.:!?…]$/u);
      const words = s.split(' ').length;
      expect(words).toBeGreaterThanOrEqual(3);
      expect(words).toBeLessThanOrEqual(7); // the range, plus at most one auxiliary
    }
  });

  it('ends some sentences with "…" and some with "..." as written, and marks questions with ՞ inside a word', () => {
    const rng = new Rng(4, 'stops');
    const all = Array.from({ length: 3000 }, () => pseudoSentence(rng, content, { wordsPerSentence: [3, 6], latinMixRate: 0 }));
    expect(all.filter((s) => s.endsWith('...')).length).toBeGreaterThan(10);
    expect(all.filter((s) => s.endsWith('…')).length).toBeGreaterThan(10);
    expect(all.filter((s) => /[\u0561-\u0587]՞[\u0561-\u0587]*[ ։]/u.test(s)).length).toBeGreaterThan(50);
  });

  it('puts capitalised names inside sentences, not only at their start', () => {
    const rng = new Rng(6, 'names');
    let inner = 0;
    let words = 0;
    for (let i = 0; i < 2000; i++) {
      const toks = pseudoSentence(rng, content, { wordsPerSentence: [3, 6], latinMixRate: 0 }).split(' ');
      words += toks.length;
      inner += toks.slice(1).filter((t) => /^[\u0531-\u0556]/u.test(t)).length;
    }
    // content() has no capitals: every inner capital is a name (about 5 % of content slots).
    expect(inner / words).toBeGreaterThan(0.015);
    expect(inner / words).toBeLessThan(0.08);
    const r = new Rng(7);
    for (let i = 0; i < 200; i++) expect(personName(r)).toMatch(/^[\u0531-\u0556][\u0561-\u0587]+( [\u0531-\u0556][\u0561-\u0587]+)?$/u);
  });

  it('builds participles of -ել/-ալ infinitives', () => {
    const rng = new Rng(1, 'part');
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) seen.add(participle('գրել', rng)!);
    expect([...seen].sort()).toEqual(['գրել', 'գրելու', 'գրում']);
    for (let i = 0; i < 50; i++) expect(['կարդում', 'կարդալու']).toContain(participle('կարդալ', rng));
    expect(participle('գիրք', rng)).toBeNull();
  });

  it('makes clauses whose auxiliary agrees with the pronoun subject', () => {
    const rng = new Rng(9, 'clauses');
    let clauses = 0;
    for (let i = 0; i < 1000; i++) {
      const toks = pseudoSentence(rng, content, { wordsPerSentence: [3, 6], latinMixRate: 0 }).replace(/[։.:!?…]$/u, '').split(' ');
      if (toks[0] !== 'Ես' || !toks.some((t) => /(ում|ու|ել)$/u.test(t))) continue;
      const last = toks[toks.length - 1];
      if (['եմ', 'էի'].includes(last) || toks.includes('չեմ')) clauses++;
      else expect(['են', 'էր', 'էին', 'եմ', 'ենք', 'եք', 'ես', 'էի', 'է', 'չէ', 'չեն']).not.toContain(last);
    }
    expect(clauses).toBeGreaterThan(30);
  });

  it('mixes in Latin tokens at roughly the configured rate', () => {
    const rng = new Rng(5, 'latin');
    let latin = 0;
    let words = 0;
    for (let i = 0; i < 2000; i++) {
      const toks = pseudoSentence(rng, content, { wordsPerSentence: [4, 8], latinMixRate: 0.1 }).split(' ');
      words += toks.length;
      latin += toks.filter((t) => isLatinToken(t.replace(/[։.:!?…,]$/u, ''))).length;
    }
    expect(latin / words).toBeGreaterThan(0.04);
    expect(latin / words).toBeLessThan(0.2);
  });
});

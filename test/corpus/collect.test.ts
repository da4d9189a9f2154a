import { describe, expect, it } from 'vitest';
import { Rng } from '../../pipeline/lib/rng.ts';
import { SentenceCollector, contentKey } from '../../pipeline/corpus/collect.ts';

const opts = { minChars: 5, maxChars: 200, maxSentences: 0 };

function sentences(n: number, seed: number): string[] {
  const rng = new Rng(seed, 'collect');
  const words = ['ազատ', 'խաղաղ', 'ծառ', 'ցանց', 'ճաշ', 'չափ', 'ժամ', 'ղեկ', 'քար', 'ձուկ', 'օր', 'հաց'];
  // Few words, so duplicates occur.
  return Array.from({ length: n }, () => `${Array.from({ length: 2 + rng.int(2) }, () => rng.pick(words)).join(' ')}։`);
}

describe('SentenceCollector', () => {
  it('keeps exactly the maxSentences smallest content keys, whatever the input order', () => {
    const input = sentences(3000, 1);
    const distinct = [...new Set(input)];
    const expected = distinct.map(contentKey).sort().slice(0, 100);
    for (const seed of [1, 2, 3]) {
      const shuffled = new Rng(seed, 'order').shuffle([...input]);
      const c = new SentenceCollector({ ...opts, maxSentences: 100 });
      for (const s of shuffled) c.add('src', s);
      expect(c.result().map((k) => k.key)).toEqual(expected);
      const d = c.counts('src').dropped;
      expect(d.duplicate + d.overCap).toBe(input.length - 100);
    }
  });

  it('dedupes exactly without a cap and keeps the first source of a duplicate', () => {
    const c = new SentenceCollector(opts);
    c.add('a', 'Բարև ձեզ։ Բարև ձեզ։');
    c.add('b', 'Բարև   ձեզ։');
    expect(c.result().map((k) => [k.sentence, k.source])).toEqual([['Բարև ձեզ։', 'a']]);
    expect(c.counts('a').dropped.duplicate).toBe(1);
    expect(c.counts('b').dropped.duplicate).toBe(1);
  });

  it('refuses to grow past the uncapped limit with a message that says what to set', () => {
    const c = new SentenceCollector(opts, 10);
    expect(() => {
      for (const [i, s] of [...new Set(sentences(500, 2))].entries()) c.add('src', `${s} ${i}`);
    }).toThrow(/set corpus\.maxSentences/);
  });
});

import { describe, expect, it } from 'vitest';
import type { StepMeta } from '../../pipeline/capture/types.ts';
import { pairFileName, pairLabel, selectPairs } from '../../pipeline/stats/pairs.ts';

const vocab = {
  input: ['<pad>', '<unk>', ' ', 'a', 'k', 's', '1'],
  output: ['<pad>', '_', ' ', 'ա', 'կ', 'ք', 'ս', '1', 'a'],
};

/** Steps with the given (input, output, count) runs. */
function metaOf(runs: [string, string, number][]): StepMeta {
  const ids: number[] = [];
  const tg: number[] = [];
  for (const [c, o, n] of runs)
    for (let i = 0; i < n; i++) {
      ids.push(vocab.input.indexOf(c));
      tg.push(vocab.output.indexOf(o));
    }
  const z = () => new Int32Array(ids.length);
  return { inputId: Int32Array.from(ids), targetId: Int32Array.from(tg), predId: z(), sentence: z(), position: z() };
}

describe('pair selection', () => {
  it('keeps an output only when both "= o" and "≠ o" reach minCount', () => {
    // k: կ 300, ք 300 → both pairs (each side 300). s: ս 500, _ 299 → s→ս has ≠ = 299 < 300: none; s→_ has 299 < 300.
    const meta = metaOf([
      ['k', 'կ', 300],
      ['k', 'ք', 300],
      ['s', 'ս', 500],
      ['s', '_', 299],
    ]);
    const pairs = selectPairs(meta, vocab, 300);
    // k→կ and k→ք are one split (k has no other output): analysed once, the other side named as its mirror.
    expect(pairs.map(pairLabel)).toEqual(['k→կ']);
    expect(pairs[0]).toMatchObject({ eq: 300, ne: 300, mirror: 'k→ք', section: 'post' });
  });

  it('keeps the Armenian side of a two-way Latin-copy split, and puts other copy pairs in their own section', () => {
    const two = selectPairs(metaOf([['a', 'a', 400], ['a', 'ա', 900]]), vocab, 300);
    expect(two.map((p) => [pairLabel(p), p.section, p.mirror])).toEqual([['a→ա', 'post', 'a→a']]);
    const three = selectPairs(metaOf([['a', 'a', 400], ['a', 'ա', 900], ['a', '_', 400]]), vocab, 300);
    expect(three.map((p) => [pairLabel(p), p.section, p.mirror])).toEqual([
      ['a→_', 'post', null],
      ['a→ա', 'post', null],
      ['a→a', 'copy', null],
    ]);
  });

  it('counts a third output in "≠ o" without making it a pair', () => {
    const meta = metaOf([
      ['k', 'կ', 400],
      ['k', 'ք', 350],
      ['k', '_', 40],
    ]);
    const pairs = selectPairs(meta, vocab, 300);
    expect(pairs.map((p) => [pairLabel(p), p.eq, p.ne])).toEqual([
      ['k→կ', 400, 390],
      ['k→ք', 350, 440],
    ]);
  });

  it('ignores inputs with a single output, and non-Latin inputs', () => {
    const meta = metaOf([
      ['a', 'ա', 1000],
      ['1', '1', 500],
      ['1', '_', 500],
      [' ', ' ', 1000],
    ]);
    expect(selectPairs(meta, vocab, 300)).toEqual([]);
  });

  it('names pair files by code points', () => {
    expect(pairFileName({ input: 's', output: '_' })).toBe('0073-005f.json');
    expect(pairFileName({ input: 'u', output: 'ու' })).toBe('0075-05780582.json');
  });
});

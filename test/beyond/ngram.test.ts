import { describe, expect, it } from 'vitest';
import { alignedPairs, ngramPredict, windowSpan, type AlignedPair } from '../../pipeline/beyond/ngram.ts';
import { accuracyByChar, errorOverlap } from '../../pipeline/beyond/error-overlap.ts';
import { Rng } from '../../pipeline/lib/rng.ts';

/** Toy transliteration: "sh" → "S_", "ch" → "C_", any other letter → upper case, space stays. */
function toy(input: string): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if ((c === 's' || c === 'c') && input[i + 1] === 'h') (out += c.toUpperCase() + '_'), i++;
    else out += c === ' ' ? ' ' : c.toUpperCase();
  }
  return out;
}

function randomText(rng: Rng, len: number): string {
  return Array.from({ length: len }, () => rng.pick(['s', 'h', 'c', 'a', 'h', ' '])).join('');
}

describe('n-gram baseline', () => {
  it('window spans are centred and nested', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => windowSpan(n))).toEqual([
      { left: 0, right: 0 }, { left: 0, right: 1 }, { left: 1, right: 1 }, { left: 1, right: 2 },
      { left: 2, right: 2 }, { left: 2, right: 3 }, { left: 3, right: 3 },
    ]);
  });

  it('needs exactly a 3-window (one char each side) on a digraph mapping', () => {
    const rng = new Rng(5, 'ngram');
    const train: AlignedPair[] = Array.from({ length: 300 }, () => {
      const input = randomText(rng, 30);
      return { input: [...input], output: [...toy(input)] };
    });
    const test = Array.from({ length: 100 }, () => randomText(rng, 30));
    const queries = test.flatMap((s) => [...s].map((_, position) => ({ input: [...s], position })));
    const truth = test.flatMap((s) => [...toy(s)]);
    const { predictions, coverage } = ngramPredict(train, queries, 7);
    const acc = predictions.map((p) => p.filter((c, i) => c === truth[i]).length / truth.length);
    expect(acc[0]).toBeLessThan(0.95); // the char alone cannot tell "h" from "_"
    expect(acc[1]).toBeLessThan(1); // right context only: "h" after "s" still ambiguous
    expect(acc[2]).toBe(1);
    for (const a of acc.slice(3)) expect(a).toBe(1); // longer windows back off when unseen
    expect(coverage[0]).toBe(1);
    expect(coverage[6]).toBeLessThan(coverage[0]);
  });

  it('copies a character never seen in training', () => {
    const { predictions } = ngramPredict([{ input: ['a', 'b'], output: ['A', 'B'] }], [{ input: ['a', 'é'], position: 1 }], 3);
    expect(predictions.map((p) => p[0])).toEqual(['é', 'é', 'é']);
  });

  it('splits aligned lines into units like the capture (ու is one unit) and skips lines that do not split', () => {
    const { pairs, skipped } = alignedPairs([
      { input: 'shun', output: 'շ_ուն' },
      { input: 'ok', output: 'ok' },
      { input: 'abc', output: 'ab' },
    ]);
    expect(pairs).toEqual([
      { input: ['s', 'h', 'u', 'n'], output: ['շ', '_', 'ու', 'ն'] },
      { input: ['o', 'k'], output: ['o', 'k'] },
    ]);
    expect(skipped).toBe(1);
  });
});

describe('error overlap', () => {
  it('counts joint errors and sorts characters by the accuracy gap', () => {
    const net = Uint8Array.from([1, 1, 0, 0, 1, 1]);
    const base = Uint8Array.from([1, 0, 0, 1, 0, 0]);
    const o = errorOverlap(net, base);
    expect(o).toMatchObject({ bothRight: 1, bothWrong: 1, networkOnlyWrong: 1, baselineOnlyWrong: 3 });
    expect(o.jaccard).toBeCloseTo(1 / 5);
    expect(o.baselineWrongGivenNetworkWrong).toBeCloseTo(0.5);
    const byChar = accuracyByChar(['a', 'b', 'a', 'b', 'c', 'c'], net, base, 2);
    expect(byChar.map((c) => c.char)).toEqual(['c', 'a', 'b']);
    expect(byChar[0]).toMatchObject({ count: 2, network: 1, baseline: 0, difference: 1 });
    expect(byChar[2].difference).toBeCloseTo(0);
  });
});

import { describe, expect, it } from 'vitest';
import { inputConfusion, levenshtein, scorePairs } from '../../pipeline/train/metrics.ts';

const cps = (s: string) => Array.from(s);

describe('metrics', () => {
  it('computes Levenshtein distances of known cases', () => {
    expect(levenshtein(cps('kitten'), cps('sitting'))).toBe(3);
    expect(levenshtein(cps(''), cps('abc'))).toBe(3);
    expect(levenshtein(cps('abc'), cps(''))).toBe(3);
    expect(levenshtein(cps('flaw'), cps('lawn'))).toBe(2);
    expect(levenshtein(cps('բարև'), cps('բարեվ'))).toBe(2);
    expect(levenshtein(['ես', 'սիրում'], ['ես', 'սիրում'])).toBe(0);
  });

  it('scores character, word and sentence accuracy like translit-rnn', () => {
    // 1 substitution in 10 chars + 1 exact sentence of 5 chars: 1 edit / 15 chars.
    const r = scorePairs(['բարեվ ձեզ', 'ես եմ'], ['բարև ձեզ', 'ես եմ']);
    // "բարեվ ձեզ" vs "բարև ձեզ": 2 edits over 8 chars; total chars 8 + 5 = 13.
    expect(r.chars).toBe(13);
    expect(r.charAccuracy).toBeCloseTo(100 - (100 * 2) / 13, 10);
    expect(r.words).toBe(4);
    expect(r.wordAccuracy).toBeCloseTo(75, 10);
    expect(r.sentenceAccuracy).toBe(50);
    // Extra words in the prediction do not make word accuracy negative.
    expect(scorePairs(['ա բ գ դ ե զ'], ['ա']).wordAccuracy).toBe(100);
    expect(scorePairs(['x y z w'], ['ա']).wordAccuracy).toBe(0);
    expect(scorePairs([], [])).toMatchObject({ charAccuracy: 100, sentenceAccuracy: 100 });
  });

  it('reports confusions for ambiguous input letters only', () => {
    const data = [
      { input: cps('tt'), truth: ['թ', 'տ'], predicted: ['թ', 'թ'] },
      { input: cps('tta'), truth: ['թ', 'տ', 'ա'], predicted: ['թ', 'տ', 'ա'] },
    ];
    const c = inputConfusion(data, { minCount: 1 });
    expect(c.map((x) => x.input)).toEqual(['t']);
    expect(c[0]).toMatchObject({ count: 4, accuracy: 75 });
    expect(c[0].targets).toEqual([
      { output: 'թ', count: 2 },
      { output: 'տ', count: 2 },
    ]);
    expect(c[0].predicted[0]).toEqual({ output: 'թ', count: 3 });
    expect(c[0].errors).toEqual([{ target: 'տ', predicted: 'թ', count: 1 }]);
  });
});

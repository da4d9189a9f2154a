import { describe, expect, it } from 'vitest';
import { topErrorTypes } from '../../pipeline/evaluate/error-types.ts';
import { isMixedScript, matchedWords, scoreWordClasses, wordClass } from '../../pipeline/evaluate/word-classes.ts';
import { scorePairs } from '../../pipeline/train/metrics.ts';

describe('word classes', () => {
  it('classifies the reference word', () => {
    expect(wordClass('ոչխար')).toBe('lower');
    expect(wordClass('Երևան')).toBe('capitalized');
    expect(wordClass('Ուրախ')).toBe('capitalized');
    expect(wordClass('ՈՒՇԱԴՐՈՒԹՅՈՒՆ')).toBe('allcaps');
    expect(wordClass('Ե')).toBe('capitalized'); // one letter is not ALL-CAPS
    expect(wordClass('ՀՀ։')).toBe('allcaps'); // Armenian punctuation is no letter
    expect(wordClass('HTTPS-ի')).toBe('latin');
    expect(wordClass('(.ics)')).toBe('latin');
    expect(wordClass('42,')).toBeNull();
    expect(isMixedScript('Եթe')).toBe(true);
    expect(isMixedScript('HTTPS-ի')).toBe(true);
    expect(isMixedScript('Firefox')).toBe(false);
    expect(isMixedScript('ունե՞ք')).toBe(false);
  });

  it('matches words in order like the overall word accuracy', () => {
    expect(matchedWords(['ա', 'բ', 'գ'], ['ա', 'x', 'գ'])).toEqual([true, false, true]);
    expect(matchedWords(['բ', 'ա'], ['ա', 'բ']).filter(Boolean).length).toBe(1);
    expect(matchedWords([], ['ա'])).toEqual([false]);
  });

  it('scores a hand-made example by class, and counts mixed-script output words', () => {
    const truth = ['Եթե ոչխարը ունե՞ք HTTPS-ի', 'ԱՆՋԱՏՎԱԾ է Firefox', 'Բարև 42 ձեզ'];
    const predicted = ['Եթe ոչխարը ունե՞ք hTTPՍ-ի', 'ԱՆՋԱՏՎԱԾ է Fիrefox', 'Բարև 42 ձեզ'];
    const { byClass, mixedScriptWords } = scoreWordClasses(predicted, truth);
    // lower: ոչխարը ունե՞ք է ձեզ (all right); capitalized: Եթե (wrong) Բարև (right); allcaps: ԱՆՋԱՏՎԱԾ (right);
    // latin: HTTPS-ի (wrong) Firefox (wrong). 42 is in no class.
    expect(byClass).toEqual({
      lower: { words: 4, wordAccuracy: 100 },
      capitalized: { words: 2, wordAccuracy: 50 },
      allcaps: { words: 1, wordAccuracy: 100 },
      latin: { words: 2, wordAccuracy: 0 },
    });
    // Եթe and Fիrefox are mixed where their references are not; hTTPՍ-ի is mixed like HTTPS-ի.
    expect(mixedScriptWords.count).toBe(2);
    expect(mixedScriptWords.share).toBeCloseTo((100 * 2) / 10);
    // The classes add up to the overall word accuracy's count (42 is right and in no class).
    const all = scorePairs(predicted, truth);
    const classRight = Object.values(byClass).reduce((n, c) => n + (c.words * c.wordAccuracy) / 100, 0);
    expect(classRight + 1).toBeCloseTo((all.words * all.wordAccuracy) / 100);
  });

  it('lists the most frequent (expected → got) confusions with their first word', () => {
    const s = (input: string, truth: string[], predicted: string[]) => ({ input: Array.from(input), truth, predicted });
    const types = topErrorTypes(
      [
        s('tun ter', ['տ', 'ու', '_', ' ', 'տ', 'է', 'ր'], ['թ', 'ու', '_', ' ', 'թ', 'է', 'ռ']),
        s('tar', ['տ', 'ա', 'ր'], ['թ', 'ա', 'ր']),
      ],
      2,
    );
    expect(types).toEqual([
      { expected: 'տ', got: 'թ', count: 3, example: { input: 'tun', expected: 'տու', got: 'թու' } },
      { expected: 'ր', got: 'ռ', count: 1, example: { input: 'ter', expected: 'տէր', got: 'թէռ' } },
    ]);
  });
});

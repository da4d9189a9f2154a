import { describe, expect, it } from 'vitest';
import { classShares, isBrokenMixedScript, isMixedScript, wordClass } from '../../pipeline/romanize/word-class.ts';

describe('word classes (issue 12 table)', () => {
  it('classifies reference words', () => {
    expect(wordClass('ունե՞ք')).toBe('lower');
    expect(wordClass('Եթե')).toBe('capitalized');
    expect(wordClass('«Եթե»,')).toBe('capitalized');
    expect(wordClass('ԱՆՋԱՏՎԱԾ։')).toBe('allcaps');
    expect(wordClass('Ա')).toBe('capitalized'); // one letter is not ALL-CAPS
    expect(wordClass('HTTPS-ի')).toBe('latin');
    expect(wordClass('(.ics)')).toBe('latin');
    expect(wordClass('IIRFilterNode')).toBe('latin');
    expect(wordClass('10:30')).toBeNull();
    expect(wordClass('—')).toBeNull();
  });

  it('tells intended Latin + Armenian ending from broken mixed-script output', () => {
    expect(isMixedScript('HTTPS-ի')).toBe(true);
    expect(isBrokenMixedScript('HTTPS-ի')).toBe(false);
    expect(isBrokenMixedScript('Եթe')).toBe(true);
    expect(isBrokenMixedScript('IIՐFիlտերՆոդը')).toBe(true);
    expect(isBrokenMixedScript('ի-HTTPS')).toBe(true);
    expect(isBrokenMixedScript('Եթե')).toBe(false);
    expect(isBrokenMixedScript('iPhone')).toBe(false);
  });

  it('counts shares over lines, ignoring words without letters', () => {
    const s = classShares(['Ես iPhone ունեմ 2 հատ', 'ՀՀ']);
    expect(s.words).toBe(5);
    expect(s.counts).toEqual({ lower: 2, capitalized: 1, allcaps: 1, latin: 1 });
    expect(s.shares.lower).toBeCloseTo(0.4);
  });
});

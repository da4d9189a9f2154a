import { describe, expect, it } from 'vitest';
import { diffChars } from '../../site/src/lib/char-diff.ts';

describe('diffChars', () => {
  it('marks a substituted Armenian letter and nothing else', () => {
    expect(diffChars('Ֆրիթաուն', 'Ֆրիտաուն')).toEqual([
      { text: 'Ֆրի', same: true },
      { text: 'տ', same: false },
      { text: 'աուն', same: true },
    ]);
  });
  it('marks insertions, and keeps identical text as one run', () => {
    expect(diffChars('ես', 'եսս')).toEqual([{ text: 'ես', same: true }, { text: 'ս', same: false }]);
    expect(diffChars('abc', 'abc')).toEqual([{ text: 'abc', same: true }]);
    expect(diffChars('abc', '')).toEqual([]);
  });
  it('reassembles the prediction exactly', () => {
    const p = 'Դատարանի Ֆրիտաուն և CPU';
    expect(diffChars('Դատարանի Ֆրիթաուն և CPU', p).map((r) => r.text).join('')).toBe(p);
  });
});

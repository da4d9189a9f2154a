import type { SplitRomanizeStats } from '../lib/schemas/romanize.ts';
import type { RomanizedSentence } from './romanize.ts';

/** Counts kept while romanizing: variant usage per rule key, pass-through characters, lengths. */
export class RomanizeCounter {
  readonly variants: Record<string, Record<string, number>> = {};
  readonly passThrough: Record<string, number> = {};

  /** Count one sentence; the Latin is counted as written (an all-capitals word gives "DZ" under "Ձ"). */
  add(s: RomanizedSentence): { armenianChars: number; latinChars: number } {
    for (const seg of s.segments) {
      if (seg.rule === null) {
        this.passThrough[seg.hy] = (this.passThrough[seg.hy] ?? 0) + 1;
        continue;
      }
      const counts = (this.variants[seg.rule] ??= {});
      counts[seg.latin] = (counts[seg.latin] ?? 0) + 1;
    }
    return { armenianChars: Array.from(s.hy).length, latinChars: Array.from(s.latin).length };
  }
}

export function splitStats(sentences: number, armenianChars: number, latinChars: number): SplitRomanizeStats {
  return { sentences, armenianChars, latinChars, latinLengthRatio: armenianChars ? latinChars / armenianChars : 0 };
}

import { describe, expect, it } from 'vitest';
import { isKeptLatin, keptLatinSpans } from '../../pipeline/romanize/kept-latin.ts';

const kept = (text: string) => keptLatinSpans(text).map((s) => text.slice(s.start, s.end));

describe('kept-Latin detector (tokens decoding may copy through)', () => {
  it('finds URLs, e-mail, files and extensions, CamelCase identifiers, letter+digit tokens', () => {
    expect(kept('Bacek https://www.gov.am/hy/news kam info@mail.am hasceov:')).toEqual(['https://www.gov.am/hy/news', 'info@mail.am']);
    expect(kept('Pahpaneq fayl@ (.ics) dzevachapov, report-2024.pdf kam *.png:')).toEqual(['.ics', 'report-2024.pdf', '*.png']);
    expect(kept('IIRFilterNode-@ ev iPhone-i hamar, IPv6 u COVID-19:')).toEqual(['IIRFilterNode', 'iPhone', 'IPv6', 'COVID-19']);
    expect(kept('COVID-19-ic heto UTF-8-ov')).toEqual(['COVID-19', 'UTF-8']);
  });

  it('leaves romanized Armenian and ambiguous shapes to the model', () => {
    for (const w of ['Yete', 'ANJATVATS', 'ANJATVATs', 'ShUT', 'HTTPS', 'FORTEZZA', 'vor@', 'une?q', '4ash', 'MP4', 'online', '2-rd', '1990-akannerin', '10:30', '3.14'])
      expect(isKeptLatin(w), w).toBe(false);
    expect(kept('Yete duq une?q harcer, grel vor@ 10:30-in: Sa 2-rd angamn e...')).toEqual([]);
  });
});

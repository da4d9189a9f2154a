import { describe, expect, it } from 'vitest';
import { Rng } from '../../pipeline/lib/rng.ts';
import { romanizeSentence, splitUnits } from '../../pipeline/romanize/romanize.ts';
import { loadRules, parseRules } from '../../pipeline/romanize/rules.ts';

const rules = loadRules('config/romanization/hy-AM.json');
/** Rules with one variant per unit: the output is fully determined, so it can be checked letter by letter. */
const fixed = parseRules(
  {
    ա: { a: 1 }, Ա: { A: 1 }, բ: { b: 1 }, Բ: { B: 1 }, ձ: { dz: 1 }, Ձ: { Dz: 1 }, ի: { i: 1 }, զ: { z: 1 },
    ե: { e: 1 }, ո: { o: 1 }, վ: { v: 1 }, ր: { r: 1 }, ս: { s: 1 }, մ: { m: 1 }, ու: { u: 1 }, Ու: { U: 1 },
    ն: { n: 1 }, շ: { sh: 1 }, '^ո': { vo: 1 }, '^Ո': { Vo: 1 }, '^ե': { ye: 1 }, '^Ե': { Ye: 1 }, և: { ev: 1 },
  },
  'fixed.json',
);

const SENTENCE = 'Բարև ձեզ, ես սիրում եմ Deep Learning։ Որոշել է ու ուր, ՁՈՒԿ';

describe('romanizeSentence', () => {
  it('is deterministic for a seed and varies across seeds', () => {
    const a = romanizeSentence(SENTENCE, rules, new Rng(1));
    const b = romanizeSentence(SENTENCE, rules, new Rng(1));
    expect(a).toEqual(b);
    const latins = new Set([1, 2, 3, 4, 5, 6].map((s) => romanizeSentence(SENTENCE, rules, new Rng(s)).latin));
    expect(latins.size).toBeGreaterThan(1);
  });

  it('keeps the segmentation: units spell the Armenian, their Latin spells the romanization', () => {
    const r = romanizeSentence(SENTENCE, rules, new Rng(3));
    expect(r.hy).toBe(SENTENCE);
    expect(r.segments.map((s) => s.hy).join('')).toBe(SENTENCE);
    expect(r.segments.map((s) => s.latin).join('')).toBe(r.latin);
  });

  it('romanizes letter by letter with the rules', () => {
    expect(romanizeSentence('բարև ձիզ', fixed, new Rng(0)).latin).toBe('barev dziz');
  });

  it('treats ու as one unit', () => {
    expect(splitUnits('ուր Ուր ՈՒՐ ոտք')).toEqual(['ու', 'ր', ' ', 'Ու', 'ր', ' ', 'ՈՒ', 'Ր', ' ', 'ո', 'տ', 'ք']);
    const r = romanizeSentence('ուր', fixed, new Rng(0));
    expect(r.segments.map((s) => [s.hy, s.latin])).toEqual([
      ['ու', 'u'],
      ['ր', 'r'],
    ]);
    // Word-initial ու is ու, not a word-initial ո followed by ւ.
    expect(romanizeSentence('Ուր', fixed, new Rng(0)).latin).toBe('Ur');
  });

  it('applies word-initial rules at the start of each word only', () => {
    expect(romanizeSentence('որոշ', fixed, new Rng(0)).latin).toBe('vorosh');
    expect(romanizeSentence('Որոշ եմ, (ես) բեն', fixed, new Rng(0)).latin).toBe('Vorosh yem, (yes) ben');
  });

  it('preserves case: capitals capitalised, all-capitals words upper-cased', () => {
    expect(romanizeSentence('Ձի ձի', fixed, new Rng(0)).latin).toBe('Dzi dzi');
    expect(romanizeSentence('ՁԻ ԱԲ', fixed, new Rng(0)).latin).toBe('DZI AB');
    // No upper-case rule for Ս: the lower-case one, capitalised.
    expect(romanizeSentence('Սա', fixed, new Rng(0)).latin).toBe('Sa');
    // Random rules: every capital Armenian letter gives a capital first Latin letter.
    const r = romanizeSentence('Բարև Ձեզ Շնորհակալություն', rules, new Rng(9));
    for (const s of r.segments) if (s.hy !== s.hy.toLowerCase() && /\p{L}/u.test(s.latin)) expect(s.latin[0]).toMatch(/[A-Z]/);
  });

  it('passes through characters that have no rule', () => {
    const text = 'Deep Learning 2017, 3.14 — (ok):';
    const r = romanizeSentence(text, rules, new Rng(0));
    expect(r.latin).toBe(text);
    expect(r.segments.every((s) => s.rule === null)).toBe(true);
    // A letter missing from the rules passes through too.
    expect(romanizeSentence('աքա', fixed, new Rng(0)).latin).toBe('aքa');
  });

  it('with perWordConsistency, reuses one variant per letter within a word', () => {
    const twoWays = parseRules({ ծ: { ts: 0.5, c: 0.5 }, ա: { a: 1 } }, 'x.json');
    const word = 'ծածածածածածածածածա';
    const seen = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const consistent = romanizeSentence(`${word} ${word}`, twoWays, new Rng(seed), { perWordConsistency: true });
      for (const w of consistent.latin.split(' ')) {
        expect(w === 'tsa'.repeat(9) || w === 'ca'.repeat(9), w).toBe(true);
        seen.add(w);
      }
    }
    expect(seen.size).toBe(2);
    const mixed = romanizeSentence(word, twoWays, new Rng(0));
    expect(mixed.latin).toMatch(/c.*ts|ts.*c/);
  });

  it('draws variants with the rule probabilities', () => {
    const rng = new Rng(42);
    const counts: Record<string, number> = {};
    const text = 'խ'.repeat(4000);
    for (const s of romanizeSentence(text, rules, rng).segments) counts[s.latin] = (counts[s.latin] ?? 0) + 1;
    // խ: kh 0.5, x 0.5 (the first is word-initial but has no word-initial rule).
    expect(counts.kh / 4000).toBeGreaterThan(0.45);
    expect(counts.x / 4000).toBeGreaterThan(0.45);
  });
});

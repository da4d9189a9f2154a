import { describe, expect, it } from 'vitest';
import { alignPair, unalign, unrepresentable } from '../../pipeline/align/align.ts';
import { parseTsvLine, PLACEHOLDER, toTsvLine } from '../../pipeline/align/tsv.ts';
import { buildCorpus } from '../../pipeline/corpus/build.ts';
import { loadConfig } from '../../pipeline/lib/config.ts';
import { romanizeSplit, SPLITS } from '../../pipeline/romanize/stage.ts';
import { loadRules } from '../../pipeline/romanize/rules.ts';

process.env.TRANSLIT_QUIET = '1';

/** Lower case, the ligature և spelled out as եվ (its capitals are Եվ, ԵՎ). */
const foldCase = (s: string) => s.toLowerCase().replace(/և/g, 'եվ');

/**
 * The property the whole model rests on: romanize → align → TSV line → read back → unalign gives back every
 * sentence of the default corpus exactly, with input and output of equal length.
 */
describe('round trip on the whole default corpus', () => {
  it('is exact for every sentence, with and without per-word consistency', async () => {
    const cfg = loadConfig('config/default.json');
    const rules = loadRules(cfg.romanize.rules);
    const corpus = await buildCorpus(cfg.corpus, cfg.seed);
    let sentences = 0;
    let placeholders = 0;
    const failures: string[] = [];
    for (const perWordConsistency of [false, true]) {
      for (const split of SPLITS) {
        const texts = split === 'external' ? corpus.external : corpus.splits[split];
        const romanized = romanizeSplit(texts, rules, cfg.seed, split, { perWordConsistency });
        romanized.forEach((r, i) => {
          expect(unrepresentable(r.hy, r.latin)).toBeNull();
          const a = alignPair(r.segments.map((s) => [s.hy, s.latin] as const));
          const back = parseTsvLine(toTsvLine(a));
          // The train split is shown in the rules' case variants: its hy may differ from the corpus line in case only.
          const sameText = split === 'train' ? foldCase(r.hy) === foldCase(texts[i]) : r.hy === texts[i];
          if (!back || back.input.join('') !== r.latin || unalign(back.output) !== r.hy || !sameText)
            failures.push(texts[i]);
          placeholders += a.output.filter((u) => u === PLACEHOLDER).length;
          sentences++;
        });
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(sentences).toBeGreaterThan(10_000);
    expect(placeholders).toBeGreaterThan(10_000);
  });
});

import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { writeArtifact } from '../lib/artifact.ts';
import { writeFileAtomic } from '../lib/atomic.ts';
import { UserError } from '../lib/errors.ts';
import { sha256 } from '../lib/hash.ts';
import { Progress } from '../lib/progress.ts';
import { Rng } from '../lib/rng.ts';
import type { RomanizeStats, SplitRomanizeStats } from '../lib/schemas/romanize.ts';
import type { Stage, StageContext } from '../lib/stage.ts';
import { caseVariant } from './case.ts';
import { romanizeSentence, type RomanizedSentence, type RomanizeOptions } from './romanize.ts';
import { loadRules, type Rules } from './rules.ts';
import { RomanizeCounter, splitStats } from './stats.ts';

/** `external`: held-out real text (corpus.external), romanized by the same rules, never trained on. */
export const SPLITS = ['train', 'val', 'test', 'external'] as const;
export type Split = (typeof SPLITS)[number];

export function corpusFile(ctx: StageContext, split: Split): string {
  return join(ctx.cache, 'corpus', `${split}.txt`);
}

export function romanizedFile(ctx: StageContext, split: Split): string {
  return join(ctx.cache, 'romanize', `${split}.jsonl`);
}

/**
 * One JSONL line per sentence: `{"hy": Armenian, "latin": romanization, "seg": [[unit, latin], …]}` where the
 * units concatenate to `hy` and their Latin strings to `latin`. Keys in this fixed order, no spaces: stable bytes.
 */
export function toJsonLine(s: RomanizedSentence): string {
  return JSON.stringify({ hy: s.hy, latin: s.latin, seg: s.segments.map((g) => [g.hy, g.latin]) });
}

/** The corpus file's sentences: one per line, empty lines (the final newline) skipped. */
export function readSentences(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(path, `cannot read (${(err as NodeJS.ErrnoException).code ?? err}): run the corpus stage first`);
  }
  return text.split('\n').filter((line) => line.length > 0);
}

/** The splits shown in the rules' `$caseVariants`: training only; val, test (and held-out text) stay as written. */
export const CASE_VARIANT_SPLITS: ReadonlySet<string> = new Set(['train']);

export interface CaseCounts {
  lines: number;
  upperLines: number;
  titleLines: number;
  capitalizedWords: number;
  upperWords: number;
}

export function emptyCaseCounts(): CaseCounts {
  return { lines: 0, upperLines: 0, titleLines: 0, capitalizedWords: 0, upperWords: 0 };
}

/**
 * Romanize one split: the pure core of the stage. One random stream per split (forked from the run seed by the
 * split's name), so the train romanization does not change when val or test grow. On the train split the rules'
 * `$caseVariants` re-case lines first (their own stream), so `hy` may differ from the corpus line in case only.
 */
export function romanizeSplit(
  sentences: readonly string[],
  rules: Rules,
  seed: number,
  split: Split,
  opts: RomanizeOptions = {},
  onSentence?: () => void,
  caseCounts: CaseCounts = emptyCaseCounts(),
): RomanizedSentence[] {
  const rng = new Rng(seed).fork(`romanize:${split}`);
  const v = rules.options.caseVariants;
  const recase =
    CASE_VARIANT_SPLITS.has(split) && v.capitalizeWord + v.upperWord + v.titleLine + v.upperLine > 0
      ? new Rng(seed).fork(`case:${split}`)
      : null;
  return sentences.map((line) => {
    let text = line;
    if (recase) {
      const c = caseVariant(line, recase, v);
      text = c.text;
      caseCounts.lines++;
      if (c.change === 'upperLine') caseCounts.upperLines++;
      if (c.change === 'titleLine') caseCounts.titleLines++;
      caseCounts.capitalizedWords += c.capitalized;
      caseCounts.upperWords += c.upper;
    }
    const r = romanizeSentence(text, rules, rng, opts);
    onSentence?.();
    return r;
  });
}

export const stage: Stage = {
  name: 'romanize',
  sections: ['romanize'],
  inputs: (ctx) => [...SPLITS.map((s) => corpusFile(ctx, s)), resolve(ctx.root, ctx.cfg.romanize.rules)],
  async run(ctx) {
    const rulesPath = resolve(ctx.root, ctx.cfg.romanize.rules);
    const rules = loadRules(rulesPath);
    const rulesSha = sha256(readFileSync(rulesPath));
    const opts = { perWordConsistency: ctx.cfg.romanize.perWordConsistency };
    const counter = new RomanizeCounter();
    const caseCounts = emptyCaseCounts();
    const written: string[] = [];
    const splits = {} as Record<Split, SplitRomanizeStats>;
    let hyTotal = 0;
    let latTotal = 0;
    let sentTotal = 0;
    for (const split of SPLITS) {
      const sentences = readSentences(corpusFile(ctx, split));
      const progress = new Progress(`romanize ${split}`, sentences.length, 'sentences');
      const romanized = romanizeSplit(sentences, rules, ctx.cfg.seed, split, opts, () => progress.tick(), caseCounts);
      progress.finish();
      const lines: string[] = [];
      let hy = 0;
      let lat = 0;
      for (const r of romanized) {
        const n = counter.add(r);
        hy += n.armenianChars;
        lat += n.latinChars;
        lines.push(toJsonLine(r));
      }
      const out = romanizedFile(ctx, split);
      writeFileAtomic(out, lines.length ? lines.join('\n') + '\n' : '');
      written.push(out);
      splits[split] = splitStats(sentences.length, hy, lat);
      hyTotal += hy;
      latTotal += lat;
      sentTotal += sentences.length;
    }
    const statsPath = join(ctx.artifacts, 'romanize', 'stats.json');
    const stats: Omit<RomanizeStats, 'schemaVersion'> = {
      rules: { path: relative(ctx.root, rulesPath).split('\\').join('/'), sha256: rulesSha },
      perWordConsistency: opts.perWordConsistency,
      splits,
      total: splitStats(sentTotal, hyTotal, latTotal),
      variants: counter.variants,
      passThrough: counter.passThrough,
      caseVariants: caseCounts,
    };
    writeArtifact(statsPath, stats);
    written.push(statsPath);
    return written;
  },
};

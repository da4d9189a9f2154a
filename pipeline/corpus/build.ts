import { resolve } from 'node:path';
import { publicPath, type CorpusConfig } from '../lib/config.ts';
import { UserError } from '../lib/errors.ts';
import { Progress, log } from '../lib/progress.ts';
import type { CorpusStats } from '../lib/schemas/corpus.ts';
import { SentenceCollector, splitOf, type SplitName } from './collect.ts';
import { embeddedTexts } from './embedded.ts';
import { corpusStats, type SourceInfo } from './stats.ts';
import { readTextLines } from './text-source.ts';
import { readWikipediaArticles } from './wikipedia-source.ts';

export interface BuiltCorpus {
  /** Sentences per split, NFC, one per element, in a fixed content-hash order. */
  splits: Record<SplitName, string[]>;
  stats: Omit<CorpusStats, 'schemaVersion'>;
}

/**
 * Build the corpus in memory from its config: the pure-ish core of the corpus stage (it reads sources, writes
 * nothing). Same config + seed → the same sentences in the same order. `root` resolves relative source paths.
 * Throws UserError for an empty corpus or a source without Armenian text.
 */
export async function buildCorpus(config: CorpusConfig, seed: number, root = process.cwd()): Promise<BuiltCorpus> {
  const collector = new SentenceCollector(config);
  const sources: SourceInfo[] = [];
  const addOrFail = (source: string, file: string, text: string) => {
    try {
      collector.add(source, text);
    } catch (err) {
      if (err instanceof UserError) throw err;
      throw new UserError(file, (err as Error).message);
    }
  };

  for (const [i, src] of config.sources.entries()) {
    if (src.kind === 'embedded') {
      const bar = new Progress('[corpus] embedded', src.pseudoSentences, 'sentences');
      const names = new Set<string>();
      for await (const { source, text } of embeddedTexts(
        src.packages,
        { pseudoSentences: src.pseudoSentences, wordsPerSentence: src.wordsPerSentence, latinMixRate: config.latinMixRate },
        seed,
        root,
        (m) => log('corpus', m),
      )) {
        names.add(source);
        addOrFail(source, `corpus.sources[${i}] (${source})`, text);
        // The bar counts pseudo-sentences (its total); UDHR paragraphs come first and are few.
        if (source !== 'udhr') bar.tick(1, { kept: collector.size });
      }
      bar.finish({ kept: collector.size });
      for (const name of [...names].sort()) {
        const counts = collector.counts(name);
        if (!counts.sawArmenian) throw new UserError(`node_modules/${name}`, 'embedded source yielded no Armenian text');
        sources.push({ name, kind: 'embedded', counts });
      }
    } else {
      const path = resolve(root, src.path);
      const name = `${src.kind}:${publicPath(src.path)}`; // never a path of the user's machine in stats.json
      const bar = new Progress(`[corpus] ${name}`, 0, 'lines');
      if (src.kind === 'text') {
        for await (const line of readTextLines(path)) {
          addOrFail(name, src.path, line);
          bar.tick(1, { kept: collector.size });
        }
      } else {
        for await (const article of readWikipediaArticles(path, src.maxPages)) {
          for (const line of article.text.split('\n')) addOrFail(name, src.path, line);
          bar.tick(1, { kept: collector.size });
        }
      }
      bar.finish({ kept: collector.size });
      const counts = collector.counts(name);
      if (!counts.sawArmenian) throw new UserError(src.path, `${src.kind} source contains no Armenian text`);
      sources.push({ name, kind: src.kind, counts });
    }
  }

  const kept = collector.result();
  if (kept.length === 0)
    throw new UserError(
      'corpus',
      `no sentences left after filtering (minChars ${config.minChars}, maxChars ${config.maxChars}, Armenian letters required)`,
    );
  const splits: Record<SplitName, string[]> = { train: [], val: [], test: [] };
  const sourceOf = new Map<string, string>();
  for (const k of kept) {
    splits[splitOf(k.sentence, config.split)].push(k.sentence);
    sourceOf.set(k.sentence, k.source);
  }
  const stats = corpusStats(splits, sourceOf, sources);
  log(
    'corpus',
    `${stats.sentences.total.toLocaleString('en-US')} sentences, ${stats.characters.total.toLocaleString('en-US')} chars ` +
      `(train ${stats.sentences.train}, val ${stats.sentences.val}, test ${stats.sentences.test})`,
  );
  return { splits, stats };
}

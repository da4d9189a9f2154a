import { resolve } from 'node:path';
import { publicPath, type CorpusConfig } from '../lib/config.ts';
import { UserError } from '../lib/errors.ts';
import { Progress, log } from '../lib/progress.ts';
import type { CorpusStats } from '../lib/schemas/corpus.ts';
import { externalPredicate, SentenceCollector, splitOf, type SplitName } from './collect.ts';
import { embeddedTexts, npmCatalogInputs } from './embedded.ts';
import { corpusStats, type InputFile, type SourceInfo } from './stats.ts';
import { catalogLines, gettextFiles, readCatalog } from './gettext-source.ts';
import { readTextLines } from './text-source.ts';
import { readWikipediaArticles } from './wikipedia-source.ts';

export interface BuiltCorpus {
  /** Sentences per split, NFC, one per element, in a fixed content-hash order. */
  splits: Record<SplitName, string[]>;
  /** The external split: sentences of held-out sources (config corpus.external), in content-hash order. */
  external: string[];
  stats: Omit<CorpusStats, 'schemaVersion'>;
}

/**
 * Build the corpus in memory from its config: the pure-ish core of the corpus stage (it reads sources, writes
 * nothing). Same config + seed → the same sentences in the same order. `root` resolves relative source paths.
 * Throws UserError for an empty corpus or a source without Armenian text.
 */
export async function buildCorpus(config: CorpusConfig, seed: number, root = process.cwd()): Promise<BuiltCorpus> {
  const collector = new SentenceCollector(config);
  // Held-out sources go to their own collector, uncapped: the external split does not depend on the training cap.
  const heldOut = new SentenceCollector({ ...config, maxSentences: 0 });
  const isExternal = externalPredicate(config.external);
  const collectorOf = (source: string) => (isExternal(source) ? heldOut : collector);
  const sources: SourceInfo[] = [];
  const inputs: InputFile[] = [];
  const addOrFail = (source: string, file: string, text: string) => {
    try {
      collectorOf(source).add(source, text, /^(npm|gettext):/.test(source) ? config.catalogMinChars : config.minChars);
    } catch (err) {
      if (err instanceof UserError) throw err;
      throw new UserError(file, (err as Error).message);
    }
  };

  for (const [i, src] of config.sources.entries()) {
    if (src.kind === 'embedded') {
      const bar = new Progress('[corpus] embedded', src.pseudoSentences, 'sentences');
      const names = new Map<string, boolean>();
      if (src.packages.includes('npm-l10n'))
        for (const f of npmCatalogInputs(root))
          inputs.push({ source: f.source, package: f.pkg, version: f.version, file: f.file, sha256: f.sha256 });
      for await (const { source, text, natural } of embeddedTexts(
        src.packages,
        { pseudoSentences: src.pseudoSentences, wordsPerSentence: src.wordsPerSentence, latinMixRate: config.latinMixRate },
        seed,
        root,
        (m) => log('corpus', m),
        isExternal,
      )) {
        names.set(source, natural);
        addOrFail(source, `corpus.sources[${i}] (${source})`, text);
        // The bar counts pseudo-sentences (its total); UDHR paragraphs come first and are few.
        if (!natural) bar.tick(1, { kept: collector.size });
      }
      bar.finish({ kept: collector.size });
      for (const [name, natural] of [...names].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        const counts = collectorOf(name).counts(name);
        if (!counts.sawArmenian) throw new UserError(`node_modules/${name}`, 'embedded source yielded no Armenian text');
        sources.push({ name, kind: 'embedded', counts, natural, external: isExternal(name) });
      }
    } else if (src.kind === 'gettext') {
      const dir = resolve(root, src.path);
      const files = gettextFiles(dir, src.locale);
      if (files.length === 0) throw new UserError(src.path, `no ${src.locale} .po/.mo catalogs in this folder`);
      const bar = new Progress(`[corpus] gettext:${src.path}`, files.length, 'catalogs');
      let armenian = false;
      for (const f of files) {
        inputs.push({ source: f.source, package: f.package, version: f.version, file: f.file, sha256: f.sha256 });
        for (const line of catalogLines(readCatalog(f.path))) addOrFail(f.source, f.file, line);
        const counts = collectorOf(f.source).counts(f.source);
        armenian ||= counts.sawArmenian;
        sources.push({ name: f.source, kind: 'gettext', counts, natural: true, external: isExternal(f.source) });
        bar.tick(1, { kept: collector.size });
      }
      bar.finish({ kept: collector.size });
      if (!armenian) throw new UserError(src.path, 'gettext source contains no Armenian text');
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
      const counts = collectorOf(name).counts(name);
      if (!counts.sawArmenian) throw new UserError(src.path, `${src.kind} source contains no Armenian text`);
      sources.push({ name, kind: src.kind, counts, natural: true, external: isExternal(name) });
    }
  }

  // A sentence of a held-out source never trains a model, wherever else it occurs ("Չեղարկել" is in many catalogs).
  const external = heldOut.result();
  const externalKeys = new Set(external.map((k) => k.key));
  const kept = collector.result().filter((k) => {
    if (!externalKeys.has(k.key)) return true;
    collector.counts(k.source).dropped.external++;
    return false;
  });
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
  for (const k of external) sourceOf.set(k.sentence, k.source);
  const externalSentences = external.map((k) => k.sentence);
  const stats = corpusStats(splits, sourceOf, sources, externalSentences, inputs);
  log(
    'corpus',
    `${stats.sentences.total.toLocaleString('en-US')} sentences, ${stats.characters.total.toLocaleString('en-US')} chars ` +
      `(train ${stats.sentences.train}, val ${stats.sentences.val}, test ${stats.sentences.test}); ` +
      `external ${externalSentences.length} sentences from ${sources.filter((s) => s.external).length} held-out source(s)`,
  );
  return { splits, external: externalSentences, stats };
}

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeArtifact } from '../lib/artifact.ts';
import { writeFileAtomic } from '../lib/atomic.ts';
import type { Stage, StageContext } from '../lib/stage.ts';
import { buildCorpus } from './build.ts';
import { ensureDebianCatalogs } from './debian-l10n.ts';
import { embeddedInputFiles } from './embedded.ts';
import { gettextCatalogFiles, MANIFEST } from './gettext-source.ts';

/** Corpus text files: one sentence per line, each line ending in \n. */
export function corpusPaths(ctx: Pick<StageContext, 'cache' | 'artifacts'>) {
  return {
    train: join(ctx.cache, 'corpus', 'train.txt'),
    val: join(ctx.cache, 'corpus', 'val.txt'),
    test: join(ctx.cache, 'corpus', 'test.txt'),
    /** Held-out sources' sentences (always written, possibly empty). */
    external: join(ctx.cache, 'corpus', 'external.txt'),
    stats: join(ctx.artifacts, 'corpus', 'stats.json'),
  };
}

export const stage: Stage = {
  name: 'corpus',
  sections: ['corpus'],
  // Source files are inputs: editing a text file or updating an npm package reruns the stage.
  inputs: (ctx) =>
    ctx.cfg.corpus.sources.flatMap((s) => {
      if (s.kind === 'embedded') return embeddedInputFiles(s.packages, ctx.root);
      if (s.kind !== 'gettext') return [s.path];
      const dir = resolve(ctx.root, s.path);
      // A fetched source is made here, before its files are hashed: a fresh clone's run needs no manual step.
      if (s.debianPackages) ensureDebianCatalogs(resolve(ctx.root, s.debianPackages), dir);
      const manifest = join(dir, MANIFEST);
      return [...(existsSync(manifest) ? [manifest] : []), ...gettextCatalogFiles(dir, s.locale)];
    }),
  async run(ctx) {
    // Everything is built in memory first: a failure (bad source, empty corpus) leaves earlier outputs untouched.
    const { splits, external, stats } = await buildCorpus(ctx.cfg.corpus, ctx.cfg.seed, ctx.root);
    const paths = corpusPaths(ctx);
    for (const split of ['train', 'val', 'test'] as const)
      writeFileAtomic(paths[split], splits[split].map((s) => s + '\n').join(''));
    writeFileAtomic(paths.external, external.map((s) => s + '\n').join(''));
    writeArtifact(paths.stats, stats);
    return [paths.train, paths.val, paths.test, paths.external, paths.stats];
  },
};

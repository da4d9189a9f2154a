import { join } from 'node:path';
import { writeArtifact } from '../lib/artifact.ts';
import { writeFileAtomic } from '../lib/atomic.ts';
import type { Stage, StageContext } from '../lib/stage.ts';
import { buildCorpus } from './build.ts';
import { embeddedInputFiles } from './embedded.ts';

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
    ctx.cfg.corpus.sources.flatMap((s) => (s.kind === 'embedded' ? embeddedInputFiles(s.packages, ctx.root) : [s.path])),
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

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readArtifact, writeArtifact } from '../lib/artifact.ts';
import { log } from '../lib/progress.ts';
import { RomanizeStats } from '../lib/schemas/romanize.ts';
import type { Stage, StageContext } from '../lib/stage.ts';
import { buildInverse, deromanize, unitFrequenciesFromCounts } from '../romanize/inverse.ts';
import { loadRules } from '../romanize/rules.ts';
import { modelFiles } from '../capture/model-file.ts';
import { initBackend } from '../train/backend.ts';
import { readAlignedTsv } from '../align/tsv.ts';
import { openSavedModel } from '../train/saved-model.ts';
import { evaluate } from './evaluate.ts';

/**
 * The evaluate stage: scores the saved model (artifacts/<run>/model/, through the same path as `npm run
 * translit`) and the rule-based baseline on the test split, and the model on the external real-text split when the
 * run has one, and writes artifacts/<run>/eval.json. Apart from train
 * so that a change to the evaluation reruns only this stage, never the training.
 *
 * eval.json is a function of the model, the test split and the rules: byte-identical between runs.
 */

const testFile = (ctx: StageContext): string => join(ctx.cache, 'align', 'test.tsv');
/** The held-out real-text split (corpus → romanize → align like test); missing or empty = the run has none. */
const externalFile = (ctx: StageContext): string => join(ctx.cache, 'align', 'external.tsv');
const modelDir = (ctx: StageContext): string => join(ctx.artifacts, 'model');
const romanizeStatsFile = (ctx: StageContext): string => join(ctx.artifacts, 'romanize', 'stats.json');

export const stage: Stage = {
  name: 'evaluate',
  // romanize: the rules file of the rule-based baseline; train.workers: how the prediction is sharded.
  sections: ['romanize', 'train'],
  inputs: (ctx) => [
    testFile(ctx),
    ...(existsSync(externalFile(ctx)) ? [externalFile(ctx)] : []),
    ...modelFiles(modelDir(ctx)),
    resolve(ctx.root, ctx.cfg.romanize.rules),
    romanizeStatsFile(ctx),
  ],
  async run(ctx) {
    const test = readAlignedTsv(testFile(ctx));
    const external = existsSync(externalFile(ctx)) ? readAlignedTsv(externalFile(ctx)) : [];
    await initBackend();
    const saved = await openSavedModel(modelDir(ctx), { workers: ctx.cfg.train.workers });
    try {
      log('evaluate', `evaluating on ${test.length} test sentences` + (external.length ? ` and ${external.length} external ones` : ''));
      const rules = loadRules(resolve(ctx.root, ctx.cfg.romanize.rules));
      const statsPath = romanizeStatsFile(ctx);
      const freq = existsSync(statsPath)
        ? unitFrequenciesFromCounts(readArtifact(statsPath, RomanizeStats).variants)
        : undefined;
      const inverse = buildInverse(rules, freq);
      const ev = await evaluate({
        test,
        external,
        model: saved.predictor,
        vocab: saved.vocab,
        translit: { seqLen: saved.seqLen },
        baseline: {
          method:
            'greedy longest match of the most likely inverse of the romanization rules (rule probability × unit frequency)',
          apply: (latin) => deromanize(latin, inverse),
        },
      });
      const evalPath = join(ctx.artifacts, 'eval.json');
      writeArtifact(evalPath, ev, 4);
      if (ev.external)
        log('evaluate', `external char accuracy ${ev.external.charAccuracy.toFixed(2)}%, word ${ev.external.wordAccuracy.toFixed(2)}%`);
      log(
        'evaluate',
        `test char accuracy ${ev.test.charAccuracy.toFixed(2)}% (baseline ${ev.baseline.test.charAccuracy.toFixed(2)}%), ` +
          `word ${ev.test.wordAccuracy.toFixed(2)}%, sentence ${ev.test.sentenceAccuracy.toFixed(2)}%`,
      );
      return [evalPath];
    } finally {
      saved.dispose();
    }
  },
};

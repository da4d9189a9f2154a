import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readArtifact, writeArtifact } from '../lib/artifact.ts';
import { sha256File, hashJson } from '../lib/hash.ts';
import { log } from '../lib/progress.ts';
import type { EvalFile, TrainLog } from '../lib/schemas/train.ts';
import { RomanizeStats } from '../lib/schemas/romanize.ts';
import type { Stage, StageContext } from '../lib/stage.ts';
import { buildInverse, deromanize, unitFrequenciesFromCounts } from '../romanize/inverse.ts';
import { loadRules } from '../romanize/rules.ts';
import { buildStream, cutWindows, fixedSubset } from './batches.ts';
import { CheckpointStore } from './checkpoint.ts';
import { readAlignedTsv } from '../align/tsv.ts';
import { makeCodec, readVocab } from './data.ts';
import { evaluate } from './evaluate.ts';
import { saveModel } from './layers-io.ts';
import { resumableSettings, trainLoop } from './loop.ts';
import { createModel } from './model.ts';

/**
 * The train stage: trains the BiRNN on the aligned train split (resuming a checkpoint if a previous run was
 * killed), keeps the weights of the best validation epoch, saves them in TensorFlow.js format and evaluates them
 * against the rule-based baseline on the test split.
 *
 * Outputs: artifacts/<run>/model/{model.json,weights.bin}, train-log.json, eval.json; checkpoints in
 * .cache/<run>/train/checkpoint/.
 *
 * Reproducibility: train-log.json holds wall-clock figures (seconds, chars/s) and is never byte-identical between
 * runs. The model and eval.json are a function of config + seed + data (on one backend, single-threaded) as long as
 * the training stops on `epochs` or early stopping; when the `maxMinutes` budget stops it (train-log.json
 * `stopReason: "time-budget"`), how far it got depends on the machine's speed, and so do the weights.
 */

const SPLITS = ['train', 'val', 'test'] as const;

function alignFile(ctx: StageContext, split: (typeof SPLITS)[number]): string {
  return join(ctx.cache, 'align', `${split}.tsv`);
}
function vocabFile(ctx: StageContext): string {
  return join(ctx.artifacts, 'align', 'vocab.json');
}
function romanizeStatsFile(ctx: StageContext): string {
  return join(ctx.artifacts, 'romanize', 'stats.json');
}

export const stage: Stage = {
  name: 'train',
  // romanize: the rules file of the rule-based baseline.
  sections: ['model', 'train', 'romanize'],
  inputs: (ctx) => [
    ...SPLITS.map((s) => alignFile(ctx, s)),
    vocabFile(ctx),
    resolve(ctx.root, ctx.cfg.romanize.rules),
    romanizeStatsFile(ctx),
  ],
  // Wall times and chars/s differ from run to run; the manifest must not.
  volatileOutputs: (ctx) => [join(ctx.artifacts, 'train-log.json')],
  async run(ctx) {
    const { cfg } = ctx;
    const tcfg = cfg.train;
    const vocab = readVocab(vocabFile(ctx));
    const codec = makeCodec(vocab);
    const [train, val, test] = SPLITS.map((s) => readAlignedTsv(alignFile(ctx, s)));

    const trainStream = buildStream(train, codec);
    const trainWindows = cutWindows(trainStream, tcfg.seqLen);
    const valStream = buildStream(val.length ? val : train, codec);
    const valAll = cutWindows(valStream, tcfg.seqLen);
    const valWindows = fixedSubset(valAll.length, cfg.seed, 'train/val', tcfg.valWindows).map((i) => valAll[i]);
    const probe = fixedSubset(trainWindows.length, cfg.seed, 'train/probe', tcfg.valWindows).map((i) => trainWindows[i]);
    if (trainWindows.length === 0) throw new Error(`${alignFile(ctx, 'train')} holds no sentences`);
    if (!val.length) log('train', 'the val split is empty: validating on train windows');
    log(
      'train',
      `${train.length} train sentences → ${trainWindows.length} windows of ${tcfg.seqLen}; ` +
        `${valWindows.length} val windows; model ${cfg.model.cell} ${cfg.model.units}/${cfg.model.hidden}`,
    );

    const model = await createModel({
      model: cfg.model,
      inputSize: vocab.input.length,
      outputSize: vocab.output.length,
      seed: cfg.seed,
      learningRate: tcfg.learningRate,
      workers: tcfg.workers,
    });
    try {
      const key = hashJson({
        seed: cfg.seed,
        model: cfg.model,
        train: resumableSettings(tcfg),
        data: await Promise.all([...SPLITS.slice(0, 2).map((s) => alignFile(ctx, s)), vocabFile(ctx)].map(sha256File)),
      });
      const result = await trainLoop({
        cfg: tcfg,
        seed: cfg.seed,
        model,
        train: { stream: trainStream, windows: trainWindows },
        val: { stream: valStream, windows: valWindows },
        probe,
        store: new CheckpointStore(join(ctx.cache, 'train', 'checkpoint')),
        key,
        configFile: ctx.configPath,
      });
      log('train', `stopped (${result.stopReason}); keeping epoch ${result.bestEpoch}`);

      const written = await saveModel(model.toLayersModel(), join(ctx.artifacts, 'model'), {
        vocab,
        seqLen: tcfg.seqLen,
        cell: cfg.model.cell,
      });

      const trainLog: Omit<TrainLog, 'schemaVersion'> = {
        backend: model.backend,
        parameterCount: model.parameterCount,
        cell: cfg.model.cell,
        epochs: result.log,
        bestEpoch: result.bestEpoch,
        stopReason: result.stopReason,
        trainWindows: trainWindows.length,
        valWindows: valWindows.length,
        seqLen: tcfg.seqLen,
        wallSeconds: result.elapsedSeconds,
        sessions: result.sessions,
      };
      const logPath = join(ctx.artifacts, 'train-log.json');
      writeArtifact(logPath, trainLog, 4);

      log('train', `evaluating on ${test.length} test sentences`);
      const rules = loadRules(resolve(ctx.root, cfg.romanize.rules));
      const statsPath = romanizeStatsFile(ctx);
      const freq = existsSync(statsPath)
        ? unitFrequenciesFromCounts(readArtifact(statsPath, RomanizeStats).variants)
        : undefined;
      const inverse = buildInverse(rules, freq);
      const ev: Omit<EvalFile, 'schemaVersion'> = await evaluate({
        test,
        model,
        vocab,
        translit: { seqLen: tcfg.seqLen },
        baseline: {
          method:
            'greedy longest match of the most likely inverse of the romanization rules (rule probability × unit frequency)',
          apply: (latin) => deromanize(latin, inverse),
        },
      });
      const evalPath = join(ctx.artifacts, 'eval.json');
      writeArtifact(evalPath, ev, 4);
      log(
        'train',
        `test char accuracy ${ev.test.charAccuracy.toFixed(2)}% (baseline ${ev.baseline.test.charAccuracy.toFixed(2)}%), ` +
          `word ${ev.test.wordAccuracy.toFixed(2)}%, sentence ${ev.test.sentenceAccuracy.toFixed(2)}%`,
      );
      return [...written, logPath, evalPath];
    } finally {
      model.dispose();
    }
  },
};

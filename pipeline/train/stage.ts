import { join } from 'node:path';
import { writeArtifact } from '../lib/artifact.ts';
import { sha256File, hashJson } from '../lib/hash.ts';
import { log } from '../lib/progress.ts';
import type { TrainLog } from '../lib/schemas/train.ts';
import type { Stage, StageContext } from '../lib/stage.ts';
import { buildStream, cutWindows, fixedSubset } from './batches.ts';
import { CheckpointStore } from './checkpoint.ts';
import { readAlignedTsv } from '../align/tsv.ts';
import { makeCodec, readVocab } from './data.ts';
import { saveModel } from './layers-io.ts';
import { resumableSettings, trainLoop } from './loop.ts';
import { createModel } from './model.ts';

/**
 * The train stage: trains the BiRNN on the aligned train split (resuming a checkpoint if a previous run was
 * killed), keeps the weights of the best validation epoch and saves them in TensorFlow.js format. The test split is
 * not read here: the evaluate stage (pipeline/evaluate/) scores the saved model, so an evaluation change never
 * retrains.
 *
 * Outputs: artifacts/<run>/model/{model.json,weights.bin}, train-log.json; checkpoints in
 * .cache/<run>/train/checkpoint/.
 *
 * Reproducibility: train-log.json holds wall-clock figures (seconds, chars/s) and is never byte-identical between
 * runs. The model is a function of config + seed + data (on one backend, single-threaded) as long as
 * the training stops on `epochs` or early stopping; when the `maxMinutes` budget stops it (train-log.json
 * `stopReason: "time-budget"`), how far it got depends on the machine's speed, and so do the weights.
 */

const SPLITS = ['train', 'val'] as const;

function alignFile(ctx: StageContext, split: (typeof SPLITS)[number]): string {
  return join(ctx.cache, 'align', `${split}.tsv`);
}
function vocabFile(ctx: StageContext): string {
  return join(ctx.artifacts, 'align', 'vocab.json');
}

export const stage: Stage = {
  name: 'train',
  sections: ['model', 'train'],
  inputs: (ctx) => [
    ...SPLITS.map((s) => alignFile(ctx, s)),
    vocabFile(ctx),
  ],
  // Wall times and chars/s differ from run to run; the manifest must not.
  volatileOutputs: (ctx) => [join(ctx.artifacts, 'train-log.json')],
  async run(ctx) {
    const { cfg } = ctx;
    const tcfg = cfg.train;
    const vocab = readVocab(vocabFile(ctx));
    const codec = makeCodec(vocab);
    const [train, val] = SPLITS.map((s) => readAlignedTsv(alignFile(ctx, s)));

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
        data: await Promise.all([...SPLITS.map((s) => alignFile(ctx, s)), vocabFile(ctx)].map(sha256File)),
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

      return [...written, logPath];
    } finally {
      model.dispose();
    }
  },
};

import { join } from 'node:path';
import { readAlignedTsv } from '../align/tsv.ts';
import { readArtifact, writeArtifact } from '../lib/artifact.ts';
import { UserError } from '../lib/errors.ts';
import { Progress, log } from '../lib/progress.ts';
import { Vocab } from '../lib/schemas/align.ts';
import { CaptureIndex, type CaptureSummary } from '../lib/schemas/capture.ts';
import type { Stage, StageContext } from '../lib/stage.ts';
import { captureLayers } from './forward.ts';
import { captureWorkers, forwardInOrder } from './forward-pool.ts';
import { modelFiles, readModelDir, type ModelWeights } from './model-file.ts';
import { alignedLines, chooseSentences, encodeLine, predictedUnits, type AlignedLine, type Split } from './sample.ts';
import { CaptureWriter, shardPaths, type Dtype } from './shards.ts';

/**
 * capture: run the trained model over held-out sentences with the plain-TS forward pass and store every gate of
 * every step (`.cache/<run>/capture/`, read back with `openCapture`), plus a small committed summary.
 * Long sentences are cut into the transliteration's windows (see forwardWindowed), so the captured states are
 * those behind the model's actual output. The forward pass runs on worker threads by sentence (forward-pool.ts),
 * merged back in sentence order: the shards are the same bytes for any thread count.
 */

export const captureDir = (ctx: StageContext): string => join(ctx.cache, 'capture');
export const modelDir = (ctx: StageContext): string => join(ctx.artifacts, 'model');
const alignFile = (ctx: StageContext, split: Split): string => join(ctx.cache, 'align', `${split}.tsv`);
const vocabFile = (ctx: StageContext): string => join(ctx.artifacts, 'align', 'vocab.json');

const LATIN = /^\p{Script=Latin}$/u;

function readSplit(path: string, split: Split): AlignedLine[] {
  return alignedLines(readAlignedTsv(path), split);
}

export interface CaptureOptions {
  sentences: number;
  splits: Split[];
  dtype: Dtype;
  seed: number;
  /** Forward-pass threads (default captureWorkers()); the bytes do not depend on it. */
  workers?: number;
}

/** The work of the stage, on explicit inputs (used by the stage and by tests). */
export async function runCapture(
  model: ModelWeights,
  vocab: { input: string[]; output: string[] },
  lines: AlignedLine[],
  available: Record<string, number>,
  outDir: string,
  opts: CaptureOptions,
  where = outDir,
): Promise<Omit<CaptureSummary, 'schemaVersion'>> {
  if (model.inputSize !== vocab.input.length)
    throw new UserError(where, `model input size ${model.inputSize} ≠ input vocabulary size ${vocab.input.length}: the model was trained on another vocabulary, rerun the train stage`);
  if (model.outputSize !== vocab.output.length)
    throw new UserError(where, `model output size ${model.outputSize} ≠ output vocabulary size ${vocab.output.length}: the model was trained on another vocabulary, rerun the train stage`);
  const chosen = chooseSentences(lines, opts.sentences, opts.seed, opts.splits);
  const inputIndex = new Map(vocab.input.map((c, i) => [c, i]));
  const outputIndex = new Map(vocab.output.map((c, i) => [c, i]));
  const layers = captureLayers(model);
  const writer = new CaptureWriter(outDir, layers, opts.dtype, model.cell, vocab);
  const totalSteps = chosen.reduce((n, l) => n + [...l.input].length, 0);
  const progress = new Progress('capture', totalSteps, 'steps');
  const captured: Record<string, number> = Object.fromEntries(opts.splits.map((s) => [s, 0]));
  let steps = 0;
  let correct = 0;
  let latinSteps = 0;
  let latinCorrect = 0;
  let perfect = 0;
  let skipped = 0;
  let index: ReturnType<CaptureWriter['finish']>;
  try {
    const encoded = chosen.map((line) => ({ line, enc: encodeLine(line, inputIndex, outputIndex) }));
    const kept = encoded.filter((e) => e.enc !== null) as { line: AlignedLine; enc: NonNullable<ReturnType<typeof encodeLine>> }[];
    skipped = encoded.length - kept.length;
    let i = 0;
    // for await: an error below stops the generator, which terminates its workers.
    for await (const { acts, predIds } of forwardInOrder(model, kept.map((k) => k.enc.inputIds), opts.workers ?? captureWorkers())) {
      const { line, enc } = kept[i++];
      const predicted = predictedUnits(enc, predIds, vocab.output);
      let errors = 0;
      for (let t = 0; t < predicted.length; t++) {
        const ok = predicted[t] === enc.outputUnits[t];
        if (ok) correct++;
        else errors++;
        if (LATIN.test(enc.inputChars[t])) {
          latinSteps++;
          if (ok) latinCorrect++;
        }
      }
      if (errors === 0) perfect++;
      writer.append(
        {
          id: line.line,
          split: line.split,
          input: line.input,
          output: line.output,
          predicted: predicted.join(''),
          inputIds: enc.inputIds,
          targetIds: enc.targetIds,
          predIds,
        },
        acts,
      );
      captured[line.split]++;
      steps += predicted.length;
      progress.set(steps);
    }
    index = writer.finish();
  } catch (err) {
    writer.abort();
    throw err;
  }
  progress.finish();
  if (skipped > 0) log('capture', `${skipped} sentence(s) skipped: their output does not split into as many units as the input`);
  const sentences = chosen.length - skipped;
  return {
    sentences,
    steps,
    splits: Object.fromEntries(opts.splits.map((s) => [s, { captured: captured[s], available: available[s] ?? 0 }])),
    dtype: opts.dtype,
    model: { cell: model.cell, units: model.units, hidden: model.hiddenUnits, inputSize: model.inputSize, outputSize: model.outputSize },
    layers: index.layers.map((l) => ({ name: l.name, size: l.size, bytes: l.bytes, sha256: l.sha256 })),
    accuracy: {
      steps: steps ? correct / steps : 0,
      latinSteps: latinSteps ? latinCorrect / latinSteps : 0,
      sentences: sentences ? perfect / sentences : 0,
    },
  };
}

export const stage: Stage = {
  name: 'capture',
  sections: ['capture'],
  inputs: (ctx) => [
    ...modelFiles(modelDir(ctx)),
    vocabFile(ctx),
    ...[...new Set(ctx.cfg.capture.splits)].map((s) => alignFile(ctx, s)),
  ],
  async run(ctx) {
    const cfg = ctx.cfg.capture;
    const splits = [...new Set(cfg.splits)];
    const model = readModelDir(modelDir(ctx));
    const vocab = readArtifact(vocabFile(ctx), Vocab);
    const lines: AlignedLine[] = [];
    const available: Record<string, number> = {};
    for (const s of splits) {
      const l = readSplit(alignFile(ctx, s), s);
      available[s] = l.length;
      lines.push(...l);
    }
    if (lines.length === 0) throw new UserError(alignFile(ctx, splits[0]), `no sentences in splits ${splits.join(', ')}`);
    const out = captureDir(ctx);
    const summary = await runCapture(
      model,
      { input: vocab.input, output: vocab.output },
      lines,
      available,
      out,
      { sentences: cfg.sentences, splits, dtype: cfg.dtype, seed: ctx.cfg.seed },
      join(modelDir(ctx), 'model.json'),
    );
    const summaryPath = join(ctx.artifacts, 'capture', 'summary.json');
    writeArtifact(summaryPath, summary);
    log('capture', `${summary.sentences} sentences, ${summary.steps} steps, step accuracy ${(summary.accuracy.steps * 100).toFixed(2)}%`);
    // The shards are outputs too: the manifest's hash of each is checked before the stage counts as up to date,
    // so a shard corrupted in .cache/ is re-captured rather than read (the reader also checks as it streams).
    const index = readArtifact(join(out, 'index.json'), CaptureIndex);
    return [summaryPath, join(out, 'index.json'), ...shardPaths(out, index)];
  },
};

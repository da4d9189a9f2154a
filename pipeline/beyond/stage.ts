import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readAlignedTsv } from '../align/tsv.ts';
import { openCapture } from '../capture/reader.ts';
import { writeArtifact } from '../lib/artifact.ts';
import { readJson } from '../lib/atomic.ts';
import { modelSeqLen as seqLenOfModel } from '../lib/schemas/model.ts';
import { UserError } from '../lib/errors.ts';
import { log } from '../lib/progress.ts';
import type { Stage, StageContext } from '../lib/stage.ts';
import { analyseCapture } from './analyse.ts';

/**
 * beyond: analyses beyond the YerevaNN post over the captured activations — gate saturation (Karpathy et al. 2015),
 * cells correlated with text features, a character n-gram baseline with error analysis, the RNNVis expected
 * response and spectral co-clusters of units and characters. Writes small JSON under artifacts/<run>/beyond/
 * (schemas: pipeline/lib/schemas/beyond.ts).
 */

const captureIndex = (ctx: StageContext): string => join(ctx.cache, 'capture', 'index.json');
const trainTsv = (ctx: StageContext): string => join(ctx.cache, 'align', 'train.tsv');
export const beyondDir = (ctx: StageContext): string => join(ctx.artifacts, 'beyond');

/** Float decimals per artifact: 4 everywhere, 3 for the (large) response matrices. */
const DECIMALS = { saturation: 4, cells: 4, ngram: 4, response: 3, coclusters: 4 } as const;

/**
 * The training window recorded in model.json (as the capture reads it), or null: the capture ran longer sentences
 * in windows, and the expected response leaves their seams out.
 */
function modelSeqLen(ctx: StageContext): number | null {
  const path = join(ctx.artifacts, 'model', 'model.json');
  if (!existsSync(path)) return null;
  return seqLenOfModel(readJson(path), path);
}

export const stage: Stage = {
  name: 'beyond',
  sections: ['beyond'],
  // index.json records the sha256 of every layer file, so hashing it covers the whole capture.
  inputs: (ctx) => [captureIndex(ctx), trainTsv(ctx)],
  // (model.json is not an input of its own: a new model means a new capture, hence a new index.json.)
  async run(ctx) {
    const tsv = trainTsv(ctx);
    const pairs = readAlignedTsv(tsv);
    if (pairs.length === 0) throw new UserError(tsv, 'no aligned sentences for the n-gram baseline');
    const reader = openCapture(join(ctx.cache, 'capture'));
    if (reader.steps === 0) throw new UserError(captureIndex(ctx), 'the capture holds no steps');
    const result = await analyseCapture(reader, pairs, ctx.cfg.beyond, ctx.cfg.seed, { seqLen: modelSeqLen(ctx) });
    const written: string[] = [];
    for (const name of ['saturation', 'cells', 'ngram', 'response', 'coclusters'] as const) {
      const path = join(beyondDir(ctx), `${name}.json`);
      writeArtifact(path, result[name], DECIMALS[name]);
      written.push(path);
    }
    const n = result.ngram;
    log(
      'beyond',
      `network ${(n.networkAccuracy * 100).toFixed(2)}% vs best n-gram (n = ${n.bestN}) ` +
        `${(n.orders[n.bestN - 1].accuracy * 100).toFixed(2)}%; ${result.saturation.longMemory.length} long-memory units; ` +
        `${result.coclusters.clusters.length} co-clusters`,
    );
    return written;
  },
};

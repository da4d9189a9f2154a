import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { modelFiles, readModelDir } from '../capture/model-file.ts';
import { openCapture } from '../capture/reader.ts';
import { writeArtifact } from '../lib/artifact.ts';
import { writeCompactArtifact } from '../lib/compact-artifact.ts';
import { Progress, log } from '../lib/progress.ts';
import type { Stage, StageContext } from '../lib/stage.ts';
import { analyse, type StatsExtras, type StatsOptions } from './analyse.ts';
import { kernelsOf } from './analysis-run.ts';
import { TRANSLIT_EXAMPLE } from './claims.ts';
import { computeSignature, PROBE_PATH, readProbe } from './signature.ts';

/**
 * stats: selectivity of every neuron for every analysed (input → output) pair, rankings per pair and per neuron,
 * the per-layer summary, and the further analyses (neuron diagrams, pattern cells, uncertainty, claims, named units,
 * and the units' signature on the fixed probe sentences).
 * Reads the capture (`.cache/<run>/capture/index.json`, which carries its shards' hashes) and the model (for the
 * diagrams' kernels and the claims' example transliteration). Artifact shapes: pipeline/lib/schemas/{stats,analyses}.ts.
 */

/** Committed JSON precision: 4 decimals is plenty for distances in [0, 1] and keeps files small. */
export const STATS_DECIMALS = 4;

/** Folders whose every file the stage owns: stale files (pairs no longer analysed) are removed. */
const OWNED_DIRS = ['stats/pairs', 'stats/neurons'];

const captureIndex = (ctx: StageContext): string => join(ctx.cache, 'capture', 'index.json');
const modelDir = (ctx: StageContext): string => join(ctx.artifacts, 'model');

/**
 * Write the outputs under `artifactsDir`, drop stale files of the owned folders; returns absolute paths. A value that
 * carries its own `schemaVersion` (the pair and neuron files) is written in the compact layout of that version.
 */
export function writeStats(artifactsDir: string, outputs: Map<string, object>): string[] {
  const written: string[] = [];
  for (const [rel, value] of [...outputs].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const path = join(artifactsDir, rel);
    const version = (value as { schemaVersion?: unknown }).schemaVersion;
    if (typeof version === 'number') writeCompactArtifact(path, version, value, STATS_DECIMALS);
    else writeArtifact(path, value, STATS_DECIMALS);
    written.push(path);
  }
  const keep = new Set(written);
  for (const d of OWNED_DIRS) {
    const dir = join(artifactsDir, d);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) if (f.endsWith('.json') && !keep.has(join(dir, f))) rmSync(join(dir, f));
  }
  return written;
}

/** The model's transliteration of the claims' example, or null when the model carries no inference metadata. */
async function exampleTranslit(dir: string): Promise<string | null> {
  try {
    const { loadModel } = await import('../train/layers-io.ts');
    const { layersPredictor, transliterate } = await import('../train/translit.ts');
    const { model, meta } = await loadModel(dir);
    const [line] = await transliterate([TRANSLIT_EXAMPLE.input], layersPredictor(model, meta.vocab.input.length), meta.vocab, {
      seqLen: meta.seqLen,
    });
    model.dispose();
    return line;
  } catch (err) {
    log('stats', `example transliteration skipped: ${(err as Error).message}`);
    return null;
  }
}

export function statsOptions(ctx: StageContext): StatsOptions {
  const s = ctx.cfg.stats;
  return {
    bins: s.bins,
    minCount: s.minCount,
    topNeurons: s.topNeurons,
    histogramBins: s.histogramBins,
    bootstrap: s.bootstrap,
    uncertaintyLayers: s.uncertaintyLayers,
    patterns: s.patterns,
    seed: ctx.cfg.seed,
  };
}

export const stage: Stage = {
  name: 'stats',
  sections: ['stats'],
  inputs: (ctx) => [captureIndex(ctx), ...modelFiles(modelDir(ctx)), PROBE_PATH],
  async run(ctx) {
    const reader = openCapture(dirname(captureIndex(ctx)));
    const model = readModelDir(modelDir(ctx));
    const extras: StatsExtras = { translit: await exampleTranslit(modelDir(ctx)) };
    const progress = new Progress('stats', reader.layers.length, 'layers');
    extras.onLayer = (done, _total, name) => progress.set(done, { layer: name });
    const outputs = await analyse(reader, statsOptions(ctx), kernelsOf(model), extras);
    progress.finish();
    // The units' signature on the fixed probe sentences, for matching units across runs (pipeline/diff/match.ts).
    outputs.set('stats/signature.json', computeSignature(model, reader.vocab.input, readProbe()));
    const index = outputs.get('stats/pairs/index.json') as { pairs: unknown[] };
    log('stats', `${index.pairs.length} pairs analysed over ${reader.steps} steps`);
    return writeStats(ctx.artifacts, outputs);
  },
};

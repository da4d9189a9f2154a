import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { modelFiles, readModelDir } from '../capture/model-file.ts';
import { openCapture } from '../capture/reader.ts';
import { readArtifact, writeArtifact } from '../lib/artifact.ts';
import { UserError } from '../lib/errors.ts';
import { log } from '../lib/progress.ts';
import { PatternsFile } from '../lib/schemas/analyses.ts';
import { PairsIndex } from '../lib/schemas/stats.ts';
import type { Stage, StageContext } from '../lib/stage.ts';
import { ablate, OUTPUTS, type PatternCell } from './ablate.ts';
import { readRankedPairFile } from './ranking.ts';

/**
 * ablate: silence the units stats found selective and measure what breaks (causal evidence). Reads the capture
 * (its index carries the shards' hashes), the model, and stats' pair rankings and pattern cells; writes
 * `artifacts/<run>/ablation/` (schemas: pipeline/lib/schemas/ablation.ts).
 */

export const ABLATION_DECIMALS = 4;

const captureIndex = (ctx: StageContext): string => join(ctx.cache, 'capture', 'index.json');
const modelDir = (ctx: StageContext): string => join(ctx.artifacts, 'model');
const pairsDir = (ctx: StageContext): string => join(ctx.artifacts, 'stats', 'pairs');
const patternsFile = (ctx: StageContext): string => join(ctx.artifacts, 'stats', 'patterns.json');
const RECURRENT_LAYERS = new Set(['fwd.h', 'bwd.h', 'fwd.c', 'bwd.c']);

function pairFiles(ctx: StageContext): string[] {
  const index = join(pairsDir(ctx), 'index.json');
  if (!existsSync(index)) return [index];
  return [index, ...readArtifact(index, PairsIndex).pairs.map((p) => join(pairsDir(ctx), p.file))];
}

/** The first configured pattern's most selective cell of a direction state (h or c), if stats found one. */
function patternCell(ctx: StageContext): PatternCell | null {
  const path = patternsFile(ctx);
  if (!existsSync(path)) return null;
  const p = readArtifact(path, PatternsFile).patterns[0];
  const best = p?.best.find((n) => RECURRENT_LAYERS.has(n.layer));
  return p && best ? { name: p.name, output: p.pattern, layer: best.layer, neuron: best.neuron } : null;
}

/** Write the outputs, drop pair files of pairs no longer analysed; returns absolute paths. */
export function writeAblation(artifactsDir: string, outputs: Map<string, object>): string[] {
  const written = [...outputs]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([rel, value]) => {
      const path = join(artifactsDir, rel);
      writeArtifact(path, value, ABLATION_DECIMALS);
      return path;
    });
  const dir = join(artifactsDir, 'ablation', 'pairs');
  const keep = new Set(written);
  if (existsSync(dir)) for (const f of readdirSync(dir)) if (!keep.has(join(dir, f))) rmSync(join(dir, f));
  return written;
}

export const stage: Stage = {
  name: 'ablate',
  sections: ['ablate'],
  // Imports reach into pipeline/stats (pairs, pattern marking, quantile) and its helpers: the whole folder.
  inputs: (ctx) => [captureIndex(ctx), ...modelFiles(modelDir(ctx)), ...pairFiles(ctx), patternsFile(ctx)],
  async run(ctx) {
    const reader = openCapture(dirname(captureIndex(ctx)));
    const model = readModelDir(modelDir(ctx));
    const files = pairFiles(ctx);
    const pairs = files.slice(1).map(readRankedPairFile);
    if (pairs.length === 0) throw new UserError(files[0], 'no analysed pairs: nothing to ablate (run the stats stage)');
    const started = Date.now();
    const outputs = await ablate({ model, reader, pairs, pattern: patternCell(ctx) }, { ...ctx.cfg.ablate, seed: ctx.cfg.seed }, (what) =>
      log('ablate', `${what} (${((Date.now() - started) / 1000).toFixed(0)} s)`),
    );
    const cpu = process.cpuUsage();
    log('ablate', `${pairs.length} pairs in ${((Date.now() - started) / 1000).toFixed(1)} s (process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`);
    return writeAblation(ctx.artifacts, outputs);
  },
};

export { OUTPUTS };

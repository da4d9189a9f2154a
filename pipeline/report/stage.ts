import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { modelFiles, readModelDir } from '../capture/model-file.ts';
import { openCapture } from '../capture/reader.ts';
import { splitOutputUnits } from '../align/tsv.ts';
import { readArtifact, writeArtifact } from '../lib/artifact.ts';
import { UserError } from '../lib/errors.ts';
import { Progress, log } from '../lib/progress.ts';
import { Vocab } from '../lib/schemas/align.ts';
import { PatternsFile } from '../lib/schemas/analyses.ts';
import { NeuronsFile, PairFile, PairsIndex } from '../lib/schemas/stats.ts';
import type { Stage, StageContext } from '../lib/stage.ts';
import { POST_SENTENCES, transliterateExample } from './examples.ts';
import { findingsInputs, writeFindings } from './findings-stage.ts';
import { pairSteps } from './histograms.ts';
import { layerReport, type CapturedText } from './layer.ts';

/**
 * report: everything the site shows that has to be computed — per neuron of every layer, its best pairs, histograms
 * of its best pairs, and the captured snippets where it fires most (`report/neurons/<layer>.json`); the post's
 * sentences through the model (`report/examples.json`). The site only reads these (schemas:
 * pipeline/lib/schemas/report.ts), so it never runs the model or imports the pipeline's analyses.
 */

export const REPORT_DECIMALS = 4;
const captureDir = (ctx: StageContext): string => join(ctx.cache, 'capture');
const modelDir = (ctx: StageContext): string => join(ctx.artifacts, 'model');
const stats = (ctx: StageContext, rel: string): string => join(ctx.artifacts, 'stats', rel);
const neuronsDir = (ctx: StageContext): string => join(ctx.artifacts, 'report', 'neurons');

function statsInputs(ctx: StageContext): string[] {
  const index = stats(ctx, 'pairs/index.json');
  if (!existsSync(index)) return [index];
  const pairs = readArtifact(index, PairsIndex);
  const neurons = existsSync(stats(ctx, 'neurons')) ? readdirSync(stats(ctx, 'neurons')).filter((f) => f.endsWith('.json')) : [];
  return [
    index,
    ...pairs.pairs.map((p) => stats(ctx, `pairs/${p.file}`)),
    ...neurons.sort().map((f) => stats(ctx, `neurons/${f}`)),
    // Optional: a run without pattern cells has none.
    ...(existsSync(stats(ctx, 'patterns.json')) ? [stats(ctx, 'patterns.json')] : []),
  ];
}

export const stage: Stage = {
  name: 'report',
  sections: [],
  inputs: (ctx) => [join(captureDir(ctx), 'index.json'), join(ctx.artifacts, 'align', 'vocab.json'), ...modelFiles(modelDir(ctx)), ...statsInputs(ctx), ...findingsInputs(ctx)],
  async run(ctx) {
    const written: string[] = [];
    const vocab = readArtifact(join(ctx.artifacts, 'align', 'vocab.json'), Vocab);
    const model = readModelDir(modelDir(ctx));
    const examplesPath = join(ctx.artifacts, 'report', 'examples.json');
    writeArtifact(examplesPath, { examples: POST_SENTENCES.map((s) => transliterateExample(model, vocab, s)) });
    written.push(examplesPath);

    const index = readArtifact(stats(ctx, 'pairs/index.json'), PairsIndex);
    const pairFiles = index.pairs.map((p) => readArtifact(stats(ctx, `pairs/${p.file}`), PairFile));
    const patternsPath = stats(ctx, 'patterns.json');
    const patterns = existsSync(patternsPath) ? readArtifact(patternsPath, PatternsFile) : null;
    const reader = openCapture(captureDir(ctx));
    const sentences: CapturedText[] = reader.sentences.map((s, i) => {
      const input = [...s.input];
      const end = i + 1 < reader.sentences.length ? reader.sentences[i + 1].start : reader.steps;
      const output = splitOutputUnits(s.output);
      if (output.length !== input.length || end - s.start !== input.length)
        throw new UserError(join(captureDir(ctx), 'sentences.jsonl'), `sentence ${s.id} does not align with its ${end - s.start} captured steps`);
      return { id: s.id, start: s.start, length: input.length, input, output };
    });
    const steps = pairSteps(reader.meta.inputId, reader.meta.targetId, index.pairs);
    const analysed = index.layers.filter((l) => reader.layers.some((c) => c.name === l.name));
    const progress = new Progress('report', analysed.length, 'layers');
    const keep = new Set<string>();
    for (const [i, l] of analysed.entries()) {
      const neurons = readArtifact(stats(ctx, `neurons/${l.name}.json`), NeuronsFile);
      const data = await reader.loadLayer(l.name);
      const report = layerReport({
        layer: l.name,
        size: l.size,
        data,
        sentences,
        pairs: index.pairs.map((p) => ({ input: p.input, output: p.output })),
        pairSteps: steps,
        neurons,
        ranking: pairFiles.map((f) => (f.layers[l.name] ?? []).map((r) => r.neuron)),
        patterns,
      });
      const path = join(neuronsDir(ctx), `${l.name}.json`);
      writeArtifact(path, report, REPORT_DECIMALS);
      written.push(path);
      keep.add(`${l.name}.json`);
      progress.set(i + 1, { layer: l.name });
    }
    progress.finish();
    // Layers no longer analysed leave no stale file behind.
    for (const f of readdirSync(neuronsDir(ctx))) if (f.endsWith('.json') && !keep.has(f)) rmSync(join(neuronsDir(ctx), f));
    log('report', `${analysed.length} layers, ${reader.sentences.length} sentences searched for firing snippets`);
    written.push(writeFindings(ctx));
    return written;
  },
};

import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { modelFiles, readModelDir } from '../capture/model-file.ts';
import { openCapture } from '../capture/reader.ts';
import { splitOutputUnits } from '../align/tsv.ts';
import { readArtifact, writeArtifact } from '../lib/artifact.ts';
import { UserError } from '../lib/errors.ts';
import { Progress, log } from '../lib/progress.ts';
import { Vocab } from '../lib/schemas/align.ts';
import { readVersionedArtifact, writeCompactArtifact } from '../lib/compact-artifact.ts';
import { NEURON_REPORT_VERSION, SENTENCES_VERSION } from '../lib/schemas/report.ts';
import { NEURONS_FILE_VERSION, NeuronsFile, PAIR_FILE_VERSION, PairFile, PairsIndex } from '../lib/schemas/stats.ts';
import { layerColumn, rankOrder } from '../lib/unit-ranking.ts';
import type { Stage, StageContext } from '../lib/stage.ts';
import { POST_SENTENCES, transliterateExample } from './examples.ts';
import { findingsInputs, writeFindings } from './findings-stage.ts';
import { pairSteps } from './histograms.ts';
import { layerReport, snippetSentences, type CapturedText } from './layer.ts';

/**
 * report: everything the site shows that has to be computed — per neuron of every layer (but concat, derived),
 * histograms of its best pairs and the captured snippets where it fires most (`report/neurons/<layer>.json`), the
 * text of those snippets' sentences once (`report/sentences.json`); the post's sentences through the model
 * (`report/examples.json`). The site only reads these (schemas:
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
    const pairFiles = index.pairs.map((p) => readVersionedArtifact(stats(ctx, `pairs/${p.file}`), PairFile, PAIR_FILE_VERSION));
    const reader = openCapture(captureDir(ctx));
    const sentences: CapturedText[] = reader.sentences.map((s, i) => {
      const length = [...s.input].length;
      const end = i + 1 < reader.sentences.length ? reader.sentences[i + 1].start : reader.steps;
      if (splitOutputUnits(s.output).length !== length || end - s.start !== length)
        throw new UserError(join(captureDir(ctx), 'sentences.jsonl'), `sentence ${s.id} does not align with its ${end - s.start} captured steps`);
      return { start: s.start, length };
    });
    const steps = pairSteps(reader.meta.inputId, reader.meta.targetId, index.pairs);
    // concat has no report of its own: the site shows fwd.h's and bwd.h's units (pipeline/lib/unit-ranking.ts).
    const analysed = index.layers.filter((l) => reader.layers.some((c) => c.name === l.name) && existsSync(stats(ctx, `neurons/${l.name}.json`)));
    const progress = new Progress('report', analysed.length, 'layers');
    const keep = new Set<string>();
    const reports: ReturnType<typeof layerReport>[] = [];
    for (const [i, l] of analysed.entries()) {
      const neurons = readVersionedArtifact(stats(ctx, `neurons/${l.name}.json`), NeuronsFile, NEURONS_FILE_VERSION);
      const data = await reader.loadLayer(l.name);
      const report = layerReport({
        layer: l.name,
        size: l.size,
        data,
        sentences,
        pairSteps: steps,
        neurons,
        firsts: pairFiles.map((f) => {
          const column = layerColumn(f.corrected, l.name);
          return column ? rankOrder(column)[0] : undefined;
        }),
      });
      reports.push(report);
      const path = join(neuronsDir(ctx), `${l.name}.json`);
      writeCompactArtifact(path, NEURON_REPORT_VERSION, report, REPORT_DECIMALS);
      written.push(path);
      keep.add(`${l.name}.json`);
      progress.set(i + 1, { layer: l.name });
    }
    progress.finish();
    // Layers no longer analysed leave no stale file behind.
    for (const f of readdirSync(neuronsDir(ctx))) if (f.endsWith('.json') && !keep.has(f)) rmSync(join(neuronsDir(ctx), f));
    const sentencesPath = join(ctx.artifacts, 'report', 'sentences.json');
    const used = snippetSentences(reports).map((line) => {
      const s = reader.sentences[line];
      return { sentence: line, id: s.id, input: s.input, output: s.output };
    });
    writeCompactArtifact(sentencesPath, SENTENCES_VERSION, { sentences: used }, REPORT_DECIMALS);
    written.push(sentencesPath);
    log('report', `${analysed.length} layers, ${reader.sentences.length} sentences searched for firing snippets`);
    written.push(writeFindings(ctx));
    return written;
  },
};

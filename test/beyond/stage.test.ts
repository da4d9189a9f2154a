import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelWeights } from '../../pipeline/capture/model-file.ts';
import type { AlignedLine } from '../../pipeline/capture/sample.ts';
import { runCapture } from '../../pipeline/capture/stage.ts';
import { stage } from '../../pipeline/beyond/stage.ts';
import { readArtifact } from '../../pipeline/lib/artifact.ts';
import { parseConfig } from '../../pipeline/lib/config.ts';
import { Rng } from '../../pipeline/lib/rng.ts';
import {
  CellsArtifact,
  CoclustersArtifact,
  NgramArtifact,
  ResponseArtifact,
  SaturationArtifact,
} from '../../pipeline/lib/schemas/beyond.ts';
import type { StageContext } from '../../pipeline/lib/stage.ts';
import { INPUT_VOCAB, OUTPUT_VOCAB, toyAlign, toySentence } from './synthetic-capture.ts';

const root = mkdtempSync(join(tmpdir(), 'beyond-stage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A random (untrained) BiLSTM in the capture's weight format: enough to produce real gate activations. */
function randomModel(units: number, hidden: number, seed: number): ModelWeights {
  const rng = new Rng(seed, 'weights');
  const w = (n: number, scale: number) => Float32Array.from({ length: n }, () => scale * rng.normal());
  const I = INPUT_VOCAB.length;
  const O = OUTPUT_VOCAB.length;
  const cell = () => ({ kernel: w(I * 4 * units, 0.8), recurrent: w(units * 4 * units, 0.4), bias: w(4 * units, 0.5) });
  return {
    cell: 'lstm', units, inputSize: I, hiddenUnits: hidden, outputSize: O, seqLen: null,
    activation: 'tanh', recurrentActivation: 'sigmoid',
    fwd: cell(), bwd: cell(),
    hiddenKernel: w(2 * units * hidden, 0.5), hiddenBias: w(hidden, 0.1), hiddenActivation: 'tanh',
    outputKernel: w((hidden + I) * O, 0.5), outputBias: w(O, 0.1),
  };
}

function context(): StageContext {
  const cfg = parseConfig(
    { run: 'beyond-test', seed: 3, corpus: { sources: [{ kind: 'embedded' }] }, beyond: { minCharCount: 3, coclusters: 3 } },
    'test config',
  );
  return { cfg, configPath: 'test config', root, artifacts: join(root, 'artifacts', cfg.run), cache: join(root, '.cache', cfg.run) };
}

describe('beyond stage', () => {
  it('reads a real capture and the train TSV, and writes five valid, reproducible artifacts', async () => {
    const ctx = context();
    const rng = new Rng(1, 'sentences');
    const make = (n: number) =>
      Array.from({ length: n }, () => {
        const input = toySentence(rng);
        return { input, output: toyAlign(input).join('') };
      });
    const test: AlignedLine[] = make(40).map((l, line) => ({ ...l, split: 'test', line }));
    await runCapture(randomModel(8, 5, 2), { input: INPUT_VOCAB, output: OUTPUT_VOCAB }, test, { test: 40 }, join(ctx.cache, 'capture'), {
      sentences: 30, splits: ['test'], dtype: 'float32', seed: 3,
    });
    mkdirSync(join(ctx.cache, 'align'), { recursive: true });
    writeFileSync(join(ctx.cache, 'align', 'train.tsv'), make(300).map((l) => `${l.input}\t${l.output}\n`).join(''));

    expect(stage.inputs(ctx).map((p) => p.slice(root.length))).toEqual([
      '/.cache/beyond-test/capture/index.json',
      '/.cache/beyond-test/align/train.tsv',
    ]);
    const written = await stage.run(ctx);
    expect(written.map((p) => p.split('/').pop())).toEqual(['saturation.json', 'cells.json', 'ngram.json', 'response.json', 'coclusters.json']);
    const dir = join(ctx.artifacts, 'beyond');
    const sat = readArtifact(join(dir, 'saturation.json'), SaturationArtifact);
    expect(sat.gates).toHaveLength(6);
    expect(sat.gates[0].left).toHaveLength(8);
    const cells = readArtifact(join(dir, 'cells.json'), CellsArtifact);
    expect(cells.features.every((f) => f.best !== null)).toBe(true);
    const ngram = readArtifact(join(dir, 'ngram.json'), NgramArtifact);
    expect(ngram.orders[2].accuracy).toBeGreaterThan(0.8); // the toy mapping is nearly a 3-window lookup
    readArtifact(join(dir, 'response.json'), ResponseArtifact);
    const cc = readArtifact(join(dir, 'coclusters.json'), CoclustersArtifact);
    expect(cc.k).toBe(3);
    expect(cc.clusters.flatMap((c) => c.units)).toHaveLength(16);

    const before = written.map((p) => readFileSync(p, 'utf8'));
    await stage.run(ctx);
    expect(written.map((p) => readFileSync(p, 'utf8'))).toEqual(before);
    expect(readArtifact(join(dir, 'response.json'), ResponseArtifact).seamSteps).toEqual({ fwd: 0, bwd: 0 });

    // With a training window in model.json, long sentences' window seams are left out of the response.
    mkdirSync(join(ctx.artifacts, 'model'), { recursive: true });
    writeFileSync(join(ctx.artifacts, 'model', 'model.json'), JSON.stringify({ userDefinedMetadata: { translit: { vocab: { input: ['<pad>', '<unk>'], output: ['<pad>', '_'] }, seqLen: 6, cell: 'lstm' } } }));
    await stage.run(ctx);
    const seams = readArtifact(join(dir, 'response.json'), ResponseArtifact).seamSteps;
    expect(seams.fwd).toBeGreaterThan(0);
    expect(seams.bwd).toBe(seams.fwd);
  });

  it('names the missing train split', async () => {
    const ctx = context();
    rmSync(join(ctx.cache, 'align'), { recursive: true, force: true });
    await expect(stage.run(ctx)).rejects.toThrow(/train\.tsv: missing: run the align stage first/);
  });
});

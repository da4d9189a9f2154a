import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { stage as captureStage } from '../../pipeline/capture/stage.ts';
import { readArtifact } from '../../pipeline/lib/artifact.ts';
import { writeJsonAtomic } from '../../pipeline/lib/atomic.ts';
import { CaptureSummary } from '../../pipeline/lib/schemas/capture.ts';
import { PairsIndex } from '../../pipeline/lib/schemas/stats.ts';
import { executeStage, makeContext } from '../../pipeline/lib/stage.ts';
import { stage as statsStage } from '../../pipeline/stats/stage.ts';
import { saveModel } from '../../pipeline/train/layers-io.ts';
import { buildModel } from './tfjs-fixture.ts';

/**
 * The capture and stats stages through the orchestrator's executeStage, on a tmp project: a random model saved by
 * the train stage's own IO, aligned TSVs and a vocabulary written as the align stage does.
 */
const root = mkdtempSync(join(tmpdir(), 'capture-stats-stages-'));
// The stages hash their code (pipeline/…) relative to the project root: link the real code into the tmp project.
symlinkSync(fileURLToPath(new URL('../../pipeline', import.meta.url)), join(root, 'pipeline'), 'dir');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const vocab = {
  input: ['<pad>', '<unk>', ' ', 'a', 'e', 's', 't', 'u', 'v'],
  output: ['<pad>', '_', ' ', 'ա', 'ե', 'ծ', 'ս', 'տ', 'ու', 'վ'],
};

function sentences(n: number, seed: number): string {
  let x = seed;
  const rnd = (k: number) => ((x = (x * 1103515245 + 12345) % 2147483648), (x >>> 16) % k);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    let a = '';
    let b = '';
    const len = 10 + rnd(30);
    for (let t = 0; t < len; t++) {
      const c = ['a', 'e', 's', 't', 'u', 'v', ' '][rnd(7)];
      a += c;
      b += c === 'a' ? 'ա' : c === 'e' ? 'ե' : c === 's' ? (rnd(3) ? 'ս' : '_') : c === 't' ? (rnd(2) ? 'տ' : 'ծ') : c === 'u' ? 'ու' : c === 'v' ? 'վ' : ' ';
    }
    lines.push(`${a}\t${b}`);
  }
  return lines.join('\n') + '\n';
}

describe('capture and stats stages', () => {
  it('run through executeStage, record their outputs, and are cached on a second call', async () => {
    await tf.setBackend('cpu');
    writeFileSync(
      join(root, 'cfg.json'),
      JSON.stringify({
        run: 'stagetest',
        seed: 4,
        corpus: { sources: [{ kind: 'embedded' }] },
        model: { cell: 'lstm', units: 6, hidden: 5 },
        capture: { sentences: 30, splits: ['test', 'val'], dtype: 'float16' },
        stats: { bins: 30, minCount: 10, topNeurons: 2, bootstrap: 4, patterns: [{ name: 'tsa', output: 'տսա' }] },
      }),
    );
    const ctx = makeContext(join(root, 'cfg.json'), root);
    mkdirSync(join(ctx.cache, 'align'), { recursive: true });
    writeFileSync(join(ctx.cache, 'align', 'test.tsv'), sentences(25, 1));
    writeFileSync(join(ctx.cache, 'align', 'val.tsv'), sentences(25, 2));
    writeJsonAtomic(join(ctx.artifacts, 'align', 'vocab.json'), { schemaVersion: 1, ...vocab });
    const model = buildModel({ cell: 'lstm', inputSize: vocab.input.length, units: 6, hidden: 5, outputSize: vocab.output.length, seed: 8 });
    await saveModel(model, join(ctx.artifacts, 'model'), { vocab, seqLen: 8, cell: 'lstm' });
    model.dispose();

    expect((await executeStage(ctx, captureStage)).ran).toBe(true);
    const summary = readArtifact(join(ctx.artifacts, 'capture', 'summary.json'), CaptureSummary);
    expect(summary.sentences).toBe(30);
    expect(summary.dtype).toBe('float16');
    expect(summary.splits.test.available + summary.splits.val.available).toBe(50);
    expect(existsSync(join(ctx.cache, 'capture', 'fwd.i.f16'))).toBe(true);

    expect((await executeStage(ctx, statsStage)).ran).toBe(true);
    const index = readArtifact(join(ctx.artifacts, 'stats', 'pairs', 'index.json'), PairsIndex);
    // Two-way splits are analysed once (s→ս is s→_'s mirror, t→տ t→ծ's).
    expect(index.pairs.map((p) => [p.label, p.mirror])).toEqual(expect.arrayContaining([['s→_', 's→ս'], ['t→ծ', 't→տ']]));
    expect(existsSync(join(ctx.artifacts, 'stats', 'signature.json'))).toBe(true);
    const claims = JSON.parse(readFileSync(join(ctx.artifacts, 'claims.json'), 'utf8')) as { claims: { id: string; figures: Record<string, unknown> }[] };
    // The stage ran the model on the claims' example sentence (whatever a random model makes of it).
    expect(typeof claims.claims.find((c) => c.id === 'translit-example')!.figures.got).toBe('string');
    const manifest = JSON.parse(readFileSync(join(ctx.artifacts, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stages.stats.outputs)).toContain('artifacts/stagetest/stats/layers.json');
    expect(Object.keys(manifest.stages.stats.inputs)).toContain('.cache/stagetest/capture/index.json');

    expect((await executeStage(ctx, captureStage)).ran).toBe(false);
    expect((await executeStage(ctx, statsStage)).ran).toBe(false);
  });
});
